//! DL3064: Potentially sensitive data should not be used in the `ARG` or `ENV` commands.

use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "DL3064",
        name: "secret-in-arg-env",
        default_severity: Severity::Warning,
        aliases: &["SecretsUsedInArgOrEnv", "DS-0031"],
        peer_checks: &[],
        summary: "Potentially sensitive data should not be used in the `ARG` or `ENV` commands",
        page: include_str!("../../../rules/DL3064.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

const MESSAGE: &str =
    "Potentially sensitive data should not be used in the `ARG` or `ENV` commands";

const KNOWN: &[&str] = &[
    "ACCESS_TOKEN",
    "APPLICATION_KEY",
    "APP_SECRET",
    "AUTH_TOKEN",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "BITTREX_API_KEY",
    "BITTREX_API_SECRET",
    "CF_PASSWORD",
    "CF_USERNAME",
    "CIRCLE_TOKEN",
    "CI_DEPLOY_PASSWORD",
    "CI_DEPLOY_USER",
    "DOCKERHUB_PASSWORD",
    "DOCKER_EMAIL",
    "DOCKER_PASSWORD",
    "DOCKER_USERNAME",
    "FACEBOOK_ACCESS_TOKEN",
    "FACEBOOK_APP_ID",
    "FACEBOOK_APP_SECRET",
    "FIREBASE_API_TOKEN",
    "FIREBASE_TOKEN",
    "FOSSA_API_KEY",
    "GH_ENTERPRISE_TOKEN",
    "GH_TOKEN",
    "GITHUB_ENTERPRISE_TOKEN",
    "GITHUB_TOKEN",
    "HEROKU_API_KEY",
    "HEROKU_API_USER",
    "NPM_AUTH_TOKEN",
    "NPM_TOKEN",
    "OKTA_AUTHN_GROUPID",
    "OKTA_CLIENT_ORGURL",
    "OKTA_CLIENT_TOKEN",
    "OKTA_OAUTH2_CLIENTID",
    "OKTA_OAUTH2_CLIENTSECRET",
    "OPENAI_API_KEY",
    "OS_PASSWORD",
    "OS_USERNAME",
    "POSTGRES_PASSWORD",
    "SLACK_TOKEN",
    "STRIPE_API_KEY",
    "STRIPE_DEVICE_NAME",
    "TRAVIS_OS_NAME",
    "TRAVIS_SECURE_ENV_VARS",
    "TRAVIS_SUDO",
    "VAULT_CLIENT_KEY",
    "VAULT_TOKEN",
];

const SUSPICIOUS: &[&str] = &[
    "api_key",
    "client_key",
    "password",
    "private",
    "secret",
    "token",
    "username",
];

fn check(cx: &Context, out: &mut Reporter) {
    for instruction in cx.instructions() {
        let names: Vec<&crate::syntax::Word> = match &instruction.effective().args {
            Args::ArgDecls(decls) => decls.iter().map(|d| &d.name).collect(),
            Args::KeyValues(pairs) if instruction.effective().keyword == Keyword::Env => {
                pairs.iter().map(|p| &p.key).collect()
            }
            _ => continue,
        };
        for name in names {
            if is_sensitive(&name.value) {
                out.report(name.span, MESSAGE);
            }
        }
    }
}

pub(crate) fn is_sensitive(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    KNOWN.contains(&name.to_ascii_uppercase().as_str())
        || SUSPICIOUS.iter().any(|s| lower.contains(s))
}
