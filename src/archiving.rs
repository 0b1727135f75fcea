//! The headless `archive` and `restore` commands: done items of a board go to its archive
//! file (created beside it when missing) and back, through the same save protocol and
//! workspace lock as the other item commands.

use std::path::Path;

use crate::headless::{HeadlessError, with_workspace};
use crate::model::archive;

/// Which done items of the board `archive` takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// These items (each must be a done item of the board).
    Ids(Vec<String>),
    /// Those planned for an iteration before this one.
    BeforeIteration(String),
    /// Those whose last move into the done column was before this date (`YYYY-MM-DD`).
    BeforeDate(String),
}

/// Archives the selected done items of `board`; returns their ids (none: nothing was written).
pub fn archive_items(root: &Path, board: &str, selection: &Selection) -> Result<Vec<String>, HeadlessError> {
    with_workspace(root, |s| {
        let target = s.board_named(board)?;
        if target.is_archive() {
            return Err(HeadlessError::Usage(format!("{} is an archive; name the board it archives", target.key)));
        }
        let key = target.key.clone();
        let ids = match selection {
            Selection::Ids(ids) => {
                if let Some(stranger) = ids.iter().find(|id| target.item(id).is_none()) {
                    let why = match s.ws.find(stranger) {
                        Some((other, _)) if other.is_archive() => format!("{stranger} is already archived"),
                        Some((other, _)) => format!("{stranger} is on {}, not on {}", other.name, target.name),
                        None => format!("there is no item {stranger}"),
                    };
                    return Err(HeadlessError::Usage(why));
                }
                ids.clone()
            }
            Selection::BeforeIteration(iteration) => archive::done_before_iteration(&s.ws, target, iteration)?,
            Selection::BeforeDate(date) => archive::done_before_date(target, date)?,
        };
        if ids.is_empty() {
            return Ok(ids);
        }
        if let Some(reason) = s.ws.board_by_key(&key).and_then(|b| b.read_only_reason()) {
            return Err(HeadlessError::ReadOnly(reason));
        }
        let created = archive::archive_to_create(&s.ws, &key)?.map(|new| {
            let new_key = new.key.clone();
            s.ws.put_board(new);
            new_key
        });
        match archive::archive(&s.ws, &ids) {
            Ok(edit) => s.commit_archiving(edit)?,
            Err(err) => {
                // A refused run leaves no empty archive behind.
                if let Some(new_key) = created {
                    s.ws.remove_board(&new_key);
                }
                return Err(err.into());
            }
        };
        Ok(ids)
    })
}

/// Restores archived items to their boards' done columns; returns their ids.
pub fn restore_items(root: &Path, ids: &[String]) -> Result<Vec<String>, HeadlessError> {
    with_workspace(root, |s| {
        let edit = archive::restore(&s.ws, ids, &crate::clock::now_rfc3339())?;
        s.commit_archiving(edit)?;
        Ok(ids.to_vec())
    })
}
