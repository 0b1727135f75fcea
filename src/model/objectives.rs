//! PI objectives and SAFe's program predictability measure: the actual business value of all
//! evaluated objectives, committed and stretch (uncommitted), over the planned business value
//! of the evaluated committed objectives. Achieved stretch value counts, so it can pass 100 %.
//! Objectives of earlier PIs (those whose `pi` names another PI) make the trend, PI by PI.

use super::board::{Board, Level, Objective};
use super::natural::natural_key;
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

/// The PI an objective belongs to: its own `pi`, else `current` (the PI its board plans now,
/// see [`current_pi`]); `None` when neither names one (the current PI, unnamed).
pub fn pi_of<'a>(objective: &'a Objective, current: Option<&'a str>) -> Option<&'a str> {
    objective.pi.as_deref().or(current)
}

/// True for an objective of the current PI: no `pi`, or the current PI's name.
pub fn is_current(objective: &Objective, current: Option<&str>) -> bool {
    pi_of(objective, current) == current
}

/// The PI a board's objectives without `pi` belong to: the board's own `pi.name`, else the
/// train's (its program board's, see [`train_board`]).
pub fn current_pi<'a>(ws: &'a Workspace, board: &'a Board) -> Option<&'a str> {
    let name = |b: &'a Board| b.pi.as_ref().map(|pi| pi.name.as_str());
    name(board).or_else(|| train_board(ws).and_then(|i| ws.board(i)).and_then(name))
}

/// One board's achievement in the current PI. An objective not evaluated yet (no `actual`)
/// counts on neither side, so scoring the objectives one by one at Inspect & Adapt never shows
/// a false drop; a stretch objective adds its actual value only, never its planned value.
pub fn achievement(board: &Board, current: Option<&str>) -> Achievement {
    achievement_in(board, current, current)
}

/// One board's achievement over its objectives of PI `pi` (as [`pi_of`] names it).
pub fn achievement_in(board: &Board, pi: Option<&str>, current: Option<&str>) -> Achievement {
    board
        .objectives
        .iter()
        .filter(|o| pi_of(o, current) == pi)
        .filter_map(|o| {
            let actual = o.actual?;
            Some(Achievement { planned: if o.stretch { 0 } else { o.planned }, actual })
        })
        .fold(Achievement::default(), Achievement::add)
}

/// The team boards whose objectives make the train's predictability (archives keep no plan).
fn team_boards(ws: &Workspace) -> impl Iterator<Item = &Board> {
    ws.boards().iter().filter(|b| b.level == Level::Team && !b.is_archive())
}

/// Every team board with objectives in the current PI, and the train's total. The train's
/// figure is SAFe's ART predictability: over the teams' objectives only. The ART objectives on
/// the program board sum up those same objectives, so adding them would count the same
/// business value twice; they get a figure of their own ([`art`]).
pub fn train(ws: &Workspace) -> (Vec<(&Board, Achievement)>, Achievement) {
    let teams: Vec<(&Board, Achievement)> = team_boards(ws)
        .filter_map(|b| {
            let current = current_pi(ws, b);
            b.objectives.iter().any(|o| is_current(o, current)).then(|| (b, achievement(b, current)))
        })
        .collect();
    let total = teams.iter().map(|(_, a)| *a).fold(Achievement::default(), Achievement::add);
    (teams, total)
}

/// The program board keeping the train's own (ART) objectives, and their achievement this PI.
pub fn art(ws: &Workspace) -> Option<(&Board, Achievement)> {
    let board = train_board(ws).and_then(|i| ws.board(i))?;
    Some((board, achievement(board, current_pi(ws, board))))
}

/// Predictability PI by PI, oldest first and the current PI last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trend<'a> {
    /// The PIs, oldest first; the last is the train's current one (`None`: no board names it).
    pub pis: Vec<Option<&'a str>>,
    /// Each team board with objectives, its achievement in each of `pis`.
    pub teams: Vec<(&'a Board, Vec<Achievement>)>,
    /// The teams' total in each of `pis` (SAFe's ART predictability, as [`train`]).
    pub train: Vec<Achievement>,
    /// The ART objectives' own achievement in each of `pis`, when there is a program board.
    pub art: Option<(&'a Board, Vec<Achievement>)>,
}

/// The predictability trend over every PI the files keep objectives of. Past PIs are ordered
/// by name with numbers compared as numbers (`PI 2026.9` before `PI 2026.10`); the current PI
/// comes last whatever its name.
pub fn trend(ws: &Workspace) -> Trend<'_> {
    let art_board = train_board(ws).and_then(|i| ws.board(i));
    let train_current = art_board.and_then(|b| current_pi(ws, b));
    let teams: Vec<&Board> = team_boards(ws).filter(|b| !b.objectives.is_empty()).collect();
    let mut pis: Vec<Option<&str>> = Vec::new();
    for board in teams.iter().copied().chain(art_board) {
        let current = current_pi(ws, board);
        for o in &board.objectives {
            let pi = pi_of(o, current);
            if !pis.contains(&pi) {
                pis.push(pi);
            }
        }
    }
    if !pis.contains(&train_current) {
        pis.push(train_current);
    }
    pis.sort_by(|a, b| {
        let key = |pi: &Option<&str>| (*pi == train_current, pi.map(natural_key));
        key(a).cmp(&key(b))
    });
    let per_pi = |board: &Board| -> Vec<Achievement> {
        let current = current_pi(ws, board);
        pis.iter().map(|pi| achievement_in(board, *pi, current)).collect()
    };
    let teams: Vec<(&Board, Vec<Achievement>)> = teams.into_iter().map(|b| (b, per_pi(b))).collect();
    let train = (0..pis.len())
        .map(|i| teams.iter().map(|(_, a)| a[i]).fold(Achievement::default(), Achievement::add))
        .collect();
    let art = art_board.map(|b| (b, per_pi(b)));
    Trend { pis, teams, train, art }
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
                actual: *actual,
                stretch: *stretch,
                ..Objective::new("x", *planned)
            })
            .collect();
        b
    }

    /// `board` with objectives of PI `pi` added after its own: (planned, actual, stretch).
    fn with_past(mut board: Board, pi: &str, objectives: &[(u32, Option<u32>, bool)]) -> Board {
        let past = team("p", objectives).objectives.into_iter().map(|o| Objective { pi: Some(pi.into()), ..o });
        board.objectives.extend(past);
        board
    }

    /// The program board planning PI `name`, with ART objectives.
    fn program(name: &str, objectives: &[(u32, Option<u32>, bool)]) -> Board {
        let mut b = team("ART", objectives);
        b.key = "art.ron".into();
        b.level = Level::Program;
        b.iterations = vec!["I1".into()];
        b.pi = Some(crate::model::pi::Pi { name: name.into(), iterations: Vec::new() });
        b
    }

    fn percent(a: Achievement) -> Option<f64> {
        a.percent().map(|p| (p * 100.0).round() / 100.0)
    }

    #[test]
    fn past_pis_stay_out_of_the_current_figure_and_make_the_trend_oldest_first() {
        // Alpha now: committed 10→9, stretch 5→5 → 14/10. PI 2026.3: 8→6, stretch 4→4 → 10/8.
        // PI 2025.10 (sorted by number: before 2026.3): 10→7 → 7/10.
        let alpha = team("Alpha", &[(10, Some(9), false), (5, Some(5), true)]);
        let alpha = with_past(alpha, "PI 2026.3", &[(8, Some(6), false), (4, Some(4), true)]);
        let alpha = with_past(alpha, "PI 2025.10", &[(10, Some(7), false)]);
        // Beta now: 6→3, stretch missed 3→0 → 3/6. PI 2026.3: 5→5 and 7→not scored → 5/5.
        let beta = with_past(
            team("Beta", &[(6, Some(3), false), (3, Some(0), true)]),
            "PI 2026.3",
            &[(5, Some(5), false), (7, None, false)],
        );
        // The ART's own objectives, now 10→10 and in PI 2026.3 9→3: never in the train's figure.
        let program_board =
            with_past(program("PI 2026.4", &[(10, Some(10), false)]), "PI 2026.3", &[(9, Some(3), false)]);
        let ws = Workspace::new(vec![program_board, alpha, beta]);
        let alpha = ws.board_by_key("Alpha.ron").unwrap();
        assert_eq!(current_pi(&ws, alpha), Some("PI 2026.4"), "a team board takes the train's PI");
        assert_eq!(achievement(alpha, Some("PI 2026.4")), Achievement { planned: 10, actual: 14 });
        let (teams, total) = train(&ws);
        assert_eq!(teams.len(), 2);
        assert_eq!(total, Achievement { planned: 16, actual: 17 });
        assert_eq!(percent(total), Some(106.25));

        let trend = trend(&ws);
        assert_eq!(trend.pis, [Some("PI 2025.10"), Some("PI 2026.3"), Some("PI 2026.4")]);
        let figures = |a: &[Achievement]| a.iter().map(|a| percent(*a)).collect::<Vec<_>>();
        assert_eq!(trend.teams.len(), 2);
        assert_eq!(figures(&trend.teams[0].1), [Some(70.0), Some(125.0), Some(140.0)]);
        assert_eq!(figures(&trend.teams[1].1), [None, Some(100.0), Some(50.0)]);
        // Train: 7/10; (10+5)/(8+5) = 115.38 %; (14+3)/(10+6) = 106.25 %.
        assert_eq!(figures(&trend.train), [Some(70.0), Some(115.38), Some(106.25)]);
        let (art_board, art_trend) = trend.art.expect("the program board's objectives");
        assert_eq!(art_board.key, "art.ron");
        assert_eq!(figures(&art_trend), [None, Some(33.33), Some(100.0)]);
        assert_eq!(art(&ws).map(|(_, a)| a), Some(Achievement { planned: 10, actual: 10 }));
    }

    #[test]
    fn an_objective_naming_the_current_pi_is_current_and_without_any_pi_name_all_unnamed_are() {
        let mut now = Objective::new("now", 5);
        assert!(is_current(&now, Some("PI 4")) && is_current(&now, None));
        now.pi = Some("PI 4".into());
        assert!(is_current(&now, Some("PI 4")));
        assert!(!is_current(&now, Some("PI 5")) && !is_current(&now, None));
        // No board names a PI: the unnamed current PI comes last, after the named past ones.
        let b = with_past(team("b", &[(4, Some(4), false)]), "PI 2", &[(5, Some(4), false)]);
        let ws = Workspace::new(vec![b]);
        let trend = trend(&ws);
        assert_eq!(trend.pis, [Some("PI 2"), None]);
        assert_eq!(trend.train, [Achievement { planned: 5, actual: 4 }, Achievement { planned: 4, actual: 4 }]);
        assert!(trend.art.is_none());
    }

    #[test]
    fn names_sort_with_numbers_as_numbers() {
        let mut names = ["PI 2026.10", "PI 2026.9", "PI 2025.12", "PI 2026.9b"];
        names.sort_by_key(|n| natural_key(n));
        assert_eq!(names, ["PI 2025.12", "PI 2026.9", "PI 2026.9b", "PI 2026.10"]);
    }

    #[test]
    fn predictability_counts_stretch_actual_over_committed_planned() {
        // Committed 10→8 and 5→5, stretch 8→8, committed 6 not evaluated yet.
        let a = team("a", &[(10, Some(8), false), (5, Some(5), false), (8, Some(8), true), (6, None, false)]);
        assert_eq!(achievement(&a, None), Achievement { planned: 15, actual: 21 });
        assert!((achievement(&a, None).percent().unwrap() - 140.0).abs() < 0.01);
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
        assert_eq!(achievement(&missed, None), Achievement { planned: 10, actual: 9 });
        assert_eq!(achievement(&missed, None).percent(), Some(90.0));
        // Only stretch objectives evaluated: nothing committed to measure against.
        let only_stretch = team("s", &[(5, Some(5), true), (8, None, false)]);
        assert_eq!(achievement(&only_stretch, None), Achievement { planned: 0, actual: 5 });
        assert_eq!(achievement(&only_stretch, None).percent(), None);
    }

    #[test]
    fn huge_values_do_not_overflow() {
        let big = team("big", &[(u32::MAX, Some(u32::MAX), false), (u32::MAX, Some(u32::MAX), true)]);
        assert_eq!(achievement(&big, None), Achievement { planned: u32::MAX, actual: u32::MAX });
    }
}
