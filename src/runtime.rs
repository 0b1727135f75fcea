//! The screen's event loop, generic over the ratatui backend: it takes every wake (keys, file
//! changes, the saver's replies, signals), turns each into a message for `update`, carries out
//! the effects `update` asks for, and draws once per batch. It decides nothing itself. The
//! terminal (crossterm, an input thread, signals) is set up around it in `tui.rs`; tests run
//! it on a `TestBackend` with scripted wakes.

use std::collections::VecDeque;
use std::error::Error;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent};

use crate::app::{App, Effect, Msg, sync, update};
use crate::saver::Saver;
use crate::storage::workspace_files::WorkspaceFiles;

/// What wakes the loop: input, or files that may have changed.
pub enum Wake {
    Input(Msg),
    Files(Vec<PathBuf>),
    /// A mouse event; the loop adds where the last frame drew things.
    Mouse(MouseEvent),
    /// SIGTERM, SIGINT, SIGQUIT or SIGHUP, or the terminal is gone: save what is pending,
    /// restore, and quit.
    Terminate,
    /// SIGTSTP from outside (or `Ctrl+z`): give the terminal back and stop until continued.
    Suspend,
    /// SIGCONT: whoever stopped us may have changed the terminal's modes; set them and redraw.
    Continued,
    /// The saver thread finished a batch of saves.
    Saved(Box<crate::saver::Reply>),
}

/// What only the real terminal can do; tests script it.
pub trait Host {
    /// Runs `$EDITOR` on an item's text, the terminal handed over meanwhile: the edited text,
    /// or why it could not run. Errors when the terminal cannot be taken back.
    fn edit(&mut self, id: &str, text: &str) -> std::io::Result<Result<String, String>>;
    /// Gives the terminal back and stops until continued.
    fn suspend(&mut self);
    /// Continued after someone else stopped us: set the terminal's modes again.
    fn continued(&mut self);
}

/// How soon a save that could not be done is tried again.
const SAVE_RETRY: Duration = Duration::from_secs(2);

/// `Ctrl+z`, which raw mode delivers as a key instead of a signal.
fn is_suspend_key(key: &KeyEvent) -> bool {
    key.kind != KeyEventKind::Release
        && key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('z' | 'Z'))
}

/// The app on a terminal, with its files and the saver thread.
pub struct Runtime<B: Backend> {
    terminal: Terminal<B>,
    app: App,
    files: WorkspaceFiles,
    saver: Saver,
    rx: Receiver<Wake>,
    /// Where the last frame drew its tabs and overlay, for the mouse.
    hits: crate::app::mouse::Hits,
    /// Wakes that arrived while waiting for saves to land, for the next batch.
    held: VecDeque<Wake>,
    /// Effects that came with those saves and need the loop (the editor, quitting).
    held_effects: VecDeque<Effect>,
    drawn_at: Instant,
}

/// How a batch of wakes ended.
pub enum Step {
    Continue,
    /// Quit: lines to print once the terminal is restored.
    Quit(Vec<String>),
}

impl<B: Backend> Runtime<B> {
    /// The loop for `app` on `terminal`; the saver thread sends its replies to `tx`, whose
    /// receiver `rx` also gets input, file events and signals.
    pub fn new(terminal: Terminal<B>, app: App, files: WorkspaceFiles, tx: Sender<Wake>, rx: Receiver<Wake>) -> Self {
        let saver = Saver::spawn(&files.root, move |reply| tx.send(Wake::Saved(Box::new(reply))).is_ok());
        Self::with_saver(terminal, app, files, saver, rx)
    }

    /// The loop with a saver thread of the caller's (one that counts its writes, in a
    /// benchmark); it must send its replies as [`Wake::Saved`] to `rx`'s sender.
    pub fn with_saver(
        terminal: Terminal<B>,
        app: App,
        files: WorkspaceFiles,
        saver: Saver,
        rx: Receiver<Wake>,
    ) -> Self {
        Runtime {
            terminal,
            app,
            files,
            saver,
            rx,
            hits: crate::app::mouse::Hits::default(),
            held: VecDeque::new(),
            held_effects: VecDeque::new(),
            drawn_at: Instant::now(),
        }
    }

    /// When the last frame was drawn (for measuring key → screen).
    pub fn drawn_at(&self) -> Instant {
        self.drawn_at
    }

    pub fn app(&self) -> &App {
        &self.app
    }

    pub fn files(&self) -> &WorkspaceFiles {
        &self.files
    }

    pub fn terminal(&self) -> &Terminal<B> {
        &self.terminal
    }

    /// The terminal back, for the shell to let go of (its `Drop` may print).
    pub fn into_terminal(self) -> Terminal<B> {
        self.terminal
    }

    /// Runs `f` on the app and the files before the loop starts (what opening found, saving
    /// renumbered boards).
    pub fn prepare(&mut self, f: impl FnOnce(&mut App, &mut WorkspaceFiles)) {
        f(&mut self.app, &mut self.files);
    }

    /// Sizes the app to the terminal and draws the first frame.
    pub fn start(&mut self) -> Step {
        match self.terminal.size() {
            Ok(size) => {
                update(&mut self.app, Msg::Resize(size.width, size.height));
            }
            Err(_) => return Step::Quit(self.quit()),
        }
        if self.draw() { Step::Continue } else { Step::Quit(self.quit()) }
    }

    /// Runs until the user quits, a signal ends it or the terminal is gone.
    pub fn run(&mut self, host: &mut dyn Host) -> Result<Vec<String>, Box<dyn Error>> {
        if let Step::Quit(farewell) = self.start() {
            return Ok(farewell);
        }
        loop {
            let first = match self.next_wake() {
                Ok(first) => first,
                Err(()) => return Ok(self.files.keep_unsaved_beside(self.app.ws())),
            };
            if let Step::Quit(farewell) = self.step(first, host)? {
                return Ok(farewell);
            }
        }
    }

    /// Sleeps until something happens; wakes early to unmark cards changed by others, to try
    /// again a save that could not be done (a busy lock, a full disk), and to go on with work
    /// left (a search). `None`: the time came. `Err`: every sender is gone.
    fn next_wake(&mut self) -> Result<Option<Wake>, ()> {
        if let Some(wake) = self.held.pop_front() {
            return Ok(Some(wake));
        }
        if !self.held_effects.is_empty() {
            return Ok(None);
        }
        let next_unmark = sync::expire_marks(&mut self.app, Instant::now());
        let retry = self.files.retry_pending().then(|| Instant::now() + SAVE_RETRY);
        let busy = crate::app::dialogs::work_pending(&self.app).then(Instant::now);
        match [next_unmark, retry, busy].into_iter().flatten().min() {
            Some(at) => match self.rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(wake) => Ok(Some(wake)),
                Err(RecvTimeoutError::Timeout) => Ok(None),
                Err(RecvTimeoutError::Disconnected) => Err(()),
            },
            None => self.rx.recv().map(Some).map_err(|_| ()),
        }
    }

    /// One batch: `first` (`None` when the loop woke by its timer) and every wake already
    /// waiting; then the effects, then one frame.
    pub fn step(&mut self, first: Option<Wake>, host: &mut dyn Host) -> Result<Step, Box<dyn Error>> {
        if first.is_none() && self.files.retry_pending() {
            self.request_save(&[]);
        }
        let mut effects: VecDeque<Effect> = self.held_effects.drain(..).collect();
        if first.is_none() {
            effects.extend(update(&mut self.app, Msg::Tick));
        }
        let mut redraw_all = false;
        let mut waiting: Vec<Wake> = self.held.drain(..).collect();
        waiting.extend(std::iter::from_fn(|| self.rx.try_recv().ok()));
        for wake in first.into_iter().chain(waiting) {
            match wake {
                Wake::Input(Msg::Key(key)) if is_suspend_key(&key) => {
                    host.suspend();
                    redraw_all = true;
                }
                Wake::Suspend => {
                    host.suspend();
                    redraw_all = true;
                }
                Wake::Continued => {
                    host.continued();
                    redraw_all = true;
                }
                Wake::Input(msg) => effects.extend(update(&mut self.app, msg)),
                Wake::Mouse(event) => effects.extend(update(&mut self.app, Msg::Mouse(event, self.hits.clone()))),
                Wake::Files(paths) => {
                    if let Some(paths) = self.hold_back(paths) {
                        effects.extend(crate::disk::look_again(&mut self.app, &mut self.files, paths));
                    }
                }
                Wake::Saved(reply) => effects.extend(self.landed(*reply)),
                Wake::Terminate => effects.push_back(Effect::Quit),
            }
        }
        while let Some(effect) = effects.pop_front() {
            let effect = match crate::disk::perform(&mut self.app, &mut self.files, effect) {
                Ok(more) => {
                    effects.extend(more);
                    continue;
                }
                Err(effect) => effect,
            };
            match effect {
                Effect::Quit => return Ok(Step::Quit(self.quit())),
                Effect::Save(keys) => self.request_save(&keys),
                Effect::OpenEditor { id, text } => {
                    let result = host.edit(&id, &text)?;
                    redraw_all = true;
                    effects.extend(update(&mut self.app, Msg::EditorReturned { id, original: text, result }));
                }
                _ => {}
            }
        }
        if redraw_all {
            // Someone else had the screen: repaint all of it. (Not `Terminal::clear`, which
            // asks the terminal where its cursor is, and the input thread may take the answer.)
            if let Ok(size) = self.terminal.size() {
                let _ = self.terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height));
                update(&mut self.app, Msg::Resize(size.width, size.height));
            }
        }
        sync::expire_marks(&mut self.app, Instant::now());
        if !self.draw() {
            tracing::info!("the terminal is gone; saving and quitting");
            return Ok(Step::Quit(self.quit()));
        }
        if self.send_saves() && !self.draw() {
            return Ok(Step::Quit(self.quit()));
        }
        Ok(Step::Continue)
    }

    /// Waits up to `timeout` for a wake and handles the batch it starts; nothing when none
    /// came (tests and benchmarks, which drive the loop themselves).
    pub fn step_waiting(&mut self, timeout: Duration, host: &mut dyn Host) -> Result<Step, Box<dyn Error>> {
        match self.held.pop_front().or_else(|| self.rx.recv_timeout(timeout).ok()) {
            Some(wake) => self.step(Some(wake), host),
            None => Ok(Step::Continue),
        }
    }

    /// Draws a frame; false when the terminal is gone.
    fn draw(&mut self) -> bool {
        let (app, hits) = (&self.app, &mut self.hits);
        let drawn = self.terminal.draw(|frame| *hits = crate::ui::render_with_hits(app, frame)).is_ok();
        self.drawn_at = Instant::now();
        drawn
    }

    /// Waits until the saver thread has written everything asked of it and each reply is
    /// handled (with what follows from it: a renumbered id saved again, a merge shown), then
    /// draws. Other wakes that arrive meanwhile wait for the next [`Runtime::step`].
    pub fn settle(&mut self) {
        self.flush();
        self.draw();
    }

    /// Quitting (asked, signalled, or the terminal is gone): waits for the saves in flight;
    /// then anything whose save failed earlier gets one more try; what still cannot be saved
    /// (a held conflict, a broken file, a busy lock) is written beside its board, and said
    /// once the terminal is back.
    pub fn quit(&mut self) -> Vec<String> {
        self.flush();
        if self.files.has_unsaved() {
            crate::disk::save_now(&mut self.app, &mut self.files, &[]);
        }
        self.files.keep_unsaved_beside(self.app.ws())
    }

    fn flush(&mut self) {
        let _ = self.send_saves();
        while self.saver.is_busy() {
            match self.rx.recv() {
                Ok(Wake::Saved(reply)) => {
                    let mut effects: VecDeque<Effect> = self.landed(*reply).into();
                    while let Some(effect) = effects.pop_front() {
                        match crate::disk::perform(&mut self.app, &mut self.files, effect) {
                            Ok(more) => effects.extend(more),
                            Err(Effect::Save(keys)) => self.request_save(&keys),
                            // The editor and quitting wait for the loop.
                            Err(other) => self.held_effects.push_back(other),
                        }
                    }
                    let _ = self.send_saves();
                }
                // Wakes that come meanwhile are handled with the next batch.
                Ok(other) => self.held.push_back(other),
                Err(_) => break,
            }
        }
    }

    /// Files that changed while their board is being written wait for the write to land, so
    /// our own write is known as ours; the rest are looked at now (`None`: nothing now).
    fn hold_back(&mut self, mut paths: Vec<PathBuf>) -> Option<Vec<PathBuf>> {
        if !self.saver.is_busy() {
            return Some(paths);
        }
        if paths.is_empty() {
            paths = crate::disk::every_board_file(&self.files);
        }
        let root = self.files.root.clone();
        let (later, now): (Vec<PathBuf>, Vec<PathBuf>) = paths
            .into_iter()
            .partition(|p| self.saver.is_writing(&crate::storage::load_and_check::board_key(&root, p)));
        for path in later {
            self.saver.defer(path);
        }
        (!now.is_empty()).then_some(now)
    }

    /// Asks for the boards to be saved: they go to the saver thread once the screen is drawn
    /// ([`Runtime::send_saves`]), or with the next batch when one is being written (so a
    /// burst of edits is written a few times, not once a key).
    fn request_save(&mut self, keys: &[String]) {
        self.files.defer(keys);
        self.saver.ask();
    }

    /// Sends what was asked to the saver thread, unless a batch is in flight (then it goes
    /// when that one lands). True when it had something to say (a board that cannot be saved
    /// now), so the screen is drawn again.
    fn send_saves(&mut self) -> bool {
        if !self.saver.take_ask() {
            return false;
        }
        let (jobs, report) = self.files.prepare_save(self.app.ws(), &[]);
        let said = !report.errors.is_empty();
        let report = Box::new(report);
        update(&mut self.app, Msg::Saved { report, snapshots: Default::default(), at: Instant::now() });
        if jobs.is_empty() {
            return said;
        }
        if let Err(jobs) = self.saver.send(jobs) {
            // The saver thread is gone: save here.
            self.files.not_saved(&jobs);
            crate::disk::save_now(&mut self.app, &mut self.files, &[]);
            return true;
        }
        said
    }

    /// A batch came back from the saver thread; files that changed meanwhile are looked at
    /// now. What was asked meanwhile goes out with the next [`Runtime::send_saves`].
    fn landed(&mut self, reply: crate::saver::Reply) -> Vec<Effect> {
        let deferred = self.saver.landed();
        let mut effects = crate::disk::landed(&mut self.app, &mut self.files, reply);
        if !deferred.is_empty() {
            effects.extend(crate::disk::look_again(&mut self.app, &mut self.files, deferred));
        }
        effects
    }
}
