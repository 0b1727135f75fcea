//! Objectives and confidence votes edited as board-level fields: each change is one undoable
//! step, undo keeps someone else's newer change, and both fields round-trip and merge.

#[path = "support/scratch.rs"]
mod scratch;
use scratch::Scratch;

use trainboard::history::History;
use trainboard::merge::merge_boards;
use trainboard::model::board_fields::{ObjectiveChange, change_objective, record_vote};
use trainboard::model::confidence::parse_votes;
use trainboard::model::{Board, Column, Level, ModelError, Objective, Workspace};
use trainboard::storage::{board_to_string, parse_board};

const NOW: &str = "2026-11-21T16:30:00Z";

fn workspace() -> Workspace {
    let mut alpha = Board::new("alpha.ron", "Alpha", Level::Team, vec![Column::new("Done", None)]);
    alpha.objectives = vec![Objective::new("Search", 8)];
    Workspace::new(vec![alpha])
}

fn alpha(ws: &Workspace) -> &Board {
    ws.board_by_key("alpha.ron").unwrap()
}

#[test]
fn each_objective_change_is_one_undoable_step() {
    let (mut ws, mut h) = (workspace(), History::default());
    let original = alpha(&ws).objectives.clone();
    for change in [
        ObjectiveChange::Add("Checkout  live".into()),
        ObjectiveChange::Planned(9),
        ObjectiveChange::Actual(Some(7)),
        ObjectiveChange::ToggleStretch,
        ObjectiveChange::Text("Checkout live for 10 %".into()),
    ] {
        let edit = change_objective(&ws, "alpha.ron", 1, change).unwrap();
        let applied = h.commit(&mut ws, edit).unwrap();
        assert_eq!(applied.boards, ["alpha.ron"]);
    }
    assert_eq!(
        alpha(&ws).objectives[1],
        Objective { text: "Checkout live for 10 %".into(), planned: 9, actual: Some(7), stretch: true, pi: None }
    );
    h.undo(&mut ws).unwrap();
    assert_eq!(alpha(&ws).objectives[1].text, "Checkout live");
    for _ in 0..4 {
        h.undo(&mut ws).unwrap();
    }
    assert_eq!(alpha(&ws).objectives, original);
    h.redo(&mut ws).unwrap();
    assert_eq!(alpha(&ws).objectives.len(), 2);
}

#[test]
fn bad_values_are_refused_with_a_reason() {
    let ws = workspace();
    let err = |c| change_objective(&ws, "alpha.ron", 0, c).unwrap_err().to_string();
    assert!(err(ObjectiveChange::Planned(11)).contains("1 to 10"));
    assert!(err(ObjectiveChange::Planned(0)).contains("1 to 10"));
    assert!(err(ObjectiveChange::Actual(Some(12))).contains("0 to 10"));
    assert!(err(ObjectiveChange::Text("   ".into())).contains("needs a text"));
    assert!(
        change_objective(&ws, "alpha.ron", 5, ObjectiveChange::Planned(3))
            .unwrap_err()
            .to_string()
            .contains("no objective 6")
    );
    assert_eq!(
        change_objective(&ws, "alpha.ron", 0, ObjectiveChange::Planned(8)).unwrap_err(),
        ModelError::NothingToChange
    );
    assert!(matches!(
        change_objective(&ws, "nope.ron", 0, ObjectiveChange::ToggleStretch),
        Err(ModelError::UnknownBoard(_))
    ));
}

#[test]
fn undo_keeps_objectives_someone_else_changed_since_and_says_so() {
    let (mut ws, mut h) = (workspace(), History::default());
    let edit = change_objective(&ws, "alpha.ron", 0, ObjectiveChange::Actual(Some(6))).unwrap();
    h.commit(&mut ws, edit).unwrap();
    // Someone else scores it differently (the file changed on disk and was reloaded).
    let mut theirs = alpha(&ws).clone();
    theirs.objectives[0].actual = Some(8);
    ws.put_board(theirs);
    let applied = h.undo(&mut ws).unwrap();
    assert_eq!(alpha(&ws).objectives[0].actual, Some(8), "their newer score stays");
    assert!(
        applied.kept_theirs.iter().any(|n| n.contains("Alpha's objectives") && n.contains("kept theirs")),
        "{:?}",
        applied.kept_theirs
    );
}

#[test]
fn votes_are_recorded_undone_and_round_trip() {
    let (mut ws, mut h) = (workspace(), History::default());
    let edit = record_vote(&ws, "alpha.ron", parse_votes("5 4 4 2 1").unwrap(), NOW).unwrap();
    h.commit(&mut ws, edit).unwrap();
    let board = alpha(&ws).clone();
    let text = board_to_string(&board);
    assert!(
        text.contains("    confidence: [\n        (at: \"2026-11-21T16:30:00Z\", votes: [5, 4, 4, 2, 1]),\n    ],\n"),
        "{text}"
    );
    let back = parse_board(text.as_bytes(), "alpha.ron").unwrap();
    assert_eq!(back, board);
    assert_eq!(board_to_string(&back), text);
    h.undo(&mut ws).unwrap();
    assert!(alpha(&ws).confidence.is_empty());
    // A vote outside 1–5, or a time that is not one, is an error in the file.
    for bad in ["votes: [6]", "votes: [0]", "votes: [-1]"] {
        let file =
            format!("Board(name: \"A\", level: Team, columns: [(name: \"D\")], confidence: [(at: \"{NOW}\", {bad})])");
        let err = parse_board(file.as_bytes(), "a.ron").unwrap_err();
        assert!(err.line == 1 && err.column > 60, "{err:?}");
        if !bad.contains('-') {
            assert!(err.message.contains("1 to 5 fingers"), "{err:?}");
        }
    }
    let file =
        "Board(name: \"A\", level: Team, columns: [(name: \"D\")], confidence: [(at: \"yesterday\", votes: [3])])";
    assert!(parse_board(file.as_bytes(), "a.ron").is_err());
}

#[test]
fn votes_from_both_sides_of_a_merge_are_kept() {
    let base = alpha(&workspace()).clone();
    let with = |board: &Board, at: &str, votes: &str| {
        let ws = Workspace::new(vec![board.clone()]);
        let edit = record_vote(&ws, "alpha.ron", parse_votes(votes).unwrap(), at).unwrap();
        let mut ws = ws;
        History::default().commit(&mut ws, edit).unwrap();
        alpha(&ws).clone()
    };
    let ours = with(&base, "2026-11-21T16:00:00Z", "3 3");
    let theirs = with(&base, "2026-11-21T17:00:00Z", "5 5");
    let merged = merge_boards(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty());
    let times: Vec<&str> = merged.board.confidence.iter().map(|v| v.at.as_str()).collect();
    assert_eq!(times, ["2026-11-21T16:00:00Z", "2026-11-21T17:00:00Z"]);
}

#[test]
fn a_vote_and_a_score_made_in_the_screen_are_saved_and_merge_with_a_change_on_disk() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use trainboard::app::{App, Effect, Msg, update};
    use trainboard::storage::load_workspace;
    use trainboard::storage::workspace_files::WorkspaceFiles;

    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let dir = Scratch::new("objectives-save");
    for name in ["portfolio.ron", "art.ron", "roam.ron", "team-alpha.ron", "team-beta.ron"] {
        std::fs::copy(demo.join(name), dir.join(name)).unwrap();
    }
    let (ws, loaded, root) = load_workspace(&dir).into_workspace().unwrap();
    let mut files = WorkspaceFiles::new(&root, loaded, &ws);
    let mut app = App::new(ws, "test");
    app.set_clock(|| "2026-11-21T16:30:00Z".to_string());
    update(&mut app, Msg::Resize(120, 40));
    // Meanwhile someone scores Alpha's third objective in the file.
    let path = dir.join("team-alpha.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let theirs = text.replace("signed-in users\", planned: 9)", "signed-in users\", planned: 9, actual: 7)");
    assert_ne!(text, theirs);
    std::fs::write(&path, theirs).unwrap();
    let mut saves: Vec<String> = Vec::new();
    let mut press = |app: &mut App, keys: &str| {
        for c in keys.chars() {
            let code = if c == '\n' { KeyCode::Enter } else { KeyCode::Char(c) };
            for effect in update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))) {
                if let Effect::Save(keys) = effect {
                    saves.extend(keys);
                }
            }
        }
    };
    // On Alpha's board (3) the view opens on Alpha's heading: vote there, then score the
    // stretch objective (row 4).
    press(&mut app, "3oV4 4 2\njjjjA3\n");
    assert_eq!(saves, ["team-alpha.ron", "team-alpha.ron"]);
    let report = files.save(app.ws(), &saves);
    assert!(report.errors.is_empty(), "{report:?}");
    let saved = parse_board(&std::fs::read(&path).unwrap(), "team-alpha.ron").unwrap();
    let actual: Vec<Option<u32>> = saved.objectives.iter().filter(|o| o.pi.is_none()).map(|o| o.actual).collect();
    assert_eq!(actual, [Some(9), Some(8), Some(7), Some(3)], "their score and ours");
    let past = |b: &Board| b.objectives.iter().filter(|o| o.pi.is_some()).cloned().collect::<Vec<_>>();
    let demo_alpha = parse_board(&std::fs::read(demo.join("team-alpha.ron")).unwrap(), "team-alpha.ron").unwrap();
    assert_eq!(past(&saved), past(&demo_alpha), "earlier PIs' objectives are kept as they were");
    assert_eq!(saved.confidence.len(), 1);
    assert_eq!(saved.confidence[0].votes.iter().map(|f| f.get()).collect::<Vec<_>>(), [4, 4, 2]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn objectives_merge_by_place_field_by_field() {
    let o = |text: &str, planned: u32, actual: Option<u32>| Objective {
        text: text.into(),
        planned,
        actual,
        stretch: false,
        pi: None,
    };
    let mut base = alpha(&workspace()).clone();
    base.objectives = vec![o("A", 5, None), o("B", 8, None)];
    let mut ours = base.clone();
    ours.objectives[0].actual = Some(4);
    ours.objectives.push(o("Ours new", 3, None));
    let mut theirs = base.clone();
    theirs.objectives[1].actual = Some(8);
    theirs.objectives[1].stretch = true;
    theirs.objectives.push(o("Theirs new", 2, None));
    let merged = merge_boards(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let got: Vec<(&str, Option<u32>, bool)> =
        merged.board.objectives.iter().map(|o| (o.text.as_str(), o.actual, o.stretch)).collect();
    assert_eq!(
        got,
        [("A", Some(4), false), ("B", Some(8), true), ("Theirs new", None, false), ("Ours new", None, false)]
    );
    // Both scoring the same objective differently: a conflict on that field, theirs kept.
    let mut ours2 = base.clone();
    ours2.objectives[0].actual = Some(1);
    let mut theirs2 = base.clone();
    theirs2.objectives[0].actual = Some(2);
    let merged = merge_boards(&base, &ours2, &theirs2);
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].field, "objective 1 actual");
    assert_eq!(merged.board.objectives[0].actual, Some(2));
    // One side removed an objective, the other scored one: the whole list conflicts.
    let mut removed = base.clone();
    removed.objectives.remove(0);
    let merged = merge_boards(&base, &removed, &ours2);
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].field, "objectives");
}

#[test]
fn presenting_locks_the_objectives_view_until_unlocked() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use trainboard::app::{App, Msg, update};
    let mut app = App::new(workspace(), "test");
    update(&mut app, Msg::Resize(100, 30));
    app.start_presenting(true);
    let key = |app: &mut App, c: char| {
        let code = if c == '\n' { KeyCode::Enter } else { KeyCode::Char(c) };
        update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    };
    key(&mut app, 'o');
    key(&mut app, 'V');
    assert!(app.objectives().prompt.is_none());
    assert!(app.status().as_ref().unwrap().text.contains("read-only while presenting"));
    app.start_presenting(false);
    for c in "V3 3\n".chars() {
        key(&mut app, c);
    }
    assert_eq!(alpha(app.ws()).confidence.len(), 1);
}

#[test]
fn objectives_of_earlier_pis_round_trip_merge_by_place_and_a_blank_pi_is_an_error_where_written() {
    let file = "Board(name: \"A\", level: Team, columns: [(name: \"D\")], objectives: [\n\
        (text: \"Now\", planned: 5),\n\
        (text: \"Then\", planned: 8, actual: 6, stretch: true, pi: \"PI 2026.3\"),\n\
        (text: \"Older\", planned: 3, actual: 3, pi: Some(\"PI 2026.2\")),\n])";
    let board = parse_board(file.as_bytes(), "a.ron").unwrap();
    let pis: Vec<Option<&str>> = board.objectives.iter().map(|o| o.pi.as_deref()).collect();
    assert_eq!(pis, [None, Some("PI 2026.3"), Some("PI 2026.2")]);
    let text = board_to_string(&board);
    assert!(
        text.contains("        (text: \"Then\", planned: 8, actual: 6, stretch: true, pi: \"PI 2026.3\"),\n"),
        "{text}"
    );
    assert!(text.contains("        (text: \"Older\", planned: 3, actual: 3, pi: \"PI 2026.2\"),\n"), "{text}");
    let back = parse_board(text.as_bytes(), "a.ron").unwrap();
    assert_eq!(back, board);
    assert_eq!(board_to_string(&back), text);

    // At the PI's end one side files the objectives under their PI while the other scores one.
    let mut ours = board.clone();
    ours.objectives[0].pi = Some("PI 2026.4".into());
    let mut theirs = board.clone();
    theirs.objectives[0].actual = Some(4);
    let merged = merge_boards(&board, &ours, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let first = &merged.board.objectives[0];
    assert_eq!((first.actual, first.pi.as_deref()), (Some(4), Some("PI 2026.4")));
    // Filed under two different PIs: that field conflicts, theirs kept.
    let mut theirs = board.clone();
    theirs.objectives[0].pi = Some("PI 2026.5".into());
    let merged = merge_boards(&board, &ours, &theirs);
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].field, "objective 1 pi");
    assert_eq!(merged.board.objectives[0].pi.as_deref(), Some("PI 2026.5"));

    for (bad, message) in [("pi: \"  \"", "it is blank"), ("pi: 3", "double quotes"), ("sprint: \"x\"", "sprint")] {
        let file = format!(
            "Board(name: \"A\", level: Team, columns: [(name: \"D\")], objectives: [\n(text: \"x\", planned: 1, {bad})])"
        );
        let err = parse_board(file.as_bytes(), "a.ron").unwrap_err();
        assert!(err.line == 2 && err.column > 20, "{bad}: {err:?}");
        assert!(err.message.contains(message), "{bad}: {err:?}");
    }
}
