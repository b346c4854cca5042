//! DL3006: FROM should name an explicit tag or digest.

use crate::diagnostics::Severity;
use crate::model::Base;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3006",
        name: "untagged-from",
        default_severity: Severity::Warning,
        aliases: &["DS-0001", "CKV_DOCKER_7"],
        peer_checks: &[],
        summary: "Always tag the version of an image explicitly",
        page: include_str!("../../../rules/DL3006.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for stage in &cx.model.stages {
        let Base::Image { written, resolved } = &stage.base else {
            // scratch or an earlier stage: nothing to pin here.
            continue;
        };
        let untagged = match resolved {
            Some(reference) => !has_tag_or_digest(reference),
            // A variable without a default: untagged only if the name part after the
            // last `/` is plain text (`${REGISTRY}/app`), not if a variable may hold the tag.
            None => {
                let last = written.rsplit('/').next().unwrap_or(written);
                !last.contains('$') && !has_tag_or_digest(last)
            }
        };
        if untagged {
            out.report(
                stage.image.span,
                "Always tag the version of an image explicitly",
            );
        }
    }
}

/// `name:tag` or `name@digest`; a port in the registry part (`host:5000/name`) is no tag.
fn has_tag_or_digest(reference: &str) -> bool {
    let last_component = reference.rsplit('/').next().unwrap_or(reference);
    reference.contains('@') || last_component.contains(':')
}

#[cfg(test)]
mod tests {
    #[test]
    fn tag_detection() {
        for ok in [
            "alpine:3.20",
            "reg:5000/app:1",
            "alpine@sha256:abc",
            "a/b/c:latest",
        ] {
            assert!(super::has_tag_or_digest(ok), "{ok}");
        }
        for bad in ["alpine", "reg:5000/app", "library/debian"] {
            assert!(!super::has_tag_or_digest(bad), "{bad}");
        }
    }
}
