//! Finding and loading the board files of a workspace folder, and checking it as a whole.
//!
//! Every problem is reported as `file:line:column: message`; one broken file does not hide the
//! problems of the others.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::model::validate::Rule;
use crate::model::{Board, Workspace, validate};

use super::packed_base::Packed;
use super::parse::parse_board;
use super::problem_position::locate;

pub use super::folder_scan::{MAX_BOARD_BYTES, read_board_bytes};

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
    pub bytes: Packed,
}

impl LoadedFile {
    pub fn new(path: PathBuf, bytes: &[u8]) -> LoadedFile {
        LoadedFile { path, bytes: Packed::new(bytes) }
    }
}

/// Every board file of a workspace, parsed.
#[derive(Debug)]
pub struct Loaded {
    pub root: PathBuf,
    pub boards: Vec<Board>,
    pub files: Vec<LoadedFile>,
    /// Everything `check` reports, in file order.
    pub problems: Vec<FileProblem>,
    /// For each of `problems`: the board's key, and the rule it breaks (`None`: the file
    /// could not be read or parsed at all).
    pub kinds: Vec<(String, Option<Rule>)>,
    /// Files passed over (not boards, not regular files); never fatal.
    pub notes: Vec<FileProblem>,
}

/// True when `dir` holds at least one board file at its top level.
pub fn holds_boards(dir: &Path) -> bool {
    !board_files(dir).is_empty()
}

/// The board files directly in `root`, sorted (see [`super::folder_scan`]).
pub fn board_files(root: &Path) -> Vec<PathBuf> {
    super::folder_scan::scan(root).boards
}

/// The key of a board: its path relative to the workspace, with `/` separators.
///
/// Boards live at the top level of the workspace, so the key is the file name: `team.ron`
/// whether the workspace was opened as `.`, `boards`, `./boards/` or through a symlink.
pub fn board_key(_root: &Path, path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
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
    Ok((board, LoadedFile::new(path.to_path_buf(), &bytes)))
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

/// Loads every board of `root` and checks the workspace rules.
pub fn load_workspace(root: &Path) -> Loaded {
    load_workspace_with(root, None)
}

/// [`load_workspace`], taking one board already read (the one the screen shows first) as it
/// was read instead of reading it again.
pub fn load_workspace_with(root: &Path, known: Option<(Board, LoadedFile)>) -> Loaded {
    let scan = super::folder_scan::scan(root);
    let mut loaded = Loaded {
        root: root.to_path_buf(),
        boards: Vec::new(),
        files: Vec::new(),
        problems: Vec::new(),
        kinds: Vec::new(),
        notes: scan
            .skipped
            .into_iter()
            .map(|(path, message)| FileProblem { path, line: 0, column: 0, message })
            .collect(),
    };
    let (known_path, mut known) = match known {
        Some((board, file)) => (Some(file.path.clone()), Some(Ok((board, file)))),
        None => (None, None),
    };
    let to_read: Vec<PathBuf> = scan.boards.iter().filter(|p| Some(*p) != known_path.as_ref()).cloned().collect();
    let mut read = load_files_in_parallel(root, &to_read).into_iter();
    let results = scan.boards.iter().filter_map(|path| match known_path.as_ref() == Some(path) {
        true => known.take(),
        false => read.next(),
    });
    for result in results.collect::<Vec<_>>() {
        match result {
            Ok((board, file)) => {
                loaded.boards.push(board);
                loaded.files.push(file);
            }
            Err(problem) if !looks_like_a_board(&problem.path) => loaded.notes.push(FileProblem {
                line: 0,
                column: 0,
                message: "skipped: not a board file (a board has a name, a level and columns)".into(),
                ..problem
            }),
            Err(problem) => {
                loaded.kinds.push((board_key(root, &problem.path), None));
                loaded.problems.push(problem);
            }
        }
    }
    if loaded.boards.is_empty() && loaded.problems.is_empty() {
        loaded.kinds.push((String::new(), None));
        loaded.problems.push(FileProblem {
            path: root.to_path_buf(),
            line: 0,
            column: 0,
            message: "no board files (*.ron) here; `trainboard init` writes a starter workspace".into(),
        });
    }
    for problem in validate::validate(&loaded.boards) {
        let file = loaded.files.iter().find(|f| board_key(root, &f.path) == problem.board);
        let file_problem = locate_problem(root, file, &problem);
        loaded.kinds.push((problem.board, Some(problem.rule)));
        loaded.problems.push(file_problem);
    }
    loaded
}

/// A validation problem at its line and column in the board's file.
pub fn locate_problem(root: &Path, file: Option<&LoadedFile>, problem: &validate::Problem) -> FileProblem {
    let (path, (line, column)) = match file {
        Some(file) => (file.path.clone(), locate(&text_of(&file.bytes.unpack()), &problem.place)),
        None => (root.join(&problem.board), (1, 1)),
    };
    FileProblem { path, line, column, message: problem.message.clone() }
}

/// Whether a `.ron` file that did not parse was meant to be a board (a board with a typo is
/// reported; some other program's RON file is passed over). Empty files count as boards.
fn looks_like_a_board(path: &Path) -> bool {
    let Ok(bytes) = read_board_bytes(path) else { return true };
    let text = text_of(&bytes);
    let trimmed = text.trim_start();
    trimmed.is_empty()
        || trimmed.starts_with("Board")
        || ["columns", "items", "level"].iter().any(|key| has_key(&text, key))
}

/// True when `key` appears as a field name (`key:`) in `text`.
fn has_key(text: &str, key: &str) -> bool {
    text.match_indices(key).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + key.len()..].trim_start();
        before.is_none_or(|c| !(c.is_alphanumeric() || c == '_')) && after.starts_with(':')
    })
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
