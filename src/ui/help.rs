//! The help overlay, generated from the live key map so it always shows the real bindings.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::App;

use super::popup;
use crate::theme::Theme;

/// Keys that work inside dialogs, which the key map does not own.
pub const DIALOG_KEYS: &[(&str, &str)] = &[
    ("Enter", "confirm; in the split dialog start the next title, on an empty line create"),
    ("Esc", "cancel the dialog"),
    ("Tab", "split dialog: pick another board for the children"),
    ("↑ ↓", "search: choose a hit; picker: choose a value"),
    ("type", "picker (iteration, team, kind, team board): narrow the list"),
    ("y n", "answer a question"),
];

/// Keys of the details view (Enter on a card).
pub const DETAIL_KEYS: &[(&str, &str)] = &[
    ("j k", "scroll"),
    ("Tab", "choose the next acceptance criterion (Shift+Tab the previous)"),
    ("Space", "tick or untick the chosen criterion"),
    ("a", "add a criterion"),
    ("d", "delete the chosen criterion"),
];

pub fn help_lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let rows = app.keymap.help_rows();
    let key_width = rows.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0).max(6) + 2;
    let mut lines = vec![Line::styled("Board", theme.header)];
    for (keys, doc) in rows {
        lines.push(Line::from(vec![
            Span::styled(format!("  {keys:<key_width$}"), theme.key_hint),
            Span::raw(doc.to_string()),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Dialogs", theme.header));
    for (keys, doc) in DIALOG_KEYS {
        lines.push(Line::from(vec![
            Span::styled(format!("  {keys:<key_width$}"), theme.key_hint),
            Span::raw(doc.to_string()),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Details", theme.header));
    for (keys, doc) in DETAIL_KEYS {
        lines.push(Line::from(vec![
            Span::styled(format!("  {keys:<key_width$}"), theme.key_hint),
            Span::raw(doc.to_string()),
        ]));
    }
    for (title, entries) in
        [("Column menu", crate::app::columns::COLUMN_MENU), ("Board menu", crate::app::boards::BOARD_MENU)]
    {
        lines.push(Line::raw(""));
        lines.push(Line::styled(title, theme.header));
        for (keys, doc) in entries {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<key_width$}"), theme.key_hint),
                Span::raw(doc.to_string()),
            ]));
        }
    }
    lines
}

pub fn render_help(app: &App, scroll: u16, theme: &Theme, area: Rect, buf: &mut Buffer) -> Rect {
    let lines = help_lines(app, theme);
    let height = (lines.len() as u16 + 2).min(area.height);
    let area = popup::centered(area, 90, height);
    let title = Line::styled(" Keys — Esc closes, j/k scroll ", theme.header);
    let inner = popup::frame(area, title, theme, buf);
    // Wrapped, so no line is ever cut at a narrow size; j/k scroll the rest.
    Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }).scroll((scroll, 0)).render(inner, buf);
    area
}
