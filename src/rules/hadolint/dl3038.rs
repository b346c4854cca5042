//! DL3038: Use the -y switch to avoid manual input `dnf install -y <package>`.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3038",
        name: "dnf-yes",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Use the -y switch to avoid manual input `dnf install -y <package>`",
        page: include_str!("../../../rules/DL3038.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Use the -y switch to avoid manual input `dnf install -y <package>`";

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(true) {
        let dnf = command.name == "dnf" || command.name == "microdnf";
        if dnf
            && command.has_any_arg(&["install", "groupinstall", "localinstall"])
            && !command.has_any_flag(&["y", "assumeyes"])
        {
            out.report(command.span, MESSAGE);
        }
    }
}
