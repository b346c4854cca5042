//! LL3002: package signature or checksum verification turned off.

use super::{base_name, is_false, settings};
use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::shell::Command;
use crate::syntax::Span;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "LL3002",
        name: "signature-verification-disabled",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[
            "CKV2_DOCKER_7",
            "CKV2_DOCKER_8",
            "CKV2_DOCKER_9",
            "CKV2_DOCKER_10",
            "CKV2_DOCKER_11",
        ],
        summary: "Do not install packages without checking their signatures: a tampered mirror or repository goes unnoticed",
        page: include_str!("../../../rules/LL3002.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

/// Peer IDs, by flag.
type Flags = &'static [(&'static str, &'static [&'static str])];

/// Flags that skip verification, per package manager, with Checkov's check for each.
const FLAGS: &[(&[&str], Flags)] = &[
    (&["apk"], &[("allow-untrusted", &["CKV2_DOCKER_7"])]),
    (
        &["apt-get", "apt", "aptitude"],
        &[
            ("allow-unauthenticated", &["CKV2_DOCKER_8"]),
            ("force-yes", &["CKV2_DOCKER_8", "CKV2_DOCKER_11"]),
            ("allow-insecure-repositories", &[]),
        ],
    ),
    (
        &["yum", "dnf", "microdnf", "tdnf"],
        &[("nogpgcheck", &["CKV2_DOCKER_9"]), ("no-gpgchecks", &[])],
    ),
    (
        &["rpm"],
        &[
            ("nodigest", &["CKV2_DOCKER_10"]),
            ("nosignature", &["CKV2_DOCKER_10"]),
            ("noverify", &["CKV2_DOCKER_10"]),
            ("nofiledigest", &["CKV2_DOCKER_10"]),
            ("nogpgcheck", &["CKV2_DOCKER_9"]),
        ],
    ),
    (&["zypper"], &[("no-gpg-checks", &[])]),
];

/// Settings written into a command's arguments (`-o Key=true`, `--setopt=gpgcheck=0`, a
/// line echoed into a sources or .repo file) that skip verification.
fn option_off(word: &str) -> bool {
    // Every argument of every echo passes here: most name no setting, and are not
    // lower-cased and searched five times.
    names_a_setting(word) && sets_verification_off(word)
}

/// What each setting `sets_verification_off` reads has in it: `::`, or `trusted=` or
/// `gpgcheck=` in any case.
fn names_a_setting(word: &str) -> bool {
    let bytes = word.as_bytes();
    memchr::memmem::find(bytes, b"::").is_some()
        || memchr::memchr_iter(b'=', bytes).any(|at| {
            let before = &bytes[..at];
            [&b"trusted"[..], b"gpgcheck"].iter().any(|key| {
                before.len() >= key.len() && before[at - key.len()..].eq_ignore_ascii_case(key)
            })
        })
}

fn sets_verification_off(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    let apt_true = |key: &str| {
        lower.split_once(key).is_some_and(|(_, rest)| {
            rest.strip_prefix('=')
                .is_some_and(|v| !is_false(v.trim_matches(['"', '\''])))
        })
    };
    apt_true("apt::get::allowunauthenticated")
        || apt_true("acquire::allowinsecurerepositories")
        || lower.contains("[trusted=yes]")
        || lower.contains(" trusted=yes")
        || lower.match_indices("gpgcheck=").any(|(at, m)| {
            let value: String = lower[at + m.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            is_false(&value)
        })
}

fn check(cx: &Context, out: &mut Reporter) {
    for (_, command) in cx.commands(true) {
        if let Some((span, what, peers)) = unverified(command) {
            out.report_as(
                peers,
                span,
                format!("{what} installs packages without verifying their signatures"),
            );
        }
    }
    for setting in settings(cx, |name| name == "GOSUMDB" || name == "GOFLAGS") {
        if setting.name == "GOSUMDB" && setting.value.trim() == "off"
            || setting.name == "GOFLAGS" && setting.value.contains("-insecure")
        {
            out.report(
                setting.span,
                format!(
                    "`{}={}` turns off the Go checksum database",
                    setting.name, setting.value
                ),
            );
        }
    }
}

fn unverified(command: &Command) -> Option<(Span, String, &'static [&'static str])> {
    let name = base_name(&command.name);
    if let Some((_, flags)) = FLAGS.iter().find(|(managers, _)| managers.contains(&name)) {
        // The command's flags, split once for every flag asked about.
        let given: Vec<(usize, &str)> = command.flags().collect();
        for (flag, peers) in *flags {
            if let Some((i, _)) = given.iter().find(|(_, f)| f == flag) {
                return Some((command.args[*i].span, format!("`{name} --{flag}`"), peers));
            }
        }
    }
    let writes_config = matches!(
        name,
        "apt-get"
            | "apt"
            | "yum"
            | "dnf"
            | "microdnf"
            | "tdnf"
            | "yum-config-manager"
            | "zypper"
            | "echo"
            | "printf"
            | "tee"
    );
    if writes_config {
        let arg = command.args.iter().find(|a| option_off(&a.value))?;
        return Some((arg.span, format!("`{}`", arg.value.trim()), &[]));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{names_a_setting, option_off, sets_verification_off};

    /// The quick test lets through every word the settings match: on every sequence of
    /// up to three pieces of the settings' names and values, in several letter cases.
    #[test]
    fn only_words_naming_no_setting_are_skipped() {
        let pieces = [
            "APT::Get::AllowUnauthenticated",
            "acquire::allowinsecurerepositories",
            "Acquire::AllowInsecureRepositories",
            "=",
            "true",
            "\"1\"",
            "false",
            "0",
            "[trusted=yes]",
            "[TRUSTED=YES]",
            " trusted=yes",
            " Trusted",
            "gpgcheck",
            "GpgCheck",
            "--setopt=",
            "deb ",
            ":",
            "x",
            "é",
        ];
        let words = crate::test_support::concatenations(&pieces, 3);
        let mut off = 0;
        for word in &words {
            if sets_verification_off(word) {
                assert!(names_a_setting(word), "{word:?}");
                assert!(option_off(word), "{word:?}");
                off += 1;
            }
        }
        assert!(off > 100, "only {off} words turn verification off");
        assert!(!option_off("DEBIAN_FRONTEND=noninteractive"));
    }
}
