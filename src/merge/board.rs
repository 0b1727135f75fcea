//! Merging whole boards: the board-level fields as values, the items by id (each field three-way),
//! id collisions by renaming ours, and the order as theirs with our moves applied.

use std::collections::{HashMap, HashSet};

use crate::model::confidence::Vote;
use crate::model::{Board, Item, Objective};

use super::columns::merge_columns;
use super::ids::rename_collisions;
use super::item::{merge_item, merge_value};
use super::keyed::merge_keyed;
use super::order::merge_order;
use super::show::{Show, show_edit};
use super::{Conflict, Merged};

/// The field named in an edit-against-delete conflict.
pub const EDIT_VS_DELETE: &str = "item (edited on one side, deleted on the other)";

/// Three-way merge of `ours` and `theirs`, both changed from `base`. Deterministic; `key` and
/// `locked` come from theirs.
pub fn merge_boards(base: &Board, ours: &Board, theirs: &Board) -> Merged {
    let mut conflicts = Vec::new();
    let mut board = theirs.clone();
    macro_rules! field {
        ($name:ident) => {
            board.$name = merge_value(None, stringify!($name), &base.$name, &ours.$name, &theirs.$name, &mut conflicts)
        };
    }
    field!(version);
    field!(name);
    field!(level);
    field!(archive_of);
    field!(default_kind);
    board.columns = merge_columns(&base.columns, &ours.columns, &theirs.columns, &mut conflicts);
    field!(wait_columns);
    // A column renamed or removed on one side leaves no wait column naming it.
    let merged_columns = board.columns.clone();
    board.wait_columns.retain(|w| merged_columns.iter().any(|c| &c.name == w));
    field!(iterations);
    field!(pi);
    board.capacity = merge_keyed(
        &base.capacity,
        &ours.capacity,
        &theirs.capacity,
        |c| (c.team.clone(), c.iteration.clone()),
        |(team, iteration)| format!("capacity {team} {iteration}"),
        &mut conflicts,
    );
    board.milestones = merge_keyed(
        &base.milestones,
        &ours.milestones,
        &theirs.milestones,
        |m| m.name.clone(),
        |name| format!("milestone {name}"),
        &mut conflicts,
    );
    board.objectives = merge_objectives(&base.objectives, &ours.objectives, &theirs.objectives, &mut conflicts);
    board.confidence = merge_votes(&base.confidence, &ours.confidence, &theirs.confidence);
    let (ours_items, renamed) = rename_collisions(base, ours, theirs);
    board.items = merge_items(&base.items, &ours_items, &theirs.items, &mut conflicts);
    board.reindex();
    keep_items_in_columns(&mut board, base, ours, theirs, &mut conflicts);
    conflicts.sort_by(|a, b| (&a.id, &a.field).cmp(&(&b.id, &b.field)));
    Merged { board, conflicts, renamed }
}

/// Confidence votes are a log: a vote added on either side is kept, one removed on either side
/// is gone; theirs first, then our new ones, in order of time. Never a conflict.
fn merge_votes(base: &[Vote], ours: &[Vote], theirs: &[Vote]) -> Vec<Vote> {
    let removed = |side: &[Vote], vote: &Vote| base.contains(vote) && !side.contains(vote);
    let mut merged: Vec<Vote> = theirs.iter().filter(|v| !removed(ours, v)).cloned().collect();
    for vote in ours {
        if !base.contains(vote) && !merged.contains(vote) {
            merged.push(vote.clone());
        }
    }
    merged.sort_by_key(|v| v.at.unix());
    merged
}

/// Objectives have no ids, so they merge by place: while neither side removed or reordered any
/// (each kept base's objectives in front, maybe with new ones after), each of base's objectives
/// merges field by field (one team scoring one objective and another scoring the next both
/// count), then theirs' new ones and ours' follow. Anything else is the whole list's conflict.
fn merge_objectives(
    base: &[Objective],
    ours: &[Objective],
    theirs: &[Objective],
    conflicts: &mut Vec<Conflict>,
) -> Vec<Objective> {
    let n = base.len();
    let by_place = ours.len() >= n && theirs.len() >= n && !(ours == base || theirs == base || ours == theirs);
    if !by_place {
        return merge_value(None, "objectives", &base.to_vec(), &ours.to_vec(), &theirs.to_vec(), conflicts);
    }
    let mut merged: Vec<Objective> = (0..n)
        .map(|i| {
            let (b, o, t) = (&base[i], &ours[i], &theirs[i]);
            let name = |field: &str| format!("objective {} {field}", i + 1);
            Objective {
                text: merge_value(None, &name("text"), &b.text, &o.text, &t.text, conflicts),
                planned: merge_value(None, &name("planned"), &b.planned, &o.planned, &t.planned, conflicts),
                actual: merge_value(None, &name("actual"), &b.actual, &o.actual, &t.actual, conflicts),
                stretch: merge_value(None, &name("stretch"), &b.stretch, &o.stretch, &t.stretch, conflicts),
                pi: merge_value(None, &name("pi"), &b.pi, &o.pi, &t.pi, conflicts),
            }
        })
        .collect();
    merged.extend(theirs[n..].iter().cloned());
    for added in &ours[n..] {
        if !theirs[n..].contains(added) {
            merged.push(added.clone());
        }
    }
    merged
}

/// The merged items, in the merged order.
fn merge_items(base: &[Item], ours: &[Item], theirs: &[Item], conflicts: &mut Vec<Conflict>) -> Vec<Item> {
    let (base_map, ours_map, theirs_map) = (by_id(base), by_id(ours), by_id(theirs));
    let mut merged: HashMap<&str, Item> = HashMap::new();
    let mut seen: HashSet<&str> = HashSet::new();
    // Visit ids in a fixed order so conflicts come out the same every time.
    for id in base.iter().chain(ours).chain(theirs).map(|i| i.id.as_str()) {
        if !seen.insert(id) {
            continue;
        }
        let sides = (base_map.get(id).copied(), ours_map.get(id).copied(), theirs_map.get(id).copied());
        if let Some(item) = merge_one(sides, conflicts) {
            merged.insert(id, item);
        }
    }
    let keep: HashSet<&str> = merged.keys().copied().collect();
    let order = merge_order(&ids(base), &ids(ours), &ids(theirs), &keep);
    order.iter().filter_map(|id| merged.remove(id.as_str())).collect()
}

/// Items by id; an id listed twice (a broken file) counts once, at its first place.
fn by_id(items: &[Item]) -> HashMap<&str, &Item> {
    let mut map = HashMap::with_capacity(items.len());
    for item in items {
        map.entry(item.id.as_str()).or_insert(item);
    }
    map
}

fn ids(items: &[Item]) -> Vec<&str> {
    items.iter().map(|i| i.id.as_str()).collect()
}

/// One id across the three sides (base, ours, theirs); `None` when the result has no such item.
pub fn merge_one(sides: (Option<&Item>, Option<&Item>, Option<&Item>), conflicts: &mut Vec<Conflict>) -> Option<Item> {
    let edit_vs_delete = |base: &Item, ours: String, theirs: String| Conflict {
        id: Some(base.id.clone()),
        field: EDIT_VS_DELETE.to_string(),
        ours,
        theirs,
    };
    match sides {
        (Some(b), Some(o), Some(t)) => Some(merge_item(b, o, t, conflicts)),
        // Deleted by us: gone, unless they changed it meanwhile (then theirs stays).
        (Some(b), None, Some(t)) if b == t => None,
        (Some(b), None, Some(t)) => {
            conflicts.push(edit_vs_delete(b, "deleted".into(), show_edit(Some(b), t)));
            Some(t.clone())
        }
        // Deleted by them: gone; had we changed it, that is a conflict and theirs (deleted) wins.
        (Some(b), Some(o), None) => {
            if b != o {
                conflicts.push(edit_vs_delete(b, show_edit(Some(b), o), "deleted".into()));
            }
            None
        }
        (Some(_), None, None) | (None, None, None) => None,
        (None, Some(o), None) => Some(o.clone()),
        // Added on both: identical (collisions were renamed before), or theirs only.
        (None, _, Some(t)) => Some(t.clone()),
    }
}

/// An item may land in a column the merged board no longer has (one side renamed or removed
/// it, the other moved the item there). A board like that does not load, so the item goes to
/// the first column theirs, ours or base gave it that still exists (else the first column),
/// and that is reported as a conflict on its column. An item already outside the columns of
/// ours or theirs (a file being edited by hand) is left as it is.
fn keep_items_in_columns(board: &mut Board, base: &Board, ours: &Board, theirs: &Board, conflicts: &mut Vec<Conflict>) {
    let first = board.columns.first().map(|c| c.name.clone());
    let unplaced: Vec<usize> = board.unplaced_positions().to_vec();
    for pos in &unplaced {
        let id = board.items[*pos].id.clone();
        let of = |side: &Board| side.item(&id).map(|i| i.column.clone());
        let consistent = |side: &Board| of(side).is_none_or(|c| side.column_index(&c).is_some());
        if !(consistent(ours) && consistent(theirs)) {
            continue;
        }
        let candidates = [of(theirs), of(ours), of(base), first.clone()];
        let Some(column) = candidates.into_iter().flatten().find(|c| board.column_index(c).is_some()) else {
            continue; // A board without columns: nothing to put it in.
        };
        if !conflicts.iter().any(|c| c.id.as_deref() == Some(id.as_str()) && c.field == "column") {
            let show = |side: &Board| of(side).map_or_else(|| "none".to_string(), |c| c.show());
            conflicts.push(Conflict {
                id: Some(id.clone()),
                field: "column".into(),
                ours: show(ours),
                theirs: show(theirs),
            });
        }
        board.items[*pos].column = column;
    }
    if !unplaced.is_empty() {
        board.reindex();
    }
}
