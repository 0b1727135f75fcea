//! What the disk says back, handled by `update` like a key: a board file read again, a round
//! of saves that landed (merged with others' changes, renumbered, in conflict), a save that
//! could not be done, new ids someone else took meanwhile, a new board written. The shell
//! only reads and writes the files; every decision about the screen and the undo history is
//! made here.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use crate::model::Board;
use crate::storage::workspace_files::{ConflictReport, SaveReport};
use crate::storage::{FileProblem, LoadedFile};

use super::state::{App, ConflictView, Effect, Mode};
use super::sync;

/// A board file read again after it changed on disk.
#[derive(Debug, Clone)]
pub enum Reload {
    /// Someone changed it: their board (merged with unsaved changes of ours), the ids of the
    /// items that differ from what was shown, the file as read, and whether the board still
    /// has changes of ours to write.
    Changed { board: Box<Board>, changed: Vec<String>, file: LoadedFile, unsaved: bool, at: Instant },
    /// The file is gone.
    Removed { key: String },
    /// It no longer parses; the last good copy stays.
    Broken { key: String, problem: FileProblem },
}

/// How a save that could not be done now will be tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// When the lock is free (another trainboard or a script holds it).
    WhenFree,
    /// On the next try (a full disk, a permission).
    NextTry,
}

/// `team.ron:3:5: message`: the board's file name, not the whole path, to fit the screen.
pub fn short_problem(key: &str, problem: &FileProblem) -> String {
    format!("{key}:{}:{}: {}", problem.line, problem.column, problem.message)
}

/// A board read again, checked as opening checks it: a board that breaks its own rules keeps
/// its last good copy; an id someone else also used is renumbered on their item and saved.
pub(in crate::app) fn reloaded(app: &mut App, reload: Reload) -> Vec<Effect> {
    match reload {
        Reload::Removed { key } => {
            sync::board_removed(app, &key);
            Vec::new()
        }
        Reload::Broken { key, problem } => {
            let text = short_problem(&key, &problem);
            sync::board_broken(app, &key, text);
            Vec::new()
        }
        Reload::Changed { board, changed, file, unsaved, at } => {
            changed_on_disk(app, *board, changed, &file, unsaved, at)
        }
    }
}

fn changed_on_disk(
    app: &mut App,
    board: Board,
    changed: Vec<String>,
    file: &LoadedFile,
    unsaved: bool,
    at: Instant,
) -> Vec<Effect> {
    use crate::storage::open_tolerant::{Checked, check_reloaded};
    let key = board.key.clone();
    match check_reloaded(&app.session.ws, board, file) {
        Checked::Broken(problems) => {
            let text = problems.iter().map(|p| short_problem(&key, p)).collect::<Vec<_>>().join("\n");
            sync::board_broken(app, &key, text);
            vec![Effect::MarkBroken(key)]
        }
        Checked::Usable { boards, renumbering, warnings } => {
            let mut to_save: Vec<String> = renumbering.boards.clone();
            if unsaved {
                to_save.push(key.clone());
            }
            for board in boards {
                if board.key == key {
                    sync::board_reloaded(app, board, changed.clone(), at);
                } else {
                    app.session.ws.put_board(board);
                }
            }
            if let Some(first) = renumbering.renamed.first() {
                app.info(crate::model::renumber::describe(first));
            } else if let Some(first) = warnings.first() {
                app.info(format!("{first} (shown anyway)"));
            }
            if to_save.is_empty() { Vec::new() } else { vec![Effect::Save(to_save)] }
        }
    }
}

/// A save could not be done now; the change stays in memory.
pub(in crate::app) fn save_failed(app: &mut App, error: &str, retry: Retry) {
    let when = match retry {
        Retry::WhenFree => "saved when it is free",
        Retry::NextTry => "saved again on the next try",
    };
    app.error(format!("{error}; the change is kept in memory and {when}"));
}

/// New items of ours whose ids someone else took meanwhile (`new_ids` by board key, `on_disk`
/// the ids the files hold now): each gets a fresh id, the undo history and the selection
/// follow it, and the boards it touched are saved again at once.
pub(in crate::app) fn ids_taken(app: &mut App, new_ids: &[(String, String)], on_disk: &HashSet<String>) -> Vec<Effect> {
    let renames = crate::storage::workspace_files::fresh_ids(&app.session.ws, new_ids, on_disk);
    let keys = renumber(app, &renames);
    if keys.is_empty() { Vec::new() } else { vec![Effect::Save(keys)] }
}

/// Gives our items `old` the ids `new`; returns the boards that changed.
pub fn renumber(app: &mut App, renames: &[(String, String)]) -> Vec<String> {
    let mut keys = Vec::new();
    for (old, new) in renames {
        if let Ok(edit) = crate::model::ops::rename_id(&app.session.ws, old, new) {
            let boards = edit.boards();
            if crate::model::edit::apply_all(&mut app.session.ws, edit).is_ok() {
                keys.extend(boards);
                app.session.history.rename(old, new);
                if app.selected_id().is_none_or(|id| id == *old) {
                    app.select_item(new);
                }
                app.info(format!("{old} was just taken on another board; yours is now {new}"));
            }
        }
    }
    keys
}

/// Shows what a round of saves did. A board merged with changes of others replaces ours; when
/// it was saved from a snapshot (`snapshots`, by key) and ours changed since, it is merged
/// with ours instead, so no edit made while it was being written is lost.
pub(in crate::app) fn saved(app: &mut App, report: SaveReport, snapshots: &HashMap<String, Board>, at: Instant) {
    for (old, new) in &report.renamed {
        app.session.history.rename(old, new);
    }
    for board in report.merged {
        let key = board.key.clone();
        let current = app.session.ws.board_by_key(&key);
        let board = match (snapshots.get(&key), current) {
            (Some(snapshot), Some(current)) if current != snapshot => {
                crate::merge::merge_boards(snapshot, current, &board).board
            }
            _ => board,
        };
        let changed = crate::storage::save_protocol::changed_items(app.session.ws.board_by_key(&key), &board);
        sync::board_reloaded(app, board, changed, at);
        app.info("saved, merged with changes someone else made meanwhile");
    }
    for (old, new) in &report.renamed {
        if app.selected_id().as_deref() == Some(old.as_str()) || app.session.ws.contains(new) {
            app.select_item(new);
        }
        app.info(format!("{old} was also added by someone else; yours is now {new}"));
    }
    if let Some(first) = report.errors.first() {
        tracing::warn!("{first}");
        let retry = app.key(crate::keymap::Action::RetrySave);
        app.error(format!("{first}. The change is kept in memory; {retry} or the next change saves it again."));
    }
    for conflict in report.conflicts {
        queue_conflict(app, conflict);
    }
}

/// A conflict opens at once over the board or a view; over a dialog it waits until the dialog
/// closes (what is being typed is never swapped away), and the status line says so.
fn queue_conflict(app: &mut App, conflict: ConflictReport) {
    let board = app.session.ws.board_by_key(&conflict.key).map(|b| b.name.clone()).unwrap_or_default();
    let copy = conflict.copy.map(|p| p.display().to_string());
    app.external.conflicts.push(ConflictView {
        key: conflict.key,
        board: board.clone(),
        conflicts: conflict.conflicts,
        copy,
    });
    if is_dialog(&app.view.mode) {
        app.external.conflict_waiting = true;
        app.info(format!("a save conflict on {board} waits; it opens when this dialog closes"));
    } else {
        app.view.mode = Mode::Conflicts(super::conflicts::ConflictsDialog::default());
    }
}

/// After each message: a conflict that waited for a dialog opens once the dialog is closed.
pub(in crate::app) fn open_waiting_conflict(app: &mut App) {
    if app.external.conflict_waiting && !is_dialog(&app.view.mode) {
        app.external.conflict_waiting = false;
        if !app.external.conflicts.is_empty() {
            app.view.mode = Mode::Conflicts(super::conflicts::ConflictsDialog::default());
        }
    }
}

/// Modes where the user is typing or answering a question.
fn is_dialog(mode: &Mode) -> bool {
    mode.as_dialog().is_some()
}
