//! ExposeProtoCasing: Protocol in EXPOSE instruction should be lowercase.

use crate::diagnostics::Severity;
use crate::rules::facts::expose_words;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "ExposeProtoCasing",
        name: "expose-proto-casing",
        default_severity: Severity::Warning,
        aliases: &[],
        summary: "Protocol in EXPOSE instruction should be lowercase",
        page: include_str!("../../../rules/ExposeProtoCasing.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for port in expose_words(cx) {
        if let Some((_, proto)) = port.value.split_once('/')
            && proto != proto.to_lowercase()
        {
            out.report(
                port.span,
                format!(
                    "Defined protocol '{}' in EXPOSE instruction should be lowercase",
                    port.value
                ),
            );
        }
    }
}
