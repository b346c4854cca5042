//! LL2001: COPY . before dependency install.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "LL2001",
        name: "copy-before-install",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "COPY . before dependency install",
        page: include_str!("../../../rules/LL2001.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for advice in super::layers(cx).copy_before_install() {
        super::report(out, advice);
    }
}
