//! Presentation mode's frame: the board's name in large letters and one line that says whether
//! editing is locked (and carries the active filter, the latest message and the current PI and
//! iteration), instead of the tab bar and status line.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use tui_big_text::{BigText, PixelSize};

use crate::app::App;
use crate::keymap::Action;

use super::big_glyphs::drawable;
use crate::text::{clean, fit, width};
use crate::theme::Theme;

pub fn render_title(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(board) = app.current_board() else { return };
    let name = clean(&board.name).into_owned();
    // The big-letter font lacks dashes, curly quotes and most non-ASCII letters: drawn as is,
    // they would be blanks.
    let big = drawable(&name);
    // Large letters are 4 cells wide in quadrant pixels; fall back to plain text when too long.
    let big_height = area.height.saturating_sub(1);
    if big.chars().count() as u16 * 4 <= area.width && big_height >= 4 {
        BigText::builder()
            .pixel_size(PixelSize::Quadrant)
            .style(theme.header)
            .lines(vec![Line::raw(big)])
            .alignment(Alignment::Center)
            .build()
            .render(Rect { height: 4, ..area }, buf);
    } else {
        let line = Line::styled(fit(&name, area.width as usize), theme.header).centered();
        buf.set_line(area.x, area.y + 1, &line, area.width);
    }
    let unlock = app.key(Action::UnlockEditing);
    let lock = match app.presenting() {
        Some(true) => format!("editing unlocked ({unlock} locks)"),
        _ => format!("read-only while presenting ({unlock} unlocks editing)"),
    };
    let message = app.status().map(|s| format!("{} · ", s.text)).unwrap_or_default();
    // The room sees that not every card is shown.
    let filter = app
        .filter()
        .map(|f| format!("filter: {f} ({} clears) · ", app.key(Action::LeavePresentation)))
        .unwrap_or_default();
    // No tab bar while presenting: boards changed elsewhere are named here instead.
    let unseen: Vec<&str> = app
        .ws()
        .boards()
        .iter()
        .filter(|b| crate::app::marks::board_unseen(app, &b.key))
        .map(|b| b.name.as_str())
        .collect();
    let unseen = if unseen.is_empty() {
        String::new()
    } else {
        format!("{}{} changed · ", super::tabs::CHANGED_TAB, unseen.join(", "))
    };
    // The room sees which PI and iteration it is looking at, as the status line says it (the
    // short form where the long one would push the rest off the line).
    let boards = app.key_pair(Action::PresentNextBoard, Action::PresentPrevBoard);
    let back = app.key(Action::TogglePresentation);
    let info = |pi: &str| {
        format!(
            "{unseen}{filter}{message}{} · {pi}{lock} · {boards}: next/previous board · {back}: back",
            board.level.name()
        )
    };
    let info = match super::status::pi_text(app) {
        Some((long, short)) => {
            let long = info(&format!("{long} · "));
            if width(&long) <= area.width as usize { long } else { info(&format!("{short} · ")) }
        }
        None => info(""),
    };
    let line = Line::from(Span::styled(fit(&info, area.width as usize), theme.dim)).centered();
    buf.set_line(area.x, area.y + area.height.saturating_sub(1), &line, area.width);
}
