//! What the Jira and Azure DevOps exports share: rows written with the `csv` crate (RFC 4180,
//! CRLF), the project name, each item's team, and the issue-type vocabulary of each tool.

use crate::model::{Board, Item, Kind, Level};

/// Writes records as CSV text with CRLF line ends.
pub fn write_rows(rows: &[Vec<String>]) -> String {
    let mut writer =
        csv::WriterBuilder::new().flexible(false).terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    for row in rows {
        // Writing to memory cannot fail; a failure would only lose the row.
        let _ = writer.write_record(row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The project the boards belong to: the program board's name, else the first board's.
pub fn project(boards: &[&Board]) -> String {
    boards
        .iter()
        .find(|b| b.level == Level::Program)
        .or(boards.first())
        .map(|b| b.name.clone())
        .unwrap_or_else(|| "trainboard".into())
}

/// The team an item is built by: the team board it is on, else its `team` field.
pub fn team_of(board: &Board, item: &Item) -> Option<String> {
    match board.level {
        Level::Team => Some(board.name.clone()),
        _ => item.team.clone(),
    }
}

/// Every item of the boards, board by board in rank order.
pub fn items<'a>(boards: &'a [&'a Board]) -> impl Iterator<Item = (&'a Board, &'a Item)> + 'a {
    boards.iter().flat_map(|b| b.ranked().map(move |i| (*b, i)))
}

/// Jira's issue type for an item (the names `trainboard import jira` reads back).
pub fn jira_type(board: &Board, item: &Item) -> &'static str {
    match board.kind_of(item) {
        Kind::Epic => "Epic",
        Kind::Capability => "Capability",
        Kind::Feature => "Feature",
        Kind::Enabler => match board.level {
            Level::Portfolio => "Enabler Epic",
            Level::Program => "Enabler Feature",
            Level::Team => "Enabler",
        },
        Kind::Story => "Story",
        Kind::Spike => "Spike",
        Kind::Defect => "Bug",
        Kind::Risk => "Risk",
    }
}

/// Azure DevOps's work item type (Agile process) for an item.
pub fn azure_type(board: &Board, item: &Item) -> &'static str {
    match (board.kind_of(item), board.level) {
        (Kind::Epic, _) | (Kind::Enabler, Level::Portfolio) => "Epic",
        (Kind::Feature | Kind::Capability, _) | (Kind::Enabler, Level::Program) => "Feature",
        (Kind::Defect, _) => "Bug",
        (Kind::Risk, _) => "Issue",
        _ => "User Story",
    }
}
