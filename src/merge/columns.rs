//! Merging a board's columns by name, so one person adding a column while another changes a
//! WIP limit (or marks the done column) merges cleanly: each column's limit and done mark are
//! merged on their own, a column added on one side is added where that side put it, one
//! removed on one side and untouched on the other goes, and the order is theirs with our moves.
//! Should the result mark two columns done, theirs' mark stands and that is a conflict.

use std::collections::{HashMap, HashSet};

use crate::model::Column;

use super::Conflict;
use super::item::merge_value;
use super::order::merge_order;

/// Three-way merge of the column lists.
pub fn merge_columns(
    base: &[Column],
    ours: &[Column],
    theirs: &[Column],
    conflicts: &mut Vec<Conflict>,
) -> Vec<Column> {
    let by_name = |cols: &[Column]| -> HashMap<String, Column> {
        let mut map = HashMap::new();
        for c in cols {
            map.entry(c.name.clone()).or_insert_with(|| c.clone());
        }
        map
    };
    let (b, o, t) = (by_name(base), by_name(ours), by_name(theirs));
    let mut kept: HashMap<String, Column> = HashMap::new();
    let mut seen = HashSet::new();
    for name in base.iter().chain(ours).chain(theirs).map(|c| c.name.clone()) {
        if !seen.insert(name.clone()) {
            continue;
        }
        let column = match (b.get(&name), o.get(&name), t.get(&name)) {
            (Some(b), Some(o), Some(t)) => Some(merge_column(b, o, t, conflicts)),
            // Removed on one side: gone if the other left it alone, else a conflict (theirs).
            (Some(b), None, Some(t)) if b == t => None,
            (Some(b), Some(o), None) if b == o => None,
            (Some(_), None, Some(t)) => {
                conflicts.push(conflict(&name, "removed", "changed"));
                Some(t.clone())
            }
            (Some(_), Some(_), None) => {
                conflicts.push(conflict(&name, "changed", "removed"));
                None
            }
            (None, Some(o), Some(t)) => Some(merge_column(o, o, t, conflicts)),
            (None, Some(o), None) => Some(o.clone()),
            (None, None, Some(t)) => Some(t.clone()),
            _ => None,
        };
        if let Some(column) = column {
            kept.insert(name, column);
        }
    }
    let names = |cols: &[Column]| cols.iter().map(|c| c.name.clone()).collect::<Vec<String>>();
    let (bn, on, tn) = (names(base), names(ours), names(theirs));
    let keep: HashSet<&str> = kept.keys().map(String::as_str).collect();
    let order = merge_order(&strs(&bn), &strs(&on), &strs(&tn), &keep);
    let mut merged: Vec<Column> = order.iter().filter_map(|n| kept.get(n).cloned()).collect();
    one_done_column(&mut merged, theirs, conflicts);
    merged
}

fn merge_column(base: &Column, ours: &Column, theirs: &Column, conflicts: &mut Vec<Conflict>) -> Column {
    let mut found = Vec::new();
    let wip = merge_value(None, "wip", &base.wip, &ours.wip, &theirs.wip, &mut found);
    let done = merge_value(None, "done", &base.done, &ours.done, &theirs.done, &mut found);
    for c in found {
        conflicts.push(Conflict { field: format!("column \"{}\" {}", base.name, c.field), ..c });
    }
    Column { name: theirs.name.clone(), wip, done }
}

/// At most one column says `done: true`: where the merge made two, theirs' choice stands.
fn one_done_column(columns: &mut [Column], theirs: &[Column], conflicts: &mut Vec<Conflict>) {
    if columns.iter().filter(|c| c.done).count() <= 1 {
        return;
    }
    let theirs_done: Option<&str> = theirs.iter().find(|c| c.done).map(|c| c.name.as_str());
    let ours_done: Vec<String> =
        columns.iter().filter(|c| c.done && Some(c.name.as_str()) != theirs_done).map(|c| c.name.clone()).collect();
    for column in columns.iter_mut() {
        if column.done && Some(column.name.as_str()) != theirs_done {
            column.done = false;
        }
    }
    conflicts.push(Conflict {
        id: None,
        field: "done column".into(),
        ours: ours_done.join(", "),
        theirs: theirs_done.unwrap_or("none").to_string(),
    });
}

fn conflict(name: &str, ours: &str, theirs: &str) -> Conflict {
    Conflict { id: None, field: format!("column \"{name}\""), ours: ours.into(), theirs: theirs.into() }
}

fn strs(names: &[String]) -> Vec<&str> {
    names.iter().map(String::as_str).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(spec: &[(&str, Option<u32>)]) -> Vec<Column> {
        spec.iter().map(|(n, w)| Column::new(*n, *w)).collect()
    }

    #[test]
    fn an_added_column_and_a_changed_limit_both_stand() {
        let base = cols(&[("Backlog", None), ("Doing", Some(3)), ("Done", None)]);
        let ours = cols(&[("Backlog", None), ("Review", Some(2)), ("Doing", Some(3)), ("Done", None)]);
        let theirs = cols(&[("Backlog", None), ("Doing", Some(5)), ("Done", None)]);
        let mut conflicts = Vec::new();
        let merged = merge_columns(&base, &ours, &theirs, &mut conflicts);
        assert!(conflicts.is_empty(), "{conflicts:?}");
        assert_eq!(merged, cols(&[("Backlog", None), ("Review", Some(2)), ("Doing", Some(5)), ("Done", None)]));
    }

    #[test]
    fn both_changing_one_limit_conflicts_and_keeps_theirs() {
        let base = cols(&[("Doing", Some(3))]);
        let mut conflicts = Vec::new();
        let merged = merge_columns(&base, &cols(&[("Doing", Some(4))]), &cols(&[("Doing", Some(5))]), &mut conflicts);
        assert_eq!(merged, cols(&[("Doing", Some(5))]));
        assert_eq!(conflicts.len(), 1);
        assert!(conflicts[0].field.contains("Doing") && conflicts[0].field.contains("wip"));
    }

    #[test]
    fn two_done_marks_become_theirs() {
        let base = cols(&[("A", None), ("B", None)]);
        let mut ours = base.clone();
        ours[0].done = true;
        let mut theirs = base.clone();
        theirs[1].done = true;
        let mut conflicts = Vec::new();
        let merged = merge_columns(&base, &ours, &theirs, &mut conflicts);
        assert_eq!(merged.iter().filter(|c| c.done).map(|c| c.name.as_str()).collect::<Vec<_>>(), ["B"]);
        assert_eq!(conflicts.len(), 1);
    }

    #[test]
    fn a_removed_column_goes_and_a_renamed_one_is_replaced() {
        let base = cols(&[("A", None), ("B", None), ("C", None)]);
        let ours = cols(&[("A", None), ("C", None)]);
        let theirs = cols(&[("A", None), ("Bee", None), ("C", None)]);
        let mut conflicts = Vec::new();
        let merged = merge_columns(&base, &ours, &theirs, &mut conflicts);
        let names: Vec<&str> = merged.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["A", "Bee", "C"]);
    }
}
