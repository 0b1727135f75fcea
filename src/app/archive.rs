//! Archiving in the app: `Z` archives the marked done cards, or opens a small dialog (the
//! selected done card, all done before an iteration, done before a date); `z` lists the
//! board's archived items to restore one. Each is one undoable edit; the archive file is added
//! to the workspace (and so written by the normal save) the first time it is needed.

use crate::keymap::Action;
use crate::model::archive;
use crate::model::{Edit, ModelError};

use super::actions::commit;
use super::input::LineInput;
use super::picker::{Choice, PickFor, Picker};
use super::quick::{Prompt, PromptFor};
use super::state::{App, Effect, Mode};

/// The value of the dialog's "done before a date" choice.
const BY_DATE: &str = "date";

/// `Z`: archives the marked cards, else opens the dialog.
pub(in crate::app) fn open(app: &mut App) -> Vec<Effect> {
    let Some(board) = app.current_board() else { return Vec::new() };
    if let Some(why) = board.read_only_reason() {
        app.error(why);
        return Vec::new();
    }
    let marked = super::marks::marked(app);
    if !marked.is_empty() {
        return archive_ids(app, &marked);
    }
    let Some(board) = app.current_board() else { return Vec::new() };
    let key = board.key.clone();
    let mut choices = Vec::new();
    let mut note = None;
    match app.selected_item() {
        Some(item) if board.is_done(item) => {
            let label = format!("{} {} (the selected card)", item.id, item.title);
            choices.push(Choice::new(label, Some(format!("id:{}", item.id)), true));
        }
        Some(item) => {
            let done = board.columns.get(board.done_column()).map(|c| c.name.clone()).unwrap_or_default();
            note = Some(format!("{} is in {}; only done items ({done}) are archived", item.id, item.column));
        }
        None => {}
    }
    for iteration in archive::iterations(&app.session.ws, board) {
        let count =
            archive::done_before_iteration(&app.session.ws, board, &iteration).map(|ids| ids.len()).unwrap_or(0);
        let label = format!("all done items before iteration {iteration} ({count})");
        choices.push(Choice::new(label, Some(format!("iteration:{iteration}")), false));
    }
    choices.push(Choice::new("done before a date… (YYYY-MM-DD)", Some(BY_DATE.to_string()), false));
    let title = format!("Archive done items of {}", board.name);
    if let Some(note) = note {
        app.info(note);
    }
    app.view.mode = Mode::Picker(Picker::new(key, PickFor::Archive, title, choices));
    Vec::new()
}

/// `z`: the archived items of the current board, to pick one to restore.
pub(in crate::app) fn open_restore(app: &mut App) {
    let Some(board) = app.current_board() else { return };
    let name = board.name.clone();
    let choices: Vec<Choice> = match app.session.ws.archive_of(&board.key) {
        Some(archive) => archive
            .items
            .iter()
            .rev()
            .map(|item| {
                let iteration = item.iteration.as_deref().map(|i| format!(" · {i}")).unwrap_or_default();
                Choice::new(format!("{} {}{iteration}", item.id, item.title), Some(item.id.clone()), false)
            })
            .collect(),
        None => Vec::new(),
    };
    if choices.is_empty() {
        app.info(format!("{name} has no archived items (Z archives done ones)"));
        return;
    }
    let count = match choices.len() {
        1 => "1 item".to_string(),
        n => format!("{n} items"),
    };
    let title = format!("Restore from the archive of {name} ({count})");
    app.view.mode = Mode::Picker(Picker::new(board_key(app), PickFor::Restore, title, choices));
}

fn board_key(app: &App) -> String {
    app.current_board().map(|b| b.key.clone()).unwrap_or_default()
}

/// A choice picked in the archive dialog or the archive browser.
pub(in crate::app) fn picked(app: &mut App, purpose: PickFor, key: &str, value: &str) -> (Mode, Vec<Effect>) {
    if purpose == PickFor::Restore {
        let edit = archive::restore(&app.session.ws, &[value.to_string()], &(app.prefs.clock)());
        let effects = commit(app, edit, Some(value));
        return (Mode::Board, effects);
    }
    if value == BY_DATE {
        let prompt = Prompt {
            id: key.to_string(),
            purpose: PromptFor::ArchiveBefore,
            input: LineInput::default(),
            back: Box::new(Mode::Board),
        };
        return (Mode::Prompt(prompt), Vec::new());
    }
    let ids = match (value.strip_prefix("id:"), value.strip_prefix("iteration:")) {
        (Some(id), _) => Ok(vec![id.to_string()]),
        (None, Some(iteration)) => match app.session.ws.board_by_key(key) {
            Some(board) => archive::done_before_iteration(&app.session.ws, board, iteration),
            None => Err(ModelError::UnknownBoard(key.to_string())),
        },
        (None, None) => return (Mode::Board, Vec::new()),
    };
    match ids {
        Ok(ids) if ids.is_empty() => {
            app.info("no done item matches; nothing was archived");
            (Mode::Board, Vec::new())
        }
        Ok(ids) => (Mode::Board, archive_ids(app, &ids)),
        Err(err) => {
            app.error(err.to_string());
            (Mode::Board, Vec::new())
        }
    }
}

/// Enter in the date prompt: archives the board's items done before it; a bad date keeps the
/// prompt open, said.
pub(in crate::app) fn date_entered(app: &mut App, prompt: Prompt) -> (Mode, Vec<Effect>) {
    let selected = match app.session.ws.board_by_key(&prompt.id) {
        Some(board) => archive::done_before_date(board, &prompt.input.text()),
        None => Err(ModelError::UnknownBoard(prompt.id.clone())),
    };
    match selected {
        Ok(ids) if ids.is_empty() => {
            app.info(format!(
                "no item reached the done column before {}; nothing archived",
                prompt.input.text().trim()
            ));
            (Mode::Board, Vec::new())
        }
        Ok(ids) => (Mode::Board, archive_ids(app, &ids)),
        Err(err) => {
            app.error(err.to_string());
            (Mode::Prompt(prompt), Vec::new())
        }
    }
}

/// Archives `ids` (done items of one board) as one edit, adding the archive file first when
/// the board has none yet. The marks are cleared once the edit is made.
pub(in crate::app) fn archive_ids(app: &mut App, ids: &[String]) -> Vec<Effect> {
    let Some(key) = ids.first().and_then(|id| app.session.ws.find(id)).map(|(b, _)| b.key.clone()) else {
        return Vec::new();
    };
    let created = match archive::archive_to_create(&app.session.ws, &key) {
        Ok(Some(new)) => {
            let new_key = new.key.clone();
            app.add_board(new);
            Some(new_key)
        }
        Ok(None) => None,
        Err(err) => {
            app.error(err.to_string());
            return Vec::new();
        }
    };
    let edit: Result<Edit, ModelError> = archive::archive(&app.session.ws, ids);
    if edit.is_err()
        && let Some(new_key) = &created
    {
        app.drop_board(new_key);
    }
    let mut effects = super::marks::commit_marked(app, edit, None);
    if let Some(new_key) = created.filter(|k| app.session.ws.board_by_key(k).is_some_and(|a| !a.items.is_empty())) {
        let file = app.session.ws.board_by_key(&new_key).map(|a| a.key.clone()).unwrap_or(new_key);
        let (restore, undo) = (app.key(Action::OpenArchive), app.key(Action::Undo));
        if let Some(status) = &mut app.view.status {
            status.text.push_str(&format!(" (into the new {file}; {restore} restores, {undo} undoes)"));
        }
    }
    effects.dedup();
    effects
}

/// Jumping to an archived item (from search or the hierarchy): shows the board it was archived
/// from and says how to bring it back. False when `id` is not archived.
pub(in crate::app) fn show_archived(app: &mut App, id: &str) -> bool {
    let Some((archive, _)) = app.session.ws.find(id).filter(|(b, _)| b.is_archive()) else { return false };
    let file = archive.key.clone();
    let of = archive.archive_of.clone().unwrap_or_default();
    match app.session.ws.board_index(&of) {
        Some(index) => {
            app.show_board(index);
            let name = app.current_board().map(|b| b.name.clone()).unwrap_or_default();
            app.info(format!("{id} is archived (in {file}); z on {name} restores it"));
        }
        None => app.info(format!("{id} is archived in {file}, whose board {of} is not loaded")),
    }
    true
}
