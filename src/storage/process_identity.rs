//! Which process wrote a lock or a temp file, in a way that survives pid reuse: the pid, its
//! start time (field 22 of `/proc/PID/stat`, clock ticks since boot) and the boot id.
//!
//! Where `/proc` is missing the start time and boot id are unknown and only `kill(pid, 0)` is
//! asked, as before.

use std::fs;
use std::time::{Duration, SystemTime};

/// The start time of `pid` in clock ticks since boot, when `/proc` tells it.
pub fn start_ticks(pid: u32) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    parse_stat(&stat).map(|(_, start)| start)
}

/// (state, start time) from the text of `/proc/PID/stat`. The command name in parentheses may
/// hold spaces and parentheses itself, so the fields are counted after the last `)`.
fn parse_stat(stat: &str) -> Option<(char, u64)> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace();
    let state = fields.next()?.chars().next()?;
    // After the state (field 3) come fields 4..; the start time is field 22.
    let start = fields.nth(18)?.parse().ok()?;
    Some((state, start))
}

/// This boot's id (`/proc/sys/kernel/random/boot_id`), when known.
pub fn boot_id() -> Option<String> {
    let id = fs::read_to_string("/proc/sys/kernel/random/boot_id").ok()?;
    let id = id.trim();
    (!id.is_empty()).then(|| id.to_string())
}

/// How a process on this machine looks now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Liveness {
    /// No such process (or a zombie, which holds nothing any more).
    Dead,
    /// A process runs with this pid; its start time when known.
    Alive(Option<u64>),
}

pub fn liveness(pid: u32) -> Liveness {
    if pid == 0 {
        return Liveness::Dead;
    }
    if let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) {
        return match parse_stat(&stat) {
            Some(('Z' | 'X' | 'x', _)) => Liveness::Dead,
            Some((_, start)) => Liveness::Alive(Some(start)),
            None => Liveness::Alive(None),
        };
    }
    let Ok(raw) = i32::try_from(pid) else { return Liveness::Dead };
    // SAFETY: signal 0 only checks whether the process exists; nothing is sent.
    let result = unsafe { libc::kill(raw, 0) };
    if result == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH) {
        Liveness::Alive(None)
    } else {
        Liveness::Dead
    }
}

/// When `pid` started, as a wall-clock time, when `/proc` tells it.
pub fn started_at(pid: u32) -> Option<SystemTime> {
    let ticks = start_ticks(pid)?;
    let stat = fs::read_to_string("/proc/stat").ok()?;
    let boot: u64 = stat.lines().find_map(|l| l.strip_prefix("btime "))?.trim().parse().ok()?;
    // SAFETY: sysconf only reads a configuration value.
    let hz = u64::try_from(unsafe { libc::sysconf(libc::_SC_CLK_TCK) }).ok().filter(|&hz| hz > 0)?;
    Some(SystemTime::UNIX_EPOCH + Duration::from_secs(boot) + Duration::from_millis(ticks.saturating_mul(1000) / hz))
}

/// True when the writer `pid` of a file last modified at `modified` can no longer be writing it:
/// it is gone, or the process with that pid now started after the file was last written (the
/// pid was reused).
pub fn writer_gone(pid: u32, modified: SystemTime) -> bool {
    match liveness(pid) {
        Liveness::Dead => true,
        Liveness::Alive(_) => {
            // Two seconds of slack for the coarse boot time and clock ticks.
            started_at(pid).is_some_and(|start| start > modified + Duration::from_secs(2))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_start_time_after_a_name_with_parentheses() {
        let stat = "42 (a) b (c)) S 1 42 42 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10";
        assert_eq!(parse_stat(stat), Some(('S', 987_654)));
        assert_eq!(parse_stat("42 (x) S 1 2"), None);
    }

    #[test]
    fn this_process_is_alive_with_its_start_time() {
        let me = std::process::id();
        if std::path::Path::new("/proc/self/stat").exists() {
            assert_eq!(liveness(me), Liveness::Alive(start_ticks(me)));
            assert!(start_ticks(me).is_some());
            assert!(boot_id().is_some());
        }
        assert!(!writer_gone(me, SystemTime::now()));
        assert_eq!(liveness(0), Liveness::Dead);
    }
}
