//! FromPlatformFlagConstDisallowed: FROM --platform flag should not use a constant value.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "FromPlatformFlagConstDisallowed",
        name: "from-platform-flag-const-disallowed",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "FROM --platform flag should not use a constant value",
        page: include_str!("../../../rules/FromPlatformFlagConstDisallowed.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for stage in &cx.model.stages {
        let Some(flag) = cx.instructions()[stage.from].flag("platform") else {
            continue;
        };
        let value = flag.value().unwrap_or("");
        if value.contains('$') {
            continue;
        }
        // `FROM --platform=linux/arm64 ... AS build-arm64` is deliberate.
        let mut parts = value.split('/');
        let (os, arch) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let name = stage.name.as_deref().unwrap_or("");
        if !name.is_empty()
            && ((!os.is_empty() && name.contains(os)) || (!arch.is_empty() && name.contains(arch)))
        {
            continue;
        }
        out.report(
            flag.span,
            format!("FROM --platform flag should not use constant value {value:?}"),
        );
    }
}
