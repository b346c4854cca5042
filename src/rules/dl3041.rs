//! DL3041: Specify version with `dnf install -y <package>-<version>`.

use super::facts::{after_subcommand, declared_names, rpm_pinned};
use super::{Context, Reporter, Rule, RuleMeta};
use crate::diagnostics::Severity;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3041",
        name: "dnf-pin",
        default_severity: Severity::Warning,
        aliases: &[],
        summary: "Specify version with `dnf install -y <package>-<version>`.",
        page: include_str!("../../rules/DL3041.md"),
        fixable: false,
        off_by_default: false,
    },
    check,
};

const MESSAGE: &str = "Specify version with `dnf install -y <package>-<version>`.";

fn check(cx: &Context, out: &mut Reporter) {
    for (index, _, script) in cx.runs(true) {
        let declared = declared_names(cx, index);
        let dnf = script
            .commands
            .iter()
            .filter(|c| c.name == "dnf" || c.name == "microdnf");
        for command in dnf {
            let subcommands = &["install"];
            if !command.has_any_arg(subcommands) {
                continue;
            }
            let module = command.has_arg("module");
            for package in after_subcommand(command, subcommands) {
                let pinned = if module {
                    package.value.contains(':')
                } else {
                    rpm_pinned(package, &declared)
                };
                if !pinned {
                    out.report(package.span, MESSAGE);
                }
            }
        }
    }
}
