//! The program board of PI planning: teams as rows, the board's iterations as columns,
//! features in the cell of their team and iteration (or the latest iteration of their
//! stories), dependencies flagged when the provider comes later than the consumer, and each
//! iteration's load and share of enablers, each team's load against its capacity, and the
//! milestones of each iteration.

use std::collections::BTreeSet;

use super::board::{Board, Level};
use super::item::Kind;
use super::pi::Date;
use super::workspace::Workspace;

/// When a dependency's provider is planned against its consumer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    /// The provider comes in an earlier iteration.
    InTime,
    /// Both in the same iteration: a risk to watch (amber).
    SameIteration,
    /// The provider comes in a later iteration than the consumer needs it (red).
    Late,
    /// The provider is not planned (red).
    ProviderUnplanned,
    /// The consumer is not planned yet: nothing can be late yet.
    ConsumerUnplanned,
}

impl Timing {
    fn of(consumer: Option<usize>, provider: Option<usize>) -> Timing {
        match (consumer, provider) {
            (None, _) => Timing::ConsumerUnplanned,
            (Some(_), None) => Timing::ProviderUnplanned,
            (Some(c), Some(p)) if p > c => Timing::Late,
            (Some(c), Some(p)) if p == c => Timing::SameIteration,
            _ => Timing::InTime,
        }
    }

    /// Late or not planned: the room must talk about it (red).
    pub fn at_risk(self) -> bool {
        matches!(self, Timing::Late | Timing::ProviderUnplanned)
    }

    /// How much it needs attention: 2 at risk, 1 in the same iteration, 0 otherwise; the worst
    /// of an item's dependencies is the one its card shows.
    pub fn severity(self) -> u8 {
        match self {
            _ if self.at_risk() => 2,
            Timing::SameIteration => 1,
            _ => 0,
        }
    }

    /// The timing in words, as the views and the report say it.
    pub fn words(self) -> &'static str {
        match self {
            Timing::InTime => "in time",
            Timing::SameIteration => "same iteration",
            Timing::Late => "late",
            Timing::ProviderUnplanned => "unplanned",
            Timing::ConsumerUnplanned => "consumer unplanned",
        }
    }
}

/// A dependency between two features of the board: named on the feature (`depends_on`), or
/// through their stories (a story of one feature waiting on a story of the other).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    pub consumer: String,
    pub provider: String,
    /// The provider is planned in a later iteration than the consumer needs it.
    pub late: bool,
    pub timing: Timing,
    /// How many story-level dependencies (a story of the consumer needing one of the
    /// provider) it stands for; 0 when only the features name it.
    pub stories: usize,
}

/// One team's story points planned in one iteration, against its capacity there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TeamLoad {
    pub load: u32,
    /// `None` when the board gives the team no capacity in the iteration.
    pub capacity: Option<u32>,
}

impl TeamLoad {
    /// More points planned than the team has capacity for.
    pub fn over(&self) -> bool {
        self.capacity.is_some_and(|capacity| self.load > capacity)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub teams: Vec<String>,
    pub iterations: Vec<String>,
    /// `cells[team][iteration]`: feature ids in rank order.
    pub cells: Vec<Vec<Vec<String>>>,
    /// Features without a team or an iteration.
    pub unplanned: Vec<String>,
    /// Story points planned per iteration (stories of the train's teams).
    pub load: Vec<u32>,
    /// (enablers, all features) per iteration.
    pub enablers: Vec<(usize, usize)>,
    pub dependencies: Vec<Dependency>,
    /// `team_load[team][iteration]`: the points of the team's stories there, and its capacity.
    pub team_load: Vec<Vec<TeamLoad>>,
    /// The names of each iteration's milestones, in the board's order.
    pub milestones: Vec<Vec<String>>,
}

/// The index in the board's iterations of the PI's dated iteration that holds `date`.
pub fn dated_iteration(board: &Board, date: Date) -> Option<usize> {
    let dated = board.pi.as_ref()?.iterations.iter().find(|i| i.start <= date && date <= i.end)?;
    board.iterations.iter().position(|i| *i == dated.name)
}

/// The iteration (index) a milestone is shown in: the one it names, else the one of its date.
fn milestone_iteration(board: &Board, milestone: &super::board::Milestone) -> Option<usize> {
    match &milestone.iteration {
        Some(name) => board.iterations.iter().position(|i| i == name),
        None => milestone.date.and_then(|date| dated_iteration(board, date)),
    }
}

/// Where a feature is planned: its own iteration, else the latest one of its stories.
pub fn iteration_of(ws: &Workspace, board: &Board, id: &str) -> Option<usize> {
    let item = board.item(id)?;
    let index = |name: &str| board.iterations.iter().position(|i| i == name);
    if let Some(own) = item.iteration.as_deref().and_then(index) {
        return Some(own);
    }
    ws.children(id).iter().filter_map(|c| ws.item(c)?.iteration.as_deref().and_then(index)).max()
}

/// For every feature of `board` placed by its stories: the latest iteration (index in the
/// board's iterations) its children are planned for, found in one pass over all items.
fn latest_child_iterations<'a>(ws: &'a Workspace, board: &Board) -> std::collections::HashMap<&'a str, usize> {
    let index = |name: &str| board.iterations.iter().position(|i| i == name);
    let mut latest = std::collections::HashMap::new();
    for item in ws.boards().iter().flat_map(|b| &b.items) {
        let (Some(parent), Some(at)) = (item.parent.as_deref(), item.iteration.as_deref().and_then(index)) else {
            continue;
        };
        let slot = latest.entry(parent).or_insert(at);
        *slot = (*slot).max(at);
    }
    latest
}

pub fn plan(ws: &Workspace, board: &Board) -> Plan {
    let from_children = latest_child_iterations(ws, board);
    let own =
        |item: &super::item::Item| item.iteration.as_deref().and_then(|n| board.iterations.iter().position(|i| i == n));
    let mut teams: BTreeSet<String> = board.items.iter().filter_map(|i| i.team.clone()).collect();
    teams.extend(ws.boards().iter().filter(|b| b.level == Level::Team).map(|b| b.name.clone()));
    // Team 2 before Team 10, as people number them.
    let mut teams: Vec<String> = teams.into_iter().collect();
    teams.sort_by_key(|t| super::natural::natural_key(t));
    let iterations = board.iterations.clone();
    let mut cells = vec![vec![Vec::new(); iterations.len()]; teams.len()];
    let mut unplanned = Vec::new();
    let mut enablers = vec![(0, 0); iterations.len()];
    let mut planned_at = std::collections::HashMap::new();
    for item in board.ranked() {
        let team = item.team.as_ref().and_then(|t| teams.iter().position(|x| x == t));
        // As `iteration_of`, with the stories' iterations gathered once for the whole board.
        let at = own(item).or_else(|| from_children.get(item.id.as_str()).copied());
        match (team, at) {
            (Some(t), Some(i)) => {
                cells[t][i].push(item.id.clone());
                planned_at.insert(item.id.clone(), i);
                enablers[i].1 += 1;
                if board.kind_of(item) == Kind::Enabler {
                    enablers[i].0 += 1;
                }
            }
            _ => unplanned.push(item.id.clone()),
        }
    }
    // One pass over the stories, not one per iteration. A story's team is its own `team`,
    // else its team board's.
    let mut load = vec![0; iterations.len()];
    let mut team_load = vec![vec![TeamLoad::default(); iterations.len()]; teams.len()];
    for team_board in ws.boards().iter().filter(|b| b.level == Level::Team) {
        for story in &team_board.items {
            let at = story.iteration.as_deref().and_then(|it| iterations.iter().position(|i| i == it));
            let (Some(at), Some(points)) = (at, story.points) else { continue };
            load[at] += points;
            let team = story.team.as_deref().unwrap_or(&team_board.name);
            if let Some(t) = teams.iter().position(|x| x == team) {
                team_load[t][at].load += points;
            }
        }
    }
    for c in &board.capacity {
        let t = teams.iter().position(|x| *x == c.team);
        let i = iterations.iter().position(|x| *x == c.iteration);
        if let (Some(t), Some(i)) = (t, i) {
            team_load[t][i].capacity = Some(c.points);
        }
    }
    let mut milestones = vec![Vec::new(); iterations.len()];
    for m in &board.milestones {
        if let Some(i) = milestone_iteration(board, m) {
            milestones[i].push(m.name.clone());
        }
    }
    let dependencies = feature_dependencies(ws, board, &planned_at);
    Plan { teams, iterations, cells, unplanned, load, enablers, dependencies, team_load, milestones }
}

/// When `provider` is planned against `consumer`, by the iterations of the consumer's board
/// (else the train's): each by its own iteration, else the latest of its children's. `None`
/// when there are no iterations to compare by, or either item is unknown.
pub fn timing_between(ws: &Workspace, consumer: &str, provider: &str) -> Option<Timing> {
    let (board, _) = ws.find(consumer)?;
    ws.find(provider)?;
    let train = || super::objectives::train_board(ws).and_then(|b| ws.board(b));
    let iterations = if board.iterations.is_empty() { &train()?.iterations } else { &board.iterations };
    if iterations.is_empty() {
        return None;
    }
    let index = |name: &str| iterations.iter().position(|i| i == name);
    let planned = |id: &str| {
        let own = ws.item(id)?.iteration.as_deref().and_then(index);
        own.or_else(|| ws.children(id).iter().filter_map(|c| ws.item(c)?.iteration.as_deref().and_then(index)).max())
    };
    Some(Timing::of(planned(consumer), planned(provider)))
}

/// The dependencies between the board's features: each feature's own `depends_on`, and the
/// stories' (a story of feature A needing a story of feature B makes A need B), counted on
/// the pair of features; in the order of the board's items.
fn feature_dependencies(
    ws: &Workspace,
    board: &Board,
    planned_at: &std::collections::HashMap<String, usize>,
) -> Vec<Dependency> {
    // Pairs in the order first met, found again by an index (a train has many).
    let mut pairs: Vec<((String, String), usize)> = Vec::new();
    let mut index: std::collections::HashMap<(String, String), usize> = std::collections::HashMap::new();
    let mut add = |consumer: &str, provider: &str, story: bool| {
        let key = (consumer.to_string(), provider.to_string());
        let at = *index.entry(key.clone()).or_insert_with(|| {
            pairs.push((key, 0));
            pairs.len() - 1
        });
        pairs[at].1 += usize::from(story);
    };
    for consumer in &board.items {
        for provider in consumer.depends_on.iter().filter(|p| board.item(p).is_some()) {
            add(&consumer.id, provider, false);
        }
    }
    let feature_of = |id: &str| ws.item(id).and_then(|s| s.parent.as_deref()).filter(|p| board.item(p).is_some());
    for story in ws.boards().iter().filter(|b| b.level == Level::Team).flat_map(|b| &b.items) {
        let Some(consumer) = feature_of(&story.id) else { continue };
        for provider in story.depends_on.iter().filter_map(|p| feature_of(p)) {
            if provider != consumer {
                add(consumer, provider, true);
            }
        }
    }
    pairs
        .into_iter()
        .map(|((consumer, provider), stories)| {
            let timing = Timing::of(planned_at.get(&consumer).copied(), planned_at.get(&provider).copied());
            Dependency { late: timing == Timing::Late, consumer, provider, timing, stories }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, Item};

    #[test]
    fn places_features_flags_late_providers_and_sums_load() {
        let mut art = Board::new("art.ron", "ART", Level::Program, vec![Column::new("Implementing", None)]);
        art.iterations = vec!["I1".into(), "I2".into(), "I3".into()];
        let feature = |id: &str, team: Option<&str>, it: Option<&str>| {
            let mut f = Item::new(id, id, "Implementing");
            f.team = team.map(String::from);
            f.iteration = it.map(String::from);
            f
        };
        let mut consumer = feature("F-1", Some("Alpha"), Some("I1"));
        consumer.depends_on = vec!["F-2".into(), "F-3".into()];
        let mut enabler = feature("F-3", Some("Beta"), Some("I1"));
        enabler.kind = Some(Kind::Enabler);
        art.items = vec![
            consumer,
            feature("F-2", Some("Beta"), Some("I3")),
            enabler,
            feature("F-4", Some("Alpha"), None),
            feature("F-5", None, None),
        ];
        let mut alpha = Board::new("alpha.ron", "Alpha", Level::Team, vec![Column::new("Backlog", None)]);
        let mut story = Item::new("S-1", "s", "Backlog");
        story.parent = Some("F-4".into());
        story.iteration = Some("I2".into());
        story.points = Some(5);
        alpha.items = vec![story];
        let ws = Workspace::new(vec![art, alpha]);
        let p = plan(&ws, ws.board_by_key("art.ron").unwrap());
        assert_eq!(p.teams, ["Alpha", "Beta"]);
        assert_eq!(p.cells[0][0], ["F-1"]);
        assert_eq!(p.cells[0][1], ["F-4"], "no iteration of its own: its stories' latest");
        assert_eq!(p.cells[1][2], ["F-2"]);
        assert_eq!(p.unplanned, ["F-5"]);
        assert_eq!(p.load, [0, 5, 0]);
        assert_eq!(p.enablers[0], (1, 2));
        let late: Vec<(&str, bool)> = p.dependencies.iter().map(|d| (d.provider.as_str(), d.late)).collect();
        assert_eq!(late, [("F-2", true), ("F-3", false)]);
    }

    #[test]
    fn teams_are_rows_in_the_order_people_number_them() {
        let mut art = Board::new("art.ron", "ART", Level::Program, vec![Column::new("Funnel", None)]);
        art.iterations = vec!["I1".into()];
        let team = |n: u32| {
            Board::new(format!("t{n}.ron"), format!("Team {n}"), Level::Team, vec![Column::new("Backlog", None)])
        };
        let ws = Workspace::new(vec![art, team(10), team(2), team(1)]);
        let p = plan(&ws, ws.board_by_key("art.ron").unwrap());
        assert_eq!(p.teams, ["Team 1", "Team 2", "Team 10"]);
    }

    #[test]
    fn story_dependencies_across_teams_count_on_their_features_with_their_timing() {
        let mut art = Board::new("art.ron", "ART", Level::Program, vec![Column::new("Implementing", None)]);
        art.iterations = vec!["I1".into(), "I2".into()];
        let feature = |id: &str, team: &str, it: Option<&str>| {
            let mut f = Item::new(id, id, "Implementing");
            f.team = Some(team.into());
            f.iteration = it.map(String::from);
            f
        };
        let mut f1 = feature("F-1", "Alpha", Some("I2"));
        f1.depends_on = vec!["F-3".into()];
        art.items = vec![f1, feature("F-2", "Beta", Some("I2")), feature("F-3", "Beta", None)];
        let story = |id: &str, parent: &str, needs: &[&str]| {
            let mut s = Item::new(id, id, "Backlog");
            s.parent = Some(parent.into());
            s.depends_on = needs.iter().map(|n| n.to_string()).collect();
            s
        };
        let mut alpha = Board::new("alpha.ron", "Alpha", Level::Team, vec![Column::new("Backlog", None)]);
        alpha.items = vec![story("S-1", "F-1", &["S-3"]), story("S-2", "F-1", &["S-3", "S-4"])];
        let mut beta = Board::new("beta.ron", "Beta", Level::Team, vec![Column::new("Backlog", None)]);
        beta.items = vec![story("S-3", "F-2", &[]), story("S-4", "F-1", &[])];
        let ws = Workspace::new(vec![art, alpha, beta]);
        let p = plan(&ws, ws.board_by_key("art.ron").unwrap());
        let deps: Vec<(&str, &str, Timing, usize)> =
            p.dependencies.iter().map(|d| (d.consumer.as_str(), d.provider.as_str(), d.timing, d.stories)).collect();
        // F-1 names F-3 itself; two of its stories wait on S-3 of F-2; S-4 is F-1's own story.
        assert_eq!(deps, [("F-1", "F-3", Timing::ProviderUnplanned, 0), ("F-1", "F-2", Timing::SameIteration, 2)]);
        assert!(Timing::ProviderUnplanned.at_risk() && !Timing::SameIteration.at_risk());
        assert_eq!(timing_between(&ws, "F-1", "F-2"), Some(Timing::SameIteration));
        assert_eq!(
            timing_between(&ws, "S-1", "S-3"),
            Some(Timing::ConsumerUnplanned),
            "stories: the train's iterations"
        );
    }

    /// An ART over I1–I3 (I1 and I2 dated) with teams Alpha and Beta, each story on its team's
    /// board: `(id, team board, own team, iteration, points)`.
    fn train(stories: &[(&str, &str, Option<&str>, &str, u32)]) -> Workspace {
        let mut art = Board::new("art.ron", "ART", Level::Program, vec![Column::new("Implementing", None)]);
        art.iterations = vec!["I1".into(), "I2".into(), "I3".into()];
        let day = |d: &str| Date::parse(d).expect("a date");
        let dates = |name: &str, start: &str, end: &str| super::super::pi::IterationDates {
            name: name.into(),
            start: day(start),
            end: day(end),
        };
        art.pi = Some(super::super::pi::Pi {
            name: "PI 1".into(),
            iterations: vec![dates("I1", "2026-10-05", "2026-10-16"), dates("I2", "2026-10-19", "2026-10-30")],
        });
        let capacity = |team: &str, iteration: &str, points| super::super::board::Capacity {
            team: team.into(),
            iteration: iteration.into(),
            points,
        };
        art.capacity = vec![capacity("Alpha", "I1", 10), capacity("Alpha", "I2", 10), capacity("Beta", "I1", 8)];
        let milestone = |name: &str, date: Option<&str>, iteration: Option<&str>| super::super::board::Milestone {
            name: name.into(),
            date: date.map(day),
            iteration: iteration.map(String::from),
        };
        art.milestones = vec![
            milestone("Demo 1", Some("2026-10-16"), None),
            milestone("Release", None, Some("I3")),
            milestone("PI start", Some("2026-10-05"), None),
            milestone("Later", Some("2027-01-01"), None),
        ];
        let mut boards = vec![art];
        for team in ["Alpha", "Beta"] {
            let mut board = Board::new(format!("{team}.ron"), team, Level::Team, vec![Column::new("Backlog", None)]);
            for &(id, _, own, iteration, points) in stories.iter().filter(|s| s.1 == team) {
                let mut story = Item::new(id, id, "Backlog");
                story.team = own.map(String::from);
                story.iteration = Some(iteration.to_string());
                story.points = Some(points);
                board.items.push(story);
            }
            board.reindex();
            boards.push(board);
        }
        Workspace::new(boards)
    }

    #[test]
    fn each_teams_load_is_set_against_its_capacity() {
        let ws = train(&[
            ("S-1", "Alpha", None, "I1", 5),
            ("S-2", "Alpha", Some("Alpha"), "I1", 3),
            ("S-3", "Alpha", None, "I2", 13),
            // On Alpha's board but given to Beta: Beta's load.
            ("S-4", "Alpha", Some("Beta"), "I1", 2),
            ("S-5", "Beta", None, "I1", 8),
            ("S-6", "Beta", None, "I3", 4),
        ]);
        let p = plan(&ws, ws.board_by_key("art.ron").expect("the ART"));
        assert_eq!(p.teams, ["Alpha", "Beta"]);
        let alpha = &p.team_load[0];
        assert_eq!(alpha[0], TeamLoad { load: 8, capacity: Some(10) });
        assert!(!alpha[0].over());
        assert_eq!(alpha[1], TeamLoad { load: 13, capacity: Some(10) });
        assert!(alpha[1].over(), "13 of 10 is over");
        assert_eq!(alpha[2], TeamLoad { load: 0, capacity: None });
        let beta = &p.team_load[1];
        assert_eq!(beta[0], TeamLoad { load: 10, capacity: Some(8) });
        assert!(beta[0].over());
        assert_eq!(beta[2], TeamLoad { load: 4, capacity: None });
        assert!(!beta[2].over(), "no capacity given: never over");
        assert_eq!(p.load, [18, 13, 4], "the teams' loads add up to the iteration's");
    }

    #[test]
    fn load_equal_to_capacity_is_not_over() {
        let ws = train(&[("S-1", "Alpha", None, "I1", 10)]);
        let p = plan(&ws, ws.board_by_key("art.ron").expect("the ART"));
        assert_eq!(p.team_load[0][0], TeamLoad { load: 10, capacity: Some(10) });
        assert!(!p.team_load[0][0].over());
    }

    #[test]
    fn milestones_go_to_their_iteration_or_the_one_their_date_falls_in() {
        let ws = train(&[]);
        let board = ws.board_by_key("art.ron").expect("the ART");
        let p = plan(&ws, board);
        assert_eq!(p.milestones, [vec!["Demo 1", "PI start"], vec![], vec!["Release"]]);
        assert_eq!(dated_iteration(board, Date::parse("2026-10-19").expect("a date")), Some(1));
        assert_eq!(dated_iteration(board, Date::parse("2026-10-17").expect("a date")), None, "between iterations");
    }
}
