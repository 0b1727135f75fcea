//! Making ids unique again after two people added items under one id (two git clones, a
//! merge that kept both, a copied card): one item keeps the id, the others take the next free
//! number of the same prefix, and the links that were made to a renamed item follow it.
//!
//! Which item keeps the id: the one already published (the upstream branch in git, or what the
//! screen showed before), else the one created first (its first history entry), else the one
//! on the first board. A link follows a renamed item when it was made on the same side: it is
//! not in the published version, or (with nothing published known) it is on the renamed item's
//! board and not on the keeper's.

use std::collections::{HashMap, HashSet};

use super::board::Board;
use super::ids;
use super::item::Item;

/// Items as they were published before the clash: id → (board key, item).
pub type Published = HashMap<String, (String, Item)>;

/// One item that took a new id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renumbered {
    pub board: String,
    pub old: String,
    pub new: String,
    pub title: String,
}

/// What renumbering did: the renames, and every board whose items changed (renamed or links).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Renumbering {
    pub renamed: Vec<Renumbered>,
    pub boards: Vec<String>,
}

/// Gives every item but one of each shared id a fresh id, in place; `boards` are in tab order.
pub fn renumber(boards: &mut [Board], published: Option<&Published>) -> Renumbering {
    let mut places: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for (b, board) in boards.iter().enumerate() {
        for (p, item) in board.items.iter().enumerate() {
            let list = places.entry(item.id.clone()).or_default();
            if list.is_empty() {
                order.push(item.id.clone());
            }
            list.push((b, p));
        }
    }
    let mut taken: HashSet<String> = places.keys().cloned().collect();
    // (board, position) of each renamed item → (old, new); and each old id's keeper board.
    let mut renames: Vec<(usize, usize, String, String)> = Vec::new();
    let mut keeper_board: HashMap<String, usize> = HashMap::new();
    for id in order {
        let list = &places[&id];
        if list.len() < 2 {
            continue;
        }
        let keep = keeper(boards, list, published);
        keeper_board.insert(id.clone(), list[keep].0);
        for (i, &(b, p)) in list.iter().enumerate() {
            if i != keep {
                let fresh = super::ids::fresh_id(&taken, &id);
                taken.insert(fresh.clone());
                renames.push((b, p, id.clone(), fresh));
            }
        }
    }
    let mut result = Renumbering::default();
    if renames.is_empty() {
        return result;
    }
    let renamed_at: HashSet<(usize, usize)> = renames.iter().map(|(b, p, ..)| (*b, *p)).collect();
    let mut touched: HashSet<usize> = HashSet::new();
    // Links first, while the ids are still the old ones.
    for (b, board) in boards.iter_mut().enumerate() {
        for (p, item) in board.items.iter_mut().enumerate() {
            let local = renamed_at.contains(&(b, p));
            let published_item = published.and_then(|pubd| pubd.get(&item.id)).map(|(_, i)| i);
            let follow = |old: &str, was_there: &dyn Fn(&Item) -> bool| -> Option<String> {
                let candidates: Vec<&(usize, usize, String, String)> =
                    renames.iter().filter(|(.., o, _)| o == old).collect();
                let first = candidates.first()?;
                let same_side = local
                    || match published {
                        Some(_) => published_item.is_none_or(|pi| !was_there(pi)),
                        None => candidates.iter().any(|(rb, ..)| *rb == b) && keeper_board.get(old) != Some(&b),
                    };
                if !same_side {
                    return None;
                }
                let pick = candidates.iter().find(|(rb, ..)| *rb == b).unwrap_or(first);
                Some(pick.3.clone())
            };
            if let Some(old) = item.parent.clone()
                && let Some(new) = follow(&old, &|pi: &Item| pi.parent.as_deref() == Some(old.as_str()))
            {
                item.parent = Some(new);
                touched.insert(b);
            }
            for dep in item.depends_on.clone().iter() {
                if let Some(new) = follow(dep, &|pi: &Item| pi.depends_on.contains(dep)) {
                    if let Some(slot) = item.depends_on.iter_mut().find(|d| *d == dep) {
                        *slot = new;
                    }
                    touched.insert(b);
                }
            }
        }
    }
    for (b, p, old, new) in renames {
        let item = &mut boards[b].items[p];
        item.id = new.clone();
        touched.insert(b);
        result.renamed.push(Renumbered { board: boards[b].key.clone(), old, new, title: item.title.clone() });
    }
    let mut touched: Vec<usize> = touched.into_iter().collect();
    touched.sort_unstable();
    for b in touched {
        boards[b].reindex();
        result.boards.push(boards[b].key.clone());
    }
    result
}

/// Which of the places of one id keeps it.
fn keeper(boards: &[Board], list: &[(usize, usize)], published: Option<&Published>) -> usize {
    let item = |i: usize| &boards[list[i].0].items[list[i].1];
    let key = |i: usize| boards[list[i].0].key.as_str();
    if let Some((pub_key, pub_item)) = published.and_then(|p| p.get(&item(0).id)) {
        let tests: [&dyn Fn(usize) -> bool; 3] = [
            &|i| key(i) == pub_key && item(i) == pub_item,
            &|i| key(i) == pub_key && item(i).title == pub_item.title,
            &|i| key(i) == pub_key,
        ];
        for test in tests {
            let hits: Vec<usize> = (0..list.len()).filter(|&i| test(i)).collect();
            if hits.len() == 1 {
                return hits[0];
            }
        }
    }
    // Created first keeps it; an item without a readable creation time counts as newest.
    let created = |i: usize| item(i).history.first().map_or(i64::MAX, |m| m.at.unix());
    (0..list.len()).min_by_key(|&i| (created(i), i)).unwrap_or(0)
}

/// The ids used more than once across `boards` (on one board or several).
pub fn shared_ids<'a>(boards: impl IntoIterator<Item = &'a Board>) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut shared = Vec::new();
    for item in boards.into_iter().flat_map(|b| &b.items) {
        if !seen.insert(item.id.as_str()) && !shared.contains(&item.id) {
            shared.push(item.id.clone());
        }
    }
    shared
}

/// A readable line for one rename.
pub fn describe(renamed: &Renumbered) -> String {
    let number_like = ids::parse(&renamed.new).is_some();
    let what = if number_like { "the next free number" } else { "a free id" };
    format!(
        "{} ({}) on {} is now {}: another item had the same id, so this one took {what}",
        renamed.old, renamed.title, renamed.board, renamed.new
    )
}
