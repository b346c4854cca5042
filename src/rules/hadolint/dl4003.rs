//! DL4003: Multiple `CMD` instructions found.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL4003",
        name: "multiple-cmd",
        default_severity: Severity::Warning,
        aliases: &["MultipleInstructionsDisallowed", "DS-0016"],
        peer_checks: &[],
        summary: "Multiple `CMD` instructions found. If you list more than one `CMD` then only the last `CMD` will take effect",
        page: include_str!("../../../rules/DL4003.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Multiple `CMD` instructions found. If you list more than one `CMD` then only the last `CMD` will take effect";

fn check(cx: &Context, out: &mut Reporter) {
    for (later, earlier) in crate::rules::facts::overrides(cx, Keyword::Cmd) {
        out.report_related(
            later.keyword_word.span,
            MESSAGE,
            vec![earlier.keyword_word.span],
        );
    }
}
