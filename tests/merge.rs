//! The three-way merge of boards: properties over random edits, examples of each rule, and the
//! merge driver in a real git repository with two branches.

use std::collections::HashSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use proptest::prelude::*;
use trainboard::merge::{fresh_id, merge_boards};
use trainboard::model::{Board, Column, Item, Level};
use trainboard::storage::{board_to_string, parse_board};

fn board(ids: &[&str]) -> Board {
    let columns = ["Backlog", "Doing", "Done"].map(|c| Column::new(c, None)).to_vec();
    let mut b = Board::new("team.ron", "Alpha", Level::Team, columns);
    b.items = ids.iter().map(|id| Item::new(*id, format!("Story {id}"), "Backlog")).collect();
    b.reindex();
    b
}

fn text(b: &Board) -> String {
    board_to_string(b)
}

/// One random change to a board.
#[derive(Debug, Clone)]
enum Change {
    Move(usize, usize),
    Retitle(usize, String),
    Reorder(usize, usize),
    Add(String),
    Delete(usize),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (0..20usize, 0..3usize).prop_map(|(i, c)| Change::Move(i, c)),
        (0..20usize, "[a-z ]{1,12}").prop_map(|(i, t)| Change::Retitle(i, t)),
        (0..20usize, 0..20usize).prop_map(|(a, b)| Change::Reorder(a, b)),
        "[a-z]{1,8}".prop_map(Change::Add),
        (0..20usize).prop_map(Change::Delete),
    ]
}

/// Applies a change; `touchable` limits which existing ids this side may touch.
fn apply(b: &mut Board, change: &Change, touchable: &dyn Fn(&str) -> bool, side: &str) {
    let ids: Vec<String> = b.items.iter().map(|i| i.id.clone()).filter(|id| touchable(id)).collect();
    let pick = |i: usize| ids.get(i % ids.len().max(1)).cloned();
    match change {
        Change::Move(i, c) => {
            if let Some(id) = pick(*i) {
                let pos = b.position(&id).unwrap();
                b.items[pos].column = ["Backlog", "Doing", "Done"][*c].into();
            }
        }
        Change::Retitle(i, t) => {
            if let Some(id) = pick(*i) {
                let pos = b.position(&id).unwrap();
                b.items[pos].title = format!("{t} {side}");
            }
        }
        Change::Reorder(i, to) => {
            if let Some(id) = pick(*i) {
                let pos = b.position(&id).unwrap();
                let item = b.items.remove(pos);
                let to = to % (b.items.len() + 1);
                b.items.insert(to, item);
            }
        }
        Change::Add(name) => {
            let id = format!("{side}{name}-{}", b.items.len());
            if b.position(&id).is_none() {
                b.items.push(Item::new(id, name.clone(), "Doing"));
            }
        }
        Change::Delete(i) => {
            if let Some(id) = pick(*i) {
                let pos = b.position(&id).unwrap();
                b.items.remove(pos);
            }
        }
    }
    b.reindex();
}

fn base_board() -> Board {
    board(&(1..=12).map(|n| format!("S-{n}")).collect::<Vec<_>>().iter().map(String::as_str).collect::<Vec<_>>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn an_unchanged_side_gives_the_other(changes in proptest::collection::vec(change(), 0..12)) {
        let base = base_board();
        let mut edited = base.clone();
        for c in &changes {
            apply(&mut edited, c, &|_| true, "o");
        }
        let ours_only = merge_boards(&base, &edited, &base);
        prop_assert!(ours_only.conflicts.is_empty());
        prop_assert_eq!(text(&ours_only.board), text(&edited));
        let theirs_only = merge_boards(&base, &base, &edited);
        prop_assert!(theirs_only.conflicts.is_empty());
        prop_assert_eq!(text(&theirs_only.board), text(&edited));
    }

    #[test]
    fn changes_to_different_items_never_conflict_and_all_land(
        ours_changes in proptest::collection::vec(change(), 0..10),
        theirs_changes in proptest::collection::vec(change(), 0..10),
    ) {
        let base = base_board();
        // Ours touches odd-numbered items, theirs even-numbered ones.
        let odd = |id: &str| id.trim_start_matches("S-").parse::<u32>().is_ok_and(|n| n % 2 == 1);
        let even = |id: &str| id.trim_start_matches("S-").parse::<u32>().is_ok_and(|n| n % 2 == 0);
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        for c in &ours_changes {
            apply(&mut ours, c, &odd, "o");
        }
        for c in &theirs_changes {
            apply(&mut theirs, c, &even, "t");
        }
        let merged = merge_boards(&base, &ours, &theirs);
        prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        let ids: Vec<&str> = merged.board.items.iter().map(|i| i.id.as_str()).collect();
        let unique: HashSet<&str> = ids.iter().copied().collect();
        prop_assert_eq!(unique.len(), ids.len(), "an id appears twice");
        // Every change of each side shows up in the result.
        for side in [&ours, &theirs] {
            for item in &side.items {
                let other = if std::ptr::eq(side, &ours) { &theirs } else { &ours };
                let untouched_by_other = base.item(&item.id) == other.item(&item.id) || base.item(&item.id).is_none();
                if untouched_by_other {
                    prop_assert_eq!(merged.board.item(&item.id), Some(item));
                }
            }
        }
        // Items deleted by one side and untouched by the other are gone; all others are kept.
        for item in &base.items {
            let kept = ours.item(&item.id).is_some() && theirs.item(&item.id).is_some();
            prop_assert_eq!(merged.board.item(&item.id).is_some(), kept, "{}", item.id);
        }
        // Deterministic.
        prop_assert_eq!(text(&merge_boards(&base, &ours, &theirs).board), text(&merged.board));
    }
}

#[test]
fn both_move_different_items() {
    let base = board(&["S-1", "S-2", "S-3"]);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.items[0].column = "Doing".into();
    theirs.items[1].column = "Done".into();
    let merged = merge_boards(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.board.item("S-1").unwrap().column, "Doing");
    assert_eq!(merged.board.item("S-2").unwrap().column, "Done");
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
    assert_eq!(merged.board.item("S-1").unwrap().column, "Done");
    let s2 = merged.board.item("S-2").unwrap();
    assert_eq!(
        (s2.title.as_str(), s2.owner.as_deref()),
        ("Ours", Some("Ana")),
        "different fields of one item both land"
    );
}

#[test]
fn edit_against_delete_is_a_conflict() {
    let base = board(&["S-1", "S-2"]);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.items[0].title = "Edited".into();
    theirs.items.remove(0);
    theirs.reindex();
    let merged = merge_boards(&base, &ours, &theirs);
    assert_eq!(merged.conflicts.len(), 1);
    assert!(merged.board.item("S-1").is_none(), "theirs (deleted) stays");
    let merged = merge_boards(&base, &theirs, &ours);
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.board.item("S-1").unwrap().title, "Edited", "theirs (edited) stays");
}

#[test]
fn both_add_different_items_and_histories_join() {
    let mut base = board(&["S-1"]);
    base.items[0].history.push(trainboard::model::Move { at: "2026-11-01T09:00:00Z".into(), column: "Backlog".into() });
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.items.push(Item::new("S-2", "Ours", "Backlog"));
    theirs.items.push(Item::new("S-3", "Theirs", "Backlog"));
    ours.items[0].history.push(trainboard::model::Move { at: "2026-11-03T09:00:00Z".into(), column: "Doing".into() });
    theirs.items[0]
        .history
        .push(trainboard::model::Move { at: "2026-11-02T09:00:00Z".into(), column: "Backlog".into() });
    ours.reindex();
    theirs.reindex();
    let merged = merge_boards(&base, &ours, &theirs);
    let ids: Vec<&str> = merged.board.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["S-1", "S-2", "S-3"]);
    let at: Vec<&str> = merged.board.item("S-1").unwrap().history.iter().map(|m| m.at.as_str()).collect();
    assert_eq!(at, ["2026-11-01T09:00:00Z", "2026-11-02T09:00:00Z", "2026-11-03T09:00:00Z"]);
    assert!(merged.conflicts.is_empty());
}

#[test]
fn an_id_added_on_both_sides_is_renamed_not_lost() {
    let base = board(&["S-1"]);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let mut child = Item::new("S-2", "Ours", "Backlog");
    child.depends_on = vec!["S-2".into()];
    ours.items.push(Item::new("S-2", "Ours", "Backlog"));
    ours.items.push({
        let mut i = Item::new("S-3", "Needs ours", "Backlog");
        i.depends_on = vec!["S-2".into()];
        i
    });
    theirs.items.push(Item::new("S-2", "Theirs", "Backlog"));
    ours.reindex();
    theirs.reindex();
    let merged = merge_boards(&base, &ours, &theirs);
    assert_eq!(merged.renamed, vec![("S-2".to_string(), "S-4".to_string())]);
    assert_eq!(merged.board.item("S-2").unwrap().title, "Theirs");
    assert_eq!(merged.board.item("S-4").unwrap().title, "Ours");
    assert_eq!(merged.board.item("S-3").unwrap().depends_on, ["S-4"], "references follow the rename");
    assert_eq!(fresh_id(&["S-9".to_string(), "F-20".to_string()].into(), "S-2"), "S-10");
}

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs")
}

fn repo_with_branches(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("trainboard-git-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    let base = board(&["S-1", "S-2", "S-3", "S-4", "S-5", "S-6", "S-7", "S-8", "S-9", "S-10"]);
    fs::write(dir.join("team.ron"), text(&base)).unwrap();
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-qm", "base"]);
    // Branch a: move S-1, swap S-5 and S-6, add S-11.
    git(&dir, &["checkout", "-qb", "a"]);
    let mut a = base.clone();
    a.items[0].column = "Doing".into();
    a.items.swap(4, 5);
    a.items.push(Item::new("S-11", "Added on a", "Backlog"));
    fs::write(dir.join("team.ron"), text(&a)).unwrap();
    git(&dir, &["commit", "-qam", "a"]);
    // Branch b (from main): move S-2, retitle S-3, add S-12.
    git(&dir, &["checkout", "-q", "main"]);
    git(&dir, &["checkout", "-qb", "b"]);
    let mut b = base;
    b.items[1].column = "Done".into();
    b.items[2].title = "Retitled on b".into();
    b.items.push(Item::new("S-12", "Added on b", "Backlog"));
    fs::write(dir.join("team.ron"), text(&b)).unwrap();
    git(&dir, &["commit", "-qam", "b"]);
    dir
}

#[test]
fn merge_driver_in_a_real_git_repository() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("git is not installed; skipping");
        return;
    }
    // Without the driver, git's line merge of the same branches conflicts.
    let plain = repo_with_branches("plain");
    let out = git(&plain, &["merge", "-q", "a", "-m", "merge a"]);
    assert!(!out.status.success(), "plain git merges these branches only with a conflict");
    let _ = fs::remove_dir_all(&plain);

    let dir = repo_with_branches("driver");
    let driver = format!("{} merge-driver %O %A %B %P", env!("CARGO_BIN_EXE_trainboard"));
    git(&dir, &["config", "merge.trainboard.driver", &driver]);
    fs::write(dir.join(".gitattributes"), "*.ron merge=trainboard\n").unwrap();
    let out = git(&dir, &["merge", "-q", "a", "-m", "merge a"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let merged = parse_board(&fs::read(dir.join("team.ron")).unwrap(), "team.ron").unwrap();
    assert_eq!(merged.item("S-1").unwrap().column, "Doing");
    assert_eq!(merged.item("S-2").unwrap().column, "Done");
    assert_eq!(merged.item("S-3").unwrap().title, "Retitled on b");
    let ids: Vec<&str> = merged.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["S-1", "S-2", "S-3", "S-4", "S-6", "S-5", "S-7", "S-8", "S-9", "S-10", "S-12", "S-11"]);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn merge_driver_reports_a_real_conflict_and_leaves_a_parseable_file() {
    let dir = std::env::temp_dir().join(format!("trainboard-driver-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    let base = board(&["S-1"]);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.items[0].column = "Doing".into();
    theirs.items[0].column = "Done".into();
    for (name, b) in [("base", &base), ("ours", &ours), ("theirs", &theirs)] {
        fs::write(dir.join(name), text(b)).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_trainboard"))
        .args(["merge-driver", "base", "ours", "theirs", "team.ron"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("S-1 column"), "{stderr}");
    let result = parse_board(&fs::read(dir.join("ours")).unwrap(), "team.ron").expect("still parses");
    assert_eq!(result.item("S-1").unwrap().column, "Done");
    let copies: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".conflict-"))
        .collect();
    assert_eq!(copies.len(), 1, "our version is kept beside");
    // A file that does not parse: exit 2, ours untouched.
    fs::write(dir.join("theirs"), "Board(").unwrap();
    let before = fs::read(dir.join("ours")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_trainboard"))
        .args(["merge-driver", "base", "ours", "theirs"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read(dir.join("ours")).unwrap(), before);
    let _ = fs::remove_dir_all(&dir);
}
