//! Board-level fields set as a whole ([`Op::SetField`]): a board's PI objectives, its
//! confidence votes, columns, wait columns and name, and the edits the objectives view makes of them.

use super::ModelError;
use super::board::{Board, Objective};
use super::confidence::{Fist, Vote};
use super::edit::{BoardField, Edit, FieldName, Op};
use super::workspace::Workspace;

/// The field's current value on `board`.
pub fn get(board: &Board, name: FieldName) -> BoardField {
    match name {
        FieldName::Objectives => BoardField::Objectives(board.objectives.clone()),
        FieldName::Confidence => BoardField::Confidence(board.confidence.clone()),
        FieldName::Columns => BoardField::Columns(board.columns.clone()),
        FieldName::WaitColumns => BoardField::WaitColumns(board.wait_columns.clone()),
        FieldName::Name => BoardField::Name(board.name.clone()),
    }
}

/// Applies `SetField`; returns the op that puts the old value back.
pub fn set_field(ws: &mut Workspace, key: String, field: BoardField) -> Result<Op, ModelError> {
    let mut board = ws.board_by_key(&key).ok_or_else(|| ModelError::UnknownBoard(key.clone()))?.clone();
    let old = get(&board, field.name());
    match field {
        BoardField::Objectives(list) => board.objectives = list,
        BoardField::Confidence(list) => board.confidence = list,
        BoardField::Columns(list) => board.columns = list,
        BoardField::WaitColumns(list) => board.wait_columns = list,
        BoardField::Name(name) => board.name = name,
    }
    ws.put_board(board);
    Ok(Op::SetField { board: key, field: old })
}

/// The largest business value an objective is scored with.
pub const MAX_VALUE: u32 = 10;

/// One change to one objective, as the objectives view makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObjectiveChange {
    Add(String),
    Text(String),
    Planned(u32),
    /// `None` clears the score (not evaluated).
    Actual(Option<u32>),
    ToggleStretch,
    Delete,
}

/// An edit replacing `board_key`'s objectives with the change applied to objective `index`
/// (ignored for `Add`, which appends).
pub fn change_objective(
    ws: &Workspace,
    board_key: &str,
    index: usize,
    change: ObjectiveChange,
) -> Result<Edit, ModelError> {
    let board = ws.board_by_key(board_key).ok_or_else(|| ModelError::UnknownBoard(board_key.to_string()))?;
    let mut list = board.objectives.clone();
    let missing = || ModelError::Invalid(format!("{} has no objective {}", board.name, index + 1));
    let text = |t: &str| {
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.is_empty() { Err(ModelError::Invalid("an objective needs a text".into())) } else { Ok(t) }
    };
    let value = |v: u32, min: u32| {
        if (min..=MAX_VALUE).contains(&v) {
            Ok(v)
        } else {
            Err(ModelError::Invalid(format!("business value is {min} to {MAX_VALUE}, not {v}")))
        }
    };
    let label = match change {
        ObjectiveChange::Add(t) => {
            list.push(Objective::new(text(&t)?, 1));
            format!("objective added to {}", board.name)
        }
        ObjectiveChange::Delete => {
            if index >= list.len() {
                return Err(missing());
            }
            list.remove(index);
            format!("objective deleted from {}", board.name)
        }
        ObjectiveChange::Text(t) => {
            list.get_mut(index).ok_or_else(missing)?.text = text(&t)?;
            format!("objective text changed on {}", board.name)
        }
        ObjectiveChange::Planned(v) => {
            list.get_mut(index).ok_or_else(missing)?.planned = value(v, 1)?;
            format!("planned business value set to {v} on {}", board.name)
        }
        ObjectiveChange::Actual(v) => {
            list.get_mut(index).ok_or_else(missing)?.actual = v.map(|v| value(v, 0)).transpose()?;
            match v {
                Some(v) => format!("actual business value set to {v} on {}", board.name),
                None => format!("actual business value cleared on {}", board.name),
            }
        }
        ObjectiveChange::ToggleStretch => {
            let o = list.get_mut(index).ok_or_else(missing)?;
            o.stretch = !o.stretch;
            let what = if o.stretch { "stretch (uncommitted)" } else { "committed" };
            format!("objective now {what} on {}", board.name)
        }
    };
    if list == board.objectives {
        return Err(ModelError::NothingToChange);
    }
    Ok(Edit::new(label, vec![Op::SetField { board: board_key.to_string(), field: BoardField::Objectives(list) }]))
}

/// An edit adding a confidence vote taken `now` to `board_key`.
pub fn record_vote(ws: &Workspace, board_key: &str, votes: Vec<Fist>, now: &str) -> Result<Edit, ModelError> {
    let board = ws.board_by_key(board_key).ok_or_else(|| ModelError::UnknownBoard(board_key.to_string()))?;
    if votes.is_empty() {
        return Err(ModelError::Invalid("a vote needs at least one fist".into()));
    }
    let mut list = board.confidence.clone();
    list.push(Vote { at: now.into(), votes });
    let label = format!("confidence vote recorded on {}", board.name);
    Ok(Edit::new(label, vec![Op::SetField { board: board_key.to_string(), field: BoardField::Confidence(list) }]))
}
