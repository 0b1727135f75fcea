//! The rest of the quick edits of a card (issue #12), in process: the WSJF dialog, the
//! description editor, the checklist in the details, new items above/below with their kind
//! and the WIP question, and the split dialog's paste and line editing. Each edit is checked
//! on the item, then undone.

mod support;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::keys_in::press;
use trainboard::app::{App, Mode, Msg, update};
use trainboard::keymap::{Action, Key};
use trainboard::model::fields::{self, Field};
use trainboard::model::ops::{self, Place};
use trainboard::model::{Board, Column, Criterion, Item, Kind, Level, ModelError, Workspace, Wsjf};
use trainboard::storage::{canonical::board_to_string, parse::parse_board};

const NOW: &str = "2026-11-22T10:00:00Z";

fn sample() -> Workspace {
    sample_with(None)
}

/// Two boards: an ART whose Analyzing is at its WIP limit of 2, and team Alpha with three
/// stories in its Backlog, the first with three criteria.
fn sample_with(art_kind: Option<Kind>) -> Workspace {
    let columns = ["Funnel", "Analyzing", "Done"].map(|c| Column::new(c, None)).to_vec();
    let mut art = Board::new("art.ron", "ART", Level::Program, columns);
    art.default_kind = art_kind;
    art.columns[1].wip = Some(2);
    art.items = vec![
        Item::new("F-1", "Search", "Analyzing"),
        Item::new("F-2", "Checkout", "Analyzing"),
        Item::new("F-3", "Wishlist", "Funnel"),
    ];
    let columns = ["Backlog", "Ready", "Doing", "Done"].map(|c| Column::new(c, None)).to_vec();
    let mut alpha = Board::new("alpha.ron", "Alpha", Level::Team, columns);
    alpha.items = ["S-1", "S-2", "S-3"].iter().map(|id| Item::new(*id, format!("Story {id}"), "Backlog")).collect();
    alpha.items[0].acceptance =
        ["loads", "sorts", "filters"].iter().map(|t| Criterion { text: t.to_string(), done: false }).collect();
    Workspace::new(vec![art, alpha])
}

fn app() -> App {
    let mut app = App::new(sample(), "test");
    app.set_clock(|| NOW.to_string());
    update(&mut app, Msg::Resize(120, 40));
    app
}

fn on(id: &str) -> App {
    let mut app = app();
    assert!(app.select_item(id));
    app
}

fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    update(app, Msg::Key(KeyEvent::new(code, mods)));
}

fn item(app: &App, id: &str) -> Item {
    app.ws().item(id).unwrap().clone()
}

fn column(app: &App, key: &str, col: usize) -> Vec<String> {
    let board = app.ws().board_by_key(key).unwrap();
    board.column_positions(col).iter().map(|&p| board.items[p].id.clone()).collect()
}

fn status(app: &App) -> String {
    app.status().as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

// --- WSJF ---------------------------------------------------------------------------------

#[test]
fn wsjf_dialog_saves_four_inputs_as_one_undoable_edit() {
    let mut app = on("F-1");
    press(&mut app, "W8\t3");
    key(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press(&mut app, "2\t5");
    let Mode::Wsjf(dialog) = &app.mode() else { panic!("W opens the WSJF dialog: {:?}", app.mode()) };
    let expected = Wsjf { value: 8, time_criticality: 3, risk_reduction: 2, job_size: 5 };
    assert!(dialog.preview().starts_with(&format!("WSJF {:.1}", expected.score())), "{}", dialog.preview());
    press(&mut app, "\n");
    assert_eq!(*app.mode(), Mode::Board);
    assert_eq!(item(&app, "F-1").wsjf, Some(expected));
    press(&mut app, "u");
    assert_eq!(item(&app, "F-1").wsjf, None, "one u undoes all four");
}

#[test]
fn wsjf_preview_follows_typing_and_up_goes_back_a_field() {
    let mut app = on("F-1");
    press(&mut app, "W1\t1\t1\t2");
    let preview = |app: &App| match &app.mode() {
        Mode::Wsjf(d) => d.preview(),
        other => panic!("not the WSJF dialog: {other:?}"),
    };
    assert!(preview(&app).starts_with("WSJF 1.5"), "{}", preview(&app));
    key(&mut app, KeyCode::Up, KeyModifiers::NONE);
    press(&mut app, "0");
    assert!(preview(&app).starts_with("WSJF 6.0"), "risk reduction became 10: {}", preview(&app));
    press(&mut app, "x");
    assert!(preview(&app).starts_with("WSJF 6.0"), "letters are not typed");
}

#[test]
fn wsjf_job_size_zero_and_half_filled_inputs_are_refused_with_a_message() {
    let mut app = on("F-1");
    press(&mut app, "W4\t4\t4\t0\n");
    assert!(matches!(app.mode(), Mode::Wsjf(_)), "the dialog stays open");
    assert!(status(&app).contains("at least 1"), "{}", status(&app));
    assert_eq!(item(&app, "F-1").wsjf, None);
    press(&mut app, "\x15\x15");
    key(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    press(&mut app, "\n");
    assert!(status(&app).contains("job size: empty"), "{}", status(&app));
    press(&mut app, "\x1b");
    assert_eq!(*app.mode(), Mode::Board);
    assert_eq!(item(&app, "F-1").wsjf, None, "Esc changes nothing");
}

#[test]
fn wsjf_all_empty_clears_it() {
    let mut app = on("F-1");
    press(&mut app, "W1\t2\t3\t4\n");
    assert_eq!(item(&app, "F-1").wsjf.map(|w| w.job_size), Some(4));
    press(&mut app, "W\x15\t\x15\t\x15\t\x15\n");
    assert_eq!(item(&app, "F-1").wsjf, None);
    press(&mut app, "u");
    assert_eq!(item(&app, "F-1").wsjf.map(|w| w.value), Some(1), "undo brings them back");
}

#[test]
fn parse_wsjf_reads_all_four_or_none() {
    assert_eq!(fields::parse_wsjf(["", " ", "", ""]), Ok(None));
    assert_eq!(
        fields::parse_wsjf(["3", "2", "1", "3"]),
        Ok(Some(Wsjf { value: 3, time_criticality: 2, risk_reduction: 1, job_size: 3 }))
    );
    assert!(matches!(fields::parse_wsjf(["3", "x", "1", "3"]), Err(ModelError::InvalidValue { .. })));
    assert!(matches!(fields::parse_wsjf(["3", "2", "1", "0"]), Err(ModelError::InvalidValue { .. })));
    let ws = sample();
    let zero = Wsjf { value: 1, time_criticality: 1, risk_reduction: 1, job_size: 0 };
    assert!(fields::set_field(&ws, "F-1", Field::Wsjf(Some(zero))).is_err(), "the model refuses it too");
}

// --- Description ------------------------------------------------------------------------

#[test]
fn description_editor_keeps_lines_and_indentation_and_saves_with_ctrl_s() {
    let mut app = on("S-2");
    press(&mut app, "DWhy:\n  indented step\n\n");
    press(&mut app, "last");
    key(&mut app, KeyCode::Up, KeyModifiers::NONE);
    key(&mut app, KeyCode::Up, KeyModifiers::NONE);
    key(&mut app, KeyCode::End, KeyModifiers::NONE);
    press(&mut app, "!");
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(*app.mode(), Mode::Board);
    assert_eq!(item(&app, "S-2").description.as_deref(), Some("Why:\n  indented step!\n\nlast"));
    press(&mut app, "u");
    assert_eq!(item(&app, "S-2").description, None);
}

#[test]
fn description_saves_with_alt_enter_cancels_with_esc_and_empty_clears() {
    let mut app = on("S-2");
    press(&mut app, "Dtwo\nlines");
    key(&mut app, KeyCode::Enter, KeyModifiers::ALT);
    assert_eq!(item(&app, "S-2").description.as_deref(), Some("two\nlines"));
    press(&mut app, "Dmore\x1b");
    assert_eq!(item(&app, "S-2").description.as_deref(), Some("two\nlines"), "Esc cancels");
    press(&mut app, "D");
    for _ in 0.."two\nlines".len() {
        key(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    }
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(item(&app, "S-2").description, None, "an emptied description is cleared");
}

#[test]
fn pasted_description_lines_are_kept() {
    let mut app = on("S-2");
    press(&mut app, "D");
    update(&mut app, Msg::Paste("Steps:\r\n\t1. open\r\n\t2. pay".into()));
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(item(&app, "S-2").description.as_deref(), Some("Steps:\n    1. open\n    2. pay"));
}

#[test]
fn a_multi_line_description_round_trips_through_the_canonical_writer_and_parser() {
    let mut app = on("S-2");
    press(&mut app, "D");
    update(&mut app, Msg::Paste("He said \"go\"\n  then: a\\b\n\ttabbed".into()));
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let board = app.ws().board_by_key("alpha.ron").unwrap();
    let text = board_to_string(board);
    let back = parse_board(text.as_bytes(), "alpha.ron").expect("the written board parses");
    assert_eq!(back.item("S-2").unwrap().description.as_deref(), Some("He said \"go\"\n  then: a\\b\n    tabbed"));
    assert_eq!(&back, board, "nothing else changes on the way");
}

#[test]
fn clean_description_trims_the_ends_but_keeps_indentation() {
    assert_eq!(fields::clean_description("\n\n  a  \r\n\tb\x07\n\n"), Some("  a\n\tb".into()));
    assert_eq!(fields::clean_description(" \n \t\n"), None);
}

// --- Acceptance checklist -----------------------------------------------------------------

fn texts(app: &App) -> Vec<(String, bool)> {
    item(app, "S-1").acceptance.iter().map(|c| (c.text.clone(), c.done)).collect()
}

fn criteria(list: &[(&str, bool)]) -> Vec<(String, bool)> {
    list.iter().map(|(t, d)| (t.to_string(), *d)).collect()
}

#[test]
fn the_checklist_ticks_edits_reorders_and_deletes_each_undoably() {
    let mut app = on("S-1");
    press(&mut app, "\n\tx");
    assert_eq!(texts(&app), criteria(&[("loads", false), ("sorts", true), ("filters", false)]));
    press(&mut app, "e\x15sorts by price\n");
    assert!(matches!(app.mode(), Mode::Details { criterion: 1, .. }), "back in the details: {:?}", app.mode());
    assert_eq!(texts(&app)[1], ("sorts by price".to_string(), true), "editing keeps the tick");
    press(&mut app, "J");
    assert_eq!(texts(&app), criteria(&[("loads", false), ("filters", false), ("sorts by price", true)]));
    assert!(matches!(app.mode(), Mode::Details { criterion: 2, .. }), "the cursor follows the criterion");
    press(&mut app, "KK");
    assert_eq!(texts(&app), criteria(&[("sorts by price", true), ("loads", false), ("filters", false)]));
    press(&mut app, "K");
    assert_eq!(status(&app), "the criterion is already there");
    press(&mut app, "d");
    assert_eq!(texts(&app), criteria(&[("loads", false), ("filters", false)]));
    assert_eq!(item(&app, "S-1").title, "Story S-1", "e and d do not touch the item itself");
    press(&mut app, "\x1b");
    assert!(app.ws().item("S-1").is_some(), "d deleted a criterion, not the card");
    for (undo, expected) in [
        (1, criteria(&[("sorts by price", true), ("loads", false), ("filters", false)])),
        (2, criteria(&[("loads", false), ("filters", false), ("sorts by price", true)])),
        (1, criteria(&[("loads", false), ("sorts by price", true), ("filters", false)])),
        (1, criteria(&[("loads", false), ("sorts", true), ("filters", false)])),
        (1, criteria(&[("loads", false), ("sorts", false), ("filters", false)])),
    ] {
        press(&mut app, &"u".repeat(undo));
        assert_eq!(texts(&app), expected);
    }
}

#[test]
fn adding_a_criterion_reuses_the_prompt_and_lands_on_it() {
    let mut app = on("S-1");
    press(&mut app, "\nafast\n");
    assert!(matches!(app.mode(), Mode::Details { criterion: 3, .. }));
    assert_eq!(texts(&app)[3], ("fast".to_string(), false));
    press(&mut app, "x");
    assert!(texts(&app)[3].1, "x ticks the new one");
}

#[test]
fn checklist_keys_are_rebindable_actions() {
    let mut app = on("S-1");
    app.keymap_mut().rebind(Action::ToggleCriterion, &[Key::char('v')]);
    press(&mut app, "\nx");
    assert!(!texts(&app)[0].1, "x is no longer bound");
    press(&mut app, "v");
    assert!(texts(&app)[0].1);
    assert!(
        app.keymap()
            .help_rows_of(trainboard::keymap::Scope::Details)
            .iter()
            .any(|(keys, doc)| keys == "v" && doc.contains("tick")),
        "help lists it"
    );
}

#[test]
fn criterion_field_edits_check_their_index_and_text() {
    let ws = sample();
    assert!(fields::set_field(&ws, "S-1", Field::EditCriterion(7, "x".into())).is_err());
    assert!(fields::set_field(&ws, "S-1", Field::EditCriterion(0, "  ".into())).is_err());
    assert!(fields::set_field(&ws, "S-1", Field::MoveCriterion { from: 0, to: 3 }).is_err());
    let edit = fields::set_field(&ws, "S-1", Field::MoveCriterion { from: 2, to: 0 }).unwrap();
    let mut ws = ws;
    trainboard::model::edit::apply_all(&mut ws, edit).unwrap();
    let order: Vec<&str> = ws.item("S-1").unwrap().acceptance.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(order, ["filters", "loads", "sorts"]);
}

// --- New items -----------------------------------------------------------------------------

#[test]
fn n_inserts_below_and_shift_n_above_the_selected_card() {
    let mut app = on("S-2");
    press(&mut app, "nbelow\n");
    let below = app.selected_id().unwrap();
    assert_eq!(column(&app, "alpha.ron", 0), ["S-1", "S-2", below.as_str(), "S-3"]);
    assert_eq!(item(&app, &below).team.as_deref(), Some("Alpha"), "a team board gives its team");
    assert!(app.select_item("S-2"));
    press(&mut app, "Nabove\n");
    let above = app.selected_id().unwrap();
    assert_eq!(column(&app, "alpha.ron", 0), ["S-1", above.as_str(), "S-2", below.as_str(), "S-3"]);
    press(&mut app, "uu");
    assert_eq!(column(&app, "alpha.ron", 0), ["S-1", "S-2", "S-3"]);
}

#[test]
fn a_new_item_in_an_empty_column_goes_to_the_top_and_its_kind_can_be_chosen() {
    let mut app = on("S-1");
    press(&mut app, "l");
    assert_eq!(app.selected_id(), None, "Ready is empty");
    press(&mut app, "N");
    let Mode::NewItem(dialog) = &app.mode() else { panic!("{:?}", app.mode()) };
    assert_eq!((dialog.kind, &dialog.place), (Kind::Story, &Place::Top));
    press(&mut app, "\t\tinvestigate\n");
    let id = app.selected_id().unwrap();
    assert_eq!(column(&app, "alpha.ron", 1), [id.as_str()]);
    assert_eq!(item(&app, &id).kind, Some(Kind::Spike), "Tab twice: story → enabler → spike");
    assert!(id.starts_with("SP-"), "{id}");
}

#[test]
fn the_kind_starts_at_the_boards_default_kind() {
    let mut app = App::new(sample_with(Some(Kind::Risk)), "test");
    app.set_clock(|| NOW.to_string());
    assert!(app.select_item("F-3"));
    press(&mut app, "n");
    let Mode::NewItem(dialog) = &app.mode() else { panic!("{:?}", app.mode()) };
    assert_eq!(dialog.kind, Kind::Risk);
    press(&mut app, "\t");
    let Mode::NewItem(dialog) = &app.mode() else { panic!("{:?}", app.mode()) };
    assert_eq!(dialog.kind, Kind::Feature, "then the level's kinds");
}

#[test]
fn n_into_a_column_at_its_wip_limit_asks_first() {
    let mut app = on("F-1");
    press(&mut app, "n");
    let Mode::ConfirmNewItem(dialog) = &app.mode() else { panic!("asks first: {:?}", app.mode()) };
    assert_eq!(trainboard::app::new_item::question(&app, dialog), "Analyzing is at its WIP limit 2 — add anyway?");
    press(&mut app, "n");
    assert_eq!(*app.mode(), Mode::Board, "n answers no");
    assert_eq!(column(&app, "art.ron", 1), ["F-1", "F-2"]);
    press(&mut app, "Nyover the limit\n");
    let id = app.selected_id().unwrap();
    assert_eq!(column(&app, "art.ron", 1), [id.as_str(), "F-1", "F-2"]);
    press(&mut app, "u");
    assert_eq!(column(&app, "art.ron", 1), ["F-1", "F-2"]);
}

#[test]
fn add_item_at_places_by_anchor_and_falls_back_to_the_bottom() {
    let ws = sample();
    let at = |place: Place| {
        let (edit, id) = ops::add_item_at(&ws, "alpha.ron", "Backlog", "new", NOW, None, &place).unwrap();
        let mut ws = ws.clone();
        trainboard::model::edit::apply_all(&mut ws, edit).unwrap();
        let board = ws.board_by_key("alpha.ron").unwrap();
        let ids: Vec<String> = board.column_positions(0).iter().map(|&p| board.items[p].id.clone()).collect();
        ids.iter().position(|i| *i == id).unwrap()
    };
    assert_eq!(at(Place::Top), 0);
    assert_eq!(at(Place::Above("S-1".into())), 0);
    assert_eq!(at(Place::Below("S-1".into())), 1);
    assert_eq!(at(Place::Below("S-3".into())), 3);
    assert_eq!(at(Place::Above("F-1".into())), 3, "an anchor on another board: the bottom");
    assert_eq!(at(Place::Bottom), 3);
}

// --- Split dialog ----------------------------------------------------------------------------

fn split_lines(app: &App) -> (Vec<String>, String, usize) {
    let Mode::Split(split) = &app.mode() else { panic!("not splitting: {:?}", app.mode()) };
    (split.lines.clone(), split.current.text(), split.at)
}

#[test]
fn pasting_several_lines_into_split_makes_one_title_each() {
    let mut app = on("F-3");
    press(&mut app, "s");
    update(&mut app, Msg::Paste("Log in\r\nSearch\n\n  Pay  \rShip".into()));
    assert_eq!(split_lines(&app), (vec!["Log in".into(), "Search".into(), "Pay".into()], "Ship".into(), 3));
    press(&mut app, "\n\n");
    let children = app.ws().children("F-3");
    let titles: Vec<String> = children.iter().map(|id| app.ws().item(id).unwrap().title.clone()).collect();
    assert_eq!(titles, ["Log in", "Search", "Pay", "Ship"]);
}

#[test]
fn up_and_down_in_split_edit_earlier_lines_in_place() {
    let mut app = on("F-3");
    press(&mut app, "sone\ntwo\nthree\nfou");
    key(&mut app, KeyCode::Up, KeyModifiers::NONE);
    key(&mut app, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(split_lines(&app), (vec!["one".into(), "three".into(), "fou".into()], "two".into(), 1));
    press(&mut app, "!");
    key(&mut app, KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(split_lines(&app), (vec!["one".into(), "two!".into(), "fou".into()], "three".into(), 2));
    key(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press(&mut app, "r");
    assert_eq!(split_lines(&app), (vec!["one".into(), "two!".into(), "three".into()], "four".into(), 3));
    key(&mut app, KeyCode::Up, KeyModifiers::NONE);
    press(&mut app, " 3\n");
    assert_eq!(split_lines(&app).2, 4, "Enter on an earlier line keeps it and goes to the end");
    press(&mut app, "\n");
    let titles: Vec<String> =
        app.ws().children("F-3").iter().map(|id| app.ws().item(id).unwrap().title.clone()).collect();
    assert_eq!(titles, ["one", "two!", "three 3", "four"]);
    press(&mut app, "u");
    assert!(app.ws().children("F-3").is_empty(), "one undo takes the split back");
}

#[test]
fn a_description_changed_by_someone_else_meanwhile_is_not_overwritten_silently() {
    let mut app = on("S-2");
    press(&mut app, "Dours");
    let mut theirs = app.current_board().expect("the board of S-2").clone();
    let at = theirs.position("S-2").expect("S-2 is on it");
    theirs.items[at].description = Some("theirs".into());
    support::others::board_changed(&mut app, theirs, &["S-2"]);
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(matches!(app.mode(), Mode::Description(_)), "still editing");
    assert!(status(&app).contains("changed by someone else"), "{}", status(&app));
    assert_eq!(item(&app, "S-2").description.as_deref(), Some("theirs"));
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(item(&app, "S-2").description.as_deref(), Some("ours"), "the second save puts ours over it");
}
