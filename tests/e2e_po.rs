//! A Product Owner's short session on a copy of the demo, in a pseudo-terminal: quick edits,
//! a story moved to Beta, a ticked criterion, a move to the top, then all of it undone step by
//! step, with the board files checked along the way.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use support::pty::{PtyApp, keys};
use trainboard::model::{Item, Kind, Workspace};

const CTRL_U: &str = "\x15";

fn temp_demo() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trainboard-e2e-po-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("home")).unwrap();
    fs::create_dir_all(dir.join("ws")).unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    for entry in fs::read_dir(demo).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            fs::copy(&path, dir.join("ws").join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

/// Waits until no board file has changed for a while: the screen saves off its own thread, a
/// moment after it shows a change.
fn settled(dir: &Path) {
    let snapshot = || -> Vec<(std::path::PathBuf, Vec<u8>)> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .map(|p| {
                let bytes = std::fs::read(&p).unwrap_or_default();
                (p, bytes)
            })
            .collect();
        files.sort();
        files
    };
    let (mut last, mut same) = (snapshot(), 0);
    for _ in 0..100 {
        std::thread::sleep(std::time::Duration::from_millis(60));
        let now = snapshot();
        same = if now == last { same + 1 } else { 0 };
        if same >= 3 {
            return;
        }
        last = now;
    }
}

fn load(dir: &Path) -> Workspace {
    settled(dir);
    let (ws, _, _) = trainboard::storage::load_workspace(dir).into_workspace().expect("the boards stay valid");
    ws
}

/// S-108 as the files have it now, and the key of the board it is on.
fn s108(dir: &Path) -> (Item, String) {
    let ws = load(dir);
    let board = ws.board_of("S-108").map(|b| ws.boards()[b].key.clone()).expect("S-108 exists once");
    (ws.item("S-108").unwrap().clone(), board)
}

fn backlog(dir: &Path, key: &str) -> Vec<String> {
    let ws = load(dir);
    let board = ws.board_by_key(key).unwrap();
    board.column_positions(0).iter().map(|&p| board.items[p].id.clone()).collect()
}

#[test]
fn a_product_owners_session_then_undo_it_all() {
    let dir = temp_demo();
    let ws = dir.join("ws");
    let original = s108(&ws).0;
    let mut app = PtyApp::start(&[ws.to_str().unwrap()], &ws, &dir.join("home"), &[], 120, 40);
    app.wait_for("Mobile Shopping ART");
    // The first team board, Alpha: S-108 is the first card of its Backlog.
    app.send("3");
    app.wait_for("Saved-card selectio");

    app.send("=");
    app.wait_for("Points of S-108");
    app.send(CTRL_U);
    app.send("8");
    app.send(keys::ENTER);
    app.wait_for("Set S-108 to 8 points");
    assert_eq!(s108(&ws).0.points, Some(8));

    app.send("O");
    app.send(CTRL_U);
    app.send("Lee");
    app.send(keys::ENTER);
    app.wait_for("Give S-108 to Lee");
    assert_eq!(s108(&ws).0.owner.as_deref(), Some("Lee"));

    app.send("I");
    app.wait_for("Iteration of S-108");
    app.send("i2");
    app.wait_for("1 of 6");
    app.send(keys::ENTER);
    app.wait_for("Plan S-108 for I2");
    assert_eq!(s108(&ws).0.iteration.as_deref(), Some("I2"));

    app.send("B");
    app.wait_for("Why is S-108 blocked?");
    app.send("waiting for the card vault");
    app.send(keys::ENTER);
    app.wait_for("Block S-108");
    assert_eq!(s108(&ws).0.blocked.as_deref(), Some("waiting for the card vault"));
    app.send("B");
    app.wait_for("Unblock S-108");
    assert_eq!(s108(&ws).0.blocked, None);

    app.send("Y");
    app.wait_for("Kind of S-108");
    app.send("spike");
    app.send(keys::ENTER);
    app.wait_for("Make S-108 a Spike");
    assert_eq!(s108(&ws).0.kind, Some(Kind::Spike));

    app.send("M");
    app.wait_for("Move S-108 to the board of team");
    app.send("beta");
    app.send(keys::ENTER);
    app.wait_for("Move S-108 to team Beta");
    let (moved, board) = s108(&ws);
    assert_eq!((board.as_str(), moved.team.as_deref()), ("team-beta.ron", Some("Beta")));
    assert_eq!((moved.parent.as_deref(), moved.history.len()), (Some("F-2"), original.history.len()));
    assert_eq!(backlog(&ws, "team-beta.ron"), ["S-108", "S-206", "S-212", "S-213"]);

    // The selection followed it to Beta: tick its criterion in the details.
    app.send(keys::ENTER);
    app.wait_for("Details of S-108");
    app.send("x");
    app.wait_for("Tick criterion 1 of S-108");
    assert!(s108(&ws).0.acceptance[0].done);
    app.send(keys::ESC);

    // The last card of the Backlog to the top.
    app.send("G");
    app.send("{");
    app.wait_for("Reprioritize S-213");
    assert_eq!(backlog(&ws, "team-beta.ron"), ["S-213", "S-108", "S-206", "S-212"]);

    // Undo it all, newest first.
    app.send("u");
    app.wait_for("Undid: reprioritize S-213");
    assert_eq!(backlog(&ws, "team-beta.ron"), ["S-108", "S-206", "S-212", "S-213"]);
    app.send("u");
    app.wait_for("Undid: tick criterion 1 of S-108");
    assert!(!s108(&ws).0.acceptance[0].done);
    app.send("u");
    app.wait_for("Undid: move S-108 to team Beta");
    let (back, board) = s108(&ws);
    assert_eq!((board.as_str(), back.team.as_deref()), ("team-alpha.ron", Some("Alpha")));
    assert_eq!(backlog(&ws, "team-beta.ron"), ["S-206", "S-212", "S-213"]);
    assert_eq!(backlog(&ws, "team-alpha.ron").first().map(String::as_str), Some("S-108"));
    app.send("u");
    app.wait_for("Undid: make S-108 a Spike");
    assert_eq!(s108(&ws).0.kind, None);
    app.send("u");
    app.wait_for("Undid: unblock S-108");
    assert!(s108(&ws).0.blocked.is_some());
    app.send("u");
    app.wait_for("Undid: block S-108");
    app.send("u");
    app.wait_for("Undid: plan S-108 for I2");
    assert_eq!(s108(&ws).0.iteration.as_deref(), Some("I4"));
    app.send("u");
    app.wait_for("Undid: give S-108 to Lee");
    app.send("u");
    app.wait_for("Undid: set S-108 to 8 points");
    assert_eq!(s108(&ws), (original, "team-alpha.ron".to_string()), "S-108 is as it was");
    app.send("u");
    app.wait_for("nothing to undo");

    app.send("q");
    assert!(app.wait_exit(), "trainboard exits with success");
    let _ = fs::remove_dir_all(&dir);
}
