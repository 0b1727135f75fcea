//! The canonical writer as it was before it was made fast, kept as the reference the new one
//! must match byte for byte.
#![allow(dead_code)]
use std::fmt::Write;

use trainboard::model::{Board, Column, Item};

const INDENT: &str = "    ";

/// Serializes a board to its canonical text.
pub fn board_to_string(board: &Board) -> String {
    let mut out = String::with_capacity(256 + board.items.len() * 256);
    out.push_str("Board(\n");
    let _ = writeln!(out, "{INDENT}version: {},", board.version);
    let _ = writeln!(out, "{INDENT}name: {},", quote(&board.name));
    let _ = writeln!(out, "{INDENT}level: {},", board.level.name());
    if let Some(kind) = board.default_kind {
        let _ = writeln!(out, "{INDENT}default_kind: {},", kind.name());
    }
    out.push_str(INDENT);
    out.push_str("columns: [\n");
    for column in &board.columns {
        let _ = writeln!(out, "{INDENT}{INDENT}{},", column_to_string(column));
    }
    out.push_str(INDENT);
    out.push_str("],\n");
    if !board.wait_columns.is_empty() {
        let _ = writeln!(out, "{INDENT}wait_columns: {},", string_list(&board.wait_columns));
    }
    if !board.iterations.is_empty() {
        let _ = writeln!(out, "{INDENT}iterations: {},", string_list(&board.iterations));
    }
    if let Some(pi) = &board.pi {
        out.push_str(INDENT);
        out.push_str(
            "pi: (
",
        );
        let _ = writeln!(out, "{INDENT}{INDENT}name: {},", quote(&pi.name));
        if !pi.iterations.is_empty() {
            let lines: Vec<String> = pi
                .iterations
                .iter()
                .map(|i| format!("(name: {}, start: \"{}\", end: \"{}\")", quote(&i.name), i.start, i.end))
                .collect();
            let _ = writeln!(out, "{INDENT}{INDENT}iterations: {},", block(&lines, 2));
        }
        out.push_str(INDENT);
        out.push_str(
            "),
",
        );
    }
    // Capacity and milestones (the format's later optional fields), one entry a line.
    if !board.capacity.is_empty() {
        let lines: Vec<String> = board
            .capacity
            .iter()
            .map(|c| format!("(team: {}, iteration: {}, points: {})", quote(&c.team), quote(&c.iteration), c.points))
            .collect();
        let _ = writeln!(out, "{INDENT}capacity: {},", block(&lines, 1));
    }
    if !board.milestones.is_empty() {
        let lines: Vec<String> = board
            .milestones
            .iter()
            .map(|m| {
                let mut line = format!("(name: {}", quote(&m.name));
                if let Some(date) = m.date {
                    let _ = write!(line, ", date: \"{date}\"");
                }
                if let Some(iteration) = &m.iteration {
                    let _ = write!(line, ", iteration: {}", quote(iteration));
                }
                line.push(')');
                line
            })
            .collect();
        let _ = writeln!(out, "{INDENT}milestones: {},", block(&lines, 1));
    }
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
        let lines: Vec<String> = board
            .objectives
            .iter()
            .map(|o| {
                let mut line = format!("(text: {}, planned: {}", quote(&o.text), o.planned);
                if let Some(actual) = o.actual {
                    let _ = write!(line, ", actual: {actual}");
                }
                if o.stretch {
                    line.push_str(", stretch: true");
                }
                if let Some(pi) = &o.pi {
                    let _ = write!(line, ", pi: {}", quote(pi));
                }
                line.push(')');
                line
            })
            .collect();
        let _ = writeln!(out, "{INDENT}objectives: {},", block(&lines, 1));
    }
    if !board.confidence.is_empty() {
        let lines: Vec<String> = board
            .confidence
            .iter()
            .map(|v| {
                let votes: Vec<String> = v.votes.iter().map(|f| f.get().to_string()).collect();
                format!("(at: {}, votes: [{}])", quote(&v.at), votes.join(", "))
            })
            .collect();
        let _ = writeln!(out, "{INDENT}confidence: {},", block(&lines, 1));
    }
    out.push_str(")\n");
    out
}

fn column_to_string(column: &Column) -> String {
    let mut s = format!("(name: {}", quote(&column.name));
    if let Some(wip) = column.wip {
        let _ = write!(s, ", wip: {wip}");
    }
    if column.done {
        s.push_str(", done: true");
    }
    s.push(')');
    s
}

/// Writes one item at `depth` levels of indentation (2 inside a board).
pub fn write_item(out: &mut String, board: &Board, item: &Item, depth: usize) {
    let pad = INDENT.repeat(depth);
    let field_pad = INDENT.repeat(depth + 1);
    let _ = writeln!(out, "{pad}(");
    let mut field = |name: &str, value: &str| {
        let _ = writeln!(out, "{field_pad}{name}: {value},");
    };
    field("id", &quote(&item.id));
    field("title", &quote(&item.title));
    field("column", &quote(&item.column));
    if let Some(kind) = item.kind.filter(|k| *k != board.level.default_kind()) {
        field("kind", kind.name());
    }
    if let Some(parent) = &item.parent {
        field("parent", &quote(parent));
    }
    if let Some(description) = &item.description {
        field("description", &quote(description));
    }
    if !item.acceptance.is_empty() {
        let lines: Vec<String> =
            item.acceptance.iter().map(|c| format!("(text: {}, done: {})", quote(&c.text), c.done)).collect();
        field("acceptance", &block(&lines, depth + 1));
    }
    if let Some(points) = item.points {
        field("points", &points.to_string());
    }
    if let Some(w) = &item.wsjf {
        let value = format!(
            "(value: {}, time_criticality: {}, risk_reduction: {}, job_size: {})",
            w.value, w.time_criticality, w.risk_reduction, w.job_size
        );
        field("wsjf", &value);
    }
    for (name, value) in [("owner", &item.owner), ("team", &item.team), ("iteration", &item.iteration)] {
        if let Some(value) = value {
            field(name, &quote(value));
        }
    }
    if !item.tags.is_empty() {
        field("tags", &string_list(&item.tags));
    }
    if let Some(blocked) = &item.blocked {
        field("blocked", &quote(blocked));
    }
    if !item.depends_on.is_empty() {
        field("depends_on", &string_list(&item.depends_on));
    }
    if !item.history.is_empty() {
        let lines: Vec<String> =
            item.history.iter().map(|m| format!("(at: {}, column: {})", quote(&m.at), quote(&m.column))).collect();
        field("history", &block(&lines, depth + 1));
    }
    let _ = writeln!(out, "{pad}),");
}

/// A list written one entry per line, closed at the field's indentation.
fn block(lines: &[String], depth: usize) -> String {
    let inner = INDENT.repeat(depth + 1);
    let mut s = String::from("[\n");
    for line in lines {
        let _ = writeln!(s, "{inner}{line},");
    }
    s.push_str(&INDENT.repeat(depth));
    s.push(']');
    s
}

fn string_list(values: &[String]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| quote(v)).collect();
    format!("[{}]", quoted.join(", "))
}

/// A RON string literal: quotes, backslashes and control characters escaped, so every value
/// stays on one line.
pub fn quote(value: &str) -> String {
    let mut s = String::with_capacity(value.len() + 2);
    s.push('"');
    for c in value.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\r' => s.push_str("\\r"),
            '\t' => s.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(s, "\\u{{{:x}}}", c as u32);
            }
            c => s.push(c),
        }
    }
    s.push('"');
    s
}
