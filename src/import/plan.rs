//! Planning an import against the workspace: which board each draft goes to (an existing one
//! by file or by level and name, else a new one), the columns, the items updated by id or
//! created, links resolved (a parent or dependency that is nowhere becomes a `parent:ID` or
//! `depends:ID` tag, never a dangling link), and priority order. Nothing is written here.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::model::{Board, Column, Item, Kind, Level, validate};

use super::columns::{add_columns, order_statuses};
use super::fill::fill_board;
use super::links::{cut_cycles, resolve};
use super::{ImportError, Parsed, Target};

/// The tag that keeps a parent the export names but that is not anywhere.
pub const PARENT_TAG: &str = "parent:";
/// The tag that keeps a dependency on an item that is not anywhere.
pub const DEPENDS_TAG: &str = "depends:";

/// A board as it is on disk.
#[derive(Debug, Clone)]
pub struct Existing {
    pub board: Board,
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// A board to write.
#[derive(Debug, Clone)]
pub struct Write {
    pub board: Board,
    pub path: PathBuf,
    /// The bytes it was loaded from; `None` for a new board.
    pub base: Option<Vec<u8>>,
}

/// Counts for one board the import touches.
#[derive(Debug, Clone, Default)]
pub struct BoardCount {
    pub name: String,
    pub key: String,
    pub level: Option<Level>,
    pub new_board: bool,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub kinds: Vec<(Kind, usize)>,
}

/// What the import does.
#[derive(Debug, Default)]
pub struct Plan {
    pub writes: Vec<Write>,
    pub counts: Vec<BoardCount>,
    pub parents_linked: usize,
    pub parents_missing: Vec<(String, String)>,
    pub depends_missing: Vec<(String, String)>,
    pub skipped: Vec<String>,
    pub warnings: Vec<String>,
    pub notes: Vec<String>,
}

/// The kinds each level may hold (risks and enablers on any level).
pub fn kind_fits(level: Level, kind: Kind) -> bool {
    match level {
        Level::Portfolio => matches!(kind, Kind::Epic | Kind::Enabler | Kind::Risk),
        Level::Program => matches!(kind, Kind::Feature | Kind::Capability | Kind::Enabler | Kind::Risk),
        Level::Team => matches!(kind, Kind::Story | Kind::Spike | Kind::Defect | Kind::Enabler | Kind::Risk),
    }
}

/// A file-name part: lowercase letters and digits, other runs as `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(60).collect();
    if out.is_empty() { "board".into() } else { out.trim_end_matches('-').to_string() }
}

fn board_name(target: &Target, project: &str) -> String {
    match target {
        Target::Portfolio => format!("{project} Portfolio"),
        Target::Program => format!("{project} Program"),
        Target::Team(team) if team.is_empty() => format!("{project} Team"),
        Target::Team(team) => team.clone(),
    }
}

/// `portfolio-gold-pay.ron`, `program-gold-pay.ron`, `team-alpha.ron`.
fn board_key(target: &Target, name: &str, project: &str) -> String {
    match target {
        Target::Portfolio => format!("portfolio-{}.ron", slug(project)),
        Target::Program => format!("program-{}.ron", slug(project)),
        Target::Team(_) => match slug(name) {
            s if s == "team" || s.starts_with("team-") => format!("{s}.ron"),
            s => format!("team-{s}.ron"),
        },
    }
}

/// One board being built: where it comes from and the drafts going to it, in order.
pub struct Dest {
    pub board: Board,
    pub path: PathBuf,
    pub base: Option<Vec<u8>>,
    pub original: Option<Board>,
    pub drafts: Vec<usize>,
    /// Ids to take off this board (they moved to another level).
    pub leaving: HashSet<String>,
}

pub fn plan(root: &Path, existing: Vec<Existing>, parsed: Parsed) -> Result<Plan, ImportError> {
    let Parsed { project, drafts, categories, carries, known_states, column_order, skipped, warnings, notes } = parsed;
    let mut plan = Plan { skipped, warnings, notes, ..Plan::default() };
    let mut dests: Vec<Dest> = existing
        .into_iter()
        .map(|e| Dest {
            original: Some(e.board.clone()),
            board: e.board,
            path: e.path,
            base: Some(e.bytes),
            drafts: Vec::new(),
            leaving: HashSet::new(),
        })
        .collect();
    let mut board_of_item: HashMap<String, usize> = HashMap::new();
    for (d, dest) in dests.iter().enumerate() {
        for item in &dest.board.items {
            board_of_item.insert(item.id.clone(), d);
        }
    }
    let mut dest_of_target: HashMap<Target, usize> = HashMap::new();
    for (n, draft) in drafts.iter().enumerate() {
        let level = draft.target.level();
        // An item stays on the board it is on, unless the export puts it on another team.
        let here = board_of_item.get(&draft.item.id).copied().filter(|&d| {
            let board = &dests[d].board;
            board.level == level
                && match &draft.target {
                    Target::Team(team) if !team.is_empty() => board.name.eq_ignore_ascii_case(team),
                    _ => true,
                }
        });
        let d = match here {
            Some(d) => d,
            None => {
                let d = match dest_of_target.get(&draft.target) {
                    Some(&d) => d,
                    None => {
                        let d = find_or_add(root, &mut dests, &draft.target, &project);
                        dest_of_target.insert(draft.target.clone(), d);
                        d
                    }
                };
                if let Some(&from) = board_of_item.get(&draft.item.id) {
                    dests[from].leaving.insert(draft.item.id.clone());
                }
                d
            }
        };
        dests[d].drafts.push(n);
    }
    for dest in dests.iter().filter(|d| !d.drafts.is_empty() || !d.leaving.is_empty()) {
        if let Some(why) = dest.board.read_only_reason() {
            return Err(ImportError::Workspace(format!("{why}; nothing was imported")));
        }
    }
    let known: HashSet<&str> =
        board_of_item.keys().map(String::as_str).chain(drafts.iter().map(|d| d.item.id.as_str())).collect();
    // Outward "blocks" links: the other item depends on this one.
    let mut depends_extra: HashMap<&str, Vec<&str>> = HashMap::new();
    for draft in &drafts {
        for other in &draft.blocks {
            depends_extra.entry(other.as_str()).or_default().push(draft.item.id.as_str());
        }
    }
    let mut resolved: Vec<Item> = drafts.iter().map(|d| resolve(d, &known, &depends_extra, &mut plan)).collect();
    let existing_parents: HashMap<String, String> =
        dests.iter().flat_map(|d| &d.board.items).filter_map(|i| i.parent.clone().map(|p| (i.id.clone(), p))).collect();
    cut_cycles(&mut resolved, &existing_parents, &mut plan);
    for dest in &mut dests {
        if dest.drafts.is_empty() && dest.leaving.is_empty() {
            continue;
        }
        // A new board gets the statuses of its whole level (one workflow), an existing one
        // only those it lacks.
        let level = dest.board.level;
        let statuses: Vec<&str> = match dest.original {
            Some(_) => dest.drafts.iter().map(|&n| drafts[n].item.column.as_str()).collect(),
            None => drafts.iter().filter(|d| d.target.level() == level).map(|d| d.item.column.as_str()).collect(),
        };
        let columns = match (&dest.original, &column_order) {
            (Some(_), _) => None,
            (None, Some(order)) => Some(order.clone()),
            (None, None) => Some(order_statuses(&statuses, &categories, known_states)),
        };
        if let Some(columns) = columns {
            dest.board.columns = columns.into_iter().map(|c| Column::new(c, None)).collect();
        } else {
            add_columns(&mut dest.board, &statuses, column_order.as_deref());
        }
        let count = fill_board(dest, &drafts, &resolved, &carries);
        plan.counts.push(count);
    }
    let mut boards: Vec<Board> = dests.iter().map(|d| d.board.clone()).collect();
    validate::admit_iterations(&mut boards);
    for (dest, board) in dests.iter_mut().zip(&boards) {
        dest.board.iterations = board.iterations.clone();
    }
    let problems = validate::validate(&boards);
    if !problems.is_empty() {
        let lines: Vec<String> = problems.iter().take(20).map(|p| format!("{}: {}", p.board, p.message)).collect();
        return Err(ImportError::Invalid(lines.join("\n")));
    }
    for dest in dests {
        if dest.original.as_ref() != Some(&dest.board) {
            plan.writes.push(Write { board: dest.board, path: dest.path, base: dest.base });
        }
    }
    Ok(plan)
}

/// The board for `target`: an existing one by file name or by level and name, else a new one.
fn find_or_add(root: &Path, dests: &mut Vec<Dest>, target: &Target, project: &str) -> usize {
    let name = board_name(target, project);
    let level = target.level();
    let mut key = board_key(target, &name, project);
    if let Some(d) = dests.iter().position(|d| d.board.key == key && d.board.level == level) {
        return d;
    }
    let wanted = name.to_lowercase();
    if let Some(d) = dests
        .iter()
        .position(|d| d.board.level == level && !d.board.is_archive() && d.board.name.to_lowercase() == wanted)
    {
        return d;
    }
    let base = key.trim_end_matches(".ron").to_string();
    let mut n = 2;
    while dests.iter().any(|d| d.board.key.eq_ignore_ascii_case(&key)) || root.join(&key).exists() {
        key = format!("{base}-{n}.ron");
        n += 1;
    }
    let board = Board::new(key.clone(), name, level, Vec::new());
    dests.push(Dest {
        board,
        path: root.join(&key),
        base: None,
        original: None,
        drafts: Vec::new(),
        leaving: HashSet::new(),
    });
    dests.len() - 1
}
