//! The pure model: every operation through the undo history, by example and by property.

use proptest::prelude::*;
use trainboard::history::History;
use trainboard::model::ops::{self, Rank};
use trainboard::model::{Board, Column, Item, Level, ModelError, Workspace, Wsjf};

const NOW: &str = "2026-11-22T10:00:00Z";

fn team(key: &str, name: &str, items: &[(&str, &str)]) -> Board {
    let columns = ["Backlog", "Ready", "Doing", "Done"].map(|c| Column::new(c, None)).to_vec();
    let mut b = Board::new(key, name, Level::Team, columns);
    b.items = items.iter().map(|(id, col)| Item::new(*id, format!("Story {id}"), *col)).collect();
    b
}

fn sample() -> Workspace {
    let columns = ["Funnel", "Implementing", "Done"].map(|c| Column::new(c, Some(3))).to_vec();
    let mut art = Board::new("art.ron", "ART", Level::Program, columns);
    let mut f1 = Item::new("F-1", "Search", "Implementing");
    f1.team = Some("Beta".into());
    f1.tags = vec!["search".into()];
    let mut f2 = Item::new("F-2", "Checkout", "Implementing");
    f2.wsjf = Some(Wsjf { value: 8, time_criticality: 8, risk_reduction: 4, job_size: 2 });
    let mut f3 = Item::new("F-3", "Offers", "Implementing");
    f3.wsjf = Some(Wsjf { value: 3, time_criticality: 3, risk_reduction: 3, job_size: 3 });
    art.items = vec![f1, f2, f3, Item::new("F-4", "Later", "Funnel")];
    let mut alpha = team(
        "alpha.ron",
        "Alpha",
        &[("S-1", "Backlog"), ("S-2", "Ready"), ("S-3", "Backlog"), ("S-4", "Backlog"), ("S-104", "Done")],
    );
    alpha.items[0].parent = Some("F-1".into());
    alpha.items[4].parent = Some("F-1".into());
    alpha.items[1].depends_on = vec!["S-1".into()];
    let beta = team("beta.ron", "Beta", &[("S-10", "Backlog")]);
    Workspace::new(vec![art, alpha, beta])
}

fn column_ids(ws: &Workspace, key: &str, col: usize) -> Vec<String> {
    let b = ws.board_by_key(key).unwrap();
    b.column_positions(col).iter().map(|&p| b.items[p].id.clone()).collect()
}

fn commit(ws: &mut Workspace, h: &mut History, edit: Result<trainboard::model::Edit, ModelError>) {
    h.commit(ws, edit.expect("edit")).expect("applies");
}

#[test]
fn move_changes_only_the_item_and_records_history() {
    let (mut ws, mut h) = (sample(), History::default());
    let before = ws.clone();
    let edit = ops::move_to_column(&ws, "S-1", "Doing", NOW);
    commit(&mut ws, &mut h, edit);
    let s1 = ws.item("S-1").unwrap();
    assert_eq!(s1.column, "Doing");
    assert_eq!(s1.history.last().map(|m| (m.at.as_str(), m.column.as_str())), Some((NOW, "Doing")));
    for id in ["S-2", "S-3", "F-1"] {
        assert_eq!(ws.item(id), before.item(id));
    }
    assert_eq!(ops::move_to_column(&ws, "S-1", "Doing", NOW), Err(ModelError::NothingToChange));
    assert!(matches!(ops::move_to_column(&ws, "S-1", "Nope", NOW), Err(ModelError::UnknownColumn { .. })));
    assert_eq!(ops::neighbour_column(&ws, "S-1", 1).unwrap(), "Done");
    assert_eq!(ops::neighbour_column(&ws, "S-104", 1), Err(ModelError::NothingToChange));
    h.undo(&mut ws).unwrap();
    assert_eq!(ws.boards(), before.boards());
}

#[test]
fn ranks_move_within_the_column_only() {
    let (mut ws, mut h) = (sample(), History::default());
    assert_eq!(column_ids(&ws, "alpha.ron", 0), ["S-1", "S-3", "S-4"]);
    let edit = ops::rank(&ws, "S-1", &Rank::Down);
    commit(&mut ws, &mut h, edit);
    assert_eq!(column_ids(&ws, "alpha.ron", 0), ["S-3", "S-1", "S-4"]);
    let edit = ops::rank(&ws, "S-4", &Rank::Top);
    commit(&mut ws, &mut h, edit);
    assert_eq!(column_ids(&ws, "alpha.ron", 0), ["S-4", "S-3", "S-1"]);
    let edit = ops::rank(&ws, "S-4", &Rank::Bottom);
    commit(&mut ws, &mut h, edit);
    assert_eq!(column_ids(&ws, "alpha.ron", 0), ["S-3", "S-1", "S-4"]);
    let edit = ops::rank(&ws, "S-4", &Rank::Before("S-3".into()));
    commit(&mut ws, &mut h, edit);
    assert_eq!(column_ids(&ws, "alpha.ron", 0), ["S-4", "S-3", "S-1"]);
    let edit = ops::rank(&ws, "S-3", &Rank::Up);
    commit(&mut ws, &mut h, edit);
    assert_eq!(column_ids(&ws, "alpha.ron", 0), ["S-3", "S-4", "S-1"]);
    assert_eq!(column_ids(&ws, "alpha.ron", 1), ["S-2"], "other columns untouched");
    assert_eq!(ops::rank(&ws, "S-3", &Rank::Up), Err(ModelError::NothingToChange));
    assert_eq!(ops::rank(&ws, "S-3", &Rank::Before("S-2".into())), Err(ModelError::NotInSameColumn("S-2".into())));
}

#[test]
fn wsjf_rerank_puts_the_highest_first_and_unscored_last() {
    let (mut ws, mut h) = (sample(), History::default());
    let before = ws.clone();
    let edit = ops::sort_by_wsjf(&ws, "art.ron", 1);
    commit(&mut ws, &mut h, edit);
    assert_eq!(column_ids(&ws, "art.ron", 1), ["F-2", "F-3", "F-1"]);
    assert_eq!(column_ids(&ws, "art.ron", 0), ["F-4"]);
    assert_eq!(ops::sort_by_wsjf(&ws, "art.ron", 1), Err(ModelError::NothingToChange));
    h.undo(&mut ws).unwrap();
    assert_eq!(ws.boards(), before.boards());
    h.redo(&mut ws).unwrap();
    assert_eq!(column_ids(&ws, "art.ron", 1), ["F-2", "F-3", "F-1"]);
}

#[test]
fn add_takes_the_next_number_and_lands_at_the_bottom_of_the_column() {
    let (mut ws, mut h) = (sample(), History::default());
    let (edit, id) = ops::add_item(&ws, "alpha.ron", "Backlog", "  New   story ", NOW).unwrap();
    assert_eq!(id, "S-105");
    commit(&mut ws, &mut h, Ok(edit));
    assert_eq!(column_ids(&ws, "alpha.ron", 0), ["S-1", "S-3", "S-4", "S-105"]);
    let item = ws.item("S-105").unwrap();
    assert_eq!(item.title, "New story");
    assert_eq!(item.history.len(), 1);
    assert_eq!(ops::add_item(&ws, "alpha.ron", "Backlog", "   ", NOW).unwrap_err(), ModelError::EmptyTitle);
}

#[test]
fn title_and_whole_item_edits_are_checked() {
    let (mut ws, mut h) = (sample(), History::default());
    let edit = ops::set_title(&ws, "S-1", "Renamed");
    commit(&mut ws, &mut h, edit);
    assert_eq!(ws.item("S-1").unwrap().title, "Renamed");
    let mut edited = ws.item("S-1").unwrap().clone();
    edited.id = "S-99".into();
    assert_eq!(ops::replace_item(&ws, "S-1", edited.clone()), Err(ModelError::IdChanged("S-1".into())));
    edited.id = "S-1".into();
    edited.column = "Nowhere".into();
    assert!(matches!(ops::replace_item(&ws, "S-1", edited.clone()), Err(ModelError::UnknownColumn { .. })));
    edited.column = "Ready".into();
    edited.parent = Some("F-404".into());
    assert_eq!(ops::replace_item(&ws, "S-1", edited.clone()), Err(ModelError::UnknownItem("F-404".into())));
    edited.parent = Some("F-2".into());
    edited.points = Some(5);
    let edit = ops::replace_item(&ws, "S-1", edited);
    commit(&mut ws, &mut h, edit);
    assert_eq!(ws.children("F-2"), ["S-1"]);
    assert!(!ws.children("F-1").contains(&"S-1".to_string()));
}

#[test]
fn delete_unlinks_children_and_dependants_and_undo_restores_exactly() {
    let (mut ws, mut h) = (sample(), History::default());
    let before = ws.clone();
    let edit = ops::delete(&ws, "F-1");
    commit(&mut ws, &mut h, edit);
    assert!(ws.item("F-1").is_none());
    assert_eq!(ws.item("S-1").unwrap().parent, None);
    let edit = ops::delete(&ws, "S-1");
    commit(&mut ws, &mut h, edit);
    assert!(ws.item("S-2").unwrap().depends_on.is_empty());
    h.undo(&mut ws).unwrap();
    h.undo(&mut ws).unwrap();
    assert_eq!(ws.boards(), before.boards());
    assert_eq!(ws.rollup("F-1"), Some((1, 2)));
}

#[test]
fn split_lands_on_the_team_board_and_undo_removes_every_child() {
    let (mut ws, mut h) = (sample(), History::default());
    let before = ws.clone();
    let target = ops::default_split_board(&ws, "F-1").unwrap();
    assert_eq!(ws.boards()[target].name, "Beta", "a feature splits onto its team's board");
    assert_eq!(ws.boards()[ops::default_split_board(&ws, "F-2").unwrap()].name, "Alpha", "else the first team board");
    let titles = vec!["One".to_string(), "Two".to_string(), "".to_string(), "Three".to_string()];
    let (edit, ids) = ops::split(&ws, "F-1", &titles, target, NOW).unwrap();
    assert_eq!(ids, ["S-105", "S-106", "S-107"]);
    commit(&mut ws, &mut h, Ok(edit));
    for id in &ids {
        let child = ws.item(id).unwrap();
        assert_eq!((child.parent.as_deref(), child.column.as_str()), (Some("F-1"), "Backlog"));
        assert_eq!(child.team.as_deref(), Some("Beta"));
        assert_eq!(child.tags, ["search"]);
        assert_eq!(ws.board_of(id), Some(target));
    }
    assert_eq!(ws.rollup("F-1"), Some((1, 5)));
    h.undo(&mut ws).unwrap();
    assert_eq!(ws.boards(), before.boards());
    assert!(ids.iter().all(|id| ws.item(id).is_none()));
    assert_eq!(ops::split(&ws, "S-1", &titles, target, NOW).unwrap_err(), ModelError::NoLevelBelow);
}

#[test]
fn rollup_counts_children_in_their_done_columns() {
    let ws = sample();
    assert_eq!(ws.rollup("F-1"), Some((1, 2)));
    assert_eq!(ws.rollup("F-2"), None);
}

/// One random operation, by index into the current state.
#[derive(Debug, Clone)]
enum Step {
    Move(usize, isize),
    Rank(usize, u8),
    Wsjf(usize),
    Add(usize, String),
    Delete(usize),
    Split(usize, u8),
    Undo,
    Redo,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..40usize, prop_oneof![Just(-1isize), Just(1)]).prop_map(|(i, d)| Step::Move(i, d)),
        (0..40usize, 0..4u8).prop_map(|(i, r)| Step::Rank(i, r)),
        (0..12usize).prop_map(Step::Wsjf),
        (0..3usize, "[a-z]{1,6}").prop_map(|(b, t)| Step::Add(b, t)),
        (0..40usize).prop_map(Step::Delete),
        (0..40usize, 1..4u8).prop_map(|(i, n)| Step::Split(i, n)),
        Just(Step::Undo),
        Just(Step::Redo),
    ]
}

fn all_ids(ws: &Workspace) -> Vec<String> {
    ws.boards().iter().flat_map(|b| b.items.iter().map(|i| i.id.clone())).collect()
}

fn run(ws: &mut Workspace, h: &mut History, step: &Step) {
    let ids = all_ids(ws);
    let pick = |i: usize| ids.get(i % ids.len().max(1)).cloned();
    let edit = match step {
        Step::Move(i, d) => {
            pick(*i).map(|id| ops::neighbour_column(ws, &id, *d).and_then(|to| ops::move_to_column(ws, &id, &to, NOW)))
        }
        Step::Rank(i, r) => {
            pick(*i).map(|id| ops::rank(ws, &id, &[Rank::Up, Rank::Down, Rank::Top, Rank::Bottom][*r as usize]))
        }
        Step::Wsjf(c) => Some(ops::sort_by_wsjf(ws, "art.ron", c % 3)),
        Step::Add(b, t) => {
            let key = ["art.ron", "alpha.ron", "beta.ron"][*b];
            let col = ws.board_by_key(key).unwrap().columns[0].name.clone();
            Some(ops::add_item(ws, key, &col, t, NOW).map(|(e, _)| e))
        }
        Step::Delete(i) => pick(*i).map(|id| ops::delete(ws, &id)),
        Step::Split(i, n) => pick(*i).map(|id| {
            let titles: Vec<String> = (0..*n).map(|k| format!("child {k}")).collect();
            ops::default_split_board(ws, &id).and_then(|t| ops::split(ws, &id, &titles, t, NOW).map(|(e, _)| e))
        }),
        Step::Undo => {
            h.undo(ws);
            None
        }
        Step::Redo => {
            h.redo(ws);
            None
        }
    };
    if let Some(Ok(edit)) = edit {
        h.commit(ws, edit).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_sequence_keeps_every_item_once_and_undoes_exactly(steps in proptest::collection::vec(step(), 1..30)) {
        let mut ws = sample();
        let original = ws.clone();
        let mut h = History::default();
        let mut applied = 0;
        for s in &steps {
            run(&mut ws, &mut h, s);
            let ids = all_ids(&ws);
            let unique: std::collections::HashSet<&String> = ids.iter().collect();
            prop_assert_eq!(unique.len(), ids.len(), "an id appears twice");
            // The indexes agree with a workspace built from scratch.
            let fresh = Workspace::new(ws.boards().to_vec());
            for id in &ids {
                prop_assert_eq!(ws.board_of(id), fresh.board_of(id));
                prop_assert_eq!(ws.find(id).map(|(_, i)| i), fresh.find(id).map(|(_, i)| i));
                let mut a = ws.children(id).to_vec();
                let mut b = fresh.children(id).to_vec();
                a.sort();
                b.sort();
                prop_assert_eq!(a, b);
                prop_assert_eq!(ws.rollup(id), fresh.rollup(id));
            }
            applied += 1;
        }
        prop_assert!(applied > 0);
        while h.can_undo() {
            h.undo(&mut ws);
        }
        prop_assert_eq!(ws.boards(), original.boards());
        while h.can_redo() {
            h.redo(&mut ws);
        }
        let redone = ws.clone();
        while h.can_undo() {
            h.undo(&mut ws);
        }
        prop_assert_eq!(ws.boards(), original.boards());
        prop_assert!(redone.item_count() > 0);
    }
}

#[test]
fn a_moved_card_lands_at_the_top_or_at_the_bottom_as_configured() {
    use trainboard::model::ops::Landing;
    let mut board = Board::new("t.ron", "T", Level::Team, vec![Column::new("Todo", None), Column::new("Doing", None)]);
    // File order mixes the columns: Doing's cards sit before and after the moved one.
    board.items = vec![
        Item::new("S-1", "a", "Doing"),
        Item::new("S-2", "b", "Todo"),
        Item::new("S-3", "c", "Doing"),
        Item::new("S-4", "d", "Todo"),
        Item::new("S-5", "e", "Doing"),
    ];
    board.reindex();
    let ws = Workspace::new(vec![board]);
    let doing = |ws: &Workspace| {
        let board = &ws.boards()[0];
        board.column_positions(1).iter().map(|&p| board.items[p].id.clone()).collect::<Vec<_>>()
    };
    for (id, landing, expected) in [
        ("S-2", Landing::Top, ["S-2", "S-1", "S-3", "S-5"]),
        ("S-2", Landing::Bottom, ["S-1", "S-3", "S-5", "S-2"]),
        ("S-4", Landing::Top, ["S-4", "S-1", "S-3", "S-5"]),
        ("S-4", Landing::Bottom, ["S-1", "S-3", "S-5", "S-4"]),
    ] {
        let mut moved = ws.clone();
        let mut history = History::default();
        let edit = ops::move_to_column_landing(&moved, id, "Doing", "2026-01-01T00:00:00Z", landing).unwrap();
        history.commit(&mut moved, edit).unwrap();
        assert_eq!(doing(&moved), expected, "{id} {landing:?}");
        history.undo(&mut moved);
        assert_eq!(doing(&moved), doing(&ws), "undo puts it back");
    }
}
