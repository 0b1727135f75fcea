//! Running the real binary as a script would, with a private home and data folders.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

pub fn run(args: &[&str], home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trainboard"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .output()
        .unwrap()
}
