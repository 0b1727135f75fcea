//! The save protocol of `docs/sharing.md`: lock the board, re-read it, merge by item id and
//! field when someone else changed it since we loaded it, write atomically, unlock.
//!
//! A true conflict keeps their value on disk, writes our whole board beside it as
//! `NAME.ron.conflict-TIME`, and is reported; a file that no longer parses is never saved over.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::merge::{Conflict, merge_boards};
use crate::model::Board;

use super::atomic::{SaveError, write_atomic};
use super::canonical::board_to_string;
use super::load_and_check::FileProblem;
use super::lock::{BoardLock, LOCK_WAIT, LockError};
use super::parse::parse_board;

#[derive(Debug, thiserror::Error)]
pub enum ProtocolError {
    #[error(transparent)]
    Locked(#[from] LockError),
    #[error("{0}; not saving over a file that does not parse (fix it, and trainboard picks it up)")]
    Broken(FileProblem),
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Write(#[from] SaveError),
}

/// What a save did.
#[derive(Debug, Default)]
pub struct Saved {
    /// The bytes now on disk: the new merge base.
    pub bytes: Vec<u8>,
    /// The board as saved, when it differs from ours (their changes were merged in).
    pub merged: Option<Board>,
    /// Fields both sides changed differently; theirs is on disk, ours in `conflict_file`.
    pub conflicts: Vec<Conflict>,
    pub conflict_file: Option<PathBuf>,
    /// Our new items that had to take another id because theirs took the same one.
    pub renamed: Vec<(String, String)>,
    /// On a conflict: the board to keep in memory (their changes, ours where both changed).
    pub ours_kept: Option<Board>,
}

/// Saves `ours` to `path` by the protocol; `base` is the bytes we last loaded or wrote.
pub fn save_merged(path: &Path, base: Option<&[u8]>, ours: &Board) -> Result<Saved, ProtocolError> {
    let target = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let _lock = BoardLock::acquire(&target, LOCK_WAIT)?;
    let disk = match fs::read(&target) {
        Ok(bytes) => Some(bytes),
        Err(err) if err.kind() == ErrorKind::NotFound => None,
        Err(source) => return Err(ProtocolError::Read { path: path.to_path_buf(), source }),
    };
    let mut saved = Saved::default();
    let result = match (&disk, base) {
        (Some(disk), Some(base)) if disk.as_slice() != base => {
            let theirs = parse_board(disk, &ours.key).map_err(|e| {
                ProtocolError::Broken(FileProblem {
                    path: path.to_path_buf(),
                    line: e.line,
                    column: e.column,
                    message: e.message,
                })
            })?;
            // The base parsed when it was loaded; should it not, theirs is the fairest base.
            let base = parse_board(base, &ours.key).unwrap_or_else(|_| theirs.clone());
            let merged = merge_boards(&base, ours, &theirs);
            if !merged.conflicts.is_empty() {
                // What we keep showing: their other changes, with ours where the two disagree,
                // so that choosing "keep mine" later reverts nothing else of theirs.
                saved.ours_kept = Some(merge_boards(&base, &theirs, ours).board);
            }
            saved.conflicts = merged.conflicts;
            saved.renamed = merged.renamed;
            merged.board
        }
        _ => ours.clone(),
    };
    if !saved.conflicts.is_empty() {
        let copy = conflict_path(&target, &crate::clock::now_rfc3339());
        write_atomic(&copy, board_to_string(ours).as_bytes())?;
        saved.conflict_file = Some(copy);
    }
    let bytes = board_to_string(&result).into_bytes();
    if disk.as_deref() != Some(bytes.as_slice()) {
        write_atomic(&target, &bytes)?;
    }
    if saved.ours_kept.is_none() && result != *ours {
        saved.merged = Some(result);
    }
    saved.bytes = bytes;
    Ok(saved)
}

/// `team.ron.conflict-20261122T153000Z` beside `team.ron`.
pub fn conflict_path(board: &Path, now: &str) -> PathBuf {
    beside(board, "conflict", now)
}

/// `team.ron.WHAT-20261122T153000Z` beside `team.ron` (`-2`, `-3`, … when that is taken), a
/// name no board scan reads and no cleanup removes.
pub fn beside(board: &Path, what: &str, now: &str) -> PathBuf {
    let stamp: String = now.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let mut name = board.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{what}-{stamp}"));
    let first = board.with_file_name(name);
    let mut candidate = first.clone();
    let mut n = 2;
    while candidate.symlink_metadata().is_ok() {
        let mut name = first.clone().into_os_string();
        name.push(format!("-{n}"));
        candidate = PathBuf::from(name);
        n += 1;
    }
    candidate
}

/// What re-reading a board file found.
#[derive(Debug)]
pub enum Reloaded {
    /// The bytes are the ones we last loaded or wrote (our own save's echo, or a touch).
    Unchanged,
    /// Someone changed it: the board to show (theirs, merged with unsaved changes of ours),
    /// the ids of the items that differ from what was shown, and the new base bytes.
    Changed { board: Box<Board>, changed: Vec<String>, bytes: Vec<u8> },
    /// The file is gone.
    Removed,
    /// It no longer parses; the copy in memory stays.
    Broken(FileProblem),
}

/// What to do with changes in memory that are not on disk when a board is re-read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsaved {
    /// There are none: show theirs.
    None,
    /// A save failed: merge ours in; where both changed a field, theirs wins as in a save.
    Merge,
    /// An unresolved conflict: merge theirs in, but ours wins where both changed a field.
    Prefer,
}

/// Re-reads `path`; `base` is the bytes last loaded or written, `shown` the board in memory.
/// `force` reads it even when the bytes are the base's (a broken file put back as it was).
pub fn reload(
    path: &Path,
    key: &str,
    base: Option<&[u8]>,
    shown: Option<&Board>,
    unsaved: Unsaved,
    force: bool,
) -> Reloaded {
    let bytes = match super::load_and_check::read_board_bytes(path) {
        Ok(bytes) => bytes,
        Err(_) if !path.exists() => return Reloaded::Removed,
        Err(message) => return Reloaded::Broken(FileProblem { path: path.to_path_buf(), line: 1, column: 1, message }),
    };
    if base == Some(bytes.as_slice()) && !force {
        return Reloaded::Unchanged;
    }
    let theirs = match parse_board(&bytes, key) {
        Ok(mut board) => {
            board.locked = super::load_and_check::not_writable(path);
            board
        }
        Err(e) => {
            let problem = FileProblem { path: path.to_path_buf(), line: e.line, column: e.column, message: e.message };
            return Reloaded::Broken(problem);
        }
    };
    let base_board = if unsaved == Unsaved::None { None } else { base.and_then(|b| parse_board(b, key).ok()) };
    let board = match (shown, base_board) {
        // Unsaved changes of ours are merged with theirs, not dropped.
        (Some(ours), Some(base)) if *ours != base => match unsaved {
            Unsaved::Prefer => merge_boards(&base, &theirs, ours).board,
            _ => merge_boards(&base, ours, &theirs).board,
        },
        _ => theirs,
    };
    let changed = changed_items(shown, &board);
    Reloaded::Changed { board: Box::new(board), changed, bytes }
}

/// Ids of items that are new or different in `after` compared with `before`.
pub fn changed_items(before: Option<&Board>, after: &Board) -> Vec<String> {
    after
        .items
        .iter()
        .filter(|item| before.and_then(|b| b.item(&item.id)) != Some(*item))
        .map(|item| item.id.clone())
        .collect()
}
