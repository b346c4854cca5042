//! LL2003: Package index update without install in the same RUN.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "LL2003",
        name: "update-without-install",
        default_severity: Severity::Warning,
        aliases: &["DS-0017", "CKV_DOCKER_5"],
        peer_checks: &[],
        summary: "Package index update without install in the same RUN",
        page: include_str!("../../../rules/LL2003.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for advice in super::layers(cx).update_without_install() {
        super::report(out, advice);
    }
}
