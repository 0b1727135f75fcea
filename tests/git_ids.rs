//! Two clones of one train's boards, as a team works in git: both add items, one pulls (merge
//! or rebase, with and without the merge driver), and the workspace must open with unique ids,
//! the pushed item keeping its id, and links following the renumbered item across boards.

#[path = "support/scratch.rs"]
mod scratch;
use scratch::{Scratch, private_home};

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_trainboard");

struct Repos {
    root: Scratch,
}

impl Repos {
    /// A bare origin with the demo boards in `boards/`, cloned as `alice` and `bob`.
    fn new(name: &str, with_driver: bool) -> Repos {
        let root = Scratch::new(&format!("git-{name}"));
        fs::create_dir_all(root.join("seed/boards")).unwrap();
        let repos = Repos { root };
        let seed = repos.root.join("seed");
        for entry in fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo")).unwrap().flatten() {
            fs::copy(entry.path(), seed.join("boards").join(entry.file_name())).unwrap();
        }
        if with_driver {
            fs::write(seed.join(".gitattributes"), "*.ron merge=trainboard\n").unwrap();
        }
        ok(git(&seed, &["init", "-q"]));
        ok(git(&seed, &["add", "."]));
        ok(git(&seed, &["commit", "-qm", "boards"]));
        ok(git(&repos.root, &["clone", "-q", "--bare", "seed", "origin.git"]));
        for who in ["alice", "bob"] {
            ok(git(&repos.root, &["clone", "-q", "origin.git", who]));
            if with_driver {
                let driver = format!("{BIN} merge-driver %O %A %B %P");
                ok(git(&repos.root.join(who), &["config", "merge.trainboard.driver", &driver]));
            }
        }
        repos
    }

    fn clone(&self, who: &str) -> PathBuf {
        self.root.join(who)
    }

    /// Runs trainboard in `who`'s clone on its boards.
    fn tb(&self, who: &str, args: &[&str]) -> Output {
        let home = self.root.join("home");
        Command::new(BIN)
            .args(args)
            .args(["-w", "boards"])
            .current_dir(self.clone(who))
            .env("HOME", &home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_STATE_HOME", home.join("state"))
            .output()
            .unwrap()
    }

    fn add(&self, who: &str, board: &str, title: &str) -> String {
        let out = self.tb(who, &["add", "--board", board, "--title", title]);
        ok(out).trim().to_string()
    }

    fn commit(&self, who: &str, message: &str) {
        ok(git(&self.clone(who), &["commit", "-qam", message]));
    }

    fn items(&self, who: &str) -> Vec<Value> {
        let out = self.tb(who, &["list", "--json"]);
        let text = ok(out);
        let boards: Value = serde_json::from_str(&text).unwrap();
        boards.as_array().unwrap().iter().flat_map(|b| b["items"].as_array().unwrap().clone()).collect()
    }
}

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"])
        .args(["-c", "pull.rebase=false"])
        .args(args)
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .output()
        .expect("git runs")
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn by_title<'a>(items: &'a [Value], title: &str) -> &'a Value {
    items.iter().find(|i| i["title"] == title).unwrap_or_else(|| panic!("no item titled {title}"))
}

fn assert_unique(items: &[Value]) {
    let mut ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "ids are unique");
}

/// Alice adds on `alice_board` and pushes; Bob adds on `bob_board` and pulls with `pull`.
fn both_add(name: &str, alice_board: &str, bob_board: &str, pull: &[&str], with_driver: bool) {
    let repos = Repos::new(name, with_driver);
    let alice_id = repos.add("alice", alice_board, "Alice's story");
    repos.commit("alice", "alice adds");
    ok(git(&repos.clone("alice"), &["push", "-q"]));
    let bob_id = repos.add("bob", bob_board, "Bob's story");
    assert_eq!(alice_id, bob_id, "both clones handed out the same id (the situation under test)");
    repos.commit("bob", "bob adds");
    ok(git(&repos.clone("bob"), pull));

    let items = repos.items("bob");
    assert_unique(&items);
    assert_eq!(by_title(&items, "Alice's story")["id"], alice_id.as_str(), "the pushed item keeps its id");
    assert_ne!(by_title(&items, "Bob's story")["id"], bob_id.as_str(), "the local item is renumbered");
    // The fix is on disk: Bob's next commands and `check` see unique ids.
    assert!(repos.tb("bob", &["check"]).status.success(), "check passes after the renumbering");
    // Adding again works and takes a fresh id.
    let next = repos.add("bob", bob_board, "Bob's next story");
    assert!(repos.items("bob").iter().filter(|i| i["id"] == next.as_str()).count() == 1);
}

#[test]
fn two_clones_adding_on_different_boards_merge_and_the_pushed_id_stays() {
    both_add("diff-merge", "Alpha", "Beta", &["pull", "-q", "--no-rebase"], false);
}

#[test]
fn two_clones_adding_on_different_boards_rebase_and_the_pushed_id_stays() {
    both_add("diff-rebase", "Alpha", "Beta", &["pull", "-q", "--rebase"], false);
}

#[test]
fn two_clones_adding_on_the_same_board_merge_with_the_driver() {
    both_add("same-merge", "Alpha", "Alpha", &["pull", "-q", "--no-rebase"], true);
}

#[test]
fn two_clones_adding_on_the_same_board_rebase_with_the_driver() {
    // In a rebase git calls the driver with the upstream as "ours": the local item must still
    // be the one renumbered.
    both_add("same-rebase", "Alpha", "Alpha", &["pull", "-q", "--rebase"], true);
}

#[test]
fn a_split_feature_renumbered_after_a_merge_keeps_its_stories_on_another_board() {
    let repos = Repos::new("split", true);
    let alice_feature = repos.add("alice", "ART", "Alice's feature");
    let alice_story = ok(repos.tb("alice", &["split", &alice_feature, "Alice's child", "--board", "Alpha"]));
    repos.commit("alice", "alice splits");
    ok(git(&repos.clone("alice"), &["push", "-q"]));
    let bob_feature = repos.add("bob", "ART", "Bob's feature");
    assert_eq!(alice_feature, bob_feature);
    ok(repos.tb("bob", &["split", &bob_feature, "Bob's child", "--board", "Beta"]));
    repos.commit("bob", "bob splits");
    ok(git(&repos.clone("bob"), &["pull", "-q", "--no-rebase"]));

    let items = repos.items("bob");
    assert_unique(&items);
    let bob_feature_now = by_title(&items, "Bob's feature")["id"].as_str().unwrap().to_string();
    assert_eq!(by_title(&items, "Alice's feature")["id"], alice_feature.as_str());
    assert_ne!(bob_feature_now, alice_feature);
    assert_eq!(by_title(&items, "Bob's child")["parent"], bob_feature_now.as_str(), "Bob's story follows");
    assert_eq!(by_title(&items, "Alice's child")["parent"], alice_feature.as_str(), "Alice's stays");
    assert_eq!(by_title(&items, "Alice's child")["id"], alice_story.trim());
    assert!(repos.tb("bob", &["check"]).status.success());
}

#[test]
fn delete_against_split_leaves_a_workspace_that_opens() {
    let repos = Repos::new("delete-split", false);
    // Alice deletes F-7 from the program board by hand and pushes.
    let art = repos.clone("alice").join("boards/art.ron");
    let text = fs::read_to_string(&art).unwrap();
    let mut board = trainboard::storage::parse_board(text.as_bytes(), "art.ron").unwrap();
    board.items.retain(|i| i.id != "F-7");
    board.reindex();
    fs::write(&art, trainboard::storage::board_to_string(&board)).unwrap();
    repos.commit("alice", "drop F-7");
    ok(git(&repos.clone("alice"), &["push", "-q"]));
    // Bob splits F-7 meanwhile.
    ok(repos.tb("bob", &["split", "F-7", "A story of F-7", "--board", "Beta"]));
    repos.commit("bob", "split F-7");
    ok(git(&repos.clone("bob"), &["pull", "-q", "--no-rebase"]));
    let out = repos.tb("bob", &["list"]);
    assert!(out.status.success(), "the workspace opens");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("names parent \"F-7\", but no item has that id"), "and says what is wrong: {err}");
    let add = repos.tb("bob", &["add", "--board", "Beta", "--title", "Still works"]);
    assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
}

#[test]
fn the_renumber_command_reports_and_fixes() {
    let repos = Repos::new("renumber", false);
    repos.add("alice", "Alpha", "Alice's story");
    repos.commit("alice", "a");
    ok(git(&repos.clone("alice"), &["push", "-q"]));
    repos.add("bob", "Beta", "Bob's story");
    repos.commit("bob", "b");
    ok(git(&repos.clone("bob"), &["pull", "-q", "--no-rebase"]));
    let out = ok(repos.tb("bob", &["renumber"]));
    assert!(out.contains("Bob's story") && out.contains("is now"), "{out}");
    let again = ok(repos.tb("bob", &["renumber"]));
    assert!(again.contains("nothing to renumber"), "{again}");
}

/// Edits a board file of `who`'s clone through the model, as trainboard would write it.
fn edit_board(repos: &Repos, who: &str, file: &str, change: impl FnOnce(&mut trainboard::model::Board)) {
    let path = repos.clone(who).join("boards").join(file);
    let mut board = trainboard::storage::parse_board(&fs::read(&path).unwrap(), file).unwrap();
    change(&mut board);
    board.reindex();
    fs::write(&path, trainboard::storage::board_to_string(&board)).unwrap();
}

#[test]
fn a_column_added_against_a_changed_wip_limit_merges_to_a_valid_board() {
    let repos = Repos::new("columns", true);
    edit_board(&repos, "alice", "team-alpha.ron", |b| {
        b.columns.insert(3, trainboard::model::Column::new("Testing", Some(2)));
    });
    repos.commit("alice", "alice adds a column");
    ok(git(&repos.clone("alice"), &["push", "-q"]));
    edit_board(&repos, "bob", "team-alpha.ron", |b| {
        b.columns.iter_mut().find(|c| c.name == "Ready").unwrap().wip = Some(9);
    });
    repos.commit("bob", "bob raises a limit");
    ok(git(&repos.clone("bob"), &["pull", "-q", "--no-rebase"]));
    let out = repos.tb("bob", &["check"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let text = fs::read(repos.clone("bob").join("boards/team-alpha.ron")).unwrap();
    let board = trainboard::storage::parse_board(&text, "team-alpha.ron").unwrap();
    assert!(board.column_index("Testing").is_some(), "Alice's column");
    assert_eq!(board.columns[board.column_index("Ready").unwrap()].wip, Some(9), "Bob's limit");
}

#[test]
fn with_git_setup_a_pull_leaves_unique_ids_on_disk_before_anyone_opens_the_boards() {
    let repos = Repos::new("hooks", false);
    let setup = private_home(&mut Command::new(BIN), &repos.root.join("home"))
        .arg("git-setup")
        .current_dir(repos.clone("bob"))
        .output()
        .unwrap();
    ok(setup);
    let alice_id = repos.add("alice", "Alpha", "Alice's story");
    repos.commit("alice", "a");
    ok(git(&repos.clone("alice"), &["push", "-q"]));
    repos.add("bob", "Beta", "Bob's story");
    ok(git(&repos.clone("bob"), &["add", "."]));
    repos.commit("bob", "b");
    let pull = git(&repos.clone("bob"), &["pull", "-q", "--no-rebase"]);
    // git hands a hook's output to its standard error.
    let said = String::from_utf8_lossy(&pull.stderr).into_owned();
    ok(pull);
    assert!(said.contains("Bob's story") && said.contains("is now"), "the hook says what it renamed: {said}");
    // Straight from the files, no trainboard command in between.
    let mut ids = Vec::new();
    for entry in fs::read_dir(repos.clone("bob").join("boards")).unwrap().flatten() {
        let board = trainboard::storage::parse_board(&fs::read(entry.path()).unwrap(), "x").unwrap();
        ids.extend(board.items.into_iter().map(|i| (i.id, i.title)));
    }
    let n = ids.len();
    let mut unique: Vec<&String> = ids.iter().map(|(id, _)| id).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), n);
    assert!(ids.iter().any(|(id, title)| *id == alice_id && title == "Alice's story"));
    // Running it again changes nothing.
    let again = private_home(&mut Command::new(BIN), &repos.root.join("home"))
        .arg("git-setup")
        .current_dir(repos.clone("bob"))
        .output()
        .unwrap();
    assert!(ok(again).contains("already renumbers"));
}
