//! DL3054: Label `<label>` is not a valid SPDX identifier.

use super::LabelType;
use super::facts::unquote;
use super::labels::{is_spdx, schema_labels};
use super::{Context, Reporter, Rule, RuleMeta};
use crate::diagnostics::Severity;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3054",
        name: "label-spdx",
        default_severity: Severity::Warning,
        aliases: &[],
        summary: "Label `<label>` is not a valid SPDX identifier.",
        page: include_str!("../../rules/DL3054.md"),
        fixable: false,
        off_by_default: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for (label, pair) in schema_labels(cx, LabelType::Spdx) {
        let value = unquote(&pair.value.value);
        // A variable's value is not known here.
        if !value.is_empty() && !value.contains('$') && !is_spdx(value) {
            out.report(
                pair.value.span,
                format!("Label `{label}` is not a valid SPDX identifier."),
            );
        }
    }
}
