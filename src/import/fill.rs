//! Putting drafts on a board: items updated by id or created, ordered by the export's rank
//! while items added in trainboard keep their places, history merged in time order.

use std::collections::{HashMap, HashSet};

use crate::model::{Item, Kind, Level, Move};

use super::Draft;
use super::plan::{BoardCount, DEPENDS_TAG, Dest, PARENT_TAG, kind_fits};

/// Puts the drafts on the board: updates by id, creates the rest, orders by the export's rank
/// while items added in trainboard keep their places.
pub fn fill_board(dest: &mut Dest, drafts: &[Draft], resolved: &[Item], carries: &HashSet<&str>) -> BoardCount {
    let board = &mut dest.board;
    let mut count = BoardCount {
        name: board.name.clone(),
        key: board.key.clone(),
        level: Some(board.level),
        new_board: dest.original.is_none(),
        ..BoardCount::default()
    };
    let first_column = board.columns.first().map(|c| c.name.clone()).unwrap_or_default();
    let mut order: Vec<usize> = dest.drafts.clone();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (&drafts[a].rank, &drafts[b].rank);
        (ra.is_none(), ra, a).cmp(&(rb.is_none(), rb, b))
    });
    let importing: HashSet<&str> = order.iter().map(|&n| drafts[n].item.id.as_str()).collect();
    let mut old: HashMap<String, Item> = HashMap::new();
    let mut slots: Vec<Option<Item>> = Vec::with_capacity(board.items.len());
    for item in std::mem::take(&mut board.items) {
        if dest.leaving.contains(&item.id) {
            continue;
        }
        if importing.contains(item.id.as_str()) {
            old.insert(item.id.clone(), item);
            slots.push(None);
        } else {
            slots.push(Some(item));
        }
    }
    let mut kinds: HashMap<Kind, usize> = HashMap::new();
    let mut made = order.iter().map(|&n| {
        let draft = &drafts[n];
        let history = history(&draft.history, &first_column);
        let mut imported = resolved[n].clone();
        // The default kind of the level is left out, as the board writer does; a kind the
        // level does not hold becomes the level's.
        if imported.kind == Some(board.level.default_kind())
            || imported.kind.is_some_and(|k| !kind_fits(board.level, k))
        {
            imported.kind = None;
        }
        let item = match old.remove(&draft.item.id) {
            Some(before) => {
                let after = update(&before, &imported, history, carries);
                if after == before {
                    count.unchanged += 1;
                } else {
                    count.updated += 1;
                }
                after
            }
            None => {
                count.created += 1;
                Item { history, ..imported }
            }
        };
        *kinds.entry(item.kind.unwrap_or(board.level.default_kind())).or_insert(0) += 1;
        item
    });
    let mut items = Vec::with_capacity(slots.len() + order.len());
    for slot in slots {
        match slot {
            Some(item) => items.push(item),
            None => items.extend(made.next()),
        }
    }
    items.extend(made);
    board.items = items;
    if board.iterations.is_empty() && board.level == Level::Team && dest.original.is_none() {
        let mut seen = HashSet::new();
        board.iterations =
            board.items.iter().filter_map(|i| i.iteration.clone()).filter(|i| seen.insert(i.clone())).collect();
    }
    board.reindex();
    let mut kinds: Vec<(Kind, usize)> = kinds.into_iter().collect();
    kinds.sort_by_key(|(k, _)| Kind::ALL.iter().position(|a| a == k));
    count.kinds = kinds;
    count
}

/// History entries in time order, `None` columns as the first column, repeats dropped.
fn history(entries: &[(String, Option<String>)], first_column: &str) -> Vec<Move> {
    let mut moves: Vec<Move> = entries
        .iter()
        .map(|(at, column)| Move {
            at: at.clone().into(),
            column: column.clone().unwrap_or_else(|| first_column.to_string()).into(),
        })
        .collect();
    moves.sort_by_key(|m| crate::clock::parse_rfc3339(&m.at).unwrap_or(0));
    moves.dedup_by(|b, a| a.column == b.column);
    moves
}

/// The item on the board after a re-import: the fields the export carries take its value
/// (even when empty: a label removed in the tool goes here too); the others keep what
/// trainboard has. History entries of both are kept, in time order.
fn update(before: &Item, imported: &Item, history: Vec<Move>, carries: &HashSet<&str>) -> Item {
    let mut item = imported.clone();
    let theirs = |field: &str| carries.contains(field);
    let keep = |field: &str, new: &mut Option<String>, old: &Option<String>| {
        if !theirs(field) && new.is_none() {
            new.clone_from(old);
        }
    };
    if !item.tags.iter().any(|t| t.starts_with(PARENT_TAG)) {
        keep("parent", &mut item.parent, &before.parent);
    }
    keep("description", &mut item.description, &before.description);
    keep("owner", &mut item.owner, &before.owner);
    keep("team", &mut item.team, &before.team);
    keep("iteration", &mut item.iteration, &before.iteration);
    keep("blocked", &mut item.blocked, &before.blocked);
    if !theirs("points") {
        item.points = item.points.or(before.points);
    }
    if !theirs("wsjf") {
        item.wsjf = item.wsjf.or(before.wsjf);
    }
    if !theirs("acceptance") && item.acceptance.is_empty() {
        item.acceptance.clone_from(&before.acceptance);
    }
    if !theirs("tags") {
        // Placeholders of links an earlier import could not make: this import decides those.
        let placeholder = |t: &&String| t.starts_with(PARENT_TAG) || t.starts_with(DEPENDS_TAG);
        let mut tags: Vec<String> = before.tags.iter().filter(|t| !placeholder(t)).cloned().collect();
        tags.extend(item.tags.iter().filter(|t| !tags.contains(t)).cloned().collect::<Vec<_>>());
        item.tags = tags;
    }
    if !theirs("depends_on") && item.depends_on.is_empty() {
        item.depends_on.clone_from(&before.depends_on);
    }
    let mut all = before.history.clone();
    for m in history {
        if !all.contains(&m) {
            all.push(m);
        }
    }
    all.sort_by_key(|m| crate::clock::parse_rfc3339(&m.at).unwrap_or(0));
    item.history = all;
    item
}
