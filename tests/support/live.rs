//! The real event loop in the test process: a workspace in a temp folder, the loop on a
//! `TestBackend`, scripted keys and file events, and the screen read back as text. Saves go
//! through the real saver thread; `settle` waits until they have landed, so nothing sleeps.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use trainboard::app::{App, Msg};
use trainboard::runtime::{Host, Runtime, Step, Wake};
use trainboard::storage::workspace_files::WorkspaceFiles;

/// The terminal's part, scripted: `$EDITOR` returns what the test put in `edited`.
#[derive(Default)]
pub struct ScriptedHost {
    pub edited: Vec<Result<String, String>>,
    pub suspended: usize,
}

impl Host for ScriptedHost {
    fn edit(&mut self, _id: &str, text: &str) -> std::io::Result<Result<String, String>> {
        Ok(if self.edited.is_empty() { Ok(text.to_string()) } else { self.edited.remove(0) })
    }
    fn suspend(&mut self) {
        self.suspended += 1;
    }
    fn continued(&mut self) {}
}

/// The app on the loop, at a clock of its own, and what the test sends it.
pub struct Live {
    pub rt: Runtime<TestBackend>,
    pub host: ScriptedHost,
    pub root: PathBuf,
    quit: Option<Vec<String>>,
}

impl Live {
    /// Opens the workspace at `root` as the screen does (broken boards get their banner) on a
    /// `width`×`height` test terminal, and draws the first frame.
    pub fn open(root: &Path, width: u16, height: u16) -> Live {
        let opened = trainboard::storage::open_tolerant::open_workspace(root).expect("the workspace opens");
        let opening = trainboard::app::sync::Opening::of(&opened);
        let files = WorkspaceFiles::new(&opened.root, opened.files, &opened.ws);
        let mut app = App::new(opened.ws, "~/boards");
        app.set_clock(|| "2026-11-22T10:00:00Z".to_string());
        let (tx, rx) = mpsc::channel();
        let terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
        let mut rt = Runtime::new(terminal, app, files, tx, rx);
        rt.prepare(|app, files| {
            // As the screen does (its status line says the first problem too).
            for key in opening.broken.keys() {
                files.mark_broken(key);
            }
            trainboard::app::sync::opened(app, opening);
        });
        let quit = match rt.start() {
            Step::Quit(lines) => Some(lines),
            Step::Continue => None,
        };
        Live { rt, host: ScriptedHost::default(), root: opened.root, quit }
    }

    pub fn app(&self) -> &App {
        self.rt.app()
    }

    /// Sends one wake through the loop, as if it had just arrived.
    pub fn wake(&mut self, wake: Wake) {
        assert!(self.quit.is_none(), "the loop has quit");
        if let Step::Quit(lines) = self.rt.step(Some(wake), &mut self.host).expect("the loop runs") {
            self.quit = Some(lines);
        }
    }

    /// Types the keys: each character a key press; `\n` is Enter, `\x1b` Esc, `\t` Tab.
    pub fn keys(&mut self, keys: &str) {
        for c in keys.chars() {
            let code = match c {
                '\n' => KeyCode::Enter,
                '\x1b' => KeyCode::Esc,
                '\t' => KeyCode::Tab,
                c => KeyCode::Char(c),
            };
            self.key(KeyEvent::new(code, KeyModifiers::NONE));
        }
    }

    pub fn key(&mut self, key: KeyEvent) {
        self.wake(Wake::Input(Msg::Key(key)));
    }

    /// Someone else wrote `file` (relative to the workspace): the watcher's event follows.
    pub fn someone_writes(&mut self, file: &str, text: &str) {
        let path = self.root.join(file);
        std::fs::write(&path, text).expect("writes the board");
        self.wake(Wake::Files(vec![path]));
    }

    /// Waits until every save asked for has landed and been handled, then draws.
    pub fn settle(&mut self) {
        self.rt.settle();
    }

    /// Quits through the loop (`q`), and returns what it would print after the terminal.
    pub fn quit(mut self) -> Vec<String> {
        self.keys("q");
        self.quit.take().expect("q quits")
    }

    /// The screen as lines of text, trailing spaces trimmed.
    pub fn screen(&self) -> String {
        let buf = self.rt.terminal().backend().buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// The board file as it is on disk.
    pub fn on_disk(&self, file: &str) -> trainboard::model::Board {
        let bytes = std::fs::read(self.root.join(file)).expect("the board file");
        trainboard::storage::parse_board(&bytes, file).expect("the board parses")
    }
}
