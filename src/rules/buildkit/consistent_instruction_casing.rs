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
    let lower = keywords
        .iter()
        .filter(|k| k.value == k.value.to_lowercase())
        .count();
    let upper = keywords
        .iter()
        .filter(|k| k.value == k.value.to_uppercase() && k.value != k.value.to_lowercase())
        .count();
    let majority_lower = lower > upper;
    for keyword in keywords {
        let value = keyword.value.as_str();
        let expected = if majority_lower {
            (value != value.to_lowercase()).then_some("lowercase")
        } else {
            (value != value.to_uppercase()).then_some("uppercase")
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
