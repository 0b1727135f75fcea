//! Hands a key to the open dialog; the search and split dialogs, paste into any text field,
//! and the `$EDITOR` round trip. Text fields take typing and paste; `Enter` confirms, `Esc` cancels.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::keymap::Action;

use crate::model::{Workspace, ops};
use crate::storage::item_snippet::parse_item_snippet;

use super::actions::commit;
use super::component::{Dialog, listed};
use super::edit_title::EditTitleDialog;
use super::filter_dialog::FilterDialog;
use super::input::LineInput;
use super::questions::{EditorErrorQuestion, MoveQuestion};
use super::state::{App, Effect, Mode, SearchDialog, SplitDialog};

/// Most hits a search lists.
pub const MAX_HITS: usize = 200;

pub(in crate::app) fn on_key(app: &mut App, key: KeyEvent, action: Option<Action>) -> Vec<Effect> {
    let mode = std::mem::replace(&mut app.view.mode, Mode::Board);
    let (mode, effects) = match mode.into_dialog() {
        Ok(dialog) => dialog.handle(app, key, action),
        Err(other) => (*other, Vec::new()),
    };
    // A dialog's action may itself have opened a new mode (e.g. the editor error prompt).
    if app.view.mode == Mode::Board {
        app.view.mode = mode;
    }
    effects
}

impl Dialog for SearchDialog {
    fn hints(&self, app: &App) -> Vec<(String, &'static str)> {
        let mut hints = listed(app, &[(Action::Confirm, "jump")]);
        hints.push((app.key_pair(Action::ChooseNext, Action::ChoosePrev), "choose"));
        hints.extend(listed(app, &[(Action::Cancel, "cancel")]));
        hints
    }
    fn handle(self: Box<Self>, app: &mut App, key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>) {
        on_search(app, *self, key, action)
    }
}

impl Dialog for SplitDialog {
    fn hints(&self, app: &App) -> Vec<(String, &'static str)> {
        use Action::*;
        vec![
            (app.key(Confirm), "next line"),
            (app.key_pair(ChoosePrev, ChooseNext), "edit a line"),
            (format!("{} on empty", app.key(Confirm)), "create"),
            (app.key(NextField), "board"),
            (app.key(Cancel), "cancel"),
        ]
    }
    fn handle(self: Box<Self>, app: &mut App, key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>) {
        on_split(app, *self, key, action)
    }
}

fn on_search(app: &mut App, mut search: SearchDialog, key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>) {
    match action {
        Some(Action::Cancel) => return (Mode::Board, Vec::new()),
        Some(Action::Confirm) => {
            if let Some(hit) = search.hits.get(search.selected) {
                let id = hit.id.clone();
                if !super::archive::show_archived(app, &id) {
                    app.select_item(&id);
                    app.info(format!("found {id}"));
                }
            }
            return (Mode::Board, Vec::new());
        }
        Some(Action::ChooseNext | Action::NextField) => {
            search.selected = (search.selected + 1).min(search.hits.len().saturating_sub(1));
        }
        Some(Action::ChoosePrev | Action::PrevField) => search.selected = search.selected.saturating_sub(1),
        Some(Action::ChoosePageDown) => {
            search.selected = (search.selected + 10).min(search.hits.len().saturating_sub(1))
        }
        Some(Action::ChoosePageUp) => search.selected = search.selected.saturating_sub(10),
        _ => {
            if search.input.handle(&key) {
                refresh_hits(&app.session.ws, &mut search);
            }
        }
    }
    (Mode::Search(search), Vec::new())
}

/// How long a keystroke searches before the screen shows what it found so far; the rest
/// follows on [`Msg::Tick`](super::Msg::Tick)s while no key is waiting.
pub const SEARCH_STEP: std::time::Duration = std::time::Duration::from_millis(4);

/// The items matching the query, best first (see [`crate::model::search`]).
pub fn refresh_hits(ws: &Workspace, search: &mut SearchDialog) {
    search.selected = 0;
    search.search.start(ws, &search.input.text());
    search.search.step(ws, SEARCH_STEP);
    search.hits = search.search.hits(ws, MAX_HITS);
}

/// Searches on where the last keystroke left off, keeping the chosen hit when it is still
/// there.
pub(in crate::app) fn continue_search(app: &mut App) {
    let Mode::Search(search) = &mut app.view.mode else { return };
    if !search.search.pending() && search.search.revision_is(app.session.ws.revision()) {
        return;
    }
    let chosen = search.hits.get(search.selected).map(|h| h.id.clone());
    search.search.step(&app.session.ws, SEARCH_STEP);
    search.hits = search.search.hits(&app.session.ws, MAX_HITS);
    search.selected = chosen.and_then(|id| search.hits.iter().position(|h| h.id == id)).unwrap_or(0);
}

/// True while a search has items left to look at (the loop should not sleep).
pub fn work_pending(app: &App) -> bool {
    matches!(&app.view.mode, Mode::Search(search) if search.search.pending())
}

fn on_split(app: &mut App, mut split: SplitDialog, key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>) {
    split.at = split.at.min(split.lines.len());
    // A pasted line break is Enter too.
    let enter = action == Some(Action::Confirm) || matches!(key.code, KeyCode::Char('\n' | '\r'));
    match action {
        Some(Action::Cancel) => {
            app.info("split cancelled");
            return (Mode::Board, Vec::new());
        }
        _ if enter && split.current.is_empty() && split.at < split.lines.len() => {
            // An earlier line emptied: it goes, and typing continues at the end.
            split.at = split.lines.len();
        }
        _ if enter && split.current.is_empty() => {
            if split.lines.is_empty() {
                app.info(format!(
                    "type a title for each child; {} on an empty line creates them",
                    app.key(Action::Confirm)
                ));
            } else {
                let now = (app.prefs.clock)();
                let id = split.id.clone();
                let result = ops::split(&app.session.ws, &id, &split.lines, split.target, &now).map(|(edit, _)| edit);
                return (Mode::Board, commit(app, result, Some(&id)));
            }
        }
        _ if enter => {
            // A new line is kept; an earlier one edited in place is kept there, and typing
            // continues at the end.
            let editing_earlier = split.at < split.lines.len();
            split_keep_current(&mut split);
            if editing_earlier {
                split.at = split.lines.len();
            }
        }
        Some(Action::ChoosePrev) if split.at > 0 => {
            // The line being typed stays where it is (unless empty); the one above is edited.
            let text = split.current.text().trim().to_string();
            if !text.is_empty() {
                split.lines.insert(split.at, text);
            }
            split.at -= 1;
            split.current = LineInput::new(&split.lines.remove(split.at));
        }
        Some(Action::ChooseNext) if split.at < split.lines.len() => {
            split_keep_current(&mut split);
            if split.at < split.lines.len() {
                split.current = LineInput::new(&split.lines.remove(split.at));
            }
        }
        Some(step @ (Action::NextField | Action::PrevField)) => {
            let level = app.session.ws.board(split.target).map(|b| b.level);
            let targets: Vec<usize> = level.map(|l| app.session.ws.boards_at(l).collect()).unwrap_or_default();
            if let Some(at) = targets.iter().position(|&t| t == split.target) {
                let step = if step == Action::NextField { 1 } else { targets.len() - 1 };
                split.target = targets[(at + step) % targets.len()];
            }
        }
        _ if key.code == KeyCode::Backspace && split.current.text().is_empty() && split.at > 0 => {
            // Joins the empty line to the one before, to edit that one.
            split.at -= 1;
            split.current = LineInput::new(&split.lines.remove(split.at));
        }
        _ => {
            split.current.handle(&key);
        }
    }
    (Mode::Split(split), Vec::new())
}

/// Puts the line being typed back among the split's lines at its place (an empty one is
/// dropped), leaving `at` just after it and the field empty.
fn split_keep_current(split: &mut SplitDialog) {
    let text = split.current.text().trim().to_string();
    split.current = LineInput::default();
    if !text.is_empty() {
        split.lines.insert(split.at.min(split.lines.len()), text);
        split.at = (split.at + 1).min(split.lines.len());
    }
}

/// Pasted text goes into the open text field; in the split dialog each line is a child.
pub(in crate::app) fn paste(app: &mut App, text: &str) {
    match &mut app.view.mode {
        Mode::NewItem(dialog) => dialog.input.insert_str(text),
        Mode::EditTitle(EditTitleDialog { input, .. }) | Mode::Filter(FilterDialog { input }) => input.insert_str(text),
        Mode::Wsjf(dialog) => super::wsjf::paste(dialog, text),
        Mode::Description(dialog) => dialog.text.insert_str(text),
        Mode::Prompt(prompt) => prompt.input.insert_str(text),
        Mode::NamePrompt(prompt) => prompt.input.insert_str(text),
        Mode::Picker(picker) => picker.insert_str(text),
        Mode::Search(search) => {
            search.input.insert_str(text);
            let mut search = search.clone();
            refresh_hits(&app.session.ws, &mut search);
            app.view.mode = Mode::Search(search);
        }
        Mode::Split(split) => {
            // Each pasted line is a child title; the first continues the line being typed.
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            let mut lines = text.split('\n').map(str::trim).filter(|l| !l.is_empty()).peekable();
            while let Some(line) = lines.next() {
                split.current.insert_str(line);
                if lines.peek().is_some() {
                    split_keep_current(split);
                }
            }
        }
        _ => {}
    }
}

/// Applies the text `$EDITOR` returned, or offers it again with the error.
pub(in crate::app) fn editor_returned(
    app: &mut App,
    id: String,
    original: String,
    result: Result<String, String>,
) -> Vec<Effect> {
    let text = match result {
        Ok(text) => text,
        Err(err) => {
            app.error(format!("could not run the editor: {err}"));
            return Vec::new();
        }
    };
    let Some(board) = app.session.ws.board_of(&id).and_then(|b| app.session.ws.board(b)) else {
        app.error(format!("{id} no longer exists; the edit was not applied"));
        return Vec::new();
    };
    let error = match parse_item_snippet(&text, board) {
        Ok(edited) => match apply_edited(app, &id, &original, edited) {
            Ok(effects) => return effects,
            Err(err) => err,
        },
        Err(err) => format!("line {}, column {}: {}", err.line, err.column, err.message),
    };
    app.view.mode = Mode::EditorError(EditorErrorQuestion { id, text, error });
    Vec::new()
}

/// Applies what came back from the editor: merged with what someone else changed on the item
/// meanwhile (theirs kept where both changed a field, and said), and a changed column made a
/// real move (history, WIP question) after the other fields.
fn apply_edited(
    app: &mut App,
    id: &str,
    original: &str,
    mut edited: crate::model::Item,
) -> Result<Vec<Effect>, String> {
    let Some((board, current)) = app.session.ws.find(id) else { return Err(format!("{id} no longer exists")) };
    let (board, current) = (board.clone(), current.clone());
    let mut kept_theirs = Vec::new();
    if let Ok(base) = parse_item_snippet(original, &board)
        && base != current
    {
        let mut conflicts = Vec::new();
        edited = crate::merge::item::merge_item(&base, &edited, &current, &mut conflicts);
        kept_theirs = conflicts.into_iter().map(|c| c.field).collect();
    }
    let to = edited.column.clone();
    if board.column_index(&to).is_none() {
        return Err(format!("board {} has no column \"{to}\"", board.name));
    }
    edited.column = current.column.clone();
    let mut effects = match ops::replace_item(&app.session.ws, id, edited) {
        Ok(edit) => commit(app, Ok(edit), Some(id)),
        Err(crate::model::ModelError::NothingToChange) => Vec::new(),
        Err(err) => return Err(err.to_string()),
    };
    if !kept_theirs.is_empty() {
        app.info(format!("{id}: someone else changed {} while you edited; kept theirs there", kept_theirs.join(", ")));
    }
    if to != current.column {
        let full = board
            .column_index(&to)
            .is_some_and(|c| app.session.ws.board_by_key(&board.key).is_some_and(|b| b.column_is_full(c)));
        if full {
            app.view.mode = Mode::ConfirmMove(MoveQuestion { id: id.to_string(), to });
        } else {
            effects.extend(super::actions::move_to(app, id, &to));
        }
    } else if effects.is_empty() && kept_theirs.is_empty() {
        app.info(format!("{id}: no changes"));
    }
    Ok(effects)
}
