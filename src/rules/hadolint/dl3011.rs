//! DL3011: Valid UNIX ports range from 0 to 65535.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3011",
        name: "port-range",
        default_severity: Severity::Error,
        aliases: &["DS-0008"],
        peer_checks: &[],
        summary: "Valid UNIX ports range from 0 to 65535",
        page: include_str!("../../../rules/DL3011.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Valid UNIX ports range from 0 to 65535";

fn check(cx: &Context, out: &mut Reporter) {
    for instruction in cx.instructions() {
        let instruction = instruction.effective();
        if instruction.keyword != Keyword::Expose {
            continue;
        }
        let Args::Words(ports) = &instruction.args else {
            continue;
        };
        for port in ports {
            let number = port.value.split('/').next().unwrap_or("");
            let out_of_range = number
                .split('-')
                .filter_map(|p| p.parse::<u64>().ok())
                .any(|p| p > 65535);
            if out_of_range {
                out.report(port.span, MESSAGE);
            }
        }
    }
}
