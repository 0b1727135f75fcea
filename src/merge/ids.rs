//! Id collisions: both sides added an item under one id with different content. Theirs keeps
//! the id; ours takes a fresh one, and the references ours made to it follow.

use std::collections::{HashMap, HashSet};

use crate::model::ids::fresh_id;
use crate::model::{Board, Item};

/// Ours' items, with every item ours added under an id theirs also added (with other content)
/// renamed to a fresh id that is in none of the three boards; returns the renames (old, new)
/// in ours' order. (The id is checked against the other board files under the workspace lock
/// before anything is written.)
pub fn rename_collisions(base: &Board, ours: &Board, theirs: &Board) -> (Vec<Item>, Vec<(String, String)>) {
    let in_base = |id: &str| base.item(id).is_some();
    let mut taken: HashSet<String> = HashSet::new();
    taken.extend(ours.items.iter().chain(&theirs.items).chain(&base.items).map(|i| i.id.clone()));
    let mut renamed = Vec::new();
    for item in ours.items.iter().filter(|i| !in_base(&i.id)) {
        if theirs.item(&item.id).is_some_and(|t| t != item) {
            let fresh = fresh_id(&taken, &item.id);
            taken.insert(fresh.clone());
            renamed.push((item.id.clone(), fresh));
        }
    }
    if renamed.is_empty() {
        return (ours.items.clone(), renamed);
    }
    let map: HashMap<&str, &str> = renamed.iter().map(|(old, new)| (old.as_str(), new.as_str())).collect();
    let items = ours.items.iter().map(|item| follow_renames(item, base.item(&item.id), &map)).collect();
    (items, renamed)
}

/// `item` with its id and the references ours made (those not already in base) renamed.
fn follow_renames(item: &Item, base: Option<&Item>, map: &HashMap<&str, &str>) -> Item {
    let rename = |id: &String| map.get(id.as_str()).map_or_else(|| id.clone(), |new| (*new).to_string());
    let mut item = item.clone();
    match base {
        None => {
            item.id = rename(&item.id);
            item.parent = item.parent.as_ref().map(rename);
            item.depends_on = item.depends_on.iter().map(rename).collect();
        }
        Some(base) => {
            if item.parent != base.parent {
                item.parent = item.parent.as_ref().map(rename);
            }
            let old: HashSet<&String> = base.depends_on.iter().collect();
            item.depends_on =
                item.depends_on.iter().map(|d| if old.contains(d) { d.clone() } else { rename(d) }).collect();
        }
    }
    item
}
