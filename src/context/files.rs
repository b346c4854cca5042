//! The files of a build context as the builder receives them: every entry below the root
//! that `.dockerignore` does not exclude, with what BuildKit's content checksum reads
//! (type, permission bits, symlink target, bytes; never mtime, and uid/gid are reset to 0
//! by the client, so they do not count either).

use super::DockerIgnore;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
    Symlink(String),
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    /// Permission bits with setuid, setgid and sticky.
    pub mode: u32,
}

/// A context that could not be read: which path, and why, on one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContextError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for ContextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for ContextError {}

/// The entries of a context, by `/`-separated path relative to the root.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    pub root: PathBuf,
    pub entries: BTreeMap<String, Entry>,
}

impl Listing {
    /// Walk `root`, leaving out what `ignore` excludes. Symlinks are listed, never
    /// followed, so a symlink loop is just two entries.
    pub fn walk(root: &Path, ignore: Option<&DockerIgnore>) -> Result<Listing, ContextError> {
        let meta = std::fs::metadata(root).map_err(|e| ContextError {
            path: root.to_path_buf(),
            message: io_message(&e),
        })?;
        if !meta.is_dir() {
            return Err(ContextError {
                path: root.to_path_buf(),
                message: "the build context is not a folder".into(),
            });
        }
        let found = std::sync::Mutex::new(Vec::new());
        let failure = std::sync::Mutex::new(None);
        rayon::scope(|scope| {
            walk_dir(
                scope,
                root.to_path_buf(),
                String::new(),
                ignore,
                &found,
                &failure,
            );
        });
        if let Some(error) = failure.into_inner().unwrap_or(None) {
            return Err(error);
        }
        let mut entries: BTreeMap<String, Entry> =
            found.into_inner().unwrap_or_default().into_iter().collect();
        // A file re-included inside an excluded folder brings its folders along.
        let missing: Vec<String> = folders_of(entries.keys().map(String::as_str))
            .into_iter()
            .filter(|f| !entries.contains_key(*f))
            .map(String::from)
            .collect();
        for parent in missing {
            entries.insert(
                parent,
                Entry {
                    kind: Kind::Dir,
                    mode: 0o755,
                },
            );
        }
        Ok(Listing {
            root: root.to_path_buf(),
            entries,
        })
    }

    /// The content digests of the given regular files, read in parallel.
    pub fn hash_files<'p>(
        &self,
        paths: impl IntoParallelIterator<Item = &'p String>,
    ) -> Result<BTreeMap<String, String>, ContextError> {
        paths
            .into_par_iter()
            .filter(|p| matches!(self.entries.get(*p).map(|e| &e.kind), Some(Kind::File)))
            .map(|p| {
                let full = self.root.join(p);
                hash_file(&full)
                    .map(|d| (p.clone(), d))
                    .map_err(|e| ContextError {
                        path: full,
                        message: io_message(&e),
                    })
            })
            .collect()
    }
}

type Found = std::sync::Mutex<Vec<(String, Entry)>>;

/// List one folder, and its subfolders in parallel. Metadata is read relative to the
/// open folder (no path lookup per entry), and symlinks are never followed.
fn walk_dir<'s>(
    scope: &rayon::Scope<'s>,
    dir: PathBuf,
    rel: String,
    ignore: Option<&'s DockerIgnore>,
    found: &'s Found,
    failure: &'s std::sync::Mutex<Option<ContextError>>,
) {
    let read = match std::fs::read_dir(&dir) {
        Ok(r) => r,
        // A folder that vanished mid-walk is simply not there.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
        Err(e) => {
            let mut f = failure.lock().unwrap();
            f.get_or_insert(ContextError {
                path: dir,
                message: io_message(&e),
            });
            return;
        }
    };
    let mut local = Vec::new();
    for item in read {
        let Ok(item) = item else { continue };
        let name = item.file_name().to_string_lossy().into_owned();
        let path = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        let Ok(meta) = item.metadata() else {
            continue;
        };
        let excluded = ignore.is_some_and(|i| i.is_excluded(&path));
        let kind = if meta.file_type().is_symlink() {
            let target = std::fs::read_link(item.path())
                .map(|t| t.to_string_lossy().into_owned())
                .unwrap_or_default();
            Kind::Symlink(target)
        } else if meta.is_dir() {
            Kind::Dir
        } else if meta.is_file() {
            Kind::File
        } else {
            Kind::Other
        };
        if kind == Kind::Dir {
            // Exceptions may re-include files below an excluded folder.
            if !excluded || ignore.is_some_and(DockerIgnore::has_exceptions) {
                let sub = item.path();
                let sub_rel = path.clone();
                scope.spawn(move |scope| walk_dir(scope, sub, sub_rel, ignore, found, failure));
            }
        }
        if !excluded {
            local.push((
                path,
                Entry {
                    kind,
                    mode: mode_of(&meta),
                },
            ));
        }
    }
    found.lock().unwrap().extend(local);
}

/// Every folder that holds one of `paths` (`a/b/c` gives `a/b` and `a`).
pub fn folders_of<'p>(paths: impl Iterator<Item = &'p str>) -> foldhash::HashSet<&'p str> {
    let mut folders = foldhash::HashSet::default();
    for path in paths {
        let mut current = path;
        while let Some(i) = current.rfind('/') {
            current = &current[..i];
            // Its parents are in already.
            if !folders.insert(current) {
                break;
            }
        }
    }
    folders
}

/// sha256 of a file's bytes, streamed.
pub fn hash_file(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 256 * 1024];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(unix)]
fn mode_of(meta: &std::fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o7777
}

#[cfg(not(unix))]
fn mode_of(meta: &std::fs::Metadata) -> u32 {
    if meta.permissions().readonly() {
        0o444
    } else {
        0o644
    }
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
