//! The program board view: teams × iterations with the features in their cells, dependency
//! markers on both ends (red when the provider comes later than the consumer), each
//! iteration's load and enabler share, and the unplanned features apart.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::model::Board;
use crate::model::planning::{Plan, plan};

use super::text::fit;
use super::theme::Theme;

/// A feature in a cell: `F-12 ⇠F-3 !⇢F-9`; a late dependency is red and starts with `!`, which
/// comes first so it survives when the cell cuts the text.
fn feature_spans(board: &Board, plan: &Plan, id: &str, room: usize, theme: &Theme) -> Vec<Span<'static>> {
    let kind = board.item(id).map(|i| board.kind_of(i));
    let style = kind.map(|k| theme.kind(k)).unwrap_or(theme.text);
    let mut spans = vec![Span::styled(id.to_string(), style.patch(theme.header))];
    let mut used = id.chars().count();
    for dep in &plan.dependencies {
        let (marker, other) = if dep.consumer == id {
            ("⇠", &dep.provider)
        } else if dep.provider == id {
            ("⇢", &dep.consumer)
        } else {
            continue;
        };
        let late = if dep.late { "!" } else { "" };
        let text = format!(" {late}{marker}{other}");
        used += text.chars().count();
        spans.push(Span::styled(text, if dep.late { theme.over_limit } else { theme.dim }));
    }
    if let Some(item) = board.item(id) {
        let title = fit(&item.title, room.saturating_sub(used + 1));
        if !title.is_empty() {
            spans.push(Span::styled(format!(" {title}"), theme.dim));
        }
    }
    spans
}

pub fn render_program_board(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(board) = app.current_board() else { return };
    let plan = plan(&app.ws, board);
    let title = Line::styled(format!(" Program board · {} — Esc closes ", fit(&board.name, 40)), theme.header);
    let inner = super::popup::frame(area, title, theme, buf);
    if plan.iterations.is_empty() {
        buf.set_string(
            inner.x,
            inner.y,
            "This board has no `iterations`; add e.g. iterations: [\"I1\", \"I2\"].",
            theme.dim,
        );
        return;
    }
    let team_width = 10u16.min(inner.width / 4);
    let cell_width = (inner.width.saturating_sub(team_width)) / plan.iterations.len() as u16;
    // Header: iteration, load, enabler share.
    for (i, name) in plan.iterations.iter().enumerate() {
        let x = inner.x + team_width + i as u16 * cell_width;
        let (en, all) = plan.enablers[i];
        let room = cell_width.saturating_sub(1) as usize;
        buf.set_string(x, inner.y, fit(&format!("{name} · {} pt", plan.load[i]), room), theme.header);
        let share = match (en * 100).checked_div(all) {
            Some(percent) => format!("EN {percent}% of {all}"),
            None => "no features".to_string(),
        };
        buf.set_string(x, inner.y + 1, fit(&share, room), theme.dim);
    }
    buf.set_string(inner.x, inner.y + 1, fit("load / enablers", team_width.saturating_sub(1) as usize), theme.dim);
    let mut y = inner.y + 2;
    for (t, team) in plan.teams.iter().enumerate() {
        let rows = plan.cells[t].iter().map(Vec::len).max().unwrap_or(0).max(1) as u16;
        if y + rows > inner.bottom() {
            break;
        }
        buf.set_string(inner.x, y, fit(team, team_width.saturating_sub(1) as usize), theme.accent);
        for (i, features) in plan.cells[t].iter().enumerate() {
            let x = inner.x + team_width + i as u16 * cell_width;
            for (n, id) in features.iter().enumerate() {
                let spans = feature_spans(board, &plan, id, cell_width.saturating_sub(1) as usize, theme);
                buf.set_line(x, y + n as u16, &Line::from(spans), cell_width.saturating_sub(1));
            }
        }
        y += rows;
        if y < inner.bottom() {
            buf.set_string(inner.x, y, "─".repeat(inner.width as usize), theme.border);
            y += 1;
        }
    }
    if !plan.unplanned.is_empty() && y < inner.bottom() {
        let text = format!("Unplanned: {}", plan.unplanned.join(", "));
        buf.set_string(inner.x, y, fit(&text, inner.width as usize), theme.dim);
    }
}
