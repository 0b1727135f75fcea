//! The workspace's files as the running app knows them: each board's path and the bytes last
//! read or written (the merge base), boards whose save is pending, and boards held back after a
//! conflict until the user chooses. Saves and reloads go through the save protocol.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::merge::{Conflict, fresh_id};
use crate::model::{Board, Workspace};

use super::load::{LoadedFile, board_files, board_key, load_file};
use super::lock::{BoardLock, LOCK_WAIT};
use super::protocol::{Reloaded, Unsaved, reload, save_merged};

#[derive(Debug)]
pub struct WorkspaceFiles {
    pub root: PathBuf,
    files: HashMap<String, LoadedFile>,
    /// Boards changed in memory that are not on disk yet (a save failed or is held back).
    unsaved: BTreeSet<String>,
    /// Boards with an unresolved conflict: ours stays in memory and is not saved until the
    /// user keeps it or takes theirs.
    held: BTreeSet<String>,
    /// The item ids in each board's base, to tell our new items without parsing the base.
    base_ids: HashMap<String, HashSet<String>>,
    /// Boards whose file is broken (does not parse or breaks a rule): never saved over, and
    /// read again even when their bytes are back to the last good ones.
    broken: BTreeSet<String>,
}

/// A conflict found while saving: theirs is on disk, ours in memory and in `copy`.
#[derive(Debug, Clone)]
pub struct ConflictReport {
    pub key: String,
    pub conflicts: Vec<Conflict>,
    pub copy: Option<PathBuf>,
}

/// What a round of saves did.
#[derive(Debug, Default)]
pub struct SaveReport {
    pub errors: Vec<String>,
    /// Boards whose saved version includes changes of others (after a conflict: with ours
    /// where both changed): show these.
    pub merged: Vec<Board>,
    pub conflicts: Vec<ConflictReport>,
    pub renamed: Vec<(String, String)>,
}

impl WorkspaceFiles {
    pub fn new(root: &Path, loaded: Vec<LoadedFile>, ws: &Workspace) -> WorkspaceFiles {
        let files = loaded.into_iter().map(|f| (board_key(root, &f.path), f)).collect();
        let base_ids = ws.boards().iter().map(|b| (b.key.clone(), ids_of(b))).collect();
        WorkspaceFiles {
            root: root.to_path_buf(),
            files,
            unsaved: BTreeSet::new(),
            held: BTreeSet::new(),
            base_ids,
            broken: BTreeSet::new(),
        }
    }

    pub fn path_of(&self, key: &str) -> PathBuf {
        self.files.get(key).map(|f| f.path.clone()).unwrap_or_else(|| self.root.join(key))
    }

    /// The bytes last loaded from or written to the board's file.
    pub fn base_bytes(&self, key: &str) -> Option<&[u8]> {
        self.files.get(key).map(|f| f.bytes.as_slice())
    }

    pub fn has_unsaved(&self) -> bool {
        !self.unsaved.is_empty()
    }

    pub fn is_unsaved(&self, key: &str) -> bool {
        self.unsaved.contains(key)
    }

    /// Saves the given boards and any still pending, by the save protocol.
    pub fn save(&mut self, ws: &Workspace, keys: &[String]) -> SaveReport {
        self.unsaved.extend(keys.iter().cloned());
        let mut report = SaveReport::default();
        for key in std::mem::take(&mut self.unsaved) {
            let Some(board) = ws.board_by_key(&key) else { continue };
            if board.is_read_only() {
                continue;
            }
            if self.broken.contains(&key) {
                self.unsaved.insert(key.clone());
                report.errors.push(format!("kept: {} is saved once its file is fixed", board.name));
                continue;
            }
            if self.held.contains(&key) {
                self.unsaved.insert(key.clone());
                report.errors.push(format!("{} has an unresolved conflict; press c to resolve it", board.name));
                continue;
            }
            let path = self.path_of(&key);
            match save_merged(&path, self.base_bytes(&key), board) {
                Ok(saved) => {
                    self.files.insert(key.clone(), LoadedFile { path, bytes: saved.bytes });
                    self.base_ids.insert(key.clone(), ids_of(saved.merged.as_ref().unwrap_or(board)));
                    report.renamed.extend(saved.renamed);
                    if let Some(kept) = saved.ours_kept {
                        report.merged.push(kept);
                    }
                    if !saved.conflicts.is_empty() {
                        self.held.insert(key.clone());
                        self.unsaved.insert(key.clone());
                        report.conflicts.push(ConflictReport {
                            key,
                            conflicts: saved.conflicts,
                            copy: saved.conflict_file,
                        });
                    } else if let Some(merged) = saved.merged {
                        report.merged.push(merged);
                    }
                }
                Err(err) => {
                    self.unsaved.insert(key);
                    report.errors.push(err.to_string());
                }
            }
        }
        report
    }

    /// Takes the workspace lock (`.trainboard.lock`) that headless writers also take, so that
    /// checking new ids and saving happen as one step. Saving without it could hand out an id
    /// twice, so when it stays busy the caller keeps the change in memory and tries later.
    pub fn lock_workspace(&self) -> Result<BoardLock, super::lock::LockError> {
        BoardLock::acquire(&self.root.join(".trainboard"), LOCK_WAIT)
    }

    /// True when some board waits for a save that may work if tried again (not one held
    /// by a conflict or a broken file, which wait for the user).
    pub fn retry_pending(&self) -> bool {
        self.unsaved.iter().any(|k| !self.held.contains(k) && !self.broken.contains(k))
    }

    /// Remembers boards to be saved later (the workspace lock was busy).
    pub fn defer(&mut self, keys: &[String]) {
        self.unsaved.extend(keys.iter().cloned());
    }

    /// Marks a board whose file is broken: it is not saved, and its next reload is never
    /// taken as unchanged.
    pub fn mark_broken(&mut self, key: &str) {
        self.broken.insert(key.to_string());
    }

    /// The board's file is good again.
    pub fn mark_fixed(&mut self, key: &str) {
        self.broken.remove(key);
    }

    /// Writes every board whose changes are still only in memory beside its file, as
    /// `NAME.ron.unsaved-TIME` (the board file itself is left as it is): the last resort when
    /// the program ends with a held conflict, a broken file or a busy lock. Returns a line
    /// for each board saying where its changes are.
    pub fn keep_unsaved_beside(&self, ws: &Workspace) -> Vec<String> {
        let now = crate::clock::now_rfc3339();
        let mut lines = Vec::new();
        for key in &self.unsaved {
            let Some(board) = ws.board_by_key(key) else { continue };
            let path = self.path_of(key);
            let copy = super::protocol::beside(&path, "unsaved", &now);
            match super::save::write_atomic(&copy, super::write::board_to_string(board).as_bytes()) {
                Ok(()) => lines.push(format!(
                    "{}: changes not saved to the board; they are kept in {}",
                    path.display(),
                    copy.display()
                )),
                Err(err) => lines.push(format!("{}: changes could not be saved anywhere: {err}", path.display())),
            }
        }
        lines
    }

    /// Ids of our new items (not in the saved base) that another board file on disk now uses,
    /// each with a fresh id to take instead. Call while holding the workspace lock.
    pub fn colliding_new_ids(&self, ws: &Workspace, keys: &[String]) -> Vec<(String, String)> {
        let mut new_ids: Vec<(String, String)> = Vec::new();
        for key in keys.iter().chain(&self.unsaved) {
            let Some(board) = ws.board_by_key(key) else { continue };
            let base = self.base_ids.get(key);
            let is_new = |id: &String| base.is_none_or(|b| !b.contains(id));
            new_ids.extend(board.items.iter().filter(|i| is_new(&i.id)).map(|i| (key.clone(), i.id.clone())));
        }
        if new_ids.is_empty() {
            return Vec::new();
        }
        let mut on_disk: HashSet<String> = HashSet::new();
        for path in board_files(&self.root) {
            let key = board_key(&self.root, &path);
            // An id we knew on that board and took off it (a story moved to another team, not
            // saved there yet) is ours leaving, not someone else's.
            let base = self.base_ids.get(&key);
            let shown = ws.board_by_key(&key);
            let ours_leaving = |id: &String| {
                base.is_some_and(|b| b.contains(id)) && shown.is_some_and(|board| board.item(id).is_none())
            };
            if let Ok((board, _)) = load_file(&self.root, &path) {
                on_disk.extend(
                    board
                        .items
                        .into_iter()
                        .map(|i| i.id)
                        .filter(|id| !new_ids.contains(&(key.clone(), id.clone())) && !ours_leaving(id)),
                );
            }
        }
        let mut taken: HashSet<String> = on_disk.clone();
        taken.extend(ws.boards().iter().flat_map(|b| b.items.iter().map(|i| i.id.clone())));
        let mut renames = Vec::new();
        for (_, id) in new_ids.into_iter().filter(|(_, id)| on_disk.contains(id)) {
            let fresh = fresh_id(&taken, &id);
            taken.insert(fresh.clone());
            renames.push((id, fresh));
        }
        renames
    }

    /// Lets a held board be saved again: ours wins over the fields in conflict.
    pub fn keep_ours(&mut self, key: &str) {
        self.held.remove(key);
        self.unsaved.insert(key.to_string());
    }

    /// Drops our held version: the next reload shows theirs.
    pub fn take_theirs(&mut self, key: &str) {
        self.held.remove(key);
        self.unsaved.remove(key);
        self.files.remove(key);
    }

    /// Re-reads a board file that may have changed; returns its key and what was found.
    pub fn reload(&mut self, path: &Path, ws: &Workspace) -> (String, Reloaded) {
        let key = board_key(&self.root, path);
        let shown = ws.board_by_key(&key);
        // Our unsaved changes are merged in; on a held board ours wins where both changed.
        let unsaved = match (self.held.contains(&key), self.unsaved.contains(&key)) {
            (true, _) => Unsaved::Prefer,
            (false, true) => Unsaved::Merge,
            (false, false) => Unsaved::None,
        };
        let force = self.broken.contains(&key);
        let outcome = reload(path, &key, self.base_bytes(&key), shown, unsaved, force);
        match &outcome {
            Reloaded::Changed { bytes, board, .. } => {
                self.broken.remove(&key);
                self.files.insert(key.clone(), LoadedFile { path: path.to_path_buf(), bytes: bytes.clone() });
                self.base_ids.insert(key.clone(), ids_of(board));
            }
            Reloaded::Removed => {
                self.files.remove(&key);
            }
            Reloaded::Broken(_) => {
                self.broken.insert(key.clone());
            }
            Reloaded::Unchanged => {}
        }
        (key, outcome)
    }

    /// Every board file currently known, for a full rescan.
    pub fn known_paths(&self) -> Vec<PathBuf> {
        self.files.values().map(|f| f.path.clone()).collect()
    }
}

fn ids_of(board: &Board) -> HashSet<String> {
    board.items.iter().map(|i| i.id.clone()).collect()
}
