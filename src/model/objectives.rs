//! PI objectives and SAFe's program predictability measure: actual over planned business
//! value of the committed (not stretch) objectives that have been evaluated.

use super::board::{Board, Level};
use super::workspace::Workspace;

/// Planned and actual business value of the evaluated committed objectives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Achievement {
    pub planned: u32,
    pub actual: u32,
}

impl Achievement {
    /// Actual over planned, in percent; `None` before anything was evaluated.
    pub fn percent(&self) -> Option<f64> {
        (self.planned > 0).then(|| self.actual as f64 * 100.0 / self.planned as f64)
    }

    fn add(self, other: Achievement) -> Achievement {
        Achievement { planned: self.planned + other.planned, actual: self.actual + other.actual }
    }
}

/// SAFe's target band for predictability, in percent.
pub const TARGET_BAND: (f64, f64) = (80.0, 100.0);

/// One team's achievement.
pub fn achievement(board: &Board) -> Achievement {
    board
        .objectives
        .iter()
        .filter(|o| !o.stretch)
        .filter_map(|o| Some(Achievement { planned: o.planned, actual: o.actual? }))
        .fold(Achievement::default(), Achievement::add)
}

/// Every team board with objectives, and the train's total.
pub fn train(ws: &Workspace) -> (Vec<(&Board, Achievement)>, Achievement) {
    let teams: Vec<(&Board, Achievement)> = ws
        .boards()
        .iter()
        .filter(|b| b.level == Level::Team && !b.objectives.is_empty())
        .map(|b| (b, achievement(b)))
        .collect();
    let total = teams.iter().map(|(_, a)| *a).fold(Achievement::default(), Achievement::add);
    (teams, total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, Objective};

    fn team(name: &str, objectives: &[(u32, Option<u32>, bool)]) -> Board {
        let mut b = Board::new(format!("{name}.ron"), name, Level::Team, vec![Column::new("Done", None)]);
        b.objectives = objectives
            .iter()
            .map(|(planned, actual, stretch)| Objective {
                text: "x".into(),
                planned: *planned,
                actual: *actual,
                stretch: *stretch,
            })
            .collect();
        b
    }

    #[test]
    fn predictability_counts_evaluated_committed_objectives_only() {
        let a = team("a", &[(10, Some(8), false), (5, Some(5), false), (8, Some(8), true), (6, None, false)]);
        assert_eq!(achievement(&a), Achievement { planned: 15, actual: 13 });
        assert!((achievement(&a).percent().unwrap() - 86.666).abs() < 0.01);
        let b = team("b", &[(10, Some(6), false)]);
        let ws = Workspace::new(vec![a, b, team("none", &[])]);
        let (teams, total) = train(&ws);
        assert_eq!(teams.len(), 2);
        assert_eq!(total, Achievement { planned: 25, actual: 19 });
        assert_eq!(Achievement::default().percent(), None);
    }
}
