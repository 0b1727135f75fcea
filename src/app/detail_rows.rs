//! The rows of the detail view of the selected item: the full title, the description (its
//! indentation kept), the acceptance checklist, the fields with WSJF, the links in words
//! (parent, children, needs, needed by) and the history, each wrapping under itself. Shared by
//! `update` (to scroll a criterion into view) and the renderer (`ui/detail.rs`, to draw exactly
//! that), so the two never disagree, as `geometry.rs` is for the board.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::keymap::{Action, KeyMap};
use crate::model::{Item, Workspace};
use crate::text::{clean, progress_bar, width};
use crate::theme::Theme;

use super::App;
use super::geometry::centered;

/// One logical row: a fixed prefix (label, checkbox, indentation) and a body that wraps under
/// itself, never under the prefix.
struct Row {
    prefix: Vec<Span<'static>>,
    body: String,
    style: Style,
}

impl Row {
    fn new(prefix: Vec<Span<'static>>, body: impl Into<String>, style: Style) -> Row {
        Row { prefix, body: clean(&body.into()).into_owned(), style }
    }

    fn header(text: &str, theme: &Theme) -> Row {
        Row::new(Vec::new(), text, theme.header)
    }

    fn field(name: &str, value: impl Into<String>, theme: &Theme) -> Row {
        Row::new(vec![Span::styled(format!("{name:<13}"), theme.dim)], value, theme.text)
    }

    fn prefix_width(&self) -> usize {
        self.prefix.iter().map(|s| width(&s.content)).sum()
    }

    /// The row as one unwrapped line.
    fn line(self) -> Line<'static> {
        let mut spans = self.prefix;
        spans.push(Span::styled(self.body, self.style));
        Line::from(spans)
    }

    /// The row wrapped to `room` columns, continuation lines indented under the body.
    fn wrapped(self, room: usize) -> Vec<Line<'static>> {
        let indent = self.prefix_width();
        let pieces = wrap(&self.body, room.saturating_sub(indent).max(1));
        let mut lines = Vec::with_capacity(pieces.len());
        let mut prefix = Some(self.prefix);
        for piece in pieces {
            let mut spans = prefix.take().unwrap_or_else(|| vec![Span::raw(" ".repeat(indent))]);
            spans.push(Span::styled(piece, self.style));
            lines.push(Line::from(spans));
        }
        lines
    }
}

/// Greedy word wrap by display width; a word wider than `room` is cut into pieces.
pub fn wrap(text: &str, room: usize) -> Vec<String> {
    let room = room.max(1);
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().map(|l| (width(l), l)).filter(|(w, _)| *w > 0);
        match line {
            Some((used, line)) if used + 1 + width(word) <= room => {
                line.push(' ');
                line.push_str(word);
                continue;
            }
            Some(_) => lines.push(String::new()),
            None => {}
        }
        for c in word.chars() {
            let last = lines.last_mut().expect("lines is never empty");
            if width(last) + width(&c.to_string()) > room && !last.is_empty() {
                lines.push(String::new());
            }
            lines.last_mut().expect("lines is never empty").push(c);
        }
    }
    lines
}

/// `F-12 Smarter search (ART · Implementing)` for a linked item.
fn link(ws: &Workspace, id: &str) -> String {
    match ws.find(id) {
        Some((board, item)) => format!("{id} {} ({} · {})", item.title, board.name, item.column),
        None => format!("{id} (not in this workspace)"),
    }
}

/// A description line split into its indentation (tabs as four spaces) and its text.
fn indented(line: &str) -> (String, &str) {
    let text = line.trim_start();
    let lead = &line[..line.len() - text.len()];
    let indent: usize = lead.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum();
    (" ".repeat(indent), text.trim_end())
}

/// The checklist keys, from the key map (so a rebinding shows), for the line under the
/// criteria: `x tick · Tab/Shift+Tab select · a add · e edit · J/K reorder · d delete`.
pub fn checklist_hint(keymap: &KeyMap) -> String {
    let keys = |a| keymap.keys_for(a).first().map(|k| k.to_string()).unwrap_or_default();
    [
        (keys(Action::ToggleCriterion), "tick"),
        (format!("{}/{}", keys(Action::NextCriterion), keys(Action::PrevCriterion)), "select"),
        (keys(Action::AddCriterion), "add"),
        (keys(Action::EditCriterion), "edit"),
        (format!("{}/{}", keys(Action::MoveCriterionDown), keys(Action::MoveCriterionUp)), "reorder"),
        (keys(Action::DeleteCriterion), "delete"),
    ]
    .iter()
    .filter(|(k, _)| !k.is_empty())
    .map(|(k, what)| format!("{k} {what}"))
    .collect::<Vec<_>>()
    .join(" · ")
}

fn rows(ws: &Workspace, item: &Item, theme: &Theme, selected: Option<usize>, hint: Option<&str>) -> Vec<Row> {
    rows_and_first_criterion(ws, item, theme, selected, hint).0
}

/// The rows, and the index of the first criterion's row.
fn rows_and_first_criterion(
    ws: &Workspace,
    item: &Item,
    theme: &Theme,
    selected: Option<usize>,
    hint: Option<&str>,
) -> (Vec<Row>, usize) {
    let Some((board, _)) = ws.find(&item.id) else { return (Vec::new(), 0) };
    let mut rows = vec![Row::new(vec![Span::styled(format!("{} ", item.id), theme.accent)], &item.title, theme.header)];
    if let Some(description) = item.description.as_deref().filter(|d| !d.trim().is_empty()) {
        rows.push(Row::header("Description", theme));
        for line in description.lines() {
            let (indent, text) = indented(line);
            rows.push(Row::new(vec![Span::raw(format!("  {indent}"))], text, theme.text));
        }
    }
    let mut first_criterion = rows.len();
    if !item.acceptance.is_empty() {
        let done = item.acceptance.iter().filter(|c| c.done).count();
        rows.push(Row::header(&format!("Acceptance criteria ({done}/{})", item.acceptance.len()), theme));
        first_criterion = rows.len();
        for (n, c) in item.acceptance.iter().enumerate() {
            let here = selected == Some(n);
            let pointer = Span::styled(if here { "▶ " } else { "  " }, theme.accent);
            let mark = if c.done { Span::styled("[x] ", theme.done) } else { Span::styled("[ ] ", theme.dim) };
            let style = if here { theme.selected_card } else { theme.text };
            rows.push(Row::new(vec![pointer, mark], &c.text, style));
        }
    }
    if let Some(hint) = hint {
        if item.acceptance.is_empty() {
            rows.push(Row::header("Acceptance criteria (none yet)", theme));
        }
        rows.push(Row::new(vec![Span::raw("  ")], hint, theme.dim));
    }
    rows.push(Row::header("Fields", theme));
    rows.push(Row::field("Board", format!("{} ({})", board.name, board.level.name()), theme));
    rows.push(Row::field("Column", &item.column, theme));
    rows.push(Row::field("Kind", board.kind_of(item).name(), theme));
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
    rows.extend(optional.into_iter().filter_map(|(name, value)| value.map(|v| Row::field(name, v, theme))));
    if let Some(reason) = &item.blocked {
        rows.push(Row::new(vec![Span::styled(format!("{:<13}", "Blocked"), theme.blocked)], reason, theme.blocked));
    }
    rows.push(Row::header("Links", theme));
    rows.push(Row::field(
        "Parent",
        item.parent.as_deref().map(|p| link(ws, p)).unwrap_or_else(|| "none".into()),
        theme,
    ));
    if let Some((done, total)) = ws.rollup(&item.id) {
        rows.push(Row::field("Progress", progress_bar(done, total, 10), theme));
    }
    let children = ws.children(&item.id);
    if !children.is_empty() {
        rows.push(Row::field("Children", "", theme));
        for child in children {
            let done = ws.find(child).is_some_and(|(b, i)| b.is_done(i));
            let mark = if done { Span::styled("  ✓ ", theme.done) } else { Span::styled("  · ", theme.dim) };
            rows.push(Row::new(vec![mark], link(ws, child), theme.text));
        }
    }
    // In words, with when the other end is planned: `needs F-2 … (late)`.
    let timing = |consumer: &str, provider: &str| match crate::model::planning::timing_between(ws, consumer, provider) {
        Some(t) if t.at_risk() || t == crate::model::planning::Timing::SameIteration => format!(" ({})", t.words()),
        _ => String::new(),
    };
    for dep in &item.depends_on {
        rows.push(Row::field("Needs", format!("{}{}", link(ws, dep), timing(&item.id, dep)), theme));
    }
    let needed_by = ws.boards().iter().flat_map(|b| &b.items).filter(|i| i.depends_on.contains(&item.id));
    for other in needed_by {
        rows.push(Row::field("Needed by", format!("{}{}", link(ws, &other.id), timing(&other.id, &item.id)), theme));
    }
    if !item.history.is_empty() {
        rows.push(Row::header("History", theme));
        for m in item.history.iter().rev() {
            rows.push(Row::new(
                vec![Span::styled(format!("  {}  ", clean(&m.at)), theme.dim)],
                m.column.as_str(),
                theme.text,
            ));
        }
    }
    (rows, first_criterion)
}

/// The details as unwrapped lines (the plain-text mode prints these).
pub fn detail_lines(ws: &Workspace, item: &Item, theme: &Theme) -> Vec<Line<'static>> {
    rows(ws, item, theme, None, None).into_iter().map(Row::line).collect()
}

/// The details wrapped to `room` columns, the criterion `selected` marked and the checklist
/// keys (`hint`) under the criteria.
pub fn wrapped_lines(
    ws: &Workspace,
    item: &Item,
    theme: &Theme,
    selected: usize,
    hint: &str,
    room: usize,
) -> Vec<Line<'static>> {
    rows(ws, item, theme, Some(selected), Some(hint)).into_iter().flat_map(|r| r.wrapped(room)).collect()
}

/// The details' popup in the overlay `area`, and its inside.
pub fn detail_area(area: Rect) -> (Rect, Rect) {
    let area = centered(area, area.width.saturating_sub(4).min(100), area.height.saturating_sub(2));
    let inner = Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    };
    (area, inner)
}

/// The scroll that shows criterion `criterion` of the selected item on the app's screen,
/// starting from `scroll` (unchanged when it already shows).
pub fn scroll_to_criterion(app: &App, scroll: u16, criterion: usize) -> u16 {
    let Some(item) = app.selected_item() else { return scroll };
    if criterion >= item.acceptance.len() {
        return scroll;
    }
    let overlay = Rect { height: app.view.screen.height.saturating_sub(1), ..app.view.screen };
    let (_, inner) = detail_area(overlay);
    let room = inner.width as usize;
    let hint = checklist_hint(&app.prefs.keymap);
    let (rows, first) = rows_and_first_criterion(&app.session.ws, item, &app.prefs.theme, Some(criterion), Some(&hint));
    let mut rows = rows.into_iter().map(|r| r.wrapped(room).len());
    let above: usize = rows.by_ref().take(first + criterion).sum();
    let height = rows.next().unwrap_or(1);
    let (top, shown) = (above as u16, inner.height.max(1));
    if top < scroll {
        top
    } else if top + height as u16 > scroll + shown {
        (top + height as u16).saturating_sub(shown)
    } else {
        scroll
    }
}
