//! A Product Owner clears out done work in a pseudo-terminal, on a copy of the demo: marks two
//! done cards, archives both with `Z`, restores one with `z`, undoes that, with the board and
//! archive files checked on disk after each step (saves are asynchronous).

mod support;
use support::scratch::Scratch;

use std::fs;
use std::path::Path;

use support::pty::{PtyApp, keys};
use trainboard::model::Workspace;

fn temp_demo() -> Scratch {
    Scratch::demo_copy("e2e-archive")
}

/// The workspace as the files have it once `check` holds: waits (up to 10 s) until it does.
fn on_disk_when(dir: &Path, what: &str, check: impl Fn(&Workspace) -> bool) -> Workspace {
    let start = std::time::Instant::now();
    loop {
        if let Ok((ws, _, _)) = trainboard::storage::load_workspace(dir).into_workspace()
            && check(&ws)
        {
            return ws;
        }
        if start.elapsed() > std::time::Duration::from_secs(10) {
            panic!("the files never showed {what}");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

fn ids_of(ws: &Workspace, key: &str) -> Vec<String> {
    ws.board_by_key(key).map(|b| b.items.iter().map(|i| i.id.clone()).collect()).unwrap_or_default()
}

#[test]
fn mark_two_done_cards_archive_them_restore_one_and_undo() {
    let dir = temp_demo();
    let ws = dir.join("ws");
    let archive = ws.join("team-alpha.archive.ron");
    let mut app = PtyApp::start(&[ws.to_str().unwrap()], &ws, &dir.join("home"), &[], 120, 40);
    app.wait_for("Mobile Shopping ART");
    app.send("3");
    app.wait_for("Saved-card");
    // To the done column (Accepted), whose first cards are S-101 and S-102.
    app.send("llll");
    app.send(" ");
    app.wait_for("1 marked");
    app.send("j");
    app.send(" ");
    app.wait_for("2 marked");
    app.wait_for("✓S-101");
    app.wait_for("✓S-102");

    app.send("Z");
    app.wait_for("2 items archived");
    let files = on_disk_when(&ws, "both archived", |w| {
        ids_of(w, "team-alpha.archive.ron") == ["S-101", "S-102"]
            && !ids_of(w, "team-alpha.ron").iter().any(|id| id == "S-101" || id == "S-102")
    });
    assert!(fs::read_to_string(&archive).unwrap().contains("archive_of: \"team-alpha.ron\""));
    assert_eq!(files.tabs().count(), 5, "the archive is no tab");
    let history = files.item("S-101").unwrap().history.clone();
    assert!(!app.screen().contains("2 marked"), "marks are cleared after archiving");

    app.send("z");
    app.wait_for("Restore from the archive of Alpha");
    app.send("s-102");
    app.send(keys::ENTER);
    app.wait_for("S-102 restored");
    on_disk_when(&ws, "S-102 restored", |w| {
        ids_of(w, "team-alpha.archive.ron") == ["S-101"]
            && w.find("S-102").is_some_and(|(b, i)| b.key == "team-alpha.ron" && i.column == "Accepted")
    });

    app.send("u");
    app.wait_for("Undid: S-102 restored");
    let files = on_disk_when(&ws, "S-102 archived again", |w| {
        ids_of(w, "team-alpha.archive.ron") == ["S-101", "S-102"]
            && !ids_of(w, "team-alpha.ron").iter().any(|id| id == "S-102")
    });
    assert_eq!(files.item("S-101").unwrap().history, history, "the history travels along");

    app.send("q");
    assert!(app.wait_exit(), "trainboard exits with success");
    let out = support::cli::run(&["check", ws.to_str().unwrap()], &dir.join("home"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let _ = fs::remove_dir_all(&dir);
}
