//! Installing like a real tool: the bash completion really completes in bash, the man page
//! renders (or at least parses as roff), and `git-setup` / `init --git` set up the merge driver
//! in a real repository, idempotently, so that a real `git merge` uses it.

#[path = "support/scratch.rs"]
mod scratch;
use scratch::{Scratch, private_home};

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn temp(name: &str) -> Scratch {
    Scratch::new(&format!("install-{name}"))
}

fn trainboard(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trainboard"))
        .args(args)
        .current_dir(cwd)
        .env("HOME", cwd)
        .env("XDG_DATA_HOME", cwd.join(".data"))
        .env("XDG_STATE_HOME", cwd.join(".state"))
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap()
}

fn git(args: &[&str], cwd: &Path) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(cwd)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .output()
        .expect("git runs")
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn have(program: &str) -> bool {
    Command::new("sh").arg("-c").arg(format!("command -v {program}")).output().is_ok_and(|o| o.status.success())
}

/// Sources the bash completion and asks it to complete `words`; returns the offers.
fn bash_complete(script: &Path, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={}\nCOMP_LINE='{}'\nCOMP_POINT=${{#COMP_LINE}}\n\
         _trainboard trainboard '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.display(),
        quoted.join(" "),
        words.len() - 1,
        words.join(" "),
        words[words.len() - 1],
        words[words.len().saturating_sub(2)],
    );
    let out = Command::new("bash").arg("--norc").arg("-c").arg(program).output().expect("bash runs");
    assert!(out.status.success(), "{}", text(&out));
    String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect()
}

#[test]
fn bash_completion_completes_subcommands_and_their_options() {
    let dir = temp("bash");
    let out = trainboard(&["completions", "bash"], &dir);
    assert!(out.status.success(), "{}", text(&out));
    let script = dir.join("trainboard.bash");
    fs::write(&script, &out.stdout).unwrap();

    let offers = bash_complete(&script, &["trainboard", "ch"]);
    assert_eq!(offers, vec!["check".to_string()], "`trainboard ch<Tab>` completes to check");
    let offers = bash_complete(&script, &["trainboard", "do"]);
    assert_eq!(offers, vec!["doctor".to_string()]);
    let offers = bash_complete(&script, &["trainboard", "m"]);
    for command in ["man", "merge-driver", "move"] {
        assert!(offers.contains(&command.to_string()), "{command} offered: {offers:?}");
    }
    let offers = bash_complete(&script, &["trainboard", "completions", ""]);
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        assert!(offers.contains(&shell.to_string()), "{shell} offered: {offers:?}");
    }
    let offers = bash_complete(&script, &["trainboard", "export", "--f"]);
    assert!(offers.contains(&"--format".to_string()), "{offers:?}");
}

#[test]
fn every_shell_gets_a_script_naming_the_commands() {
    let dir = temp("shells");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = trainboard(&["completions", shell], &dir);
        assert!(out.status.success(), "{shell}: {}", text(&out));
        let script = String::from_utf8_lossy(&out.stdout);
        for command in ["check", "merge-driver", "git-setup", "doctor", "man"] {
            assert!(script.contains(command), "{shell} script names {command}");
        }
    }
    let out = trainboard(&["completions", "tcsh"], &dir);
    assert_eq!(out.status.code(), Some(2), "an unknown shell is a usage error: {}", text(&out));
    assert!(text(&out).contains("possible values"), "{}", text(&out));
}

const SUBCOMMANDS: &[&str] = &[
    "init",
    "check",
    "list",
    "show",
    "add",
    "move",
    "rank",
    "split",
    "export",
    "merge-driver",
    "git-setup",
    "doctor",
    "completions",
    "man",
    "bench",
];

#[test]
fn man_page_is_roff_that_names_every_command_and_renders() {
    let dir = temp("man");
    let out = trainboard(&["man"], &dir);
    assert!(out.status.success(), "{}", text(&out));
    let page = String::from_utf8(out.stdout).expect("UTF-8 roff");
    assert!(page.starts_with(".TH trainboard 1"), "{}", &page[..page.len().min(200)]);
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS", ".SH COMMANDS"] {
        assert!(page.lines().any(|l| l.trim_end() == section), "{section} missing");
    }
    for command in SUBCOMMANDS {
        assert!(page.contains(&format!(".SS \"trainboard {command}\"")), "{command} has its own part");
    }

    // -o writes the same page to a file.
    let file = dir.join("trainboard.1");
    let out = trainboard(&["man", "-o", file.to_str().unwrap()], &dir);
    assert!(out.status.success() && out.stdout.is_empty(), "{}", text(&out));
    assert_eq!(fs::read_to_string(&file).unwrap(), page);

    let rendered = if have("groff") {
        Command::new("groff").args(["-man", "-Tutf8", "-ww"]).arg(&file).env("MANWIDTH", "100").output()
    } else if have("man") {
        Command::new("man").arg("-l").arg(&file).env("MANWIDTH", "100").env("MANPAGER", "cat").output()
    } else {
        return; // Parsed as roff above; nothing here renders it.
    };
    let rendered = rendered.expect("renderer runs");
    assert!(rendered.status.success(), "{}", text(&rendered));
    let shown = String::from_utf8_lossy(&rendered.stdout);
    // groff -Tutf8 overstrikes bold; take the backspaces out.
    let shown: String = {
        let mut plain = String::new();
        for c in shown.chars() {
            if c == '\u{8}' {
                plain.pop();
            } else {
                plain.push(c);
            }
        }
        plain
    };
    assert!(
        !String::from_utf8_lossy(&rendered.stderr).contains("warning"),
        "{}",
        String::from_utf8_lossy(&rendered.stderr)
    );
    assert!(shown.contains("NAME") && shown.contains("SYNOPSIS"), "{shown}");
    assert!(shown.contains("trainboard git-setup"), "{shown}");
    assert!(shown.contains("trainboard completions bash"), "examples are kept: {shown}");
}

#[test]
fn git_setup_writes_attributes_and_config_once() {
    let repo = temp("git-setup");
    assert!(git(&["init", "--quiet"], &repo).status.success());
    fs::write(repo.join(".gitattributes"), "*.png binary\n*.md text").unwrap();

    let out = trainboard(&["git-setup"], &repo);
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(said.contains("added `*.ron merge=trainboard`"), "{said}");
    assert_eq!(
        fs::read_to_string(repo.join(".gitattributes")).unwrap(),
        "*.png binary\n*.md text\n*.ron merge=trainboard\n",
        "existing lines are kept"
    );
    let driver = String::from_utf8_lossy(&git(&["config", "--local", "merge.trainboard.driver"], &repo).stdout)
        .trim()
        .to_string();
    assert!(driver.ends_with("merge-driver %O %A %B %P"), "{driver}");
    let program = driver.trim_end_matches(" merge-driver %O %A %B %P").trim_matches('\'');
    // The test binary is not on PATH, so the driver names it by its absolute path.
    let exe = Path::new(env!("CARGO_BIN_EXE_trainboard")).canonicalize().unwrap();
    assert_eq!(Path::new(program), exe);
    let name = git(&["config", "--local", "merge.trainboard.name"], &repo);
    assert!(!String::from_utf8_lossy(&name.stdout).trim().is_empty());
    let attr = git(&["check-attr", "merge", "--", "sub/team.ron"], &repo);
    assert_eq!(String::from_utf8_lossy(&attr.stdout).trim(), "sub/team.ron: merge: trainboard");

    // A second run changes nothing, from a subfolder too.
    let config_before = fs::read_to_string(repo.join(".git/config")).unwrap();
    fs::create_dir_all(repo.join("boards")).unwrap();
    let out = trainboard(&["git-setup", "boards"], &repo);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("already"), "{}", text(&out));
    assert!(!text(&out).contains("added"), "{}", text(&out));
    assert_eq!(
        fs::read_to_string(repo.join(".gitattributes")).unwrap(),
        "*.png binary\n*.md text\n*.ron merge=trainboard\n"
    );
    assert_eq!(fs::read_to_string(repo.join(".git/config")).unwrap(), config_before);
}

#[test]
fn git_setup_keeps_crlf_files_and_replaces_a_stale_driver() {
    let repo = temp("git-crlf");
    assert!(git(&["init", "--quiet"], &repo).status.success());
    // A Windows-made file without a final newline, a byte that is not UTF-8, and a rule that
    // sends board files elsewhere: ours comes last, so it wins.
    fs::write(repo.join(".gitattributes"), b"*.png binary\r\n*.ron merge=union\r\n# caf\xe9").unwrap();
    assert!(
        git(&["config", "--local", "merge.trainboard.driver", "/gone/trainboard merge-driver %O %A %B"], &repo)
            .status
            .success()
    );
    let out = trainboard(&["git-setup"], &repo);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("(was \"/gone/trainboard merge-driver %O %A %B\")"), "{}", text(&out));
    assert_eq!(
        fs::read(repo.join(".gitattributes")).unwrap(),
        b"*.png binary\r\n*.ron merge=union\r\n# caf\xe9\r\n*.ron merge=trainboard\r\n".to_vec()
    );
    let attr = git(&["check-attr", "merge", "--", "a.ron"], &repo);
    assert_eq!(String::from_utf8_lossy(&attr.stdout).trim(), "a.ron: merge: trainboard");
    let again = trainboard(&["git-setup"], &repo);
    assert!(!text(&again).contains("added") && !text(&again).contains("(was"), "{}", text(&again));
}

#[test]
fn git_setup_outside_a_repository_says_so() {
    let dir = temp("no-repo");
    let out = private_home(&mut Command::new(env!("CARGO_BIN_EXE_trainboard")), &dir)
        .args(["git-setup"])
        .current_dir(&dir)
        .env("GIT_CEILING_DIRECTORIES", dir.parent().unwrap())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("not in a git repository"), "{}", text(&out));
    assert!(!dir.join(".gitattributes").exists());
}

#[test]
fn init_git_makes_a_repository_whose_merges_use_the_driver() {
    let root = temp("init-git");
    let ws = root.join("train");
    let out = trainboard(&["init", "--git", ws.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", text(&out));
    assert!(ws.join(".git").is_dir(), "{}", text(&out));
    assert!(fs::read_to_string(ws.join(".gitattributes")).unwrap().contains("*.ron merge=trainboard"));

    // Two branches each add a story at the end of the same board: a textual merge would
    // conflict on the same lines; the driver merges them item by item.
    assert!(git(&["add", "."], &ws).status.success());
    assert!(git(&["commit", "--quiet", "-m", "start"], &ws).status.success());
    assert!(git(&["checkout", "--quiet", "-b", "other"], &ws).status.success());
    let out = trainboard(&["add", "-w", ".", "--board", "Team 1", "--title", "Theirs story"], &ws);
    assert!(out.status.success(), "{}", text(&out));
    assert!(git(&["commit", "--quiet", "-am", "theirs"], &ws).status.success());
    assert!(git(&["checkout", "--quiet", "-"], &ws).status.success());
    let out = trainboard(&["add", "-w", ".", "--board", "Team 1", "--title", "Ours story"], &ws);
    assert!(out.status.success(), "{}", text(&out));
    assert!(git(&["commit", "--quiet", "-am", "ours"], &ws).status.success());
    let merged = git(&["merge", "--no-edit", "other"], &ws);
    assert!(merged.status.success(), "the driver merged both additions: {}", text(&merged));
    let list = text(&trainboard(&["list", "-w", ".", "--board", "Team 1"], &ws));
    assert!(list.contains("Ours story") && list.contains("Theirs story"), "{list}");
    let check = trainboard(&["check", "."], &ws);
    assert!(check.status.success(), "the merged boards are valid: {}", text(&check));
}

/// The lines of one section of `doctor`'s report.
fn section<'a>(report: &'a str, title: &str) -> Vec<&'a str> {
    report.lines().skip_while(|l| *l != title).skip(1).take_while(|l| l.starts_with("  ")).map(str::trim).collect()
}

#[test]
fn doctor_reports_every_section_and_the_half_set_up_driver() {
    let repo = temp("doctor");
    assert!(git(&["init", "--quiet"], &repo).status.success());
    let ws = repo.join("boards");
    assert!(trainboard(&["init", ws.to_str().unwrap()], &repo).status.success());
    let config = repo.join("config.ron");
    fs::write(&config, "(theme: \"neon\")").unwrap();
    // .gitattributes names the driver, git config does not: git would merge as text.
    fs::write(repo.join(".gitattributes"), "*.ron merge=trainboard\n").unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_trainboard"))
        .args(["--config", config.to_str().unwrap(), "doctor", "boards"])
        .current_dir(&repo)
        .env("HOME", &repo)
        .env("XDG_DATA_HOME", repo.join(".data"))
        .env("XDG_STATE_HOME", repo.join(".state"))
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("TERM", "dumb")
        .env("NO_COLOR", "1")
        .env_remove("COLORTERM")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    for title in ["trainboard", "Config", "Folders", "Workspace", "Watcher", "Git", "Terminal"] {
        assert!(!section(&report, title).is_empty(), "section {title}:\n{report}");
    }
    assert_eq!(section(&report, "trainboard"), vec![format!("version {}", env!("CARGO_PKG_VERSION"))]);
    let config_lines = section(&report, "Config").join("\n");
    assert!(config_lines.contains("config.ron (from --config)"), "{config_lines}");
    assert!(config_lines.contains("config.ron:1:9: there is no theme \"neon\""), "{config_lines}");
    let folders = section(&report, "Folders").join("\n");
    assert!(folders.contains(&repo.join(".data/trainboard/demo").display().to_string()), "{folders}");
    let workspace = section(&report, "Workspace").join("\n");
    assert!(workspace.contains("boards (given on the command line)"), "{workspace}");
    assert!(workspace.contains("3 boards"), "{workspace}");
    let watcher = section(&report, "Watcher").join("\n");
    assert!(watcher.contains("mode: file system events"), "{watcher}");
    assert!(watcher.contains("events arrive") || watcher.contains("events do NOT arrive"), "{watcher}");
    let left: Vec<_> = fs::read_dir(&ws).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(left.len(), 3, "the probe file is gone: {left:?}");
    let git_lines = section(&report, "Git").join("\n");
    assert!(git_lines.contains("warning: .gitattributes sends *.ron to the trainboard driver"), "{git_lines}");
    assert!(git_lines.contains("silently falls back to textual merges"), "{git_lines}");
    assert!(git_lines.contains("trainboard git-setup"), "{git_lines}");
    assert!(git_lines.contains("git config merge.trainboard.driver \"trainboard merge-driver %O %A %B %P\""));
    assert!(git_lines.contains("do not run custom merge drivers"), "{git_lines}");
    let terminal = section(&report, "Terminal").join("\n");
    assert!(terminal.contains("colours: none (NO_COLOR is set)"), "{terminal}");
    assert!(terminal.contains("TERM=dumb"), "{terminal}");
    assert!(terminal.contains("plain mode"), "{terminal}");

    // After git-setup the doctor sees the driver; with --poll it says polling only.
    assert!(trainboard(&["git-setup"], &repo).status.success());
    let out = trainboard(&["--poll", "doctor", "boards"], &repo);
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    let git_lines = section(&report, "Git").join("\n");
    assert!(git_lines.contains("merge driver: configured"), "{git_lines}");
    assert!(!git_lines.contains("warning"), "{git_lines}");
    assert!(section(&report, "Watcher").join("\n").contains("polling only"), "{report}");
}
