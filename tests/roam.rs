//! Risks are ROAMed: a board names the kind its new items get (`default_kind`), headless `add`
//! takes `--kind`, the demo's ROAM board starts risks in "Unroamed", and risks never count in
//! roll-up progress.

mod support;
use support::scratch::Scratch;

use support::cli::run;

use std::fs;
use std::path::{Path, PathBuf};

use trainboard::merge::merge_boards;
use trainboard::model::{Board, Column, Item, Kind, Level, Workspace, ops};
use trainboard::storage::{board_to_string, parse_board};

const NOW: &str = "2026-11-23T10:00:00Z";

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo")
}

fn roam_board() -> Board {
    let bytes = fs::read(demo().join("roam.ron")).unwrap();
    parse_board(&bytes, "roam.ron").unwrap()
}

#[test]
fn the_demo_roam_board_starts_risks_unroamed_and_new_items_are_risks() {
    let roam = roam_board();
    assert_eq!(roam.default_kind, Some(Kind::Risk));
    assert_eq!(roam.columns[0].name, "Unroamed");
    assert!(roam.items.iter().any(|i| i.column == "Unroamed"), "the demo has a risk still to ROAM");
    for item in &roam.items {
        assert_eq!(roam.kind_of(item), Kind::Risk, "{}", item.id);
        assert_eq!(item.history.first().map(|m| m.column.as_str()), Some("Unroamed"), "{}", item.id);
        assert_eq!(item.history.last().map(|m| m.column.as_str()), Some(item.column.as_str()), "{}", item.id);
    }
    let ws = Workspace::new(vec![roam]);
    let (edit, id) = ops::add_item(&ws, "roam.ron", "Unroamed", "Vendor lock-in", NOW).unwrap();
    assert_eq!(id, "R-8");
    let trainboard::model::Op::Insert { item, .. } = &edit.ops[0] else { panic!("an insert") };
    assert_eq!(item.kind, Some(Kind::Risk), "written as kind: Risk, so it reads back a risk anywhere");
    let (_, id) = ops::add_item_as(&ws, "roam.ron", "Unroamed", "Spike it", NOW, Some(Kind::Spike)).unwrap();
    assert_eq!(id, "SP-1");
}

#[test]
fn default_kind_round_trips_in_contract_order_and_merges() {
    let mut board = Board::new("r.ron", "Risks", Level::Program, vec![Column::new("Unroamed", None)]);
    board.default_kind = Some(Kind::Risk);
    let text = board_to_string(&board);
    assert!(text.contains("    level: Program,\n    default_kind: Risk,\n    columns: ["), "{text}");
    let back = parse_board(text.as_bytes(), "r.ron").unwrap();
    assert_eq!(back, board);
    assert_eq!(board_to_string(&back), text);
    // Without it, nothing is written.
    let plain = Board::new("p.ron", "P", Level::Team, vec![Column::new("Done", None)]);
    assert!(!board_to_string(&plain).contains("default_kind"));
    // One side sets it, the other changes something else: both survive.
    let mut theirs = plain.clone();
    theirs.iterations = vec!["I1".into()];
    let mut ours = plain.clone();
    ours.default_kind = Some(Kind::Defect);
    let merged = merge_boards(&plain, &ours, &theirs);
    assert!(merged.conflicts.is_empty());
    assert_eq!((merged.board.default_kind, merged.board.iterations.len()), (Some(Kind::Defect), 1));
    // An unknown kind is an error naming the place.
    let bad = "Board(name: \"x\", level: Team, default_kind: Dragon, columns: [(name: \"A\")])";
    assert!(parse_board(bad.as_bytes(), "x.ron").is_err());
}

#[test]
fn rollup_counts_work_items_below_and_never_risks() {
    let cols = || vec![Column::new("Todo", None), Column::new("Done", None)];
    let mut art = Board::new("art.ron", "ART", Level::Program, cols());
    art.items = vec![Item::new("F-1", "Search", "Todo"), Item::new("F-2", "Only risks", "Todo")];
    let mut sub = Item::new("F-3", "Same-level child", "Done");
    sub.parent = Some("F-1".into());
    art.items.push(sub);
    let mut roam = Board::new("roam.ron", "ROAM", Level::Program, cols());
    for (id, parent, column) in [("R-1", "F-1", "Done"), ("R-2", "F-2", "Todo")] {
        let mut risk = Item::new(id, "risk", column);
        risk.kind = Some(Kind::Risk);
        risk.parent = Some(parent.into());
        roam.items.push(risk);
    }
    let mut team = Board::new("alpha.ron", "Alpha", Level::Team, cols());
    for (id, kind, column) in [
        ("S-1", None, "Done"),
        ("EN-1", Some(Kind::Enabler), "Todo"),
        ("D-1", Some(Kind::Defect), "Done"),
        ("R-3", Some(Kind::Risk), "Done"),
    ] {
        let mut item = Item::new(id, "work", column);
        item.kind = kind;
        item.parent = Some("F-1".into());
        team.items.push(item);
    }
    let ws = Workspace::new(vec![art, roam, team]);
    // S-1, EN-1, D-1: two of three done; the risks (on any board) and the same-level F-3 are not counted.
    assert_eq!(ws.rollup("F-1"), Some((2, 3)));
    assert_eq!(ws.rollup("F-2"), None, "a feature with only a risk has no progress to show");
}

#[test]
fn headless_add_uses_the_board_default_kind_and_takes_kind() {
    let dir = Scratch::new("roam-add");
    for name in ["portfolio.ron", "art.ron", "roam.ron", "team-alpha.ron", "team-beta.ron"] {
        fs::copy(demo().join(name), dir.join(name)).unwrap();
    }
    let ws = dir.to_str().unwrap();
    let out = run(&["add", "-w", ws, "--board", "roam", "--title", "Scaling risk"], &dir);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(id.starts_with("R-"), "{id}");
    let roam = parse_board(&fs::read(dir.join("roam.ron")).unwrap(), "roam.ron").unwrap();
    let item = roam.item(&id).unwrap();
    assert_eq!((roam.kind_of(item), item.column.as_str()), (Kind::Risk, "Unroamed"));

    let out = run(&["add", "-w", ws, "--board", "Alpha", "--title", "Crash on login", "--kind", "defect"], &dir);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).trim().starts_with("D-"));

    let out = run(&["add", "-w", ws, "--board", "Alpha", "--title", "x", "--kind", "Dragon"], &dir);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown kind \"Dragon\"") && err.contains("Risk"), "{err}");

    // A kind the board's level does not take (the screen never offers an epic on a team
    // board) is refused, naming the kinds it takes, and nothing is written.
    let before = fs::read(dir.join("team-alpha.ron")).unwrap();
    let out = run(&["add", "-w", ws, "--board", "Alpha", "--title", "Big thing", "--kind", "epic"], &dir);
    assert!(!out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a team board takes no Epic; use one of Story, Enabler, Spike, Defect, Risk"), "{err}");
    assert_eq!(fs::read(dir.join("team-alpha.ron")).unwrap(), before, "nothing written");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn n_on_the_roam_board_creates_an_unroamed_risk() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use trainboard::app::{App, Msg, update};
    let (ws, _, _) = trainboard::storage::load_workspace(&demo()).into_workspace().unwrap();
    let mut app = App::new(ws, "demo");
    app.set_clock(|| NOW.to_string());
    update(&mut app, Msg::Resize(120, 40));
    let roam = app.ws().board_index("roam.ron").unwrap();
    app.show_board(roam);
    for c in "nSupplier insolvency\n".chars() {
        let code = if c == '\n' { KeyCode::Enter } else { KeyCode::Char(c) };
        update(&mut app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
    let board = app.ws().board(roam).unwrap();
    let item = board.items.iter().find(|i| i.title == "Supplier insolvency").expect("added");
    assert!(item.id.starts_with("R-"), "{}", item.id);
    assert_eq!((board.kind_of(item), item.column.as_str()), (Kind::Risk, "Unroamed"));
    assert_eq!(item.history.first().map(|m| m.column.as_str()), Some("Unroamed"));
}

#[test]
fn risk_cards_on_the_roam_board_name_their_linked_item_and_owner() {
    let mut app = support::screen::demo_app(160, 45);
    support::keys_in::press(&mut app, "2\t");
    assert_eq!(app.current_board().map(|b| b.name.as_str()), Some("ART Risks (ROAM)"));
    let screen = support::screen::text(&support::screen::draw(&app));
    // R-1 threatens EN-2 and is Marta Novak's; R-2 threatens F-4 and is Lee Okafor's.
    for shown in ["↑EN-2 Marta Novak", "↑F-4 Lee Okafor"] {
        assert!(screen.contains(shown), "{shown} missing on the ROAM board:\n{screen}");
    }
    // Other cards keep their line: a feature on the ART board shows no owner.
    support::keys_in::press(&mut app, "2");
    let art = support::screen::text(&support::screen::draw(&app));
    assert!(!art.contains("Dana Whitfield"), "{art}");
}
