//! The workspace's files as the running app knows them: each board's path and the bytes last
//! read or written (the base for detecting outside changes), and boards whose save failed.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::model::Workspace;

use super::load::{LoadedFile, board_key};
use super::save::{SaveError, save_board};

#[derive(Debug)]
pub struct WorkspaceFiles {
    pub root: PathBuf,
    files: HashMap<String, LoadedFile>,
    /// Boards changed in memory whose last save failed; retried on the next save.
    unsaved: BTreeSet<String>,
}

impl WorkspaceFiles {
    pub fn new(root: &Path, loaded: Vec<LoadedFile>) -> WorkspaceFiles {
        let files = loaded.into_iter().map(|f| (board_key(root, &f.path), f)).collect();
        WorkspaceFiles { root: root.to_path_buf(), files, unsaved: BTreeSet::new() }
    }

    pub fn path_of(&self, key: &str) -> PathBuf {
        self.files.get(key).map(|f| f.path.clone()).unwrap_or_else(|| self.root.join(key))
    }

    /// The bytes last loaded from or written to the board's file.
    pub fn base_bytes(&self, key: &str) -> Option<&[u8]> {
        self.files.get(key).map(|f| f.bytes.as_slice())
    }

    /// Saves the given boards and any whose earlier save failed. Returns the failures; a failed
    /// board keeps its change in memory and stays queued.
    pub fn save(&mut self, ws: &Workspace, keys: &[String]) -> Vec<SaveError> {
        self.unsaved.extend(keys.iter().cloned());
        let mut errors = Vec::new();
        for key in std::mem::take(&mut self.unsaved) {
            let Some(board) = ws.board_by_key(&key) else { continue };
            if board.is_read_only() {
                continue;
            }
            let path = self.path_of(&key);
            match save_board(&path, board) {
                Ok(bytes) => {
                    self.files.insert(key, LoadedFile { path, bytes });
                }
                Err(err) => {
                    self.unsaved.insert(key);
                    errors.push(err);
                }
            }
        }
        errors
    }

    pub fn unsaved(&self) -> impl Iterator<Item = &String> {
        self.unsaved.iter()
    }
}
