//! Many writers on one board at once. Four processes each make 100 headless changes while a
//! reader parses the file in a loop: afterwards every change is there, no id is lost or doubled,
//! and the reader never saw a partial board. A naive read-modify-write control shows that the
//! test would notice lost updates. And a kill -9 loop during saves never leaves a broken board.

#[path = "support/scratch.rs"]
mod scratch;
use scratch::{Scratch, private_home};

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use trainboard::storage::{board_to_string, load_workspace, parse_board};

const BOARD: &str = r#"Board(
    name: "Alpha",
    level: Team,
    columns: [(name: "Backlog"), (name: "Doing"), (name: "Done")],
    items: [],
)
"#;

/// The scratch folder (removed when dropped) and the workspace `ws` inside it, beside `home`.
fn workspace(name: &str) -> (Scratch, PathBuf) {
    let dir = Scratch::with_dirs(&format!("conc-{name}"), &["ws", "home"]);
    let ws = dir.join("ws");
    fs::write(ws.join("team.ron"), BOARD).unwrap();
    (dir, ws)
}

/// The binary on the workspace `ws`, with the private home beside it.
fn command(ws: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_trainboard"));
    private_home(&mut cmd, &ws.parent().unwrap().join("home")).arg("-w").arg(ws);
    cmd
}

fn trainboard(ws: &Path, args: &[&str]) -> String {
    let out = command(ws).args(args).output().unwrap();
    assert!(out.status.success(), "trainboard {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Parses the board file in a loop until stopped; counts reads and failures.
fn reader(path: PathBuf, stop: Arc<AtomicBool>, reads: Arc<AtomicUsize>) -> thread::JoinHandle<Vec<String>> {
    thread::spawn(move || {
        let mut failures = Vec::new();
        while !stop.load(Ordering::Relaxed) {
            match fs::read(&path) {
                Ok(bytes) => {
                    if let Err(e) = parse_board(&bytes, "team.ron") {
                        failures.push(format!("{}:{}: {}", e.line, e.column, e.message));
                    }
                    reads.fetch_add(1, Ordering::Relaxed);
                }
                Err(e) => failures.push(format!("read failed: {e}")),
            }
        }
        failures
    })
}

const WRITERS: usize = 4;
const ADDS: usize = 40;
const MOVES: usize = 30;
const RANKS: usize = 30;

#[test]
fn four_processes_making_100_changes_each_lose_nothing() {
    let (_scratch, ws) = workspace("protocol");
    let stop = Arc::new(AtomicBool::new(false));
    let reads = Arc::new(AtomicUsize::new(0));
    let reader = reader(ws.join("team.ron"), Arc::clone(&stop), Arc::clone(&reads));
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let ws = ws.clone();
            thread::spawn(move || {
                let ids: Vec<String> = (0..ADDS)
                    .map(|n| trainboard(&ws, &["add", "--board", "Alpha", "--title", &format!("w{w} item {n}")]))
                    .collect();
                for id in &ids[..MOVES] {
                    trainboard(&ws, &["move", id, "Doing"]);
                }
                for id in &ids[..RANKS] {
                    trainboard(&ws, &["rank", id, "--top"]);
                }
                ids
            })
        })
        .collect();
    let ids: Vec<Vec<String>> = writers.into_iter().map(|w| w.join().unwrap()).collect();
    stop.store(true, Ordering::Relaxed);
    let failures = reader.join().unwrap();
    assert!(
        failures.is_empty(),
        "the reader saw {} invalid boards: {:?}",
        failures.len(),
        &failures[..failures.len().min(3)]
    );
    assert!(reads.load(Ordering::Relaxed) > 10, "the reader really read while writers wrote");

    let (workspace, _, _) = load_workspace(&ws).into_workspace().unwrap();
    let board = workspace.board_by_key("team.ron").unwrap();
    let all: Vec<&String> = ids.iter().flatten().collect();
    let unique: HashSet<&String> = all.iter().copied().collect();
    assert_eq!(unique.len(), WRITERS * ADDS, "every add got its own id");
    assert_eq!(board.items.len(), WRITERS * ADDS, "no item lost or duplicated on disk");
    let doing = board.column_positions(1);
    for (w, own) in ids.iter().enumerate() {
        for (n, id) in own.iter().enumerate() {
            let item = board.item(id).unwrap_or_else(|| panic!("{id} of writer {w} is missing"));
            assert_eq!(item.title, format!("w{w} item {n}"));
            let expected = if n < MOVES { "Doing" } else { "Backlog" };
            assert_eq!(item.column, expected, "{id}");
        }
        // Each writer ranked its moved items to the top one after another: the last ranked is
        // highest, whatever the others did in between.
        let order: Vec<&String> =
            doing.iter().map(|&p| &board.items[p].id).filter(|id| own[..RANKS].contains(id)).collect();
        let expected: Vec<&String> = own[..RANKS].iter().rev().collect();
        assert_eq!(order, expected, "writer {w}'s ranks");
    }
    let _ = fs::remove_dir_all(&ws);
}

#[test]
fn a_naive_read_modify_write_loses_updates_so_the_test_can_see_loss() {
    let (_scratch, ws) = workspace("naive");
    let path = ws.join("team.ron");
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let path = path.clone();
            thread::spawn(move || {
                for n in 0..50 {
                    let Ok(mut board) = parse_board(&fs::read(&path).unwrap_or_default(), "team.ron") else { continue };
                    thread::sleep(Duration::from_micros(300));
                    board.items.push(trainboard::model::Item::new(format!("N{w}-{n}"), "naive", "Backlog"));
                    fs::write(&path, board_to_string(&board)).unwrap_or(());
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let found = fs::read(&path).ok().and_then(|b| parse_board(&b, "team.ron").ok()).map(|b| b.items.len()).unwrap_or(0);
    assert!(found < WRITERS * 50, "naive writers should lose items (found all {found})");
    let _ = fs::remove_dir_all(&ws);
}

#[test]
fn kill_9_during_saves_never_leaves_a_broken_board() {
    let (_scratch, ws) = workspace("kill");
    let path = ws.join("team.ron");
    // A board big enough that a save takes a moment.
    let mut board = parse_board(BOARD.as_bytes(), "team.ron").unwrap();
    board.items =
        (1..=3000).map(|n| trainboard::model::Item::new(format!("S-{n}"), "padding item", "Backlog")).collect();
    board.reindex();
    fs::write(&path, board_to_string(&board)).unwrap();
    let mut killed = 0;
    for round in 0..30 {
        let mut child = command(&ws)
            .args(["add", "--board", "Alpha", "--title", &format!("round {round}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        thread::sleep(Duration::from_millis(2 + (round * 7) % 40));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            killed += 1;
        }
        let _ = child.wait();
        let bytes = fs::read(&path).unwrap();
        parse_board(&bytes, "team.ron")
            .unwrap_or_else(|e| panic!("round {round}: board broken at {}:{}", e.line, e.column));
    }
    assert!(killed > 0, "some writers were killed mid-way");
    // Leftover locks of the killed writers are taken over: the next change works at once.
    let id = trainboard(&ws, &["add", "--board", "Alpha", "--title", "after the storm"]);
    let (workspace, _, _) = load_workspace(&ws).into_workspace().unwrap();
    assert!(workspace.item(&id).is_some());
    let leftovers: Vec<String> = fs::read_dir(&ws)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".lock"))
        .collect();
    assert!(leftovers.is_empty(), "locks left behind: {leftovers:?}");
    let _ = fs::remove_dir_all(&ws);
}

#[test]
fn a_new_id_taken_meanwhile_on_another_board_is_renumbered_before_saving() {
    let (_scratch, ws_dir) = workspace("ids");
    fs::write(ws_dir.join("beta.ron"), BOARD.replace("\"Alpha\"", "\"Beta\"")).unwrap();
    let (mut ws, files, root) = load_workspace(&ws_dir).into_workspace().unwrap();
    let mut files = trainboard::storage::workspace_files::WorkspaceFiles::new(&root, files, &ws);
    // We add S-1 to Alpha in memory; meanwhile someone adds S-1 to Beta on disk.
    let (edit, id) =
        trainboard::model::ops::add_item(&ws, "team.ron", "Backlog", "ours", "2026-11-22T10:00:00Z").unwrap();
    assert_eq!(id, "S-1");
    let mut history = trainboard::history::History::default();
    history.commit(&mut ws, edit).unwrap();
    assert_eq!(trainboard(&ws_dir, &["add", "--board", "Beta", "--title", "theirs"]), "S-1");
    let _lock = files.lock_workspace().expect("workspace lock");
    let renames = files.colliding_new_ids(&ws, &["team.ron".to_string()]);
    assert_eq!(renames, vec![("S-1".to_string(), "S-2".to_string())]);
    let edit = trainboard::model::ops::rename_id(&ws, "S-1", "S-2").unwrap();
    history.commit(&mut ws, edit).unwrap();
    let report = files.save(&ws, &["team.ron".to_string()]);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    drop(_lock);
    let (after, _, _) = load_workspace(&ws_dir).into_workspace().expect("ids are unique across boards");
    assert_eq!(after.item("S-1").unwrap().title, "theirs");
    assert_eq!(after.item("S-2").unwrap().title, "ours");
    let _ = fs::remove_dir_all(&ws_dir);
}
