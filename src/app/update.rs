//! `update(&mut App, Msg) -> Vec<Effect>`: the one place state changes. Dispatches by mode to
//! the board actions and to the dialogs.

use ratatui::crossterm::event::{KeyEvent, KeyModifiers, MouseEvent};
use ratatui::layout::Rect;

use crate::keymap::Action;

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use super::actions;
use super::dialogs;
use super::disk;
use super::state::{App, Effect, Mode};

/// Something that happened: a key, a paste, a resize, the editor coming back, or what the
/// disk said (a board read again, saves that landed or failed).
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
    /// A mouse event, with where the last frame put its tabs and overlay.
    Mouse(MouseEvent, crate::app::mouse::Hits),
    /// `$EDITOR` finished: the edited text, or why it could not run.
    EditorReturned {
        id: String,
        /// The text the editor was given, to merge with changes made meanwhile.
        original: String,
        result: Result<String, String>,
    },
    /// Nothing arrived: carry on with work left over (a search still looking through items).
    Tick,
    /// A board file was read again after it changed on disk.
    Reloaded(Box<disk::Reload>),
    /// A round of saves landed; boards saved from a snapshot (by key) are merged with ours.
    Saved {
        report: Box<crate::storage::workspace_files::SaveReport>,
        snapshots: HashMap<String, crate::model::Board>,
        at: Instant,
    },
    /// A save could not be done now.
    SaveFailed {
        error: String,
        retry: disk::Retry,
    },
    /// New ids of ours (by board key) that the files now hold too: renumber and save again.
    IdsTaken {
        new_ids: Vec<(String, String)>,
        on_disk: HashSet<String>,
    },
    /// A new board was written to its file, or could not be.
    BoardCreated(Result<Box<crate::model::Board>, String>),
}

pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let shown_before = app.current_board().map(|b| b.key.clone());
    let effects = dispatch(app, msg);
    super::marks::seen(app, shown_before.as_deref());
    disk::open_waiting_conflict(app);
    effects
}

fn dispatch(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Resize(width, height) => {
            app.view.screen = Rect::new(0, 0, width, height);
            app.keep_in_view();
            Vec::new()
        }
        Msg::Paste(text) => {
            dialogs::paste(app, &text);
            Vec::new()
        }
        Msg::EditorReturned { id, original, result } => dialogs::editor_returned(app, id, original, result),
        Msg::Mouse(event, hits) => {
            super::mouse::on_mouse(app, event, &hits);
            Vec::new()
        }
        Msg::Key(key) => on_key(app, key),
        Msg::Tick => {
            dialogs::continue_search(app);
            Vec::new()
        }
        Msg::Reloaded(reload) => disk::reloaded(app, *reload),
        Msg::Saved { report, snapshots, at } => {
            disk::saved(app, *report, &snapshots, at);
            Vec::new()
        }
        Msg::SaveFailed { error, retry } => {
            disk::save_failed(app, &error, retry);
            Vec::new()
        }
        Msg::IdsTaken { new_ids, on_disk } => disk::ids_taken(app, &new_ids, &on_disk),
        Msg::BoardCreated(result) => {
            super::boards::created(app, result.map(|b| *b));
            Vec::new()
        }
    }
}

fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if key.kind == ratatui::crossterm::event::KeyEventKind::Release {
        return Vec::new();
    }
    // A message answers the key before; the next key clears it.
    app.view.status = None;
    let action = super::keys::action(app, &key);
    match &app.view.mode {
        Mode::Board => on_board_key(app, key, action),
        Mode::Details { .. } => on_details_key(app, action),
        Mode::Objectives { .. } => super::objectives::on_key(app, key, action),
        Mode::SystemDemo { .. } => {
            super::demo::on_key(app, action);
            Vec::new()
        }
        Mode::Help { .. } | Mode::Messages { .. } | Mode::Sync { .. } => {
            on_view_key(app, action);
            Vec::new()
        }
        Mode::Tree { .. } => {
            on_tree_key(app, action);
            Vec::new()
        }
        Mode::ProgramBoard => super::planning::on_key(app, action),
        Mode::Metrics => {
            // Board switches keep the view open for the next board; anything else closes it.
            match action {
                Some(
                    a @ (Action::NextBoard
                    | Action::PrevBoard
                    | Action::FirstPortfolioBoard
                    | Action::FirstProgramBoard
                    | Action::FirstTeamBoard),
                ) => {
                    actions::perform(app, a);
                }
                _ => app.view.mode = Mode::Board,
            }
            Vec::new()
        }
        _ => dialogs::on_key(app, key, action),
    }
}

/// The board, and while presenting its own keys: the next and previous board, leaving; a
/// plain key never quits the shared screen (`Ctrl+c` still does).
fn on_board_key(app: &mut App, key: KeyEvent, action: Option<Action>) -> Vec<Effect> {
    let presenting = app.view.presenting.is_some();
    let action = match action {
        Some(Action::PresentNextBoard) => Action::NextBoard,
        Some(Action::PresentPrevBoard) => Action::PrevBoard,
        // Esc clears a filter first, then leaves.
        Some(Action::LeavePresentation) if app.selection.filter.is_some() => Action::CloseDetails,
        Some(Action::LeavePresentation) => Action::TogglePresentation,
        Some(Action::Quit) if presenting && !key.modifiers.contains(KeyModifiers::CONTROL) => {
            let leave = app.prefs.keymap.key_of(Action::LeavePresentation);
            let toggle = app.prefs.keymap.key_of(Action::TogglePresentation);
            let quit = app.prefs.keymap.key_of(Action::Quit);
            app.info(format!("presenting: {leave} or {toggle} leaves the presentation, then {quit} quits"));
            return Vec::new();
        }
        Some(action) => action,
        None => return Vec::new(),
    };
    actions::perform(app, action)
}

/// Details stay open while navigating, so they follow the selection.
fn on_details_key(app: &mut App, action: Option<Action>) -> Vec<Effect> {
    let scroll_by = |app: &mut App, step: i32| {
        if let Mode::Details { scroll, .. } = &mut app.view.mode {
            *scroll = scroll.saturating_add_signed(step as i16);
        }
    };
    match action {
        Some(Action::OpenDetails | Action::CloseDetails | Action::CloseView) => app.view.mode = Mode::Board,
        Some(own) if own.scope() == crate::keymap::Scope::Details => return super::details::on_action(app, own),
        Some(Action::ScrollDown) => scroll_by(app, 1),
        Some(Action::ScrollUp) => scroll_by(app, -1),
        Some(Action::ScrollPageDown) => scroll_by(app, 10),
        Some(Action::ScrollPageUp) => scroll_by(app, -10),
        Some(action) => return actions::perform(app, action),
        None => {}
    }
    Vec::new()
}

/// Help, messages and the sync agenda: scroll, or close on any other key.
fn on_view_key(app: &mut App, action: Option<Action>) {
    let step: i16 = match action {
        Some(Action::ScrollDown) => 1,
        Some(Action::ScrollUp) => -1,
        Some(Action::ScrollPageDown) => 10,
        Some(Action::ScrollPageUp) => -10,
        _ => {
            app.view.mode = Mode::Board;
            return;
        }
    };
    if let Mode::Help { scroll } | Mode::Messages { scroll } | Mode::Sync { scroll } = &mut app.view.mode {
        *scroll = scroll.saturating_add_signed(step);
    }
}

/// In the tree: move, jump to the item on its board, anything else closes.
fn on_tree_key(app: &mut App, action: Option<Action>) {
    let Mode::Tree { rows, selected } = &mut app.view.mode else { return };
    match action {
        Some(Action::ScrollDown) => *selected = (*selected + 1).min(rows.len().saturating_sub(1)),
        Some(Action::ScrollUp) => *selected = selected.saturating_sub(1),
        Some(Action::ChooseRow) => {
            let id = rows.get(*selected).map(|r| r.id.clone());
            app.view.mode = Mode::Board;
            if let Some(id) = id
                && !super::archive::show_archived(app, &id)
            {
                app.select_item(&id);
                app.info(format!("{id} on its board"));
            }
        }
        _ => app.view.mode = Mode::Board,
    }
}
