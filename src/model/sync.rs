//! The agenda of an ART sync (Scrum of Scrums, PO sync), across every board: blocked items
//! with their reason and owner, columns over their WIP limit, dependencies planned late or not
//! at all, and risks not yet ROAMed, with the count of risks per ROAM state.

use super::board::{Board, Level};
use super::item::{Item, Kind};
use super::planning::plan;
use super::workspace::Workspace;

/// What needs talking about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Agenda {
    /// (board name, item) of every blocked item that is not done.
    pub blocked: Vec<(String, Item)>,
    /// (board name, column, cards, limit) of every column over its limit.
    pub over_wip: Vec<(String, String, usize, u32)>,
    /// Dependencies on program boards whose provider is planned after its consumer, or not planned.
    pub dependencies: Vec<DependencyIssue>,
    /// (board name, risk) of every risk still in its board's first column.
    pub unroamed: Vec<(String, Item)>,
    /// Risks per ROAM state: Resolved, Owned, Accepted, Mitigated, and not yet ROAMed.
    pub roam: [usize; 5],
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DependencyIssue {
    pub consumer: String,
    pub provider: String,
    /// The provider is planned in a later iteration; otherwise it is not planned at all.
    pub late: bool,
}

/// The most rows a section lists.
pub const MAX_ROWS: usize = 50;

/// The ROAM states, in the order of [`Agenda::roam`].
pub const ROAM_STATES: [&str; 5] = ["Resolved", "Owned", "Accepted", "Mitigated", "Unroamed"];

/// The agenda of the workspace's boards (archives left out).
pub fn agenda(ws: &Workspace) -> Agenda {
    let mut agenda = Agenda::default();
    for board in ws.tabs().filter_map(|b| ws.board(b)) {
        let done = board.columns.get(board.done_column()).map(|c| c.name.as_str());
        for item in &board.items {
            if item.blocked.is_some() && Some(item.column.as_str()) != done {
                agenda.blocked.push((board.name.clone(), item.clone()));
            }
            if board.kind_of(item) == Kind::Risk {
                let state = roam_state(board, item);
                agenda.roam[state] += 1;
                if state == 4 {
                    agenda.unroamed.push((board.name.clone(), item.clone()));
                }
            }
        }
        for (col, column) in board.columns.iter().enumerate() {
            let cards = board.column_positions(col).len();
            if let Some(limit) = column.wip.filter(|&limit| cards > limit as usize) {
                agenda.over_wip.push((board.name.clone(), column.name.clone(), cards, limit));
            }
        }
        if board.level == Level::Program && !board.iterations.is_empty() {
            let plan = plan(ws, board);
            for dependency in plan.dependencies {
                if dependency.timing.at_risk() {
                    agenda.dependencies.push(DependencyIssue {
                        consumer: dependency.consumer,
                        provider: dependency.provider,
                        late: dependency.late,
                    });
                }
            }
        }
    }
    agenda
}

/// Which ROAM state a risk is in, by its column's name; anything else (the board's entry
/// column, "Unroamed", a team board's backlog) is not ROAMed yet.
/// A risk's ROAM state (an index into [`ROAM_STATES`]), by the column it is in: a column whose
/// name starts with a state's name, unless it is the board's entry column; else Unroamed.
pub fn roam_state(board: &Board, item: &Item) -> usize {
    let column = item.column.to_lowercase();
    let state = ROAM_STATES[..4].iter().position(|s| column.starts_with(&s.to_lowercase()));
    match state {
        Some(state) if board.column_index(&item.column) != Some(0) => state,
        _ => 4,
    }
}

impl Agenda {
    /// The agenda as lines: (is a heading, text), for the screen and plain mode alike.
    pub fn lines(&self) -> Vec<(bool, String)> {
        let mut lines = Vec::new();
        // A meeting reads the first ones; the count says how many more there are.
        let mut section = |title: String, rows: Vec<String>, none: &str| {
            lines.push((true, title));
            if rows.is_empty() {
                lines.push((false, format!("  {none}")));
            }
            let more = rows.len().saturating_sub(MAX_ROWS);
            lines.extend(rows.into_iter().take(MAX_ROWS).map(|row| (false, format!("  {row}"))));
            if more > 0 {
                lines.push((false, format!("  … and {more} more")));
            }
            lines.push((false, String::new()));
        };
        let owner = |item: &Item| item.owner.as_deref().map(|o| format!(", owner {o}")).unwrap_or_default();
        section(
            format!("Blocked ({})", self.blocked.len()),
            self.blocked
                .iter()
                .map(|(board, item)| {
                    let why = item.blocked.as_deref().unwrap_or("");
                    format!("{} {} — {why} ({board}{})", item.id, item.title, owner(item))
                })
                .collect(),
            "nothing is blocked",
        );
        section(
            format!("Over the WIP limit ({})", self.over_wip.len()),
            self.over_wip
                .iter()
                .map(|(board, column, cards, limit)| format!("{board} · {column}: {cards} cards, limit {limit}"))
                .collect(),
            "every column is within its limit",
        );
        section(
            format!("Dependencies at risk ({})", self.dependencies.len()),
            self.dependencies
                .iter()
                .map(|d| match d.late {
                    true => format!("{} needs {}, which is planned later", d.consumer, d.provider),
                    false => format!("{} needs {}, which is not planned", d.consumer, d.provider),
                })
                .collect(),
            "no dependency is late or unplanned",
        );
        let roam = ROAM_STATES.iter().zip(self.roam).map(|(s, n)| format!("{s} {n}")).collect::<Vec<_>>().join(" · ");
        section(
            format!("Risks not ROAMed yet ({}) — {roam}", self.unroamed.len()),
            self.unroamed
                .iter()
                .map(|(board, item)| format!("{} {} ({board}{})", item.id, item.title, owner(item)))
                .collect(),
            "every risk is ROAMed",
        );
        lines.pop();
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Column;

    #[test]
    fn gathers_blocked_work_full_columns_late_dependencies_and_unroamed_risks() {
        let mut art = Board::new(
            "art.ron",
            "ART",
            Level::Program,
            vec![Column::new("Backlog", None), Column::new("Implementing", Some(1)), Column::new("Done", None)],
        );
        art.iterations = vec!["I1".into(), "I2".into()];
        let feature = |id: &str, column: &str, it: Option<&str>| {
            let mut f = Item::new(id, id, column);
            f.team = Some("Alpha".into());
            f.iteration = it.map(String::from);
            f
        };
        let mut consumer = feature("F-1", "Implementing", Some("I1"));
        consumer.depends_on = vec!["F-2".into(), "F-3".into()];
        consumer.blocked = Some("waiting for the vendor".into());
        consumer.owner = Some("Kim".into());
        let mut done_but_blocked = feature("F-4", "Done", Some("I1"));
        done_but_blocked.blocked = Some("stale flag".into());
        art.items = vec![
            consumer,
            feature("F-2", "Implementing", Some("I2")),
            feature("F-3", "Backlog", None),
            done_but_blocked,
        ];
        art.reindex();
        let mut roam = Board::new(
            "roam.ron",
            "Risks",
            Level::Program,
            vec![Column::new("Unroamed", None), Column::new("Owned", None), Column::new("Mitigated", None)],
        );
        roam.default_kind = Some(Kind::Risk);
        let risk = |id: &str, column: &str| {
            let mut r = Item::new(id, id, column);
            r.kind = Some(Kind::Risk);
            r
        };
        roam.items =
            vec![risk("R-1", "Unroamed"), risk("R-2", "Owned"), risk("R-3", "Mitigated"), risk("R-4", "Owned")];
        roam.reindex();
        let agenda = agenda(&Workspace::new(vec![art, roam]));
        let blocked: Vec<&str> = agenda.blocked.iter().map(|(_, i)| i.id.as_str()).collect();
        assert_eq!(blocked, ["F-1"], "done items are not on the agenda");
        assert_eq!(agenda.over_wip, [("ART".to_string(), "Implementing".to_string(), 2, 1)]);
        let deps: Vec<(&str, bool)> = agenda.dependencies.iter().map(|d| (d.provider.as_str(), d.late)).collect();
        assert_eq!(deps, [("F-2", true), ("F-3", false)]);
        assert_eq!(agenda.roam, [0, 2, 0, 1, 1]);
        assert_eq!(agenda.unroamed.len(), 1);
        let text: Vec<String> = agenda.lines().into_iter().map(|(_, l)| l).collect();
        assert!(text.iter().any(|l| l.contains("F-1 F-1 — waiting for the vendor (ART, owner Kim)")), "{text:#?}");
        assert!(text.iter().any(|l| l.contains("F-1 needs F-3, which is not planned")));
        assert!(text.iter().any(|l| l.contains("Owned 2 · Accepted 0 · Mitigated 1 · Unroamed 1")));
    }

    #[test]
    fn a_long_section_lists_the_first_rows_and_counts_the_rest() {
        let mut team =
            Board::new("t.ron", "T", Level::Team, vec![Column::new("Doing", None), Column::new("Done", None)]);
        team.items = (0..MAX_ROWS + 7)
            .map(|n| {
                let mut item = Item::new(format!("S-{n}"), "x", "Doing");
                item.blocked = Some("waiting".into());
                item
            })
            .collect();
        team.reindex();
        let agenda = agenda(&Workspace::new(vec![team]));
        assert_eq!(agenda.blocked.len(), MAX_ROWS + 7, "the count is of all of them");
        let text: Vec<String> = agenda.lines().into_iter().map(|(_, l)| l).collect();
        assert_eq!(text.iter().filter(|l| l.contains("— waiting")).count(), MAX_ROWS);
        assert!(text.contains(&"  … and 7 more".to_string()), "{text:#?}");
    }
}
