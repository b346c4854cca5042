//! LL2007: COPY . copies the Dockerfile or .dockerignore.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "LL2007",
        name: "dockerfile-in-context",
        default_severity: Severity::Style,
        aliases: &[],
        peer_checks: &[],
        summary: "COPY . copies the Dockerfile or .dockerignore",
        page: include_str!("../../../rules/LL2007.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for advice in super::layers(cx).dockerfile_in_context() {
        super::report(out, advice);
    }
}
