//! LL3003: a script downloaded and run in one go (`curl ... | sh`).

use super::{base_name, wrapped_name};
use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::shell::{Command, Script};
use crate::syntax::Span;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "LL3003",
        name: "remote-script-executed",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Do not pipe a download into a shell: verify its checksum first, or install from a package",
        page: include_str!("../../../rules/LL3003.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const DOWNLOADERS: &[&str] = &["curl", "wget", "fetch", "aria2c", "http", "https"];

const SHELLS: &[&str] = &[
    "sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "fish", "busybox",
];

/// Interpreters that run a script read from their input (`python3 -`, `perl`).
const INTERPRETERS: &[&str] = &[
    "python", "python2", "python3", "perl", "ruby", "node", "php",
];

/// Commands whose success means a download was checked against a known digest or key.
fn verifies(command: &Command) -> bool {
    let name = base_name(&command.name);
    let sum = matches!(
        name,
        "sha1sum"
            | "sha224sum"
            | "sha256sum"
            | "sha384sum"
            | "sha512sum"
            | "md5sum"
            | "b2sum"
            | "shasum"
            | "cksum"
    );
    (sum && (command.has_flag("c") || command.has_flag("check")))
        || (name == "gpg" && (command.has_flag("verify") || command.has_flag("verify-files")))
        || name == "gpgv"
        || (name == "cosign"
            && command
                .args
                .first()
                .is_some_and(|a| a.value.starts_with("verify")))
        || (name == "minisign" && command.has_flag("V"))
        || (name == "openssl" && command.has_arg("dgst") && command.has_flag("verify"))
}

/// Whether the reader runs what it reads as code.
fn executes(reader: &Command) -> bool {
    let name = wrapped_name(reader);
    let plain: Vec<&str> = reader
        .args
        .iter()
        .map(|a| a.value.as_str())
        .filter(|v| !v.starts_with('-') && !v.contains('=') && *v != name && base_name(v) != name)
        .collect();
    if matches!(name, "eval" | "source" | ".") {
        return true;
    }
    if SHELLS.contains(&name) {
        // `sh -c "$(curl ...)"`, `sh -s -- args`, or `sh` with no script file: it runs
        // its input. `sh ./install.sh` runs a file.
        let flags: Vec<&str> = reader
            .args
            .iter()
            .map(|a| a.value.as_str())
            .filter(|v| v.starts_with('-'))
            .collect();
        return flags
            .iter()
            .any(|f| !f.starts_with("--") && (f.contains('c') || f.contains('s')))
            || plain.is_empty()
            || (name == "busybox" && plain.len() == 1 && SHELLS.contains(&plain[0]));
    }
    INTERPRETERS.contains(&name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.'))
        && (plain.is_empty() || reader.args.iter().any(|a| a.value == "-"))
}

fn check(cx: &Context, out: &mut Reporter) {
    for (_, _, script) in cx.runs(true) {
        if script.any(verifies) {
            continue;
        }
        for (download, reader) in piped_scripts(script) {
            let span = if reader.span.start >= download.span.start {
                Span::new(download.span.start, reader.span.end.max(download.span.end))
            } else {
                download.span
            };
            out.report(
                span,
                format!(
                    "`{}` output is run by `{}` unverified: download it to a file, check its sha256sum, then run it",
                    base_name(&download.name),
                    wrapped_name(reader)
                ),
            );
        }
    }
}

/// Each download whose output some command runs as a script.
fn piped_scripts(script: &Script) -> Vec<(&Command, &Command)> {
    script
        .commands
        .iter()
        .filter(|c| DOWNLOADERS.contains(&base_name(&c.name)))
        .filter_map(|d| {
            let reader = script.readers_of(d).into_iter().find(|r| executes(r))?;
            Some((d, reader))
        })
        .collect()
}
