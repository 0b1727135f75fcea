//! The tab bar: boards grouped by level (`PORTFOLIO …  PROGRAM …  TEAM …`), the current one lit
//! and in brackets (`[Alpha]`), so it is told without colour too; a board someone else changed
//! since it was last shown is marked `●Alpha` in the change colour until it is shown.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::model::Level;

use crate::text::fit;
use crate::theme::Theme;

/// Marks the tab of a board changed on disk since it was last shown.
pub const CHANGED_TAB: &str = "●";

/// Draws the tab bar; returns each tab's columns and board, for the mouse.
pub fn render_tabs(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> Vec<(u16, u16, usize)> {
    // Board names get shorter until every tab fits; the current one is never cut below 12.
    // Past names of 6, the bar scrolls: the tabs around the current one, with how many
    // boards are hidden on each side (`◀3` … `4▶`), so no board is ever silently dropped.
    let wide = area.width >= 100;
    let mut spans = Vec::new();
    for budget in [28, 20, 14, 10, 6] {
        spans = tab_spans(app, theme, wide, budget);
        let width: usize = spans.iter().map(|(s, _)| s.width()).sum();
        if width <= area.width as usize {
            break;
        }
    }
    let width: usize = spans.iter().map(|(s, _)| s.width()).sum();
    if width > area.width as usize {
        spans = scrolled(spans, app.board_index(), area.width as usize, theme);
    }
    let mut hits = Vec::new();
    let mut x = area.x;
    for (span, board) in &spans {
        let end = x.saturating_add(span.width() as u16);
        if let Some(board) = board {
            hits.push((x, end.min(area.right()), *board));
        }
        x = end;
    }
    buf.set_line(area.x, area.y, &Line::from(spans.into_iter().map(|(s, _)| s).collect::<Vec<_>>()), area.width);
    hits
}

/// The tab bar's pieces; those that are tabs carry their board's index.
fn tab_spans<'a>(app: &App, theme: &Theme, wide: bool, budget: usize) -> Vec<(Span<'a>, Option<usize>)> {
    let mut spans: Vec<(Span, Option<usize>)> = Vec::new();
    for level in Level::ALL {
        let boards: Vec<usize> = app.ws().boards_at(level).collect();
        if boards.is_empty() {
            continue;
        }
        if !spans.is_empty() {
            spans.push((Span::styled(" │ ", theme.border), None));
        }
        let label = if wide { level.name().to_uppercase() } else { level.name()[..4].to_uppercase() };
        spans.push((Span::styled(format!("{label} "), theme.dim), None));
        for index in boards {
            let board = &app.ws().boards()[index];
            let name = fit(&board.name, if index == app.board_index() { budget.max(12) } else { budget });
            let marker = if board.is_read_only() { " [read-only]" } else { "" };
            let (open, close) = if index == app.board_index() { ('[', ']') } else { (' ', ' ') };
            // A board someone else changed while another was shown: `●` in the change colour.
            let (changed, style) = match () {
                _ if index == app.board_index() => ("", theme.tab_selected),
                _ if crate::app::marks::board_unseen(app, &board.key) => (CHANGED_TAB, theme.marked),
                _ => ("", theme.tab),
            };
            spans.push((Span::styled(format!("{open}{changed}{name}{marker}{close}"), style), Some(index)));
        }
    }
    spans
}

/// The run of tabs around the current board that fits `width`, with markers counting the
/// boards left out on each side.
fn scrolled<'a>(
    spans: Vec<(Span<'a>, Option<usize>)>,
    current: usize,
    width: usize,
    theme: &Theme,
) -> Vec<(Span<'a>, Option<usize>)> {
    let Some(at) = spans.iter().position(|(_, b)| *b == Some(current)) else { return spans };
    let widths: Vec<usize> = spans.iter().map(|(s, _)| s.width()).collect();
    let boards_in = |lo: usize, hi: usize| spans[lo..hi].iter().filter(|(_, b)| b.is_some()).count();
    let total_boards = boards_in(0, spans.len());
    let marker = |n: usize| if n == 0 { 0 } else { format!("◀{n} ").chars().count() };
    let fits = |lo: usize, hi: usize| {
        let left = boards_in(0, lo);
        let right = total_boards - left - boards_in(lo, hi);
        widths[lo..hi].iter().sum::<usize>() + marker(left) + marker(right) <= width
    };
    let (mut lo, mut hi) = (at, at + 1);
    loop {
        let grew_right = hi < spans.len() && fits(lo, hi + 1);
        if grew_right {
            hi += 1;
        }
        let grew_left = lo > 0 && fits(lo - 1, hi);
        if grew_left {
            lo -= 1;
        }
        if !grew_right && !grew_left {
            break;
        }
    }
    let left = boards_in(0, lo);
    let right = total_boards - left - boards_in(lo, hi);
    let mut out: Vec<(Span<'a>, Option<usize>)> = Vec::new();
    if left > 0 {
        out.push((Span::styled(format!("◀{left} "), theme.dim), None));
    }
    out.extend(spans.into_iter().skip(lo).take(hi - lo));
    if right > 0 {
        out.push((Span::styled(format!(" {right}▶"), theme.dim), None));
    }
    out
}
