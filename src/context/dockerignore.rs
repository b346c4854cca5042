//! `.dockerignore` with Docker's semantics (moby/patternmatcher), which are not
//! gitignore's: patterns are anchored at the context root (`*.md` matches only top-level
//! files), the last matching pattern wins, `!` re-includes (even inside an excluded
//! folder), a pattern matches a path when it matches the path or any parent folder, and a
//! trailing `/` means nothing. Patterns are compiled with globset; `**` glued to other
//! characters (`**file`, `a**/x`) is rewritten into the globset patterns that match the
//! same paths as Docker's regular expression does.

use globset::{Glob, GlobBuilder, GlobMatcher};
use std::fmt;

#[derive(Clone, Debug)]
struct Pattern {
    /// The pattern as cleaned (`/foo/bar/` -> `foo/bar`), for messages.
    text: String,
    exception: bool,
    /// Any of these matching is a match (one unless `**` needed rewriting).
    matchers: Vec<GlobMatcher>,
    /// A pattern with no glob syntax (`node_modules`, `.git`) matches only itself: a
    /// string comparison, not a compiled glob, which costs more than the whole rest of
    /// a small ignore file's reading.
    literal: Option<String>,
    /// Line in the file, 1-based.
    line: usize,
}

/// The patterns of one ignore file, in order.
#[derive(Clone, Debug, Default)]
pub struct DockerIgnore {
    patterns: Vec<Pattern>,
}

/// A pattern Docker refuses (the build fails).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.line, self.message)
    }
}

impl DockerIgnore {
    /// Read an ignore file's text as `ignorefile.ReadAll` does.
    pub fn parse(text: &str) -> Result<DockerIgnore, PatternError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut patterns = Vec::new();
        for (n, raw) in text.lines().enumerate() {
            let line = n + 1;
            // A comment only when `#` is the very first byte.
            if raw.starts_with('#') {
                continue;
            }
            let trimmed = raw.trim();
            if trimmed.is_empty() {
                continue;
            }
            let (exception, body) = match trimmed.strip_prefix('!') {
                Some(rest) => (true, rest.trim()),
                None => (false, trimmed),
            };
            if exception && body.is_empty() {
                return Err(PatternError {
                    line,
                    message: "illegal exclusion pattern: \"!\"".into(),
                });
            }
            let cleaned = clean(body);
            let cleaned = cleaned.strip_prefix('/').unwrap_or(&cleaned).to_string();
            let is_literal = !cleaned.contains(['*', '?', '[', '\\', '{', '}'])
                && cleaned != "."
                && cleaned != ".."
                && !cleaned.starts_with("../");
            let (matchers, literal) = if is_literal {
                (Vec::new(), Some(cleaned.clone()))
            } else {
                let matchers =
                    compile(&cleaned).map_err(|message| PatternError { line, message })?;
                (matchers, None)
            };
            patterns.push(Pattern {
                text: cleaned,
                exception,
                matchers,
                literal,
                line,
            });
        }
        Ok(DockerIgnore { patterns })
    }

    /// Whether any pattern is an exception (`!...`). BuildKit's CopyIgnoredFile check
    /// stays silent for such files.
    pub fn has_exceptions(&self) -> bool {
        self.patterns.iter().any(|p| p.exception)
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Whether `path` (relative to the context root, `/`-separated) is excluded: the last
    /// pattern matching it or one of its parent folders decides.
    pub fn is_excluded(&self, path: &str) -> bool {
        self.deciding_pattern(path).is_some_and(|p| !p.exception)
    }

    /// The line of the pattern that excludes `path`, if it is excluded.
    pub fn excluded_by(&self, path: &str) -> Option<usize> {
        self.deciding_pattern(path)
            .filter(|p| !p.exception)
            .map(|p| p.line)
    }

    fn deciding_pattern(&self, path: &str) -> Option<&Pattern> {
        let path = clean(path);
        self.deciding_index(path.trim_start_matches('/'))
            .map(|i| &self.patterns[i])
    }

    /// The index of the last pattern matching a cleaned path or one of its parents.
    fn deciding_index(&self, path: &str) -> Option<usize> {
        let candidates: Vec<&str> = parents_and_self(path).collect();
        self.patterns.iter().rposition(|p| {
            candidates.iter().any(|c| match &p.literal {
                Some(literal) => literal == c,
                None => p.matchers.iter().any(|m| m.is_match(c)),
            })
        })
    }

    /// Whether `path` is excluded with nothing below it brought back: no `!` pattern
    /// after the one that excludes it could re-include the path or a path inside it (for
    /// a wildcard source, a path the wildcard names). This is BuildKit's CopyIgnoredFile
    /// test: a folder excluded but for one file still copies that file. The context root
    /// (`.`) counts as excluded only when a pattern excludes every name (`*`, `**`), not
    /// when `.*` happens to match the `.` itself.
    pub fn excludes_all_of(&self, path: &str) -> bool {
        let cleaned = clean(path);
        let cleaned = cleaned.trim_start_matches('/');
        if cleaned.is_empty() || cleaned == "." {
            return !self.has_exceptions()
                && self
                    .patterns
                    .iter()
                    .any(|p| !p.text.is_empty() && p.text.chars().all(|c| c == '*' || c == '/'));
        }
        let Some(deciding) = self.deciding_index(cleaned) else {
            return false;
        };
        if self.patterns[deciding].exception {
            return false;
        }
        let source: Vec<&str> = cleaned.split('/').collect();
        !self.patterns[deciding + 1..]
            .iter()
            .filter(|p| p.exception)
            .any(|p| could_name_within(&p.text, &source))
    }

    /// The cleaned pattern texts, in order, `!` kept.
    pub fn patterns(&self) -> impl Iterator<Item = String> + '_ {
        self.patterns.iter().map(|p| {
            if p.exception {
                format!("!{}", p.text)
            } else {
                p.text.clone()
            }
        })
    }
}

/// Whether an exception pattern could match the source or a path inside it: each of the
/// source's segments meets the pattern's segment at that depth, as a glob either way (the
/// source may be a wildcard, the pattern may be one). A `**` segment meets anything.
fn could_name_within(pattern: &str, source: &[&str]) -> bool {
    let segments: Vec<&str> = pattern.split('/').collect();
    if segments.len() < source.len() && !segments.contains(&"**") {
        return false;
    }
    let meets = |a: &str, b: &str| {
        let glob = |text: &str, name: &str| {
            GlobBuilder::new(text)
                .literal_separator(true)
                .build()
                .is_ok_and(|g| g.compile_matcher().is_match(name))
        };
        a == b || glob(a, b) || glob(b, a)
    };
    for (i, s) in source.iter().enumerate() {
        match segments.get(i) {
            Some(&"**") | None => return true,
            Some(p) if !meets(p, s) => return false,
            Some(_) => {}
        }
    }
    true
}

/// `a/b/c`, then `a/b`, then `a`.
fn parents_and_self(path: &str) -> impl Iterator<Item = &str> {
    let mut current = Some(path);
    std::iter::from_fn(move || {
        let this = current?;
        current = this.rfind('/').map(|i| &this[..i]);
        Some(this)
    })
    .filter(|p| !p.is_empty())
}

/// Go's `filepath.Clean` on a `/`-separated path.
fn clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

/// The globset patterns matching the paths Docker's regular expression for `pattern`
/// matches.
fn compile(pattern: &str) -> Result<Vec<GlobMatcher>, String> {
    // `.` never matches a real path; neither does anything starting with `../`.
    if pattern == "." || pattern.starts_with("../") || pattern == ".." {
        return Ok(Vec::new());
    }
    check_classes(pattern)?;
    rewrite(pattern)
        .into_iter()
        .map(|glob| {
            GlobBuilder::new(&glob)
                .literal_separator(true)
                .backslash_escape(true)
                .empty_alternates(true)
                .build()
                .map(|g: Glob| g.compile_matcher())
                .map_err(|e| format!("bad pattern {pattern:?}: {}", e.kind()))
        })
        .collect()
}

/// Docker rejects unterminated character classes (`filepath.Match`'s syntax check).
fn check_classes(pattern: &str) -> Result<(), String> {
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '[' => {
                let mut closed = false;
                let mut first = true;
                while let Some(d) = chars.next() {
                    match d {
                        ']' if !first => {
                            closed = true;
                            break;
                        }
                        '\\' => {
                            chars.next();
                        }
                        _ => {}
                    }
                    first = d == '^' && first;
                }
                if !closed {
                    return Err(format!("syntax error in pattern {pattern:?}"));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Rewrite `**` that globset does not read as Docker does into globset alternatives.
/// Docker turns `**/` (or `**` before anything) into `(.*/)?` and a trailing `**` into
/// `.*`; globset agrees when `**` is a whole path component.
fn rewrite(pattern: &str) -> Vec<String> {
    let Some(at) = find_double_star(pattern) else {
        return vec![pattern.to_string()];
    };
    let prefix = &pattern[..at];
    let mut rest = &pattern[at + 2..];
    // Docker eats one `/` after `**`, and further stars glued on (`***`) add nothing.
    rest = rest.trim_start_matches('*');
    let slash = rest.starts_with('/');
    rest = rest.strip_prefix('/').unwrap_or(rest);
    let at_component_start = prefix.is_empty() || prefix.ends_with('/');
    let tails = rewrite(rest);
    let mut out = Vec::new();
    for tail in tails {
        if tail.is_empty() && !slash {
            // Trailing `**`: `.*`.
            if at_component_start {
                out.push(format!("{prefix}**"));
            } else {
                out.push(format!("{prefix}*"));
                out.push(format!("{prefix}*/**"));
            }
        } else if at_component_start {
            // `(.*/)?tail` from the start of a component: globset's `**/`.
            out.push(format!("{prefix}**/{tail}"));
        } else {
            // `prefix(.*/)?tail` with `prefix` ending mid-component.
            out.push(format!("{prefix}{tail}"));
            out.push(format!("{prefix}*/**/{tail}"));
        }
    }
    out
}

/// The byte index of the first `**` outside escapes and character classes.
fn find_double_star(pattern: &str) -> Option<usize> {
    let bytes = pattern.as_bytes();
    let mut i = 0;
    let mut in_class = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' if !in_class => in_class = true,
            b']' if in_class => in_class = false,
            b'*' if !in_class && bytes.get(i + 1) == Some(&b'*') => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excluded(patterns: &[&str], path: &str) -> bool {
        DockerIgnore::parse(&patterns.join("\n"))
            .unwrap()
            .is_excluded(path)
    }

    /// The edge-case table of the reference (moby/patternmatcher tests and docs).
    #[test]
    fn docker_semantics() {
        let cases: &[(&[&str], &str, bool)] = &[
            (&["*.go"], "fileutils.go", true),
            (&["*.go"], "dir/x.go", false),
            (&["**/*.go"], "x.go", true),
            (&["**/*.go"], "a/b/x.go", true),
            (&["*.go", "!fileutils.go"], "fileutils.go", false),
            (&["!fileutils.go", "*.go"], "fileutils.go", true),
            (&["docs", "!docs/README.md"], "docs/README.md", false),
            (&["docs", "!docs/README.md"], "docs/other.md", true),
            (&["docs/", "!docs/README.md"], "docs/README.md", false),
            (&["docs/*", "!docs/README.md"], "docs/README.md", false),
            (&["**", "!util/docker/web"], "util/docker/web/foo", false),
            (
                &["**", "!util/docker/web", "util/docker/web/foo"],
                "util/docker/web/foo",
                true,
            ),
            (&["abc/**"], "abc", false),
            (&["abc/**"], "abc/def", true),
            (&["dir/**"], "dir/dir2/file", true),
            (&["**/dir"], "dir", true),
            (&["**/dir"], "dir/file", true),
            (&["**/foo/bar"], "foo/bar", true),
            (&["**/foo/bar"], "dir/dir2/foo/bar", true),
            (&["**file"], "dir/dir/file", true),
            (&["**file"], "file", true),
            (&["a/*.txt"], "a/dir/file.txt", false),
            (&["a**/*.txt"], "a/dir/dir/file.txt", true),
            (&["a**/*.txt"], "ab.txt", true),
            (&[".*"], ".foo", true),
            (&[".*"], "foo", false),
            (&["abc?def"], "abcdef", false),
            (&["a[b-d]e"], "ace", true),
            (&["a[b-d]e"], "aae", false),
            (&["a[^b-d]e"], "aae", true),
            (&["a(b)c/def"], "a(b)c/def", true),
            (&["/foo/bar"], "foo/bar", true),
            (
                &["*.md", "!README*.md", "README-secret.md"],
                "README-secret.md",
                true,
            ),
            (
                &["*.md", "README-secret.md", "!README*.md"],
                "README-secret.md",
                false,
            ),
            (&["*/temp*"], "somedir/temporary.txt", true),
            (&["*/temp*"], "temp", false),
            (&[" #x"], "#x", true),
            (&["#x"], "#x", false),
            (&["."], "anything", false),
            (&["dir"], "dir/sub/file", true),
            (&["! /inverted/abs/path", "*"], "x", true),
        ];
        for (patterns, path, want) in cases {
            assert_eq!(excluded(patterns, path), *want, "{patterns:?} {path}");
        }
    }

    #[test]
    fn literal_patterns_match_as_their_compiled_globs_do() {
        let paths = [
            "node_modules",
            "node_modules/x/y",
            "a/node_modules",
            ".git",
            ".git/HEAD",
            ".github",
            "src/main.rs",
            "src",
            "srcx",
            "a/b",
            "a/b/c",
            "a/bc",
            "build.log",
            "build",
        ];
        for pattern in [
            "node_modules",
            ".git",
            "src",
            "a/b",
            "build.log",
            "/a/b/",
            "x.y-z_1",
        ] {
            let fast = DockerIgnore::parse(pattern).unwrap();
            assert!(fast.patterns[0].literal.is_some(), "{pattern} is literal");
            let mut slow = fast.clone();
            let cleaned = slow.patterns[0].literal.take().unwrap();
            slow.patterns[0].matchers = compile(&cleaned).unwrap();
            for path in paths {
                assert_eq!(
                    fast.is_excluded(path),
                    slow.is_excluded(path),
                    "{pattern} on {path}"
                );
            }
        }
    }

    #[test]
    fn bad_patterns_are_errors() {
        assert_eq!(DockerIgnore::parse("ok\n!\n").unwrap_err().line, 2);
        assert!(DockerIgnore::parse("[").is_err());
        assert!(
            DockerIgnore::parse("\u{feff}# comment\n*.log")
                .unwrap()
                .is_excluded("a.log")
        );
    }
}
