//! DL4004: Multiple `ENTRYPOINT` instructions found.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL4004",
        name: "multiple-entrypoint",
        default_severity: Severity::Error,
        aliases: &["MultipleInstructionsDisallowed", "DS-0007"],
        peer_checks: &[],
        summary: "Multiple `ENTRYPOINT` instructions found. If you list more than one `ENTRYPOINT` then only the last `ENTRYPOINT` will take effect",
        page: include_str!("../../../rules/DL4004.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Multiple `ENTRYPOINT` instructions found. If you list more than one `ENTRYPOINT` then only the last `ENTRYPOINT` will take effect";

fn check(cx: &Context, out: &mut Reporter) {
    for (later, earlier) in crate::rules::facts::overrides(cx, Keyword::Entrypoint) {
        out.report_related(
            later.keyword_word.span,
            MESSAGE,
            vec![earlier.keyword_word.span],
        );
    }
}
