//! The board lockfile (`NAME.ron.lock`), as git locks its index: created exclusively, holding
//! who took it; a lock whose process is gone is stale and taken over; a live one is waited for
//! briefly and then reported as "locked by USER@HOST since TIME".
//!
//! - **Never empty:** the owner is written to a temp file, fsynced, then hard-linked to the lock
//!   name (which fails if a lock exists); on any error the temp file is removed.
//! - **One winner on takeover:** a stale lock is removed only by the process holding `flock` on
//!   that very file, after checking that the name still points to it and it still reads the
//!   same; everyone then races to create a fresh lock, which only one can.
//! - **Pid reuse:** the lock records the owner's start time and the boot id; a live pid with
//!   another start time, or a lock from another boot, is stale.
//! - **Only ours is released:** dropping a lock removes the file only while it is still the one
//!   we created, with our text in it.
//!
//! `flock` is not the lock itself: a rename replaces the inode it locks, and it is unreliable on
//! network file systems; where it is not supported the takeover is best effort as before.

use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{FileExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use super::fault_injection::{Stage, check};
use super::process_identity::{Liveness, boot_id, liveness, start_ticks};
use super::temp_files::{self, TempFile};

/// How long to wait for another writer before giving up.
pub const LOCK_WAIT: Duration = Duration::from_secs(3);
/// A lock file without readable owner older than this is left over from a crash.
const UNREADABLE_STALE_AFTER: Duration = Duration::from_secs(10);
/// Lock files are a few lines; more is not a lock of ours.
const MAX_LOCK_TEXT: u64 = 4096;

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
    /// The owner process's start time in clock ticks since boot (`/proc/PID/stat` field 22).
    pub started: Option<u64>,
    /// `/proc/sys/kernel/random/boot_id` of the boot the owner ran in.
    pub boot: Option<String>,
}

impl Owner {
    pub fn me() -> Owner {
        let pid = std::process::id();
        Owner {
            pid,
            user: user_name(),
            host: host_name(),
            time: crate::clock::now_rfc3339(),
            started: start_ticks(pid),
            boot: boot_id(),
        }
    }

    pub fn to_text(&self) -> String {
        let mut text = format!("pid: {}\nuser: {}\nhost: {}\ntime: {}\n", self.pid, self.user, self.host, self.time);
        if let Some(started) = self.started {
            text.push_str(&format!("started: {started}\n"));
        }
        if let Some(boot) = &self.boot {
            text.push_str(&format!("boot: {boot}\n"));
        }
        text
    }

    pub fn parse(text: &str) -> Option<Owner> {
        let field = |name: &str| {
            text.lines().find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(": ")).map(str::to_string))
        };
        Some(Owner {
            pid: field("pid")?.parse().ok()?,
            user: field("user")?,
            host: field("host")?,
            time: field("time")?,
            started: field("started").and_then(|s| s.parse().ok()),
            boot: field("boot"),
        })
    }

    /// True when this owner is a process on this machine that no longer runs: no process has
    /// its pid, the one that has it started at another time, or the lock is from another boot.
    fn is_dead(&self) -> bool {
        if self.host != host_name() {
            return false;
        }
        if let (Some(theirs), Some(ours)) = (&self.boot, boot_id())
            && *theirs != ours
        {
            return true;
        }
        match liveness(self.pid) {
            Liveness::Dead => true,
            Liveness::Alive(now) => matches!((self.started, now), (Some(then), Some(now)) if then != now),
        }
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

/// The lock file of a board file.
pub fn lock_path(board: &Path) -> PathBuf {
    let mut name = board.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    board.with_file_name(name)
}

/// Which file a lock is: device and inode, and the exact text in it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Identity {
    dev: u64,
    ino: u64,
    text: Vec<u8>,
}

/// A held lock; dropping it removes the lock file if it is still ours.
#[derive(Debug)]
pub struct BoardLock {
    path: PathBuf,
    ours: Identity,
}

impl Drop for BoardLock {
    fn drop(&mut self) {
        release(&self.path, &self.ours);
    }
}

impl BoardLock {
    /// Takes the lock of `board`, waiting up to `wait` for a live holder to let go.
    pub fn acquire(board: &Path, wait: Duration) -> Result<BoardLock, LockError> {
        let path = lock_path(board);
        let start = Instant::now();
        let mut pause = Duration::from_millis(2);
        let text = Owner::me().to_text().into_bytes();
        loop {
            match try_create(&path, &text) {
                Ok(ours) => {
                    // Our lock is held: temp files of writers killed meanwhile can go.
                    if let Some(dir) = path.parent() {
                        temp_files::remove_dead(if dir.as_os_str().is_empty() { Path::new(".") } else { dir });
                    }
                    return Ok(BoardLock { path, ours });
                }
                Err(err) if err.kind() == ErrorKind::AlreadyExists => {}
                Err(source) => return Err(LockError::Io { path, source }),
            }
            let holder = match take_over_if_stale(&path) {
                Seen::Gone => continue,
                Seen::Held(holder) => holder,
            };
            if start.elapsed() >= wait {
                let holder = holder.unwrap_or(Owner {
                    pid: 0,
                    user: "?".into(),
                    host: "?".into(),
                    time: "?".into(),
                    started: None,
                    boot: None,
                });
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

/// Creates the lock with `text` already inside: written to a private temp file that is then
/// hard-linked to the lock name, which fails if the lock exists. So a lock is never seen empty,
/// even when its writer is killed half-way or the disk is full. File systems without hard links
/// fall back to create-new and write, removing the lock again if the write fails.
fn try_create(path: &Path, text: &[u8]) -> std::io::Result<Identity> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path.file_name().unwrap_or_default();
    let mut temp = TempFile::create(dir, name, 0o644)?;
    check(Stage::LockWrite).and_then(|()| temp.file.write_all(text))?;
    temp.file.sync_all()?;
    let meta = temp.file.metadata()?;
    match check(Stage::LockLink).and_then(|()| fs::hard_link(&temp.path, path)) {
        // The temp file goes when dropped; the lock keeps the inode.
        Ok(()) => Ok(Identity { dev: meta.dev(), ino: meta.ino(), text: text.to_vec() }),
        Err(err) if no_hard_links(&err) => {
            drop(temp);
            create_in_place(path, text)
        }
        Err(err) => Err(err),
    }
}

/// Errors that say the file system has no hard links (rather than that linking failed).
fn no_hard_links(err: &std::io::Error) -> bool {
    matches!(err.raw_os_error(), Some(libc::EPERM | libc::EOPNOTSUPP | libc::ENOSYS | libc::EMLINK))
}

fn create_in_place(path: &Path, text: &[u8]) -> std::io::Result<Identity> {
    let mut file =
        OpenOptions::new().write(true).create_new(true).mode(0o644).custom_flags(libc::O_NOFOLLOW).open(path)?;
    let written = check(Stage::LockWrite).and_then(|()| file.write_all(text)).and_then(|()| file.sync_all());
    let meta = written.and_then(|()| file.metadata());
    match meta {
        Ok(meta) => Ok(Identity { dev: meta.dev(), ino: meta.ino(), text: text.to_vec() }),
        Err(err) => {
            // We created it exclusively a moment ago: an empty or partial lock of ours goes.
            let _ = fs::remove_file(path);
            Err(err)
        }
    }
}

/// What a look at an existing lock found.
enum Seen {
    /// It is gone now (released, or we removed it as stale): try to create ours at once.
    Gone,
    /// Someone holds it (who, when readable); wait.
    Held(Option<Owner>),
}

/// Opens the lock file without following a symlink or blocking on a FIFO.
fn open_lock(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC).open(path)
}

fn read_text(file: &File) -> Option<Vec<u8>> {
    let mut text = Vec::new();
    file.take(MAX_LOCK_TEXT).read_to_end(&mut text).ok()?;
    Some(text)
}

/// Looks at the lock at `path`; when it is stale, removes it, exactly once among all the
/// processes that found it stale at the same time.
fn take_over_if_stale(path: &Path) -> Seen {
    let file = match open_lock(path) {
        Ok(file) => file,
        Err(err) if err.kind() == ErrorKind::NotFound => return Seen::Gone,
        Err(_) => return Seen::Held(None),
    };
    let Ok(meta) = file.metadata() else { return Seen::Held(None) };
    if !meta.is_file() {
        return Seen::Held(None);
    }
    let Some(text) = read_text(&file) else { return Seen::Held(None) };
    let holder = std::str::from_utf8(&text).ok().and_then(Owner::parse);
    if !is_stale(holder.as_ref(), meta.modified().ok()) {
        return Seen::Held(holder);
    }
    // Only the process holding flock on this very file may remove it; the others look again.
    if !flock_exclusive(&file) {
        return Seen::Held(holder);
    }
    let seen = Identity { dev: meta.dev(), ino: meta.ino(), text };
    if !still_names(path, &file, &seen) {
        // Someone else removed it (and maybe took a new lock) while we looked.
        return Seen::Held(holder);
    }
    let _ = fs::remove_file(path);
    // Dropping `file` releases the flock only now, after the name is gone.
    drop(file);
    Seen::Gone
}

/// True when `path` still names the file open as `file` and it still holds `ours.text`.
fn still_names(path: &Path, file: &File, ours: &Identity) -> bool {
    let same_file = path.symlink_metadata().is_ok_and(|m| m.dev() == ours.dev && m.ino() == ours.ino);
    let Ok(meta) = file.metadata() else { return false };
    if !same_file || meta.dev() != ours.dev || meta.ino() != ours.ino || meta.len() != ours.text.len() as u64 {
        return false;
    }
    let mut now = vec![0; ours.text.len()];
    file.read_exact_at(&mut now, 0).is_ok() && now == ours.text
}

/// Takes `flock(LOCK_EX)` without waiting. True when we hold it, or when the file system has no
/// flock at all (then the takeover is best effort).
fn flock_exclusive(file: &File) -> bool {
    // SAFETY: flock on an open file descriptor we own.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
        return true;
    }
    !matches!(std::io::Error::last_os_error().raw_os_error(), Some(libc::EWOULDBLOCK | libc::EINTR))
}

/// Removes the lock at `path` if it is still `ours`; a lock someone else took over stays.
fn release(path: &Path, ours: &Identity) {
    let Ok(file) = open_lock(path) else { return };
    // Wait briefly for a process that is looking at it right now; ours is not stale, so it
    // lets go at once.
    let start = Instant::now();
    while !flock_exclusive(&file) {
        if start.elapsed() > Duration::from_secs(1) {
            return;
        }
        thread::sleep(Duration::from_millis(1));
    }
    if still_names(path, &file, ours) {
        let _ = fs::remove_file(path);
    }
}

fn is_stale(holder: Option<&Owner>, modified: Option<SystemTime>) -> bool {
    match holder {
        Some(owner) => owner.is_dead(),
        // Not a lock text of ours (a crashed older version, or a hand-made file): only an old
        // one is stale.
        None => {
            modified.is_some_and(|t| SystemTime::now().duration_since(t).unwrap_or_default() > UNREADABLE_STALE_AFTER)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A board path in a scratch folder that goes when the returned guard does.
    fn temp(name: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::Builder::new().prefix(&format!("trainboard-lock-{name}-")).tempdir().unwrap();
        let board = dir.path().join("team.ron");
        (dir, board)
    }

    #[test]
    fn second_lock_waits_then_reports_the_holder() {
        let (_dir, board) = temp("busy");
        let held = BoardLock::acquire(&board, LOCK_WAIT).unwrap();
        let err = BoardLock::acquire(&board, Duration::from_millis(30)).unwrap_err();
        assert!(err.to_string().contains(&format!("locked by {}@", user_name())), "{err}");
        drop(held);
        assert!(!lock_path(&board).exists());
        BoardLock::acquire(&board, Duration::ZERO).unwrap();
    }

    #[test]
    fn lock_of_a_dead_process_is_taken_over() {
        let (_dir, board) = temp("stale");
        let dead = Owner {
            pid: 999_999_999,
            user: "ghost".into(),
            host: host_name(),
            time: "then".into(),
            started: None,
            boot: None,
        };
        fs::write(lock_path(&board), dead.to_text()).unwrap();
        BoardLock::acquire(&board, Duration::ZERO).expect("stale lock taken over");
    }

    #[test]
    fn a_lock_is_never_empty_and_leaves_no_temp_file() {
        let (_dir, board) = temp("content");
        let _held = BoardLock::acquire(&board, LOCK_WAIT).unwrap();
        let text = fs::read_to_string(lock_path(&board)).unwrap();
        assert_eq!(Owner::parse(&text).unwrap().pid, std::process::id());
        let others: Vec<_> = fs::read_dir(board.parent().unwrap()).unwrap().flatten().collect();
        assert_eq!(others.len(), 1, "only the lock itself");
    }

    #[test]
    fn lock_of_another_host_is_respected() {
        let (_dir, board) = temp("foreign");
        let other = Owner {
            pid: 1,
            user: "ana".into(),
            host: "elsewhere".into(),
            time: "2026-11-22T10:00:00Z".into(),
            started: None,
            boot: None,
        };
        fs::write(lock_path(&board), other.to_text()).unwrap();
        let err = BoardLock::acquire(&board, Duration::from_millis(10)).unwrap_err();
        assert!(err.to_string().contains("ana@elsewhere"), "{err}");
    }

    fn only_lock_left(board: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(board.parent().unwrap())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_live_pid_with_another_start_time_or_boot_is_stale() {
        let me = std::process::id();
        let Some(started) = start_ticks(me) else { return };
        let (_dir, board) = temp("reuse");
        let reused = Owner {
            pid: me,
            user: "old".into(),
            host: host_name(),
            time: "then".into(),
            started: Some(started + 1),
            boot: boot_id(),
        };
        fs::write(lock_path(&board), reused.to_text()).unwrap();
        drop(BoardLock::acquire(&board, Duration::ZERO).expect("a reused pid does not hold the lock"));
        let other_boot = Owner { started: Some(started), boot: Some("another-boot".into()), ..reused.clone() };
        fs::write(lock_path(&board), other_boot.to_text()).unwrap();
        drop(BoardLock::acquire(&board, Duration::ZERO).expect("a lock from another boot is stale"));
        // The same process at the same start time in this boot is alive: it is waited for.
        let live = Owner { started: Some(started), boot: boot_id(), ..reused };
        fs::write(lock_path(&board), live.to_text()).unwrap();
        assert!(BoardLock::acquire(&board, Duration::from_millis(10)).is_err());
        let text = fs::read_to_string(lock_path(&board)).unwrap();
        assert!(text.contains("user: old") && text.contains("started: "), "{text}");
    }

    #[test]
    fn dropping_a_lock_someone_took_over_leaves_theirs() {
        let (_dir, board) = temp("theirs");
        let held = BoardLock::acquire(&board, LOCK_WAIT).unwrap();
        // Someone decided ours was stale and put theirs in its place: a new file, and the
        // same file rewritten.
        let theirs = Owner {
            pid: 1,
            user: "ana".into(),
            host: "elsewhere".into(),
            time: "now".into(),
            started: None,
            boot: None,
        };
        fs::remove_file(lock_path(&board)).unwrap();
        fs::write(lock_path(&board), theirs.to_text()).unwrap();
        drop(held);
        assert_eq!(fs::read_to_string(lock_path(&board)).unwrap(), theirs.to_text());
        fs::remove_file(lock_path(&board)).unwrap();
        let held = BoardLock::acquire(&board, LOCK_WAIT).unwrap();
        let mut file = OpenOptions::new().write(true).truncate(true).open(lock_path(&board)).unwrap();
        file.write_all(theirs.to_text().as_bytes()).unwrap();
        drop(held);
        assert_eq!(fs::read_to_string(lock_path(&board)).unwrap(), theirs.to_text());
    }

    #[test]
    fn a_full_disk_leaves_no_lock_and_no_temp_file() {
        use super::super::fault_injection::{fail_nth, fail_nth_os, reset};
        let (_dir, board) = temp("full");
        for (stage, kind) in [(Stage::LockWrite, ErrorKind::StorageFull), (Stage::LockLink, ErrorKind::StorageFull)] {
            reset();
            fail_nth(stage, 1, kind);
            let err = BoardLock::acquire(&board, Duration::ZERO).unwrap_err();
            assert!(err.to_string().contains("injected"), "{err}");
            assert!(only_lock_left(&board).is_empty(), "{stage:?}: {:?}", only_lock_left(&board));
        }
        // A file system without hard links: the lock is written in place, and on a full disk
        // removed again rather than left empty.
        reset();
        fail_nth_os(Stage::LockLink, 1, libc::EPERM);
        fail_nth(Stage::LockWrite, 2, ErrorKind::StorageFull);
        assert!(BoardLock::acquire(&board, Duration::ZERO).is_err());
        assert!(only_lock_left(&board).is_empty(), "no empty lock: {:?}", only_lock_left(&board));
        reset();
        fail_nth_os(Stage::LockLink, 1, libc::EPERM);
        let held = BoardLock::acquire(&board, Duration::ZERO).expect("written in place");
        let text = fs::read_to_string(lock_path(&board)).unwrap();
        assert_eq!(Owner::parse(&text).unwrap().pid, std::process::id());
        assert_eq!(only_lock_left(&board), vec!["team.ron.lock".to_string()]);
        drop(held);
        reset();
        drop(BoardLock::acquire(&board, Duration::ZERO).unwrap());
        assert!(only_lock_left(&board).is_empty());
    }

    #[test]
    fn many_threads_taking_over_one_stale_lock_hold_it_one_at_a_time() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::{Arc, Barrier};
        let (_dir, board) = temp("race");
        for round in 0..30 {
            let dead = Owner {
                pid: 999_999_999,
                user: "ghost".into(),
                host: host_name(),
                time: format!("{round}"),
                started: None,
                boot: None,
            };
            fs::write(lock_path(&board), dead.to_text()).unwrap();
            let inside = Arc::new(AtomicUsize::new(0));
            let most = Arc::new(AtomicUsize::new(0));
            let barrier = Arc::new(Barrier::new(8));
            let threads: Vec<_> = (0..8)
                .map(|_| {
                    let (board, inside, most, barrier) = (board.clone(), inside.clone(), most.clone(), barrier.clone());
                    thread::spawn(move || {
                        barrier.wait();
                        let lock = BoardLock::acquire(&board, Duration::from_secs(10)).unwrap();
                        let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        thread::sleep(Duration::from_millis(2));
                        inside.fetch_sub(1, Ordering::SeqCst);
                        drop(lock);
                    })
                })
                .collect();
            for t in threads {
                t.join().unwrap();
            }
            assert_eq!(most.load(Ordering::SeqCst), 1, "round {round}: two holders at once");
            assert!(only_lock_left(&board).is_empty(), "round {round}: {:?}", only_lock_left(&board));
        }
    }
}
