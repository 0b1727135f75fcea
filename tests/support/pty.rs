//! Runs the real `trainboard` binary in a pseudo-terminal, types keys into it and reads the
//! screen back through a VT100 parser, as a person at a terminal would.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct PtyApp {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Arc<Mutex<Vec<u8>>>,
    rows: u16,
    cols: u16,
}

impl PtyApp {
    /// Starts `trainboard ARGS` in `cwd` with a private HOME and the given extra environment.
    pub fn start(args: &[&str], cwd: &Path, home: &Path, env: &[(&str, &str)], cols: u16, rows: u16) -> PtyApp {
        PtyApp::start_program(env!("CARGO_BIN_EXE_trainboard"), args, cwd, home, env, cols, rows)
    }

    /// Starts `program ARGS` (a shell that runs trainboard, say) like [`PtyApp::start`].
    pub fn start_program(
        program: &str,
        args: &[&str],
        cwd: &Path,
        home: &Path,
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> PtyApp {
        let pair =
            native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home);
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_STATE_HOME", home.join("state"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn trainboard");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        thread::spawn(move || {
            let mut chunk = [0u8; 8192];
            while let Ok(n) = reader.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&chunk[..n]);
            }
        });
        PtyApp { master: pair.master, writer, child, output, rows, cols }
    }

    /// Resizes the terminal (the program gets SIGWINCH); the screen is read at the new size.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        // Forget the old frames first: the program answers the resize with a whole new frame.
        thread::sleep(Duration::from_millis(100));
        self.output.lock().unwrap().clear();
        self.rows = rows;
        self.cols = cols;
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("resize the pty");
        thread::sleep(Duration::from_millis(200));
    }

    /// Everything the program wrote so far (since the last resize).
    pub fn bytes(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        let mut parser = vt100::Parser::new(self.rows, self.cols, 0);
        parser.process(&self.bytes());
        parser.screen().contents()
    }

    /// Waits until the screen shows `text`; panics with the screen after 20 s.
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("timed out waiting for {text:?}; screen:\n{screen}");
            }
            thread::sleep(Duration::from_millis(30));
        }
    }

    /// Types raw bytes (keys or escape sequences), then gives the app a moment. After a lone
    /// Esc the moment is long enough for the terminal reader to take it as Esc and not as Alt
    /// with the next key; after anything else a short one keeps the keys in separate reads.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        let pause = if keys.ends_with('\x1b') { 150 } else { 30 };
        thread::sleep(Duration::from_millis(pause));
    }

    /// Waits for the program to end; returns whether it exited successfully.
    pub fn wait_exit(&mut self) -> bool {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.success();
            }
            if start.elapsed() > Duration::from_secs(20) {
                let _ = self.child.kill();
                panic!("trainboard did not exit; screen:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(30));
        }
    }

    /// Waits for the program to end (panics after 20 s) and returns how it ended.
    pub fn wait_status(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if start.elapsed() > Duration::from_secs(20) {
                let _ = self.child.kill();
                panic!("trainboard did not exit; screen:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(30));
        }
    }

    /// How many bytes the program wrote so far: a mark for [`PtyApp::bytes_since`].
    pub fn mark(&self) -> usize {
        self.output.lock().unwrap().len()
    }

    /// What the program wrote after `mark`, as text.
    pub fn text_since(&self, mark: usize) -> String {
        let out = self.output.lock().unwrap();
        String::from_utf8_lossy(&out[mark.min(out.len())..]).into_owned()
    }

    /// Waits until the output after `mark` contains `needle`; panics after 20 s.
    pub fn wait_output(&self, mark: usize, needle: &str) {
        let start = Instant::now();
        while !self.text_since(mark).contains(needle) {
            if start.elapsed() > Duration::from_secs(20) {
                panic!("timed out waiting for {needle:?} in the output; got {:?}", self.text_since(mark));
            }
            thread::sleep(Duration::from_millis(30));
        }
    }

    /// True when the terminal is back in cooked mode (canonical input and echo on).
    pub fn terminal_restored(&self) -> bool {
        let fd = self.master.as_raw_fd().expect("pty fd");
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: fd is the open master side of the pty; termios is a valid out-pointer.
        let ok = unsafe { libc::tcgetattr(fd, &mut termios) } == 0;
        ok && termios.c_lflag & libc::ICANON != 0 && termios.c_lflag & libc::ECHO != 0
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }
}

/// Escape sequences for keys.
pub mod keys {
    pub const ENTER: &str = "\r";
    pub const ESC: &str = "\x1b";
    pub const TAB: &str = "\t";
    pub const SHIFT_RIGHT: &str = "\x1b[1;2C";
    pub const SHIFT_UP: &str = "\x1b[1;2A";
    pub const DOWN: &str = "\x1b[B";
}
