//! Changing a board's columns and its name, each as one undoable [`Edit`]: the column list
//! (or the name) set as a whole ([`BoardField`]), plus a [`Op::Replace`] for every card whose
//! column changes with it. Cards keep their history as it happened (old column names stay).

use super::ModelError;
use super::board::{Board, Column, Level};
use super::edit::{BoardField, Edit, Op};
use super::item::Move;
use super::workspace::Workspace;

/// The longest column or board name accepted, in characters.
pub const MAX_NAME: usize = 60;

/// One change to the columns of a board; `index` is the column it applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnChange {
    /// A new, empty column right of `index` (the first column when the board has none).
    Add { index: usize, name: String },
    /// A new name; the cards in the column follow, its WIP limit and done mark stay.
    Rename { index: usize, name: String },
    /// One place left (`step` -1) or right (+1).
    Move { index: usize, step: isize },
    /// Removes the column; its cards, if any, move to the column named `cards_to`.
    Delete { index: usize, cards_to: Option<String> },
    /// Sets the WIP limit (`None` clears it).
    Wip { index: usize, limit: Option<u32> },
    /// Makes it the done column (and no other).
    MarkDone { index: usize },
}

/// A column edit and the column to select once it is made.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnEdit {
    pub edit: Edit,
    pub select: usize,
}

/// A name as typed, tidied: control characters and runs of spaces become one space; empty or
/// too long is refused.
pub fn clean_name(text: &str, what: &str) -> Result<String, ModelError> {
    let name = super::fields::clean_text(text).ok_or_else(|| ModelError::Invalid(format!("a {what} needs a name")))?;
    if name.chars().count() > MAX_NAME {
        return Err(ModelError::Invalid(format!("a {what} name is at most {MAX_NAME} characters")));
    }
    Ok(name)
}

/// A WIP limit as typed: empty clears it; otherwise a whole number of at least 1.
pub fn parse_wip(text: &str) -> Result<Option<u32>, ModelError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u32>() {
        Ok(0) => Err(ModelError::Invalid("a WIP limit is at least 1 (empty clears it)".into())),
        Ok(n) => Ok(Some(n)),
        Err(_) => Err(ModelError::Invalid(format!(
            "a WIP limit is a whole number of at least 1, not \"{text}\" (empty clears it)"
        ))),
    }
}

/// The edit making `change` to the columns of board `key`; `now` stamps the history of cards
/// moved out of a deleted column.
pub fn change_columns(ws: &Workspace, key: &str, change: ColumnChange, now: &str) -> Result<ColumnEdit, ModelError> {
    let board = ws.board_by_key(key).ok_or_else(|| ModelError::UnknownBoard(key.to_string()))?;
    let mut columns = board.columns.clone();
    let column = |index: usize| {
        board
            .columns
            .get(index)
            .ok_or_else(|| ModelError::Invalid(format!("{} has no column {}", board.name, index + 1)))
    };
    let mut items: Vec<Op> = Vec::new();
    let mut order: Option<Vec<String>> = None;
    // Wait columns follow a renamed column and go with a deleted one.
    let mut wait_columns = board.wait_columns.clone();
    let (label, select) = match change {
        ColumnChange::Add { index, name } => {
            let name = clean_name(&name, "column")?;
            unique(board, &name, None)?;
            let at = if board.columns.is_empty() {
                0
            } else {
                column(index)?;
                index + 1
            };
            columns.insert(at, Column::new(name.clone(), None));
            (format!("column {name} added to {}", board.name), at)
        }
        ColumnChange::Rename { index, name } => {
            let old = column(index)?.name.clone();
            let name = clean_name(&name, "column")?;
            if name == old {
                return Err(ModelError::NothingToChange);
            }
            unique(board, &name, Some(index))?;
            columns[index].name = name.clone();
            wait_columns.iter_mut().filter(|w| **w == old).for_each(|w| *w = name.clone());
            for item in board.column_items(index) {
                let mut moved = item.clone();
                moved.column = name.clone();
                items.push(Op::Replace { board: key.to_string(), item: moved });
            }
            (format!("column {old} renamed to {name}"), index)
        }
        ColumnChange::Move { index, step } => {
            let name = column(index)?.name.clone();
            let to = index as isize + step;
            if step == 0 || to < 0 || to >= columns.len() as isize {
                let end = if step < 0 { "first" } else { "last" };
                return Err(ModelError::Invalid(format!("{name} is already the {end} column")));
            }
            let moved = columns.remove(index);
            columns.insert(to as usize, moved);
            let way = if step < 0 { "left" } else { "right" };
            (format!("column {name} moved {way}"), to as usize)
        }
        ColumnChange::Delete { index, cards_to } => {
            let name = column(index)?.name.clone();
            if board.columns.len() == 1 {
                return Err(ModelError::Invalid(format!("{name} is the only column; a board needs one")));
            }
            let count = board.column_len(index);
            let target = match (count, cards_to) {
                (0, _) => None,
                (_, None) => {
                    return Err(ModelError::Invalid(format!("{name} holds {count} cards; say where they go")));
                }
                (_, Some(to)) => match board.column_index(&to) {
                    Some(t) if t != index => Some((t, to)),
                    _ => {
                        return Err(ModelError::UnknownColumn { board: board.name.clone(), column: to });
                    }
                },
            };
            columns.remove(index);
            wait_columns.retain(|w| *w != name);
            let label = match &target {
                None => format!("column {name} deleted"),
                Some((t, to)) => {
                    let moving: Vec<String> = board.column_items(index).map(|i| i.id.clone()).collect();
                    for item in board.column_items(index) {
                        let mut moved = item.clone();
                        moved.column = to.clone();
                        moved.history.push(Move { at: now.into(), column: to.as_str().into() });
                        items.push(Op::Replace { board: key.to_string(), item: moved });
                    }
                    order = Some(below(board, *t, &moving));
                    format!("column {name} deleted; its {count} cards moved to {to}")
                }
            };
            // The column that took its place, else the one before it; the target when cards moved.
            let select = match &target {
                Some((_, to)) => columns.iter().position(|c| &c.name == to).unwrap_or(0),
                None => index.min(columns.len() - 1),
            };
            (label, select)
        }
        ColumnChange::Wip { index, limit } => {
            let name = column(index)?.name.clone();
            if limit == Some(0) {
                return Err(ModelError::Invalid("a WIP limit is at least 1 (empty clears it)".into()));
            }
            if columns[index].wip == limit {
                return Err(ModelError::NothingToChange);
            }
            columns[index].wip = limit;
            let label = match limit {
                Some(n) => format!("WIP limit of {name} set to {n}"),
                None => format!("WIP limit of {name} cleared"),
            };
            (label, index)
        }
        ColumnChange::MarkDone { index } => {
            let name = column(index)?.name.clone();
            if columns[index].done && columns.iter().filter(|c| c.done).count() == 1 {
                return Err(ModelError::Invalid(format!("{name} is already the done column")));
            }
            for (n, c) in columns.iter_mut().enumerate() {
                c.done = n == index;
            }
            (format!("{name} is now the done column"), index)
        }
    };
    let mut ops = vec![Op::SetField { board: key.to_string(), field: BoardField::Columns(columns) }];
    if wait_columns != board.wait_columns {
        ops.push(Op::SetField { board: key.to_string(), field: BoardField::WaitColumns(wait_columns) });
    }
    ops.extend(items);
    if let Some(ids) = order {
        ops.push(Op::Reorder { board: key.to_string(), ids });
    }
    Ok(ColumnEdit { edit: Edit::new(label, ops), select })
}

/// Refuses `name` when another column (not `except`) has it, ignoring case.
fn unique(board: &Board, name: &str, except: Option<usize>) -> Result<(), ModelError> {
    let lower = name.to_lowercase();
    match board.columns.iter().enumerate().find(|(n, c)| Some(*n) != except && c.name.to_lowercase() == lower) {
        Some((_, c)) => Err(ModelError::Invalid(format!("{} already has a column \"{}\"", board.name, c.name))),
        None => Ok(()),
    }
}

/// The board's item order with `moving` taken out and put, in their order, right after the
/// last card of column `to` (so they land below its cards).
fn below(board: &Board, to: usize, moving: &[String]) -> Vec<String> {
    let mut ids: Vec<String> = board.items.iter().map(|i| i.id.clone()).filter(|id| !moving.contains(id)).collect();
    let at = match board.column_items(to).last() {
        Some(last) => ids.iter().position(|id| *id == last.id).map_or(ids.len(), |p| p + 1),
        None => ids.len(),
    };
    ids.splice(at..at, moving.iter().cloned());
    ids
}

/// True when some board other than `except` is called `name`, ignoring case.
pub fn board_name_taken(ws: &Workspace, name: &str, except: Option<&str>) -> bool {
    let lower = name.to_lowercase();
    ws.boards().iter().any(|b| Some(b.key.as_str()) != except && b.name.to_lowercase() == lower)
}

/// The edit renaming board `key` (its `name`; the file keeps its name). A team board's name is
/// the team items name, so items of the old team anywhere follow.
pub fn rename_board(ws: &Workspace, key: &str, name: &str) -> Result<Edit, ModelError> {
    let board = ws.board_by_key(key).ok_or_else(|| ModelError::UnknownBoard(key.to_string()))?;
    let name = clean_name(name, "board")?;
    if name == board.name {
        return Err(ModelError::NothingToChange);
    }
    if board_name_taken(ws, &name, Some(key)) {
        return Err(ModelError::Invalid(format!("there is already a board called \"{name}\"")));
    }
    let mut ops = vec![Op::SetField { board: key.to_string(), field: BoardField::Name(name.clone()) }];
    if board.level == Level::Team {
        for other in ws.boards() {
            for item in other.items.iter().filter(|i| i.team.as_deref() == Some(board.name.as_str())) {
                let mut renamed = item.clone();
                renamed.team = Some(name.clone());
                ops.push(Op::Replace { board: other.key.clone(), item: renamed });
            }
        }
    }
    Ok(Edit::new(format!("board {} renamed to {name}", board.name), ops))
}

/// The file name for a new board called `name`: lower case letters and digits joined by `-`,
/// with `.ron`; `None` when the name has no letter or digit.
pub fn file_name_for(name: &str) -> Option<String> {
    let slug = slug(name);
    (!slug.is_empty()).then(|| format!("{slug}.ron"))
}

/// `"Team Alpha!"` → `"team-alpha"`: letters and digits kept (lower case), the rest a single
/// `-`, at most [`MAX_NAME`] characters.
pub fn slug(name: &str) -> String {
    let lower: String = name.to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
    let slug = lower.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-");
    let cut: String = slug.chars().take(MAX_NAME).collect();
    cut.trim_end_matches('-').to_string()
}
