//! DL3037: Specify version with `zypper install -y <package>=<version>`.

use crate::diagnostics::Severity;
use crate::rules::facts::after_subcommand;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3037",
        name: "zypper-pin",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Specify version with `zypper install -y <package>=<version>`.",
        page: include_str!("../../../rules/DL3037.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Specify version with `zypper install -y <package>=<version>`.";

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(true) {
        if !command.is("zypper", &["install", "in"]) {
            continue;
        }
        for package in after_subcommand(command, &["install", "in"]) {
            let pinned = package.value.contains(['=', '>', '<']) || package.value.ends_with(".rpm");
            if !pinned {
                out.report(package.span, MESSAGE);
            }
        }
    }
}
