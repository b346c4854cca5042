//! ExposeInvalidFormat: IP address and host-port mapping should not be used in EXPOSE instruction.

use crate::diagnostics::Severity;
use crate::rules::facts::expose_words;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "ExposeInvalidFormat",
        name: "expose-invalid-format",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release",
        page: include_str!("../../../rules/ExposeInvalidFormat.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for port in expose_words(cx) {
        if port.value.contains(':') && !port.value.starts_with('$') {
            out.report(
                port.span,
                format!(
                    "EXPOSE instruction should not define an IP address or host-port mapping, found '{}'",
                    port.value
                ),
            );
        }
    }
}
