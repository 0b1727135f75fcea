//! Whole-workspace rules of the board format: unique ids, known columns, existing links.
//!
//! Problems name the board key and, where there is one, the item and the field, so the storage
//! layer can point at the line and column in the file.

use std::collections::{HashMap, HashSet};

use super::board::Board;

/// Which part of a board a problem is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Board,
    Column(String),
    /// A board-level field, by its name in the file (e.g. `wait_columns`).
    Field(&'static str),
    Item {
        id: String,
        field: &'static str,
        occurrence: usize,
    },
    /// The `entry`-th (0-based) entry of a board-level list such as `capacity`.
    Entry {
        field: &'static str,
        entry: usize,
    },
}

/// What kind of rule a problem breaks, which decides what opening the workspace does with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// The board itself is not sound (columns, an item in no column, an id twice on it): the
    /// board cannot be shown or saved as it is.
    Board,
    /// Two items use one id (on one board or two): all but one are renumbered.
    DuplicateId,
    /// A parent or dependency names an item that does not exist: shown, and said.
    Link,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub board: String,
    pub place: Place,
    pub message: String,
    pub rule: Rule,
}

fn item_problem(
    board: &Board,
    id: &str,
    field: &'static str,
    occurrence: usize,
    message: String,
    rule: Rule,
) -> Problem {
    Problem { board: board.key.clone(), place: Place::Item { id: id.to_string(), field, occurrence }, message, rule }
}

/// Checks every rule across `boards`; an empty list means the workspace is valid.
pub fn validate(boards: &[Board]) -> Vec<Problem> {
    validate_refs(&boards.iter().collect::<Vec<_>>())
}

/// [`validate`] over borrowed boards (e.g. a workspace with one board replaced).
pub fn validate_refs(boards: &[&Board]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut all_ids: HashMap<&str, &Board> = HashMap::new();
    for &board in boards {
        check_columns(board, &mut problems);
        check_pi(board, &mut problems);
        check_plan_fields(board, &mut problems);
        let mut seen_here: HashMap<&str, usize> = HashMap::new();
        for item in &board.items {
            let occurrence = seen_here.entry(&item.id).or_insert(0);
            if let Some(first) = all_ids.get(item.id.as_str()) {
                let (message, rule) = if first.key == board.key {
                    (
                        format!("the id \"{}\" is used twice on this board; every item needs its own id", item.id),
                        Rule::DuplicateId,
                    )
                } else {
                    let message =
                        format!("the id \"{}\" is already used in {}; every item needs its own id", item.id, first.key);
                    (message, Rule::DuplicateId)
                };
                problems.push(item_problem(board, &item.id, "id", *occurrence, message, rule));
            } else {
                all_ids.insert(&item.id, board);
            }
            *occurrence += 1;
            check_placement(board, item, &mut problems);
        }
    }
    for &board in boards {
        check_archive(board, boards, &mut problems);
        check_capacity_teams(board, boards, &mut problems);
    }
    for &board in boards {
        let allowed = iterations_for(board, boards);
        for item in &board.items {
            check_links(board, item, &|id| all_ids.contains_key(id), &allowed, &mut problems);
        }
    }
    problems
}

/// An item's own rules on its board: a non-empty id, a column the board has.
fn check_placement(board: &Board, item: &super::Item, problems: &mut Vec<Problem>) {
    if item.id.trim().is_empty() {
        problems.push(item_problem(board, &item.id, "id", 0, "an item has an empty id".into(), Rule::Board));
    }
    if board.column_index(&item.column).is_none() {
        let names: Vec<&str> = board.columns.iter().map(|c| c.name.as_str()).collect();
        let message = format!(
            "item {} is in column \"{}\", which this board does not have (its columns: {})",
            item.id,
            item.column,
            names.join(", ")
        );
        problems.push(item_problem(board, &item.id, "column", 0, message, Rule::Board));
    }
}

/// An item's links: its parent and dependencies exist (`exists`), its iteration is `allowed`
/// (no list: any).
fn check_links(
    board: &Board,
    item: &super::Item,
    exists: &dyn Fn(&str) -> bool,
    allowed: &[&str],
    problems: &mut Vec<Problem>,
) {
    if let Some(parent) = &item.parent {
        if !exists(parent) {
            let message = format!("item {} names parent \"{parent}\", but no item has that id", item.id);
            problems.push(item_problem(board, &item.id, "parent", 0, message, Rule::Link));
        } else if parent == &item.id {
            let message = format!("item {} names itself as its parent", item.id);
            problems.push(item_problem(board, &item.id, "parent", 0, message, Rule::Link));
        }
    }
    if let Some(iteration) = &item.iteration
        && !allowed.is_empty()
        && !allowed.contains(&iteration.as_str())
    {
        let message = format!(
            "item {} is planned for iteration \"{iteration}\", which is not one of the iterations ({})",
            item.id,
            allowed.join(", ")
        );
        problems.push(item_problem(board, &item.id, "iteration", 0, message, Rule::Link));
    }
    for dep in &item.depends_on {
        if !exists(dep) {
            let message = format!("item {} depends on \"{dep}\", but no item has that id", item.id);
            problems.push(item_problem(board, &item.id, "depends_on", 0, message, Rule::Link));
        }
    }
}

/// The problems [`validate_refs`] finds on `board` when it is checked last, after the other
/// usable boards, without going over their items: `holder(id)` names the first other usable
/// board that has the id (a workspace answers that from its index); `others` are those other
/// usable boards, in order, whose iteration lists count besides this one's.
pub fn validate_one<'a>(board: &Board, others: &[&Board], holder: impl Fn(&str) -> Option<&'a str>) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_columns(board, &mut problems);
    check_plan_fields(board, &mut problems);
    let mut seen_here: HashMap<&str, usize> = HashMap::new();
    for item in &board.items {
        let occurrence = seen_here.entry(&item.id).or_insert(0);
        let message = match holder(&item.id) {
            Some(first) => {
                Some(format!("the id \"{}\" is already used in {first}; every item needs its own id", item.id))
            }
            None if *occurrence > 0 => {
                Some(format!("the id \"{}\" is used twice on this board; every item needs its own id", item.id))
            }
            None => None,
        };
        if let Some(message) = message {
            problems.push(item_problem(board, &item.id, "id", *occurrence, message, Rule::DuplicateId));
        }
        *occurrence += 1;
        check_placement(board, item, &mut problems);
    }
    let exists = |id: &str| board.position(id).is_some() || holder(id).is_some();
    let mut refs: Vec<&Board> = others.to_vec();
    refs.push(board);
    let allowed = iterations_for(board, &refs);
    for item in &board.items {
        check_links(board, item, &exists, &allowed, &mut problems);
    }
    check_capacity_teams(board, &refs, &mut problems);
    problems
}

/// The iterations an item of `board` may name: the board's own, else those of every board
/// (team boards usually plan in the program board's iterations); empty when none are named.
pub fn iterations_for<'a>(board: &'a Board, boards: &[&'a Board]) -> Vec<&'a str> {
    if !board.iterations.is_empty() {
        return board.iterations.iter().map(String::as_str).collect();
    }
    let mut all: Vec<&str> = Vec::new();
    for name in boards.iter().flat_map(|b| b.iterations.iter()) {
        if !all.contains(&name.as_str()) {
            all.push(name);
        }
    }
    all
}

/// Lists on each board the iterations its items name that no board lists yet, so items made
/// elsewhere (an import) pass the iteration rule. A board that listed none takes the list its
/// items were checked against so far, plus the new ones, so nothing valid becomes invalid.
pub fn admit_iterations(boards: &mut [Board]) {
    for b in 0..boards.len() {
        let missing: Vec<String> = {
            let refs: Vec<&Board> = boards.iter().collect();
            let allowed = iterations_for(&boards[b], &refs);
            let mut missing: Vec<String> = Vec::new();
            for name in boards[b].items.iter().filter_map(|i| i.iteration.as_deref()) {
                if !allowed.contains(&name) && !missing.iter().any(|m| m == name) {
                    missing.push(name.to_string());
                }
            }
            if missing.is_empty() {
                continue;
            }
            if boards[b].iterations.is_empty() {
                allowed.into_iter().map(str::to_string).chain(missing).collect()
            } else {
                missing
            }
        };
        boards[b].iterations.extend(missing);
    }
}

/// The PI's iteration dates: each iteration named once, one of the board's `iterations` when it
/// lists any, and ending no earlier than it starts.
fn check_pi(board: &Board, problems: &mut Vec<Problem>) {
    let Some(pi) = &board.pi else { return };
    let mut push = |message: String| {
        problems.push(Problem { board: board.key.clone(), place: Place::Board, message, rule: Rule::Board })
    };
    let mut seen = HashSet::new();
    for it in &pi.iterations {
        if !seen.insert(it.name.as_str()) {
            push(format!("the PI lists the dates of iteration \"{}\" twice", it.name));
        }
        if !board.iterations.is_empty() && !board.iterations.contains(&it.name) {
            push(format!(
                "the PI gives dates for iteration \"{}\", which is not one of the board's iterations ({})",
                it.name,
                board.iterations.join(", ")
            ));
        }
        if it.end < it.start {
            push(format!("iteration \"{}\" of the PI ends ({}) before it starts ({})", it.name, it.end, it.start));
        }
    }
}

/// The board's own rules for `capacity` and `milestones`: each capacity names one of the
/// board's iterations and is given once per team and iteration; each milestone has a date or
/// an iteration, a named iteration is one of the board's, and a date falls in a dated
/// iteration of the PI (else it has no place on the board: said, not fatal).
fn check_plan_fields(board: &Board, problems: &mut Vec<Problem>) {
    let mut push = |field: &'static str, entry: usize, message: String, rule: Rule| {
        problems.push(Problem { board: board.key.clone(), place: Place::Entry { field, entry }, message, rule })
    };
    let listed = |name: &str| board.iterations.iter().any(|i| i == name);
    let mut seen = HashSet::new();
    for (n, c) in board.capacity.iter().enumerate() {
        if !listed(&c.iteration) {
            let message = format!(
                "the capacity of {} names iteration \"{}\", which is not one of the board's iterations ({})",
                c.team,
                c.iteration,
                board.iterations.join(", ")
            );
            push("capacity", n, message, Rule::Board);
        }
        if !seen.insert((c.team.as_str(), c.iteration.as_str())) {
            let message = format!("the capacity of {} in {} is given twice; give it once", c.team, c.iteration);
            push("capacity", n, message, Rule::Board);
        }
    }
    for (n, m) in board.milestones.iter().enumerate() {
        match (&m.iteration, m.date) {
            (Some(it), _) if !listed(it) => {
                let message = format!(
                    "milestone \"{}\" names iteration \"{it}\", which is not one of the board's iterations ({})",
                    m.name,
                    board.iterations.join(", ")
                );
                push("milestones", n, message, Rule::Board);
            }
            (Some(_), _) => {}
            (None, Some(date)) if super::planning::dated_iteration(board, date).is_none() => {
                let message = format!(
                    "milestone \"{}\" on {date} falls in none of the PI's dated iterations, so it has no place on the board",
                    m.name
                );
                push("milestones", n, message, Rule::Link);
            }
            (None, Some(_)) => {}
            (None, None) => {
                let message = format!("milestone \"{}\" needs a `date` or an `iteration`", m.name);
                push("milestones", n, message, Rule::Board);
            }
        }
    }
}

/// Each capacity names a team of the train: a team board's name, or a team the board's items
/// are given to. Checked against the other boards, so an unknown team is said (once, at its
/// first entry), not fatal.
fn check_capacity_teams(board: &Board, boards: &[&Board], problems: &mut Vec<Problem>) {
    let mut said = HashSet::new();
    for (n, c) in board.capacity.iter().enumerate() {
        if !said.insert(c.team.as_str()) {
            continue; // Said once, at the team's first entry.
        }
        let team_board = boards.iter().any(|b| b.level == super::board::Level::Team && b.name == c.team);
        let given_to = board.items.iter().any(|i| i.team.as_deref() == Some(c.team.as_str()));
        if !team_board && !given_to {
            problems.push(Problem {
                board: board.key.clone(),
                place: Place::Entry { field: "capacity", entry: n },
                message: format!(
                    "the capacity names team \"{}\", which has no team board and no feature of this board",
                    c.team
                ),
                rule: Rule::Link,
            });
        }
    }
}

/// An archive (`archive_of`) names another board file, and when that board is loaded it is a
/// board (not an archive) of the same level.
fn check_archive(board: &Board, boards: &[&Board], problems: &mut Vec<Problem>) {
    let Some(of) = &board.archive_of else { return };
    let mut push = |message: String| {
        problems.push(Problem { board: board.key.clone(), place: Place::Board, message, rule: Rule::Board })
    };
    if of == &board.key {
        return push(format!(
            "`archive_of` names this file itself; it names the board it archives, like \"{}\"",
            board.key.replace(".archive.ron", ".ron")
        ));
    }
    if !of.ends_with(".ron") || of.contains('/') || of.contains('\\') {
        return push(format!("`archive_of: \"{of}\"` is not a board file name beside it (like \"team.ron\")"));
    }
    if let Some(target) = boards.iter().find(|b| &b.key == of) {
        if target.is_archive() {
            push(format!("`archive_of` names {of}, which is an archive itself"));
        } else if target.level != board.level {
            push(format!(
                "this archive is on the {} level but {of} is a {} board; an archive has its board's level",
                board.level.name(),
                target.level.name()
            ));
        }
    }
}

fn check_columns(board: &Board, problems: &mut Vec<Problem>) {
    if board.columns.is_empty() {
        problems.push(Problem {
            board: board.key.clone(),
            place: Place::Board,
            message: "the board has no columns; it needs at least one".into(),
            rule: Rule::Board,
        });
    }
    let mut names = HashSet::new();
    for column in &board.columns {
        if !names.insert(column.name.as_str()) {
            problems.push(Problem {
                board: board.key.clone(),
                place: Place::Column(column.name.clone()),
                message: format!("the column name \"{}\" is used twice; column names must differ", column.name),
                rule: Rule::Board,
            });
        }
    }
    for wait in board.wait_columns.iter().filter(|w| board.column_index(w).is_none()) {
        let names: Vec<&str> = board.columns.iter().map(|c| c.name.as_str()).collect();
        problems.push(Problem {
            board: board.key.clone(),
            place: Place::Field("wait_columns"),
            message: format!(
                "`wait_columns` names \"{wait}\", which is not a column of this board (its columns: {})",
                names.join(", ")
            ),
            rule: Rule::Board,
        });
    }
    if board.columns.iter().filter(|c| c.done).count() > 1 {
        problems.push(Problem {
            board: board.key.clone(),
            place: Place::Board,
            message: "more than one column says `done: true`; mark only one".into(),
            rule: Rule::Board,
        });
    }
}
