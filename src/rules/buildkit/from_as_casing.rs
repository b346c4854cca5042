//! FromAsCasing: The 'as' keyword should match the case of the 'from' keyword.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::Args;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "FromAsCasing",
        name: "from-as-casing",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "The 'as' keyword should match the case of the 'from' keyword",
        page: include_str!("../../../rules/FromAsCasing.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for stage in &cx.model.stages {
        let from = &cx.instructions()[stage.from];
        let Args::Words(words) = &from.args else {
            continue;
        };
        let [_, as_word, _] = words.as_slice() else {
            continue;
        };
        let keyword = from.keyword_word.value.as_ref();
        let lower = keyword == keyword.to_lowercase();
        let upper = keyword == keyword.to_uppercase();
        // A mixed-case FROM is ConsistentInstructionCasing's to report.
        let mismatch = (lower && as_word.value != as_word.value.to_lowercase())
            || (upper && as_word.value != as_word.value.to_uppercase());
        if mismatch {
            let cased = if lower { "as" } else { "AS" };
            out.report_with_fix(
                as_word.span,
                format!(
                    "'{}' and '{keyword}' keywords' casing do not match",
                    as_word.value
                ),
                Some(crate::diagnostics::Fix {
                    message: format!("write `{cased}`"),
                    applicability: crate::diagnostics::Applicability::Safe,
                    edits: vec![crate::diagnostics::Edit {
                        span: as_word.span,
                        replacement: cased.to_string(),
                    }],
                }),
            );
        }
    }
}
