//! The system demo: what each team finished in an iteration (accepted stories with their
//! points, against the points planned for it) and the features that reached done, plus each
//! team's velocity over every iteration (planned against accepted points). Archived items
//! count: they were finished.

use super::board::{Board, Level};
use super::item::{Item, Kind};
use super::planning::iteration_of;
use super::workspace::Workspace;

/// One team in one iteration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamIteration {
    pub team: String,
    /// (id, title, points) of the stories finished, in board order.
    pub accepted: Vec<(String, String, Option<u32>)>,
    pub accepted_points: u32,
    pub planned_points: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemDemo {
    pub iteration: String,
    pub teams: Vec<TeamIteration>,
    /// (id, title, board name) of the features done and planned for the iteration.
    pub features: Vec<(String, String, String)>,
    /// Per team: (planned, accepted) points for each of [`iterations`].
    pub velocity: Vec<(String, Vec<(u32, u32)>)>,
    pub iterations: Vec<String>,
}

/// The train's iterations: the first program board's, else those the team boards name.
pub fn iterations(ws: &Workspace) -> Vec<String> {
    let program = ws.boards().iter().find(|b| b.level == Level::Program && !b.iterations.is_empty());
    if let Some(board) = program {
        return board.iterations.clone();
    }
    let mut names: Vec<String> = Vec::new();
    for board in ws.boards().iter().filter(|b| b.level == Level::Team) {
        for name in &board.iterations {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
    }
    names
}

fn is_done(board: &Board, item: &Item) -> bool {
    board.columns.get(board.done_column()).is_some_and(|c| c.name == item.column)
}

fn team_boards(ws: &Workspace) -> Vec<String> {
    let mut teams: Vec<String> = Vec::new();
    for board in ws.boards().iter().filter(|b| b.level == Level::Team) {
        if !teams.contains(&board.name) {
            teams.push(board.name.clone());
        }
    }
    teams
}

/// One team's stories planned for `iteration`: on its board, then in its archive.
fn planned<'a>(ws: &'a Workspace, team: &'a str, iteration: &'a str) -> impl Iterator<Item = (&'a Board, &'a Item)> {
    let of_team = move |b: &&Board| b.level == Level::Team && b.name == team;
    let boards = ws.boards().iter().filter(of_team);
    let (current, archived): (Vec<&Board>, Vec<&Board>) = boards.partition(|b| !b.is_archive());
    current
        .into_iter()
        .chain(archived)
        .flat_map(|b| b.items.iter().map(move |i| (b, i)))
        .filter(move |(b, i)| b.kind_of(i) != Kind::Risk && i.iteration.as_deref() == Some(iteration))
}

pub fn system_demo(ws: &Workspace, iteration: &str) -> SystemDemo {
    let names = iterations(ws);
    let teams: Vec<TeamIteration> = team_boards(ws)
        .into_iter()
        .map(|team| {
            let mut result =
                TeamIteration { team: team.clone(), accepted: Vec::new(), accepted_points: 0, planned_points: 0 };
            for (board, item) in planned(ws, &team, iteration) {
                result.planned_points += item.points.unwrap_or(0);
                if is_done(board, item) {
                    result.accepted_points += item.points.unwrap_or(0);
                    result.accepted.push((item.id.clone(), item.title.clone(), item.points));
                }
            }
            result
        })
        .collect();
    let mut features = Vec::new();
    for board in ws.boards().iter().filter(|b| b.level == Level::Program) {
        let at = board.iterations.iter().position(|i| i == iteration);
        for item in board.items.iter().filter(|i| board.kind_of(i) != Kind::Risk && is_done(board, i)) {
            if at.is_some() && iteration_of(ws, board, &item.id) == at {
                features.push((item.id.clone(), item.title.clone(), board.name.clone()));
            }
        }
    }
    SystemDemo { iteration: iteration.to_string(), teams, features, velocity: velocity(ws), iterations: names }
}

/// Per team: (planned, accepted) story points for each of the train's [`iterations`], in one
/// pass over the team boards (the views that show it draw it on every frame).
pub fn velocity(ws: &Workspace) -> Vec<(String, Vec<(u32, u32)>)> {
    let names = iterations(ws);
    let mut rows: Vec<(String, Vec<(u32, u32)>)> =
        team_boards(ws).into_iter().map(|team| (team, vec![(0, 0); names.len()])).collect();
    for board in ws.boards().iter().filter(|b| b.level == Level::Team) {
        let Some(row) = rows.iter_mut().find(|(team, _)| *team == board.name) else { continue };
        for item in board.items.iter().filter(|i| board.kind_of(i) != Kind::Risk) {
            let at = item.iteration.as_deref().and_then(|it| names.iter().position(|n| n == it));
            if let Some(at) = at {
                let points = item.points.unwrap_or(0);
                row.1[at].0 += points;
                if is_done(board, item) {
                    row.1[at].1 += points;
                }
            }
        }
    }
    rows
}

/// One line of velocity for a board's metrics: its team's on a team board, the train's sum
/// on the others; `None` without iterations.
pub fn velocity_line(ws: &Workspace, board: &Board) -> Option<String> {
    let names = iterations(ws);
    if names.is_empty() {
        return None;
    }
    let rows = velocity(ws);
    let per: Vec<(u32, u32)> = match board.level {
        Level::Team => rows.into_iter().find(|(team, _)| *team == board.name)?.1,
        _ => (0..names.len())
            .map(|i| rows.iter().fold((0, 0), |(p, a), (_, per)| (p + per[i].0, a + per[i].1)))
            .collect(),
    };
    let cells: Vec<String> = names.iter().zip(per).map(|(name, (p, a))| format!("{name} {a}/{p}")).collect();
    Some(cells.join(" · "))
}

impl SystemDemo {
    /// The demo as lines: (is a heading, text), for the screen and plain mode alike.
    pub fn lines(&self) -> Vec<(bool, String)> {
        let mut lines = Vec::new();
        for team in &self.teams {
            lines.push((
                true,
                format!(
                    "{} — {} stories accepted, {} of {} planned points",
                    team.team,
                    team.accepted.len(),
                    team.accepted_points,
                    team.planned_points
                ),
            ));
            if team.accepted.is_empty() {
                lines.push((false, "  nothing accepted in this iteration".to_string()));
            }
            for (id, title, points) in &team.accepted {
                let points = points.map(|p| format!(" · {p} pt")).unwrap_or_default();
                lines.push((false, format!("  {id} {title}{points}")));
            }
            lines.push((false, String::new()));
        }
        lines.push((true, format!("Features done ({})", self.features.len())));
        if self.features.is_empty() {
            lines.push((false, "  no feature planned for this iteration is done".to_string()));
        }
        lines.extend(self.features.iter().map(|(id, title, board)| (false, format!("  {id} {title} ({board})"))));
        lines.push((false, String::new()));
        lines.push((true, "Velocity: accepted / planned points per iteration".to_string()));
        let width = self.velocity.iter().map(|(t, _)| t.chars().count()).max().unwrap_or(4).max(4);
        let header: String = self.iterations.iter().map(|i| format!("{i:>9}")).collect();
        lines.push((false, format!("  {:<width$}{header}", "team")));
        for (team, per) in &self.velocity {
            let cells: String = per.iter().map(|(p, a)| format!("{:>9}", format!("{a}/{p}"))).collect();
            lines.push((false, format!("  {team:<width$}{cells}")));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Column;

    #[test]
    fn counts_what_each_team_accepted_against_what_it_planned() {
        let columns = || vec![Column::new("Doing", None), Column::new("Accepted", None)];
        let story = |id: &str, column: &str, it: &str, points: u32| {
            let mut s = Item::new(id, id, column);
            s.iteration = Some(it.into());
            s.points = Some(points);
            s
        };
        let mut alpha = Board::new("alpha.ron", "Alpha", Level::Team, columns());
        alpha.items =
            vec![story("S-1", "Accepted", "I1", 3), story("S-2", "Doing", "I1", 5), story("S-3", "Accepted", "I2", 8)];
        alpha.reindex();
        // Its archive holds a story finished in I1 too.
        let mut archive = Board::new("alpha.archive.ron", "Alpha", Level::Team, columns());
        archive.archive_of = Some("alpha.ron".into());
        archive.items = vec![story("S-4", "Accepted", "I1", 2)];
        archive.reindex();
        let mut art =
            Board::new("art.ron", "ART", Level::Program, vec![Column::new("Impl", None), Column::new("Done", None)]);
        art.iterations = vec!["I1".into(), "I2".into()];
        let mut feature = Item::new("F-1", "Feature one", "Done");
        feature.iteration = Some("I1".into());
        art.items = vec![feature, Item::new("F-2", "Not planned", "Done")];
        art.reindex();
        let ws = Workspace::new(vec![alpha, archive, art]);
        let demo = system_demo(&ws, "I1");
        assert_eq!(demo.teams.len(), 1, "an archive is its board's team");
        let alpha = &demo.teams[0];
        assert_eq!((alpha.accepted_points, alpha.planned_points), (5, 10));
        let ids: Vec<&str> = alpha.accepted.iter().map(|(id, ..)| id.as_str()).collect();
        assert_eq!(ids, ["S-1", "S-4"]);
        assert_eq!(demo.features, [("F-1".to_string(), "Feature one".to_string(), "ART".to_string())]);
        assert_eq!(demo.velocity, [("Alpha".to_string(), vec![(10, 5), (8, 8)])]);
        let text: Vec<String> = demo.lines().into_iter().map(|(_, l)| l).collect();
        assert!(text.contains(&"Alpha — 2 stories accepted, 5 of 10 planned points".to_string()), "{text:#?}");
        assert!(text.iter().any(|l| l.contains("5/10") && l.contains("8/8")));
        // The metrics line: the team's own on its board, the train's sum on the program board.
        let alpha_board = ws.board_by_key("alpha.ron").unwrap();
        assert_eq!(velocity_line(&ws, alpha_board).as_deref(), Some("I1 5/10 · I2 8/8"));
        let art = ws.board_by_key("art.ron").unwrap();
        assert_eq!(velocity_line(&ws, art).as_deref(), Some("I1 5/10 · I2 8/8"));
    }
}
