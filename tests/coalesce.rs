//! Saves run off the screen's thread and are coalesced: a burst of 20 reprioritize presses
//! through the real event loop writes the board only a few times, and its last state reaches
//! the disk soon after the last key.

mod support;
use support::live::ScriptedHost;
use support::scratch::Scratch;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use trainboard::app::{App, Msg};
use trainboard::generate::{single_board, write_boards};
use trainboard::runtime::{Runtime, Wake};
use trainboard::saver::{Reply, Saver};
use trainboard::storage::board_to_string;
use trainboard::storage::open_tolerant::open_workspace;
use trainboard::storage::workspace_files::WorkspaceFiles;

#[test]
fn twenty_rapid_moves_write_a_few_times_and_end_on_disk() {
    let dir = Scratch::new("coalesce");
    write_boards(&dir, &[single_board(2_000)]).unwrap();
    let opened = open_workspace(&dir).unwrap();
    let files = WorkspaceFiles::new(&opened.root, opened.files, &opened.ws);
    let app = App::new(opened.ws, "test");
    let (tx, rx) = mpsc::channel();
    let writes = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&writes);
    let saver = Saver::spawn(&opened.root, move |reply| {
        if let Reply::Done(outcomes) = &reply {
            counted.fetch_add(outcomes.iter().filter(|o| o.result.is_ok()).count(), Ordering::SeqCst);
        }
        tx.send(Wake::Saved(Box::new(reply))).is_ok()
    });
    let terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut rt = Runtime::with_saver(terminal, app, files, saver, rx);
    let _ = rt.start();
    let key_of = rt.app().current_board().unwrap().key.clone();
    let path = dir.join(&key_of);
    let before = std::fs::read_to_string(&path).unwrap();
    let selected = rt.app().selected_id().expect("a selected card");
    for _ in 0..20 {
        let key = Wake::Input(Msg::Key(KeyEvent::new(KeyCode::Char('J'), KeyModifiers::NONE)));
        let _ = rt.step(Some(key), &mut ScriptedHost::default()).unwrap();
    }
    let board = rt.app().ws().board_by_key(&key_of).unwrap();
    let position = board.position(&selected).unwrap();
    assert!(position >= 20, "the card went down 20 places (it is at {position})");
    let wanted = board_to_string(board);
    assert_ne!(wanted, before);
    // The loop goes on: replies are handled as they come until the last state is written.
    for _ in 0..500 {
        if std::fs::read_to_string(&path).unwrap() == wanted {
            break;
        }
        let _ = rt.step_waiting(Duration::from_millis(20), &mut ScriptedHost::default()).unwrap();
    }
    rt.settle();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), wanted, "the last state is on disk");
    let n = writes.load(Ordering::SeqCst);
    assert!((1..=4).contains(&n), "20 presses wrote the board {n} times");
    assert!(!rt.files().has_unsaved());
}
