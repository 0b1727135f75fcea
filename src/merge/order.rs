//! Merging the order of items: their order, with our moves and reorders applied on top.
//!
//! The items we moved are those outside a longest increasing subsequence of our order measured
//! in base positions (O(n log n)); they and our new items are re-inserted, in our order, right
//! after their predecessor in our sequence. When they changed nothing, this yields our order.

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

/// The merged order of the ids in `keep`: `theirs` order with `ours`' moves applied.
pub fn merge_order(base: &[&str], ours: &[&str], theirs: &[&str], keep: &HashSet<&str>) -> Vec<String> {
    let base_pos: HashMap<&str, usize> = base.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let ours_in_base: Vec<&str> = ours.iter().copied().filter(|id| base_pos.contains_key(id)).collect();
    let positions: Vec<usize> = ours_in_base.iter().map(|id| base_pos[id]).collect();
    let stable: HashSet<&str> = longest_increasing(&positions).into_iter().map(|i| ours_in_base[i]).collect();
    let placed_by_us: HashSet<&str> =
        ours.iter().copied().filter(|id| keep.contains(id) && !stable.contains(id)).collect();

    // A singly linked list keyed by id makes each insert-after O(1).
    let mut next: HashMap<&str, Option<&str>> = HashMap::new();
    let mut head: Option<&str> = None;
    let mut tail: Option<&str> = None;
    for id in theirs.iter().copied().filter(|id| keep.contains(id) && !placed_by_us.contains(id)) {
        next.insert(id, None);
        match tail {
            Some(t) => {
                next.insert(t, Some(id));
            }
            None => head = Some(id),
        }
        tail = Some(id);
    }
    let mut last_present: Option<&str> = None;
    for id in ours.iter().copied() {
        if placed_by_us.contains(id) {
            match last_present {
                Some(after) => {
                    let following = next.get(after).copied().flatten();
                    next.insert(after, Some(id));
                    next.insert(id, following);
                }
                None => {
                    next.insert(id, head);
                    head = Some(id);
                }
            }
        }
        if next.contains_key(id) {
            last_present = Some(id);
        }
    }
    let mut out = Vec::with_capacity(next.len());
    let mut at = head;
    while let Some(id) = at {
        out.push(id.to_string());
        at = next.get(id).copied().flatten();
    }
    // Ids only in `keep` but in neither sequence cannot happen; ids placed twice neither.
    out
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
    fn lis_is_longest() {
        let lis = longest_increasing(&[3, 1, 2, 5, 4, 6]);
        assert_eq!(lis.len(), 4);
    }
}
