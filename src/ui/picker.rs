//! Draws the pick-from-a-list dialog: the typed filter, then the matching choices with the
//! selected one marked and the item's current value tagged.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::app::picker::Picker;
use crate::keymap::Action;

use super::draw_dialog::{DrawDialog, with_cursor};
use super::popup;
use crate::text::{clean, fit};
use crate::theme::Theme;

/// Draws `picker` centred in `area`; returns the text cursor and the rectangle covered.
pub fn render_picker(app: &App, picker: &Picker, theme: &Theme, area: Rect, buf: &mut Buffer) -> (Position, Rect) {
    let shown = picker.shown();
    let height = (shown.len().max(1) as u16).saturating_add(4).min(area.height.saturating_sub(2)).max(5);
    let popup = popup::centered(area, 60, height);
    let inner = popup::frame(popup, Line::styled(format!(" {} ", clean(&picker.title)), theme.header), theme, buf);
    if inner.width == 0 || inner.height == 0 {
        return (Position::new(inner.x, inner.y), popup);
    }
    buf.set_string(inner.x, inner.y, "›", theme.key_hint);
    let typed = clean(&picker.input.text()).into_owned();
    let field_width = inner.width.saturating_sub(2) as usize;
    buf.set_string(inner.x + 2, inner.y, fit(&typed, field_width), theme.text);
    let cursor_x = inner.x + 2 + (crate::text::width(&typed).min(field_width) as u16);
    let rows = inner.height.saturating_sub(2) as usize;
    let summary = if shown.is_empty() {
        "no match; Backspace widens".to_string()
    } else {
        format!(
            "{} of {} · type to narrow · {} picks · {} cancels",
            shown.len(),
            picker.choices.len(),
            app.key(Action::Confirm),
            app.key(Action::Cancel)
        )
    };
    buf.set_string(inner.x, inner.y + 1, fit(&summary, inner.width as usize), theme.dim);
    let first = picker.selected.saturating_sub(rows.saturating_sub(1));
    for (row, &index) in shown.iter().enumerate().skip(first).take(rows) {
        let choice = &picker.choices[index];
        let selected = row == picker.selected;
        let marker = if selected { "▶ " } else { "  " };
        let note = if choice.current { "  (now)" } else { "" };
        let label = fit(&clean(&choice.label), (inner.width as usize).saturating_sub(2 + note.len()));
        let style = if selected { theme.selected_card } else { theme.text };
        let line = Line::from(vec![
            Span::styled(marker, theme.accent),
            Span::styled(label, style),
            Span::styled(note, theme.dim),
        ]);
        buf.set_line(inner.x, inner.y + 2 + (row - first) as u16, &line, inner.width);
    }
    (Position::new(cursor_x.min(inner.right().saturating_sub(1)), inner.y), popup)
}

impl DrawDialog for Picker {
    fn draw(&self, app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> (Option<Position>, Option<Rect>) {
        with_cursor(render_picker(app, self, theme, area, buf))
    }
}
