//! The tests' scratch folders: named readably, and gone when the test ends, also when it panics.

mod support;
use support::scratch::{Scratch, private_home};

use std::path::PathBuf;

#[test]
fn a_scratch_folder_is_named_after_the_test_and_removed_when_dropped() {
    let dir = Scratch::with_dirs("scratch-drop", &["ws", "home"]);
    let path = dir.to_path_buf();
    assert!(path.file_name().unwrap().to_string_lossy().starts_with("trainboard-scratch-drop-"), "{}", path.display());
    assert!(path.starts_with(std::env::temp_dir()));
    assert!(dir.join("ws").is_dir() && dir.join("home").is_dir());
    std::fs::write(dir.join("ws/team.ron"), "()").unwrap();
    drop(dir);
    assert!(!path.exists(), "{} is left behind", path.display());
}

#[test]
fn a_scratch_folder_is_removed_when_the_test_panics() {
    let mut seen: Option<PathBuf> = None;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let dir = Scratch::new("scratch-panic");
        std::fs::create_dir_all(dir.join("home/state")).unwrap();
        seen = Some(dir.to_path_buf());
        panic!("a failing assertion");
    }));
    assert!(result.is_err());
    let path = seen.expect("the folder was made");
    assert!(!path.exists(), "{} is left behind", path.display());
}

#[test]
fn two_scratch_folders_with_one_name_do_not_collide() {
    let a = Scratch::new("scratch-same");
    let b = Scratch::new("scratch-same");
    assert_ne!(a.path(), b.path());
}

#[test]
fn the_binary_run_with_a_private_home_writes_its_state_there() {
    let dir = Scratch::with_dirs("scratch-home", &["home"]);
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_trainboard"));
    let out = private_home(&mut cmd, &dir.join("home")).arg("doctor").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&dir.join("home").display().to_string()), "doctor names the private folders:\n{text}");
}
