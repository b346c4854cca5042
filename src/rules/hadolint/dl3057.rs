//! DL3057: `HEALTHCHECK` instruction missing.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3057",
        name: "healthcheck-missing",
        default_severity: Severity::Info,
        aliases: &[],
        peer_checks: &[],
        summary: "`HEALTHCHECK` instruction missing.",
        page: include_str!("../../../rules/DL3057.md"),
        fixable: false,
        off_by_default: true,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "`HEALTHCHECK` instruction missing.";

fn check(cx: &Context, out: &mut Reporter) {
    for stage in &cx.model.stages {
        // A stage a later one builds on passes its HEALTHCHECK down; judge the leaves.
        if cx.model.has_children(stage.index) {
            continue;
        }
        let found = cx
            .model
            .stage_lineage(stage.index)
            .any(|(_, i)| i.keyword == Keyword::Healthcheck);
        if !found {
            out.report(stage.image.span, MESSAGE);
        }
    }
}
