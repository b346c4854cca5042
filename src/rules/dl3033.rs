//! DL3033: Specify version with `yum install -y <package>-<version>`.

use super::facts::{after_subcommand, declared_names, rpm_pinned};
use super::{Context, Reporter, Rule, RuleMeta};
use crate::diagnostics::Severity;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3033",
        name: "yum-pin",
        default_severity: Severity::Warning,
        aliases: &[],
        summary: "Specify version with `yum install -y <package>-<version>`.",
        page: include_str!("../../rules/DL3033.md"),
        fixable: false,
        off_by_default: false,
    },
    check,
};

const MESSAGE: &str = "Specify version with `yum install -y <package>-<version>`.";

fn check(cx: &Context, out: &mut Reporter) {
    for (index, _, script) in cx.runs(true) {
        let declared = declared_names(cx, index);
        for command in script.find("yum", &["install"]) {
            let module = command.has_arg("module");
            for package in after_subcommand(command, &["install"]) {
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
