//! DL3036: `zypper clean` missing after zypper use.

use crate::diagnostics::Severity;
use crate::rules::facts::{has_cache_mount, later};
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3036",
        name: "zypper-clean",
        default_severity: Severity::Warning,
        aliases: &["DS-0020"],
        peer_checks: &[],
        summary: "`zypper clean` missing after zypper use.",
        page: include_str!("../../../rules/DL3036.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "`zypper clean` missing after zypper use.";

fn check(cx: &Context, out: &mut Reporter) {
    for (index, _, script) in cx.runs(true) {
        if has_cache_mount(cx, index, true, |t| t.starts_with("/var/cache/zypp")) {
            continue;
        }
        for install in script.find("zypper", &["install", "in"]) {
            if !later(script, install, |c| c.is("zypper", &["clean", "cc"])) {
                let fix = crate::rules::facts::append_command(
                    cx,
                    install,
                    "zypper clean",
                    crate::diagnostics::Applicability::Safe,
                );
                out.report_with_fix(install.span, MESSAGE, fix);
            }
        }
    }
}
