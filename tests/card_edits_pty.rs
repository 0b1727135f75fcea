//! The card edits of issue #12 in the real binary, in a pseudo-terminal, on a copy of the demo:
//! the four WSJF inputs, a two-line description, a criterion ticked in the details and a new
//! story just below the selected one, each checked in the board file on disk.

mod support;
use support::scratch::Scratch;

use std::fs;
use std::path::Path;

use support::pty::{PtyApp, keys};
use trainboard::model::{Board, Wsjf};

const CTRL_U: &str = "\x15";
const CTRL_S: &str = "\x13";
const FILE: &str = "team-alpha.ron";

fn temp_demo() -> Scratch {
    Scratch::demo_copy("card-edits")
}

/// Team Alpha's board on disk once `ready` holds for it (saves are written off the screen's
/// thread, a moment after the screen shows them); panics after 10 s.
fn alpha_when(ws: &Path, what: &str, ready: impl Fn(&Board) -> bool) -> Board {
    let mut last = None;
    for _ in 0..200 {
        if let Ok(bytes) = fs::read(ws.join(FILE))
            && let Ok(board) = trainboard::storage::parse_board(&bytes, FILE)
        {
            if ready(&board) {
                return board;
            }
            last = Some(board);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("{what} never reached {FILE}; last read: {:?}", last.and_then(|b| b.item("S-108").cloned()));
}

fn backlog(board: &Board) -> Vec<String> {
    board.column_positions(0).iter().map(|&p| board.items[p].id.clone()).collect()
}

#[test]
fn wsjf_description_checklist_and_a_new_story_reach_the_file() {
    let dir = temp_demo();
    let ws = dir.join("ws");
    let before = alpha_when(&ws, "the demo", |_| true);
    assert_eq!(backlog(&before).first().map(String::as_str), Some("S-108"));
    assert!(!before.item("S-108").unwrap().acceptance[0].done);
    let mut app = PtyApp::start(&[ws.to_str().unwrap()], &ws, &dir.join("home"), &[], 120, 40);
    app.wait_for("Mobile Shopping ART");
    app.send("3");
    app.wait_for("Saved-card");

    app.send("W");
    app.wait_for("WSJF of S-108");
    for (n, value) in ["8", "3", "2", "4"].iter().enumerate() {
        if n > 0 {
            app.send(keys::TAB);
        }
        app.send(CTRL_U);
        app.send(value);
    }
    app.wait_for("WSJF 3.2 = (8 + 3 + 2) / 4");
    app.send(keys::ENTER);
    app.wait_for("S-108\'s WSJF set to 3.2");
    let board = alpha_when(&ws, "the WSJF", |b| b.item("S-108").unwrap().wsjf.is_some());
    let expected = Wsjf { value: 8, time_criticality: 3, risk_reduction: 2, job_size: 4 };
    assert_eq!(board.item("S-108").unwrap().wsjf, Some(expected));

    app.send("D");
    app.wait_for("Description of S-108");
    app.send("Why: shoppers pick a card faster");
    app.send(keys::ENTER);
    app.send("  then pay in one tap");
    app.send(CTRL_S);
    app.wait_for("S-108 described");
    let board = alpha_when(&ws, "the description", |b| b.item("S-108").unwrap().description.is_some());
    assert_eq!(
        board.item("S-108").unwrap().description.as_deref(),
        Some("Why: shoppers pick a card faster\n  then pay in one tap")
    );

    app.send(keys::ENTER);
    app.wait_for("Details of S-108");
    app.send("x");
    app.wait_for("Criterion 1 of S-108 ticked");
    let board = alpha_when(&ws, "the tick", |b| b.item("S-108").unwrap().acceptance[0].done);
    assert_eq!(board.item("S-108").unwrap().acceptance[0].text, "Last used card preselected");
    app.send(keys::ESC);

    app.send("n");
    app.wait_for("New Story below S-108");
    app.send("Remember the last card per shop");
    app.send(keys::ENTER);
    app.wait_for(" added");
    let board = alpha_when(&ws, "the new story", |b| b.items.len() > before.items.len());
    let added = board.items.iter().find(|i| before.item(&i.id).is_none()).expect("one new item").clone();
    assert_eq!(added.title, "Remember the last card per shop");
    assert_eq!(added.team.as_deref(), Some("Alpha"));
    let order = backlog(&board);
    let mut expected: Vec<String> = backlog(&before);
    expected.insert(1, added.id.clone());
    assert_eq!(order, expected, "just below S-108");

    app.send("q");
    assert!(app.wait_exit(), "quits");
    let _ = fs::remove_dir_all(&dir);
}
