//! DL3050: Superfluous label(s) present.

use crate::diagnostics::Severity;
use crate::rules::facts::unquote;
use crate::rules::labels::all_labels;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3050",
        name: "label-superfluous",
        default_severity: Severity::Info,
        aliases: &[],
        peer_checks: &[],
        summary: "Superfluous label(s) present.",
        page: include_str!("../../../rules/DL3050.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Superfluous label(s) present.";

fn check(cx: &Context, out: &mut Reporter) {
    if !cx.settings.strict_labels || cx.settings.label_schema.is_empty() {
        return;
    }
    for pair in all_labels(cx) {
        let key = unquote(&pair.key.value);
        if !cx.settings.label_schema.iter().any(|(l, _)| l == key) {
            out.report(pair.key.span, MESSAGE);
        }
    }
}
