//! Archiving done work and acting on several cards at once: the app in process (marks, `Z`,
//! `z`, undo), the archive file on disk (round trip, `check`, a broken one), and the headless
//! `archive` and `restore` commands.

mod support;
use support::scratch::Scratch;

use std::fs;
use std::path::Path;

use support::cli::run;
use support::keys_in::press;
use trainboard::app::{App, Mode};
use trainboard::model::Workspace;
use trainboard::storage::{board_to_string, load_workspace, parse_board};

fn temp(name: &str) -> Scratch {
    let dir = Scratch::new(&format!("archive-{name}"));
    fs::create_dir_all(dir.join("ws")).unwrap();
    fs::create_dir_all(dir.join("home")).unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    for entry in fs::read_dir(demo).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            fs::copy(&path, dir.join("ws").join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

fn demo() -> Workspace {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    load_workspace(&dir).into_workspace().expect("the demo is valid").0
}

/// The app on the demo's Alpha board, its clock fixed.
fn app_on_alpha() -> App {
    let mut app = App::new(demo(), "test");
    app.set_clock(|| "2026-11-20T10:00:00Z".to_string());
    press(&mut app, "3");
    assert_eq!(app.current_board().unwrap().key, "team-alpha.ron");
    app
}

fn redo(app: &mut App) {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    trainboard::app::update(app, trainboard::app::Msg::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL)));
}

fn status(app: &App) -> String {
    app.status().as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

fn column_of(app: &App, id: &str) -> String {
    app.ws().item(id).map(|i| i.column.clone()).unwrap_or_default()
}

fn archived(app: &App) -> Vec<String> {
    let archive = app.ws().archive_of("team-alpha.ron");
    archive.map(|a| a.items.iter().map(|i| i.id.clone()).collect()).unwrap_or_default()
}

#[test]
fn marked_cards_move_rank_and_get_tags_as_one_undoable_edit() {
    let mut app = app_on_alpha();
    // The Backlog: S-108, S-113, S-114 (rank order).
    let backlog: Vec<String> = {
        let board = app.current_board().unwrap();
        board.column_items(0).map(|i| i.id.clone()).collect()
    };
    assert!(backlog.len() >= 3, "{backlog:?}");
    press(&mut app, " j ");
    assert_eq!(app.marks().len(), 2);
    assert!(status(&app).contains("2 marked"), "{}", status(&app));
    press(&mut app, "L");
    assert_eq!(column_of(&app, &backlog[0]), "Ready");
    assert_eq!(column_of(&app, &backlog[1]), "Ready");
    assert_eq!(column_of(&app, &backlog[2]), "Backlog", "the unmarked card stays");
    assert!(app.marks().is_empty(), "marks are cleared after the action");
    press(&mut app, "u");
    assert_eq!(column_of(&app, &backlog[0]), "Backlog", "one undo brings both back");
    assert_eq!(column_of(&app, &backlog[1]), "Backlog");

    // Without marks, a move acts on the selected card only.
    app.select_item(&backlog[2]);
    press(&mut app, "L");
    assert_eq!(column_of(&app, &backlog[2]), "Ready");
    assert_eq!(column_of(&app, &backlog[1]), "Backlog");
    press(&mut app, "u");

    // The last two to the bottom... then to the top, keeping their order.
    app.select_item(&backlog[0]);
    press(&mut app, " j ");
    press(&mut app, "}");
    let order =
        |app: &App| -> Vec<String> { app.current_board().unwrap().column_items(0).map(|i| i.id.clone()).collect() };
    let now = order(&app);
    assert_eq!(&now[now.len() - 2..], &backlog[..2], "bottom, in their order: {now:?}");
    press(&mut app, "u");
    assert_eq!(order(&app), backlog);

    // Up one, together: the two lower cards pass the first, keeping their order.
    app.select_item(&backlog[1]);
    press(&mut app, " j K");
    assert_eq!(order(&app)[..3], [backlog[1].clone(), backlog[2].clone(), backlog[0].clone()]);
    press(&mut app, "u");
    assert_eq!(order(&app), backlog, "one undo");

    // With marks, L moves the marked card, not the card under the cursor (here in Accepted).
    app.select_item(&backlog[0]);
    press(&mut app, " llllL");
    assert_eq!(column_of(&app, &backlog[0]), "Ready", "the marked card moved, not the selected one");
    press(&mut app, "u");

    // Tags to all marked cards.
    app.select_item(&backlog[1]);
    press(&mut app, " j #");
    assert!(matches!(app.mode(), Mode::Prompt(_)));
    press(&mut app, "pi-review\n");
    for id in &backlog[1..3] {
        assert!(app.ws().item(id).unwrap().tags.contains(&"pi-review".to_string()), "{id}");
    }
    assert!(!app.ws().item(&backlog[0]).unwrap().tags.contains(&"pi-review".to_string()));
    press(&mut app, "u");
    assert!(backlog.iter().all(|id| !app.ws().item(id).unwrap().tags.contains(&"pi-review".to_string())));
}

#[test]
fn esc_and_switching_boards_clear_the_marks() {
    let mut app = app_on_alpha();
    press(&mut app, " ");
    assert_eq!(app.marks().len(), 1);
    press(&mut app, " ");
    assert!(app.marks().is_empty(), "Space again unmarks");
    press(&mut app, " \x1b");
    assert!(app.marks().is_empty());
    assert!(status(&app).contains("marks cleared"));
    press(&mut app, " \t");
    assert!(app.marks().is_empty(), "a board switch clears the marks");
}

#[test]
fn z_archives_marked_done_cards_into_a_new_archive_and_undo_restores() {
    let mut app = app_on_alpha();
    let items_before = app.ws().item_count();
    app.select_item("S-101");
    press(&mut app, " j ");
    let marked = app.marks().to_vec();
    assert_eq!(marked.len(), 2);
    press(&mut app, "Z");
    assert_eq!(archived(&app), marked, "both went to the archive");
    assert!(status(&app).contains("team-alpha.archive.ron"), "{}", status(&app));
    assert_eq!(app.ws().item_count(), items_before, "nothing lost");
    assert_eq!(app.current_board().unwrap().key, "team-alpha.ron", "still on Alpha");
    assert!(app.ws().tabs().all(|i| !app.ws().board(i).unwrap().is_archive()), "the archive is no tab");
    press(&mut app, "u");
    assert!(archived(&app).is_empty());
    assert!(marked.iter().all(|id| app.current_board().unwrap().item(id).is_some()));
    redo(&mut app);
    assert_eq!(archived(&app), marked, "redo archives again");

    // z lists them; Enter restores the chosen one to the top of the done column.
    press(&mut app, "z");
    assert!(matches!(&app.mode(), Mode::Picker(p) if p.choices.len() == 2));
    press(&mut app, &marked[0].to_lowercase());
    press(&mut app, "\n");
    assert_eq!(archived(&app), marked[1..]);
    let board = app.current_board().unwrap();
    assert_eq!(board.column_items(board.done_column()).next().map(|i| i.id.clone()), Some(marked[0].clone()));
    press(&mut app, "u");
    assert_eq!(archived(&app), marked);
}

#[test]
fn z_refuses_cards_that_are_not_done_and_offers_the_dialog() {
    let mut app = app_on_alpha();
    app.select_item("S-103");
    press(&mut app, " Z");
    assert!(status(&app).contains("only done items"), "{}", status(&app));
    assert!(archived(&app).is_empty());
    assert_eq!(app.marks().len(), 1, "a refused archive keeps the marks");
    assert!(app.ws().archive_of("team-alpha.ron").is_none(), "no empty archive is left behind");
    press(&mut app, "\x1b\x1b");

    // Without marks on a card not done: the dialog opens with a message.
    press(&mut app, "Z");
    assert!(status(&app).contains("S-103 is in Review"), "{}", status(&app));
    let Mode::Picker(picker) = &app.mode() else { panic!("the archive dialog is open") };
    assert!(picker.choices.iter().any(|c| c.label.contains("before iteration I3")));
    press(&mut app, "before iteration I2\n");
    let mut ids = archived(&app);
    ids.sort();
    assert_eq!(ids, ["S-101", "S-111", "S-112"], "the done items of I1");
    press(&mut app, "u");

    // By date: the items that arrived in Accepted before 2026-10-25.
    press(&mut app, "Z");
    press(&mut app, "date\n");
    assert!(matches!(app.mode(), Mode::Prompt(_)));
    press(&mut app, "2026-99-01\n");
    assert!(matches!(app.mode(), Mode::Prompt(_)), "a bad date keeps the prompt open");
    assert!(status(&app).contains("is not a date"), "{}", status(&app));
    press(&mut app, "\x15");
    press(&mut app, "2026-10-25\n");
    let mut ids = archived(&app);
    ids.sort();
    assert_eq!(ids, ["S-101", "S-111", "S-112"]);

    // Search and the hierarchy still find them, marked as archived.
    press(&mut app, "/S-111\n");
    assert!(status(&app).contains("S-111 is archived"), "{}", status(&app));
    assert_eq!(app.current_board().unwrap().key, "team-alpha.ron");
}

#[test]
fn the_rollup_and_the_next_id_count_archived_items() {
    let mut app = app_on_alpha();
    let parent = app.ws().item("S-101").unwrap().parent.clone().expect("S-101 has a feature");
    let before = app.ws().rollup(&parent);
    let highest = app
        .ws()
        .boards()
        .iter()
        .flat_map(|b| &b.items)
        .filter_map(|i| i.id.strip_prefix("S-"))
        .filter_map(|n| n.parse::<u64>().ok())
        .max()
        .unwrap();
    app.select_item("S-101");
    press(&mut app, "Z\n");
    assert_eq!(archived(&app), ["S-101"]);
    assert_eq!(app.ws().rollup(&parent), before, "archived done stories still count as done");
    let next = trainboard::model::ids::next_id(app.ws(), trainboard::model::Kind::Story, 0);
    assert_eq!(next, format!("S-{}", highest + 1));
}

#[test]
fn an_archive_file_round_trips_and_check_passes() {
    let dir = temp("roundtrip");
    let ws = dir.join("ws");
    let out = run(&["archive", "-w", ws.to_str().unwrap(), "--board", "Alpha", "S-101", "S-102"], &dir.join("home"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = fs::read_to_string(ws.join("team-alpha.archive.ron")).unwrap();
    assert!(text.contains("archive_of: \"team-alpha.ron\""), "{text}");
    let board = parse_board(text.as_bytes(), "team-alpha.archive.ron").expect("the archive parses");
    assert_eq!(board.archive_of.as_deref(), Some("team-alpha.ron"));
    assert_eq!(board.items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["S-101", "S-102"]);
    assert_eq!(board_to_string(&board), text, "written as read, byte for byte");
    let out = run(&["check", ws.to_str().unwrap()], &dir.join("home"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok: 6 boards"));

    // Loaded as a workspace: ids unique across board and archive, the archive no tab.
    let (loaded, _, _) = load_workspace(&ws).into_workspace().unwrap();
    assert!(loaded.is_archived("S-101") && !loaded.is_archived("S-103"));
    assert_eq!(loaded.board_named("Alpha").map(|b| b.key.as_str()), Some("team-alpha.ron"));
    assert_eq!(loaded.tabs().count(), 5);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_broken_archive_file_is_reported_with_file_line_and_column() {
    let dir = temp("broken");
    let ws = dir.join("ws");
    let home = dir.join("home");
    assert!(run(&["archive", "-w", ws.to_str().unwrap(), "--board", "Alpha", "S-101"], &home).status.success());
    let path = ws.join("team-alpha.archive.ron");
    let text = fs::read_to_string(&path).unwrap().replace("archive_of: \"team-alpha.ron\",", "archive_of: 7,");
    fs::write(&path, text).unwrap();
    let out = run(&["check", ws.to_str().unwrap()], &home);
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(report.contains("team-alpha.archive.ron:5:"), "{report}");

    // Archiving into a broken archive is refused and the file is left as it is.
    let broken = fs::read(&path).unwrap();
    let out = run(&["archive", "-w", ws.to_str().unwrap(), "--board", "Alpha", "S-102"], &home);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(said.contains("team-alpha.archive.ron") && said.contains("read-only"), "{said}");
    assert_eq!(fs::read(&path).unwrap(), broken, "never written over");
    let opened = trainboard::storage::open_tolerant::open_workspace(&ws).expect("the other boards open");
    let placeholder = opened.ws.board_by_key("team-alpha.archive.ron").expect("shown read-only");
    assert!(placeholder.is_archive() && placeholder.is_read_only(), "a broken archive stays an archive");
    assert_eq!(opened.ws.tabs().count(), 5, "and is no tab");
    assert_eq!(opened.ws.board_named("Alpha").map(|b| b.key.as_str()), Some("team-alpha.ron"));

    // An archive that names a board of another level is a clear problem too.
    let text = fs::read_to_string(&path).unwrap().replace("archive_of: 7,", "archive_of: \"art.ron\",");
    fs::write(&path, text).unwrap();
    let out = run(&["check", ws.to_str().unwrap()], &home);
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(report.contains("team-alpha.archive.ron:") && report.contains("level"), "{report}");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn the_archive_and_restore_commands() {
    let dir = temp("cli");
    let ws = dir.join("ws");
    let home = dir.join("home");
    let w = ws.to_str().unwrap();
    let out = run(&["archive", "-w", w, "--board", "Alpha", "--before-iteration", "I2"], &home);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(said.contains("archived S-101") && said.contains("archived S-111"), "{said}");
    assert!(!said.contains("S-102"), "S-102 is of I2: {said}");

    let out = run(&["archive", "-w", w, "--board", "Alpha", "--before", "2026-11-01"], &home);
    assert!(String::from_utf8_lossy(&out.stdout).contains("archived S-102"));
    let out = run(&["archive", "-w", w, "--board", "Alpha", "S-103"], &home);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("only done items"));
    let out = run(&["archive", "-w", w, "--board", "Alpha", "--before", "1st of May"], &home);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));

    let out = run(&["show", "-w", w, "S-101"], &home);
    assert!(String::from_utf8_lossy(&out.stdout).contains("archived in team-alpha.archive.ron"));
    let out = run(&["move", "-w", w, "S-101", "Backlog"], &home);
    assert_eq!(out.status.code(), Some(1), "an archived item is not moved on its archive");
    assert!(String::from_utf8_lossy(&out.stderr).contains("trainboard restore"));
    let out = run(&["restore", "-w", w, "S-101"], &home);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (loaded, _, _) = load_workspace(&ws).into_workspace().unwrap();
    assert_eq!(
        loaded.find("S-101").map(|(b, i)| (b.key.as_str(), i.column.as_str())),
        Some(("team-alpha.ron", "Accepted"))
    );
    assert!(loaded.is_archived("S-102"));
    let out = run(&["restore", "-w", w, "S-101"], &home);
    assert_eq!(out.status.code(), Some(1), "not archived any more");
    let out = run(&["list", "-w", w, "--board", "Alpha"], &home);
    assert!(String::from_utf8_lossy(&out.stdout).contains("S-101"));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("S-102"), "the board, not its archive");

    for command in ["archive", "restore"] {
        let out = run(&[command, "--help"], &home);
        assert!(String::from_utf8_lossy(&out.stdout).contains("Examples:"), "{command}");
    }
    let _ = fs::remove_dir_all(&dir);
}

fn screen(app: &App) -> String {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| trainboard::ui::render(app, frame)).unwrap();
    let buf = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn marks_show_on_cards_and_archived_items_show_in_search_and_the_hierarchy() {
    let mut app = app_on_alpha();
    trainboard::app::update(&mut app, trainboard::app::Msg::Resize(120, 40));
    app.select_item("S-101");
    press(&mut app, " ");
    let shown = screen(&app);
    assert!(shown.contains("✓S-101"), "{shown}");
    assert!(shown.contains("1 marked"), "{shown}");
    press(&mut app, "Z");
    assert_eq!(archived(&app), ["S-101"]);
    let shown = screen(&app);
    assert!(shown.contains("S-101 archived"), "the status line says it:\n{shown}");
    assert!(!shown.lines().any(|l| l.contains("S-101") && !l.contains("S-101 archived")), "no card:\n{shown}");

    press(&mut app, "/S-101");
    let shown = screen(&app);
    assert!(shown.lines().any(|l| l.contains("S-101") && l.contains("archived")), "{shown}");
    press(&mut app, "\x1b");

    // The hierarchy of a sibling lists S-101, marked archived.
    let parent = app.ws().item("S-101").unwrap().parent.clone().unwrap();
    let sibling =
        app.ws().children(&parent).iter().find(|c| *c != "S-101" && !app.ws().is_archived(c)).cloned().unwrap();
    assert!(app.select_item(&sibling));
    press(&mut app, "t");
    let shown = screen(&app);
    assert!(shown.lines().any(|l| l.contains("S-101") && l.contains("archived")), "{shown}");
    assert!(!shown.lines().any(|l| l.contains(&sibling) && l.contains("archived")), "{shown}");
}
