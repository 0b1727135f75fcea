//! The workspace's files as the running app knows them: each board's path and the bytes last
//! read or written (the merge base), boards whose save is pending, and boards held back after a
//! conflict until the user chooses. Saves and reloads go through the save protocol.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::merge::{Conflict, fresh_id};
use crate::model::{Board, Workspace};

use super::id_set::IdSet;
use super::load_and_check::{LoadedFile, board_files, board_key, load_file};
use super::lock::{BoardLock, LOCK_WAIT};
use super::save_protocol::{Reloaded, Unsaved, reload, save_merged};

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
    base_ids: HashMap<String, IdSet>,
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
    pub fn base_bytes(&self, key: &str) -> Option<Vec<u8>> {
        self.files.get(key).map(|f| f.bytes.unpack())
    }

    pub fn has_unsaved(&self) -> bool {
        !self.unsaved.is_empty()
    }

    pub fn is_unsaved(&self, key: &str) -> bool {
        self.unsaved.contains(key)
    }

    /// Saves the given boards and any still pending, by the save protocol.
    pub fn save(&mut self, ws: &Workspace, keys: &[String]) -> SaveReport {
        let (jobs, mut report) = self.prepare_save(ws, keys);
        let outcomes = jobs.into_iter().map(SaveJob::run).collect();
        self.finish_save(outcomes, &mut report);
        report
    }

    /// The first half of [`WorkspaceFiles::save`]: takes the given boards and any still
    /// pending, and makes a job for each that may be written now (a snapshot of the board and
    /// its base bytes), which [`SaveJob::run`] can carry out on another thread. Boards that
    /// wait for the user (a broken file, a held conflict) stay pending and are said in the
    /// report; the jobs' boards count as saved until [`WorkspaceFiles::finish_save`].
    pub fn prepare_save(&mut self, ws: &Workspace, keys: &[String]) -> (Vec<SaveJob>, SaveReport) {
        self.unsaved.extend(keys.iter().cloned());
        let mut report = SaveReport::default();
        let mut jobs = Vec::new();
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
            let base_ids = self.base_ids.get(&key);
            let new_ids = board
                .items
                .iter()
                .filter(|i| base_ids.is_none_or(|b| !b.contains(&i.id)))
                .map(|i| i.id.clone())
                .collect();
            let leaving = base_ids
                .map(|b| b.iter().filter(|id| board.item(id).is_none()).map(str::to_string).collect())
                .unwrap_or_default();
            jobs.push(SaveJob {
                path: self.path_of(&key),
                base: self.files.get(&key).map(|f| f.bytes.clone()),
                board: board.clone(),
                new_ids,
                leaving,
                key,
            });
        }
        (jobs, report)
    }

    /// The second half of [`WorkspaceFiles::save`]: takes in what the jobs did (the new merge
    /// bases), and says it in `report`. Boards whose save failed are pending again.
    pub fn finish_save(&mut self, outcomes: Vec<SaveOutcome>, report: &mut SaveReport) {
        for SaveOutcome { key, path, result, ids, base, .. } in outcomes {
            match result {
                Ok(saved) => {
                    let bytes = base.unwrap_or_else(|| super::packed_base::Packed::new(&saved.bytes));
                    self.files.insert(key.clone(), LoadedFile { path, bytes });
                    self.base_ids.insert(key.clone(), ids);
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
    }

    /// Puts boards of jobs that were not carried out (the workspace lock was busy) back to
    /// pending.
    pub fn not_saved(&mut self, jobs: &[SaveJob]) {
        self.unsaved.extend(jobs.iter().map(|j| j.key.clone()));
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
            let copy = super::save_protocol::beside(&path, "unsaved", &now);
            match super::atomic::write_atomic(&copy, super::canonical::board_to_string(board).as_bytes()) {
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
        let leaving: Vec<(String, String)> = self
            .base_ids
            .iter()
            .filter_map(|(key, ids)| ws.board_by_key(key).map(|board| (key, ids, board)))
            .flat_map(|(key, ids, board)| {
                ids.iter().filter(|id| board.item(id).is_none()).map(|id| (key.clone(), id.to_string()))
            })
            .collect();
        match taken_on_disk(&self.root, &new_ids, &leaving) {
            Some(on_disk) => fresh_ids(ws, &new_ids, &on_disk),
            None => Vec::new(),
        }
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
        let outcome = reload(path, &key, self.base_bytes(&key).as_deref(), shown, unsaved, force);
        match &outcome {
            Reloaded::Changed { bytes, board, .. } => {
                self.broken.remove(&key);
                self.files.insert(key.clone(), LoadedFile::new(path.to_path_buf(), bytes));
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

    /// Writes a new board file under the workspace lock, at a free name (see
    /// [`super::create_board::write_new_board`]), and knows it from then on; returns the board with
    /// the key it got.
    pub fn create_board(&mut self, ws: &Workspace, board: Board) -> Result<Board, String> {
        let _workspace = self.lock_workspace().map_err(|err| err.to_string())?;
        let created = super::create_board::write_new_board(&self.root, board, |key| {
            ws.board_by_key(key).is_some() || self.files.contains_key(key)
        })?;
        let key = created.board.key.clone();
        self.base_ids.insert(key.clone(), ids_of(&created.board));
        self.files.insert(key, LoadedFile::new(created.path, &created.bytes));
        Ok(created.board)
    }

    /// Every board file currently known, for a full rescan.
    pub fn known_paths(&self) -> Vec<PathBuf> {
        self.files.values().map(|f| f.path.clone()).collect()
    }
}

fn ids_of(board: &Board) -> IdSet {
    IdSet::of(board)
}

/// One board to write by the save protocol, detached from the app so that another thread can
/// do it: the board as it was when the save was asked for, and the merge base.
#[derive(Debug, Clone)]
pub struct SaveJob {
    pub key: String,
    pub path: PathBuf,
    pub board: Board,
    /// The merge base, packed (unpacked where the job runs).
    pub base: Option<super::packed_base::Packed>,
    /// Ids on the board that its base does not have: ours, new since the last save.
    pub new_ids: Vec<String>,
    /// Ids its base has that the board no longer has: ours, leaving (moved or deleted).
    pub leaving: Vec<String>,
}

/// What a [`SaveJob`] did.
#[derive(Debug)]
pub struct SaveOutcome {
    pub key: String,
    pub path: PathBuf,
    /// The snapshot that was saved, kept only when the save merged in changes of others (to
    /// merge them with edits made meanwhile); otherwise it is dropped where the job ran.
    pub board: Option<Board>,
    pub result: Result<super::save_protocol::Saved, super::save_protocol::ProtocolError>,
    /// The ids of the board as saved (the next base's), gathered where the job ran.
    pub ids: IdSet,
    /// The bytes saved, packed where the job ran (the next merge base).
    pub base: Option<super::packed_base::Packed>,
}

impl SaveJob {
    /// Lock, re-read, merge, write, unlock (see [`save_merged`]).
    pub fn run(self) -> SaveOutcome {
        let base = self.base.as_ref().map(super::packed_base::Packed::unpack);
        let result = save_merged(&self.path, base.as_deref(), &self.board);
        let ids = match &result {
            Ok(saved) => ids_of(saved.merged.as_ref().unwrap_or(&self.board)),
            Err(_) => IdSet::default(),
        };
        let merged = result.as_ref().is_ok_and(|s| s.merged.is_some() || s.ours_kept.is_some());
        let board = merged.then_some(self.board);
        let base = result.as_ref().ok().map(|saved| super::packed_base::Packed::new(&saved.bytes));
        SaveOutcome { key: self.key, path: self.path, board, result, ids, base }
    }
}

/// When some of `new_ids` (board key, id) is used by another board file on disk: every id on
/// disk that is not one of those. `None` when none collides. Call under the workspace lock.
/// `leaving` are ids we took off a board (known in its base, gone from it in memory, e.g. a
/// story moved to another team): still on that board's disk until it is saved, but ours, not a
/// clash.
pub fn taken_on_disk(
    root: &Path,
    new_ids: &[(String, String)],
    leaving: &[(String, String)],
) -> Option<HashSet<String>> {
    if new_ids.is_empty() {
        return None;
    }
    let mut on_disk: HashSet<String> = HashSet::new();
    for path in board_files(root) {
        let key = board_key(root, &path);
        if let Ok((board, _)) = load_file(root, &path) {
            on_disk.extend(board.items.into_iter().map(|i| i.id).filter(|id| {
                let pair = (key.clone(), id.clone());
                !new_ids.contains(&pair) && !leaving.contains(&pair)
            }));
        }
    }
    new_ids.iter().any(|(_, id)| on_disk.contains(id)).then_some(on_disk)
}

/// A fresh id for each of `new_ids` that `on_disk` already uses, free in both the files and
/// the workspace.
pub fn fresh_ids(ws: &Workspace, new_ids: &[(String, String)], on_disk: &HashSet<String>) -> Vec<(String, String)> {
    let mut taken: HashSet<String> = on_disk.clone();
    taken.extend(ws.boards().iter().flat_map(|b| b.items.iter().map(|i| i.id.clone())));
    let mut renames = Vec::new();
    for (_, id) in new_ids.iter().filter(|(_, id)| on_disk.contains(id)) {
        let fresh = fresh_id(&taken, id);
        taken.insert(fresh.clone());
        renames.push((id.clone(), fresh));
    }
    renames
}
