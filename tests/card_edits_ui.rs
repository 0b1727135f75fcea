//! Snapshots of the card edit dialogs of issue #12 at 80×24 and 120×40: the WSJF inputs with
//! the live score, the description editor with a wrapped long line, and the details with the
//! checklist cursor and its keys.

mod support;

use std::path::Path;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::keys_in::press;
use support::screen::{draw, fixture_app_with_selected, text};
use trainboard::app::{App, Msg, update};
use trainboard::model::Criterion;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn app(width: u16, height: u16) -> App {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ui");
    let (ws, _, _) = trainboard::storage::load_workspace(&dir).into_workspace().expect("fixture loads");
    let mut app = App::new(ws, "~/boards");
    app.set_clock(|| "2026-11-22T10:00:00Z".to_string());
    update(&mut app, Msg::Resize(width, height));
    // The team board, its In Progress column.
    press(&mut app, "3ll");
    app
}

#[test]
fn wsjf_dialog_shows_the_score_as_you_type() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        let id = app.selected_id().expect("a card");
        press(&mut app, "W\x15");
        press(&mut app, "8\t\x153\t\x152\t\x154");
        let screen = text(&draw(&app));
        assert!(screen.contains(&format!("WSJF of {id}")), "{screen}");
        assert!(screen.contains("WSJF 3.2 = (8 + 3 + 2) / 4"), "{screen}");
        assert!(screen.contains("▶ Job size"), "the field being typed is marked:\n{screen}");
        insta::assert_snapshot!(format!("wsjf_dialog_{w}x{h}"), screen);
    }
}

#[test]
fn description_editor_wraps_long_lines_and_keeps_indentation() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        let id = app.selected_id().expect("a card");
        press(&mut app, "D");
        update(
            &mut app,
            Msg::Paste(
                "Shoppers on small screens give up when the list is cramped, so every row must show price, rating \
                 and the delivery date without truncation.\nSteps:\n  1. measure\n    1.1 per market"
                    .into(),
            ),
        );
        update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE)));
        let screen = text(&draw(&app));
        assert!(screen.contains(&format!("Description of {id}")), "{screen}");
        assert!(screen.contains("    1.1 per market") && screen.contains("  1. measure"), "{screen}");
        assert!(screen.contains("Ctrl+s / Alt+Enter save"), "the save keys are shown:\n{screen}");
        assert!(!screen.contains("without truncation.Steps"), "lines stay apart:\n{screen}");
        insta::assert_snapshot!(format!("description_editor_{w}x{h}"), screen);
    }
}

#[test]
fn details_show_the_checklist_cursor_and_its_keys() {
    for (w, h) in SIZES {
        let (mut app, _) = fixture_app_with_selected(w, h, "3ll", |item| {
            item.acceptance = ["Results in under a second", "Works offline with the last results", "Logged"]
                .iter()
                .enumerate()
                .map(|(n, t)| Criterion { text: t.to_string(), done: n == 0 })
                .collect();
        });
        press(&mut app, "\n\tx");
        let screen = text(&draw(&app));
        assert!(screen.contains("▶ [x] Works offline"), "the cursor on the ticked second one:\n{screen}");
        assert!(screen.contains("Acceptance criteria (2/3)"), "{screen}");
        assert!(screen.contains("x tick · Tab/Shift+Tab select · a add · e edit"), "{screen}");
        insta::assert_snapshot!(format!("details_checklist_cursor_{w}x{h}"), screen);
    }
}

#[test]
fn split_dialog_shows_the_line_being_edited_in_its_place() {
    let mut app = app(80, 24);
    press(&mut app, "2");
    press(&mut app, "sLog in\nSearch\nPay");
    update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE)));
    let screen = text(&draw(&app));
    let row =
        |needle: &str| screen.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle}:\n{screen}"));
    assert!(row(" 1. Log in") < row(" 2. Search") && row(" 2. Search") < row(" 3. Pay"), "{screen}");
    press(&mut app, " now");
    let screen = text(&draw(&app));
    let row =
        |needle: &str| screen.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle}:\n{screen}"));
    assert_eq!(row(" 2. Search now"), row(" 1. Log in") + 1, "typing edits line 2 in place:\n{screen}");
    assert_eq!(row(" 3. Pay"), row(" 2. Search now") + 1, "{screen}");
}

#[test]
fn choosing_a_criterion_below_a_long_description_scrolls_it_into_view() {
    let (mut app, _id) = fixture_app_with_selected(80, 24, "3ll", |item| {
        item.description = Some((1..=30).map(|n| format!("line {n}")).collect::<Vec<_>>().join("\n"));
        item.acceptance = ["first", "second"].iter().map(|t| Criterion { text: t.to_string(), done: false }).collect();
    });
    press(&mut app, "\n");
    assert!(!text(&draw(&app)).contains("[ ] second"), "below the first screenful at first");
    press(&mut app, "\t");
    let screen = text(&draw(&app));
    assert!(screen.contains("▶ [ ] second"), "Tab scrolled to it:\n{screen}");
    press(&mut app, "\t\t");
    press(&mut app, "\x1b\n");
    for _ in 0..3 {
        update(&mut app, Msg::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::NONE)));
    }
    let screen = text(&draw(&app));
    assert!(screen.contains("▶ [ ] first"), "{screen}");
}

#[test]
fn new_item_dialog_names_its_place_and_kind_and_a_full_column_asks_first() {
    let mut app = app(80, 24);
    let id = app.selected_id().expect("a card");
    press(&mut app, "n");
    let screen = text(&draw(&app));
    assert!(screen.contains(&format!("New Story below {id} in In Progress")), "{screen}");
    assert!(screen.contains("Kind Story  (Story · Enabler · Spike · Defect · Risk)"), "{screen}");
    assert!(screen.contains("Tab kind · Enter add · Esc cancel"), "{screen}");
    press(&mut app, "\t");
    assert!(text(&draw(&app)).contains(&format!("New Enabler below {id}")), "Tab: the next kind");
    press(&mut app, "\x1b");
    // The ART's Implementing holds 3 features for a WIP limit of 2.
    let art = app.ws().boards().iter().find(|b| b.name == "Mobile Shopping ART").unwrap();
    let col = art.column_index("Implementing").unwrap();
    let feature = art.items[art.column_positions(col)[0]].id.clone();
    assert!(app.select_item(&feature));
    press(&mut app, "N");
    let screen = text(&draw(&app));
    assert!(screen.contains("WIP limit reached"), "{screen}");
    assert!(screen.contains("Implementing is at its WIP limit 2 — add anyway?"), "{screen}");
    press(&mut app, "y");
    assert!(text(&draw(&app)).contains(&format!("New Feature above {feature} in Implementing")), "y goes on");
}
