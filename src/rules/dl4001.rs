//! DL4001: Either use Wget or Curl but not both.

use super::{Context, Reporter, Rule, RuleMeta};
use crate::diagnostics::Severity;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL4001",
        name: "curl-and-wget",
        default_severity: Severity::Warning,
        aliases: &[],
        summary: "Either use Wget or Curl but not both",
        page: include_str!("../../rules/DL4001.md"),
        fixable: false,
        off_by_default: false,
    },
    check,
};

const MESSAGE: &str = "Either use Wget or Curl but not both";

fn check(cx: &Context, out: &mut Reporter) {
    for stage in &cx.model.stages {
        let uses = |name: &str| {
            stage.body.clone().any(|i| {
                cx.model
                    .script(i)
                    .is_some_and(|s| s.any(|c| c.name == name))
            })
        };
        if !(uses("curl") && uses("wget")) {
            continue;
        }
        for index in stage.body.clone() {
            let Some(script) = cx.model.script(index) else {
                continue;
            };
            for command in script
                .commands
                .iter()
                .filter(|c| c.name == "curl" || c.name == "wget")
            {
                out.report(command.span, MESSAGE);
            }
        }
    }
}
