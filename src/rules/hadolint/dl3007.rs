//! DL3007: Using latest is prone to errors if the image will ever update.

use crate::diagnostics::Severity;
use crate::model::Base;
use crate::rules::facts::image_ref;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3007",
        name: "latest-tag",
        default_severity: Severity::Warning,
        aliases: &["DS-0001", "CKV_DOCKER_7"],
        peer_checks: &[],
        summary: "Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag",
        page: include_str!("../../../rules/DL3007.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag";

fn check(cx: &Context, out: &mut Reporter) {
    for stage in &cx.model.stages {
        if let Base::Image {
            resolved: Some(reference),
            ..
        } = &stage.base
        {
            let parts = image_ref(reference);
            if parts.digest.is_none() && parts.tag == Some("latest") {
                out.report(stage.image.span, MESSAGE);
            }
        }
    }
}
