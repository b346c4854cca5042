//! LL1001: Unknown rule name in a `# check=` line.

use crate::diagnostics::Severity;
use crate::rules::registry::{BUILDKIT_CHECKS, RULES};
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::suggest::closest;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "LL1001",
        name: "unknown-check-name",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Unknown rule name in a `# check=` line",
        page: include_str!("../../../rules/LL1001.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    // Most files name no check at all: the list of known names is built only when one does.
    if cx.model.checks.names().next().is_none() {
        return;
    }
    let known = RULES
        .iter()
        .flat_map(|r| std::iter::once(r.meta.code).chain(r.meta.aliases.iter().copied()))
        .chain(BUILDKIT_CHECKS.iter().copied())
        .collect::<Vec<_>>();
    for (name, span) in cx.model.checks.names() {
        if known.iter().any(|k| k == name) {
            continue;
        }
        let mut message = format!("No check is named '{name}'");
        if let Some(s) = closest(name, known.iter().copied()) {
            message.push_str(&format!(" (did you mean {s}?)"));
        }
        out.report(*span, message);
    }
}
