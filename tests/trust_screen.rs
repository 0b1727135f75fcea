//! Trust on the screen, driven as a person would in a pseudo-terminal: the first run in the
//! project folder, `$EDITOR` moves, a relative workspace path, a change made while a large
//! workspace loads. (A teammate's broken file, a board put back, an id a script took, a title
//! changed while we typed and quitting with unsaved edits run in the real loop in
//! `tests/runtime.rs`, without a terminal and without sleeps.)

mod support;
use support::scratch::{Scratch, private_home};

use std::fs;
use std::path::{Path, PathBuf};

use support::boards::{ART, TEAM};
use support::pty::{PtyApp, keys};

struct Dir(Scratch);

impl Dir {
    fn ws(&self) -> PathBuf {
        self.0.join("ws")
    }
    fn home(&self) -> PathBuf {
        self.0.join("home")
    }
}

fn temp(name: &str) -> Dir {
    let dir = Scratch::new(&format!("trust-{name}"));
    fs::create_dir_all(dir.join("home")).unwrap();
    fs::create_dir_all(dir.join("ws")).unwrap();
    fs::write(dir.join("ws/team.ron"), TEAM).unwrap();
    fs::write(dir.join("ws/art.ron"), ART).unwrap();
    Dir(dir)
}

fn board(dir: &Path, file: &str) -> trainboard::model::Board {
    trainboard::storage::parse_board(&fs::read(dir.join(file)).unwrap(), file).unwrap()
}

/// The board on disk once `ready` holds for it (saves are written off the screen's thread, a
/// moment after the screen shows them), or as it is after 5 s.
fn board_when(dir: &Path, file: &str, ready: impl Fn(&trainboard::model::Board) -> bool) -> trainboard::model::Board {
    for _ in 0..100 {
        if let Ok(bytes) = fs::read(dir.join(file))
            && let Ok(b) = trainboard::storage::parse_board(&bytes, file)
            && ready(&b)
        {
            return b;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    board(dir, file)
}

fn start(dir: &Dir, env: &[(&str, &str)]) -> PtyApp {
    let ws = dir.ws();
    PtyApp::start(&[ws.to_str().unwrap()], &ws, &dir.home(), env, 100, 30)
}

#[test]
fn the_first_command_of_the_readme_opens_the_demo_in_the_project_folder() {
    let dir = temp("first-run");
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut app = PtyApp::start(&[], project, &dir.home(), &[], 120, 40);
    app.wait_for("Mobile Shopping ART");
    app.wait_for("demo workspace");
    app.send("q");
    assert!(app.wait_exit());
    assert!(app.terminal_restored());
}

#[test]
fn a_move_made_in_the_editor_is_recorded_and_asks_at_a_full_column() {
    let dir = temp("editor-move");
    let editor = dir.0.join("editor.sh");
    fs::write(&editor, "#!/bin/sh\nsed -i 's/column: \"Backlog\"/column: \"Ready\"/' \"$1\"\n").unwrap();
    fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut app = start(&dir, &[("EDITOR", editor.to_str().unwrap())]);
    app.wait_for("Smarter search");
    app.send("3");
    app.wait_for("Redesign the results");
    app.send("E");
    app.wait_for("S-1 moved to Ready");
    let s1 = board_when(&dir.ws(), "team.ron", |b| b.item("S-1").is_some_and(|i| i.column == "Ready"))
        .item("S-1")
        .unwrap()
        .clone();
    assert_eq!(s1.column, "Ready");
    assert_eq!(s1.history.last().map(|m| m.column.as_str()), Some("Ready"), "the move is in the history");
    // Ready now holds 2 of 2: the next move by editor asks first.
    app.send("h");
    app.send("E");
    app.wait_for("WIP limit");
    app.send("n");
    app.wait_for("cancelled");
    assert_eq!(board(&dir.ws(), "team.ron").item("S-2").unwrap().column, "Backlog");
    app.send("q");
    assert!(app.wait_exit());
}

#[test]
fn a_relative_workspace_path_never_turns_a_save_into_a_second_tab() {
    let dir = temp("relative");
    let ws = dir.ws();
    let mut app = PtyApp::start(&["."], &ws, &dir.home(), &[], 100, 30);
    app.wait_for("Smarter search");
    app.send("3");
    app.wait_for("Redesign the results");
    app.send("L");
    app.wait_for("S-1 moved to Ready");
    std::thread::sleep(std::time::Duration::from_millis(600));
    app.send("h");
    std::thread::sleep(std::time::Duration::from_millis(200));
    let screen = app.screen();
    let tabs = screen.lines().next().unwrap_or_default().to_string();
    assert_eq!(tabs.matches("Alpha").count(), 1, "one tab for the board: {tabs}");
    app.send("q");
    assert!(app.wait_exit());
}

#[test]
fn a_change_made_while_a_large_workspace_loads_is_shown() {
    let dir = temp("loading");
    let ws = dir.0.join("big");
    let out = private_home(&mut std::process::Command::new(env!("CARGO_BIN_EXE_trainboard")), &dir.home())
        .args(["bench", "--generate", ws.to_str().unwrap(), "--items", "30000"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let team = fs::read_dir(&ws)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("team")))
        .expect("a team board");
    let text = fs::read_to_string(&team).unwrap();
    let mut app = PtyApp::start(&[ws.to_str().unwrap()], &ws, &dir.home(), &[], 120, 40);
    // While it is still reading and parsing the files, someone saves a board.
    std::thread::sleep(std::time::Duration::from_millis(30));
    fs::write(&team, text.replacen("title: \"", "title: \"Changed while loading ", 1)).unwrap();
    let name = trainboard::storage::parse_board(&fs::read(&team).unwrap(), "t").unwrap().name;
    // Show that board and wait for the change.
    app.send("3");
    for _ in 0..12 {
        if app.screen().contains(&name) {
            break;
        }
        app.send(keys::TAB);
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
    app.send("/");
    app.send("Changed while");
    app.wait_for("Changed while loading");
    app.send(keys::ESC);
    app.send("q");
    assert!(app.wait_exit());
}
