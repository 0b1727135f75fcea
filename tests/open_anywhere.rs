//! Opening works anywhere, and one file never stops everyone: a project folder is not a
//! workspace, non-board `.ron` files and odd file types are passed over, a broken board gets
//! its own read-only tab, a newer format opens read-only, and every path form names a board
//! by one key.

#[path = "support/scratch.rs"]
mod scratch;
use scratch::Scratch;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use trainboard::storage::open_tolerant::open_workspace;

const BIN: &str = env!("CARGO_BIN_EXE_trainboard");
const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo");

struct Temp(Scratch);

fn temp(name: &str) -> Temp {
    let dir = Scratch::new(&format!("open-{name}"));
    fs::create_dir_all(dir.join("ws")).unwrap();
    fs::create_dir_all(dir.join("home")).unwrap();
    Temp(dir)
}

fn demo_into(dir: &Path) {
    for entry in fs::read_dir(DEMO).unwrap().flatten() {
        fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
}

/// Runs the binary in `cwd` with a clean home; a run over 20 s (a hang) fails the test.
fn run(cwd: &Path, home: &Path, args: &[&str]) -> Output {
    let child = Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id() as i32;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(20)) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            // SAFETY: killing the child we started.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("trainboard {args:?} hung");
        }
    }
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[test]
fn the_project_folder_is_not_a_workspace() {
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(
        !trainboard::storage::load_and_check::holds_boards(project),
        "assets/ and tests/ hold .ron files deeper down"
    );
    let t = temp("project");
    // Without a terminal the screen refuses, but only after deciding what to open: no errors
    // about the repository's own .ron files.
    let out = run(project, &t.0.join("home"), &[]);
    let all = text(&out);
    assert!(all.contains("needs a terminal"), "{all}");
    assert!(!all.contains(".ron:"), "{all}");
    assert!(t.0.join("home/data/trainboard/demo/art.ron").exists(), "the demo is what opens");
}

#[test]
fn boards_in_subfolders_are_not_walked() {
    let t = temp("deep");
    let ws = t.0.join("ws");
    demo_into(&ws);
    fs::create_dir_all(ws.join("old/archive")).unwrap();
    fs::write(ws.join("old/archive/broken.ron"), "Board(").unwrap();
    let out = run(&ws, &t.0.join("home"), &["check"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).starts_with("ok: 5 boards"), "{}", text(&out));
}

#[test]
fn odd_files_are_skipped_with_a_message_and_never_hang() {
    let t = temp("odd");
    let ws = t.0.join("ws");
    demo_into(&ws);
    let fifo = ws.join("pipe.ron");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: c is a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    symlink("/dev/zero", ws.join("zero.ron")).unwrap();
    fs::create_dir(ws.join("folder.ron")).unwrap();
    symlink(ws.join("missing"), ws.join("dangling.ron")).unwrap();
    fs::write(ws.join("team-alpha_BASE_12345.ron"), fs::read(ws.join("team-alpha.ron")).unwrap()).unwrap();
    fs::write(ws.join("settings.ron"), "(font_size: 12, dark: true)").unwrap();
    for args in [vec!["check"], vec!["list"], vec!["export", "--format", "json"]] {
        let out = run(&ws, &t.0.join("home"), &args);
        assert!(out.status.success(), "{args:?}: {}", text(&out));
        let all = text(&out);
        for name in ["pipe.ron", "zero.ron", "folder.ron", "team-alpha_BASE_12345.ron", "settings.ron"] {
            assert!(all.contains(name) && all.contains("skipped"), "{args:?} says {name} was skipped:\n{all}");
        }
    }
    let opened = open_workspace(&ws).expect("opens");
    assert_eq!(opened.ws.boards().len(), 5, "the merge tool's copy is no second tab");
}

#[test]
fn the_size_cap_holds_for_files_that_grow_or_lie() {
    let big = temp("big");
    let path = big.0.join("ws/huge.ron");
    let file = fs::File::create(&path).unwrap();
    file.set_len(trainboard::storage::load_and_check::MAX_BOARD_BYTES + 1).unwrap();
    let err = trainboard::storage::load_and_check::read_board_bytes(&path).unwrap_err();
    assert!(err.contains("limit"), "{err}");
}

#[test]
fn a_broken_board_gets_its_own_tab_and_the_others_open() {
    let t = temp("broken");
    let ws = t.0.join("ws");
    demo_into(&ws);
    // A typo in one file, a renamed column in another.
    fs::write(ws.join("roam.ron"), "Board(\n  name: \"ART Risks\",\n  levle: Program,\n)\n").unwrap();
    let beta = fs::read_to_string(ws.join("team-beta.ron")).unwrap();
    fs::write(ws.join("team-beta.ron"), beta.replacen("(name: \"Backlog\")", "(name: \"Backlog items\")", 1)).unwrap();
    let opened = open_workspace(&ws).expect("opens");
    assert_eq!(opened.ws.boards().len(), 5);
    let said = |key: &str| opened.broken[key].iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    assert!(said("roam.ron").contains("roam.ron:3:3"), "{:?}", opened.broken);
    assert!(said("team-beta.ron").contains("which this board does not have"), "{:?}", opened.broken);
    for key in ["roam.ron", "team-beta.ron"] {
        assert!(opened.ws.board_by_key(key).unwrap().is_read_only(), "{key} is read-only until fixed");
    }
    assert!(!opened.ws.board_by_key("team-alpha.ron").unwrap().is_read_only());
    // Headless commands work on the good boards and refuse the broken one.
    let home = t.0.join("home");
    assert!(run(&ws, &home, &["add", "--board", "Alpha", "--title", "Fine"]).status.success());
    let out = run(&ws, &home, &["move", "S-201", "Ready"]);
    assert!(!out.status.success(), "a broken board is not written: {}", text(&out));
    // `check` still fails, naming both files.
    let out = run(&ws, &home, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("roam.ron:3:3") && text(&out).contains("team-beta.ron:"), "{}", text(&out));
}

#[test]
fn a_newer_format_with_new_fields_opens_read_only_and_headless_will_not_write_it() {
    let t = temp("newer");
    let ws = t.0.join("ws");
    demo_into(&ws);
    let alpha = fs::read_to_string(ws.join("team-alpha.ron")).unwrap();
    let newer = alpha.replacen("version: 1,", "version: 2,\n    sprint_goal: \"Ship it\",", 1).replacen(
        "title: \"Redesign the search results list\",",
        "title: \"Redesign the search results list\", confidence: Some(0.8),",
        1,
    );
    fs::write(ws.join("team-alpha.ron"), &newer).unwrap();
    let opened = open_workspace(&ws).expect("opens");
    assert!(opened.broken.is_empty(), "{:?}", opened.broken);
    let board = opened.ws.board_by_key("team-alpha.ron").unwrap();
    assert!(board.is_read_only());
    let original = trainboard::storage::parse_board(alpha.as_bytes(), "team-alpha.ron").unwrap();
    assert_eq!(board.items.len(), original.items.len(), "every item is read");
    let out = run(&ws, &t.0.join("home"), &["move", "S-101", "Ready"]);
    assert!(!out.status.success());
    assert!(text(&out).contains("newer trainboard"), "{}", text(&out));
    assert_eq!(fs::read_to_string(ws.join("team-alpha.ron")).unwrap(), newer, "the file is untouched");
}

#[test]
fn read_only_files_are_not_written_by_headless_commands() {
    use std::os::unix::fs::PermissionsExt;
    let t = temp("ro");
    let ws = t.0.join("ws");
    demo_into(&ws);
    let path = ws.join("team-alpha.ron");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&path).unwrap();
    let out = run(&ws, &t.0.join("home"), &["move", "S-101", "Ready"]);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("read-only"), "{}", text(&out));
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn every_path_form_names_a_board_by_one_key() {
    let t = temp("paths");
    let ws = t.0.join("ws");
    demo_into(&ws);
    symlink(&ws, t.0.join("link")).unwrap();
    let forms = [ws.clone(), t.0.join("link"), ws.join("."), PathBuf::from(format!("{}/", ws.display()))];
    let keys = |dir: &Path| -> Vec<String> {
        open_workspace(dir).expect("opens").ws.boards().iter().map(|b| b.key.clone()).collect()
    };
    let expected = keys(&ws);
    assert!(expected.contains(&"team-alpha.ron".to_string()));
    for form in &forms {
        assert_eq!(keys(form), expected, "{}", form.display());
    }
    assert_eq!(trainboard::storage::load_and_check::board_key(Path::new("."), Path::new("./team.ron")), "team.ron");
    assert_eq!(
        trainboard::storage::load_and_check::board_key(Path::new("boards"), Path::new("/abs/boards/team.ron")),
        "team.ron"
    );
}

#[test]
fn a_bad_history_time_is_a_check_error_at_its_place() {
    let t = temp("time");
    let ws = t.0.join("ws");
    demo_into(&ws);
    let alpha = fs::read_to_string(ws.join("team-alpha.ron")).unwrap();
    let at = alpha.find("at: \"").expect("the demo has history");
    let mut broken = alpha.clone();
    broken.replace_range(at + 5..at + 25, "2026-11-2é T10:00:00Z");
    fs::write(ws.join("team-alpha.ron"), &broken).unwrap();
    let out = run(&ws, &t.0.join("home"), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let line = broken[..at].matches('\n').count() + 1;
    assert!(text(&out).contains(&format!("team-alpha.ron:{line}:")), "{}", text(&out));
    assert!(text(&out).contains("is not a time"), "{}", text(&out));
    // Metrics and exports of the rest never panic.
    let out = run(&ws, &t.0.join("home"), &["export", "--format", "html"]);
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn shared_ids_in_one_folder_are_renumbered_on_open_with_links() {
    let t = temp("shared");
    let ws = t.0.join("ws");
    demo_into(&ws);
    // A copied card: S-101 on Beta too, with a story on Beta depending on it.
    let beta = fs::read_to_string(ws.join("team-beta.ron")).unwrap();
    let copy = "        (id: \"S-101\", title: \"Copied card\", column: \"Backlog\", history: [(at: \"2026-11-30T10:00:00Z\", column: \"Backlog\")]),\n        (id: \"S-900\", title: \"Needs the copy\", column: \"Backlog\", depends_on: [\"S-101\"]),\n";
    let at = beta.find("items: [\n").unwrap() + "items: [\n".len();
    let mut beta = beta;
    beta.insert_str(at, copy);
    fs::write(ws.join("team-beta.ron"), beta).unwrap();
    let out = run(&ws, &t.0.join("home"), &["list", "--json"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("Copied card") && text(&out).contains("is now"), "{}", text(&out));
    let opened = open_workspace(&ws).expect("opens");
    assert!(opened.renumbering.renamed.is_empty(), "fixed on disk by the first command");
    let copied = opened.ws.boards().iter().flat_map(|b| &b.items).find(|i| i.title == "Copied card").unwrap();
    assert_ne!(copied.id, "S-101", "the older card keeps its id");
    assert_eq!(
        opened.ws.item("S-900").unwrap().depends_on,
        std::slice::from_ref(&copied.id),
        "the link on its board follows"
    );
    assert!(run(&ws, &t.0.join("home"), &["check"]).status.success());
}

#[test]
fn a_reload_is_checked_like_a_load() {
    use trainboard::storage::open_tolerant::{Checked, check_reloaded};
    let t = temp("reload-check");
    let ws_dir = t.0.join("ws");
    demo_into(&ws_dir);
    let opened = open_workspace(&ws_dir).expect("opens");
    let path = ws_dir.join("team-beta.ron");
    let text = fs::read_to_string(&path).unwrap();
    let reread = |text: &str| {
        let board = trainboard::storage::parse_board(text.as_bytes(), "team-beta.ron").unwrap();
        let file = trainboard::storage::LoadedFile::new(path.clone(), text.as_bytes());
        check_reloaded(&opened.ws, board, &file)
    };
    // A renamed column leaves a card in no column: the last good copy stays.
    let renamed = text.replacen("(name: \"Backlog\")", "(name: \"Backlog items\")", 1);
    match reread(&renamed) {
        Checked::Broken(problems) => {
            assert!(problems[0].to_string().contains("which this board does not have"), "{problems:?}")
        }
        other => panic!("a board with a card in no column is usable: {other:?}"),
    }
    // A card pasted twice on the board: the copy is renumbered, the card we showed keeps its id.
    let first = opened.ws.board_by_key("team-beta.ron").unwrap().items[0].clone();
    let at = text.find("items: [\n").unwrap() + "items: [\n".len();
    let mut pasted = text.clone();
    pasted.insert_str(at, &format!("        (id: \"{}\", title: \"Pasted copy\", column: \"Backlog\"),\n", first.id));
    match reread(&pasted) {
        Checked::Usable { boards, renumbering, .. } => {
            assert_eq!(renumbering.renamed.len(), 1, "{renumbering:?}");
            assert_eq!(renumbering.renamed[0].title, "Pasted copy");
            let beta = boards.iter().find(|b| b.key == "team-beta.ron").unwrap();
            assert_eq!(beta.item(&first.id).unwrap().title, first.title);
        }
        other => panic!("{other:?}"),
    }
}
