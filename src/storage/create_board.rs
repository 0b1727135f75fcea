//! Writing a new board file from the app: at a free name in the workspace folder (the name
//! asked for, else `NAME-2.ron`, `NAME-3.ron`, …), never over an existing file, even one that
//! appears while we write (the file is linked into place, which fails when the name is taken).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::model::Board;

use super::canonical::board_to_string;
use super::temp_files::TempFile;

/// How many numbered names are tried before giving up.
const MAX_SUFFIX: u32 = 99;

/// A board written to a new file.
#[derive(Debug)]
pub struct Created {
    /// The board with the key (file name) it got.
    pub board: Board,
    pub path: PathBuf,
    /// The bytes written: the file's merge base.
    pub bytes: Vec<u8>,
}

/// Writes `board` into `root` under its key, or the first free numbered variant of it when a
/// file (or a board of the workspace, `taken`) has that name. Call under the workspace lock.
pub fn write_new_board(root: &Path, mut board: Board, taken: impl Fn(&str) -> bool) -> Result<Created, String> {
    let wanted = board.key.clone();
    let stem = wanted.strip_suffix(".ron").unwrap_or(&wanted).to_string();
    if stem.is_empty() || stem.contains('/') || stem.starts_with('.') {
        return Err(format!("\"{wanted}\" is not a board file name"));
    }
    for n in 1..=MAX_SUFFIX {
        let key = if n == 1 { format!("{stem}.ron") } else { format!("{stem}-{n}.ron") };
        let path = root.join(&key);
        if taken(&key) || path.symlink_metadata().is_ok() {
            continue;
        }
        board.key = key;
        let bytes = board_to_string(&board).into_bytes();
        match write_new(&path, &bytes) {
            Ok(()) => return Ok(Created { board, path, bytes }),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(err) => return Err(format!("could not write {}: {err}", path.display())),
        }
    }
    Err(format!("{stem}.ron and {MAX_SUFFIX} numbered names after it are all taken; choose another name"))
}

/// Writes `bytes` to `path`, which must not exist: a temp file beside it, synced, then linked
/// to the name (fails with `AlreadyExists` when someone took it meanwhile).
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let mut temp = TempFile::create(dir, name, 0o666)?;
    temp.file.write_all(bytes)?;
    temp.file.sync_all()?;
    match fs::hard_link(&temp.path, path) {
        Ok(()) => {}
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => return Err(err),
        // A file system without hard links: create the name exclusively and write it there.
        Err(_) => {
            drop(temp);
            let mut file = fs::OpenOptions::new().write(true).create_new(true).open(path)?;
            if let Err(err) = file.write_all(bytes).and_then(|()| file.sync_all()) {
                let _ = fs::remove_file(path);
                return Err(err);
            }
            return Ok(());
        }
    }
    // Dropping the temp file removes its own name; the board keeps the new one.
    drop(temp);
    if let Ok(folder) = fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, Level};

    fn temp_dir(name: &str) -> tempfile::TempDir {
        tempfile::Builder::new().prefix(&format!("trainboard-create-{name}-")).tempdir().unwrap()
    }

    fn board(key: &str) -> Board {
        Board::new(key, "Gamma", Level::Team, vec![Column::new("Backlog", None)])
    }

    #[test]
    fn a_new_board_never_overwrites_and_takes_a_numbered_name() {
        let scratch = temp_dir("numbered");
        let dir = scratch.path();
        fs::write(dir.join("gamma.ron"), "someone's file").unwrap();
        let created = write_new_board(dir, board("gamma.ron"), |k| k == "gamma-2.ron").unwrap();
        assert_eq!(created.board.key, "gamma-3.ron");
        assert_eq!(fs::read_to_string(dir.join("gamma.ron")).unwrap(), "someone's file");
        let back = crate::storage::parse_board(&fs::read(&created.path).unwrap(), "gamma-3.ron").unwrap();
        assert_eq!(back.name, "Gamma");
        assert_eq!(created.bytes, fs::read(&created.path).unwrap());
        let names: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert!(names.iter().all(|n| !n.contains("trainboard-tmp")), "no temp file left: {names:?}");
        assert!(write_new_board(dir, board("../x.ron"), |_| false).is_err());
    }
}
