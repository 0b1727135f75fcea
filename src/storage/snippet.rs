//! One item as a RON snippet, for editing in `$EDITOR`, and back.

use crate::model::{Board, Item};

use super::read::{ParseError, from_ron};
use super::write::write_item;

/// The item in the board file's own layout, under a comment that says how to use it.
pub fn item_to_snippet(board: &Board, item: &Item) -> String {
    let mut out = format!(
        "// Item {} on board \"{}\". Change any field, save and quit to apply.\n\
         // The id cannot change. Columns: {}.\n",
        item.id,
        board.name,
        board.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ")
    );
    let mut body = String::new();
    write_item(&mut body, board, item, 0);
    out.push_str(body.trim_end().trim_end_matches(','));
    out.push('\n');
    out
}

/// Parses an edited snippet back into an item; the kind defaults by the board's level.
pub fn parse_item_snippet(text: &str, board: &Board) -> Result<Item, ParseError> {
    let mut item: Item = from_ron(text)?;
    if item.kind == Some(board.level.default_kind()) {
        item.kind = None;
    }
    Ok(item)
}
