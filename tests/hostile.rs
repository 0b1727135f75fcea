//! Hostile board text and hostile files: nothing from a board file reaches the terminal as a
//! control sequence, and no input makes the loader panic or hang.

#[path = "support/scratch.rs"]
mod scratch;
use scratch::{Scratch, private_home};

use std::fs;
use std::io::Write;
use std::path::Path;

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use trainboard::app::{App, Msg, update};
use trainboard::model::{Board, Column, Item, Level, Workspace};
use trainboard::storage::{board_to_string, load_workspace, parse_board};

/// Text that tries every trick: CSI, OSC title and clipboard writes, DCS, APC, C1 CSI, BEL,
/// bidirectional overrides and zero-width characters.
const EVIL: &str = "ok\u{1b}[2J\u{1b}]0;pwned\u{7}\u{1b}]52;c;Y3VybCBldmlsCg==\u{7}\u{1b}P1$qm\u{1b}\\\u{1b}_apc\u{1b}\\\u{9b}31m\u{7}\u{202e}desrever\u{2066}\u{200b}x\r\nnext";

fn evil_workspace() -> Workspace {
    let columns = vec![Column::new(format!("Col{EVIL}"), Some(1)), Column::new("Done", None)];
    let mut board = Board::new("evil.ron", format!("Board{EVIL}"), Level::Program, columns.clone());
    let mut item = Item::new("F-1", format!("Title{EVIL}"), format!("Col{EVIL}"));
    item.description = Some(EVIL.into());
    item.tags = vec![EVIL.into()];
    item.owner = Some(EVIL.into());
    item.team = Some(EVIL.into());
    item.blocked = Some(EVIL.into());
    item.acceptance = vec![trainboard::model::Criterion { text: EVIL.into(), done: false }];
    item.history = vec![trainboard::model::Move { at: "2026-11-22T15:04:05Z".into(), column: EVIL.into() }];
    let mut child = Item::new("S-1", format!("Child{EVIL}"), "Backlog");
    child.parent = Some("F-1".into());
    board.items = vec![item, Item::new("F-2", EVIL, "Done")];
    let mut team =
        Board::new("team.ron", EVIL, Level::Team, vec![Column::new("Backlog", None), Column::new("Done", None)]);
    team.items = vec![child];
    Workspace::new(vec![board, team])
}

/// Escape sequences trainboard itself emits: CSI with parameters ending in a drawing command.
fn allowed_csi(params: &[u8], fin: u8) -> bool {
    params.iter().all(|b| b.is_ascii_digit() || *b == b';' || *b == b'?' || *b == b':')
        && matches!(fin, b'H' | b'm' | b'J' | b'K' | b'h' | b'l' | b'A' | b'B' | b'C' | b'D' | b'G' | b'X' | b'q')
}

/// Panics on any control character or sequence that is not one of ours.
fn scan(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == 0x1b {
            assert_eq!(
                bytes.get(i + 1),
                Some(&b'['),
                "a non-CSI escape at byte {i}: {:?}",
                &text[i.saturating_sub(20)..]
            );
            let mut j = i + 2;
            while j < bytes.len() && !(0x40..=0x7e).contains(&bytes[j]) {
                j += 1;
            }
            assert!(
                allowed_csi(&bytes[i + 2..j], bytes[j]),
                "unexpected sequence {:?}",
                String::from_utf8_lossy(&bytes[i..=j])
            );
            i = j + 1;
            continue;
        }
        assert!(b >= 0x20 || b == b'\r' || b == b'\n', "control byte {b:#x} at {i}");
        i += 1;
    }
    for c in text.chars() {
        assert!(!('\u{80}'..='\u{9f}').contains(&c), "C1 control {c:?} reached the terminal");
        assert!(
            !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}'),
            "invisible {c:?}"
        );
    }
}

/// Draws the app through the real crossterm backend into bytes.
fn draw_bytes(app: &App) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let backend = CrosstermBackend::new(&mut out);
        let mut terminal = Terminal::with_options(
            backend,
            ratatui::TerminalOptions { viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 120, 40)) },
        )
        .unwrap();
        terminal.draw(|f| trainboard::ui::render(app, f)).unwrap();
        terminal.backend_mut().flush().unwrap();
    }
    out
}

#[test]
fn no_escape_sequence_from_a_board_reaches_the_terminal() {
    let mut app = App::new(evil_workspace(), format!("origin{EVIL}"));
    update(&mut app, Msg::Resize(120, 40));
    let key = |c| Msg::Key(KeyEvent::new(c, KeyModifiers::NONE));
    let views: Vec<Vec<Msg>> = vec![
        vec![],
        vec![key(KeyCode::Enter)],
        vec![key(KeyCode::Esc), key(KeyCode::Char('?'))],
        vec![key(KeyCode::Esc), key(KeyCode::Char('/')), key(KeyCode::Char('o'))],
        vec![key(KeyCode::Esc), key(KeyCode::Char('s'))],
        vec![Msg::Paste(EVIL.into())],
        vec![key(KeyCode::Esc), key(KeyCode::Char('e'))],
        vec![key(KeyCode::Esc), key(KeyCode::Char('d'))],
        vec![key(KeyCode::Char('n')), key(KeyCode::Tab)],
    ];
    for (n, msgs) in views.into_iter().enumerate() {
        for msg in msgs {
            update(&mut app, msg);
        }
        let bytes = draw_bytes(&app);
        scan(&bytes);
        if n == 0 {
            assert!(String::from_utf8_lossy(&bytes).contains("Title"), "the card is still drawn");
        }
    }
    // The file keeps the original text.
    let text = board_to_string(&app.ws().boards()[0]);
    let back = parse_board(text.as_bytes(), "evil.ron").unwrap();
    assert_eq!(back.items[0].title, format!("Title{EVIL}"));
}

#[test]
fn headless_output_is_safe_too() {
    let dir = Scratch::new("hostile-cli");
    let home = Scratch::new("hostile-cli-home");
    let ws = evil_workspace();
    for board in ws.boards() {
        fs::write(dir.join(&board.key), board_to_string(board)).unwrap();
    }
    for args in [&["list"][..], &["show", "F-1"], &["list", "--json"], &["show", "S-1", "--json"]] {
        let out = private_home(&mut std::process::Command::new(env!("CARGO_BIN_EXE_trainboard")), &home)
            .arg("-w")
            .arg(&dir)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        scan(&out.stdout);
        if args.contains(&"--json") {
            let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let text = value.to_string();
            assert!(text.contains("\u{202e}"), "JSON keeps the original text");
        }
    }
    let _ = fs::remove_dir_all(&dir);
}

fn temp(name: &str) -> Scratch {
    Scratch::new(&format!("hostile-{name}"))
}

/// The starter team board on its own (without links to the other starter boards).
fn starter() -> Vec<u8> {
    let bytes = fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/starter/team.ron")).unwrap();
    let mut board = parse_board(&bytes, "team.ron").unwrap();
    for item in &mut board.items {
        item.parent = None;
    }
    board_to_string(&board).into_bytes()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic_the_loader(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = parse_board(&bytes, "x.ron");
    }

    #[test]
    fn mutated_boards_never_panic_the_loader(cuts in proptest::collection::vec((0usize..3000, any::<u8>()), 1..8)) {
        let mut bytes = starter();
        for (at, byte) in cuts {
            let at = at % bytes.len();
            match byte % 3 {
                0 => bytes[at] = byte,
                1 => { bytes.remove(at); }
                _ => bytes.insert(at, byte),
            }
        }
        if let Ok(board) = parse_board(&bytes, "x.ron") {
            // Whatever parses can be drawn and saved.
            let text = board_to_string(&board);
            prop_assert!(parse_board(text.as_bytes(), "x.ron").is_ok());
        }
    }
}

#[test]
fn huge_titles_and_columns_load_and_draw() {
    let dir = temp("huge");
    let mut board = parse_board(&starter(), "team.ron").unwrap();
    board.items[0].title = "long ".repeat(2000);
    board.items.extend((1..=100_000).map(|n| Item::new(format!("X-{n}"), "bulk", "Backlog")));
    fs::write(dir.join("team.ron"), board_to_string(&board)).unwrap();
    let (ws, _, _) = load_workspace(&dir).into_workspace().unwrap();
    let mut app = App::new(ws, "huge");
    update(&mut app, Msg::Resize(120, 40));
    for key in ['G', 'g', 'l', 'h', 'G'] {
        update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE)));
    }
    let bytes = draw_bytes(&app);
    assert!(
        String::from_utf8_lossy(&bytes).contains("X-100000"),
        "the last card of a 100,000-card column shows after G"
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_file_over_the_size_cap_is_refused_before_reading() {
    let dir = temp("cap");
    fs::write(dir.join("ok.ron"), starter()).unwrap();
    let big = fs::File::create(dir.join("huge.ron")).unwrap();
    big.set_len(trainboard::storage::load_and_check::MAX_BOARD_BYTES + 1).unwrap();
    let problems = load_workspace(&dir).problems;
    assert_eq!(problems.len(), 1);
    assert!(problems[0].to_string().contains("over the 64 MiB limit"), "{}", problems[0]);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn read_only_files_and_newer_formats_open_read_only_and_are_never_saved_over() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp("readonly");
    fs::write(dir.join("locked.ron"), String::from_utf8(starter()).unwrap().replace("Team 1", "Locked")).unwrap();
    fs::set_permissions(dir.join("locked.ron"), fs::Permissions::from_mode(0o444)).unwrap();
    let newer = String::from_utf8(starter())
        .unwrap()
        .replace("version: 1", "version: 9")
        .replace("Team 1", "Future")
        .replace("S-", "N-");
    fs::write(dir.join("newer.ron"), &newer).unwrap();
    let (ws, _, _) = load_workspace(&dir).into_workspace().unwrap();
    let mut app = App::new(ws, "ro");
    update(&mut app, Msg::Resize(120, 40));
    let screen = String::from_utf8_lossy(&draw_bytes(&app)).into_owned();
    assert_eq!(screen.matches("[read-only]").count(), 2, "both tabs carry the marker");
    for board in 0..2 {
        app.show_board(board);
        let effects = update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('L'), KeyModifiers::NONE)));
        assert!(effects.is_empty(), "no save is asked for");
        let status = app.status().unwrap().text.clone();
        assert!(status.contains("read-only"), "{status}");
    }
    assert_eq!(fs::read_to_string(dir.join("newer.ron")).unwrap(), newer);
    // A read-only folder makes its boards read-only too.
    fs::set_permissions(dir.join("locked.ron"), fs::Permissions::from_mode(0o644)).unwrap();
    fs::remove_file(dir.join("newer.ron")).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).unwrap();
    let (ws, _, _) = load_workspace(&dir).into_workspace().unwrap();
    assert!(ws.boards()[0].read_only_reason().unwrap().contains("folder is not writable"));
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    let _ = fs::remove_dir_all(&dir);
}
