//! DL3030: Use the -y switch to avoid manual input `yum install -y <package>`.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3030",
        name: "yum-yes",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Use the -y switch to avoid manual input `yum install -y <package>`",
        page: include_str!("../../../rules/DL3030.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Use the -y switch to avoid manual input `yum install -y <package>`";

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(true) {
        if command.is("yum", &["install", "groupinstall", "localinstall"])
            && !command.has_any_flag(&["y", "assumeyes"])
        {
            out.report(command.span, MESSAGE);
        }
    }
}
