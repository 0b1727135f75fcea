//! Writing a board file atomically: temp file in the same folder, fsync, rename over the board,
//! keeping the file's permissions; a symlinked board is written through to its target.
//!
//! A failed save leaves the old file untouched; the caller keeps the change in memory.

use std::io::Write;
use std::path::{Path, PathBuf};

use atomic_write_file::OpenOptions;
use atomic_write_file::unix::OpenOptionsExt;

use crate::model::Board;

use super::faults::{Stage, check};
use super::write::board_to_string;

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
    let mut options = OpenOptions::new();
    options.preserve_mode(true).try_preserve_owner(true);
    let mut file = options.open(&target).map_err(fail)?;
    // On any error the temp file is dropped, which removes it: the old board stays as it was.
    check(Stage::Write).and_then(|()| file.write_all(bytes)).map_err(fail)?;
    check(Stage::Fsync).and_then(|()| file.as_file().sync_all()).map_err(fail)?;
    check(Stage::Rename).and_then(|()| file.commit()).map_err(fail)
}

/// Serializes and saves a board; returns the bytes written (the new merge base).
pub fn save_board(path: &Path, board: &Board) -> Result<Vec<u8>, SaveError> {
    let bytes = board_to_string(board).into_bytes();
    write_atomic(path, &bytes)?;
    Ok(bytes)
}
