//! DL3028: Pin versions in gem install.

use crate::diagnostics::Severity;
use crate::rules::facts::after_subcommand;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3028",
        name: "gem-pin",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Pin versions in gem install. Instead of `gem install <gem>` use `gem install <gem>:<version>`",
        page: include_str!("../../../rules/DL3028.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str =
    "Pin versions in gem install. Instead of `gem install <gem>` use `gem install <gem>:<version>`";

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(true) {
        if !command.is("gem", &["install", "i"]) || command.has_any_flag(&["v", "version"]) {
            continue;
        }
        // After `--` come the gem's build options, not gems.
        let gems = after_subcommand(command, &["install", "i"]);
        for package in gems.iter().take_while(|a| a.value != "--") {
            if !package.value.contains(':') {
                out.report(package.span, MESSAGE);
            }
        }
    }
}
