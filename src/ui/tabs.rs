//! The tab bar: boards grouped by level (`PORTFOLIO …  PROGRAM …  TEAM …`), the current one lit.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::model::Level;

use super::text::fit;
use super::theme::Theme;

pub fn render_tabs(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    // Board names get shorter until every tab fits; the current one is never cut below 12.
    let wide = area.width >= 100;
    let mut spans = Vec::new();
    for budget in [28, 20, 14, 10, 6, 3] {
        spans = tab_spans(app, theme, wide, budget);
        let width: usize = spans.iter().map(|s| s.width()).sum();
        if width <= area.width as usize {
            break;
        }
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

fn tab_spans<'a>(app: &App, theme: &Theme, wide: bool, budget: usize) -> Vec<Span<'a>> {
    let mut spans: Vec<Span> = Vec::new();
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
            let name = fit(&board.name, if index == app.board { budget.max(12) } else { budget });
            let marker = if board.is_read_only() { " [read-only]" } else { "" };
            let style = if index == app.board { theme.tab_selected } else { theme.tab };
            spans.push(Span::styled(format!(" {name}{marker} "), style));
        }
    }
    spans
}
