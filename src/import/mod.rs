//! `trainboard import jira|azure|trello FILE`: read another tool's export into drafts (one per
//! item, with the board it belongs on), plan boards and items against the workspace (update by
//! id, keep what trainboard added), check the result, and write through the save protocol.

pub mod apply;
pub mod azure;
pub mod category;
pub mod columns;
pub mod dates;
pub mod fill;
pub mod jira;
pub mod links;
pub mod marks;
pub mod plan;
pub mod summary;
pub mod table;
pub mod text;
pub mod trello;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::model::{Item, Level};

pub use category::Category;

/// The tool an export comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Source {
    Jira,
    Azure,
    Trello,
}

/// The options of one import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub dry_run: bool,
    /// Trello: import archived lists and cards too.
    pub archived: bool,
    /// `HEADER=Field`: which header of the file holds which field (by its English name).
    pub map: Vec<(String, String)>,
    /// `NAME=Type`: which type name of the file is which issue type.
    pub types: Vec<(String, String)>,
    /// The header whose values name the team boards.
    pub team_field: Option<String>,
}

impl Options {
    /// The tool's own (English) type name for a type name of the file, after `--type`.
    pub fn type_named<'a>(&'a self, name: &'a str) -> &'a str {
        let lower = name.to_lowercase();
        self.types.iter().find(|(from, _)| from.to_lowercase() == lower).map_or(name, |(_, to)| to.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Format(String),
    #[error("{0}")]
    Missing(String),
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{0}")]
    Workspace(String),
    #[error("the import would leave the workspace invalid, so nothing was written:\n{0}")]
    Invalid(String),
    #[error(transparent)]
    Locked(#[from] crate::storage::lock::LockError),
    #[error(transparent)]
    Save(#[from] crate::storage::save_protocol::ProtocolError),
}

/// Which board a draft goes to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Portfolio,
    Program,
    Team(String),
}

impl Target {
    /// Where an item of `level` goes: a team item to its team's board (`team`, or the one
    /// team board), others to the program or portfolio board, keeping `team` as their field.
    pub fn place(level: Level, team: Option<String>, item: &mut Item) -> Target {
        match level {
            Level::Portfolio | Level::Program => {
                item.team = team;
                if level == Level::Portfolio { Target::Portfolio } else { Target::Program }
            }
            Level::Team => Target::Team(team.unwrap_or_default()),
        }
    }

    pub fn level(&self) -> Level {
        match self {
            Target::Portfolio => Level::Portfolio,
            Target::Program => Level::Program,
            Target::Team(_) => Level::Team,
        }
    }
}

/// One item read from an export, before it is placed on a board.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Id, title, column (the status), kind and the plain fields; `parent` and `depends_on`
    /// are still the export's references, resolved when planning.
    pub item: Item,
    pub target: Target,
    /// The export's priority order (Jira's LexoRank; compared as text), else row order.
    pub rank: Option<String>,
    /// History: time and column; `None` is the board's first column (the item was created).
    pub history: Vec<(String, Option<String>)>,
    /// Ids of items that depend on this one (Jira's outward "blocks" links).
    pub blocks: Vec<String>,
}

/// What a reader made of an export.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The project (Jira, Azure) or board (Trello) name; names the program and portfolio boards.
    pub project: String,
    pub drafts: Vec<Draft>,
    /// Status → its category, to order columns.
    pub categories: HashMap<String, Category>,
    /// The item fields the export has a column for: on a re-import these take the export's
    /// value even when it is empty; the others keep what trainboard has.
    pub carries: HashSet<&'static str>,
    /// Within a category, order known state names (Azure's) by their workflow place.
    pub known_states: bool,
    /// An explicit column order (Trello's lists), overriding categories.
    pub column_order: Option<Vec<String>>,
    /// `line N: why` for each row not imported.
    pub skipped: Vec<String>,
    pub warnings: Vec<String>,
    pub notes: Vec<String>,
}

/// Largest export read: far above any real export, low enough not to exhaust memory.
pub const MAX_EXPORT_BYTES: u64 = 512 * 1024 * 1024;

/// Reads an export file and parses it as `source`.
pub fn parse_file(source: Source, file: &Path, options: &Options) -> Result<Parsed, ImportError> {
    let read_err = |source| ImportError::Read { path: file.to_path_buf(), source };
    let meta = std::fs::metadata(file).map_err(read_err)?;
    if meta.is_dir() {
        return Err(ImportError::Usage(format!("{} is a folder; give the export file", file.display())));
    }
    if meta.len() > MAX_EXPORT_BYTES {
        return Err(ImportError::Format(format!(
            "{} is {} MiB, over the {} MiB limit for an export",
            file.display(),
            meta.len() / (1024 * 1024),
            MAX_EXPORT_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(file).map_err(read_err)?;
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    parse_bytes(source, &bytes, &stem, options)
}

/// Parses export bytes; `name` (the file's stem) names the project when the export does not.
pub fn parse_bytes(source: Source, bytes: &[u8], name: &str, options: &Options) -> Result<Parsed, ImportError> {
    let mut parsed = match source {
        Source::Jira => jira::parse(&table::read(bytes)?, options)?,
        Source::Azure => azure::parse(&table::read(bytes)?, options)?,
        Source::Trello => trello::parse(bytes, options)?,
    };
    if parsed.project.trim().is_empty() {
        parsed.project = text::line(name);
    }
    if parsed.project.is_empty() {
        parsed.project = "Imported".into();
    }
    Ok(parsed)
}

/// Imports `file` into the workspace at `root`; returns the summary to print.
pub fn run(source: Source, file: &Path, root: &Path, options: &Options) -> Result<String, ImportError> {
    let parsed = parse_file(source, file, options)?;
    apply::import(root, parsed, options)
}
