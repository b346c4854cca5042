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
        peer_checks: &[],
        summary: "Protocol in EXPOSE instruction should be lowercase",
        page: include_str!("../../../rules/ExposeProtoCasing.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for port in expose_words(cx) {
        if let Some((number, proto)) = port.value.split_once('/')
            && proto != proto.to_lowercase()
        {
            // Only a port written as it reads (no quotes or variables) is rewritten.
            let fix = (cx.dockerfile.text(port.span) == port.value).then(|| {
                let fixed = format!("{number}/{}", proto.to_lowercase());
                crate::diagnostics::Fix {
                    message: format!("write `{fixed}`"),
                    applicability: crate::diagnostics::Applicability::Safe,
                    edits: vec![crate::diagnostics::Edit {
                        span: port.span,
                        replacement: fixed,
                    }],
                }
            });
            out.report_with_fix(
                port.span,
                format!(
                    "Defined protocol '{}' in EXPOSE instruction should be lowercase",
                    port.value
                ),
                fix,
            );
        }
    }
}
