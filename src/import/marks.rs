//! Kinds a tool has no issue type for travel as a label on the level's plain type: `enabler`
//! and `risk` on an Epic, Feature or Story, `spike` on a Story. The exports write them and the
//! imports read them back (taking the label off), so kinds survive a round trip.

use crate::model::{Kind, Level};

/// The labels that carry a kind, and the levels they may be read on.
pub const MARKS: [(&str, Kind); 3] = [("enabler", Kind::Enabler), ("risk", Kind::Risk), ("spike", Kind::Spike)];

/// The label an export adds for `kind` on `level`, when the tool has no type for it.
pub fn mark_for(level: Level, kind: Kind) -> Option<&'static str> {
    MARKS.iter().find(|(_, k)| *k == kind && (kind != Kind::Spike || level == Level::Team)).map(|(label, _)| *label)
}

/// The kind of an imported item: a mark label on the level's plain type turns it into the
/// marked kind and is removed from the tags.
pub fn read_mark(tags: &mut Vec<String>, level: Level, kind: Kind) -> Kind {
    if kind != level.default_kind() {
        return kind;
    }
    for (label, marked) in MARKS {
        if marked == Kind::Spike && level != Level::Team {
            continue;
        }
        if let Some(at) = tags.iter().position(|t| t.eq_ignore_ascii_case(label)) {
            tags.remove(at);
            return marked;
        }
    }
    kind
}
