//! The detail view of the selected item, drawn in a popup from the rows of
//! `app::detail_rows`; long values wrap under themselves and the view scrolls.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::App;
use crate::app::detail_rows::{checklist_hint, detail_area, wrapped_lines};
use crate::text::clean;
use crate::theme::Theme;

use super::popup;

pub fn render_detail(
    app: &App,
    scroll: u16,
    criterion: usize,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Rect> {
    let item = app.selected_item()?;
    let (area, _) = detail_area(area);
    let title = Line::from(vec![Span::styled(format!(" Details of {} ", clean(&item.id)), theme.accent)]);
    let inner = popup::frame(area, title, theme, buf);
    let criterion = criterion.min(item.acceptance.len().saturating_sub(1));
    let hint = checklist_hint(app.keymap());
    let lines = wrapped_lines(app.ws(), item, theme, criterion, &hint, inner.width as usize);
    // Never scroll past the last screenful.
    let most = lines.len().saturating_sub(inner.height as usize) as u16;
    Paragraph::new(lines).scroll((scroll.min(most), 0)).render(inner, buf);
    Some(area)
}
