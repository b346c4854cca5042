//! DL3034: Non-interactive switch missing from `zypper` command: `zypper install -y`.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3034",
        name: "zypper-yes",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Non-interactive switch missing from `zypper` command: `zypper install -y`",
        page: include_str!("../../../rules/DL3034.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Non-interactive switch missing from `zypper` command: `zypper install -y`";

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(true) {
        if command.is(
            "zypper",
            &[
                "install",
                "in",
                "remove",
                "rm",
                "source-install",
                "si",
                "patch",
            ],
        ) && !command.has_any_flag(&["non-interactive", "n", "no-confirm", "y"])
        {
            out.report(command.span, MESSAGE);
        }
    }
}
