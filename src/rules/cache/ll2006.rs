//! LL2006: COPY . sends folders and files the image does not need.

use crate::diagnostics::Severity;
use crate::model::layers::clean;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::Args;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "LL2006",
        name: "context-not-ignored",
        default_severity: Severity::Info,
        aliases: &[],
        peer_checks: &[],
        summary: "COPY . sends folders and files the image does not need",
        page: include_str!("../../../rules/LL2006.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

/// What a build rarely needs from the context, and when a name means that thing (the
/// marker files of the ecosystem; empty: always).
const CANDIDATES: &[(&str, &[&str], &str)] = &[
    (".git", &[], "git's history"),
    (".env", &[], "local secrets"),
    (
        "node_modules",
        &["package.json"],
        "installed packages, built for the host",
    ),
    (
        "target",
        &["Cargo.toml", "pom.xml", "build.sbt"],
        "build output",
    ),
    ("__pycache__", &[], "compiled bytecode"),
    (".venv", &[], "a local virtualenv"),
    (
        "venv",
        &["requirements.txt", "pyproject.toml", "setup.py"],
        "a local virtualenv",
    ),
    (
        "dist",
        &["package.json", "pyproject.toml", "setup.py"],
        "build output",
    ),
    (
        "build",
        &["package.json", "pyproject.toml", "setup.py"],
        "build output",
    ),
];

fn check(cx: &Context, out: &mut Reporter) {
    let Some(build) = cx.build else {
        return;
    };
    let layers = super::layers(cx);
    let Some(copy) = (0..cx.instructions().len())
        .find(|&i| cx.stage_of(i).is_some() && layers.copies_whole_context(i))
    else {
        return;
    };
    // Names the Dockerfile copies or uses by name stay: the build needs them.
    let named = |name: &str| {
        cx.instructions().iter().enumerate().any(|(i, ins)| {
            i != copy
                && match &ins.args {
                    Args::List { items, .. } => items
                        .iter()
                        .any(|w| clean(&w.value).split('/').next() == Some(name)),
                    _ => false,
                }
        }) || (name == ".git" && cx.commands(false).any(|(i, c)| i > copy && c.name == "git"))
    };
    let root = build.names_in("");
    let mut found: Vec<(String, String, &str)> = Vec::new();
    for (name, markers, what) in CANDIDATES {
        let matching: Vec<&String> = if *name == ".env" {
            root.iter()
                .filter(|n| {
                    *n == ".env"
                        || (n.starts_with(".env.")
                            && !n.ends_with(".example")
                            && !n.ends_with(".sample"))
                })
                .collect()
        } else {
            root.iter().filter(|n| n == name).collect()
        };
        if !markers.is_empty() && !markers.iter().any(|m| root.iter().any(|n| n == m)) {
            continue;
        }
        for n in matching {
            if build.is_sent(n) && !named(n) {
                found.push((n.clone(), build.size_of(n).describe(), what));
            }
        }
    }
    let logs: Vec<&String> = root
        .iter()
        .filter(|n| n.ends_with(".log") && build.is_sent(n))
        .collect();
    if !logs.is_empty() {
        found.push(("*.log".into(), format!("{} files", logs.len()), "logs"));
    }
    let instruction = &cx.instructions()[copy];
    if found.is_empty() {
        if build.ignore.is_none() {
            out.report(
                instruction.span,
                "context not ignored: COPY . with no .dockerignore sends everything in the folder, and a change to any of it rebuilds this step and all after it; add a .dockerignore that lists what the image does not need",
            );
        }
        return;
    }
    let list: Vec<String> = found
        .iter()
        .map(|(n, size, what)| format!("{n} ({what}, {size})"))
        .collect();
    let lines: Vec<&str> = found.iter().map(|(n, _, _)| n.as_str()).collect();
    out.report(
        instruction.span,
        format!(
            "context not ignored: COPY . sends {}; each change to them rebuilds this step and all after it, and they ship in the image{}; add to {}: {}",
            list.join(", "),
            if lines.contains(&".env") { " (.env holds secrets)" } else { "" },
            build.ignore_file().unwrap_or(".dockerignore"),
            lines.join(", ")
        ),
    );
}
