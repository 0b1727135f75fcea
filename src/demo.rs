//! The built-in demo workspace and the `init` starter, compiled into the binary. The demo is
//! written to the user's data folder on first use so edits to it are kept between runs.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The demo workspace's files: name and content.
pub const DEMO: &[(&str, &str)] = &[
    ("portfolio.ron", include_str!("../assets/demo/portfolio.ron")),
    ("art.ron", include_str!("../assets/demo/art.ron")),
    ("roam.ron", include_str!("../assets/demo/roam.ron")),
    ("team-alpha.ron", include_str!("../assets/demo/team-alpha.ron")),
    ("team-beta.ron", include_str!("../assets/demo/team-beta.ron")),
];

/// The starter workspace of `trainboard init`.
pub const STARTER: &[(&str, &str)] = &[
    ("portfolio.ron", include_str!("../assets/starter/portfolio.ron")),
    ("art.ron", include_str!("../assets/starter/art.ron")),
    ("team.ron", include_str!("../assets/starter/team.ron")),
];

#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{0} already holds board files; init writes only into an empty or new folder")]
    NotEmpty(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("--teams: {0}")]
    Teams(String),
}

/// Where the demo lives: `<data folder>/trainboard/demo`.
pub fn demo_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "trainboard").map(|dirs| dirs.data_dir().join("demo"))
}

/// Writes the demo files that are missing (never overwriting the user's edits); returns the folder.
pub fn ensure_demo() -> io::Result<PathBuf> {
    let dir =
        demo_dir().ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no home folder to keep the demo in"))?;
    ensure_demo_in(&dir)?;
    Ok(dir)
}

/// Writes the demo files missing from `dir`, keeping the ones there.
pub fn ensure_demo_in(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    for (name, content) in DEMO {
        let path = dir.join(name);
        if !path.exists() {
            fs::write(&path, content)?;
        }
    }
    Ok(())
}

/// Writes the starter workspace into `dir` (created if needed); refuses a folder with boards.
pub fn write_starter(dir: &Path) -> Result<Vec<PathBuf>, InitError> {
    if crate::storage::load_and_check::holds_boards(dir) {
        return Err(InitError::NotEmpty(dir.to_path_buf()));
    }
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| InitError::Io { path, source }
    };
    fs::create_dir_all(dir).map_err(io_err(dir))?;
    STARTER
        .iter()
        .map(|(name, content)| {
            let path = dir.join(name);
            fs::write(&path, content).map_err(io_err(&path))?;
            Ok(path)
        })
        .collect()
}

/// The starter with one team board per name (`team-alpha.ron` for "Alpha", SAFe's team columns);
/// the first team gets the starter's example stories and the features planned for it.
pub fn write_starter_with_teams(dir: &Path, teams: &[String]) -> Result<Vec<PathBuf>, InitError> {
    if teams.is_empty() {
        return write_starter(dir);
    }
    if crate::storage::load_and_check::holds_boards(dir) {
        return Err(InitError::NotEmpty(dir.to_path_buf()));
    }
    let boards = starter_boards(teams)?;
    fs::create_dir_all(dir).map_err(|source| InitError::Io { path: dir.to_path_buf(), source })?;
    boards
        .iter()
        .map(|board| {
            let path = dir.join(&board.key);
            let text = crate::storage::board_to_string(board);
            fs::write(&path, text).map_err(|source| InitError::Io { path: path.clone(), source })?;
            Ok(path)
        })
        .collect()
}

/// The starter's portfolio and program boards and a team board for each of `teams`.
fn starter_boards(teams: &[String]) -> Result<Vec<crate::model::Board>, InitError> {
    use crate::storage::parse_board;
    let parse = |name: &str, text: &str| {
        parse_board(text.as_bytes(), name).map_err(|e| InitError::Teams(format!("starter {name}: {}", e.message)))
    };
    let mut slugs: Vec<String> = Vec::new();
    for team in teams {
        let slug = crate::model::columns::slug(team);
        if slug.is_empty() {
            return Err(InitError::Teams(format!("\"{team}\" is not a team name")));
        }
        if slugs.contains(&slug) {
            return Err(InitError::Teams(format!("\"{team}\" is named twice")));
        }
        slugs.push(slug);
    }
    let template = parse("team.ron", STARTER[2].1)?;
    let old_name = template.name.clone();
    let rename = |item: &mut crate::model::Item| {
        if item.team.as_deref() == Some(old_name.as_str()) {
            item.team = Some(teams[0].clone());
        }
    };
    let mut art = parse("art.ron", STARTER[1].1)?;
    art.items.iter_mut().for_each(rename);
    let mut boards = vec![parse("portfolio.ron", STARTER[0].1)?, art];
    for (n, (team, slug)) in teams.iter().zip(&slugs).enumerate() {
        let mut board = template.clone();
        board.key = format!("team-{slug}.ron");
        board.name = team.trim().to_string();
        if n == 0 {
            board.items.iter_mut().for_each(rename);
        } else {
            board.items.clear();
            board.objectives.clear();
        }
        board.reindex();
        boards.push(board);
    }
    Ok(boards)
}

/// An empty board of `level` called `name`, with the starter's columns for that level (SAFe's
/// defaults, as `init` writes them) and, for a program board, its iterations; its key is the
/// file name derived from the name (refused when the name has no letter or digit).
pub fn new_board(level: crate::model::Level, name: &str) -> Result<crate::model::Board, String> {
    use crate::model::Level;
    let file = match level {
        Level::Portfolio => STARTER[0],
        Level::Program => STARTER[1],
        Level::Team => STARTER[2],
    };
    let key = crate::model::columns::file_name_for(name)
        .ok_or_else(|| format!("\"{name}\" has no letter or digit to name its file after"))?;
    let template = crate::storage::parse_board(file.1.as_bytes(), file.0)
        .map_err(|e| format!("the starter {} does not read: {}", file.0, e.message))?;
    let mut board = crate::model::Board::new(key, name, level, template.columns);
    board.iterations = template.iterations;
    board.default_kind = template.default_kind;
    Ok(board)
}

/// Which workspace opening would use, and so why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The folder given on the command line.
    Given(PathBuf),
    /// This folder, which holds board files.
    Here,
    /// The demo (its folder, when there is a home folder for it).
    Demo(Option<PathBuf>),
}

/// The workspace to open: the given folder, else this one if it holds boards, else the demo.
pub fn find_workspace(path: Option<&Path>) -> Found {
    match path {
        Some(path) => Found::Given(path.to_path_buf()),
        None if crate::storage::load_and_check::holds_boards(Path::new(".")) => Found::Here,
        None => Found::Demo(demo_dir()),
    }
}

/// `~/…` for paths in the home folder, for the status line.
pub fn display_path(path: &Path) -> String {
    // `.` or `../x` says little on a status line: show where it really is.
    let path = &path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let home =
        directories::BaseDirs::new().map(|d| d.home_dir().canonicalize().unwrap_or_else(|_| d.home_dir().into()));
    match home.as_deref().and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) => format!("~/{}", rest.display()),
        None => path.display().to_string(),
    }
}
