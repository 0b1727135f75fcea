//! The program board's capacity and milestones: the board file's `capacity` and `milestones`
//! round-trip, merge entry by entry and are checked; the view shows each team's load against
//! its capacity (over capacity red and with the word OVER) and a milestones row, at 80×24,
//! 160×45 and at presentation size.

mod support;

use support::keys_in::press;
use support::scratch::Scratch;
use support::screen::{demo_app, draw, text};

use ratatui::buffer::Buffer;
use ratatui::style::Color;
use trainboard::app::Mode;
use trainboard::merge::merge_boards;
use trainboard::model::pi::{Date, IterationDates, Pi};
use trainboard::model::validate::{Rule, validate};
use trainboard::model::{Board, Capacity, Column, Item, Level, Milestone};
use trainboard::storage::{board_to_string, load_workspace, parse_board};

fn capacity(team: &str, iteration: &str, points: u32) -> Capacity {
    Capacity { team: team.into(), iteration: iteration.into(), points }
}

fn milestone(name: &str, date: Option<&str>, iteration: Option<&str>) -> Milestone {
    Milestone {
        name: name.into(),
        date: date.map(|d| Date::parse(d).expect("a date")),
        iteration: iteration.map(String::from),
    }
}

fn art() -> Board {
    let mut board = Board::new("art.ron", "ART", Level::Program, vec![Column::new("Done", None)]);
    board.iterations = vec!["I1".into(), "I2".into()];
    let day = |d: &str| Date::parse(d).expect("a date");
    board.pi = Some(Pi {
        name: "PI 26.4".into(),
        iterations: vec![
            IterationDates { name: "I1".into(), start: day("2026-10-05"), end: day("2026-10-16") },
            IterationDates { name: "I2".into(), start: day("2026-10-19"), end: day("2026-10-30") },
        ],
    });
    board.capacity = vec![capacity("Alpha", "I1", 20), capacity("Alpha", "I2", 18), capacity("Beta", "I1", 12)];
    board.milestones =
        vec![milestone("System demo 1", Some("2026-10-16"), None), milestone("Release 2.0", None, Some("I2"))];
    board
}

fn find(buf: &Buffer, needle: &str) -> Vec<(u16, u16)> {
    let mut found = Vec::new();
    for (y, line) in text(buf).lines().enumerate() {
        let mut from = 0;
        while let Some(byte) = line[from..].find(needle) {
            found.push((line[..from + byte].chars().count() as u16, y as u16));
            from += byte + needle.len();
        }
    }
    found
}

#[test]
fn capacity_and_milestones_round_trip_in_contract_order() {
    let board = art();
    let text = board_to_string(&board);
    let expected = concat!(
        "        ],\n",
        "    ),\n",
        "    capacity: [\n",
        "        (team: \"Alpha\", iteration: \"I1\", points: 20),\n",
        "        (team: \"Alpha\", iteration: \"I2\", points: 18),\n",
        "        (team: \"Beta\", iteration: \"I1\", points: 12),\n",
        "    ],\n",
        "    milestones: [\n",
        "        (name: \"System demo 1\", date: \"2026-10-16\"),\n",
        "        (name: \"Release 2.0\", iteration: \"I2\"),\n",
        "    ],\n",
        "    items: [],\n",
    );
    assert!(text.contains(expected), "{text}");
    let back = parse_board(text.as_bytes(), "art.ron").expect("parses");
    assert_eq!(back, board);
    assert_eq!(board_to_string(&back), text);
    // Old files (without either field) still load, and write no empty lists.
    let old = "Board(name: \"A\", level: Program, columns: [(name: \"D\")])";
    let old = parse_board(old.as_bytes(), "a.ron").expect("parses");
    assert!(old.capacity.is_empty() && old.milestones.is_empty());
    assert!(!board_to_string(&old).contains("capacity") && !board_to_string(&old).contains("milestones"));
}

#[test]
fn unknown_fields_and_bad_dates_are_errors_at_their_place() {
    let unknown = "Board(name: \"A\", level: Program, columns: [(name: \"D\")],\n capacity: [(team: \"A\", iteration: \"I1\", pts: 3)])";
    let err = parse_board(unknown.as_bytes(), "a.ron").expect_err("an unknown field");
    assert_eq!(err.line, 2, "{err:?}");
    assert!(err.message.contains("pts"), "{err:?}");
    let bad_date = "Board(name: \"A\", level: Program, columns: [(name: \"D\")],\n milestones: [(name: \"M\", date: \"16.10.2026\")])";
    let err = parse_board(bad_date.as_bytes(), "a.ron").expect_err("not a date");
    assert!(err.message.contains("not a date like"), "{err:?}");
}

#[test]
fn two_sides_changing_different_capacities_both_survive_a_merge() {
    let base = art();
    let mut ours = base.clone();
    ours.capacity[0].points = 16;
    ours.milestones.push(milestone("Inspect & Adapt", None, Some("I2")));
    let mut theirs = base.clone();
    theirs.capacity[2].points = 15;
    theirs.capacity.push(capacity("Beta", "I2", 10));
    let merged = merge_boards(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let points: Vec<(&str, &str, u32)> =
        merged.board.capacity.iter().map(|c| (c.team.as_str(), c.iteration.as_str(), c.points)).collect();
    assert_eq!(points, [("Alpha", "I1", 16), ("Alpha", "I2", 18), ("Beta", "I1", 15), ("Beta", "I2", 10)]);
    assert_eq!(merged.board.milestones.len(), 3, "ours' new milestone is kept");
    // The same capacity changed differently on both sides: that one entry's conflict.
    let mut theirs = base.clone();
    theirs.capacity[0].points = 25;
    let merged = merge_boards(&base, &ours, &theirs);
    let conflicts: Vec<(&str, &str, &str)> =
        merged.conflicts.iter().map(|c| (c.field.as_str(), c.ours.as_str(), c.theirs.as_str())).collect();
    assert_eq!(conflicts, [("capacity Alpha I1", "16 pts", "25 pts")]);
    assert_eq!(merged.board.capacity[0].points, 25, "theirs holds");
}

#[test]
fn capacity_and_milestones_naming_what_the_train_lacks_are_problems_that_name_it() {
    let mut board = art();
    board.capacity.push(capacity("Gamma", "I1", 5));
    board.capacity.push(capacity("Alpha", "I7", 5));
    board.capacity.push(capacity("Alpha", "I1", 9));
    board.milestones.push(milestone("Launch", None, Some("I9")));
    board.milestones.push(milestone("Someday", None, None));
    board.milestones.push(milestone("Next PI", Some("2027-01-11"), None));
    let mut feature = Item::new("F-1", "f", "Done");
    feature.team = Some("Alpha".into());
    board.items.push(feature);
    board.reindex();
    let beta = Board::new("beta.ron", "Beta", Level::Team, vec![Column::new("Done", None)]);
    let problems = validate(&[board, beta]);
    let said = |needle: &str| problems.iter().find(|p| p.message.contains(needle));
    let gamma = said("team \"Gamma\"").expect("the unknown team is named");
    assert_eq!(gamma.rule, Rule::Link, "said, the board still opens");
    assert!(said("iteration \"I7\"").is_some_and(|p| p.rule == Rule::Board), "{problems:?}");
    assert!(said("capacity of Alpha in I1 is given twice").is_some(), "{problems:?}");
    assert!(said("\"Launch\" names iteration \"I9\"").is_some(), "{problems:?}");
    assert!(said("\"Someday\" needs a `date` or an `iteration`").is_some(), "{problems:?}");
    let undated = said("\"Next PI\" on 2027-01-11 falls in none of the PI's dated iterations").expect("said");
    assert_eq!(undated.rule, Rule::Link, "shown without it, and said");
    assert!(said("Alpha\"").is_none() && said("\"Beta\"").is_none(), "known teams pass: {problems:?}");
    assert_eq!(problems.len(), 6, "{problems:?}");
}

#[test]
fn an_unknown_team_in_a_file_is_said_at_its_line_and_column() {
    let dir = Scratch::new("capacity-check");
    let text = "Board(\n    name: \"ART\",\n    level: Program,\n    columns: [(name: \"Done\")],\n    iterations: [\"I1\"],\n    capacity: [\n        (team: \"Alpha\", iteration: \"I1\", points: 3),\n        (team: \"Zeta\", iteration: \"I1\", points: 3),\n    ],\n)\n";
    std::fs::write(dir.join("art.ron"), text).expect("written");
    let team = "Board(name: \"Alpha\", level: Team, columns: [(name: \"Done\")])\n";
    std::fs::write(dir.join("alpha.ron"), team).expect("written");
    let problems = load_workspace(&dir).into_workspace().expect_err("a problem");
    let said: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 1, "{said:?}");
    assert_eq!((problems[0].line, problems[0].column), (8, 9), "{said:?}");
    assert!(problems[0].message.contains("\"Zeta\""), "{said:?}");
}

#[test]
fn the_demo_program_board_shows_load_against_capacity_and_milestones() {
    for (w, h) in [(80, 24), (160, 45)] {
        let mut app = demo_app(w, h);
        press(&mut app, "2b");
        assert_eq!(*app.mode(), Mode::ProgramBoard);
        let buf = draw(&app);
        let screen = text(&buf);
        // Beta plans 30 points in I3 against 24: red, and the word says it too.
        let over = find(&buf, "OVER");
        assert_eq!(over.len(), 1, "one team over in one iteration:\n{screen}");
        let (x, y) = over[0];
        assert_eq!(buf[(x, y)].bg, Color::Red, "over capacity is red");
        assert!(screen.lines().nth(y as usize).is_some_and(|l| l.contains("Beta") && l.contains("30/24")), "{screen}");
        assert!(screen.contains("18/20 pts") || screen.contains("18/20"), "Alpha's I2:\n{screen}");
        assert!(screen.contains("◆ PI start") && screen.contains("events"), "{screen}");
        insta::assert_snapshot!(format!("program_capacity_{w}x{h}"), screen);
    }
}

#[test]
fn presenting_draws_the_program_board_at_presentation_size() {
    let mut app = demo_app(160, 45);
    press(&mut app, "2Pb");
    assert!(app.presenting().is_some());
    assert_eq!(*app.mode(), Mode::ProgramBoard);
    let buf = draw(&app);
    let screen = text(&buf);
    // The board's name in large letters stays above; the iterations are in large letters too
    // (no line of plain text says "I1 ·" as the everyday header does).
    assert!(!screen.contains("I1 ·") && !screen.contains("EN "), "{screen}");
    assert!(screen.contains("PROGRAM BOARD · PI 2026.4"), "{screen}");
    // Loads in large figures over their words: Beta's 30/24 in I3 says OVER, in bold red,
    // and the figures above it are red too; the others just `pts`.
    let over = find(&buf, "pts OVER");
    assert_eq!(over.len(), 1, "{screen}");
    let (x, y) = over[0];
    assert_eq!(buf[(x, y)].bg, Color::Red);
    assert!(buf[(x, y)].modifier.contains(ratatui::style::Modifier::BOLD));
    assert!((1..=4).all(|up| buf[(x, y - up)].bg == Color::Red), "the figures are red:\n{screen}");
    assert!(screen.lines().nth(y as usize).is_some_and(|l| l.starts_with("│Beta") || l.contains("pts OVER")));
    assert_eq!(find(&buf, "pts").len(), 10, "two teams × five iterations:\n{screen}");
    // Every milestone, one to an iteration, in full.
    for name in ["PI start", "System demo 1", "Release 2.0", "System demo 2", "Inspect & Adapt"] {
        assert!(screen.contains(&format!("◆ {name}")), "{name}:\n{screen}");
    }
    // The title's large letters are not covered: the frame starts below them.
    assert!(screen.lines().take(5).all(|l| !l.contains("PROGRAM BOARD")), "{screen}");
    insta::assert_snapshot!("program_capacity_presenting_160x45", screen);
    // Read-only while presenting: H/L/J/K do not plan, until U unlocks editing.
    let f7 = |app: &trainboard::app::App| app.ws().item("F-7").and_then(|f| f.iteration.clone());
    press(&mut app, "L");
    assert_eq!(f7(&app), None, "read-only: not moved");
    assert!(app.status().as_ref().is_some_and(|s| s.text.contains("read-only while presenting")));
    press(&mut app, "UL");
    assert_eq!(f7(&app).as_deref(), Some("I1"), "unlocked: planned");
}

#[test]
fn the_format_docs_example_parses() {
    let doc = include_str!("../docs/board-format.md");
    let section = doc.split("## Capacity and milestones").nth(1).expect("the section");
    let example = section.split("```ron").nth(1).and_then(|s| s.split("```").next()).expect("its example");
    let text = format!(
        "Board(name: \"ART\", level: Program, columns: [(name: \"Done\")], iterations: [\"I1\", \"I2\", \"I3\"],\n\
         pi: (name: \"PI\", iterations: [(name: \"I2\", start: \"2026-10-19\", end: \"2026-10-30\")]),\n{example})"
    );
    let board = parse_board(text.as_bytes(), "art.ron").expect("the example parses");
    assert_eq!((board.capacity.len(), board.milestones.len()), (3, 3));
    let problems: Vec<String> = validate(std::slice::from_ref(&board)).into_iter().map(|p| p.message).collect();
    assert_eq!(problems.len(), 3, "no team boards here (each team said once), PI start undated: {problems:?}");
    let team = |name: &str| Board::new(format!("{name}.ron"), name, Level::Team, vec![Column::new("Done", None)]);
    let mut dated = board;
    dated.pi = Some(Pi {
        name: "PI".into(),
        iterations: vec![IterationDates {
            name: "I1".into(),
            start: Date::parse("2026-10-05").expect("a date"),
            end: Date::parse("2026-10-16").expect("a date"),
        }],
    });
    dated.milestones.retain(|m| m.name != "System demo 1");
    let problems = validate(&[dated, team("Alpha"), team("Beta")]);
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn the_program_board_draws_at_every_size_presenting_or_not() {
    for (w, h) in [(1, 1), (2, 1), (10, 3), (20, 6), (40, 10), (40, 14), (60, 17), (80, 24), (300, 80)] {
        for keys in ["2b", "2Pb"] {
            let mut app = demo_app(w, h);
            press(&mut app, keys);
            assert_eq!(*app.mode(), Mode::ProgramBoard);
            let screen = text(&draw(&app));
            let title = if keys == "2b" { "Program board" } else { "PROGRAM BOARD" };
            if w >= 60 && h >= 17 {
                assert!(screen.contains(title), "{w}x{h} {keys}:\n{screen}");
                assert!(screen.contains("OVER"), "Beta over capacity, said at {w}x{h} {keys}:\n{screen}");
            }
        }
    }
}

#[test]
fn the_enabler_share_row_is_labelled_whole_at_every_width() {
    for (w, h) in [(80, 24), (160, 45)] {
        let mut app = demo_app(w, h);
        press(&mut app, "2b");
        let screen = text(&draw(&app));
        // The row holds the share of enablers per iteration (the load is on the row above): its
        // label says so in full, not cut to `load / e…`.
        let row = screen.lines().find(|l| l.contains("EN 50% of 4")).unwrap_or_default();
        assert!(row.starts_with("│enablers "), "{w}x{h}: {row:?}\n{screen}");
    }
}
