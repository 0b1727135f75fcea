//! Board-level lists whose entries each have a key of their own (a capacity's team and
//! iteration, a milestone's name): merged entry by entry, so two sides changing different
//! entries both count; one entry changed differently on both sides is that entry's conflict.

use std::hash::Hash;

use super::Conflict;
use super::item::merge_value;
use super::show::Show;

/// Three-way merge of `base`, `ours` and `theirs` by `key`: theirs' order, then the entries
/// only ours added, in ours' order. An entry removed on one side and unchanged on the other is
/// gone. `label` names an entry in a conflict's field (`capacity Alpha I1`).
pub fn merge_keyed<T, K>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> K,
    label: impl Fn(&K) -> String,
    conflicts: &mut Vec<Conflict>,
) -> Vec<T>
where
    T: PartialEq + Clone + Show,
    K: PartialEq + Eq + Hash,
{
    let find = |side: &[T], k: &K| side.iter().find(|e| key(e) == *k).cloned();
    let mut keys: Vec<K> = Vec::new();
    for entry in theirs.iter().chain(ours).chain(base) {
        let k = key(entry);
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys.iter()
        .filter_map(|k| merge_value(None, &label(k), &find(base, k), &find(ours, k), &find(theirs, k), conflicts))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Show for (&'static str, u32) {
        fn show(&self) -> String {
            format!("{}={}", self.0, self.1)
        }
    }

    fn merge(
        base: &[(&'static str, u32)],
        ours: &[(&'static str, u32)],
        theirs: &[(&'static str, u32)],
    ) -> (Vec<(&'static str, u32)>, Vec<Conflict>) {
        let mut conflicts = Vec::new();
        let merged = merge_keyed(base, ours, theirs, |e| e.0, |k| format!("entry {k}"), &mut conflicts);
        (merged, conflicts)
    }

    #[test]
    fn different_entries_changed_on_both_sides_both_count() {
        let base = [("a", 1), ("b", 2), ("c", 3)];
        let (merged, conflicts) = merge(&base, &[("a", 10), ("b", 2), ("c", 3), ("d", 4)], &[("a", 1), ("b", 20)]);
        assert!(conflicts.is_empty(), "{conflicts:?}");
        assert_eq!(merged, [("a", 10), ("b", 20), ("d", 4)], "c removed by theirs, d added by ours");
    }

    #[test]
    fn one_entry_changed_differently_is_its_conflict_and_theirs_holds() {
        let (merged, conflicts) = merge(&[("a", 1)], &[("a", 2)], &[("a", 3)]);
        assert_eq!(merged, [("a", 3)]);
        assert_eq!(conflicts.len(), 1);
        assert_eq!((conflicts[0].field.as_str(), conflicts[0].ours.as_str()), ("entry a", "a=2"));
    }
}
