//! DL3015: Avoid additional packages by specifying `--no-install-recommends`.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3015",
        name: "apt-get-no-recommends",
        default_severity: Severity::Info,
        aliases: &["DS-0029"],
        peer_checks: &[],
        summary: "Avoid additional packages by specifying `--no-install-recommends`",
        page: include_str!("../../../rules/DL3015.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Avoid additional packages by specifying `--no-install-recommends`";

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(true) {
        if command.is("apt-get", &["install"])
            && !command.has_flag("no-install-recommends")
            && !command
                .args
                .iter()
                .any(|a| a.value.contains("APT::Install-Recommends=false"))
        {
            // Unsafe: packages the image relied on as recommendations go away.
            let fix = crate::rules::facts::insert_after_arg(
                cx,
                command,
                "install",
                "--no-install-recommends",
                crate::diagnostics::Applicability::Unsafe,
            );
            out.report_with_fix(command.span, MESSAGE, fix);
        }
    }
}
