//! DL3055: Label `<label>` is not a valid git hash.

use super::LabelType;
use super::facts::unquote;
use super::labels::{is_git_hash, schema_labels};
use super::{Context, Reporter, Rule, RuleMeta};
use crate::diagnostics::Severity;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3055",
        name: "label-git-hash",
        default_severity: Severity::Warning,
        aliases: &[],
        summary: "Label `<label>` is not a valid git hash.",
        page: include_str!("../../rules/DL3055.md"),
        fixable: false,
        off_by_default: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for (label, pair) in schema_labels(cx, LabelType::Hash) {
        let value = unquote(&pair.value.value);
        // A variable's value is not known here.
        if !value.is_empty() && !value.contains('$') && !is_git_hash(value) {
            out.report(
                pair.value.span,
                format!("Label `{label}` is not a valid git hash."),
            );
        }
    }
}
