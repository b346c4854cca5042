//! DL3049: Label `<label>` is missing.

use crate::diagnostics::Severity;
use crate::rules::facts::unquote;
use crate::rules::labels::stage_labels;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3049",
        name: "label-missing",
        default_severity: Severity::Info,
        aliases: &[],
        peer_checks: &[],
        summary: "Label `<label>` is missing.",
        page: include_str!("../../../rules/DL3049.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for stage in &cx.model.stages {
        let present = stage_labels(cx, stage);
        for (label, _) in &cx.settings.label_schema {
            if !present.iter().any(|p| unquote(&p.key.value) == label) {
                out.report(stage.image.span, format!("Label `{label}` is missing."));
            }
        }
    }
}
