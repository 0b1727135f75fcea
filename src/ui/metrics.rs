//! The flow metrics view of the current board: its cumulative flow diagram as filled bands
//! with a legend (`cfd`), and under it SAFe's six flow metrics for this board and for the ART,
//! in words, side by side.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use crate::app::App;
use crate::clock::parse_rfc3339;
use crate::keymap::Action;
use crate::model::flow_metrics::{FlowMetrics, VELOCITY_WEEKS};
use crate::model::flow_words::{LABELS, describe};

use super::cfd::render_cfd;
use crate::text::{clean, fit, width};
use crate::theme::Theme;

/// The table's height: a frame, a header and one line per metric.
const TABLE_HEIGHT: u16 = 2 + 1 + LABELS.len() as u16;

/// One value cell: the long wording when it fits, else the short one, cut to `room`.
fn cell(long: &str, short: &str, room: usize) -> String {
    if width(long) <= room { long.to_string() } else { fit(short, room) }
}

/// The six metrics for `board_name` and for the ART, one metric per line.
fn render_table(
    board_name: &str,
    here: &FlowMetrics,
    art: &FlowMetrics,
    points: Option<String>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let mut block = Block::bordered()
        .border_style(theme.border)
        .title(Line::styled(format!(" Flow metrics, last {VELOCITY_WEEKS} weeks "), theme.header));
    if let Some(points) = points {
        let room = (area.width as usize).saturating_sub(4);
        block = block.title_bottom(Line::styled(fit(&format!(" {} ", clean(&points)), room), theme.dim));
    }
    let inner = block.inner(area);
    block.render(area, buf);
    let label_width = LABELS.iter().map(|l| l.len()).max().unwrap_or(0) + 1;
    let room = (inner.width as usize).saturating_sub(label_width + 1) / 2;
    let header = Line::from(vec![
        Span::raw(" ".repeat(label_width)),
        Span::styled(format!("{:<room$} ", fit(&format!("This board ({})", clean(board_name)), room)), theme.header),
        Span::styled(fit("ART (program + team boards)", room), theme.header),
    ]);
    buf.set_line(inner.x, inner.y, &header, inner.width);
    let (here_long, here_short) = (describe(here, true), describe(here, false));
    let (art_long, art_short) = (describe(art, true), describe(art, false));
    for (n, label) in LABELS.iter().enumerate() {
        let y = inner.y + 1 + n as u16;
        if y >= inner.bottom() {
            break;
        }
        let line = Line::from(vec![
            Span::styled(format!("{label:<label_width$}"), theme.header),
            Span::styled(format!("{:<room$} ", cell(&here_long[n], &here_short[n], room)), theme.text),
            Span::styled(cell(&art_long[n], &art_short[n], room), theme.text),
        ]);
        buf.set_line(inner.x, y, &line, inner.width);
    }
}

pub fn render_metrics(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(board) = app.current_board() else { return };
    let now = parse_rfc3339(&(app.clock())()).unwrap_or(0);
    ratatui::widgets::Clear.render(area, buf);
    let title = Line::from(vec![
        Span::styled(format!(" Flow metrics · {} ", clean(&board.name)), theme.header),
        Span::styled(format!("({} closes) ", app.key(Action::CloseView)), theme.dim),
    ]);
    buf.set_line(area.x, area.y, &title, area.width);
    let body = Rect { y: area.y + 1, height: area.height.saturating_sub(1), ..area };
    let [chart, table] = Layout::vertical([Constraint::Min(0), Constraint::Length(TABLE_HEIGHT)]).areas(body);
    // Archived items left the board but not the flow: they count for the diagram and for
    // finished work; WIP is what is on the board now.
    let flow = crate::model::archive::with_archived(app.ws(), board);
    render_cfd(board, &flow, now, theme, chart, buf);
    let here = FlowMetrics::of(app.ws(), board, now, VELOCITY_WEEKS);
    let art = FlowMetrics::art(app.ws(), now, VELOCITY_WEEKS);
    let points = crate::model::demo::velocity_line(app.ws(), board).map(|line| {
        let who = if board.level == crate::model::Level::Team { "team" } else { "train" };
        format!("Points per iteration ({who}), done/planned: {line}")
    });
    render_table(&board.name, &here, &art, points, theme, table, buf);
}
