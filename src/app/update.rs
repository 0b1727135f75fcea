//! `update(&mut App, Msg) -> Vec<Effect>`: the one place state changes. Dispatches by mode to
//! the board actions and to the dialogs.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent};
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
            app.screen = Rect::new(0, 0, width, height);
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
    app.status = None;
    let mut action = app.keymap.action_for(&key);
    // Presenting: Space and Backspace step through the boards.
    if app.presenting.is_some() && app.mode == Mode::Board {
        match key.code {
            KeyCode::Char(' ') => action = Some(Action::NextBoard),
            KeyCode::Backspace => action = Some(Action::PrevBoard),
            _ => {}
        }
    }
    // Presenting: `q` does not end the session on the shared screen; Esc or P leaves.
    if app.presenting.is_some() && app.mode == Mode::Board {
        match action {
            Some(Action::Quit) if key.code == KeyCode::Char('q') => {
                app.info("presenting: Esc or P leaves the presentation, then q quits");
                return Vec::new();
            }
            Some(Action::CloseDetails) if app.filter.is_none() => action = Some(Action::TogglePresentation),
            _ => {}
        }
    }
    match &app.mode {
        Mode::Board => match action {
            Some(action) => actions::perform(app, action),
            None => Vec::new(),
        },
        Mode::Details { .. } => on_details_key(app, key, action),
        Mode::Objectives { .. } => super::objectives::on_key(app, key, action),
        Mode::SystemDemo { .. } => {
            super::demo::on_key(app, action);
            Vec::new()
        }
        Mode::Help { .. } | Mode::Messages { .. } | Mode::Sync { .. } => {
            on_help_key(app, key, action);
            Vec::new()
        }
        Mode::Tree { .. } => {
            on_tree_key(app, key, action);
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
                _ => app.mode = Mode::Board,
            }
            Vec::new()
        }
        _ => dialogs::on_key(app, key),
    }
}

/// Details stay open while navigating, so they follow the selection.
fn on_details_key(app: &mut App, key: KeyEvent, action: Option<Action>) -> Vec<Effect> {
    let own = app.keymap.action_among(&key, &super::details::OWN).filter(|a| super::details::OWN.contains(a));
    match action {
        Some(Action::OpenDetails | Action::CloseDetails) => {
            app.mode = Mode::Board;
            Vec::new()
        }
        Some(Action::Quit) if key.code == KeyCode::Char('q') => {
            app.mode = Mode::Board;
            Vec::new()
        }
        _ if own.is_some() => own.map(|own| super::details::on_action(app, own)).unwrap_or_default(),
        _ if is_scroll_key(&key) => {
            if let Mode::Details { scroll, .. } = &mut app.mode {
                *scroll = match key.code {
                    KeyCode::Char('k') | KeyCode::Up => scroll.saturating_sub(1),
                    _ => scroll.saturating_add(1),
                };
            }
            Vec::new()
        }
        Some(action) => actions::perform(app, action),
        None => {
            if let Mode::Details { scroll, .. } = &mut app.mode {
                *scroll = scroll_by(*scroll, &key);
            }
            Vec::new()
        }
    }
}

fn on_help_key(app: &mut App, key: KeyEvent, action: Option<Action>) {
    match (action, key.code) {
        (Some(Action::SelectNextItem), _) | (_, KeyCode::PageDown) => {
            if let Mode::Help { scroll }
            | Mode::Messages { scroll }
            | Mode::Objectives { scroll }
            | Mode::Sync { scroll } = &mut app.mode
            {
                *scroll = scroll.saturating_add(if key.code == KeyCode::PageDown { 10 } else { 1 });
            }
        }
        (Some(Action::SelectPrevItem), _) | (_, KeyCode::PageUp) => {
            if let Mode::Help { scroll }
            | Mode::Messages { scroll }
            | Mode::Objectives { scroll }
            | Mode::Sync { scroll } = &mut app.mode
            {
                *scroll = scroll.saturating_sub(if key.code == KeyCode::PageUp { 10 } else { 1 });
            }
        }
        _ => app.mode = Mode::Board,
    }
}

/// In the tree: j/k move, Enter jumps to the item on its board, anything else closes.
fn on_tree_key(app: &mut App, key: KeyEvent, action: Option<Action>) {
    let Mode::Tree { rows, selected } = &mut app.mode else { return };
    match (action, key.code) {
        (Some(Action::SelectNextItem), _) => *selected = (*selected + 1).min(rows.len().saturating_sub(1)),
        (Some(Action::SelectPrevItem), _) => *selected = selected.saturating_sub(1),
        (_, KeyCode::Enter) => {
            let id = rows.get(*selected).map(|r| r.id.clone());
            app.mode = Mode::Board;
            if let Some(id) = id
                && !super::archive::show_archived(app, &id)
            {
                app.select_item(&id);
                app.info(format!("{id} on its board"));
            }
        }
        _ => app.mode = Mode::Board,
    }
}

/// Keys that scroll the details by a line.
fn is_scroll_key(key: &KeyEvent) -> bool {
    key.modifiers.difference(KeyModifiers::SHIFT).is_empty()
        && matches!(key.code, KeyCode::Char('j' | 'k') | KeyCode::Up | KeyCode::Down)
}

fn scroll_by(scroll: u16, key: &KeyEvent) -> u16 {
    match (key.code, key.modifiers) {
        (KeyCode::PageDown, _) | (KeyCode::Char('d'), KeyModifiers::CONTROL) => scroll.saturating_add(10),
        (KeyCode::PageUp, _) | (KeyCode::Char('u'), KeyModifiers::CONTROL) => scroll.saturating_sub(10),
        _ => scroll,
    }
}
