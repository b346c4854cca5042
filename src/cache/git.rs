//! `layerlint cache --since REV`: the context and the Dockerfile as they were at a git
//! revision, against the working tree (staged, unstaged and untracked changes included).
//! Git runs as a read-only subprocess; nothing is checked out.
//!
//! Identities are git's: a tracked file unchanged since REV keeps its blob id on both
//! sides, so no file needs hashing unless it changed. Git keeps only the executable bit
//! of a file's mode, so both sides use 755 or 644.

use super::state::ContextState;
use crate::context::DockerIgnore;
use crate::context::files::{Kind, Listing, folders_of, hash_file};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A git failure, on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitError(pub String);

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Run git read-only in `root`; its first stderr line is the error.
pub(crate) fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .env("GIT_OPTIONAL_LOCKS", "0")
        .output()
        .map_err(|e| GitError(format!("cannot run git: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("git failed");
        return Err(GitError(
            first.trim().trim_start_matches("fatal: ").to_string(),
        ));
    }
    Ok(output.stdout)
}

/// The repository holding `dir`.
pub fn repo_root(dir: &Path) -> Result<PathBuf, GitError> {
    let out = git(dir, &["rev-parse", "--show-toplevel"])
        .map_err(|_| GitError(format!("{} is not in a git repository", dir.display())))?;
    Ok(PathBuf::from(String::from_utf8_lossy(&out).trim()))
}

/// The commit a revision names.
pub fn resolve(root: &Path, rev: &str) -> Result<String, GitError> {
    let out = git(
        root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|_| GitError(format!("unknown revision {rev:?}")))?;
    Ok(String::from_utf8_lossy(&out).trim().to_string())
}

/// A file's text at a commit (`None` if it did not exist there).
pub fn file_at(root: &Path, commit: &str, repo_path: &str) -> Option<String> {
    git(root, &["show", &format!("{commit}:{repo_path}")])
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
}

/// `path` relative to the repository root, `/`-separated.
pub fn repo_relative(root: &Path, path: &Path) -> Result<String, GitError> {
    let absolute = std::path::absolute(path).map_err(|e| GitError(e.to_string()))?;
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let parent = absolute
        .parent()
        .and_then(|p| std::fs::canonicalize(p).ok());
    let canonical = match (parent, absolute.file_name()) {
        (Some(p), Some(name)) => p.join(name),
        _ => absolute.clone(),
    };
    let rel = canonical
        .strip_prefix(&root)
        .map_err(|_| GitError(format!("{} is outside the repository", path.display())))?;
    Ok(rel.to_string_lossy().replace('\\', "/"))
}

/// The two context states for `--since`: at `commit` (with the ignore file of then) and
/// now (with the ignore file of now).
/// `walk` lists the context as it is now; it runs while git answers.
pub fn states(
    root: &Path,
    commit: &str,
    context: &Path,
    walk: impl FnOnce() -> Result<Listing, String> + Send,
    ignore_then: Option<&DockerIgnore>,
) -> Result<(ContextState, ContextState), GitError> {
    let prefix = repo_relative(root, context)?;
    let prefix = prefix.trim_matches('/').to_string();
    let pathspec = if prefix.is_empty() {
        ".".to_string()
    } else {
        prefix.clone()
    };
    let prefix_slash = format!("{prefix}/");
    let strip = |p: &str| -> Option<String> {
        if prefix.is_empty() {
            Some(p.to_string())
        } else {
            p.strip_prefix(prefix_slash.as_str()).map(String::from)
        }
    };

    // Tracked files at the commit, and what differs now (modified in content or mode,
    // deleted, added, untracked): three git processes at once, while the walk runs.
    let (tree, diff, untracked, listing) = std::thread::scope(|s| {
        let ls_tree = [
            "ls-tree",
            "-r",
            "-z",
            "--full-tree",
            commit,
            "--",
            &pathspec,
        ];
        let diff = [
            "diff",
            "--name-only",
            "-z",
            "--no-renames",
            commit,
            "--",
            &pathspec,
        ];
        let others = [
            "ls-files",
            "-z",
            "--others",
            "--exclude-standard",
            "--",
            &pathspec,
        ];
        let tree = s.spawn(move || git(root, &ls_tree));
        let diff = s.spawn(move || git(root, &diff));
        let untracked = s.spawn(move || git(root, &others));
        let listing = walk();
        let join = |h: std::thread::ScopedJoinHandle<'_, Result<Vec<u8>, GitError>>| {
            h.join()
                .unwrap_or_else(|_| Err(GitError("git failed".into())))
        };
        (join(tree), join(diff), join(untracked), listing)
    });
    let (tree, diff, untracked) = (tree?, diff?, untracked?);
    let listing_now = &listing.map_err(GitError)?;
    let mut then: BTreeMap<String, String> = BTreeMap::new();
    for record in tree.split(|b| *b == 0).filter(|r| !r.is_empty()) {
        let record = String::from_utf8_lossy(record);
        let Some((meta, path)) = record.split_once('\t') else {
            continue;
        };
        let mut fields = meta.split(' ');
        let (mode, kind, blob) = (
            fields.next().unwrap_or(""),
            fields.next().unwrap_or(""),
            fields.next().unwrap_or(""),
        );
        if kind != "blob" {
            continue;
        }
        let Some(rel) = strip(path) else { continue };
        then.insert(rel, identity_of_blob(mode, blob));
    }

    let changed: HashSet<String> = diff
        .split(|b| *b == 0)
        .chain(untracked.split(|b| *b == 0))
        .filter(|r| !r.is_empty())
        .filter_map(|r| strip(&String::from_utf8_lossy(r)))
        .collect();

    let mut now: BTreeMap<String, String> = BTreeMap::new();
    for (path, entry) in &listing_now.entries {
        let identity = match &entry.kind {
            Kind::Dir => {
                // Git keeps no folders; a folder here now was here then, as far as git knows.
                then.entry(path.clone()).or_insert_with(|| "dir".into());
                "dir".to_string()
            }
            // An unchanged link points where it points now: both sides name the target,
            // so a COPY of the link follows it (and sees the target's own change).
            Kind::Symlink(target) if !changed.contains(path) && then.contains_key(path) => {
                let identity = format!("symlink {target}");
                then.insert(path.clone(), identity.clone());
                identity
            }
            _ if !changed.contains(path) && then.contains_key(path) => then[path].clone(),
            Kind::File if changed.contains(path) => {
                let digest = hash_file(&listing_now.root.join(path))
                    .map_err(|e| GitError(format!("{path}: {e}")))?;
                format!(
                    "file {} content:{digest}",
                    if entry.mode & 0o111 != 0 {
                        "755"
                    } else {
                        "644"
                    }
                )
            }
            Kind::Symlink(target) if changed.contains(path) => format!("symlink {target}"),
            // Neither tracked nor untracked: git ignores it (or it is git's own folder),
            // yet the builder gets it. Nothing says it changed: the same on both sides.
            Kind::File => {
                let identity = format!("file {:o} git-ignored", entry.mode);
                then.entry(path.clone()).or_insert_with(|| identity.clone());
                identity
            }
            Kind::Symlink(target) => {
                let identity = format!("symlink {target}");
                then.entry(path.clone()).or_insert_with(|| identity.clone());
                identity
            }
            Kind::Other => "other".to_string(),
        };
        now.insert(path.clone(), identity);
    }
    // The ignore file that was in force, then the folders of the files it let through:
    // a file re-included inside an excluded folder (`docs`, `!docs/keep.md`) brings its
    // folder along, as the walk of the context does now.
    if let Some(ignore) = ignore_then {
        then.retain(|p, _| !ignore.is_excluded(p));
    }
    let folders = folders_of(then.keys().map(String::as_str));
    let folders: Vec<String> = folders.into_iter().map(String::from).collect();
    for folder in folders {
        then.entry(folder).or_insert_with(|| "dir".into());
    }
    Ok((
        ContextState { entries: then },
        ContextState { entries: now },
    ))
}

fn identity_of_blob(mode: &str, blob: &str) -> String {
    match mode {
        "120000" => format!("symlink blob:{blob}"),
        "100755" => format!("file 755 blob:{blob}"),
        _ => format!("file 644 blob:{blob}"),
    }
}
