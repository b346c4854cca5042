//! DL3012: Multiple `HEALTHCHECK` instructions.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3012",
        name: "multiple-healthcheck",
        default_severity: Severity::Error,
        aliases: &["MultipleInstructionsDisallowed", "DS-0023"],
        peer_checks: &[],
        summary: "Multiple `HEALTHCHECK` instructions",
        page: include_str!("../../../rules/DL3012.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Multiple `HEALTHCHECK` instructions";

fn check(cx: &Context, out: &mut Reporter) {
    for (later, earlier) in crate::rules::facts::overrides(cx, Keyword::Healthcheck) {
        out.report_related(
            later.keyword_word.span,
            MESSAGE,
            vec![earlier.keyword_word.span],
        );
    }
}
