//! Board files: round trips give identical bytes, hand-written files load, every broken file
//! names its file, line and column in plain words, and saves are atomic and minimal.

#[path = "support/scratch.rs"]
mod scratch;
use scratch::Scratch;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use proptest::prelude::*;
use trainboard::history::History;
use trainboard::model::Kind;
use trainboard::model::ops;
use trainboard::storage::{board_to_string, load_workspace, parse_board, save_board};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn demo_starter_and_fixture_boards_round_trip_to_identical_bytes() {
    let mut count = 0;
    for dir in ["assets/demo", "assets/starter", "tests/fixtures/ui"] {
        let loaded = load_workspace(&root().join(dir));
        assert!(loaded.problems.is_empty(), "{dir}: {:?}", loaded.problems);
        for (board, file) in loaded.boards.iter().zip(&loaded.files) {
            assert_eq!(board_to_string(board).as_bytes(), file.bytes.unpack().as_slice(), "{}", file.path.display());
            count += 1;
        }
    }
    assert!(count >= 11);
}

#[test]
fn the_demo_is_a_believable_art_mid_pi() {
    let (ws, _, _) = load_workspace(&root().join("assets/demo")).into_workspace().unwrap();
    assert!(ws.item_count() >= 40);
    let levels: Vec<_> = ws.boards().iter().map(|b| b.level).collect();
    assert!(levels.contains(&trainboard::model::Level::Portfolio));
    assert_eq!(ws.boards().iter().filter(|b| b.level == trainboard::model::Level::Team).count(), 2);
    let items: Vec<_> = ws.boards().iter().flat_map(|b| b.items.iter().map(move |i| (b, i))).collect();
    assert!(items.iter().any(|(b, i)| b.kind_of(i) == Kind::Enabler && b.level == trainboard::model::Level::Portfolio));
    assert!(items.iter().any(|(_, i)| i.is_blocked()));
    assert!(items.iter().any(|(_, i)| !i.depends_on.is_empty()));
    assert!(items.iter().filter(|(b, _)| b.level == trainboard::model::Level::Team).all(|(_, i)| i.points.is_some()));
    assert!(items.iter().any(|(_, i)| !i.acceptance.is_empty()));
    assert!(
        ws.boards().iter().any(|b| (0..b.columns.len()).any(|c| b.column_is_over(c))),
        "one column is over its WIP limit"
    );
    // Parent links at every level: stories → features → epics.
    assert!(items.iter().any(|(b, i)| b.level == trainboard::model::Level::Team && i.parent.is_some()));
    assert!(items.iter().any(|(b, i)| b.level == trainboard::model::Level::Program
        && i.parent.as_deref().is_some_and(|p| p.starts_with("E-"))));
}

#[test]
fn hand_written_files_load() {
    let dir = root().join("tests/fixtures/valid/handwritten");
    let (ws, _, _) = load_workspace(&dir).into_workspace().unwrap();
    let board = ws.board_by_key("art.ron").unwrap();
    assert_eq!(board.columns[1].wip, Some(4));
    assert_eq!(board.columns[2].wip, Some(9));
    assert_eq!(board.done_column(), 2);
    let f2 = board.item("F-2").unwrap();
    assert_eq!((f2.points, f2.kind), (Some(3), Some(Kind::Enabler)));
    assert!(!f2.acceptance[1].done);
    assert_eq!(board.item("F-3").unwrap().kind, None, "an explicit default kind reads as the default");
    // Saving it writes the canonical form, which then round-trips.
    let text = board_to_string(board);
    assert_eq!(board_to_string(&parse_board(text.as_bytes(), "art.ron").unwrap()), text);
    let bom_crlf = load_workspace(&root().join("tests/fixtures/valid/bom-crlf"));
    assert!(bom_crlf.problems.is_empty(), "{:?}", bom_crlf.problems);
}

/// Every broken fixture gives exactly this `file:line:column: message` (message abridged).
#[test]
fn broken_files_name_file_line_and_column() {
    let cases = [
        ("truncated", "team.ron:11:28: the file ends too early"),
        ("unknown-field", "team.ron:11:13: an item has no field `titel` (did you mean `title`?)"),
        ("wrong-type", "team.ron:13:20: expected a whole number here"),
        ("duplicate-id", "team.ron:10:17: the id \"S-1\" is already used in other.ron"),
        ("dangling-parent", "team.ron:13:21: item S-1 names parent \"F-99\", but no item has that id"),
        ("unknown-column", "team.ron:12:21: item S-1 is in column \"Doing\", which this board does not have"),
        ("bom", "team.ron:3:12: `Teem` is not allowed here (did you mean `Team`?)"),
        ("crlf", "team.ron:11:19: expected text in double quotes here"),
        ("empty", "team.ron:1:1: the file is empty"),
        ("invalid-utf8", "team.ron:11:24: the file is not valid UTF-8 text here"),
        ("duplicate-column", "team.ron:6:16: the column name \"Backlog\" is used twice"),
        ("deep-nesting", "team.ron:1:41: expected `(`"),
    ];
    for (name, expected) in cases {
        let dir = root().join("tests/fixtures/broken").join(name);
        let problems = load_workspace(&dir).problems;
        assert_eq!(problems.len(), 1, "{name}: {problems:?}");
        let text = problems[0].to_string();
        let shown = text.strip_prefix(&format!("{}/", dir.display())).unwrap_or(&text).to_string();
        assert!(shown.starts_with(expected), "{name}: got {shown:?}");
        for jargon in ["Option", "String", "u32", "Vec<", "struct"] {
            assert!(!shown.contains(jargon), "{name}: message uses Rust words: {shown}");
        }
    }
}

#[test]
fn odd_paths_are_reported_not_fatal() {
    let dir = Scratch::new("odd");
    fs::create_dir_all(dir.join("folder.ron")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("loop")).unwrap();
    fs::write(dir.join("ok.ron"), fs::read(root().join("assets/starter/team.ron")).unwrap()).unwrap();
    let loaded = load_workspace(&dir);
    // The folder named *.ron is walked into (it is empty) and the symlink loop is not followed.
    assert_eq!(loaded.boards.len(), 1);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn output_is_stable_utf8_with_newlines_in_contract_order() {
    let text = fs::read_to_string(root().join("tests/fixtures/ui/art.ron")).unwrap();
    let board = parse_board(text.as_bytes(), "art.ron").unwrap();
    let out = board_to_string(&board);
    assert!(!out.contains('\r') && !out.starts_with('\u{feff}') && out.ends_with(")\n"));
    let order = ["id:", "title:", "column:", "kind:", "parent:", "wsjf:", "team:", "iteration:", "blocked:"];
    let item = &out[out.find("\"EN-1\"").unwrap() - 16..];
    let item = &item[..item.find("),").unwrap()];
    let positions: Vec<usize> = order.iter().filter_map(|f| item.find(&format!(" {f}"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "fields out of order:\n{item}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_text_survives_write_and_read(title in "\\PC*", description in any::<String>()) {
        let mut board = parse_board(fs::read(root().join("assets/starter/team.ron")).unwrap().as_slice(), "team.ron").unwrap();
        board.items[0].title = title;
        board.items[0].description = Some(description);
        let text = board_to_string(&board);
        prop_assert_eq!(text.lines().count(), board_to_string(&board).lines().count());
        let back = parse_board(text.as_bytes(), "team.ron").unwrap();
        prop_assert_eq!(&back.items[0], &board.items[0]);
        prop_assert_eq!(board_to_string(&back), text);
    }
}

/// Lines only in `before` and lines only in `after`, by a longest-common-subsequence diff.
fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let (b, a): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    let mut lcs = vec![vec![0u32; a.len() + 1]; b.len() + 1];
    for i in (0..b.len()).rev() {
        for j in (0..a.len()).rev() {
            lcs[i][j] = if b[i] == a[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut removed, mut added) = (0, 0, Vec::new(), Vec::new());
    while i < b.len() || j < a.len() {
        if i < b.len() && j < a.len() && b[i] == a[j] {
            i += 1;
            j += 1;
        } else if j < a.len() && (i == b.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            added.push(a[j].to_string());
            j += 1;
        } else {
            removed.push(b[i].to_string());
            i += 1;
        }
    }
    (removed, added)
}

#[test]
fn a_move_touches_only_the_moved_items_lines() {
    let dir = root().join("assets/demo");
    let (mut ws, _, _) = load_workspace(&dir).into_workspace().unwrap();
    let before = board_to_string(ws.board_by_key("team-alpha.ron").unwrap());
    let mut h = History::default();
    // A moved card lands at the top of its new column; S-105 already comes before every
    // Backlog card in the file, so only its own lines change.
    let edit = ops::move_to_column(&ws, "S-105", "Backlog", "2026-11-22T10:00:00Z").unwrap();
    h.commit(&mut ws, edit).unwrap();
    let after = board_to_string(ws.board_by_key("team-alpha.ron").unwrap());
    let (removed, added) = changed_lines(&before, &after);
    assert_eq!(removed, ["            column: \"Ready\","], "only the column line goes");
    assert_eq!(added.len(), 2, "the new column line and one history line come: {added:?}");
    assert!(added.iter().any(|l| l.contains("column: \"Backlog\"")));
    assert!(added.iter().any(|l| l.contains("2026-11-22T10:00:00Z")));

    // Reordering moves just the item's block.
    let before = after;
    let edit = ops::rank(&ws, "D-1", &ops::Rank::Up).unwrap();
    h.commit(&mut ws, edit).unwrap();
    let after = board_to_string(ws.board_by_key("team-alpha.ron").unwrap());
    let block_len = {
        let start = before.find("id: \"D-1\"").unwrap();
        let tail = &before[start..];
        tail[..tail.find("\n        ),").unwrap()].lines().count() + 2
    };
    let (removed, added) = changed_lines(&before, &after);
    assert!(removed.len() <= block_len && added.len() == removed.len(), "{removed:?}");
}

fn temp(name: &str) -> Scratch {
    Scratch::new(&format!("save-{name}"))
}

#[test]
fn saving_keeps_permissions_follows_symlinks_and_fails_safely() {
    let dir = temp("perm");
    let source = fs::read(root().join("assets/starter/team.ron")).unwrap();
    let path = dir.join("team.ron");
    fs::write(&path, &source).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o664)).unwrap();
    let mut board = parse_board(&source, "team.ron").unwrap();
    board.items[0].title = "Changed".into();
    save_board(&path, &board).unwrap();
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o664);

    // A symlinked board is written through to its target; the link stays a link.
    let link = dir.join("link.ron");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    board.items[0].title = "Through the link".into();
    save_board(&link, &board).unwrap();
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(fs::read_to_string(&path).unwrap().contains("Through the link"));

    // A save that cannot happen (the path is a folder) errors and changes nothing.
    let folder = dir.join("folder.ron");
    fs::create_dir_all(&folder).unwrap();
    assert!(save_board(&folder, &board).is_err());
    assert!(folder.is_dir());
    let _ = fs::remove_dir_all(&dir);
}
