//! Typing a filter for the board's cards; `Enter` applies it (a wrong one is said and stays
//! open to fix), `Esc` cancels.

use ratatui::crossterm::event::KeyEvent;

use crate::keymap::Action;

use super::component::{Dialog, save_cancel};
use super::input::LineInput;
use super::state::{App, Effect, Mode};

/// Typing a filter (`team:Alpha`, `tag:…`, `owner:…`, `kind:…`, `blocked`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterDialog {
    pub input: LineInput,
}

impl Dialog for FilterDialog {
    fn hints(&self, app: &App) -> Vec<(String, &'static str)> {
        save_cancel(app)
    }
    fn handle(self: Box<Self>, app: &mut App, key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>) {
        on_filter(app, self.input, key, action)
    }
}

fn on_filter(app: &mut App, mut input: LineInput, key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>) {
    match action {
        Some(Action::Cancel) => (Mode::Board, Vec::new()),
        Some(Action::Confirm) => match super::filter::Filter::parse_in(&input.text(), &app.session.ws) {
            Ok(filter) => {
                app.info(format!("showing {filter} ({} clears)", app.key(Action::CloseDetails)));
                app.selection.filter = Some(filter);
                app.keep_in_view();
                (Mode::Board, Vec::new())
            }
            Err(err) => {
                app.error(err);
                (Mode::Filter(FilterDialog { input }), Vec::new())
            }
        },
        _ => {
            input.handle(&key);
            (Mode::Filter(FilterDialog { input }), Vec::new())
        }
    }
}
