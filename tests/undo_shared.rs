//! Undo in a shared workspace: only our change is taken back, field by field against what is
//! there now; a teammate's change since stays and is said. Plus the small model rules that go
//! with trust: ids never wrap, new items and split children take their board's team, unknown
//! iterations are refused.

use trainboard::history::History;
use trainboard::model::ops::{self, Rank};
use trainboard::model::{Board, Column, Item, Level, ModelError, Workspace};

const NOW: &str = "2026-11-22T10:00:00Z";

fn board(key: &str, name: &str, level: Level, items: &[&str]) -> Board {
    let columns = ["Backlog", "Doing", "Done"].map(|c| Column::new(c, None)).to_vec();
    let mut b = Board::new(key, name, level, columns);
    b.items = items.iter().map(|id| Item::new(*id, format!("Title {id}"), "Backlog")).collect();
    b.reindex();
    b
}

fn workspace() -> Workspace {
    let mut art = board("art.ron", "ART", Level::Program, &["F-1"]);
    art.iterations = vec!["I1".into(), "I2".into()];
    Workspace::new(vec![art, board("alpha.ron", "Alpha", Level::Team, &["S-1", "S-2", "S-3"])])
}

/// What a reload of a teammate's save does: the board is replaced by theirs.
fn teammate_changes(ws: &mut Workspace, key: &str, change: impl FnOnce(&mut Board)) {
    let mut board = ws.board_by_key(key).unwrap().clone();
    change(&mut board);
    board.reindex();
    ws.put_board(board);
}

fn item_mut<'a>(board: &'a mut Board, id: &str) -> &'a mut Item {
    board.items.iter_mut().find(|i| i.id == id).unwrap()
}

#[test]
fn undo_takes_back_our_field_and_keeps_a_teammates_other_field() {
    let (mut ws, mut h) = (workspace(), History::default());
    let edit = ops::set_title(&ws, "S-1", "Ours").unwrap();
    h.commit(&mut ws, edit).unwrap();
    teammate_changes(&mut ws, "alpha.ron", |b| item_mut(b, "S-1").points = Some(5));
    let applied = h.undo(&mut ws).expect("undo");
    let s1 = ws.item("S-1").unwrap();
    assert_eq!(s1.title, "Title S-1", "our title change is taken back");
    assert_eq!(s1.points, Some(5), "their points stay");
    assert!(applied.kept_theirs.is_empty());
    h.redo(&mut ws).expect("redo");
    assert_eq!(ws.item("S-1").unwrap().title, "Ours");
    assert_eq!(ws.item("S-1").unwrap().points, Some(5));
}

#[test]
fn undo_keeps_a_teammates_change_to_the_same_field_and_says_so() {
    let (mut ws, mut h) = (workspace(), History::default());
    let edit = ops::set_title(&ws, "S-1", "Ours").unwrap();
    h.commit(&mut ws, edit).unwrap();
    teammate_changes(&mut ws, "alpha.ron", |b| item_mut(b, "S-1").title = "Theirs".into());
    let applied = h.undo(&mut ws).expect("undo");
    assert_eq!(ws.item("S-1").unwrap().title, "Theirs");
    assert_eq!(applied.kept_theirs.len(), 1, "{:?}", applied.kept_theirs);
    assert!(applied.kept_theirs[0].contains("S-1") && applied.kept_theirs[0].contains("title"));
}

#[test]
fn undoing_a_move_leaves_a_teammates_new_items_and_order() {
    let (mut ws, mut h) = (workspace(), History::default());
    let edit = ops::move_to_column(&ws, "S-2", "Doing", NOW).unwrap();
    h.commit(&mut ws, edit).unwrap();
    let edit = ops::rank(&ws, "S-3", &Rank::Top).unwrap();
    h.commit(&mut ws, edit).unwrap();
    teammate_changes(&mut ws, "alpha.ron", |b| {
        b.items.push(Item::new("S-9", "Theirs", "Backlog"));
        item_mut(b, "S-1").owner = Some("Kim".into());
    });
    h.undo(&mut ws).expect("undo rank");
    h.undo(&mut ws).expect("undo move");
    let alpha = ws.board_by_key("alpha.ron").unwrap();
    let ids: Vec<&str> = alpha.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["S-1", "S-2", "S-3", "S-9"], "our rank is undone, their item stays");
    assert_eq!(alpha.item("S-2").unwrap().column, "Backlog");
    assert_eq!(alpha.item("S-2").unwrap().history, vec![], "the move's history entry goes with it");
    assert_eq!(alpha.item("S-1").unwrap().owner.as_deref(), Some("Kim"));
}

#[test]
fn undoing_an_add_keeps_the_item_when_a_teammate_edited_it() {
    let (mut ws, mut h) = (workspace(), History::default());
    let (edit, id) = ops::add_item(&ws, "alpha.ron", "Backlog", "New", NOW).unwrap();
    h.commit(&mut ws, edit).unwrap();
    teammate_changes(&mut ws, "alpha.ron", |b| item_mut(b, &id).points = Some(3));
    let applied = h.undo(&mut ws).expect("undo");
    assert!(ws.contains(&id), "their edit keeps the item");
    assert_eq!(applied.kept_theirs.len(), 1);
}

#[test]
fn after_a_renumber_undo_removes_our_item_not_theirs() {
    let (mut ws, mut h) = (workspace(), History::default());
    let (edit, id) = ops::add_item(&ws, "alpha.ron", "Backlog", "Ours", NOW).unwrap();
    h.commit(&mut ws, edit).unwrap();
    // Someone else's item took the id on another board: ours is renumbered, outside history.
    let fresh = "S-77";
    let rename = ops::rename_id(&ws, &id, fresh).unwrap();
    trainboard::model::edit::apply_all(&mut ws, rename).unwrap();
    h.rename(&id, fresh);
    teammate_changes(&mut ws, "art.ron", |b| b.items.push(Item::new(id.clone(), "Theirs", "Backlog")));
    assert!(!h.can_redo());
    let applied = h.undo(&mut ws).expect("undo");
    assert!(!ws.contains(fresh), "our renumbered item is gone");
    assert_eq!(ws.item(&id).unwrap().title, "Theirs", "theirs stays");
    assert_eq!(applied.focus.as_deref(), Some(fresh));
    assert!(!h.can_undo(), "renumbering added no step");
    h.redo(&mut ws).expect("redo");
    assert_eq!(ws.item(fresh).unwrap().title, "Ours");
}

#[test]
fn renumbering_is_not_an_undo_step() {
    let (mut ws, mut h) = (workspace(), History::default());
    let edit = ops::set_title(&ws, "S-1", "Ours").unwrap();
    h.commit(&mut ws, edit).unwrap();
    let rename = ops::rename_id(&ws, "S-1", "S-50").unwrap();
    trainboard::model::edit::apply_all(&mut ws, rename).unwrap();
    h.rename("S-1", "S-50");
    h.undo(&mut ws).expect("the title change is the step undone");
    assert_eq!(ws.item("S-50").unwrap().title, "Title S-1", "the item keeps its new id");
    assert!(!h.can_undo());
}

#[test]
fn new_ids_never_wrap_past_the_largest_number() {
    let mut alpha = board("alpha.ron", "Alpha", Level::Team, &["S-18446744073709551615", "S-1"]);
    alpha.reindex();
    let ws = Workspace::new(vec![alpha]);
    let (_, id) = ops::add_item(&ws, "alpha.ron", "Backlog", "Next", NOW).unwrap();
    assert_eq!(id, "S-2");
}

#[test]
fn new_items_and_split_children_take_their_boards_team() {
    let mut ws = workspace();
    let mut history = History::default();
    let (edit, id) = ops::add_item(&ws, "alpha.ron", "Backlog", "New", NOW).unwrap();
    history.commit(&mut ws, edit).unwrap();
    assert_eq!(ws.item(&id).unwrap().team.as_deref(), Some("Alpha"));
    teammate_changes(&mut ws, "art.ron", |b| item_mut(b, "F-1").team = Some("Beta".into()));
    let target = ws.board_index("alpha.ron").unwrap();
    let (edit, ids) = ops::split(&ws, "F-1", &["Child".to_string()], target, NOW).unwrap();
    history.commit(&mut ws, edit).unwrap();
    assert_eq!(ws.item(&ids[0]).unwrap().team.as_deref(), Some("Alpha"), "not the feature's old team");
}

#[test]
fn an_unknown_iteration_is_refused_and_reported() {
    let ws = workspace();
    let mut edited = ws.item("S-1").unwrap().clone();
    edited.iteration = Some("I9".into());
    let err = ops::replace_item(&ws, "S-1", edited.clone()).unwrap_err();
    assert!(matches!(err, ModelError::UnknownIteration { .. }), "{err}");
    edited.iteration = Some("I2".into());
    assert!(ops::replace_item(&ws, "S-1", edited).is_ok());
    let mut boards: Vec<Board> = ws.boards().to_vec();
    boards[1].items[0].iteration = Some("I9".into());
    let problems = trainboard::model::validate::validate(&boards);
    assert!(problems.iter().any(|p| p.message.contains("iteration \"I9\"")), "{problems:?}");
}
