//! The board the screen opens on, read by itself, so that a large workspace shows it while the
//! other boards load. Only a board that parses and keeps its own rules is shown early; what
//! the whole workspace says about it (ids shared with other boards, links, renumbering) is
//! known, and shown, once every board is loaded.

use std::path::{Path, PathBuf};

use crate::model::validate::{Rule, validate_one};
use crate::model::{Board, Level};

use super::load_and_check::{LoadedFile, load_file};

/// Below this many bytes of board files the whole workspace loads faster than a first frame
/// is worth drawing twice.
pub const EARLY_FROM_BYTES: u64 = 2 * 1024 * 1024;

/// The board the screen opens on (the first program board by file name, else the first board
/// by level and file name, as [`crate::app::App::new`] chooses), read and checked on its own;
/// `None` when the workspace is small, when a file does not name its level near its start,
/// or when that board has a problem of its own (then the screen waits for the whole load).
pub fn first_board(root: &Path) -> Option<(Board, LoadedFile)> {
    first_board_of(root).map(|first| (first.board, first.file))
}

/// The board the screen opens on, read, and how many other board files there are.
pub struct First {
    pub board: Board,
    pub file: LoadedFile,
    pub others: usize,
}

/// [`first_board`], with the number of the other board files (for the "loading" line).
pub fn first_board_of(root: &Path) -> Option<First> {
    let paths = super::load_and_check::board_files(root);
    let total: u64 = paths.iter().filter_map(|p| p.metadata().ok()).map(|m| m.len()).sum();
    if paths.len() < 2 || total < EARLY_FROM_BYTES {
        return None;
    }
    let (path, level) = opening_board(&paths)?;
    let (board, file) = load_file(root, &path).ok()?;
    // Links to other boards cannot be checked yet; anything else wrong waits for the whole load.
    let own_problems = validate_one(&board, &[], |_| None).into_iter().filter(|p| p.rule != Rule::Link);
    if board.level != level || board.locked.is_some() || own_problems.count() > 0 {
        return None;
    }
    Some(First { board, file, others: paths.len() - 1 })
}

/// The file and level of the board the screen opens on, from the level each file names.
fn opening_board(paths: &[PathBuf]) -> Option<(PathBuf, Level)> {
    let mut levels = Vec::with_capacity(paths.len());
    for path in paths {
        levels.push((peek_level(path)?, super::load_and_check::board_key(Path::new(""), path), path));
    }
    let program = levels.iter().filter(|(level, ..)| *level == Level::Program).min_by(|a, b| a.1.cmp(&b.1));
    let first = program.or_else(|| levels.iter().min_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1))))?;
    Some((first.2.clone(), first.0))
}

/// How much of a file's start is searched for its `level`.
const PEEK_BYTES: usize = 16 * 1024;

/// The `level:` a board file names before its items, read from its first bytes only.
fn peek_level(path: &Path) -> Option<Level> {
    use std::io::Read;
    let mut head = Vec::with_capacity(PEEK_BYTES);
    std::fs::File::open(path).ok()?.take(PEEK_BYTES as u64).read_to_end(&mut head).ok()?;
    let text = String::from_utf8_lossy(&head);
    let before_items = text.split("items").next().unwrap_or("");
    level_in(before_items)
}

/// The level named by the one `level: X` field in `text` (none, or two: `None`).
fn level_in(text: &str) -> Option<Level> {
    let mut found = None;
    for (at, _) in text.match_indices("level") {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some(rest) = text[at + "level".len()..].trim_start().strip_prefix(':') else { continue };
        let word: String = rest.trim_start().chars().take_while(|c| c.is_alphanumeric()).collect();
        let level = match word.as_str() {
            "Portfolio" => Level::Portfolio,
            "Program" => Level::Program,
            "Team" => Level::Team,
            _ => return None,
        };
        if found.replace(level).is_some() {
            return None;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_level_a_board_names_before_its_items() {
        assert_eq!(level_in("Board(\n    name: \"ART\",\n    level: Program,\n    columns: ["), Some(Level::Program));
        assert_eq!(level_in("Board(level:Team)"), Some(Level::Team));
        assert_eq!(level_in("Board(name: \"x\", columns: [])"), None);
        assert_eq!(level_in("Board(level: Team, level: Program)"), None);
        assert_eq!(level_in("Board(sublevel: Program)"), None);
        assert_eq!(level_in("Board(level: Tean)"), None);
    }
}
