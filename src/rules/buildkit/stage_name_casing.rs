//! StageNameCasing: Stage names should be lowercase.

use crate::diagnostics::Severity;
use crate::rules::facts::stage_name_word;
use crate::rules::{Context, Reporter, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "StageNameCasing",
        name: "stage-name-casing",
        default_severity: Severity::Warning,
        aliases: &[],
        summary: "Stage names should be lowercase",
        page: include_str!("../../../rules/StageNameCasing.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    for stage in &cx.model.stages {
        if let Some(name) = stage_name_word(&cx.instructions()[stage.from])
            && name.value != name.value.to_lowercase()
        {
            out.report_with_fix(
                name.span,
                format!("Stage name '{}' should be lowercase", name.value),
                Some(rename(cx, stage.index, &name.value, name.span)),
            );
        }
    }
}

/// Lowercase the stage's name and every reference written to it: `FROM <name>`,
/// `COPY --from=<name>` and `RUN --mount=...,from=<name>` (BuildKit matches names without
/// regard to case, so the build is the same; the file just reads as one name).
fn rename(
    cx: &Context,
    stage: usize,
    name: &str,
    at: crate::syntax::Span,
) -> crate::diagnostics::Fix {
    use crate::diagnostics::Edit;
    use crate::syntax::Span;
    let lowered = name.to_lowercase();
    let mut edits = vec![Edit {
        span: at,
        replacement: lowered.clone(),
    }];
    let df = cx.dockerfile;
    for later in &cx.model.stages[stage + 1..] {
        if later.base == crate::model::Base::Stage(stage)
            && df.text(later.image.span) == later.image.value
        {
            edits.push(Edit {
                span: later.image.span,
                replacement: lowered.clone(),
            });
        }
    }
    for instruction in cx.instructions() {
        for flag in &instruction.effective().flags {
            let text = df.text(flag.span);
            if text != flag.text {
                continue;
            }
            // `from=<name>` in the flag, up to the next `,` or its end.
            let mut search = 0;
            while let Some(found) = text[search..].find("from=") {
                let start = search + found + "from=".len();
                let end = text[start..].find(',').map_or(text.len(), |e| start + e);
                if text[start..end].eq_ignore_ascii_case(name) && text[start..end] != lowered {
                    edits.push(Edit {
                        span: Span::new(flag.span.start + start, flag.span.start + end),
                        replacement: lowered.clone(),
                    });
                }
                search = end;
            }
        }
    }
    crate::diagnostics::Fix {
        message: format!("rename the stage `{lowered}`, with every reference to it"),
        applicability: crate::diagnostics::Applicability::Safe,
        edits,
    }
}
