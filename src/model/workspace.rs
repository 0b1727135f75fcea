//! All boards of a workspace and the cross-board indexes: item id → board, parent → children.
//!
//! Every change goes through [`Workspace::apply`], which keeps the indexes current, so lookups
//! by id never scan.

use std::collections::{HashMap, HashSet};

use super::ModelError;
use super::board::{Board, Level};
use super::edit::Op;
use super::item::Item;

#[derive(Debug, Clone, Default)]
pub struct Workspace {
    boards: Vec<Board>,
    board_by_key: HashMap<String, usize>,
    board_of_item: HashMap<String, usize>,
    children: HashMap<String, Vec<String>>,
    /// Ids that were seen on more than one board (a superset: an id stays here after the
    /// clash is gone). Only these need a scan of the other boards to know who else holds them.
    maybe_shared: HashSet<String>,
    /// Counts the changes made, so a result computed from the workspace knows it is current.
    revision: u64,
}

impl Workspace {
    /// Builds a workspace; boards are ordered by level, then by key (file name).
    pub fn new(mut boards: Vec<Board>) -> Workspace {
        boards.sort_by(|a, b| (a.level, &a.key).cmp(&(b.level, &b.key)));
        for board in &mut boards {
            board.reindex();
        }
        let mut ws = Workspace { boards, ..Workspace::default() };
        ws.rebuild_indexes();
        ws
    }

    fn rebuild_indexes(&mut self) {
        self.board_by_key = self.boards.iter().enumerate().map(|(i, b)| (b.key.clone(), i)).collect();
        self.board_of_item.clear();
        self.children.clear();
        self.maybe_shared.clear();
        for (b, board) in self.boards.iter().enumerate() {
            for item in &board.items {
                if self.board_of_item.contains_key(&item.id) {
                    self.maybe_shared.insert(item.id.clone());
                }
                self.board_of_item.entry(item.id.clone()).or_insert(b);
                if let Some(parent) = &item.parent {
                    self.children.entry(parent.clone()).or_default().push(item.id.clone());
                }
            }
        }
    }

    /// The boards, giving up the workspace.
    pub fn into_boards(self) -> Vec<Board> {
        self.boards
    }

    pub fn boards(&self) -> &[Board] {
        &self.boards
    }

    pub fn board(&self, index: usize) -> Option<&Board> {
        self.boards.get(index)
    }

    pub fn board_index(&self, key: &str) -> Option<usize> {
        self.board_by_key.get(key).copied()
    }

    pub fn board_by_key(&self, key: &str) -> Option<&Board> {
        self.board_index(key).map(|i| &self.boards[i])
    }

    /// A board by its name or file (`Alpha`, `team-alpha.ron`, `team-alpha`), ignoring case.
    /// An archive shares its board's name, so by name the board itself is found; an archive
    /// only by its file name.
    pub fn board_named(&self, name: &str) -> Option<&Board> {
        let wanted = name.to_lowercase();
        let by_file = |b: &&Board| {
            let key = b.key.to_lowercase();
            key == wanted || key.trim_end_matches(".ron") == wanted
        };
        self.boards
            .iter()
            .find(|b| by_file(b) || (!b.is_archive() && b.name.to_lowercase() == wanted))
            .or_else(|| self.boards.iter().find(|b| b.name.to_lowercase() == wanted))
    }

    /// The archive of the board with file `key`, if it has one.
    pub fn archive_of(&self, key: &str) -> Option<&Board> {
        self.board_by_key(&super::archive::archive_key(key))
            .filter(|a| a.archive_of.as_deref() == Some(key))
            .or_else(|| self.boards.iter().find(|a| a.archive_of.as_deref() == Some(key)))
    }

    /// True when item `id` sits in an archive file.
    pub fn is_archived(&self, id: &str) -> bool {
        self.find(id).is_some_and(|(board, _)| board.is_archive())
    }

    /// Index of the board holding item `id`.
    pub fn board_of(&self, id: &str) -> Option<usize> {
        self.board_of_item.get(id).copied()
    }

    /// The item with `id` and the board it is on.
    pub fn find(&self, id: &str) -> Option<(&Board, &Item)> {
        let board = &self.boards[self.board_of(id)?];
        Some((board, board.item(id)?))
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.find(id).map(|(_, item)| item)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.board_of_item.contains_key(id)
    }

    /// Ids of the items whose `parent` is `id`, in the order they were found.
    pub fn children(&self, id: &str) -> &[String] {
        self.children.get(id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// `(done, total)` over the item's work-item children, or `None` when it has none. Counted
    /// are the children on a level below the item's board (a feature's stories, enablers, spikes
    /// and defects; an epic's features); risks never count, nor children on the item's own
    /// level or above, nor children whose board is not loaded.
    pub fn rollup(&self, id: &str) -> Option<(usize, usize)> {
        let level = self.find(id).map(|(board, _)| board.level);
        let (mut done, mut total) = (0, 0);
        for child in self.children(id) {
            let Some((board, item)) = self.find(child) else { continue };
            if board.kind_of(item) == super::item::Kind::Risk || level.is_some_and(|l| board.level <= l) {
                continue;
            }
            total += 1;
            done += usize::from(board.is_done(item));
        }
        (total > 0).then_some((done, total))
    }

    /// Boards of a level, as indexes, in tab order (archives are not tabs).
    pub fn boards_at(&self, level: Level) -> impl Iterator<Item = usize> + '_ {
        self.boards.iter().enumerate().filter(move |(_, b)| b.level == level && !b.is_archive()).map(|(i, _)| i)
    }

    /// The boards that are tabs (every board but the archives), as indexes, in tab order.
    pub fn tabs(&self) -> impl Iterator<Item = usize> + '_ {
        self.boards.iter().enumerate().filter(|(_, b)| !b.is_archive()).map(|(i, _)| i)
    }

    pub fn item_count(&self) -> usize {
        self.boards.iter().map(|b| b.items.len()).sum()
    }

    /// Replaces (or adds) a whole board, e.g. after it was reloaded from disk. Only that
    /// board's entries in the indexes change, so the cost follows the board, not the workspace.
    /// A replaced board keeps its place among the tabs.
    /// Changes with every board put, removed or op applied.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn put_board(&mut self, mut board: Board) {
        self.revision += 1;
        board.reindex();
        match self.board_index(&board.key) {
            Some(b) => {
                let old = std::mem::replace(&mut self.boards[b], board);
                for item in &old.items {
                    if self.boards[b].position(&item.id).is_none() && self.board_of_item.get(&item.id) == Some(&b) {
                        self.refind(&item.id);
                    }
                }
                self.index_items(b);
                self.relink(b, Some(&old));
            }
            None => {
                let at = self.boards.partition_point(|x| (x.level, &x.key) < (board.level, &board.key));
                self.boards.insert(at, board);
                for index in self.board_of_item.values_mut().filter(|i| **i >= at) {
                    *index += 1;
                }
                self.reindex_keys();
                self.index_items(at);
                self.relink(at, None);
            }
        }
    }

    /// Removes a board (its file disappeared).
    pub fn remove_board(&mut self, key: &str) -> Option<Board> {
        self.revision += 1;
        let index = self.board_index(key)?;
        let board = self.boards.remove(index);
        // Entries of the boards after it shift down; the removed board's own are found again.
        let removed = usize::MAX;
        for value in self.board_of_item.values_mut() {
            if *value == index {
                *value = removed;
            } else if *value > index {
                *value -= 1;
            }
        }
        self.reindex_keys();
        for item in &board.items {
            if self.board_of_item.get(&item.id) == Some(&removed) {
                self.refind(&item.id);
            }
        }
        self.relink(usize::MAX, Some(&board));
        Some(board)
    }

    fn reindex_keys(&mut self) {
        self.board_by_key = self.boards.iter().enumerate().map(|(i, b)| (b.key.clone(), i)).collect();
    }

    /// Points `id` at the first board that still holds it, or drops it.
    fn refind(&mut self, id: &str) {
        let holder = if self.maybe_shared.contains(id) {
            self.boards.iter().position(|board| board.position(id).is_some())
        } else {
            None
        };
        match holder {
            Some(at) => {
                self.board_of_item.insert(id.to_string(), at);
            }
            None => {
                self.board_of_item.remove(id);
            }
        }
    }

    /// Adds the ids of the board at `b` to `board_of_item`; the first board holding an id wins.
    fn index_items(&mut self, b: usize) {
        let board = &self.boards[b];
        for (pos, item) in board.items.iter().enumerate() {
            if board.position(&item.id) != Some(pos) {
                // An id used twice on this board.
                self.maybe_shared.insert(item.id.clone());
            }
            match self.board_of_item.get_mut(&item.id) {
                Some(at) if *at == b => {}
                Some(at) => {
                    self.maybe_shared.insert(item.id.clone());
                    *at = (*at).min(b);
                }
                None => {
                    self.board_of_item.insert(item.id.clone(), b);
                }
            }
        }
    }

    /// Brings the children lists of the parents named by `old` (what was at `b`) and by the
    /// board now at `b` (none when `b` is past the end) up to date, in board order and item
    /// order as a full rebuild lists them.
    fn relink(&mut self, b: usize, old: Option<&Board>) {
        let mut old_children: HashMap<&str, Vec<&str>> = HashMap::new();
        for item in old.map(|o| o.items.as_slice()).unwrap_or(&[]) {
            if let Some(parent) = &item.parent {
                old_children.entry(parent).or_default().push(&item.id);
            }
        }
        let mut new_children: HashMap<&str, Vec<&str>> = HashMap::new();
        for item in self.boards.get(b).map(|board| board.items.as_slice()).unwrap_or(&[]) {
            if let Some(parent) = &item.parent {
                new_children.entry(parent).or_default().push(&item.id);
            }
        }
        let mut parents: Vec<&str> = old_children.keys().chain(new_children.keys()).copied().collect();
        parents.sort_unstable();
        parents.dedup();
        let mut lists: Vec<(String, Vec<String>)> = Vec::with_capacity(parents.len());
        for parent in parents {
            let gone = old_children.get(parent).map(Vec::as_slice).unwrap_or(&[]);
            let added = new_children.get(parent).map(Vec::as_slice).unwrap_or(&[]);
            let current = self.children.get(parent).map(Vec::as_slice).unwrap_or(&[]);
            let shared = |ids: &[&str]| ids.iter().any(|id| self.maybe_shared.contains(*id));
            let list = if shared(gone) || shared(added) || current.iter().any(|c| self.maybe_shared.contains(c)) {
                self.children_by_scan(parent)
            } else {
                let mut list: Vec<String> = current.iter().filter(|c| !gone.contains(&c.as_str())).cloned().collect();
                let at =
                    list.iter().position(|c| self.board_of_item.get(c).is_some_and(|&i| i > b)).unwrap_or(list.len());
                list.splice(at..at, added.iter().map(|id| id.to_string()));
                list
            };
            lists.push((parent.to_string(), list));
        }
        for (parent, list) in lists {
            if list.is_empty() {
                self.children.remove(&parent);
            } else {
                self.children.insert(parent, list);
            }
        }
    }

    /// The children of `parent` found by looking at every item, as a rebuild does: for ids
    /// that more than one item uses, where the lists cannot tell whose entry is whose.
    fn children_by_scan(&self, parent: &str) -> Vec<String> {
        let with_parent = |i: &&Item| i.parent.as_deref() == Some(parent);
        self.boards.iter().flat_map(|b| b.items.iter().filter(with_parent).map(|i| i.id.clone())).collect()
    }

    /// The first board other than `key` that holds `id` and passes `usable`, by the indexes:
    /// a scan of the boards only when the id was ever seen on two boards.
    pub fn other_holder(&self, key: &str, id: &str, usable: impl Fn(&Board) -> bool) -> Option<&Board> {
        let first = self.boards.get(self.board_of(id)?)?;
        if first.key != key && usable(first) {
            return Some(first);
        }
        if !self.maybe_shared.contains(id) {
            return None;
        }
        self.boards.iter().find(|b| b.key != key && usable(b) && b.position(id).is_some())
    }

    fn board_mut(&mut self, key: &str) -> Result<(usize, &mut Board), ModelError> {
        let index = self.board_index(key).ok_or_else(|| ModelError::UnknownBoard(key.to_string()))?;
        Ok((index, &mut self.boards[index]))
    }

    fn position_in(&self, key: &str, id: &str) -> Result<usize, ModelError> {
        self.board_by_key(key)
            .ok_or_else(|| ModelError::UnknownBoard(key.to_string()))?
            .position(id)
            .ok_or_else(|| ModelError::UnknownItem(id.to_string()))
    }

    /// Applies one primitive op and returns the op that undoes it.
    pub fn apply(&mut self, op: Op) -> Result<Op, ModelError> {
        self.revision += 1;
        match op {
            Op::Insert { board, pos, item } => self.insert(board, pos, item),
            Op::Remove { board, id } => self.remove(board, id),
            Op::Replace { board, item } => self.replace(board, item),
            Op::Reposition { board, id, to } => self.reposition(board, id, to),
            Op::Reorder { board, ids } => self.reorder(board, ids),
            Op::SetField { board, field } => super::board_fields::set_field(self, board, field),
        }
    }

    fn insert(&mut self, key: String, pos: usize, item: Item) -> Result<Op, ModelError> {
        if self.contains(&item.id) {
            return Err(ModelError::DuplicateId(item.id));
        }
        let (index, board) = self.board_mut(&key)?;
        let pos = pos.min(board.items.len());
        let id = item.id.clone();
        if let Some(parent) = &item.parent {
            self.children.entry(parent.clone()).or_default().push(id.clone());
        }
        let board = &mut self.boards[index];
        board.items.insert(pos, item);
        board.reindex();
        self.board_of_item.insert(id.clone(), index);
        Ok(Op::Remove { board: key, id })
    }

    fn remove(&mut self, key: String, id: String) -> Result<Op, ModelError> {
        let pos = self.position_in(&key, &id)?;
        let (_, board) = self.board_mut(&key)?;
        let item = board.items.remove(pos);
        board.reindex();
        self.board_of_item.remove(&id);
        if let Some(parent) = &item.parent {
            self.unlink_child(parent, &id);
        }
        Ok(Op::Insert { board: key, pos, item })
    }

    fn replace(&mut self, key: String, item: Item) -> Result<Op, ModelError> {
        let pos = self.position_in(&key, &item.id)?;
        let (_, board) = self.board_mut(&key)?;
        let old = std::mem::replace(&mut board.items[pos], item);
        board.reindex_replaced(pos, &old.column);
        let new_parent = self.boards[self.board_index(&key).unwrap_or(0)].items[pos].parent.clone();
        if old.parent != new_parent {
            if let Some(parent) = &old.parent {
                self.unlink_child(parent, &old.id);
            }
            if let Some(parent) = new_parent {
                self.children.entry(parent).or_default().push(old.id.clone());
            }
        }
        Ok(Op::Replace { board: key, item: old })
    }

    fn reposition(&mut self, key: String, id: String, to: usize) -> Result<Op, ModelError> {
        let from = self.position_in(&key, &id)?;
        let (_, board) = self.board_mut(&key)?;
        let item = board.items.remove(from);
        let to = to.min(board.items.len());
        board.items.insert(to, item);
        board.reindex_span(from.min(to), from.max(to));
        Ok(Op::Reposition { board: key, id, to: from })
    }

    fn reorder(&mut self, key: String, ids: Vec<String>) -> Result<Op, ModelError> {
        let (_, board) = self.board_mut(&key)?;
        let mut positions = Vec::with_capacity(ids.len());
        let mut seen = vec![false; board.items.len()];
        for id in &ids {
            let pos = board.position(id).ok_or_else(|| ModelError::UnknownItem(id.clone()))?;
            if std::mem::replace(&mut seen[pos], true) {
                return Err(ModelError::DuplicateId(id.clone()));
            }
            positions.push(pos);
        }
        if positions.len() != board.items.len() {
            return Err(ModelError::OrderMismatch(key));
        }
        let old_ids: Vec<String> = board.items.iter().map(|i| i.id.clone()).collect();
        let mut slots: Vec<Option<Item>> = std::mem::take(&mut board.items).into_iter().map(Some).collect();
        board.items = positions.into_iter().filter_map(|p| slots[p].take()).collect();
        board.reindex();
        Ok(Op::Reorder { board: key, ids: old_ids })
    }

    fn unlink_child(&mut self, parent: &str, id: &str) {
        if let Some(list) = self.children.get_mut(parent) {
            list.retain(|c| c != id);
            if list.is_empty() {
                self.children.remove(parent);
            }
        }
    }
}
