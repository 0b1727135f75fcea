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

/// Jira's issue type for an item (the names `trainboard import jira` reads back); enablers,
/// risks and spikes off the team level are the level's plain type with a mark label.
pub fn jira_type(board: &Board, item: &Item) -> &'static str {
    let kind = board.kind_of(item);
    if crate::import::marks::mark_for(board.level, kind).is_some() && kind != Kind::Spike {
        return plain_type(board.level, "Story");
    }
    match kind {
        Kind::Epic => "Epic",
        Kind::Capability => "Capability",
        Kind::Feature => "Feature",
        Kind::Story | Kind::Enabler | Kind::Risk => "Story",
        Kind::Spike => "Spike",
        Kind::Defect => "Bug",
    }
}

fn plain_type(level: Level, team: &'static str) -> &'static str {
    match level {
        Level::Portfolio => "Epic",
        Level::Program => "Feature",
        Level::Team => team,
    }
}

/// Azure DevOps's work item type (Agile process) for an item; spikes and risks are the
/// level's plain type with a mark tag, enablers have the Architectural value area.
pub fn azure_type(board: &Board, item: &Item) -> &'static str {
    match board.kind_of(item) {
        Kind::Epic => "Epic",
        Kind::Feature | Kind::Capability => "Feature",
        Kind::Defect => "Bug",
        _ => plain_type(board.level, "User Story"),
    }
}

/// The tags an export writes: the item's, plus the mark label of a kind the tool lacks.
pub fn tags_with_mark(board: &Board, item: &Item, jira: bool) -> Vec<String> {
    let kind = board.kind_of(item);
    let mut tags = item.tags.clone();
    let mark = crate::import::marks::mark_for(board.level, kind);
    let has_type = match kind {
        Kind::Enabler => !jira,
        Kind::Spike => jira,
        _ => false,
    };
    if let Some(mark) = mark.filter(|_| !has_type) {
        tags.push(mark.to_string());
    }
    tags
}
