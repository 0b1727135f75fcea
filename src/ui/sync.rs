//! The meeting views: the ART sync (`S`), the agenda of a Scrum of Scrums across every board,
//! and the system demo (`v`) of one iteration; headings in the accent style, scrolled with j/k.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::app::App;
use crate::keymap::Action;
use crate::model::sync::agenda;

use super::popup;
use crate::text::clean;
use crate::theme::Theme;

fn styled(lines: Vec<(bool, String)>, theme: &Theme) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .map(|(heading, text)| {
            let style = if heading { theme.accent } else { theme.text };
            Line::styled(clean(&text).into_owned(), style)
        })
        .collect()
}

pub fn render_sync(app: &App, scroll: u16, theme: &Theme, area: Rect, buf: &mut Buffer) -> Rect {
    let lines = styled(agenda(app.ws()).lines(), theme);
    let title = format!(
        " ART sync — every board; {} closes, {} scroll ",
        app.key(Action::CloseView),
        app.key_pair(Action::ScrollDown, Action::ScrollUp)
    );
    popup::scrolled_text(area, 110, &title, lines, scroll, theme, buf)
}

pub fn render_system_demo(
    app: &App,
    iteration: usize,
    scroll: u16,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) -> Rect {
    let iterations = crate::model::demo::iterations(app.ws());
    let Some(name) = iterations.get(iteration) else {
        let lines = vec![Line::styled("No board names its iterations, so there is no iteration to demo.", theme.dim)];
        let title = format!(" System demo — {} closes ", app.key(Action::CloseView));
        return popup::scrolled_text(area, 110, &title, lines, 0, theme, buf);
    };
    let lines = styled(crate::model::demo::system_demo(app.ws(), name).lines(), theme);
    let title = format!(
        " System demo of {} — {} iteration, {} scroll, {} closes ",
        clean(name),
        app.key_pair(Action::SelectPrevColumn, Action::SelectNextColumn),
        app.key_pair(Action::ScrollDown, Action::ScrollUp),
        app.key(Action::CloseView)
    );
    popup::scrolled_text(area, 110, &title, lines, scroll, theme, buf)
}
