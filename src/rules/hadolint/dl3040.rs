//! DL3040: `dnf clean all` missing after dnf command.

use crate::diagnostics::Severity;
use crate::rules::facts::{has_cache_mount, later};
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3040",
        name: "dnf-clean",
        default_severity: Severity::Warning,
        aliases: &["DS-0019", "DS-0027"],
        peer_checks: &[],
        summary: "`dnf clean all` missing after dnf command.",
        page: include_str!("../../../rules/DL3040.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "`dnf clean all` missing after dnf command.";

const INSTALLS: &[&str] = &[
    "install",
    "in",
    "upgrade",
    "up",
    "upgrade-minimal",
    "up-min",
    "reinstall",
    "rei",
];

fn check(cx: &Context, out: &mut Reporter) {
    for (index, _, script) in cx.runs(true) {
        if has_cache_mount(cx, index, false, |t| t.contains("libdnf5")) {
            continue;
        }
        for install in script
            .commands
            .iter()
            .filter(|c| is_dnf(c) && c.has_any_arg(INSTALLS))
        {
            // The tool that installed cleans: `dnf install && microdnf clean all` leaves
            // dnf's cache (hadolint's spec).
            let cleaned = later(script, install, |c| {
                (c.name == install.name && c.has_arg("clean") && c.has_arg("all"))
                    || (c.name == "rm"
                        && c.args.iter().any(|a| {
                            a.value.starts_with("/var/cache/libdnf5")
                                || a.value.starts_with("/var/cache/dnf")
                                || a.value.starts_with("/var/cache/yum")
                        }))
            });
            if !cleaned {
                let fix = crate::rules::facts::append_command(
                    cx,
                    install,
                    &format!("{} clean all", install.name),
                    crate::diagnostics::Applicability::Safe,
                );
                out.report_with_fix(install.span, MESSAGE, fix);
            }
        }
    }
}

fn is_dnf(c: &crate::shell::Command) -> bool {
    c.name == "dnf" || c.name == "microdnf"
}
