//! The cumulative flow diagram as filled bands, one per column (the done column at the bottom,
//! the first on top), each in its own colour and its own block pattern so it reads without
//! colour and on a projector, with a legend beside the plot (under it when narrow) that never
//! covers it. The legend also gives each column's WIP now against its limit.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use crate::clock::format_unix;
use crate::model::Board;
use crate::model::flow::{FlowDay, cumulative_flow};

use crate::text::{fit, width};
use crate::theme::Theme;

/// The fill of each column's band, in turn: neighbours always differ.
pub const PATTERNS: [&str; 8] = ["█", "▓", "▒", "░", "▞", "▪", "≡", "·"];

/// Narrowest plot that gets its legend beside it rather than under it.
const LEGEND_BESIDE_FROM: u16 = 48;

/// A column's colour in the charts (none under `NO_COLOR`).
pub fn column_style(board: &Board, col: usize, theme: &Theme) -> Style {
    match (theme.colored, col == board.done_column()) {
        (false, _) => Style::new(),
        (true, true) => theme.done,
        (true, false) => Style::new().fg(theme.series[col % theme.series.len()]),
    }
}

/// The pattern of column `col`'s band.
pub fn pattern(col: usize) -> &'static str {
    PATTERNS[col % PATTERNS.len()]
}

/// Where the parts go inside the chart's frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CfdLayout {
    /// The bands (no axis labels in it).
    pub plot: Rect,
    /// The y-axis labels, left of the plot.
    pub y_axis: Rect,
    /// The first and last day, under the plot.
    pub x_axis: Rect,
    pub legend: Rect,
}

/// The legend's lines: the pattern, the column's name and its WIP now.
fn legend_entries(board: &Board) -> Vec<(usize, String)> {
    (0..board.columns.len())
        .map(|col| {
            let column = &board.columns[col];
            let count = board.column_len(col);
            let limit = column.wip.map(|l| format!("/{l}")).unwrap_or_default();
            let over = if board.column_is_over(col) { " OVER" } else { "" };
            (col, format!("{} {count}{limit}{over}", fit(&column.name, 16)))
        })
        .collect()
}

/// Splits the inside of the frame into plot, axes and legend; the legend never overlaps.
pub fn layout(inner: Rect, entries: &[(usize, String)], top: usize) -> CfdLayout {
    let label_width = top.to_string().len() as u16 + 1;
    let entry_width = entries.iter().map(|(_, e)| width(e) as u16 + 4).max().unwrap_or(0);
    let beside = inner.width >= LEGEND_BESIDE_FROM + entry_width + label_width;
    let (chart, legend) = if beside {
        let legend_width = entry_width.min(inner.width / 3);
        let chart = Rect { width: inner.width - legend_width - 1, ..inner };
        (chart, Rect { x: chart.right() + 1, width: legend_width, ..inner })
    } else {
        let per_row = (inner.width / entry_width.max(1)).max(1) as usize;
        let rows = (entries.len().div_ceil(per_row) as u16).min(inner.height / 2);
        let chart = Rect { height: inner.height - rows, ..inner };
        (chart, Rect { y: chart.bottom(), height: rows, ..inner })
    };
    let plot_height = chart.height.saturating_sub(1);
    let plot = Rect {
        x: chart.x + label_width.min(chart.width),
        width: chart.width.saturating_sub(label_width),
        height: plot_height,
        ..chart
    };
    CfdLayout {
        plot,
        y_axis: Rect { width: label_width.min(chart.width), height: plot_height, ..chart },
        x_axis: Rect { y: plot.bottom(), height: chart.height.min(1), ..plot },
        legend,
    }
}

/// The band (column index) holding height `value` on `day`: columns stack from the last
/// (bottom) to the first (top); `None` above the top.
fn band_at(day: &FlowDay, value: f64) -> Option<usize> {
    let mut below = 0usize;
    for col in (0..day.counts.len()).rev() {
        below += day.counts[col];
        if value < below as f64 {
            return Some(col);
        }
    }
    None
}

/// Draws the diagram of `history` (the board with its archived items), framed and titled,
/// into `area`; the legend gives `board`'s WIP now.
pub fn render_cfd(board: &Board, history: &Board, now: i64, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let block = Block::bordered().border_style(theme.border).title(Line::styled(" Cumulative flow ", theme.header));
    let inner = block.inner(area);
    block.render(area, buf);
    let days = cumulative_flow(history, now);
    let top = days.iter().map(|d| d.counts.iter().sum::<usize>()).max().unwrap_or(0).max(1);
    let entries = legend_entries(board);
    let parts = layout(inner, &entries, top);
    render_bands(board, &days, top, theme, parts.plot, buf);
    if parts.y_axis.height > 0 {
        buf.set_stringn(parts.y_axis.x, parts.y_axis.y, top.to_string(), parts.y_axis.width as usize, theme.dim);
        buf.set_stringn(parts.y_axis.x, parts.y_axis.bottom() - 1, "0", parts.y_axis.width as usize, theme.dim);
    }
    if parts.x_axis.height > 0 && !days.is_empty() {
        let label = |t: i64| format_unix(t)[5..10].to_string();
        let (first, last) = (label(days[0].day), label(now));
        buf.set_stringn(parts.x_axis.x, parts.x_axis.y, &first, parts.x_axis.width as usize, theme.dim);
        let right = parts.x_axis.right().saturating_sub(last.len() as u16);
        if right > parts.x_axis.x + first.len() as u16 {
            buf.set_string(right, parts.x_axis.y, &last, theme.dim);
        }
    }
    if days.is_empty() && parts.plot.height > 0 {
        buf.set_stringn(parts.plot.x, parts.plot.y, "no history yet", parts.plot.width as usize, theme.dim);
    }
    render_legend(board, &entries, theme, parts.legend, buf);
}

fn render_bands(board: &Board, days: &[FlowDay], top: usize, theme: &Theme, plot: Rect, buf: &mut Buffer) {
    if days.is_empty() || plot.width == 0 || plot.height == 0 {
        return;
    }
    let last = days.len() - 1;
    for x in 0..plot.width {
        // The first cell shows the first day and the last cell the last day.
        let index = match plot.width {
            1 => last,
            w => x as usize * last / (w as usize - 1),
        };
        let day = &days[index];
        for y in 0..plot.height {
            let from_bottom = (plot.height - 1 - y) as f64;
            let value = (from_bottom + 0.5) * top as f64 / plot.height as f64;
            if let Some(col) = band_at(day, value) {
                buf.set_string(plot.x + x, plot.y + y, pattern(col), column_style(board, col, theme));
            }
        }
    }
}

fn render_legend(board: &Board, entries: &[(usize, String)], theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let entry_width = entries.iter().map(|(_, e)| width(e) + 4).max().unwrap_or(1);
    let per_row = if area.height as usize >= entries.len() { 1 } else { (area.width as usize / entry_width).max(1) };
    for (n, (col, text)) in entries.iter().enumerate() {
        let (row, slot) = (n / per_row, n % per_row);
        if row >= area.height as usize {
            break;
        }
        let x = area.x + (slot * entry_width) as u16;
        let room = (area.right().saturating_sub(x)) as usize;
        let over = board.column_is_over(*col);
        let line = Line::from(vec![
            Span::styled(pattern(*col).repeat(2), column_style(board, *col, theme)),
            Span::raw(" "),
            Span::styled(fit(text, room.saturating_sub(3)), if over { theme.over_limit } else { theme.text }),
        ]);
        buf.set_line(x, area.y + row as u16, &line, room as u16);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, Item, Level, Move};

    fn board() -> Board {
        let columns = ["Backlog", "Doing", "Done"].map(|c| Column::new(c, Some(1))).to_vec();
        let mut b = Board::new("t.ron", "T", Level::Team, columns);
        for (id, column) in [("A", "Done"), ("B", "Doing"), ("C", "Doing"), ("D", "Backlog")] {
            let mut item = Item::new(id, id, column);
            item.history = vec![Move { at: "2026-11-02T09:00:00Z".into(), column: column.into() }];
            b.items.push(item);
        }
        b.reindex();
        b
    }

    #[test]
    fn bands_stack_done_at_the_bottom_and_the_legend_stays_outside_the_plot() {
        let b = board();
        let now = crate::model::Time::parse("2026-11-04T12:00:00Z").unwrap().unix();
        for (w, h) in [(80, 12), (40, 12), (30, 16)] {
            let area = Rect::new(0, 0, w, h);
            let mut buf = Buffer::empty(area);
            render_cfd(&b, &b, now, &Theme::dark(), area, &mut buf);
            let parts = layout(Block::bordered().inner(area), &legend_entries(&b), 4);
            assert!(parts.plot.intersection(parts.legend).is_empty(), "{w}x{h}: {parts:?}");
            let column = |x: u16| (0..h).map(|y| buf[(x, y)].symbol().to_string()).collect::<String>();
            // Top to bottom in the plot's last cell column: 1 Backlog, 2 Doing, 1 Done, in
            // four rows' worth of height.
            let plot_column = column(parts.plot.right() - 1);
            let bands: String = plot_column.chars().filter(|c| PATTERNS.iter().any(|p| p.starts_with(*c))).collect();
            let rows = parts.plot.height as usize;
            assert_eq!(bands.chars().count(), rows, "{w}x{h}: the plot is full at the top value");
            assert!(bands.starts_with('█') && bands.ends_with('▒'), "{w}x{h}: {bands}");
            assert!(bands.contains('▓'), "{w}x{h}: {bands}");
            // The legend names every column with its WIP, outside the plot.
            let legend: String = (parts.legend.y..parts.legend.bottom())
                .flat_map(|y| (parts.legend.x..parts.legend.right()).map(move |x| (x, y)))
                .map(|(x, y)| buf[(x, y)].symbol().to_string())
                .collect();
            assert!(legend.contains("Doing 2/1 OVER"), "{w}x{h}: {legend}");
            assert!(legend.contains("Backl"), "{w}x{h}: {legend}");
        }
    }
}
