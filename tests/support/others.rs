//! Changes someone else makes: a board file changed on disk, read again by the app as the
//! watcher has it read (`Msg::Reloaded`), so tests reach the state through `update` alone.

#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Instant;

use trainboard::app::disk::Reload;
use trainboard::app::{App, Effect, Msg, update};
use trainboard::model::Board;
use trainboard::storage::load_and_check::LoadedFile;

/// Someone else saved `board` (its cards `changed` differ from what was shown).
pub fn board_changed(app: &mut App, board: Board, changed: &[&str]) -> Vec<Effect> {
    let text = trainboard::storage::canonical::board_to_string(&board);
    let file = LoadedFile::new(PathBuf::from(&board.key), text.as_bytes());
    let changed = changed.iter().map(|id| id.to_string()).collect();
    let reload = Reload::Changed { board: Box::new(board), changed, file, unsaved: false, at: Instant::now() };
    update(app, Msg::Reloaded(Box::new(reload)))
}
