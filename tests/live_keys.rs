//! Every key a title, footer or message names comes from the live key map: with the view,
//! dialog and mark keys rebound to unusual keys, each view and dialog names the new key and
//! not the default one (trainboard issue #9).

mod support;

use std::collections::HashMap;
use std::time::Instant;

use ratatui::crossterm::event::KeyEvent;
use support::keys_in::press;
use support::screen::{draw, fixture_app, text};
use trainboard::app::{App, Mode, Msg, update};
use trainboard::keymap::{Action, Key};
use trainboard::merge::Conflict;
use trainboard::storage::workspace_files::{ConflictReport, SaveReport};

/// The keys the tests give the actions, none of them a default key.
const REBOUND: [(Action, &str); 7] = [
    (Action::CloseView, "Ctrl+g"),
    (Action::Cancel, "Ctrl+x"),
    (Action::Confirm, "Ctrl+o"),
    (Action::ScrollDown, "Ctrl+n"),
    (Action::ScrollUp, "Ctrl+p"),
    (Action::ToggleMark, "Ctrl+t"),
    (Action::CloseDetails, "Ctrl+e"),
];

/// The UI fixture with the keys of [`REBOUND`].
fn rebound_app() -> App {
    let mut app = fixture_app(160, 40);
    for (action, text) in REBOUND {
        let key = Key::parse(text).expect("a key");
        assert!(app.keymap_mut().rebind(action, &[key]).is_empty(), "{text} takes no key another action needs");
    }
    app
}

/// Presses a key given by its name (`Ctrl+t`).
fn press_key(app: &mut App, name: &str) {
    let key = Key::parse(name).expect("a key");
    update(app, Msg::Key(KeyEvent::new(key.code, key.mods)));
}

/// The screen after `keys` typed on the rebound fixture.
fn screen_after(keys: &str) -> String {
    let mut app = rebound_app();
    press(&mut app, keys);
    text(&draw(&app))
}

/// `screen` shows each of `wanted` and none of `gone`.
fn assert_shows(what: &str, screen: &str, wanted: &[&str], gone: &[&str]) {
    for text in wanted {
        assert!(screen.contains(text), "{what} shows {text:?}:\n{screen}");
    }
    for text in gone {
        assert!(!screen.contains(text), "{what} no longer shows {text:?}:\n{screen}");
    }
}

#[test]
fn views_name_the_rebound_close_and_scroll_keys() {
    let views = [
        ("help", "?"),
        ("messages", "!"),
        ("sync", "S"),
        ("system demo", "v"),
        ("hierarchy", "3t"),
        ("objectives", "o"),
    ];
    for (what, keys) in views {
        let screen = screen_after(keys);
        assert_shows(what, &screen, &["Ctrl+g closes"], &["Esc closes", "(Esc closes)"]);
    }
    for (what, keys) in [("messages", "!"), ("sync", "S"), ("hierarchy", "3t")] {
        let screen = screen_after(keys);
        assert_shows(what, &screen, &["Ctrl+n/Ctrl+p"], &["j/k"]);
    }
    let metrics = screen_after("m");
    assert_shows("metrics", &metrics, &["(Ctrl+g closes)"], &["(Esc closes)"]);
    let hierarchy = screen_after("3t");
    assert_shows("hierarchy", &hierarchy, &["Enter jumps to the item"], &[]);
}

#[test]
fn the_program_board_and_objectives_name_their_keys() {
    let program = screen_after("2b");
    assert_shows("program board", &program, &["j/k choose", "H/L iteration", "Ctrl+g closes"], &["Esc closes"]);
    let objectives = screen_after("o");
    assert_shows("objectives", &objectives, &["Ctrl+n/Ctrl+p · n add"], &["j/k ·"]);
    let prompt = screen_after("on");
    assert_shows("objective prompt", &prompt, &["Ctrl+o records · Ctrl+x cancels"], &["Enter records", "Esc cancels"]);
}

#[test]
fn dialogs_name_the_rebound_confirm_and_cancel_keys() {
    let dialogs = [
        ("search", "/", "Ctrl+o jumps, Ctrl+x closes"),
        ("split", "2llls", "one title per line · Ctrl+o on an"),
        ("new item", "3n", "Ctrl+o add"),
        ("iteration picker", "3lI", "Ctrl+o picks · Ctrl+x cancels"),
        ("WSJF", "2llW", "Ctrl+o save"),
        ("description", "3lD", "Ctrl+x cancel"),
        ("title", "3le", "Ctrl+o saves · Ctrl+x cancels"),
    ];
    for (what, keys, wanted) in dialogs {
        let screen = screen_after(keys);
        assert_shows(what, &screen, &[wanted], &["Enter jumps", "Enter on an empty", "Enter picks", "Esc cancel"]);
    }
}

#[test]
fn messages_name_the_rebound_mark_and_clear_keys() {
    let mut app = rebound_app();
    press(&mut app, "3l");
    press_key(&mut app, "Ctrl+t");
    let marked = app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(marked.contains("Ctrl+t marks or unmarks, Ctrl+e clears"), "{marked}");
    assert!(!marked.contains("Space") && !marked.contains("Esc"), "{marked}");
    press(&mut app, "l");
    let status = text(&draw(&app));
    assert_shows("the status line", &status, &["(Ctrl+e clears)"], &["(Esc clears)"]);

    let mut app = rebound_app();
    press(&mut app, "3lf");
    let filtered = app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(filtered.contains("(f or Ctrl+e: all cards)"), "{filtered}");
}

#[test]
fn the_conflict_view_names_the_rebound_close_key() {
    let mut app = rebound_app();
    let conflict =
        Conflict { id: Some("S-1".into()), field: "column".into(), ours: "Done".into(), theirs: "Review".into() };
    let report = ConflictReport { key: "team.ron".into(), conflicts: vec![conflict], copy: None };
    let held = SaveReport { conflicts: vec![report], ..SaveReport::default() };
    update(&mut app, Msg::Saved { report: Box::new(held), snapshots: HashMap::new(), at: Instant::now() });
    assert_eq!(*app.mode(), Mode::Conflicts(trainboard::app::conflicts::ConflictsDialog { scroll: 0 }));
    let screen = text(&draw(&app));
    assert_shows("conflicts", &screen, &["Ctrl+g decide later (c)", "m keep mine"], &["Esc decide later"]);
}

#[test]
fn presenting_and_the_delete_question_name_the_rebound_keys() {
    let mut app = rebound_app();
    let keys = [
        (Action::UnlockEditing, "Ctrl+y"),
        (Action::Undo, "Ctrl+z"),
        (Action::TogglePresentation, "Ctrl+w"),
        (Action::PresentNextBoard, "Ctrl+b"),
    ];
    for (action, name) in keys {
        assert!(app.keymap_mut().rebind(action, &[Key::parse(name).expect("a key")]).is_empty());
    }
    press(&mut app, "3l");
    press(&mut app, "d");
    let question = text(&draw(&app));
    assert_shows("the delete question", &question, &["(Ctrl+z undoes it)"], &["(u undoes it)"]);
    press(&mut app, "n");
    press_key(&mut app, "Ctrl+w");
    assert!(app.presenting().is_some(), "Ctrl+w presents");
    let room = text(&draw(&app));
    assert_shows(
        "the presentation footer",
        &room,
        &["(Ctrl+y unlocks editing)", "Ctrl+b/Backspace: next/previous board", "Ctrl+w: back"],
        &["(U unlocks", "Space/Backspace", "P: back"],
    );
    press(&mut app, "H");
    let told = app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert_eq!(told, "read-only while presenting; Ctrl+y unlocks editing");
}
