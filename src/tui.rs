//! The terminal around the loop: enter and restore the terminal (also on panic and signals),
//! read input on a thread, draw the first frame of a large workspace early, open the workspace,
//! and hand all of it to the backend-generic loop in `runtime.rs`.

use std::error::Error;
use std::io::{self, Write, stdout};
use std::path::Path;
use std::sync::mpsc::{self, Sender};
use std::thread;

use ratatui::Terminal;
use ratatui::prelude::CrosstermBackend;

use crate::app::{App, sync};
use crate::config::Settings;
use crate::input_thread::InputThread;
use crate::runtime::{Host, Runtime};
use crate::storage;
use crate::storage::workspace_files::WorkspaceFiles;
use crate::watch::WatchOptions;

pub use crate::storage::open_tolerant::OpenError;

pub use crate::terminal::{enter as enter_terminal, restore as restore_terminal};

/// Restores the terminal before the default panic message is printed, and logs the panic.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        tracing::error!("panic: {info}");
        previous(info);
    }));
}

pub use crate::runtime::Wake;

/// Forwards signals to the main loop, which acts between two messages, so a save in progress
/// always completes.
fn forward_signals(tx: Sender<Wake>) -> io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    thread::spawn(move || {
        for signal in signals.forever() {
            let wake = match signal {
                // The editor has the terminal and stopped its process group: stop with it.
                SIGTSTP if crate::terminal::handed_over() => {
                    crate::terminal::stop_self();
                    continue;
                }
                SIGTSTP => Wake::Suspend,
                SIGCONT => Wake::Continued,
                _ => Wake::Terminate,
            };
            if tx.send(wake).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// Opens the workspace at `root` on the screen until the user quits.
pub fn run(root: &Path, origin: &str, watch: WatchOptions, settings: Settings) -> Result<(), Box<dyn Error>> {
    if !std::io::IsTerminal::is_terminal(&stdout()) {
        return Err("the board screen needs a terminal; in scripts use `trainboard check`, `list` or `export`".into());
    }
    // Watch before reading, so a change made while a large workspace loads is seen: its
    // event waits in the queue and the reload finds bytes other than the ones we read.
    let (tx, rx) = mpsc::channel();
    let file_tx = tx.clone();
    let watcher = crate::watch::start(root, watch, move |paths| {
        let _ = file_tx.send(Wake::Files(paths));
    });
    // A large workspace shows the board it opens on while the others load.
    let first = storage::first_board::first_board_of(root);
    let early = first.is_some();
    if early {
        forward_signals(tx.clone())?;
        install_panic_hook();
        enter_terminal()?;
    }
    // The terminal that drew the early frame draws on: a new one would think the screen blank
    // and leave the early frame's characters wherever the next frame has spaces.
    let mut early_terminal = None;
    let first = match first {
        Some(storage::first_board::First { board, file, others }) => {
            let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
            let app = crate::early::loading_app(board, others, &settings, origin);
            let shown = crate::early::draw_once(&mut terminal, app);
            early_terminal = Some(terminal);
            shown.ok().flatten().map(|board| (board, file))
        }
        None => None,
    };
    let opened = match storage::open_tolerant::open_workspace_with(root, first) {
        Ok(opened) => opened,
        Err(problems) => {
            if early {
                restore_terminal();
            }
            return Err(OpenError(problems).into());
        }
    };
    let opening = sync::Opening::of(&opened);
    let root = opened.root.clone();
    let mut files = WorkspaceFiles::new(&root, opened.files, &opened.ws);
    let mut app = App::new(opened.ws, origin);
    for key in opening.broken.keys() {
        files.mark_broken(key);
    }
    let renumbered = opened.renumbering.boards;
    crate::early::configure_screen(&mut app, &settings);
    if let Some(problem) = settings.problem {
        app.error(problem);
    }
    if let Err(err) = &watcher {
        app.error(format!("not watching for changes by others: {err}"));
    }
    if !early {
        forward_signals(tx.clone())?;
        install_panic_hook();
        enter_terminal()?;
    }
    let result = (|| {
        let terminal = match early_terminal.take() {
            Some(terminal) => terminal,
            None => Terminal::new(CrosstermBackend::new(stdout()))?,
        };
        let mut host = TerminalHost { input: InputThread::spawn(tx.clone()) };
        let mut runtime = Runtime::new(terminal, app, files, tx, rx);
        // What opening found is said first; renumbered boards are saved at once.
        runtime.prepare(|app, files| {
            if !renumbered.is_empty() {
                crate::disk::save_now(app, files, &renumbered);
            }
            sync::opened(app, opening);
        });
        let result = runtime.run(&mut host);
        forget_terminal(runtime.into_terminal());
        result
    })();
    restore_terminal();
    drop(watcher);
    let farewell = result?;
    let mut stderr = io::stderr();
    for line in farewell {
        let _ = writeln!(stderr, "trainboard: {}", crate::text::clean(&line));
    }
    Ok(())
}

/// The real terminal's part of the loop: the editor takes the terminal, `Ctrl+z` gives it back
/// to the shell, and the input thread pauses meanwhile so no keystroke is stolen.
struct TerminalHost {
    input: InputThread,
}

impl Host for TerminalHost {
    fn edit(&mut self, id: &str, text: &str) -> io::Result<Result<String, String>> {
        self.input.pause();
        restore_terminal();
        crate::terminal::hand_over(true);
        let result = crate::editor::edit_text(id, text);
        crate::terminal::hand_over(false);
        enter_terminal()?;
        self.input.resume();
        Ok(result)
    }

    fn suspend(&mut self) {
        self.input.pause();
        let result = crate::terminal::suspend();
        self.input.resume();
        if let Err(err) = result {
            tracing::warn!("could not take the terminal back after a suspend: {err}");
        }
    }

    fn continued(&mut self) {
        let _ = enter_terminal();
    }
}

/// Lets go of a ratatui `Terminal` without its `Drop`, which prints to stderr (and so panics)
/// when showing the cursor fails on a closed terminal; `restore_terminal` shows the cursor.
fn forget_terminal(terminal: Terminal<CrosstermBackend<io::Stdout>>) {
    std::mem::forget(terminal);
}
