//! PI and iteration scope: the program board's PI name and iteration dates round-trip and
//! merge, the status line says the PI and today's iteration, and filters by iteration combine
//! with the others and refuse names nothing has.

mod support;

use support::keys_in::press;

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use trainboard::app::{App, Msg, update};
use trainboard::merge::merge_boards;
use trainboard::model::pi::{Date, IterationDates, Pi};
use trainboard::model::{Board, Column, Level};
use trainboard::storage::{board_to_string, load_workspace, parse_board};

fn demo_app(now: fn() -> String) -> App {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let (ws, _, _) = load_workspace(&dir).into_workspace().unwrap();
    let mut app = App::new(ws, "demo");
    app.set_clock(now);
    update(&mut app, Msg::Resize(120, 30));
    app
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.screen().width, app.screen().height)).unwrap();
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
fn pi_round_trips_in_contract_order_and_merges() {
    let mut board = Board::new("art.ron", "ART", Level::Program, vec![Column::new("Done", None)]);
    board.iterations = vec!["I1".into(), "I2".into()];
    board.pi = Some(Pi {
        name: "PI 26.1".into(),
        iterations: vec![IterationDates {
            name: "I1".into(),
            start: Date::parse("2026-01-05").unwrap(),
            end: Date::parse("2026-01-16").unwrap(),
        }],
    });
    let text = board_to_string(&board);
    let expected = "    iterations: [\"I1\", \"I2\"],\n    pi: (\n        name: \"PI 26.1\",\n        iterations: [\n            (name: \"I1\", start: \"2026-01-05\", end: \"2026-01-16\"),\n        ],\n    ),\n    items: [],\n";
    assert!(text.contains(expected), "{text}");
    let back = parse_board(text.as_bytes(), "art.ron").unwrap();
    assert_eq!(back, board);
    assert_eq!(board_to_string(&back), text);
    // Renamed on one side, items changed on the other: both kept.
    let mut ours = board.clone();
    ours.pi.as_mut().unwrap().name = "PI 26.1 (replanned)".into();
    let mut theirs = board.clone();
    theirs.columns.push(Column::new("Later", None));
    let merged = merge_boards(&board, &ours, &theirs);
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.board.pi.unwrap().name, "PI 26.1 (replanned)");
    // A date that is not a calendar day is an error at its place.
    let bad = "Board(name: \"A\", level: Program, columns: [(name: \"D\")], pi: (name: \"P\", iterations: [(name: \"I1\", start: \"2026-13-01\", end: \"2026-01-16\")]))";
    let err = parse_board(bad.as_bytes(), "a.ron").unwrap_err();
    assert!(err.message.contains("not a date like"), "{err:?}");
    let unknown = "Board(name: \"A\", level: Program, columns: [(name: \"D\")], pi: (name: \"P\", colour: 1))";
    assert!(parse_board(unknown.as_bytes(), "a.ron").is_err());
}

#[test]
fn the_status_line_says_the_pi_and_todays_iteration() {
    let mut app = demo_app(|| "2026-11-05T09:00:00Z".to_string());
    let text = screen(&app);
    assert!(text.contains("Mobile Shopping ART · PI 2026.4 · I3 · 14 items"), "short where room is short\n{text}");
    update(&mut app, Msg::Resize(220, 30));
    let text = screen(&app);
    assert!(text.contains("Mobile Shopping ART · PI 2026.4 · I3 (to 2026-11-13) · 14 items"), "{text}");
    // On a team board too (the train's PI), and between iterations it says what comes next.
    let mut app = demo_app(|| "2026-11-14T12:00:00Z".to_string());
    press(&mut app, "3");
    let text = screen(&app);
    assert!(text.contains("PI 2026.4 · I4 starts 2026-11-16"), "{text}");
}

#[test]
fn iteration_filters_combine_and_unknown_names_are_said() {
    let mut app = demo_app(|| "2026-11-05T09:00:00Z".to_string());
    press(&mut app, "3Fiteration:I3 team:alpha\n");
    let filter = app.filter().expect("a filter");
    let board = app.current_board().unwrap();
    let shown: Vec<&str> =
        board.items.iter().filter(|i| filter.matches(board, i)).map(|i| i.iteration.as_deref().unwrap_or("")).collect();
    assert!(!shown.is_empty() && shown.iter().all(|i| *i == "I3"), "{shown:?}");
    assert!(screen(&app).contains("iteration = I3, team = alpha"));
    press(&mut app, "\x1bFteam:Gamma\n");
    let text = screen(&app);
    assert!(text.contains("no team \"Gamma\" in this workspace (teams: Alpha, Beta)"), "{text}");
    assert!(matches!(app.mode(), trainboard::app::Mode::Filter(_)), "the dialog stays open to fix it");
}

#[test]
fn pi_dates_that_break_the_rules_are_reported() {
    use trainboard::model::validate::{Rule, validate};
    let text = "Board(name: \"ART\", level: Program, columns: [(name: \"D\")], iterations: [\"I1\", \"I2\"], pi: (name: \"P\", iterations: [(name: \"I1\", start: \"2026-01-16\", end: \"2026-01-05\"), (name: \"I9\", start: \"2026-02-01\", end: \"2026-02-10\"), (name: \"I9\", start: \"2026-02-11\", end: \"2026-02-20\")]))";
    let board = parse_board(text.as_bytes(), "art.ron").unwrap();
    let problems = validate(&[board]);
    let said: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert!(
        said.iter().any(|m| m.contains("\"I1\" of the PI ends (2026-01-05) before it starts (2026-01-16)")),
        "{said:?}"
    );
    assert!(said.iter().any(|m| m.contains("\"I9\", which is not one of the board's iterations (I1, I2)")), "{said:?}");
    assert!(said.iter().any(|m| m.contains("\"I9\" twice")), "{said:?}");
    assert!(problems.iter().all(|p| p.rule == Rule::Board));
    // The demo's PI passes.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let art = parse_board(&std::fs::read(dir.join("art.ron")).unwrap(), "art.ron").unwrap();
    assert!(validate(&[art]).iter().all(|p| p.rule != Rule::Board));
}

#[test]
fn presenting_says_the_pi_and_todays_iteration() {
    let mut app = demo_app(|| "2026-11-05T09:00:00Z".to_string());
    update(&mut app, Msg::Resize(220, 45));
    press(&mut app, "P");
    assert!(app.presenting().is_some(), "P presents");
    let text = screen(&app);
    assert!(text.contains("Program · PI 2026.4 · I3 (to 2026-11-13) · read-only while presenting"), "{text}");
    // Where the line is short, the short form keeps the lock in view.
    update(&mut app, Msg::Resize(80, 24));
    let text = screen(&app);
    assert!(text.contains("Program · PI 2026.4 · I3 · read-only"), "{text}");
}
