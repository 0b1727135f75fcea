//! A cumulative flow diagram as an SVG drawing: one stacked band per column, done at the
//! bottom, days along the x axis, with a legend. Used by the HTML export.

use std::fmt::Write;

use crate::clock::format_unix;
use crate::model::Board;
use crate::model::flow::cumulative_flow;

use super::html::escape;

const COLORS: [&str; 8] = ["#4e79a7", "#76b7b2", "#b07aa1", "#edc948", "#9c755f", "#ff9da7", "#bab0ac", "#f28e2b"];
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 24.0;

fn color(board: &Board, col: usize) -> &'static str {
    if col == board.done_column() { "#59a14f" } else { COLORS[col % COLORS.len()] }
}

/// The diagram for `board` from its first recorded day up to `now`.
pub fn cumulative_flow_svg(board: &Board, now: i64) -> String {
    let days = cumulative_flow(board, now);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"Cumulative flow of {name}\">",
        w = WIDTH + 160.0,
        h = HEIGHT + BOTTOM + 8.0,
        name = escape(&board.name)
    );
    if days.is_empty() {
        svg.push_str("<text x=\"10\" y=\"20\">No history yet.</text></svg>");
        return svg;
    }
    let top = days.iter().map(|d| d.counts.iter().sum::<usize>()).max().unwrap_or(1).max(1) as f64;
    let x = |i: usize| LEFT + (WIDTH - LEFT) * i as f64 / (days.len().max(2) - 1) as f64;
    let y = |v: f64| HEIGHT - (HEIGHT - 8.0) * v / top;
    // Bands from the done column (bottom) up to the first column (top).
    let mut below = vec![0usize; days.len()];
    for col in (0..board.columns.len()).rev() {
        let upper: Vec<usize> = days.iter().zip(&below).map(|(d, b)| b + d.counts[col]).collect();
        let mut points: Vec<String> =
            upper.iter().enumerate().map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v as f64))).collect();
        points.extend(below.iter().enumerate().rev().map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v as f64))));
        let _ = write!(
            svg,
            "<polygon points=\"{}\" fill=\"{}\" fill-opacity=\"0.85\"/>",
            points.join(" "),
            color(board, col)
        );
        below = upper;
    }
    let axis = "stroke=\"#555\" stroke-width=\"1\"";
    let _ = write!(svg, "<line x1=\"{LEFT}\" y1=\"{HEIGHT}\" x2=\"{WIDTH}\" y2=\"{HEIGHT}\" {axis}/>");
    let _ = write!(svg, "<line x1=\"{LEFT}\" y1=\"8\" x2=\"{LEFT}\" y2=\"{HEIGHT}\" {axis}/>");
    let label = |t: i64| format_unix(t)[..10].to_string();
    let (first, last) = (days[0].day, days[days.len() - 1].day);
    let _ = write!(svg, "<text x=\"{LEFT}\" y=\"{}\" font-size=\"11\">{}</text>", HEIGHT + 16.0, label(first));
    let _ = write!(
        svg,
        "<text x=\"{WIDTH}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
        HEIGHT + 16.0,
        label(last)
    );
    let _ = write!(svg, "<text x=\"{}\" y=\"14\" font-size=\"11\" text-anchor=\"end\">{top}</text>", LEFT - 4.0);
    for (col, column) in board.columns.iter().enumerate() {
        let ly = 16.0 + col as f64 * 18.0;
        let _ = write!(
            svg,
            "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/>",
            WIDTH + 16.0,
            ly - 10.0,
            color(board, col)
        );
        let _ = write!(svg, "<text x=\"{}\" y=\"{ly}\" font-size=\"12\">{}</text>", WIDTH + 34.0, escape(&column.name));
    }
    svg.push_str("</svg>");
    svg
}
