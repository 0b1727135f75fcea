//! What a board that changed on disk changed, in words for the status line: `F-11 added`,
//! `F-2 removed`, `F-3 moved to Implementing`, `F-1 edited`, `objective changed`; `reordered`
//! only when nothing but the order changed.

use crate::model::Board;

/// How many changes are named before the rest are counted.
const NAMED: usize = 3;

/// The indexes of the objectives of `after` that differ from `before` (all of them when the
/// board is new).
pub fn changed_objectives(before: Option<&Board>, after: &Board) -> Vec<usize> {
    (0..after.objectives.len())
        .filter(|&i| before.and_then(|b| b.objectives.get(i)) != after.objectives.get(i))
        .collect()
}

/// The changes from `before` to `after`; `changed` are the ids of the items that differ.
pub fn describe(before: &Board, after: &Board, changed: &[String]) -> String {
    let mut parts: Vec<String> = changed
        .iter()
        .map(|id| match (before.item(id), after.item(id)) {
            (None, _) => format!("{id} added"),
            (Some(old), Some(new)) if old.column != new.column => format!("{id} moved to {}", new.column),
            _ => format!("{id} edited"),
        })
        .collect();
    parts.extend(before.items.iter().filter(|i| after.item(&i.id).is_none()).map(|i| format!("{} removed", i.id)));
    let objectives =
        changed_objectives(Some(before), after).len() + before.objectives.len().saturating_sub(after.objectives.len());
    match objectives {
        0 => {}
        1 => parts.push("objective changed".into()),
        n => parts.push(format!("{n} objectives changed")),
    }
    if parts.is_empty() {
        let order = |b: &Board| b.items.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
        return if order(before) != order(after) { "reordered".into() } else { "board settings changed".into() };
    }
    let more = parts.len().saturating_sub(NAMED);
    parts.truncate(NAMED);
    let mut text = parts.join(", ");
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text
}
