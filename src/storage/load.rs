//! Finding and loading the board files of a workspace folder, and checking it as a whole.
//!
//! Every problem is reported as `file:line:column: message`; one broken file does not hide the
//! problems of the others.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::model::{Board, Workspace, validate};

use super::locate::locate;
use super::read::parse_board;

/// Board files larger than this are refused before they are read.
pub const MAX_BOARD_BYTES: u64 = 64 * 1024 * 1024;

/// A problem in a file, with its position (1-based; 0 when it concerns the whole file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path.display(), self.line, self.column, self.message)
    }
}

/// A loaded board file: the bytes last read or written, which are the base for later merges.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Every board file of a workspace, parsed.
#[derive(Debug)]
pub struct Loaded {
    pub root: PathBuf,
    pub boards: Vec<Board>,
    pub files: Vec<LoadedFile>,
    pub problems: Vec<FileProblem>,
}

/// True when `dir` holds at least one board file (directly or below).
pub fn holds_boards(dir: &Path) -> bool {
    !board_files(dir).is_empty()
}

/// The `*.ron` files at or below `root`, skipping hidden files and folders and not following
/// symlinked folders (so a symlink loop cannot trap the walk). Sorted for a stable order.
pub fn board_files(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                pending.push(path);
            } else if name.ends_with(".ron") && name != "config.ron" {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The key of a board: its path relative to the workspace, with `/` separators.
pub fn board_key(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Reads a board file's bytes, refusing folders and files over the size cap.
pub fn read_board_bytes(path: &Path) -> Result<Vec<u8>, String> {
    let meta = fs::metadata(path).map_err(|e| format!("cannot read the file: {e}"))?;
    if meta.is_dir() {
        return Err("this is a folder, not a board file".into());
    }
    if meta.len() > MAX_BOARD_BYTES {
        return Err(format!(
            "the file is {} MiB, over the {} MiB limit for a board file; it was not read",
            meta.len() / (1024 * 1024),
            MAX_BOARD_BYTES / (1024 * 1024)
        ));
    }
    fs::read(path).map_err(|e| format!("cannot read the file: {e}"))
}

/// Why a board file cannot be saved: the file or its folder has no write permission (checked
/// on the mode bits, so it holds for root too) or the system refuses writing.
pub fn not_writable(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let no_write_bits = |p: &Path| fs::metadata(p).map(|m| m.permissions().mode() & 0o222 == 0).unwrap_or(false);
    let refused = |p: &Path| {
        let Ok(c) = std::ffi::CString::new(p.as_os_str().as_encoded_bytes()) else { return false };
        // SAFETY: c is a valid NUL-terminated path; access only checks permissions.
        unsafe { libc::access(c.as_ptr(), libc::W_OK) != 0 }
    };
    let target = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let folder = target.parent().map(Path::to_path_buf).unwrap_or_default();
    if no_write_bits(&target) || refused(&target) {
        Some("the file is not writable".into())
    } else if no_write_bits(&folder) || refused(&folder) {
        Some("its folder is not writable, so it cannot be replaced safely".into())
    } else {
        None
    }
}

/// Loads one file into a board, or the problem that stops it.
pub fn load_file(root: &Path, path: &Path) -> Result<(Board, LoadedFile), FileProblem> {
    let problem = |line, column, message| FileProblem { path: path.to_path_buf(), line, column, message };
    let bytes = read_board_bytes(path).map_err(|message| problem(1, 1, message))?;
    let mut board = parse_board(&bytes, &board_key(root, path)).map_err(|e| problem(e.line, e.column, e.message))?;
    board.locked = not_writable(path);
    Ok((board, LoadedFile { path: path.to_path_buf(), bytes }))
}

/// Loads the files on all cores (parsing dominates start-up); results keep the files' order.
fn load_files_in_parallel(root: &Path, paths: &[PathBuf]) -> Vec<Result<(Board, LoadedFile), FileProblem>> {
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(paths.len().max(1));
    if threads <= 1 {
        return paths.iter().map(|p| load_file(root, p)).collect();
    }
    // Hand out files biggest first so no thread is left with the one big board at the end.
    let mut order: Vec<usize> = (0..paths.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(fs::metadata(&paths[i]).map(|m| m.len()).unwrap_or(0)));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Option<Result<(Board, LoadedFile), FileProblem>>> = (0..paths.len()).map(|_| None).collect();
    let done = std::sync::Mutex::new(&mut results);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(&i) = order.get(n) else { break };
                    let result = load_file(root, &paths[i]);
                    if let Ok(mut slots) = done.lock() {
                        slots[i] = Some(result);
                    }
                }
            });
        }
    });
    results.into_iter().flatten().collect()
}

/// Loads every board under `root` and checks the workspace rules.
pub fn load_workspace(root: &Path) -> Loaded {
    let mut loaded = Loaded { root: root.to_path_buf(), boards: Vec::new(), files: Vec::new(), problems: Vec::new() };
    for result in load_files_in_parallel(root, &board_files(root)) {
        match result {
            Ok((board, file)) => {
                loaded.boards.push(board);
                loaded.files.push(file);
            }
            Err(problem) => loaded.problems.push(problem),
        }
    }
    if loaded.boards.is_empty() && loaded.problems.is_empty() {
        loaded.problems.push(FileProblem {
            path: root.to_path_buf(),
            line: 0,
            column: 0,
            message: "no board files (*.ron) here; `trainboard init` writes a starter workspace".into(),
        });
    }
    for problem in validate::validate(&loaded.boards) {
        let file = loaded.files.iter().find(|f| board_key(root, &f.path) == problem.board);
        let (path, (line, column)) = match file {
            Some(file) => (file.path.clone(), locate(&text_of(&file.bytes), &problem.place)),
            None => (root.join(&problem.board), (1, 1)),
        };
        loaded.problems.push(FileProblem { path, line, column, message: problem.message });
    }
    loaded
}

fn text_of(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8_lossy(bytes).into_owned()
}

impl Loaded {
    /// The workspace, when every file loaded and every rule holds.
    pub fn into_workspace(self) -> Result<(Workspace, Vec<LoadedFile>, PathBuf), Vec<FileProblem>> {
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        Ok((Workspace::new(self.boards), self.files, self.root))
    }
}
