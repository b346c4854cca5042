//! LL3009: the image has no HEALTHCHECK.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "LL3009",
        name: "no-healthcheck",
        default_severity: Severity::Info,
        aliases: &["DS-0026", "CKV_DOCKER_2"],
        peer_checks: &[],
        summary: "Add a HEALTHCHECK to the final stage, so the runtime can tell a hung container from a working one",
        page: include_str!("../../../rules/LL3009.md"),
        fixable: false,
        off_by_default: true,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    // `HEALTHCHECK NONE` is a decision too; a base image's own check cannot be seen.
    if let Some(last) = super::final_stage_without(cx, Keyword::Healthcheck) {
        out.report(
            last.image.span,
            "the final stage has no HEALTHCHECK (write `HEALTHCHECK NONE` if the base image's is right, or none is wanted)",
        );
    }
}
