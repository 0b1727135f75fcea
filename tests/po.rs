//! A Product Owner's quick edits: the field ops, moves landing at the top, a story moved to
//! another team through the undo history, and the keys in the app (pickers, prompts, the
//! acceptance checklist, presenting).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use trainboard::app::{App, Effect, Mode, Msg, update};
use trainboard::history::History;
use trainboard::model::fields::{self, Field};
use trainboard::model::{Board, Column, Criterion, Item, Kind, Level, ModelError, Workspace, ops};

const NOW: &str = "2026-11-22T10:00:00Z";

fn team(key: &str, name: &str, items: &[(&str, &str)]) -> Board {
    let columns = ["Backlog", "Ready", "Doing", "Done"].map(|c| Column::new(c, None)).to_vec();
    let mut b = Board::new(key, name, Level::Team, columns);
    b.items = items.iter().map(|(id, col)| Item::new(*id, format!("Story {id}"), *col)).collect();
    b
}

fn sample() -> Workspace {
    let columns = ["Funnel", "Implementing", "Done"].map(|c| Column::new(c, None)).to_vec();
    let mut art = Board::new("art.ron", "ART", Level::Program, columns);
    art.iterations = vec!["I1".into(), "I2".into()];
    art.items = vec![Item::new("F-1", "Search", "Implementing")];
    let mut alpha = team("alpha.ron", "Alpha", &[("S-1", "Backlog"), ("S-2", "Ready"), ("S-3", "Backlog")]);
    alpha.items[0].parent = Some("F-1".into());
    alpha.items[0].team = Some("Alpha".into());
    alpha.items[0].acceptance = vec![Criterion { text: "works".into(), done: false }];
    alpha.items[1].depends_on = vec!["S-1".into()];
    let beta = team("beta.ron", "Beta", &[("S-10", "Ready"), ("S-11", "Backlog")]);
    Workspace::new(vec![art, alpha, beta])
}

fn ids(ws: &Workspace, key: &str, col: usize) -> Vec<String> {
    let board = ws.board_by_key(key).unwrap();
    board.column_positions(col).iter().map(|&p| board.items[p].id.clone()).collect()
}

/// Commits the edit of `field` on `id` and returns the item after it.
fn set(ws: &mut Workspace, history: &mut History, id: &str, field: Field) -> Item {
    let edit = fields::set_field(ws, id, field).expect("a valid edit");
    history.commit(ws, edit).expect("commits");
    ws.item(id).unwrap().clone()
}

#[test]
fn field_edits_change_one_field_and_undo_back() {
    let mut ws = sample();
    let mut h = History::default();
    let before = ws.item("S-1").unwrap().clone();
    assert_eq!(set(&mut ws, &mut h, "S-1", Field::Points(Some(5))).points, Some(5));
    assert_eq!(
        set(&mut ws, &mut h, "S-1", Field::Owner(Some("  Ana \t Lee ".into()))).owner.as_deref(),
        Some("Ana Lee")
    );
    assert_eq!(set(&mut ws, &mut h, "S-1", Field::Iteration(Some("I2".into()))).iteration.as_deref(), Some("I2"));
    assert_eq!(set(&mut ws, &mut h, "S-1", Field::Kind(Kind::Spike)).kind, Some(Kind::Spike));
    assert_eq!(set(&mut ws, &mut h, "S-1", Field::Tags(fields::parse_tags("ux, ux , ,api"))).tags, ["ux", "api"]);
    assert_eq!(
        set(&mut ws, &mut h, "S-1", Field::Blocked(Some("waiting on legal".into()))).blocked.as_deref(),
        Some("waiting on legal")
    );
    assert!(set(&mut ws, &mut h, "S-1", Field::ToggleCriterion(0)).acceptance[0].done);
    assert_eq!(set(&mut ws, &mut h, "S-1", Field::AddCriterion("fast".into())).acceptance.len(), 2);
    assert_eq!(set(&mut ws, &mut h, "S-1", Field::RemoveCriterion(0)).acceptance[0].text, "fast");
    let after = ws.item("S-1").unwrap().clone();
    assert_eq!((after.id.as_str(), after.column.as_str(), after.parent.as_deref()), ("S-1", "Backlog", Some("F-1")));
    for _ in 0..9 {
        assert!(h.undo(&mut ws).is_some());
    }
    assert_eq!(ws.item("S-1").unwrap(), &before, "nine undos take every field back");
    assert!(h.undo(&mut ws).is_none());
}

#[test]
fn bad_values_are_refused_with_a_reason() {
    let ws = sample();
    let unknown = fields::set_field(&ws, "S-1", Field::Iteration(Some("I9".into())));
    assert!(matches!(unknown, Err(ModelError::UnknownIteration { ref known, .. }) if known == "I1, I2"), "{unknown:?}");
    assert!(fields::parse_points("3.5").is_err());
    assert!(fields::parse_points("-1").is_err());
    assert_eq!(fields::parse_points(" 8 "), Ok(Some(8)));
    assert_eq!(fields::parse_points(""), Ok(None));
    let no_reason = fields::set_field(&ws, "S-1", Field::Blocked(Some("   ".into())));
    assert!(matches!(no_reason, Err(ModelError::InvalidValue { .. })));
    assert!(matches!(fields::set_field(&ws, "S-1", Field::ToggleCriterion(3)), Err(ModelError::InvalidValue { .. })));
    assert_eq!(fields::set_field(&ws, "S-1", Field::Points(None)), Err(ModelError::NothingToChange));
    assert_eq!(fields::set_field(&ws, "S-1", Field::Kind(Kind::Story)), Err(ModelError::NothingToChange));
    assert_eq!(fields::set_field(&ws, "S-404", Field::Points(Some(1))), Err(ModelError::UnknownItem("S-404".into())));
}

#[test]
fn kinds_fit_the_level_with_its_default_first() {
    for level in Level::ALL {
        assert_eq!(fields::kinds_for(level)[0], level.default_kind());
    }
    assert!(fields::kinds_for(Level::Team).contains(&Kind::Defect));
    assert!(!fields::kinds_for(Level::Team).contains(&Kind::Epic));
}

#[test]
fn a_card_moved_to_another_column_lands_at_its_top() {
    let mut ws = sample();
    let mut h = History::default();
    // S-3 comes after S-2 in the file; moved to Ready it still goes first.
    let edit = ops::move_to_column(&ws, "S-3", "Ready", NOW).unwrap();
    h.commit(&mut ws, edit).unwrap();
    assert_eq!(ids(&ws, "alpha.ron", 1), ["S-3", "S-2"]);
    assert_eq!(ws.item("S-3").unwrap().history.last().unwrap().column, "Ready");
    // Into an empty column, and back into one where it is already first by file order.
    let edit = ops::move_to_column(&ws, "S-1", "Doing", NOW).unwrap();
    h.commit(&mut ws, edit).unwrap();
    assert_eq!(ids(&ws, "alpha.ron", 2), ["S-1"]);
    let edit = ops::move_to_column(&ws, "S-1", "Ready", NOW).unwrap();
    h.commit(&mut ws, edit).unwrap();
    assert_eq!(ids(&ws, "alpha.ron", 1), ["S-1", "S-3", "S-2"]);
    for _ in 0..3 {
        h.undo(&mut ws).unwrap();
    }
    assert_eq!(ids(&ws, "alpha.ron", 0), ["S-1", "S-3"]);
    assert_eq!(ids(&ws, "alpha.ron", 1), ["S-2"]);
}

#[test]
fn top_and_bottom_rank_within_the_column() {
    let mut ws = sample();
    let mut h = History::default();
    let edit = ops::rank(&ws, "S-3", &ops::Rank::Top).unwrap();
    h.commit(&mut ws, edit).unwrap();
    assert_eq!(ids(&ws, "alpha.ron", 0), ["S-3", "S-1"]);
    let edit = ops::rank(&ws, "S-3", &ops::Rank::Bottom).unwrap();
    h.commit(&mut ws, edit).unwrap();
    assert_eq!(ids(&ws, "alpha.ron", 0), ["S-1", "S-3"]);
    assert_eq!(ops::rank(&ws, "S-3", &ops::Rank::Bottom), Err(ModelError::NothingToChange));
}

#[test]
fn a_story_moves_to_another_team_in_one_undoable_step() {
    let mut ws = sample();
    let mut h = History::default();
    let before = ws.item("S-1").unwrap().clone();
    let edit = fields::move_to_board(&ws, "S-1", "beta.ron", NOW).unwrap();
    assert_eq!(edit.boards(), ["alpha.ron", "beta.ron"]);
    let applied = h.commit(&mut ws, edit).unwrap();
    assert_eq!(applied.boards, ["alpha.ron", "beta.ron"]);
    assert!(ws.board_by_key("alpha.ron").unwrap().item("S-1").is_none());
    let moved = ws.board_by_key("beta.ron").unwrap().item("S-1").unwrap().clone();
    assert_eq!(moved.team.as_deref(), Some("Beta"));
    assert_eq!((moved.parent.as_deref(), moved.history.clone()), (Some("F-1"), before.history.clone()));
    assert_eq!(ids(&ws, "beta.ron", 0), ["S-1", "S-11"], "at the top of the same-named column");
    assert_eq!(ws.children("F-1"), ["S-1"]);
    assert_eq!(ws.item("S-2").unwrap().depends_on, ["S-1"], "links by id still hold");

    h.undo(&mut ws).expect("undo");
    assert_eq!(ws.board_by_key("alpha.ron").unwrap().item("S-1"), Some(&before));
    assert!(ws.board_by_key("beta.ron").unwrap().item("S-1").is_none());
    assert_eq!(ids(&ws, "alpha.ron", 0), ["S-1", "S-3"], "back in its place");
    h.redo(&mut ws).expect("redo");
    assert_eq!(ws.board_by_key("beta.ron").unwrap().item("S-1").unwrap(), &moved);
    assert!(ws.board_by_key("alpha.ron").unwrap().item("S-1").is_none());
}

#[test]
fn moving_to_a_team_is_refused_off_team_boards_and_into_a_missing_iteration() {
    let mut ws = sample();
    assert!(matches!(fields::move_to_board(&ws, "F-1", "beta.ron", NOW), Err(ModelError::InvalidValue { .. })));
    assert_eq!(fields::move_to_board(&ws, "S-1", "alpha.ron", NOW), Err(ModelError::NothingToChange));
    assert!(matches!(fields::move_to_board(&ws, "S-1", "gamma.ron", NOW), Err(ModelError::UnknownBoard(_))));
    // A board with its own iteration list refuses an item planned for another one.
    let mut gamma = team("gamma.ron", "Gamma", &[]);
    gamma.iterations = vec!["G1".into()];
    gamma.columns = vec![Column::new("Todo", None)];
    let mut boards: Vec<Board> = ws.boards().to_vec();
    boards.push(gamma);
    ws = Workspace::new(boards);
    let mut h = History::default();
    let edit = fields::set_field(&ws, "S-1", Field::Iteration(Some("I1".into()))).unwrap();
    h.commit(&mut ws, edit).unwrap();
    assert!(matches!(fields::move_to_board(&ws, "S-1", "gamma.ron", NOW), Err(ModelError::UnknownIteration { .. })));
    // Without the iteration it goes, into the first column since there is no "Backlog".
    let edit = fields::set_field(&ws, "S-1", Field::Iteration(None)).unwrap();
    h.commit(&mut ws, edit).unwrap();
    let edit = fields::move_to_board(&ws, "S-1", "gamma.ron", NOW).unwrap();
    h.commit(&mut ws, edit).unwrap();
    let moved = ws.item("S-1").unwrap();
    assert_eq!((moved.column.as_str(), moved.history.last().map(|m| m.column.as_str())), ("Todo", Some("Todo")));
}

// ---- in the app ----

fn app() -> App {
    let mut app = App::new(sample(), "test");
    app.set_clock(|| NOW.to_string());
    update(&mut app, Msg::Resize(100, 30));
    app.show_board(1);
    app
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

#[test]
fn prompts_and_pickers_edit_the_selected_card_and_save() {
    let mut app = app();
    assert_eq!(app.selected_id().as_deref(), Some("S-1"));
    typed(&mut app, "=");
    assert!(matches!(app.mode(), Mode::Prompt(_)));
    typed(&mut app, "x");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode(), Mode::Prompt(_)), "a bad number keeps the prompt open");
    assert!(app.status().as_ref().unwrap().text.contains("not a whole number"));
    key(&mut app, KeyCode::Backspace);
    typed(&mut app, "13");
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(effects, [Effect::Save(vec!["alpha.ron".into()])]);
    assert_eq!(app.ws().item("S-1").unwrap().points, Some(13));

    typed(&mut app, "I");
    let Mode::Picker(picker) = &app.mode() else { panic!("iteration picker") };
    assert_eq!(picker.choices.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(), ["(no iteration)", "I1", "I2"]);
    typed(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.ws().item("S-1").unwrap().iteration.as_deref(), Some("I2"));

    typed(&mut app, "Y");
    typed(&mut app, "def");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.ws().item("S-1").unwrap().kind, Some(Kind::Defect));

    typed(&mut app, "B");
    typed(&mut app, "needs the API key");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.ws().item("S-1").unwrap().blocked.as_deref(), Some("needs the API key"));
    typed(&mut app, "B");
    assert_eq!(app.ws().item("S-1").unwrap().blocked, None, "B on a blocked card unblocks it");

    typed(&mut app, "M");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.ws().board_of("S-1"), Some(2), "moved to Beta");
    assert_eq!(app.selected_id().as_deref(), Some("S-1"), "the selection follows it");
    for _ in 0..6 {
        typed(&mut app, "u");
    }
    let s1 = app.ws().item("S-1").unwrap();
    assert_eq!((s1.points, s1.iteration.as_ref(), s1.kind, app.ws().board_of("S-1")), (None, None, None, Some(1)));
}

#[test]
fn the_checklist_in_the_details_ticks_adds_and_deletes() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode(), Mode::Details { .. }));
    typed(&mut app, "x");
    assert!(app.ws().item("S-1").unwrap().acceptance[0].done);
    typed(&mut app, "a");
    typed(&mut app, "loads in 1 s");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode(), Mode::Details { criterion: 1, .. }), "back in the details on the new one");
    assert_eq!(app.ws().item("S-1").unwrap().acceptance[1].text, "loads in 1 s");
    key(&mut app, KeyCode::BackTab);
    typed(&mut app, "d");
    assert_eq!(app.ws().item("S-1").unwrap().acceptance.len(), 1);
    assert_eq!(app.ws().item("S-1").unwrap().acceptance[0].text, "loads in 1 s");
    typed(&mut app, "jjk");
    assert!(matches!(app.mode(), Mode::Details { scroll: 1, .. }), "j and k scroll");
    key(&mut app, KeyCode::Esc);
    typed(&mut app, "uuu");
    let acceptance = &app.ws().item("S-1").unwrap().acceptance;
    assert_eq!(acceptance, &[Criterion { text: "works".into(), done: false }]);
}

#[test]
fn q_while_presenting_does_not_quit_and_messages_clear() {
    let mut app = app();
    typed(&mut app, "P");
    assert!(app.presenting().is_some());
    assert!(typed_effects(&mut app, 'q').is_empty(), "q does not quit while presenting");
    assert!(app.status().as_ref().unwrap().text.contains("Esc or P"));
    typed(&mut app, "=");
    assert_eq!(*app.mode(), Mode::Board, "read-only presenting refuses the quick edits");
    key(&mut app, KeyCode::Esc);
    assert!(app.presenting().is_none(), "Esc leaves the presentation");
    typed(&mut app, "{");
    assert!(app.status().is_none(), "the message of the key before is gone");
    assert_eq!(typed_effects(&mut app, 'q'), [Effect::Quit]);
}

fn typed_effects(app: &mut App, c: char) -> Vec<Effect> {
    key(app, KeyCode::Char(c))
}

#[test]
fn details_wrap_by_display_width_and_cut_only_overlong_words() {
    use trainboard::app::detail_rows::wrap;
    assert_eq!(wrap("one two three", 7), ["one two", "three"]);
    assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    // Wide characters count two columns each.
    assert_eq!(wrap("日本語 テキスト", 6), ["日本語", "テキス", "ト"]);
    assert_eq!(wrap("", 5), [""]);
    assert!(wrap("a b", 0).iter().all(|l| !l.is_empty()), "a zero width still makes progress");
}
