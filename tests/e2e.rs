//! End to end: the real binary in a pseudo-terminal. Keys are typed as a person would; the
//! board files on disk and the restored terminal are checked afterwards.

mod support;
use support::scratch::Scratch;

use std::fs;
use std::path::Path;

use support::boards::{ART, TEAM};
use support::pty::{PtyApp, keys};
use trainboard::model::Workspace;

fn workspace(dir: &Path) {
    fs::write(dir.join("team.ron"), TEAM).unwrap();
    fs::write(dir.join("art.ron"), ART).unwrap();
}

fn load(dir: &Path) -> Workspace {
    let (ws, _, _) =
        trainboard::storage::load_workspace(dir).into_workspace().expect("valid workspace after the session");
    ws
}

/// The workspace on disk once `ready` holds of it (saves run off the screen's thread, so the
/// screen can show an edit a moment before it is written), or after 5 s as it is then.
fn load_when(dir: &Path, ready: impl Fn(&Workspace) -> bool) -> Workspace {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let ws = trainboard::storage::load_workspace(dir).into_workspace().ok().map(|(ws, _, _)| ws);
        match ws {
            Some(ws) if ready(&ws) || std::time::Instant::now() > deadline => return ws,
            None if std::time::Instant::now() > deadline => return load(dir),
            _ => std::thread::sleep(std::time::Duration::from_millis(20)),
        }
    }
}

fn temp(name: &str) -> Scratch {
    let dir = Scratch::new(&format!("e2e-{name}"));
    fs::create_dir_all(dir.join("home")).unwrap();
    fs::create_dir_all(dir.join("ws")).unwrap();
    dir
}

#[test]
fn move_reorder_split_undo_and_quit() {
    let dir = temp("main");
    let ws_dir = dir.join("ws");
    workspace(&ws_dir);
    let mut app = PtyApp::start(&[ws_dir.to_str().unwrap()], &ws_dir, &dir.join("home"), &[], 80, 24);
    app.wait_for("Smarter search");
    // Program board first (boards are ordered by level); Tab to the team board.
    app.send(keys::TAB);
    app.wait_for("Redesign the results");

    // Move S-1 from Backlog to Ready (Ready has room: 1 of 2).
    app.send("L");
    app.wait_for("S-1 moved to Ready");
    // Ready now holds S-1 then S-3 (file order); move S-1 down in priority with J.
    app.send("J");
    app.wait_for("S-1 reprioritized");

    // Back to the program board, split F-1 into two stories on Alpha.
    app.send("2");
    app.send("s");
    app.wait_for("Split F-1");
    app.send("Search box");
    app.send(keys::ENTER);
    app.send("Filters");
    app.send(keys::ENTER);
    app.send(keys::ENTER);
    app.wait_for("F-1 split into");
    app.wait_for("0/4");

    // Check the files after the split, then undo it.
    let ws = load_when(&ws_dir, |ws| ws.children("F-1").len() == 4);
    let team = ws.board_by_key("team.ron").unwrap();
    let ready: Vec<&str> = team.column_positions(1).iter().map(|&p| team.items[p].id.as_str()).collect();
    assert_eq!(ready, ["S-3", "S-1"], "S-1 was moved to Ready and ranked below S-3");
    assert_eq!(ws.children("F-1").len(), 4);
    let moved = team.item("S-1").unwrap();
    assert_eq!(moved.history.last().map(|m| m.column.as_str()), Some("Ready"));

    app.send("u");
    app.wait_for("Undid: F-1 split");
    app.wait_for("0/2");
    let ws = load_when(&ws_dir, |ws| ws.children("F-1").len() == 2);
    assert_eq!(ws.children("F-1").len(), 2, "undo removed both children");
    assert!(ws.item("S-4").is_none() && ws.item("S-5").is_none());

    app.send("q");
    assert!(app.wait_exit(), "trainboard exits with success");
    assert!(app.terminal_restored(), "raw mode is switched off again");
    let out = String::from_utf8_lossy(&app.bytes()).into_owned();
    let leave = out.rfind("\x1b[?1049l").expect("left the alternate screen");
    assert!(out.rfind("\x1b[?1049h").unwrap() < leave);
    assert!(out.contains("\x1b[?2004l"), "bracketed paste switched off");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn wip_limit_asks_before_moving_and_editor_round_trip() {
    let dir = temp("wip");
    let ws_dir = dir.join("ws");
    workspace(&ws_dir);
    // An "editor" that rewrites the title line, as a person would in vim.
    let editor = dir.join("editor.sh");
    fs::write(&editor, "#!/bin/sh\nsed -i 's/title: \".*\"/title: \"Edited in the editor\"/' \"$1\"\n").unwrap();
    fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let env = [("EDITOR", editor.to_str().unwrap())];
    let mut app = PtyApp::start(&[ws_dir.to_str().unwrap()], &ws_dir, &dir.join("home"), &env, 100, 30);
    app.wait_for("Smarter search");
    app.send("3");
    app.wait_for("Redesign the results");
    // Ready (1 of 2) takes S-1; then In Progress (limit 1) takes S-3 after confirming.
    app.send("l");
    app.send(keys::SHIFT_RIGHT);
    app.wait_for("S-3 moved to In Progress");
    app.send("h");
    app.send("h");
    app.send("L");
    app.wait_for("S-1 moved to Ready");
    app.send("L");
    app.wait_for("WIP limit");
    app.send("n");
    app.wait_for("cancelled");
    let ws = load_when(&ws_dir, |ws| ws.item("S-1").is_some_and(|i| i.column == "Ready"));
    assert_eq!(ws.item("S-1").unwrap().column, "Ready");
    app.send("L");
    app.wait_for("WIP limit");
    app.send("y");
    app.wait_for("S-1 moved to In Progress");
    let ws = load_when(&ws_dir, |ws| ws.item("S-1").is_some_and(|i| i.column == "In Progress"));
    assert_eq!(ws.item("S-1").unwrap().column, "In Progress");

    app.send("E");
    app.wait_for("Edited in the editor");
    let ws = load_when(&ws_dir, |ws| ws.item("S-1").is_some_and(|i| i.title == "Edited in the editor"));
    assert_eq!(ws.item("S-1").unwrap().title, "Edited in the editor");

    app.send("q");
    assert!(app.wait_exit());
    assert!(app.terminal_restored());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn with_no_path_and_no_boards_here_the_demo_opens_from_the_data_folder() {
    let dir = temp("demo");
    let mut app = PtyApp::start(&[], &dir.join("ws"), &dir.join("home"), &[], 120, 30);
    app.wait_for("demo workspace ~/data/trainboard/demo");
    app.wait_for("Mobile Shopping ART");
    app.send("q");
    assert!(app.wait_exit());
    assert!(dir.join("home/data/trainboard/demo/team-alpha.ron").exists());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_keep_the_saves() {
    for signal in [libc::SIGTERM, libc::SIGHUP] {
        let dir = temp(&format!("signal-{signal}"));
        let ws_dir = dir.join("ws");
        workspace(&ws_dir);
        let mut app = PtyApp::start(&[ws_dir.to_str().unwrap()], &ws_dir, &dir.join("home"), &[], 80, 24);
        app.wait_for("Smarter search");
        app.send(keys::TAB);
        app.send("L");
        app.wait_for("S-1 moved to Ready");
        let pid = app.pid().expect("pid") as i32;
        // SAFETY: sending a signal to the child we started.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
        app.wait_exit();
        assert!(app.terminal_restored(), "signal {signal}: raw mode switched off");
        let out = String::from_utf8_lossy(&app.bytes()).into_owned();
        assert!(out.rfind("\x1b[?1049l").is_some(), "signal {signal}: left the alternate screen");
        assert_eq!(load(&ws_dir).item("S-1").unwrap().column, "Ready", "the move is on disk");
        let locks: Vec<_> = fs::read_dir(&ws_dir)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".lock"))
            .collect();
        assert!(locks.is_empty());
        let _ = fs::remove_dir_all(&dir);
    }
}

#[test]
fn resizing_to_tiny_and_huge_sizes_while_running_never_breaks_the_screen() {
    let dir = temp("resize");
    let ws_dir = dir.join("ws");
    workspace(&ws_dir);
    let mut app = PtyApp::start(&[ws_dir.to_str().unwrap()], &ws_dir, &dir.join("home"), &[], 80, 24);
    app.wait_for("Smarter search");
    for (cols, rows) in [(1, 1), (20, 5), (300, 80), (2, 2), (100, 30)] {
        app.resize(cols, rows);
        app.send("l");
        assert!(app.pid().is_some());
    }
    // Back at a usable size, the whole board is drawn again.
    app.wait_for("Implementing");
    app.send("q");
    assert!(app.wait_exit(), "exited normally after the resizes");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn config_keys_and_no_color_apply_and_a_broken_config_still_starts() {
    let dir = temp("config");
    let ws_dir = dir.join("ws");
    workspace(&ws_dir);
    let config = dir.join("config.ron");
    fs::write(&config, "(keys: {\"quit\": [\"x\"]}, theme: \"light\")").unwrap();
    let args = ["--config", config.to_str().unwrap(), ws_dir.to_str().unwrap()];
    let mut app = PtyApp::start(&args, &ws_dir, &dir.join("home"), &[("NO_COLOR", "1")], 100, 30);
    app.wait_for("Smarter search");
    app.send("q");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(app.screen().contains("Smarter search"), "q no longer quits");
    let out = String::from_utf8_lossy(&app.bytes()).into_owned();
    for colour in ["\x1b[38;5;", "\x1b[48;5;", "\x1b[31m", "\x1b[36m", "\x1b[41m", "\x1b[46m"] {
        assert!(!out.contains(colour), "NO_COLOR, yet {colour:?} was sent");
    }
    app.send("x");
    assert!(app.wait_exit());

    fs::write(&config, "(\n  theme: \"neon\",\n)").unwrap();
    let mut app = PtyApp::start(&args, &ws_dir, &dir.join("home"), &[], 160, 30);
    app.wait_for("config.ron:2:10: there is no theme");
    app.wait_for("Smarter search");
    app.send("q");
    assert!(app.wait_exit(), "defaults: q quits");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_meeting_on_the_demo_present_step_program_board_metrics_quit() {
    let dir = temp("meeting");
    let mut app = PtyApp::start(&[], &dir.join("ws"), &dir.join("home"), &[], 120, 36);
    app.wait_for("Mobile Shopping ART");
    app.send("P");
    app.wait_for("read-only while presenting");
    app.send(" ");
    app.wait_for("Resolved"); // the ROAM board; its name is in large letters
    app.send("\x7f"); // Backspace: back to the ART
    app.wait_for("Funnel");
    app.send("b");
    // At presentation size, under the ART's name in large letters: Beta over capacity in I3.
    app.wait_for("PROGRAM BOARD · PI 2026.4");
    app.wait_for("pts OVER");
    app.wait_for("Unplanned");
    app.send(keys::ESC);
    app.send("3m");
    app.wait_for("Cumulative flow");
    app.wait_for("Flow time");
    app.send(keys::ESC);
    app.send("o");
    app.wait_for("Program predictability");
    app.send(keys::ESC);
    // q does not end a presentation on the shared screen; Esc leaves it, then q quits.
    app.send("q");
    app.wait_for("Esc or P leaves the presentation");
    app.send(keys::ESC);
    app.send("q");
    assert!(app.wait_exit(), "quits cleanly after leaving presentation mode");
    assert!(app.terminal_restored());
    let _ = fs::remove_dir_all(&dir);
}
