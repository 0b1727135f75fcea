//! Trust on the screen, driven as a person would in a pseudo-terminal: the first run in the
//! project folder, a teammate's broken file, a board put back as it was, an id a script took,
//! a title changed while we typed, edits that cannot be saved when we quit, `$EDITOR` moves.

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
fn a_broken_board_at_startup_gets_its_tab_and_opens_once_fixed() {
    let dir = temp("broken-start");
    fs::write(dir.ws().join("team.ron"), TEAM.replace("level: Team", "levle: Team")).unwrap();
    let mut app = start(&dir, &[]);
    app.wait_for("Smarter search");
    app.wait_for("team.ron:3:5");
    app.send(keys::TAB);
    app.wait_for("has no field `levle`");
    // The teammate fixes the typo: the board opens, and works.
    fs::write(dir.ws().join("team.ron"), TEAM).unwrap();
    app.wait_for("Redesign the results");
    app.send("L");
    app.wait_for("Move S-1 to Ready");
    let moved = board_when(&dir.ws(), "team.ron", |b| b.item("S-1").is_some_and(|i| i.column == "Ready"));
    assert_eq!(moved.item("S-1").unwrap().column, "Ready");
    app.send("q");
    assert!(app.wait_exit());
}

#[test]
fn a_board_broken_and_put_back_as_it_was_saves_the_edits_made_meanwhile() {
    let dir = temp("restored");
    let mut app = start(&dir, &[]);
    app.wait_for("Smarter search");
    app.send("3");
    app.wait_for("Redesign the results");
    fs::write(dir.ws().join("team.ron"), "Board(\n  name: \"Alpha\",\n").unwrap();
    app.wait_for("the file ends too early");
    app.send("L");
    app.wait_for("kept: Alpha is saved once");
    fs::write(dir.ws().join("team.ron"), TEAM).unwrap();
    // Back to the very bytes we had: still read, and our move is saved into it.
    for _ in 0..50 {
        if board(&dir.ws(), "team.ron").item("S-1").unwrap().column == "Ready" {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(board(&dir.ws(), "team.ron").item("S-1").unwrap().column, "Ready");
    app.send("q");
    assert!(app.wait_exit());
}

#[test]
fn an_id_a_script_used_on_another_board_is_renumbered_on_the_newcomer() {
    let dir = temp("reload-dup");
    let mut app = start(&dir, &[]);
    app.wait_for("Smarter search");
    // A script writes a feature under an id the team board already uses.
    let art = ART.replace(
        "tags: [\"search\"]),",
        "tags: [\"search\"]),\n        (id: \"S-1\", title: \"Pasted by a script\", column: \"Funnel\"),",
    );
    fs::write(dir.ws().join("art.ron"), art).unwrap();
    app.wait_for("is now");
    for _ in 0..50 {
        if board(&dir.ws(), "art.ron").items.len() == 2 && board(&dir.ws(), "art.ron").item("S-1").is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let art = board(&dir.ws(), "art.ron");
    let pasted = art.items.iter().find(|i| i.title == "Pasted by a script").unwrap();
    assert_ne!(pasted.id, "S-1");
    assert_eq!(board(&dir.ws(), "team.ron").item("S-1").unwrap().title, "Redesign the results list");
    app.send("q");
    assert!(app.wait_exit());
}

#[test]
fn the_title_dialog_notices_a_teammates_change_to_the_same_title() {
    let dir = temp("title");
    let mut app = start(&dir, &[]);
    app.wait_for("Smarter search");
    app.send("3");
    app.wait_for("Redesign the results");
    app.send("e");
    app.send(" now");
    fs::write(dir.ws().join("team.ron"), TEAM.replace("Redesign the results list", "Their new title")).unwrap();
    app.wait_for("changed on disk");
    app.send(keys::ENTER);
    app.wait_for("just changed by someone else");
    app.send(keys::ESC);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(board(&dir.ws(), "team.ron").item("S-1").unwrap().title, "Their new title", "theirs kept");
    app.send("q");
    assert!(app.wait_exit());
}

#[test]
fn quitting_with_edits_that_cannot_be_saved_keeps_them_beside_the_board() {
    let dir = temp("quit");
    let mut app = start(&dir, &[]);
    app.wait_for("Smarter search");
    app.send("3");
    app.wait_for("Redesign the results");
    fs::write(dir.ws().join("team.ron"), "Board(").unwrap();
    app.wait_for("the file ends too early");
    app.send("L");
    app.wait_for("kept: Alpha is saved once");
    app.send("q");
    assert!(app.wait_exit());
    let out = String::from_utf8_lossy(&app.bytes()).into_owned();
    assert!(out.contains("changes not saved to the board; they are kept in"), "said after the screen closed");
    let copies: Vec<PathBuf> = fs::read_dir(dir.ws())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("team.ron.unsaved-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    let kept = trainboard::storage::parse_board(&fs::read(&copies[0]).unwrap(), "team.ron").unwrap();
    assert_eq!(kept.item("S-1").unwrap().column, "Ready", "the move is in the copy");
    assert_eq!(fs::read_to_string(dir.ws().join("team.ron")).unwrap(), "Board(", "the broken file is untouched");
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
    app.wait_for("Move S-1 to Ready");
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
    app.wait_for("Move S-1 to Ready");
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
