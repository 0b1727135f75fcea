//! The last messages in full (`!`), newest first and wrapped, so a long message the status
//! line had to cut can be read.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::app::{App, Tone};
use crate::keymap::Action;

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
    let title = format!(
        " Last messages, newest first — {} closes, {} scroll ",
        app.key(Action::CloseView),
        app.key_pair(Action::ScrollDown, Action::ScrollUp)
    );
    popup::scrolled_text(area, 90, &title, lines, scroll, theme, buf)
}
