//! `--format azure-csv`: a CSV Azure DevOps's CSV import maps by itself: Work Item Type (Agile
//! process names), the hierarchy as a `Title 1`, `Title 2`, … tree, State, Area Path and
//! Iteration Path (`Project\Team`, `Project\Iteration`), Tags, Story Points, Value Area
//! (Architectural for enablers) and the WSJF inputs Business Value and Time Criticality.
//!
//! Items that came from Azure DevOps (`AB#123`) carry their number in ID, so the import
//! updates them; others have no ID (Azure creates them) and keep their trainboard id in a
//! `trainboard:ID` tag, which `trainboard import azure` reads back.

use std::collections::{HashMap, HashSet};

use crate::import::azure::ID_TAG;
use crate::model::{Board, Item, Kind, Workspace};

use super::tools::{azure_type, items, project, tags_with_mark, team_of, write_rows};

/// The tree: (depth, board, item) depth-first, children after their parent in rank order;
/// items whose parent is not exported are roots.
fn tree<'a>(all: &[(&'a Board, &'a Item)]) -> Vec<(usize, &'a Board, &'a Item)> {
    let ids: HashSet<&str> = all.iter().map(|(_, i)| i.id.as_str()).collect();
    let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut roots = Vec::new();
    for (n, (_, item)) in all.iter().enumerate() {
        match item.parent.as_deref().filter(|p| ids.contains(p) && *p != item.id) {
            Some(parent) => children.entry(parent).or_default().push(n),
            None => roots.push(n),
        }
    }
    let mut out = Vec::with_capacity(all.len());
    let mut visited = vec![false; all.len()];
    let mut stack: Vec<(usize, usize)> = roots.iter().rev().map(|&n| (0, n)).collect();
    // Items in a parent cycle are reached by nobody: they become roots too.
    let mut next_orphan = 0;
    loop {
        while let Some((depth, n)) = stack.pop() {
            if std::mem::replace(&mut visited[n], true) {
                continue;
            }
            out.push((depth, all[n].0, all[n].1));
            for &c in children.get(all[n].1.id.as_str()).map(Vec::as_slice).unwrap_or(&[]).iter().rev() {
                stack.push((depth + 1, c));
            }
        }
        match (next_orphan..all.len()).find(|&n| !visited[n]) {
            Some(n) => {
                next_orphan = n + 1;
                stack.push((0, n));
            }
            None => break,
        }
    }
    out
}

pub fn boards(_ws: &Workspace, boards: &[&Board]) -> String {
    let all: Vec<_> = items(boards).collect();
    let rows_in_tree = tree(&all);
    let depth = rows_in_tree.iter().map(|(d, ..)| d + 1).max().unwrap_or(1);
    let project = project(boards).replace(['\\', '/'], "-");
    let mut header = vec!["ID".to_string(), "Work Item Type".into()];
    header.extend((1..=depth).map(|n| format!("Title {n}")));
    header.extend(
        ["State", "Assigned To", "Area Path", "Iteration Path", "Tags", "Story Points", "Business Value"]
            .map(String::from),
    );
    header.extend(["Time Criticality", "Value Area", "Description"].map(String::from));
    let mut rows = vec![header];
    for (d, board, item) in rows_in_tree {
        let number = item.id.strip_prefix("AB#").filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        let mut tags: Vec<String> = tags_with_mark(board, item, false).iter().map(|t| t.replace(';', ",")).collect();
        if number.is_none() {
            tags.push(format!("{ID_TAG}{}", item.id));
        }
        let path = |segment: Option<String>| match segment {
            Some(s) => format!("{project}\\{}", s.replace(['\\', '/'], "-")),
            None => project.clone(),
        };
        let mut row = vec![number.unwrap_or("").to_string(), azure_type(board, item).to_string()];
        row.extend((0..depth).map(|n| if n == d { item.title.clone() } else { String::new() }));
        row.extend([
            item.column.clone(),
            item.owner.clone().unwrap_or_default(),
            path(team_of(board, item)),
            path(item.iteration.clone()),
            tags.join("; "),
            item.points.map(|p| p.to_string()).unwrap_or_default(),
            item.wsjf.map(|w| w.value.to_string()).unwrap_or_default(),
            item.wsjf.map(|w| w.time_criticality.to_string()).unwrap_or_default(),
            if board.kind_of(item) == Kind::Enabler { "Architectural" } else { "Business" }.to_string(),
            item.description.clone().unwrap_or_default(),
        ]);
        rows.push(row);
    }
    write_rows(&rows)
}
