//! DL3052: Label `<label>` is not a valid URL.

use crate::diagnostics::Severity;
use crate::rules::LabelType;
use crate::rules::labels::{is_url, report_invalid};
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3052",
        name: "label-url",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Label `<label>` is not a valid URL.",
        page: include_str!("../../../rules/DL3052.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    report_invalid(cx, out, LabelType::Url, is_url, "is not a valid URL.");
}
