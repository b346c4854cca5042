//! DL3066: Non-numeric user-id may not be resolvable by host system.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3066",
        name: "non-numeric-user",
        default_severity: Severity::Info,
        aliases: &[],
        peer_checks: &[],
        summary: "Non-numeric user-id may not be resolvable by host system",
        page: include_str!("../../../rules/DL3066.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Non-numeric user-id may not be resolvable by host system";

fn check(cx: &Context, out: &mut Reporter) {
    // The user the container runs as: the last USER in effect at the end of the last
    // stage (hadolint PR #1239).
    // A fragment with no FROM (hadolint lints those too) runs as its last USER.
    let user = match cx.model.stages.last() {
        Some(last) => cx
            .model
            .stage_lineage(last.index)
            .find(|(_, i)| i.keyword == Keyword::User)
            .map(|(_, i)| i),
        None => cx
            .instructions()
            .iter()
            .rev()
            .find(|i| i.keyword == Keyword::User),
    };
    let Some(user) = user else {
        return;
    };
    let Args::Text(word) = &user.args else {
        return;
    };
    let uid = word.value.split(':').next().unwrap_or("");
    if !uid.contains('$') && !uid.chars().all(|c| c.is_ascii_digit()) {
        out.report(word.span, MESSAGE);
    }
}
