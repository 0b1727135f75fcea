//! Placing overlays: a centred rectangle, cleared, framed with a title.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use crate::theme::Theme;

pub use crate::app::geometry::centered;

/// Clears `area`, draws a framed box titled `title`, and returns the inside.
pub fn frame(area: Rect, title: Line<'_>, theme: &Theme, buf: &mut Buffer) -> Rect {
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border_selected)
        .style(theme.dialog)
        .title(title);
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// A full-height popup `width` wide, titled, with `lines` wrapped and scrolled down `scroll`
/// lines (the messages log, the ART sync agenda); returns its area.
pub fn scrolled_text(
    area: Rect,
    width: u16,
    title: &str,
    lines: Vec<Line<'_>>,
    scroll: u16,
    theme: &Theme,
    buf: &mut Buffer,
) -> Rect {
    let area = centered(area, width, area.height);
    let inner = frame(area, Line::styled(title.to_string(), theme.header), theme, buf);
    Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((scroll, 0)).render(inner, buf);
    area
}
