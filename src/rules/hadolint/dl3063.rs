//! DL3063: stage name should not be a reserved word.

use crate::diagnostics::Severity;
use crate::rules::facts::stage_name_word;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3063",
        name: "reserved-stage-name",
        default_severity: Severity::Warning,
        aliases: &["ReservedStageName"],
        peer_checks: &[],
        summary: "stage name should not be a reserved word",
        page: include_str!("../../../rules/DL3063.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "stage name should not be a reserved word";

fn check(cx: &Context, out: &mut Reporter) {
    for stage in &cx.model.stages {
        if matches!(stage.name.as_deref(), Some("scratch" | "context"))
            && let Some(name) = stage_name_word(&cx.instructions()[stage.from])
        {
            out.report(name.span, MESSAGE);
        }
    }
}
