//! Merging one value and one item field by field: a field changed on one side takes that side;
//! changed on both to different values is a conflict, and the result keeps theirs. History
//! entries appended on both sides are joined in time order.

use crate::model::{Item, Move};

use super::Conflict;
use super::show::Show;

/// Three-way merge of one value; records a conflict (keeping theirs) when both changed it.
pub fn merge_value<T: PartialEq + Clone + Show>(
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
        ours: ours.show(),
        theirs: theirs.show(),
    });
    theirs.clone()
}

/// The history field: one side's change is taken as it is; when both sides only appended,
/// the result is base's entries and then the new entries of both (once each) in time order.
/// Any other change on both sides (an entry edited or removed) is a plain conflict.
pub fn merge_history(
    id: &str,
    base: &[Move],
    ours: &[Move],
    theirs: &[Move],
    conflicts: &mut Vec<Conflict>,
) -> Vec<Move> {
    let both_appended = ours != base && theirs != base && ours.starts_with(base) && theirs.starts_with(base);
    if !both_appended {
        return merge_value(Some(id), "history", &base.to_vec(), &ours.to_vec(), &theirs.to_vec(), conflicts);
    }
    let mut added: Vec<&Move> = theirs[base.len()..].iter().collect();
    let theirs_added = added.len();
    for entry in &ours[base.len()..] {
        if !added[..theirs_added].contains(&entry) {
            added.push(entry);
        }
    }
    // Stable: entries of one time keep theirs first, then ours, each in its own order.
    added.sort_by(|a, b| a.at.cmp(&b.at));
    base.iter().chain(added).cloned().collect()
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
        history: merge_history(&base.id, &base.history, &ours.history, &theirs.history, conflicts),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(time: &str, column: &str) -> Move {
        Move { at: time.into(), column: column.into() }
    }

    #[test]
    fn one_sided_history_is_taken_verbatim() {
        let base = vec![at("2026-01-02T00:00:00Z", "A")];
        // Out of time order (a clock was off): still taken as it is.
        let ours = vec![base[0].clone(), at("2026-01-01T00:00:00Z", "B")];
        let mut conflicts = Vec::new();
        assert_eq!(merge_history("S-1", &base, &ours, &base, &mut conflicts), ours);
        assert_eq!(merge_history("S-1", &base, &base, &ours, &mut conflicts), ours);
        assert!(conflicts.is_empty());
    }

    #[test]
    fn both_appended_joins_in_time_order_once() {
        let base = vec![at("2026-01-01T00:00:00Z", "A")];
        let shared = at("2026-01-03T00:00:00Z", "C");
        let ours = vec![base[0].clone(), shared.clone(), at("2026-01-04T00:00:00Z", "D")];
        let theirs = vec![base[0].clone(), at("2026-01-02T01:00:00+02:00", "B"), shared.clone()];
        let mut conflicts = Vec::new();
        let merged = merge_history("S-1", &base, &ours, &theirs, &mut conflicts);
        let columns: Vec<&str> = merged.iter().map(|m| m.column.as_str()).collect();
        assert_eq!(columns, ["A", "B", "C", "D"]);
        assert!(conflicts.is_empty());
    }

    #[test]
    fn rewritten_history_on_both_sides_conflicts() {
        let base = vec![at("2026-01-01T00:00:00Z", "A"), at("2026-01-02T00:00:00Z", "B")];
        let ours = vec![base[0].clone()];
        let theirs = vec![base[0].clone(), base[1].clone(), at("2026-01-03T00:00:00Z", "C")];
        let mut conflicts = Vec::new();
        assert_eq!(merge_history("S-1", &base, &ours, &theirs, &mut conflicts), theirs);
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].field, "history");
    }
}
