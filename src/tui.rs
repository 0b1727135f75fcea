//! The terminal shell: enter and restore the terminal (also on panic), read input on a thread,
//! run `update` on each message, carry out its effects (save, editor, quit), and draw once per
//! batch of messages.

use std::collections::VecDeque;
use std::error::Error;
use std::io::{self, stdout};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::prelude::CrosstermBackend;

use crate::app::{App, Effect, Msg, update};
use crate::storage::files::WorkspaceFiles;
use crate::storage::{self, FileProblem};

/// Problems that keep a workspace from opening, printed by `main` as `file:line:column: message`.
#[derive(Debug, thiserror::Error)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct OpenError(pub Vec<FileProblem>);

/// Puts the terminal into raw mode on the alternate screen with bracketed paste.
pub fn enter_terminal() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    // Clearing here (not with ratatui's `clear`) avoids a cursor-position query, which a
    // terminal that never answers would make wait for two seconds.
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste, terminal::Clear(terminal::ClearType::All))
}

/// Gives the terminal back as it was. Safe to call more than once.
pub fn restore_terminal() {
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        ratatui::crossterm::event::DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = terminal::disable_raw_mode();
}

/// Restores the terminal before the default panic message is printed, and logs the panic.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        tracing::error!("panic: {info}");
        previous(info);
    }));
}

/// Opens the workspace at `root` on the screen until the user quits.
pub fn run(root: &Path, origin: &str) -> Result<(), Box<dyn Error>> {
    let (ws, files, root) = storage::load_workspace(root).into_workspace().map_err(OpenError)?;
    let mut files = WorkspaceFiles::new(&root, files);
    let mut app = App::new(ws, origin);
    install_panic_hook();
    enter_terminal()?;
    let result = (|| {
        let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
        let (tx, rx) = mpsc::channel();
        let input = InputThread::spawn(tx);
        event_loop(&mut terminal, &mut app, &mut files, &rx, &input)
    })();
    restore_terminal();
    result
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
    app: &mut App,
    files: &mut WorkspaceFiles,
    rx: &Receiver<Msg>,
    input: &InputThread,
) -> Result<(), Box<dyn Error>> {
    let size = terminal.size()?;
    update(app, Msg::Resize(size.width, size.height));
    terminal.draw(|frame| crate::ui::render(app, frame))?;
    while let Ok(msg) = rx.recv() {
        let mut effects: VecDeque<Effect> = update(app, msg).into();
        while let Ok(msg) = rx.try_recv() {
            effects.extend(update(app, msg));
        }
        while let Some(effect) = effects.pop_front() {
            match effect {
                Effect::Quit => return Ok(()),
                Effect::Save(keys) => save(app, files, &keys),
                Effect::OpenEditor { id, text } => {
                    input.pause();
                    restore_terminal();
                    let result = crate::editor::edit_text(&id, &text);
                    enter_terminal()?;
                    // A new Terminal has an empty back buffer, so the next draw repaints all.
                    *terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
                    input.resume();
                    effects.extend(update(app, Msg::EditorReturned { id, result }));
                }
            }
        }
        terminal.draw(|frame| crate::ui::render(app, frame))?;
    }
    Ok(())
}

fn save(app: &mut App, files: &mut WorkspaceFiles, keys: &[String]) {
    let errors = files.save(&app.ws, keys);
    if let Some(first) = errors.first() {
        tracing::warn!("{first}");
        app.error(format!("{first}. The change is kept and will be saved with the next one."));
    }
}

/// What the input thread is asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InputState {
    Running,
    PauseRequested,
    Paused,
}

/// Reads terminal events on its own thread and forwards them as messages. It can be paused
/// while another program (the editor) owns the terminal, so no keystroke is stolen from it.
pub struct InputThread {
    state: Arc<(Mutex<InputState>, Condvar)>,
}

/// How often the input thread looks for a pause request while no key arrives.
const PAUSE_CHECK: Duration = Duration::from_millis(200);

impl InputThread {
    pub fn spawn(tx: Sender<Msg>) -> InputThread {
        let state = Arc::new((Mutex::new(InputState::Running), Condvar::new()));
        let shared = Arc::clone(&state);
        thread::spawn(move || input_loop(&shared, &tx));
        InputThread { state }
    }

    /// Waits until the thread has stopped reading the terminal.
    pub fn pause(&self) {
        let (lock, cvar) = &*self.state;
        let Ok(mut state) = lock.lock() else { return };
        *state = InputState::PauseRequested;
        while *state == InputState::PauseRequested {
            match cvar.wait(state) {
                Ok(next) => state = next,
                Err(_) => return,
            }
        }
    }

    pub fn resume(&self) {
        let (lock, cvar) = &*self.state;
        if let Ok(mut state) = lock.lock() {
            *state = InputState::Running;
            cvar.notify_all();
        }
    }
}

fn input_loop(shared: &(Mutex<InputState>, Condvar), tx: &Sender<Msg>) {
    let (lock, cvar) = shared;
    loop {
        {
            let Ok(mut state) = lock.lock() else { return };
            if *state == InputState::PauseRequested {
                *state = InputState::Paused;
                cvar.notify_all();
            }
            while *state == InputState::Paused {
                match cvar.wait(state) {
                    Ok(next) => state = next,
                    Err(_) => return,
                }
            }
        }
        match event::poll(PAUSE_CHECK) {
            Ok(true) => {}
            Ok(false) => continue,
            Err(_) => return,
        }
        let msg = match event::read() {
            Ok(Event::Key(key)) => Msg::Key(key),
            Ok(Event::Paste(text)) => Msg::Paste(text),
            Ok(Event::Resize(width, height)) => Msg::Resize(width, height),
            Ok(_) => continue,
            Err(_) => return,
        };
        if tx.send(msg).is_err() {
            return;
        }
    }
}
