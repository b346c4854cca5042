//! StageNameCasing: Stage names should be lowercase.

use crate::diagnostics::Severity;
use crate::rules::facts::stage_name_word;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "StageNameCasing",
        name: "stage-name-casing",
        default_severity: Severity::Warning,
        aliases: &[],
        summary: "Stage names should be lowercase",
        page: include_str!("../../../rules/StageNameCasing.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for stage in &cx.model.stages {
        if let Some(name) = stage_name_word(&cx.instructions()[stage.from])
            && name.value != name.value.to_lowercase()
        {
            out.report(
                name.span,
                format!("Stage name '{}' should be lowercase", name.value),
            );
        }
    }
}
