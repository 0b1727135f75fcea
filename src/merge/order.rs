//! Merging the order of items: their order, with our moves and reorders applied on top.
//!
//! The items we moved are those outside a longest increasing subsequence of our order measured
//! in base positions (O(n log n)); they and our new items are taken out of theirs and
//! re-inserted, in our order, right after their predecessor in our sequence: the nearest item
//! before them in ours that is in the result (at the front when there is none). When theirs is
//! base, this yields exactly our order; when ours is base, exactly theirs.

use std::collections::{HashMap, HashSet};

/// Indexes (into `seq`) of one longest strictly increasing subsequence of `seq`.
fn longest_increasing(seq: &[usize]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new(); // indexes into seq of the smallest tail per length
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, &value) in seq.iter().enumerate() {
        let len = tails.partition_point(|&t| seq[t] < value);
        prev[i] = len.checked_sub(1).map(|l| tails[l]);
        if len == tails.len() {
            tails.push(i);
        } else {
            tails[len] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(i) = at {
        out.push(i);
        at = prev[i];
    }
    out.reverse();
    out
}

/// The ids of `ids`, each once (its first place), so a file listing an id twice cannot tie the
/// list below into a loop.
fn once<'a>(ids: &[&'a str]) -> Vec<&'a str> {
    let mut seen = HashSet::with_capacity(ids.len());
    ids.iter().copied().filter(|id| seen.insert(*id)).collect()
}

/// A singly linked list of ids keyed by id: each insert-after is O(1).
#[derive(Default)]
struct Chain<'a> {
    next: HashMap<&'a str, Option<&'a str>>,
    head: Option<&'a str>,
    tail: Option<&'a str>,
}

impl<'a> Chain<'a> {
    fn contains(&self, id: &str) -> bool {
        self.next.contains_key(id)
    }

    fn push_back(&mut self, id: &'a str) {
        self.next.insert(id, None);
        match self.tail {
            Some(tail) => {
                self.next.insert(tail, Some(id));
            }
            None => self.head = Some(id),
        }
        self.tail = Some(id);
    }

    /// Puts `id` right after `after`, or at the front when `after` is `None`.
    fn insert_after(&mut self, after: Option<&'a str>, id: &'a str) {
        let following = match after {
            Some(after) => self.next.insert(after, Some(id)).flatten(),
            None => self.head.replace(id),
        };
        self.next.insert(id, following);
        if following.is_none() {
            self.tail = Some(id);
        }
    }

    fn into_vec(self) -> Vec<String> {
        let mut out = Vec::with_capacity(self.next.len());
        let mut at = self.head;
        while let Some(id) = at {
            out.push(id.to_string());
            at = self.next.get(id).copied().flatten();
        }
        out
    }
}

/// The merged order of the ids in `keep`: `theirs` order with `ours`' moves applied. Every id
/// in `keep` must be in `ours` or `theirs`; each comes out once.
pub fn merge_order(base: &[&str], ours: &[&str], theirs: &[&str], keep: &HashSet<&str>) -> Vec<String> {
    let (base, ours, theirs) = (once(base), once(ours), once(theirs));
    let base_pos: HashMap<&str, usize> = base.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let ours_in_base: Vec<&str> = ours.iter().copied().filter(|id| base_pos.contains_key(id)).collect();
    let positions: Vec<usize> = ours_in_base.iter().map(|id| base_pos[id]).collect();
    let stable: HashSet<&str> = longest_increasing(&positions).into_iter().map(|i| ours_in_base[i]).collect();
    let placed_by_us: HashSet<&str> =
        ours.iter().copied().filter(|id| keep.contains(id) && !stable.contains(id)).collect();
    let mut chain = Chain::default();
    for id in theirs.iter().copied().filter(|id| keep.contains(id) && !placed_by_us.contains(id)) {
        chain.push_back(id);
    }
    let mut predecessor: Option<&str> = None;
    for id in ours.iter().copied() {
        if placed_by_us.contains(id) {
            chain.insert_after(predecessor, id);
        }
        if chain.contains(id) {
            predecessor = Some(id);
        }
    }
    chain.into_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(base: &[&str], ours: &[&str], theirs: &[&str]) -> Vec<String> {
        let keep: HashSet<&str> = ours.iter().chain(theirs).copied().collect();
        merge_order(base, ours, theirs, &keep)
    }

    #[test]
    fn unchanged_side_gives_the_other() {
        let base = ["a", "b", "c", "d"];
        assert_eq!(run(&base, &["d", "a", "c", "b"], &base), ["d", "a", "c", "b"]);
        assert_eq!(run(&base, &base, &["b", "a", "d", "c"]), ["b", "a", "d", "c"]);
    }

    #[test]
    fn both_sides_moves_are_kept() {
        // We move d to the top; they move a to the bottom.
        assert_eq!(run(&["a", "b", "c", "d"], &["d", "a", "b", "c"], &["b", "c", "d", "a"]), ["d", "b", "c", "a"]);
    }

    #[test]
    fn additions_land_after_their_predecessor() {
        assert_eq!(run(&["a", "b"], &["a", "x", "b"], &["a", "b", "y"]), ["a", "x", "b", "y"]);
    }

    #[test]
    fn a_deleted_predecessor_is_skipped_and_duplicates_come_out_once() {
        // We move e after c; they delete c: e follows b, the nearest item before it in ours.
        let keep: HashSet<&str> = ["a", "b", "d", "e"].into();
        let out = merge_order(&["a", "b", "c", "d", "e"], &["a", "b", "c", "e", "d"], &["a", "b", "d", "e"], &keep);
        assert_eq!(out, ["a", "b", "e", "d"]);
        let out = merge_order(&["a", "b"], &["b", "a", "b"], &["a", "b", "a"], &["a", "b"].into());
        assert_eq!(out, ["b", "a"]);
    }

    #[test]
    fn lis_is_longest() {
        let lis = longest_increasing(&[3, 1, 2, 5, 4, 6]);
        assert_eq!(lis.len(), 4);
    }
}
