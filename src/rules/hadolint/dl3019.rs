//! DL3019: Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages.

use crate::diagnostics::Severity;
use crate::rules::facts::has_cache_mount;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3019",
        name: "apk-no-cache",
        default_severity: Severity::Info,
        aliases: &["DS-0025"],
        peer_checks: &[],
        summary: "Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages",
        page: include_str!("../../../rules/DL3019.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages";

fn check(cx: &Context, out: &mut Reporter) {
    for (index, _, script) in cx.runs(true) {
        if has_cache_mount(cx, index, true, |t| t.starts_with("/var/cache/apk")) {
            continue;
        }
        for command in script.find("apk", &["add"]) {
            if !command.has_flag("no-cache") {
                let fix = crate::rules::facts::insert_after_arg(
                    cx,
                    command,
                    "add",
                    "--no-cache",
                    crate::diagnostics::Applicability::Safe,
                );
                out.report_with_fix(command.span, MESSAGE, fix);
            }
        }
    }
}
