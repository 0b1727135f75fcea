//! The fast canonical writer writes exactly the bytes the writer before it wrote, on generated
//! boards, the demo boards, the valid fixtures and strings full of characters that need escapes.

#[path = "support/legacy_writer.rs"]
mod legacy_writer;

use std::path::Path;

use trainboard::generate::{single_board, workspace_boards};
use trainboard::model::{Board, Item};
use trainboard::storage::board_to_string;
use trainboard::storage::parse::parse_board;

fn assert_same(board: &Board) {
    let new = board_to_string(board);
    let old = legacy_writer::board_to_string(board);
    if new != old {
        let at = new.bytes().zip(old.bytes()).position(|(a, b)| a != b).unwrap_or(new.len().min(old.len()));
        panic!(
            "board {} differs at byte {at}: new {:?} / old {:?}",
            board.key,
            &new[at.saturating_sub(40)..(at + 40).min(new.len())],
            &old[at.saturating_sub(40)..(at + 40).min(old.len())]
        );
    }
}

#[test]
fn same_bytes_on_the_generated_single_board() {
    assert_same(&single_board(10_000));
}

#[test]
fn same_bytes_on_generated_workspace_boards() {
    for board in workspace_boards(2_000) {
        assert_same(&board);
    }
}

fn boards_in(dir: &Path) -> Vec<Board> {
    let mut boards = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            let key = path.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&path).unwrap();
            boards.push(parse_board(&bytes, &key).unwrap_or_else(|e| panic!("{}: {}", path.display(), e.message)));
        }
    }
    assert!(!boards.is_empty(), "no boards in {}", dir.display());
    boards
}

#[test]
fn same_bytes_on_demo_boards_and_valid_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("assets/demo")];
    for entry in std::fs::read_dir(root.join("tests/fixtures/valid")).unwrap() {
        dirs.push(entry.unwrap().path());
    }
    for dir in dirs {
        for board in boards_in(&dir) {
            assert_same(&board);
        }
    }
}

#[test]
fn same_bytes_on_strings_that_need_escapes() {
    let mut board = single_board(3);
    let nasty = [
        "plain",
        "",
        "\"quoted\" and \\back\\slashed\\",
        "line\nbreak\r\ntab\there",
        "bell\u{7} nul\u{0} del\u{7f} c1\u{85} esc\u{1b}[31m",
        "ünïcödé ✓ 🚂 right-to-left \u{202e} zero width \u{200b}",
        "\\u{41} already looks escaped",
        "ends with a backslash \\",
        "\u{1}",
    ];
    board.name = nasty.concat();
    board.iterations = nasty.iter().map(|s| s.to_string()).collect();
    for (i, text) in nasty.iter().enumerate() {
        let mut item = Item::new(format!("S-{}", 100 + i), *text, board.columns[0].name.clone());
        item.description = Some(text.to_string());
        item.tags = nasty.iter().map(|s| s.to_string()).collect();
        item.owner = Some(text.to_string());
        item.blocked = Some(text.to_string());
        board.items.push(item);
    }
    assert_same(&board);
}
