//! The HTML export's flow metrics: SAFe's six flow metrics as one table, a row per exported
//! board and a last row for the ART (the program board and the team boards, as in the
//! metrics view), in the same words as the view.

use std::fmt::Write;

use crate::model::flow_metrics::{FlowMetrics, VELOCITY_WEEKS};
use crate::model::flow_words::{LABELS, describe};
use crate::model::{Board, Workspace};

use super::html::escape;

const STYLE: &str = ".flow-metrics table{border-collapse:collapse;font-size:13px}\
.flow-metrics th,.flow-metrics td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}\
.flow-metrics tr.art{font-weight:600;background:#f3f4f6}";

fn row(out: &mut String, class: &str, name: &str, metrics: &FlowMetrics) {
    let _ = write!(out, "<tr class=\"{class}\"><th scope=\"row\">{}</th>", escape(name));
    for value in describe(metrics, true) {
        let _ = write!(out, "<td>{}</td>", escape(&value));
    }
    out.push_str("</tr>\n");
}

/// A `<section>` with the six flow metrics of each of `boards` and of the ART, at `now`.
pub fn flow_section(ws: &Workspace, boards: &[&Board], now: i64) -> String {
    let mut out = format!(
        "<section class=\"flow-metrics\"><style>{STYLE}</style>\n<h2>Flow metrics <small>(last {VELOCITY_WEEKS} weeks)</small></h2>\n<table>\n<thead><tr><th>Board</th>"
    );
    for label in LABELS {
        let _ = write!(out, "<th scope=\"col\">{label}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for board in boards.iter().filter(|b| !b.is_archive()) {
        row(&mut out, "board", &board.name, &FlowMetrics::of(ws, board, now, VELOCITY_WEEKS));
    }
    row(&mut out, "art", "ART (program board and team boards)", &FlowMetrics::art(ws, now, VELOCITY_WEEKS));
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}
