//! Reading Dockerfiles from disk or stdin, refusing what cannot be one with a clear error,
//! and finding Dockerfiles under a directory.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Real Dockerfiles are kilobytes; anything this large is a mistake, not a build file.
pub const MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

#[derive(Debug)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for InputError {}

fn error(path: &str, message: impl Into<String>) -> InputError {
    InputError {
        path: path.to_string(),
        message: message.into(),
    }
}

/// The display name used for standard input.
pub const STDIN_NAME: &str = "<stdin>";

pub fn read_stdin() -> Result<String, InputError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| error(STDIN_NAME, format!("cannot read: {e}")))?;
    decode(bytes).map_err(|message| error(STDIN_NAME, message))
}

pub fn read_file(path: &Path) -> Result<String, InputError> {
    // The name is written out only for an error: most files read fine.
    let fail = |message: String| error(&path.display().to_string(), message);
    // Open first and ask the open file its size: one path lookup instead of two.
    let file = std::fs::File::open(path).map_err(|e| fail(io_message(&e)))?;
    let meta = file.metadata().map_err(|e| fail(io_message(&e)))?;
    if meta.is_dir() {
        return Err(fail("is a directory, not a Dockerfile".into()));
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(fail(format!(
            "file is {:.1} MiB, larger than the {} MiB a Dockerfile may be",
            meta.len() as f64 / (1024.0 * 1024.0),
            MAX_FILE_SIZE / (1024 * 1024)
        )));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(io_message(&e)))?;
    decode(bytes).map_err(fail)
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot read: {e}"),
    }
}

/// The text of a file's bytes, or why they are not a Dockerfile's.
fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(format!(
            "input is larger than the {} MiB a Dockerfile may be",
            MAX_FILE_SIZE / (1024 * 1024)
        ));
    }
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(format!(
            "binary file (NUL byte at offset {at}), not a Dockerfile"
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        format!("not valid UTF-8 (line {line}, byte offset {at})")
    })
}

/// Whether a file name is one `check` looks for inside directories.
pub fn is_dockerfile_name(name: &str) -> bool {
    if name.ends_with(".dockerignore") {
        return false;
    }
    name == "Dockerfile"
        || name == "Containerfile"
        || name.starts_with("Dockerfile.")
        || name.starts_with("Containerfile.")
        || name.ends_with(".Dockerfile")
        || name.ends_with(".dockerfile")
}

/// Dockerfiles below `dir`, honouring .gitignore/.ignore files, in a stable order (the
/// order of a walk that visits each folder's entries by name). The folders are walked on
/// every core.
pub fn find_dockerfiles(dir: &Path) -> Result<Vec<PathBuf>, InputError> {
    let found = std::sync::Mutex::new(Vec::new());
    let failures = std::sync::Mutex::new(Vec::new());
    ignore::WalkBuilder::new(dir)
        .hidden(false)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|e| e.file_name() != ".git")
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                match entry {
                    Ok(entry) => {
                        let is_file = entry
                            .file_type()
                            .is_some_and(|t| t.is_file() || t.is_symlink());
                        if is_file && is_dockerfile_name(&entry.file_name().to_string_lossy()) {
                            found
                                .lock()
                                .unwrap_or_else(|p| p.into_inner())
                                .push(entry.into_path());
                        }
                    }
                    Err(e) => failures
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push(e.to_string()),
                }
                ignore::WalkState::Continue
            })
        });
    let mut failures = failures.into_inner().unwrap_or_else(|p| p.into_inner());
    failures.sort();
    if let Some(first) = failures.into_iter().next() {
        return Err(error(&dir.display().to_string(), first));
    }
    let mut found = found.into_inner().unwrap_or_else(|p| p.into_inner());
    // Paths compare by component, which is the order of a sorted depth-first walk.
    found.sort_unstable_by(|a, b| separator_lowest(a).cmp(separator_lowest(b)));
    Ok(found)
}

/// A path's bytes with the separator as the lowest byte. For paths that share their
/// start (the folder given) and whose rest the walk wrote with single separators, this
/// orders them as their components do, at a fraction of the cost.
fn separator_lowest(path: &Path) -> impl Iterator<Item = u8> + '_ {
    let separator = std::path::MAIN_SEPARATOR as u8;
    path.as_os_str()
        .as_encoded_bytes()
        .iter()
        .map(move |&b| if b == separator { 0 } else { b })
}

#[cfg(test)]
mod tests {
    use super::is_dockerfile_name;

    #[test]
    fn dockerfile_names() {
        for yes in [
            "Dockerfile",
            "Dockerfile.dev",
            "api.Dockerfile",
            "x.dockerfile",
            "Containerfile",
        ] {
            assert!(is_dockerfile_name(yes), "{yes}");
        }
        for no in [
            "Dockerfile.dockerignore",
            "dockerfile.md",
            "README",
            "Dockerfilex",
        ] {
            assert!(!is_dockerfile_name(no), "{no}");
        }
    }

    /// Found Dockerfiles come in the order of their path components, as a sorted
    /// depth-first walk visits them (`a/b` before `a-b`, `a` before `a.b`).
    #[test]
    fn found_dockerfiles_are_in_component_order() {
        let dir = tempfile::tempdir().unwrap();
        let names = [
            "a/b/Dockerfile",
            "a-b/Dockerfile",
            "a.b/Dockerfile",
            "a/Dockerfile",
            "ab/Dockerfile",
            "a/b-c/Dockerfile",
        ];
        for name in names {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "FROM x\n").unwrap();
        }
        let found = super::find_dockerfiles(dir.path()).unwrap();
        let mut by_component: Vec<std::path::PathBuf> = found.clone();
        by_component.sort();
        assert_eq!(found, by_component);
        assert_eq!(found.len(), names.len());
    }
}
