//! Live reload through the real binary: every kind of outside writer changes a board while
//! trainboard shows it, twice in a row, and the screen follows within moments, keeping the
//! selection; our own saves never count as someone else's change.

mod support;
use support::scratch::Scratch;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use support::pty::{PtyApp, keys};

const TEAM: &str = r#"Board(
    version: 1,
    name: "Alpha",
    level: Team,
    columns: [
        (name: "Backlog"),
        (name: "Doing"),
        (name: "Done"),
    ],
    items: [
        (
            id: "S-1",
            title: "First story",
            column: "Backlog",
        ),
        (
            id: "S-2",
            title: "Second story",
            column: "Backlog",
        ),
    ],
)
"#;

fn setup(name: &str) -> (Scratch, PathBuf) {
    let dir = Scratch::new(&format!("watch-{name}"));
    let ws = dir.join("ws");
    fs::create_dir_all(&ws).unwrap();
    fs::create_dir_all(dir.join("home")).unwrap();
    fs::write(ws.join("team.ron"), TEAM).unwrap();
    (dir, ws)
}

fn start(dir: &Path, ws: &Path) -> PtyApp {
    let app = PtyApp::start(&[ws.to_str().unwrap()], ws, &dir.join("home"), &[], 100, 30);
    app.wait_for("Second story");
    app
}

fn retitle(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from} not in the file");
    text.replace(from, to)
}

/// Runs one writer twice and checks the screen after each write.
fn twice(name: &str, write: impl Fn(&Path, &str, &str)) {
    let (dir, ws) = setup(name);
    let mut app = start(&dir, &ws);
    app.send("j"); // select S-2, to check the selection stays on it
    write(&ws, "Second story", "Second story, edited once");
    app.wait_for("edited once");
    app.wait_for("changed on disk");
    write(&ws, "edited once", "edited twice");
    app.wait_for("edited twice");
    // The selection stayed on S-2: moving it moves S-2.
    app.send("L");
    app.wait_for("S-2 moved to Doing");
    app.send("q");
    assert!(app.wait_exit());
    let _ = fs::remove_dir_all(&dir);
}

fn sh(dir: &Path, script: &str) {
    let status = Command::new("sh").arg("-c").arg(script).current_dir(dir).status().unwrap();
    assert!(status.success(), "{script}");
}

#[test]
fn in_place_writes() {
    twice("inplace", |ws, from, to| {
        let path = ws.join("team.ron");
        let text = retitle(&fs::read_to_string(&path).unwrap(), from, to);
        // Truncate and write the same inode, as `>` in a shell does.
        fs::OpenOptions::new().write(true).truncate(true).open(&path).unwrap();
        fs::write(&path, text).unwrap();
    });
}

#[test]
fn write_temp_and_rename() {
    twice("rename", |ws, from, to| {
        let path = ws.join("team.ron");
        let text = retitle(&fs::read_to_string(&path).unwrap(), from, to);
        let tmp = ws.join(".team.ron.tmp");
        fs::write(&tmp, text).unwrap();
        fs::rename(&tmp, &path).unwrap();
    });
}

#[test]
fn sed_in_place() {
    twice("sed", |ws, from, to| sh(ws, &format!("sed -i 's/{from}/{to}/' team.ron")));
}

fn vim_available() -> bool {
    Command::new("vim").arg("--version").output().is_ok_and(|o| o.status.success())
}

#[test]
fn vim_with_backupcopy_yes_and_no() {
    if !vim_available() {
        eprintln!("vim is not installed; skipping");
        return;
    }
    for setting in ["yes", "no"] {
        twice(&format!("vim-{setting}"), |ws, from, to| {
            sh(ws, &format!("vim -u NONE -N -es -c 'set backupcopy={setting}' -c '%s/{from}/{to}/' -c 'wq' team.ron"));
        });
    }
}

#[test]
fn delete_and_recreate() {
    twice("recreate", |ws, from, to| {
        let path = ws.join("team.ron");
        let text = retitle(&fs::read_to_string(&path).unwrap(), from, to);
        fs::remove_file(&path).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        fs::write(&path, text).unwrap();
    });
}

fn git(dir: &Path, args: &str) {
    sh(dir, &format!("git -c user.name=t -c user.email=t@example.com -c init.defaultBranch=main {args}"));
}

#[test]
fn git_checkout_stash_and_pull() {
    let (dir, ws) = setup("git");
    git(&ws, "init -q");
    git(&ws, "add team.ron");
    git(&ws, "commit -qm base");
    // A branch where someone renamed S-1, and a clone to pull from.
    git(&ws, "checkout -qb other");
    sh(&ws, "sed -i 's/First story/First story from the branch/' team.ron");
    git(&ws, "commit -qam branch");
    git(&ws, "checkout -q main");
    let upstream = dir.join("upstream");
    git(&dir, &format!("clone -q {} {}", ws.display(), upstream.display()));
    sh(&upstream, "sed -i 's/Second story/Second story pulled/' team.ron");
    git(&upstream, "commit -qam upstream");

    let mut app = start(&dir, &ws);
    git(&ws, "checkout -q other");
    app.wait_for("First story from the branch");
    git(&ws, "checkout -q main");
    app.wait_for("First story ");
    sh(&ws, "sed -i 's/Second story/Second story stashed/' team.ron");
    app.wait_for("Second story stashed");
    git(&ws, "stash -q");
    app.wait_for("Second story");
    git(&ws, "stash pop -q");
    app.wait_for("Second story stashed");
    git(&ws, "checkout -q -- team.ron");
    git(&ws, &format!("pull -q {} main", upstream.display()));
    app.wait_for("Second story pulled");
    app.send("q");
    assert!(app.wait_exit());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn new_and_removed_board_files_come_and_go_as_tabs() {
    let (dir, ws) = setup("tabs");
    let mut app = start(&dir, &ws);
    fs::write(ws.join("beta.ron"), TEAM.replace("\"Alpha\"", "\"Beta\"").replace("S-", "B-")).unwrap();
    app.wait_for("Beta");
    fs::remove_file(ws.join("beta.ron")).unwrap();
    app.wait_for("was removed");
    assert!(!app.screen().lines().next().unwrap_or("").contains("Beta"));
    app.send("q");
    assert!(app.wait_exit());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn own_saves_are_not_reported_as_changes_by_others() {
    let (dir, ws) = setup("echo");
    let mut app = start(&dir, &ws);
    for _ in 0..3 {
        app.send("L");
        app.send("H");
    }
    app.wait_for("S-1 moved to Backlog");
    std::thread::sleep(std::time::Duration::from_millis(800));
    let screen = app.screen();
    assert!(!screen.contains("changed on disk"), "our own save echoed as an outside change:\n{screen}");
    app.send("q");
    assert!(app.wait_exit());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_broken_file_keeps_the_last_good_copy_and_recovers() {
    let (dir, ws) = setup("broken");
    let mut app = start(&dir, &ws);
    let path = ws.join("team.ron");
    fs::write(&path, TEAM.replace("title: \"First story\",", "title: First story,")).unwrap();
    app.wait_for("team.ron:13:19");
    assert!(app.screen().contains("Second story"), "the last good copy stays on screen");
    // Edits wait; the broken file is not saved over.
    app.send("L");
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(fs::read_to_string(&path).unwrap().contains("title: First story,"));
    fs::write(&path, TEAM.replace("Second story", "Second story, fixed")).unwrap();
    app.wait_for("Second story, fixed");
    // The move made while the file was broken was kept and is saved now, merged with the fix.
    let ws_now = || trainboard::storage::load_workspace(&ws).into_workspace().ok().map(|(w, _, _)| w);
    let moved = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(50));
        ws_now().and_then(|w| w.item("S-1").map(|i| i.column == "Doing")).unwrap_or(false)
    });
    assert!(moved, "the move made while the file was broken reached the disk");
    assert_eq!(ws_now().unwrap().item("S-2").unwrap().title, "Second story, fixed");
    app.send(keys::ESC);
    app.send("q");
    assert!(app.wait_exit());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn polling_alone_notices_changes() {
    let (dir, ws) = setup("poll");
    let mut app = PtyApp::start(
        &["--poll", "--poll-interval", "0.3", ws.to_str().unwrap()],
        &ws,
        &dir.join("home"),
        &[],
        100,
        30,
    );
    app.wait_for("Second story");
    for round in ["one", "two"] {
        let path = ws.join("team.ron");
        let text = fs::read_to_string(&path).unwrap().replace("Second story", &format!("Second story {round}"));
        fs::write(&path, text).unwrap();
        app.wait_for(&format!("Second story {round}"));
    }
    app.send("q");
    assert!(app.wait_exit());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn an_idle_screen_does_not_look_at_files_again_and_again() {
    let (dir, ws) = setup("idle");
    let mut app = start(&dir, &ws);
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let log = fs::read_to_string(dir.join("home/state/trainboard/trainboard.log")).unwrap_or_default();
    assert!(!log.contains("looking again"), "files were re-read while nothing changed:\n{log}");
    // One real change is looked at, and does not set off more.
    sh(&ws, "sed -i 's/First story/First story!/' team.ron");
    app.wait_for("First story!");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let log = fs::read_to_string(dir.join("home/state/trainboard/trainboard.log")).unwrap_or_default();
    assert!(log.matches("looking again").count() <= 2, "a change set off a reload loop:\n{log}");
    app.send("q");
    assert!(app.wait_exit());
    let _ = fs::remove_dir_all(&dir);
}
