//! DL3010: Use ADD for extracting archives into an image.

use crate::diagnostics::Severity;
use crate::rules::facts::is_archive;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3010",
        name: "copy-then-extract",
        default_severity: Severity::Info,
        aliases: &[],
        peer_checks: &[],
        summary: "Use ADD for extracting archives into an image",
        page: include_str!("../../../rules/DL3010.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str = "Use ADD for extracting archives into an image";

fn check(cx: &Context, out: &mut Reporter) {
    for stage in &cx.model.stages {
        let body = &cx.instructions()[stage.body.clone()];
        for (offset, copy) in body.iter().enumerate() {
            if copy.keyword != Keyword::Copy || copy.flag("from").is_some() {
                continue;
            }
            let Args::List { items, .. } = &copy.args else {
                continue;
            };
            let Some((_, sources)) = items.split_last() else {
                continue;
            };
            for source in sources.iter().filter(|s| is_archive(&s.value)) {
                let name = file_name(&source.value);
                let extracted = (stage.body.start + offset + 1..stage.body.end).any(|later| {
                    cx.model.script(later).is_some_and(|script| {
                        script.any(|c| {
                            is_extraction(c) && c.args.iter().any(|a| file_name(&a.value) == name)
                        })
                    })
                });
                if extracted {
                    out.report(source.span, MESSAGE);
                }
            }
        }
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn is_extraction(c: &crate::shell::Command) -> bool {
    const DECOMPRESSORS: &[&str] = &[
        "unzip",
        "gunzip",
        "bunzip2",
        "unlzma",
        "unxz",
        "zgz",
        "uncompress",
        "zcat",
        "gzcat",
    ];
    (c.name == "tar"
        && (c.has_any_flag(&["x", "extract", "get"])
            || c.args
                .first()
                .is_some_and(|a| !a.value.starts_with('-') && a.value.contains('x'))))
        || DECOMPRESSORS.contains(&c.name.as_str())
}
