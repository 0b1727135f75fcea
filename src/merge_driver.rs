//! git's merge driver for board files: `trainboard merge-driver %O %A %B %P`. It reads and
//! writes the files; the merge itself is the pure [`crate::merge`].
//!
//! Merges BASE (`%O`), OURS (`%A`) and THEIRS (`%B`) by item id and field and writes the result
//! to OURS in canonical text, as git expects. Exit codes ([`DriverOutcome::exit_code`],
//! [`DriverError::exit_code`]):
//!
//! - `0` ([`EXIT_CLEAN`]): merged cleanly.
//! - `1` ([`EXIT_CONFLICT`]): fields both sides changed differently. OURS still parses and holds
//!   theirs' values there; ours' whole board is written beside PATH (or OURS) as
//!   `NAME.conflict-20261122T153000Z`, and [`DriverOutcome::summary`] says what conflicted.
//! - `2` ([`EXIT_ERROR`]): a file does not parse or cannot be read or written; OURS is untouched
//!   and the error names the file, line and column.
//!
//! An empty or missing BASE (both sides added the file) counts as an empty board.

use std::path::{Path, PathBuf};

use crate::model::Board;
use crate::model::board::FORMAT_VERSION;
use crate::storage::atomic::write_atomic;
use crate::storage::load_and_check::read_board_bytes;
use crate::storage::save_protocol::conflict_path;
use crate::storage::{FileProblem, SaveError, board_to_string, parse_board};

use crate::merge::{Conflict, merge_boards};

/// The merge was clean.
pub const EXIT_CLEAN: i32 = 0;
/// The merge wrote a result but some fields conflicted.
pub const EXIT_CONFLICT: i32 = 1;
/// Nothing was merged: a file could not be read, parsed or written.
pub const EXIT_ERROR: i32 = 2;

/// Why the driver merged nothing; OURS is untouched (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum DriverError {
    /// `file:line:column: message`.
    #[error("{0}")]
    Unreadable(FileProblem),
    #[error(
        "{path}: written by a newer trainboard (format {version}, this one knows {FORMAT_VERSION}); merge it with that version"
    )]
    Newer { path: PathBuf, version: u32 },
    #[error("cannot write the merge result: {0}")]
    Write(#[from] SaveError),
}

impl DriverError {
    /// The exit code for git: always [`EXIT_ERROR`].
    pub fn exit_code(&self) -> i32 {
        EXIT_ERROR
    }
}

/// What the merge did; OURS holds the result.
#[derive(Debug)]
pub struct DriverOutcome {
    pub conflicts: Vec<Conflict>,
    /// Ids both sides added to different items: (id, the temporary id ours had in the merge).
    /// Both items are in the result under the id.
    pub renamed: Vec<(String, String)>,
    /// Where ours' whole version was kept when there were conflicts.
    pub ours_copy: Option<PathBuf>,
}

impl DriverOutcome {
    /// [`EXIT_CLEAN`] or [`EXIT_CONFLICT`].
    pub fn exit_code(&self) -> i32 {
        if self.conflicts.is_empty() { EXIT_CLEAN } else { EXIT_CONFLICT }
    }

    /// One line per conflict and rename, for stderr; `path` names the board. Empty when clean.
    pub fn summary(&self, path: &str) -> String {
        let conflicts = self.conflicts.iter().map(|c| {
            let id = c.id.as_deref().unwrap_or("board");
            format!("{path}: conflict in {id} {}: ours {} / theirs {} (theirs kept)", c.field, c.ours, c.theirs)
        });
        let renames = self.renamed.iter().map(|(id, _)| {
            format!("{path}: both sides added {id}; both are kept, and trainboard gives one a new id when it opens")
        });
        let copy = self.ours_copy.iter().map(|copy| format!("{path}: our whole version is in {}", copy.display()));
        conflicts.chain(renames).chain(copy).collect::<Vec<_>>().join("\n")
    }
}

/// Merges the three files and writes the result to `ours`. `path` is the board's path in the
/// work tree (git's `%P`), used for the board's key and for where the conflict copy goes.
pub fn merge_files(base: &Path, ours: &Path, theirs: &Path, path: Option<&Path>) -> Result<DriverOutcome, DriverError> {
    let key = path.and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let our_board = read(ours, &key)?;
    let their_board = read(theirs, &key)?;
    let base_board = match read_base(base, &key)? {
        Some(board) => board,
        None => empty_like(&our_board),
    };
    let mut merged = merge_boards(&base_board, &our_board, &their_board);
    // Both sides added an item under one id: both are kept under it. Which one keeps it is
    // decided when the workspace opens, where git says which is published and links on other
    // boards can follow the one that is renumbered (see `model::renumber`).
    keep_both(&mut merged.board, &merged.renamed);
    let mut ours_copy = None;
    if !merged.conflicts.is_empty() {
        let copy = conflict_path(path.unwrap_or(ours), &crate::clock::now_rfc3339());
        write_atomic(&copy, board_to_string(&our_board).as_bytes())?;
        ours_copy = Some(copy);
    }
    write_atomic(ours, board_to_string(&merged.board).as_bytes())?;
    Ok(DriverOutcome { conflicts: merged.conflicts, renamed: merged.renamed, ours_copy })
}

/// Reads and parses one side; any failure names the file, line and column.
fn read(path: &Path, key: &str) -> Result<Board, DriverError> {
    let bytes = read_board_bytes(path).map_err(|message| unreadable(path, 1, 1, message))?;
    parse(path, &bytes, key)
}

fn unreadable(path: &Path, line: usize, column: usize, message: String) -> DriverError {
    DriverError::Unreadable(FileProblem { path: path.to_path_buf(), line, column, message })
}

fn parse(path: &Path, bytes: &[u8], key: &str) -> Result<Board, DriverError> {
    let board = parse_board(bytes, key).map_err(|e| unreadable(path, e.line, e.column, e.message))?;
    if board.version > FORMAT_VERSION {
        return Err(DriverError::Newer { path: path.to_path_buf(), version: board.version });
    }
    Ok(board)
}

/// The base, or `None` when it is missing or empty (the file was added on both sides).
fn read_base(path: &Path, key: &str) -> Result<Option<Board>, DriverError> {
    if std::fs::symlink_metadata(path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        return Ok(None);
    }
    let bytes = read_board_bytes(path).map_err(|message| unreadable(path, 1, 1, message))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    parse(path, &bytes, key).map(Some)
}

/// A board without items, iterations or objectives, of `board`'s version, name, level and
/// columns: the base when both sides added the file.
fn empty_like(board: &Board) -> Board {
    let mut empty = Board::new(board.key.clone(), board.name.clone(), board.level, board.columns.clone());
    empty.version = board.version;
    empty
}

/// Gives ours' colliding items (renamed to a temporary fresh id by the merge) their id back,
/// with the links ours made to them.
fn keep_both(board: &mut Board, renamed: &[(String, String)]) {
    if renamed.is_empty() {
        return;
    }
    let back = |id: &mut String| {
        if let Some((old, _)) = renamed.iter().find(|(_, new)| new == id) {
            *id = old.clone();
        }
    };
    for item in &mut board.items {
        back(&mut item.id);
        if let Some(parent) = item.parent.as_mut() {
            back(parent);
        }
        item.depends_on.iter_mut().for_each(back);
    }
    board.reindex();
}
