//! The headless commands (`list`, `show`, `add`, `move`, `rank`, `split`) for scripts and for
//! people without the screen. Changes go through the same save protocol as the screen, under a
//! workspace lock that also makes new ids unique across every board of the folder.

use std::io::Write;
use std::path::{Path, PathBuf};

pub mod json;

use crate::model::ops::{self, Rank};
use crate::model::{Board, Edit, Item, ModelError, Workspace};
use crate::storage::lock::{BoardLock, LockError};
use crate::storage::open_tolerant::open_workspace;
use crate::storage::save_protocol::{ProtocolError, save_merged};
use crate::storage::{FileProblem, LoadedFile};

#[derive(Debug, thiserror::Error)]
pub enum HeadlessError {
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<FileProblem>),
    #[error("{0}")]
    Model(#[from] ModelError),
    #[error("there is no board named \"{0}\" (use `trainboard list` to see them)")]
    NoSuchBoard(String),
    #[error(transparent)]
    Locked(#[from] LockError),
    #[error(transparent)]
    Save(#[from] ProtocolError),
    /// The board is read-only (written by a newer trainboard, its file is not writable, or
    /// broken): headless commands refuse it exactly as the screen does.
    #[error("{0}; nothing was changed")]
    ReadOnly(String),
    /// `move --strict` refused a move over the column's WIP limit.
    #[error("{0}; nothing was changed")]
    OverWip(String),
    /// A command-line value that names nothing (an unknown kind).
    #[error("{0}")]
    Usage(String),
}

/// A loaded workspace and the bytes each board was loaded from.
pub struct Session {
    pub root: PathBuf,
    pub ws: Workspace,
    files: Vec<LoadedFile>,
    /// Boards whose ids were renumbered on opening and are not saved yet.
    renumbered: Vec<String>,
    /// What renumbering on opening did, in words.
    pub renames: Vec<String>,
}

impl Session {
    /// Opens the workspace for reading. Should two items share an id, it takes the workspace
    /// lock, opens again and saves the renumbered boards, so the next command sees them fixed.
    pub fn open(root: &Path) -> Result<Session, HeadlessError> {
        let session = Session::load(root, true)?;
        if session.renumbered.is_empty() {
            return Ok(session);
        }
        let _lock = BoardLock::acquire(&workspace_lock_target(root), WORKSPACE_WAIT)?;
        let mut session = Session::load(root, false)?;
        session.save_renumbered()?;
        Ok(session)
    }

    /// Opens the workspace and says on stderr what opening it found: files passed over,
    /// broken boards, links to missing items and (when `quiet_renames` is false) renumbered ids.
    fn load(root: &Path, quiet_renames: bool) -> Result<Session, HeadlessError> {
        let opened = open_workspace(root).map_err(HeadlessError::Invalid)?;
        let mut stderr = std::io::stderr();
        let mut say = |line: String| {
            let _ = writeln!(stderr, "{}", crate::text::clean(&line));
        };
        for note in &opened.notes {
            say(format!("{}: {}", note.path.display(), note.message));
        }
        for problem in opened.broken.values().flatten() {
            say(format!("{problem} (this board is read-only until the file is fixed)"));
        }
        for warning in &opened.warnings {
            say(format!("warning: {warning}"));
        }
        if !quiet_renames {
            for renamed in &opened.renumbering.renamed {
                say(crate::model::renumber::describe(renamed));
            }
        }
        let renames = opened.renumbering.renamed.iter().map(crate::model::renumber::describe).collect();
        Ok(Session {
            root: opened.root,
            ws: opened.ws,
            files: opened.files,
            renumbered: opened.renumbering.boards,
            renames,
        })
    }

    /// Saves the boards renumbering changed. Call while holding the workspace lock.
    fn save_renumbered(&mut self) -> Result<(), HeadlessError> {
        for key in std::mem::take(&mut self.renumbered) {
            self.save(&key)?;
        }
        Ok(())
    }

    /// A board by name or file key (`Alpha`, `team-alpha.ron`, `team-alpha`), ignoring case.
    pub fn board_named(&self, name: &str) -> Result<&Board, HeadlessError> {
        self.ws.board_named(name).ok_or_else(|| HeadlessError::NoSuchBoard(name.to_string()))
    }

    /// Applies `edit` and saves every board it touched by the save protocol. A board the
    /// screen would not change (read-only, newer format, broken file, an archive) is not
    /// changed here either.
    fn commit(&mut self, edit: Edit) -> Result<Vec<(String, String)>, HeadlessError> {
        if let Some(archive) = edit.boards().iter().find_map(|k| self.ws.board_by_key(k).filter(|b| b.is_archive())) {
            let of = archive.archive_of.clone().unwrap_or_default();
            return Err(HeadlessError::Usage(format!(
                "{} is the archive of {of}: its items change only by `trainboard archive` and `trainboard restore`",
                archive.key
            )));
        }
        self.commit_archiving(edit)
    }

    /// [`Session::commit`] for archiving and restoring, the edits that may touch an archive.
    pub(crate) fn commit_archiving(&mut self, edit: Edit) -> Result<Vec<(String, String)>, HeadlessError> {
        let boards = edit.boards();
        for key in &boards {
            if let Some(reason) = self.ws.board_by_key(key).and_then(Board::read_only_reason) {
                return Err(HeadlessError::ReadOnly(reason));
            }
        }
        crate::model::edit::apply_all(&mut self.ws, edit)?;
        let mut renamed = Vec::new();
        for key in boards {
            renamed.extend(self.save(&key)?);
        }
        Ok(renamed)
    }

    /// Saves one board by the save protocol; returns the ids the merge renamed.
    fn save(&mut self, key: &str) -> Result<Vec<(String, String)>, HeadlessError> {
        let Some(board) = self.ws.board_by_key(key) else { return Ok(Vec::new()) };
        if board.is_read_only() {
            return Ok(Vec::new());
        }
        let index =
            self.files.iter().position(|f| crate::storage::load_and_check::board_key(&self.root, &f.path) == key);
        let path = index.map(|i| self.files[i].path.clone()).unwrap_or_else(|| self.root.join(key));
        let saved = save_merged(&path, index.map(|i| self.files[i].bytes.unpack()).as_deref(), board)?;
        if !saved.conflicts.is_empty() {
            let at = saved.conflict_file.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
            let message = format!("{} conflicting change(s) on {key}; ours was written to {at}", saved.conflicts.len());
            eprintln!("{}", crate::text::clean(&message));
        }
        let file = LoadedFile::new(path, &saved.bytes);
        match index {
            Some(i) => self.files[i] = file,
            None => self.files.push(file),
        }
        Ok(saved.renamed)
    }
}

/// How long a headless command waits for the workspace lock.
const WORKSPACE_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// Runs `change` on a freshly loaded workspace while holding the workspace lock, so that
/// concurrent headless writers take turns and never hand out one id twice.
pub fn with_workspace<T>(
    root: &Path,
    change: impl FnOnce(&mut Session) -> Result<T, HeadlessError>,
) -> Result<T, HeadlessError> {
    let _lock = BoardLock::acquire(&workspace_lock_target(root), WORKSPACE_WAIT)?;
    let mut session = Session::load(root, false)?;
    session.save_renumbered()?;
    change(&mut session)
}

/// The workspace lock is `.trainboard.lock` in the workspace folder.
pub fn workspace_lock_target(root: &Path) -> PathBuf {
    root.join(".trainboard")
}

fn renamed_id(renamed: &[(String, String)], id: &str) -> String {
    renamed.iter().find(|(old, _)| old == id).map(|(_, new)| new.clone()).unwrap_or_else(|| id.to_string())
}

/// Renumbers items that share an id (what every command does on opening) and returns what it
/// did; for the git hooks after a merge or rebase, and for people who want it now.
pub fn renumber(root: &Path) -> Result<Vec<String>, HeadlessError> {
    with_workspace(root, |s| Ok(s.renames.clone()))
}

pub fn add(
    root: &Path,
    board: &str,
    title: &str,
    column: Option<&str>,
    parent: Option<&str>,
) -> Result<String, HeadlessError> {
    add_as(root, board, title, column, parent, None)
}

/// Like [`add`], of the kind named `kind` (any case) instead of the board's kind for new items.
pub fn add_as(
    root: &Path,
    board: &str,
    title: &str,
    column: Option<&str>,
    parent: Option<&str>,
    kind: Option<&str>,
) -> Result<String, HeadlessError> {
    let kind = match kind {
        Some(name) => Some(crate::model::Kind::from_name(name).ok_or_else(|| {
            let known: Vec<&str> = crate::model::Kind::ALL.iter().map(|k| k.name()).collect();
            HeadlessError::Usage(format!("unknown kind \"{name}\"; use one of {}", known.join(", ")))
        })?),
        None => None,
    };
    with_workspace(root, |s| {
        let target = s.board_named(board)?;
        // The kinds the screen offers on this level (`n`, `Y`), so a script cannot put an epic
        // on a team board either.
        if let Some(kind) = kind {
            let fitting = crate::model::fields::kinds_for(target.level);
            if !fitting.contains(&kind) {
                let names: Vec<&str> = fitting.iter().map(|k| k.name()).collect();
                return Err(HeadlessError::Usage(format!(
                    "a {} board takes no {}; use one of {}",
                    target.level.name().to_lowercase(),
                    kind.name(),
                    names.join(", ")
                )));
            }
        }
        let key = target.key.clone();
        let column = match column {
            Some(c) => c.to_string(),
            None => target.columns.first().map(|c| c.name.clone()).unwrap_or_default(),
        };
        let (mut edit, id) = ops::add_item_as(&s.ws, &key, &column, title, &crate::clock::now_rfc3339(), kind)?;
        if let Some(parent) = parent {
            if !s.ws.contains(parent) {
                return Err(ModelError::UnknownItem(parent.to_string()).into());
            }
            if let Some(crate::model::Op::Insert { item, .. }) = edit.ops.first_mut() {
                item.parent = Some(parent.to_string());
            }
        }
        let renamed = s.commit(edit)?;
        Ok(renamed_id(&renamed, &id))
    })
}

/// Moves `id` to `column` and returns a warning when that takes the column over its WIP
/// limit; with `strict`, such a move is refused and nothing is written.
pub fn move_item(root: &Path, id: &str, column: &str, strict: bool) -> Result<Option<String>, HeadlessError> {
    with_workspace(root, |s| {
        let edit = match ops::move_to_column(&s.ws, id, column, &crate::clock::now_rfc3339()) {
            Err(ModelError::NothingToChange) => return Ok(None),
            edit => edit?,
        };
        let over = over_wip_after_move(&s.ws, id, column);
        if let (true, Some((count, limit))) = (strict, over) {
            return Err(HeadlessError::OverWip(format!(
                "moving {id} would take {column} to {count} items, over its WIP limit {limit} (--strict)"
            )));
        }
        s.commit(edit)?;
        Ok(over.map(|(count, limit)| format!("{column} now holds {count} items, over its WIP limit {limit}")))
    })
}

/// How many items column `to` of `id`'s board holds once `id` moves there, and its WIP limit,
/// when that count is over the limit.
fn over_wip_after_move(ws: &Workspace, id: &str, to: &str) -> Option<(usize, u32)> {
    let (board, item) = ws.find(id)?;
    let col = board.column_index(to)?;
    let limit = board.columns.get(col)?.wip?;
    let count = board.column_len(col) + usize::from(item.column != to);
    (count > limit as usize).then_some((count, limit))
}

pub fn rank(root: &Path, id: &str, rank: &Rank) -> Result<(), HeadlessError> {
    with_workspace(root, |s| match ops::rank(&s.ws, id, rank) {
        Err(ModelError::NothingToChange) => Ok(()),
        edit => s.commit(edit?).map(|_| ()),
    })
}

pub fn split(root: &Path, id: &str, titles: &[String], board: Option<&str>) -> Result<Vec<String>, HeadlessError> {
    with_workspace(root, |s| {
        let target = match board {
            Some(name) => {
                let key = s.board_named(name)?.key.clone();
                s.ws.board_index(&key).ok_or_else(|| HeadlessError::NoSuchBoard(name.to_string()))?
            }
            None => ops::default_split_board(&s.ws, id)?,
        };
        let (edit, ids) = ops::split(&s.ws, id, titles, target, &crate::clock::now_rfc3339())?;
        let renamed = s.commit(edit)?;
        Ok(ids.iter().map(|i| renamed_id(&renamed, i)).collect())
    })
}

pub fn list(root: &Path, board: Option<&str>, as_json: bool) -> Result<String, HeadlessError> {
    let s = Session::open(root)?;
    let boards: Vec<&Board> = match board {
        Some(name) => vec![s.board_named(name)?],
        None => s.ws.boards().iter().collect(),
    };
    if as_json {
        return Ok(json::boards_json(&s.ws, &boards));
    }
    let mut out = String::new();
    for b in boards {
        let archive = b.archive_of.as_ref().map(|of| format!(", archive of {of}")).unwrap_or_default();
        out.push_str(&format!("{} ({}, {}{archive})\n", b.name, b.level.name(), b.key));
        for (c, column) in b.columns.iter().enumerate() {
            let limit = column.wip.map(|w| format!("/{w}")).unwrap_or_default();
            out.push_str(&format!("  {} [{}{limit}]\n", column.name, b.column_len(c)));
            for item in b.column_items(c) {
                out.push_str(&format!("    {}\n", plain_line(&s.ws, b, item)));
            }
        }
    }
    Ok(out)
}

/// `F-12  Smarter search  (Feature, WSJF 3.2, 2/5, blocked)`
fn plain_line(ws: &Workspace, board: &Board, item: &Item) -> String {
    let mut notes = vec![board.kind_of(item).name().to_string()];
    if let Some(score) = item.score_label() {
        notes.push(score);
    }
    if let Some((done, total)) = ws.rollup(&item.id) {
        notes.push(format!("{done}/{total}"));
    }
    if item.is_blocked() {
        notes.push("blocked".into());
    }
    let title = crate::text::clean(&item.title);
    format!("{:<8} {title}  ({})", item.id, notes.join(", "))
}

pub fn show(root: &Path, id: &str, as_json: bool) -> Result<String, HeadlessError> {
    let s = Session::open(root)?;
    let (board, item) = s.ws.find(id).ok_or_else(|| ModelError::UnknownItem(id.to_string()))?;
    let parent = item.parent.as_deref().and_then(|p| s.ws.find(p));
    let children: Vec<(&Board, &Item)> = s.ws.children(id).iter().filter_map(|c| s.ws.find(c)).collect();
    if as_json {
        let shown = json::ShownJson {
            item: json::ItemJson::new(&s.ws, board, item),
            parent_item: parent.map(|(b, i)| json::ItemJson::new(&s.ws, b, i)),
            children: children.iter().map(|(b, i)| json::ItemJson::new(&s.ws, b, i)).collect(),
        };
        return Ok(json::pretty(&shown));
    }
    let mut out = format!("{}\n", plain_line(&s.ws, board, item));
    out.push_str(&format!("  board: {} · column: {}\n", board.name, item.column));
    if board.is_archive() {
        out.push_str(&format!("  archived in {} (trainboard restore {} brings it back)\n", board.key, item.id));
    }
    for (name, value) in
        [("owner", &item.owner), ("team", &item.team), ("iteration", &item.iteration), ("blocked", &item.blocked)]
    {
        if let Some(value) = value {
            out.push_str(&format!("  {name}: {}\n", crate::text::clean(value)));
        }
    }
    if let Some(description) = &item.description {
        out.push_str(&format!("  description: {}\n", crate::text::clean(description)));
    }
    for c in &item.acceptance {
        out.push_str(&format!("  [{}] {}\n", if c.done { "x" } else { " " }, crate::text::clean(&c.text)));
    }
    if let Some((pb, pi)) = parent {
        out.push_str(&format!("parent:\n  {}\n", plain_line(&s.ws, pb, pi)));
    }
    if !children.is_empty() {
        out.push_str("children:\n");
        for (cb, ci) in children {
            out.push_str(&format!("  {}  [{} · {}]\n", plain_line(&s.ws, cb, ci), cb.name, ci.column));
        }
    }
    Ok(out)
}
