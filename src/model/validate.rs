//! Whole-workspace rules of the board format: unique ids, known columns, existing links.
//!
//! Problems name the board key and, where there is one, the item and the field, so the storage
//! layer can point at the line and column in the file.

use std::collections::{HashMap, HashSet};

use super::board::Board;

/// Which part of a board a problem is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Board,
    Column(String),
    Item { id: String, field: &'static str, occurrence: usize },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub board: String,
    pub place: Place,
    pub message: String,
}

fn item_problem(board: &Board, id: &str, field: &'static str, occurrence: usize, message: String) -> Problem {
    Problem { board: board.key.clone(), place: Place::Item { id: id.to_string(), field, occurrence }, message }
}

/// Checks every rule across `boards`; an empty list means the workspace is valid.
pub fn validate(boards: &[Board]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut all_ids: HashMap<&str, &Board> = HashMap::new();
    for board in boards {
        check_columns(board, &mut problems);
        let mut seen_here: HashMap<&str, usize> = HashMap::new();
        for item in &board.items {
            let occurrence = seen_here.entry(&item.id).or_insert(0);
            if let Some(first) = all_ids.get(item.id.as_str()) {
                let message = if first.key == board.key {
                    format!("the id \"{}\" is used twice on this board; every item needs its own id", item.id)
                } else {
                    format!("the id \"{}\" is already used in {}; every item needs its own id", item.id, first.key)
                };
                problems.push(item_problem(board, &item.id, "id", *occurrence, message));
            } else {
                all_ids.insert(&item.id, board);
            }
            *occurrence += 1;
            if item.id.trim().is_empty() {
                problems.push(item_problem(board, &item.id, "id", 0, "an item has an empty id".into()));
            }
            if board.column_index(&item.column).is_none() {
                let names: Vec<&str> = board.columns.iter().map(|c| c.name.as_str()).collect();
                let message = format!(
                    "item {} is in column \"{}\", which this board does not have (its columns: {})",
                    item.id,
                    item.column,
                    names.join(", ")
                );
                problems.push(item_problem(board, &item.id, "column", 0, message));
            }
        }
    }
    for board in boards {
        for item in &board.items {
            if let Some(parent) = &item.parent {
                if !all_ids.contains_key(parent.as_str()) {
                    let message = format!("item {} names parent \"{parent}\", but no item has that id", item.id);
                    problems.push(item_problem(board, &item.id, "parent", 0, message));
                } else if parent == &item.id {
                    let message = format!("item {} names itself as its parent", item.id);
                    problems.push(item_problem(board, &item.id, "parent", 0, message));
                }
            }
            for dep in &item.depends_on {
                if !all_ids.contains_key(dep.as_str()) {
                    let message = format!("item {} depends on \"{dep}\", but no item has that id", item.id);
                    problems.push(item_problem(board, &item.id, "depends_on", 0, message));
                }
            }
        }
    }
    problems
}

fn check_columns(board: &Board, problems: &mut Vec<Problem>) {
    if board.columns.is_empty() {
        problems.push(Problem {
            board: board.key.clone(),
            place: Place::Board,
            message: "the board has no columns; it needs at least one".into(),
        });
    }
    let mut names = HashSet::new();
    for column in &board.columns {
        if !names.insert(column.name.as_str()) {
            problems.push(Problem {
                board: board.key.clone(),
                place: Place::Column(column.name.clone()),
                message: format!("the column name \"{}\" is used twice; column names must differ", column.name),
            });
        }
    }
    if board.columns.iter().filter(|c| c.done).count() > 1 {
        problems.push(Problem {
            board: board.key.clone(),
            place: Place::Board,
            message: "more than one column says `done: true`; mark only one".into(),
        });
    }
}
