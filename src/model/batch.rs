//! One edit from the same change made to several items (the marked cards): each item's edit
//! is made against the workspace as the earlier ones left it, so positions stay right, and the
//! ops are joined into one undoable [`Edit`].

use super::ModelError;
use super::edit::{Edit, apply_all};
use super::workspace::Workspace;

/// Makes `change` for every id in turn and joins the ops into one edit labelled `label`.
/// Items the change leaves as they are (`NothingToChange`) are passed over; any other error
/// stops it. `NothingToChange` when no item changed.
pub fn for_each(
    ws: &Workspace,
    ids: &[String],
    label: impl Into<String>,
    change: impl Fn(&Workspace, &str) -> Result<Edit, ModelError>,
) -> Result<Edit, ModelError> {
    if let [id] = ids {
        return change(ws, id);
    }
    let mut scratch = ws.clone();
    let mut ops = Vec::new();
    for id in ids {
        match change(&scratch, id) {
            Ok(edit) => {
                ops.extend(edit.ops.iter().cloned());
                apply_all(&mut scratch, edit)?;
            }
            Err(ModelError::NothingToChange) => {}
            Err(err) => return Err(err),
        }
    }
    if ops.is_empty() {
        return Err(ModelError::NothingToChange);
    }
    Ok(Edit::new(label, ops))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Board, Column, Item, Level, ops};

    fn workspace() -> Workspace {
        let mut board =
            Board::new("t.ron", "T", Level::Team, vec![Column::new("Todo", None), Column::new("Doing", None)]);
        board.items = vec![Item::new("S-1", "a", "Todo"), Item::new("S-2", "b", "Todo"), Item::new("S-3", "c", "Todo")];
        Workspace::new(vec![board])
    }

    #[test]
    fn joins_the_moves_of_several_items_into_one_edit() {
        let ws = workspace();
        let ids = vec!["S-1".to_string(), "S-3".to_string()];
        let edit =
            for_each(&ws, &ids, "move 2 items", |w, id| ops::move_to_column(w, id, "Doing", "2026-01-01T00:00:00Z"))
                .unwrap();
        let mut after = ws.clone();
        let undo = apply_all(&mut after, edit).unwrap();
        let board = after.board_by_key("t.ron").unwrap();
        assert_eq!(board.column_items(1).map(|i| i.id.as_str()).collect::<Vec<_>>().len(), 2);
        assert_eq!(after.item("S-2").unwrap().column, "Todo");
        apply_all(&mut after, undo).unwrap();
        assert_eq!(after.board_by_key("t.ron").unwrap().items, ws.board_by_key("t.ron").unwrap().items);
    }

    #[test]
    fn nothing_to_change_when_no_item_changes() {
        let ws = workspace();
        let ids = vec!["S-1".to_string(), "S-2".to_string()];
        let edit = for_each(&ws, &ids, "x", |w, id| ops::move_to_column(w, id, "Todo", "2026-01-01T00:00:00Z"));
        assert_eq!(edit, Err(ModelError::NothingToChange));
    }
}
