//! The ART sync view (`S`): the agenda of a Scrum of Scrums across every board, headings in
//! the header style, scrolled with j/k.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::app::App;
use crate::model::sync::agenda;

use super::popup;
use super::text::clean;
use super::theme::Theme;

pub fn render_sync(app: &App, scroll: u16, theme: &Theme, area: Rect, buf: &mut Buffer) -> Rect {
    let lines: Vec<Line> = agenda(&app.ws)
        .lines()
        .into_iter()
        .map(|(heading, text)| {
            let style = if heading { theme.accent } else { theme.text };
            Line::styled(clean(&text).into_owned(), style)
        })
        .collect();
    popup::scrolled_text(area, 110, " ART sync — every board; Esc closes, j/k scroll ", lines, scroll, theme, buf)
}
