//! The save conflicts view: keep mine or take theirs for the oldest conflict, scroll, or
//! leave it for later.

use ratatui::crossterm::event::KeyEvent;

use crate::keymap::{Action, Scope};

use super::component::{Dialog, listed};
use super::state::{App, Effect, Mode};

/// The differences of a save conflict, scrolled this far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConflictsDialog {
    pub scroll: u16,
}

impl Dialog for ConflictsDialog {
    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Conflicts, Scope::View]
    }
    fn hints(&self, app: &App) -> Vec<(String, &'static str)> {
        listed(
            app,
            &[(Action::KeepMine, "keep mine"), (Action::TakeTheirs, "take theirs"), (Action::CloseView, "later")],
        )
    }
    fn handle(self: Box<Self>, app: &mut App, _key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>) {
        on_conflicts(app, self.scroll, action)
    }
}

/// Keep mine or take theirs for the oldest conflict; closing leaves it for later.
fn on_conflicts(app: &mut App, scroll: u16, action: Option<Action>) -> (Mode, Vec<Effect>) {
    let at = |scroll| (Mode::Conflicts(ConflictsDialog { scroll }), Vec::new());
    let Some(first) = app.external.conflicts.first().map(|c| c.key.clone()) else { return (Mode::Board, Vec::new()) };
    let effect = match action {
        Some(Action::KeepMine) => Effect::KeepOurs(first),
        Some(Action::TakeTheirs) => Effect::TakeTheirs(first),
        Some(Action::ScrollDown) => return at(scroll.saturating_add(1)),
        Some(Action::ScrollUp) => return at(scroll.saturating_sub(1)),
        Some(Action::ScrollPageDown) => return at(scroll.saturating_add(10)),
        Some(Action::ScrollPageUp) => return at(scroll.saturating_sub(10)),
        Some(Action::CloseView) => return (Mode::Board, Vec::new()),
        _ => return at(scroll),
    };
    app.external.conflicts.remove(0);
    let next =
        if app.external.conflicts.is_empty() { Mode::Board } else { Mode::Conflicts(ConflictsDialog::default()) };
    (next, vec![effect])
}
