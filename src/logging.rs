//! The log file: `trainboard.log` in the user's state folder (else the local data folder).
//! Never stdout or stderr, which belong to the screen while it is raw.

use std::fs::OpenOptions;
use std::sync::Mutex;

/// Starts logging to the file; when it cannot be opened, logging is simply off.
pub fn init() {
    let Some(dirs) = directories::ProjectDirs::from("", "", "trainboard") else { return };
    let dir = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir()).to_path_buf();
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let Ok(file) = OpenOptions::new().create(true).append(true).open(dir.join("trainboard.log")) else { return };
    let _ = tracing_subscriber::fmt().with_writer(Mutex::new(file)).with_ansi(false).try_init();
}
