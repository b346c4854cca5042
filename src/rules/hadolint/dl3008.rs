//! DL3008: Pin versions in apt get install.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3008",
        name: "apt-get-pin",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`",
        page: include_str!("../../../rules/DL3008.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`";

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(true) {
        if !command.is("apt-get", &["install"]) {
            continue;
        }
        let command = command.drop_flag_values(&["t", "target-release"]);
        for package in command.args_no_flags() {
            if package.value != "install" && !is_pinned(&package.value) {
                out.report(package.span, MESSAGE);
            }
        }
    }
}

/// `pkg=1.2`, `pkg/bookworm-backports` or a local `.deb` file.
fn is_pinned(package: &str) -> bool {
    package.contains('=') || package.contains('/') || package.ends_with(".deb")
}
