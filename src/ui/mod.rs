//! Drawing the app from a shared reference: tab bar, board, status line, then the overlay of
//! the current mode. Rendering never changes state.

pub mod big_glyphs;
pub mod board;
pub mod card;
pub mod cfd;
pub mod conflicts;
pub mod detail;
pub mod dialog;
pub mod draw_dialog;
pub mod edit_dialogs;
pub mod help;
pub mod menu;
pub mod messages;
pub mod metrics;
pub mod objectives;
pub mod objectives_trend;
pub mod picker;
pub mod popup;
pub mod present;
pub mod program;
pub mod program_present;
pub mod questions;
pub mod status;
pub mod sync;
pub mod tabs;
pub mod tree;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use crate::app::mouse::Hits;
use crate::app::{App, Mode};

pub fn render(app: &App, frame: &mut Frame) {
    render_with_hits(app, frame);
}

/// Draws the app and tells where the mouse can hit what.
pub fn render_with_hits(app: &App, frame: &mut Frame) -> Hits {
    // Presenting uses the projector palette, unless colours are off altogether.
    let theme = if app.presenting().is_some() && app.theme().colored { app.presentation().theme } else { app.theme() };
    let area = frame.area();
    if area.width < 2 || area.height < 3 {
        return Hits::default();
    }
    let buf = frame.buffer_mut();
    let sizes = app.sizes();
    let mut tabs = Vec::new();
    if app.presenting().is_some() {
        present::render_title(app, &theme, Rect { height: sizes.top.min(area.height), ..area }, buf);
    } else {
        tabs = tabs::render_tabs(app, &theme, Rect { height: 1, ..area }, buf);
        let status_area = Rect { y: area.bottom() - 1, height: 1, ..area };
        status::render_status(app, &theme, status_area, buf);
    }
    let card_at = board::render_board(app, &theme, sizes.board_area(area), buf);
    let overlay = Rect { height: area.height - 1, ..area };
    // Each overlay gives its text cursor (if it has a field) and the rectangle it covers.
    let (cursor, covered): (Option<Position>, Option<Rect>) = match &app.mode() {
        Mode::Board => (None, None),
        Mode::Details { scroll, criterion } => {
            (None, detail::render_detail(app, *scroll, *criterion, &theme, overlay, buf))
        }
        Mode::Help { scroll } => (None, Some(help::render_help(app, *scroll, &theme, overlay, buf))),
        Mode::Messages { scroll } => (None, Some(messages::render_messages(app, *scroll, &theme, overlay, buf))),
        Mode::Sync { scroll } => (None, Some(sync::render_sync(app, *scroll, &theme, overlay, buf))),
        Mode::SystemDemo { iteration, scroll } => {
            (None, Some(sync::render_system_demo(app, *iteration, *scroll, &theme, overlay, buf)))
        }
        Mode::Objectives { .. } => (objectives::render_objectives(app, &theme, overlay, buf), Some(overlay)),
        Mode::ProgramBoard => {
            program::render_program_board(app, &theme, overlay, buf);
            (None, Some(overlay))
        }
        Mode::Tree { rows, selected } => {
            tree::render_tree(app, rows, *selected, &theme, overlay, buf);
            (None, Some(overlay))
        }
        Mode::Metrics => {
            metrics::render_metrics(app, &theme, overlay, buf);
            (None, Some(overlay))
        }
        mode => draw_dialog::drawing(mode).map_or((None, None), |dialog| dialog.draw(app, &theme, overlay, buf)),
    };
    // A text field has the cursor; otherwise it sits on the selected card, so that screen
    // magnifiers and readers that follow the cursor follow the selection.
    if let Some(position) = cursor.or(card_at.filter(|_| *app.mode() == Mode::Board)) {
        frame.set_cursor_position(position);
    }
    Hits { overlay: covered, tabs }
}
