//! Writing files so that a reader never sees half of one.

use std::io::Write;
use std::path::Path;

/// Several files, each through a temporary file beside it; none is replaced unless all
/// temporary files were written.
pub(super) fn write_all_atomically(files: &[(&Path, &[u8])]) -> Result<(), String> {
    let mut ready = Vec::new();
    for (path, bytes) in files {
        let tmp = temporary_copy(path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        ready.push((*path, tmp));
    }
    for (path, tmp) in ready {
        tmp.persist(path)
            .map_err(|e| format!("{}: {}", path.display(), e.error))?;
    }
    Ok(())
}

/// The bytes in a temporary file next to `path`, with `path`'s permissions.
fn temporary_copy(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // The error names the file asked for, not the temporary one beside it.
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| std::io::Error::new(e.kind(), e.kind().to_string()))?;
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    temporary_copy(path, bytes)?
        .persist(path)
        .map(|_| ())
        .map_err(|e| e.error)
}
