//! The everyday operations (move, rank, WSJF re-rank, add, edit, delete, split) as pure
//! functions from the current workspace to an [`Edit`]; nothing is changed until the edit is
//! committed to the history, which keeps every operation undoable.

use super::ModelError;
use super::board::Board;
use super::edit::{Edit, Op};
use super::ids;
use super::item::{Item, Move};
use super::workspace::Workspace;

/// Where to put an item within its column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rank {
    Up,
    Down,
    Top,
    Bottom,
    Before(String),
}

fn locate<'a>(ws: &'a Workspace, id: &str) -> Result<(&'a Board, &'a Item), ModelError> {
    ws.find(id).ok_or_else(|| ModelError::UnknownItem(id.to_string()))
}

/// Moves the item to the column named `to`, recording the move in its history at `now`.
/// Where a card moved to another column lands in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Landing {
    /// First: the place a person looks first (the default).
    #[default]
    Top,
    /// Last, below the cards already there.
    Bottom,
}

impl Landing {
    pub fn from_name(name: &str) -> Option<Landing> {
        match name.trim().to_ascii_lowercase().as_str() {
            "top" => Some(Landing::Top),
            "bottom" => Some(Landing::Bottom),
            _ => None,
        }
    }
}

pub fn move_to_column(ws: &Workspace, id: &str, to: &str, now: &str) -> Result<Edit, ModelError> {
    move_to_column_landing(ws, id, to, now, Landing::Top)
}

/// [`move_to_column`], the card landing at the top or the bottom of column `to`.
pub fn move_to_column_landing(
    ws: &Workspace,
    id: &str,
    to: &str,
    now: &str,
    landing: Landing,
) -> Result<Edit, ModelError> {
    let (board, item) = locate(ws, id)?;
    if board.column_index(to).is_none() {
        return Err(ModelError::UnknownColumn { board: board.name.clone(), column: to.to_string() });
    }
    if item.column == to {
        return Err(ModelError::NothingToChange);
    }
    let mut moved = item.clone();
    moved.column = to.to_string();
    moved.history.push(Move { at: now.into(), column: to.into() });
    let label = format!("{id} moved to {to}");
    let mut ops = vec![Op::Replace { board: board.key.clone(), item: moved }];
    let place = match landing {
        Landing::Top => top_of_column(board, id, to),
        Landing::Bottom => bottom_of_column(board, id, to),
    };
    if let Some(to) = place {
        ops.push(Op::Reposition { board: board.key.clone(), id: id.to_string(), to });
    }
    Ok(Edit::new(label, ops))
}

/// Where `id` goes in the board's items to be first of column `to` once it is there; `None`
/// when it already would be (the column is empty, or its first item comes after `id`).
fn top_of_column(board: &Board, id: &str, to: &str) -> Option<usize> {
    let from = board.position(id)?;
    let first = *board.column_positions(board.column_index(to)?).first()?;
    if first > from {
        return None;
    }
    Some(first)
}

/// Where `id` goes in the board's items to be last of column `to` once it is there (taken
/// out first, then put back at the position); `None` when it already would be.
fn bottom_of_column(board: &Board, id: &str, to: &str) -> Option<usize> {
    let from = board.position(id)?;
    let last = *board.column_positions(board.column_index(to)?).last()?;
    if last < from {
        return Some(last + 1).filter(|&at| at != from);
    }
    Some(last)
}

/// The name of the column `step` places left (negative) or right of the item's column.
pub fn neighbour_column(ws: &Workspace, id: &str, step: isize) -> Result<String, ModelError> {
    let (board, item) = locate(ws, id)?;
    let here = board
        .column_index(&item.column)
        .ok_or_else(|| ModelError::UnknownColumn { board: board.name.clone(), column: item.column.clone() })?;
    let there = here as isize + step;
    if there < 0 || there >= board.columns.len() as isize {
        return Err(ModelError::NothingToChange);
    }
    Ok(board.columns[there as usize].name.clone())
}

/// Reprioritizes the item within its column.
pub fn rank(ws: &Workspace, id: &str, rank: &Rank) -> Result<Edit, ModelError> {
    let (board, item) = locate(ws, id)?;
    let col = board.column_index(&item.column).ok_or(ModelError::NothingToChange)?;
    let column = board.column_positions(col);
    let from = board.position(id).ok_or_else(|| ModelError::UnknownItem(id.to_string()))?;
    let at = column.iter().position(|&p| p == from).ok_or(ModelError::NothingToChange)?;
    let target = match rank {
        Rank::Up => at.checked_sub(1),
        Rank::Down => Some(at + 1).filter(|&t| t < column.len()),
        Rank::Top => Some(0).filter(|_| at > 0),
        Rank::Bottom => Some(column.len() - 1).filter(|&t| t > at),
        Rank::Before(other) => {
            let (other_board, other_item) = locate(ws, other)?;
            if other_board.key != board.key || other_item.column != item.column {
                return Err(ModelError::NotInSameColumn(other.clone()));
            }
            let other_pos = board.position(other).unwrap_or(from);
            let other_at = column.iter().position(|&p| p == other_pos).unwrap_or(at);
            let t = if other_at > at { other_at - 1 } else { other_at };
            Some(t).filter(|&t| t != at)
        }
    };
    let target = target.ok_or(ModelError::NothingToChange)?;
    let to = column[target];
    let label = format!("{id} reprioritized");
    Ok(Edit::new(label, vec![Op::Reposition { board: board.key.clone(), id: id.to_string(), to }]))
}

/// Re-ranks a column by WSJF score, highest first; items without WSJF keep their order last.
pub fn sort_by_wsjf(ws: &Workspace, board_key: &str, col: usize) -> Result<Edit, ModelError> {
    let board = ws.board_by_key(board_key).ok_or_else(|| ModelError::UnknownBoard(board_key.to_string()))?;
    let slots = board.column_positions(col);
    let mut ranked: Vec<usize> = slots.to_vec();
    // Stable sort: equal scores keep their current order.
    ranked.sort_by(|&a, &b| {
        let score = |p: usize| board.items[p].wsjf_score().unwrap_or(f64::NEG_INFINITY);
        score(b).total_cmp(&score(a))
    });
    if ranked == slots {
        return Err(ModelError::NothingToChange);
    }
    let mut order: Vec<usize> = (0..board.items.len()).collect();
    for (slot, from) in slots.iter().zip(&ranked) {
        order[*slot] = *from;
    }
    let ids = order.into_iter().map(|p| board.items[p].id.clone()).collect();
    let name = board.columns.get(col).map(|c| c.name.as_str()).unwrap_or("");
    let label = format!("{name} re-ranked by WSJF");
    Ok(Edit::new(label, vec![Op::Reorder { board: board.key.clone(), ids }]))
}

/// A new item at the bottom of `column` on the board `board_key`, of the board's kind for new
/// items (its `default_kind`, else its level's).
pub fn add_item(
    ws: &Workspace,
    board_key: &str,
    column: &str,
    title: &str,
    now: &str,
) -> Result<(Edit, String), ModelError> {
    add_item_as(ws, board_key, column, title, now, None)
}

/// Like [`add_item`], of `kind` when given.
pub fn add_item_as(
    ws: &Workspace,
    board_key: &str,
    column: &str,
    title: &str,
    now: &str,
    kind: Option<super::Kind>,
) -> Result<(Edit, String), ModelError> {
    add_item_at(ws, board_key, column, title, now, kind, &Place::Bottom)
}

/// Where a new item goes in its column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Top,
    Bottom,
    /// Just above this item (of the same column).
    Above(String),
    /// Just below this item (of the same column).
    Below(String),
}

/// A new item in `column` of board `board_key` at `place` (an anchor in another column, or no
/// longer there, puts it at the bottom), of `kind` (else the board's kind for new items), of
/// the board's team on a team board.
pub fn add_item_at(
    ws: &Workspace,
    board_key: &str,
    column: &str,
    title: &str,
    now: &str,
    kind: Option<super::Kind>,
    place: &Place,
) -> Result<(Edit, String), ModelError> {
    let board = ws.board_by_key(board_key).ok_or_else(|| ModelError::UnknownBoard(board_key.to_string()))?;
    let col = board
        .column_index(column)
        .ok_or_else(|| ModelError::UnknownColumn { board: board.name.clone(), column: column.to_string() })?;
    let title = clean_title(title)?;
    let kind = kind.unwrap_or_else(|| board.new_item_kind());
    let id = ids::next_id(ws, kind, 0);
    let mut item = Item::new(id.clone(), title, column);
    item.kind = (kind != board.level.default_kind()).then_some(kind);
    item.team = board_team(board);
    item.history.push(Move { at: now.into(), column: column.into() });
    let in_column = |anchor: &str| board.position(anchor).filter(|p| board.items[*p].column == board.columns[col].name);
    let pos = match place {
        Place::Top => board.column_positions(col).first().copied().unwrap_or_else(|| insertion_point(board, col)),
        Place::Bottom => insertion_point(board, col),
        Place::Above(anchor) => in_column(anchor).unwrap_or_else(|| insertion_point(board, col)),
        Place::Below(anchor) => in_column(anchor).map(|p| p + 1).unwrap_or_else(|| insertion_point(board, col)),
    };
    let label = format!("{id} added");
    Ok((Edit::new(label, vec![Op::Insert { board: board.key.clone(), pos, item }]), id))
}

/// The team a board belongs to: a team board's name is its team's.
pub fn board_team(board: &Board) -> Option<String> {
    (board.level == super::Level::Team).then(|| board.name.clone())
}

/// The position just after the column's last item (or the end of the board).
fn insertion_point(board: &Board, col: usize) -> usize {
    board.column_positions(col).last().map(|p| p + 1).unwrap_or(board.items.len())
}

fn clean_title(title: &str) -> Result<String, ModelError> {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return Err(ModelError::EmptyTitle);
    }
    Ok(title)
}

pub fn set_title(ws: &Workspace, id: &str, title: &str) -> Result<Edit, ModelError> {
    let (board, item) = locate(ws, id)?;
    let title = clean_title(title)?;
    if title == item.title {
        return Err(ModelError::NothingToChange);
    }
    let mut edited = item.clone();
    edited.title = title;
    let label = format!("{id} renamed");
    Ok(Edit::new(label, vec![Op::Replace { board: board.key.clone(), item: edited }]))
}

/// Replaces the whole item (the `$EDITOR` round trip), after checking it fits its board.
pub fn replace_item(ws: &Workspace, id: &str, edited: Item) -> Result<Edit, ModelError> {
    let (board, item) = locate(ws, id)?;
    if edited.id != item.id {
        return Err(ModelError::IdChanged(item.id.clone()));
    }
    if edited == *item {
        return Err(ModelError::NothingToChange);
    }
    clean_title(&edited.title)?;
    if board.column_index(&edited.column).is_none() {
        return Err(ModelError::UnknownColumn { board: board.name.clone(), column: edited.column.clone() });
    }
    if let Some(iteration) = &edited.iteration {
        let boards: Vec<&super::Board> = ws.boards().iter().collect();
        let allowed = super::validate::iterations_for(board, &boards);
        if !allowed.is_empty() && !allowed.contains(&iteration.as_str()) {
            return Err(ModelError::UnknownIteration { iteration: iteration.clone(), known: allowed.join(", ") });
        }
    }
    for link in edited.parent.iter().chain(&edited.depends_on) {
        if !ws.contains(link) || link == id {
            return Err(ModelError::UnknownItem(link.clone()));
        }
    }
    let label = format!("{id} edited");
    Ok(Edit::new(label, vec![Op::Replace { board: board.key.clone(), item: edited }]))
}

/// Deletes the item; its children lose their parent link and others their dependency on it.
pub fn delete(ws: &Workspace, id: &str) -> Result<Edit, ModelError> {
    let (board, _) = locate(ws, id)?;
    let mut ops = Vec::new();
    for child in ws.children(id) {
        if let Some((child_board, child_item)) = ws.find(child) {
            let mut orphan = child_item.clone();
            orphan.parent = None;
            ops.push(Op::Replace { board: child_board.key.clone(), item: orphan });
        }
    }
    for other_board in ws.boards() {
        for item in other_board.items.iter().filter(|i| i.depends_on.iter().any(|d| d == id)) {
            let mut freed = item.clone();
            freed.depends_on.retain(|d| d != id);
            ops.push(Op::Replace { board: other_board.key.clone(), item: freed });
        }
    }
    ops.push(Op::Remove { board: board.key.clone(), id: id.to_string() });
    Ok(Edit::new(format!("{id} deleted"), ops))
}

/// The board a split of `id` lands on by default: for a feature the team board named by its
/// `team`, otherwise the first board one level down.
pub fn default_split_board(ws: &Workspace, id: &str) -> Result<usize, ModelError> {
    let (board, item) = locate(ws, id)?;
    let below = board.level.below().ok_or(ModelError::NoLevelBelow)?;
    let mut candidates = ws.boards_at(below);
    let first = candidates.next().ok_or(ModelError::NoLevelBelow)?;
    let by_team = item.team.as_ref().and_then(|team| ws.boards_at(below).find(|&b| ws.boards()[b].name == *team));
    Ok(by_team.unwrap_or(first))
}

/// Splits `id` into one child per title in the first column of `target` board.
pub fn split(
    ws: &Workspace,
    id: &str,
    titles: &[String],
    target: usize,
    now: &str,
) -> Result<(Edit, Vec<String>), ModelError> {
    let (board, parent) = locate(ws, id)?;
    let below = board.level.below().ok_or(ModelError::NoLevelBelow)?;
    let to = ws.board(target).ok_or(ModelError::NoLevelBelow)?;
    if to.level != below {
        return Err(ModelError::NoLevelBelow);
    }
    let column = to.columns.first().map(|c| c.name.clone()).ok_or(ModelError::NoLevelBelow)?;
    let titles: Vec<String> = titles.iter().filter_map(|t| clean_title(t).ok()).collect();
    if titles.is_empty() {
        return Err(ModelError::EmptyTitle);
    }
    let pos = insertion_point(to, 0);
    let mut ops = Vec::new();
    let mut new_ids = Vec::new();
    for (n, title) in titles.into_iter().enumerate() {
        let child_id = ids::next_id(ws, below.default_kind(), n);
        let mut child = Item::new(child_id.clone(), title, column.clone());
        child.parent = Some(id.to_string());
        child.tags = parent.tags.clone();
        // A story on a team's board is that team's, whatever team the feature named.
        child.team = board_team(to).or_else(|| parent.team.clone());
        child.history.push(Move { at: now.into(), column: column.as_str().into() });
        ops.push(Op::Insert { board: to.key.clone(), pos: pos + n, item: child });
        new_ids.push(child_id);
    }
    let label = format!("{id} split into {}", new_ids.join(", "));
    Ok((Edit::new(label, ops), new_ids))
}

/// Gives item `old` the id `new`, and points every parent and dependency link at the new id.
pub fn rename_id(ws: &Workspace, old: &str, new: &str) -> Result<Edit, ModelError> {
    let (board, item) = locate(ws, old)?;
    if ws.contains(new) {
        return Err(ModelError::DuplicateId(new.to_string()));
    }
    let pos = board.position(old).ok_or_else(|| ModelError::UnknownItem(old.to_string()))?;
    let mut renamed = item.clone();
    renamed.id = new.to_string();
    let mut ops = vec![
        Op::Remove { board: board.key.clone(), id: old.to_string() },
        Op::Insert { board: board.key.clone(), pos, item: renamed },
    ];
    for other in ws.boards() {
        for linked in
            other.items.iter().filter(|i| i.parent.as_deref() == Some(old) || i.depends_on.iter().any(|d| d == old))
        {
            let mut relinked = linked.clone();
            if relinked.parent.as_deref() == Some(old) {
                relinked.parent = Some(new.to_string());
            }
            for dep in relinked.depends_on.iter_mut().filter(|d| *d == old) {
                *dep = new.to_string();
            }
            ops.push(Op::Replace { board: other.key.clone(), item: relinked });
        }
    }
    Ok(Edit::new(format!("{old} renumbered to {new}"), ops))
}
