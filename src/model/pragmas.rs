//! Inline pragmas: `# hadolint ignore=DL3008,SC2086` (the next instruction),
//! `# hadolint global ignore=...` (the whole file), `# hadolint stage ignore=...` (the
//! stage whose FROM follows), `# hadolint shell=bash` (the shell ShellCheck assumes from
//! there on). `layerlint` may stand in for `hadolint`. A trailing `# reason` is allowed.

use crate::syntax::{Dockerfile, Span};
use foldhash::HashSet;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The instruction at this index.
    Instruction(usize),
    /// The stage whose FROM is the instruction at this index.
    Stage(usize),
    Global,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IgnorePragma {
    pub scope: Scope,
    pub codes: Vec<String>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellPragma {
    pub line: usize,
    pub shell: String,
}

#[derive(Clone, Debug, Default)]
pub struct Pragmas {
    pub ignores: Vec<IgnorePragma>,
    pub shells: Vec<ShellPragma>,
}

enum Parsed {
    Ignore { kind: Kind, codes: Vec<String> },
    Shell(String),
}

#[derive(PartialEq)]
enum Kind {
    Next,
    Stage,
    Global,
}

impl Pragmas {
    pub fn read(dockerfile: &Dockerfile) -> Pragmas {
        let mut pragmas = Pragmas::default();
        let comment_lines: HashSet<usize> = dockerfile.comments.iter().map(|c| c.line).collect();
        for comment in &dockerfile.comments {
            match parse(comment.text) {
                None => {}
                Some(Parsed::Shell(shell)) => pragmas.shells.push(ShellPragma {
                    line: comment.line,
                    shell,
                }),
                Some(Parsed::Ignore { kind, codes }) => {
                    let scope = match kind {
                        Kind::Global => Some(Scope::Global),
                        Kind::Next | Kind::Stage => {
                            // The instruction below the comment block this pragma is in.
                            // (The first instruction after it, found by a binary search;
                            // a later one would have that one's line in between.)
                            let next = dockerfile
                                .instructions
                                .partition_point(|i| i.start_line <= comment.line);
                            let target = dockerfile.instructions.get(next).and_then(|i| {
                                (comment.line + 1..i.start_line)
                                    .all(|l| comment_lines.contains(&l))
                                    .then_some(next)
                            });
                            match (kind, target) {
                                (Kind::Stage, Some(t))
                                    if dockerfile.instructions[t].keyword
                                        == crate::syntax::Keyword::From =>
                                {
                                    Some(Scope::Stage(t))
                                }
                                (Kind::Next, Some(t)) => Some(Scope::Instruction(t)),
                                _ => None,
                            }
                        }
                    };
                    if let Some(scope) = scope {
                        pragmas.ignores.push(IgnorePragma {
                            scope,
                            codes,
                            span: comment.span,
                        });
                    }
                }
            }
        }
        pragmas
    }

    /// The shell named by the last `shell=` pragma above `line`, if any.
    pub fn shell_before(&self, line: usize) -> Option<&ShellPragma> {
        self.shells.iter().rev().find(|p| p.line < line)
    }
}

/// Parse a comment's text (after `#`). Returns `None` for ordinary comments.
fn parse(text: &str) -> Option<Parsed> {
    let rest = text
        .strip_prefix("hadolint")
        .or_else(|| text.strip_prefix("layerlint"))?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim_start();
    // A trailing comment needs its own `#`.
    let rest = rest.split('#').next().unwrap_or("").trim_end();
    let (kind, rest) = if let Some(r) = word(rest, "global") {
        (Kind::Global, r)
    } else if let Some(r) = word(rest, "stage") {
        (Kind::Stage, r)
    } else {
        (Kind::Next, rest)
    };
    if let Some(value) = key(rest, "ignore") {
        let codes: Vec<String> = value
            .split(',')
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect();
        let valid = !codes.is_empty()
            && codes.iter().all(|c| {
                c.chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
            });
        return valid.then_some(Parsed::Ignore { kind, codes });
    }
    if kind == Kind::Next
        && let Some(value) = key(rest, "shell")
        && !value.is_empty()
        && !value.contains(char::is_whitespace)
    {
        return Some(Parsed::Shell(value.to_string()));
    }
    None
}

fn word<'t>(text: &'t str, w: &str) -> Option<&'t str> {
    let rest = text.strip_prefix(w)?;
    rest.starts_with(char::is_whitespace)
        .then(|| rest.trim_start())
}

/// `key = value`: the value, whitespace around `=` allowed.
fn key<'t>(text: &'t str, k: &str) -> Option<&'t str> {
    let rest = text.strip_prefix(k)?.trim_start().strip_prefix('=')?;
    Some(rest.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse as parse_dockerfile;

    #[test]
    fn pragma_grammar() {
        let codes = |t: &str| match parse(t) {
            Some(Parsed::Ignore { codes, .. }) => codes,
            _ => Vec::new(),
        };
        assert_eq!(codes("hadolint ignore=DL3008,SC2086"), ["DL3008", "SC2086"]);
        assert_eq!(
            codes("hadolint ignore = DL3008 , DL3009 # why"),
            ["DL3008", "DL3009"]
        );
        assert_eq!(
            codes("layerlint ignore=MaintainerDeprecated"),
            ["MaintainerDeprecated"]
        );
        assert!(codes("hadolintignore=DL3008").is_empty());
        assert!(codes("hadolint ignore=DL3008 because").is_empty());
        assert!(
            matches!(parse("hadolint shell=powershell"), Some(Parsed::Shell(s)) if s == "powershell")
        );
        assert!(matches!(
            parse("hadolint global ignore=DL3003"),
            Some(Parsed::Ignore {
                kind: Kind::Global,
                ..
            })
        ));
    }

    #[test]
    fn pragma_targets() {
        let df = parse_dockerfile(
            "# hadolint global ignore=DL3003\nFROM a:1\n# hadolint ignore=DL3008\n# more words\nRUN x\n\n# hadolint ignore=DL3009\n\nRUN y\n# hadolint stage ignore=DL3002\nFROM b:1\n",
        );
        let p = Pragmas::read(&df);
        let scopes: Vec<&Scope> = p.ignores.iter().map(|i| &i.scope).collect();
        assert_eq!(
            scopes,
            [&Scope::Global, &Scope::Instruction(1), &Scope::Stage(3)],
            "a blank line between pragma and instruction breaks it"
        );
    }
}
