//! The three-way merge of boards: properties over random edits (an unchanged side, disjoint
//! changes, no loss or duplication, determinism), each rule by example, the scale of a
//! 20,000-item board, and the merge driver on files and in a real git repository.

#[path = "support/scratch.rs"]
mod scratch;
use scratch::{Scratch, private_home};

use std::collections::HashSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use proptest::prelude::*;
use trainboard::merge::order::merge_order;
use trainboard::merge::{Merged, fresh_id, merge_boards};
use trainboard::merge_driver::{EXIT_CLEAN, EXIT_CONFLICT, merge_files};
use trainboard::model::{Board, Column, Item, Level, Move};
use trainboard::storage::{board_to_string, parse_board};

const COLUMNS: [&str; 3] = ["Backlog", "Doing", "Done"];

fn board(ids: &[&str]) -> Board {
    let columns = COLUMNS.map(|c| Column::new(c, None)).to_vec();
    let mut b = Board::new("team.ron", "Alpha", Level::Team, columns);
    b.items = ids.iter().map(|id| Item::new(*id, format!("Story {id}"), "Backlog")).collect();
    b.reindex();
    b
}

fn numbered(n: usize) -> Board {
    let ids: Vec<String> = (1..=n).map(|n| format!("S-{n}")).collect();
    board(&ids.iter().map(String::as_str).collect::<Vec<_>>())
}

fn text(b: &Board) -> String {
    board_to_string(b)
}

fn ids(b: &Board) -> Vec<&str> {
    b.items.iter().map(|i| i.id.as_str()).collect()
}

fn item<'a>(b: &'a Board, id: &str) -> &'a Item {
    b.item(id).unwrap_or_else(|| panic!("{id} is missing from {:?}", ids(b)))
}

/// One random change to a board.
#[derive(Debug, Clone)]
enum Change {
    Move(usize, usize),
    Retitle(usize, String),
    Edit(usize, u8),
    Log(usize, u32),
    Reorder(usize, usize),
    Add(String),
    /// An id both sides may add: `S-(100 + n)`, with this side's content.
    AddShared(u8),
    Delete(usize),
    /// A board-level field: ours changes the iterations, theirs the name.
    BoardField,
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (0..20usize, 0..3usize).prop_map(|(i, c)| Change::Move(i, c)),
        (0..20usize, "[a-z ]{1,12}").prop_map(|(i, t)| Change::Retitle(i, t)),
        (0..20usize, 0..5u8).prop_map(|(i, f)| Change::Edit(i, f)),
        (0..20usize, 0..10_000u32).prop_map(|(i, m)| Change::Log(i, m)),
        (0..20usize, 0..20usize).prop_map(|(a, b)| Change::Reorder(a, b)),
        "[a-z]{1,8}".prop_map(Change::Add),
        (0..3u8).prop_map(Change::AddShared),
        (0..20usize).prop_map(Change::Delete),
        Just(Change::BoardField),
    ]
}

/// Changes one field of an item: owner, points, tags, parent or blocked.
fn edit_field(item: &mut Item, field: u8, side: &str) {
    match field {
        0 => item.owner = Some(format!("owner {side}")),
        1 => item.points = Some(u32::from(side.as_bytes()[0])),
        2 => item.tags.push(format!("tag-{side}")),
        3 => item.parent = Some(format!("F-{}", side.len() + 7)),
        _ => item.blocked = Some(format!("waiting for {side}")),
    }
}

/// Applies a change; `touchable` limits which existing ids this side may touch.
fn apply(b: &mut Board, change: &Change, touchable: &dyn Fn(&str) -> bool, side: &str) {
    let ids: Vec<String> = b.items.iter().map(|i| i.id.clone()).filter(|id| touchable(id)).collect();
    let pick = |i: usize| ids.get(i % ids.len().max(1)).and_then(|id| b.position(id));
    match change {
        Change::Move(i, c) => pick(*i).into_iter().for_each(|p| b.items[p].column = COLUMNS[*c].into()),
        Change::Retitle(i, t) => pick(*i).into_iter().for_each(|p| b.items[p].title = format!("{t} {side}")),
        Change::Edit(i, f) => pick(*i).into_iter().for_each(|p| edit_field(&mut b.items[p], *f, side)),
        Change::Log(i, minutes) => pick(*i).into_iter().for_each(|p| {
            let at = trainboard::clock::format_unix(1_790_000_000 + i64::from(*minutes) * 60);
            b.items[p].history.push(Move { at: at.into(), column: format!("{side} column").into() });
        }),
        Change::Reorder(i, to) => {
            if let Some(p) = pick(*i) {
                let moved = b.items.remove(p);
                let to = to % (b.items.len() + 1);
                b.items.insert(to, moved);
            }
        }
        Change::Add(name) => {
            let id = format!("{side}{name}-{}", b.items.len());
            if b.position(&id).is_none() {
                b.items.push(Item::new(id, name.clone(), "Doing"));
            }
        }
        Change::AddShared(n) => {
            let id = format!("S-{}", 100 + n);
            if b.position(&id).is_none() {
                b.items.push(Item::new(id, format!("added by {side}"), "Backlog"));
            }
        }
        Change::Delete(i) => pick(*i).into_iter().for_each(|p| drop(b.items.remove(p))),
        Change::BoardField if side == "o" => b.iterations.push(format!("I{}", b.iterations.len() + 1)),
        Change::BoardField => b.name = format!("{} {side}", b.name),
    }
    b.reindex();
}

fn edited(base: &Board, changes: &[Change], touchable: &dyn Fn(&str) -> bool, side: &str) -> Board {
    let mut b = base.clone();
    for c in changes {
        apply(&mut b, c, touchable, side);
    }
    b
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// The ids of `order` that are in `among`, in `order`'s order.
fn restricted<'a>(order: &[&'a str], among: &HashSet<&str>) -> Vec<&'a str> {
    order.iter().copied().filter(|id| among.contains(id)).collect()
}

/// True when `side` changed the relative order of the items it shares with `base`.
fn reordered(base: &Board, side: &Board) -> bool {
    let (b, s) = (ids(base), ids(side));
    restricted(&s, &b.iter().copied().collect()) != restricted(&b, &s.iter().copied().collect())
}

/// The result holds no id twice, parses back to itself and keeps every item in a column.
fn check_well_formed(merged: &Merged) -> Result<(), TestCaseError> {
    let result = &merged.board;
    let unique: HashSet<&str> = ids(result).into_iter().collect();
    prop_assert_eq!(unique.len(), result.items.len(), "an id appears twice: {:?}", ids(result));
    let reparsed = parse_board(text(result).as_bytes(), "team.ron").map_err(|e| TestCaseError::fail(e.message))?;
    prop_assert_eq!(text(&reparsed), text(result));
    for it in &result.items {
        prop_assert!(result.column_index(&it.column).is_some(), "{} is in no column", it.id);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn an_unchanged_side_gives_the_other(changes in proptest::collection::vec(change(), 0..12)) {
        let base = numbered(12);
        for side in ["o", "t"] {
            let changed = edited(&base, &changes, &|_| true, side);
            let ours_only = merge_boards(&base, &changed, &base);
            prop_assert!(ours_only.conflicts.is_empty() && ours_only.renamed.is_empty());
            prop_assert_eq!(text(&ours_only.board), text(&changed));
            let theirs_only = merge_boards(&base, &base, &changed);
            prop_assert!(theirs_only.conflicts.is_empty() && theirs_only.renamed.is_empty());
            prop_assert_eq!(text(&theirs_only.board), text(&changed));
        }
    }

    #[test]
    fn changes_to_different_items_never_conflict_and_all_land(
        ours_changes in proptest::collection::vec(change(), 0..10),
        theirs_changes in proptest::collection::vec(change(), 0..10),
    ) {
        let base = numbered(12);
        // Ours touches odd-numbered items, theirs even-numbered ones; added ids differ by side.
        let number = |id: &str| id.strip_prefix("S-").and_then(|n| n.parse::<u32>().ok()).filter(|n| *n <= 12);
        let ours_changes: Vec<Change> =
            ours_changes.into_iter().filter(|c| !matches!(c, Change::AddShared(_))).collect();
        let theirs_changes: Vec<Change> =
            theirs_changes.into_iter().filter(|c| !matches!(c, Change::AddShared(_))).collect();
        let ours = edited(&base, &ours_changes, &|id| number(id).is_some_and(|n| n % 2 == 1), "o");
        let theirs = edited(&base, &theirs_changes, &|id| number(id).is_some_and(|n| n % 2 == 0), "t");
        let merged = merge_boards(&base, &ours, &theirs);
        prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        prop_assert!(merged.renamed.is_empty());
        check_well_formed(&merged)?;
        let result = &merged.board;
        // Every change of each side shows up: items the other side left alone are as this side has them.
        for (side, other) in [(&ours, &theirs), (&theirs, &ours)] {
            for it in &side.items {
                if base.item(&it.id).is_none() || base.item(&it.id) == other.item(&it.id) {
                    prop_assert_eq!(result.item(&it.id), Some(it));
                }
            }
        }
        prop_assert_eq!(&result.name, &theirs.name);
        prop_assert_eq!(&result.iterations, &ours.iterations);
        // Deleted by one side: gone; all others kept.
        for it in &base.items {
            let kept = ours.item(&it.id).is_some() && theirs.item(&it.id).is_some();
            prop_assert_eq!(result.item(&it.id).is_some(), kept, "{}", it.id);
        }
        // A side's reorders land exactly when the other side reordered nothing.
        let present: HashSet<&str> = ids(result).into_iter().collect();
        for (side, other) in [(&ours, &theirs), (&theirs, &ours)] {
            if !reordered(&base, other) {
                prop_assert_eq!(restricted(&ids(result), &ids(side).into_iter().collect()), restricted(&ids(side), &present));
            }
        }
        prop_assert_eq!(text(&merge_boards(&base, &ours, &theirs).board), text(result), "deterministic");
    }

    #[test]
    fn nothing_is_lost_or_duplicated_whatever_both_sides_do(
        ours_changes in proptest::collection::vec(change(), 0..12),
        theirs_changes in proptest::collection::vec(change(), 0..12),
    ) {
        let base = numbered(12);
        let ours = edited(&base, &ours_changes, &|_| true, "o");
        let theirs = edited(&base, &theirs_changes, &|_| true, "t");
        let merged = merge_boards(&base, &ours, &theirs);
        check_well_formed(&merged)?;
        let result = &merged.board;
        for it in &ours.items {
            if theirs.item(&it.id).is_some() {
                prop_assert!(result.item(&it.id).is_some(), "{} is in ours and theirs", it.id);
            }
        }
        // What one side added is there: under its id, or for ours under its new id.
        for (side, it) in ours.items.iter().map(|i| ("o", i)).chain(theirs.items.iter().map(|i| ("t", i))) {
            if base.item(&it.id).is_none() {
                let renamed = merged.renamed.iter().find(|(old, _)| *old == it.id && side == "o");
                let id = renamed.map_or(it.id.as_str(), |(_, new)| new.as_str());
                prop_assert_eq!(&item(result, id).title, &it.title);
            }
        }
        for it in &base.items {
            let deleted_by_one = ours.item(&it.id).is_none() || theirs.item(&it.id).is_none();
            let untouched_by_other = ours.item(&it.id) == Some(it) || theirs.item(&it.id) == Some(it);
            if deleted_by_one && untouched_by_other {
                prop_assert!(result.item(&it.id).is_none(), "{} was deleted", it.id);
            }
        }
        let known: HashSet<&str> = [&base, &ours, &theirs].iter().flat_map(|b| ids(b)).collect();
        prop_assert!(merged.conflicts.iter().all(|c| c.id.as_deref().is_none_or(|id| known.contains(id))));
        let again = merge_boards(&base, &ours, &theirs);
        prop_assert_eq!(text(&again.board), text(result), "deterministic");
        prop_assert_eq!(again.conflicts, merged.conflicts.clone());
    }

    #[test]
    fn order_merge_applies_one_side_exactly(
        ours in Just((0..30).collect::<Vec<u32>>()).prop_shuffle(),
        theirs in Just((0..30).collect::<Vec<u32>>()).prop_shuffle(),
    ) {
        let names = |v: &[u32]| v.iter().map(|n| format!("i{n}")).collect::<Vec<_>>();
        let (base, ours, theirs) = (names(&(0..30).collect::<Vec<_>>()), names(&ours), names(&theirs));
        let (b, o, t) = (strs(&base), strs(&ours), strs(&theirs));
        let keep: HashSet<&str> = b.iter().copied().collect();
        prop_assert_eq!(merge_order(&b, &o, &b, &keep), ours.clone());
        prop_assert_eq!(merge_order(&b, &b, &t, &keep), theirs.clone());
        let mut both = merge_order(&b, &o, &t, &keep);
        both.sort();
        let mut all = base.clone();
        all.sort();
        prop_assert_eq!(both, all);
    }
}

#[test]
fn both_move_different_items() {
    let base = numbered(6);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    // Ours: S-1 to Doing and S-5 to the top; theirs: S-2 to Done and to the bottom.
    ours.items[0].column = "Doing".into();
    let s5 = ours.items.remove(4);
    ours.items.insert(0, s5);
    theirs.items[1].column = "Done".into();
    let s2 = theirs.items.remove(1);
    theirs.items.push(s2);
    ours.reindex();
    theirs.reindex();
    let merged = merge_boards(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty());
    assert_eq!(item(&merged.board, "S-1").column, "Doing");
    assert_eq!(item(&merged.board, "S-2").column, "Done");
    assert_eq!(ids(&merged.board), ["S-5", "S-1", "S-3", "S-4", "S-6", "S-2"]);
}

#[test]
fn same_field_changed_differently_conflicts_and_keeps_theirs() {
    let base = board(&["S-1", "S-2"]);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.items[0].column = "Doing".into();
    theirs.items[0].column = "Done".into();
    ours.items[1].title = "Ours".into();
    theirs.items[1].owner = Some("Ana".into());
    let merged = merge_boards(&base, &ours, &theirs);
    assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
    let conflict = &merged.conflicts[0];
    assert_eq!((conflict.id.as_deref(), conflict.field.as_str()), (Some("S-1"), "column"));
    assert_eq!((conflict.ours.as_str(), conflict.theirs.as_str()), ("\"Doing\"", "\"Done\""));
    assert_eq!(item(&merged.board, "S-1").column, "Done");
    let s2 = item(&merged.board, "S-2");
    assert_eq!((s2.title.as_str(), s2.owner.as_deref()), ("Ours", Some("Ana")), "different fields both land");
}

#[test]
fn a_board_field_changed_differently_conflicts_without_an_id() {
    let base = board(&["S-1"]);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.name = "Alpha team".into();
    theirs.name = "Team Alpha".into();
    ours.items[0].points = Some(3);
    theirs.items[0].points = None;
    let merged = merge_boards(&base, &ours, &theirs);
    assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
    let c = &merged.conflicts[0];
    assert_eq!((c.id.as_deref(), c.field.as_str(), c.ours.as_str()), (None, "name", "\"Alpha team\""));
    assert_eq!((merged.board.name.as_str(), item(&merged.board, "S-1").points), ("Team Alpha", Some(3)));
}

#[test]
fn edit_against_delete_is_a_conflict_and_theirs_stands() {
    let base = board(&["S-1", "S-2"]);
    let (mut edited, mut deleted) = (base.clone(), base.clone());
    edited.items[0].title = "Edited".into();
    edited.reindex();
    deleted.items.remove(0);
    deleted.reindex();
    let merged = merge_boards(&base, &edited, &deleted);
    assert_eq!(merged.conflicts.len(), 1);
    let c = &merged.conflicts[0];
    assert_eq!((c.id.as_deref(), c.ours.as_str(), c.theirs.as_str()), (Some("S-1"), "title: \"Edited\"", "deleted"));
    assert!(merged.board.item("S-1").is_none(), "theirs (deleted) stays");
    let merged = merge_boards(&base, &deleted, &edited);
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].ours, "deleted");
    assert_eq!(item(&merged.board, "S-1").title, "Edited", "theirs (edited) stays");
    assert_eq!(ids(&merged.board), ["S-1", "S-2"]);
    // Deleted on one side and unchanged on the other: gone, quietly.
    let merged = merge_boards(&base, &base, &deleted);
    assert!(merged.conflicts.is_empty() && merged.board.item("S-1").is_none());
}

#[test]
fn both_add_different_items_and_histories_join() {
    let mut base = board(&["S-1", "S-2"]);
    base.items[0].history.push(Move { at: "2026-11-01T09:00:00Z".into(), column: "Backlog".into() });
    base.reindex();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.items.insert(1, Item::new("S-3", "Ours", "Backlog"));
    theirs.items.push(Item::new("S-4", "Theirs", "Backlog"));
    ours.items[0].history.push(Move { at: "2026-11-03T09:00:00Z".into(), column: "Doing".into() });
    theirs.items[0].history.push(Move { at: "2026-11-02T09:00:00Z".into(), column: "Backlog".into() });
    ours.reindex();
    theirs.reindex();
    let merged = merge_boards(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty());
    assert_eq!(ids(&merged.board), ["S-1", "S-3", "S-2", "S-4"], "each where its side put it");
    let at: Vec<&str> = item(&merged.board, "S-1").history.iter().map(|m| m.at.as_str()).collect();
    assert_eq!(at, ["2026-11-01T09:00:00Z", "2026-11-02T09:00:00Z", "2026-11-03T09:00:00Z"]);
    // The same item added on both sides comes out once.
    let merged = merge_boards(&base, &ours, &ours);
    assert_eq!(text(&merged.board), text(&ours));
}

#[test]
fn an_id_added_on_both_sides_is_renamed_not_lost() {
    let mut base = board(&["S-1", "S-2"]);
    base.items[1].parent = Some("S-3".into()); // An S-3 on another board, before this merge.
    base.reindex();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.items.push(Item::new("S-3", "Ours", "Backlog"));
    let mut child = Item::new("S-4", "Needs ours", "Backlog");
    child.depends_on = vec!["S-3".into()];
    child.parent = Some("S-3".into());
    ours.items.push(child);
    ours.items[0].depends_on = vec!["S-3".into()];
    theirs.items.push(Item::new("S-3", "Theirs", "Backlog"));
    ours.reindex();
    theirs.reindex();
    let merged = merge_boards(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(merged.renamed, vec![("S-3".to_string(), "S-5".to_string())]);
    let result = &merged.board;
    assert_eq!((item(result, "S-3").title.as_str(), item(result, "S-5").title.as_str()), ("Theirs", "Ours"));
    assert_eq!(item(result, "S-4").depends_on, ["S-5"], "references ours made follow the rename");
    assert_eq!(item(result, "S-4").parent.as_deref(), Some("S-5"));
    assert_eq!(item(result, "S-1").depends_on, ["S-5"]);
    assert_eq!(item(result, "S-2").parent.as_deref(), Some("S-3"), "an older reference stays");
    assert_eq!(ids(result), ["S-1", "S-2", "S-5", "S-4", "S-3"], "ours' additions before theirs' at one spot");
    assert_eq!(fresh_id(&["S-9".to_string(), "F-20".to_string()].into(), "S-2"), "S-10");
}

#[test]
fn an_item_moved_into_a_column_the_other_side_renamed_stays_on_the_board() {
    let base = board(&["S-1", "S-2"]);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.columns[1].name = "In Progress".into();
    theirs.items[0].column = "Doing".into();
    ours.reindex();
    theirs.reindex();
    let merged = merge_boards(&base, &ours, &theirs);
    assert_eq!(merged.board.columns[1].name, "In Progress");
    assert_eq!(item(&merged.board, "S-1").column, "Backlog", "not in a column that is gone");
    let c = &merged.conflicts[0];
    assert_eq!((c.id.as_deref(), c.field.as_str(), c.theirs.as_str()), (Some("S-1"), "column", "\"Doing\""));
}

#[test]
fn twenty_thousand_items_merge_quickly() {
    let base = numbered(20_000);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    for k in 0..200 {
        let moved = ours.items.remove(k * 97 % ours.items.len());
        ours.items.insert(k * 31 % ours.items.len(), moved);
        theirs.items[(k * 53 + 7) % 20_000].title = format!("retitled {k}");
    }
    ours.reindex();
    theirs.reindex();
    let started = std::time::Instant::now();
    let merged = merge_boards(&base, &ours, &theirs);
    let took = started.elapsed();
    eprintln!("merged 20,000 items in {took:?}");
    assert!(took < std::time::Duration::from_secs(20), "took {took:?}");
    assert!(merged.conflicts.is_empty());
    assert_eq!(ids(&merged.board), ids(&ours), "theirs reordered nothing: ours' order");
}

// ---- The driver on files ----

fn temp_dir(name: &str) -> Scratch {
    Scratch::new(&format!("merge-{name}"))
}

fn write_sides(dir: &Path, base: Option<&Board>, ours: &Board, theirs: &Board) {
    if let Some(base) = base {
        fs::write(dir.join("base"), text(base)).expect("write");
    }
    fs::write(dir.join("ours"), text(ours)).expect("write");
    fs::write(dir.join("theirs"), text(theirs)).expect("write");
}

fn conflict_copies(dir: &Path) -> Vec<String> {
    let names = fs::read_dir(dir).expect("read dir").flatten().map(|e| e.file_name().to_string_lossy().into_owned());
    names.filter(|n| n.contains(".conflict-")).collect()
}

#[test]
fn driver_writes_a_conflicted_result_that_parses_and_keeps_ours_beside_path() {
    let dir = temp_dir("conflict");
    let base = board(&["S-1"]);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.items[0].column = "Doing".into();
    theirs.items[0].column = "Done".into();
    write_sides(&dir, Some(&base), &ours, &theirs);
    fs::create_dir_all(dir.join("boards")).expect("dir");
    let path = dir.join("boards/team.ron");
    let outcome = merge_files(&dir.join("base"), &dir.join("ours"), &dir.join("theirs"), Some(&path)).expect("merges");
    assert_eq!(outcome.exit_code(), EXIT_CONFLICT);
    let summary = outcome.summary("boards/team.ron");
    assert!(summary.contains("S-1 column: ours \"Doing\" / theirs \"Done\""), "{summary}");
    let result = parse_board(&fs::read(dir.join("ours")).expect("read"), "team.ron").expect("still parses");
    assert_eq!(item(&result, "S-1").column, "Done");
    let copies = conflict_copies(&dir.join("boards"));
    assert_eq!(copies.len(), 1, "ours' version is kept beside PATH");
    let stamp = copies[0].strip_prefix("team.ron.conflict-").expect("named after PATH");
    assert!(stamp.len() == 16 && stamp.ends_with('Z') && stamp.as_bytes()[8] == b'T', "{stamp}");
    let kept = fs::read_to_string(dir.join("boards").join(&copies[0])).expect("read");
    assert_eq!(kept, text(&ours));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn driver_refuses_a_file_that_does_not_parse_and_leaves_ours_alone() {
    let dir = temp_dir("broken");
    let base = board(&["S-1"]);
    write_sides(&dir, Some(&base), &base, &base);
    fs::write(dir.join("theirs"), "Board(\n    name: \"Alpha\",\n    level: Nowhere,\n)\n").expect("write");
    let before = fs::read(dir.join("ours")).expect("read");
    let err = merge_files(&dir.join("base"), &dir.join("ours"), &dir.join("theirs"), None).expect_err("refused");
    assert_eq!(err.exit_code(), 2);
    let message = err.to_string();
    assert!(message.starts_with(&format!("{}:3:", dir.join("theirs").display())), "{message}");
    assert_eq!(fs::read(dir.join("ours")).expect("read"), before);
    fs::remove_file(dir.join("theirs")).expect("remove");
    let err = merge_files(&dir.join("base"), &dir.join("ours"), &dir.join("theirs"), None).expect_err("missing");
    assert!(err.to_string().contains("theirs:1:1"), "{err}");
    assert!(conflict_copies(&dir).is_empty());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn driver_with_an_empty_base_merges_two_added_files() {
    let dir = temp_dir("added");
    let ours = board(&["S-1", "S-2"]);
    let mut theirs = board(&["S-1", "S-3"]);
    theirs.items[1].title = "Theirs".into();
    theirs.reindex();
    write_sides(&dir, None, &ours, &theirs);
    fs::write(dir.join("base"), "").expect("write");
    let outcome = merge_files(&dir.join("base"), &dir.join("ours"), &dir.join("theirs"), None).expect("merges");
    assert_eq!(outcome.exit_code(), EXIT_CLEAN, "{:?}", outcome.conflicts);
    let result = parse_board(&fs::read(dir.join("ours")).expect("read"), "").expect("parses");
    assert_eq!(ids(&result), ["S-1", "S-2", "S-3"]);
    fs::remove_file(dir.join("base")).expect("remove");
    fs::write(dir.join("ours"), text(&ours)).expect("write");
    let outcome = merge_files(&dir.join("base"), &dir.join("ours"), &dir.join("theirs"), None).expect("merges");
    assert_eq!(outcome.exit_code(), EXIT_CLEAN, "a missing base is an empty one too");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn driver_keeps_both_items_of_a_colliding_id_for_the_workspace_to_renumber() {
    let dir = temp_dir("collide");
    let base = board(&["S-1"]);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.items.push(Item::new("S-2", "Ours", "Backlog"));
    let mut child = Item::new("S-3", "Ours' child", "Backlog");
    child.depends_on = vec!["S-2".into()];
    ours.items.push(child);
    theirs.items.push(Item::new("S-2", "Theirs", "Backlog"));
    ours.reindex();
    theirs.reindex();
    write_sides(&dir, Some(&base), &ours, &theirs);
    let path = dir.join("work/team.ron");
    let outcome = merge_files(&dir.join("base"), &dir.join("ours"), &dir.join("theirs"), Some(&path)).expect("merges");
    assert_eq!(outcome.exit_code(), EXIT_CLEAN);
    assert!(outcome.summary("team.ron").contains("both sides added S-2; both are kept"), "{}", outcome.summary("x"));
    let result = parse_board(&fs::read(dir.join("ours")).expect("read"), "team.ron").expect("parses");
    let titles: Vec<&str> = result.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(ids(&result), ["S-1", "S-2", "S-3", "S-2"], "{titles:?}");
    assert!(titles.contains(&"Ours") && titles.contains(&"Theirs"));
    assert_eq!(item(&result, "S-3").depends_on, ["S-2"]);
    let _ = fs::remove_dir_all(&dir);
}

// ---- In a real git repository ----

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs")
}

/// A repository whose `main` has a board of 10 items, and branches `a` and `b` from it: `a` moves
/// S-1, swaps S-5 and S-6 and adds S-11; `b` moves S-2, retitles S-3 and adds S-12.
fn repo_with_branches(name: &str) -> Scratch {
    let dir = temp_dir(name);
    let base = numbered(10);
    fs::write(dir.join("team.ron"), text(&base)).expect("write");
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-qm", "base"]);
    git(&dir, &["checkout", "-qb", "a"]);
    let mut a = base.clone();
    a.items[0].column = "Doing".into();
    a.items.swap(4, 5);
    a.items.push(Item::new("S-11", "Added on a", "Backlog"));
    fs::write(dir.join("team.ron"), text(&a)).expect("write");
    git(&dir, &["commit", "-qam", "a"]);
    git(&dir, &["checkout", "-q", "main"]);
    git(&dir, &["checkout", "-qb", "b"]);
    let mut b = base;
    b.items[1].column = "Done".into();
    b.items[2].title = "Retitled on b".into();
    b.items.push(Item::new("S-12", "Added on b", "Backlog"));
    fs::write(dir.join("team.ron"), text(&b)).expect("write");
    git(&dir, &["commit", "-qam", "b"]);
    dir
}

#[test]
fn merge_driver_in_a_real_git_repository() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("git is not installed; skipping the git merge driver test");
        return;
    }
    // Without the driver, git's line merge of the same branches conflicts.
    let plain = repo_with_branches("plain");
    let out = git(&plain, &["merge", "-q", "a", "-m", "merge a"]);
    assert!(!out.status.success(), "plain git merges these branches only with a conflict");
    let merged_text = fs::read_to_string(plain.join("team.ron")).expect("read");
    assert!(merged_text.contains("<<<<<<<"), "a textual conflict:\n{merged_text}");
    assert!(parse_board(merged_text.as_bytes(), "team.ron").is_err(), "which does not even parse");
    let _ = fs::remove_dir_all(&plain);

    let dir = repo_with_branches("driver");
    let driver = format!("\"{}\" merge-driver %O %A %B %P", env!("CARGO_BIN_EXE_trainboard"));
    git(&dir, &["config", "merge.trainboard.driver", &driver]);
    fs::write(dir.join(".gitattributes"), "*.ron merge=trainboard\n").expect("write");
    let out = git(&dir, &["merge", "-q", "a", "-m", "merge a"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let merged = parse_board(&fs::read(dir.join("team.ron")).expect("read"), "team.ron").expect("parses");
    assert_eq!(item(&merged, "S-1").column, "Doing");
    assert_eq!(item(&merged, "S-2").column, "Done");
    assert_eq!(item(&merged, "S-3").title, "Retitled on b");
    let order = ["S-1", "S-2", "S-3", "S-4", "S-6", "S-5", "S-7", "S-8", "S-9", "S-10", "S-12", "S-11"];
    assert_eq!(ids(&merged), order);
    assert!(String::from_utf8_lossy(&git(&dir, &["status", "--porcelain"]).stdout).trim() == "?? .gitattributes");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn merge_driver_command_exits_1_on_a_conflict_and_2_on_a_broken_file() {
    let dir = temp_dir("command");
    let base = board(&["S-1"]);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.items[0].column = "Doing".into();
    theirs.items[0].column = "Done".into();
    write_sides(&dir, Some(&base), &ours, &theirs);
    let home = Scratch::new("merge-command-home");
    let run = |args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_trainboard"));
        private_home(&mut cmd, &home).args(args).current_dir(&dir).output().expect("runs")
    };
    let out = run(&["merge-driver", "base", "ours", "theirs", "team.ron"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("S-1 column"), "{stderr}");
    let result = parse_board(&fs::read(dir.join("ours")).expect("read"), "team.ron").expect("still parses");
    assert_eq!(item(&result, "S-1").column, "Done");
    assert_eq!(conflict_copies(&dir).len(), 1, "our version is kept beside");
    fs::write(dir.join("theirs"), "Board(").expect("write");
    let before = fs::read(dir.join("ours")).expect("read");
    let out = run(&["merge-driver", "base", "ours", "theirs"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("theirs:1:"), "names file:line:column");
    assert_eq!(fs::read(dir.join("ours")).expect("read"), before);
    let _ = fs::remove_dir_all(&dir);
}
