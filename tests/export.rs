//! Exports: the CSV parses back with a CSV library to the same items, the HTML is well-formed
//! and carries the SVG chart, Markdown is snapshotted; hostile titles are escaped in each.

#[path = "support/html.rs"]
mod html;
use html::assert_well_formed;

use std::path::Path;

use trainboard::export::{Format, export, select};
use trainboard::model::{Item, Workspace};
use trainboard::storage::load_workspace;

const NOW: i64 = 1_795_341_600; // 2026-11-22T10:00:00Z

fn demo() -> Workspace {
    let (ws, _, _) =
        load_workspace(&Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo")).into_workspace().unwrap();
    ws
}

/// The demo with one item whose text tries to break every format.
fn hostile() -> Workspace {
    let mut boards = demo().boards().to_vec();
    let team = boards.iter_mut().find(|b| b.name == "Alpha").unwrap();
    let mut item = Item::new("S-999", "Comma, \"quote\" | pipe <b>bold</b> & *star* =SUM(A1)", "Backlog");
    item.description = Some("line one\nline two, with \"quotes\"\r\nand </div> & <script>alert(1)</script>".into());
    item.tags = vec!["a,b".into(), "c;d".into()];
    team.items.push(item);
    team.reindex();
    Workspace::new(boards)
}

#[test]
fn csv_parses_back_to_the_same_items() {
    let ws = hostile();
    let boards = select(&ws, None, Format::Csv).unwrap();
    let text = export(&ws, &boards, Format::Csv, NOW);
    let body = text.strip_prefix('\u{FEFF}').expect("a UTF-8 byte-order mark for spreadsheets");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.iter().collect::<Vec<_>>(), trainboard::export::csv::HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), ws.item_count());
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    for row in &rows {
        let (board, item) = ws.find(&row[col("id")]).expect("every row is an item");
        assert_eq!(&row[col("title")], trainboard::export::csv::neutral(&item.title));
        assert_eq!(&row[col("column")], item.column);
        assert_eq!(&row[col("board")], board.name);
        assert_eq!(&row[col("description")], item.description.as_deref().unwrap_or(""));
        assert_eq!(&row[col("parent")], item.parent.as_deref().unwrap_or(""));
        assert_eq!(&row[col("points")], item.points.map(|p| p.to_string()).unwrap_or_default());
        assert_eq!(&row[col("tags")], item.tags.join("; "));
        let column = board.column_index(&item.column).unwrap();
        let rank = board.column_items(column).position(|i| i.id == item.id).unwrap() + 1;
        assert_eq!(&row[col("rank")], rank.to_string(), "the place in its column");
        let progress = ws.rollup(&item.id).map(|(d, t)| format!("{d} of {t}")).unwrap_or_default();
        assert_eq!(&row[col("progress")], progress, "not `1/2`, which a spreadsheet reads as a date");
        let score = item.wsjf_score().map(|s| format!("{s:.1}")).unwrap_or_default();
        assert_eq!(&row[col("wsjf_score")], score, "rounded as on screen");
    }
    assert!(rows.iter().any(|r| r[col("progress")].contains(" of ")), "the demo has parents");
    assert!(text.contains("\r\n"), "CRLF line ends for spreadsheets");
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_neutralised() {
    let mut boards = demo().boards().to_vec();
    let team = boards.iter_mut().find(|b| b.name == "Alpha").unwrap();
    let titles = ["=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-2+3", "@SUM(A1)", "\tTab", "\rCR", "plain = fine"];
    for (n, title) in titles.iter().enumerate() {
        let mut item = Item::new(format!("S-9{n}"), *title, "Backlog");
        item.owner = Some("=cmd|' /C calc'!A0".into());
        team.items.push(item);
    }
    team.reindex();
    let ws = Workspace::new(boards);
    let text = export(&ws, &select(&ws, Some("Alpha"), Format::Csv).unwrap(), Format::Csv, NOW);
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    for (n, title) in titles.iter().enumerate() {
        let row = rows.iter().find(|r| r[col("id")] == format!("S-9{n}")).unwrap();
        let cell = &row[col("title")];
        if title.starts_with("plain") {
            assert_eq!(cell, *title);
        } else {
            // Neutralised with a leading `'`; a tab or CR inside is cleaned like all board text.
            assert!(cell.starts_with('\''), "{cell:?}");
            assert_eq!(cell[1..].trim(), title.trim(), "{cell:?}");
        }
        assert_eq!(&row[col("owner")], "'=cmd|' /C calc'!A0");
    }
}

#[test]
fn html_is_well_formed_self_contained_and_has_the_flow_chart() {
    let ws = hostile();
    let boards = select(&ws, Some("Alpha"), Format::Html).unwrap();
    let html = export(&ws, &boards, Format::Html, NOW);
    assert_well_formed(&html);
    assert!(html.contains("<svg") && html.contains("<polygon"), "cumulative flow as SVG");
    assert!(!html.contains("<script"), "the hostile title is escaped");
    assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"));
    assert_eq!(html.matches("http").count(), 1, "no outside links; only the SVG namespace");
    assert!(html.contains("over"), "the over-limit column is marked");
}

#[test]
fn markdown_shows_columns_with_wip_and_escapes_cells() {
    let ws = hostile();
    let boards = select(&ws, Some("Alpha"), Format::Markdown).unwrap();
    let md = export(&ws, &boards, Format::Markdown, NOW);
    assert!(
        md.contains("| S-999 | Comma, \"quote\" \\| pipe &lt;b&gt;bold&lt;/b&gt; &amp; \\*star\\* =SUM(A1) |"),
        "{md}"
    );
    let plain = demo();
    let boards = select(&plain, Some("Mobile Shopping ART"), Format::Markdown).unwrap();
    let art = export(&plain, &boards, Format::Markdown, NOW);
    // The train's own board: its name is the title.
    assert!(art.starts_with("# Mobile Shopping ART\n\n## Mobile Shopping ART (Program)"), "{art}");
    // Each item row names its parent and what it needs.
    let row = |md: &str, id: &str| md.lines().find(|l| l.starts_with(&format!("| {id} |"))).unwrap().to_string();
    assert!(row(&art, "F-2").contains("| ↑ E-1 · needs EN-2 |"), "{}", row(&art, "F-2"));
    assert!(row(&art, "F-10").contains("| ↑ E-5 |") && !row(&art, "F-10").contains("needs"));
    insta::assert_snapshot!("markdown_art", art);

    // A team board: the train and the board; the hostile id and title stay escaped in links too.
    let mut boards = hostile().boards().to_vec();
    let team = boards.iter_mut().find(|b| b.name == "Alpha").unwrap();
    let mut item = Item::new("S-998", "Linked", "Backlog");
    item.parent = Some("F-1".into());
    item.depends_on = vec!["S-999".into(), "X|*y*".into()];
    team.items.push(item);
    team.reindex();
    let ws = Workspace::new(boards);
    let alpha = select(&ws, Some("Alpha"), Format::Markdown).unwrap();
    let md = export(&ws, &alpha, Format::Markdown, NOW);
    assert!(md.starts_with("# Mobile Shopping ART — Alpha\n\n## Alpha (Team)"), "{md}");
    assert!(row(&md, "S-998").contains("| ↑ F-1 · needs S-999, X\\|\\*y\\* |"), "{}", row(&md, "S-998"));
    let all = select(&ws, None, Format::Markdown).unwrap();
    let md = export(&ws, &all, Format::Markdown, NOW);
    let first = md.lines().next().unwrap();
    assert!(
        first.starts_with("# Mobile Shopping ART — ") && first.contains("Alpha") && first.contains("Beta"),
        "{first}"
    );
    assert_eq!(md.matches("\n# ").count() + usize::from(md.starts_with("# ")), 1, "one document title");
}

#[test]
fn json_lists_every_item_and_the_command_line_writes_files() {
    let ws = demo();
    let boards = select(&ws, None, Format::Json).unwrap();
    let value: serde_json::Value = serde_json::from_str(&export(&ws, &boards, Format::Json, NOW)).unwrap();
    let items: usize = value.as_array().unwrap().iter().map(|b| b["items"].as_array().unwrap().len()).sum();
    assert_eq!(items, ws.item_count());
    let out_file = tempfile::Builder::new().prefix("trainboard-export-").suffix(".html").tempfile().unwrap();
    let out = out_file.path();
    let demo_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let home = tempfile::Builder::new().prefix("trainboard-export-home-").tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_trainboard"))
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .args(["export", "--format", "html", "-o"])
        .arg(out)
        .arg("-w")
        .arg(&demo_dir)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(std::fs::read_to_string(out).unwrap().starts_with("<!DOCTYPE html>"));
}

#[test]
fn jira_and_azure_csv_have_the_importers_columns_and_parse_back() {
    let ws = hostile();
    let boards = select(&ws, None, Format::JiraCsv).unwrap();
    let jira = export(&ws, &boards, Format::JiraCsv, NOW);
    let mut reader = csv::Reader::from_reader(jira.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), ws.item_count());
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let id_of: std::collections::HashMap<String, String> =
        rows.iter().map(|r| (r[col("Issue Id")].to_string(), r[col("Issue key")].to_string())).collect();
    for row in &rows {
        let (board, item) = ws.find(&row[col("Issue key")]).unwrap();
        assert_eq!(&row[col("Summary")], item.title, "exact text for the importer");
        assert_eq!(&row[col("Status")], item.column);
        let parent = id_of.get(&row[col("Parent Id")]).cloned();
        assert_eq!(parent, item.parent.clone().filter(|p| ws.contains(p)), "Parent Id is the parent's Issue Id");
        let want = match (board.level, board.kind_of(item)) {
            (_, trainboard::model::Kind::Defect) => "Bug",
            (trainboard::model::Level::Portfolio, _) => "Epic",
            (trainboard::model::Level::Program, trainboard::model::Kind::Capability) => "Capability",
            (trainboard::model::Level::Program, _) => "Feature",
            (_, trainboard::model::Kind::Spike) => "Spike",
            _ => "Story",
        };
        assert_eq!(&row[col("Issue Type")], want, "{}", item.id);
    }
    assert!(headers.iter().filter(|h| *h == "Labels").count() >= 2, "Labels repeated");

    let azure = export(&ws, &boards, Format::AzureCsv, NOW);
    let mut reader = csv::Reader::from_reader(azure.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), ws.item_count());
    let titles: Vec<usize> = (0..headers.len()).filter(|&i| headers[i].starts_with("Title ")).collect();
    assert!(titles.len() >= 3, "a Title 1/2/3 tree");
    for row in &rows {
        let filled: Vec<&usize> = titles.iter().filter(|&&i| !row[i].is_empty()).collect();
        assert_eq!(filled.len(), 1, "one title per row");
    }
    assert!(azure.contains("Mobile Shopping ART\\Alpha"), "Area Path Project\\Team");
}

#[test]
fn documents_show_the_boards_and_data_exports_carry_the_archives_too() {
    use trainboard::model::{Board, Column, Item, Level, Workspace};
    let columns = || vec![Column::new("Doing", None), Column::new("Done", None)];
    let mut team = Board::new("alpha.ron", "Alpha", Level::Team, columns());
    team.items = vec![Item::new("S-1", "Open work", "Doing")];
    team.reindex();
    let mut archive = Board::new("alpha.archive.ron", "Alpha", Level::Team, columns());
    archive.archive_of = Some("alpha.ron".into());
    archive.items = vec![Item::new("S-2", "Shipped last PI", "Done")];
    archive.reindex();
    let ws = Workspace::new(vec![team, archive]);
    for format in [Format::Markdown, Format::Html] {
        let text = export(&ws, &select(&ws, None, format).unwrap(), format, NOW);
        assert!(text.contains("Open work") && !text.contains("Shipped last PI"), "{format:?}:\n{text}");
    }
    for format in [Format::Csv, Format::Json, Format::JiraCsv, Format::AzureCsv] {
        let text = export(&ws, &select(&ws, None, format).unwrap(), format, NOW);
        assert!(text.contains("Open work") && text.contains("Shipped last PI"), "{format:?}:\n{text}");
    }
}
