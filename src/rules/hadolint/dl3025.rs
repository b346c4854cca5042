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
        summary: "Use arguments JSON notation for CMD and ENTRYPOINT arguments",
        page: include_str!("../../../rules/DL3025.md"),
        fixable: false,
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
            out.report(word.span, MESSAGE);
        }
    }
}
