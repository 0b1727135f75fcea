//! Plain mode through a real pseudo-terminal: linear text without the alternate screen or box
//! drawing, single keys through the usual key map, a line that says what each key changed, and
//! the change saved to the board file. And on the full screen, the terminal cursor sits on the
//! selected card.

mod support;
use support::scratch::Scratch;

use std::fs;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use support::pty::PtyApp;

/// A copy of the demo in a scratch folder (removed when dropped): the folder, its `ws` and `home`.
fn demo_copy(name: &str) -> (Scratch, PathBuf, PathBuf) {
    let dir = Scratch::new(&format!("plain-{name}"));
    let ws = dir.join("ws");
    fs::create_dir_all(&ws).unwrap();
    fs::create_dir_all(dir.join("home")).unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    for entry in fs::read_dir(demo).unwrap().flatten() {
        fs::copy(entry.path(), ws.join(entry.file_name())).unwrap();
    }
    let home = dir.join("home");
    (dir, ws, home)
}

/// Everything printed so far, without carriage returns.
fn printed(app: &PtyApp) -> String {
    String::from_utf8_lossy(&app.bytes()).replace('\r', "")
}

fn wait_printed(app: &PtyApp, text: &str) -> String {
    let start = Instant::now();
    loop {
        let out = printed(app);
        if out.contains(text) {
            return out;
        }
        if start.elapsed() > Duration::from_secs(20) {
            panic!("timed out waiting for {text:?}; printed:\n{out}");
        }
        thread::sleep(Duration::from_millis(30));
    }
}

/// The column of `id` in the board files of `ws`, as read back from disk.
fn column_on_disk(ws: &Path, id: &str) -> String {
    let loaded = trainboard::storage::load_workspace(ws);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.boards.iter().find_map(|b| b.item(id)).map(|i| i.column.clone()).expect("item on disk")
}

#[test]
fn plain_mode_prints_the_board_and_what_each_key_changed() {
    let (_scratch, ws, home) = demo_copy("keys");
    let mut app = PtyApp::start(&["--plain", ws.to_str().unwrap()], &ws, &home, &[], 100, 30);
    wait_printed(&app, "Board Mobile Shopping ART (program board");
    app.send("3");
    let out = wait_printed(&app, "Board Alpha (team board");
    let board = &out[out.find("Board Alpha").unwrap()..];
    assert!(board.contains("Column Backlog: 3 items"), "{board}");
    assert!(board.contains("Column In Progress: 3 of 3 WIP"), "{board}");
    assert!(board.contains("  S-108 Story: Saved-card selection sheet [5 pt] (selected)"), "{board}");
    assert!(board.contains("S-106 Story: One-click buy button on product page [blocked: Needs the tokenised gateway (EN-2) in the test environment] [5 pt]"), "{board}");

    // H/L move as on the full screen: S-108 goes from Backlog to Ready, saved at once.
    app.send("L");
    wait_printed(&app, "moved S-108 to Ready, 4 of 5 WIP");
    assert_eq!(column_on_disk(&ws, "S-108"), "Ready");

    // Into a full column: the same question as on the screen, answered with a key.
    app.send("L");
    wait_printed(&app, "In Progress is at its WIP limit. Move S-108 there anyway? y or n");
    app.send("y");
    wait_printed(&app, "moved S-108 to In Progress, 4 of 3 WIP, OVER the limit");
    assert_eq!(column_on_disk(&ws, "S-108"), "In Progress");

    // Navigation says where the selection went (a moved card lands at the top of its new
    // column, so the next card is the one that was first); undo says what it undid.
    app.send("j");
    wait_printed(&app, "S-104 Story: Optimize search performance [3 pt], in In Progress, 2 of 4");
    app.send("u");
    wait_printed(&app, "Undid: S-108 moved to In Progress");
    assert_eq!(column_on_disk(&ws, "S-108"), "Ready");
    // A key bound to nothing (x ticks criteria, Z archives).
    app.send("~");
    wait_printed(&app, "no change; ? lists the keys");

    app.send("q");
    assert!(app.wait_exit(), "quits cleanly");
    assert!(app.terminal_restored(), "raw mode is left");
    let out = printed(&app);
    assert!(!out.contains("\x1b[?1049h"), "no alternate screen");
    for glyph in ['─', '│', '╭', '┃', '━', '┏', '▎', '▌'] {
        assert!(!out.contains(glyph), "no box drawing ({glyph}) in:\n{out}");
    }
}

#[test]
fn a_dumb_terminal_gets_plain_mode_and_typing_is_echoed() {
    let (_scratch, ws, home) = demo_copy("dumb");
    let mut app = PtyApp::start(&[ws.to_str().unwrap()], &ws, &home, &[("TERM", "dumb")], 100, 30);
    wait_printed(&app, "trainboard, plain mode");
    app.send("3n");
    wait_printed(&app, "New Story below S-108 in Backlog: type its title, Tab changes the kind, Enter adds");
    app.send("Wishlist");
    wait_printed(&app, "Wishlist");
    app.send("\r");
    let out = wait_printed(&app, "Story: Wishlist");
    assert!(out.contains("added S-"), "{out}");
    assert!(out.contains("in Backlog, 4 items"), "{out}");
    let loaded = trainboard::storage::load_workspace(&ws);
    assert!(loaded.boards.iter().flat_map(|b| &b.items).any(|i| i.title == "Wishlist"), "saved to disk");
    // Someone else moves a card: plain mode says so when the file changes.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_trainboard"))
        .args(["move", "S-103", "Accepted", "-w"])
        .arg(&ws)
        .env("HOME", &home)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    wait_printed(&app, "Alpha changed on disk: S-103 moved to Accepted");
    app.send("?");
    wait_printed(&app, "move the item to the next column");
    app.send("x");
    wait_printed(&app, "back on the board: ");
    app.send("q");
    assert!(app.wait_exit());
}

#[test]
fn the_full_screen_puts_the_terminal_cursor_on_the_selected_card() {
    let (_scratch, ws, home) = demo_copy("cursor");
    let mut app = PtyApp::start(&[ws.to_str().unwrap()], &ws, &home, &[], 120, 30);
    app.wait_for("Mobile Shopping ART");
    for keys in ["", "3", "j", "l"] {
        app.send(keys);
        thread::sleep(Duration::from_millis(200));
        let mut parser = vt100::Parser::new(30, 120, 0);
        parser.process(&app.bytes());
        let screen = parser.screen();
        assert!(!screen.hide_cursor(), "the cursor is shown after {keys:?}");
        let (row, col) = screen.cursor_position();
        let cell = screen.cell(row, col).map(|c| c.contents()).unwrap_or_default();
        assert_eq!(cell, "▶", "after {keys:?} the cursor is on the selected card's pointer:\n{}", screen.contents());
    }
    app.send("q");
    assert!(app.wait_exit());
}
