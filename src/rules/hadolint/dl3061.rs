//! DL3061: Invalid instruction order.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3061",
        name: "instruction-order",
        default_severity: Severity::Error,
        aliases: &[],
        peer_checks: &[],
        summary: "Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment.",
        page: include_str!("../../../rules/DL3061.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str =
    "Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment.";

fn check(cx: &Context, out: &mut Reporter) {
    for instruction in cx.instructions() {
        match instruction.keyword {
            Keyword::From => return,
            Keyword::Arg => {}
            _ => out.report(instruction.keyword_word.span, MESSAGE),
        }
    }
}
