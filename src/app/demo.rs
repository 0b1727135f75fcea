//! The system demo view's keys: h/l step through the train's iterations, j/k scroll, anything
//! else closes it. It opens on the current iteration (by the PI's dates), else the first.

use crate::keymap::Action;
use crate::model::demo::iterations;

use super::state::{App, Mode};

/// The iteration running today by the program board's dates, else the first one.
pub fn current_iteration(app: &App) -> usize {
    use crate::model::pi::{Date, Now};
    let names = iterations(&app.session.ws);
    let Some(today) = Date::of_time(&(app.prefs.clock)()) else { return 0 };
    let running = app.session.ws.boards().iter().filter_map(|b| b.pi.as_ref()).find_map(|pi| match pi.now(today) {
        Now::In(it) => Some(it.name.clone()),
        _ => None,
    });
    running.and_then(|name| names.iter().position(|n| *n == name)).unwrap_or(0)
}

pub(in crate::app) fn on_key(app: &mut App, action: Option<Action>) {
    let count = iterations(&app.session.ws).len();
    let Mode::SystemDemo { iteration, scroll } = &mut app.view.mode else { return };
    match action {
        Some(Action::SelectNextColumn) => {
            *iteration = (*iteration + 1).min(count.saturating_sub(1));
            *scroll = 0;
        }
        Some(Action::SelectPrevColumn) => {
            *iteration = iteration.saturating_sub(1);
            *scroll = 0;
        }
        Some(Action::ScrollDown) => *scroll = scroll.saturating_add(1),
        Some(Action::ScrollUp) => *scroll = scroll.saturating_sub(1),
        Some(Action::ScrollPageDown) => *scroll = scroll.saturating_add(10),
        Some(Action::ScrollPageUp) => *scroll = scroll.saturating_sub(10),
        _ => app.view.mode = Mode::Board,
    }
}
