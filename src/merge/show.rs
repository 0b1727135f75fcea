//! Values as a person reads them in a conflict: `"In Progress"`, `none`, `3`, `Story`,
//! `Backlog, Doing (wip 3), Done` — the way the board file and the detail view say them.

use crate::model::{Column, Criterion, Item, Kind, Level, Move, Objective, Wsjf};

/// A short, readable rendering of a field's value for a conflict's `ours` and `theirs`.
pub trait Show {
    fn show(&self) -> String;
}

impl Show for String {
    /// Quoted, with control characters escaped so the text is safe to print.
    fn show(&self) -> String {
        format!("{self:?}")
    }
}

impl Show for u32 {
    fn show(&self) -> String {
        self.to_string()
    }
}

impl Show for bool {
    fn show(&self) -> String {
        if *self { "yes".to_string() } else { "no".to_string() }
    }
}

impl Show for Kind {
    fn show(&self) -> String {
        self.name().to_string()
    }
}

impl Show for Level {
    fn show(&self) -> String {
        self.name().to_string()
    }
}

impl<T: Show> Show for Option<T> {
    fn show(&self) -> String {
        self.as_ref().map_or_else(|| "none".to_string(), Show::show)
    }
}

impl<T: Show> Show for Vec<T> {
    /// `none` when empty, else the entries joined by `, `.
    fn show(&self) -> String {
        if self.is_empty() {
            return "none".to_string();
        }
        self.iter().map(Show::show).collect::<Vec<_>>().join(", ")
    }
}

impl Show for Column {
    fn show(&self) -> String {
        let mut text = self.name.show();
        match (self.wip, self.done) {
            (Some(wip), true) => text.push_str(&format!(" (wip {wip}, done)")),
            (Some(wip), false) => text.push_str(&format!(" (wip {wip})")),
            (None, true) => text.push_str(" (done)"),
            (None, false) => {}
        }
        text
    }
}

impl Show for Wsjf {
    fn show(&self) -> String {
        format!(
            "value {}, time criticality {}, risk reduction {}, job size {}",
            self.value, self.time_criticality, self.risk_reduction, self.job_size
        )
    }
}

impl Show for Criterion {
    fn show(&self) -> String {
        format!("[{}] {}", if self.done { "x" } else { " " }, self.text.show())
    }
}

impl Show for Move {
    fn show(&self) -> String {
        format!("{} at {}", self.column.to_string().show(), self.at)
    }
}

impl Show for crate::model::pi::Pi {
    fn show(&self) -> String {
        let dates: Vec<String> = self.iterations.iter().map(|i| format!("{} {}–{}", i.name, i.start, i.end)).collect();
        if dates.is_empty() { self.name.show() } else { format!("{} ({})", self.name.show(), dates.join(", ")) }
    }
}

impl Show for crate::model::Capacity {
    fn show(&self) -> String {
        format!("{} pts", self.points)
    }
}

impl Show for crate::model::Milestone {
    fn show(&self) -> String {
        let when: Vec<String> =
            self.date.map(|d| d.to_string()).into_iter().chain(self.iteration.iter().map(|i| i.show())).collect();
        format!("{} ({})", self.name.show(), when.join(", "))
    }
}

impl Show for Objective {
    fn show(&self) -> String {
        let mut text = format!("{} (planned {}", self.text.show(), self.planned);
        if let Some(actual) = self.actual {
            text.push_str(&format!(", actual {actual}"));
        }
        if self.stretch {
            text.push_str(", stretch");
        }
        if let Some(pi) = &self.pi {
            text.push_str(&format!(", {}", pi.show()));
        }
        text.push(')');
        text
    }
}

/// The fields of `item` that differ from `base`, as `field: value` joined by `; ` — what an
/// edit changed, for an edit against a delete. Without a base: the title and column.
pub fn show_edit(base: Option<&Item>, item: &Item) -> String {
    let Some(base) = base else {
        return format!("title: {}; column: {}", item.title.show(), item.column.show());
    };
    let mut parts = Vec::new();
    macro_rules! changed {
        ($($name:ident),*) => {
            // Every field but the id is named: a new item field fails to compile here until it
            // is listed, so no edit goes unshown.
            let Item { id: _, $($name: _),* } = item;
            $(
                if base.$name != item.$name {
                    parts.push(format!("{}: {}", stringify!($name), item.$name.show()));
                }
            )*
        };
    }
    changed!(
        title,
        column,
        kind,
        parent,
        description,
        acceptance,
        points,
        wsjf,
        owner,
        team,
        iteration,
        tags,
        blocked,
        depends_on,
        history
    );
    if parts.is_empty() { "unchanged".to_string() } else { parts.join("; ") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_like_the_board() {
        assert_eq!("In Progress".to_string().show(), "\"In Progress\"");
        assert_eq!(None::<String>.show(), "none");
        assert_eq!(Some(5u32).show(), "5");
        assert_eq!(Vec::<String>::new().show(), "none");
        let columns = vec![Column::new("Backlog", None), Column::new("Doing", Some(3))];
        assert_eq!(columns.show(), "\"Backlog\", \"Doing\" (wip 3)");
        assert_eq!(Some(Kind::Spike).show(), "Spike");
    }

    #[test]
    fn an_edit_shows_what_changed() {
        let base = Item::new("S-1", "Old", "Backlog");
        let mut edited = base.clone();
        edited.title = "New".into();
        edited.owner = Some("Ana".into());
        assert_eq!(show_edit(Some(&base), &edited), "title: \"New\"; owner: \"Ana\"");
    }
}
