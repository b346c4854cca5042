//! LegacyKeyValueFormat: Legacy key/value format with whitespace separator should not be used.

use crate::diagnostics::Severity;
use crate::diagnostics::{Applicability, Edit, Fix};
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::Args;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "LegacyKeyValueFormat",
        name: "legacy-key-value-format",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Legacy key/value format with whitespace separator should not be used",
        page: include_str!("../../../rules/LegacyKeyValueFormat.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for instruction in cx.instructions() {
        let instruction = instruction.effective();
        let Args::KeyValues(pairs) = &instruction.args else {
            continue;
        };
        let name = instruction.keyword.as_str();
        for pair in pairs.iter().filter(|p| p.legacy) {
            let fix = safe_rewrite(&pair.value.value).map(|value| Fix {
                message: format!("write `{name} {}={value}`", pair.key.value),
                applicability: Applicability::Safe,
                edits: vec![Edit {
                    span: pair.key.span.cover(pair.value.span),
                    replacement: format!("{}={value}", pair.key.value),
                }],
            });
            out.report_with_fix(
                pair.key.span.cover(pair.value.span),
                format!("\"{name} key=value\" should be used instead of legacy \"{name} key value\" format"),
                fix,
            );
        }
    }
}

/// The value in `key=value` form, when that provably means the same: a value without
/// quotes or escapes gets double quotes (keeping its spaces), a single quoted word stays.
fn safe_rewrite(value: &str) -> Option<String> {
    if !value.contains(['"', '\'', '\\', '`']) {
        return Some(format!("\"{value}\""));
    }
    let single_quoted_word = (value.starts_with('"')
        && value.ends_with('"')
        && value.len() >= 2
        && !value[1..value.len() - 1].contains(['"', '\\']))
        || (value.starts_with('\'')
            && value.ends_with('\'')
            && value.len() >= 2
            && !value[1..value.len() - 1].contains('\''));
    single_quoted_word.then(|| value.to_string())
}
