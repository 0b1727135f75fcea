//! The one list of an item's fields as a table export writes them: a column name and the
//! cell's text, in column order. The CSV header and rows come from it, so a new item field is
//! added here once (a test fails when an item field has no column).
//!
//! Cells are text as a spreadsheet should read it: lists joined with `; `, criteria as
//! `[x] text`, history as `time column`, WSJF inputs apart and the score to one decimal as on
//! screen, progress as `3 of 5` (never read as a date), `rank` the place in the column.

use crate::model::{Board, Item, Workspace};

/// One item on its board, with what the table needs beyond the item.
pub struct Row<'a> {
    pub ws: &'a Workspace,
    pub board: &'a Board,
    pub item: &'a Item,
    /// The place in its column, 1 the top; `None` for an item in no column of its board.
    pub rank: Option<usize>,
}

/// A column: its name and its cell's text for a row.
pub struct ItemField {
    pub name: &'static str,
    pub text: fn(&Row<'_>) -> String,
}

/// Every field of an item, with its board's, in the CSV's column order.
pub const ITEM_FIELDS: [ItemField; 25] = [
    ItemField { name: "board", text: |r| r.board.name.clone() },
    ItemField { name: "file", text: |r| r.board.key.clone() },
    ItemField { name: "level", text: |r| r.board.level.name().to_string() },
    ItemField { name: "id", text: |r| r.item.id.clone() },
    ItemField { name: "title", text: |r| r.item.title.clone() },
    ItemField { name: "column", text: |r| r.item.column.clone() },
    ItemField { name: "rank", text: |r| number(r.rank) },
    ItemField { name: "kind", text: |r| r.board.kind_of(r.item).name().to_string() },
    ItemField { name: "parent", text: |r| optional(&r.item.parent) },
    ItemField { name: "description", text: |r| optional(&r.item.description) },
    ItemField {
        name: "acceptance",
        text: |r| {
            let criteria = r.item.acceptance.iter();
            list(criteria.map(|c| format!("[{}] {}", if c.done { "x" } else { " " }, c.text)))
        },
    },
    ItemField { name: "points", text: |r| number(r.item.points) },
    ItemField { name: "wsjf_value", text: |r| number(r.item.wsjf.map(|w| w.value)) },
    ItemField { name: "wsjf_time_criticality", text: |r| number(r.item.wsjf.map(|w| w.time_criticality)) },
    ItemField { name: "wsjf_risk_reduction", text: |r| number(r.item.wsjf.map(|w| w.risk_reduction)) },
    ItemField { name: "wsjf_job_size", text: |r| number(r.item.wsjf.map(|w| w.job_size)) },
    ItemField { name: "wsjf_score", text: |r| r.item.wsjf_score().map(|s| format!("{s:.1}")).unwrap_or_default() },
    ItemField { name: "owner", text: |r| optional(&r.item.owner) },
    ItemField { name: "team", text: |r| optional(&r.item.team) },
    ItemField { name: "iteration", text: |r| optional(&r.item.iteration) },
    ItemField { name: "tags", text: |r| list(r.item.tags.iter()) },
    ItemField { name: "blocked", text: |r| optional(&r.item.blocked) },
    ItemField { name: "depends_on", text: |r| list(r.item.depends_on.iter()) },
    ItemField { name: "history", text: |r| list(r.item.history.iter().map(|m| format!("{} {}", m.at, m.column))) },
    ItemField {
        name: "progress",
        text: |r| r.ws.rollup(&r.item.id).map(|(done, total)| format!("{done} of {total}")).unwrap_or_default(),
    },
];

/// The column names of [`ITEM_FIELDS`], in order.
pub const NAMES: [&str; ITEM_FIELDS.len()] = {
    let mut names = [""; ITEM_FIELDS.len()];
    let mut n = 0;
    while n < names.len() {
        names[n] = ITEM_FIELDS[n].name;
        n += 1;
    }
    names
};

fn optional(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn number(value: Option<impl ToString>) -> String {
    value.map(|n| n.to_string()).unwrap_or_default()
}

fn list(values: impl Iterator<Item = impl AsRef<str>>) -> String {
    values.map(|v| v.as_ref().to_string()).collect::<Vec<_>>().join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, Criterion, Level, Move, Wsjf};

    /// The item's own fields, as its JSON names them (every field of the struct, `kind` and
    /// `wsjf` included although the JSON wrapper writes those two).
    fn item_field_names() -> Vec<String> {
        let value = serde_json::to_value(Item::default()).unwrap();
        let mut names: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
        names.extend(["kind".to_string(), "wsjf".to_string()]);
        names
    }

    #[test]
    fn every_field_of_an_item_has_a_column() {
        for name in item_field_names() {
            let prefix = format!("{name}_");
            assert!(
                NAMES.iter().any(|column| *column == name || column.starts_with(&prefix)),
                "the item field {name} has no column in ITEM_FIELDS"
            );
        }
    }

    #[test]
    fn cells_are_the_fields_as_a_spreadsheet_reads_them() {
        let mut board = Board::new("alpha.ron", "Alpha", Level::Team, vec![Column::new("Doing", None)]);
        let mut item = Item::new("S-1", "Login", "Doing");
        item.acceptance =
            vec![Criterion { text: "works".into(), done: true }, Criterion { text: "fast".into(), done: false }];
        item.wsjf = Some(Wsjf { value: 5, time_criticality: 3, risk_reduction: 2, job_size: 3 });
        item.tags = vec!["a".into(), "b".into()];
        item.history = vec![Move { at: "2026-01-02T00:00:00Z".into(), column: "Doing".into() }];
        board.items.push(item);
        let ws = Workspace::new(vec![board]);
        let board = &ws.boards()[0];
        let row = Row { ws: &ws, board, item: &board.items[0], rank: Some(1) };
        let cell = |name: &str| (ITEM_FIELDS.iter().find(|f| f.name == name).unwrap().text)(&row);
        assert_eq!(cell("board"), "Alpha");
        assert_eq!(cell("level"), "Team");
        assert_eq!(cell("rank"), "1");
        assert_eq!(cell("kind"), "Story");
        assert_eq!(cell("acceptance"), "[x] works; [ ] fast");
        assert_eq!(cell("wsjf_job_size"), "3");
        assert_eq!(cell("wsjf_score"), "3.3");
        assert_eq!(cell("tags"), "a; b");
        assert_eq!(cell("history"), "2026-01-02T00:00:00Z Doing");
        assert_eq!(cell("owner"), "");
        assert_eq!(cell("progress"), "");
    }
}
