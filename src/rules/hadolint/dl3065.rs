//! DL3065: Setting `FROM --platform` to predefined `$TARGETPLATFORM` in is redundant as this is the default behavior.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3065",
        name: "redundant-target-platform",
        default_severity: Severity::Warning,
        aliases: &["RedundantTargetPlatform"],
        peer_checks: &[],
        summary: "Setting `FROM --platform` to predefined `$TARGETPLATFORM` in is redundant as this is the default behavior",
        page: include_str!("../../../rules/DL3065.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Setting `FROM --platform` to predefined `$TARGETPLATFORM` in is redundant as this is the default behavior";

fn check(cx: &Context, out: &mut Reporter) {
    for stage in &cx.model.stages {
        if let Some(flag) = cx.instructions()[stage.from].flag("platform")
            && matches!(flag.value(), Some("$TARGETPLATFORM" | "${TARGETPLATFORM}"))
        {
            out.report(flag.span, MESSAGE);
        }
    }
}
