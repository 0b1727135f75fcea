//! Quick edits of one field of an item (points, owner, iteration, team, kind, tags, blocked,
//! acceptance criteria) and moving a story to another team's board, each as one [`Edit`].
//!
//! Only the changed field is checked, so an item with a dangling link elsewhere can still be
//! estimated or blocked.

use super::ModelError;
use super::board::{Board, Level};
use super::edit::{Edit, Op};
use super::item::{Criterion, Item, Kind, Move, Wsjf};
use super::workspace::Workspace;

/// One field change. `None` clears an optional field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    Points(Option<u32>),
    Owner(Option<String>),
    Team(Option<String>),
    Iteration(Option<String>),
    Kind(Kind),
    Tags(Vec<String>),
    Blocked(Option<String>),
    /// Tick or untick the criterion at this index.
    ToggleCriterion(usize),
    AddCriterion(String),
    RemoveCriterion(usize),
    /// Replace the text of the criterion at this index (its tick stays).
    EditCriterion(usize, String),
    /// Move the criterion at `from` to index `to`.
    MoveCriterion {
        from: usize,
        to: usize,
    },
    /// All four WSJF inputs at once; `None` clears them.
    Wsjf(Option<Wsjf>),
    /// The description, lines and indentation kept; `None` clears it.
    Description(Option<String>),
}

/// The kinds that fit a board's level (the level's default first). An item already of another
/// kind keeps that choice available.
pub fn kinds_for(level: Level) -> &'static [Kind] {
    match level {
        Level::Portfolio => &[Kind::Epic, Kind::Capability, Kind::Enabler],
        Level::Program => &[Kind::Feature, Kind::Capability, Kind::Enabler, Kind::Risk],
        Level::Team => &[Kind::Story, Kind::Enabler, Kind::Spike, Kind::Defect, Kind::Risk],
    }
}

/// The iterations an item on `board` may name.
pub fn iterations_for<'a>(ws: &'a Workspace, board: &'a Board) -> Vec<&'a str> {
    let boards: Vec<&Board> = ws.boards().iter().collect();
    super::validate::iterations_for(board, &boards)
}

/// Text from a prompt: trimmed, with control characters and line breaks made spaces; empty is
/// `None`.
pub fn clean_text(text: &str) -> Option<String> {
    let text: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// Points typed by a person: empty clears them; anything but a whole number is refused.
pub fn parse_points(text: &str) -> Result<Option<u32>, ModelError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<u32>().map(Some).map_err(|_| ModelError::InvalidValue {
        field: "points".into(),
        why: format!("\"{text}\" is not a whole number of points (0 or more); leave it empty to clear"),
    })
}

/// Tags typed as a comma-separated list: trimmed, empty ones dropped, each once.
pub fn parse_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',').filter_map(clean_text) {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// Changes one field of `id`.
pub fn set_field(ws: &Workspace, id: &str, field: Field) -> Result<Edit, ModelError> {
    let (board, item) = ws.find(id).ok_or_else(|| ModelError::UnknownItem(id.to_string()))?;
    let mut edited = item.clone();
    let label = match field {
        Field::Points(points) => {
            edited.points = points;
            match points {
                Some(p) => format!("{id} set to {p} points"),
                None => format!("{id}'s points cleared"),
            }
        }
        Field::Owner(owner) => {
            edited.owner = owner.as_deref().and_then(clean_text);
            match &edited.owner {
                Some(o) => format!("{id} given to {o}"),
                None => format!("{id}'s owner cleared"),
            }
        }
        Field::Team(team) => {
            edited.team = team.as_deref().and_then(clean_text);
            match &edited.team {
                Some(t) => format!("{id}'s team set to {t}"),
                None => format!("{id}'s team cleared"),
            }
        }
        Field::Iteration(iteration) => {
            let iteration = iteration.as_deref().and_then(clean_text);
            if let Some(name) = &iteration {
                let allowed = iterations_for(ws, board);
                if !allowed.is_empty() && !allowed.contains(&name.as_str()) {
                    return Err(ModelError::UnknownIteration { iteration: name.clone(), known: allowed.join(", ") });
                }
            }
            edited.iteration = iteration;
            match &edited.iteration {
                Some(i) => format!("{id} planned for {i}"),
                None => format!("{id}'s iteration cleared"),
            }
        }
        Field::Kind(kind) => {
            // The level's default kind is written as no kind at all, as the format suggests.
            edited.kind = (kind != board.level.default_kind()).then_some(kind);
            if board.kind_of(&edited) == board.kind_of(item) {
                return Err(ModelError::NothingToChange);
            }
            format!("{id} made a {}", kind.name())
        }
        Field::Tags(tags) => {
            edited.tags = tags.iter().filter_map(|t| clean_text(t)).collect();
            format!("{id} tagged")
        }
        Field::Blocked(reason) => {
            edited.blocked = match reason {
                // A block needs a reason a reader can act on.
                Some(reason) => Some(clean_text(&reason).ok_or_else(|| ModelError::InvalidValue {
                    field: "blocked".into(),
                    why: "say why it is blocked".into(),
                })?),
                None => None,
            };
            if edited.blocked.is_some() { format!("{id} blocked") } else { format!("{id} unblocked") }
        }
        Field::ToggleCriterion(n) => {
            let criterion = edited.acceptance.get_mut(n).ok_or_else(|| no_criterion(id, n))?;
            criterion.done = !criterion.done;
            let verb = if criterion.done { "ticked" } else { "unticked" };
            format!("criterion {} of {id} {verb}", n + 1)
        }
        Field::AddCriterion(text) => {
            let text = clean_text(&text).ok_or_else(|| ModelError::InvalidValue {
                field: "acceptance".into(),
                why: "a criterion needs some text".into(),
            })?;
            edited.acceptance.push(Criterion { text, done: false });
            format!("criterion added to {id}")
        }
        Field::RemoveCriterion(n) => {
            if n >= edited.acceptance.len() {
                return Err(no_criterion(id, n));
            }
            edited.acceptance.remove(n);
            format!("criterion {} of {id} deleted", n + 1)
        }
        Field::EditCriterion(n, text) => {
            let text = clean_text(&text).ok_or_else(|| ModelError::InvalidValue {
                field: "acceptance".into(),
                why: "a criterion needs some text (d deletes it)".into(),
            })?;
            edited.acceptance.get_mut(n).ok_or_else(|| no_criterion(id, n))?.text = text;
            format!("criterion {} of {id} edited", n + 1)
        }
        Field::MoveCriterion { from, to } => {
            let len = edited.acceptance.len();
            if from >= len || to >= len {
                return Err(no_criterion(id, from.max(to)));
            }
            let criterion = edited.acceptance.remove(from);
            edited.acceptance.insert(to, criterion);
            format!("criterion {} of {id} moved to {}", from + 1, to + 1)
        }
        Field::Wsjf(wsjf) => {
            if wsjf.is_some_and(|w| w.job_size == 0) {
                return Err(zero_job_size());
            }
            edited.wsjf = wsjf;
            match wsjf {
                Some(w) => format!("{id}'s WSJF set to {:.1}", w.score()),
                None => format!("{id}'s WSJF cleared"),
            }
        }
        Field::Description(text) => {
            edited.description = text.as_deref().and_then(clean_description);
            match &edited.description {
                Some(_) => format!("{id} described"),
                None => format!("{id}'s description cleared"),
            }
        }
    };
    if edited == *item {
        return Err(ModelError::NothingToChange);
    }
    Ok(Edit::new(label, vec![Op::Replace { board: board.key.clone(), item: edited }]))
}

fn zero_job_size() -> ModelError {
    ModelError::InvalidValue { field: "job size".into(), why: "must be at least 1 (WSJF divides by it)".into() }
}

/// A description typed in the editor: line breaks made `\n`, trailing spaces of each line and
/// trailing empty lines dropped, leading indentation kept, other control characters removed;
/// only whitespace is `None`.
pub fn clean_description(text: &str) -> Option<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            let line: String = line.chars().filter(|c| *c == '\t' || !c.is_control()).collect();
            line.trim_end().to_string()
        })
        .collect();
    let first = lines.iter().position(|l| !l.trim().is_empty())?;
    let last = lines.iter().rposition(|l| !l.trim().is_empty())?;
    Some(lines[first..=last].join("\n"))
}

/// The four WSJF inputs as typed (value, time criticality, risk reduction, job size): all
/// empty clears them; each must otherwise be a whole number, and job size at least 1.
pub fn parse_wsjf(inputs: [&str; 4]) -> Result<Option<Wsjf>, ModelError> {
    const NAMES: [&str; 4] = ["value", "time criticality", "risk reduction", "job size"];
    let inputs = inputs.map(str::trim);
    if inputs.iter().all(|t| t.is_empty()) {
        return Ok(None);
    }
    let mut numbers = [0u32; 4];
    for (n, text) in inputs.iter().enumerate() {
        numbers[n] = match text.parse::<u32>() {
            Ok(number) => number,
            Err(_) if text.is_empty() => {
                return Err(ModelError::InvalidValue {
                    field: NAMES[n].into(),
                    why: "empty: fill in all four, or empty all four to clear".into(),
                });
            }
            Err(_) => {
                return Err(ModelError::InvalidValue {
                    field: NAMES[n].into(),
                    why: format!("\"{text}\" is not a whole number"),
                });
            }
        };
    }
    let [value, time_criticality, risk_reduction, job_size] = numbers;
    if job_size == 0 {
        return Err(zero_job_size());
    }
    Ok(Some(Wsjf { value, time_criticality, risk_reduction, job_size }))
}

fn no_criterion(id: &str, n: usize) -> ModelError {
    ModelError::InvalidValue { field: "acceptance".into(), why: format!("{id} has no criterion {}", n + 1) }
}

/// The team boards a story on `from` can move to: every other team board.
pub fn other_team_boards<'a>(ws: &'a Workspace, from: &str) -> Vec<&'a Board> {
    ws.boards().iter().filter(|b| b.level == Level::Team && b.key != from && !b.is_archive()).collect()
}

/// Moves item `id` from its team board to the team board `to`: same id, links and history,
/// `team` set to the target board's name, in the column of the same name (else the first
/// column), at the top of that column. A column change is recorded in the history at `now`.
pub fn move_to_board(ws: &Workspace, id: &str, to: &str, now: &str) -> Result<Edit, ModelError> {
    let (from, item) = ws.find(id).ok_or_else(|| ModelError::UnknownItem(id.to_string()))?;
    let target = ws.board_by_key(to).ok_or_else(|| ModelError::UnknownBoard(to.to_string()))?;
    if target.key == from.key {
        return Err(ModelError::NothingToChange);
    }
    if from.level != Level::Team || target.level != Level::Team {
        return Err(ModelError::InvalidValue {
            field: "team".into(),
            why: format!("only items on a team board move to another team's board ({} → {})", from.name, target.name),
        });
    }
    let col = target.column_index(&item.column).or_else(|| (!target.columns.is_empty()).then_some(0));
    let col =
        col.ok_or_else(|| ModelError::UnknownColumn { board: target.name.clone(), column: item.column.clone() })?;
    let mut moved: Item = item.clone();
    moved.team = Some(target.name.clone());
    let column = target.columns[col].name.clone();
    if column != moved.column {
        moved.column = column.clone();
        moved.history.push(Move { at: now.into(), column: column.into() });
    }
    if let Some(iteration) = &moved.iteration {
        let allowed = iterations_for(ws, target);
        if !allowed.is_empty() && !allowed.contains(&iteration.as_str()) {
            return Err(ModelError::UnknownIteration { iteration: iteration.clone(), known: allowed.join(", ") });
        }
    }
    let pos = target.column_positions(col).first().copied().unwrap_or(target.items.len());
    let label = format!("{id} moved to team {}", target.name);
    Ok(Edit::new(
        label,
        vec![
            Op::Remove { board: from.key.clone(), id: id.to_string() },
            Op::Insert { board: target.key.clone(), pos, item: moved },
        ],
    ))
}
