//! DL3033: Specify version with `yum install -y <package>-<version>`.

use crate::diagnostics::Severity;
use crate::rules::facts::unpinned_rpm_packages;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3033",
        name: "yum-pin",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Specify version with `yum install -y <package>-<version>`.",
        page: include_str!("../../../rules/DL3033.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Specify version with `yum install -y <package>-<version>`.";

fn check(cx: &Context, out: &mut Reporter) {
    for (index, _, script) in cx.runs(true) {
        // The names in scope, gathered only if a package is written with a variable.
        let names = std::cell::OnceCell::new();
        let declared = || {
            names
                .get_or_init(|| cx.model.declared_names(index))
                .as_slice()
        };
        for command in script.find("yum", &["install"]) {
            for package in unpinned_rpm_packages(command, &declared) {
                out.report(package.span, MESSAGE);
            }
        }
    }
}
