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
        peer_checks: &[],
        summary: "Stage names should be lowercase",
        page: include_str!("../../../rules/StageNameCasing.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    let mut references: Option<References> = None;
    for stage in &cx.model.stages {
        if let Some(name) = stage_name_word(&cx.instructions()[stage.from])
            && name.value != name.value.to_lowercase()
        {
            // Read once, for all the stages to rename: the file's references to stages.
            let references = references.get_or_insert_with(|| References::read(cx));
            out.report_with_fix(
                name.span,
                format!("Stage name '{}' should be lowercase", name.value),
                Some(rename(references, stage.index, &name.value, name.span)),
            );
        }
    }
}

/// Every reference written to a stage, as written: `FROM <stage>` by the stage it
/// builds on, and `from=<name>` of flags (`COPY --from`, `RUN --mount=...,from=`) by
/// the name in lower case.
struct References {
    images: foldhash::HashMap<usize, Vec<crate::syntax::Span>>,
    flags: foldhash::HashMap<String, Vec<(crate::syntax::Span, String)>>,
}

impl References {
    fn read(cx: &Context) -> Self {
        use crate::syntax::Span;
        let df = cx.dockerfile;
        let mut images: foldhash::HashMap<usize, Vec<Span>> = Default::default();
        for later in &cx.model.stages {
            if let crate::model::Base::Stage(parent) = later.base
                && df.text(later.image.span) == later.image.value
            {
                images.entry(parent).or_default().push(later.image.span);
            }
        }
        let mut flags: foldhash::HashMap<String, Vec<(Span, String)>> = Default::default();
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
                    let written = &text[start..end];
                    flags.entry(written.to_lowercase()).or_default().push((
                        Span::new(flag.span.start + start, flag.span.start + end),
                        written.to_string(),
                    ));
                    search = end;
                }
            }
        }
        References { images, flags }
    }
}

/// Lowercase the stage's name and every reference written to it: `FROM <name>`,
/// `COPY --from=<name>` and `RUN --mount=...,from=<name>` (BuildKit matches names without
/// regard to case, so the build is the same; the file just reads as one name).
fn rename(
    references: &References,
    stage: usize,
    name: &str,
    at: crate::syntax::Span,
) -> crate::diagnostics::Fix {
    use crate::diagnostics::Edit;
    let lowered = name.to_lowercase();
    let mut edits = vec![Edit {
        span: at,
        replacement: lowered.clone(),
    }];
    for span in references.images.get(&stage).into_iter().flatten() {
        edits.push(Edit {
            span: *span,
            replacement: lowered.clone(),
        });
    }
    for (span, written) in references.flags.get(&lowered).into_iter().flatten() {
        if *written != lowered {
            edits.push(Edit {
                span: *span,
                replacement: lowered.clone(),
            });
        }
    }
    crate::diagnostics::Fix {
        message: format!("rename the stage `{lowered}`, with every reference to it"),
        applicability: crate::diagnostics::Applicability::Safe,
        edits,
    }
}
