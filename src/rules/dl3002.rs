//! DL3002: Last USER should not be root.

use super::{Context, Reporter, Rule, RuleMeta};
use crate::diagnostics::Severity;
use crate::model::Base;
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3002",
        name: "last-user-root",
        default_severity: Severity::Warning,
        aliases: &[],
        summary: "Last USER should not be root",
        page: include_str!("../../rules/DL3002.md"),
        fixable: false,
        off_by_default: false,
    },
    check,
};

const MESSAGE: &str = "Last USER should not be root";

fn check(cx: &Context, out: &mut Reporter) {
    // Only the image that is shipped matters: the last stage, whose USER may come from
    // the stage it is built on.
    let mut stage = cx.model.stages.last();
    while let Some(s) = stage {
        let user = cx.instructions()[s.body.clone()]
            .iter()
            .rev()
            .find(|i| i.keyword == Keyword::User);
        if let Some(user) = user {
            if let Args::Text(word) = &user.args
                && is_root(&word.value)
            {
                out.report(word.span, MESSAGE);
            }
            return;
        }
        stage = match s.base {
            Base::Stage(parent) => cx.model.stages.get(parent),
            _ => None,
        };
    }
}

fn is_root(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or(user).trim();
    name == "root" || name == "0"
}
