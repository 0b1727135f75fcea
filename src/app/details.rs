//! Keys of the details view: `j`/`k` scroll; the acceptance checklist has a cursor that Tab /
//! Shift+Tab move, `x` ticks or unticks, `a` adds, `e` edits, `J`/`K` reorder and `d` deletes
//! (all rebindable actions); each change is one undoable, saved edit.

use crate::keymap::Action;
use crate::model::fields::{self, Field};

use super::actions::{commit, editable_selection};
use super::input::LineInput;
use super::quick::{Prompt, PromptFor};
use super::state::{App, Effect, Mode};

/// The actions the details view answers before the board's (their keys mean something else
/// on the board: `e`, `d`, `J`, `K`, Tab).
pub const OWN: [Action; 8] = [
    Action::NextCriterion,
    Action::PrevCriterion,
    Action::ToggleCriterion,
    Action::AddCriterion,
    Action::EditCriterion,
    Action::MoveCriterionDown,
    Action::MoveCriterionUp,
    Action::DeleteCriterion,
];

pub(in crate::app) fn on_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Mode::Details { scroll, criterion } = app.view.mode else { return Vec::new() };
    let count = app.selected_item().map(|i| i.acceptance.len()).unwrap_or(0);
    let criterion = criterion.min(count.saturating_sub(1));
    let last = count.saturating_sub(1);
    let field = match action {
        Action::NextCriterion | Action::PrevCriterion => {
            let criterion =
                if action == Action::NextCriterion { (criterion + 1).min(last) } else { criterion.saturating_sub(1) };
            // The details scroll so the chosen criterion shows.
            let scroll = super::detail_rows::scroll_to_criterion(app, scroll, criterion);
            app.view.mode = Mode::Details { scroll, criterion };
            return Vec::new();
        }
        Action::AddCriterion => {
            open_prompt(app, PromptFor::NewCriterion, "", Mode::Details { scroll, criterion: count });
            return Vec::new();
        }
        _ if count == 0 => {
            app.info("no acceptance criteria yet; a adds one");
            return Vec::new();
        }
        Action::EditCriterion => {
            let text = app.selected_item().map(|i| i.acceptance[criterion].text.clone()).unwrap_or_default();
            open_prompt(app, PromptFor::EditCriterion(criterion), &text, Mode::Details { scroll, criterion });
            return Vec::new();
        }
        Action::ToggleCriterion => Field::ToggleCriterion(criterion),
        Action::DeleteCriterion => Field::RemoveCriterion(criterion),
        Action::MoveCriterionDown if criterion < last => Field::MoveCriterion { from: criterion, to: criterion + 1 },
        Action::MoveCriterionUp if criterion > 0 => Field::MoveCriterion { from: criterion, to: criterion - 1 },
        Action::MoveCriterionDown | Action::MoveCriterionUp => {
            app.info("the criterion is already there");
            return Vec::new();
        }
        _ => return Vec::new(),
    };
    let selected = match field {
        Field::MoveCriterion { to, .. } => to,
        _ => criterion,
    };
    if !may_edit(app) {
        return Vec::new();
    }
    let Some(id) = editable_selection(app) else { return Vec::new() };
    let edit = fields::set_field(&app.session.ws, &id, field);
    let effects = commit(app, edit, Some(&id));
    // The selection follows the item; the details stay open on it, the cursor on the criterion.
    let left = app.selected_item().map(|i| i.acceptance.len()).unwrap_or(0);
    app.view.mode = Mode::Details { scroll, criterion: selected.min(left.saturating_sub(1)) };
    effects
}

fn open_prompt(app: &mut App, purpose: PromptFor, text: &str, back: Mode) {
    if !may_edit(app) {
        return;
    }
    let Some(id) = editable_selection(app) else { return };
    app.view.mode = Mode::Prompt(Prompt { id, purpose, input: LineInput::new(text), back: Box::new(back) });
}

/// Presenting read-only refuses changes, as on the board.
fn may_edit(app: &mut App) -> bool {
    if app.view.presenting == Some(false) {
        app.info(app.read_only_message());
        return false;
    }
    true
}
