//! A Product Owner's day on a copy of the demo, in a pseudo-terminal: quick edits, a story
//! moved to Beta, a ticked criterion, a move to the top, a column added and renamed, done work
//! archived and one item restored, a new team board, then all of it undone step by step, with
//! the board files checked after each step.

mod support;
use support::scratch::Scratch;

use std::fs;
use std::path::Path;

use support::pty::{PtyApp, keys};
use trainboard::model::{Item, Kind, Workspace};

const CTRL_U: &str = "\x15";

fn temp_demo() -> Scratch {
    Scratch::demo_copy("e2e-po")
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

/// Retries `check` (a block of assertions on the files) until it holds: the screen says
/// what it did before its saver thread has written it, and on a loaded machine the write can
/// come later than any fixed wait.
fn eventually(check: impl Fn()) {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(20) {
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(&check)).is_ok() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    check();
}

/// S-108 as the files have it now, and the key of the board it is on.
fn s108(dir: &Path) -> (Item, String) {
    let ws = load(dir);
    let board = ws.board_of("S-108").map(|b| ws.boards()[b].key.clone()).expect("S-108 exists once");
    (ws.item("S-108").unwrap().clone(), board)
}

fn columns(dir: &Path, key: &str) -> Vec<String> {
    load(dir).board_by_key(key).unwrap().columns.iter().map(|c| c.name.clone()).collect()
}

/// The ids on a board's file, in file order (none when there is no such file).
fn ids_on(dir: &Path, key: &str) -> Vec<String> {
    let ws = load(dir);
    ws.board_by_key(key).map(|b| b.items.iter().map(|i| i.id.clone()).collect()).unwrap_or_default()
}

/// The ids in a board's done column, top first.
fn done_items(dir: &Path, key: &str) -> Vec<String> {
    let ws = load(dir);
    let board = ws.board_by_key(key).unwrap();
    let done = board.columns.len() - 1;
    board.column_positions(done).iter().map(|&p| board.items[p].id.clone()).collect()
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
    app.wait_for("Saved-card");

    app.send("=");
    app.wait_for("Points of S-108");
    app.send(CTRL_U);
    app.send("8");
    app.send(keys::ENTER);
    app.wait_for("S-108 set to 8 points");
    eventually(|| assert_eq!(s108(&ws).0.points, Some(8)));

    app.send("O");
    app.send(CTRL_U);
    app.send("Lee");
    app.send(keys::ENTER);
    app.wait_for("S-108 given to Lee");
    eventually(|| assert_eq!(s108(&ws).0.owner.as_deref(), Some("Lee")));

    app.send("I");
    app.wait_for("Iteration of S-108");
    app.send("i2");
    app.wait_for("1 of 6");
    app.send(keys::ENTER);
    app.wait_for("S-108 planned for I2");
    eventually(|| assert_eq!(s108(&ws).0.iteration.as_deref(), Some("I2")));

    app.send("B");
    app.wait_for("Why is S-108 blocked?");
    app.send("waiting for the card vault");
    app.send(keys::ENTER);
    app.wait_for("S-108 blocked");
    eventually(|| assert_eq!(s108(&ws).0.blocked.as_deref(), Some("waiting for the card vault")));
    app.send("B");
    app.wait_for("S-108 unblocked");
    eventually(|| assert_eq!(s108(&ws).0.blocked, None));

    app.send("Y");
    app.wait_for("Kind of S-108");
    app.send("spike");
    app.send(keys::ENTER);
    app.wait_for("S-108 made a Spike");
    eventually(|| assert_eq!(s108(&ws).0.kind, Some(Kind::Spike)));

    app.send("M");
    app.wait_for("Move S-108 to the board of team");
    app.send("beta");
    app.send(keys::ENTER);
    app.wait_for("S-108 moved to team Beta");
    eventually(|| {
        let (moved, board) = s108(&ws);
        assert_eq!((board.as_str(), moved.team.as_deref()), ("team-beta.ron", Some("Beta")));
        assert_eq!((moved.parent.as_deref(), moved.history.len()), (Some("F-2"), original.history.len()));
        assert_eq!(backlog(&ws, "team-beta.ron"), ["S-108", "S-206", "S-212", "S-213"]);
    });

    // The selection followed it to Beta: tick its criterion in the details.
    app.send(keys::ENTER);
    app.wait_for("Details of S-108");
    app.send("x");
    app.wait_for("Criterion 1 of S-108 ticked");
    eventually(|| assert!(s108(&ws).0.acceptance[0].done));
    app.send(keys::ESC);

    // The last card of the Backlog to the top.
    app.send("G");
    app.send("{");
    app.wait_for("S-213 reprioritized");
    eventually(|| assert_eq!(backlog(&ws, "team-beta.ron"), ["S-213", "S-108", "S-206", "S-212"]));

    // A column for refinement right of the Backlog, then renamed.
    app.send("C");
    app.wait_for("add a column");
    app.send("a");
    app.wait_for("New column right of");
    app.send("Refinement");
    app.send(keys::ENTER);
    app.wait_for("Column Refinement added");
    eventually(|| assert_eq!(&columns(&ws, "team-beta.ron")[..2], ["Backlog", "Refinement"]));
    app.send("C");
    app.send("r");
    app.wait_for("Rename column Refinement");
    app.send(CTRL_U);
    app.send("Grooming");
    app.send(keys::ENTER);
    app.wait_for("renamed to Grooming");
    eventually(|| assert_eq!(&columns(&ws, "team-beta.ron")[..2], ["Backlog", "Grooming"]));

    // Clear out a done story to Beta's archive, then bring it back.
    let done = done_items(&ws, "team-beta.ron");
    let first_done = done[0].clone();
    app.send("llllllll");
    app.send("g");
    app.send("Z");
    app.wait_for("Archive done items of Beta");
    app.send(keys::ENTER);
    app.wait_for(&format!("{first_done} archived"));
    eventually(|| assert_eq!(ids_on(&ws, "team-beta.archive.ron"), std::slice::from_ref(&first_done)));
    eventually(|| assert!(!ids_on(&ws, "team-beta.ron").contains(&first_done)));
    app.send("z");
    app.wait_for("Restore from the archive of Beta");
    app.send(&first_done.to_lowercase());
    app.send(keys::ENTER);
    app.wait_for(&format!("{first_done} restored"));
    eventually(|| assert!(ids_on(&ws, "team-beta.archive.ron").is_empty()));
    eventually(|| assert_eq!(done_items(&ws, "team-beta.ron").first(), Some(&first_done)));

    // A board for a new team, then back to Beta.
    app.send("R");
    app.wait_for("new board");
    app.send("n");
    app.wait_for("Level of the new board");
    app.send("team");
    app.send(keys::ENTER);
    app.wait_for("Name of the new team board");
    app.send("Gamma");
    app.send(keys::ENTER);
    app.wait_for("Created the team board Gamma in gamma.ron");
    let created = load(&ws);
    let gamma = created.board_by_key("gamma.ron").expect("the new board is a board of the workspace");
    eventually(|| assert_eq!((gamma.name.as_str(), gamma.level), ("Gamma", trainboard::model::Level::Team)));
    eventually(|| assert!(gamma.items.is_empty() && gamma.columns.len() >= 3, "SAFe's team columns, no items"));
    app.send("'");
    app.wait_for("Go to board");
    app.send("beta");
    app.send(keys::ENTER);

    // Undo it all, newest first (creating a board is not a step: its file stays).
    app.send("u");
    app.wait_for(&format!("Undid: {first_done} restored"));
    eventually(|| assert_eq!(ids_on(&ws, "team-beta.archive.ron"), std::slice::from_ref(&first_done)));
    app.send("u");
    app.wait_for(&format!("Undid: {first_done} archived"));
    eventually(|| assert!(ids_on(&ws, "team-beta.archive.ron").is_empty()));
    eventually(|| assert_eq!(done_items(&ws, "team-beta.ron"), done));
    app.send("u");
    app.wait_for("Undid: column Refinement renamed");
    eventually(|| assert_eq!(&columns(&ws, "team-beta.ron")[..2], ["Backlog", "Refinement"]));
    app.send("u");
    app.wait_for("Undid: column Refinement added");
    eventually(|| assert_eq!(&columns(&ws, "team-beta.ron")[..2], ["Backlog", "Ready"]));
    eventually(|| assert!(ws.join("gamma.ron").exists()));
    app.send("u");
    app.wait_for("Undid: S-213 reprioritized");
    eventually(|| assert_eq!(backlog(&ws, "team-beta.ron"), ["S-108", "S-206", "S-212", "S-213"]));
    app.send("u");
    app.wait_for("Undid: criterion 1 of S-108 ticked");
    eventually(|| assert!(!s108(&ws).0.acceptance[0].done));
    app.send("u");
    app.wait_for("Undid: S-108 moved to team Beta");
    eventually(|| {
        let (back, board) = s108(&ws);
        assert_eq!((board.as_str(), back.team.as_deref()), ("team-alpha.ron", Some("Alpha")));
        assert_eq!(backlog(&ws, "team-beta.ron"), ["S-206", "S-212", "S-213"]);
        assert_eq!(backlog(&ws, "team-alpha.ron").first().map(String::as_str), Some("S-108"));
    });
    app.send("u");
    app.wait_for("Undid: S-108 made a Spike");
    eventually(|| assert_eq!(s108(&ws).0.kind, None));
    app.send("u");
    app.wait_for("Undid: S-108 unblocked");
    eventually(|| assert!(s108(&ws).0.blocked.is_some()));
    app.send("u");
    app.wait_for("Undid: S-108 blocked");
    app.send("u");
    app.wait_for("Undid: S-108 planned for I2");
    eventually(|| assert_eq!(s108(&ws).0.iteration.as_deref(), Some("I4")));
    app.send("u");
    app.wait_for("Undid: S-108 given to Lee");
    app.send("u");
    app.wait_for("Undid: S-108 set to 8 points");
    eventually(|| assert_eq!(s108(&ws), (original.clone(), "team-alpha.ron".to_string()), "S-108 is as it was"));
    app.send("u");
    app.wait_for("nothing to undo");

    app.send("q");
    assert!(app.wait_exit(), "trainboard exits with success");
    let _ = fs::remove_dir_all(&dir);
}
