//! DL3055: Label `<label>` is not a valid git hash.

use crate::diagnostics::Severity;
use crate::rules::LabelType;
use crate::rules::labels::{is_git_hash, report_invalid};
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3055",
        name: "label-git-hash",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Label `<label>` is not a valid git hash.",
        page: include_str!("../../../rules/DL3055.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    report_invalid(
        cx,
        out,
        LabelType::Hash,
        is_git_hash,
        "is not a valid git hash.",
    );
}
