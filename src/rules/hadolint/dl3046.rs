//! DL3046: `useradd` without flag `-l` and high UID will result in excessively large Image.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3046",
        name: "useradd-high-uid",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "`useradd` without flag `-l` and high UID will result in excessively large Image.",
        page: include_str!("../../../rules/DL3046.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str =
    "`useradd` without flag `-l` and high UID will result in excessively large Image.";

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(true) {
        if command.name != "useradd" || command.has_any_flag(&["l", "no-log-init"]) {
            continue;
        }
        // As hadolint: the UID is read after `-u` only; `--uid 123456` is not read (its
        // getFlagArg looks for `u`), and hadolint users see no finding there.
        let uid = command.args.iter().enumerate().find_map(|(i, a)| {
            (a.value == "-u")
                .then(|| command.args.get(i + 1).map(|n| n.value.clone()))
                .flatten()
        });
        if uid.is_some_and(|u| u.len() > 5) {
            out.report(command.span, MESSAGE);
        }
    }
}
