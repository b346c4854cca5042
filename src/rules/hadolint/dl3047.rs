//! DL3047: Avoid use of wget without progress bar.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3047",
        name: "wget-progress",
        default_severity: Severity::Info,
        aliases: &[],
        summary: "Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`. Or consider using `-q` or `-nv` (shorthands for `--quiet` or `--no-verbose`).",
        page: include_str!("../../../rules/DL3047.md"),
        fixable: false,
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
            out.report(command.span, MESSAGE);
        }
    }
}
