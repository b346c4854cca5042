//! Writing files so that a reader never sees half of one.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Where the bytes for `path` go. A regular file (or a new one) is replaced by renaming a
/// temporary file onto it; through a symbolic link, that is the file the link points to
/// (the link stays a link). Anything else (`/dev/null`, `/dev/stdout`, a FIFO) is written
/// in place: renaming onto it would replace the device itself.
enum Destination {
    Replace(PathBuf),
    InPlace,
}

fn destination(path: &Path) -> Destination {
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    };
    match std::fs::metadata(&target) {
        Ok(m) if !m.is_file() => Destination::InPlace,
        _ => Destination::Replace(target),
    }
}

fn write_in_place(path: &Path, write: Writer) -> std::io::Result<()> {
    let mut file = std::io::BufWriter::new(std::fs::OpenOptions::new().write(true).open(path)?);
    write(&mut file)?;
    file.flush()
}

/// What puts the bytes into a file (or onto stdout).
pub(super) type Writer<'w> = &'w mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>;

/// Several files, each through a temporary file beside it; none is replaced unless all
/// temporary files were written.
pub(super) fn write_all_atomically(files: &[(&Path, &[u8])]) -> Result<(), String> {
    let mut ready = Vec::new();
    let mut in_place = Vec::new();
    for (path, bytes) in files {
        match destination(path) {
            Destination::Replace(target) => {
                let tmp = temporary_copy(&target, &mut |w| w.write_all(bytes))
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                ready.push((*path, target, tmp));
            }
            Destination::InPlace => in_place.push((*path, *bytes)),
        }
    }
    for (path, target, tmp) in ready {
        tmp.persist(&target)
            .map_err(|e| format!("{}: {}", path.display(), e.error))?;
    }
    for (path, bytes) in in_place {
        write_in_place(path, &mut |w| w.write_all(bytes))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// The bytes in a temporary file next to `path`, with `path`'s permissions, or, for a new
/// file, the permissions any new file gets (0666 less the umask, not the temporary
/// file's private 0600).
fn temporary_copy(path: &Path, write: Writer) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // The error names the file asked for, not the temporary one beside it.
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| std::io::Error::new(e.kind(), e.kind().to_string()))?;
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    let mut buffered = std::io::BufWriter::new(&mut tmp);
    write(&mut buffered)?;
    buffered.flush()?;
    drop(buffered);
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with(path, &mut |w| w.write_all(bytes))
}

/// `write_atomically` for bytes that `write` produces as it goes.
pub(super) fn write_atomically_with(path: &Path, write: Writer) -> std::io::Result<()> {
    match destination(path) {
        Destination::Replace(target) => temporary_copy(&target, write)?
            .persist(&target)
            .map(|_| ())
            .map_err(|e| e.error),
        Destination::InPlace => write_in_place(path, write),
    }
}
