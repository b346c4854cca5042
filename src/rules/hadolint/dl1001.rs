//! DL1001: Please refrain from using inline ignore pragmas `# hadolint ignore=DLxxxx`.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL1001",
        name: "inline-ignore-pragma",
        default_severity: Severity::Style,
        aliases: &[],
        peer_checks: &[],
        summary: "Please refrain from using inline ignore pragmas `# hadolint ignore=DLxxxx`.",
        page: include_str!("../../../rules/DL1001.md"),
        fixable: false,
        off_by_default: true,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Please refrain from using inline ignore pragmas `# hadolint ignore=DLxxxx`.";

fn check(cx: &Context, out: &mut Reporter) {
    for pragma in &cx.model.pragmas.ignores {
        out.report(pragma.span, MESSAGE);
    }
}
