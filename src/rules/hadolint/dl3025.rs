//! DL3025: Use arguments JSON notation for CMD and ENTRYPOINT arguments.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Command, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3025",
        name: "json-args",
        default_severity: Severity::Warning,
        aliases: &["JSONArgsRecommended"],
        peer_checks: &[],
        summary: "Use arguments JSON notation for CMD and ENTRYPOINT arguments",
        page: include_str!("../../../rules/DL3025.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Use arguments JSON notation for CMD and ENTRYPOINT arguments";

fn check(cx: &Context, out: &mut Reporter) {
    for instruction in cx.instructions() {
        if !matches!(
            instruction.keyword,
            Keyword::Cmd | Keyword::Entrypoint | Keyword::Healthcheck
        ) {
            continue;
        }
        if let Some(Command::Shell(word)) = instruction.command() {
            out.report_with_fix(word.span, MESSAGE, json_form(&word.value, word.span));
        }
    }
}

/// The command in JSON form: its words, when it has no shell syntax (safe), or
/// `["/bin/sh", "-c", "..."]` when it has (unsafe: the shell stays PID 1 and the signals
/// still go to it, but the command no longer goes through SHELL).
fn json_form(command: &str, span: crate::syntax::Span) -> Option<crate::diagnostics::Fix> {
    use crate::diagnostics::{Applicability, Edit, Fix};
    let command = command.trim();
    if command.is_empty() {
        return None;
    }
    let shell_syntax = command.contains([
        '$', '`', '|', '&', ';', '<', '>', '(', ')', '*', '?', '[', ']', '~', '"', '\'', '\\', '#',
        '{', '}', '=',
    ]);
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let (words, applicability, message) = if shell_syntax {
        (
            vec![quote("/bin/sh"), quote("-c"), quote(command)],
            Applicability::Unsafe,
            "run it through `/bin/sh -c` in JSON form",
        )
    } else {
        (
            command.split_whitespace().map(quote).collect(),
            Applicability::Safe,
            "write it in JSON form",
        )
    };
    Some(Fix {
        message: message.into(),
        applicability,
        edits: vec![Edit {
            span,
            replacement: format!("[{}]", words.join(", ")),
        }],
    })
}
