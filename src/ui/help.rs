//! The help overlay, generated from the live key map so it always shows the real bindings.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::App;
use crate::keymap::{Action, Scope};

use crate::text::width;

use super::popup;
use crate::theme::Theme;

/// Keys of text fields, which edit the text and are not actions (typing is typing).
pub const TEXT_FIELD_KEYS: &[(&str, &str)] = &[
    ("← → Home End", "move in the text"),
    ("Backspace Delete", "delete a character"),
    ("Ctrl+u Ctrl+w", "clear the field, delete the word before the cursor"),
    ("paste", "pasted text goes in at the cursor (several lines into the split and description)"),
];

/// The help at `width` columns: every key map's keys from the live map, one section each,
/// then the text fields; a long line wraps under its own text, so nothing is ever cut.
pub fn help_lines(app: &App, theme: &Theme, columns: usize) -> Vec<Line<'static>> {
    let mut sections: Vec<(&str, Vec<(String, String)>)> = Scope::ALL
        .iter()
        .map(|scope| {
            let rows = app.keymap().help_rows_of(*scope).into_iter().map(|(k, d)| (k, d.to_string())).collect();
            (scope.title(), rows)
        })
        .collect();
    let text_rows = TEXT_FIELD_KEYS.iter().map(|(k, d)| (k.to_string(), d.to_string())).collect();
    sections.push(("Text fields (fixed keys)", text_rows));
    let key_width =
        sections.iter().flat_map(|(_, rows)| rows.iter().map(|(k, _)| k.chars().count())).max().unwrap_or(0);
    let key_width = key_width.clamp(6, 24).min(columns / 3) + 2;
    let mut lines = Vec::new();
    for (title, rows) in sections.into_iter().filter(|(_, rows)| !rows.is_empty()) {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(title.to_string(), theme.header));
        for (keys, doc) in rows {
            let keys = format!("  {keys:<key_width$}");
            let indent = width(&keys).min(columns.saturating_sub(8));
            let mut parts = wrap(&doc, columns.saturating_sub(indent).max(8)).into_iter();
            let first = parts.next().unwrap_or_default();
            lines.push(Line::from(vec![Span::styled(keys, theme.key_hint), Span::raw(first)]));
            lines.extend(parts.map(|part| Line::raw(format!("{}{part}", " ".repeat(indent)))));
        }
    }
    lines
}

/// `text` cut into lines of at most `room` columns at spaces; a word longer than a line is
/// cut where the line ends.
fn wrap(text: &str, room: usize) -> Vec<String> {
    let room = room.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let gap = usize::from(!line.is_empty());
        if !line.is_empty() && width(&line) + gap + width(word) > room {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        for c in word.chars() {
            if width(&line) + width(c.encode_utf8(&mut [0; 4])) > room && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    lines.push(line);
    lines
}

pub fn render_help(app: &App, scroll: u16, theme: &Theme, area: Rect, buf: &mut Buffer) -> Rect {
    let width = popup::centered(area, 90, area.height).width.saturating_sub(2) as usize;
    let lines = help_lines(app, theme, width);
    let height = (lines.len() as u16 + 2).min(area.height);
    let area = popup::centered(area, 90, height);
    let keys = |a| app.keymap().key_of(a);
    let (close, down, up) = (keys(Action::CloseView), keys(Action::ScrollDown), keys(Action::ScrollUp));
    let title = Line::styled(format!(" Keys — {close} closes, {down}/{up} scroll "), theme.header);
    let inner = popup::frame(area, title, theme, buf);
    // Wrapped to the width already, so no line is ever cut; scrolling shows the rest.
    Paragraph::new(lines).scroll((scroll, 0)).render(inner, buf);
    area
}
