//! DL3035: Do not use `zypper dist-upgrade`.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3035",
        name: "zypper-dist-upgrade",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Do not use `zypper dist-upgrade`.",
        page: include_str!("../../../rules/DL3035.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Do not use `zypper dist-upgrade`.";

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(true) {
        if command.is("zypper", &["dist-upgrade", "dup"]) {
            out.report(command.span, MESSAGE);
        }
    }
}
