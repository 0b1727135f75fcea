//! Keys of the details view: `j`/`k` scroll, Tab/Shift+Tab choose an acceptance criterion,
//! Space ticks or unticks it, `a` adds one, `d` deletes it; each change is undoable and saved.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::model::fields::{self, Field};

use super::actions::{commit, editable_selection};
use super::input::LineInput;
use super::quick::{Prompt, PromptFor};
use super::state::{App, Effect, Mode};

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Mode::Details { scroll, criterion } = app.mode else { return Vec::new() };
    let count = app.selected_item().map(|i| i.acceptance.len()).unwrap_or(0);
    let criterion = criterion.min(count.saturating_sub(1));
    let set = |app: &mut App, scroll: u16, criterion: usize| app.mode = Mode::Details { scroll, criterion };
    match key.code {
        KeyCode::Char('j') | KeyCode::Down => set(app, scroll.saturating_add(1), criterion),
        KeyCode::Char('k') | KeyCode::Up => set(app, scroll.saturating_sub(1), criterion),
        KeyCode::Tab => set(app, scroll, (criterion + 1).min(count.saturating_sub(1))),
        KeyCode::BackTab => set(app, scroll, criterion.saturating_sub(1)),
        KeyCode::Char(' ' | 'd') => {
            if !may_edit(app) {
                return Vec::new();
            }
            let Some(id) = editable_selection(app) else { return Vec::new() };
            if count == 0 {
                app.info("no acceptance criteria yet; a adds one");
                return Vec::new();
            }
            let field = if key.code == KeyCode::Char(' ') {
                Field::ToggleCriterion(criterion)
            } else {
                Field::RemoveCriterion(criterion)
            };
            let edit = fields::set_field(&app.ws, &id, field);
            let effects = commit(app, edit, Some(&id));
            // The selection follows the item; the details stay open on it.
            let left = app.selected_item().map(|i| i.acceptance.len()).unwrap_or(0);
            app.mode = Mode::Details { scroll, criterion: criterion.min(left.saturating_sub(1)) };
            return effects;
        }
        KeyCode::Char('a') => {
            if !may_edit(app) {
                return Vec::new();
            }
            let Some(id) = editable_selection(app) else { return Vec::new() };
            let back = Box::new(Mode::Details { scroll, criterion: count });
            app.mode = Mode::Prompt(Prompt { id, purpose: PromptFor::NewCriterion, input: LineInput::default(), back });
        }
        _ => {}
    }
    Vec::new()
}

/// Presenting read-only refuses changes, as on the board.
fn may_edit(app: &mut App) -> bool {
    if app.presenting == Some(false) {
        app.info("read-only while presenting; U unlocks editing");
        return false;
    }
    true
}
