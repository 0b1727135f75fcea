//! Planning an import against the workspace: which board each draft goes to (an existing one
//! by file or by level and name, else a new one), the columns, the items updated by id or
//! created, links resolved (a parent or dependency that is nowhere becomes a `parent:ID` or
//! `depends:ID` tag, never a dangling link), and priority order. Nothing is written here.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::model::{Board, Column, Item, Kind, Level, Move, validate};

use super::{Category, Draft, ImportError, Parsed, Target};

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
struct Dest {
    board: Board,
    path: PathBuf,
    base: Option<Vec<u8>>,
    original: Option<Board>,
    drafts: Vec<usize>,
    /// Ids to take off this board (they moved to another level).
    leaving: HashSet<String>,
}

pub fn plan(root: &Path, existing: Vec<Existing>, parsed: Parsed) -> Result<Plan, ImportError> {
    let Parsed { project, drafts, categories, known_states, column_order, skipped, warnings, notes } = parsed;
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
        let here = board_of_item.get(&draft.item.id).copied().filter(|&d| dests[d].board.level == level);
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
        let count = fill_board(dest, &drafts, &resolved);
        plan.counts.push(count);
    }
    let boards: Vec<Board> = dests.iter().map(|d| d.board.clone()).collect();
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
    if let Some(d) = dests.iter().position(|d| d.board.level == level && d.board.name.to_lowercase() == wanted) {
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

/// Columns of a new board: statuses by category (to do, in progress, done), then by first
/// appearance; among done statuses one named like "Done" goes last, as the done column.
fn order_statuses(statuses: &[&str], categories: &HashMap<String, Category>, known: bool) -> Vec<String> {
    let mut first_seen: Vec<&str> = Vec::new();
    let mut seen = HashSet::new();
    for s in statuses {
        if seen.insert(*s) {
            first_seen.push(s);
        }
    }
    let category = |s: &str| categories.get(s).copied().unwrap_or_else(|| Category::guess(s));
    let finished = |s: &str| matches!(s.to_lowercase().as_str(), "done" | "closed" | "terminé" | "erledigt");
    let mut keyed: Vec<(Category, bool, usize, usize, &str)> = first_seen
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let known_rank = if known { Category::known_rank(s) } else { 0 };
            (category(s), category(s) == Category::Done && finished(s), known_rank, i, *s)
        })
        .collect();
    keyed.sort();
    keyed.into_iter().map(|k| k.4.to_string()).collect()
}

/// Statuses an existing board lacks are added before its done column (or in `order`).
fn add_columns(board: &mut Board, statuses: &[&str], order: Option<&[String]>) {
    let mut wanted: Vec<&str> = Vec::new();
    match order {
        Some(order) => wanted.extend(order.iter().map(String::as_str)),
        None => wanted.extend(statuses),
    }
    for status in wanted {
        if board.column_index(status).is_none() {
            let at = if board.columns.is_empty() { 0 } else { board.done_column() };
            board.columns.insert(at, Column::new(status, None));
        }
    }
}

/// A draft's item with links resolved against every known id.
fn resolve(draft: &Draft, known: &HashSet<&str>, extra: &HashMap<&str, Vec<&str>>, plan: &mut Plan) -> Item {
    let mut item = draft.item.clone();
    if let Some(parent) = item.parent.take() {
        if parent != item.id && known.contains(parent.as_str()) {
            plan.parents_linked += 1;
            item.parent = Some(parent);
        } else if parent != item.id {
            plan.parents_missing.push((item.id.clone(), parent.clone()));
            push_tag(&mut item.tags, format!("{PARENT_TAG}{parent}"));
        }
    }
    let mut depends: Vec<String> = Vec::new();
    let named =
        item.depends_on.iter().map(String::as_str).chain(extra.get(item.id.as_str()).into_iter().flatten().copied());
    for dep in named.collect::<Vec<_>>() {
        if dep == item.id || depends.iter().any(|d| d == dep) {
            continue;
        }
        if known.contains(dep) {
            depends.push(dep.to_string());
        } else {
            plan.depends_missing.push((item.id.clone(), dep.to_string()));
            push_tag(&mut item.tags, format!("{DEPENDS_TAG}{dep}"));
        }
    }
    item.depends_on = depends;
    item
}

/// Parent links of the import that would close a loop (A under B under A) are cut and kept
/// as a `parent:ID` tag, so the hierarchy stays a tree.
fn cut_cycles(items: &mut [Item], existing: &HashMap<String, String>, plan: &mut Plan) {
    let index: HashMap<String, usize> = items.iter().enumerate().map(|(n, i)| (i.id.clone(), n)).collect();
    let parent_of = |id: &str, items: &[Item]| -> Option<String> {
        match index.get(id) {
            Some(&n) => items[n].parent.clone(),
            None => existing.get(id).cloned(),
        }
    };
    let mut settled: HashSet<String> = HashSet::new();
    for start in 0..items.len() {
        let mut path: Vec<String> = Vec::new();
        let mut on_path: HashSet<String> = HashSet::new();
        let mut current = Some(items[start].id.clone());
        while let Some(id) = current {
            if settled.contains(&id) {
                break;
            }
            if !on_path.insert(id.clone()) {
                // `id` is reached again: cut the link into it from the last item of the path.
                if let Some(&n) = path.last().and_then(|last| index.get(last)) {
                    if let Some(parent) = items[n].parent.take() {
                        plan.parents_linked = plan.parents_linked.saturating_sub(1);
                        plan.parents_missing.push((items[n].id.clone(), format!("{parent} (a loop)")));
                        push_tag(&mut items[n].tags, format!("{PARENT_TAG}{parent}"));
                    }
                }
                break;
            }
            path.push(id.clone());
            current = parent_of(&id, items);
        }
        settled.extend(path);
    }
}

fn push_tag(tags: &mut Vec<String>, tag: String) {
    if !tags.contains(&tag) {
        tags.push(tag);
    }
}

/// Puts the drafts on the board: updates by id, creates the rest, orders by the export's rank
/// while items added in trainboard keep their places.
fn fill_board(dest: &mut Dest, drafts: &[Draft], resolved: &[Item]) -> BoardCount {
    let board = &mut dest.board;
    let mut count = BoardCount {
        name: board.name.clone(),
        key: board.key.clone(),
        level: Some(board.level),
        new_board: dest.original.is_none(),
        ..BoardCount::default()
    };
    let first_column = board.columns.first().map(|c| c.name.clone()).unwrap_or_default();
    let mut order: Vec<usize> = dest.drafts.clone();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (&drafts[a].rank, &drafts[b].rank);
        (ra.is_none(), ra, a).cmp(&(rb.is_none(), rb, b))
    });
    let importing: HashSet<&str> = order.iter().map(|&n| drafts[n].item.id.as_str()).collect();
    let mut old: HashMap<String, Item> = HashMap::new();
    let mut slots: Vec<Option<Item>> = Vec::with_capacity(board.items.len());
    for item in std::mem::take(&mut board.items) {
        if dest.leaving.contains(&item.id) {
            continue;
        }
        if importing.contains(item.id.as_str()) {
            old.insert(item.id.clone(), item);
            slots.push(None);
        } else {
            slots.push(Some(item));
        }
    }
    let mut kinds: HashMap<Kind, usize> = HashMap::new();
    let mut made = order.iter().map(|&n| {
        let draft = &drafts[n];
        let history = history(&draft.history, &first_column);
        let item = match old.remove(&draft.item.id) {
            Some(before) => {
                let after = update(&before, &resolved[n], history);
                if after == before {
                    count.unchanged += 1;
                } else {
                    count.updated += 1;
                }
                after
            }
            None => {
                count.created += 1;
                Item { history, ..resolved[n].clone() }
            }
        };
        let mut item = item;
        // The default kind of the level is left out, as the board writer does; a kind the
        // level does not hold (an item moved here by hand) becomes the level's.
        if item.kind == Some(board.level.default_kind()) || item.kind.is_some_and(|k| !kind_fits(board.level, k)) {
            item.kind = None;
        }
        *kinds.entry(item.kind.unwrap_or(board.level.default_kind())).or_insert(0) += 1;
        item
    });
    let mut items = Vec::with_capacity(slots.len() + order.len());
    for slot in slots {
        match slot {
            Some(item) => items.push(item),
            None => items.extend(made.next()),
        }
    }
    items.extend(made);
    board.items = items;
    if board.iterations.is_empty() && board.level == Level::Team && dest.original.is_none() {
        let mut seen = HashSet::new();
        board.iterations =
            board.items.iter().filter_map(|i| i.iteration.clone()).filter(|i| seen.insert(i.clone())).collect();
    }
    board.reindex();
    let mut kinds: Vec<(Kind, usize)> = kinds.into_iter().collect();
    kinds.sort_by_key(|(k, _)| Kind::ALL.iter().position(|a| a == k));
    count.kinds = kinds;
    count
}

/// History entries in time order, `None` columns as the first column, repeats dropped.
fn history(entries: &[(String, Option<String>)], first_column: &str) -> Vec<Move> {
    let mut moves: Vec<Move> = entries
        .iter()
        .map(|(at, column)| Move { at: at.clone(), column: column.clone().unwrap_or_else(|| first_column.to_string()) })
        .collect();
    moves.sort_by_key(|m| crate::clock::parse_rfc3339(&m.at).unwrap_or(0));
    moves.dedup_by(|b, a| a.column == b.column);
    moves
}

/// The item on the board after a re-import: what the export says wins; what it leaves empty
/// keeps the value from trainboard; history entries of both are kept, in time order.
fn update(before: &Item, imported: &Item, history: Vec<Move>) -> Item {
    let mut item = imported.clone();
    let keep = |new: &mut Option<String>, old: &Option<String>| {
        if new.is_none() {
            new.clone_from(old);
        }
    };
    if item.parent.is_none() && !item.tags.iter().any(|t| t.starts_with(PARENT_TAG)) {
        keep(&mut item.parent, &before.parent);
    }
    keep(&mut item.description, &before.description);
    keep(&mut item.owner, &before.owner);
    keep(&mut item.team, &before.team);
    keep(&mut item.iteration, &before.iteration);
    keep(&mut item.blocked, &before.blocked);
    item.points = item.points.or(before.points);
    item.wsjf = item.wsjf.or(before.wsjf);
    if item.acceptance.is_empty() {
        item.acceptance.clone_from(&before.acceptance);
    }
    if item.tags.is_empty() {
        item.tags.clone_from(&before.tags);
    }
    if item.depends_on.is_empty() {
        item.depends_on.clone_from(&before.depends_on);
    }
    let mut all = before.history.clone();
    for m in history {
        if !all.contains(&m) {
            all.push(m);
        }
    }
    all.sort_by_key(|m| crate::clock::parse_rfc3339(&m.at).unwrap_or(0));
    item.history = all;
    item
}
