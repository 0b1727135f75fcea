//! Writing a board file atomically: temp file in the same folder, fsync, rename over the board,
//! keeping the file's permissions; a symlinked board is written through to its target.
//!
//! A failed save leaves the old file untouched and removes its temp file; the caller keeps the
//! change in memory. Temp files are named `.NAME.trainboard-tmp-PID-N` (see `temp`).

use std::fs::{self, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::model::Board;

use super::canonical::board_to_string;
use super::fault_injection::{Stage, check};
use super::temp_files::TempFile;

#[derive(Debug, thiserror::Error)]
#[error("could not save {path}: {source}")]
pub struct SaveError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let fail = |source| SaveError { path: path.to_path_buf(), source };
    let target = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let name =
        target.file_name().ok_or_else(|| fail(io::Error::new(io::ErrorKind::InvalidInput, "not a file name")))?;
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let existing = fs::metadata(&target).ok().filter(|m| m.is_file());
    // On any error the temp file is dropped, which removes it: the old board stays as it was.
    let mut temp = TempFile::create(dir, name, 0o666).map_err(fail)?;
    if let Some(meta) = &existing {
        // The owner first: changing it may clear set-id bits that the mode then restores.
        let _ = std::os::unix::fs::fchown(&temp.file, Some(meta.uid()), Some(meta.gid()));
        temp.file.set_permissions(Permissions::from_mode(meta.mode() & 0o7777)).map_err(fail)?;
    }
    check(Stage::Write).and_then(|()| temp.file.write_all(bytes)).map_err(fail)?;
    check(Stage::Fsync).and_then(|()| temp.file.sync_all()).map_err(fail)?;
    check(Stage::Rename).and_then(|()| fs::rename(&temp.path, &target)).map_err(fail)?;
    temp.keep();
    // The new name itself survives a crash once the folder is synced; best effort.
    if let Ok(folder) = fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Serializes and saves a board; returns the bytes written (the new merge base).
pub fn save_board(path: &Path, board: &Board) -> Result<Vec<u8>, SaveError> {
    let bytes = board_to_string(board).into_bytes();
    write_atomic(path, &bytes)?;
    Ok(bytes)
}
