//! Changing a board's columns and its name (`model::columns`), and undoing and redoing it
//! through the history: cards follow their columns, refusals say why.

use trainboard::history::History;
use trainboard::model::board::{Board, Column, Level};
use trainboard::model::columns::*;
use trainboard::model::item::Move;
use trainboard::model::workspace::Workspace;
use trainboard::model::{Item, ModelError};

const NOW: &str = "2026-11-22T10:00:00Z";

fn ws() -> Workspace {
    let columns = vec![Column::new("Backlog", None), Column::new("Doing", Some(2)), Column::new("Done", None)];
    let mut team = Board::new("alpha.ron", "Alpha", Level::Team, columns);
    team.items = vec![
        Item::new("S-1", "one", "Backlog"),
        Item::new("S-2", "two", "Doing"),
        Item::new("S-3", "three", "Done"),
        Item::new("S-4", "four", "Doing"),
    ];
    team.items[1].history = vec![Move { at: "2026-11-01T09:00:00Z".into(), column: "Doing".into() }];
    let mut art = Board::new("art.ron", "ART", Level::Program, vec![Column::new("Funnel", None)]);
    art.items = vec![Item::new("F-1", "feature", "Funnel")];
    art.items[0].team = Some("Alpha".into());
    Workspace::new(vec![art, team])
}

fn board(ws: &Workspace) -> &Board {
    ws.board_by_key("alpha.ron").unwrap()
}

fn names(ws: &Workspace) -> Vec<String> {
    board(ws).columns.iter().map(|c| c.name.clone()).collect()
}

/// The board's index is the one a full rebuild makes.
fn assert_indexed(ws: &Workspace) {
    let board = board(ws);
    let mut fresh = board.clone();
    fresh.reindex();
    for col in 0..board.columns.len() {
        assert_eq!(board.column_positions(col), fresh.column_positions(col), "column {col}");
    }
    assert_eq!(board.unplaced_positions(), fresh.unplaced_positions());
    for item in &board.items {
        assert_eq!(board.position(&item.id), fresh.position(&item.id));
    }
}

fn column_of(ws: &Workspace, id: &str) -> String {
    ws.item(id).unwrap().column.clone()
}

/// Commits `change` on Alpha; returns the column to select.
fn commit(ws: &mut Workspace, h: &mut History, change: ColumnChange) -> usize {
    let made = change_columns(ws, "alpha.ron", change, NOW).expect("a valid change");
    h.commit(ws, made.edit).expect("commits");
    made.select
}

fn refused(ws: &Workspace, change: ColumnChange) -> String {
    match change_columns(ws, "alpha.ron", change, NOW) {
        Err(err) => err.to_string(),
        Ok(made) => panic!("{:?} should be refused", made.edit.label),
    }
}

#[test]
fn add_puts_an_empty_column_right_of_the_selected_one_and_undo_takes_it_away() {
    let (mut ws, mut h) = (ws(), History::default());
    let before = board(&ws).clone();
    let select = commit(&mut ws, &mut h, ColumnChange::Add { index: 1, name: "  Code \t review ".into() });
    assert_eq!(names(&ws), ["Backlog", "Doing", "Code review", "Done"]);
    assert_eq!(select, 2);
    assert_eq!(board(&ws).column_len(2), 0);
    assert_eq!(board(&ws).column_items(3).next().unwrap().id, "S-3", "cards stay in their columns");
    h.undo(&mut ws).unwrap();
    assert_eq!(board(&ws), &before);
}

#[test]
fn a_duplicate_or_empty_name_is_refused_with_a_reason() {
    let ws = ws();
    assert!(
        refused(&ws, ColumnChange::Add { index: 0, name: "doing".into() }).contains("already has a column \"Doing\"")
    );
    assert!(refused(&ws, ColumnChange::Rename { index: 0, name: "DONE".into() }).contains("already has"));
    assert!(refused(&ws, ColumnChange::Add { index: 0, name: " \t ".into() }).contains("needs a name"));
    assert!(refused(&ws, ColumnChange::Add { index: 0, name: "x".repeat(MAX_NAME + 1) }).contains("at most"));
    assert!(refused(&ws, ColumnChange::Rename { index: 7, name: "New".into() }).contains("no column 8"));
    // Another case of its own name is a rename, not a clash.
    let made = change_columns(&ws, "alpha.ron", ColumnChange::Rename { index: 1, name: "DOING".into() }, NOW);
    assert!(made.is_ok(), "{made:?}");
    assert_eq!(
        change_columns(&ws, "alpha.ron", ColumnChange::Rename { index: 1, name: "Doing".into() }, NOW),
        Err(ModelError::NothingToChange)
    );
}

#[test]
fn rename_moves_the_cards_keeps_the_wip_limit_and_the_history_as_it_was() {
    let (mut ws, mut h) = (ws(), History::default());
    let before = board(&ws).clone();
    let select = commit(&mut ws, &mut h, ColumnChange::Rename { index: 1, name: "In Progress".into() });
    assert_eq!(select, 1);
    assert_eq!(names(&ws), ["Backlog", "In Progress", "Done"]);
    assert_eq!(board(&ws).columns[1].wip, Some(2), "the WIP limit stays");
    assert_eq!(column_of(&ws, "S-2"), "In Progress");
    assert_eq!(column_of(&ws, "S-4"), "In Progress");
    assert_eq!(board(&ws).column_len(1), 2);
    assert_eq!(ws.item("S-2").unwrap().history[0].column, "Doing", "history is what happened");
    assert!(board(&ws).unplaced_positions().is_empty());
    assert_indexed(&ws);
    h.undo(&mut ws).unwrap();
    assert_eq!(board(&ws), &before);
    assert_indexed(&ws);
    h.redo(&mut ws).unwrap();
    assert_indexed(&ws);
    assert_eq!(column_of(&ws, "S-4"), "In Progress");
}

#[test]
fn move_reorders_and_stops_at_the_ends() {
    let (mut ws, mut h) = (ws(), History::default());
    assert_eq!(commit(&mut ws, &mut h, ColumnChange::Move { index: 0, step: 1 }), 1);
    assert_eq!(names(&ws), ["Doing", "Backlog", "Done"]);
    assert_eq!(commit(&mut ws, &mut h, ColumnChange::Move { index: 1, step: 1 }), 2);
    assert_eq!(names(&ws), ["Doing", "Done", "Backlog"]);
    assert!(refused(&ws, ColumnChange::Move { index: 2, step: 1 }).contains("already the last"));
    assert!(refused(&ws, ColumnChange::Move { index: 0, step: -1 }).contains("already the first"));
    assert_eq!(column_of(&ws, "S-1"), "Backlog", "cards go with their column");
    h.undo(&mut ws).unwrap();
    h.undo(&mut ws).unwrap();
    assert_eq!(names(&ws), ["Backlog", "Doing", "Done"]);
}

#[test]
fn delete_of_an_empty_column_and_of_one_whose_cards_move() {
    let (mut ws, mut h) = (ws(), History::default());
    let before = board(&ws).clone();
    assert!(refused(&ws, ColumnChange::Delete { index: 1, cards_to: None }).contains("holds 2 cards"));
    assert!(refused(&ws, ColumnChange::Delete { index: 1, cards_to: Some("Doing".into()) }).contains("no column"));
    assert!(refused(&ws, ColumnChange::Delete { index: 1, cards_to: Some("Nope".into()) }).contains("no column"));
    let select = commit(&mut ws, &mut h, ColumnChange::Delete { index: 1, cards_to: Some("Backlog".into()) });
    assert_eq!(names(&ws), ["Backlog", "Done"]);
    assert_eq!(select, 0, "the column the cards went to");
    let backlog: Vec<&str> = board(&ws).column_items(0).map(|i| i.id.as_str()).collect();
    assert_eq!(backlog, ["S-1", "S-2", "S-4"], "the moved cards land below the ones there");
    let moved = ws.item("S-2").unwrap();
    assert_eq!(moved.history.last().unwrap(), &Move { at: NOW.into(), column: "Backlog".into() });
    assert_eq!(moved.history[0].column, "Doing");
    assert_indexed(&ws);
    // An empty column goes without a question; the next one is selected.
    commit(&mut ws, &mut h, ColumnChange::Add { index: 0, name: "Ready".into() });
    assert_eq!(commit(&mut ws, &mut h, ColumnChange::Delete { index: 1, cards_to: None }), 1);
    assert_eq!(names(&ws), ["Backlog", "Done"]);
    for _ in 0..3 {
        h.undo(&mut ws).unwrap();
    }
    assert_eq!(board(&ws), &before, "cards, order and history come back");
    assert_indexed(&ws);
}

#[test]
fn the_only_column_stays() {
    let mut ws = ws();
    let solo = Board::new("solo.ron", "Solo", Level::Team, vec![Column::new("Todo", None)]);
    ws.put_board(solo);
    let made = change_columns(&ws, "solo.ron", ColumnChange::Delete { index: 0, cards_to: None }, NOW);
    assert!(matches!(made, Err(ModelError::Invalid(ref why)) if why.contains("only column")), "{made:?}");
}

#[test]
fn wip_limit_is_set_cleared_and_checked() {
    let (mut ws, mut h) = (ws(), History::default());
    commit(&mut ws, &mut h, ColumnChange::Wip { index: 0, limit: Some(5) });
    assert_eq!(board(&ws).columns[0].wip, Some(5));
    commit(&mut ws, &mut h, ColumnChange::Wip { index: 1, limit: None });
    assert_eq!(board(&ws).columns[1].wip, None);
    assert!(refused(&ws, ColumnChange::Wip { index: 0, limit: Some(0) }).contains("at least 1"));
    assert_eq!(parse_wip(" 4 "), Ok(Some(4)));
    assert_eq!(parse_wip(""), Ok(None));
    for bad in ["0", "-1", "three", "2.5", "99999999999"] {
        assert!(parse_wip(bad).is_err(), "{bad}");
    }
    h.undo(&mut ws).unwrap();
    assert_eq!(board(&ws).columns[1].wip, Some(2));
    h.undo(&mut ws).unwrap();
    assert_eq!(board(&ws).columns[0].wip, None);
}

#[test]
fn done_mark_moves_to_one_column_only() {
    let (mut ws, mut h) = (ws(), History::default());
    assert_eq!(board(&ws).done_column(), 2);
    commit(&mut ws, &mut h, ColumnChange::MarkDone { index: 1 });
    assert_eq!(board(&ws).done_column(), 1);
    assert!(board(&ws).is_done(ws.item("S-2").unwrap()));
    commit(&mut ws, &mut h, ColumnChange::MarkDone { index: 2 });
    let marked: Vec<bool> = board(&ws).columns.iter().map(|c| c.done).collect();
    assert_eq!(marked, [false, false, true]);
    assert!(refused(&ws, ColumnChange::MarkDone { index: 2 }).contains("already the done column"));
    h.undo(&mut ws).unwrap();
    h.undo(&mut ws).unwrap();
    assert!(board(&ws).columns.iter().all(|c| !c.done));
}

#[test]
fn undo_after_someone_else_changed_a_wip_limit_keeps_theirs() {
    let (mut ws, mut h) = (ws(), History::default());
    commit(&mut ws, &mut h, ColumnChange::Wip { index: 0, limit: Some(4) });
    // A teammate's save changes another column's limit, and then ours too.
    let mut theirs = board(&ws).clone();
    theirs.columns[2].wip = Some(9);
    ws.put_board(theirs);
    let applied = h.undo(&mut ws).unwrap();
    assert_eq!(board(&ws).columns[0].wip, None, "ours goes back");
    assert_eq!(board(&ws).columns[2].wip, Some(9), "theirs stays");
    assert!(applied.kept_theirs.is_empty(), "{:?}", applied.kept_theirs);
    h.redo(&mut ws).unwrap();
    commit(&mut ws, &mut h, ColumnChange::Wip { index: 0, limit: Some(6) });
    let mut theirs = board(&ws).clone();
    theirs.columns[0].wip = Some(7);
    ws.put_board(theirs);
    let applied = h.undo(&mut ws).unwrap();
    assert_eq!(board(&ws).columns[0].wip, Some(7), "their limit on the same column stays");
    assert!(applied.kept_theirs.iter().any(|n| n.contains("kept theirs")), "{:?}", applied.kept_theirs);
}

#[test]
fn undo_of_a_rename_after_someone_added_a_card_there_takes_their_card_along() {
    let (mut ws, mut h) = (ws(), History::default());
    commit(&mut ws, &mut h, ColumnChange::Rename { index: 1, name: "Active".into() });
    let mut theirs = board(&ws).clone();
    theirs.items.push(Item::new("S-9", "theirs", "Active"));
    ws.put_board(theirs);
    h.undo(&mut ws).unwrap();
    assert_eq!(names(&ws), ["Backlog", "Doing", "Done"]);
    assert_eq!(column_of(&ws, "S-9"), "Doing");
    assert_eq!(column_of(&ws, "S-2"), "Doing");
    assert!(board(&ws).unplaced_positions().is_empty());
}

#[test]
fn undo_of_a_rename_whose_column_someone_changed_keeps_their_columns_and_the_cards_placed() {
    let (mut ws, mut h) = (ws(), History::default());
    commit(&mut ws, &mut h, ColumnChange::Rename { index: 1, name: "Active".into() });
    let mut theirs = board(&ws).clone();
    theirs.columns[1].wip = Some(8);
    ws.put_board(theirs);
    let applied = h.undo(&mut ws).unwrap();
    assert_eq!(names(&ws), ["Backlog", "Active", "Done"]);
    assert_eq!(board(&ws).columns[1].wip, Some(8));
    assert_eq!(column_of(&ws, "S-2"), "Active", "the cards stay where the columns are");
    assert!(board(&ws).unplaced_positions().is_empty());
    assert!(applied.kept_theirs.iter().any(|n| n.contains("columns")), "{:?}", applied.kept_theirs);
}

#[test]
fn undo_of_an_added_column_someone_put_a_card_in_keeps_it() {
    let (mut ws, mut h) = (ws(), History::default());
    commit(&mut ws, &mut h, ColumnChange::Add { index: 0, name: "Ready".into() });
    let mut theirs = board(&ws).clone();
    theirs.items.push(Item::new("S-9", "theirs", "Ready"));
    ws.put_board(theirs);
    let applied = h.undo(&mut ws).unwrap();
    assert_eq!(names(&ws), ["Backlog", "Ready", "Doing", "Done"], "their card keeps its column");
    assert_eq!(column_of(&ws, "S-9"), "Ready");
    assert!(board(&ws).unplaced_positions().is_empty());
    assert!(applied.kept_theirs.iter().any(|n| n.contains("columns")), "{:?}", applied.kept_theirs);
}

#[test]
fn renaming_a_team_board_renames_the_team_of_its_items_and_undoes() {
    let (mut ws, mut h) = (ws(), History::default());
    assert!(matches!(rename_board(&ws, "alpha.ron", "art"), Err(ModelError::Invalid(_))));
    let edit = rename_board(&ws, "alpha.ron", " Alpha  Squad ").unwrap();
    h.commit(&mut ws, edit).unwrap();
    assert_eq!(board(&ws).name, "Alpha Squad");
    assert_eq!(board(&ws).key, "alpha.ron", "the file keeps its name");
    assert_eq!(ws.item("F-1").unwrap().team.as_deref(), Some("Alpha Squad"));
    h.undo(&mut ws).unwrap();
    assert_eq!(board(&ws).name, "Alpha");
    assert_eq!(ws.item("F-1").unwrap().team.as_deref(), Some("Alpha"));
}

#[test]
fn file_names_are_slugs() {
    assert_eq!(file_name_for("Team Gamma!").as_deref(), Some("team-gamma.ron"));
    assert_eq!(file_name_for("../../etc/passwd").as_deref(), Some("etc-passwd.ron"));
    assert_eq!(file_name_for("Équipe Ünïcode").as_deref(), Some("équipe-ünïcode.ron"));
    assert_eq!(file_name_for(" -- "), None);
    assert!(slug(&"ab-".repeat(50)).chars().count() <= MAX_NAME);
    assert!(!slug(&"ab-".repeat(50)).ends_with('-'));
}
