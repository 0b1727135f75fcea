//! git's merge driver for board files (`trainboard merge-driver %O %A %B %P`): merges BASE,
//! OURS and THEIRS by item id, writes the result to OURS, and exits 0 when clean, 1 on a real
//! conflict (the file still parses, holding theirs for the conflicting fields, with ours kept
//! beside it), 2 when a file does not parse (OURS is left untouched).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::model::Board;
use crate::storage::load::{board_files, load_file};
use crate::storage::protocol::conflict_path;
use crate::storage::save::write_atomic;
use crate::storage::{FileProblem, board_to_string, parse_board};

use super::{Conflict, merge_boards_avoiding};

#[derive(Debug, thiserror::Error)]
pub enum DriverError {
    #[error("{0}")]
    Unreadable(FileProblem),
    #[error("cannot write the merge result: {0}")]
    Write(#[from] crate::storage::SaveError),
}

/// What the merge did.
#[derive(Debug)]
pub struct DriverOutcome {
    pub conflicts: Vec<Conflict>,
    pub renamed: Vec<(String, String)>,
    /// Where our whole version was kept when there were conflicts.
    pub ours_copy: Option<PathBuf>,
}

impl DriverOutcome {
    pub fn exit_code(&self) -> i32 {
        i32::from(!self.conflicts.is_empty())
    }

    /// One line per conflict and rename, for stderr.
    pub fn summary(&self, path: &str) -> String {
        let mut lines: Vec<String> = self
            .conflicts
            .iter()
            .map(|c| {
                format!(
                    "{path}: {} {}: ours {} / theirs {} (theirs kept)",
                    c.id.as_deref().unwrap_or("board"),
                    c.field,
                    c.ours,
                    c.theirs
                )
            })
            .collect();
        lines
            .extend(self.renamed.iter().map(|(old, new)| format!("{path}: both sides added {old}; ours is now {new}")));
        if let Some(copy) = &self.ours_copy {
            lines.push(format!("{path}: our whole version is in {}", copy.display()));
        }
        lines.join("\n")
    }
}

fn read(path: &Path, key: &str) -> Result<Option<Board>, DriverError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => return Ok(None),
        Ok(bytes) => bytes,
        Err(_) => return Ok(None),
    };
    parse_board(&bytes, key).map(Some).map_err(|e| {
        DriverError::Unreadable(FileProblem {
            path: path.to_path_buf(),
            line: e.line,
            column: e.column,
            message: e.message,
        })
    })
}

/// Ids on the other boards of the folder `path` is in, so a renamed id is unique there too.
fn ids_elsewhere(path: Option<&Path>) -> HashSet<String> {
    let Some(dir) = path.and_then(Path::parent).map(|d| if d.as_os_str().is_empty() { Path::new(".") } else { d })
    else {
        return HashSet::new();
    };
    let own = path.and_then(Path::file_name);
    board_files(dir)
        .into_iter()
        .filter(|f| f.file_name() != own)
        .filter_map(|f| load_file(dir, &f).ok())
        .flat_map(|(board, _)| board.items.into_iter().map(|i| i.id))
        .collect()
}

/// Merges the three files and writes the result to `ours`.
pub fn merge_files(base: &Path, ours: &Path, theirs: &Path, path: Option<&Path>) -> Result<DriverOutcome, DriverError> {
    let key = path.and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let our_board = read(ours, &key)?;
    let their_board = read(theirs, &key)?;
    let (our_board, their_board) = match (our_board, their_board) {
        (Some(o), Some(t)) => (o, t),
        // One side is empty or missing: the other stands.
        (Some(o), None) => (o.clone(), o),
        (None, Some(t)) => (t.clone(), t),
        (None, None) => return Ok(DriverOutcome { conflicts: Vec::new(), renamed: Vec::new(), ours_copy: None }),
    };
    let base_board = read(base, &key)?.unwrap_or_else(|| {
        let mut empty = their_board.clone();
        empty.items.clear();
        empty.reindex();
        empty
    });
    let merged = merge_boards_avoiding(&base_board, &our_board, &their_board, &ids_elsewhere(path));
    let mut ours_copy = None;
    if !merged.conflicts.is_empty() {
        let beside = path.map(Path::to_path_buf).unwrap_or_else(|| ours.to_path_buf());
        let copy = conflict_path(&beside, &crate::clock::now_rfc3339());
        write_atomic(&copy, board_to_string(&our_board).as_bytes())?;
        ours_copy = Some(copy);
    }
    write_atomic(ours, board_to_string(&merged.board).as_bytes())?;
    Ok(DriverOutcome { conflicts: merged.conflicts, renamed: merged.renamed, ours_copy })
}
