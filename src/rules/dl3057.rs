//! DL3057: `HEALTHCHECK` instruction missing.

use super::{Context, Reporter, Rule, RuleMeta};
use crate::diagnostics::Severity;
use crate::model::Base;
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3057",
        name: "healthcheck-missing",
        default_severity: Severity::Info,
        aliases: &[],
        summary: "`HEALTHCHECK` instruction missing.",
        page: include_str!("../../rules/DL3057.md"),
        fixable: false,
        off_by_default: true,
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
        let mut current = Some(stage);
        let mut found = false;
        while let Some(s) = current {
            if cx.instructions()[s.body.clone()]
                .iter()
                .any(|i| i.keyword == Keyword::Healthcheck)
            {
                found = true;
                break;
            }
            current = match s.base {
                Base::Stage(p) => cx.model.stages.get(p),
                _ => None,
            };
        }
        if !found {
            out.report(stage.image.span, MESSAGE);
        }
    }
}
