//! Opening a workspace so that one file can never stop everyone: a board that does not parse
//! or breaks a rule of its own gets a tab of its own with the error (read-only until fixed),
//! items that share an id are renumbered (see [`crate::model::renumber`]), and links to
//! missing items are said but shown. Only a folder without any board file fails to open.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::model::renumber::{Renumbering, renumber, shared_ids};
use crate::model::validate::{self, Rule};
use crate::model::{Board, Level, Workspace};

use super::load_and_check::{FileProblem, LoadedFile, load_workspace_with, locate_problem};
use super::published::published;

/// An opened workspace and what opening it found.
#[derive(Debug)]
pub struct Opened {
    pub root: PathBuf,
    pub ws: Workspace,
    pub files: Vec<LoadedFile>,
    /// Boards that cannot be used as they are, by key, with their problems: each is shown on
    /// its own tab, read-only, until its file is fixed.
    pub broken: BTreeMap<String, Vec<FileProblem>>,
    /// Problems that leave the board usable: a parent or dependency that does not exist, an
    /// unknown iteration.
    pub warnings: Vec<FileProblem>,
    /// Files passed over (not boards).
    pub notes: Vec<FileProblem>,
    /// Items that took a new id because another item had theirs; the boards listed in it
    /// changed in memory and need saving.
    pub renumbering: Renumbering,
}

pub use crate::model::board::BROKEN_REASON;

/// Opens the workspace at `root`.
pub fn open_workspace(root: &Path) -> Result<Opened, Vec<FileProblem>> {
    open_workspace_with(root, None)
}

/// [`open_workspace`], with the board the screen showed first as it was read then (see
/// [`super::first_board::first_board`]).
pub fn open_workspace_with(root: &Path, first: Option<(Board, LoadedFile)>) -> Result<Opened, Vec<FileProblem>> {
    let loaded = load_workspace_with(root, first);
    if loaded.boards.is_empty() && loaded.kinds.iter().all(|(key, _)| key.is_empty()) {
        return Err(loaded.problems);
    }
    let mut broken: BTreeMap<String, Vec<FileProblem>> = BTreeMap::new();
    let mut boards = loaded.boards;
    for (problem, (key, rule)) in loaded.problems.iter().zip(&loaded.kinds) {
        match rule {
            None => {
                boards.push(placeholder(key, &problem.path));
                add_line(&mut broken, key, problem);
            }
            Some(Rule::Board) => add_line(&mut broken, key, problem),
            Some(_) => {}
        }
    }
    for board in boards.iter_mut().filter(|b| broken.contains_key(&b.key)) {
        board.locked = Some(BROKEN_REASON.into());
    }
    let renumbering = renumber_usable(root, &mut boards, &broken);
    // Links as loading found them, unless renumbering changed some (then checked again).
    let warnings = if renumbering.renamed.is_empty() {
        let links = loaded.problems.iter().zip(&loaded.kinds).filter(|(_, (_, rule))| *rule == Some(Rule::Link));
        links.map(|(problem, _)| problem.clone()).collect()
    } else {
        let usable: Vec<&Board> = boards.iter().filter(|b| !broken.contains_key(&b.key)).collect();
        validate::validate_refs(&usable)
            .into_iter()
            .filter(|p| p.rule == Rule::Link)
            .map(|p| locate_problem(root, loaded.files.iter().find(|f| file_key(f) == p.board), &p))
            .collect()
    };
    Ok(Opened {
        root: loaded.root,
        ws: Workspace::new(boards),
        files: loaded.files,
        broken,
        warnings,
        notes: loaded.notes,
        renumbering,
    })
}

/// Renumbers shared ids among the boards that are not broken, asking git what is published.
fn renumber_usable(root: &Path, boards: &mut [Board], broken: &BTreeMap<String, Vec<FileProblem>>) -> Renumbering {
    let usable: Vec<usize> = (0..boards.len()).filter(|&i| !broken.contains_key(&boards[i].key)).collect();
    if shared_ids(usable.iter().map(|&i| &boards[i])).is_empty() {
        return Renumbering::default();
    }
    let mut subset: Vec<Board> = usable.iter().map(|&i| boards[i].clone()).collect();
    let keys: Vec<String> = subset.iter().map(|b| b.key.clone()).collect();
    let published = published(root, &keys);
    let renumbering = renumber(&mut subset, published.as_ref());
    for (i, board) in usable.into_iter().zip(subset) {
        boards[i] = board;
    }
    renumbering
}

fn file_key(file: &LoadedFile) -> String {
    super::load_and_check::board_key(Path::new(""), &file.path)
}

fn add_line(broken: &mut BTreeMap<String, Vec<FileProblem>>, key: &str, problem: &FileProblem) {
    broken.entry(key.to_string()).or_default().push(problem.clone());
}

/// A tab for a file that does not parse: named and placed by what its text says of its
/// name, level and `archive_of` where that can be read, with no columns, read-only.
fn placeholder(key: &str, path: &Path) -> Board {
    let text = super::folder_scan::read_board_bytes(path)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let name = value_after(&text, "name")
        .and_then(|v| v.strip_prefix('"')?.split('"').next().map(str::to_string))
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| key.strip_suffix(".ron").unwrap_or(key).to_string());
    let level = Level::ALL
        .into_iter()
        .find(|l| {
            ["level", "levle", "lvl"].iter().any(|k| value_after(&text, k).is_some_and(|v| v.starts_with(l.name())))
        })
        .unwrap_or(Level::Team);
    let mut board = Board::new(key, name, level, Vec::new());
    board.locked = Some(BROKEN_REASON.into());
    // A broken archive stays an archive: no tab, and never taken for its board by name.
    // When its value cannot be read, the file's name tells which board it archives.
    board.archive_of = value_after(&text, "archive_of").map(|v| {
        v.strip_prefix('"')
            .and_then(|v| v.split('"').next())
            .filter(|of| !of.trim().is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| key.strip_suffix(".archive.ron").map(|s| format!("{s}.ron")).unwrap_or_default())
    });
    board
}

/// The text after the first `key:` in `text`, trimmed at the start.
fn value_after<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let at = text.find(&format!("{key}:"))?;
    Some(text[at + key.len() + 1..].trim_start())
}

/// A reloaded board, checked exactly as opening checks it.
#[derive(Debug)]
pub enum Checked {
    /// Usable: the board (and any other boards renumbering changed), with what to say.
    Usable { boards: Vec<Board>, renumbering: Renumbering, warnings: Vec<FileProblem> },
    /// It breaks a rule of its own: keep showing the last good copy, with these problems.
    Broken(Vec<FileProblem>),
}

/// Checks a board that was read again from `file` against the rest of `ws`. Should it bring
/// an id that another item already has, the item we showed keeps it and the newcomer is
/// renumbered.
pub fn check_reloaded(ws: &Workspace, board: Board, file: &LoadedFile) -> Checked {
    let key = board.key.clone();
    let root = file.path.parent().unwrap_or(Path::new("")).to_path_buf();
    // The board's own rules, its ids against the others' and its links, by the workspace's
    // indexes: the cost follows this board, not the workspace.
    let is_usable = |b: &Board| b.locked.as_deref() != Some(BROKEN_REASON);
    let others: Vec<&Board> = ws.boards().iter().filter(|b| b.key != key && is_usable(b)).collect();
    let own =
        validate::validate_one(&board, &others, |id| ws.other_holder(&key, id, is_usable).map(|b| b.key.as_str()));
    let broken: Vec<FileProblem> =
        own.iter().filter(|p| p.rule == Rule::Board).map(|p| locate_problem(&root, Some(file), p)).collect();
    if !broken.is_empty() {
        return Checked::Broken(broken);
    }
    if !own.iter().any(|p| p.rule == Rule::DuplicateId) {
        let warnings =
            own.iter().filter(|p| p.rule == Rule::Link).map(|p| locate_problem(&root, Some(file), p)).collect();
        return Checked::Usable { boards: vec![board], renumbering: Renumbering::default(), warnings };
    }
    let mut refs = others;
    refs.push(&board);
    let warnings = |boards: &[&Board]| -> Vec<FileProblem> {
        validate::validate_refs(boards)
            .into_iter()
            .filter(|p| p.board == key && p.rule == Rule::Link)
            .map(|p| locate_problem(&root, Some(file), &p))
            .collect()
    };
    // The item we showed keeps its id; the newcomer takes the next free one.
    let shown: crate::model::renumber::Published = ws
        .boards()
        .iter()
        .flat_map(|b| b.items.iter().map(move |i| (i.id.clone(), (b.key.clone(), i.clone()))))
        .collect();
    let mut boards: Vec<Board> = refs.into_iter().cloned().collect();
    let renumbering = renumber(&mut boards, Some(&shown));
    let warnings = warnings(&boards.iter().collect::<Vec<_>>());
    let changed = boards.into_iter().filter(|b| b.key == key || renumbering.boards.contains(&b.key)).collect();
    Checked::Usable { boards: changed, renumbering, warnings }
}

/// Problems that keep a workspace from opening, printed by `main` as `file:line:column: message`.
#[derive(Debug, thiserror::Error)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct OpenError(pub Vec<FileProblem>);
