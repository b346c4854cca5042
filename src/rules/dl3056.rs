//! DL3056: Label `<label>` does not conform to semantic versioning.

use super::LabelType;
use super::facts::unquote;
use super::labels::{is_semver, schema_labels};
use super::{Context, Reporter, Rule, RuleMeta};
use crate::diagnostics::Severity;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3056",
        name: "label-semver",
        default_severity: Severity::Warning,
        aliases: &[],
        summary: "Label `<label>` does not conform to semantic versioning.",
        page: include_str!("../../rules/DL3056.md"),
        fixable: false,
        off_by_default: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for (label, pair) in schema_labels(cx, LabelType::Semver) {
        let value = unquote(&pair.value.value);
        // A variable's value is not known here.
        if !value.is_empty() && !value.contains('$') && !is_semver(value) {
            out.report(
                pair.value.span,
                format!("Label `{label}` does not conform to semantic versioning."),
            );
        }
    }
}
