//! Three-way merge of board files by item id and field, as `shared-editing.md` describes:
//! base = the bytes last loaded, ours = in memory, theirs = on disk. Used by the save
//! protocol, by reloads with unsaved changes, and by the git merge driver.

pub mod driver;
pub mod item;
pub mod order;

use std::collections::{HashMap, HashSet};

use crate::model::{Board, Item, ids};

use item::{merge_item, merge_value, show};
use order::merge_order;

/// A field both sides changed differently (or an edit against a delete). The result holds theirs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The item, or `None` for a board-level field.
    pub id: Option<String>,
    pub field: String,
    pub ours: String,
    pub theirs: String,
}

#[derive(Debug, Clone)]
pub struct Merged {
    pub board: Board,
    pub conflicts: Vec<Conflict>,
    /// Our new items that took a fresh id because theirs added another item under the same id.
    pub renamed: Vec<(String, String)>,
}

/// A fresh id like `like` (same prefix) that is not in `taken`.
pub fn fresh_id(taken: &HashSet<String>, like: &str) -> String {
    let prefix = ids::parse(like).map(|(p, _)| p).unwrap_or(like);
    let highest = taken.iter().filter_map(|t| ids::parse(t)).filter(|(p, _)| *p == prefix).map(|(_, n)| n).max();
    format!("{prefix}-{}", highest.unwrap_or(0) + 1)
}

pub fn merge_boards(base: &Board, ours: &Board, theirs: &Board) -> Merged {
    merge_boards_avoiding(base, ours, theirs, &HashSet::new())
}

/// Like [`merge_boards`]; fresh ids for collisions also avoid `elsewhere` (other boards' ids).
pub fn merge_boards_avoiding(base: &Board, ours: &Board, theirs: &Board, elsewhere: &HashSet<String>) -> Merged {
    let mut conflicts = Vec::new();
    let mut board = theirs.clone();
    board.version = merge_value(None, "version", &base.version, &ours.version, &theirs.version, &mut conflicts);
    board.name = merge_value(None, "name", &base.name, &ours.name, &theirs.name, &mut conflicts);
    board.level = merge_value(None, "level", &base.level, &ours.level, &theirs.level, &mut conflicts);
    board.columns = merge_value(None, "columns", &base.columns, &ours.columns, &theirs.columns, &mut conflicts);
    board.iterations =
        merge_value(None, "iterations", &base.iterations, &ours.iterations, &theirs.iterations, &mut conflicts);
    board.objectives =
        merge_value(None, "objectives", &base.objectives, &ours.objectives, &theirs.objectives, &mut conflicts);
    let (ours_items, renamed) = rename_collisions(base, ours, theirs, elsewhere);
    let by_id =
        |items: &'_ [Item]| -> HashMap<String, Item> { items.iter().map(|i| (i.id.clone(), i.clone())).collect() };
    let (base_map, theirs_map) = (by_id(&base.items), by_id(&theirs.items));
    let ours_map = by_id(&ours_items);
    let mut merged: HashMap<String, Item> = HashMap::new();
    let all_ids: Vec<&String> = base_map.keys().chain(ours_map.keys()).chain(theirs_map.keys()).collect();
    let mut seen: HashSet<&String> = HashSet::new();
    for id in all_ids {
        if !seen.insert(id) {
            continue;
        }
        let (b, o, t) = (base_map.get(id), ours_map.get(id), theirs_map.get(id));
        if let Some(item) = merge_one(b, o, t, &mut conflicts) {
            merged.insert(id.clone(), item);
        }
    }
    let keep: HashSet<&str> = merged.keys().map(String::as_str).collect();
    let ids = |items: &'_ [Item]| -> Vec<String> { items.iter().map(|i| i.id.clone()).collect() };
    let (base_ids, ours_ids, theirs_ids) = (ids(&base.items), ids(&ours_items), ids(&theirs.items));
    let order = merge_order(&as_strs(&base_ids), &as_strs(&ours_ids), &as_strs(&theirs_ids), &keep);
    board.items = order.iter().filter_map(|id| merged.remove(id)).collect();
    board.reindex();
    conflicts.sort_by(|a, b| (&a.id, &a.field).cmp(&(&b.id, &b.field)));
    Merged { board, conflicts, renamed }
}

fn as_strs(ids: &[String]) -> Vec<&str> {
    ids.iter().map(String::as_str).collect()
}

/// One id across the three sides; `None` when the result has no such item.
fn merge_one(
    base: Option<&Item>,
    ours: Option<&Item>,
    theirs: Option<&Item>,
    conflicts: &mut Vec<Conflict>,
) -> Option<Item> {
    let deleted = |id: &str, side_kept: &Item, ours_deleted: bool, conflicts: &mut Vec<Conflict>| {
        let (o, t) =
            if ours_deleted { ("deleted".into(), show(side_kept)) } else { (show(side_kept), "deleted".into()) };
        conflicts.push(Conflict {
            id: Some(id.to_string()),
            field: "item (edited on one side, deleted on the other)".into(),
            ours: o,
            theirs: t,
        });
    };
    match (base, ours, theirs) {
        (Some(b), Some(o), Some(t)) => Some(merge_item(b, o, t, conflicts)),
        // Deleted by us: gone, unless they changed it meanwhile (then theirs stays).
        (Some(b), None, Some(t)) if b == t => None,
        (Some(b), None, Some(t)) => {
            deleted(&b.id, t, true, conflicts);
            Some(t.clone())
        }
        // Deleted by them: gone; if we had changed it, that is a conflict and theirs (deleted) wins.
        (Some(b), Some(o), None) => {
            if b != o {
                deleted(&b.id, o, false, conflicts);
            }
            None
        }
        (Some(_), None, None) | (None, None, None) => None,
        (None, Some(o), None) => Some(o.clone()),
        (None, _, Some(t)) => Some(t.clone()),
    }
}

/// Our new items whose id theirs also added with other content get a fresh id; references to
/// them in our other items follow.
fn rename_collisions(
    base: &Board,
    ours: &Board,
    theirs: &Board,
    elsewhere: &HashSet<String>,
) -> (Vec<Item>, Vec<(String, String)>) {
    let base_ids: HashSet<&str> = base.items.iter().map(|i| i.id.as_str()).collect();
    let mut taken: HashSet<String> = elsewhere.clone();
    taken.extend(ours.items.iter().chain(&theirs.items).chain(&base.items).map(|i| i.id.clone()));
    let mut renamed = Vec::new();
    for item in &ours.items {
        if base_ids.contains(item.id.as_str()) {
            continue;
        }
        if theirs.item(&item.id).is_some_and(|t| t != item) {
            let fresh = fresh_id(&taken, &item.id);
            taken.insert(fresh.clone());
            renamed.push((item.id.clone(), fresh));
        }
    }
    let rename = |id: &String| {
        renamed.iter().find(|(old, _)| old == id).map(|(_, new)| new.clone()).unwrap_or_else(|| id.clone())
    };
    let items = ours
        .items
        .iter()
        .map(|item| {
            let mut item = item.clone();
            if !base_ids.contains(item.id.as_str()) {
                item.id = rename(&item.id);
            }
            item.parent = item.parent.as_ref().map(rename);
            item.depends_on = item.depends_on.iter().map(rename).collect();
            item
        })
        .collect();
    (items, renamed)
}
