//! Plain mode for screen readers and dumb terminals (`--plain`, or `TERM=dumb`): no
//! alternate screen and no box drawing. It prints the board as linear text, reads single
//! keys in raw mode through the same key map and `update` as the full screen, and after each
//! key prints what changed ("moved S-103 to In Progress, 3 of 3 WIP").

mod describe;

use std::collections::VecDeque;
use std::error::Error;
use std::io::{self, Write};
use std::path::Path;
use std::sync::mpsc::{self, Sender};
use std::thread;

use ratatui::crossterm::terminal;

pub use describe::{Snapshot, Typed, board_text, card_line, changes, count_text, selection_text, typed};

use crate::app::{App, Effect, Msg, update};
use crate::config::Settings;
use crate::input_thread::InputThread;
use crate::runtime::Wake;
use crate::storage::open_tolerant::OpenError;
use crate::storage::workspace_files::WorkspaceFiles;
use crate::watch::WatchOptions;

/// True when the terminal cannot draw the full screen (`TERM=dumb`).
pub fn terminal_is_dumb() -> bool {
    std::env::var("TERM").is_ok_and(|term| term == "dumb")
}

/// Opens the workspace at `root` in plain mode until the user quits.
pub fn run(root: &Path, origin: &str, watch: WatchOptions, settings: Settings) -> Result<(), Box<dyn Error>> {
    let (ws, files, root) = crate::storage::load_workspace(root).into_workspace().map_err(OpenError)?;
    if !std::io::IsTerminal::is_terminal(&io::stdin()) {
        return Err("plain mode reads single keys from a terminal; in scripts use `trainboard list` or `show`".into());
    }
    let mut files = WorkspaceFiles::new(&root, files, &ws);
    let mut app = App::new(ws, origin);
    crate::early::configure(&mut app, &settings);
    let (width, height) = terminal::size().unwrap_or((80, 24));
    update(&mut app, Msg::Resize(width, height));
    let (tx, rx) = mpsc::channel();
    let file_tx = tx.clone();
    let watcher = crate::watch::start(&root, watch, move |paths| {
        let _ = file_tx.send(Wake::Files(paths));
    });
    let mut opening = vec![format!("trainboard, plain mode: {}", crate::text::clean(origin))];
    if let Some(problem) = settings.problem {
        opening.push(crate::text::clean(&problem).into_owned());
    }
    if let Err(err) = &watcher {
        opening.push(format!("not watching for changes by others: {err}"));
    }
    opening.extend(board_text(&app));
    forward_signals(tx.clone())?;
    install_panic_hook();
    terminal::enable_raw_mode()?;
    say(&opening);
    let input = InputThread::spawn(tx);
    let result = event_loop(&mut app, &mut files, &rx, &input);
    let _ = terminal::disable_raw_mode();
    drop(watcher);
    result
}

/// Prints lines; raw mode needs the carriage return.
fn say(lines: &[String]) {
    let mut out = io::stdout().lock();
    for line in lines {
        let _ = write!(out, "{line}\r\n");
    }
    let _ = out.flush();
}

/// Echoes typing as a terminal in cooked mode would.
fn echo(typing: &Typed) {
    let mut out = io::stdout().lock();
    let _ = match typing {
        Typed::Append(text) => write!(out, "{text}"),
        Typed::Erase(n) => write!(out, "{}", "\x08 \x08".repeat(*n)),
        Typed::Replace(text) => write!(out, "\r\n{text}"),
    };
    let _ = out.flush();
}

fn event_loop(
    app: &mut App,
    files: &mut WorkspaceFiles,
    rx: &mpsc::Receiver<Wake>,
    input: &InputThread,
) -> Result<(), Box<dyn Error>> {
    // True while the cursor stands after echoed typing, on an unfinished line.
    let mut typing_line = false;
    loop {
        let Ok(first) = rx.recv() else { return Ok(()) };
        let before = Snapshot::of(app);
        let mut effects: VecDeque<Effect> = VecDeque::new();
        let mut keys = 0;
        for wake in std::iter::once(first).chain(std::iter::from_fn(|| rx.try_recv().ok())) {
            match wake {
                Wake::Input(msg) => {
                    keys += usize::from(matches!(msg, Msg::Key(_)));
                    effects.extend(update(app, msg));
                    // A line printed says the whole result: the search finishes first.
                    while crate::app::dialogs::work_pending(app) {
                        effects.extend(update(app, Msg::Tick));
                    }
                }
                Wake::Mouse(_) => {}
                Wake::Files(paths) => effects.extend(crate::disk::look_again(app, files, paths)),
                Wake::Terminate => effects.push_back(Effect::Quit),
                // Ctrl+z: give the shell its line-mode terminal, stop, and take raw mode back.
                Wake::Suspend => {
                    input.pause();
                    let _ = terminal::disable_raw_mode();
                    crate::terminal::stop_self();
                    let _ = terminal::enable_raw_mode();
                    input.resume();
                }
                Wake::Continued => {}
                // Plain mode saves on its own thread, as before; no saver thread replies.
                Wake::Saved(_) => {}
            }
        }
        while let Some(effect) = effects.pop_front() {
            match crate::disk::perform(app, files, effect) {
                Ok(more) => effects.extend(more),
                Err(Effect::Quit) => {
                    if files.has_unsaved() {
                        crate::disk::save_now(app, files, &[]);
                    }
                    say(&["bye".to_string()]);
                    return Ok(());
                }
                Err(Effect::Save(keys)) => crate::disk::save_now(app, files, &keys),
                Err(Effect::OpenEditor { id, text }) => {
                    input.pause();
                    let _ = terminal::disable_raw_mode();
                    let result = crate::editor::edit_text(&id, &text);
                    terminal::enable_raw_mode()?;
                    input.resume();
                    effects.extend(update(app, Msg::EditorReturned { id, original: text, result }));
                }
                Err(_) => {}
            }
        }
        if let Some(typing) = typed(&before, app) {
            echo(&typing);
            typing_line = true;
            continue;
        }
        let mut lines = changes(&before, app);
        if lines.is_empty() && keys > 0 {
            lines.push("no change; ? lists the keys".to_string());
        }
        if typing_line && !lines.is_empty() {
            say(&[String::new()]);
            typing_line = false;
        }
        say(&lines);
    }
}

/// SIGTERM and SIGHUP end the loop between two keys, so a save always completes.
fn forward_signals(tx: Sender<Wake>) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
    thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = tx.send(Wake::Terminate);
        }
    });
    Ok(())
}

/// Leaves raw mode before the panic message is printed.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = terminal::disable_raw_mode();
        tracing::error!("panic: {info}");
        previous(info);
    }));
}
