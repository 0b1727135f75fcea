//! Imports from Jira, Azure DevOps and Trello: hand-written exports in each tool's shape are
//! imported into a fresh folder and checked field by field, then `check` must pass; round trips
//! through `export --format jira-csv|azure-csv`; dry runs write nothing; re-imports update by
//! id; hostile exports never panic.

use std::path::{Path, PathBuf};
use std::process::Command;

use trainboard::export::{Format, export, select};
use trainboard::import::{ImportError, Options, Source, parse_bytes, run};
use trainboard::model::{Board, Item, Kind, Level, Workspace};
use trainboard::storage::load_workspace;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

/// A fresh, empty folder under the system temp folder, removed when dropped (also on a panic).
struct TempDir(tempfile::TempDir);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = tempfile::Builder::new().prefix(&format!("trainboard-import-{name}-")).tempdir().unwrap();
        TempDir(dir)
    }
    fn path(&self) -> &Path {
        self.0.path()
    }
}

/// Loads the workspace and asserts it passes `check`.
fn checked(dir: &Path) -> Workspace {
    let loaded = load_workspace(dir);
    assert!(loaded.problems.is_empty(), "check fails: {:?}", loaded.problems);
    loaded.into_workspace().unwrap().0
}

fn item<'a>(ws: &'a Workspace, id: &str) -> (&'a Board, &'a Item) {
    ws.find(id).unwrap_or_else(|| panic!("{id} was not imported"))
}

fn columns(board: &Board) -> Vec<&str> {
    board.columns.iter().map(|c| c.name.as_str()).collect()
}

/// Every file's bytes, by name, to see that nothing changed.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap_or_default()))
        .collect();
    files.sort();
    files
}

fn options() -> Options {
    Options::default()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn jira_cloud_export_with_repeated_headers_bom_and_ragged_rows() {
    let dir = TempDir::new("jira-cloud");
    let summary = run(Source::Jira, &fixture("jira-cloud.csv"), dir.path(), &options()).unwrap();
    let ws = checked(dir.path());
    assert_eq!(ws.item_count(), 6);

    let (portfolio, epic) = item(&ws, "GP-1");
    assert_eq!((portfolio.level, portfolio.name.as_str()), (Level::Portfolio, "Gold Pay Portfolio"));
    assert_eq!(portfolio.kind_of(epic), Kind::Epic);
    assert_eq!(epic.description.as_deref(), Some("Rebuild checkout.\nTwo lines."));
    assert_eq!(epic.owner.as_deref(), Some("Ana Lima"));

    let (program, feature) = item(&ws, "GP-2");
    assert_eq!((program.level, program.name.as_str()), (Level::Program, "Gold Pay Program"));
    assert_eq!(feature.parent.as_deref(), Some("GP-1"), "Parent holds the numeric Issue id of GP-1");
    assert_eq!(feature.tags, ["payments", "web"], "both Labels columns");

    let (alpha, story) = item(&ws, "GP-3");
    assert_eq!((alpha.level, alpha.name.as_str()), (Level::Team, "Alpha"), "one board per Team value");
    assert_eq!(story.title, "Card form");
    assert_eq!(story.column, "Done");
    assert_eq!(story.parent.as_deref(), Some("GP-2"));
    assert_eq!(story.description.as_deref(), Some("Form with \"quotes\", commas\nand a second line"));
    assert_eq!(story.iteration.as_deref(), Some("GP Sprint 2"), "the latest of the Sprint columns");
    assert_eq!(story.points, Some(5));
    assert_eq!(story.tags, ["ui", "a11y"]);
    let history: Vec<(&str, &str)> = story.history.iter().map(|m| (m.at.as_str(), m.column.as_str())).collect();
    assert_eq!(history, [("2025-12-03T09:15:00Z", "To Do"), ("2025-12-22T14:38:00Z", "Done")]);

    let (beta, task) = item(&ws, "GP-4");
    assert_eq!(beta.name, "Beta");
    assert_eq!(task.column, "In Review");
    assert_eq!(task.points, Some(3), "3.0 points");
    assert_eq!(task.depends_on, ["GP-3"], "GP-3 blocks GP-4");
    assert_eq!(task.blocked.as_deref(), Some("Impediment"));
    assert_eq!(task.history[0].at, "2025-12-04T18:45:55Z");
    assert_eq!(
        task.history[1],
        trainboard::model::Move { at: "2025-12-10T08:00:00Z".into(), column: "In Review".into() }
    );

    // Team columns in status-category order, the done column last.
    assert_eq!(columns(alpha), ["To Do", "In Review", "In Progress", "Done"], "first seen within a category");
    assert_eq!(alpha.done_column(), 3);

    let (_, bug) = item(&ws, "GP-5");
    assert_eq!(alpha.kind_of(bug), Kind::Defect);
    assert_eq!(bug.parent, None, "GP-99 is not anywhere: no dangling link");
    assert!(bug.tags.contains(&"parent:GP-99".to_string()));

    let (team, odd) = item(&ws, "GP-6");
    assert_eq!(team.name, "Gold Pay Team", "no team value: the project's team board");
    assert_eq!(team.kind_of(odd), Kind::Story);
    assert_eq!(odd.column, "To Do", "the narrow row keeps its values under their headers");

    assert!(summary.contains("parents linked: 3"), "{summary}");
    assert!(summary.contains("parents missing: 1"), "{summary}");
    assert!(summary.contains("\"Whatsit\""), "unknown types are named: {summary}");
    assert!(summary.contains("6 created"), "{summary}");
    assert!(summary.contains("by level: Portfolio 1, Program 1, Team 4"), "{summary}");
}

#[test]
fn jira_server_export_with_crlf_epic_link_and_team_field() {
    let dir = TempDir::new("jira-server");
    let options = Options { team_field: Some("Squad".into()), ..options() };
    let summary = run(Source::Jira, &fixture("jira-server-crlf.csv"), dir.path(), &options).unwrap();
    let ws = checked(dir.path());
    let (red, facets) = item(&ws, "SHOP-11");
    assert_eq!(red.name, "Red");
    assert_eq!(facets.parent.as_deref(), Some("SHOP-10"), "Epic Link");
    assert_eq!(facets.iteration.as_deref(), Some("Sprint 3"));
    assert_eq!(facets.points, Some(8));
    assert_eq!(facets.description.as_deref(), Some("Line 1\nLine 2"), "CRLF inside a cell becomes LF");
    assert_eq!(facets.title, "Facets", "the first of the duplicate rows is kept");
    assert!(facets.tags.is_empty(), "a cell under a blank header is not a label");
    let (_, subtask) = item(&ws, "SHOP-12");
    assert_eq!(subtask.parent.as_deref(), Some("SHOP-11"), "Parent id is the numeric Issue id");
    assert_eq!(item(&ws, "SHOP-14").0.name, "Blue");
    assert_eq!(item(&ws, "SHOP-15").1.column, "Open");
    assert!(!ws.contains("20013"), "a row without an Issue key is skipped");
    assert!(summary.contains("line 5: no Issue key"), "{summary}");
    assert!(summary.contains("SHOP-11 appears twice"), "{summary}");
    assert_eq!(ws.item_count(), 5);
}

#[test]
fn french_export_needs_map_and_type_and_says_which() {
    let dir = TempDir::new("jira-fr");
    let err = run(Source::Jira, &fixture("jira-fr.csv"), dir.path(), &options()).unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, ImportError::Missing(_)), "{message}");
    assert!(message.contains("\"Type de demande\""), "lists the headers seen: {message}");
    assert!(message.contains("--map 'Résumé=Summary'"), "says the --map to write: {message}");
    assert!(snapshot(dir.path()).is_empty(), "nothing written");

    let options = Options {
        map: pairs(&[
            ("Clé de ticket", "Issue key"),
            ("Résumé", "Summary"),
            ("Type de demande", "Issue Type"),
            ("Etat", "Status"),
            ("Catégorie d'état", "Status Category"),
            ("Étiquettes", "Labels"),
            ("Ticket parent", "Parent key"),
            ("Créé", "Created"),
        ]),
        types: pairs(&[("Épopée", "Epic"), ("Récit", "Story"), ("Bogue", "Bug"), ("Sous-tâche", "Sub-task")]),
        ..options()
    };
    run(Source::Jira, &fixture("jira-fr.csv"), dir.path(), &options).unwrap();
    let ws = checked(dir.path());
    let (portfolio, epic) = item(&ws, "FR-1");
    assert_eq!((portfolio.level, portfolio.kind_of(epic)), (Level::Portfolio, Kind::Epic));
    let (team, story) = item(&ws, "FR-2");
    assert_eq!(team.level, Level::Team);
    assert_eq!(story.tags, ["ui", "écran"]);
    assert_eq!(story.parent.as_deref(), Some("FR-1"));
    assert_eq!(story.history[0].at, "2025-12-23T10:15:00Z", "French month abbreviation");
    assert_eq!(team.kind_of(item(&ws, "FR-3").1), Kind::Defect);
    assert_eq!(columns(team), ["À faire", "En cours", "Terminé"], "French status categories order the columns");
}

#[test]
fn azure_tree_query_builds_the_hierarchy_from_title_columns() {
    let dir = TempDir::new("azure-tree");
    let summary = run(Source::Azure, &fixture("azure-tree.csv"), dir.path(), &options()).unwrap();
    let ws = checked(dir.path());
    let (portfolio, epic) = item(&ws, "AB#100");
    assert_eq!((portfolio.level, portfolio.name.as_str()), (Level::Portfolio, "Fabrikam Portfolio"));
    assert_eq!(epic.owner.as_deref(), Some("Dana Whitfield"), "Name <email> → Name");
    assert_eq!(epic.tags, ["strategic", "web"]);
    let wsjf = epic.wsjf.unwrap();
    assert_eq!((wsjf.value, wsjf.time_criticality), (8, 5));
    assert_eq!(epic.history[0].at, "2025-01-05T09:00:00Z");
    let (program, feature) = item(&ws, "AB#101");
    assert_eq!(program.level, Level::Program);
    assert_eq!(feature.parent.as_deref(), Some("AB#100"), "Title 2 under Title 1");
    assert_eq!(feature.team.as_deref(), Some("Alpha"), "Area Path's last segment");
    assert_eq!(feature.iteration.as_deref(), Some("PI 1"));
    let (alpha, story) = item(&ws, "AB#102");
    assert_eq!(alpha.name, "Alpha");
    assert_eq!(story.parent.as_deref(), Some("AB#101"));
    assert_eq!(story.iteration.as_deref(), Some("Sprint 2"));
    assert_eq!(story.points, Some(5));
    assert_eq!(story.owner.as_deref(), Some("Lena"));
    assert_eq!(alpha.kind_of(item(&ws, "AB#103").1), Kind::Defect);
    assert_eq!(item(&ws, "AB#103").1.parent.as_deref(), Some("AB#101"), "siblings share the parent");
    let (_, enabler) = item(&ws, "AB#104");
    assert_eq!(program.kind_of(enabler), Kind::Enabler, "Architectural value area");
    assert_eq!(enabler.parent.as_deref(), Some("AB#100"));
    let (beta, pbi) = item(&ws, "AB#105");
    assert_eq!((beta.name.as_str(), pbi.parent.as_deref()), ("Beta", Some("AB#104")));
    assert_eq!(item(&ws, "AB#106").1.parent, None, "a new Title 1 starts a new tree");
    assert_eq!(item(&ws, "AB#107").1.parent.as_deref(), Some("AB#106"));
    assert!(summary.contains("\"Test Case\""), "unknown type named: {summary}");
    assert_eq!(columns(alpha), ["Active", "Design", "Resolved", "Closed"], "known states first, done last");
}

#[test]
fn azure_flat_query_uses_the_parent_column() {
    let dir = TempDir::new("azure-flat");
    let summary = run(Source::Azure, &fixture("azure-flat.csv"), dir.path(), &options()).unwrap();
    let ws = checked(dir.path());
    let (gamma, story) = item(&ws, "AB#8");
    assert_eq!(gamma.name, "Gamma");
    assert_eq!(story.parent.as_deref(), Some("AB#7"));
    assert_eq!(story.tags, ["a", "b"]);
    let (_, orphan) = item(&ws, "AB#9");
    assert_eq!(orphan.parent, None);
    assert_eq!(orphan.tags, ["parent:AB#999"]);
    assert!(summary.contains("parents missing: 1"), "{summary}");
}

#[test]
fn trello_board_lists_cards_labels_checklists_and_partial_history() {
    let dir = TempDir::new("trello");
    let summary = run(Source::Trello, &fixture("trello.json"), dir.path(), &options()).unwrap();
    let ws = checked(dir.path());
    assert_eq!(ws.boards().len(), 1);
    let board = &ws.boards()[0];
    assert_eq!((board.name.as_str(), board.level), ("Team Rocket", Level::Team));
    assert_eq!(columns(board), ["To Do", "Doing", "Doing (2)", "Done"], "lists by pos, archived list skipped");
    let order: Vec<&str> = board.column_items(0).map(|i| i.id.as_str()).collect();
    assert_eq!(order, ["TR-aaaa1111", "TR-bbbb2222"], "cards by pos");
    let (_, card) = item(&ws, "TR-bbbb2222");
    assert_eq!(card.tags, ["urgent", "green", "due:2026-01-15"], "label name, else colour; due kept as a tag");
    assert_eq!(card.owner.as_deref(), Some("Jessie Rocket"));
    assert_eq!(card.description.as_deref(), Some("Has a checklist"));
    let criteria: Vec<(&str, bool)> = card.acceptance.iter().map(|c| (c.text.as_str(), c.done)).collect();
    assert_eq!(criteria, [("has tests", false), ("works offline", true)]);
    let (_, shipped) = item(&ws, "TR-cccc3333");
    let history: Vec<(&str, &str)> = shipped.history.iter().map(|m| (m.at.as_str(), m.column.as_str())).collect();
    assert_eq!(
        history,
        [("2025-12-01T09:00:00Z", "To Do"), ("2025-12-02T09:00:00Z", "Doing"), ("2025-12-03T10:00:00Z", "Done")]
    );
    assert!(item(&ws, "TR-ffff6666").1.column == "Doing (2)");
    assert!(!ws.contains("TR-dddd4444") && !ws.contains("TR-eeee5555"), "archived skipped");
    assert!(summary.contains("history is partial"), "{summary}");

    let all = TempDir::new("trello-archived");
    run(Source::Trello, &fixture("trello.json"), all.path(), &Options { archived: true, ..options() }).unwrap();
    let ws = checked(all.path());
    assert!(ws.contains("TR-dddd4444") && ws.contains("TR-eeee5555"), "--archived imports them");
    assert_eq!(columns(&ws.boards()[0]), ["To Do", "Doing", "Doing (2)", "Old ideas", "Done"], "done stays last");
}

#[test]
fn dry_run_writes_nothing_and_reports() {
    let dir = TempDir::new("dry");
    let before = snapshot(dir.path());
    let options = Options { dry_run: true, ..options() };
    let summary = run(Source::Jira, &fixture("jira-cloud.csv"), dir.path(), &options).unwrap();
    assert!(summary.contains("dry run"), "{summary}");
    assert!(summary.contains("6 created"), "{summary}");
    assert_eq!(snapshot(dir.path()), before, "no file written, not even a lock");
    let missing = dir.path().join("not-yet");
    run(Source::Jira, &fixture("jira-cloud.csv"), &missing, &options).unwrap();
    assert!(!missing.exists(), "a dry run does not create the folder");
}

#[test]
fn reimport_updates_by_id_and_keeps_items_added_in_trainboard() {
    let dir = TempDir::new("reimport");
    run(Source::Jira, &fixture("jira-cloud.csv"), dir.path(), &options()).unwrap();
    let first = snapshot(dir.path());
    let again = run(Source::Jira, &fixture("jira-cloud.csv"), dir.path(), &options()).unwrap();
    assert_eq!(snapshot(dir.path()), first, "the same export again changes no byte");
    assert!(again.contains("0 created, 0 updated, 6 unchanged") && again.contains("nothing changed"), "{again}");

    // Someone adds an item in trainboard, then a newer export renames one issue and moves another.
    trainboard::headless::add(dir.path(), "Alpha", "Added here", None, Some("GP-2")).unwrap();
    let newer = std::fs::read_to_string(fixture("jira-cloud.csv"))
        .unwrap()
        .replace("Card form", "Card form v2")
        .replace("Fix rounding,GP-5,10005,Bug,In Progress", "Fix rounding,GP-5,10005,Bug,Done");
    let file = dir.path().join("newer.csv.txt");
    std::fs::write(&file, newer).unwrap();
    let summary = run(Source::Jira, &file, dir.path(), &options()).unwrap();
    let ws = checked(dir.path());
    assert_eq!(ws.item_count(), 7, "no duplicates; the added item is kept");
    assert_eq!(item(&ws, "GP-3").1.title, "Card form v2");
    assert_eq!(item(&ws, "GP-5").1.column, "Done");
    assert!(ws.boards().iter().flat_map(|b| &b.items).any(|i| i.title == "Added here"));
    assert!(summary.contains("2 updated"), "{summary}");
    assert!(summary.contains("0 created"), "{summary}");

    // Fields the export has a column for follow it, even to empty; the others keep trainboard's.
    let path = dir.path().join("team-beta.ron");
    let mut beta = trainboard::storage::parse_board(&std::fs::read(&path).unwrap(), "team-beta.ron").unwrap();
    let gp4 = beta.items.iter_mut().find(|i| i.id == "GP-4").unwrap();
    gp4.wsjf = Some(trainboard::model::Wsjf { value: 5, time_criticality: 3, risk_reduction: 1, job_size: 2 });
    gp4.acceptance = vec![trainboard::model::Criterion { text: "pays".into(), done: false }];
    trainboard::storage::save_board(&path, &beta).unwrap();
    let unflagged = std::fs::read_to_string(&file).unwrap().replace(",GP-3,Impediment,", ",GP-3,,");
    std::fs::write(&file, unflagged).unwrap();
    run(Source::Jira, &file, dir.path(), &options()).unwrap();
    let ws = checked(dir.path());
    let (_, gp4) = item(&ws, "GP-4");
    assert_eq!(gp4.blocked, None, "unflagged in Jira: no longer blocked");
    assert_eq!(gp4.wsjf.map(|w| w.value), Some(5), "Jira has no WSJF column: trainboard's stays");
    assert_eq!(gp4.acceptance.len(), 1);

    // A story whose team changed moves to that team's board.
    let moved = std::fs::read_to_string(&file).unwrap().replace("0|i0004:,Alpha", "0|i0004:,Beta");
    std::fs::write(&file, moved).unwrap();
    run(Source::Jira, &file, dir.path(), &options()).unwrap();
    let ws = checked(dir.path());
    assert_eq!(item(&ws, "GP-3").0.name, "Beta");
    assert_eq!(ws.item_count(), 7);

    // A later export that holds the missing parent links it and drops the placeholder tag.
    let with_parent = std::fs::read_to_string(&file).unwrap() + "Parent epic,GP-99,10099,Epic,To Do,GP,Gold Pay\n";
    std::fs::write(&file, with_parent).unwrap();
    run(Source::Jira, &file, dir.path(), &options()).unwrap();
    let ws = checked(dir.path());
    let (_, bug) = item(&ws, "GP-5");
    assert_eq!(bug.parent.as_deref(), Some("GP-99"));
    assert!(bug.tags.is_empty(), "{:?}", bug.tags);
}

/// A workspace to round-trip: the demo's portfolio, program (with ROAM risks) and team boards.
fn demo_subset() -> (TempDir, Workspace) {
    let dir = TempDir::new("demo-src");
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    for name in ["portfolio.ron", "art.ron", "roam.ron", "team-alpha.ron", "team-beta.ron"] {
        std::fs::copy(demo.join(name), dir.path().join(name)).unwrap();
    }
    let ws = checked(dir.path());
    // Kinds the tools have no type for: a spike and an enabler story.
    let mut boards = ws.boards().to_vec();
    let alpha = boards.iter_mut().find(|b| b.name == "Alpha").unwrap();
    let column = alpha.columns[1].name.clone();
    for (id, kind) in [("SP-901", Kind::Spike), ("EN-901", Kind::Enabler)] {
        let mut item = Item::new(id, format!("A {}", kind.name()), column.clone());
        item.kind = Some(kind);
        item.tags = vec!["research".into()];
        alpha.items.push(item);
    }
    alpha.reindex();
    (dir, Workspace::new(boards))
}

/// Compares the items of two workspaces: fields, links and column order of the used columns.
fn assert_same_items(original: &Workspace, imported: &Workspace, what: &str) {
    assert_eq!(original.item_count(), imported.item_count(), "{what}");
    for board in original.boards() {
        let used: Vec<&str> = columns(board)
            .into_iter()
            .filter(|c| board.column_items(board.column_index(c).unwrap()).next().is_some())
            .collect();
        for item in &board.items {
            let (b, back) = imported.find(&item.id).unwrap_or_else(|| panic!("{what}: {} missing", item.id));
            assert_eq!(back.title, item.title, "{what} {}", item.id);
            assert_eq!(back.column, item.column, "{what} {}", item.id);
            assert_eq!(back.parent, item.parent, "{what} {}", item.id);
            assert_eq!(back.points, item.points, "{what} {}", item.id);
            assert_eq!(back.owner, item.owner, "{what} {}", item.id);
            assert_eq!(back.iteration, item.iteration, "{what} {}", item.id);
            assert_eq!(back.description, item.description, "{what} {}", item.id);
            assert_eq!(back.tags, item.tags, "{what} {}", item.id);
            assert_eq!(b.level, board.level, "{what} {}", item.id);
            assert_eq!(b.kind_of(back), board.kind_of(item), "{what} {}", item.id);
            if board.level == Level::Team {
                assert_eq!(b.name, board.name, "{what}: team boards come back by name");
                let back_used: Vec<&str> = columns(b).into_iter().filter(|c| used.contains(c)).collect();
                assert_eq!(back_used, used, "{what}: the columns in the same order");
            }
        }
    }
}

#[test]
fn jira_csv_round_trip_gives_back_items_links_and_columns() {
    let (_src, original) = demo_subset();
    let boards = select(&original, None, Format::JiraCsv).unwrap();
    let text = export(&original, &boards, Format::JiraCsv, 0);
    let parsed = parse_bytes(Source::Jira, text.as_bytes(), "x", &options()).unwrap();
    assert!(parsed.skipped.is_empty() && parsed.warnings.is_empty(), "{:?} {:?}", parsed.skipped, parsed.warnings);
    let dir = TempDir::new("jira-round");
    let file = dir.path().join("export.csv.txt");
    std::fs::write(&file, &text).unwrap();
    let out = TempDir::new("jira-round-ws");
    run(Source::Jira, &file, out.path(), &options()).unwrap();
    let imported = checked(out.path());
    assert_same_items(&original, &imported, "jira");
    for board in original.boards() {
        for item in &board.items {
            let back = imported.item(&item.id).unwrap();
            assert_eq!(back.depends_on, item.depends_on, "{}", item.id);
            assert_eq!(back.is_blocked(), item.is_blocked(), "{}", item.id);
        }
    }
    let header = text.lines().next().unwrap();
    for field in [
        "Summary",
        "Issue Type",
        "Status",
        "Issue Id",
        "Parent Id",
        "Labels",
        "Story Points",
        "Sprint",
        "Assignee",
        "Description",
    ] {
        assert!(header.split(',').any(|h| h == field), "{field} in {header}");
    }
}

#[test]
fn azure_csv_round_trip_gives_back_items_and_links() {
    let (_src, original) = demo_subset();
    let boards = select(&original, None, Format::AzureCsv).unwrap();
    let text = export(&original, &boards, Format::AzureCsv, 0);
    let header = text.lines().next().unwrap();
    for field in [
        "Work Item Type",
        "Title 1",
        "Title 2",
        "State",
        "Area Path",
        "Iteration Path",
        "Tags",
        "Story Points",
        "Value Area",
    ] {
        assert!(header.split(',').any(|h| h == field), "{field} in {header}");
    }
    let dir = TempDir::new("azure-round");
    let file = dir.path().join("export.csv.txt");
    std::fs::write(&file, &text).unwrap();
    let out = TempDir::new("azure-round-ws");
    run(Source::Azure, &file, out.path(), &options()).unwrap();
    let imported = checked(out.path());
    assert_same_items(&original, &imported, "azure");
    // Imported from Azure, exported, imported again: the AB# ids survive as the ID column.
    let again = export(&imported, &select(&imported, None, Format::AzureCsv).unwrap(), Format::AzureCsv, 0);
    let third = parse_bytes(Source::Azure, again.as_bytes(), "x", &options()).unwrap();
    assert_eq!(third.drafts.len(), original.item_count());
}

#[test]
fn semicolon_separated_files_and_bad_type_names() {
    let csv = "Issue key;Summary;Issue Type;Status;Labels;Labels\nS-1;\"Semi; colon\";Bug;Open;a;b\n";
    let parsed = parse_bytes(Source::Jira, csv.as_bytes(), "semi", &options()).unwrap();
    let item = &parsed.drafts[0].item;
    assert_eq!(
        (item.title.as_str(), item.kind, item.tags.clone()),
        ("Semi; colon", Some(Kind::Defect), vec!["a".to_string(), "b".into()])
    );
    let bad = Options { types: pairs(&[("Récit", "Histoire")]), ..options() };
    let err = parse_bytes(Source::Jira, csv.as_bytes(), "semi", &bad).unwrap_err().to_string();
    assert!(err.contains("Histoire") && err.contains("Epic"), "{err}");
}

#[test]
fn jira_cloud_work_item_headers_are_read_as_issue_headers() {
    let csv = "Summary,Work item key,Work item id,Work type,Status,Parent\nTop,W-1,501,Epic,To Do,\nLeaf,W-2,502,Story,Done,501\n";
    let parsed = parse_bytes(Source::Jira, csv.as_bytes(), "work", &options()).unwrap();
    let leaf = &parsed.drafts[1];
    assert_eq!((leaf.item.id.as_str(), leaf.item.parent.as_deref()), ("W-2", Some("W-1")));
    assert_eq!(parsed.drafts[0].target, trainboard::import::Target::Portfolio);
}

#[test]
fn lexorank_orders_items_within_a_column_and_unranked_rows_come_last() {
    let csv = "Issue key,Summary,Issue Type,Status,Custom field (Rank)\n\
               R-1,No rank,Story,Open,\n\
               R-2,Third,Story,Open,0|i000zz:\n\
               R-3,First,Story,Open,0|hzzzzz:\n\
               R-4,Second,Story,Open,0|i0000a:\n";
    let dir = TempDir::new("rank");
    let file = dir.path().join("rank.csv.txt");
    std::fs::write(&file, csv).unwrap();
    let out = TempDir::new("rank-ws");
    run(Source::Jira, &file, out.path(), &options()).unwrap();
    let ws = checked(out.path());
    let order: Vec<&str> = ws.boards()[0].column_items(0).map(|i| i.id.as_str()).collect();
    assert_eq!(order, ["R-3", "R-4", "R-2", "R-1"]);
}

#[test]
fn parent_loops_are_cut_so_the_hierarchy_stays_a_tree() {
    let csv = "Issue key,Summary,Issue Type,Status,Parent key\nL-1,One,Feature,Open,L-2\nL-2,Two,Feature,Open,L-3\nL-3,Three,Feature,Open,L-1\nL-4,Self,Story,Open,L-4\n";
    let dir = TempDir::new("loops");
    let file = dir.path().join("loops.csv.txt");
    std::fs::write(&file, csv).unwrap();
    let out = TempDir::new("loops-ws");
    let summary = run(Source::Jira, &file, out.path(), &options()).unwrap();
    let ws = checked(out.path());
    let linked = ["L-1", "L-2", "L-3"].iter().filter(|id| ws.item(id).unwrap().parent.is_some()).count();
    assert_eq!(linked, 2, "one link of the loop is cut");
    assert!(ws.boards().iter().flat_map(|b| &b.items).any(|i| i.tags.iter().any(|t| t.starts_with("parent:L-"))));
    assert_eq!(ws.item("L-4").unwrap().parent, None, "no item is its own parent");
    assert!(summary.contains("parents linked: 2"), "{summary}");
}

#[test]
fn hostile_exports_never_panic() {
    let dir = TempDir::new("hostile");
    let huge = "x".repeat(1 << 20);
    let csv = format!(
        "Issue key,Summary,Issue Type,Status,Description\n\
         EV-1,\"\u{1b}[2J\u{1b}]0;pwned\u{7}title\",Story,\"To\u{1b}[31mDo\",\"{huge}\"\n\
         EV-2,\"unterminated,Story,Open\n"
    );
    let file = dir.path().join("evil.csv.txt");
    std::fs::write(&file, csv).unwrap();
    let ws_dir = TempDir::new("hostile-ws");
    let summary = run(Source::Jira, &file, ws_dir.path(), &options()).unwrap();
    assert!(summary.contains("created"), "{summary}");
    let ws = checked(ws_dir.path());
    let (_, evil) = item(&ws, "EV-1");
    assert!(evil.title.contains("\u{1b}[2J"), "stored as text; the writer escapes it");
    assert_eq!(evil.description.as_ref().map(String::len), Some(1 << 20));

    // Invalid UTF-8 is replaced, not a panic.
    let mut bytes = b"Issue key,Summary,Issue Type,Status\nBAD-1,caf".to_vec();
    bytes.extend([0xE9, 0xFF, b',', b'S', b't', b'o', b'r', b'y', b',', b'O', b'p', b'e', b'n', b'\n']);
    let parsed = parse_bytes(Source::Jira, &bytes, "bad", &options()).unwrap();
    assert_eq!(parsed.drafts[0].item.title, "caf\u{FFFD}\u{FFFD}");

    for junk in [&b""[..], b"\xFF\xFE\x00", b"{\"not\": \"trello\"}", b"[1,2", b"\n\n\n"] {
        for source in [Source::Jira, Source::Azure, Source::Trello] {
            assert!(parse_bytes(source, junk, "junk", &options()).is_err(), "{source:?} {junk:?}");
        }
    }
    // An id with control characters is skipped, not written.
    let parsed =
        parse_bytes(Source::Jira, b"Issue key,Summary,Issue Type,Status\n\"A\x07B\",x,Story,Open\n", "c", &options())
            .unwrap();
    assert!(parsed.drafts.is_empty() && parsed.skipped.len() == 1);
}

#[test]
fn an_invalid_workspace_or_a_bad_file_writes_nothing() {
    let dir = TempDir::new("broken-ws");
    std::fs::write(dir.path().join("bad.ron"), "Board(name: ").unwrap();
    let before = snapshot(dir.path());
    let err = run(Source::Jira, &fixture("jira-cloud.csv"), dir.path(), &options()).unwrap_err();
    assert!(err.to_string().contains("fix them first"), "{err}");
    assert_eq!(snapshot(dir.path()), before);
    let err = run(Source::Jira, &dir.path().join("nope.csv"), dir.path(), &options()).unwrap_err();
    assert!(err.to_string().contains("cannot read"), "{err}");
}

#[test]
fn the_command_line_imports_and_the_result_passes_check() {
    let dir = TempDir::new("cli");
    let bin = env!("CARGO_BIN_EXE_trainboard");
    let out = Command::new(bin)
        .args(["import", "azure"])
        .arg(fixture("azure-tree.csv"))
        .arg("-w")
        .arg(dir.path())
        .args(["--type", "Test Case=User Story"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("created") && !stdout.contains("Test Case"), "{stdout}");
    let check = Command::new(bin).arg("check").arg(dir.path()).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let bad = Command::new(bin)
        .args(["import", "jira"])
        .arg(fixture("jira-cloud.csv"))
        .args(["--map", "nonsense"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("NAME=VALUE"));
}

#[test]
fn import_into_an_existing_workspace_joins_its_boards_and_keeps_its_items() {
    let (dir, _) = demo_subset();
    std::fs::remove_file(dir.path().join("roam.ron")).unwrap();
    let before = checked(dir.path());
    let alpha_before = before.board_named("Alpha").unwrap().clone();
    run(Source::Jira, &fixture("jira-cloud.csv"), dir.path(), &options()).unwrap();
    let ws = checked(dir.path());
    assert_eq!(ws.item_count(), before.item_count() + 6);
    let alpha = ws.board_named("Alpha").unwrap();
    assert_eq!(alpha.key, alpha_before.key, "the Team value Alpha lands on the existing Alpha board");
    assert!(alpha.item("GP-3").is_some() && alpha.item("GP-5").is_some());
    for item in &alpha_before.items {
        assert_eq!(alpha.item(&item.id), Some(item), "demo items untouched");
    }
    // Missing statuses are added before the done column, which stays the done column.
    let done = &alpha_before.columns[alpha_before.done_column()].name;
    assert_eq!(&alpha.columns[alpha.done_column()].name, done);
    let beta = ws.board_named("Beta").unwrap();
    let review = beta.column_index("In Review").expect("GP-4's status added to Beta");
    assert_eq!(review + 1, beta.done_column(), "just before the done column");

    // An issue whose type changed moves to the board of its new level, without a duplicate.
    let retyped = std::fs::read_to_string(fixture("jira-cloud.csv"))
        .unwrap()
        .replace("Wallet API,GP-4,10004,Task", "Wallet API,GP-4,10004,Feature");
    let file = dir.path().join("retyped.csv.txt");
    std::fs::write(&file, retyped).unwrap();
    run(Source::Jira, &file, dir.path(), &options()).unwrap();
    let ws = checked(dir.path());
    let (board, _) = item(&ws, "GP-4");
    assert_eq!(board.level, Level::Program);
    assert_eq!(ws.boards().iter().filter(|b| b.item("GP-4").is_some()).count(), 1);
}

mod fuzz {
    use proptest::prelude::*;

    use super::*;

    /// CSV-ish text after a header the reader accepts, so the row logic is reached.
    fn csv_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just(",".to_string()),
                Just("\"".to_string()),
                Just("\r\n".to_string()),
                Just("\n".to_string()),
                Just("\u{1b}[31m".to_string()),
                Just("GP-1".to_string()),
                Just("Epic".to_string()),
                Just("Story".to_string()),
                Just("10001".to_string()),
                Just("22/Dec/25 2:38 PM".to_string()),
                "[a-zA-Z0-9 éß/:.+-]{0,8}",
            ],
            0..80,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn any_export_imports_cleanly_or_fails_with_a_message(body in csv_text(), raw in proptest::collection::vec(any::<u8>(), 0..200)) {
            let jira = format!("Issue key,Issue id,Summary,Issue Type,Status,Parent,Labels,Labels,Sprint,Created,Inward issue link (Blocks)\n{body}");
            let azure = format!("ID,Work Item Type,Title 1,Title 2,State,Parent,Area Path,Tags,Created Date\n{body}");
            let scratch = TempDir::new("fuzz");
            let missing = scratch.path().join("missing");
            let options = Options { dry_run: true, ..Options::default() };
            for (source, bytes) in [(Source::Jira, jira.as_bytes()), (Source::Azure, azure.as_bytes()), (Source::Trello, &raw[..]), (Source::Jira, &raw[..])] {
                if let Ok(parsed) = parse_bytes(source, bytes, "fuzz", &Options::default()) {
                    // A dry run plans and validates the whole result without writing.
                    let planned = trainboard::import::apply::import(&missing, parsed, &options);
                    prop_assert!(planned.is_ok(), "{:?}", planned.err());
                }
            }
            prop_assert!(!missing.exists());
        }

        #[test]
        fn any_text_is_a_date_or_not_without_panicking(text in "\\PC{0,40}") {
            if let Some(at) = trainboard::import::dates::to_rfc3339(&text) {
                prop_assert!(trainboard::clock::parse_rfc3339(&at).is_some());
            }
        }
    }
}

#[test]
fn importing_into_an_open_workspace_merges_with_an_editor_saving_later() {
    let (dir, _) = demo_subset();
    let path = dir.path().join("team-alpha.ron");
    // Someone has Alpha open: the bytes they loaded are their merge base.
    let base = std::fs::read(&path).unwrap();
    let mut theirs = trainboard::storage::parse_board(&base, "team-alpha.ron").unwrap();
    run(Source::Jira, &fixture("jira-cloud.csv"), dir.path(), &options()).unwrap();
    // They then retitle one of their items and save by the protocol.
    let first = theirs.items[0].id.clone();
    theirs.items[0].title = "Retitled while the import ran".into();
    theirs.reindex();
    let saved = trainboard::storage::save_protocol::save_merged(&path, Some(&base), &theirs).unwrap();
    assert!(saved.conflicts.is_empty());
    let ws = checked(dir.path());
    assert_eq!(ws.item(&first).unwrap().title, "Retitled while the import ran");
    assert!(ws.contains("GP-3") && ws.contains("GP-5"), "the imported items stay");
}
