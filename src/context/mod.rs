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
    // Built in one pass, with no joined copy: the model asks this of every path a RUN
    // or COPY names.
    let relative = !path.starts_with('/');
    let cwd = if relative {
        cwd.trim_end_matches('/')
    } else {
        ""
    };
    let joined_len = if relative {
        cwd.len() + 1 + path.len()
    } else {
        path.len()
    };
    let ends_in_slash = path.ends_with('/') || (relative && path.is_empty());
    let mut out = String::with_capacity(joined_len + 1);
    for part in cwd.split('/').chain(path.split('/')) {
        match part {
            "" | "." => {}
            // `out` is a run of `/part`s: the last one starts at its last `/`.
            ".." => out.truncate(out.rfind('/').unwrap_or(0)),
            part => {
                out.push('/');
                out.push_str(part);
            }
        }
    }
    if out.is_empty() || (ends_in_slash && joined_len > 1) {
        out.push('/');
    }
    out
}

/// A `.dockerignore`, read and parsed, or a one-line error naming it.
pub fn read_ignore_file(path: &Path) -> Result<DockerIgnore, String> {
    let text = crate::input::read_file(path).map_err(|e| e.to_string())?;
    DockerIgnore::parse(&text).map_err(|e| format!("{}:{e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::{clean_path, container_path};

    /// Every join of a working folder and a path against the definition: join them with
    /// `/`, clean the result, keep a trailing `/`.
    #[test]
    fn container_paths_join_and_clean() {
        let parts = [
            "", "/", "a", "a/", "/a", "..", "../b", "./c/", "/x/../..", "d//e", ".",
        ];
        for cwd in parts {
            for path in parts {
                let joined = if path.starts_with('/') {
                    path.to_string()
                } else {
                    format!("{}/{path}", cwd.trim_end_matches('/'))
                };
                let mut expected = format!("/{}", clean_path(&joined));
                if joined.ends_with('/') && joined.len() > 1 && expected != "/" {
                    expected.push('/');
                }
                assert_eq!(container_path(cwd, path), expected, "{cwd:?} + {path:?}");
            }
        }
    }
}
