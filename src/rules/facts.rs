//! Small facts several rules ask about the same things: image references, archives, RUN
//! mounts, package-manager invocations. Each answers one question, the way hadolint does
//! unless a comment says otherwise.

use crate::rules::Context;
use crate::shell::{Command, Script};
use crate::syntax::Instruction;
use crate::syntax::flags::MountType;

/// File name endings hadolint treats as archives `ADD` would extract.
pub const ARCHIVE_EXTENSIONS: &[&str] = &[
    ".tar", ".Z", ".bz2", ".gz", ".lz", ".lzma", ".tZ", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz",
    ".tpz", ".txz", ".xz",
];

pub fn is_archive(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    ARCHIVE_EXTENSIONS.iter().any(|e| path.ends_with(e))
}

pub fn is_url(path: &str) -> bool {
    path.starts_with("http://") || path.starts_with("https://")
}

/// Quotes around a whole value removed: `"a b"` -> `a b`.
pub fn unquote(value: &str) -> &str {
    for q in ['"', '\''] {
        if value.len() >= 2 && value.starts_with(q) && value.ends_with(q) {
            return &value[1..value.len() - 1];
        }
    }
    value
}

/// An image reference split into its parts. `registry` is `None` for Docker Hub
/// references written without one.
#[derive(Debug, PartialEq, Eq)]
pub struct ImageRef<'a> {
    pub registry: Option<&'a str>,
    pub tag: Option<&'a str>,
    pub digest: Option<&'a str>,
}

pub fn image_ref(reference: &str) -> ImageRef<'_> {
    let (rest, digest) = match reference.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (reference, None),
    };
    let first = rest.split('/').next().unwrap_or(rest);
    let registry = (rest.contains('/')
        && (first.contains('.') || first.contains(':') || first == "localhost"))
        .then_some(first);
    let last = rest.rsplit('/').next().unwrap_or(rest);
    let tag = last.split_once(':').map(|(_, t)| t);
    ImageRef {
        registry,
        tag,
        digest,
    }
}

/// A cache (or, with `tmpfs`, tmpfs) mount of the RUN at `index` (of the RUN an
/// ONBUILD there wraps) whose target satisfies `target`.
pub fn has_cache_mount(
    cx: &Context,
    index: usize,
    tmpfs: bool,
    target: impl Fn(&str) -> bool,
) -> bool {
    cx.model.mounts(index).iter().any(|m| {
        (m.kind == MountType::Cache || (tmpfs && m.kind == MountType::Tmpfs))
            && m.target.as_deref().is_some_and(&target)
    })
}

/// A command that runs after `command` in the same script.
pub fn later(script: &Script, command: &Command, pred: impl Fn(&Command) -> bool) -> bool {
    let at = script
        .commands
        .iter()
        .position(|c| std::ptr::eq(c, command))
        .unwrap_or(0);
    script.commands[at + 1..].iter().any(pred)
}

/// `pip install`, `pip3 install`, `pipx install`, `python -m pip install` (hadolint's
/// `isPipInstall`); pipenv installs from its lock file.
pub fn is_pip_install(cmd: &Command) -> bool {
    // Asked of every command by several rules: by name first, nothing collected.
    let name = cmd.name.as_str();
    if name.starts_with("pip") && !name.starts_with("pipenv") {
        return cmd.args.iter().any(|a| a.value == "install");
    }
    name.starts_with("python")
        && cmd
            .args
            .windows(3)
            .any(|w| w[0].value == "-m" && w[1].value == "pip" && w[2].value == "install")
}

/// The arguments after the first `install` word, flags and their values left out.
pub fn after_subcommand<'c>(cmd: &'c Command, subcommands: &[&str]) -> Vec<&'c crate::shell::Arg> {
    let args = cmd.args_no_flags();
    let Some(at) = args
        .iter()
        .position(|a| subcommands.contains(&a.value.as_str()))
    else {
        return Vec::new();
    };
    args[at + 1..]
        .iter()
        .copied()
        .skip_while(|a| subcommands.contains(&a.value.as_str()))
        .collect()
}

/// The packages of a yum, dnf or microdnf `install` that are not pinned as those tools
/// expect (DL3033, DL3041): `name-version`, a `.rpm` file, a variable naming a declared
/// ARG or ENV, or `name:stream` for `module install`.
///
/// `declared` gives the ARG and ENV names in scope; it is asked only for a package
/// written with a variable (gathering them walks the stage).
pub fn unpinned_rpm_packages<'c, 'd>(
    command: &'c Command,
    declared: &dyn Fn() -> &'d [&'d str],
) -> Vec<&'c crate::shell::Arg> {
    let module = command.has_arg("module");
    after_subcommand(command, &["install"])
        .into_iter()
        .filter(|p| {
            if module {
                !p.value.contains(':')
            } else {
                !rpm_pinned(p, declared)
            }
        })
        .collect()
}

/// Package arguments pinned as yum and dnf expect, `name-version` or a `.rpm` file
/// (DL3033, DL3041). A variable counts when it names a declared ARG or ENV.
fn rpm_pinned<'d>(arg: &crate::shell::Arg, declared: &dyn Fn() -> &'d [&'d str]) -> bool {
    let value = arg.value.as_str();
    if arg.raw().contains('$') {
        return declared().iter().any(|n| {
            arg.raw().contains(&format!("${n}")) || arg.raw().contains(&format!("${{{n}"))
        });
    }
    // An `.rpm` file is one exact package (hadolint asks a `-version` of it anyway, a
    // listed difference). Otherwise hadolint's test: what follows the first `-` is
    // version-like, only version characters and a part that starts with a digit
    // (`httpd-2.4.6`, `foo-1:2.0-1.el8`; not `foo-devel`, not the glob `foo-1.*`).
    if value.ends_with(".rpm") {
        return true;
    }
    let mut parts = value.split('-');
    parts.next();
    let rest: Vec<&str> = parts.collect();
    if rest.is_empty() {
        return false;
    }
    let version_char = |c: char| c.is_ascii_alphanumeric() || ".~^_:+".contains(c);
    rest.iter().all(|p| p.chars().all(version_char))
        && rest
            .iter()
            .any(|p| p.starts_with(|c: char| c.is_ascii_digit()))
}

/// The `name` word of `FROM image AS name`.
pub fn stage_name_word<'a, 's>(from: &'a Instruction<'s>) -> Option<&'a crate::syntax::Word<'s>> {
    match &from.args {
        crate::syntax::Args::Words(words) if words.len() == 3 => words.last(),
        _ => None,
    }
}

/// The port words of every EXPOSE (ONBUILD EXPOSE included).
pub fn expose_words<'a>(
    cx: &super::Context<'a>,
) -> impl Iterator<Item = &'a crate::syntax::Word<'a>> {
    cx.instructions()
        .iter()
        .map(Instruction::effective)
        .filter(|i| i.keyword == crate::syntax::Keyword::Expose)
        .flat_map(|i| match &i.args {
            crate::syntax::Args::Words(words) => words.as_slice(),
            _ => &[],
        })
}

/// `/x`, or a Windows drive path (`C:\x`, `c:/x`).
pub fn is_absolute_path(path: &str) -> bool {
    let b = path.as_bytes();
    path.starts_with('/')
        || path.starts_with('\\')
        || (b.len() >= 3
            && b[0].is_ascii_alphabetic()
            && b[1] == b':'
            && (b[2] == b'\\' || b[2] == b'/'))
}

/// Whether `reference` parses as a Docker image reference (distribution/reference's
/// grammar, as `ParseNormalizedNamed` applies it): `[host[:port]/]path[:tag][@digest]`,
/// the path lower-case.
pub fn is_valid_reference(reference: &str) -> bool {
    let (rest, digest) = match reference.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (reference, None),
    };
    if let Some(d) = digest {
        let Some((algorithm, hex)) = d.split_once(':') else {
            return false;
        };
        if algorithm.is_empty()
            || !algorithm.starts_with(|c: char| c.is_ascii_alphabetic())
            || !algorithm
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_+.".contains(c))
            || hex.len() < 32
            || !hex.chars().all(|c| c.is_ascii_hexdigit())
        {
            return false;
        }
    }
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[last_slash..].split_once(':') {
        Some((_, t)) => (&rest[..rest.len() - t.len() - 1], Some(t)),
        None => (rest, None),
    };
    if let Some(t) = tag
        && (t.is_empty()
            || t.len() > 128
            || !t.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            || !t
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c)))
    {
        return false;
    }
    let mut components: Vec<&str> = name.split('/').collect();
    if components.len() > 1 {
        let first = components[0];
        if first.contains('.') || first.contains(':') || first == "localhost" {
            let (host, port) = first.split_once(':').unwrap_or((first, ""));
            let host_ok = !host.is_empty()
                && host.split('.').all(|label| {
                    !label.is_empty()
                        && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                        && !label.starts_with('-')
                        && !label.ends_with('-')
                });
            if !host_ok
                || !port.chars().all(|c| c.is_ascii_digit())
                || (first.contains(':') && port.is_empty())
            {
                return false;
            }
            components.remove(0);
        }
    }
    !components.is_empty()
        && components.iter().all(|c| {
            // alpha-numeric runs joined by `.`, `_`, `__` or runs of `-`.
            !c.is_empty()
                && c.starts_with(|ch: char| ch.is_ascii_lowercase() || ch.is_ascii_digit())
                && c.ends_with(|ch: char| ch.is_ascii_lowercase() || ch.is_ascii_digit())
                && c.chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || "._-".contains(ch))
                && !c.contains("..")
                && !c.contains("._")
                && !c.contains("_.")
                && !c.contains("___")
                && !c.contains(".-")
                && !c.contains("-.")
                && !c.contains("_-")
                && !c.contains("-_")
        })
}

/// Whether a command's words stand verbatim in the Dockerfile (not inside `sh -c '...'`
/// or a rewritten text), so that a fix can edit them in place.
pub fn verbatim(cx: &super::Context, command: &Command) -> bool {
    !command.nested
        && command
            .args
            .iter()
            .all(|a| cx.dockerfile.source.get(a.span.start..a.span.end) == Some(a.raw()))
}

/// A fix that inserts ` text` right after the command's first argument equal to `word`
/// (`apt-get install` -> `apt-get install -y`).
pub fn insert_after_arg(
    cx: &super::Context,
    command: &Command,
    word: &str,
    text: &str,
    applicability: crate::diagnostics::Applicability,
) -> Option<crate::diagnostics::Fix> {
    if !verbatim(cx, command) {
        return None;
    }
    let at = command.args.iter().find(|a| a.value == word)?.span.end;
    Some(crate::diagnostics::Fix {
        message: format!("add `{text}`"),
        applicability,
        edits: vec![crate::diagnostics::Edit {
            span: crate::syntax::Span::new(at, at),
            replacement: format!(" {text}"),
        }],
    })
}

/// A fix that runs `text` right after the command, in the same RUN (`&& text`).
pub fn append_command(
    cx: &super::Context,
    command: &Command,
    text: &str,
    applicability: crate::diagnostics::Applicability,
) -> Option<crate::diagnostics::Fix> {
    if !verbatim(cx, command) || command.args.is_empty() {
        return None;
    }
    let at = command.args.last()?.span.end;
    Some(crate::diagnostics::Fix {
        message: format!("run `{text}` in the same RUN"),
        applicability,
        edits: vec![crate::diagnostics::Edit {
            span: crate::syntax::Span::new(at, at),
            replacement: format!(" && {text}"),
        }],
    })
}

/// Every `$NAME` and `${NAME...}` of the word, renamed to the suggestion. Unsafe: the
/// guess may be wrong.
pub fn rename_variable(
    cx: &super::Context,
    span: crate::syntax::Span,
    name: &str,
    suggestion: &str,
) -> Option<crate::diagnostics::Fix> {
    let text = cx.dockerfile.text(span);
    let mut edits = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find('$') {
        let at = from + found + 1;
        let start = if text[at..].starts_with('{') {
            at + 1
        } else {
            at
        };
        let end = start + name.len();
        let bounded = text.get(start..end) == Some(name)
            && !text[end..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        if bounded {
            edits.push(crate::diagnostics::Edit {
                span: crate::syntax::Span::new(span.start + start, span.start + end),
                replacement: suggestion.to_string(),
            });
        }
        from = at;
    }
    (!edits.is_empty()).then(|| crate::diagnostics::Fix {
        message: format!("use ${suggestion}"),
        applicability: crate::diagnostics::Applicability::Unsafe,
        edits,
    })
}

/// Each instruction of `keyword` that overrides an earlier one in its stage, with the
/// one it overrides (DL4003, DL4004, DL3012). hadolint reports the later one, BuildKit's
/// MultipleInstructionsDisallowed the earlier: the finding is at the later one, with the
/// earlier as its related place, so a pragma or `# check=skip=` above either silences it.
pub fn overrides<'a>(
    cx: &crate::rules::Context<'a>,
    keyword: crate::syntax::Keyword,
) -> Vec<(&'a Instruction<'a>, &'a Instruction<'a>)> {
    let mut found = Vec::new();
    for stage in &cx.model.stages {
        let mut previous: Option<&Instruction> = None;
        for instruction in &cx.instructions()[stage.body.clone()] {
            if instruction.keyword != keyword {
                continue;
            }
            if let Some(earlier) = previous {
                found.push((instruction, earlier));
            }
            previous = Some(instruction);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    #[test]
    fn references() {
        for ok in [
            "alpine",
            "alpine:3.19",
            "library/alpine",
            "reg.io:5000/a/b:1_x",
            "a@sha256:0123456789abcdef0123456789abcdef",
            "my-app__x",
        ] {
            assert!(super::is_valid_reference(ok), "{ok}");
        }
        for bad in [
            "",
            "alpine:",
            "Alpine",
            ":1",
            "a//b",
            "alpine:-x",
            "reg.io:/a",
            "a@sha256:zz",
            "-a",
        ] {
            assert!(!super::is_valid_reference(bad), "{bad}");
        }
    }

    use super::*;

    #[test]
    fn image_references() {
        let r = image_ref("registry.example.com:5000/team/app:1.2@sha256:ab");
        assert_eq!(r.registry, Some("registry.example.com:5000"));
        assert_eq!(r.tag, Some("1.2"));
        assert_eq!(r.digest, Some("sha256:ab"));
        let r = image_ref("library/debian");
        assert_eq!((r.registry, r.tag), (None, None));
        assert_eq!(image_ref("localhost/x:1").registry, Some("localhost"));
        assert_eq!(image_ref("host:5000/app").tag, None);
    }
}
