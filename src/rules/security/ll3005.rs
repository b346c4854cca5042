//! LL3005: a RUN that leaves the build sandbox (`--security=insecure`, `--network=host`).

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "LL3005",
        name: "run-outside-sandbox",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Do not run build steps outside BuildKit's sandbox (--security=insecure, --network=host)",
        page: include_str!("../../../rules/LL3005.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for instruction in cx.instructions() {
        let run = instruction.effective();
        if run.keyword != Keyword::Run {
            continue;
        }
        for flag in &run.flags {
            let message = match (flag.name(), flag.value()) {
                ("security", Some("insecure")) => {
                    "`RUN --security=insecure` runs the step with every capability and no seccomp or AppArmor profile: it can reach the builder's host"
                }
                ("network", Some("host")) => {
                    "`RUN --network=host` gives the step the builder's network: local services and metadata endpoints become reachable, and the result depends on the machine that built it"
                }
                _ => continue,
            };
            out.report(flag.span, message);
        }
    }
}
