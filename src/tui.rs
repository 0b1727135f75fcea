//! The terminal shell: enter and restore the terminal (also on panic), read input on a thread,
//! run `update` on each message, carry out its effects (save, editor, quit), and draw once per
//! batch of messages.

use std::collections::{HashMap, VecDeque};
use std::error::Error;
use std::io::{self, Write, stdout};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::prelude::CrosstermBackend;

use crate::app::state::ConflictView;
use crate::app::{App, Effect, Mode, Msg, sync, update};
use crate::config::Settings;
use crate::input_thread::InputThread;
use crate::saver::{Reply, Saver};
use crate::storage::files::{SaveReport, WorkspaceFiles};
use crate::storage::protocol::Reloaded;
use crate::storage::{self, FileProblem};
use crate::watch::WatchOptions;

/// Problems that keep a workspace from opening, printed by `main` as `file:line:column: message`.
#[derive(Debug, thiserror::Error)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct OpenError(pub Vec<FileProblem>);

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

/// What wakes the main loop: input, or files that may have changed.
pub enum Wake {
    Input(Msg),
    Files(Vec<PathBuf>),
    /// A mouse event; the main loop adds where the last frame drew things.
    Mouse(ratatui::crossterm::event::MouseEvent),
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

/// How soon a save that could not be done is tried again.
const SAVE_RETRY: Duration = Duration::from_secs(2);

/// `Ctrl+z`, which raw mode delivers as a key instead of a signal.
fn is_suspend_key(key: &KeyEvent) -> bool {
    key.kind != KeyEventKind::Release
        && key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('z' | 'Z'))
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
    let first = storage::first::first_board_of(root);
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
        Some(storage::first::First { board, file, others }) => {
            let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
            let app = crate::early::loading_app(board, others, &settings, origin);
            let shown = crate::early::draw_once(&mut terminal, app);
            early_terminal = Some(terminal);
            shown.ok().flatten().map(|board| (board, file))
        }
        None => None,
    };
    let opened = match storage::open::open_workspace_with(root, first) {
        Ok(opened) => opened,
        Err(problems) => {
            if early {
                restore_terminal();
            }
            return Err(OpenError(problems).into());
        }
    };
    let root = opened.root.clone();
    let mut files = WorkspaceFiles::new(&root, opened.files, &opened.ws);
    let mut app = App::new(opened.ws, origin);
    let opening = sync::Opening {
        broken: opened
            .broken
            .iter()
            .map(|(key, problems)| {
                (key.clone(), problems.iter().map(|p| short_problem(key, p)).collect::<Vec<_>>().join("\n"))
            })
            .collect(),
        warnings: opened.warnings.iter().chain(&opened.notes).map(ToString::to_string).collect(),
        renamed: opened.renumbering.renamed,
    };
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
    let saved_tx = tx.clone();
    let mut saver = Saver::spawn(&root, move |reply| saved_tx.send(Wake::Saved(Box::new(reply))).is_ok());
    let result = (|| {
        let mut terminal = match early_terminal.take() {
            Some(terminal) => terminal,
            None => Terminal::new(CrosstermBackend::new(stdout()))?,
        };
        let input = InputThread::spawn(tx);
        // What opening found is said first; renumbered boards are saved at once.
        if !renumbered.is_empty() {
            save(&mut app, &mut files, &renumbered);
        }
        sync::opened(&mut app, opening);
        let mut shell = Shell { files: &mut files, saver: &mut saver, rx: &rx };
        let result = event_loop(&mut terminal, &mut app, &mut shell, &input);
        forget_terminal(terminal);
        result
    })();
    restore_terminal();
    drop(watcher);
    let farewell = result?;
    let mut stderr = io::stderr();
    for line in farewell {
        let _ = writeln!(stderr, "trainboard: {}", crate::ui::text::clean(&line));
    }
    Ok(())
}

/// What the event loop works with besides the app: the files, the saver thread, the wakes
/// (the saver's replies among them).
pub struct Shell<'a> {
    pub files: &'a mut WorkspaceFiles,
    pub saver: &'a mut Saver,
    pub rx: &'a Receiver<Wake>,
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
    app: &mut App,
    shell: &mut Shell,
    input: &InputThread,
) -> Result<Vec<String>, Box<dyn Error>> {
    // Lines to print after the terminal is restored.
    let size = terminal.size()?;
    update(app, Msg::Resize(size.width, size.height));
    let mut hits = crate::ui::Hits::default();
    if terminal.draw(|frame| hits = crate::ui::render_with_hits(app, frame)).is_err() {
        return Ok(quit(app, shell));
    }
    loop {
        // Sleep until something happens; wake early to unmark cards changed by others, and
        // to try again a save that could not be done (a busy lock, a full disk).
        let next_unmark = sync::expire_marks(app, Instant::now());
        let retry = shell.files.retry_pending().then(|| Instant::now() + SAVE_RETRY);
        let busy = crate::app::dialogs::work_pending(app).then(Instant::now);
        let wake_at = [next_unmark, retry, busy].into_iter().flatten().min();
        let first = match wake_at {
            Some(at) => match shell.rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(wake) => Some(wake),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return Ok(shell.files.keep_unsaved_beside(&app.ws)),
            },
            None => Some(shell.rx.recv()?),
        };
        if first.is_none() && shell.files.retry_pending() {
            request_save(app, shell, &[]);
        }
        let mut effects: VecDeque<Effect> = VecDeque::new();
        if first.is_none() {
            effects.extend(update(app, Msg::Tick));
        }
        let mut redraw_all = false;
        for wake in first.into_iter().chain(std::iter::from_fn(|| shell.rx.try_recv().ok())) {
            match wake {
                Wake::Input(Msg::Key(key)) if is_suspend_key(&key) => redraw_all |= suspend(input),
                Wake::Suspend => redraw_all |= suspend(input),
                Wake::Continued => {
                    let _ = enter_terminal();
                    redraw_all = true;
                }
                Wake::Input(msg) => effects.extend(update(app, msg)),
                Wake::Mouse(event) => effects.extend(update(app, Msg::Mouse(event, hits.clone()))),
                Wake::Files(paths) => {
                    if let Some(paths) = hold_back(shell, paths) {
                        effects.extend(files_changed(app, shell.files, paths));
                    }
                }
                Wake::Saved(reply) => effects.extend(saved(app, shell, *reply)),
                Wake::Terminate => effects.push_back(Effect::Quit),
            }
        }
        while let Some(effect) = effects.pop_front() {
            match effect {
                Effect::Quit => return Ok(quit(app, shell)),
                Effect::Save(keys) => request_save(app, shell, &keys),
                Effect::KeepOurs(key) => {
                    shell.files.keep_ours(&key);
                    request_save(app, shell, &[]);
                }
                Effect::TakeTheirs(key) => {
                    shell.files.take_theirs(&key);
                    let path = shell.files.path_of(&key);
                    effects.extend(files_changed(app, shell.files, vec![path]));
                }
                Effect::CreateBoard(board) => {
                    let result = shell.files.create_board(&app.ws, *board);
                    crate::app::boards::created(app, result);
                }
                Effect::OpenEditor { id, text } => {
                    input.pause();
                    restore_terminal();
                    crate::terminal::hand_over(true);
                    let result = crate::editor::edit_text(&id, &text);
                    crate::terminal::hand_over(false);
                    enter_terminal()?;
                    // A new Terminal has an empty back buffer, so the next draw repaints all.
                    forget_terminal(std::mem::replace(terminal, Terminal::new(CrosstermBackend::new(stdout()))?));
                    input.resume();
                    effects.extend(update(app, Msg::EditorReturned { id, original: text, result }));
                }
            }
        }
        if redraw_all {
            // A new Terminal has an empty back buffer, so the next draw repaints all.
            forget_terminal(std::mem::replace(terminal, Terminal::new(CrosstermBackend::new(stdout()))?));
            if let Ok(size) = terminal.size() {
                update(app, Msg::Resize(size.width, size.height));
            }
        }
        sync::expire_marks(app, Instant::now());
        if terminal.draw(|frame| hits = crate::ui::render_with_hits(app, frame)).is_err() {
            tracing::info!("the terminal is gone; saving and quitting");
            return Ok(quit(app, shell));
        }
        if send_saves(app, shell) && terminal.draw(|frame| hits = crate::ui::render_with_hits(app, frame)).is_err() {
            return Ok(quit(app, shell));
        }
    }
}

/// Quitting (asked, signalled, or the terminal is gone): waits for the saves in flight; then
/// anything whose save failed earlier gets one more try; what still cannot be saved (a held
/// conflict, a broken file, a busy lock) is written beside its board, and said once the
/// terminal is back.
fn quit(app: &mut App, shell: &mut Shell) -> Vec<String> {
    flush(app, shell);
    if shell.files.has_unsaved() {
        save(app, shell.files, &[]);
    }
    shell.files.keep_unsaved_beside(&app.ws)
}

/// Waits until the saver thread has written everything asked of it.
pub fn flush(app: &mut App, shell: &mut Shell) {
    let _ = send_saves(app, shell);
    while shell.saver.is_busy() {
        match shell.rx.recv() {
            Ok(Wake::Saved(reply)) => {
                saved(app, shell, *reply);
                let _ = send_saves(app, shell);
            }
            Ok(_) => {}
            Err(_) => return,
        }
    }
}

/// Files that changed while their board is being written wait for the write to land, so our
/// own write is known as ours; the rest are looked at now (`None`: nothing to look at now).
fn hold_back(shell: &mut Shell, mut paths: Vec<PathBuf>) -> Option<Vec<PathBuf>> {
    if !shell.saver.is_busy() {
        return Some(paths);
    }
    if paths.is_empty() {
        paths = shell.files.known_paths();
        paths.extend(crate::storage::load::board_files(&shell.files.root));
        paths.sort();
        paths.dedup();
    }
    let root = shell.files.root.clone();
    let (later, now): (Vec<PathBuf>, Vec<PathBuf>) =
        paths.into_iter().partition(|p| shell.saver.is_writing(&crate::storage::load::board_key(&root, p)));
    for path in later {
        shell.saver.defer(path);
    }
    (!now.is_empty()).then_some(now)
}

/// Asks for the boards to be saved: they go to the saver thread once the screen is drawn
/// ([`send_saves`]), or with the next batch when one is being written (so a burst of edits
/// is written a few times, not once a key).
pub fn request_save(_app: &mut App, shell: &mut Shell, keys: &[String]) {
    shell.files.defer(keys);
    shell.saver.ask();
}

/// Sends what was asked to the saver thread, unless a batch is in flight (then it goes when
/// that one lands). The loop calls this after drawing; true when it had something to say
/// (a board that cannot be saved now), so the screen is drawn again.
pub fn send_saves(app: &mut App, shell: &mut Shell) -> bool {
    shell.saver.take_ask() && dispatch(app, shell)
}

/// Sends everything pending to the saver thread; true when something was said.
fn dispatch(app: &mut App, shell: &mut Shell) -> bool {
    let (jobs, report) = shell.files.prepare_save(&app.ws, &[]);
    let said = !report.errors.is_empty();
    apply_report(app, report, &HashMap::new());
    if jobs.is_empty() {
        return said;
    }
    if let Err(jobs) = shell.saver.send(jobs) {
        // The saver thread is gone: save here, as before.
        shell.files.not_saved(&jobs);
        save(app, shell.files, &[]);
        return true;
    }
    said
}

/// A batch came back from the saver thread: applied as a save's report is, then the files
/// that changed meanwhile are looked at; what was asked meanwhile goes out with the next
/// [`send_saves`].
pub fn saved(app: &mut App, shell: &mut Shell, reply: Reply) -> Vec<Effect> {
    let deferred = shell.saver.landed();
    match reply {
        Reply::Busy { jobs, error } => {
            shell.files.not_saved(&jobs);
            app.error(format!("{error}; the change is kept in memory and saved when it is free"));
        }
        Reply::Failed { keys, error } => {
            shell.files.defer(&keys);
            app.error(format!("{error}; the change is kept in memory and saved again on the next try"));
        }
        Reply::Collisions { jobs, on_disk } => {
            shell.files.not_saved(&jobs);
            let new_ids: Vec<(String, String)> =
                jobs.iter().flat_map(|j| j.new_ids.iter().map(|id| (j.key.clone(), id.clone()))).collect();
            let mut keys = Vec::new();
            for (old, new) in crate::storage::files::fresh_ids(&app.ws, &new_ids, &on_disk) {
                if let Ok(edit) = crate::model::ops::rename_id(&app.ws, &old, &new) {
                    let boards = edit.boards();
                    if crate::model::edit::apply_all(&mut app.ws, edit).is_ok() {
                        keys.extend(boards);
                        renumbered(app, &old, &new);
                    }
                }
            }
            // Saved again at once, checked again under the lock; should no rename apply, the
            // change waits for the next retry instead of asking again and again.
            if !keys.is_empty() {
                shell.files.defer(&keys);
                shell.saver.ask();
            }
        }
        Reply::Done(mut outcomes) => {
            let snapshots: HashMap<String, crate::model::Board> =
                outcomes.iter_mut().filter_map(|o| Some((o.key.clone(), o.board.take()?))).collect();
            let mut report = SaveReport::default();
            shell.files.finish_save(outcomes, &mut report);
            apply_report(app, report, &snapshots);
        }
    }
    if deferred.is_empty() { Vec::new() } else { files_changed(app, shell.files, deferred) }
}

/// Lets go of a ratatui `Terminal` without its `Drop`, which prints to stderr (and so panics)
/// when showing the cursor fails on a closed terminal; `restore_terminal` shows the cursor.
fn forget_terminal(terminal: Terminal<CrosstermBackend<io::Stdout>>) {
    std::mem::forget(terminal);
}

/// Suspends the screen until the process is continued; true when it must be redrawn.
fn suspend(input: &InputThread) -> bool {
    input.pause();
    let result = crate::terminal::suspend();
    input.resume();
    if let Err(err) = result {
        tracing::warn!("could not take the terminal back after a suspend: {err}");
    }
    true
}

/// Re-reads the given board files (all known and present ones when the list is empty) and
/// shows what others changed.
pub(crate) fn files_changed(app: &mut App, files: &mut WorkspaceFiles, mut paths: Vec<PathBuf>) -> Vec<Effect> {
    tracing::info!("looking again at {} board file(s)", paths.len().max(1));
    if paths.is_empty() {
        paths = files.known_paths();
        paths.extend(crate::storage::load::board_files(&files.root));
        paths.sort();
        paths.dedup();
    }
    let mut effects = Vec::new();
    for path in paths {
        let (key, outcome) = files.reload(&path, &app.ws);
        match outcome {
            Reloaded::Unchanged => {}
            Reloaded::Changed { board, changed, bytes } => {
                let file = crate::storage::LoadedFile::new(path.clone(), &bytes);
                effects.extend(reloaded(app, files, *board, changed, &file));
            }
            Reloaded::Removed => sync::board_removed(app, &key),
            Reloaded::Broken(problem) => sync::board_broken(app, &key, short_problem(&key, &problem)),
        }
    }
    effects
}

/// A board read again, checked as opening checks it: a board that breaks its own rules keeps
/// its last good copy; an id someone else also used is renumbered on their item and saved.
fn reloaded(
    app: &mut App,
    files: &mut WorkspaceFiles,
    board: crate::model::Board,
    changed: Vec<String>,
    file: &crate::storage::LoadedFile,
) -> Vec<Effect> {
    use crate::storage::open::{Checked, check_reloaded};
    let key = board.key.clone();
    let mut effects = Vec::new();
    match check_reloaded(&app.ws, board, file) {
        Checked::Broken(problems) => {
            files.mark_broken(&key);
            let text = problems.iter().map(|p| short_problem(&key, p)).collect::<Vec<_>>().join("\n");
            sync::board_broken(app, &key, text);
        }
        Checked::Usable { boards, renumbering, warnings } => {
            let mut to_save: Vec<String> = renumbering.boards.clone();
            if files.is_unsaved(&key) {
                to_save.push(key.clone());
            }
            for board in boards {
                if board.key == key {
                    sync::board_reloaded(app, board, changed.clone(), Instant::now());
                } else {
                    app.ws.put_board(board);
                }
            }
            if let Some(first) = renumbering.renamed.first() {
                app.info(crate::model::renumber::describe(first));
            } else if let Some(first) = warnings.first() {
                app.info(format!("{first} (shown anyway)"));
            }
            if !to_save.is_empty() {
                effects.push(Effect::Save(to_save));
            }
        }
    }
    effects
}

/// `team.ron:3:5: message`: the board's file name, not the whole path, to fit the screen.
fn short_problem(key: &str, problem: &FileProblem) -> String {
    format!("{key}:{}:{}: {}", problem.line, problem.column, problem.message)
}

pub(crate) fn save(app: &mut App, files: &mut WorkspaceFiles, keys: &[String]) {
    // Under the workspace lock, a new item whose id someone else took meanwhile on another
    // board is renumbered before it is written, so no two items ever share an id. Without the
    // lock that check could race, so a busy lock keeps the change in memory for a later try.
    let _workspace = match files.lock_workspace() {
        Ok(lock) => lock,
        Err(err) => {
            files.defer(keys);
            app.error(format!("{err}; the change is kept in memory and saved when it is free"));
            return;
        }
    };
    let mut keys = keys.to_vec();
    for (old, new) in files.colliding_new_ids(&app.ws, &keys) {
        if let Ok(edit) = crate::model::ops::rename_id(&app.ws, &old, &new) {
            keys.extend(edit.boards());
            if crate::model::edit::apply_all(&mut app.ws, edit).is_ok() {
                renumbered(app, &old, &new);
            }
        }
    }
    let report = files.save(&app.ws, &keys);
    apply_report(app, report, &HashMap::new());
}

/// Shows what a round of saves did. A board merged with changes of others replaces ours; when
/// it was saved from a snapshot (`snapshots`, by key) and ours changed since, it is merged
/// with ours instead, so no edit made while it was being written is lost.
fn apply_report(app: &mut App, report: SaveReport, snapshots: &HashMap<String, crate::model::Board>) {
    for (old, new) in &report.renamed {
        app.history.rename(old, new);
    }
    for board in report.merged {
        let key = board.key.clone();
        let current = app.ws.board_by_key(&key);
        let board = match (snapshots.get(&key), current) {
            (Some(snapshot), Some(current)) if current != snapshot => {
                crate::merge::merge_boards(snapshot, current, &board).board
            }
            _ => board,
        };
        let changed = crate::storage::protocol::changed_items(app.ws.board_by_key(&key), &board);
        sync::board_reloaded(app, board, changed, Instant::now());
        app.info("saved, merged with changes someone else made meanwhile");
    }
    for (old, new) in &report.renamed {
        if app.selected_id().as_deref() == Some(old.as_str()) || app.ws.contains(new) {
            app.select_item(new);
        }
        app.info(format!("{old} was also added by someone else; yours is now {new}"));
    }
    if let Some(first) = report.errors.first() {
        tracing::warn!("{first}");
        app.error(format!("{first}. The change is kept in memory; Ctrl+s or the next change saves it again."));
    }
    for conflict in report.conflicts {
        let board = app.ws.board_by_key(&conflict.key).map(|b| b.name.clone()).unwrap_or_default();
        let copy = conflict.copy.map(|p| p.display().to_string());
        app.conflicts.push(ConflictView { key: conflict.key, board, conflicts: conflict.conflicts, copy });
        app.mode = Mode::Conflicts { scroll: 0 };
    }
}

/// Our item `old` is now `new`: the undo history and the selection follow it.
fn renumbered(app: &mut App, old: &str, new: &str) {
    app.history.rename(old, new);
    if app.selected_id().is_none_or(|id| id == old) {
        app.select_item(new);
    }
    app.info(format!("{old} was just taken on another board; yours is now {new}"));
}
