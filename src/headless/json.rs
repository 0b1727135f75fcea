//! The JSON of items and boards (`list --json`, `show --json`, `export --format json`): an item
//! is its model struct serialized as it is, plus the fields only its board and workspace know.

use serde::Serialize;

use crate::model::{Board, Item, Kind, Workspace, Wsjf};

/// An item with every field, its board and roll-up.
#[derive(Serialize)]
pub struct ItemJson<'a> {
    #[serde(flatten)]
    pub item: &'a Item,
    /// The board's name.
    pub board: &'a str,
    /// The board's file.
    pub file: &'a str,
    pub archived: bool,
    /// The kind the item has on its board (the level's default when the file names none).
    pub kind: Kind,
    pub wsjf: Option<ScoredWsjf<'a>>,
    pub rollup: Option<Rollup>,
}

/// The WSJF inputs and the score they give.
#[derive(Serialize)]
pub struct ScoredWsjf<'a> {
    #[serde(flatten)]
    pub inputs: &'a Wsjf,
    pub score: f64,
}

/// How many of a parent's children are done.
#[derive(Serialize)]
pub struct Rollup {
    pub done: usize,
    pub total: usize,
}

/// `show --json`: the item, its parent and its children.
#[derive(Serialize)]
pub struct ShownJson<'a> {
    #[serde(flatten)]
    pub item: ItemJson<'a>,
    pub parent_item: Option<ItemJson<'a>>,
    pub children: Vec<ItemJson<'a>>,
}

/// A board with its columns and its items in rank order.
#[derive(Serialize)]
pub struct BoardJson<'a> {
    pub name: &'a str,
    pub file: &'a str,
    pub level: &'static str,
    pub archive_of: Option<&'a str>,
    pub columns: Vec<ColumnJson<'a>>,
    pub items: Vec<ItemJson<'a>>,
}

/// A column: its WIP limit and how many items it holds.
#[derive(Serialize)]
pub struct ColumnJson<'a> {
    pub name: &'a str,
    pub wip: Option<u32>,
    pub count: usize,
}

impl<'a> ItemJson<'a> {
    pub fn new(ws: &Workspace, board: &'a Board, item: &'a Item) -> ItemJson<'a> {
        ItemJson {
            item,
            board: &board.name,
            file: &board.key,
            archived: board.is_archive(),
            kind: board.kind_of(item),
            wsjf: item.wsjf.as_ref().map(|inputs| ScoredWsjf { inputs, score: inputs.score() }),
            rollup: ws.rollup(&item.id).map(|(done, total)| Rollup { done, total }),
        }
    }
}

impl<'a> BoardJson<'a> {
    pub fn new(ws: &Workspace, board: &'a Board) -> BoardJson<'a> {
        BoardJson {
            name: &board.name,
            file: &board.key,
            level: board.level.name(),
            archive_of: board.archive_of.as_deref(),
            columns: board
                .columns
                .iter()
                .enumerate()
                .map(|(i, c)| ColumnJson { name: &c.name, wip: c.wip, count: board.column_len(i) })
                .collect(),
            items: board.ranked().map(|i| ItemJson::new(ws, board, i)).collect(),
        }
    }
}

/// Boards as pretty JSON.
pub fn boards_json(ws: &Workspace, boards: &[&Board]) -> String {
    let boards: Vec<BoardJson> = boards.iter().map(|b| BoardJson::new(ws, b)).collect();
    pretty(&boards)
}

/// Pretty JSON of `value`; serializing these types to memory cannot fail.
pub fn pretty(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}
