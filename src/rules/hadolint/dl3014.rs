//! DL3014: Use the `-y` switch to avoid manual input `apt-get -y install <package>`.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3014",
        name: "apt-get-yes",
        default_severity: Severity::Warning,
        aliases: &["DS-0021"],
        peer_checks: &[],
        summary: "Use the `-y` switch to avoid manual input `apt-get -y install <package>`",
        page: include_str!("../../../rules/DL3014.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Use the `-y` switch to avoid manual input `apt-get -y install <package>`";

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(true) {
        if command.is("apt-get", &["install"]) && !assumes_yes(command) {
            let fix = crate::rules::facts::insert_after_arg(
                cx,
                command,
                "install",
                "-y",
                crate::diagnostics::Applicability::Safe,
            );
            out.report_with_fix(command.span, MESSAGE, fix);
        }
    }
}

/// `-y`, `--yes`, `--assume-yes`, or quiet level 2 (`-qq`, `-q -q`, `-q=2`), which implies yes.
fn assumes_yes(command: &crate::shell::Command) -> bool {
    let quiet = command
        .flags()
        .filter(|(_, f)| *f == "q" || *f == "quiet")
        .count();
    command.has_any_flag(&["y", "yes", "assume-yes"])
        || quiet >= 2
        || command.has_any_arg(&["-q=2", "--quiet=2"])
}
