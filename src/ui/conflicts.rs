//! The conflict view: which fields both sides changed differently, ours against theirs, and
//! the choice to keep mine or take theirs.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::App;
use crate::app::conflicts::ConflictsDialog;
use crate::app::state::ConflictView;
use crate::keymap::Action;

use super::draw_dialog::DrawDialog;
use super::popup;
use crate::text::clean;
use crate::theme::Theme;

pub fn conflict_lines(app: &App, view: &ConflictView, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::raw(format!(
            "Someone else changed the same fields of {} while you edited. Theirs is on disk now;",
            clean(&view.board)
        )),
        Line::raw("yours is kept here and in the copy below until you choose."),
        Line::raw(""),
    ];
    for conflict in &view.conflicts {
        let what = format!("{} {}", conflict.id.as_deref().unwrap_or("board"), conflict.field);
        lines.push(Line::styled(clean(&what).into_owned(), theme.header));
        lines.push(Line::from(vec![
            Span::styled("  mine:   ", theme.success),
            Span::raw(clean(&conflict.ours).into_owned()),
        ]));
        lines.push(Line::from(vec![
            Span::styled("  theirs: ", theme.at_limit),
            Span::raw(clean(&conflict.theirs).into_owned()),
        ]));
    }
    if let Some(copy) = &view.copy {
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("Your whole version: {}", clean(copy)), theme.dim));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(app.key(Action::KeepMine), theme.key_hint),
        Span::raw(" keep mine (save over theirs)   "),
        Span::styled(app.key(Action::TakeTheirs), theme.key_hint),
        Span::raw(" take theirs (drop mine)   "),
        Span::styled(app.key(Action::CloseView), theme.key_hint),
        Span::raw(format!(" decide later ({})", app.key(Action::ShowConflicts))),
    ]));
    lines
}

pub fn render_conflicts(
    app: &App,
    view: &ConflictView,
    scroll: u16,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) -> Rect {
    let lines = conflict_lines(app, view, theme);
    let height = (lines.len() as u16 + 2).min(area.height);
    let area = popup::centered(area, 100, height);
    let title = Line::styled(format!(" Save conflict on {} ", clean(&view.board)), theme.error);
    let inner = popup::frame(area, title, theme, buf);
    Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((scroll, 0)).render(inner, buf);
    area
}

impl DrawDialog for ConflictsDialog {
    fn draw(&self, app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> (Option<Position>, Option<Rect>) {
        let view = app.conflicts().first();
        (None, view.map(|view| render_conflicts(app, view, self.scroll, theme, area, buf)))
    }
}
