//! The last messages in full (`!`), newest first and wrapped, so a long message the status
//! line had to cut can be read.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::app::{App, Tone};

use super::popup;
use crate::text::clean;
use crate::theme::Theme;

pub fn render_messages(app: &App, scroll: u16, theme: &Theme, area: Rect, buf: &mut Buffer) -> Rect {
    let lines: Vec<Line> = if app.messages().is_empty() {
        vec![Line::styled("No messages yet.", theme.dim)]
    } else {
        app.messages()
            .iter()
            .rev()
            .map(|m| {
                let style = if m.tone == Tone::Error { theme.error } else { theme.status };
                Line::styled(format!("• {}", clean(&m.text)), style)
            })
            .collect()
    };
    popup::scrolled_text(area, 90, " Last messages, newest first — Esc closes, j/k scroll ", lines, scroll, theme, buf)
}
