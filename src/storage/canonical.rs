//! The canonical writer: the same board always gives the same bytes, one field per line, in
//! the order of `board-format.md`, optional fields left out when empty.
//!
//! Hand-written rather than ron's serializer so that the layout (which decides how small a
//! `git diff` of a move is) is fixed by this file and not by a dependency's pretty printer.
//! Everything is appended to one pre-sized `String`: no value is formatted into a string of
//! its own first, and strings are escaped by copying the runs between special characters.

use std::fmt::Write;

use crate::model::{Board, Column, Item};

const INDENT: &str = "    ";

/// Serializes a board to its canonical text.
pub fn board_to_string(board: &Board) -> String {
    let mut out = String::with_capacity(estimate(board));
    out.push_str("Board(\n");
    let _ = writeln!(out, "{INDENT}version: {},", board.version);
    out.push_str(INDENT);
    out.push_str("name: ");
    quote_into(&mut out, &board.name);
    out.push_str(",\n");
    out.push_str(INDENT);
    out.push_str("level: ");
    out.push_str(board.level.name());
    out.push_str(",\n");
    if let Some(of) = &board.archive_of {
        out.push_str(INDENT);
        out.push_str("archive_of: ");
        quote_into(&mut out, of);
        out.push_str(",\n");
    }
    if let Some(kind) = board.default_kind {
        out.push_str(INDENT);
        out.push_str("default_kind: ");
        out.push_str(kind.name());
        out.push_str(",\n");
    }
    out.push_str(INDENT);
    out.push_str("columns: [\n");
    for column in &board.columns {
        out.push_str(INDENT);
        out.push_str(INDENT);
        write_column(&mut out, column);
        out.push_str(",\n");
    }
    out.push_str(INDENT);
    out.push_str("],\n");
    if !board.wait_columns.is_empty() {
        out.push_str(INDENT);
        out.push_str("wait_columns: ");
        string_list_into(&mut out, &board.wait_columns);
        out.push_str(",\n");
    }
    if !board.iterations.is_empty() {
        out.push_str(INDENT);
        out.push_str("iterations: ");
        string_list_into(&mut out, &board.iterations);
        out.push_str(",\n");
    }
    if let Some(pi) = &board.pi {
        out.push_str(INDENT);
        out.push_str("pi: (\n");
        quoted_field(&mut out, 2, "name", &pi.name);
        if !pi.iterations.is_empty() {
            field(&mut out, 2, "iterations");
            out.push_str("[\n");
            for i in &pi.iterations {
                pad(&mut out, 3);
                out.push_str("(name: ");
                quote_into(&mut out, &i.name);
                let _ = writeln!(out, ", start: \"{}\", end: \"{}\"),", i.start, i.end);
            }
            pad(&mut out, 2);
            out.push_str("],\n");
        }
        out.push_str(INDENT);
        out.push_str("),\n");
    }
    write_capacity(&mut out, board);
    write_milestones(&mut out, board);
    if board.items.is_empty() {
        out.push_str(INDENT);
        out.push_str("items: [],\n");
    } else {
        out.push_str(INDENT);
        out.push_str("items: [\n");
        for item in &board.items {
            write_item(&mut out, board, item, 2);
        }
        out.push_str(INDENT);
        out.push_str("],\n");
    }
    if !board.objectives.is_empty() {
        out.push_str(INDENT);
        out.push_str("objectives: [\n");
        for o in &board.objectives {
            pad(&mut out, 2);
            out.push_str("(text: ");
            quote_into(&mut out, &o.text);
            let _ = write!(out, ", planned: {}", o.planned);
            if let Some(actual) = o.actual {
                let _ = write!(out, ", actual: {actual}");
            }
            if o.stretch {
                out.push_str(", stretch: true");
            }
            if let Some(pi) = &o.pi {
                out.push_str(", pi: ");
                quote_into(&mut out, pi);
            }
            out.push_str("),\n");
        }
        out.push_str(INDENT);
        out.push_str("],\n");
    }
    if !board.confidence.is_empty() {
        out.push_str(INDENT);
        out.push_str("confidence: [\n");
        for vote in &board.confidence {
            pad(&mut out, 2);
            out.push_str("(at: ");
            quote_into(&mut out, &vote.at);
            out.push_str(", votes: [");
            for (n, fist) in vote.votes.iter().enumerate() {
                let _ = write!(out, "{}{}", if n == 0 { "" } else { ", " }, fist.get());
            }
            out.push_str("]),\n");
        }
        out.push_str(INDENT);
        out.push_str("],\n");
    }
    out.push_str(")\n");
    out
}

/// A close upper guess of the text's length, so the output is allocated once.
fn estimate(board: &Board) -> usize {
    let text = |s: &str| s.len() + 8;
    let opt = |s: &Option<String>| s.as_deref().map_or(0, |s| s.len() + 32);
    let list = |v: &[String]| v.iter().map(|s| s.len() + 4).sum::<usize>() + 32;
    let items: usize = board
        .items
        .iter()
        .map(|i| {
            220 + text(&i.id)
                + text(&i.title)
                + text(&i.column)
                + opt(&i.parent)
                + opt(&i.description)
                + opt(&i.owner)
                + opt(&i.team)
                + opt(&i.iteration)
                + opt(&i.blocked)
                + list(&i.tags)
                + list(&i.depends_on)
                + i.acceptance.iter().map(|c| c.text.len() + 48).sum::<usize>()
                + i.history.iter().map(|m| m.at.len() + m.column.len() + 48).sum::<usize>()
        })
        .sum();
    let objectives: usize =
        board.objectives.iter().map(|o| o.text.len() + o.pi.as_ref().map_or(0, |p| p.len() + 8) + 80).sum();
    let columns: usize = board.columns.iter().map(|c| c.name.len() + 48).sum();
    let plan = board.capacity.iter().map(|c| c.team.len() + c.iteration.len() + 48).sum::<usize>()
        + board.milestones.iter().map(|m| m.name.len() + opt(&m.iteration) + 48).sum::<usize>();
    256 + board.name.len() + columns + list(&board.wait_columns) + list(&board.iterations) + items + objectives + plan
}

/// `capacity: [(team: "Alpha", iteration: "I1", points: 20), ...]`, one entry a line.
fn write_capacity(out: &mut String, board: &Board) {
    if board.capacity.is_empty() {
        return;
    }
    field(out, 1, "capacity");
    out.push_str("[\n");
    for c in &board.capacity {
        pad(out, 2);
        out.push_str("(team: ");
        quote_into(out, &c.team);
        out.push_str(", iteration: ");
        quote_into(out, &c.iteration);
        let _ = writeln!(out, ", points: {}),", c.points);
    }
    pad(out, 1);
    out.push_str("],\n");
}

/// `milestones: [(name: "System demo 1", date: "2026-10-16"), ...]`, one a line.
fn write_milestones(out: &mut String, board: &Board) {
    if board.milestones.is_empty() {
        return;
    }
    field(out, 1, "milestones");
    out.push_str("[\n");
    for m in &board.milestones {
        pad(out, 2);
        out.push_str("(name: ");
        quote_into(out, &m.name);
        if let Some(date) = m.date {
            let _ = write!(out, ", date: \"{date}\"");
        }
        if let Some(iteration) = &m.iteration {
            out.push_str(", iteration: ");
            quote_into(out, iteration);
        }
        out.push_str("),\n");
    }
    pad(out, 1);
    out.push_str("],\n");
}

fn write_column(out: &mut String, column: &Column) {
    out.push_str("(name: ");
    quote_into(out, &column.name);
    if let Some(wip) = column.wip {
        let _ = write!(out, ", wip: {wip}");
    }
    if column.done {
        out.push_str(", done: true");
    }
    out.push(')');
}

fn pad(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str(INDENT);
    }
}

/// Starts a field line: indentation and `name: `.
fn field(out: &mut String, depth: usize, name: &str) {
    pad(out, depth);
    out.push_str(name);
    out.push_str(": ");
}

fn quoted_field(out: &mut String, depth: usize, name: &str, value: &str) {
    field(out, depth, name);
    quote_into(out, value);
    out.push_str(",\n");
}

/// Writes one item at `depth` levels of indentation (2 inside a board).
pub fn write_item(out: &mut String, board: &Board, item: &Item, depth: usize) {
    let inner = depth + 1;
    pad(out, depth);
    out.push_str("(\n");
    quoted_field(out, inner, "id", &item.id);
    quoted_field(out, inner, "title", &item.title);
    quoted_field(out, inner, "column", &item.column);
    if let Some(kind) = item.kind.filter(|k| *k != board.level.default_kind()) {
        field(out, inner, "kind");
        out.push_str(kind.name());
        out.push_str(",\n");
    }
    if let Some(parent) = &item.parent {
        quoted_field(out, inner, "parent", parent);
    }
    if let Some(description) = &item.description {
        quoted_field(out, inner, "description", description);
    }
    if !item.acceptance.is_empty() {
        field(out, inner, "acceptance");
        out.push_str("[\n");
        for c in &item.acceptance {
            pad(out, inner + 1);
            out.push_str("(text: ");
            quote_into(out, &c.text);
            out.push_str(if c.done { ", done: true),\n" } else { ", done: false),\n" });
        }
        pad(out, inner);
        out.push_str("],\n");
    }
    if let Some(points) = item.points {
        field(out, inner, "points");
        let _ = writeln!(out, "{points},");
    }
    if let Some(w) = &item.wsjf {
        field(out, inner, "wsjf");
        let _ = writeln!(
            out,
            "(value: {}, time_criticality: {}, risk_reduction: {}, job_size: {}),",
            w.value, w.time_criticality, w.risk_reduction, w.job_size
        );
    }
    for (name, value) in [("owner", &item.owner), ("team", &item.team), ("iteration", &item.iteration)] {
        if let Some(value) = value {
            quoted_field(out, inner, name, value);
        }
    }
    if !item.tags.is_empty() {
        field(out, inner, "tags");
        string_list_into(out, &item.tags);
        out.push_str(",\n");
    }
    if let Some(blocked) = &item.blocked {
        quoted_field(out, inner, "blocked", blocked);
    }
    if !item.depends_on.is_empty() {
        field(out, inner, "depends_on");
        string_list_into(out, &item.depends_on);
        out.push_str(",\n");
    }
    if !item.history.is_empty() {
        field(out, inner, "history");
        out.push_str("[\n");
        for m in &item.history {
            pad(out, inner + 1);
            out.push_str("(at: ");
            quote_into(out, &m.at);
            out.push_str(", column: ");
            quote_into(out, &m.column);
            out.push_str("),\n");
        }
        pad(out, inner);
        out.push_str("],\n");
    }
    pad(out, depth);
    out.push_str("),\n");
}

fn string_list_into(out: &mut String, values: &[String]) {
    out.push('[');
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        quote_into(out, value);
    }
    out.push(']');
}

/// A RON string literal: quotes, backslashes and control characters escaped, so every value
/// stays on one line.
pub fn quote(value: &str) -> String {
    let mut s = String::with_capacity(value.len() + 2);
    quote_into(&mut s, value);
    s
}

/// Appends `value` as a RON string literal (see [`quote`]), copying the runs of characters
/// that need no escape in one go.
pub fn quote_into(out: &mut String, value: &str) {
    out.push('"');
    let mut start = 0;
    for (at, c) in value.char_indices() {
        let escape = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            c if c.is_control() => "",
            _ => continue,
        };
        out.push_str(&value[start..at]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push_str(escape);
        }
        start = at + c.len_utf8();
    }
    out.push_str(&value[start..]);
    out.push('"');
}
