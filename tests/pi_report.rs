//! The HTML export is the PI report (issue #10): run on a copy of the demo, its title names the
//! folder, the PI and the day; its sections carry the demo's own figures (predictability as the
//! model computes it, the program board's cells and dependencies, the ROAM rows, the newest
//! confidence vote); its print stylesheet fits every board column on the page; hostile text is
//! escaped. The Markdown export names parents, what each item needs and what needs it.

mod support;

use std::fs;
use std::path::Path;

use support::cli::run;
use support::html::assert_well_formed;
use support::scratch::Scratch;

use trainboard::export::{Format, export, export_workspace, select};
use trainboard::model::confidence::latest;
use trainboard::model::objectives::{achievement, train, train_board};
use trainboard::model::planning::plan;
use trainboard::model::{Board, Item, Kind, Level, Objective, Workspace};
use trainboard::storage::load_workspace;

const NOW: i64 = 1_795_341_600; // 2026-11-22T10:00:00Z

/// Appends a `confidence` list before the board's closing parenthesis.
fn add_votes(file: &Path, votes: &[(&str, &str)]) {
    let text = fs::read_to_string(file).unwrap();
    let end = text.trim_end().rfind(')').expect("a board ends with `)`");
    let list: String = votes.iter().map(|(at, v)| format!("        (at: \"{at}\", votes: [{v}]),\n")).collect();
    let text = format!("{}    confidence: [\n{list}    ],\n)\n", &text[..end]);
    fs::write(file, text).unwrap();
}

/// The demo copy with votes: two rounds for Alpha (the newer has two people to hear), one for
/// the train; Beta has none.
fn demo_with_votes() -> Scratch {
    let dir = Scratch::demo_copy("pi-report");
    let ws = dir.join("ws");
    add_votes(
        &ws.join("team-alpha.ron"),
        &[("2026-11-20T16:00:00Z", "1, 1, 1"), ("2026-11-21T09:00:00Z", "5, 4, 2, 1, 3")],
    );
    add_votes(&ws.join("art.ron"), &[("2026-11-21T11:00:00Z", "4, 4, 5")]);
    dir
}

fn loaded(dir: &Path) -> Workspace {
    load_workspace(dir).into_workspace().expect("the demo copy loads").0
}

fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    trainboard::clock::format_unix(secs as i64)[..10].to_string()
}

/// `trainboard export --format html` on the folder, as the report file's text, with the days
/// before and after the run (a run at midnight may date either).
fn exported(dir: &Scratch) -> (String, [String; 2]) {
    let out_file = dir.join("report.html");
    let before = today();
    let ws = dir.join("ws");
    let out = run(
        &["export", "--format", "html", "-w", ws.to_str().unwrap(), "-o", out_file.to_str().unwrap()],
        &dir.join("home"),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (fs::read_to_string(out_file).unwrap(), [before, today()])
}

/// The text between `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("{start:?} in the report")) + start.len();
    let to = text[from..].find(end).map(|i| from + i).unwrap_or(text.len());
    &text[from..to]
}

/// The table row whose first cell is `first` (a `<td>` or `<th>`).
fn row<'a>(html: &'a str, first: &str) -> &'a str {
    html.lines()
        .find(|l| l.starts_with(&format!("<tr><td>{first}</td>")) || l.starts_with(&format!("<tr><th>{first}</th>")))
        .unwrap_or_else(|| panic!("a row for {first}"))
}

#[test]
fn the_report_is_titled_with_folder_pi_and_day_and_reads_in_meeting_order() {
    let dir = demo_with_votes();
    let (html, days) = exported(&dir);
    assert_well_formed(&html);
    let ws = loaded(&dir.join("ws"));
    let pi = ws.board(train_board(&ws).unwrap()).unwrap().pi.as_ref().unwrap().name.clone();
    assert_eq!(pi, "PI 2026.4");
    let h1 = between(&html, "<h1>", "</h1>");
    assert!(days.iter().any(|day| h1 == format!("PI report · ws · {pi} · {day}")), "{h1} on {days:?}");
    // A fixed `now` gives its own day, never the clock's.
    let boards = select(&ws, None, Format::Html).unwrap();
    let fixed = export_workspace(&ws, "demo", &boards, Format::Html, NOW);
    assert_eq!(between(&fixed, "<h1>", "</h1>"), "PI report · demo · PI 2026.4 · 2026-11-22");
    assert!(between(&fixed, "<title>", "</title>").contains("demo · PI 2026.4 · 2026-11-22"));
    // Sections in the order a PI review reads them; the flow metrics' place is beside the boards.
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("{needle:?} in the report"));
    let order = [
        "<h2>PI objectives and predictability</h2>",
        "<h2>Program board: Mobile Shopping ART</h2>",
        "<h2>Risks (ROAM)</h2>",
        "<h2>Confidence vote</h2>",
        "<section class=\"flow-metrics\">",
        "<section class=\"board-section\">",
    ];
    for pair in order.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{} before {}", pair[0], pair[1]);
    }
    assert_eq!(html.matches("<section class=\"board-section\">").count(), boards.len(), "every board");
}

#[test]
fn objectives_and_predictability_are_the_models_figures_with_stretch_marked() {
    let dir = demo_with_votes();
    let (html, _) = exported(&dir);
    let ws = loaded(&dir.join("ws"));
    let (teams, total) = train(&ws);
    assert_eq!(teams.len(), 2, "Alpha and Beta have objectives");
    let percent = |a: trainboard::model::objectives::Achievement| format!("{:.0} %", a.percent().unwrap());
    for (board, team) in &teams {
        assert_eq!(*team, achievement(board, trainboard::model::objectives::current_pi(&ws, board)));
        let line = row(&html, &board.name);
        assert!(line.contains(&percent(*team)), "{line}");
        assert!(line.contains(&format!("({} of {} BV)", team.actual, team.planned)), "{line}");
        let current = trainboard::model::objectives::current_pi(&ws, board);
        for objective in &board.objectives {
            let start = format!("<tr><td>{}", objective.text);
            if !trainboard::model::objectives::is_current(objective, current) {
                // An earlier PI's objective counts in the trend, not among this PI's.
                assert!(!html.lines().any(|l| l.starts_with(&start)), "{start} is from an earlier PI");
                continue;
            }
            let line = html.lines().find(|l| l.starts_with(&start)).unwrap_or_else(|| panic!("{start}"));
            assert_eq!(line.contains("(stretch)"), objective.stretch, "{line}");
            assert!(line.contains(&format!("<td class=\"num\">{}</td>", objective.planned)), "{line}");
        }
    }
    // The train: 31 of 34 business value, 91 %.
    assert_eq!((total.actual, total.planned), (31, 34));
    let line = row(&html, "Train");
    assert_eq!(line, format!("<tr><th>Train</th><th>{} in band (31 of 34 BV)</th></tr>", percent(total)));
    assert!(line.contains("91 %"), "{line}");
    // The ART's own objectives come first; the trend lists every PI the files keep.
    assert!(html.find("<h3>ART objectives (Mobile Shopping ART)</h3>").unwrap() < html.find("<h3>Alpha</h3>").unwrap());
    let trend = trainboard::model::objectives::trend(&ws);
    assert!(trend.pis.len() >= 3, "the demo keeps three PIs");
    let table = between(&html, "<h3>Predictability by PI</h3>", "</table>");
    for pi in trend.pis.iter().flatten() {
        assert!(table.contains(&format!("<th class=\"num\">{pi}</th>")), "{pi} in {table}");
    }
}

#[test]
fn the_confidence_vote_shows_the_newest_round_per_team_and_for_the_train() {
    let dir = demo_with_votes();
    let (html, _) = exported(&dir);
    let ws = loaded(&dir.join("ws"));
    let alpha = ws.board_named("Alpha").unwrap();
    let vote = latest(&alpha.confidence).unwrap();
    let summary = vote.summary().unwrap();
    assert_eq!((summary.count, summary.to_be_heard), (5, 2), "the newer round, not the all-1s one");
    let section = between(&html, "<h2>Confidence vote</h2>", "</section>");
    assert!(
        section.contains(&format!(
            "<tr><td>Alpha</td><td>2026-11-21T09:00:00Z</td><td class=\"num\">5</td><td class=\"num\">{:.1}</td><td class=\"num\"><span class=\"heard\">2</span></td></tr>",
            summary.average
        )),
        "{section}"
    );
    assert!(section.contains("<tr><td>Beta</td><td colspan=\"4\">no vote yet</td></tr>"), "{section}");
    let train = row(section.trim_start(), "Train (Mobile Shopping ART)");
    assert!(
        train.contains("<td class=\"num\">3</td><td class=\"num\">4.3</td><td class=\"num\"><span>0</span>"),
        "{train}"
    );
}

#[test]
fn the_program_board_has_the_plans_cells_unplanned_features_and_dependencies_in_words() {
    let dir = demo_with_votes();
    let (html, _) = exported(&dir);
    let ws = loaded(&dir.join("ws"));
    let art = ws.board(train_board(&ws).unwrap()).unwrap();
    let plan = plan(&ws, art);
    let section = between(&html, "<h2>Program board: Mobile Shopping ART</h2>", "</section>");
    let header = between(section, "<thead><tr><th>Team</th>", "</tr>");
    assert_eq!(header, plan.iterations.iter().map(|i| format!("<th>{i}</th>")).collect::<String>());
    for (team, cells) in plan.teams.iter().zip(&plan.cells) {
        let line = section.lines().find(|l| l.starts_with(&format!("<tr><th>{team}</th>"))).unwrap();
        let shown: Vec<&str> = line.split("<td>").skip(1).collect();
        assert_eq!(shown.len(), plan.iterations.len(), "{line}");
        for (cell, ids) in shown.iter().zip(cells) {
            assert_eq!(cell.matches("class=\"feature\"").count(), ids.len(), "{team}: {cell}");
            for id in ids {
                let title = &art.item(id).unwrap().title;
                assert!(cell.contains(&format!("<span class=\"id\">{id}</span> {title}")), "{team}: {cell}");
            }
        }
    }
    assert!(plan.cells.iter().flatten().flatten().any(|id| id == "F-2"), "the demo plans F-2");
    let unplanned = between(section, "<h3>Unplanned features</h3>", "</ul>");
    assert!(!plan.unplanned.is_empty());
    for id in &plan.unplanned {
        assert!(unplanned.contains(&format!("<span class=\"id\">{id}</span>")), "{id}: {unplanned}");
    }
    // F-4 (Beta, I3) needs F-2 (Alpha, I4): late. F-2 needs EN-2, both in I4.
    let late = plan.dependencies.iter().find(|d| d.consumer == "F-4" && d.provider == "F-2").unwrap();
    assert!(late.late);
    assert!(
        section.contains("<li class=\"late\">F-4 needs F-2 (late): F-4 in I3, F-2 in I4 (through 1 story)</li>"),
        "{section}"
    );
    assert!(
        section.contains("<li>F-2 needs EN-2 (same iteration): F-2 in I4, EN-2 in I4 (through 1 story)</li>"),
        "{section}"
    );
    assert_eq!(section.matches(" needs ").count(), plan.dependencies.len());
}

#[test]
fn the_roam_table_lists_every_risk_by_state_with_owner_and_linked_feature() {
    let dir = demo_with_votes();
    let (html, _) = exported(&dir);
    let ws = loaded(&dir.join("ws"));
    let roam = ws.boards().iter().find(|b| b.default_kind == Some(Kind::Risk)).expect("the demo's ROAM board");
    let section = between(&html, "<h2>Risks (ROAM)</h2>", "</section>");
    let rows: Vec<&str> = section.lines().filter(|l| l.starts_with("<tr><td>")).collect();
    assert_eq!(rows.len(), roam.items.len(), "one row per risk");
    for risk in &roam.items {
        let line = rows.iter().find(|l| l.contains(&format!("<span class=\"id\">{}</span></td>", risk.id))).unwrap();
        // The demo's columns are the ROAM states, its first "Unroamed".
        assert!(line.starts_with(&format!("<tr><td>{}</td>", risk.column)), "{line}");
        assert!(line.contains(&format!("<td>{}</td>", risk.owner.as_deref().unwrap_or("–"))), "{line}");
        if let Some(parent) = &risk.parent {
            let title = &ws.item(parent).unwrap().title;
            assert!(line.contains(&format!("<span class=\"id\">{parent}</span> {title}")), "{line}");
        }
    }
    assert!(
        section.contains("<tr><td>Owned</td><td><span class=\"id\">R-1</span></td><td>Gateway vendor late with sandbox access</td><td>Marta Novak</td><td><span class=\"id\">EN-2</span> Tokenised payment gateway</td></tr>"),
        "{section}"
    );
    // Listed by state: Resolved, Owned, Accepted, Mitigated, Unroamed.
    let states: Vec<&str> = rows.iter().map(|l| between(l, "<tr><td>", "</td>")).collect();
    let rank =
        |s: &str| ["Resolved", "Owned", "Accepted", "Mitigated", "Unroamed"].iter().position(|x| *x == s).unwrap();
    assert!(states.windows(2).all(|w| rank(w[0]) <= rank(w[1])), "{states:?}");
    assert!(states.contains(&"Unroamed"));
}

/// The body of the `@media print{…}` block, braces balanced.
fn print_block(css: &str) -> &str {
    let start = css.find("@media print{").expect("a print stylesheet") + "@media print{".len();
    let mut depth = 1;
    for (i, c) in css[start..].char_indices() {
        depth += match c {
            '{' => 1,
            '}' => -1,
            _ => 0,
        };
        if depth == 0 {
            return &css[start..start + i];
        }
    }
    panic!("an unclosed print block")
}

#[test]
fn the_print_stylesheet_fits_every_column_on_the_page() {
    let dir = demo_with_votes();
    let (html, _) = exported(&dir);
    let css = between(&html, "<style>", "</style>");
    let print = print_block(css);
    assert!(css.contains("@page{size:A4;"), "{css}");
    for rule in [
        ".board{display:table;table-layout:fixed;width:100%",
        ".col{display:table-cell;",
        "min-width:0;max-width:none",
        "overflow-wrap:anywhere",
        "word-break:break-word",
        "table.report{table-layout:fixed;width:100%}",
        ".board-section{break-before:page;page-break-before:always}",
        "background:transparent !important",
        "svg{max-width:100%",
    ] {
        assert!(print.contains(rule), "print needs {rule}: {print}");
    }
    assert!(!print.contains("overflow-x"), "no horizontal scrolling on paper");
    // On screen a board may scroll sideways, and only on screen.
    assert_eq!(css.matches("overflow-x:auto").count(), 1);
    assert!(between(css, "@media screen{", "}}").contains(".board{overflow-x:auto"), "{css}");
    // No width in print is fixed (pixels, millimetres): a share of the page, so Letter fits too.
    for value in print.split("width:").skip(1) {
        let value = value.split([';', '}']).next().unwrap();
        assert!(["100%", "0", "none", "auto"].contains(&value), "print width {value:?}: {print}");
    }
}

fn hostile() -> Workspace {
    let (ws, _, _) =
        load_workspace(&Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo")).into_workspace().unwrap();
    let mut boards = ws.boards().to_vec();
    let evil = "<script>alert(1)</script> & \"quoted\"";
    for board in boards.iter_mut() {
        match board.level {
            Level::Program if board.default_kind == Some(Kind::Risk) => {
                let mut risk = Item::new("R-99", evil, "Owned");
                risk.owner = Some(evil.into());
                risk.kind = Some(Kind::Risk);
                board.items.push(risk);
            }
            Level::Program => {
                if let Some(pi) = board.pi.as_mut() {
                    pi.name = evil.into();
                }
                let mut feature = Item::new("F-99", evil, "Backlog");
                feature.team = Some(evil.into());
                feature.iteration = Some("I2".into());
                feature.depends_on = vec!["F-1".into()];
                board.items.push(feature);
            }
            Level::Team if board.name == "Alpha" => {
                board.objectives.push(Objective {
                    text: evil.into(),
                    planned: 3,
                    actual: Some(3),
                    stretch: true,
                    pi: None,
                });
            }
            _ => {}
        }
        board.reindex();
    }
    Workspace::new(boards)
}

#[test]
fn hostile_text_is_escaped_in_every_section() {
    let ws = hostile();
    let boards = select(&ws, None, Format::Html).unwrap();
    let html = export_workspace(&ws, "<script>folder", &boards, Format::Html, NOW);
    assert_well_formed(&html);
    assert!(!html.contains("<script"), "nothing user-written runs");
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;";
    for place in [
        "<h1>PI report · &lt;script&gt;folder · ",
        &format!("{escaped} · 2026-11-22</h1>"),
        &format!("<tr><td>{escaped} <span class=\"stretch\">(stretch)</span></td>"),
        &format!("<tr><th>{escaped}</th>"),
        &format!("<span class=\"id\">F-99</span> {escaped}</span>"),
        &format!("<td><span class=\"id\">R-99</span></td><td>{escaped}</td><td>{escaped}</td>"),
    ] {
        assert!(html.contains(place), "{place} in:\n{html}");
    }
    // The old export's call (no folder) still dates and titles the report.
    let plain = export(&ws, &boards, Format::Html, NOW);
    assert!(plain.contains(&format!("<h1>PI report · {escaped} · 2026-11-22</h1>")));
}

#[test]
fn markdown_has_a_title_and_each_items_parent_needs_and_needed_by() {
    let dir = Scratch::demo_copy("pi-report-md");
    let ws = loaded(&dir.join("ws"));
    let boards = select(&ws, None, Format::Markdown).unwrap();
    let md = export(&ws, &boards, Format::Markdown, NOW);
    assert!(md.starts_with("# Mobile Shopping ART — "), "{}", md.lines().next().unwrap());
    assert_eq!(md.lines().filter(|l| l.starts_with("# ")).count(), 1, "one document title");
    let header = md.lines().find(|l| l.starts_with("| id |")).unwrap();
    let columns: Vec<&str> = header.split(" | ").collect();
    let links = columns.iter().position(|c| *c == "links").unwrap();
    let needed = columns.iter().position(|c| *c == "needed by").unwrap();
    let cells = |id: &str| -> Vec<String> {
        let line = md.lines().find(|l| l.starts_with(&format!("| {id} |"))).unwrap_or_else(|| panic!("{id}"));
        line.split(" | ").map(String::from).collect()
    };
    let all: Vec<(&Board, &Item)> = boards.iter().flat_map(|b| b.items.iter().map(move |i| (*b, i))).collect();
    let mut pairs = 0;
    for (_, item) in &all {
        let row = cells(&item.id);
        if let Some(parent) = &item.parent {
            assert!(row[links].contains(&format!("↑ {parent}")), "{}: {:?}", item.id, row);
        }
        for provider in &item.depends_on {
            assert!(row[links].contains(&format!("needs {provider}")), "{}: {:?}", item.id, row);
            if all.iter().any(|(_, i)| &i.id == provider) {
                assert!(cells(provider)[needed].split(", ").any(|c| c == item.id), "{provider} needed by {}", item.id);
                pairs += 1;
            }
        }
    }
    assert!(pairs >= 3, "the demo has dependencies on the program and the team boards");
    assert_eq!(cells("EN-2")[needed], "F-2");
    assert_eq!(cells("F-2")[needed], "F-4");
}
