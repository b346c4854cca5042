//! DL3027: Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3027",
        name: "apt",
        default_severity: Severity::Warning,
        aliases: &[],
        summary: "Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead",
        page: include_str!("../../../rules/DL3027.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str =
    "Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead";

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(true) {
        if command.name == "apt" {
            out.report(command.span, MESSAGE);
        }
    }
}
