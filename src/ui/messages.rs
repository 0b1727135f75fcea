//! The last messages in full (`!`), newest first and wrapped, so a long message the status
//! line had to cut can be read.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::{App, Tone};

use super::popup;
use super::text::clean;
use super::theme::Theme;

pub fn render_messages(app: &App, scroll: u16, theme: &Theme, area: Rect, buf: &mut Buffer) -> Rect {
    let lines: Vec<Line> = if app.messages.is_empty() {
        vec![Line::styled("No messages yet.", theme.dim)]
    } else {
        app.messages
            .iter()
            .rev()
            .map(|m| {
                let style = if m.tone == Tone::Error { theme.error } else { theme.status };
                Line::styled(format!("• {}", clean(&m.text)), style)
            })
            .collect()
    };
    let area = popup::centered(area, 90, area.height);
    let title = Line::styled(" Last messages, newest first — Esc closes, j/k scroll ", theme.header);
    let inner = popup::frame(area, title, theme, buf);
    Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((scroll, 0)).render(inner, buf);
    area
}
