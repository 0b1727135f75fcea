//! `--format jira-csv`: a CSV Jira's CSV importer maps by itself (Summary, Issue Type in Jira's
//! vocabulary, Status, Issue Id / Parent Id for the hierarchy, Labels repeated, Story Points,
//! Sprint, Assignee, Description), plus the key and status category that
//! `trainboard import jira` reads back to the same items and columns.

use std::collections::HashMap;

use crate::model::{Board, Workspace};

use super::tools::{items, jira_type, project, tags_with_mark, team_of, write_rows};

fn category(board: &Board, column: &str) -> &'static str {
    match board.column_index(column) {
        Some(i) if i == board.done_column() => "Done",
        Some(0) => "To Do",
        _ => "In Progress",
    }
}

pub fn boards(_ws: &Workspace, boards: &[&Board]) -> String {
    let all: Vec<_> = items(boards).collect();
    let number: HashMap<&str, usize> = all.iter().enumerate().map(|(n, (_, i))| (i.id.as_str(), n + 1)).collect();
    let labels = all.iter().map(|(b, i)| tags_with_mark(b, i, true).len()).max().unwrap_or(0).max(1);
    let links = all.iter().map(|(_, i)| i.depends_on.len()).max().unwrap_or(0).max(1);
    let project = project(boards);
    let mut header: Vec<String> =
        ["Issue Id", "Issue key", "Parent Id", "Summary", "Issue Type", "Status", "Status Category", "Project name"]
            .map(String::from)
            .to_vec();
    header.extend(std::iter::repeat_n("Labels".to_string(), labels));
    header.extend(["Story Points", "Sprint", "Assignee", "Team", "Flagged", "Description"].map(String::from));
    header.extend(std::iter::repeat_n("Inward issue link (Blocks)".to_string(), links));
    let mut rows = vec![header];
    for (n, (board, item)) in all.iter().enumerate() {
        let parent = item.parent.as_deref().and_then(|p| number.get(p)).map(|n| n.to_string()).unwrap_or_default();
        let mut row = vec![
            (n + 1).to_string(),
            item.id.clone(),
            parent,
            item.title.clone(),
            jira_type(board, item).to_string(),
            item.column.clone(),
            category(board, &item.column).to_string(),
            project.clone(),
        ];
        // Jira labels hold no spaces.
        let tags =
            tags_with_mark(board, item, true).into_iter().map(|t| t.split_whitespace().collect::<Vec<_>>().join("_"));
        row.extend(tags.chain(std::iter::repeat(String::new())).take(labels));
        row.extend([
            item.points.map(|p| p.to_string()).unwrap_or_default(),
            item.iteration.clone().unwrap_or_default(),
            item.owner.clone().unwrap_or_default(),
            team_of(board, item).unwrap_or_default(),
            if item.is_blocked() { "Impediment".into() } else { String::new() },
            item.description.clone().unwrap_or_default(),
        ]);
        row.extend(item.depends_on.iter().cloned().chain(std::iter::repeat(String::new())).take(links));
        rows.push(row);
    }
    write_rows(&rows)
}
