//! DL3003: Use WORKDIR to switch to a directory.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3003",
        name: "cd-in-run",
        default_severity: Severity::Warning,
        aliases: &["DS-0013"],
        peer_checks: &[],
        summary: "Use WORKDIR to switch to a directory",
        page: include_str!("../../../rules/DL3003.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Use WORKDIR to switch to a directory";

fn check(cx: &Context, out: &mut Reporter) {
    for (index, command) in cx.commands(false) {
        if command.name == "cd" {
            let fix = workdir_instead(cx, index, command);
            out.report_with_fix(command.span, MESSAGE, fix);
        }
    }
}

/// `RUN cd DIR && rest` becomes `WORKDIR DIR` and `RUN rest`. Unsafe: every later
/// instruction of the stage now runs in DIR too.
fn workdir_instead(
    cx: &Context,
    index: usize,
    cd: &crate::shell::Command,
) -> Option<crate::diagnostics::Fix> {
    use crate::syntax::{Args, Command};
    let run = &cx.instructions()[index];
    let Args::Command(Command::Shell(script)) = &run.args else {
        return None;
    };
    let [dir] = cd.args.as_slice() else {
        return None;
    };
    let text = cx.dockerfile.text(script.span);
    // The cd must open the script, with `&&` right after its folder.
    if cd.span.start != script.span.start
        || !crate::rules::facts::verbatim(cx, cd)
        || dir.raw().contains(['$', '"', '\'', '`'])
        || !run.heredocs.is_empty()
    {
        return None;
    }
    let after = &text[dir.span.end - script.span.start..];
    let rest = after.trim_start_matches([' ', '\t', '\\', '\r', '\n']);
    let rest = rest
        .strip_prefix("&&")?
        .trim_start_matches([' ', '\t', '\\', '\r', '\n']);
    if rest.is_empty() {
        return None;
    }
    let newline = cx.dockerfile.newline();
    let lower = run
        .keyword_word
        .value
        .chars()
        .all(|c| c.is_ascii_lowercase());
    let flags: String = run
        .flags
        .iter()
        .map(|f| format!(" {}", cx.dockerfile.text(f.span)))
        .collect();
    Some(crate::diagnostics::Fix {
        message: format!("use `WORKDIR {}`", dir.raw()),
        applicability: crate::diagnostics::Applicability::Unsafe,
        edits: vec![crate::diagnostics::Edit {
            span: run.keyword_word.span.cover(script.span),
            replacement: format!(
                "{} {}{newline}{}{flags} {rest}",
                if lower { "workdir" } else { "WORKDIR" },
                dir.raw(),
                run.keyword_word.value
            ),
        }],
    })
}
