//! A large workspace opens on its first board while the others load: the screen says so, keys
//! typed meanwhile are not lost, and once everything is in the whole workspace is there.

mod support;

use support::pty::PtyApp;
use trainboard::generate::{workspace_boards, write_boards};
use trainboard::model::Level;
use trainboard::storage::first_board::first_board;

#[test]
fn a_large_workspace_shows_its_program_board_first_then_everything() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    let boards = workspace_boards(8_000);
    let count = boards.len();
    write_boards(&ws, &boards).unwrap();
    // The board the screen opens on is the first program board, read by itself.
    let (board, _) = first_board(&ws).expect("a workspace this large opens early");
    assert_eq!(board.level, Level::Program);
    let home = dir.path().join("home");
    let mut app = PtyApp::start(&[ws.to_str().unwrap()], dir.path(), &home, &[], 120, 40);
    // Keys typed while the other boards load wait for them: help opens afterwards.
    app.send("?");
    app.wait_for("Esc closes");
    let output = String::from_utf8_lossy(&app.bytes()).into_owned();
    assert!(
        output.contains(&format!("loading {} more boards", count - 1)),
        "the first frame says the other boards are loading"
    );
    app.send("\x1b");
    // Every board is there once loaded: the team boards are reachable.
    app.send("3");
    app.wait_for("Team 1");
    app.send("q");
    assert!(app.wait_exit());
}

#[test]
fn once_everything_is_loaded_the_screen_holds_nothing_left_of_the_early_frame() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    write_boards(&ws, &workspace_boards(8_000)).unwrap();
    let home = dir.path().join("home");
    let mut app = PtyApp::start(&[ws.to_str().unwrap()], dir.path(), &home, &[], 120, 40);
    // The tab bar names the team boards only once they are loaded.
    app.wait_for("TEAM");
    std::thread::sleep(std::time::Duration::from_millis(300));
    // What the terminal shows is what the app draws: the early frame (a workspace of one
    // board, other roll-ups, another status line) left no characters behind.
    let opened = trainboard::storage::open_tolerant::open_workspace(&ws).unwrap();
    let mut expected = trainboard::app::App::new(opened.ws, "test");
    trainboard::app::update(&mut expected, trainboard::app::Msg::Resize(120, 40));
    let drawn = support::screen::text(&support::screen::draw(&expected));
    let lines = |text: &str| text.lines().take(39).map(|l| l.trim_end().to_string()).collect::<Vec<_>>();
    assert_eq!(lines(&app.screen()), lines(&drawn));
    app.send("q");
    assert!(app.wait_exit());
}

#[test]
fn a_small_workspace_or_one_without_a_readable_level_loads_as_a_whole() {
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small");
    write_boards(&small, &workspace_boards(500)).unwrap();
    assert!(first_board(&small).is_none(), "small workspaces load at once");
    let large = dir.path().join("large");
    write_boards(&large, &workspace_boards(8_000)).unwrap();
    let portfolio = large.join("portfolio.ron");
    let text = std::fs::read_to_string(&portfolio).unwrap();
    // A level written after the items is not found near the start: no early frame.
    let moved = text.replacen("    level: Portfolio,\n", "", 1).replacen("\n)", "\n    level: Portfolio,\n)", 1);
    std::fs::write(&portfolio, moved).unwrap();
    assert!(first_board(&large).is_none());
    trainboard::storage::open_tolerant::open_workspace(&large).expect("it still opens as a whole");
}

#[test]
fn a_first_board_with_a_problem_of_its_own_waits_for_the_whole_load() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    write_boards(&ws, &workspace_boards(8_000)).unwrap();
    let (board, file) = first_board(&ws).unwrap();
    let text = std::fs::read_to_string(&file.path).unwrap();
    let first_column = &board.items[0].column;
    let broken = text.replacen(&format!("column: \"{first_column}\""), "column: \"Nowhere\"", 1);
    std::fs::write(&file.path, broken).unwrap();
    assert!(first_board(&ws).is_none(), "a board that breaks its own rules is not shown early");
}
