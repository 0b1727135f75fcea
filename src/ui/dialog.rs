//! The dialogs drawn over the board: a text field (new item, edit title), search with its hits,
//! the split dialog, and the y/n questions. Each returns where the text cursor goes, if any.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::App;
use crate::app::columns::NamePrompt;
use crate::app::edit_title::EditTitleDialog;
use crate::app::filter_dialog::FilterDialog;
use crate::app::input::LineInput;
use crate::app::quick::Prompt;
use crate::app::state::{SearchDialog, SplitDialog};
use crate::keymap::Action;
use crate::model::Workspace;
use crate::model::search::{Hit, Matched};

use super::draw_dialog::{DrawDialog, with_cursor};
use super::popup;
use crate::text::{clean, fit};
use crate::theme::Theme;

/// Draws `input` on one line of `area` (scrolled so the cursor shows); returns the cursor spot.
pub(super) fn render_input(input: &LineInput, area: Rect, buf: &mut Buffer) -> Position {
    let text: Vec<char> = clean(&input.text()).chars().collect();
    let room = area.width.saturating_sub(1) as usize;
    let start = input.cursor().saturating_sub(room);
    let shown: String = text.iter().skip(start).take(room + 1).collect();
    buf.set_string(area.x, area.y, fit(&shown, area.width as usize), ratatui::style::Style::new());
    let before: String = text.iter().skip(start).take(input.cursor() - start).collect();
    Position::new(area.x + unicode_width::UnicodeWidthStr::width(before.as_str()) as u16, area.y)
}

pub fn render_text_field(
    app: &App,
    title: &str,
    input: &LineInput,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) -> (Position, Rect) {
    let popup = popup::centered(area, 70, 4);
    let inner = popup::frame(popup, Line::styled(format!(" {} ", clean(title)), theme.header), theme, buf);
    let hint = format!("{} saves · {} cancels", app.key(Action::Confirm), app.key(Action::Cancel));
    buf.set_string(inner.x, inner.y + 1, fit(&hint, inner.width as usize), theme.dim);
    (render_input(input, Rect { height: 1, ..inner }, buf), popup)
}

pub fn render_question(title: &str, body: &str, theme: &Theme, area: Rect, buf: &mut Buffer) -> Rect {
    let width = 64.min(area.width);
    let body_lines = (body.chars().count() as u16 / width.saturating_sub(2).max(1)) + 1;
    let popup = popup::centered(area, width, body_lines + 4);
    let inner = popup::frame(popup, Line::styled(format!(" {} ", clean(title)), theme.header), theme, buf);
    let lines = vec![
        Line::raw(clean(body).into_owned()),
        Line::raw(""),
        Line::from(vec![
            Span::styled("y", theme.key_hint),
            Span::raw(" yes   "),
            Span::styled("n", theme.key_hint),
            Span::raw(" no"),
        ]),
    ];
    Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, buf);
    popup
}

fn hit_line(ws: &Workspace, hit: &Hit, selected: bool, theme: &Theme, width: usize) -> Line<'static> {
    let Some((board, item)) = ws.find(&hit.id) else { return Line::raw("") };
    let archived = if board.is_archive() { " · archived" } else { "" };
    let place = format!("  {} · {}{archived}", board.name, item.column);
    let marker = if selected { "▶ " } else { "  " };
    // Found elsewhere than in the id or title: which field, and its text.
    let found = match hit.field {
        Matched::Id | Matched::Title => String::new(),
        field => format!("  {}: {}", field.name(), hit.text),
    };
    let room = width.saturating_sub(place.chars().count() + 2);
    let title = fit(&format!("{} {}", item.id, item.title), room.saturating_sub(found.chars().count().min(room / 2)));
    let found = fit(&found, room.saturating_sub(title.chars().count()));
    let style = if selected { theme.selected_card } else { theme.text };
    Line::from(vec![
        Span::styled(marker.to_string(), theme.accent),
        Span::styled(clean(&title).into_owned(), style),
        Span::styled(clean(&found).into_owned(), theme.accent),
        Span::styled(fit(&place, width), theme.dim),
    ])
}

pub fn render_search(
    app: &App,
    search: &SearchDialog,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) -> (Position, Rect) {
    let popup = popup::centered(area, 90, area.height.saturating_sub(4).max(6));
    let title = format!(
        " Search ids, titles, descriptions, tags, owners, criteria — {} jumps, {} closes ",
        app.key(Action::Confirm),
        app.key(Action::Cancel)
    );
    let title = Line::styled(title, theme.header);
    let inner = popup::frame(popup, title, theme, buf);
    buf.set_string(inner.x, inner.y, "/", theme.key_hint);
    let cursor = render_input(
        &search.input,
        Rect { x: inner.x + 2, width: inner.width.saturating_sub(2), height: 1, ..inner },
        buf,
    );
    let rows = inner.height.saturating_sub(2) as usize;
    let first = search.selected.saturating_sub(rows.saturating_sub(1));
    let found = search.search.found();
    let summary = match found {
        0 if search.input.is_empty() => "type to search all boards".to_string(),
        0 if !search.search.pending() => "no match".to_string(),
        n => {
            let shown =
                if n > search.hits.len() { format!(", the best {} listed", search.hits.len()) } else { String::new() };
            format!("{n} match{}{shown}", if n == 1 { "" } else { "es" })
        }
    };
    let summary = if search.search.pending() { format!("{summary} so far, searching…") } else { summary };
    buf.set_string(inner.x, inner.y + 1, fit(&summary, inner.width as usize), theme.dim);
    for (row, hit) in search.hits.iter().enumerate().skip(first).take(rows) {
        let line = hit_line(app.ws(), hit, row == search.selected, theme, inner.width as usize);
        buf.set_line(inner.x, inner.y + 2 + (row - first) as u16, &line, inner.width);
    }
    (cursor, popup)
}

pub fn render_split(app: &App, split: &SplitDialog, theme: &Theme, area: Rect, buf: &mut Buffer) -> (Position, Rect) {
    let height = (split.lines.len() as u16 + 6).min(area.height);
    let popup = popup::centered(area, 80, height);
    let parent = app.ws().item(&split.id).map(|i| i.title.as_str()).unwrap_or("");
    let title = Line::styled(format!(" Split {} {} ", clean(&split.id), clean(parent)), theme.header);
    let inner = popup::frame(popup, title, theme, buf);
    let target = app.ws().board(split.target).map(|b| b.name.as_str()).unwrap_or("?");
    let head = Line::from(vec![
        Span::styled("Children go to board ", theme.dim),
        Span::styled(clean(target).into_owned(), theme.accent),
        Span::styled(
            format!(
                " ({}: another) · one title per line · {} on an empty line creates",
                app.key(Action::NextField),
                app.key(Action::Confirm)
            ),
            theme.dim,
        ),
    ]);
    buf.set_line(inner.x, inner.y, &head, inner.width);
    // Every line in order, the one being typed at its place (`at`), scrolled so it shows.
    let at = split.at.min(split.lines.len());
    let count = split.lines.len() + 1;
    let rows = (inner.height.saturating_sub(1) as usize).max(1);
    let first = (at + 1).saturating_sub(rows);
    let mut field = Rect { x: inner.x + 4, y: inner.y + 1, width: inner.width.saturating_sub(4), height: 1 };
    for n in (first..count).take(rows) {
        let y = inner.y + 1 + (n - first) as u16;
        let number = format!("{:>2}. ", n + 1);
        if n == at {
            buf.set_string(inner.x, y, &number, theme.key_hint);
            field.y = y;
            continue;
        }
        let line = &split.lines[if n < at { n } else { n - 1 }];
        buf.set_string(inner.x, y, fit(&format!("{number}{line}"), inner.width as usize), theme.text);
    }
    (render_input(&split.current, field, buf), popup)
}

impl DrawDialog for SearchDialog {
    fn draw(&self, app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> (Option<Position>, Option<Rect>) {
        with_cursor(render_search(app, self, theme, area, buf))
    }
}

impl DrawDialog for SplitDialog {
    fn draw(&self, app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> (Option<Position>, Option<Rect>) {
        with_cursor(render_split(app, self, theme, area, buf))
    }
}

impl DrawDialog for EditTitleDialog {
    fn draw(&self, app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> (Option<Position>, Option<Rect>) {
        with_cursor(render_text_field(app, &format!("Title of {}", self.id), &self.input, theme, area, buf))
    }
}

impl DrawDialog for FilterDialog {
    fn draw(&self, app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> (Option<Position>, Option<Rect>) {
        let title = "Filter (several combine): team: tag: owner: kind: iteration: blocked";
        with_cursor(render_text_field(app, title, &self.input, theme, area, buf))
    }
}

impl DrawDialog for Prompt {
    fn draw(&self, app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> (Option<Position>, Option<Rect>) {
        with_cursor(render_text_field(app, &self.title(), &self.input, theme, area, buf))
    }
}

impl DrawDialog for NamePrompt {
    fn draw(&self, app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> (Option<Position>, Option<Rect>) {
        with_cursor(render_text_field(app, &self.title(), &self.input, theme, area, buf))
    }
}
