//! An item on a board (epic, feature, story, …) and its small value types.
//!
//! Field order here is the order of `board-format.md`; the storage writer relies on it.
//!
//! `Serialize` gives the item's JSON (`list --json`, `show --json`, `export --format json`):
//! each field under its name in the file. The fields whose JSON needs the board (the kind as it
//! defaults by the board's level) or a computed value (the WSJF score) are left to the JSON
//! wrapper in `headless::json`.

use serde::{Deserialize, Serialize};

/// What an item is. When absent in a file it defaults by the board's level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Kind {
    Epic,
    Capability,
    Feature,
    Enabler,
    Story,
    Spike,
    Defect,
    Risk,
}

impl Kind {
    /// The kind named `name` (ignoring case), e.g. `risk` or `Risk`.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name().eq_ignore_ascii_case(name.trim()))
    }

    pub const ALL: [Kind; 8] = [
        Kind::Epic,
        Kind::Capability,
        Kind::Feature,
        Kind::Enabler,
        Kind::Story,
        Kind::Spike,
        Kind::Defect,
        Kind::Risk,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Epic => "Epic",
            Kind::Capability => "Capability",
            Kind::Feature => "Feature",
            Kind::Enabler => "Enabler",
            Kind::Story => "Story",
            Kind::Spike => "Spike",
            Kind::Defect => "Defect",
            Kind::Risk => "Risk",
        }
    }

    /// The prefix of new ids for items of this kind (`F-12`, `S-104`).
    pub fn id_prefix(self) -> &'static str {
        match self {
            Kind::Epic => "E",
            Kind::Capability => "C",
            Kind::Feature => "F",
            Kind::Enabler => "EN",
            Kind::Story => "S",
            Kind::Spike => "SP",
            Kind::Defect => "D",
            Kind::Risk => "R",
        }
    }
}

/// SAFe Weighted Shortest Job First inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename = "Wsjf", deny_unknown_fields)]
pub struct Wsjf {
    pub value: u32,
    pub time_criticality: u32,
    pub risk_reduction: u32,
    pub job_size: u32,
}

impl Wsjf {
    /// Cost of delay over job size; a job size of 0 counts as 1 so nothing divides by zero.
    pub fn score(&self) -> f64 {
        let cost_of_delay = self.value as f64 + self.time_criticality as f64 + self.risk_reduction as f64;
        cost_of_delay / self.job_size.max(1) as f64
    }
}

/// One acceptance criterion.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename = "Criterion", deny_unknown_fields)]
pub struct Criterion {
    pub text: String,
    #[serde(default)]
    pub done: bool,
}

/// One history entry: the item arrived in `column` at time `at` (RFC 3339).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename = "Move", deny_unknown_fields)]
pub struct Move {
    pub at: super::time::Time,
    pub column: super::name::ColumnName,
}

/// A card. Optional fields are `None` or empty when absent from the file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename = "Item", deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub title: String,
    pub column: String,
    /// As written in the file; `None` means the board level's default. Not serialized: the
    /// JSON carries the kind the item has on its board.
    #[serde(default, skip_serializing)]
    pub kind: Option<Kind>,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub acceptance: Vec<Criterion>,
    #[serde(default)]
    pub points: Option<u32>,
    /// Not serialized on its own: the JSON carries the inputs with their score.
    #[serde(default, skip_serializing)]
    pub wsjf: Option<Wsjf>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub team: Option<String>,
    #[serde(default)]
    pub iteration: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub blocked: Option<String>,
    #[serde(default)]
    pub depends_on: Vec<String>,
    #[serde(default)]
    pub history: Vec<Move>,
}

impl Item {
    pub fn new(id: impl Into<String>, title: impl Into<String>, column: impl Into<String>) -> Item {
        Item { id: id.into(), title: title.into(), column: column.into(), ..Item::default() }
    }

    pub fn wsjf_score(&self) -> Option<f64> {
        self.wsjf.as_ref().map(Wsjf::score)
    }

    /// The score a card, a list and a report show: `WSJF 3.5` when it has WSJF inputs, else
    /// `5 pt`; none without either.
    pub fn score_label(&self) -> Option<String> {
        match (self.wsjf_score(), self.points) {
            (Some(score), _) => Some(format!("WSJF {score:.1}")),
            (None, Some(points)) => Some(format!("{points} pt")),
            (None, None) => None,
        }
    }

    pub fn is_blocked(&self) -> bool {
        self.blocked.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_score_label_prefers_wsjf_over_points() {
        let mut item = Item::new("F-1", "Search", "Funnel");
        assert_eq!(item.score_label(), None);
        item.points = Some(5);
        assert_eq!(item.score_label().as_deref(), Some("5 pt"));
        item.wsjf = Some(Wsjf { value: 3, time_criticality: 2, risk_reduction: 2, job_size: 2 });
        assert_eq!(item.score_label().as_deref(), Some("WSJF 3.5"));
    }
}
