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
        peer_checks: &[],
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
    // A line's text, and the same with its newline.
    let line_span = |line: usize| {
        let start = df.line_index.line_start(line - 1);
        let end = df.source[start..]
            .find('\n')
            .map_or(df.source.len(), |i| start + i);
        (
            Span::new(start, end),
            Span::new(start, (end + 1).min(df.source.len())),
        )
    };
    for instruction in cx.instructions() {
        if instruction.empty_continuation_lines.is_empty() {
            continue;
        }
        // BuildKit warns once per instruction, at its last line; the fix drops every
        // blank line of it, newline and all, and the instruction reads the same.
        let (at, _) = line_span(instruction.end_line);
        let edits = instruction
            .empty_continuation_lines
            .iter()
            .map(|&line| crate::diagnostics::Edit {
                span: line_span(line).1,
                replacement: String::new(),
            })
            .collect();
        out.report_with_fix(
            at,
            "Empty continuation line",
            Some(crate::diagnostics::Fix {
                message: "remove the empty lines".into(),
                applicability: crate::diagnostics::Applicability::Safe,
                edits,
            }),
        );
    }
}
