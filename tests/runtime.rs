//! The real event loop in the test process, driven as a person and a teammate would: keys
//! typed, files written by someone else, saves landing. No pseudo-terminal and no sleeps: the
//! loop runs on a test terminal, file events are sent as the watcher would send them, and
//! `settle` waits for the saver thread.

mod support;
use support::boards::{ART, TEAM};
use support::live::Live;
use support::scratch::Scratch;

use std::fs;

fn workspace(name: &str) -> Scratch {
    let dir = Scratch::new(&format!("live-{name}"));
    fs::write(dir.join("team.ron"), TEAM).unwrap();
    fs::write(dir.join("art.ron"), ART).unwrap();
    dir
}

#[test]
fn a_move_is_on_screen_at_once_and_on_disk_once_settled() {
    let dir = workspace("move");
    let mut live = Live::open(&dir, 100, 30);
    assert!(live.screen().contains("Smarter search"), "opens on the ART:\n{}", live.screen());
    live.keys("3");
    assert!(live.screen().contains("Redesign the results"));
    live.keys("L");
    assert!(live.screen().contains("S-1 moved to Ready"), "{}", live.screen());
    live.settle();
    assert_eq!(live.on_disk("team.ron").item("S-1").unwrap().column, "Ready");
    // The screen the real loop drew, after the save landed.
    insta::assert_snapshot!("loop_after_a_move_100x30", live.screen());
    assert!(live.quit().is_empty(), "nothing left unsaved");
}

#[test]
fn a_broken_board_at_startup_gets_its_tab_and_opens_once_fixed() {
    let dir = workspace("broken-start");
    fs::write(dir.join("team.ron"), TEAM.replace("level: Team", "levle: Team")).unwrap();
    let mut live = Live::open(&dir, 100, 30);
    live.keys("\t");
    assert!(live.screen().contains("has no field `levle`"), "{}", live.screen());
    // The teammate fixes the typo: the board opens, and works.
    live.someone_writes("team.ron", TEAM);
    assert!(live.screen().contains("Redesign the results"), "{}", live.screen());
    live.keys("L");
    live.settle();
    assert_eq!(live.on_disk("team.ron").item("S-1").unwrap().column, "Ready");
}

#[test]
fn a_board_broken_and_put_back_as_it_was_saves_the_edits_made_meanwhile() {
    let dir = workspace("restored");
    let mut live = Live::open(&dir, 100, 30);
    live.keys("3");
    live.someone_writes("team.ron", "Board(\n  name: \"Alpha\",\n");
    assert!(live.screen().contains("the file ends too early"), "{}", live.screen());
    live.keys("L");
    live.settle();
    assert!(live.screen().contains("kept: Alpha is saved once"), "{}", live.screen());
    assert_eq!(
        fs::read_to_string(dir.join("team.ron")).unwrap(),
        "Board(\n  name: \"Alpha\",\n",
        "the broken file is untouched"
    );
    // Back to the very bytes we had: still read, and our move is saved into it.
    live.someone_writes("team.ron", TEAM);
    live.settle();
    assert_eq!(live.on_disk("team.ron").item("S-1").unwrap().column, "Ready");
}

#[test]
fn an_id_a_script_used_on_another_board_is_renumbered_on_the_newcomer() {
    let dir = workspace("reload-dup");
    let mut live = Live::open(&dir, 100, 30);
    let art = ART.replace(
        "tags: [\"search\"]),",
        "tags: [\"search\"]),\n        (id: \"S-1\", title: \"Pasted by a script\", column: \"Funnel\"),",
    );
    live.someone_writes("art.ron", &art);
    assert!(live.screen().contains("is now"), "{}", live.screen());
    insta::assert_snapshot!("loop_after_a_teammates_duplicate_id_100x30", live.screen());
    live.settle();
    let art = live.on_disk("art.ron");
    let pasted = art.items.iter().find(|i| i.title == "Pasted by a script").unwrap();
    assert_ne!(pasted.id, "S-1");
    assert_eq!(live.on_disk("team.ron").item("S-1").unwrap().title, "Redesign the results list");
}

#[test]
fn the_title_dialog_notices_a_teammates_change_to_the_same_title() {
    let dir = workspace("title");
    let mut live = Live::open(&dir, 100, 30);
    live.keys("3e now");
    live.someone_writes("team.ron", &TEAM.replace("Redesign the results list", "Their new title"));
    assert!(live.screen().contains("changed on disk"), "{}", live.screen());
    live.keys("\n");
    assert!(live.screen().contains("just changed by someone else"), "{}", live.screen());
    live.keys("\x1b");
    live.settle();
    assert_eq!(live.on_disk("team.ron").item("S-1").unwrap().title, "Their new title", "theirs kept");
}

#[test]
fn quitting_with_edits_that_cannot_be_saved_keeps_them_beside_the_board() {
    let dir = workspace("quit");
    let mut live = Live::open(&dir, 100, 30);
    live.keys("3");
    live.someone_writes("team.ron", "Board(");
    live.keys("L");
    let farewell = live.quit();
    assert!(
        farewell.iter().any(|l| l.contains("changes not saved to the board; they are kept in")),
        "said after the screen closes: {farewell:?}"
    );
    let copies: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("team.ron.unsaved-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    let kept = trainboard::storage::parse_board(&fs::read(&copies[0]).unwrap(), "team.ron").unwrap();
    assert_eq!(kept.item("S-1").unwrap().column, "Ready", "the move is in the copy");
    assert_eq!(fs::read_to_string(dir.join("team.ron")).unwrap(), "Board(", "the broken file is untouched");
}

/// Someone else changed S-1's title on disk; we change it too before our copy reloads.
fn conflicting_title(live: &mut Live, dir: &Scratch) {
    fs::write(dir.join("team.ron"), TEAM.replace("Redesign the results list", "Their new title")).unwrap();
    live.keys("3e");
    live.key(ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Char('u'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    ));
    live.keys("Our title\n");
}

#[test]
fn a_save_conflict_opens_its_view_and_m_keeps_ours() {
    let dir = workspace("conflict");
    let mut live = Live::open(&dir, 100, 30);
    conflicting_title(&mut live, &dir);
    live.settle();
    assert!(!live.app().conflicts().is_empty(), "a conflict: {}", live.screen());
    assert!(matches!(live.app().mode(), trainboard::app::Mode::Conflicts(_)), "its view opens");
    assert!(live.screen().contains("Their new title"), "{}", live.screen());
    live.keys("m");
    live.settle();
    assert_eq!(live.on_disk("team.ron").item("S-1").unwrap().title, "Our title");
}

#[test]
fn a_conflict_waits_for_an_open_dialog_instead_of_swapping_it_away() {
    let dir = workspace("conflict-dialog");
    let mut live = Live::open(&dir, 100, 30);
    conflicting_title(&mut live, &dir);
    // Before the save lands, a dialog opens: a new card's title being typed.
    live.keys("nHalf typed");
    live.settle();
    assert!(!live.app().conflicts().is_empty(), "a conflict: {}", live.screen());
    assert!(matches!(live.app().mode(), trainboard::app::Mode::NewItem(_)), "the dialog stays open");
    assert!(live.screen().contains("Half typed"), "{}", live.screen());
    assert!(live.screen().contains("opens when this dialog closes"), "{}", live.screen());
    live.keys(" card\n");
    assert!(matches!(live.app().mode(), trainboard::app::Mode::Conflicts(_)), "now it opens");
    live.keys("m");
    live.settle();
    let team = live.on_disk("team.ron");
    assert_eq!(team.item("S-1").unwrap().title, "Our title");
    assert!(team.items.iter().any(|i| i.title == "Half typed card"), "the new card is saved too");
}

#[test]
fn a_busy_workspace_lock_keeps_the_change_and_saves_it_when_free() {
    let dir = workspace("busy");
    let mut live = Live::open(&dir, 100, 30);
    let lock = trainboard::storage::lock::BoardLock::acquire(&dir.join(".trainboard"), std::time::Duration::ZERO)
        .expect("the workspace lock");
    live.keys("3L");
    live.settle();
    let said = live.app().status().as_ref().map(|s| s.text.clone()).unwrap_or_default();
    assert!(said.contains("is locked by") && said.contains("kept in memory"), "{said}");
    assert_eq!(live.on_disk("team.ron").item("S-1").unwrap().column, "Backlog", "not written under their lock");
    drop(lock);
    live.keys("\x1b");
    // The loop tries again when its retry time comes (here: Ctrl+s, the same request).
    live.key(ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Char('s'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    ));
    live.settle();
    assert_eq!(live.on_disk("team.ron").item("S-1").unwrap().column, "Ready");
}
