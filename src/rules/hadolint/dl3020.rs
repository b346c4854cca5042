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
        aliases: &[],
        summary: "Use COPY instead of ADD for files and folders",
        page: include_str!("../../../rules/DL3020.md"),
        fixable: false,
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
        for source in sources {
            let value = unquote(&source.value);
            if !value.starts_with("<<") && !is_archive(value) && !is_url(value) {
                out.report(source.span, MESSAGE);
            }
        }
    }
}
