//! The ids of a board's merge base, in one buffer: telling our new items from the base's and
//! finding the items that left it, without a separate allocation per id (a 100,000-item
//! workspace would otherwise keep a second copy of every id).

use crate::model::Board;

/// A sorted set of ids, stored end to end in one string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdSet {
    text: String,
    /// Where each id ends in `text`, in sorted order of the ids.
    ends: Vec<u32>,
}

impl IdSet {
    /// The ids of the board's items.
    pub fn of(board: &Board) -> IdSet {
        IdSet::from_ids(board.items.iter().map(|i| i.id.as_str()))
    }

    pub fn from_ids<'a>(ids: impl Iterator<Item = &'a str>) -> IdSet {
        let mut ids: Vec<&str> = ids.collect();
        ids.sort_unstable();
        ids.dedup();
        let mut set = IdSet { text: String::with_capacity(ids.iter().map(|id| id.len()).sum()), ends: Vec::new() };
        set.ends.reserve_exact(ids.len());
        for id in ids {
            set.text.push_str(id);
            set.ends.push(set.text.len() as u32);
        }
        set
    }

    fn get(&self, n: usize) -> &str {
        let start = if n == 0 { 0 } else { self.ends[n - 1] as usize };
        &self.text[start..self.ends[n] as usize]
    }

    pub fn contains(&self, id: &str) -> bool {
        let (mut lo, mut hi) = (0, self.ends.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.get(mid).cmp(id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    /// The ids, sorted.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|n| self.get(n))
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_each_id_once_and_nothing_else() {
        let set = IdSet::from_ids(["S-2", "S-10", "F-1", "S-2", "É-1", ""].into_iter());
        assert_eq!(set.len(), 5);
        for id in ["S-2", "S-10", "F-1", "É-1", ""] {
            assert!(set.contains(id), "{id}");
        }
        for id in ["S-1", "S-", "S-100", "F", "Z"] {
            assert!(!set.contains(id), "{id}");
        }
        assert_eq!(set.iter().collect::<Vec<_>>(), ["", "F-1", "S-10", "S-2", "É-1"]);
        assert!(!IdSet::default().contains("S-1"));
    }
}
