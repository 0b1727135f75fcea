//! The hierarchy view: the tree around the selected item across boards, each row with kind,
//! board and column, roll-up progress as a bar, and a blocked marker.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::app::tree::TreeRow;
use crate::keymap::Action;

use super::card::rollup_style;
use crate::text::progress_bar;
use crate::text::{fit, width};
use crate::theme::Theme;

fn row_line(app: &App, row: &TreeRow, selected: bool, theme: &Theme, room: usize) -> Line<'static> {
    let Some((board, item)) = app.ws().find(&row.id) else { return Line::raw("") };
    let indent = "  ".repeat(row.depth);
    let branch = if row.depth == 0 { "" } else { "└ " };
    let kind = board.kind_of(item);
    let rollup = app.ws().rollup(&item.id);
    let progress = rollup.map(|(d, t)| format!(" {}", progress_bar(d, t, 8))).unwrap_or_default();
    let progress_style = rollup.map(|(d, t)| rollup_style(d, t, theme)).unwrap_or(theme.text);
    let blocked = if item.is_blocked() { " ■ BLOCKED" } else { "" };
    let archived = if board.is_archive() { " · archived" } else { "" };
    let place = format!("  {} · {}{archived}", board.name, item.column);
    let fixed = width(&indent)
        + 2
        + width(&item.id)
        + kind.name().len()
        + 3
        + progress.chars().count()
        + blocked.len()
        + width(&place);
    let title = fit(&item.title, room.saturating_sub(fixed).max(8));
    let base = if selected { theme.selected_card } else { ratatui::style::Style::new() };
    Line::from(vec![
        Span::styled(format!("{indent}{branch}"), theme.dim.patch(base)),
        Span::styled(fit(&item.id, 12), theme.accent.patch(base)),
        Span::styled(format!(" {} ", kind.name()), theme.kind(kind).patch(base)),
        Span::styled(title, theme.text.patch(base)),
        Span::styled(progress, progress_style.patch(base)),
        Span::styled(blocked.to_string(), theme.blocked.patch(base)),
        Span::styled(fit(&place, room), theme.dim.patch(base)),
    ])
}

pub fn render_tree(app: &App, rows: &[TreeRow], selected: usize, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let title = format!(
        " Hierarchy — {} jumps to the item, {} move, {} closes ",
        app.key(Action::ChooseRow),
        app.key_pair(Action::ScrollDown, Action::ScrollUp),
        app.key(Action::CloseView)
    );
    let title = Line::styled(title, theme.header);
    let inner = super::popup::frame(area, title, theme, buf);
    let visible = inner.height as usize;
    let first = selected.saturating_sub(visible.saturating_sub(1));
    for (n, row) in rows.iter().enumerate().skip(first).take(visible) {
        let line = row_line(app, row, n == selected, theme, inner.width as usize);
        buf.set_line(inner.x, inner.y + (n - first) as u16, &line, inner.width);
    }
}
