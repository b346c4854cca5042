//! DL3032: `yum clean all` missing after yum command.

use crate::diagnostics::Severity;
use crate::rules::facts::later;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3032",
        name: "yum-clean",
        default_severity: Severity::Warning,
        aliases: &["DS-0015"],
        peer_checks: &[],
        summary: "`yum clean all` missing after yum command.",
        page: include_str!("../../../rules/DL3032.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "`yum clean all` missing after yum command.";

fn check(cx: &Context, out: &mut Reporter) {
    for (_, _, script) in cx.runs(true) {
        for install in script.find("yum", &["install"]) {
            let cleaned = later(script, install, |c| {
                // hadolint takes any `yum clean` (`clean packages` too).
                c.is("yum", &["clean"])
                    || (c.name == "rm"
                        && c.args.iter().any(|a| a.value.starts_with("/var/cache/yum")))
            });
            if !cleaned {
                let fix = crate::rules::facts::append_command(
                    cx,
                    install,
                    "yum clean all",
                    crate::diagnostics::Applicability::Safe,
                );
                out.report_with_fix(install.span, MESSAGE, fix);
            }
        }
    }
}
