//! A seam under every save for tests: make the Nth write, fsync, rename or lock write fail with a chosen
//! error, the way a full disk or a failing network share would. Off unless a test arms it,
//! and per thread, so parallel tests do not disturb each other.

use std::cell::RefCell;
use std::io;

/// A step of an atomic save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Write,
    Fsync,
    Rename,
    /// Writing the owner into a new lock's temp file.
    LockWrite,
    /// Linking that temp file to the lock's name.
    LockLink,
}

#[derive(Clone, Copy)]
enum Injected {
    Kind(io::ErrorKind),
    Os(i32),
}

#[derive(Default)]
struct Plan {
    /// (stage, which call of that stage fails counting from 1, error)
    failures: Vec<(Stage, usize, Injected)>,
    calls: [usize; 5],
}

thread_local! {
    static PLAN: RefCell<Plan> = RefCell::new(Plan::default());
}

fn index(stage: Stage) -> usize {
    match stage {
        Stage::Write => 0,
        Stage::Fsync => 1,
        Stage::Rename => 2,
        Stage::LockWrite => 3,
        Stage::LockLink => 4,
    }
}

/// Makes the `nth` (from 1) call of `stage` on this thread fail with `kind`.
pub fn fail_nth(stage: Stage, nth: usize, kind: io::ErrorKind) {
    PLAN.with(|p| p.borrow_mut().failures.push((stage, nth, Injected::Kind(kind))));
}

/// Makes the `nth` (from 1) call of `stage` on this thread fail with the OS error `errno`, for
/// code that tells errors apart by their number (`EPERM` from `link` on a file system without
/// hard links).
pub fn fail_nth_os(stage: Stage, nth: usize, errno: i32) {
    PLAN.with(|p| p.borrow_mut().failures.push((stage, nth, Injected::Os(errno))));
}

/// Forgets every planned failure and count.
pub fn reset() {
    PLAN.with(|p| *p.borrow_mut() = Plan::default());
}

/// Called before each stage of a save: fails when a test planned it.
pub fn check(stage: Stage) -> io::Result<()> {
    PLAN.with(|p| {
        let mut plan = p.borrow_mut();
        plan.calls[index(stage)] += 1;
        let call = plan.calls[index(stage)];
        match plan.failures.iter().find(|(s, n, _)| *s == stage && *n == call) {
            Some((_, _, Injected::Kind(kind))) => {
                Err(io::Error::new(*kind, format!("{stage:?} failed (injected)").to_lowercase()))
            }
            Some((_, _, Injected::Os(errno))) => Err(io::Error::from_raw_os_error(*errno)),
            None => Ok(()),
        }
    })
}
