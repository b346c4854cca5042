//! DL3054: Label `<label>` is not a valid SPDX identifier.

use crate::diagnostics::Severity;
use crate::rules::LabelType;
use crate::rules::labels::{is_spdx, report_invalid};
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3054",
        name: "label-spdx",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Label `<label>` is not a valid SPDX identifier.",
        page: include_str!("../../../rules/DL3054.md"),
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
        LabelType::Spdx,
        is_spdx,
        "is not a valid SPDX identifier.",
    );
}
