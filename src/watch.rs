//! Noticing changes to board files made by others: a watch on the workspace folder itself
//! (not the files, whose watches die with the first rename-over save), debounced, backed up by
//! a slow poll of each file's size and modification time for network shares that send no
//! events. Both only say "look again at these paths"; the shell re-reads and merges.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, SystemTime};

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::storage::load_and_check::board_files;

/// How long events settle before they are reported (several writes of one save become one).
pub const DEBOUNCE: Duration = Duration::from_millis(120);
/// The default interval of the metadata poll.
pub const DEFAULT_POLL: Duration = Duration::from_secs(2);

/// What the watcher should use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WatchOptions {
    /// File system events (inotify and friends).
    pub events: bool,
    /// The metadata poll's interval; `None` switches it off.
    pub poll: Option<Duration>,
}

impl Default for WatchOptions {
    fn default() -> WatchOptions {
        WatchOptions { events: true, poll: Some(DEFAULT_POLL) }
    }
}

/// True for the files that can be boards of `root`: `*.ron` directly in it, not hidden, not
/// locks, conflict copies or merge-tool copies.
pub fn is_board_path(root: &Path, path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
    crate::storage::folder_scan::is_board_name(name) && crate::storage::folder_scan::is_in_root(root, path)
}

/// Keeps watching while it lives.
pub struct WorkspaceWatcher {
    _debouncer: Option<Debouncer<notify::RecommendedWatcher, RecommendedCache>>,
    stop: Arc<AtomicBool>,
}

impl Drop for WorkspaceWatcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Starts watching `root`; `changed` receives the board paths that may have changed.
pub fn start<F>(root: &Path, options: WatchOptions, changed: F) -> notify::Result<WorkspaceWatcher>
where
    F: Fn(Vec<PathBuf>) + Send + Sync + 'static,
{
    let changed = Arc::new(changed);
    let debouncer = if options.events {
        let report = Arc::clone(&changed);
        let watched = root.to_path_buf();
        let mut debouncer = new_debouncer(DEBOUNCE, Some(DEBOUNCE / 2), move |result: DebounceEventResult| {
            let paths = match result {
                Ok(events) => {
                    // Reads (open, close after reading) are not changes, and our own reloads
                    // make them: counting them would reload forever.
                    let changes = events.iter().filter(|e| !matches!(e.kind, EventKind::Access(_)));
                    let mut paths: Vec<PathBuf> =
                        changes.flat_map(|e| e.paths.iter()).filter(|p| is_board_path(&watched, p)).cloned().collect();
                    if paths.is_empty() {
                        return;
                    }
                    paths.sort();
                    paths.dedup();
                    paths
                }
                // The queue overflowed or similar: ask for a look at everything.
                Err(_) => Vec::new(),
            };
            report(paths);
        })?;
        debouncer.watch(root, RecursiveMode::NonRecursive)?;
        Some(debouncer)
    } else {
        None
    };
    let stop = Arc::new(AtomicBool::new(false));
    if let Some(interval) = options.poll {
        let root = root.to_path_buf();
        let stop = Arc::clone(&stop);
        thread::spawn(move || poll_loop(&root, interval, &stop, &*changed));
    }
    Ok(WorkspaceWatcher { _debouncer: debouncer, stop })
}

type Snapshot = HashMap<PathBuf, (u64, Option<SystemTime>)>;

fn snapshot(root: &Path) -> Snapshot {
    board_files(root)
        .into_iter()
        .map(|p| {
            let meta = std::fs::metadata(&p).ok();
            let stamp = meta.as_ref().map(|m| (m.len(), m.modified().ok())).unwrap_or((0, None));
            (p, stamp)
        })
        .collect()
}

fn poll_loop(root: &Path, interval: Duration, stop: &AtomicBool, changed: &(dyn Fn(Vec<PathBuf>) + Send + Sync)) {
    let mut last = snapshot(root);
    while !stop.load(Ordering::Relaxed) {
        thread::sleep(interval);
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let now = snapshot(root);
        let mut paths: Vec<PathBuf> =
            now.iter().filter(|(p, s)| last.get(*p) != Some(s)).map(|(p, _)| p.clone()).collect();
        paths.extend(last.keys().filter(|p| !now.contains_key(*p)).cloned());
        if !paths.is_empty() {
            paths.sort();
            changed(paths);
        }
        last = now;
    }
}
