//! Every view drawn at every size from 1×1 to 300×80, on the demo and on copies whose text is
//! hostile (wide, combining, right-to-left and control characters, huge titles, empty
//! columns), then every export of it: nothing panics.

mod support;

use std::path::Path;

use proptest::prelude::*;
use support::keys_in::press;
use support::screen::draw;
use trainboard::app::{App, Msg, update};
use trainboard::export::{Format, export, select};
use trainboard::model::Workspace;

/// The keys that open each view or dialog from the board.
const VIEWS: &[&str] = &[
    "", "\n", "t", "b", "o", "m", "S", "?", "!", "/e", "/zz", "Y", "I", "T", "M", "'", "Z", "z", "C", "Cd", "R", "Rn",
    "W", "D", "n", "N", "s", "=", "O", "B", "#", "F", "f", "P", "3", "3\n", "3lZ", "2b", "1t", "ll\n", "v", "vll",
    "vhh",
];

const FORMATS: [Format; 6] =
    [Format::Markdown, Format::Csv, Format::Json, Format::Html, Format::JiraCsv, Format::AzureCsv];

fn demo() -> Workspace {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    trainboard::storage::load_workspace(&dir).into_workspace().expect("the demo loads").0
}

/// Text a hostile file may hold, one piece per seed.
fn hostile(seed: u8) -> String {
    match seed % 8 {
        0 => "界面设计".repeat(20),
        1 => "e\u{301}\u{302}\u{303}".repeat(10),
        2 => "\u{202e}gnirts desrever\u{202c}".into(),
        3 => "\x1b[2J\x07\u{9b}31m".into(),
        4 => "👩‍👩‍👧‍👦🏳️‍🌈".repeat(5),
        5 => String::new(),
        6 => "long ".repeat(400),
        _ => "\t\n\r line\nbreaks".into(),
    }
}

fn mutated(seeds: &[(usize, u8)]) -> Workspace {
    let mut boards = demo().into_boards();
    for &(at, seed) in seeds {
        let b = at % boards.len();
        let board = &mut boards[b];
        match seed % 5 {
            0 | 1 if !board.items.is_empty() => {
                let i = at % board.items.len();
                board.items[i].title = hostile(seed / 5);
                board.items[i].description = Some(hostile(seed / 3));
            }
            2 if !board.items.is_empty() => {
                let i = at % board.items.len();
                board.items[i].owner = Some(hostile(seed));
                board.items[i].tags = vec![hostile(seed / 2)];
            }
            3 => board.name = hostile(seed / 5),
            _ => {
                let col = at % board.columns.len();
                board.columns[col].wip = Some(u32::from(seed) % 3);
            }
        }
        board.reindex();
    }
    Workspace::new(boards)
}

fn every_view_at(ws: &Workspace, width: u16, height: u16) {
    for keys in VIEWS {
        let mut app = App::new(ws.clone(), "fuzz");
        app.set_clock(|| "2026-11-22T10:00:00Z".to_string());
        update(&mut app, Msg::Resize(120, 40));
        press(&mut app, keys);
        update(&mut app, Msg::Resize(width, height));
        draw(&app);
    }
}

#[test]
fn every_view_at_the_smallest_and_largest_sizes() {
    let ws = demo();
    for (w, h) in [(1, 1), (2, 1), (1, 2), (10, 3), (40, 10), (80, 24), (300, 80)] {
        every_view_at(&ws, w, h);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_view_and_export_of_hostile_workspaces(
        seeds in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..12),
        width in 1u16..300,
        height in 1u16..80,
    ) {
        let ws = mutated(&seeds);
        every_view_at(&ws, width, height);
        for format in FORMATS {
            let boards = select(&ws, None, format).expect("every board");
            let _ = export(&ws, &boards, format, 1_764_000_000);
        }
    }
}
