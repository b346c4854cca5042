//! DL3003: Use WORKDIR to switch to a directory.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3003",
        name: "cd-in-run",
        default_severity: Severity::Warning,
        aliases: &[],
        summary: "Use WORKDIR to switch to a directory",
        page: include_str!("../../../rules/DL3003.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Use WORKDIR to switch to a directory";

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(false) {
        if command.name == "cd" {
            out.report(command.span, MESSAGE);
        }
    }
}
