//! ConsistentInstructionCasing: All commands within the Dockerfile should use the same casing (either upper or lower).

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "ConsistentInstructionCasing",
        name: "consistent-instruction-casing",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "All commands within the Dockerfile should use the same casing (either upper or lower)",
        page: include_str!("../../../rules/ConsistentInstructionCasing.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    // BuildKit counts the instructions of the stages (global ARGs are not in a stage).
    let first_from = cx.model.stages.first().map_or(usize::MAX, |s| s.from);
    let keywords: Vec<&crate::syntax::Word> = cx.instructions()
        [first_from.min(cx.instructions().len())..]
        .iter()
        .map(|i| &i.keyword_word)
        .collect();
    let lower = keywords.iter().filter(|k| is_lowercase(&k.value)).count();
    let upper = keywords
        .iter()
        .filter(|k| is_uppercase(&k.value) && !is_lowercase(&k.value))
        .count();
    let majority_lower = lower > upper;
    for keyword in keywords {
        let value = keyword.value.as_ref();
        let expected = if majority_lower {
            (!is_lowercase(value)).then_some("lowercase")
        } else {
            (!is_uppercase(value)).then_some("uppercase")
        };
        if let Some(casing) = expected {
            let cased = if majority_lower {
                value.to_lowercase()
            } else {
                value.to_uppercase()
            };
            out.report_with_fix(
                keyword.span,
                format!(
                    "Command '{value}' should match the case of the command majority ({casing})"
                ),
                Some(crate::diagnostics::Fix {
                    message: format!("write `{cased}`"),
                    applicability: crate::diagnostics::Applicability::Safe,
                    edits: vec![crate::diagnostics::Edit {
                        span: keyword.span,
                        replacement: cased.clone(),
                    }],
                }),
            );
        }
    }
}

/// `strings.ToLower(s) == s`, as BuildKit tests it, without building the lowered text
/// (this runs for every instruction).
fn is_lowercase(s: &str) -> bool {
    if s.is_ascii() {
        return !s.bytes().any(|b| b.is_ascii_uppercase());
    }
    s.chars().all(|c| c.to_lowercase().eq(std::iter::once(c)))
}

/// `strings.ToUpper(s) == s`.
fn is_uppercase(s: &str) -> bool {
    if s.is_ascii() {
        return !s.bytes().any(|b| b.is_ascii_lowercase());
    }
    s.chars().all(|c| c.to_uppercase().eq(std::iter::once(c)))
}
