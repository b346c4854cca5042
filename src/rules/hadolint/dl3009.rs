//! DL3009: Delete the apt-get lists after installing something.

use crate::diagnostics::Severity;
use crate::rules::facts::has_cache_mount;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3009",
        name: "apt-lists-not-deleted",
        default_severity: Severity::Info,
        aliases: &[],
        peer_checks: &[],
        summary: "Delete the apt-get lists after installing something.",
        page: include_str!("../../../rules/DL3009.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Delete the apt-get lists after installing something.";

fn check(cx: &Context, out: &mut Reporter) {
    // What a RUN leaves behind only weighs on a stage that ends up in an image.
    for (index, _, script) in cx.shipped_runs() {
        let Some(update) = script.commands.iter().find(|c| {
            ["apt-get", "apt", "aptitude"].contains(&c.name.as_str()) && c.has_arg("update")
        }) else {
            continue;
        };
        let cleaned = script.any(|c| c.is("rm", &["-rf", "/var/lib/apt/lists/*"]));
        let cached = has_cache_mount(cx, index, false, |t| t.starts_with("/var/lib/apt/lists"))
            || (has_cache_mount(cx, index, false, |t| t.starts_with("/var/lib/apt"))
                && has_cache_mount(cx, index, false, |t| t.starts_with("/var/cache/apt")));
        if !cleaned && !cached {
            out.report(update.span, MESSAGE);
        }
    }
}
