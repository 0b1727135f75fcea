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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, Criterion, Level, Move};

    fn keys(value: &serde_json::Value) -> Vec<&str> {
        let mut keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        keys
    }

    fn workspace() -> Workspace {
        let mut team = Board::new(
            "alpha.ron",
            "Alpha",
            Level::Team,
            vec![Column::new("Doing", Some(2)), Column::new("Done", None)],
        );
        let mut story = Item::new("S-1", "Login", "Doing");
        story.parent = Some("F-1".into());
        story.acceptance = vec![Criterion { text: "works".into(), done: true }];
        story.wsjf = Some(Wsjf { value: 5, time_criticality: 3, risk_reduction: 1, job_size: 3 });
        story.history = vec![Move { at: "2026-01-02T00:00:00Z".into(), column: "Doing".into() }];
        team.items.push(story);
        let mut program = Board::new("art.ron", "ART", Level::Program, vec![Column::new("Doing", None)]);
        program.items.push(Item::new("F-1", "Search", "Doing"));
        Workspace::new(vec![team, program])
    }

    #[test]
    fn an_item_keeps_every_key_scripts_read() {
        let ws = workspace();
        let (board, item) = ws.find("S-1").unwrap();
        let value = serde_json::to_value(ItemJson::new(&ws, board, item)).unwrap();
        assert_eq!(
            keys(&value),
            [
                "acceptance",
                "archived",
                "blocked",
                "board",
                "column",
                "depends_on",
                "description",
                "file",
                "history",
                "id",
                "iteration",
                "kind",
                "owner",
                "parent",
                "points",
                "rollup",
                "tags",
                "team",
                "title",
                "wsjf"
            ]
        );
        assert_eq!(keys(&value["wsjf"]), ["job_size", "risk_reduction", "score", "time_criticality", "value"]);
        assert_eq!(value["wsjf"]["score"], 3.0);
        assert_eq!(value["acceptance"][0], serde_json::json!({"text": "works", "done": true}));
        assert_eq!(value["history"][0], serde_json::json!({"at": "2026-01-02T00:00:00Z", "column": "Doing"}));
        assert_eq!(
            (value["kind"].as_str(), value["board"].as_str(), value["file"].as_str()),
            (Some("Story"), Some("Alpha"), Some("alpha.ron"))
        );
        assert_eq!(value["rollup"], serde_json::Value::Null);
        let (board, feature) = ws.find("F-1").unwrap();
        let value = serde_json::to_value(ItemJson::new(&ws, board, feature)).unwrap();
        assert_eq!((value["kind"].as_str(), value["wsjf"].is_null()), (Some("Feature"), true));
        assert_eq!(value["rollup"], serde_json::json!({"done": 0, "total": 1}));
    }

    #[test]
    fn a_board_has_its_columns_and_items() {
        let ws = workspace();
        let boards: Vec<&Board> = ws.boards().iter().collect();
        let value: serde_json::Value = serde_json::from_str(&boards_json(&ws, &boards)).unwrap();
        let alpha = value.as_array().unwrap().iter().find(|b| b["name"] == "Alpha").unwrap();
        assert_eq!(keys(alpha), ["archive_of", "columns", "file", "items", "level", "name"]);
        assert_eq!(alpha["columns"][0], serde_json::json!({"name": "Doing", "wip": 2, "count": 1}));
        assert_eq!(alpha["items"][0]["id"], "S-1");
    }
}
