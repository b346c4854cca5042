//! DL3047: Avoid use of wget without progress bar.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3047",
        name: "wget-progress",
        default_severity: Severity::Info,
        aliases: &[],
        peer_checks: &[],
        summary: "Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`. Or consider using `-q` or `-nv` (shorthands for `--quiet` or `--no-verbose`).",
        page: include_str!("../../../rules/DL3047.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`. Or consider using `-q` or `-nv` (shorthands for `--quiet` or `--no-verbose`).";

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(true) {
        let quiet = command.has_any_flag(&[
            "progress",
            "q",
            "quiet",
            "o",
            "output-file",
            "a",
            "append-output",
            "no-verbose",
        ]) || command.has_arg("-nv");
        if command.name == "wget" && !quiet {
            let fix = command
                .args
                .first()
                .filter(|_| crate::rules::facts::verbatim(cx, command))
                .map(|first| crate::diagnostics::Fix {
                    message: "add `--progress=dot:giga`".into(),
                    applicability: crate::diagnostics::Applicability::Safe,
                    edits: vec![crate::diagnostics::Edit {
                        span: crate::syntax::Span::new(first.span.start, first.span.start),
                        replacement: "--progress=dot:giga ".into(),
                    }],
                });
            out.report_with_fix(command.span, MESSAGE, fix);
        }
    }
}
