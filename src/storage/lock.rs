//! The board lockfile (`NAME.ron.lock`), as git locks its index: created exclusively, holding
//! who took it; a lock whose process is gone is stale and taken over; a live one is waited for
//! briefly and then reported as "locked by USER@HOST since TIME".
//!
//! `flock` is not used: a rename replaces the inode it locks, and it is unreliable on network
//! file systems.

use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

/// How long to wait for another writer before giving up.
pub const LOCK_WAIT: Duration = Duration::from_secs(3);
/// A lock file without readable owner older than this is left over from a crash.
const UNREADABLE_STALE_AFTER: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{board} is locked by {user}@{host} (process {pid}) since {since}; try again in a moment")]
    Busy { board: String, user: String, host: String, pid: u32, since: String },
    #[error("cannot lock {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// Who holds a lock, as written inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub pid: u32,
    pub user: String,
    pub host: String,
    pub time: String,
}

impl Owner {
    pub fn me() -> Owner {
        Owner { pid: std::process::id(), user: user_name(), host: host_name(), time: crate::clock::now_rfc3339() }
    }

    fn to_text(&self) -> String {
        format!("pid: {}\nuser: {}\nhost: {}\ntime: {}\n", self.pid, self.user, self.host, self.time)
    }

    fn parse(text: &str) -> Option<Owner> {
        let field = |name: &str| {
            text.lines().find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(": ")).map(str::to_string))
        };
        Some(Owner {
            pid: field("pid")?.parse().ok()?,
            user: field("user")?,
            host: field("host")?,
            time: field("time")?,
        })
    }

    /// True when this owner is a process on this machine that no longer runs.
    fn is_dead(&self) -> bool {
        self.host == host_name() && !process_alive(self.pid)
    }
}

pub fn user_name() -> String {
    std::env::var("USER").or_else(|_| std::env::var("LOGNAME")).unwrap_or_else(|_| "someone".into())
}

pub fn host_name() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: buf is valid for its length; gethostname writes a NUL-terminated name into it.
    let ok = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0;
    let end = buf.iter().position(|&b| b == 0).unwrap_or(0);
    if ok && end > 0 { String::from_utf8_lossy(&buf[..end]).into_owned() } else { "localhost".into() }
}

fn process_alive(pid: u32) -> bool {
    let Ok(pid) = i32::try_from(pid) else { return false };
    // SAFETY: signal 0 only checks whether the process exists; nothing is sent.
    let result = unsafe { libc::kill(pid, 0) };
    result == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// The lock file of a board file.
pub fn lock_path(board: &Path) -> PathBuf {
    let mut name = board.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    board.with_file_name(name)
}

/// A held lock; dropping it removes the lock file.
#[derive(Debug)]
pub struct BoardLock {
    path: PathBuf,
}

impl Drop for BoardLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

impl BoardLock {
    /// Takes the lock of `board`, waiting up to `wait` for a live holder to let go.
    pub fn acquire(board: &Path, wait: Duration) -> Result<BoardLock, LockError> {
        let path = lock_path(board);
        let start = Instant::now();
        let mut pause = Duration::from_millis(2);
        loop {
            match try_create(&path) {
                Ok(()) => return Ok(BoardLock { path }),
                Err(err) if err.kind() == ErrorKind::AlreadyExists => {}
                Err(source) => return Err(LockError::Io { path, source }),
            }
            let holder = fs::read_to_string(&path).ok().and_then(|t| Owner::parse(&t));
            if is_stale(&path, holder.as_ref()) {
                // Remove and retry at once; if another process won the race, we wait for it.
                let _ = fs::remove_file(&path);
                continue;
            }
            if start.elapsed() >= wait {
                let holder = holder.unwrap_or(Owner { pid: 0, user: "?".into(), host: "?".into(), time: "?".into() });
                let board = board.file_name().unwrap_or_default().to_string_lossy().into_owned();
                return Err(LockError::Busy {
                    board,
                    user: holder.user,
                    host: holder.host,
                    pid: holder.pid,
                    since: holder.time,
                });
            }
            thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(50));
        }
    }
}

/// Creates the lock with its owner already inside: the owner is written to a private temp file
/// that is then hard-linked to the lock name, which fails if the lock exists. So a lock is never
/// seen empty, even when its writer is killed half-way. File systems without hard links fall
/// back to create-new and write.
fn try_create(path: &Path) -> std::io::Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = path.with_file_name(format!(".{name}-{}-{}", std::process::id(), unique()));
    let written = (|| {
        let mut file = OpenOptions::new().write(true).create_new(true).open(&temp)?;
        file.write_all(Owner::me().to_text().as_bytes())?;
        file.sync_all()
    })();
    let result = written.and_then(|()| fs::hard_link(&temp, path));
    let _ = fs::remove_file(&temp);
    match result {
        Err(err) if err.kind() != ErrorKind::AlreadyExists && err.kind() != ErrorKind::NotFound => {
            let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
            file.write_all(Owner::me().to_text().as_bytes())?;
            file.sync_all()
        }
        other => other,
    }
}

/// A number that differs between calls in one process.
fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn is_stale(path: &Path, holder: Option<&Owner>) -> bool {
    match holder {
        Some(owner) => owner.is_dead(),
        // Created but never written: the writer died between create and write, or is writing
        // right now; only an old one is stale.
        None => fs::metadata(path)
            .and_then(|m| m.modified())
            .map(|t| SystemTime::now().duration_since(t).unwrap_or_default() > UNREADABLE_STALE_AFTER)
            .unwrap_or(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("trainboard-lock-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir.join("team.ron")
    }

    #[test]
    fn second_lock_waits_then_reports_the_holder() {
        let board = temp("busy");
        let held = BoardLock::acquire(&board, LOCK_WAIT).unwrap();
        let err = BoardLock::acquire(&board, Duration::from_millis(30)).unwrap_err();
        assert!(err.to_string().contains(&format!("locked by {}@", user_name())), "{err}");
        drop(held);
        assert!(!lock_path(&board).exists());
        BoardLock::acquire(&board, Duration::ZERO).unwrap();
    }

    #[test]
    fn lock_of_a_dead_process_is_taken_over() {
        let board = temp("stale");
        let dead = Owner { pid: 999_999_999, user: "ghost".into(), host: host_name(), time: "then".into() };
        fs::write(lock_path(&board), dead.to_text()).unwrap();
        BoardLock::acquire(&board, Duration::ZERO).expect("stale lock taken over");
    }

    #[test]
    fn a_lock_is_never_empty_and_leaves_no_temp_file() {
        let board = temp("content");
        let _held = BoardLock::acquire(&board, LOCK_WAIT).unwrap();
        let text = fs::read_to_string(lock_path(&board)).unwrap();
        assert_eq!(Owner::parse(&text).unwrap().pid, std::process::id());
        let others: Vec<_> = fs::read_dir(board.parent().unwrap()).unwrap().flatten().collect();
        assert_eq!(others.len(), 1, "only the lock itself");
    }

    #[test]
    fn lock_of_another_host_is_respected() {
        let board = temp("foreign");
        let other = Owner { pid: 1, user: "ana".into(), host: "elsewhere".into(), time: "2026-11-22T10:00:00Z".into() };
        fs::write(lock_path(&board), other.to_text()).unwrap();
        let err = BoardLock::acquire(&board, Duration::from_millis(10)).unwrap_err();
        assert!(err.to_string().contains("ana@elsewhere"), "{err}");
    }
}
