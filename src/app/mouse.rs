//! The mouse: a click selects a card, a column or a tab; the wheel moves through a column; a
//! click outside a dialog closes it. Where things are comes from the last frame (`Hits`) and
//! from the same geometry the board is drawn with.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::state::{App, Mode};

/// Where the last frame drew things, for the mouse (`ui::render_with_hits` fills it): the overlay's rectangle and the tabs' columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    pub overlay: Option<Rect>,
    /// (first column, past the last column, board index) of each tab.
    pub tabs: Vec<(u16, u16, usize)>,
}

pub(in crate::app) fn on_mouse(app: &mut App, event: MouseEvent, hits: &Hits) {
    let at = Position::new(event.column, event.row);
    match event.kind {
        MouseEventKind::Down(MouseButton::Left) => click(app, at, hits),
        MouseEventKind::ScrollDown => wheel(app, at, 1),
        MouseEventKind::ScrollUp => wheel(app, at, -1),
        _ => {}
    }
}

fn click(app: &mut App, at: Position, hits: &Hits) {
    if app.view.mode != Mode::Board {
        // Inside a dialog a click does nothing; outside it closes the dialog.
        if !hits.overlay.is_some_and(|r| r.contains(at)) {
            app.view.mode = Mode::Board;
        }
        return;
    }
    if let Some(&(_, _, board)) = hits.tabs.iter().find(|(x0, x1, _)| at.y == 0 && at.x >= *x0 && at.x < *x1) {
        app.show_board(board);
        return;
    }
    if let Some((col, row)) = card_at(app, at) {
        if let Some(cursor) = app.cursor_mut() {
            cursor.column = col;
            if let Some(row) = row {
                cursor.rows[col] = row;
            }
        }
        app.keep_in_view();
    }
}

fn wheel(app: &mut App, at: Position, step: isize) {
    if app.view.mode != Mode::Board {
        return;
    }
    let Some((col, _)) = card_at(app, at) else { return };
    let len = app.visible_positions(col).len();
    let row = app.selected_row(col);
    if let Some(cursor) = app.cursor_mut() {
        cursor.column = col;
        cursor.rows[col] = (row as isize + step).clamp(0, len.saturating_sub(1) as isize) as usize;
    }
    app.keep_in_view();
}

/// The column under `at`, and the card's row in it if the pointer is on one.
fn card_at(app: &App, at: Position) -> Option<(usize, Option<usize>)> {
    let sizes = app.sizes();
    let area: Rect = sizes.board_area(app.view.screen);
    if !area.contains(at) {
        return None;
    }
    let columns = app.current_board()?.columns.len();
    let visible = sizes.visible_columns(area.width, columns);
    let width = (area.width / visible as u16).max(1);
    let cursor = app.cursor();
    let first = cursor.first_column.min(columns.saturating_sub(visible));
    let col = (first + ((at.x - area.x) / width) as usize).min(columns - 1);
    // Inside the column's frame, cards are `card` lines apart from its first line.
    let count = app.visible_positions(col).len();
    let card = sizes.card_height(area.height, count);
    let offset = at.y.checked_sub(area.y + 1)?;
    let row = cursor.scroll.get(col).copied().unwrap_or(0) + (offset / card) as usize;
    let in_card = offset % card < card - 1;
    let exists = row < count;
    Some((col, (in_card && exists).then_some(row)))
}
