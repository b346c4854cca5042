//! DL3053: Label `<label>` is not a valid time format - must conform to RFC3339.

use crate::diagnostics::Severity;
use crate::rules::LabelType;
use crate::rules::labels::{is_rfc3339, report_invalid};
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3053",
        name: "label-rfc3339",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Label `<label>` is not a valid time format - must conform to RFC3339.",
        page: include_str!("../../../rules/DL3053.md"),
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
        LabelType::Rfc3339,
        is_rfc3339,
        "is not a valid time format - must conform to RFC3339.",
    );
}
