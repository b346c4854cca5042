//! DL4001: Either use Wget or Curl but not both.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL4001",
        name: "curl-and-wget",
        default_severity: Severity::Warning,
        aliases: &["DS-0014"],
        peer_checks: &[],
        summary: "Either use Wget or Curl but not both",
        page: include_str!("../../../rules/DL4001.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Either use Wget or Curl but not both";

fn check(cx: &Context, out: &mut Reporter) {
    for stage in &cx.model.stages {
        // Reported from the RUN where the second tool shows up: that is where the choice
        // was not made.
        let (mut curl, mut wget) = (false, false);
        for index in stage.body.clone() {
            let Some(script) = cx.model.script(index) else {
                continue;
            };
            let downloads: Vec<_> = script
                .commands
                .iter()
                .filter(|c| c.name == "curl" || c.name == "wget")
                .collect();
            curl |= downloads.iter().any(|c| c.name == "curl");
            wget |= downloads.iter().any(|c| c.name == "wget");
            if curl && wget {
                for command in downloads {
                    out.report(command.span, MESSAGE);
                }
            }
        }
    }
}
