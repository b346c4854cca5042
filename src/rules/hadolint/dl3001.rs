//! DL3001: For some bash commands it makes no sense running them in a Docker container like `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount`, `ifconfig`.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3001",
        name: "pointless-command",
        default_severity: Severity::Info,
        aliases: &[],
        peer_checks: &[],
        summary: "For some bash commands it makes no sense running them in a Docker container like `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount`, `ifconfig`",
        page: include_str!("../../../rules/DL3001.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "For some bash commands it makes no sense running them in a Docker container like `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount`, `ifconfig`";

const POINTLESS: &[&str] = &[
    "free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim",
];

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(true) {
        if POINTLESS.contains(&command.name.as_str()) {
            out.report(command.span, MESSAGE);
        }
    }
}
