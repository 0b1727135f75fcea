//! The command line as a script or a CI job uses it: `check`, `init`, `--help`, the headless
//! commands, and the demo written on first use.

mod support;
use support::scratch::Scratch;

use support::cli::run;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn temp(name: &str) -> Scratch {
    Scratch::new(&format!("cli-{name}"))
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn check_passes_the_demo_and_reports_broken_boards_for_ci() {
    let home = temp("check");
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let out = run(&["check", demo.to_str().unwrap()], &home);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).starts_with("ok: 5 boards,"), "{}", stdout(&out));

    let broken = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken/dangling-parent");
    let out = run(&["check", broken.to_str().unwrap()], &home);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("team.ron:13:21: item S-1 names parent \"F-99\""), "{text}");
    assert!(text.trim_end().ends_with("1 problem in 1 file"), "{text}");
    let out = run(&["check", "-w", broken.to_str().unwrap()], &home);
    assert_eq!(out.status.code(), Some(1), "-w works for check too");
}

#[test]
fn init_writes_a_valid_starter_and_refuses_to_overwrite() {
    let home = temp("init");
    let target = home.join("my-train");
    let out = run(&["init", target.to_str().unwrap()], &home);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&["check", target.to_str().unwrap()], &home);
    assert!(out.status.success());
    assert!(stdout(&out).starts_with("ok: 3 boards"), "{}", stdout(&out));
    let out = run(&["init", target.to_str().unwrap()], &home);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already holds board files"));
}

#[test]
fn every_command_has_help_with_examples() {
    let home = temp("help");
    for command in [
        &[][..],
        &["init"],
        &["check"],
        &["list"],
        &["show"],
        &["add"],
        &["move"],
        &["rank"],
        &["split"],
        &["export"],
        &["merge-driver"],
        &["bench"],
    ] {
        let mut args: Vec<&str> = command.to_vec();
        args.push("--help");
        let out = run(&args, &home);
        assert!(out.status.success(), "{args:?}");
        let text = stdout(&out);
        assert!(text.contains("Examples:") || text.contains("git config merge.trainboard.driver"), "{args:?}:\n{text}");
    }
}

#[test]
fn headless_commands_print_plainly_or_as_json_and_fail_clearly() {
    let home = temp("headless");
    let ws = home.join("ws");
    run(&["init", ws.to_str().unwrap()], &home);
    let w = ws.to_str().unwrap();
    let id = stdout(&run(&["add", "-w", w, "--board", "Team 1", "--title", "Export to CSV", "--parent", "F-1"], &home));
    assert_eq!(id.trim(), "S-4");
    assert!(run(&["move", "S-4", "Ready", "-w", w], &home).status.success(), "-w after the subcommand");
    assert!(run(&["-w", w, "rank", "S-4", "--top"], &home).status.success(), "-w before the subcommand");
    let list = stdout(&run(&["list", "-w", w, "--board", "Team 1"], &home));
    let after_ready = list.lines().skip_while(|l| !l.contains("Ready [")).nth(1).unwrap();
    assert!(after_ready.trim_start().starts_with("S-4"), "{list}");
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["show", "F-1", "--json", "-w", w], &home).stdout).unwrap();
    assert_eq!(json["id"], "F-1");
    assert_eq!(json["children"].as_array().unwrap().len(), 4);
    assert_eq!(json["parent_item"]["id"], "E-1");
    let ids = stdout(&run(&["split", "-w", w, "F-2", "One", "Two"], &home));
    assert_eq!(ids.lines().collect::<Vec<_>>(), ["S-5", "S-6"]);
    let listed: serde_json::Value = serde_json::from_slice(&run(&["list", "--json", "-w", w], &home).stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 3);
    // Errors: a clear message and a non-zero exit.
    let out = run(&["move", "S-404", "Ready", "-w", w], &home);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no item S-404"));
    let out = run(&["add", "-w", w, "--board", "Nope", "--title", "x"], &home);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no board named \"Nope\""));
}

#[test]
fn the_demo_is_written_once_and_edits_are_kept() {
    let home = temp("demo");
    let dir = home.join("data/trainboard/demo");
    trainboard::demo::ensure_demo_in(&dir).unwrap();
    let art = dir.join("art.ron");
    let edited = fs::read_to_string(&art).unwrap().replace("Smarter search", "Smartest search");
    fs::write(&art, &edited).unwrap();
    fs::remove_file(dir.join("roam.ron")).unwrap();
    trainboard::demo::ensure_demo_in(&dir).unwrap();
    assert_eq!(fs::read_to_string(&art).unwrap(), edited, "the user's edit is kept");
    assert!(dir.join("roam.ron").exists(), "a deleted demo file comes back");
}

#[test]
fn the_sample_config_in_the_readme_loads() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("<!-- sample-config -->\n```ron\n").expect("the sample is marked")
        + "<!-- sample-config -->\n```ron\n".len();
    let sample = &readme[start..start + readme[start..].find("```").unwrap()];
    let settings = trainboard::config::parse(sample, false).unwrap_or_else(|e| panic!("{}:{}: {}", e.0, e.1, e.2));
    use trainboard::keymap::Action;
    assert_eq!(settings.keymap.keys_label(Action::Quit), "Ctrl+q");
    assert_eq!(settings.keymap.keys_label(Action::MoveItemRight), "L Alt+→");
    assert_eq!(settings.keymap.keys_label(Action::Undo), "u", "other keys stay");
    assert!(settings.presentation.read_only && !settings.presentation.start);
}

/// Runs the binary in `cwd` as a new session without a controlling terminal, so opening the
/// screen fails at once instead of taking over the terminal `cargo test` runs in.
fn run_in(cwd: &Path, args: &[&str], home: &Path) -> Output {
    use std::os::unix::process::CommandExt;
    let mut command = Command::new(env!("CARGO_BIN_EXE_trainboard"));
    command
        .args(args)
        .current_dir(cwd)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"));
    // SAFETY: setsid is async-signal-safe and touches no memory of the parent.
    unsafe {
        command.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    command.output().unwrap()
}

fn broken_workspace(home: &Path) -> PathBuf {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken");
    let boards = home.join("boards");
    fs::create_dir_all(&boards).unwrap();
    fs::copy(fixtures.join("dangling-parent/team.ron"), boards.join("team.ron")).unwrap();
    fs::copy(fixtures.join("unknown-field/team.ron"), boards.join("other.ron")).unwrap();
    boards
}

#[test]
fn check_prints_each_problem_with_the_path_as_given() {
    let home = temp("paths");
    let boards = broken_workspace(&home);
    let out = run_in(&home, &["check", "boards"], &home);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("boards/other.ron:11:13: an item has no field `titel`"), "{text}");
    assert_eq!(lines[1], "boards/team.ron:13:21: item S-1 names parent \"F-99\", but no item has that id");
    assert_eq!(lines[2], "2 problems in 2 files");

    let out = run_in(&boards, &["check"], &home);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("\nteam.ron:13:21: item S-1"), "no ./ prefix:\n{}", stdout(&out));
}

#[test]
fn open_refuses_a_missing_folder_but_not_a_broken_board() {
    let home = temp("open");
    broken_workspace(&home);
    let out = run_in(&home, &["no-such-folder"], &home);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-folder is not a folder"));

    // Broken boards do not stop the workspace: without a terminal, that is the only complaint.
    let out = run_in(&home, &["boards"], &home);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.contains("needs a terminal"), "{err}");
    // The headless commands open it too, and say what is wrong with which file.
    let out = run_in(&home, &["list", "-w", "boards"], &home);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.contains("boards/other.ron:11:13: "), "{err}");
    assert!(err.contains("boards/team.ron:13:21: "), "{err}");
}

#[test]
fn without_boards_here_the_demo_is_installed_in_xdg_data_home() {
    let home = temp("xdg");
    let empty = home.join("empty");
    fs::create_dir_all(&empty).unwrap();
    // No terminal, so the screen cannot open; the demo is written before that.
    run_in(&empty, &[], &home);
    let demo = home.join("data/trainboard/demo");
    for name in ["portfolio.ron", "art.ron", "team-alpha.ron", "team-beta.ron", "roam.ron"] {
        assert!(demo.join(name).is_file(), "{name} in {}", demo.display());
    }
    let out = run(&["check", demo.to_str().unwrap()], &home);
    assert!(stdout(&out).starts_with("ok: 5 boards,"), "{}", stdout(&out));
    assert!(!empty.join("portfolio.ron").exists(), "nothing written to the current folder");
}

#[test]
fn init_can_start_a_train_with_named_teams() {
    let home = temp("init-teams");
    let target = home.join("train");
    let out = run(&["init", target.to_str().unwrap(), "--teams", "Alpha,Beta,Gamma Rays"], &home);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for file in ["team-alpha.ron", "team-beta.ron", "team-gamma-rays.ron", "art.ron", "portfolio.ron"] {
        assert!(target.join(file).is_file(), "{file}");
    }
    assert!(!target.join("team.ron").exists());
    let out = run(&["check", target.to_str().unwrap()], &home);
    assert!(stdout(&out).starts_with("ok: 5 boards"), "{}", stdout(&out));
    let art = fs::read_to_string(target.join("art.ron")).unwrap();
    assert!(art.contains("team: \"Alpha\"") && !art.contains("Team 1"), "the features are planned for Alpha");
    let beta = fs::read_to_string(target.join("team-beta.ron")).unwrap();
    assert!(beta.contains("name: \"Beta\"") && beta.contains("items: [],"));
    let twice = run(&["init", home.join("other").to_str().unwrap(), "--teams", "Alpha,alpha"], &home);
    assert_eq!(twice.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&twice.stderr).contains("named twice"));
}

#[test]
fn move_warns_over_the_wip_limit_and_strict_refuses_it() {
    let home = temp("move-wip");
    let ws = home.join("ws");
    fs::create_dir_all(&ws).unwrap();
    let items: Vec<String> = (1..=8)
        .map(|n| {
            let column = if n <= 6 { "Implementing" } else { "Funnel" };
            format!("(id: \"F-{n}\", title: \"Feature {n}\", column: \"{column}\"),")
        })
        .collect();
    let board = format!(
        "Board(name: \"ART\", level: Program, columns: [(name: \"Funnel\"), (name: \"Implementing\", wip: 6), (name: \"Done\")], items: [{}])",
        items.join("\n")
    );
    fs::write(ws.join("art.ron"), &board).unwrap();
    let w = ws.to_str().unwrap();
    let stderr = |out: &Output| String::from_utf8_lossy(&out.stderr).into_owned();

    // --strict refuses the move that would make 7 of 6: non-zero exit, the file untouched.
    let out = run(&["move", "F-7", "Implementing", "--strict", "-w", w], &home);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("WIP limit 6"), "{}", stderr(&out));
    assert!(stderr(&out).contains("nothing was changed"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(ws.join("art.ron")).unwrap(), board, "nothing written");

    // Without --strict the move is made, with a warning on stderr (stdout stays clean).
    let out = run(&["move", "F-7", "Implementing", "-w", w], &home);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("warning: Implementing now holds 7 items, over its WIP limit 6"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["show", "F-7", "--json", "-w", w], &home).stdout).unwrap();
    assert_eq!(json["column"], "Implementing");

    // Within the limit (and moving out of a full column): no warning, --strict allows it.
    let out = run(&["move", "F-1", "Done", "--strict", "-w", w], &home);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("WIP"), "{}", stderr(&out));
    let out = run(&["move", "F-2", "Funnel", "-w", w], &home);
    assert!(out.status.success() && !stderr(&out).contains("WIP"), "{}", stderr(&out));
    // Now at 5 of 6: one more fits under --strict, the next is refused.
    assert!(run(&["move", "F-8", "Implementing", "--strict", "-w", w], &home).status.success());
    let out = run(&["move", "F-2", "Implementing", "--strict", "-w", w], &home);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn every_argument_of_the_item_commands_says_what_it_is() {
    use clap::CommandFactory;
    let cli = trainboard::cli::Cli::command();
    let mut bare = Vec::new();
    for name in ["list", "show", "add", "move", "rank", "split", "export"] {
        let command = cli.find_subcommand(name).expect("the subcommand exists");
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            if arg.get_help().is_none() && arg.get_long_help().is_none() && !["help", "version"].contains(&id) {
                bare.push(format!("{name} {id}"));
            }
        }
    }
    assert!(bare.is_empty(), "arguments with no help line in --help: {bare:?}");
}

#[test]
fn the_workspace_path_before_a_command_is_the_one_it_reads() {
    let home = temp("path-first");
    let ws = home.join("ws");
    run(&["init", ws.to_str().unwrap()], &home);
    // Run from a folder without boards: PATH before the command names the workspace, as `-w`.
    let elsewhere = home.join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    let in_elsewhere = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_trainboard"))
            .args(args)
            .current_dir(&elsewhere)
            .env("HOME", &*home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_STATE_HOME", home.join("state"))
            .output()
            .unwrap()
    };
    let w = ws.to_str().unwrap();
    let path_first: &[&str] = &[w, "export", "--format", "markdown"];
    let with_w: &[&str] = &["-w", w, "export", "--format", "markdown"];
    for args in [path_first, with_w] {
        let out = in_elsewhere(args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(stdout(&out).contains("Team 1"), "{args:?}: {}", stdout(&out));
    }
    let out = in_elsewhere(&[w, "list"]);
    assert!(out.status.success() && stdout(&out).contains("Team 1"), "{}", String::from_utf8_lossy(&out.stderr));
}
