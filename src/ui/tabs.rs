//! The tab bar: boards grouped by level (`PORTFOLIO …  PROGRAM …  TEAM …`), the current one lit.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::model::Level;

use super::text::fit;
use super::theme::Theme;

pub fn render_tabs(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let mut spans: Vec<Span> = Vec::new();
    let wide = area.width >= 100;
    for level in Level::ALL {
        let boards: Vec<usize> = app.ws.boards_at(level).collect();
        if boards.is_empty() {
            continue;
        }
        if !spans.is_empty() {
            spans.push(Span::styled(" │ ", theme.border));
        }
        let label = if wide { level.name().to_uppercase() } else { level.name()[..4].to_uppercase() };
        spans.push(Span::styled(format!("{label} "), theme.dim));
        for index in boards {
            let board = &app.ws.boards()[index];
            let name = fit(&board.name, if wide { 28 } else { 16 });
            let marker = if board.is_read_only() { " [read-only]" } else { "" };
            let style = if index == app.board { theme.tab_selected } else { theme.tab };
            spans.push(Span::styled(format!(" {name}{marker} "), style));
        }
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}
