//! DL3018: Pin versions in apk add.

use crate::diagnostics::Severity;
use crate::rules::facts::after_subcommand;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3018",
        name: "apk-pin",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`",
        page: include_str!("../../../rules/DL3018.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str =
    "Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`";

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(true) {
        if !command.is("apk", &["add"]) {
            continue;
        }
        let command = command.drop_flag_values(&["t", "virtual", "repository", "X"]);
        for package in after_subcommand(&command, &["add"]) {
            let pinned =
                package.value.contains(['=', '~', '>', '<']) || package.value.ends_with(".apk");
            if !pinned {
                out.report(package.span, MESSAGE);
            }
        }
    }
}
