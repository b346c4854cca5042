//! DL3052: Label `<label>` is not a valid URL.

use super::LabelType;
use super::facts::unquote;
use super::labels::{is_url, schema_labels};
use super::{Context, Reporter, Rule, RuleMeta};
use crate::diagnostics::Severity;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3052",
        name: "label-url",
        default_severity: Severity::Warning,
        aliases: &[],
        summary: "Label `<label>` is not a valid URL.",
        page: include_str!("../../rules/DL3052.md"),
        fixable: false,
        off_by_default: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for (label, pair) in schema_labels(cx, LabelType::Url) {
        let value = unquote(&pair.value.value);
        // A variable's value is not known here.
        if !value.is_empty() && !value.contains('$') && !is_url(value) {
            out.report(
                pair.value.span,
                format!("Label `{label}` is not a valid URL."),
            );
        }
    }
}
