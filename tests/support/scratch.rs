//! Scratch folders for the tests: each is removed when its owner is dropped, also when the test panics.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::ops::Deref;
use std::path::Path;
use std::process::Command;

/// A fresh, empty folder in the system temp folder named `trainboard-{name}-XXXXXX`.
/// Derefs to its path so `dir.join(..)`, `&dir` and `.arg(&dir)` keep working.
pub struct Scratch(tempfile::TempDir);

impl Scratch {
    /// Makes the folder; `name` only makes it readable when a test is being debugged.
    pub fn new(name: &str) -> Scratch {
        let dir = tempfile::Builder::new().prefix(&format!("trainboard-{name}-")).tempdir().expect("scratch folder");
        Scratch(dir)
    }

    /// Makes the folder with the given subfolders (e.g. `ws`, `home`) inside.
    pub fn with_dirs(name: &str, subdirs: &[&str]) -> Scratch {
        let dir = Scratch::new(name);
        for sub in subdirs {
            std::fs::create_dir_all(dir.join(sub)).expect("scratch subfolder");
        }
        dir
    }

    /// A folder with `ws`, a copy of the demo's boards, and `home`, for a run of the binary
    /// on a copy of the demo.
    pub fn demo_copy(name: &str) -> Scratch {
        let dir = Scratch::with_dirs(name, &["ws", "home"]);
        let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
        for entry in std::fs::read_dir(demo).expect("the demo folder") {
            let path = entry.expect("a demo file").path();
            if path.extension().is_some_and(|e| e == "ron") {
                std::fs::copy(&path, dir.join("ws").join(path.file_name().expect("a file name"))).expect("copied");
            }
        }
        dir
    }

    pub fn path(&self) -> &Path {
        self.0.path()
    }
}

/// Points the child's home and XDG folders at `home` (a folder inside a scratch folder), so a
/// run of the binary writes no log, config or demo into the real home.
pub fn private_home<'c>(cmd: &'c mut Command, home: &Path) -> &'c mut Command {
    cmd.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
}

impl Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        self.0.path()
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        self.0.path()
    }
}

impl AsRef<OsStr> for Scratch {
    fn as_ref(&self) -> &OsStr {
        self.0.path().as_os_str()
    }
}
