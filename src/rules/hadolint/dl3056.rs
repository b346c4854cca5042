//! DL3056: Label `<label>` does not conform to semantic versioning.

use crate::diagnostics::Severity;
use crate::rules::LabelType;
use crate::rules::labels::{is_semver, report_invalid};
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3056",
        name: "label-semver",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Label `<label>` does not conform to semantic versioning.",
        page: include_str!("../../../rules/DL3056.md"),
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
        LabelType::Semver,
        is_semver,
        "does not conform to semantic versioning.",
    );
}
