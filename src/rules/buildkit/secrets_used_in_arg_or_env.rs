//! SecretsUsedInArgOrEnv: BuildKit's check for secret-looking ARG and ENV names, for the
//! names DL3064 (hadolint's list) does not already report.

use crate::diagnostics::Severity;
use crate::rules::hadolint::dl3064;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "SecretsUsedInArgOrEnv",
        name: "secrets-used-in-arg-or-env",
        default_severity: Severity::Warning,
        aliases: &[],
        peer_checks: &[],
        summary: "Sensitive data should not be used in the ARG or ENV commands",
        page: include_str!("../../../rules/SecretsUsedInArgOrEnv.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

/// The `_`-separated parts that make a name secret, and those that clear it
/// (`frontend/dockerfile/dockerfile2llb/convert.go`, `getSecretsRegex`).
const DENY: &[&str] = &[
    "apikey",
    "auth",
    "credential",
    "credentials",
    "key",
    "password",
    "pword",
    "passwd",
    "secret",
    "token",
];
const ALLOW: &[&str] = &["public", "file", "version"];

/// BuildKit's test: a part of the name (split on `_`, any case) is a deny word and none
/// is an allow word.
pub fn is_secret_name(name: &str) -> bool {
    let parts: Vec<String> = name.split('_').map(str::to_ascii_lowercase).collect();
    parts.iter().any(|p| DENY.contains(&p.as_str()))
        && !parts.iter().any(|p| ALLOW.contains(&p.as_str()))
}

fn check(cx: &Context, out: &mut Reporter) {
    // BuildKit checks the ARGs and ENVs it dispatches: those of stages, not the global
    // ARGs before the first FROM, nor ONBUILD ones (they run in a child image).
    for stage in &cx.model.stages {
        for index in stage.body.clone() {
            let instruction = &cx.instructions()[index];
            let names: Vec<&crate::syntax::Word> = match (&instruction.keyword, &instruction.args) {
                (Keyword::Arg, Args::ArgDecls(decls)) => decls.iter().map(|d| &d.name).collect(),
                (Keyword::Env, Args::KeyValues(pairs)) => pairs.iter().map(|p| &p.key).collect(),
                _ => continue,
            };
            for name in names {
                // One problem, one finding: DL3064 reports the names on hadolint's list.
                if is_secret_name(&name.value) && !dl3064::is_sensitive(&name.value) {
                    out.report(
                        name.span,
                        format!(
                            "Do not use ARG or ENV instructions for sensitive data ({} \"{}\")",
                            instruction.keyword.as_str(),
                            name.value
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_secret_name;

    #[test]
    fn names_follow_buildkit() {
        for name in [
            "SECRET_PASSPHRASE",
            "auth",
            "apikey",
            "git_key",
            "GPG_KEY",
            "super_duper_secret_token",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "public_token",
            "TOKEN_FILE",
            "KEY_VERSION",
            "USERNAME",
            "sunflower",
            "KEYS",
            "monkey",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }
}
