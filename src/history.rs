//! Undo and redo of our own changes only, in a workspace others change too.
//!
//! Each step remembers the items it touched as they were before and after, and the order of
//! the boards whose order it changed. Undo is a three-way merge by field against what is there
//! now: base = after our change, ours = before it, theirs = now. A field we changed that
//! nobody touched since goes back; a field someone else changed since keeps their value (and
//! is said); fields we never touched keep whatever they are now. Redo is the same step the
//! other way round. Board-level fields a step set as a whole (a board's objectives, its
//! confidence votes) are kept the same way: undo puts the old value back only when the field is
//! still what our change made it; if someone changed it since, theirs stays (and is said).
//! A board's columns are merged column by column instead (someone else's limit on another
//! column stays while ours goes back); when they do not merge, theirs stays and so do the
//! cards on that board.
//! Ids renumbered after a step (a clash with someone else's new item) are
//! rewritten in every step, so renumbering is never a step itself.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::merge::columns::merge_columns;
use crate::merge::{Conflict, merge_one, merge_order};
use crate::model::edit::{BoardField, FieldName, apply_all};
use crate::model::{Column, Edit, Item, ModelError, Op, Workspace};

/// When `current` is `wanted` with one id moved elsewhere: that id and where it goes back to
/// (a reposition moves one card, where a reorder re-indexes the whole board).
fn single_move(wanted: &[String], current: &[&str]) -> Option<(String, usize)> {
    if wanted.len() != current.len() {
        return None;
    }
    let first = (0..wanted.len()).find(|&i| wanted[i] != current[i])?;
    let last = (0..wanted.len()).rev().find(|&i| wanted[i] != current[i])?;
    let (w, c) = (&wanted[first..=last], &current[first..=last]);
    let n = w.len();
    // Moved up: current has it first, the rest shifted down by one.
    if c[0] == w[n - 1] && c[1..].iter().zip(&w[..n - 1]).all(|(a, b)| *a == b.as_str()) {
        return Some((w[n - 1].clone(), last));
    }
    // Moved down: current has it last.
    if c[n - 1] == w[0] && c[..n - 1].iter().zip(&w[1..]).all(|(a, b)| *a == b.as_str()) {
        return Some((w[0].clone(), first));
    }
    None
}

/// What a commit, undo or redo did.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub label: String,
    /// The boards to save.
    pub boards: Vec<String>,
    /// The item to select afterwards: ours, where it still is.
    pub focus: Option<String>,
    /// Where someone else's change since was kept instead of ours, in words.
    pub kept_theirs: Vec<String>,
}

/// Items by (board key, id) and board orders, as they were at one moment.
#[derive(Debug, Clone, Default)]
struct Snapshot {
    items: HashMap<(String, String), Item>,
    /// Shared between steps while a board's order stays the same (a run of reprioritizes
    /// on a large board copies each order once).
    orders: HashMap<String, Arc<Vec<String>>>,
    /// Board-level fields the step set, by (board key, field).
    fields: HashMap<(String, FieldName), BoardField>,
}

/// One undoable change: what it touched, and the state before and after it.
#[derive(Debug, Clone)]
struct Step {
    label: String,
    boards: Vec<String>,
    touched: Vec<(String, String)>,
    /// The boards whose order the change set.
    ordered: Vec<String>,
    /// The board-level fields the change set.
    fields: Vec<(String, FieldName)>,
    before: Snapshot,
    after: Snapshot,
}

/// Undo and redo stacks.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Applies `edit` to `ws` and records it for undo. If any op fails, nothing is changed.
    pub fn commit(&mut self, ws: &mut Workspace, edit: Edit) -> Result<Applied, ModelError> {
        let boards = edit.boards();
        let (touched, ordered) = touched_by(&edit);
        let fields = fields_set_by(&edit);
        let mut before = snapshot_reusing(ws, &touched, &ordered, self.undo.last().map(|s| &s.after));
        before.fields = field_values(ws, &fields);
        let label = edit.label.clone();
        apply_all(ws, edit)?;
        let mut after = snapshot(ws, &touched, &ordered);
        after.fields = field_values(ws, &fields);
        let focus = touched.iter().rev().find(|(b, id)| after.items.contains_key(&(b.clone(), id.clone())));
        let focus = focus.map(|(_, id)| id.clone());
        self.undo.push(Step { label: label.clone(), boards: boards.clone(), touched, ordered, fields, before, after });
        self.redo.clear();
        Ok(Applied { label, boards, focus, kept_theirs: Vec::new() })
    }

    /// Takes back our last change, field by field against what is there now.
    pub fn undo(&mut self, ws: &mut Workspace) -> Option<Applied> {
        let step = self.undo.pop()?;
        let (applied, reverse) = revert(ws, step);
        self.redo.push(reverse);
        Some(applied)
    }

    /// Makes our last undone change again, the same way.
    pub fn redo(&mut self, ws: &mut Workspace) -> Option<Applied> {
        let step = self.redo.pop()?;
        let (applied, reverse) = revert(ws, step);
        self.undo.push(reverse);
        Some(applied)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    /// Our item `old` now has the id `new` (it was renumbered): every step follows it.
    pub fn rename(&mut self, old: &str, new: &str) {
        for step in self.undo.iter_mut().chain(self.redo.iter_mut()) {
            step.rename(old, new);
        }
    }
}

impl Step {
    fn rename(&mut self, old: &str, new: &str) {
        let swap = |id: &mut String| {
            if id == old {
                *id = new.to_string();
            }
        };
        for (_, id) in &mut self.touched {
            swap(id);
        }
        for snapshot in [&mut self.before, &mut self.after] {
            let items = std::mem::take(&mut snapshot.items);
            for ((board, mut id), mut item) in items {
                swap(&mut id);
                swap(&mut item.id);
                if let Some(parent) = item.parent.as_mut() {
                    swap(parent);
                }
                item.depends_on.iter_mut().for_each(swap);
                snapshot.items.insert((board, id), item);
            }
            for order in snapshot.orders.values_mut() {
                Arc::make_mut(order).iter_mut().for_each(swap);
            }
        }
    }
}

/// The items an edit touches, and the boards whose order it changes.
fn touched_by(edit: &Edit) -> (Vec<(String, String)>, Vec<String>) {
    let mut touched: Vec<(String, String)> = Vec::new();
    let mut ordered: Vec<String> = Vec::new();
    let mut add = |board: &str, id: &str| {
        let pair = (board.to_string(), id.to_string());
        if !touched.contains(&pair) {
            touched.push(pair);
        }
    };
    for op in &edit.ops {
        match op {
            Op::Replace { board, item } => add(board, &item.id),
            Op::Insert { board, item, .. } => add(board, &item.id),
            Op::Remove { board, id } | Op::Reposition { board, id, .. } => add(board, id),
            Op::Reorder { .. } | Op::SetField { .. } => {}
        }
        if !matches!(op, Op::Replace { .. } | Op::SetField { .. }) && !ordered.iter().any(|b| b == op.board()) {
            ordered.push(op.board().to_string());
        }
    }
    (touched, ordered)
}

/// The board-level fields an edit sets, each once.
fn fields_set_by(edit: &Edit) -> Vec<(String, FieldName)> {
    let mut fields: Vec<(String, FieldName)> = Vec::new();
    for op in &edit.ops {
        if let Op::SetField { board, field } = op {
            let pair = (board.clone(), field.name());
            if !fields.contains(&pair) {
                fields.push(pair);
            }
        }
    }
    fields
}

fn field_values(ws: &Workspace, fields: &[(String, FieldName)]) -> HashMap<(String, FieldName), BoardField> {
    fields
        .iter()
        .filter_map(|(key, name)| {
            let board = ws.board_by_key(key)?;
            Some(((key.clone(), *name), crate::model::board_fields::get(board, *name)))
        })
        .collect()
}

fn snapshot(ws: &Workspace, touched: &[(String, String)], ordered: &[String]) -> Snapshot {
    snapshot_reusing(ws, touched, ordered, None)
}

/// [`snapshot`], taking a board's order from `previous` when it is still the same.
fn snapshot_reusing(
    ws: &Workspace,
    touched: &[(String, String)],
    ordered: &[String],
    previous: Option<&Snapshot>,
) -> Snapshot {
    let mut snap = Snapshot::default();
    for (board, id) in touched {
        if let Some(item) = ws.board_by_key(board).and_then(|b| b.item(id)) {
            snap.items.insert((board.clone(), id.clone()), item.clone());
        }
    }
    for board in ordered {
        if let Some(b) = ws.board_by_key(board) {
            let same = |order: &Arc<Vec<String>>| {
                order.len() == b.items.len() && order.iter().zip(&b.items).all(|(id, item)| *id == item.id)
            };
            let order = match previous.and_then(|p| p.orders.get(board)).filter(|o| same(o)) {
                Some(order) => Arc::clone(order),
                None => Arc::new(b.items.iter().map(|i| i.id.clone()).collect()),
            };
            snap.orders.insert(board.clone(), order);
        }
    }
    snap
}

/// Brings `step`'s items from its `after` back to its `before`, leaving others' changes since;
/// returns what was done and the step that does it again.
fn revert(ws: &mut Workspace, step: Step) -> (Applied, Step) {
    let mut conflicts: Vec<Conflict> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    // Columns someone else changed since in a way that does not merge with ours stay theirs,
    // and so do the cards on that board (they must stay in columns that exist).
    let (columns, frozen) = column_reverts(ws, &step, &mut notes);
    let touched: Vec<(String, String)> = step.touched.iter().filter(|(b, _)| !frozen.contains(b)).cloned().collect();
    let now = snapshot(ws, &touched, &step.ordered);
    let mut ops: Vec<Op> = Vec::new();
    // Removals first, so an item moved between boards can be inserted on the other.
    let mut inserts: Vec<Op> = Vec::new();
    let results: Vec<Option<Item>> = touched
        .iter()
        .map(|pair| {
            let sides = (step.after.items.get(pair), step.before.items.get(pair), now.items.get(pair));
            merge_one(sides, &mut conflicts)
        })
        .collect();
    // Ids this revert takes off a board: an item moved between boards comes back to the other.
    let leaving: HashSet<&str> = touched
        .iter()
        .zip(&results)
        .filter(|(pair, result)| result.is_none() && now.items.contains_key(*pair))
        .map(|((_, id), _)| id.as_str())
        .collect();
    for (pair, result) in touched.iter().zip(results) {
        let (board, id) = pair;
        match (now.items.get(pair), result) {
            (Some(_), None) => ops.push(Op::Remove { board: board.clone(), id: id.clone() }),
            (Some(current), Some(item)) if *current != item => ops.push(Op::Replace { board: board.clone(), item }),
            (None, Some(item)) if ws.contains(id) && !leaving.contains(id.as_str()) => {
                notes.push(format!("{id} is back in the workspace already (someone else); left as it is"));
                let _ = item;
            }
            (None, Some(item)) => {
                let pos = ws.board_by_key(board).map_or(0, |b| b.items.len());
                inserts.push(Op::Insert { board: board.clone(), pos, item });
            }
            _ => {}
        }
    }
    ops.extend(inserts);
    for op in ops {
        if let Err(err) = apply_all(ws, Edit::new("", vec![op])) {
            notes.push(format!("could not take back a part: {err}"));
        }
    }
    for board in step.ordered.iter().filter(|b| !frozen.contains(*b)) {
        let (Some(after), Some(before), Some(current)) =
            (step.after.orders.get(board), step.before.orders.get(board), ws.board_by_key(board))
        else {
            continue;
        };
        let current: Vec<&str> = current.items.iter().map(|i| i.id.as_str()).collect();
        // Nobody reordered the board since our step, and it holds the same items: our order
        // before goes back as it was, without a merge (a 10,000-card board's undo stays fast).
        if current.iter().copied().eq(after.iter().map(String::as_str)) && before.len() == after.len() {
            let same_items = {
                let now: HashSet<&str> = current.iter().copied().collect();
                before.iter().all(|id| now.contains(id.as_str()))
            };
            if same_items {
                let op = match single_move(before, &current) {
                    Some((id, to)) => Op::Reposition { board: board.clone(), id, to },
                    None => Op::Reorder { board: board.clone(), ids: before.as_ref().clone() },
                };
                if before.iter().map(String::as_str).ne(current.iter().copied()) {
                    let _ = apply_all(ws, Edit::new("", vec![op]));
                }
                continue;
            }
        }
        let keep: HashSet<&str> = current.iter().copied().collect();
        let order = merge_order(&strs(after), &strs(before), &current, &keep);
        if order.iter().map(String::as_str).ne(current.iter().copied()) {
            let _ = apply_all(ws, Edit::new("", vec![Op::Reorder { board: board.clone(), ids: order }]));
        }
    }
    revert_fields(ws, &step, &columns, &mut notes);
    notes.extend(conflicts.iter().map(kept_theirs));
    let done = snapshot(ws, &step.touched, &[]);
    let focus = step
        .touched
        .iter()
        .rev()
        .find(|pair| done.items.contains_key(*pair))
        .or_else(|| step.touched.first())
        .map(|(_, id)| id.clone());
    let applied = Applied { label: step.label.clone(), boards: step.boards.clone(), focus, kept_theirs: notes };
    // Doing it again is the same change the other way: from what undo aimed at to what our
    // change had made, merged with whatever is there by then.
    let reverse = Step { before: step.after, after: step.before, ..step };
    (applied, reverse)
}

/// Each board-level field the step set goes back to its `before` value when it is still its
/// `after` value; changed by someone else since, theirs stays and that is said.
fn revert_fields(ws: &mut Workspace, step: &Step, columns: &HashMap<String, Vec<Column>>, notes: &mut Vec<String>) {
    let now = field_values(ws, &step.fields);
    for pair in &step.fields {
        if pair.1 == FieldName::Columns {
            if let Some(merged) = columns.get(&pair.0) {
                set_columns(ws, step, &pair.0, merged.clone(), notes);
            }
            continue;
        }
        let (Some(after), Some(before), Some(current)) =
            (step.after.fields.get(pair), step.before.fields.get(pair), now.get(pair))
        else {
            continue;
        };
        if current == before {
            continue;
        }
        let name = ws.board_by_key(&pair.0).map_or_else(|| pair.0.clone(), |b| b.name.clone());
        if current != after {
            notes.push(format!("{name}'s {} was changed by someone else since; kept theirs", pair.1.name()));
            continue;
        }
        let op = Op::SetField { board: pair.0.clone(), field: before.clone() };
        if let Err(err) = apply_all(ws, Edit::new("", vec![op])) {
            notes.push(format!("could not take back a part: {err}"));
        }
    }
}

/// For each board whose columns the step set: the columns to go back to, merged column by
/// column with changes someone else made since (their limit on another column stays); and the
/// boards where that does not merge (theirs stays, said).
fn column_reverts(
    ws: &Workspace,
    step: &Step,
    notes: &mut Vec<String>,
) -> (HashMap<String, Vec<Column>>, HashSet<String>) {
    let mut merged = HashMap::new();
    let mut frozen = HashSet::new();
    for pair in step.fields.iter().filter(|(_, name)| *name == FieldName::Columns) {
        let (Some(BoardField::Columns(after)), Some(BoardField::Columns(before)), Some(board)) =
            (step.after.fields.get(pair), step.before.fields.get(pair), ws.board_by_key(&pair.0))
        else {
            continue;
        };
        let mut conflicts = Vec::new();
        let columns = merge_columns(after, before, &board.columns, &mut conflicts);
        if conflicts.is_empty() && !strands_cards(step, board, &columns) {
            merged.insert(pair.0.clone(), columns);
        } else {
            notes.push(format!("{}'s columns were changed by someone else since; kept theirs", board.name));
            frozen.insert(pair.0.clone());
        }
    }
    (merged, frozen)
}

/// True when going back to `columns` would leave a card the step did not touch (someone
/// else's, put there since) in a column that no longer exists; a renamed column's cards follow
/// its name back, so those do not count.
fn strands_cards(step: &Step, board: &crate::model::Board, columns: &[Column]) -> bool {
    let renamed = renamed_column(step, &board.key);
    let kept = |name: &str| columns.iter().any(|c| c.name == name);
    let follows = |name: &str| renamed.as_ref().is_some_and(|(from, to)| from == name && kept(to));
    let ours: HashSet<&str> = step.touched.iter().filter(|(b, _)| *b == board.key).map(|(_, id)| id.as_str()).collect();
    board.items.iter().any(|item| {
        !ours.contains(item.id.as_str())
            && board.column_index(&item.column).is_some()
            && !kept(&item.column)
            && !follows(&item.column)
    })
}

/// Sets a board's columns as a revert merged them; cards someone else put in a column the
/// step renamed follow the name back.
fn set_columns(ws: &mut Workspace, step: &Step, key: &str, columns: Vec<Column>, notes: &mut Vec<String>) {
    let renamed = renamed_column(step, key);
    let op = Op::SetField { board: key.to_string(), field: BoardField::Columns(columns) };
    if let Err(err) = apply_all(ws, Edit::new("", vec![op])) {
        notes.push(format!("could not take back a part: {err}"));
        return;
    }
    let Some((from, to)) = renamed else { return };
    let Some(board) = ws.board_by_key(key) else { return };
    if board.column_index(&from).is_some() || board.column_index(&to).is_none() {
        return;
    }
    let ops: Vec<Op> = board
        .items
        .iter()
        .filter(|i| i.column == from)
        .map(|i| Op::Replace { board: key.to_string(), item: Item { column: to.clone(), ..i.clone() } })
        .collect();
    if !ops.is_empty()
        && let Err(err) = apply_all(ws, Edit::new("", ops))
    {
        notes.push(format!("could not take back a part: {err}"));
    }
}

/// The column the step renamed on board `key`, as (name after it, name before it).
fn renamed_column(step: &Step, key: &str) -> Option<(String, String)> {
    let pair = (key.to_string(), FieldName::Columns);
    let (Some(BoardField::Columns(after)), Some(BoardField::Columns(before))) =
        (step.after.fields.get(&pair), step.before.fields.get(&pair))
    else {
        return None;
    };
    if after.len() != before.len() {
        return None;
    }
    let mut differing = after.iter().zip(before).filter(|(a, b)| a.name != b.name);
    match (differing.next(), differing.next()) {
        (Some((a, b)), None) => Some((a.name.clone(), b.name.clone())),
        _ => None,
    }
}

fn kept_theirs(conflict: &Conflict) -> String {
    let id = conflict.id.as_deref().unwrap_or("the board");
    if conflict.field == crate::merge::board::EDIT_VS_DELETE {
        format!("{id} was changed by someone else since; kept their version")
    } else {
        format!("{id}'s {} was changed by someone else since; kept theirs ({})", conflict.field, conflict.theirs)
    }
}

fn strs(ids: &[String]) -> Vec<&str> {
    ids.iter().map(String::as_str).collect()
}

#[cfg(test)]
mod tests {
    use super::single_move;

    fn ids(text: &str) -> Vec<String> {
        text.split(' ').map(String::from).collect()
    }

    #[test]
    fn one_card_moved_is_found_and_anything_else_is_not() {
        let wanted = ids("a b c d e");
        assert_eq!(single_move(&wanted, &["a", "d", "b", "c", "e"]), Some(("d".into(), 3)));
        assert_eq!(single_move(&wanted, &["a", "c", "d", "b", "e"]), Some(("b".into(), 1)));
        assert_eq!(single_move(&wanted, &["b", "a", "c", "d", "e"]).map(|(_, to)| to), Some(1));
        assert_eq!(single_move(&wanted, &["b", "a", "d", "c", "e"]), None, "two swaps are no single move");
        assert_eq!(single_move(&wanted, &["a", "b", "c", "d"]), None);
        assert_eq!(single_move(&wanted, &["a", "b", "c", "d", "e"]), None, "nothing moved");
    }
}
