//! Changes that arrive from disk: a board someone else edited, a new or removed board file, a
//! board that no longer parses, and the outcome of our own saves. The selection stays on the
//! same item id (or its nearest neighbour), and cards changed by others are marked for a while.

use std::time::{Duration, Instant};

use crate::model::Board;

use super::state::{App, Mode};

/// How long a card changed by someone else stays marked.
pub const MARK_FOR: Duration = Duration::from_secs(4);

/// What opening the workspace found, for the app to show.
#[derive(Debug, Default)]
pub struct Opening {
    /// Boards that cannot be used as they are, by key, with their problems.
    pub broken: std::collections::BTreeMap<String, String>,
    /// Problems that leave boards usable, and files passed over, as lines.
    pub warnings: Vec<String>,
    pub renamed: Vec<crate::model::renumber::Renumbered>,
}

impl Opening {
    /// What opening the workspace found, as the screen says it: each broken board's problems as
    /// `file:line:column: message` lines, the warnings and passed-over files, the renumbered ids.
    pub fn of(opened: &crate::storage::open_tolerant::Opened) -> Opening {
        let problems = |key: &str, list: &[crate::storage::FileProblem]| {
            list.iter().map(|p| super::disk::short_problem(key, p)).collect::<Vec<_>>().join("\n")
        };
        Opening {
            broken: opened.broken.iter().map(|(key, list)| (key.clone(), problems(key, list))).collect(),
            warnings: opened.warnings.iter().chain(&opened.notes).map(ToString::to_string).collect(),
            renamed: opened.renumbering.renamed.clone(),
        }
    }
}

/// Shows what opening found: broken boards get their banner, the rest goes to the status line
/// (the most important first: broken boards, then renumbered ids, then warnings).
pub fn opened(app: &mut App, opening: Opening) {
    let mut lines: Vec<(String, bool)> = Vec::new();
    for (key, problem) in opening.broken {
        lines.push((problem.lines().next().unwrap_or_default().to_string(), true));
        app.external.broken.insert(key, problem);
    }
    lines.extend(opening.renamed.iter().map(|r| (crate::model::renumber::describe(r), false)));
    lines.extend(opening.warnings.into_iter().map(|w| (w, false)));
    let more = lines.len().saturating_sub(1);
    if let Some((first, is_error)) = lines.into_iter().next() {
        let text = if more > 0 { format!("{first} (+{more} more: trainboard check lists them)") } else { first };
        if is_error { app.error(text) } else { app.info(text) }
    }
}

/// A board changed on disk; `changed` are the ids of the cards that differ.
pub(in crate::app) fn board_reloaded(app: &mut App, board: Board, changed: Vec<String>, now: Instant) {
    let mut current_key = app.current_board().map(|b| b.key.clone());
    let mut selected = app.selected_id();
    let key = board.key.clone();
    let name = board.name.clone();
    let before = app.session.ws.board_by_key(&key);
    let what = match before {
        None => "new board".to_string(),
        Some(before) => super::change_words::describe(before, &board, &changed),
    };
    let objectives = super::change_words::changed_objectives(before, &board);
    // The board we showed was deleted and is back (a delete-and-recreate save): return to it.
    if let Some((gone_key, gone_selected)) = app.external.removed_current.take() {
        if gone_key == key {
            current_key = Some(key.clone());
            selected = gone_selected;
        } else {
            app.external.removed_current = Some((gone_key, gone_selected));
        }
    }
    app.external.broken.remove(&key);
    app.session.ws.put_board(board);
    restore_view(app, current_key.as_deref(), selected.as_deref());
    for id in &changed {
        app.external.marked.insert(id.clone(), now + MARK_FOR);
    }
    for index in objectives {
        app.external.unseen.objectives.insert((key.clone(), index), now + MARK_FOR);
    }
    // A board not on screen is marked on its tab until it is shown.
    if app.current_board().is_some_and(|b| b.key != key) {
        app.external.unseen.boards.insert(key.clone());
    }
    let text = format!("{name} changed on disk: {what}");
    app.info(text.clone());
    app.external.unseen.status_about = Some((key, text));
}

/// A board file disappeared.
pub(in crate::app) fn board_removed(app: &mut App, key: &str) {
    let current_key = app.current_board().map(|b| b.key.clone());
    let selected = app.selected_id();
    if current_key.as_deref() == Some(key) {
        app.external.removed_current = Some((key.to_string(), selected.clone()));
    }
    if let Some(board) = app.session.ws.remove_board(key) {
        app.external.broken.remove(key);
        restore_view(app, current_key.as_deref(), selected.as_deref());
        app.info(format!("{} was removed from the workspace", board.name));
    }
}

/// A board file no longer parses: keep the last good copy, say what is wrong.
pub(in crate::app) fn board_broken(app: &mut App, key: &str, problem: String) {
    app.external.broken.insert(key.to_string(), problem.clone());
    let first = problem.lines().next().unwrap_or_default();
    app.error(format!("{first} (last good copy shown; edits wait until the file is fixed)"));
}

/// Keeps showing the same board and item after the workspace changed under us.
fn restore_view(app: &mut App, board_key: Option<&str>, selected: Option<&str>) {
    if let Some(index) = board_key.and_then(|k| app.session.ws.board_index(k)) {
        app.selection.board = index;
    } else {
        app.selection.board = app.selection.board.min(app.session.ws.boards().len().saturating_sub(1));
        if app.current_board().is_some_and(|b| b.is_archive()) {
            app.selection.board = app.session.ws.tabs().next().unwrap_or(0);
        }
    }
    let on_this_board = selected.is_some_and(|id| app.session.ws.board_of(id) == Some(app.selection.board));
    match selected {
        Some(id) if on_this_board => {
            app.select_item(id);
        }
        // The item is gone or moved to another board: stay at the same spot (its neighbour).
        _ => app.keep_in_view(),
    }
    if matches!(app.view.mode, Mode::Details { .. }) && app.selected_item().is_none() {
        app.view.mode = Mode::Board;
    }
}

/// Drops marks that have expired; returns when the next one expires, if any.
pub fn expire_marks(app: &mut App, now: Instant) -> Option<Instant> {
    app.external.marked.retain(|_, until| *until > now);
    app.external.unseen.objectives.retain(|_, until| *until > now);
    app.external.marked.values().chain(app.external.unseen.objectives.values()).min().copied()
}
