//! CopyIgnoredFile: Attempting to Copy file that is excluded by .dockerignore.

use crate::diagnostics::Severity;
use crate::rules::facts::unquote;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "CopyIgnoredFile",
        name: "copy-ignored-file",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Attempting to Copy file that is excluded by .dockerignore",
        page: include_str!("../../../rules/CopyIgnoredFile.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

fn check(cx: &Context, out: &mut Reporter) {
    let Some(ignore) = cx.dockerignore else {
        return;
    };
    for instruction in cx.instructions() {
        let verb = match instruction.keyword {
            Keyword::Copy => "Copy",
            Keyword::Add => "Add",
            _ => continue,
        };
        if instruction.flag("from").is_some() || !instruction.heredocs.is_empty() {
            continue;
        }
        let Args::List { items, .. } = &instruction.args else {
            continue;
        };
        let Some((_, sources)) = items.split_last() else {
            continue;
        };
        for source in sources {
            let path = unquote(&source.value);
            if path.contains('$') || path.contains("://") || path.starts_with("git@") {
                continue;
            }
            // A source with an exception below it still copies something; the context
            // root only when every name is excluded (see `excludes_all_of`).
            if ignore.excludes_all_of(path) {
                out.report(
                    source.span,
                    format!("Attempting to {verb} file {path:?} that is excluded by .dockerignore"),
                );
            }
        }
    }
}
