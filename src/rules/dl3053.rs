//! DL3053: Label `<label>` is not a valid time format - must conform to RFC3339.

use super::LabelType;
use super::facts::unquote;
use super::labels::{is_rfc3339, schema_labels};
use super::{Context, Reporter, Rule, RuleMeta};
use crate::diagnostics::Severity;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3053",
        name: "label-rfc3339",
        default_severity: Severity::Warning,
        aliases: &[],
        summary: "Label `<label>` is not a valid time format - must conform to RFC3339.",
        page: include_str!("../../rules/DL3053.md"),
        fixable: false,
        off_by_default: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for (label, pair) in schema_labels(cx, LabelType::Rfc3339) {
        let value = unquote(&pair.value.value);
        // A variable's value is not known here.
        if !value.is_empty() && !value.contains('$') && !is_rfc3339(value) {
            out.report(
                pair.value.span,
                format!("Label `{label}` is not a valid time format - must conform to RFC3339."),
            );
        }
    }
}
