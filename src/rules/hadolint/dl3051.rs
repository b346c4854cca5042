//! DL3051: label `<label>` is empty.

use crate::diagnostics::Severity;
use crate::rules::facts::unquote;
use crate::rules::labels::all_labels;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3051",
        name: "label-empty",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "label `<label>` is empty.",
        page: include_str!("../../../rules/DL3051.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for pair in all_labels(cx) {
        let key = unquote(&pair.key.value);
        if cx.settings.label_schema.iter().any(|(l, _)| l == key)
            && unquote(&pair.value.value).is_empty()
        {
            out.report(pair.value.span, format!("label `{key}` is empty."));
        }
    }
}
