//! The build context: what `docker build` sends, and which files of it COPY and ADD may
//! read. Rules and the cache model ask it; only `load` touches the file system.

pub mod dockerignore;
pub mod files;
pub mod probe;

pub use dockerignore::{DockerIgnore, PatternError};
pub use files::{ContextError, Entry, Kind, Listing};
pub use probe::{BuildContext, SharedContexts, Size};

use std::path::{Path, PathBuf};

/// The ignore file that applies to a Dockerfile: `<Dockerfile>.dockerignore` next to it
/// replaces the context's `.dockerignore` (no merging).
pub fn ignore_file_for(dockerfile: &Path, context: &Path) -> Option<PathBuf> {
    let name = dockerfile.file_name()?.to_string_lossy().into_owned();
    let specific = dockerfile.with_file_name(format!("{name}.dockerignore"));
    if specific.is_file() {
        return Some(specific);
    }
    let general = context.join(".dockerignore");
    general.is_file().then_some(general)
}

/// A path in the build context as written in a COPY or `.dockerignore`, cleaned:
/// `./a/../b/` -> `b`, `.` and `/` -> `` (the root).
pub fn clean_path(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// A container path after `cd`-ing to `path` from `cwd`, cleaned (`..` and `.` resolved);
/// a trailing `/` is kept, as COPY destinations need it.
pub fn container_path(cwd: &str, path: &str) -> String {
    let joined = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{}/{path}", cwd.trim_end_matches('/'))
    };
    let keep_slash = joined.ends_with('/') && joined.len() > 1;
    let mut out = format!("/{}", clean_path(&joined));
    if keep_slash && out != "/" {
        out.push('/');
    }
    out
}

/// A `.dockerignore`, read and parsed, or a one-line error naming it.
pub fn read_ignore_file(path: &Path) -> Result<DockerIgnore, String> {
    let text = crate::input::read_file(path).map_err(|e| e.to_string())?;
    DockerIgnore::parse(&text).map_err(|e| format!("{}:{e}", path.display()))
}
