//! LL3004: a secret copied into the image (keys, `.env`, credentials files).

use super::base_name;
use crate::context::clean_path;
use crate::diagnostics::Severity;
use crate::rules::{Context, Reporter, Rule, RuleMeta};
use crate::syntax::{Args, Keyword, Span, Word};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "LL3004",
        name: "secret-in-image",
        default_severity: Severity::Warning,
        aliases: &["DS-0031"],
        peer_checks: &[],
        summary: "Do not copy secrets into the image: every layer is readable by anyone who has the image; use RUN --mount=type=secret",
        page: include_str!("../../../rules/LL3004.md"),
        fixable: false,
        off_by_default: false,
        experimental: false,
    },
    check,
};

/// How many files a finding names before "and N more".
const NAMED: usize = 5;

/// Variables whose value is the path of a credentials file (the tools read the file).
const CREDENTIAL_PATHS: &[&str] = &[
    "GOOGLE_APPLICATION_CREDENTIALS",
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "HF_TOKEN_PATH",
    "KUBECONFIG",
];

/// Whether a context path names a secret by its name alone; `None` when only its
/// content can tell (`.pem`, `.npmrc`).
fn secret_by_name(path: &str) -> Option<bool> {
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
    secret_named(folder, name)
}

/// `secret_by_name` of `folder/name`, without joining them: it is asked of every name of
/// every folder a COPY brings in, so it allocates nothing.
fn secret_named(folder: &str, name: &str) -> Option<bool> {
    let exact = [
        "id_rsa",
        "id_dsa",
        "id_ecdsa",
        "id_ed25519",
        ".env",
        ".netrc",
        "_netrc",
        ".git-credentials",
        ".pypirc",
        ".pgpass",
        ".htpasswd",
        "credentials.json",
        "client_secret.json",
    ];
    if exact.iter().any(|e| name.eq_ignore_ascii_case(e)) {
        return Some(true);
    }
    // The path `folder/name` holds `.aws/` somewhere, or ends in `.docker/config.json`
    // or `.kube/config`.
    if name.eq_ignore_ascii_case("credentials")
        && (folder.contains(".aws/") || folder.ends_with(".aws"))
        || name == "config.json" && folder.ends_with(".docker")
        || name == "config" && folder.ends_with(".kube")
    {
        return Some(true);
    }
    if name.len() >= 5 && name.as_bytes()[..5].eq_ignore_ascii_case(b".env.") {
        let rest = &name[5..];
        return Some(
            ![
                "example", "sample", "template", "dist", "defaults", "default", "test", "ci",
            ]
            .iter()
            .any(|r| rest.eq_ignore_ascii_case(r)),
        );
    }
    let extension = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let is = |e: &str| extension.eq_ignore_ascii_case(e);
    if ["key", "p12", "pfx", "jks", "keystore", "ppk"]
        .iter()
        .any(|e| is(e))
    {
        Some(true)
    } else if is("pem") || is("npmrc") || name.eq_ignore_ascii_case(".npmrc") {
        None
    } else {
        Some(false)
    }
}

/// What the content says for the names that need it: a private key in a `.pem`, a
/// token in an `.npmrc`. Without the file, a `.pem` named like a key counts.
fn secret_by_content(path: &str, content: Option<&str>) -> bool {
    let lower = base_name(path).to_ascii_lowercase();
    let npmrc = lower.ends_with(".npmrc");
    match content {
        Some(text) if npmrc => {
            text.contains("_authToken") || text.contains("_auth=") || text.contains("_password")
        }
        Some(text) => text.contains("PRIVATE KEY"),
        None => {
            !npmrc && (lower.contains("key") || lower.contains("priv") || lower.starts_with("id_"))
        }
    }
}

fn check(cx: &Context, out: &mut Reporter) {
    for (index, instruction) in cx.instructions().iter().enumerate() {
        let Some(stage) = cx.stage_of(index) else {
            continue;
        };
        if !cx.model.ships(stage.index) {
            continue;
        }
        let is_copy = matches!(instruction.keyword, Keyword::Copy | Keyword::Add);
        if is_copy && instruction.flag("from").is_none() && instruction.heredocs.is_empty() {
            copied_secrets(cx, instruction, out);
        }
        if instruction.keyword == Keyword::Run
            && instruction.flags.iter().all(|f| !is_secret_mount(&f.text))
        {
            credentials_written(cx, index, out);
        }
    }
}

fn is_secret_mount(flag: &str) -> bool {
    flag.starts_with("--mount") && flag.contains("type=secret")
}

/// Whether `text` is exactly `$name` or `${name}` (compared in place: asked of every
/// COPY destination for every credential variable).
fn names_variable(text: &str, name: &str) -> bool {
    let Some(rest) = text.strip_prefix('$') else {
        return false;
    };
    rest == name
        || rest
            .strip_prefix('{')
            .and_then(|r| r.strip_suffix('}'))
            .is_some_and(|inner| inner == name)
}

/// COPY/ADD sources that are, or hold, secret files.
fn copied_secrets(cx: &Context, instruction: &crate::syntax::Instruction, out: &mut Reporter) {
    let Args::List { items, .. } = &instruction.args else {
        return;
    };
    let Some((dest, sources)) = items.split_last() else {
        return;
    };
    let keyword = instruction.keyword.as_str();
    if let Some(variable) = CREDENTIAL_PATHS
        .iter()
        .find(|v| names_variable(&dest.value, v))
    {
        out.report(
            dest.span,
            format!("{keyword} writes a credentials file to `${variable}` in the image; mount it with RUN --mount=type=secret where it is needed"),
        );
        return;
    }
    for source in sources {
        if source.value.contains("://") || source.value.starts_with("git@") {
            continue;
        }
        let found = secrets_in(cx, source);
        if found.is_empty() {
            continue;
        }
        let mut names: Vec<String> = found.iter().take(NAMED).map(|p| format!("`{p}`")).collect();
        if found.len() > NAMED {
            names.push(format!("and {} more", found.len() - NAMED));
        }
        out.report(
            source.span,
            format!(
                "{keyword} puts {} into the image, readable by anyone who has it; leave it out (.dockerignore) and use RUN --mount=type=secret",
                names.join(", ")
            ),
        );
    }
}

/// Folders where secrets are kept, which the search below a copied folder enters (it
/// reads only these, so a large context costs a few directory reads, not a walk).
const SECRET_FOLDERS: &[&str] = &[
    ".ssh",
    ".aws",
    ".docker",
    ".gnupg",
    ".kube",
    "config",
    "secrets",
    "secret",
    "certs",
    "keys",
    "ssl",
    "private",
    "credentials",
];

/// How deep the search goes below a copied folder.
const DEPTH: usize = 3;

/// The secret files a source brings in: itself by its name, or, when the context is
/// known, the secret-looking files below it that `.dockerignore` lets through.
fn secrets_in(cx: &Context, source: &Word) -> Vec<String> {
    let path = clean_path(&source.value);
    let content = |p: &str| -> Option<String> {
        let build = cx.build?;
        let bytes = std::fs::read(build.path(p)).ok()?;
        Some(String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]).into_owned())
    };
    let is_secret = |p: &str| match secret_by_name(p) {
        Some(answer) => answer,
        None => secret_by_content(p, content(p).as_deref()),
    };
    let Some(build) = cx.build else {
        // No context: judge a plain file name on its own.
        let plain = !path.is_empty() && !path.contains(['*', '?', '[']);
        return if plain && is_secret(&path) {
            vec![path]
        } else {
            Vec::new()
        };
    };
    let join = |folder: &str, name: &str| {
        if folder.is_empty() {
            name.to_string()
        } else {
            format!("{folder}/{name}")
        }
    };
    let mut found = Vec::new();
    let mut folders: Vec<(String, usize)> = Vec::new();
    let (parent, last) = path.rsplit_once('/').unwrap_or(("", path.as_str()));
    if last.contains(['*', '?', '[']) {
        // A pattern in the last part: the names it matches in its folder.
        let Ok(glob) = globset::Glob::new(last) else {
            return found;
        };
        let matcher = glob.compile_matcher();
        for name in build.names_in(parent).iter() {
            let p = join(parent, name);
            if matcher.is_match(name) && !build.is_ignored(&p) {
                if is_secret(&p) {
                    found.push(p);
                } else if build.is_dir(&p) {
                    folders.push((p, 0));
                }
            }
        }
    } else if path.is_empty() || build.is_dir(&path) {
        folders.push((path.clone(), 0));
    } else if !build.is_ignored(&path) && is_secret(&path) {
        // A missing file is still named: the COPY means to bring it in.
        found.push(path.clone());
    }
    while let Some((folder, depth)) = folders.pop() {
        for name in build.names_in(&folder).iter() {
            // Most names are neither a secret nor a folder of them: looked at by name
            // alone, before the path is joined and matched against .dockerignore.
            let named = secret_named(&folder, name);
            let secret_folder =
                depth < DEPTH && SECRET_FOLDERS.iter().any(|f| name.eq_ignore_ascii_case(f));
            if named == Some(false) && !secret_folder {
                continue;
            }
            let p = join(&folder, name);
            if build.is_ignored(&p) {
                continue;
            }
            let secret = match named {
                Some(answer) => answer,
                None => secret_by_content(&p, content(&p).as_deref()),
            };
            if secret && build.is_file(&p) {
                found.push(p);
            } else if secret_folder {
                folders.push((p, depth + 1));
            }
        }
    }
    found.sort();
    found
}

/// Credentials written by a RUN without a secret mount: they stay in the layer and in
/// the image's history.
fn credentials_written(cx: &Context, index: usize, out: &mut Reporter) {
    let Some(script) = cx.model.script(index) else {
        return;
    };
    for command in &script.commands {
        let name = base_name(&command.name);
        if !matches!(name, "aws" | "gcloud" | "docker" | "podman" | "helm") {
            continue;
        }
        let values: Vec<&str> = command.args.iter().map(|a| a.value.as_str()).collect();
        let what = match name {
            "aws"
                if values.starts_with(&["configure", "set"])
                    && values.get(2).is_some_and(|k| {
                        matches!(
                            *k,
                            "aws_access_key_id" | "aws_secret_access_key" | "aws_session_token"
                        )
                    }) =>
            {
                "`aws configure set` writes AWS credentials"
            }
            "gcloud" if values.starts_with(&["auth", "activate-service-account"]) => {
                "`gcloud auth activate-service-account` stores a service-account key"
            }
            "docker" | "podman" | "helm"
                if values.contains(&"login")
                    && (command.has_flag("p") || command.has_flag("password")) =>
            {
                "a registry login with `--password` stores the password"
            }
            _ => continue,
        };
        out.report(
            Span::new(command.span.start, command.span.end),
            format!("{what} in the image; use RUN --mount=type=secret and pass it to the command"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{names_variable, secret_by_name};

    /// A destination names a credential variable only as `$NAME` or `${NAME}` exactly.
    #[test]
    fn destinations_name_a_variable_only_exactly() {
        for (text, named) in [
            ("$HOME", true),
            ("${HOME}", true),
            ("$HOME/", false),
            ("${HOME", false),
            ("$HOMEX", false),
            ("${HOME}}", false),
            ("HOME", false),
            ("{HOME}", false),
            ("$", false),
        ] {
            assert_eq!(names_variable(text, "HOME"), named, "{text}");
        }
    }

    /// Which context paths are secrets by name, which need their content, and which
    /// are not, whatever the case of the name.
    #[test]
    fn secrets_are_told_by_their_names() {
        let cases: &[(&str, Option<bool>)] = &[
            ("id_rsa", Some(true)),
            ("home/me/.ssh/ID_ED25519", Some(true)),
            (".env", Some(true)),
            (".env.", Some(true)),
            (".ENV.production", Some(true)),
            (".env.Example", Some(false)),
            ("app/.env.ci", Some(false)),
            ("Credentials.JSON", Some(true)),
            ("credentials", Some(false)),
            (".aws/credentials", Some(true)),
            ("home/.aws/CREDENTIALS", Some(true)),
            ("x.aws/credentials", Some(true)),
            (".aws/profiles/credentials", Some(true)),
            (".AWS/credentials", Some(false)),
            (".docker/config.json", Some(true)),
            ("a.docker/config.json", Some(true)),
            ("config.json", Some(false)),
            (".docker/Config.json", Some(false)),
            ("deploy/.kube/config", Some(true)),
            ("config", Some(false)),
            ("tls/server.KEY", Some(true)),
            ("store.keystore", Some(true)),
            ("cert.pem", None),
            ("CERT.PEM", None),
            (".npmrc", None),
            ("ci.npmrc", None),
            ("README.md", Some(false)),
            ("keys", Some(false)),
            ("", Some(false)),
        ];
        for (path, expected) in cases {
            assert_eq!(secret_by_name(path), *expected, "{path}");
        }
    }
}
