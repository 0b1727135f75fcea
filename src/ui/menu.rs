//! Draws the column menu (`C`) and the board menu (`R`): a title naming what they act on, then
//! one line per action with its key.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::app::boards::BoardMenu;
use crate::app::columns::ColumnMenu;
use crate::keymap::Scope;

use super::draw_dialog::DrawDialog;
use super::popup;
use crate::text::{clean, fit, width};
use crate::theme::Theme;

/// `Column Doing · 2 cards · WIP 3 · done column`.
pub fn column_menu_title(app: &App, column: usize) -> String {
    let Some(board) = app.current_board() else { return "Column".into() };
    let Some(col) = board.columns.get(column) else { return "Column".into() };
    let cards = board.column_len(column);
    let mut title = format!("Column {} · {cards} card{}", col.name, if cards == 1 { "" } else { "s" });
    if let Some(wip) = col.wip {
        title.push_str(&format!(" · WIP {wip}"));
    }
    if board.done_column() == column {
        title.push_str(" · done column");
    }
    title
}

/// `Board Alpha · team · team-alpha.ron`.
pub fn board_menu_title(app: &App) -> String {
    match app.current_board() {
        Some(b) => format!("Board {} · {} · {}", b.name, b.level.name().to_lowercase(), b.key),
        None => "Boards".into(),
    }
}

/// A menu's entries from the live key map: its keys and what they do.
pub fn entries(app: &App, scope: crate::keymap::Scope) -> Vec<(String, &'static str)> {
    app.keymap().help_rows_of(scope)
}

/// Draws a menu of `entries` (keys, what they do) centred in `area`; returns what it covers.
pub fn render_menu(title: &str, entries: &[(String, &str)], theme: &Theme, area: Rect, buf: &mut Buffer) -> Rect {
    let keys = entries.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let widest = entries.iter().map(|(_, d)| width(d)).max().unwrap_or(0) + keys + 6;
    let want = widest.max(width(title) + 4).min(u16::MAX as usize) as u16;
    let popup = popup::centered(area, want, entries.len() as u16 + 2);
    let inner = popup::frame(popup, Line::styled(format!(" {} ", clean(title)), theme.header), theme, buf);
    for (row, (key, doc)) in entries.iter().enumerate().take(inner.height as usize) {
        let line = Line::from(vec![
            Span::styled(format!(" {key:<keys$}  "), theme.key_hint),
            Span::styled(fit(doc, (inner.width as usize).saturating_sub(keys + 3)), theme.text),
        ]);
        buf.set_line(inner.x, inner.y + row as u16, &line, inner.width);
    }
    popup
}

impl DrawDialog for ColumnMenu {
    fn draw(&self, app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> (Option<Position>, Option<Rect>) {
        let title = column_menu_title(app, self.column);
        (None, Some(render_menu(&title, &entries(app, Scope::ColumnMenu), theme, area, buf)))
    }
}

impl DrawDialog for BoardMenu {
    fn draw(&self, app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> (Option<Position>, Option<Rect>) {
        (None, Some(render_menu(&board_menu_title(app), &entries(app, Scope::BoardMenu), theme, area, buf)))
    }
}
