//! LL3001: TLS certificate verification turned off for a download.

use super::{base_name, flag_span, is_false, settings};
use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::shell::Command;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "LL3001",
        name: "tls-verification-disabled",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[
            "CKV2_DOCKER_2",
            "CKV2_DOCKER_3",
            "CKV2_DOCKER_4",
            "CKV2_DOCKER_5",
            "CKV2_DOCKER_6",
            "CKV2_DOCKER_12",
            "CKV2_DOCKER_13",
            "CKV2_DOCKER_14",
            "CKV2_DOCKER_15",
            "CKV2_DOCKER_16",
            "CKV2_DOCKER_18",
        ],
        summary: "Do not turn off TLS certificate verification: anyone on the network path can swap what the build downloads",
        page: include_str!("../../../rules/LL3001.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

/// Whether a variable's value turns verification off.
type TurnsOff = fn(&str) -> bool;

/// Variables that turn verification off: the name, when a value does, the tool, and
/// Checkov's check for it.
const VARIABLES: &[(&str, TurnsOff, &str, &[&str])] = &[
    (
        "PYTHONHTTPSVERIFY",
        |v| v.trim() == "0",
        "Python's https",
        &["CKV2_DOCKER_5"],
    ),
    (
        "NODE_TLS_REJECT_UNAUTHORIZED",
        |v| v.trim() == "0",
        "Node.js",
        &["CKV2_DOCKER_6"],
    ),
    (
        "NPM_CONFIG_STRICT_SSL",
        is_false,
        "npm",
        &["CKV2_DOCKER_12"],
    ),
    ("YARN_STRICT_SSL", is_false, "yarn", &[]),
    // git and pip read any non-empty value as "do not verify" / "trust this host".
    (
        "GIT_SSL_NO_VERIFY",
        |v| !v.trim().is_empty(),
        "git",
        &["CKV2_DOCKER_14"],
    ),
    (
        "PIP_TRUSTED_HOST",
        |v| !v.trim().is_empty(),
        "pip",
        &["CKV2_DOCKER_16"],
    ),
    (
        "GOINSECURE",
        |v| !v.trim().is_empty(),
        "go",
        &["CKV2_DOCKER_18"],
    ),
];

fn check(cx: &Context, out: &mut Reporter) {
    let known = |name: &str| VARIABLES.iter().any(|(n, ..)| n.eq_ignore_ascii_case(name));
    for setting in settings(cx, known) {
        if let Some((name, _, tool, peers)) = VARIABLES
            .iter()
            .find(|(n, off, _, _)| n.eq_ignore_ascii_case(setting.name) && off(&setting.value))
        {
            out.report_as(
                peers,
                setting.span,
                format!(
                    "`{name}={}` turns off certificate verification for {tool}",
                    setting.value
                ),
            );
        }
    }
    for (_, command) in cx.commands(true) {
        if let Some((span, what)) = insecure(command) {
            out.report_as(
                peers_of(command),
                span,
                format!(
                    "{what} turns off certificate verification; install the CA certificate instead"
                ),
            );
        }
    }
}

/// The word of a command that turns verification off, and how to name it.
fn insecure(command: &Command) -> Option<(crate::syntax::Span, String)> {
    let name = base_name(&command.name);
    let word = |i: usize| {
        (
            command.args[i].span,
            format!("`{name} {}`", command.args[i].value),
        )
    };
    match name {
        "curl" => {
            let span = flag_span(command, "insecure").or_else(|| flag_span(command, "k"))?;
            Some((span, "`curl --insecure`".into()))
        }
        "wget" => flag_span(command, "no-check-certificate")
            .map(|s| (s, "`wget --no-check-certificate`".into())),
        "git" => {
            // `git -c http.sslVerify=false clone` and `git config http.sslVerify false`.
            let values: Vec<&str> = command.args.iter().map(|a| a.value.as_str()).collect();
            values.iter().enumerate().find_map(|(i, v)| {
                let lower = v.to_ascii_lowercase();
                let key_value = lower
                    .strip_prefix("http.sslverify=")
                    .or_else(|| lower.split_once(".sslverify=").map(|(_, v)| v));
                if key_value.is_some_and(is_false) {
                    return Some(word(i));
                }
                let is_key = lower == "http.sslverify" || lower.ends_with(".sslverify");
                (is_key && values.get(i + 1).is_some_and(|n| is_false(n))).then(|| word(i))
            })
        }
        _ if is_pip(command) => command
            .args
            .iter()
            .position(|a| a.value == "--trusted-host" || a.value.starts_with("--trusted-host="))
            .or_else(|| {
                // `pip config set global.trusted-host HOST`
                command
                    .args
                    .iter()
                    .position(|a| a.value.ends_with(".trusted-host"))
            })
            .map(|i| (command.args[i].span, "pip's `--trusted-host`".into())),
        "uv" => flag_span(command, "allow-insecure-host")
            .map(|s| (s, "`uv --allow-insecure-host`".into())),
        "npm" | "yarn" | "pnpm" => {
            if let Some(i) = command
                .args
                .iter()
                .position(|a| a.value.eq_ignore_ascii_case("--strict-ssl=false"))
            {
                return Some(word(i));
            }
            // `npm config set strict-ssl false`, `npm set strict-ssl=false`, `yarn config set strict-ssl false`.
            let values: Vec<&str> = command.args.iter().map(|a| a.value.as_str()).collect();
            let set = values.iter().position(|v| *v == "set")?;
            let key = set + 1;
            let value = values.get(key)?;
            let off = match value.split_once('=') {
                Some((k, v)) => k == "strict-ssl" && is_false(v),
                None => *value == "strict-ssl" && values.get(key + 1).is_some_and(|v| is_false(v)),
            };
            let end = if value.contains('=') { key } else { key + 1 };
            off.then(|| {
                let span = crate::syntax::Span::new(
                    command.args[set].span.start,
                    command.args[end].span.end,
                );
                (span, format!("`{name} {}`", values[..=end].join(" ")))
            })
        }
        _ => {
            // yum/dnf `--setopt=sslverify=0`, `config-manager --setopt=repo.sslverify=false`,
            // and the same line written into a .repo file with echo or printf.
            let relevant = matches!(
                name,
                "yum"
                    | "dnf"
                    | "microdnf"
                    | "tdnf"
                    | "yum-config-manager"
                    | "echo"
                    | "printf"
                    | "tee"
            );
            if !relevant {
                return None;
            }
            command
                .args
                .iter()
                .position(|a| {
                    if !a.value.contains('=') {
                        return false;
                    }
                    let lower = a.value.to_ascii_lowercase();
                    lower.match_indices("sslverify=").any(|(at, m)| {
                        let before_ok =
                            at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
                        let value: String = lower[at + m.len()..]
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric())
                            .collect();
                        before_ok && is_false(&value)
                    })
                })
                .map(|i| (command.args[i].span, "`sslverify=0`".into()))
        }
    }
}

/// Checkov's check for a command's finding.
fn peers_of(command: &Command) -> &'static [&'static str] {
    match base_name(&command.name) {
        "curl" => &["CKV2_DOCKER_2"],
        "wget" => &["CKV2_DOCKER_3"],
        "npm" | "yarn" | "pnpm" => &["CKV2_DOCKER_13"],
        "git" | "uv" => &[],
        _ if is_pip(command) => &["CKV2_DOCKER_4"],
        _ => &["CKV2_DOCKER_15"],
    }
}

/// pip, pip3, pip3.12, or `python -m pip`.
fn is_pip(command: &Command) -> bool {
    let name = base_name(&command.name);
    let pip = name == "pip"
        || name
            .strip_prefix("pip")
            .is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'));
    pip || (name.starts_with("python")
        && command
            .args
            .windows(2)
            .any(|w| w[0].value == "-m" && w[1].value == "pip"))
}
