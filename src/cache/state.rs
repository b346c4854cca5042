//! What a build sees of its context: every entry that `.dockerignore` lets through, each
//! with an identity that changes exactly when BuildKit's content checksum would (type,
//! permission bits, symlink target, bytes). Identities come from the file system (real
//! sha256 digests), from git (blob ids, for `--since`), or from a list of changed paths.

use super::steps::{has_wildcard, wildcard_matcher};
use crate::context::files::{Kind, Listing, hex};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContextState {
    /// `/`-separated path relative to the context root -> identity.
    pub entries: BTreeMap<String, String>,
}

impl ContextState {
    /// Identities from a listing, with file contents given by `content` (None: unknown,
    /// identified by path alone).
    pub fn from_listing(
        listing: &Listing,
        content: impl Fn(&str) -> Option<String>,
    ) -> ContextState {
        let entries = listing
            .entries
            .iter()
            .map(|(path, entry)| {
                let identity = match &entry.kind {
                    Kind::File => format!(
                        "file {:o} {}",
                        entry.mode,
                        content(path).unwrap_or_else(|| format!("unknown:{path}"))
                    ),
                    // A folder's own mode is not in BuildKit's checksum (a chmod of a
                    // copied folder keeps the COPY cached, on 20.10 and 28.5 alike).
                    Kind::Dir => "dir".to_string(),
                    Kind::Symlink(target) => format!("symlink {target}"),
                    Kind::Other => "other".to_string(),
                };
                (path.clone(), identity)
            })
            .collect();
        ContextState { entries }
    }

    /// The entries a set of COPY sources selects: a file, a folder and everything below
    /// it, or what a wildcard matches (and everything below the matched folders).
    pub fn selected(&self, sources: &[String]) -> Vec<(&str, &str)> {
        let mut out: Vec<(&str, &str)> = Vec::new();
        for source in sources {
            let cleaned = clean_source(source);
            if cleaned.is_empty() {
                // `.` or `/`: the whole context.
                out.extend(self.entries.iter().map(|(p, i)| (p.as_str(), i.as_str())));
                continue;
            }
            let roots: Vec<&str> = if has_wildcard(&cleaned) {
                match wildcard_matcher(&cleaned) {
                    Some(m) => self
                        .entries
                        .keys()
                        .filter(|p| m.is_match(p.as_str()))
                        .map(String::as_str)
                        .collect(),
                    None => Vec::new(),
                }
            } else {
                self.entries
                    .get_key_value(&cleaned)
                    .map(|(k, _)| vec![k.as_str()])
                    .unwrap_or_default()
            };
            // A source that is a symlink is followed (BuildKit copies what it points to),
            // within the context; links below a copied folder are copied as links.
            let mut followed: Vec<&str> = Vec::with_capacity(roots.len());
            for root in roots {
                followed.push(root);
                let mut current = root;
                for _ in 0..16 {
                    let Some((next, _)) = self
                        .link_target(current)
                        .and_then(|t| self.entries.get_key_value(&t))
                    else {
                        break;
                    };
                    followed.push(next.as_str());
                    current = next.as_str();
                }
            }
            for root in followed {
                let prefix = format!("{root}/");
                use std::ops::Bound;
                let from = (Bound::Included(root), Bound::Unbounded);
                for (p, i) in self.entries.range::<str, _>(from) {
                    if p == root || p.starts_with(&prefix) {
                        out.push((p.as_str(), i.as_str()));
                    } else if !p.starts_with(root) {
                        break;
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Where a symlink entry points, as a context path (`None`: not a symlink, its target
    /// unknown, or outside the context).
    fn link_target(&self, path: &str) -> Option<String> {
        let target = self.entries.get(path)?.strip_prefix("symlink ")?;
        if target.starts_with("blob:") {
            return None;
        }
        let joined = if target.starts_with('/') {
            target.to_string()
        } else {
            match path.rsplit_once('/') {
                Some((parent, _)) => format!("{parent}/{target}"),
                None => target.to_string(),
            }
        };
        Some(clean_source(&joined))
    }

    /// A label for the sources and the digest of what they select. A source that selects
    /// nothing still counts: its absence is part of the key.
    pub fn select(&self, sources: &[String]) -> (String, String) {
        self.select_excluding(sources, &[])
    }

    /// `select` for `COPY --exclude=PATTERN`: BuildKit leaves the excluded entries out of
    /// the checksum, so editing or adding one keeps the step cached. Patterns match as
    /// `.dockerignore` patterns do, relative to each source's root (`*.md` is only the
    /// top level of `src` in `COPY --exclude=*.md src /d`). An unusable pattern excludes
    /// nothing (the build would fail anyway).
    pub fn select_excluding(&self, sources: &[String], excludes: &[String]) -> (String, String) {
        let excluded = (!excludes.is_empty())
            .then(|| crate::context::DockerIgnore::parse(&excludes.join("\n")).ok())
            .flatten();
        let roots: Vec<String> = sources.iter().map(|s| clean_source(s)).collect();
        let is_excluded = |path: &str| {
            let Some(ignore) = &excluded else {
                return false;
            };
            roots.iter().any(|root| {
                let relative = if root.is_empty() {
                    Some(path)
                } else {
                    path.strip_prefix(root.as_str())
                        .and_then(|r| r.strip_prefix('/'))
                };
                relative.is_some_and(|r| ignore.is_excluded(r))
            })
        };
        let mut hash = Sha256::new();
        for (path, identity) in self.selected(sources) {
            if is_excluded(path) {
                continue;
            }
            hash.update(path.as_bytes());
            hash.update([0]);
            hash.update(identity.as_bytes());
            hash.update([0]);
        }
        let label: Vec<String> = sources
            .iter()
            .map(|s| match clean_source(s) {
                c if c.is_empty() => ".".to_string(),
                c => c,
            })
            .collect();
        (label.join(" "), hex(&hash.finalize()))
    }

    /// The paths among `sources`' selection that differ between two states.
    pub fn changed_paths(&self, newer: &ContextState, sources: &[String]) -> Vec<String> {
        let old: BTreeMap<&str, &str> = self.selected(sources).into_iter().collect();
        let new: BTreeMap<&str, &str> = newer.selected(sources).into_iter().collect();
        let mut changed: Vec<String> = Vec::new();
        for (path, identity) in &new {
            if old.get(path) != Some(identity) {
                changed.push((*path).to_string());
            }
        }
        for path in old.keys() {
            if !new.contains_key(path) {
                changed.push((*path).to_string());
            }
        }
        // Report files, not the folders that hold them.
        let files: Vec<String> = changed
            .iter()
            .filter(|p| !changed.iter().any(|q| q.starts_with(&format!("{p}/"))))
            .cloned()
            .collect();
        let mut files = files;
        files.sort();
        files.dedup();
        files
    }
}

/// A COPY source as a context path: `./a/../b/` -> `b`, `.` -> ``.
pub fn clean_source(source: &str) -> String {
    crate::context::clean_path(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(entries: &[(&str, &str)]) -> ContextState {
        ContextState {
            entries: entries
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        }
    }

    #[test]
    fn selection() {
        let s = state(&[
            ("a.txt", "1"),
            ("b.txt", "2"),
            ("src", "d"),
            ("src/x.rs", "3"),
            ("src/sub", "d"),
            ("src/sub/y.rs", "4"),
            ("srcx", "5"),
        ]);
        let keys = |sources: &[&str]| {
            let v: Vec<String> = sources.iter().map(|s| s.to_string()).collect();
            s.selected(&v)
                .iter()
                .map(|(k, _)| k.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            keys(&["src"]),
            ["src", "src/sub", "src/sub/y.rs", "src/x.rs"]
        );
        assert_eq!(keys(&["*.txt"]), ["a.txt", "b.txt"]);
        assert_eq!(keys(&["./src/../a.txt"]), ["a.txt"]);
        assert_eq!(keys(&["."]).len(), 7);
        assert!(keys(&["missing"]).is_empty());
    }
}
