//! The shell's side of the files: reading boards again, saving now, taking in what the saver
//! thread reports, and the effects that touch files. It does the I/O and keeps the files'
//! bookkeeping ([`WorkspaceFiles`]); what the results mean for the screen and the undo
//! history is decided by `update`, which gets every result as a message.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use crate::app::disk::{Reload, Retry};
use crate::app::{App, Effect, Msg, update};
use crate::saver::Reply;
use crate::storage::save_protocol::Reloaded;
use crate::storage::workspace_files::WorkspaceFiles;

/// Re-reads the given board files (all known and present ones when the list is empty); each
/// result goes to `update`.
pub fn look_again(app: &mut App, files: &mut WorkspaceFiles, mut paths: Vec<PathBuf>) -> Vec<Effect> {
    tracing::info!("looking again at {} board file(s)", paths.len().max(1));
    if paths.is_empty() {
        paths = every_board_file(files);
    }
    let mut effects = Vec::new();
    for path in paths {
        let (key, outcome) = files.reload(&path, app.ws());
        let reload = match outcome {
            Reloaded::Unchanged => continue,
            Reloaded::Changed { board, changed, bytes } => {
                let file = crate::storage::LoadedFile::new(path.clone(), &bytes);
                let unsaved = files.is_unsaved(&key);
                Reload::Changed { board, changed, file, unsaved, at: Instant::now() }
            }
            Reloaded::Removed => Reload::Removed { key },
            Reloaded::Broken(problem) => Reload::Broken { key, problem },
        };
        effects.extend(update(app, Msg::Reloaded(Box::new(reload))));
    }
    effects
}

/// The board files we know and the ones in the folder now.
pub fn every_board_file(files: &WorkspaceFiles) -> Vec<PathBuf> {
    let mut paths = files.known_paths();
    paths.extend(crate::storage::load_and_check::board_files(&files.root));
    paths.sort();
    paths.dedup();
    paths
}

/// Saves the boards now, on this thread (plain mode, quitting, or when the saver thread is
/// gone). Under the workspace lock, a new item whose id someone else took meanwhile on another
/// board is renumbered before it is written, so no two items ever share an id. Without the
/// lock that check could race, so a busy lock keeps the change in memory for a later try.
pub fn save_now(app: &mut App, files: &mut WorkspaceFiles, keys: &[String]) {
    let _workspace = match files.lock_workspace() {
        Ok(lock) => lock,
        Err(err) => {
            files.defer(keys);
            update(app, Msg::SaveFailed { error: err.to_string(), retry: Retry::WhenFree });
            return;
        }
    };
    let mut keys = keys.to_vec();
    let renames = files.colliding_new_ids(app.ws(), &keys);
    keys.extend(crate::app::disk::renumber(app, &renames));
    let report = files.save(app.ws(), &keys);
    update(app, Msg::Saved { report: Box::new(report), snapshots: HashMap::new(), at: Instant::now() });
}

/// A batch came back from the saver thread: the files' bookkeeping is done here, the rest goes
/// to `update`.
pub fn landed(app: &mut App, files: &mut WorkspaceFiles, reply: Reply) -> Vec<Effect> {
    match reply {
        Reply::Busy { jobs, error } => {
            files.not_saved(&jobs);
            update(app, Msg::SaveFailed { error, retry: Retry::WhenFree })
        }
        Reply::Failed { keys, error } => {
            files.defer(&keys);
            update(app, Msg::SaveFailed { error, retry: Retry::NextTry })
        }
        Reply::Collisions { jobs, on_disk } => {
            files.not_saved(&jobs);
            let new_ids = jobs.iter().flat_map(|j| j.new_ids.iter().map(|id| (j.key.clone(), id.clone()))).collect();
            update(app, Msg::IdsTaken { new_ids, on_disk })
        }
        Reply::Done(mut outcomes) => {
            let snapshots: HashMap<String, crate::model::Board> =
                outcomes.iter_mut().filter_map(|o| Some((o.key.clone(), o.board.take()?))).collect();
            let mut report = crate::storage::workspace_files::SaveReport::default();
            files.finish_save(outcomes, &mut report);
            update(app, Msg::Saved { report: Box::new(report), snapshots, at: Instant::now() })
        }
    }
}

/// Carries out an effect that touches only files, returning what follows from it; any other
/// effect (save, editor, quit) is handed back for the caller's loop.
pub fn perform(app: &mut App, files: &mut WorkspaceFiles, effect: Effect) -> Result<Vec<Effect>, Effect> {
    match effect {
        Effect::KeepOurs(key) => {
            files.keep_ours(&key);
            Ok(vec![Effect::Save(Vec::new())])
        }
        Effect::TakeTheirs(key) => {
            files.take_theirs(&key);
            let path = files.path_of(&key);
            Ok(look_again(app, files, vec![path]))
        }
        Effect::CreateBoard(board) => {
            let result = files.create_board(app.ws(), *board).map(Box::new);
            Ok(update(app, Msg::BoardCreated(result)))
        }
        Effect::MarkBroken(key) => {
            files.mark_broken(&key);
            Ok(Vec::new())
        }
        other => Err(other),
    }
}
