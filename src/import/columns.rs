//! The columns of imported boards: a new board's statuses in workflow order (to do, in
//! progress, done; the done column last), and statuses an existing board lacks added before
//! its done column.

use std::collections::{HashMap, HashSet};

use crate::model::{Board, Column};

use super::Category;

/// Columns of a new board: statuses by category (to do, in progress, done), then by first
/// appearance; among done statuses one named like "Done" goes last, as the done column.
pub fn order_statuses(statuses: &[&str], categories: &HashMap<String, Category>, known: bool) -> Vec<String> {
    let mut first_seen: Vec<&str> = Vec::new();
    let mut seen = HashSet::new();
    for s in statuses {
        if seen.insert(*s) {
            first_seen.push(s);
        }
    }
    let category = |s: &str| categories.get(s).copied().unwrap_or_else(|| Category::guess(s));
    let finished = |s: &str| matches!(s.to_lowercase().as_str(), "done" | "closed" | "terminé" | "erledigt");
    let mut keyed: Vec<(Category, bool, usize, usize, &str)> = first_seen
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let known_rank = if known { Category::known_rank(s) } else { 0 };
            (category(s), category(s) == Category::Done && finished(s), known_rank, i, *s)
        })
        .collect();
    keyed.sort();
    keyed.into_iter().map(|k| k.4.to_string()).collect()
}

/// Statuses an existing board lacks are added before its done column (or in `order`).
pub fn add_columns(board: &mut Board, statuses: &[&str], order: Option<&[String]>) {
    let mut wanted: Vec<&str> = Vec::new();
    match order {
        Some(order) => wanted.extend(order.iter().map(String::as_str)),
        None => wanted.extend(statuses),
    }
    for status in wanted {
        if board.column_index(status).is_none() {
            let at = if board.columns.is_empty() { 0 } else { board.done_column() };
            board.columns.insert(at, Column::new(status, None));
        }
    }
}
