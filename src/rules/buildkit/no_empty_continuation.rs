//! NoEmptyContinuation: Empty continuation lines will become errors in a future release.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::Span;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "NoEmptyContinuation",
        name: "no-empty-continuation",
        default_severity: Severity::Warning,
        aliases: &[],
        summary: "Empty continuation lines will become errors in a future release",
        page: include_str!("../../../rules/NoEmptyContinuation.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    let df = cx.dockerfile;
    for instruction in cx.instructions() {
        for &line in &instruction.empty_continuation_lines {
            let start = df.line_index.line_start(line - 1);
            let end = df.source[start..]
                .find('\n')
                .map_or(df.source.len(), |i| start + i);
            // The blank line goes, newline and all; the instruction reads the same.
            let through = (end + 1).min(df.source.len());
            out.report_with_fix(
                Span::new(start, end),
                "Empty continuation line",
                Some(crate::diagnostics::Fix {
                    message: "remove the empty line".into(),
                    applicability: crate::diagnostics::Applicability::Safe,
                    edits: vec![crate::diagnostics::Edit {
                        span: Span::new(start, through),
                        replacement: String::new(),
                    }],
                }),
            );
        }
    }
}
