//! SAFe's six flow metrics: the board field `wait_columns` (read, checked, written, merged,
//! kept by column edits), the metrics view with its filled cumulative flow diagram on the demo
//! at 80×24 and 160×45 (also presenting), and the HTML export's flow section.

mod support;

use std::fs;

use support::keys_in::press;
use support::scratch::Scratch;
use support::screen::{demo_app, draw, text};
use trainboard::model::columns::{ColumnChange, change_columns};
use trainboard::model::edit::apply_all;
use trainboard::model::flow_metrics::FlowMetrics;
use trainboard::model::{Board, Column, Level, Workspace};
use trainboard::storage::{board_to_string, load_workspace, parse_board};

const TEAM: &str = r#"Board(
    name: "Alpha",
    level: Team,
    columns: [
        (name: "Backlog"),
        (name: "Ready", wip: 3),
        (name: "Doing"),
        (name: "Done"),
    ],
    wait_columns: ["Ready"],
    items: [],
)
"#;

fn team_with_wait(wait: &[&str]) -> Board {
    let columns = ["Backlog", "Ready", "Doing", "Done"].map(|c| Column::new(c, None)).to_vec();
    let mut board = Board::new("team.ron", "Alpha", Level::Team, columns);
    board.wait_columns = wait.iter().map(|w| w.to_string()).collect();
    board
}

#[test]
fn wait_columns_are_read_and_written_back_in_place() {
    let board = parse_board(TEAM.as_bytes(), "team.ron").expect("a board with wait columns reads");
    assert_eq!(board.wait_columns, ["Ready"]);
    let written = board_to_string(&board);
    assert!(written.contains("    ],\n    wait_columns: [\"Ready\"],\n"), "after the columns:\n{written}");
    assert_eq!(parse_board(written.as_bytes(), "team.ron").unwrap(), board, "round trip");
    let without = board_to_string(&team_with_wait(&[]));
    assert!(!without.contains("wait_columns"), "left out when empty:\n{without}");
    assert!(parse_board(without.as_bytes(), "team.ron").unwrap().wait_columns.is_empty(), "old files still load");
}

#[test]
fn a_wait_column_that_is_not_a_column_is_an_error_at_its_line() {
    let dir = Scratch::new("wait-columns");
    fs::write(dir.join("team.ron"), TEAM.replace("[\"Ready\"]", "[\"Ready\", \"Waiting\"]")).unwrap();
    let problems = load_workspace(&dir).problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    let shown = problems[0].to_string();
    assert!(
        shown.ends_with(
            "team.ron:10:19: `wait_columns` names \"Waiting\", which is not a column of this board \
             (its columns: Backlog, Ready, Doing, Done)"
        ),
        "{shown}"
    );
}

#[test]
fn wait_columns_merge_as_a_value_and_follow_column_edits() {
    let base = team_with_wait(&[]);
    let ours = team_with_wait(&["Ready"]);
    let mut theirs = base.clone();
    theirs.name = "Alpha team".into();
    let merged = trainboard::merge::merge_boards(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(
        (merged.board.wait_columns.clone(), merged.board.name.as_str()),
        (vec!["Ready".to_string()], "Alpha team")
    );
    let both = trainboard::merge::merge_boards(&base, &ours, &team_with_wait(&["Doing"]));
    assert_eq!(both.conflicts.len(), 1, "both changed it: {:?}", both.conflicts);
    assert_eq!(both.conflicts[0].field, "wait_columns");

    let mut ws = Workspace::new(vec![ours]);
    let rename = ColumnChange::Rename { index: 1, name: "Queued".into() };
    let edit = change_columns(&ws, "team.ron", rename, "2026-11-22T10:00:00Z").unwrap().edit;
    let undo = apply_all(&mut ws, edit).unwrap();
    assert_eq!(ws.board(0).unwrap().wait_columns, ["Queued"], "a renamed wait column stays one");
    apply_all(&mut ws, undo).unwrap();
    assert_eq!(ws.board(0).unwrap().wait_columns, ["Ready"], "undo puts the name back");
    let delete = ColumnChange::Delete { index: 1, cards_to: None };
    let edit = change_columns(&ws, "team.ron", delete, "2026-11-22T10:00:00Z").unwrap().edit;
    apply_all(&mut ws, edit).unwrap();
    assert!(ws.board(0).unwrap().wait_columns.is_empty(), "a deleted column is no wait column");
    assert!(trainboard::model::validate::validate(ws.boards()).is_empty());
}

/// The metrics view of the demo's tab `tab` (2 is the ART, 3 team Alpha) at `w`×`h`.
fn metrics_screen(tab: char, w: u16, h: u16, presenting: bool) -> String {
    let mut app = demo_app(w, h);
    if presenting {
        press(&mut app, "P");
    }
    press(&mut app, &format!("{tab}m"));
    text(&draw(&app))
}

#[test]
fn the_metrics_view_shows_six_metrics_for_the_board_and_the_art_beside_a_filled_cfd() {
    for (w, h) in [(80, 24), (160, 45)] {
        let screen = metrics_screen('3', w, h, false);
        for label in ["Cumulative flow", "This board (Alpha)", "ART", "Distribution", "Velocity", "Flow time"] {
            assert!(screen.contains(label), "{w}x{h} {label}:\n{screen}");
        }
        for label in ["Load", "Efficiency", "Predictability", "In Progress 3/3", "Review 1/2"] {
            assert!(screen.contains(label), "{w}x{h} {label}:\n{screen}");
        }
        assert!(screen.contains('▓') && screen.contains('█'), "filled bands:\n{screen}");
        insta::assert_snapshot!(format!("metrics_{w}x{h}"), screen);
    }
}

#[test]
fn the_art_metrics_add_up_the_program_board_and_the_team_boards() {
    let app = demo_app(80, 24);
    let now = trainboard::clock::parse_rfc3339(&(app.clock())()).unwrap();
    let art = FlowMetrics::art(app.ws(), now, 6);
    let boards = trainboard::model::flow_metrics::art_boards(app.ws());
    let names: Vec<&str> = boards.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names, ["Mobile Shopping ART", "Alpha", "Beta"]);
    let each: Vec<FlowMetrics> = boards.iter().map(|b| FlowMetrics::of(app.ws(), b, now, 6)).collect();
    // The ROAM board's risks count in the ART's distribution (and only there).
    let risks: usize = trainboard::model::flow_metrics::roam_boards(app.ws()).map(|b| b.items.len()).sum();
    assert!(risks > 0);
    assert_eq!(art.distribution.total(), each.iter().map(|m| m.distribution.total()).sum::<usize>() + risks);
    assert_eq!(art.velocity.finished(), each.iter().map(|m| m.velocity.finished()).sum::<usize>());
    assert_eq!(art.load.wip, each.iter().map(|m| m.load.wip).sum::<usize>());
    assert_eq!(art.time.days.len(), each.iter().map(|m| m.time.days.len()).sum::<usize>());
    assert_eq!(art.predictability, trainboard::model::objectives::train(app.ws()).1);
    assert!(!art.time.days.is_empty() && art.velocity.finished() > 0, "the demo has finished work");
}

#[test]
fn presenting_keeps_the_metrics_view_whole_on_the_shared_screen() {
    let screen = metrics_screen('2', 160, 45, true);
    for label in ["Cumulative flow", "This board (Mobile Shopping ART)", "Predictability", "Implementing"] {
        assert!(screen.contains(label), "{label}:\n{screen}");
    }
    insta::assert_snapshot!("metrics_presenting_art_160x45", screen);
}

#[test]
fn the_html_export_has_the_six_flow_metrics_per_board_and_for_the_art() {
    let app = demo_app(80, 24);
    let now = trainboard::clock::parse_rfc3339(&(app.clock())()).unwrap();
    let boards = trainboard::export::select(app.ws(), None, trainboard::export::Format::Html).unwrap();
    let html = trainboard::export::export(app.ws(), &boards, trainboard::export::Format::Html, now);
    let section = &html[html.find("<section class=\"flow-metrics\">").expect("a flow section")..];
    assert!(section.contains("</section>") && html.ends_with("</body></html>\n"));
    for label in trainboard::model::flow_words::LABELS {
        assert!(section.contains(&format!("<th scope=\"col\">{label}</th>")), "{label}");
    }
    // Each board's row and the ART's carry the numbers the model computes.
    let alpha = app.ws().board_named("Alpha").unwrap();
    let metrics = FlowMetrics::of(app.ws(), alpha, now, 6);
    let median = format!("median {:.1} d", metrics.time.median().unwrap());
    let alpha_row = section.lines().find(|l| l.contains("<th scope=\"row\">Alpha</th>")).expect("Alpha's row");
    assert!(alpha_row.contains(&median), "{alpha_row}");
    assert!(alpha_row.contains(&format!("{} in progress, limit 10", metrics.load.wip)), "{alpha_row}");
    assert!(alpha_row.contains("94% (17 of 18 planned business value)"), "{alpha_row}");
    let art = FlowMetrics::art(app.ws(), now, 6);
    let art_row = section.lines().find(|l| l.starts_with("<tr class=\"art\">")).expect("the ART's row");
    let percent = art.efficiency.percent().unwrap();
    assert!(art_row.contains(&format!("{percent:.0}% active")), "{art_row}");
    assert!(art_row.contains(&format!("features {}", art.distribution.by_type()[0].1)), "{art_row}");
    let rows = section.matches("<tr class=\"board\">").count();
    assert_eq!(rows, boards.len(), "a row per exported board");
}
