//! DL3045: `COPY` to a relative destination without `WORKDIR` set.

use crate::diagnostics::Severity;
use crate::rules::facts::unquote;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3045",
        name: "copy-relative-without-workdir",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "`COPY` to a relative destination without `WORKDIR` set.",
        page: include_str!("../../../rules/DL3045.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "`COPY` to a relative destination without `WORKDIR` set.";

fn check(cx: &Context, out: &mut Reporter) {
    for (index, copy) in cx.instructions().iter().enumerate() {
        if copy.keyword != Keyword::Copy {
            continue;
        }
        let Args::List { items, .. } = &copy.args else {
            continue;
        };
        let Some(dest) = items.last().filter(|_| items.len() >= 2) else {
            continue;
        };
        let dest_path = unquote(&dest.value);
        if is_absolute(dest_path) || has_workdir(cx, index) {
            continue;
        }
        out.report(dest.span, MESSAGE);
    }
}

fn is_absolute(path: &str) -> bool {
    let bytes = path.as_bytes();
    path.starts_with('/')
        || path.starts_with('$')
        || (bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':')
}

/// A WORKDIR earlier in the stage, or in a stage of this file it builds on.
fn has_workdir(cx: &Context, before: usize) -> bool {
    cx.model
        .lineage(before)
        .any(|(_, i)| i.keyword == Keyword::Workdir)
}
