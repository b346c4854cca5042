//! DL3058: Label `<label>` is not a valid email format - must conform to RFC5322.

use crate::diagnostics::Severity;
use crate::rules::LabelType;
use crate::rules::labels::{is_email, report_invalid};
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3058",
        name: "label-email",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Label `<label>` is not a valid email format - must conform to RFC5322.",
        page: include_str!("../../../rules/DL3058.md"),
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
        LabelType::Email,
        is_email,
        "is not a valid email format - must conform to RFC5322.",
    );
}
