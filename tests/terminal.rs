//! Terminal and signals with the real binary in a pseudo-terminal: every signal gives the
//! terminal back, `Ctrl+z` and an outside SIGTSTP suspend and `fg` resumes with a redraw, and
//! a closed terminal ends quietly after saving.

mod support;
use support::scratch::Scratch;

use std::fs;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use support::pty::{PtyApp, keys};

const TEAM: &str = r#"Board(
    name: "Alpha",
    level: Team,
    columns: [(name: "Backlog"), (name: "Ready", wip: 2), (name: "In Progress", wip: 1), (name: "Accepted")],
    items: [
        (id: "S-1", title: "Redesign", column: "Backlog", points: 3),
        (id: "S-3", title: "Optimize performance", column: "Ready", points: 2),
    ],
)
"#;

const LEAVE_ALT: &str = "\x1b[?1049l";
const ENTER_ALT: &str = "\x1b[?1049h";
/// Part of crossterm's DisableMouseCapture (`\x1b[?1000l` first, then the other modes).
const MOUSE_OFF: &str = "\x1b[?1000l";

fn temp(name: &str) -> Scratch {
    let dir = Scratch::new(&format!("terminal-{name}"));
    fs::create_dir_all(dir.join("home")).unwrap();
    fs::create_dir_all(dir.join("ws")).unwrap();
    fs::write(dir.join("ws/team.ron"), TEAM).unwrap();
    dir
}

fn column_of(ws: &Path, id: &str) -> String {
    let (ws, _, _) = trainboard::storage::load_workspace(ws).into_workspace().expect("valid workspace");
    ws.item(id).unwrap().column.clone()
}

fn start(dir: &Path) -> PtyApp {
    let ws = dir.join("ws");
    let app = PtyApp::start(&[ws.to_str().unwrap()], &ws, &dir.join("home"), &[], 80, 24);
    app.wait_for("Redesign");
    app
}

/// Moves S-1 to Ready and waits for the status line, so there is a change to keep.
fn make_a_move(app: &mut PtyApp) {
    app.send("L");
    app.wait_for("S-1 moved to Ready");
}

#[test]
fn sigint_and_sigquit_give_the_terminal_back_and_keep_the_saves() {
    for signal in [libc::SIGINT, libc::SIGQUIT, libc::SIGTERM, libc::SIGHUP] {
        let dir = temp(&format!("signal-{signal}"));
        let mut app = start(&dir);
        make_a_move(&mut app);
        let mark = app.mark();
        let pid = app.pid().expect("pid") as i32;
        // SAFETY: sending a signal to the child we started.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
        let status = app.wait_status();
        assert_eq!(status.signal(), None, "signal {signal}: handled, not killed by it");
        assert!(status.exit_code() <= 1, "signal {signal}: exit {}", status.exit_code());
        let out = app.text_since(mark);
        assert!(out.contains(LEAVE_ALT), "signal {signal}: left the alternate screen: {out:?}");
        assert!(out.contains(MOUSE_OFF), "signal {signal}: mouse capture off: {out:?}");
        assert!(out.contains("\x1b[?25h"), "signal {signal}: cursor shown");
        assert!(app.terminal_restored(), "signal {signal}: raw mode off");
        assert_eq!(column_of(&dir.join("ws"), "S-1"), "Ready", "signal {signal}: the move is on disk");
        let _ = fs::remove_dir_all(&dir);
    }
}

/// The pid of the only child of `parent` (trainboard under the shell).
fn child_of(parent: u32) -> u32 {
    let start = Instant::now();
    loop {
        let children = fs::read_to_string(format!("/proc/{parent}/task/{parent}/children")).unwrap_or_default();
        if let Some(pid) = children.split_whitespace().next().and_then(|p| p.parse().ok()) {
            return pid;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "no child of {parent}");
        thread::sleep(Duration::from_millis(20));
    }
}

fn state_of(pid: u32) -> char {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rfind(')')
        .and_then(|at| stat[at + 1..].split_whitespace().next())
        .and_then(|s| s.chars().next())
        .unwrap_or('?')
}

fn wait_state(pid: u32, state: char) {
    let start = Instant::now();
    while state_of(pid) != state {
        assert!(start.elapsed() < Duration::from_secs(10), "process {pid} is {}, not {state}", state_of(pid));
        thread::sleep(Duration::from_millis(20));
    }
}

/// Suspends with `how`, checks the shell got a line-mode terminal, resumes with `fg` (the shell
/// sends SIGCONT and hands the terminal back) and checks the screen comes back whole.
fn suspend_and_resume(name: &str, how: impl Fn(&mut PtyApp, u32)) {
    let dir = temp(name);
    let ws = dir.join("ws");
    // A shell with job control, as a person's: `fg` after the stop, then report the exit.
    let script = r#"set -m; "$0" "$@"; read -r _; fg; echo "EXIT=$?"; read -r _"#;
    let tb = env!("CARGO_BIN_EXE_trainboard");
    let mut app =
        PtyApp::start_program("bash", &["-c", script, tb, ws.to_str().unwrap()], &ws, &dir.join("home"), &[], 80, 24);
    app.wait_for("Redesign");
    let pid = child_of(app.pid().unwrap());
    make_a_move(&mut app);
    let mark = app.mark();
    how(&mut app, pid);
    wait_state(pid, 'T');
    app.wait_output(mark, LEAVE_ALT);
    let out = app.text_since(mark);
    assert!(out.contains(MOUSE_OFF), "mouse capture off while suspended: {out:?}");
    assert!(app.terminal_restored(), "the shell gets a line-mode terminal");
    assert_eq!(column_of(&ws, "S-1"), "Ready", "the move was saved before the stop");
    let mark = app.mark();
    app.send(keys::ENTER);
    wait_state(pid, 'S');
    app.wait_output(mark, ENTER_ALT);
    app.wait_output(mark, "Redesign");
    // Raw mode again: a key works at once, without Enter.
    app.send("q");
    app.wait_output(mark, "EXIT=0");
    app.send(keys::ENTER);
    assert!(app.wait_exit());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn ctrl_z_suspends_and_fg_resumes_with_a_redraw() {
    suspend_and_resume("ctrl-z", |app, _| app.send("\x1a"));
}

#[test]
fn an_outside_sigtstp_suspends_the_same_way() {
    suspend_and_resume("sigtstp", |_, pid| {
        // SAFETY: sending a signal to the process we started.
        assert_eq!(unsafe { libc::kill(pid as i32, libc::SIGTSTP) }, 0);
    });
}

#[test]
fn ctrl_z_inside_the_editor_stops_trainboard_with_it_and_fg_resumes_both() {
    let dir = temp("editor-stop");
    let ws = dir.join("ws");
    // An editor that stops its process group as vim's Ctrl+z does, then saves nothing.
    let editor = dir.join("editor.sh");
    fs::write(&editor, "#!/bin/sh\nkill -TSTP 0\nexit 0\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&editor, fs::Permissions::from_mode(0o755)).unwrap();
    let script = r#"set -m; "$0" "$@"; read -r _; fg; echo "EXIT=$?"; read -r _"#;
    let tb = env!("CARGO_BIN_EXE_trainboard");
    let env = [("VISUAL", editor.to_str().unwrap())];
    let mut app =
        PtyApp::start_program("bash", &["-c", script, tb, ws.to_str().unwrap()], &ws, &dir.join("home"), &env, 80, 24);
    app.wait_for("Redesign");
    let pid = child_of(app.pid().unwrap());
    app.send("E");
    // The shell gets the terminal back: trainboard is stopped too, not left waiting.
    wait_state(pid, 'T');
    let mark = app.mark();
    app.send(keys::ENTER);
    wait_state(pid, 'S');
    app.wait_output(mark, ENTER_ALT);
    app.wait_output(mark, "Redesign");
    app.send("q");
    app.wait_output(mark, "EXIT=0");
    app.send(keys::ENTER);
    assert!(app.wait_exit());
    let _ = fs::remove_dir_all(&dir);
}

/// A pty whose master we can really close, so the terminal hangs up as when a window closes.
struct Hangable {
    master: Option<OwnedFd>,
    output: Arc<Mutex<Vec<u8>>>,
    stop: Arc<AtomicBool>,
    reader: Option<thread::JoinHandle<()>>,
}

impl Hangable {
    fn spawn(dir: &Path) -> (Hangable, std::process::Child) {
        let (mut master, mut slave) = (0, 0);
        let size = libc::winsize { ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0 };
        // SAFETY: openpty writes two new fds; the other pointers may be null or point to `size`.
        let ok = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), &size) };
        assert_eq!(ok, 0, "openpty");
        // The child must not inherit the master, or closing ours would not close the terminal.
        // SAFETY: fcntl on the fds just opened.
        unsafe {
            libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC);
            libc::fcntl(slave, libc::F_SETFD, libc::FD_CLOEXEC);
        }
        // SAFETY: both fds were just opened and are owned here.
        let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let ws = dir.join("ws");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_trainboard"));
        cmd.arg(&ws).current_dir(&ws).env("TERM", "xterm-256color").env("HOME", dir.join("home"));
        cmd.env("XDG_DATA_HOME", dir.join("home/data")).env("XDG_STATE_HOME", dir.join("home/state"));
        cmd.env("XDG_CONFIG_HOME", dir.join("home/config"));
        cmd.stdin(Stdio::from(slave.try_clone().unwrap()));
        cmd.stdout(Stdio::from(slave.try_clone().unwrap()));
        cmd.stderr(Stdio::from(slave));
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            use std::os::unix::process::CommandExt;
            cmd.pre_exec(|| {
                libc::setsid();
                libc::ioctl(0, libc::TIOCSCTTY, 0);
                Ok(())
            });
        }
        let child = cmd.spawn().expect("spawn trainboard");
        drop(cmd);
        let output = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (sink, stopped, fd) = (Arc::clone(&output), Arc::clone(&stop), master.as_raw_fd());
        let reader = thread::spawn(move || {
            let mut chunk = [0u8; 8192];
            while !stopped.load(Ordering::SeqCst) {
                let mut poll = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
                // SAFETY: one valid pollfd; fd stays open until this thread is joined.
                if unsafe { libc::poll(&mut poll, 1, 20) } <= 0 {
                    continue;
                }
                // SAFETY: reading into a buffer of the given length.
                let n = unsafe { libc::read(fd, chunk.as_mut_ptr().cast(), chunk.len()) };
                if n <= 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&chunk[..n as usize]);
            }
        });
        (Hangable { master: Some(master), output, stop, reader: Some(reader) }, child)
    }

    fn send(&self, keys: &str) {
        let fd = self.master.as_ref().unwrap().as_raw_fd();
        // SAFETY: writing a valid buffer to the open master.
        unsafe { libc::write(fd, keys.as_ptr().cast(), keys.len()) };
        thread::sleep(Duration::from_millis(150));
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while !String::from_utf8_lossy(&self.output.lock().unwrap()).contains(text) {
            assert!(start.elapsed() < Duration::from_secs(20), "timed out waiting for {text:?}");
            thread::sleep(Duration::from_millis(30));
        }
    }

    /// Closes the terminal: the last master fd goes, the kernel hangs up the child's tty.
    fn hang_up(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        self.master = None;
    }
}

#[test]
fn a_closed_terminal_ends_quietly_after_saving() {
    let dir = temp("hangup");
    let (mut tty, mut child) = Hangable::spawn(&dir);
    tty.wait_for("Redesign");
    tty.send("L");
    tty.wait_for("S-1 moved to Ready");
    tty.hang_up();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let pid = child.id();
            let mut threads = String::new();
            for task in fs::read_dir(format!("/proc/{pid}/task")).unwrap().flatten() {
                let stat = fs::read_to_string(task.path().join("stat")).unwrap_or_default();
                let wchan = fs::read_to_string(task.path().join("wchan")).unwrap_or_default();
                threads.push_str(&format!("{stat} [{wchan}]\n"));
            }
            let _ = child.kill();
            panic!("trainboard did not end after its terminal closed:\n{threads}");
        }
        thread::sleep(Duration::from_millis(30));
    };
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), None, "ended by itself, not by a signal: {status:?}");
    assert!(matches!(status.code(), Some(0 | 1)), "quietly, no panic (101): {status:?}");
    assert_eq!(column_of(&dir.join("ws"), "S-1"), "Ready", "the move is on disk");
    let _ = fs::remove_dir_all(&dir);
}
