//! LL2004: ARG declared before expensive steps that do not use it.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "LL2004",
        name: "early-volatile-arg",
        default_severity: Severity::Style,
        aliases: &[],
        peer_checks: &[],
        summary: "ARG declared before expensive steps that do not use it",
        page: include_str!("../../../rules/LL2004.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for advice in super::layers(cx).early_volatile_arg() {
        super::report(out, advice);
    }
}
