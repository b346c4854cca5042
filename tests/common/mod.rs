//! What several integration tests share: the agreement corpus, and where ShellCheck is.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// tests/corpus, the real-world Dockerfiles both agreement tests compare on.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// The `shellcheck` on PATH, or `None` when there is none (a wrapper the test puts first
/// on PATH hands its calls to this one).
pub fn shellcheck_path() -> Option<PathBuf> {
    let o = std::process::Command::new("sh")
        .args(["-c", "command -v shellcheck"])
        .output()
        .ok()?;
    let path = String::from_utf8_lossy(&o.stdout).trim().to_string();
    (!path.is_empty()).then(|| PathBuf::from(path))
}

/// The corpus files' names, sorted.
pub fn corpus_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".Dockerfile"))
        .collect();
    files.sort();
    files
}
