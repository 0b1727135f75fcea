//! The flow metrics view of the current board: a cumulative flow diagram (ratatui `Chart`),
//! throughput per week as bars, WIP against each column's limit, and cycle time.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Bar, BarChart, BarGroup, Block, Chart, Dataset, GraphType, Paragraph, Widget};

use crate::app::App;
use crate::clock::{format_unix, parse_rfc3339};
use crate::model::Board;
use crate::model::flow::{cumulative_flow, cycle_times, percentile, throughput, wip};

use super::text::{clean, fit};
use super::theme::Theme;

/// A column's colour in the charts (none under `NO_COLOR`).
fn column_style(board: &Board, col: usize, theme: &Theme) -> Style {
    match (theme.colored, col == board.done_column()) {
        (false, _) => Style::new(),
        (true, true) => theme.done,
        (true, false) => Style::new().fg(theme.series[col % theme.series.len()]),
    }
}

/// The stacked lines of the cumulative flow diagram: for each column, the number of items in
/// it or any later column, per day.
fn flow_lines(board: &Board, now: i64) -> (Vec<Vec<(f64, f64)>>, usize, f64) {
    let days = cumulative_flow(board, now);
    let columns = board.columns.len();
    let mut lines = vec![Vec::with_capacity(days.len()); columns];
    let mut top: f64 = 1.0;
    for (x, day) in days.iter().enumerate() {
        let mut sum = 0;
        for col in (0..columns).rev() {
            sum += day.counts[col];
            lines[col].push((x as f64, sum as f64));
            top = top.max(sum as f64);
        }
    }
    (lines, days.len(), top)
}

fn render_flow(board: &Board, now: i64, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let (lines, days, top) = flow_lines(board, now);
    let datasets: Vec<Dataset> = lines
        .iter()
        .enumerate()
        .map(|(col, points)| {
            Dataset::default()
                .name(fit(&board.columns[col].name, 16))
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(column_style(board, col, theme))
                .data(points)
        })
        .collect();
    let first_day = now - (days.saturating_sub(1) as i64) * 86_400;
    let label = |t: i64| format_unix(t)[5..10].to_string();
    let chart = Chart::new(datasets)
        .block(Block::bordered().border_style(theme.border).title(Line::styled(" Cumulative flow ", theme.header)))
        .x_axis(
            Axis::default()
                .bounds([0.0, days.max(2) as f64 - 1.0])
                .labels([label(first_day), label(now)])
                .style(theme.dim),
        )
        .y_axis(Axis::default().bounds([0.0, top]).labels(["0".to_string(), format!("{top:.0}")]).style(theme.dim))
        .legend_position(Some(ratatui::widgets::LegendPosition::TopLeft))
        .hidden_legend_constraints((Constraint::Ratio(1, 2), Constraint::Ratio(3, 4)));
    chart.render(area, buf);
}

fn render_throughput(board: &Board, now: i64, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let weeks = throughput(board, now, ((area.width.saturating_sub(2)) / 7).clamp(1, 12) as usize);
    let bars: Vec<Bar> = weeks
        .iter()
        .map(|(start, n)| Bar::default().value(*n as u64).label(Line::raw(format_unix(*start)[5..10].to_string())))
        .collect();
    BarChart::default()
        .block(Block::bordered().border_style(theme.border).title(Line::styled(" Finished per week ", theme.header)))
        .bar_width(5)
        .bar_gap(2)
        .bar_style(theme.done)
        .value_style(theme.header)
        .data(BarGroup::default().bars(&bars))
        .render(area, buf);
}

/// WIP per column against its limit, under a title with the cycle time (so both fit at 80×24).
/// `finished` is the board with its archived items, which still count for cycle time.
/// `velocity` is accepted/planned points per iteration, when the train has iterations.
fn render_wip_and_cycle(
    board: &Board,
    finished: &Board,
    velocity: Option<String>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let times = cycle_times(finished);
    let cycle = match (percentile(&times, 50.0), percentile(&times, 85.0)) {
        (Some(median), Some(p85)) => {
            format!(" Cycle time: median {median:.1} d · 85th pct {p85:.1} d ({} items) ", times.len())
        }
        _ => " Cycle time: no finished items with history yet ".to_string(),
    };
    let mut lines = vec![Line::styled("WIP now", theme.header)];
    let bar_room = (area.width as usize).saturating_sub(26).max(1);
    for (col, (name, count, limit)) in wip(board).into_iter().enumerate() {
        let over = limit.is_some_and(|l| count > l as usize);
        let limit_text = limit.map(|l| format!("/{l}")).unwrap_or_default();
        lines.push(Line::from(vec![
            Span::raw(format!("{:<14}", fit(&name, 13))),
            Span::styled("█".repeat(count.min(bar_room)), column_style(board, col, theme)),
            Span::styled(
                format!(" {count}{limit_text}{}", if over { " OVER" } else { "" }),
                if over { theme.over_limit } else { theme.dim },
            ),
        ]));
    }
    if let Some(velocity) = velocity {
        let who = if board.level == crate::model::Level::Team { "team" } else { "train" };
        lines.push(Line::styled(format!("Velocity ({who}), done/planned pt"), theme.header));
        lines.push(Line::styled(clean(&velocity).into_owned(), theme.text));
    }
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Line::styled(fit(&cycle, (area.width as usize).saturating_sub(2)), theme.header));
    Paragraph::new(lines).block(block).wrap(ratatui::widgets::Wrap { trim: false }).render(area, buf);
}

pub fn render_metrics(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(board) = app.current_board() else { return };
    let now = parse_rfc3339(&(app.clock)()).unwrap_or(0);
    ratatui::widgets::Clear.render(area, buf);
    let title = Line::from(vec![
        Span::styled(format!(" Flow metrics · {} ", clean(&board.name)), theme.header),
        Span::styled("(Esc closes) ", theme.dim),
    ]);
    buf.set_line(area.x, area.y, &title, area.width);
    let body = Rect { y: area.y + 1, height: area.height.saturating_sub(1), ..area };
    let [top, bottom] = Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body);
    let [left, right] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(bottom);
    // Archived items left the board but not the flow: they count for flow, throughput and
    // cycle time; WIP is what is on the board now.
    let flow = crate::model::archive::with_archived(&app.ws, board);
    render_flow(&flow, now, theme, top, buf);
    render_throughput(&flow, now, theme, left, buf);
    let velocity = crate::model::demo::velocity_line(&app.ws, board);
    render_wip_and_cycle(board, &flow, velocity, theme, right, buf);
}
