//! Saves off the UI thread: the event loop hands boards to save to a saver thread and goes on
//! drawing; the thread takes the workspace lock, checks our new ids against the files, writes
//! each board by the save protocol and sends back what happened as a [`Reply`].
//!
//! One batch is in flight at a time. Saves asked for meanwhile wait as pending boards and go
//! out together when the batch comes back, so a burst of edits writes a board a few times,
//! not once per key, and the last state is on disk one or two saves after the last key. The
//! loop sends after it has drawn, so taking the snapshot never delays the screen.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Sender};
use std::thread;

use crate::storage::lock::{BoardLock, LOCK_WAIT};
use crate::storage::workspace_files::{SaveJob, SaveOutcome, taken_on_disk};

/// What the saver thread did with a batch.
#[derive(Debug)]
pub enum Reply {
    /// The workspace lock stayed busy: nothing was written.
    Busy { jobs: Vec<SaveJob>, error: String },
    /// Another board file on disk took ids that are new on our boards: nothing was written;
    /// the ids on disk, to choose fresh ones and save again.
    Collisions { jobs: Vec<SaveJob>, on_disk: HashSet<String> },
    /// Each job carried out.
    Done(Vec<SaveOutcome>),
    /// Saving failed unexpectedly (the thread panicked): these boards are still unsaved.
    Failed { keys: Vec<String>, error: String },
}

/// The event loop's side of the saver thread.
pub struct Saver {
    tx: Sender<Vec<SaveJob>>,
    /// Keys of the batch being written, if one is.
    in_flight: Option<BTreeSet<String>>,
    /// A save was asked for and not sent yet.
    asked: bool,
    /// Files that changed while their board was being written: looked at once it is done, so
    /// our own write is known by its bytes.
    deferred: Vec<PathBuf>,
}

/// The workspace lock (`.trainboard.lock`) that headless writers also take.
pub fn lock_workspace(root: &Path) -> Result<BoardLock, crate::storage::lock::LockError> {
    BoardLock::acquire(&root.join(".trainboard"), LOCK_WAIT)
}

/// Carries out one batch under the workspace lock, as the event loop used to.
pub fn run_batch(root: &Path, jobs: Vec<SaveJob>) -> Reply {
    let _workspace = match lock_workspace(root) {
        Ok(lock) => lock,
        Err(err) => return Reply::Busy { jobs, error: err.to_string() },
    };
    let new_ids: Vec<(String, String)> =
        jobs.iter().flat_map(|j| j.new_ids.iter().map(|id| (j.key.clone(), id.clone()))).collect();
    let leaving: Vec<(String, String)> =
        jobs.iter().flat_map(|j| j.leaving.iter().map(|id| (j.key.clone(), id.clone()))).collect();
    if let Some(on_disk) = taken_on_disk(root, &new_ids, &leaving) {
        return Reply::Collisions { jobs, on_disk };
    }
    Reply::Done(jobs.into_iter().map(SaveJob::run).collect())
}

impl Saver {
    /// Starts the thread; each reply is handed to `deliver` (which wakes the event loop).
    pub fn spawn(root: &Path, deliver: impl Fn(Reply) -> bool + Send + 'static) -> Saver {
        let (tx, rx) = mpsc::channel::<Vec<SaveJob>>();
        let root = root.to_path_buf();
        let spawned = thread::Builder::new().name("saver".into()).spawn(move || {
            for jobs in rx {
                let keys: Vec<String> = jobs.iter().map(|j| j.key.clone()).collect();
                let reply = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_batch(&root, jobs)))
                    .unwrap_or_else(|_| Reply::Failed { keys, error: "saving failed unexpectedly".into() });
                if !deliver(reply) {
                    return;
                }
            }
        });
        if let Err(err) = spawned {
            // Without the thread, sends fail and the loop saves on its own thread, as before.
            tracing::warn!("no saver thread ({err}); saving on the event loop");
        }
        Saver { tx, in_flight: None, asked: false, deferred: Vec::new() }
    }

    pub fn is_busy(&self) -> bool {
        self.in_flight.is_some()
    }

    /// True when `key` is being written now.
    pub fn is_writing(&self, key: &str) -> bool {
        self.in_flight.as_ref().is_some_and(|keys| keys.contains(key))
    }

    /// Remembers that a save was asked for; it goes out with the next [`Saver::take_ask`].
    pub fn ask(&mut self) {
        self.asked = true;
    }

    /// True (once) when a save was asked for and none is in flight: time to send one.
    pub fn take_ask(&mut self) -> bool {
        !self.is_busy() && std::mem::take(&mut self.asked)
    }

    /// Something is asked or in flight.
    pub fn has_work(&self) -> bool {
        self.asked || self.is_busy()
    }

    /// Sends a batch to the thread. Should the thread be gone, the jobs come back.
    pub fn send(&mut self, jobs: Vec<SaveJob>) -> Result<(), Vec<SaveJob>> {
        let keys = jobs.iter().map(|j| j.key.clone()).collect();
        match self.tx.send(jobs) {
            Ok(()) => {
                self.in_flight = Some(keys);
                Ok(())
            }
            Err(mpsc::SendError(jobs)) => Err(jobs),
        }
    }

    /// The batch in flight came back: the files to look at again now.
    pub fn landed(&mut self) -> Vec<PathBuf> {
        self.in_flight = None;
        std::mem::take(&mut self.deferred)
    }

    /// Keeps a changed file for later when its board is being written.
    pub fn defer(&mut self, path: PathBuf) {
        if !self.deferred.contains(&path) {
            self.deferred.push(path);
        }
    }
}
