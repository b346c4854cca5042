//! DL3024: FROM aliases (stage names) must be unique.

use crate::diagnostics::Severity;
use crate::rules::facts::stage_name_word;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3024",
        name: "duplicate-stage-name",
        default_severity: Severity::Error,
        aliases: &["DuplicateStageName", "DS-0012", "CKV_DOCKER_11"],
        peer_checks: &[],
        summary: "FROM aliases (stage names) must be unique",
        page: include_str!("../../../rules/DL3024.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "FROM aliases (stage names) must be unique";

fn check(cx: &Context, out: &mut Reporter) {
    for (n, stage) in cx.model.stages.iter().enumerate() {
        let Some(name) = &stage.name else {
            continue;
        };
        let duplicate = cx.model.stages[..n]
            .iter()
            .any(|s| s.name.as_deref() == Some(name.as_str()));
        if duplicate && let Some(word) = stage_name_word(&cx.instructions()[stage.from]) {
            out.report(word.span, MESSAGE);
        }
    }
}
