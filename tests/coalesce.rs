//! Saves run off the screen's thread and are coalesced: a burst of 20 reprioritize presses
//! writes the board only a few times, and its last state reaches the disk soon after the
//! last key, through the same loop functions the terminal screen uses.

#[path = "support/scratch.rs"]
mod scratch;
use scratch::Scratch;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use trainboard::app::{App, Effect, Msg, update};
use trainboard::generate::{single_board, write_boards};
use trainboard::saver::{Reply, Saver};
use trainboard::storage::board_to_string;
use trainboard::storage::files::WorkspaceFiles;
use trainboard::storage::open::open_workspace;
use trainboard::tui::{Shell, Wake, flush, request_save, saved, send_saves};

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// Carries out an update's effects as the event loop does (saves only; nothing else here).
fn run_effects(app: &mut App, shell: &mut Shell, effects: Vec<Effect>) {
    for effect in effects {
        if let Effect::Save(keys) = effect {
            request_save(app, shell, &keys);
        }
    }
}

/// Applies the saver's replies that have arrived, as the event loop does between keys.
fn take_replies(app: &mut App, shell: &mut Shell) {
    while let Ok(wake) = shell.rx.try_recv() {
        if let Wake::Saved(reply) = wake {
            let effects = saved(app, shell, *reply);
            run_effects(app, shell, effects);
        }
    }
}

#[test]
fn twenty_rapid_moves_write_a_few_times_and_end_on_disk() {
    let dir = Scratch::new("coalesce");
    write_boards(&dir, &[single_board(2_000)]).unwrap();
    let opened = open_workspace(&dir).unwrap();
    let mut files = WorkspaceFiles::new(&opened.root, opened.files, &opened.ws);
    let mut app = App::new(opened.ws, "test");
    update(&mut app, Msg::Resize(120, 40));
    let (tx, rx) = mpsc::channel();
    let writes = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&writes);
    let mut saver = Saver::spawn(&opened.root, move |reply| {
        if let Reply::Done(outcomes) = &reply {
            counted.fetch_add(outcomes.iter().filter(|o| o.result.is_ok()).count(), Ordering::SeqCst);
        }
        tx.send(Wake::Saved(Box::new(reply))).is_ok()
    });
    let mut shell = Shell { files: &mut files, saver: &mut saver, rx: &rx };
    let key_of = app.current_board().unwrap().key.clone();
    let path = dir.join(&key_of);
    let before = std::fs::read_to_string(&path).unwrap();
    let selected = app.selected_id().expect("a selected card");
    for _ in 0..20 {
        let effects = update(&mut app, key('J'));
        run_effects(&mut app, &mut shell, effects);
        take_replies(&mut app, &mut shell);
        // Drawn here; then the loop sends what is asked.
        send_saves(&mut app, &mut shell);
    }
    let last_key = Instant::now();
    let board = app.ws.board_by_key(&key_of).unwrap();
    let position = board.position(&selected).unwrap();
    assert!(position >= 20, "the card went down 20 places (it is at {position})");
    let wanted = board_to_string(board);
    assert_ne!(wanted, before);
    // The loop goes on: replies are applied as they come until the last state is written.
    let on_disk = loop {
        if let Ok(Wake::Saved(reply)) = shell.rx.recv_timeout(Duration::from_secs(10)) {
            let effects = saved(&mut app, &mut shell, *reply);
            run_effects(&mut app, &mut shell, effects);
            send_saves(&mut app, &mut shell);
        }
        let text = std::fs::read_to_string(&path).unwrap();
        if text == wanted || !shell.saver.is_busy() || last_key.elapsed() > Duration::from_secs(10) {
            break text;
        }
    };
    flush(&mut app, &mut shell);
    assert_eq!(on_disk, wanted, "the last state is on disk");
    let n = writes.load(Ordering::SeqCst);
    assert!((1..=4).contains(&n), "20 presses wrote the board {n} times");
    assert!(!shell.files.has_unsaved());
    let _ = std::fs::remove_dir_all(&dir);
}
