//! DL3002: Last USER should not be root.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3002",
        name: "last-user-root",
        default_severity: Severity::Warning,
        aliases: &["DS-0002", "CKV_DOCKER_8"],
        peer_checks: &[],
        summary: "Last USER should not be root",
        page: include_str!("../../../rules/DL3002.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Last USER should not be root";

fn check(cx: &Context, out: &mut Reporter) {
    // Only the image that is shipped matters: the last stage, whose USER may come from
    // the stage it is built on.
    let Some(last) = cx.model.stages.last() else {
        return;
    };
    let user = cx
        .model
        .stage_lineage(last.index)
        .find(|(_, i)| i.keyword == Keyword::User);
    if let Some((_, user)) = user
        && let Args::Text(word) = &user.args
        && is_root(&word.value)
    {
        out.report(word.span, MESSAGE);
    }
}

fn is_root(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or(user).trim();
    name == "root" || name == "0"
}
