//! Locks and litter with the real binary: many processes racing for one stale lock, a lock
//! whose pid was reused, other tools' files beside a board, and a kill -9 loop.

#[path = "support/scratch.rs"]
mod scratch;
use scratch::Scratch;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

const TEAM: &str = r#"Board(
    name: "Alpha",
    level: Team,
    columns: [(name: "Backlog"), (name: "Done")],
    items: [
        (id: "S-1", title: "First", column: "Backlog"),
    ],
)
"#;

/// The scratch folder (removed when dropped) and the workspace `ws` inside it.
fn workspace(name: &str) -> (Scratch, PathBuf) {
    let dir = Scratch::new(&format!("locks-{name}"));
    fs::create_dir_all(dir.join("ws")).unwrap();
    fs::write(dir.join("ws/team.ron"), TEAM).unwrap();
    let ws = dir.join("ws");
    (dir, ws)
}

/// Removes the test folder around the workspace `ws` (and nothing that is not one).
fn remove(ws: &Path) {
    let base = ws.parent().unwrap();
    assert!(base.file_name().unwrap().to_string_lossy().starts_with("trainboard-locks-"), "{}", base.display());
    let _ = fs::remove_dir_all(base);
}

fn add(dir: &Path, title: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_trainboard"));
    cmd.args(["add", "-w", dir.to_str().unwrap(), "--board", "Alpha", "--title", title]);
    let home = dir.parent().unwrap().join("home");
    cmd.env("HOME", &home).env("XDG_CONFIG_HOME", home.join("config")).env("XDG_STATE_HOME", home.join("state"));
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd
}

/// The pid of a process that has run and been reaped: certainly dead.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

fn host() -> String {
    trainboard::storage::lock::host_name()
}

fn lock_text(pid: u32, extra: &str) -> String {
    format!("pid: {pid}\nuser: ghost\nhost: {}\ntime: 2026-11-22T10:00:00Z\n{extra}", host())
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn titles_and_ids(dir: &Path) -> Vec<(String, String)> {
    // Read the file itself: a workspace with duplicate ids would refuse to open.
    let board = trainboard::storage::parse_board(&fs::read(dir.join("team.ron")).unwrap(), "team.ron").unwrap();
    board.items.iter().map(|i| (i.id.clone(), i.title.clone())).collect()
}

fn set_old(path: &Path) {
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(600)).unwrap();
}

#[test]
fn eight_processes_racing_for_one_stale_lock_lose_nothing_and_duplicate_nothing() {
    const ROUNDS: usize = 20;
    const PROCESSES: usize = 8;
    let mut losses = 0;
    let mut duplicates = 0;
    for round in 0..ROUNDS {
        let (_scratch, dir) = workspace(&format!("race-{round}"));
        let dead = dead_pid();
        // Both the workspace lock and the board lock are left by a crashed writer.
        fs::write(dir.join(".trainboard.lock"), lock_text(dead, "")).unwrap();
        fs::write(dir.join("team.ron.lock"), lock_text(dead, "")).unwrap();
        let children: Vec<_> =
            (0..PROCESSES).map(|p| add(&dir, &format!("round {round} writer {p}")).spawn().unwrap()).collect();
        let mut printed = Vec::new();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "round {round}: {}", String::from_utf8_lossy(&out.stderr));
            printed.push(String::from_utf8_lossy(&out.stdout).trim().to_string());
        }
        let on_disk = titles_and_ids(&dir);
        let ids: HashSet<&String> = on_disk.iter().map(|(id, _)| id).collect();
        duplicates += on_disk.len() - ids.len();
        let titles: HashSet<&String> = on_disk.iter().map(|(_, t)| t).collect();
        losses += (0..PROCESSES).filter(|p| !titles.contains(&format!("round {round} writer {p}"))).count();
        let printed_ids: HashSet<&String> = printed.iter().collect();
        assert_eq!(printed_ids.len(), PROCESSES, "round {round}: every writer got its own id: {printed:?}");
        assert!(printed.iter().all(|id| ids.contains(id)), "round {round}: printed ids are on disk");
        assert_eq!(names(&dir), vec!["team.ron"], "round {round}: no lock or temp file left");
        remove(&dir);
    }
    eprintln!("{ROUNDS} rounds x {PROCESSES} processes: {losses} lost adds, {duplicates} duplicate ids");
    assert_eq!((losses, duplicates), (0, 0));
}

#[test]
fn a_lock_whose_pid_now_belongs_to_another_process_does_not_block() {
    let me = std::process::id();
    let Some(started) = trainboard::storage::process_identity::start_ticks(me) else { return };
    let boot = trainboard::storage::process_identity::boot_id().unwrap_or_default();
    // The pid is alive (it is this test), but it started at another time, or in another boot.
    for extra in
        [format!("started: {}\nboot: {boot}\n", started + 7), format!("started: {started}\nboot: not-{boot}\n")]
    {
        let (_scratch, dir) = workspace("reused");
        fs::write(dir.join(".trainboard.lock"), lock_text(me, &extra)).unwrap();
        let begin = Instant::now();
        let out = add(&dir, "After a reboot").output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(begin.elapsed() < Duration::from_secs(10), "taken over at once, not after the 30 s wait");
        assert!(titles_and_ids(&dir).iter().any(|(_, t)| t == "After a reboot"));
        remove(&dir);
    }
}

#[test]
fn a_save_keeps_other_tools_files_and_removes_only_our_dead_temps() {
    let (_scratch, dir) = workspace("others");
    let dead = dead_pid();
    let me = std::process::id();
    let keep = [
        ".team.ron.swp".to_string(),
        ".team.ron.un~".to_string(),
        ".team.ron.notes".to_string(),
        ".team.ron.trainboard-tmp-notes".to_string(),
        // A live writer's temp (this process's pid) is never touched.
        format!(".team.ron.trainboard-tmp-{me}-0"),
    ];
    let ours = [
        format!(".team.ron.trainboard-tmp-{dead}-3"),
        format!(".team.ron.lock.trainboard-tmp-{dead}-0"),
        format!("..trainboard.lock.trainboard-tmp-{dead}-1"),
        // The name earlier versions used for lock temps.
        format!("..trainboard.lock-{dead}-12"),
    ];
    for name in keep.iter().chain(&ours) {
        fs::write(dir.join(name), "x").unwrap();
    }
    for name in keep.iter().take(4).chain(&ours) {
        set_old(&dir.join(name));
    }
    let out = add(&dir, "Saved beside vim").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let left = names(&dir);
    for name in &keep {
        assert!(left.contains(name), "{name} survives the save: {left:?}");
    }
    for name in &ours {
        assert!(!left.contains(name), "{name} of a dead writer is removed: {left:?}");
    }
    remove(&dir);
}

#[test]
fn a_kill_loop_leaves_no_litter() {
    let (_scratch, dir) = workspace("kill");
    for round in 0..40u64 {
        let mut child = add(&dir, &format!("killed {round}")).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(round % 13));
        // SAFETY: killing the child we started.
        unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
        let _ = child.wait();
    }
    let out = add(&dir, "After the loop").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(names(&dir), vec!["team.ron"], "nothing left beside the board");
    let ids: Vec<_> = titles_and_ids(&dir).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len(), "ids stay unique: {ids:?}");
    remove(&dir);
}

#[test]
fn headless_commands_refuse_boards_the_screen_refuses_to_write() {
    use std::os::unix::fs::PermissionsExt;
    let (_scratch, dir) = workspace("readonly");
    let newer = TEAM.replace("name: \"Alpha\"", "version: 9,\n    name: \"Future\"").replace("S-1", "N-1");
    fs::write(dir.join("future.ron"), &newer).unwrap();
    fs::set_permissions(dir.join("team.ron"), fs::Permissions::from_mode(0o444)).unwrap();
    let team = fs::read(dir.join("team.ron")).unwrap();
    let run = |args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_trainboard"));
        cmd.args(args).arg("-w").arg(&dir).env("HOME", dir.parent().unwrap().join("home"));
        cmd.output().unwrap()
    };
    for (args, why) in [
        (&["add", "--board", "Future", "--title", "Into the future"][..], "newer trainboard"),
        (&["move", "N-1", "Done"][..], "newer trainboard"),
    ] {
        let out = run(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} refused");
        assert!(stderr.contains(why) && stderr.contains("read-only"), "{args:?}: {stderr}");
    }
    assert_eq!(fs::read_to_string(dir.join("future.ron")).unwrap(), newer, "never saved over");
    // A file without write permission (as an ordinary user sees it; root may write anything).
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        let out = run(&["add", "--board", "Alpha", "--title", "Not here"]);
        assert!(!out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(fs::read(dir.join("team.ron")).unwrap(), team);
    }
    fs::set_permissions(dir.join("team.ron"), fs::Permissions::from_mode(0o644)).unwrap();
    remove(&dir);
}

/// One racer of the test below, run as a child process of this test binary: waits for the
/// start signal, takes the lock, and logs entering and leaving while it holds it.
#[test]
#[ignore = "run as a child process by processes_racing_for_one_stale_lock_hold_it_one_at_a_time"]
fn race_child() {
    use std::io::Write;
    let (Ok(board), Ok(go), Ok(log)) =
        (std::env::var("TB_RACE_BOARD"), std::env::var("TB_RACE_GO"), std::env::var("TB_RACE_LOG"))
    else {
        return;
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while !Path::new(&go).exists() && Instant::now() < deadline {
        std::hint::spin_loop();
    }
    let lock = trainboard::storage::lock::BoardLock::acquire(Path::new(&board), Duration::from_secs(20)).unwrap();
    let me = std::process::id();
    let mut log = fs::OpenOptions::new().append(true).create(true).open(log).unwrap();
    log.write_all(format!("in {me}\n").as_bytes()).unwrap();
    std::thread::sleep(Duration::from_millis(3));
    log.write_all(format!("out {me}\n").as_bytes()).unwrap();
    drop(lock);
}

#[test]
fn processes_racing_for_one_stale_lock_hold_it_one_at_a_time() {
    const ROUNDS: usize = 20;
    const PROCESSES: usize = 8;
    let mut overlaps = 0;
    for round in 0..ROUNDS {
        let (_scratch, dir) = workspace(&format!("holders-{round}"));
        let board = dir.join("team.ron");
        fs::write(dir.join("team.ron.lock"), lock_text(dead_pid(), "")).unwrap();
        let (go, log) = (dir.parent().unwrap().join("go"), dir.parent().unwrap().join("log"));
        let children: Vec<_> = (0..PROCESSES)
            .map(|_| {
                Command::new(std::env::current_exe().unwrap())
                    .args(["race_child", "--exact", "--ignored", "--test-threads=1", "--quiet"])
                    .env("TB_RACE_BOARD", &board)
                    .env("TB_RACE_GO", &go)
                    .env("TB_RACE_LOG", &log)
                    .stdout(Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        std::thread::sleep(Duration::from_millis(300));
        fs::write(&go, "").unwrap();
        for mut child in children {
            assert!(child.wait().unwrap().success(), "round {round}: a racer failed");
        }
        let text = fs::read_to_string(&log).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2 * PROCESSES, "round {round}: every racer got the lock: {text}");
        // Held one at a time: every "in" is followed by the same process's "out".
        let pairs_ok =
            lines.chunks(2).all(|p| p[0].strip_prefix("in ").is_some_and(|pid| p[1] == format!("out {pid}")));
        if !pairs_ok {
            overlaps += 1;
        }
        assert!(!lock_path_exists(&dir), "round {round}: the lock is released");
        remove(&dir);
    }
    eprintln!("{ROUNDS} rounds x {PROCESSES} processes: {overlaps} rounds with two holders at once");
    assert_eq!(overlaps, 0);
}

fn lock_path_exists(dir: &Path) -> bool {
    dir.join("team.ron.lock").exists()
}
