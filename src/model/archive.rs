//! Archiving done items to the file beside their board (`NAME.archive.ron`, a board marked
//! `archive_of: "NAME.ron"`) and restoring them, each as one undoable [`Edit`]: the item leaves
//! one board and enters the other with its id, links and history.
//!
//! Which done items an archive run takes: the ones named, those planned for an iteration before
//! a given one, or those whose last move into the done column was before a date.

use super::ModelError;
use super::batch;
use super::board::Board;
use super::edit::{Edit, Op};
use super::item::Move;
use super::workspace::Workspace;

/// The archive file's key for the board with key `key`: `team.ron` → `team.archive.ron`.
pub fn archive_key(key: &str) -> String {
    let stem = key.strip_suffix(".ron").unwrap_or(key);
    format!("{stem}.archive.ron")
}

/// An empty archive of `board`: same name, level, kind for new items, columns and iterations.
pub fn new_archive(board: &Board) -> Board {
    let mut archive = Board::new(archive_key(&board.key), board.name.clone(), board.level, board.columns.clone());
    archive.version = board.version;
    archive.default_kind = board.default_kind;
    archive.iterations = board.iterations.clone();
    archive.wait_columns = board.wait_columns.clone();
    archive.archive_of = Some(board.key.clone());
    archive
}

/// The archive board to add before archiving from board `key`: `None` when it is already
/// loaded. Refuses an archive itself, and a file of the archive's name that is not its archive.
pub fn archive_to_create(ws: &Workspace, key: &str) -> Result<Option<Board>, ModelError> {
    let board = ws.board_by_key(key).ok_or_else(|| ModelError::UnknownBoard(key.to_string()))?;
    if board.is_archive() {
        return Err(ModelError::Invalid(format!("{} is already an archive", board.key)));
    }
    if ws.archive_of(key).is_some() {
        return Ok(None);
    }
    let wanted = archive_key(key);
    if let Some(other) = ws.board_by_key(&wanted) {
        return Err(ModelError::Invalid(format!(
            "{wanted} exists but is not the archive of {key} (it has no `archive_of: \"{key}\"`)",
            wanted = other.key
        )));
    }
    Ok(Some(new_archive(board)))
}

/// Moves the done items `ids` into their boards' archives (which must be loaded, see
/// [`archive_to_create`]), at the end, as one edit.
pub fn archive(ws: &Workspace, ids: &[String]) -> Result<Edit, ModelError> {
    let label = match ids {
        [one] => format!("{one} archived"),
        _ => format!("{} items archived", ids.len()),
    };
    batch::for_each(ws, ids, label, archive_one)
}

fn archive_one(ws: &Workspace, id: &str) -> Result<Edit, ModelError> {
    let (board, item) = ws.find(id).ok_or_else(|| ModelError::UnknownItem(id.to_string()))?;
    if board.is_archive() {
        return Err(ModelError::Invalid(format!("{id} is already archived")));
    }
    if !board.is_done(item) {
        let done = board.columns.get(board.done_column()).map(|c| c.name.as_str()).unwrap_or("done");
        return Err(ModelError::Invalid(format!(
            "only done items are archived: {id} is in {}, not in {done}",
            item.column
        )));
    }
    let archive = ws.archive_of(&board.key).ok_or_else(|| ModelError::UnknownBoard(archive_key(&board.key)))?;
    Ok(Edit::new(
        format!("{id} archived"),
        vec![
            Op::Remove { board: board.key.clone(), id: id.to_string() },
            Op::Insert { board: archive.key.clone(), pos: archive.items.len(), item: item.clone() },
        ],
    ))
}

/// Brings archived items back to the top of their board's done column, as one edit. An item
/// whose column the board no longer has lands in the done column, and that move is recorded
/// in its history at `now`.
pub fn restore(ws: &Workspace, ids: &[String], now: &str) -> Result<Edit, ModelError> {
    let label = match ids {
        [one] => format!("{one} restored"),
        _ => format!("{} items restored", ids.len()),
    };
    batch::for_each(ws, ids, label, |ws, id| restore_one(ws, id, now))
}

fn restore_one(ws: &Workspace, id: &str, now: &str) -> Result<Edit, ModelError> {
    let (archive, item) = ws.find(id).ok_or_else(|| ModelError::UnknownItem(id.to_string()))?;
    let Some(of) = archive.archive_of.as_deref() else {
        return Err(ModelError::Invalid(format!("{id} is not archived (it is on {})", archive.name)));
    };
    let board = ws.board_by_key(of).ok_or_else(|| ModelError::UnknownBoard(of.to_string()))?;
    let col = board.done_column();
    let column = board
        .columns
        .get(col)
        .map(|c| c.name.clone())
        .ok_or_else(|| ModelError::UnknownColumn { board: board.name.clone(), column: item.column.clone() })?;
    let mut restored = item.clone();
    if restored.column != column {
        restored.column = column.clone();
        restored.history.push(Move { at: now.into(), column: column.into() });
    }
    let pos = board.column_positions(col).first().copied().unwrap_or(board.items.len());
    Ok(Edit::new(
        format!("{id} restored"),
        vec![
            Op::Remove { board: archive.key.clone(), id: id.to_string() },
            Op::Insert { board: board.key.clone(), pos, item: restored },
        ],
    ))
}

/// The board with its archived items back in (those in a column the board still has), for
/// flow metrics, which count archived done work; the board itself when it has no archive.
pub fn with_archived<'a>(ws: &Workspace, board: &'a Board) -> std::borrow::Cow<'a, Board> {
    let Some(archive) = ws.archive_of(&board.key).filter(|a| !a.items.is_empty()) else {
        return std::borrow::Cow::Borrowed(board);
    };
    let mut all = board.clone();
    all.items.extend(archive.items.iter().filter(|i| board.column_index(&i.column).is_some()).cloned());
    all.reindex();
    std::borrow::Cow::Owned(all)
}

/// The iterations items of `board` are planned in, in order (its own, else the workspace's).
pub fn iterations(ws: &Workspace, board: &Board) -> Vec<String> {
    super::fields::iterations_for(ws, board).into_iter().map(str::to_string).collect()
}

/// The done items of `board` planned for an iteration before `iteration`, in rank order.
/// Items with no iteration, or one not in the list, are not taken.
pub fn done_before_iteration(ws: &Workspace, board: &Board, iteration: &str) -> Result<Vec<String>, ModelError> {
    let order = iterations(ws, board);
    let wanted = iteration.trim();
    let limit = order
        .iter()
        .position(|i| i.eq_ignore_ascii_case(wanted))
        .ok_or_else(|| ModelError::UnknownIteration { iteration: wanted.to_string(), known: order.join(", ") })?;
    let before = &order[..limit];
    Ok(board
        .column_items(board.done_column())
        .filter(|item| item.iteration.as_ref().is_some_and(|i| before.contains(i)))
        .map(|item| item.id.clone())
        .collect())
}

/// The done items of `board` whose last move into the done column (by their history) was
/// before `date` (`YYYY-MM-DD`, midnight UTC), in rank order. Items whose history does not
/// show them arriving there are not taken.
pub fn done_before_date(board: &Board, date: &str) -> Result<Vec<String>, ModelError> {
    let cutoff = parse_date(date)?;
    let col = board.done_column();
    let Some(done) = board.columns.get(col).map(|c| c.name.as_str()) else { return Ok(Vec::new()) };
    Ok(board
        .column_items(col)
        .filter(|item| item.history.iter().rev().find(|m| m.column == done).is_some_and(|m| m.at.unix() < cutoff))
        .map(|item| item.id.clone())
        .collect())
}

/// `YYYY-MM-DD` as seconds since 1970 at midnight UTC; anything else is refused in words.
pub fn parse_date(text: &str) -> Result<i64, ModelError> {
    let text = text.trim();
    let bad = || ModelError::InvalidValue {
        field: "date".into(),
        why: format!("\"{}\" is not a date like 2026-10-01 (YYYY-MM-DD)", text.escape_debug()),
    };
    let shaped = text.len() == 10 && text.bytes().enumerate().all(|(i, b)| matches!(i, 4 | 7) == (b == b'-'));
    if !shaped {
        return Err(bad());
    }
    let date: jiff::civil::Date = text.parse().map_err(|_| bad())?;
    let stamp =
        jiff::tz::Offset::UTC.to_timestamp(date.to_datetime(jiff::civil::Time::midnight())).map_err(|_| bad())?;
    Ok(stamp.as_second())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::apply_all;
    use crate::model::{Column, Item, Level, ids};

    fn done_column() -> Vec<Column> {
        let mut done = Column::new("Done", None);
        done.done = true;
        vec![Column::new("Todo", None), done]
    }

    fn done(id: &str, iteration: &str, at: &str) -> Item {
        let mut item = Item::new(id, id, "Done");
        item.iteration = Some(iteration.into());
        item.parent = Some("F-1".into());
        item.history = vec![
            Move { at: "2026-01-01T00:00:00Z".into(), column: "Todo".into() },
            Move { at: at.into(), column: "Done".into() },
        ];
        item
    }

    fn workspace() -> Workspace {
        let mut team = Board::new("alpha.ron", "Alpha", Level::Team, done_column());
        team.iterations = vec!["I1".into(), "I2".into(), "I3".into()];
        team.items = vec![
            Item::new("S-1", "open", "Todo"),
            done("S-2", "I1", "2026-09-10T12:00:00Z"),
            done("S-3", "I2", "2026-09-30T23:59:59Z"),
            done("S-4", "I3", "2026-10-01T00:00:00Z"),
        ];
        team.items[0].parent = Some("F-1".into());
        let mut art = Board::new("art.ron", "ART", Level::Program, done_column());
        art.items = vec![Item::new("F-1", "feature", "Todo")];
        Workspace::new(vec![team, art])
    }

    fn with_archive(ws: &mut Workspace) {
        let archive = archive_to_create(ws, "alpha.ron").unwrap().expect("no archive yet");
        assert_eq!(archive.key, "alpha.archive.ron");
        assert_eq!(archive.archive_of.as_deref(), Some("alpha.ron"));
        ws.put_board(archive);
        assert_eq!(archive_to_create(ws, "alpha.ron"), Ok(None));
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn archive_and_restore_keep_the_item_and_undo() {
        let mut ws = workspace();
        with_archive(&mut ws);
        let before = ws.item("S-2").cloned().unwrap();
        let undo = {
            let edit = archive(&ws, &ids(&["S-2", "S-3"])).unwrap();
            apply_all(&mut ws, edit).unwrap()
        };
        assert!(ws.is_archived("S-2") && ws.is_archived("S-3"));
        assert_eq!(ws.item("S-2"), Some(&before), "id, links and history kept");
        assert_eq!(ws.board_by_key("alpha.ron").unwrap().items.len(), 2);
        assert_eq!(ws.children("F-1").len(), 4, "links to and from archived items stay");
        let redo = apply_all(&mut ws, undo).unwrap();
        assert!(!ws.is_archived("S-2"));
        assert_eq!(ws.board_by_key("alpha.archive.ron").unwrap().items.len(), 0);
        apply_all(&mut ws, redo).unwrap();

        let undo = {
            let edit = restore(&ws, &ids(&["S-3"]), "2026-11-01T00:00:00Z").unwrap();
            apply_all(&mut ws, edit).unwrap()
        };
        let board = ws.board_by_key("alpha.ron").unwrap();
        assert_eq!(board.column_items(1).next().map(|i| i.id.as_str()), Some("S-3"), "top of the done column");
        assert_eq!(ws.item("S-3").unwrap().history.len(), 2, "no move recorded: it stays in Done");
        apply_all(&mut ws, undo).unwrap();
        assert!(ws.is_archived("S-3"));
    }

    #[test]
    fn archive_refuses_items_not_done_and_restore_items_not_archived() {
        let mut ws = workspace();
        with_archive(&mut ws);
        let err = archive(&ws, &ids(&["S-1"])).unwrap_err().to_string();
        assert!(err.contains("only done items") && err.contains("Todo"), "{err}");
        assert!(archive(&ws, &ids(&["S-2", "S-1"])).is_err(), "one refused item refuses the lot");
        assert!(restore(&ws, &ids(&["S-2"]), "2026-11-01T00:00:00Z").unwrap_err().to_string().contains("not archived"));
        assert_eq!(archive(&ws, &ids(&["S-9"])), Err(ModelError::UnknownItem("S-9".into())));
        assert!(archive_to_create(&ws, "alpha.archive.ron").is_err(), "an archive has no archive");
    }

    #[test]
    fn archived_ids_are_not_given_again() {
        let mut ws = workspace();
        with_archive(&mut ws);
        {
            let edit = archive(&ws, &ids(&["S-4"])).unwrap();
            apply_all(&mut ws, edit).unwrap()
        };
        assert_eq!(ids::next_id(&ws, crate::model::Kind::Story, 0), "S-5");
        let taken = crate::model::ops::add_item(&ws, "alpha.ron", "Todo", "new", "2026-11-01T00:00:00Z");
        assert!(taken.is_ok());
    }

    #[test]
    fn the_rollup_still_counts_archived_done_stories() {
        let mut ws = workspace();
        with_archive(&mut ws);
        assert_eq!(ws.rollup("F-1"), Some((3, 4)));
        {
            let edit = archive(&ws, &ids(&["S-2", "S-3", "S-4"])).unwrap();
            apply_all(&mut ws, edit).unwrap()
        };
        assert_eq!(ws.rollup("F-1"), Some((3, 4)));
    }

    #[test]
    fn flow_metrics_count_archived_items() {
        let mut ws = workspace();
        with_archive(&mut ws);
        let finished = |ws: &Workspace| {
            let board = ws.board_by_key("alpha.ron").unwrap();
            crate::model::flow::cycle_times(&with_archived(ws, board)).len()
        };
        let before = finished(&ws);
        assert_eq!(before, 3);
        let edit = archive(&ws, &ids(&["S-2", "S-3"])).unwrap();
        apply_all(&mut ws, edit).unwrap();
        assert_eq!(finished(&ws), before, "archived done items still count");
        assert_eq!(ws.board_by_key("alpha.ron").unwrap().items.len(), 2, "the board itself is smaller");
    }

    #[test]
    fn selects_done_items_before_an_iteration() {
        let ws = workspace();
        let board = ws.board_by_key("alpha.ron").unwrap();
        assert_eq!(done_before_iteration(&ws, board, "I3").unwrap(), ids(&["S-2", "S-3"]));
        assert_eq!(done_before_iteration(&ws, board, "i2").unwrap(), ids(&["S-2"]));
        assert!(done_before_iteration(&ws, board, "I1").unwrap().is_empty());
        assert!(matches!(done_before_iteration(&ws, board, "I9"), Err(ModelError::UnknownIteration { .. })));
    }

    #[test]
    fn selects_done_items_before_a_date() {
        let ws = workspace();
        let board = ws.board_by_key("alpha.ron").unwrap();
        assert_eq!(done_before_date(board, "2026-10-01").unwrap(), ids(&["S-2", "S-3"]));
        assert_eq!(done_before_date(board, "2026-09-11").unwrap(), ids(&["S-2"]));
        assert_eq!(done_before_date(board, "2027-01-01").unwrap(), ids(&["S-2", "S-3", "S-4"]));
        for bad in ["2026-13-01", "2026-1-01", "yesterday", "", "2026-02-30"] {
            assert!(done_before_date(board, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_archive_key_sits_beside_the_board() {
        assert_eq!(archive_key("team-alpha.ron"), "team-alpha.archive.ron");
        assert_eq!(archive_key("odd"), "odd.archive.ron");
    }
}
