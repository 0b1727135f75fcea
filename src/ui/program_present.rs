//! The program board at presentation size, for the back of the room: below the board's name in
//! large letters (presentation mode's title), the iterations' names in large letters, their
//! milestones, and per team a bold load line (`18/20 pts`, over capacity `30/24 pts OVER` in
//! red) over its features, one to a line with room between them. Fewer words than the everyday
//! view: no enabler shares, a late dependency is a red `!` after the feature's id.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use tui_big_text::{BigText, PixelSize};

use crate::app::App;
use crate::keymap::Action;
use crate::model::Board;
use crate::model::planning::{Plan, TeamLoad};

use super::big_glyphs::drawable;
use super::program::{first_team_shown, load_style, load_text, milestones_text, team_of_chosen};
use crate::text::{clean, fit};
use crate::theme::Theme;

/// Lines of an iteration's name in large letters (quadrant pixels: 4 cells wide, 4 high).
const BIG: u16 = 4;

pub fn render(app: &App, board: &Board, plan: &Plan, theme: &Theme, buf: &mut Buffer) {
    // Below presentation mode's title (the board's name in large letters), to the screen's end.
    let area = app.sizes().board_area(app.screen()).intersection(*buf.area());
    let pi = board.pi.as_ref().map(|pi| format!(" · {}", clean(&pi.name))).unwrap_or_default();
    let title = Line::styled(format!(" PROGRAM BOARD{pi} · {} closes ", app.key(Action::CloseView)), theme.header);
    let inner = super::popup::frame(area, title, theme, buf);
    if inner.height == 0 {
        return;
    }
    if plan.iterations.is_empty() || inner.height < 4 {
        buf.set_string(inner.x, inner.y, fit("This board has no iterations.", inner.width as usize), theme.header);
        return;
    }
    let bold = theme.text.add_modifier(Modifier::BOLD);
    let longest_team = plan.teams.iter().map(|t| clean(t).chars().count()).max().unwrap_or(0) as u16;
    let team_width = (longest_team + 2).clamp(8, 16).min(inner.width / 4);
    let cell_width = inner.width.saturating_sub(team_width) / plan.iterations.len() as u16;
    let cell_x = |i: usize| inner.x + team_width + i as u16 * cell_width;
    let room = cell_width.saturating_sub(1);
    // The iterations' names in large letters where they fit, else bold.
    let big = inner.height >= BIG + 8;
    for (i, name) in plan.iterations.iter().enumerate() {
        let name = drawable(&clean(name));
        if big && name.chars().count() as u16 * 4 <= room {
            let at = Rect { x: cell_x(i), y: inner.y, width: room, height: BIG };
            BigText::builder()
                .pixel_size(PixelSize::Quadrant)
                .style(theme.header)
                .lines(vec![Line::raw(name)])
                .alignment(Alignment::Left)
                .build()
                .render(at, buf);
        } else {
            buf.set_string(cell_x(i), inner.y, fit(&name, room as usize), theme.header);
        }
    }
    let mut y = inner.y + if big { BIG } else { 1 };
    if plan.milestones.iter().any(|m| !m.is_empty()) {
        for (i, names) in plan.milestones.iter().enumerate() {
            buf.set_string(
                cell_x(i),
                y,
                milestones_text(names, room as usize),
                theme.accent.add_modifier(Modifier::BOLD),
            );
        }
        y += 1;
    }
    if y + 2 >= inner.bottom() {
        return; // No room for a team under the header.
    }
    buf.set_string(inner.x, y, "━".repeat(inner.width as usize), theme.border);
    let top = y + 1;
    // The last line names the unplanned features.
    let bottom = inner.bottom().saturating_sub(1).max(top);
    let lines = bottom - top;
    let most = |t: usize| plan.cells[t].iter().map(Vec::len).max().unwrap_or(0).max(1) as u16;
    // A team: its load (in large figures over a line of words, when every team has the room,
    // else one line), its features (a blank line between them, when every team has the room),
    // and a rule under it. The largest that fits every team is taken.
    let height = |t: usize, (load, gap): (u16, u16)| load + most(t) * (1 + gap) - gap + 1;
    let sizes = [(BIG + 1, 1), (BIG + 1, 0), (1, 1), (1, 0)];
    let fits = |size| (0..plan.teams.len()).map(|t| height(t, size)).sum::<u16>() <= lines;
    let size = sizes.into_iter().find(|&size| fits(size)).unwrap_or((1, 0));
    let (load_lines, gap) = size;
    let chosen = crate::app::planning::selected_in(app, plan);
    let first = first_team_shown(team_of_chosen(plan, chosen.as_ref()), |t| height(t, size), lines);
    let mut y = top;
    let mut shown_to = first;
    for (t, team) in plan.teams.iter().enumerate().skip(first) {
        if y + load_lines + 1 > bottom {
            break;
        }
        shown_to = t + 1;
        buf.set_string(inner.x, y, fit(&clean(team), team_width.saturating_sub(1) as usize), bold);
        for (i, load) in plan.team_load[t].iter().enumerate() {
            let at = Rect { x: cell_x(i), y, width: room, height: load_lines };
            draw_load(*load, at, theme, buf);
        }
        y += load_lines;
        let rows = ((bottom - y) / (1 + gap)).max(1).min(most(t));
        for (i, features) in plan.cells[t].iter().enumerate() {
            let cut = features.len() > rows as usize;
            let shown = if cut { rows as usize - 1 } else { features.len() };
            for (n, id) in features.iter().take(shown).enumerate() {
                let line = feature_line(board, plan, id, chosen.as_deref() == Some(id.as_str()), room, theme);
                buf.set_line(cell_x(i), y + n as u16 * (1 + gap), &line, room);
            }
            if cut {
                let more = format!("+{} more", features.len() - shown);
                buf.set_string(cell_x(i), y + shown as u16 * (1 + gap), fit(&more, room as usize), bold);
            }
        }
        y += rows * (1 + gap) - gap;
        if y < bottom {
            buf.set_string(inner.x, y, "─".repeat(inner.width as usize), theme.border);
            y += 1;
        }
    }
    let hidden = first + plan.teams.len() - shown_to;
    let mut words = Vec::new();
    if hidden > 0 {
        words.push(format!("{hidden} more team{}", if hidden == 1 { "" } else { "s" }));
    }
    if !plan.unplanned.is_empty() {
        words.push(format!("Unplanned: {}", plan.unplanned.join(", ")));
    }
    buf.set_string(inner.x, bottom, fit(&words.join(" · "), inner.width as usize), bold);
}

/// A team's load in `at`: on one line `18/20 pts` (over capacity `30/24 pts OVER`), or with
/// four lines more the figures in large digits over the words (`pts`, `pts OVER`), all bold and
/// over capacity red.
fn draw_load(load: TeamLoad, at: Rect, theme: &Theme, buf: &mut Buffer) {
    let style = load_style(load, theme).add_modifier(Modifier::BOLD);
    let figures = match load.capacity {
        Some(capacity) => format!("{}/{capacity}", load.load),
        None => load.load.to_string(),
    };
    if at.height <= BIG || figures.chars().count() as u16 * 4 > at.width {
        buf.set_string(at.x, at.y, load_text(load, at.width as usize), style);
        return;
    }
    BigText::builder()
        .pixel_size(PixelSize::Quadrant)
        .style(style)
        .lines(vec![Line::raw(figures)])
        .alignment(Alignment::Left)
        .build()
        .render(Rect { height: BIG, ..at }, buf);
    let words = if load.over() { "pts OVER" } else { "pts" };
    buf.set_string(at.x, at.y + BIG, fit(words, at.width as usize), style);
}

/// `F-4 ! Checkout redesign`: the id bold, a red `!` when a dependency of it is late, the
/// title cut to the cell; the chosen feature in the selection's style.
fn feature_line(board: &Board, plan: &Plan, id: &str, chosen: bool, room: u16, theme: &Theme) -> Line<'static> {
    let late = plan.dependencies.iter().any(|d| d.timing.at_risk() && (d.consumer == id || d.provider == id));
    let mut spans = vec![Span::styled(id.to_string(), theme.header)];
    let mut used = id.chars().count();
    if late {
        spans.push(Span::raw(" "));
        spans.push(Span::styled("!", theme.over_limit));
        used += 2;
    }
    let title = board.item(id).map(|i| fit(&i.title, (room as usize).saturating_sub(used + 1))).unwrap_or_default();
    if !title.is_empty() {
        spans.push(Span::styled(format!(" {title}"), theme.text));
    }
    if chosen {
        spans = spans.into_iter().map(|s| s.patch_style(theme.selected_card)).collect();
    }
    Line::from(spans)
}
