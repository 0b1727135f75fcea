//! Drawing the app from a shared reference: tab bar, board, status line, then the overlay of
//! the current mode. Rendering never changes state.

pub mod board;
pub mod card;
pub mod conflicts;
pub mod detail;
pub mod dialog;
pub mod help;
pub mod metrics;
pub mod objectives;
pub mod popup;
pub mod present;
pub mod program;
pub mod status;
pub mod tabs;
pub mod text;
pub mod theme;
pub mod tree;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::{App, Mode};

pub use theme::Theme;

pub fn render(app: &App, frame: &mut Frame) {
    // Presenting uses the projector palette, unless colours are off altogether.
    let theme = if app.presenting.is_some() && app.theme.colored { Theme::high_contrast() } else { app.theme };
    let area = frame.area();
    if area.width < 2 || area.height < 3 {
        return;
    }
    let buf = frame.buffer_mut();
    let sizes = app.sizes();
    if app.presenting.is_some() {
        present::render_title(app, &theme, Rect { height: sizes.top.min(area.height), ..area }, buf);
    } else {
        tabs::render_tabs(app, &theme, Rect { height: 1, ..area }, buf);
        let status_area = Rect { y: area.bottom() - 1, height: 1, ..area };
        status::render_status(app, &theme, status_area, buf);
    }
    board::render_board(app, &theme, sizes.board_area(area), buf);
    let overlay = Rect { height: area.height - 1, ..area };
    let cursor = match &app.mode {
        Mode::Board => None,
        Mode::Details { scroll } => {
            detail::render_detail(app, *scroll, &theme, overlay, buf);
            None
        }
        Mode::Help { scroll } => {
            help::render_help(app, *scroll, &theme, overlay, buf);
            None
        }
        Mode::Search(search) => Some(dialog::render_search(app, search, &theme, overlay, buf)),
        Mode::NewItem(input) => {
            let column = app.current_board().and_then(|b| b.columns.get(app.cursor().column)).map(|c| c.name.clone());
            let title = format!("New item in {}", column.unwrap_or_default());
            Some(dialog::render_text_field(&title, input, &theme, overlay, buf))
        }
        Mode::Filter(input) => Some(dialog::render_text_field(
            "Filter: team:NAME · tag:NAME · owner:NAME · kind:KIND · blocked",
            input,
            &theme,
            overlay,
            buf,
        )),
        Mode::EditTitle { id, input } => {
            Some(dialog::render_text_field(&format!("Title of {id}"), input, &theme, overlay, buf))
        }
        Mode::Split(split) => Some(dialog::render_split(app, split, &theme, overlay, buf)),
        Mode::ConfirmDelete { id } => {
            let title = app.ws.item(id).map(|i| i.title.clone()).unwrap_or_default();
            let children = app.ws.children(id).len();
            let note =
                if children > 0 { format!(" Its {children} children keep existing, unlinked.") } else { String::new() };
            let body = format!("Delete {id} \"{title}\"?{note} (u undoes it)");
            dialog::render_question("Delete item", &body, &theme, overlay, buf);
            None
        }
        Mode::ConfirmMove { id, to } => {
            let limit = app.current_board().and_then(|b| b.columns.iter().find(|c| &c.name == to)).and_then(|c| c.wip);
            let body = format!(
                "{to} is at its WIP limit of {}. Move {id} there anyway?",
                limit.map(|l| l.to_string()).unwrap_or_default()
            );
            dialog::render_question("WIP limit reached", &body, &theme, overlay, buf);
            None
        }
        Mode::Objectives { scroll } => {
            objectives::render_objectives(app, *scroll, &theme, overlay, buf);
            None
        }
        Mode::ProgramBoard => {
            program::render_program_board(app, &theme, overlay, buf);
            None
        }
        Mode::Tree { rows, selected } => {
            tree::render_tree(app, rows, *selected, &theme, overlay, buf);
            None
        }
        Mode::Metrics => {
            metrics::render_metrics(app, &theme, overlay, buf);
            None
        }
        Mode::Conflicts { scroll } => {
            if let Some(view) = app.conflicts.first() {
                conflicts::render_conflicts(view, *scroll, &theme, overlay, buf);
            }
            None
        }
        Mode::EditorError { id, error, .. } => {
            let body = format!("The edit of {id} is not valid and was not applied: {error}. Edit it again?");
            dialog::render_question("Edit not applied", &body, &theme, overlay, buf);
            None
        }
    };
    if let Some(position) = cursor {
        frame.set_cursor_position(position);
    }
}
