//! LL2005: A package install without a cache mount.

use crate::diagnostics::{Applicability, Edit, Fix, Severity};
use crate::model::installs;
use crate::model::layers::is_below;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::flags::MountType;
use crate::syntax::{Keyword, Span};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "LL2005",
        name: "missing-cache-mount",
        default_severity: Severity::Style,
        aliases: &[],
        peer_checks: &[],
        summary: "A package install without a cache mount",
        page: include_str!("../../../rules/LL2005.md"),
        fixable: true,
        off_by_default: false,
        experimental: false,
    },
    check,
};

/// `# syntax=docker/dockerfile:1.0` and `1.1` predate `RUN --mount`.
fn mounts_allowed(cx: &Context) -> bool {
    let Some(syntax) = cx.dockerfile.directive("syntax") else {
        return true;
    };
    let value = syntax.value.value.as_ref();
    let version = value.rsplit(':').next().unwrap_or("");
    !(value.contains("dockerfile") && matches!(version, "1.0" | "1.1" | "1.0-experimental"))
}

fn check(cx: &Context, out: &mut Reporter) {
    if !mounts_allowed(cx) {
        return;
    }
    for (index, run, script) in cx.runs(false) {
        if run.keyword != Keyword::Run {
            continue;
        }
        let cached: Vec<&str> = cx
            .model
            .mounts(index)
            .iter()
            .filter(|m| matches!(m.kind, MountType::Cache | MountType::Tmpfs))
            .filter_map(|m| m.target.as_deref())
            .collect();
        let mut reported: Vec<&str> = Vec::new();
        for install in installs::installs(script) {
            let manager = install.manager;
            if manager.cache_targets.is_empty() || reported.contains(&manager.name) {
                continue;
            }
            let covered = |t: &str| {
                cached.iter().any(|c| {
                    let c = c.trim_end_matches('/');
                    c == t || is_below(t, c) || is_below(c, t)
                })
            };
            // One mounted cache of the manager's is enough to show the user knows.
            if manager.cache_targets.iter().any(|t| covered(t)) {
                continue;
            }
            reported.push(manager.name);
            // Built in one buffer each: a file of installs reports this for most RUNs.
            let mut flags = String::with_capacity(64 * manager.cache_targets.len());
            for t in manager.cache_targets {
                flags.push_str(" --mount=type=cache,target=");
                flags.push_str(t);
                if manager.name == "apt" {
                    flags.push_str(",sharing=locked");
                }
            }
            let command = cx.dockerfile.text(install.command.span);
            let mut message = String::with_capacity(command.len() + flags.len() + 360);
            message.push_str("missing cache mount: `");
            crate::syntax::push_folded(&mut message, command);
            message.push_str("` downloads its packages again whenever this step rebuilds; keep ");
            message.push_str(manager.name);
            message.push_str("'s cache between builds with `RUN");
            message.push_str(&flags);
            message.push_str(" ...`");
            match manager.name {
                "apt" => message.push_str(
                    " (and remove /etc/apt/apt.conf.d/docker-clean, which empties the cache after each install)",
                ),
                // apk keeps packages in its cache folder only through the link (apk-cache(5)),
                // and without `--no-cache` it fetches no index: on an empty cache mount a
                // plain `apk add` finds no package, so `--no-cache` becomes `--update`.
                "apk" => {
                    message.push_str(
                        " (and link /etc/apk/cache to it, without which apk keeps no packages there: `ln -sfn /var/cache/apk /etc/apk/cache`",
                    );
                    if install.command.has_flag("no-cache") {
                        message.push_str(
                            "; then replace --no-cache, which bypasses the cache, with --update",
                        );
                    }
                    message.push(')');
                }
                "pip" if install.command.has_flag("no-cache-dir") => {
                    message.push_str(" (and drop --no-cache-dir, which bypasses it)")
                }
                _ => {}
            }
            message
                .push_str("; the paths are root's, another USER keeps its cache in its own home");
            let at = run.keyword_word.span.end;
            let mut edits = vec![Edit {
                span: Span::new(at, at),
                replacement: flags,
            }];
            // pip reads no cache with --no-cache-dir: the mount alone would quiet this
            // rule and change nothing.
            if manager.name == "pip" {
                edits.extend(dropped_word(cx, install.command, "--no-cache-dir"));
            }
            let fix = Fix {
                message: format!(
                    "mount {}'s cache (unsafe: the cache no longer ships in the image)",
                    manager.name
                ),
                applicability: Applicability::Unsafe,
                edits,
            };
            out.report_with_fix(install.command.span, message, Some(fix));
        }
    }
}

/// The edit that removes the argument `word` of `command` and the blanks before the
/// next one (or, when it is the last, after the one before it); `None` when the word is
/// not written as it reads (quoted, in an `sh -c` script), or a comment lies in between,
/// which the edit would take away too.
fn dropped_word(cx: &Context, command: &crate::shell::Command, word: &str) -> Option<Edit> {
    if command.nested {
        return None;
    }
    let at = command.args.iter().position(|a| a.value == word)?;
    let arg = &command.args[at];
    if cx.dockerfile.text(arg.span) != word {
        return None;
    }
    let span = match (command.args.get(at + 1), at.checked_sub(1)) {
        (Some(next), _) => Span::new(arg.span.start, next.span.start),
        (None, Some(before)) => Span::new(command.args[before].span.end, arg.span.end),
        (None, None) => return None,
    };
    let removed = cx.dockerfile.text(span);
    let blanks_only = removed
        .replace(word, "")
        .chars()
        .all(|c| matches!(c, ' ' | '\t' | '\\' | '\r' | '\n'));
    blanks_only.then(|| Edit {
        span,
        replacement: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::is_below;

    /// A cache mount covers a manager's folder when one holds the other, not when their
    /// names only share a prefix.
    #[test]
    fn folders_hold_what_is_below_them() {
        assert!(is_below("/root/.cache/pip", "/root/.cache"));
        assert!(!is_below("/root/.cache", "/root/.cache"));
        assert!(!is_below("/root/.cachex", "/root/.cache"));
        assert!(!is_below("/root", "/root/.cache"));
        assert!(is_below("/var/cache/apt/archives", "/var/cache/apt"));
    }

    /// With --fix --unsafe-fixes, pip's --no-cache-dir goes with the mount: written
    /// inline, on a continuation line, or last; a comment in between keeps it.
    #[test]
    fn the_fix_drops_pips_no_cache_dir() {
        let fixed = |source: &str| {
            let options = crate::fix::FixOptions { unsafe_fixes: true };
            let settings = crate::config::Settings::default();
            crate::fix::fix(source, options, &settings, crate::lint::lint).text
        };
        let mount = "RUN --mount=type=cache,target=/root/.cache/pip";
        for (run, expected) in [
            (
                "RUN pip install --no-cache-dir -r req.txt",
                "pip install -r req.txt",
            ),
            (
                "RUN pip install \\\n    --no-cache-dir \\\n    -r req.txt",
                "pip install \\\n    -r req.txt",
            ),
            (
                "RUN pip install -r req.txt --no-cache-dir",
                "pip install -r req.txt",
            ),
            (
                "RUN pip install --no-cache-dir \\\n# why\n    -r req.txt",
                "pip install --no-cache-dir \\\n# why\n    -r req.txt",
            ),
            (
                "RUN sh -c 'pip install --no-cache-dir -r req.txt'",
                "sh -c 'pip install --no-cache-dir -r req.txt'",
            ),
        ] {
            let source = format!("FROM python:3.12-slim\n{run}\n");
            assert_eq!(
                fixed(&source),
                format!("FROM python:3.12-slim\n{mount} {expected}\n"),
                "{run:?}"
            );
        }
    }
}
