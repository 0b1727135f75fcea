//! PI objectives and SAFe's program predictability measure: the actual business value of all
//! evaluated objectives, committed and stretch (uncommitted), over the planned business value
//! of the evaluated committed objectives. Achieved stretch value counts, so it can pass 100 %.

use super::board::{Board, Level};
use super::workspace::Workspace;

/// Planned business value of the evaluated committed objectives, and actual business value of
/// every evaluated objective (stretch included).
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
        Achievement {
            planned: self.planned.saturating_add(other.planned),
            actual: self.actual.saturating_add(other.actual),
        }
    }
}

/// SAFe's target band for predictability, in percent.
pub const TARGET_BAND: (f64, f64) = (80.0, 100.0);

/// One board's achievement. An objective not evaluated yet (no `actual`) counts on neither
/// side, so scoring the objectives one by one at Inspect & Adapt never shows a false drop; a
/// stretch objective adds its actual value only, never its planned value.
pub fn achievement(board: &Board) -> Achievement {
    board
        .objectives
        .iter()
        .filter_map(|o| {
            let actual = o.actual?;
            Some(Achievement { planned: if o.stretch { 0 } else { o.planned }, actual })
        })
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

/// The train's own board: the program board that plans the PI (it lists `iterations`), else
/// the first program board that is not a board of another kind (no `default_kind`, as a ROAM
/// board has), else the first program board. Its file keeps the train's vote and PI.
pub fn train_board(ws: &Workspace) -> Option<usize> {
    let program: Vec<usize> = ws.boards_at(Level::Program).collect();
    let board = |i: &usize| ws.board(*i);
    program
        .iter()
        .find(|i| board(i).is_some_and(|b| !b.iterations.is_empty()))
        .or_else(|| program.iter().find(|i| board(i).is_some_and(|b| b.default_kind.is_none())))
        .or(program.first())
        .copied()
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
    fn predictability_counts_stretch_actual_over_committed_planned() {
        // Committed 10→8 and 5→5, stretch 8→8, committed 6 not evaluated yet.
        let a = team("a", &[(10, Some(8), false), (5, Some(5), false), (8, Some(8), true), (6, None, false)]);
        assert_eq!(achievement(&a), Achievement { planned: 15, actual: 21 });
        assert!((achievement(&a).percent().unwrap() - 140.0).abs() < 0.01);
        let b = team("b", &[(10, Some(6), false)]);
        let ws = Workspace::new(vec![a, b, team("none", &[])]);
        let (teams, total) = train(&ws);
        assert_eq!(teams.len(), 2);
        assert_eq!(total, Achievement { planned: 25, actual: 27 });
        assert!((total.percent().unwrap() - 108.0).abs() < 0.01);
        assert_eq!(Achievement::default().percent(), None);
    }

    #[test]
    fn stretch_never_adds_planned_value_and_missed_stretch_costs_nothing() {
        let missed = team("m", &[(10, Some(9), false), (7, Some(0), true)]);
        assert_eq!(achievement(&missed), Achievement { planned: 10, actual: 9 });
        assert_eq!(achievement(&missed).percent(), Some(90.0));
        // Only stretch objectives evaluated: nothing committed to measure against.
        let only_stretch = team("s", &[(5, Some(5), true), (8, None, false)]);
        assert_eq!(achievement(&only_stretch), Achievement { planned: 0, actual: 5 });
        assert_eq!(achievement(&only_stretch).percent(), None);
    }

    #[test]
    fn huge_values_do_not_overflow() {
        let big = team("big", &[(u32::MAX, Some(u32::MAX), false), (u32::MAX, Some(u32::MAX), true)]);
        assert_eq!(achievement(&big), Achievement { planned: u32::MAX, actual: u32::MAX });
    }
}
