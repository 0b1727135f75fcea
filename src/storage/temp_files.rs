//! trainboard's own temp files beside a file it writes: `.NAME.trainboard-tmp-PID-N`, a name no
//! other tool uses, created exclusively (never through a planted symlink) and removed on every
//! error. A writer killed half-way leaves one behind; [`remove_dead`] takes away exactly those
//! whose writer is gone, and nothing else (vim's `.team.ron.swp`, undo files, notes stay).

use std::ffi::{OsStr, OsString};
use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::process_identity::writer_gone;

const MARK: &str = ".trainboard-tmp-";

/// A number that differs between calls in one process.
fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A temp file that is removed when dropped, unless [`TempFile::keep`] says it was renamed or
/// linked into place.
#[derive(Debug)]
pub struct TempFile {
    pub path: PathBuf,
    pub file: File,
    armed: bool,
}

impl TempFile {
    /// Creates `.NAME.trainboard-tmp-PID-N` in `dir` for the file `name`, new (never an existing
    /// file or symlink), with `mode` before the umask.
    pub fn create(dir: &Path, name: &OsStr, mode: u32) -> io::Result<TempFile> {
        loop {
            let mut temp = OsString::from(".");
            temp.push(name);
            temp.push(format!("{MARK}{}-{}", std::process::id(), unique()));
            let path = dir.join(temp);
            let opened = OpenOptions::new()
                .write(true)
                .read(true)
                .create_new(true)
                .mode(mode)
                .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
                .open(&path);
            match opened {
                Ok(file) => return Ok(TempFile { path, file, armed: true }),
                // Left by an earlier process that had our pid; take the next number.
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(err) => return Err(err),
            }
        }
    }

    /// The file has a new name now (renamed over the target); nothing to remove.
    pub fn keep(mut self) {
        self.armed = false;
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if self.armed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// The writer's pid when `name` is exactly one of trainboard's temp names: the current
/// `.NAME.trainboard-tmp-PID-N`, or `.NAME.lock-PID-N` that earlier versions used for locks.
pub fn writer_of(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?;
    let (stem, numbers) = match rest.rfind(MARK) {
        Some(at) => (&rest[..at], &rest[at + MARK.len()..]),
        None => {
            let at = rest.rfind(".lock-")?;
            let stem = &rest[..at];
            // Only the lock temps of boards and of the workspace lock.
            if !(stem.ends_with(".ron") || stem == ".trainboard") {
                return None;
            }
            (stem, &rest[at + ".lock-".len()..])
        }
    };
    let (pid, n) = numbers.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit());
    if stem.is_empty() || !digits(pid) || !digits(n) {
        return None;
    }
    pid.parse().ok()
}

/// Removes trainboard's temp files in `dir` whose writer is gone (dead, or its pid reused by a
/// process that started after the file was written). Returns how many went.
pub fn remove_dead(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(writer_of) else { continue };
        // Only regular files (not a symlink or folder someone named like ours).
        let Ok(meta) = entry.path().symlink_metadata() else { continue };
        if !meta.file_type().is_file() {
            continue;
        }
        let Ok(modified) = meta.modified() else { continue };
        if writer_gone(pid, modified) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_exact_trainboard_names_are_recognised() {
        assert_eq!(writer_of(".team.ron.trainboard-tmp-123-4"), Some(123));
        assert_eq!(writer_of("..trainboard.lock-77-0"), Some(77));
        assert_eq!(writer_of(".team.ron.lock.trainboard-tmp-9-10"), Some(9));
        for other in [
            ".team.ron.swp",
            ".team.ron.un~",
            ".team.ron.notes",
            ".team.ron.trainboard-tmp-12",
            ".team.ron.trainboard-tmp-12-x",
            ".team.ron.trainboard-tmp--1",
            "team.ron.trainboard-tmp-1-2",
            ".team.ron.lock-1-2.swp",
            ".trainboard-tmp-1-2",
            ".notes.lock-1-2",
        ] {
            assert_eq!(writer_of(other), None, "{other}");
        }
    }

    #[test]
    fn a_temp_file_is_removed_unless_kept() {
        let scratch = tempfile::Builder::new().prefix("trainboard-temp-").tempdir().unwrap();
        let dir = scratch.path();
        let temp = TempFile::create(dir, OsStr::new("a.ron"), 0o600).unwrap();
        let path = temp.path.clone();
        assert!(path.exists());
        drop(temp);
        assert!(!path.exists());
    }
}
