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
    // Each keyword's casing, read once: the counts and the check below both ask.
    let keywords: Vec<(&crate::syntax::Word, Casing)> = cx.instructions()
        [first_from.min(cx.instructions().len())..]
        .iter()
        .map(|i| (&i.keyword_word, casing(&i.keyword_word.value)))
        .collect();
    let lower = keywords.iter().filter(|(_, c)| c.lower).count();
    let upper = keywords.iter().filter(|(_, c)| c.upper && !c.lower).count();
    let majority_lower = lower > upper;
    for (keyword, casing) in keywords {
        let value = keyword.value.as_ref();
        let expected = if majority_lower {
            (!casing.lower).then_some("lowercase")
        } else {
            (!casing.upper).then_some("uppercase")
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

/// Whether a word reads the same lower-cased, and upper-cased (BuildKit compares
/// `strings.ToLower(s) == s` and `strings.ToUpper(s) == s`).
#[derive(Clone, Copy)]
struct Casing {
    lower: bool,
    upper: bool,
}

fn casing(s: &str) -> Casing {
    // One pass over the bytes: keywords are short and ASCII.
    let (mut has_upper, mut has_lower) = (false, false);
    for b in s.bytes() {
        if !b.is_ascii() {
            return Casing {
                lower: s.chars().all(|c| c.to_lowercase().eq(std::iter::once(c))),
                upper: s.chars().all(|c| c.to_uppercase().eq(std::iter::once(c))),
            };
        }
        has_upper |= b.is_ascii_uppercase();
        has_lower |= b.is_ascii_lowercase();
    }
    Casing {
        lower: !has_upper,
        upper: !has_lower,
    }
}
