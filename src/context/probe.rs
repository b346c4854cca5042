//! What the layer rules ask of a build context: does this path reach the builder, what
//! sits in this folder, how big is that. Answers come from the file system on demand
//! and are kept, so a rule that never asks costs nothing (most Dockerfiles never do).

use super::{DockerIgnore, Kind, Listing};
use foldhash::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// More entries than this under one folder are counted as "at least".
const SIZE_ENTRY_LIMIT: usize = 200_000;

/// A build context on disk: its root, its ignore file and the Dockerfile's place in it.
pub struct BuildContext<'a> {
    pub ignore: Option<&'a DockerIgnore>,
    /// The folder and the Dockerfile as given; what they resolve to is worked out when a
    /// rule first asks (most files never do, and resolving costs system calls per path).
    given_root: PathBuf,
    given_dockerfile: Option<PathBuf>,
    /// The ignore file, when the caller has already looked for it (`Some(None)`: none).
    given_ignore_file: Option<Option<PathBuf>>,
    root: OnceLock<PathBuf>,
    dockerfile: OnceLock<Option<String>>,
    ignore_file: OnceLock<Option<String>>,
    listing: OnceLock<Option<Arc<Listing>>>,
    folders: Mutex<HashMap<String, Arc<[String]>>>,
    shared: Option<&'a SharedContexts>,
    /// What sits at each path asked about (`None`: nothing), from one `lstat` per path:
    /// several rules ask about the same COPY sources.
    kinds: Mutex<HashMap<String, Option<Found>>>,
}

/// What the Dockerfiles of one run share about their build contexts: a context that
/// several of them are built in (the Dockerfiles of one folder) is walked once, and each
/// folder of it listed once.
#[derive(Debug, Default)]
pub struct SharedContexts {
    /// By context folder and ignore file; one thread walks, the others wait for it.
    listings: Mutex<HashMap<(PathBuf, Option<PathBuf>), ListingSlot>>,
    /// The sorted names of each folder, by its path on disk.
    names: Mutex<HashMap<PathBuf, Arc<[String]>>>,
}

type ListingSlot = Arc<OnceLock<Option<Arc<Listing>>>>;

/// What a path holds, not following a symlink at its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Found {
    File,
    Dir,
    Symlink,
    Other,
}

/// The size of a folder or file, and whether counting stopped early.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    pub bytes: u64,
    pub files: usize,
    pub truncated: bool,
}

impl Size {
    /// `412 MB in 12,345 files`, `at least ...` when counting stopped.
    pub fn describe(&self) -> String {
        let bytes = human_bytes(self.bytes);
        let files = if self.files == 1 {
            "1 file".to_string()
        } else {
            format!("{} files", self.files)
        };
        if self.truncated {
            format!("at least {bytes} in {files}")
        } else {
            format!("{bytes} in {files}")
        }
    }
}

/// A folder's names, sorted (none when it cannot be read).
fn list_names(path: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else if value < 10.0 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}

impl<'a> BuildContext<'a> {
    pub fn new(root: &Path, ignore: Option<&'a DockerIgnore>, dockerfile: Option<&Path>) -> Self {
        BuildContext {
            given_root: root.to_path_buf(),
            given_dockerfile: dockerfile.map(Path::to_path_buf),
            given_ignore_file: None,
            root: OnceLock::new(),
            dockerfile: OnceLock::new(),
            ignore_file: OnceLock::new(),
            ignore,
            listing: OnceLock::new(),
            folders: Mutex::new(HashMap::default()),
            kinds: Mutex::new(HashMap::default()),
            shared: None,
        }
    }

    /// Share walks and folder listings with the other Dockerfiles of a run.
    pub fn shared_with(mut self, shared: &'a SharedContexts) -> Self {
        self.shared = Some(shared);
        self
    }

    /// The ignore file in effect, as the caller found it with `ignore_file_for`, so
    /// that it is not looked for again.
    pub fn with_ignore_file(mut self, file: Option<&Path>) -> Self {
        self.given_ignore_file = Some(file.map(Path::to_path_buf));
        self
    }

    /// The context folder, with its links resolved.
    pub fn root(&self) -> &Path {
        self.root.get_or_init(|| {
            std::fs::canonicalize(&self.given_root).unwrap_or_else(|_| self.given_root.clone())
        })
    }

    /// A path's place relative to the root, when it lies inside the context.
    fn inside(&self, p: &Path) -> Option<String> {
        // The common case without resolving every folder on the way: a plain file right
        // in the context folder.
        if p.parent() == Some(self.given_root.as_path())
            || (p.parent() == Some(Path::new("")) && self.given_root == Path::new("."))
        {
            let plain = std::fs::symlink_metadata(p).ok()?.file_type().is_file();
            if plain {
                return p.file_name().map(|n| n.to_string_lossy().into_owned());
            }
        }
        let real = std::fs::canonicalize(p).ok()?;
        let rel = real.strip_prefix(self.root()).ok()?;
        Some(rel.to_string_lossy().replace('\\', "/"))
    }

    /// The Dockerfile's path relative to the root, when it lies inside the context.
    pub fn dockerfile(&self) -> Option<&str> {
        self.dockerfile
            .get_or_init(|| {
                self.given_dockerfile
                    .as_deref()
                    .and_then(|d| self.inside(d))
            })
            .as_deref()
    }

    /// The ignore file's path relative to the root, when it lies inside the context.
    pub fn ignore_file(&self) -> Option<&str> {
        self.ignore_file
            .get_or_init(|| {
                let root = &self.given_root;
                let file = match &self.given_ignore_file {
                    Some(known) => known.clone(),
                    None => self
                        .given_dockerfile
                        .as_deref()
                        .and_then(|d| super::ignore_file_for(d, root))
                        .or_else(|| Some(root.join(".dockerignore")).filter(|p| p.is_file())),
                };
                file.as_deref().and_then(|f| self.inside(f))
            })
            .as_deref()
    }

    /// Whether `.dockerignore` excludes the path (relative to the root).
    pub fn is_ignored(&self, path: &str) -> bool {
        self.ignore.is_some_and(|i| i.is_excluded(path))
    }

    /// Where a path of the context is on disk. Reading or testing it needs no resolved
    /// root (the system follows the links), so this costs no system call.
    pub fn path(&self, path: &str) -> PathBuf {
        self.given_root.join(path.trim_matches('/'))
    }

    fn found(&self, path: &str) -> Option<Found> {
        let path = path.trim_matches('/');
        let mut kinds = self.kinds.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = kinds.get(path) {
            return *found;
        }
        let found = std::fs::symlink_metadata(self.given_root.join(path))
            .ok()
            .map(|meta| {
                let kind = meta.file_type();
                if kind.is_symlink() {
                    Found::Symlink
                } else if kind.is_dir() {
                    Found::Dir
                } else if kind.is_file() {
                    Found::File
                } else {
                    Found::Other
                }
            });
        kinds.insert(path.to_string(), found);
        found
    }

    /// Whether the path is a folder, or a link to one.
    pub fn is_dir(&self, path: &str) -> bool {
        match self.found(path) {
            Some(Found::Dir) => true,
            Some(Found::Symlink) => self.path(path).is_dir(),
            _ => false,
        }
    }

    /// Whether the path is a regular file, or a link to one.
    pub fn is_file(&self, path: &str) -> bool {
        match self.found(path) {
            Some(Found::File) => true,
            Some(Found::Symlink) => self.path(path).is_file(),
            _ => false,
        }
    }

    /// Whether the path exists and reaches the builder.
    pub fn is_sent(&self, path: &str) -> bool {
        let path = path.trim_matches('/');
        !self.is_ignored(path) && self.exists(path)
    }

    /// Whether the path exists in the folder, sent or not (a dangling link does).
    pub fn exists(&self, path: &str) -> bool {
        self.found(path).is_some()
    }

    /// The names in a folder of the context (`""` is the root), sorted; ignored ones too.
    /// Listed once per folder: per run when shared, else per Dockerfile.
    pub fn names_in(&self, folder: &str) -> Arc<[String]> {
        let folder = folder.trim_matches('/');
        let mut cache = self.folders.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(names) = cache.get(folder) {
            return Arc::clone(names);
        }
        let path = self.given_root.join(folder);
        let names = match self.shared {
            Some(shared) => {
                let known = shared
                    .names
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .get(&path)
                    .cloned();
                // Listed outside the run's lock: two threads may list one folder alike.
                known.unwrap_or_else(|| {
                    let names: Arc<[String]> = list_names(&path).into();
                    shared
                        .names
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .insert(path, Arc::clone(&names));
                    names
                })
            }
            None => list_names(&path).into(),
        };
        cache.insert(folder.to_string(), Arc::clone(&names));
        names
    }

    /// Every entry the builder receives (walked once, on first use; once in a run for
    /// every Dockerfile with the same context and ignore file, when shared).
    pub fn listing(&self) -> Option<&Listing> {
        self.listing
            .get_or_init(|| {
                let walk = || Listing::walk(self.root(), self.ignore).ok().map(Arc::new);
                match (self.shared, &self.given_ignore_file) {
                    (Some(shared), Some(ignore_file)) => {
                        let slot = Arc::clone(
                            shared
                                .listings
                                .lock()
                                .unwrap_or_else(|e| e.into_inner())
                                .entry((self.given_root.clone(), ignore_file.clone()))
                                .or_default(),
                        );
                        slot.get_or_init(walk).clone()
                    }
                    _ => walk(),
                }
            })
            .as_deref()
    }

    /// The number of files the builder receives below `folder` (`""`: all of them).
    pub fn files_sent_below(&self, folder: &str) -> Option<usize> {
        let listing = self.listing()?;
        let folder = folder.trim_matches('/');
        let prefix = format!("{folder}/");
        Some(
            listing
                .entries
                .iter()
                .filter(|(p, e)| {
                    matches!(e.kind, Kind::File)
                        && (folder.is_empty() || p.as_str() == folder || p.starts_with(&prefix))
                })
                .count(),
        )
    }

    /// How much the path holds (a file, or a folder and everything below it), without
    /// following symlinks.
    pub fn size_of(&self, path: &str) -> Size {
        let mut size = Size {
            bytes: 0,
            files: 0,
            truncated: false,
        };
        let mut stack = vec![self.given_root.join(path.trim_matches('/'))];
        while let Some(p) = stack.pop() {
            let Ok(meta) = std::fs::symlink_metadata(&p) else {
                continue;
            };
            if meta.is_dir() {
                if let Ok(entries) = std::fs::read_dir(&p) {
                    stack.extend(entries.filter_map(Result::ok).map(|e| e.path()));
                }
            } else {
                size.files += 1;
                size.bytes += meta.len();
                if size.files >= SIZE_ENTRY_LIMIT {
                    size.truncated = true;
                    break;
                }
            }
        }
        size
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_like_du() {
        assert_eq!(super::human_bytes(512), "512 B");
        assert_eq!(super::human_bytes(1_500), "1.5 KB");
        assert_eq!(super::human_bytes(412_000_000), "412 MB");
    }
}
