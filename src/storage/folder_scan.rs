//! Which files of a folder are its boards: the `*.ron` files at its top level (never below,
//! so a project folder with `.ron` files deep inside is not a workspace), skipping hidden
//! files, `config.ron`, copies a merge tool leaves (`team_BASE_1234.ron`) and anything that is
//! not a regular file (FIFOs, devices, sockets, folders, links to them), each with a reason.
//!
//! Reading a board file is safe against the same things: it opens without blocking, checks
//! the opened file is regular, and never reads more than the size cap.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Board files larger than this are refused before (and while) they are read.
pub const MAX_BOARD_BYTES: u64 = 64 * 1024 * 1024;

/// The board files of a folder and the `.ron` files passed over, with why.
#[derive(Debug, Default, Clone)]
pub struct Scan {
    pub boards: Vec<PathBuf>,
    pub skipped: Vec<(PathBuf, String)>,
}

/// True for a file name that can be a board: `*.ron`, not hidden, not the config, not a
/// merge tool's copy. Says nothing about the file's type or content.
pub fn is_board_name(name: &str) -> bool {
    name.ends_with(".ron") && !name.starts_with('.') && name != "config.ron" && merge_tool_copy(name).is_none()
}

/// `Some("BASE")` for names like `team_BASE_12345.ron` that git mergetool, kdiff3 and
/// friends write beside the file being merged.
pub fn merge_tool_copy(name: &str) -> Option<&'static str> {
    let stem = name.strip_suffix(".ron")?;
    ["BASE", "LOCAL", "REMOTE", "BACKUP", "MERGED"].into_iter().find(|tag| {
        stem.rsplit_once(&format!("_{tag}_")).is_some_and(|(before, digits)| {
            !before.is_empty() && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
        })
    })
}

/// True when `path` names a file directly inside `root` (the only place boards live).
pub fn is_in_root(root: &Path, path: &Path) -> bool {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    same_dir(parent, root)
}

fn same_dir(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The board files directly in `root`, sorted, and what was skipped.
pub fn scan(root: &Path) -> Scan {
    let mut scan = Scan::default();
    let Ok(entries) = fs::read_dir(root) else { return scan };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !name.ends_with(".ron") || name.starts_with('.') || name == "config.ron" {
            continue;
        }
        let path = entry.path();
        if let Some(tag) = merge_tool_copy(name) {
            scan.skipped.push((path, format!("skipped: a merge tool's {tag} copy, not a board")));
            continue;
        }
        // Follows symlinks: a link to a board file is a board; a link to a device is not.
        match fs::metadata(&path) {
            Ok(meta) if meta.is_file() => scan.boards.push(path),
            Ok(meta) => scan.skipped.push((path, format!("skipped: {}, not a board file", file_type_words(&meta)))),
            Err(e) => scan.skipped.push((path, format!("skipped: cannot read it ({e})"))),
        }
    }
    scan.boards.sort();
    scan.skipped.sort();
    scan
}

fn file_type_words(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_dir() {
        "a folder"
    } else if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else {
        "not a regular file"
    }
}

/// Reads a board file's bytes: never blocks on a FIFO, refuses anything but a regular file,
/// and stops at the size cap even when the file grows while it is read.
pub fn read_board_bytes(path: &Path) -> Result<Vec<u8>, String> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| format!("cannot read the file: {e}"))?;
    let meta = file.metadata().map_err(|e| format!("cannot read the file: {e}"))?;
    if !meta.is_file() {
        return Err(format!("this is {}, not a board file; it was not read", file_type_words(&meta)));
    }
    let too_big = || {
        format!("the file is over the {} MiB limit for a board file; it was not read", MAX_BOARD_BYTES / (1024 * 1024))
    };
    if meta.len() > MAX_BOARD_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_BOARD_BYTES + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read the file: {e}"))?;
    if bytes.len() as u64 > MAX_BOARD_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_boards_and_of_merge_tool_copies() {
        assert!(is_board_name("team-alpha.ron"));
        assert!(is_board_name("BASE.ron"));
        assert!(is_board_name("my_BASE_plan.ron"));
        assert!(!is_board_name("team_BASE_12345.ron"));
        assert!(!is_board_name("team_LOCAL_9.ron"));
        assert!(!is_board_name("team_REMOTE_77.ron"));
        assert!(!is_board_name(".team.ron"));
        assert!(!is_board_name("config.ron"));
        assert!(!is_board_name("team.ron.conflict-2026"));
    }
}
