//! The terminal's modes for the board screen: entering them (raw mode, alternate screen,
//! bracketed paste, mouse), giving them back (on quit, panic and every signal), and suspending
//! for `Ctrl+z` or an outside SIGTSTP so that the shell gets a line-mode terminal and `fg`
//! brings the screen back.

use std::io::{self, stdout};
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use ratatui::crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::crossterm::{cursor, execute};

/// Puts the terminal into raw mode on the alternate screen with bracketed paste and the mouse.
pub fn enter() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    // Clearing here (not with ratatui's `clear`) avoids a cursor-position query, which a
    // terminal that never answers would make wait for two seconds.
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        EnableMouseCapture,
        terminal::Clear(terminal::ClearType::All)
    )
}

/// Gives the terminal back as it was. Safe to call more than once, and when the terminal is
/// gone (every error is ignored).
pub fn restore() {
    let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = terminal::disable_raw_mode();
}

/// Restores the terminal, stops this process as SIGTSTP's default action would, and when it
/// is continued (`fg`, SIGCONT) enters the screen's modes again. The caller redraws it all.
pub fn suspend() -> io::Result<()> {
    restore();
    stop_self();
    enter()
}

/// Set while another program (the editor) owns the terminal.
static HANDED_OVER: AtomicBool = AtomicBool::new(false);

/// Says that another program owns the terminal now (`true`) or no longer (`false`).
pub fn hand_over(yes: bool) {
    HANDED_OVER.store(yes, Ordering::SeqCst);
}

/// True while another program owns the terminal: a SIGTSTP (the editor's own `Ctrl+z` stops its
/// whole process group) must stop us at once, as its default would, so the shell gets control.
pub fn handed_over() -> bool {
    HANDED_OVER.load(Ordering::SeqCst)
}

/// Raises SIGTSTP with its default action (stop), then puts back whatever handler was there.
/// Stops the whole process, whichever thread calls it.
pub fn stop_self() {
    // SAFETY: plain sigaction/sigprocmask/raise calls on valid, zeroed structures; the previous
    // action is restored unchanged once the process continues.
    unsafe {
        let mut default: libc::sigaction = std::mem::zeroed();
        default.sa_sigaction = libc::SIG_DFL;
        libc::sigemptyset(&mut default.sa_mask);
        let mut previous: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(libc::SIGTSTP, &default, &mut previous) != 0 {
            return;
        }
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGTSTP);
        let mut old_mask: libc::sigset_t = std::mem::zeroed();
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, &mut old_mask);
        libc::raise(libc::SIGTSTP);
        // Here only after SIGCONT (or at once when no shell can continue us: the stop of an
        // orphaned process group is discarded).
        libc::pthread_sigmask(libc::SIG_SETMASK, &old_mask, std::ptr::null_mut());
        libc::sigaction(libc::SIGTSTP, &previous, std::ptr::null_mut());
    }
}
