//! LL3010: the final stage never sets a USER.

use crate::diagnostics::Severity;
use crate::model::Base;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "LL3010",
        name: "no-user",
        default_severity: Severity::Info,
        aliases: &["CKV_DOCKER_3", "DS-0002"],
        peer_checks: &[],
        summary: "Set a non-root USER in the final stage; without one the container runs as the base image's user, root for most",
        page: include_str!("../../../rules/LL3010.md"),
        fixable: false,
        off_by_default: true,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    let Some(last) = super::final_stage_without(cx, Keyword::User) else {
        return;
    };
    // The first stage of the chain decides the image the user comes from.
    let mut root = last;
    while let Base::Stage(parent) = root.base {
        match cx.model.stages.get(parent) {
            Some(p) if p.index < root.index => root = p,
            _ => break,
        }
    }
    // Images built to run unprivileged say so in their reference.
    let image = root.image.value.to_ascii_lowercase();
    if image.contains("nonroot") || image.contains("rootless") {
        return;
    }
    out.report(
        last.image.span,
        "the final stage sets no USER, so the container runs as the base image's user (root unless the image says otherwise)",
    );
}
