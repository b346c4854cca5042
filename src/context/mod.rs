//! The build context: what `docker build` sends, and which files of it COPY and ADD may
//! read. Rules and the cache model ask it; only `load` touches the file system.

pub mod dockerignore;
pub mod files;
pub mod probe;

pub use dockerignore::{DockerIgnore, PatternError};
pub use files::{ContextError, Entry, Kind, Listing};
pub use probe::{BuildContext, Size};

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
