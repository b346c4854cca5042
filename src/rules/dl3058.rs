//! DL3058: Label `<label>` is not a valid email format - must conform to RFC5322.

use super::LabelType;
use super::facts::unquote;
use super::labels::{is_email, schema_labels};
use super::{Context, Reporter, Rule, RuleMeta};
use crate::diagnostics::Severity;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3058",
        name: "label-email",
        default_severity: Severity::Warning,
        aliases: &[],
        summary: "Label `<label>` is not a valid email format - must conform to RFC5322.",
        page: include_str!("../../rules/DL3058.md"),
        fixable: false,
        off_by_default: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for (label, pair) in schema_labels(cx, LabelType::Email) {
        let value = unquote(&pair.value.value);
        // A variable's value is not known here.
        if !value.is_empty() && !value.contains('$') && !is_email(value) {
            out.report(
                pair.value.span,
                format!("Label `{label}` is not a valid email format - must conform to RFC5322."),
            );
        }
    }
}
