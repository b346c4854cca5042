//! DL3062: Pin versions in go.

use crate::diagnostics::Severity;
use crate::rules::facts::after_subcommand;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3062",
        name: "go-pin",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Pin versions in go. Instead of `go install <package>` use `go install <package>@<version>`",
        page: include_str!("../../../rules/DL3062.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str =
    "Pin versions in go. Instead of `go install <package>` use `go install <package>@<version>`";

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(true) {
        if command.name != "go" {
            continue;
        }
        let Some(sub) = command.args_no_flags().first().map(|a| a.value.clone()) else {
            continue;
        };
        if !matches!(sub.as_str(), "install" | "get" | "run") {
            continue;
        }
        for package in after_subcommand(command, &[sub.as_str()]) {
            if !is_pinned(&package.value) {
                out.report(package.span, MESSAGE);
            }
        }
    }
}

fn is_pinned(package: &str) -> bool {
    if package == "."
        || package.starts_with('/')
        || package.starts_with("./")
        || package.starts_with("../")
    {
        return true;
    }
    match package.rsplit_once('@') {
        Some((_, version)) => version != "latest" && version != "none" && !version.is_empty(),
        None => false,
    }
}
