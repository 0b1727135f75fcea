//! The running app's saves: a failed save keeps the change and succeeds on retry; a conflict
//! keeps theirs on disk and ours in memory and beside it, until the user chooses.

#[path = "support/scratch.rs"]
mod scratch;
use scratch::Scratch;

use std::collections::HashMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::time::Instant;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use trainboard::app::{App, Effect, Mode, Msg, update};
use trainboard::history::History;
use trainboard::model::ops;
use trainboard::storage::load_workspace;
use trainboard::storage::workspace_files::{SaveReport, WorkspaceFiles};

fn workspace(name: &str) -> Scratch {
    let dir = Scratch::new(&format!("saving-{name}"));
    for name in ["team.ron", "art.ron", "portfolio.ron"] {
        fs::copy(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/starter").join(name), dir.join(name)).unwrap();
    }
    dir
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

#[test]
fn a_failed_save_keeps_the_change_and_a_retry_succeeds() {
    let dir = workspace("retry");
    let (mut ws, loaded, root) = load_workspace(&dir).into_workspace().unwrap();
    let mut files = WorkspaceFiles::new(&root, loaded, &ws);
    let before = fs::read(dir.join("team.ron")).unwrap();
    let mut history = History::default();
    let edit = ops::move_to_column(&ws, "S-3", "Ready", "2026-11-22T10:00:00Z").unwrap();
    history.commit(&mut ws, edit).unwrap();
    // Make the save fail: a folder where the lock file would go (works even as root).
    fs::create_dir(dir.join("team.ron.lock")).unwrap();
    let report = files.save(&ws, &["team.ron".to_string()]);
    assert_eq!(report.errors.len(), 1, "{report:?}");
    assert_eq!(fs::read(dir.join("team.ron")).unwrap(), before, "the file on disk is intact");
    assert_eq!(ws.item("S-3").unwrap().column, "Ready", "the change is kept in memory");
    assert!(files.has_unsaved());
    fs::remove_dir(dir.join("team.ron.lock")).unwrap();
    let report = files.save(&ws, &[]);
    assert!(report.errors.is_empty(), "{report:?}");
    let (after, _, _) = load_workspace(&dir).into_workspace().unwrap();
    assert_eq!(after.item("S-3").unwrap().column, "Ready");
    if !is_root() {
        // A read-only folder: the atomic write cannot create its temp file.
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).unwrap();
        let edit = ops::set_title(&ws, "S-3", "Renamed").unwrap();
        history.commit(&mut ws, edit).unwrap();
        assert!(!files.save(&ws, &["team.ron".to_string()]).errors.is_empty());
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_conflict_keeps_theirs_on_disk_ours_in_memory_and_beside() {
    let dir = workspace("conflict");
    let (mut ws, loaded, root) = load_workspace(&dir).into_workspace().unwrap();
    let mut files = WorkspaceFiles::new(&root, loaded, &ws);
    let mut history = History::default();
    // Someone else moves S-1 to Review and retitles S-2 on disk ...
    let path = dir.join("team.ron");
    let theirs = fs::read_to_string(&path)
        .unwrap()
        .replacen("column: \"In Progress\"", "column: \"Review\"", 1)
        .replace("Second story", "Second story, theirs");
    fs::write(&path, theirs).unwrap();
    // ... while we move S-1 to Accepted and rank S-3 up.
    let edit = ops::move_to_column(&ws, "S-1", "Accepted", "2026-11-22T10:00:00Z").unwrap();
    history.commit(&mut ws, edit).unwrap();
    let report = files.save(&ws, &["team.ron".to_string()]);
    assert_eq!(report.conflicts.len(), 1);
    let conflict = report.conflicts[0].clone();
    assert_eq!(conflict.conflicts[0].id.as_deref(), Some("S-1"));
    assert_eq!(conflict.conflicts[0].field, "column");
    let copy = conflict.copy.clone().expect("ours written beside");
    assert!(fs::read_to_string(&copy).unwrap().contains("column: \"Accepted\""));
    let (disk, _, _) = load_workspace(&dir).into_workspace().unwrap();
    assert_eq!(disk.item("S-1").unwrap().column, "Review", "theirs stays on disk");
    assert_eq!(disk.item("S-2").unwrap().title, "Second story, theirs", "their other change too");
    // The app shows their other changes, with ours where both changed.
    for board in report.merged {
        ws.put_board(board);
    }
    assert_eq!(ws.item("S-1").unwrap().column, "Accepted", "ours stays in memory");
    assert_eq!(ws.item("S-2").unwrap().title, "Second story, theirs");
    // Held until the user chooses: further saves wait.
    assert!(!files.save(&ws, &[]).errors.is_empty());

    // The conflict view offers the choice; `m` asks to keep ours.
    let mut app = App::new(ws, "test");
    let held = SaveReport { conflicts: vec![conflict.clone()], ..SaveReport::default() };
    update(&mut app, Msg::Saved { report: Box::new(held), snapshots: HashMap::new(), at: Instant::now() });
    assert_eq!(app.conflicts()[0].copy.as_deref(), Some(copy.display().to_string().as_str()));
    assert_eq!(*app.mode(), Mode::Conflicts(trainboard::app::conflicts::ConflictsDialog { scroll: 0 }));
    let effects = update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('m'), KeyModifiers::NONE)));
    assert_eq!(effects, vec![Effect::KeepOurs("team.ron".into())]);
    assert!(app.conflicts().is_empty() && *app.mode() == Mode::Board);
    files.keep_ours("team.ron");
    assert!(files.save(app.ws(), &[]).errors.is_empty());
    let (disk, _, _) = load_workspace(&dir).into_workspace().unwrap();
    assert_eq!(disk.item("S-1").unwrap().column, "Accepted", "mine, as chosen");
    assert_eq!(disk.item("S-2").unwrap().title, "Second story, theirs", "their unrelated change is kept");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn injected_write_fsync_and_rename_failures_keep_the_file_and_the_edit() {
    use std::io::ErrorKind;
    use trainboard::storage::fault_injection::{Stage, fail_nth, reset};
    for (stage, kind) in [
        (Stage::Write, ErrorKind::StorageFull),
        (Stage::Fsync, ErrorKind::Other),
        (Stage::Rename, ErrorKind::PermissionDenied),
    ] {
        let dir = workspace(&format!("fault-{stage:?}"));
        let (mut ws, loaded, root) = load_workspace(&dir).into_workspace().unwrap();
        let mut files = WorkspaceFiles::new(&root, loaded, &ws);
        let mut history = History::default();
        let before = fs::read(dir.join("team.ron")).unwrap();
        reset();
        fail_nth(stage, 2, kind);
        // The first save works; the second fails at the planned stage.
        let edit = ops::move_to_column(&ws, "S-3", "Ready", "2026-11-22T10:00:00Z").unwrap();
        history.commit(&mut ws, edit).unwrap();
        assert!(files.save(&ws, &["team.ron".to_string()]).errors.is_empty());
        let saved = fs::read(dir.join("team.ron")).unwrap();
        assert_ne!(saved, before);
        let edit = ops::set_title(&ws, "S-3", "Renamed while the disk was full").unwrap();
        history.commit(&mut ws, edit).unwrap();
        let report = files.save(&ws, &["team.ron".to_string()]);
        assert_eq!(report.errors.len(), 1, "{stage:?}");
        assert!(report.errors[0].contains("injected"), "{}", report.errors[0]);
        assert_eq!(fs::read(dir.join("team.ron")).unwrap(), saved, "{stage:?}: the old file is intact");
        assert_eq!(ws.item("S-3").unwrap().title, "Renamed while the disk was full", "the edit is kept");
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "{stage:?}: no temp or lock file left: {leftovers:?}");
        // The cause is gone: a retry (Ctrl+s, or the next change) succeeds.
        let report = files.save(&ws, &[]);
        assert!(report.errors.is_empty(), "{report:?}");
        let (after, _, _) = load_workspace(&dir).into_workspace().unwrap();
        assert_eq!(after.item("S-3").unwrap().title, "Renamed while the disk was full");
        reset();
        let _ = fs::remove_dir_all(&dir);
    }
}

#[test]
fn a_story_moved_to_another_board_keeps_its_id_whichever_board_is_saved_first() {
    let dir = Scratch::new("saving-move");
    for name in ["team-alpha.ron", "team-beta.ron", "art.ron", "portfolio.ron"] {
        fs::copy(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo").join(name), dir.join(name)).unwrap();
    }
    let (mut ws, loaded, root) = load_workspace(&dir).into_workspace().unwrap();
    let mut files = WorkspaceFiles::new(&root, loaded, &ws);
    let id = ws.board_by_key("team-alpha.ron").unwrap().items[0].id.clone();
    let edit = trainboard::model::fields::move_to_board(&ws, &id, "team-beta.ron", "2026-11-22T10:00:00Z").unwrap();
    History::default().commit(&mut ws, edit).unwrap();
    // The board it goes to first, while the file it left still holds it.
    let _lock = files.lock_workspace().unwrap();
    let keys = ["team-beta.ron".to_string(), "team-alpha.ron".to_string()];
    assert_eq!(files.colliding_new_ids(&ws, &keys), vec![], "our own item leaving is no clash");
    drop(_lock);
    let report = files.save(&ws, &keys);
    assert!(report.errors.is_empty() && report.renamed.is_empty(), "{report:?}");
    let (after, _, _) = load_workspace(&dir).into_workspace().unwrap();
    assert_eq!(after.find(&id).map(|(b, _)| b.key.as_str()), Some("team-beta.ron"));
    let _ = fs::remove_dir_all(&dir);
}
