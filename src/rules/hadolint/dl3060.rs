//! DL3060: `yarn cache clean` missing after `yarn install` was run.

use crate::diagnostics::Severity;
use crate::rules::facts::{has_cache_mount, later};
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3060",
        name: "yarn-cache-clean",
        default_severity: Severity::Info,
        aliases: &[],
        peer_checks: &[],
        summary: "`yarn cache clean` missing after `yarn install` was run.",
        page: include_str!("../../../rules/DL3060.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "`yarn cache clean` missing after `yarn install` was run.";

fn check(cx: &Context, out: &mut Reporter) {
    // What a RUN leaves behind only weighs on a stage that ends up in an image.
    for (index, _, script) in cx.shipped_runs() {
        if has_cache_mount(cx, index, true, |t| t.contains(".cache/yarn")) {
            continue;
        }
        for install in script.find("yarn", &["install"]) {
            if !later(script, install, |c| {
                c.is("yarn", &["cache"]) && c.has_arg("clean")
            }) {
                out.report(install.span, MESSAGE);
            }
        }
    }
}
