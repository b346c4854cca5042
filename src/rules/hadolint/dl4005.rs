//! DL4005: Use SHELL to change the default shell.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL4005",
        name: "ln-bin-sh",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Use SHELL to change the default shell",
        page: include_str!("../../../rules/DL4005.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Use SHELL to change the default shell";

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(true) {
        if command.name == "ln" && command.has_arg("/bin/sh") {
            out.report(command.span, MESSAGE);
        }
    }
}
