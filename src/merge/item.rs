//! Merging one item field by field: a field changed on one side takes that side; changed on
//! both to different values is a conflict, and the result keeps theirs. History entries added on
//! both sides are joined in time order.

use std::fmt::Debug;

use crate::model::{Item, Move};

use super::Conflict;

/// Three-way merge of one value; records a conflict (keeping theirs) when both changed it.
pub fn merge_value<T: PartialEq + Clone + Debug>(
    id: Option<&str>,
    field: &str,
    base: &T,
    ours: &T,
    theirs: &T,
    conflicts: &mut Vec<Conflict>,
) -> T {
    if ours == theirs || ours == base {
        return theirs.clone();
    }
    if theirs == base {
        return ours.clone();
    }
    conflicts.push(Conflict {
        id: id.map(str::to_string),
        field: field.to_string(),
        ours: show(ours),
        theirs: show(theirs),
    });
    theirs.clone()
}

/// A value as a person reads it in a diff: `none` for absent, text without Rust noise.
pub fn show<T: Debug>(value: &T) -> String {
    let text = format!("{value:?}");
    match text.as_str() {
        "None" | "[]" => "none".to_string(),
        _ => text.strip_prefix("Some(").and_then(|t| t.strip_suffix(')')).unwrap_or(&text).to_string(),
    }
}

/// Base history plus the entries each side added, in time order.
fn merge_history(base: &[Move], ours: &[Move], theirs: &[Move]) -> Vec<Move> {
    let shared = base.len().min(ours.len()).min(theirs.len());
    if ours[..shared] != base[..shared] || theirs[..shared] != base[..shared] {
        // Someone rewrote history rather than appending: fall back to the plain rule.
        let mut ignored = Vec::new();
        return merge_value(None, "history", &base.to_vec(), &ours.to_vec(), &theirs.to_vec(), &mut ignored);
    }
    let mut out = base[..shared].to_vec();
    let mut added: Vec<&Move> = theirs[shared..].iter().collect();
    for entry in &ours[shared..] {
        if !added.contains(&entry) {
            added.push(entry);
        }
    }
    added.sort_by(|a, b| a.at.cmp(&b.at));
    out.extend(added.into_iter().cloned());
    out
}

/// Merges an item present on all three sides.
pub fn merge_item(base: &Item, ours: &Item, theirs: &Item, conflicts: &mut Vec<Conflict>) -> Item {
    let id = Some(base.id.as_str());
    macro_rules! field {
        ($name:ident) => {
            merge_value(id, stringify!($name), &base.$name, &ours.$name, &theirs.$name, conflicts)
        };
    }
    Item {
        id: base.id.clone(),
        title: field!(title),
        column: field!(column),
        kind: field!(kind),
        parent: field!(parent),
        description: field!(description),
        acceptance: field!(acceptance),
        points: field!(points),
        wsjf: field!(wsjf),
        owner: field!(owner),
        team: field!(team),
        iteration: field!(iteration),
        tags: field!(tags),
        blocked: field!(blocked),
        depends_on: field!(depends_on),
        history: merge_history(&base.history, &ours.history, &theirs.history),
    }
}
