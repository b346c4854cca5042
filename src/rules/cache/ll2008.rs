//! LL2008: A step fetches something that moves, and the cache never sees it move.

use crate::diagnostics::Severity;
use crate::model::installs;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::shell::Command;
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "LL2008",
        name: "moving-target",
        default_severity: Severity::Info,
        aliases: &[],
        peer_checks: &[],
        summary: "A step fetches something that moves",
        page: include_str!("../../../rules/LL2008.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const CACHED_FOREVER: &str = "BuildKit keys the step on its text, so it stays cached for ever and picks up a new version only when an unrelated change before it rebuilds it";

fn check(cx: &Context, out: &mut Reporter) {
    for (_, run, script) in cx.runs(true) {
        let _ = run;
        for cmd in &script.commands {
            if let Some(what) = moving(cmd, script) {
                out.report(cmd.span, format!("moving target: {what}; {CACHED_FOREVER}"));
            }
        }
    }
    for instruction in cx.instructions() {
        let instruction = instruction.effective();
        if instruction.keyword != Keyword::Add || instruction.flag("checksum").is_some() {
            continue;
        }
        let Args::List { items, .. } = &instruction.args else {
            continue;
        };
        let Some((_, sources)) = items.split_last() else {
            continue;
        };
        for source in sources {
            let url = source.value.as_ref();
            let git = url.starts_with("git@") || url.ends_with(".git") || url.contains(".git#");
            if git && !url.contains('#') {
                out.report(
                    source.span,
                    format!("moving target: `ADD {url}` takes whatever the default branch holds; pin a tag or commit with `#ref`"),
                );
            } else if (url.starts_with("http://") || url.starts_with("https://")) && !git {
                out.report(
                    source.span,
                    format!("moving target: `ADD {url}` without --checksum: the image changes whenever the remote does, and nothing checks what arrived; add `--checksum=sha256:...`"),
                );
            }
        }
    }
}

/// Why a command fetches something that moves, if it does.
fn moving(cmd: &Command, script: &crate::shell::Script) -> Option<String> {
    let args: Vec<&str> = cmd.args.iter().map(|a| a.value.as_str()).collect();
    if let Some(m) = installs::upgrade(cmd) {
        return Some(format!(
            "`{} {}` installs whatever the {} mirrors hold when the step runs",
            cmd.name,
            args.iter().find(|a| !a.starts_with('-')).unwrap_or(&""),
            m.name
        ));
    }
    match cmd.name.as_str() {
        "git" if args.first() == Some(&"clone") => {
            let branch = args
                .iter()
                .position(|a| *a == "-b" || *a == "--branch")
                .and_then(|i| args.get(i + 1))
                .copied()
                .or_else(|| args.iter().find_map(|a| a.strip_prefix("--branch=")));
            let pinned_later = script.commands.iter().any(|c| {
                c.name == "git"
                    && c.args
                        .first()
                        .is_some_and(|a| a.value == "checkout" || a.value == "reset")
            });
            let url = args[1..]
                .iter()
                .find(|a| !a.starts_with('-') && Some(**a) != branch)
                .unwrap_or(&"");
            match branch {
                _ if pinned_later => None,
                Some(b) if looks_like_version(b) => None,
                Some(b) => Some(format!(
                    "`git clone` of branch {b} of {url} takes what the branch holds when the step runs"
                )),
                None => Some(format!(
                    "`git clone {url}` takes what the default branch holds when the step runs"
                )),
            }
        }
        "curl" | "wget" => args
            .iter()
            .find(|a| a.contains("://") && is_moving_url(a))
            .map(|url| format!("`{}` downloads {url}, which names no version", cmd.name)),
        _ if is_pip_like(cmd) => args
            .iter()
            .find(|a| a.starts_with("git+") && !a.split("://").nth(1).unwrap_or("").contains('@'))
            .map(|a| format!("`{}` installs {a} without `@ref`", cmd.name)),
        "go" if args.first() == Some(&"install") || args.first() == Some(&"get") => args
            .iter()
            .find(|a| a.ends_with("@latest") || a.ends_with("@master") || a.ends_with("@main"))
            .map(|a| format!("`go {}` of {a}", args[0])),
        "npm" | "yarn" | "pnpm" => args
            .iter()
            .find(|a| {
                (a.starts_with("github:") || a.starts_with("git+") || a.starts_with("git://"))
                    && !a.contains('#')
            })
            .map(|a| format!("`{}` installs {a} without `#ref`", cmd.name)),
        "cargo" if args.first() == Some(&"install") && cmd.has_flag("git") => (!cmd
            .has_any_flag(&["rev", "tag"]))
        .then(|| "`cargo install --git` without --rev or --tag".to_string()),
        _ => None,
    }
}

fn is_pip_like(cmd: &Command) -> bool {
    matches!(cmd.name.as_str(), "pip" | "pip3" | "pipx" | "uv")
}

fn looks_like_version(name: &str) -> bool {
    let v = name.strip_prefix('v').unwrap_or(name);
    v.chars().next().is_some_and(|c| c.is_ascii_digit()) && v.contains('.')
        || (name.len() >= 7 && name.chars().all(|c| c.is_ascii_hexdigit()))
}

fn is_moving_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.split(['/', '?', '&', '=']).any(|part| {
        matches!(
            part,
            "latest" | "nightly" | "master" | "main" | "head" | "stable" | "current"
        )
    }) || lower.contains("latest.")
        || lower.contains("-latest")
}
