//! The dialogs of the quick edits that take more than one line: the WSJF inputs with the live
//! score, the description editor (long lines wrapped), and the new item with its kind. Each
//! returns where the text cursor goes and the rectangle it covers.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::app::description::DescriptionDialog;
use crate::app::new_item::{NewItemDialog, kinds};
use crate::app::wsjf::{LABELS, WsjfDialog};
use crate::keymap::Action;

use super::dialog::render_input;
use super::draw_dialog::{DrawDialog, with_cursor};
use super::popup;
use crate::text::{clean, fit};
use crate::theme::Theme;

/// Key hints on one line: `key what · key what`.
fn hints(pairs: &[(String, &str)], theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (n, (key, what)) in pairs.iter().enumerate() {
        if n > 0 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        spans.push(Span::styled(key.clone(), theme.key_hint));
        spans.push(Span::styled(format!(" {what}"), theme.dim));
    }
    Line::from(spans)
}

pub fn render_wsjf(app: &App, dialog: &WsjfDialog, theme: &Theme, area: Rect, buf: &mut Buffer) -> (Position, Rect) {
    let popup = popup::centered(area, 60, 10);
    let item = app.ws().item(&dialog.id).map(|i| i.title.as_str()).unwrap_or("");
    let title = Line::styled(format!(" WSJF of {} {} ", clean(&dialog.id), clean(item)), theme.header);
    let inner = popup::frame(popup, title, theme, buf);
    let label_width = 22u16;
    let mut cursor = Position::new(inner.x, inner.y);
    for (n, label) in LABELS.iter().enumerate() {
        let y = inner.y + n as u16;
        if y >= inner.bottom() {
            break;
        }
        let here = n == dialog.at;
        let marker = if here { "▶ " } else { "  " };
        let style = if here { theme.accent } else { theme.text };
        buf.set_string(inner.x, y, fit(&format!("{marker}{label}"), label_width as usize), style);
        let field =
            Rect { x: inner.x + label_width, y, width: inner.width.saturating_sub(label_width).min(8), height: 1 };
        let at = render_input(&dialog.inputs[n], field, buf);
        if here {
            cursor = at;
        }
    }
    let fields =
        format!("{} {}{}", app.key(Action::NextField), app.key(Action::ChoosePrev), app.key(Action::ChooseNext));
    let rows = [
        (5, Line::styled(fit(&dialog.preview(), inner.width as usize), theme.header)),
        (6, Line::styled(fit("cost of delay / job size; all empty clears", inner.width as usize), theme.dim)),
        (
            7,
            hints(&[(fields, "field"), (app.key(Action::Confirm), "save"), (app.key(Action::Cancel), "cancel")], theme),
        ),
    ];
    for (y, line) in rows {
        if inner.y + y < inner.bottom() {
            buf.set_line(inner.x, inner.y + y, &line, inner.width);
        }
    }
    (cursor, popup)
}

pub fn render_description(
    app: &App,
    dialog: &DescriptionDialog,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) -> (Position, Rect) {
    let popup = popup::centered(area, area.width.saturating_sub(4).min(100), area.height.saturating_sub(2));
    let item = app.ws().item(&dialog.id).map(|i| i.title.as_str()).unwrap_or("");
    let title = Line::styled(format!(" Description of {} {} ", clean(&dialog.id), clean(item)), theme.header);
    let inner = popup::frame(popup, title, theme, buf);
    let text_rows = inner.height.saturating_sub(1) as usize;
    let (rows, (cursor_row, cursor_x)) = dialog.text.layout(inner.width.saturating_sub(1) as usize);
    // Scrolled so the cursor's row shows.
    let first = (cursor_row + 1).saturating_sub(text_rows.max(1));
    for (n, row) in rows.iter().skip(first).take(text_rows).enumerate() {
        buf.set_string(inner.x, inner.y + n as u16, clean(row), theme.text);
    }
    let save: Vec<String> = app.keymap().keys_for(Action::SaveText).iter().map(ToString::to_string).collect();
    let hint = hints(
        &[("Enter".to_string(), "new line"), (save.join(" / "), "save"), (app.key(Action::Cancel), "cancel")],
        theme,
    );
    buf.set_line(inner.x, inner.bottom().saturating_sub(1), &hint, inner.width);
    let y = inner.y + (cursor_row - first) as u16;
    (Position::new(inner.x + cursor_x as u16, y), popup)
}

pub fn render_new_item(
    app: &App,
    dialog: &NewItemDialog,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) -> (Position, Rect) {
    let popup = popup::centered(area, 70, 5);
    let inner = popup::frame(popup, Line::styled(format!(" {} ", clean(&dialog.title())), theme.header), theme, buf);
    let cursor = render_input(&dialog.input, Rect { height: 1, ..inner }, buf);
    let others: Vec<&str> =
        app.ws().board_by_key(&dialog.board).map(kinds).unwrap_or_default().iter().map(|k| k.name()).collect();
    let kind = Line::from(vec![
        Span::styled("Kind ", theme.dim),
        Span::styled(dialog.kind.name().to_string(), theme.kind(dialog.kind)),
        Span::styled(format!("  ({})", others.join(" · ")), theme.dim),
    ]);
    if inner.height > 1 {
        buf.set_line(inner.x, inner.y + 1, &kind, inner.width);
    }
    if inner.height > 2 {
        let hint = hints(
            &[
                (app.key(Action::NextField), "kind"),
                (app.key(Action::Confirm), "add"),
                (app.key(Action::Cancel), "cancel"),
            ],
            theme,
        );
        buf.set_line(inner.x, inner.y + 2, &hint, inner.width);
    }
    (cursor, popup)
}

impl DrawDialog for NewItemDialog {
    fn draw(&self, app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> (Option<Position>, Option<Rect>) {
        with_cursor(render_new_item(app, self, theme, area, buf))
    }
}

impl DrawDialog for WsjfDialog {
    fn draw(&self, app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> (Option<Position>, Option<Rect>) {
        with_cursor(render_wsjf(app, self, theme, area, buf))
    }
}

impl DrawDialog for DescriptionDialog {
    fn draw(&self, app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> (Option<Position>, Option<Rect>) {
        with_cursor(render_description(app, self, theme, area, buf))
    }
}
