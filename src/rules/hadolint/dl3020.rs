//! DL3020: Use COPY instead of ADD for files and folders.

use crate::diagnostics::Severity;
use crate::rules::facts::{is_archive, is_url, unquote};
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3020",
        name: "add-for-copy",
        default_severity: Severity::Error,
        aliases: &["DS-0005"],
        peer_checks: &[],
        summary: "Use COPY instead of ADD for files and folders",
        page: include_str!("../../../rules/DL3020.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Use COPY instead of ADD for files and folders";

fn check(cx: &Context, out: &mut Reporter) {
    for add in cx
        .instructions()
        .iter()
        .filter(|i| i.keyword == Keyword::Add)
    {
        let Args::List { items, .. } = &add.args else {
            continue;
        };
        let Some((_, sources)) = items.split_last() else {
            continue;
        };
        // ADD becomes COPY only when no source is an archive or a URL (which ADD treats
        // differently); the keyword keeps its case.
        let plain = |w: &crate::syntax::Word| {
            let v = unquote(&w.value);
            !v.starts_with("<<") && !is_archive(v) && !is_url(v)
        };
        let keyword = &add.keyword_word;
        let fix = sources.iter().all(plain).then(|| crate::diagnostics::Fix {
            message: "use COPY".into(),
            applicability: crate::diagnostics::Applicability::Safe,
            edits: vec![crate::diagnostics::Edit {
                span: keyword.span,
                replacement: if keyword.value.chars().all(|c| c.is_ascii_lowercase()) {
                    "copy".into()
                } else {
                    "COPY".into()
                },
            }],
        });
        for source in sources.iter().filter(|s| plain(s)) {
            out.report_with_fix(source.span, MESSAGE, fix.clone());
        }
    }
}
