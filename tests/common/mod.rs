//! What several integration tests share: the agreement corpus.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// tests/corpus, the real-world Dockerfiles both agreement tests compare on.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
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
