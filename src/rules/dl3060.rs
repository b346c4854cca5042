//! DL3060: `yarn cache clean` missing after `yarn install` was run.

use super::facts::{has_cache_mount, later};
use super::{Context, Reporter, Rule, RuleMeta};
use crate::diagnostics::Severity;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3060",
        name: "yarn-cache-clean",
        default_severity: Severity::Info,
        aliases: &[],
        summary: "`yarn cache clean` missing after `yarn install` was run.",
        page: include_str!("../../rules/DL3060.md"),
        fixable: false,
        off_by_default: false,
    },
    check,
};

const MESSAGE: &str = "`yarn cache clean` missing after `yarn install` was run.";

fn check(cx: &Context, out: &mut Reporter) {
    for (index, run, script) in cx.runs(true) {
        let Some(stage) = cx.stage_of(index) else {
            continue;
        };
        if stage.index + 1 != cx.model.stages.len() && !cx.model.has_children(stage.index) {
            continue;
        }
        if has_cache_mount(run.effective(), false, |t| t.contains(".cache/yarn")) {
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
