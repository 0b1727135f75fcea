//! The detail view of the selected item: every field, its parent, its children with their
//! columns, dependencies both ways, acceptance criteria and history.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::App;
use crate::model::{Item, Workspace};

use super::card::progress_bar;
use super::popup;
use super::text::clean;
use super::theme::Theme;

fn field<'a>(name: &str, value: String, theme: &Theme) -> Line<'a> {
    Line::from(vec![Span::styled(format!("{name:<13}"), theme.dim), Span::raw(clean(&value).into_owned())])
}

/// `F-12 Smarter search (ART · Implementing)` for a linked item.
fn link(ws: &Workspace, id: &str) -> String {
    match ws.find(id) {
        Some((board, item)) => format!("{id} {} ({} · {})", item.title, board.name, item.column),
        None => format!("{id} (not in this workspace)"),
    }
}

pub fn detail_lines(ws: &Workspace, item: &Item, theme: &Theme) -> Vec<Line<'static>> {
    let Some((board, _)) = ws.find(&item.id) else { return Vec::new() };
    let mut lines = vec![
        field("Board", format!("{} ({})", board.name, board.level.name()), theme),
        field("Column", item.column.clone(), theme),
        field("Kind", board.kind_of(item).name().to_string(), theme),
    ];
    let optional = [
        ("Points", item.points.map(|p| p.to_string())),
        (
            "WSJF",
            item.wsjf.map(|w| {
                format!(
                    "{:.1} = ({} value + {} time criticality + {} risk reduction) / {} job size",
                    w.score(),
                    w.value,
                    w.time_criticality,
                    w.risk_reduction,
                    w.job_size
                )
            }),
        ),
        ("Owner", item.owner.clone()),
        ("Team", item.team.clone()),
        ("Iteration", item.iteration.clone()),
        ("Tags", (!item.tags.is_empty()).then(|| item.tags.join(", "))),
    ];
    lines.extend(optional.into_iter().filter_map(|(name, value)| value.map(|v| field(name, v, theme))));
    if let Some(reason) = &item.blocked {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<13}", "Blocked"), theme.blocked),
            Span::styled(clean(reason).into_owned(), theme.blocked),
        ]));
    }
    lines.push(field("Parent", item.parent.as_deref().map(|p| link(ws, p)).unwrap_or_else(|| "none".into()), theme));
    let children = ws.children(&item.id);
    if let Some((done, total)) = ws.rollup(&item.id) {
        lines.push(field("Progress", progress_bar(done, total, 10), theme));
    }
    if !children.is_empty() {
        lines.push(Line::styled("Children", theme.header));
        for child in children {
            let done = ws.find(child).is_some_and(|(b, i)| b.is_done(i));
            let mark = if done { Span::styled("  ✓ ", theme.done) } else { Span::styled("  · ", theme.dim) };
            lines.push(Line::from(vec![mark, Span::raw(clean(&link(ws, child)).into_owned())]));
        }
    }
    for dep in &item.depends_on {
        lines.push(field("Depends on", link(ws, dep), theme));
    }
    if !item.acceptance.is_empty() {
        lines.push(Line::styled("Acceptance criteria", theme.header));
        for c in &item.acceptance {
            let mark = if c.done { Span::styled("  [x] ", theme.done) } else { Span::styled("  [ ] ", theme.dim) };
            lines.push(Line::from(vec![mark, Span::raw(clean(&c.text).into_owned())]));
        }
    }
    if let Some(description) = &item.description {
        lines.push(Line::styled("Description", theme.header));
        lines.extend(description.lines().map(|l| Line::raw(format!("  {}", clean(l)))));
    }
    if !item.history.is_empty() {
        lines.push(Line::styled("History", theme.header));
        for m in item.history.iter().rev() {
            lines.push(Line::from(vec![
                Span::styled(format!("  {}  ", clean(&m.at)), theme.dim),
                Span::raw(clean(&m.column).into_owned()),
            ]));
        }
    }
    lines
}

pub fn render_detail(app: &App, scroll: u16, theme: &Theme, area: Rect, buf: &mut Buffer) -> Option<Rect> {
    let item = app.selected_item()?;
    let area = popup::centered(area, area.width.saturating_sub(4).min(100), area.height.saturating_sub(2));
    let title = Line::from(vec![
        Span::styled(format!(" {} ", clean(&item.id)), theme.accent),
        Span::styled(format!("{} ", clean(&item.title)), theme.header),
    ]);
    let inner = popup::frame(area, title, theme, buf);
    let lines = detail_lines(&app.ws, item, theme);
    Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((scroll, 0)).render(inner, buf);
    Some(area)
}
