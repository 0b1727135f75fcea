//! Drawing a dialog as one component: each dialog's state type draws itself next to its
//! drawing code, and [`drawing`] maps the open mode to it once.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::app::{App, Mode};
use crate::theme::Theme;

/// One dialog's picture over the board.
pub trait DrawDialog {
    /// Draws it in `area`: its text cursor (if it has a field) and the rectangle it covers.
    fn draw(&self, app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> (Option<Position>, Option<Rect>);
}

/// What a dialog with a text field gives: the cursor and the rectangle.
pub fn with_cursor((position, rect): (Position, Rect)) -> (Option<Position>, Option<Rect>) {
    (Some(position), Some(rect))
}

/// The drawing of the open dialog; `None` for the board and the views.
pub fn drawing(mode: &Mode) -> Option<&dyn DrawDialog> {
    Some(match mode {
        Mode::Search(d) => d,
        Mode::NewItem(d) => d,
        Mode::ConfirmNewItem(d) => d,
        Mode::Wsjf(d) => d,
        Mode::Description(d) => d,
        Mode::EditTitle(d) => d,
        Mode::Split(d) => d,
        Mode::ConfirmDelete(d) => d,
        Mode::ConfirmMove(d) => d,
        Mode::EditorError(d) => d,
        Mode::Picker(d) => d,
        Mode::Prompt(d) => d,
        Mode::Filter(d) => d,
        Mode::ColumnMenu(d) => d,
        Mode::BoardMenu => &crate::app::boards::BoardMenu,
        Mode::NamePrompt(d) => d,
        Mode::Conflicts(d) => d,
        _ => return None,
    })
}
