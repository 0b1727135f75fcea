//! A board: its level, columns and items, plus a derived index for fast drawing.
//!
//! `items` is the truth and mirrors the file: order in it is priority within each column.
//! `layout` (id → position, column → positions) is derived and rebuilt after every change.

use std::collections::HashMap;

use serde::Deserialize;

use super::item::{Item, Kind};

/// The SAFe level a board plans at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum Level {
    Portfolio,
    Program,
    Team,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Portfolio, Level::Program, Level::Team];

    pub fn name(self) -> &'static str {
        match self {
            Level::Portfolio => "Portfolio",
            Level::Program => "Program",
            Level::Team => "Team",
        }
    }

    /// The kind an item has on this level when its file does not say.
    pub fn default_kind(self) -> Kind {
        match self {
            Level::Portfolio => Kind::Epic,
            Level::Program => Kind::Feature,
            Level::Team => Kind::Story,
        }
    }

    /// The level children are split onto.
    pub fn below(self) -> Option<Level> {
        match self {
            Level::Portfolio => Some(Level::Program),
            Level::Program => Some(Level::Team),
            Level::Team => None,
        }
    }
}

/// A Kanban column.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "Column", deny_unknown_fields)]
pub struct Column {
    pub name: String,
    #[serde(default)]
    pub wip: Option<u32>,
    #[serde(default)]
    pub done: bool,
}

impl Column {
    pub fn new(name: impl Into<String>, wip: Option<u32>) -> Column {
        Column { name: name.into(), wip, done: false }
    }
}

/// Why a board is read-only while its file is broken (see `Board::locked`).
pub const BROKEN_REASON: &str = "its file has errors; fix them and it opens";

/// The newest format version this program reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A PI objective (a team's, or the train's on the program board) with its business value
/// (1–10), planned and, once evaluated, actual.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "Objective", deny_unknown_fields)]
pub struct Objective {
    pub text: String,
    pub planned: u32,
    #[serde(default)]
    pub actual: Option<u32>,
    /// A stretch (uncommitted) objective: its actual value counts towards predictability, its
    /// planned value does not (see `objectives::achievement`).
    #[serde(default)]
    pub stretch: bool,
    /// The PI the objective was planned in, kept for the predictability trend (`"PI 2026.3"`);
    /// without it, the current PI (see `objectives::pi_of`).
    #[serde(default, deserialize_with = "pi_name")]
    pub pi: Option<String>,
}

impl Objective {
    /// A current-PI objective, not evaluated yet.
    pub fn new(text: impl Into<String>, planned: u32) -> Objective {
        Objective { text: text.into(), planned, actual: None, stretch: false, pi: None }
    }
}

/// An objective's `pi`: a PI's name, so never blank (an error at its place in the file).
fn pi_name<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let name = Option::<String>::deserialize(deserializer)?;
    match name {
        Some(n) if n.trim().is_empty() => {
            Err(serde::de::Error::custom("an objective's `pi` names a PI, like \"PI 2026.3\"; it is blank"))
        }
        other => Ok(other),
    }
}

/// One team's capacity in one iteration of a program board, in story points.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "Capacity", deny_unknown_fields)]
pub struct Capacity {
    pub team: String,
    pub iteration: String,
    pub points: u32,
}

/// A date the train plans around (PI start, a system demo, a release), shown in the iteration
/// it falls in: the named `iteration`, else the one of the PI's dated iterations that holds
/// `date`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "Milestone", deny_unknown_fields)]
pub struct Milestone {
    pub name: String,
    #[serde(default)]
    pub date: Option<super::pi::Date>,
    #[serde(default)]
    pub iteration: Option<String>,
}

fn default_version() -> u32 {
    FORMAT_VERSION
}

/// One board file's content.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename = "Board", deny_unknown_fields)]
pub struct Board {
    #[serde(default = "default_version")]
    pub version: u32,
    pub name: String,
    pub level: Level,
    /// Set on an archive file (`NAME.archive.ron`): the file name of the board whose done items
    /// it keeps. An archive is loaded and checked like a board but is not a tab.
    #[serde(default)]
    pub archive_of: Option<String>,
    /// The kind new items on this board get (`n`, `add`), when not the level's default; a
    /// ROAM board names `Risk`. Items without a `kind` are still read by the level's default.
    #[serde(default)]
    pub default_kind: Option<Kind>,
    pub columns: Vec<Column>,
    /// The columns where work waits rather than being worked on (e.g. "Ready"), for flow
    /// efficiency (see `flow_metrics`); empty when the board names none.
    #[serde(default)]
    pub wait_columns: Vec<String>,
    #[serde(default)]
    pub iterations: Vec<String>,
    /// The PI this (program) board plans: its name and iteration dates.
    #[serde(default)]
    pub pi: Option<super::pi::Pi>,
    /// Each team's capacity per iteration (program boards), one entry per team and iteration.
    #[serde(default)]
    pub capacity: Vec<Capacity>,
    /// The PI's milestones and events (program boards), in the order the file lists them.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub items: Vec<Item>,
    /// PI objectives: a team's on its board, the train's (ART objectives) on the program board;
    /// earlier PIs' objectives say which PI they were planned in.
    #[serde(default)]
    pub objectives: Vec<Objective>,
    /// Fist-of-five confidence votes (a team's on its board, the train's on the program
    /// board), oldest first.
    #[serde(default)]
    pub confidence: Vec<super::confidence::Vote>,
    /// Where the board lives, relative to the workspace (its file name); set by the loader.
    #[serde(skip)]
    pub key: String,
    /// Why the board cannot be changed here (its file or folder is not writable), if so.
    #[serde(skip)]
    pub locked: Option<String>,
    #[serde(skip)]
    layout: Layout,
}

impl PartialEq for Board {
    fn eq(&self, other: &Board) -> bool {
        self.version == other.version
            && self.name == other.name
            && self.level == other.level
            && self.archive_of == other.archive_of
            && self.default_kind == other.default_kind
            && self.columns == other.columns
            && self.wait_columns == other.wait_columns
            && self.iterations == other.iterations
            && self.pi == other.pi
            && self.capacity == other.capacity
            && self.milestones == other.milestones
            && self.items == other.items
            && self.objectives == other.objectives
            && self.confidence == other.confidence
            && self.key == other.key
    }
}

impl Eq for Board {}

/// Derived lookups, rebuilt by [`Board::reindex`].
#[derive(Debug, Clone, Default)]
struct Layout {
    position: HashMap<String, usize>,
    by_column: Vec<Vec<usize>>,
    unplaced: Vec<usize>,
}

impl Board {
    pub fn new(key: impl Into<String>, name: impl Into<String>, level: Level, columns: Vec<Column>) -> Board {
        let mut board = Board {
            version: 1,
            name: name.into(),
            level,
            archive_of: None,
            default_kind: None,
            columns,
            wait_columns: Vec::new(),
            iterations: Vec::new(),
            pi: None,
            capacity: Vec::new(),
            milestones: Vec::new(),
            items: Vec::new(),
            objectives: Vec::new(),
            confidence: Vec::new(),
            key: key.into(),
            locked: None,
            layout: Layout::default(),
        };
        board.reindex();
        board
    }

    /// Rebuilds the derived index; call after changing `items` or `columns` directly.
    pub fn reindex(&mut self) {
        let column_of: HashMap<&str, usize> =
            self.columns.iter().enumerate().map(|(i, c)| (c.name.as_str(), i)).collect();
        let mut layout = Layout {
            position: HashMap::with_capacity(self.items.len()),
            by_column: vec![Vec::new(); self.columns.len()],
            unplaced: Vec::new(),
        };
        for (pos, item) in self.items.iter().enumerate() {
            layout.position.insert(item.id.clone(), pos);
            match column_of.get(item.column.as_str()) {
                Some(&col) => layout.by_column[col].push(pos),
                None => layout.unplaced.push(pos),
            }
        }
        self.layout = layout;
    }

    /// [`Board::reindex`] after items moved only among positions `lo..=hi` (a reposition):
    /// the ids keep their index entries, so nothing is allocated per item.
    pub fn reindex_span(&mut self, lo: usize, hi: usize) {
        let hi = hi.min(self.items.len().saturating_sub(1));
        if self.layout.position.len() != self.items.len()
            || self.layout.by_column.len() != self.columns.len()
            || lo > hi
        {
            return self.reindex();
        }
        for pos in lo..=hi {
            match self.layout.position.get_mut(&self.items[pos].id) {
                Some(at) => *at = pos,
                None => return self.reindex(),
            }
        }
        let column_of: HashMap<&str, usize> =
            self.columns.iter().enumerate().map(|(i, c)| (c.name.as_str(), i)).collect();
        for list in &mut self.layout.by_column {
            list.clear();
        }
        self.layout.unplaced.clear();
        for (pos, item) in self.items.iter().enumerate() {
            match column_of.get(item.column.as_str()) {
                Some(&col) => self.layout.by_column[col].push(pos),
                None => self.layout.unplaced.push(pos),
            }
        }
    }

    /// True for an archive file (it names the board it archives).
    pub fn is_archive(&self) -> bool {
        self.archive_of.is_some()
    }

    /// [`Board::reindex`] after the item at `pos` was replaced by one with the same id, which
    /// was in column `old_column`: only its column's entry moves, so replacing many cards one
    /// by one (a renamed column's) costs what their columns hold, not the board each time.
    pub fn reindex_replaced(&mut self, pos: usize, old_column: &str) {
        let consistent = self.layout.position.len() == self.items.len()
            && self.layout.by_column.len() == self.columns.len()
            && self.items.get(pos).is_some_and(|item| self.layout.position.get(&item.id) == Some(&pos));
        if !consistent {
            return self.reindex();
        }
        // The only column of that name (a name used twice, in a hand-edited file, reindexes).
        let only = |name: &str| {
            let mut found = self.columns.iter().enumerate().filter(|(_, c)| c.name == name).map(|(i, _)| i);
            let first = found.next();
            found.next().is_none().then_some(first)
        };
        let (Some(from), Some(to)) = (only(old_column), only(&self.items[pos].column)) else {
            return self.reindex();
        };
        if from == to {
            return;
        }
        let layout = &mut self.layout;
        let from_list = match from {
            Some(c) => &mut layout.by_column[c],
            None => &mut layout.unplaced,
        };
        match from_list.binary_search(&pos) {
            Ok(at) => {
                from_list.remove(at);
            }
            Err(_) => return self.reindex(),
        }
        let to_list = match to {
            Some(c) => &mut layout.by_column[c],
            None => &mut layout.unplaced,
        };
        if let Err(at) = to_list.binary_search(&pos) {
            to_list.insert(at, pos);
        }
    }

    /// A board written by a newer trainboard, or whose file cannot be written, is shown but
    /// never changed or saved over.
    pub fn is_read_only(&self) -> bool {
        self.read_only_reason().is_some()
    }

    /// Why the board is read-only, in words for the status line.
    pub fn read_only_reason(&self) -> Option<String> {
        // An archive shares its board's name: say which file it is.
        let name = match self.is_archive() {
            true => format!("the archive {} of {}", self.key, self.name),
            false => self.name.clone(),
        };
        if self.version > FORMAT_VERSION {
            return Some(format!(
                "{name} was written by a newer trainboard (format {}); it is read-only here",
                self.version
            ));
        }
        self.locked.as_ref().map(|why| format!("{name} is read-only: {why}"))
    }

    /// The index of the done column: the one marked `done: true`, else the last.
    pub fn done_column(&self) -> usize {
        self.columns.iter().position(|c| c.done).unwrap_or(self.columns.len().saturating_sub(1))
    }

    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// Positions in `items` of the items in column `col`, in priority order.
    pub fn column_positions(&self, col: usize) -> &[usize] {
        self.layout.by_column.get(col).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The items of column `col`, in priority order.
    pub fn column_items(&self, col: usize) -> impl Iterator<Item = &Item> {
        self.column_positions(col).iter().map(|&p| &self.items[p])
    }

    /// Every item in rank order: column by column, top priority first.
    pub fn ranked(&self) -> impl Iterator<Item = &Item> {
        (0..self.columns.len()).flat_map(|c| self.column_items(c))
    }

    pub fn column_len(&self, col: usize) -> usize {
        self.column_positions(col).len()
    }

    /// True when adding one more item to `col` would pass its WIP limit.
    pub fn column_is_full(&self, col: usize) -> bool {
        match self.columns.get(col).and_then(|c| c.wip) {
            Some(limit) => self.column_len(col) >= limit as usize,
            None => false,
        }
    }

    pub fn column_is_over(&self, col: usize) -> bool {
        match self.columns.get(col).and_then(|c| c.wip) {
            Some(limit) => self.column_len(col) > limit as usize,
            None => false,
        }
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.layout.position.get(id).copied()
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.position(id).map(|p| &self.items[p])
    }

    /// The kind a new item on this board gets: the board's `default_kind`, else the level's.
    pub fn new_item_kind(&self) -> Kind {
        self.default_kind.unwrap_or_else(|| self.level.default_kind())
    }

    /// The item's kind, defaulted by this board's level.
    pub fn kind_of(&self, item: &Item) -> Kind {
        item.kind.unwrap_or_else(|| self.level.default_kind())
    }

    pub fn is_done(&self, item: &Item) -> bool {
        self.column_index(&item.column) == Some(self.done_column())
    }

    /// Positions of items whose column does not exist (only in invalid, hand-edited files).
    pub fn unplaced_positions(&self) -> &[usize] {
        &self.layout.unplaced
    }
}
