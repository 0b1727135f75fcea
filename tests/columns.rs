//! Columns and boards changed in the app: the column menu (`C`) and the board menu (`R`) in
//! process (every action, its message and its undo), drawn at 80×24 and 120×40, and in a
//! pseudo-terminal on a copy of the demo with the board files checked after each step.

mod support;
use support::scratch::Scratch;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use support::keys_in::press;
use support::pty::{PtyApp, keys};
use support::screen::{draw, fixture_app, text};
use trainboard::app::{App, Effect, Mode, Msg, update};
use trainboard::model::{Board, Column, Level, Workspace};

const CTRL_U: &str = "\x15";

/// Types `keys` and returns every effect they asked for.
fn type_keys(app: &mut App, keys: &str) -> Vec<Effect> {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut effects = Vec::new();
    for c in keys.chars() {
        let key = match c {
            '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            '\x1b' => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            '\x15' => KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
            c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        };
        effects.extend(update(app, Msg::Key(key)));
    }
    effects
}

fn status(app: &App) -> String {
    app.status().as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

fn names(app: &App) -> Vec<String> {
    app.current_board().unwrap().columns.iter().map(|c| c.name.clone()).collect()
}

fn team_app() -> App {
    let columns = ["Backlog", "Doing", "Done"].map(|c| Column::new(c, None)).to_vec();
    let mut team = Board::new("alpha.ron", "Alpha", Level::Team, columns);
    team.items = vec![
        trainboard::model::Item::new("S-1", "one", "Backlog"),
        trainboard::model::Item::new("S-2", "two", "Doing"),
        trainboard::model::Item::new("S-3", "three", "Doing"),
    ];
    let mut app = App::new(Workspace::new(vec![team]), "test");
    app.set_clock(|| "2026-11-22T10:00:00Z".to_string());
    update(&mut app, Msg::Resize(120, 40));
    app
}

#[test]
fn column_menu_and_board_menu_drawn_at_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = fixture_app(w, h);
        press(&mut app, "3lC");
        let screen = text(&draw(&app));
        for entry in ["Column ", "add a column", "rename it", "move it left", "delete it", "WIP limit", "done column"] {
            assert!(screen.contains(entry), "{entry}:\n{screen}");
        }
        insta::assert_snapshot!(format!("column_menu_{w}x{h}"), screen);
        press(&mut app, "\x1bR");
        let screen = text(&draw(&app));
        for entry in ["Board ", "new board", "rename this board", "keeps its name"] {
            assert!(screen.contains(entry), "{entry}:\n{screen}");
        }
        insta::assert_snapshot!(format!("board_menu_{w}x{h}"), screen);
        press(&mut app, "\x1b");
        assert_eq!(*app.mode(), Mode::Board);
    }
}

#[test]
fn menus_and_prompts_draw_at_any_size() {
    for keys in ["3C", "3R", "3Ca", "3Cw", "3Rn", "3Rnteam\n", "3Rr"] {
        for (w, h) in [(2, 3), (5, 4), (12, 5), (20, 6), (30, 8), (200, 60)] {
            let mut app = fixture_app(80, 24);
            press(&mut app, keys);
            update(&mut app, Msg::Resize(w, h));
            draw(&app);
        }
    }
}

#[test]
fn help_lists_both_menus() {
    let app = fixture_app(80, 24);
    let rows = app.keymap().help_rows_of(trainboard::keymap::Scope::Board);
    assert!(rows.iter().any(|(k, d)| k == "C" && d.contains("column menu")), "{rows:?}");
    assert!(rows.iter().any(|(k, d)| k == "R" && d.contains("board menu")), "{rows:?}");
    // The menus' own letters are in the help too.
    let help: Vec<String> = trainboard::ui::help::help_lines(&app, &app.theme(), 200)
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    use trainboard::keymap::Scope;
    let menus = [Scope::ColumnMenu, Scope::BoardMenu].map(|s| app.keymap().help_rows_of(s));
    assert!(menus.iter().all(|rows| rows.len() >= 3), "{menus:?}");
    for (keys, doc) in menus.iter().flatten() {
        assert!(
            help.iter().any(|l| l.contains(keys.as_str()) && l.contains(doc)),
            "help lacks {keys} {doc}:\n{help:#?}"
        );
    }
    assert!(help.iter().any(|l| l == "Column menu (C)") && help.iter().any(|l| l == "Board menu (R)"));
}

#[test]
fn every_column_action_in_process_with_messages_selection_and_undo() {
    let mut app = team_app();
    let original = app.current_board().unwrap().clone();
    // Add right of Backlog: the new column is selected; a duplicate keeps the prompt open.
    let effects = type_keys(&mut app, "Ca Review\n");
    assert_eq!(effects, vec![Effect::Save(vec!["alpha.ron".into()])]);
    assert_eq!(names(&app), ["Backlog", "Review", "Doing", "Done"]);
    assert_eq!(app.cursor().column, 1);
    assert!(type_keys(&mut app, "Cadoing\n").is_empty());
    assert!(status(&app).contains("already has a column \"Doing\""), "{}", status(&app));
    assert!(matches!(app.mode(), Mode::NamePrompt(_)), "the prompt stays for another name");
    type_keys(&mut app, "\x1b");
    // Rename Doing: its cards follow.
    type_keys(&mut app, "lCr\x15In Progress\n");
    assert_eq!(names(&app), ["Backlog", "Review", "In Progress", "Done"]);
    let board = app.current_board().unwrap();
    assert_eq!(board.column_len(2), 2);
    assert!(status(&app).contains("renamed to In Progress"), "{}", status(&app));
    // WIP: garbage and 0 are refused; a number sets it; empty clears it.
    type_keys(&mut app, "Cwlots\n");
    assert!(status(&app).contains("whole number"), "{}", status(&app));
    type_keys(&mut app, "\x150\n");
    assert!(status(&app).contains("at least 1"), "{}", status(&app));
    type_keys(&mut app, "\x153\n");
    assert_eq!(app.current_board().unwrap().columns[2].wip, Some(3));
    assert_eq!(*app.mode(), Mode::Board);
    // Move it left twice (the menu stays open on it), then past the edge is refused.
    type_keys(&mut app, "Chh");
    assert_eq!(names(&app), ["In Progress", "Backlog", "Review", "Done"]);
    assert_eq!(*app.mode(), Mode::ColumnMenu(trainboard::app::columns::ColumnMenu { column: 0 }));
    type_keys(&mut app, "h");
    assert!(status(&app).contains("already the first column"), "{}", status(&app));
    type_keys(&mut app, "l\x1b");
    assert_eq!(names(&app), ["Backlog", "In Progress", "Review", "Done"]);
    assert_eq!(app.cursor().column, 1, "the selection stays on the moved column");
    // Mark Review done; delete In Progress, its cards going to Backlog by the picker.
    type_keys(&mut app, "lCx");
    assert_eq!(app.current_board().unwrap().done_column(), 2);
    type_keys(&mut app, "hCd");
    assert!(matches!(&app.mode(), Mode::Picker(p) if p.title.contains("move its 2 cards")), "{:?}", app.mode());
    type_keys(&mut app, "backlog\n");
    assert_eq!(names(&app), ["Backlog", "Review", "Done"]);
    let board = app.current_board().unwrap();
    let backlog: Vec<&str> = board.column_items(0).map(|i| i.id.as_str()).collect();
    assert_eq!(backlog, ["S-1", "S-2", "S-3"]);
    assert_eq!(app.cursor().column, 0, "the selection is where the cards went");
    // An empty column goes at once.
    type_keys(&mut app, "lCd");
    assert_eq!(names(&app), ["Backlog", "Done"]);
    // Every step undoes, back to the start.
    for _ in 0..9 {
        type_keys(&mut app, "u");
    }
    assert_eq!(app.current_board().unwrap(), &original);
    type_keys(&mut app, "u");
    assert_eq!(status(&app), "nothing to undo");
}

#[test]
fn board_menu_renames_undoably_and_asks_for_a_new_board() {
    let mut app = team_app();
    type_keys(&mut app, "Rr\x15Alpha Squad\n");
    assert_eq!(app.current_board().unwrap().name, "Alpha Squad");
    assert_eq!(app.current_board().unwrap().key, "alpha.ron");
    type_keys(&mut app, "u");
    assert_eq!(app.current_board().unwrap().name, "Alpha");
    // A new board: level, then a name; a name already used is refused.
    type_keys(&mut app, "Rnprogram\n");
    assert!(matches!(&app.mode(), Mode::NamePrompt(p) if p.title().contains("new program board")), "{:?}", app.mode());
    assert!(type_keys(&mut app, "ALPHA\n").is_empty());
    assert!(status(&app).contains("already a board called"), "{}", status(&app));
    let effects = type_keys(&mut app, "\x15Train Two\n");
    let [Effect::CreateBoard(board)] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!((board.key.as_str(), board.name.as_str(), board.level), ("train-two.ron", "Train Two", Level::Program));
    assert!(board.items.is_empty());
    // The shell wrote it: it is shown.
    update(&mut app, Msg::BoardCreated(Ok(board.clone())));
    assert_eq!(app.current_board().unwrap().key, "train-two.ron");
    assert!(status(&app).contains("Created the program board Train Two in train-two.ron"), "{}", status(&app));
    assert!(app.messages().iter().any(|m| m.text.contains("Created the program board")));
}

#[test]
fn read_only_boards_refuse_the_column_menu() {
    let mut app = team_app();
    let mut board = app.current_board().unwrap().clone();
    board.locked = Some("its folder is not writable".into());
    support::others::board_changed(&mut app, board, &[]);
    assert!(type_keys(&mut app, "C").is_empty());
    assert_eq!(*app.mode(), Mode::Board);
    assert!(status(&app).contains("read-only"), "{}", status(&app));
}

// ---- in a pseudo-terminal, on a copy of the demo ----

fn temp_demo(name: &str) -> Scratch {
    Scratch::demo_copy(&format!("columns-{name}"))
}

/// The board in `file` once it satisfies `ok` (the save is asynchronous); panics after 20 s.
fn board_when(path: &Path, ok: impl Fn(&Board) -> bool) -> Board {
    let start = Instant::now();
    let mut last = None;
    while start.elapsed() < Duration::from_secs(20) {
        if let Ok(bytes) = fs::read(path)
            && let Ok(board) = trainboard::storage::parse_board(&bytes, "x.ron")
        {
            if ok(&board) {
                return board;
            }
            last = Some(board.columns.clone());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{} never got there; its columns: {last:?}", path.display());
}

fn column_names(board: &Board) -> Vec<&str> {
    board.columns.iter().map(|c| c.name.as_str()).collect()
}

#[test]
fn columns_added_renamed_limited_and_undone_in_the_terminal_are_on_disk_each_step() {
    let dir = temp_demo("pty");
    let ws = dir.join("ws");
    let file = ws.join("team-alpha.ron");
    let before = trainboard::storage::parse_board(&fs::read(&file).unwrap(), "team-alpha.ron").unwrap();
    let mut app = PtyApp::start(&[ws.to_str().unwrap()], &ws, &dir.join("home"), &[], 120, 40);
    app.wait_for("Mobile Shopping ART");
    app.send("3");
    app.wait_for("Saved-card");
    // The selection is on Backlog: the new column goes right of it.
    app.send("C");
    app.wait_for("add a column");
    app.send("a");
    app.wait_for("New column right of");
    app.send("Refinement");
    app.send(keys::ENTER);
    app.wait_for("Column Refinement added");
    let added = board_when(&file, |b| b.columns.iter().any(|c| c.name == "Refinement"));
    assert_eq!(column_names(&added), ["Backlog", "Refinement", "Ready", "In Progress", "Review", "Accepted"]);
    assert_eq!(added.items, before.items, "no card moved");

    app.send("C");
    app.send("r");
    app.wait_for("Rename column Refinement");
    app.send(CTRL_U);
    app.send("Grooming");
    app.send(keys::ENTER);
    app.wait_for("renamed to Grooming");
    let renamed = board_when(&file, |b| b.columns.iter().any(|c| c.name == "Grooming"));
    assert_eq!(column_names(&renamed)[1], "Grooming");

    app.send("C");
    app.send("w");
    app.wait_for("WIP limit of Grooming");
    app.send("4");
    app.send(keys::ENTER);
    app.wait_for("set to 4");
    let limited = board_when(&file, |b| b.columns.iter().any(|c| c.name == "Grooming" && c.wip == Some(4)));
    assert_eq!(limited.columns[1].wip, Some(4));

    app.send("u");
    app.wait_for("Undid: WIP limit");
    let unlimited = board_when(&file, |b| b.columns.iter().any(|c| c.name == "Grooming" && c.wip.is_none()));
    assert_eq!(column_names(&unlimited)[1], "Grooming");
    app.send("u");
    app.wait_for("Undid: column Refinement renamed");
    board_when(&file, |b| b.columns.iter().any(|c| c.name == "Refinement"));
    app.send("u");
    app.wait_for("Undid: column Refinement added");
    let back = board_when(&file, |b| b.columns.len() == before.columns.len());
    assert_eq!(back.columns, before.columns);
    assert_eq!(back.items, before.items);
    app.send("q");
    assert!(app.wait_exit());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_team_board_created_from_the_board_menu_is_a_file_and_a_tab() {
    let dir = temp_demo("create");
    let ws = dir.join("ws");
    let mut app = PtyApp::start(&[ws.to_str().unwrap()], &ws, &dir.join("home"), &[], 120, 40);
    app.wait_for("Mobile Shopping ART");
    app.send("R");
    app.wait_for("new board");
    app.send("n");
    app.wait_for("Level of the new board");
    app.send("team");
    app.send(keys::ENTER);
    app.wait_for("Name of the new team board");
    app.send("Gamma Squad");
    app.wait_for("gamma-squad.ron");
    app.send(keys::ENTER);
    app.wait_for("Created the team board Gamma Squad in gamma-squad.ron");
    let path = ws.join("gamma-squad.ron");
    let board = trainboard::storage::parse_board(&fs::read(&path).unwrap(), "gamma-squad.ron").expect("it parses");
    assert_eq!((board.name.as_str(), board.level), ("Gamma Squad", Level::Team));
    let starter = trainboard::storage::parse_board(trainboard::demo::STARTER[2].1.as_bytes(), "team.ron").unwrap();
    assert_eq!(board.columns, starter.columns, "SAFe's team columns, as init writes them");
    assert!(board.items.is_empty());
    let tabs = app.screen().lines().next().unwrap_or_default().to_string();
    assert!(tabs.contains("Gamma Squad"), "a tab: {tabs}");
    // It is in the board picker too.
    app.send("'");
    app.wait_for("Go to board");
    app.send("gamma");
    app.wait_for("Team · Gamma Squad");
    app.send(keys::ESC);
    let (ws_now, _, _) = trainboard::storage::load_workspace(&ws).into_workspace().expect("the workspace loads");
    assert!(ws_now.board_by_key("gamma-squad.ron").is_some());
    app.send("q");
    assert!(app.wait_exit());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn odd_names_survive_the_file_and_adversarial_input_is_refused() {
    let mut app = team_app();
    type_keys(&mut app, "Ca \"Quoted\" \\ back\tslash ✓\n");
    let name = names(&app)[1].clone();
    assert_eq!(name, "\"Quoted\" \\ back slash ✓");
    let text = trainboard::storage::board_to_string(app.current_board().unwrap());
    let back = trainboard::storage::parse_board(text.as_bytes(), "alpha.ron").expect("it reads back");
    assert_eq!(back.columns[1].name, name);
    // Control characters become spaces; a name of only spaces is refused.
    type_keys(&mut app, "Ca\x1b");
    assert_eq!(*app.mode(), Mode::Board);
    type_keys(&mut app, "Ca   \n");
    assert!(status(&app).contains("needs a name"), "{}", status(&app));
    type_keys(&mut app, "\x1b");
    // A new board whose name has no letter or digit has no file name.
    type_keys(&mut app, "Rnteam\n");
    assert!(type_keys(&mut app, "-- ..\n").is_empty());
    assert!(status(&app).contains("no letter or digit"), "{}", status(&app));
    let demo = trainboard::demo::new_board(Level::Portfolio, "../Evil/../name").unwrap();
    assert_eq!(demo.key, "evil-name.ron", "never a path out of the workspace");
    let starter = trainboard::storage::parse_board(trainboard::demo::STARTER[0].1.as_bytes(), "p.ron").unwrap();
    assert_eq!(demo.columns, starter.columns);
}

#[test]
fn undo_of_a_wip_limit_in_the_terminal_keeps_a_teammates_limit_set_meanwhile() {
    let dir = temp_demo("teammate");
    let ws = dir.join("ws");
    let file = ws.join("team-alpha.ron");
    let before = trainboard::storage::parse_board(&fs::read(&file).unwrap(), "team-alpha.ron").unwrap();
    let mut app = PtyApp::start(&[ws.to_str().unwrap()], &ws, &dir.join("home"), &[], 120, 40);
    app.wait_for("Mobile Shopping ART");
    app.send("3");
    app.wait_for("Saved-card");
    // Backlog is selected: give it a limit.
    app.send("Cw");
    app.wait_for("WIP limit of Backlog");
    app.send("9");
    app.send(keys::ENTER);
    app.wait_for("WIP limit of Backlog set to 9");
    let ours = board_when(&file, |b| b.columns[0].wip == Some(9));
    // A teammate limits the last (done) column in their copy and saves.
    let last = before.columns.len() - 1;
    let done = before.columns[last].name.clone();
    let cards = before.items.iter().filter(|i| i.column == done).count();
    let mut theirs = ours.clone();
    theirs.columns[last].wip = Some(7);
    fs::write(&file, trainboard::storage::board_to_string(&theirs)).unwrap();
    app.wait_for(&format!("{done} ✓ {cards}/7"));
    app.send("u");
    app.wait_for("Undid: WIP limit of Backlog");
    let after = board_when(&file, |b| b.columns[0].wip.is_none());
    assert_eq!(after.columns[0].wip, before.columns[0].wip, "ours is taken back");
    assert_eq!(after.columns[last].wip, Some(7), "theirs stays");
    app.send("q");
    assert!(app.wait_exit());
    let _ = fs::remove_dir_all(&dir);
}
