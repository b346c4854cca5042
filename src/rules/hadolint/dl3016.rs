//! DL3016: Pin versions in npm.

use crate::diagnostics::Severity;
use crate::rules::facts::after_subcommand;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3016",
        name: "npm-pin",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Pin versions in npm. Instead of `npm install <package>` use `npm install <package>@<version>`",
        page: include_str!("../../../rules/DL3016.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str =
    "Pin versions in npm. Instead of `npm install <package>` use `npm install <package>@<version>`";

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(true) {
        if !command.is("npm", &["install"]) {
            continue;
        }
        let command = command.drop_separate_flag_values(&["loglevel", "registry"]);
        for package in after_subcommand(&command, &["install"]) {
            if !is_pinned(&package.value) {
                out.report(package.span, MESSAGE);
            }
        }
    }
}

fn is_pinned(package: &str) -> bool {
    const GIT: &[&str] = &["git://", "git+ssh://", "git+http://", "git+https://"];
    const TARBALLS: &[&str] = &[".tar", ".tar.gz", ".tgz"];
    const PATHS: &[&str] = &["/", "./", "../", "~/"];
    if GIT.iter().any(|p| package.starts_with(p)) {
        return package.contains('#');
    }
    if TARBALLS.iter().any(|s| package.ends_with(s)) || PATHS.iter().any(|p| package.starts_with(p))
    {
        return true;
    }
    // `@scope/name@1.2`: the scope's `@` is no version.
    package.strip_prefix('@').unwrap_or(package).contains('@')
}
