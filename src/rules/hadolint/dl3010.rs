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
            let Some((target, sources)) = items.split_last() else {
                continue;
            };
            // As hadolint: a target named like an archive is the archive (`COPY x.tgz
            // /tmp/a.tgz`), else the sources that are archives.
            let archives: Vec<&crate::syntax::Word> = if is_archive(&unquote(&target.value)) {
                vec![target]
            } else {
                sources
                    .iter()
                    .filter(|s| is_archive(&unquote(&s.value)))
                    .collect()
            };
            for archive in archives {
                let name = base_name(&archive.value);
                let extracted = (stage.body.start + offset + 1..stage.body.end).any(|later| {
                    cx.model.script(later).is_some_and(|script| {
                        script.any(|c| {
                            is_extraction(c)
                                && c.args_no_flags()
                                    .iter()
                                    .any(|a| base_name(&a.value) == name)
                        })
                    })
                });
                if extracted {
                    out.report(archive.span, MESSAGE);
                }
            }
        }
    }
}

/// The last part of a path, Unix or Windows, without quotes.
fn base_name(path: &str) -> String {
    let path = unquote(path);
    path.rsplit(['/', '\\']).next().unwrap_or(&path).to_string()
}

/// hadolint's `dropQuotes`: every quote at either end goes, balanced or not (which is
/// why this is not `facts::unquote`).
fn unquote(s: &str) -> String {
    s.trim_matches(|c| c == '"' || c == '\'').to_string()
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
    // hadolint reads tar's extract mode from `--extract`, `--get` or a dashed short
    // cluster with `x` (`tar xzf` without the dash is not one).
    (c.name == "tar"
        && c.args.iter().any(|a| {
            a.value == "--extract"
                || a.value == "--get"
                || (a.value.starts_with('-') && !a.value.starts_with("--") && a.value.contains('x'))
        }))
        || DECOMPRESSORS.contains(&c.name.as_str())
}
