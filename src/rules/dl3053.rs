//! DL3053: Label `<label>` is not a valid time format - must conform to RFC3339.

use super::LabelType;
use super::labels::{is_rfc3339, report_invalid};
use super::{Context, Reporter, Rule, RuleMeta};
use crate::diagnostics::Severity;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3053",
        name: "label-rfc3339",
        default_severity: Severity::Warning,
        aliases: &[],
        summary: "Label `<label>` is not a valid time format - must conform to RFC3339.",
        page: include_str!("../../rules/DL3053.md"),
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
