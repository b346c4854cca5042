//! DL3029: Do not use --platform flag with FROM.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3029",
        name: "from-platform",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Do not use --platform flag with FROM",
        page: include_str!("../../../rules/DL3029.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Do not use --platform flag with FROM";

fn check(cx: &Context, out: &mut Reporter) {
    for stage in &cx.model.stages {
        if let Some(flag) = cx.instructions()[stage.from].flag("platform") {
            let value = flag.value().unwrap_or("");
            if !value.contains("BUILDPLATFORM") && !value.contains("TARGETPLATFORM") {
                out.report(flag.span, MESSAGE);
            }
        }
    }
}
