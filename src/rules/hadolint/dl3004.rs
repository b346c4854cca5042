//! DL3004: Do not use sudo as it leads to unpredictable behavior.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3004",
        name: "sudo",
        default_severity: Severity::Error,
        aliases: &["DS-0010", "CKV2_DOCKER_1"],
        peer_checks: &[],
        summary: "Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root",
        page: include_str!("../../../rules/DL3004.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str =
    "Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root";

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(true) {
        if command.name == "sudo" {
            out.report(command.span, MESSAGE);
        }
    }
}
