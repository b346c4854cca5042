//! LL2002: Cleanup in a separate RUN.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "LL2002",
        name: "cleanup-in-separate-run",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Cleanup in a separate RUN",
        page: include_str!("../../../rules/LL2002.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for advice in super::layers(cx).cleanup_in_separate_run() {
        super::report(out, advice);
    }
}
