//! Replacing, adding and removing one board keeps the workspace's indexes exactly as a full
//! rebuild would make them, and checking one board by the indexes finds what checking the
//! whole workspace finds on that board; by property, with ids shared between boards.

use proptest::prelude::*;
use trainboard::model::validate::{validate_one, validate_refs};
use trainboard::model::{Board, Column, Item, Level, Workspace};

const KEYS: [&str; 4] = ["a.ron", "b.ron", "c.ron", "d.ron"];

/// A board from (id number, parent number, dependency number, column, iteration) tuples; few
/// distinct ids, so boards share ids and items name missing ones.
/// One generated item: id, parent and dependency numbers, column, iteration.
type ItemSpec = (u8, Option<u8>, Option<u8>, u8, Option<u8>);

fn board(key: &str, level: Level, items: &[ItemSpec], its: &[u8]) -> Board {
    let columns = ["Backlog", "Doing", "Done"].map(|c| Column::new(c, None)).to_vec();
    let mut b = Board::new(key, key.to_uppercase(), level, columns);
    b.iterations = its.iter().map(|i| format!("I{i}")).collect();
    b.items = items
        .iter()
        .map(|&(id, parent, dep, col, it)| {
            let mut item = Item::new(format!("X-{id}"), "t", ["Backlog", "Doing", "Done", "Nowhere"][col as usize % 4]);
            item.parent = parent.map(|p| format!("X-{p}"));
            item.depends_on = dep.map(|d| format!("X-{d}")).into_iter().collect();
            item.iteration = it.map(|i| format!("I{i}"));
            item
        })
        .collect();
    b.reindex();
    b
}

type Spec = (usize, bool, Vec<ItemSpec>, Vec<u8>);

fn spec() -> impl Strategy<Value = Spec> {
    (
        0..KEYS.len(),
        any::<bool>(),
        prop::collection::vec(
            (0..12u8, prop::option::of(0..14u8), prop::option::of(0..14u8), 0..4u8, prop::option::of(0..3u8)),
            0..8,
        ),
        prop::collection::vec(0..3u8, 0..2),
    )
}

/// The level follows the key (a replaced board keeps its place in the tabs, as before), so
/// program boards sort before team boards whose keys come first.
fn make((key, _, items, its): &Spec) -> Board {
    let program = *key >= 2;
    board(KEYS[*key], if program { Level::Program } else { Level::Team }, items, its)
}

/// Every lookup the indexes answer, compared with a workspace built from scratch.
fn assert_same_indexes(ws: &Workspace) {
    let fresh = Workspace::new(ws.boards().to_vec());
    let keys: Vec<&str> = ws.boards().iter().map(|b| b.key.as_str()).collect();
    let fresh_keys: Vec<&str> = fresh.boards().iter().map(|b| b.key.as_str()).collect();
    assert_eq!(keys, fresh_keys);
    for n in 0..14 {
        let id = format!("X-{n}");
        assert_eq!(ws.board_of(&id), fresh.board_of(&id), "board of {id}");
        assert_eq!(ws.contains(&id), fresh.contains(&id), "contains {id}");
        assert_eq!(ws.children(&id), fresh.children(&id), "children of {id}");
    }
    for key in KEYS {
        assert_eq!(ws.board_index(key), fresh.board_index(key));
    }
}

proptest! {
    #[test]
    fn one_board_changes_keep_the_indexes_of_a_rebuild(
        start in prop::collection::vec(spec(), 0..4),
        steps in prop::collection::vec((any::<bool>(), spec()), 1..6),
    ) {
        let mut boards: Vec<Board> = Vec::new();
        for s in &start {
            let b = make(s);
            if !boards.iter().any(|x| x.key == b.key) {
                boards.push(b);
            }
        }
        let mut ws = Workspace::new(boards);
        assert_same_indexes(&ws);
        for (remove, s) in &steps {
            if *remove {
                let had = ws.board_by_key(KEYS[s.0]).is_some();
                prop_assert_eq!(ws.remove_board(KEYS[s.0]).is_some(), had);
            } else {
                ws.put_board(make(s));
            }
            assert_same_indexes(&ws);
        }
    }

    #[test]
    fn checking_one_board_finds_what_checking_all_finds(
        others in prop::collection::vec(spec(), 0..4),
        mine in spec(),
    ) {
        let mine = make(&mine);
        let mut boards: Vec<Board> = Vec::new();
        for s in &others {
            let b = make(s);
            if b.key != mine.key && !boards.iter().any(|x| x.key == b.key) {
                boards.push(b);
            }
        }
        let ws = Workspace::new(boards);
        let refs: Vec<&Board> = ws.boards().iter().collect();
        let mut all = refs.clone();
        all.push(&mine);
        let expected: Vec<_> = validate_refs(&all).into_iter().filter(|p| p.board == mine.key).collect();
        let found = validate_one(&mine, &refs, |id| ws.other_holder(&mine.key, id, |_| true).map(|b| b.key.as_str()));
        prop_assert_eq!(found, expected);
    }
}

proptest! {
    #[test]
    fn repositioning_keeps_the_board_layout_of_a_full_reindex(
        s in spec(),
        moves in prop::collection::vec((0..8usize, 0..8usize), 1..6),
    ) {
        let mut ws = Workspace::new(vec![make(&s)]);
        let key = ws.boards()[0].key.clone();
        for (from, to) in moves {
            let Some(id) = ws.boards()[0].items.get(from).map(|i| i.id.clone()) else { continue };
            let _ = ws.apply(trainboard::model::edit::Op::Reposition { board: key.clone(), id, to });
            let board = &ws.boards()[0];
            let mut fresh = board.clone();
            fresh.reindex();
            for col in 0..board.columns.len() {
                prop_assert_eq!(board.column_positions(col), fresh.column_positions(col));
            }
            for item in &board.items {
                prop_assert_eq!(board.position(&item.id), fresh.position(&item.id));
            }
        }
    }
}
