//! SAFe's six flow metrics for one board and for the ART: distribution, velocity, time, load,
//! efficiency and predictability. Pure: `now` (seconds since 1970) comes in.
//!
//! - **Distribution**: the items on the board now, by kind, and by SAFe's four work types
//!   (features — epics, capabilities, features and stories —, enablers — enablers and
//!   spikes —, defects, risks).
//! - **Velocity**: items finished (first reaching the done column) per week, Monday to Sunday,
//!   over the last `weeks` weeks; the current week counts as one.
//! - **Time**: cycle time in days, from leaving the first column to first reaching done; its
//!   median and 85th percentile by linear interpolation between ranks ([`percentile`]).
//! - **Load**: the items in progress now (in neither the first nor the done column), against
//!   the sum of those columns' WIP limits (no total when one of them has no limit).
//! - **Efficiency**: active time over flow time, summed over every item's history up to
//!   `now`. The done column is never flow time. A column named in the board's
//!   `wait_columns` is waiting time (flow time, not active), the first column included when
//!   it is named; an unnamed first column is not flow time (work has not started); every
//!   other column is active. A board without `wait_columns` is therefore 100 % efficient
//!   by definition, and says so ([`Efficiency::wait_columns_named`]).
//! - **Predictability**: the objectives' achievement (`objectives::achievement`).
//!
//! Archived items still count where finished work counts (velocity, time, efficiency).
//! The ART is the train's program board (`objectives::train_board`) plus every team board of
//! the workspace (no archives, no other program board such as a ROAM board): counts add up,
//! cycle times are pooled before the percentiles, and predictability is the train's
//! (`objectives::train`).

use super::archive::with_archived;
use super::board::{Board, Level};
#[cfg(test)]
use super::flow::{cycle_times, throughput};
use super::flow::{empty_weeks, moves_into, percentile, week_start};
use super::item::Kind;
use super::objectives::{Achievement, achievement, train, train_board};
use super::workspace::Workspace;

/// SAFe's work types for flow distribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkType {
    Feature,
    Enabler,
    Defect,
    Risk,
}

impl WorkType {
    pub const ALL: [WorkType; 4] = [WorkType::Feature, WorkType::Enabler, WorkType::Defect, WorkType::Risk];

    /// The work type of an item kind: business work is a feature, a spike an enabler.
    pub fn of(kind: Kind) -> WorkType {
        match kind {
            Kind::Epic | Kind::Capability | Kind::Feature | Kind::Story => WorkType::Feature,
            Kind::Enabler | Kind::Spike => WorkType::Enabler,
            Kind::Defect => WorkType::Defect,
            Kind::Risk => WorkType::Risk,
        }
    }

    /// The plural, in lower case, as a table says it: "features".
    pub fn plural(self) -> &'static str {
        match self {
            WorkType::Feature => "features",
            WorkType::Enabler => "enablers",
            WorkType::Defect => "defects",
            WorkType::Risk => "risks",
        }
    }
}

/// How many items there are of each kind, in [`Kind::ALL`] order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Distribution {
    pub by_kind: [usize; 8],
}

impl Distribution {
    pub fn total(&self) -> usize {
        self.by_kind.iter().sum()
    }

    pub fn of_kind(&self, kind: Kind) -> usize {
        Kind::ALL.iter().position(|k| *k == kind).map_or(0, |i| self.by_kind[i])
    }

    /// Count per work type, in [`WorkType::ALL`] order.
    pub fn by_type(&self) -> [(WorkType, usize); 4] {
        WorkType::ALL.map(|t| (t, Kind::ALL.iter().filter(|k| WorkType::of(**k) == t).map(|k| self.of_kind(*k)).sum()))
    }

    /// `count` as a share of all items, in percent (0 when there are none).
    pub fn share(&self, count: usize) -> f64 {
        match self.total() {
            0 => 0.0,
            total => count as f64 * 100.0 / total as f64,
        }
    }

    fn add(&mut self, other: &Distribution) {
        for (mine, theirs) in self.by_kind.iter_mut().zip(other.by_kind) {
            *mine += theirs;
        }
    }
}

/// Items finished per week, oldest week first: (Monday 00:00 UTC, count).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Velocity {
    pub weeks: Vec<(i64, usize)>,
}

impl Velocity {
    pub fn finished(&self) -> usize {
        self.weeks.iter().map(|(_, n)| n).sum()
    }

    /// The mean per week; `None` over no weeks.
    pub fn per_week(&self) -> Option<f64> {
        (!self.weeks.is_empty()).then(|| self.finished() as f64 / self.weeks.len() as f64)
    }

    fn add(&mut self, other: &Velocity) {
        if self.weeks.is_empty() {
            self.weeks = other.weeks.clone();
            return;
        }
        for ((_, mine), (_, theirs)) in self.weeks.iter_mut().zip(&other.weeks) {
            *mine += theirs;
        }
    }
}

/// The cycle times (days) of the finished items.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FlowTime {
    pub days: Vec<f64>,
}

impl FlowTime {
    pub fn median(&self) -> Option<f64> {
        percentile(&self.days, 50.0)
    }

    pub fn p85(&self) -> Option<f64> {
        percentile(&self.days, 85.0)
    }
}

/// Work in progress now against the limits of the columns it sits in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Load {
    pub wip: usize,
    /// The sum of the in-progress columns' limits; `None` when one of them has none.
    pub limit: Option<u32>,
    /// The columns over their limit now.
    pub over: Vec<String>,
}

impl Load {
    fn add(&mut self, other: &Load) {
        self.wip += other.wip;
        self.limit = match (self.limit, other.limit) {
            (Some(mine), Some(theirs)) => Some(mine.saturating_add(theirs)),
            _ => None,
        };
        self.over.extend(other.over.iter().cloned());
    }
}

/// Active and flow time, in seconds, summed over the items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Efficiency {
    pub active: i64,
    pub flow: i64,
    /// True when the board (for the ART: any of its boards) names wait columns.
    pub wait_columns_named: bool,
}

impl Efficiency {
    /// Active over flow time, in percent; `None` before anything flowed.
    pub fn percent(&self) -> Option<f64> {
        (self.flow > 0).then(|| self.active as f64 * 100.0 / self.flow as f64)
    }
}

/// How many weeks velocity looks back over in the metrics view and the HTML export.
pub const VELOCITY_WEEKS: usize = 6;

/// The six flow metrics of one board or of the ART.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FlowMetrics {
    pub distribution: Distribution,
    pub velocity: Velocity,
    pub time: FlowTime,
    pub load: Load,
    pub efficiency: Efficiency,
    pub predictability: Achievement,
}

/// How a column counts for efficiency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Counts {
    Outside,
    Waiting,
    Active,
}

fn column_counts(board: &Board, col: usize) -> Counts {
    let named = board.columns.get(col).is_some_and(|c| board.wait_columns.contains(&c.name));
    match (col == board.done_column(), named, col == 0) {
        (true, _, _) => Counts::Outside,
        (false, true, _) => Counts::Waiting,
        (false, false, true) => Counts::Outside,
        (false, false, false) => Counts::Active,
    }
}

/// The metrics of each of `boards`, in their order, on as many threads as the machine has (up
/// to 4): a train of 100,000 items is read in a frame's time.
fn each_board(ws: &Workspace, boards: &[&Board], now: i64, weeks: usize) -> Vec<FlowMetrics> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let items: usize = boards.iter().map(|b| b.items.len()).sum();
    if threads == 1 || items < 20_000 {
        return boards.iter().map(|b| FlowMetrics::of(ws, b, now, weeks)).collect();
    }
    // Boards dealt out in turn, so each thread gets a share of the big ones.
    let mut out: Vec<(usize, FlowMetrics)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    let mine = boards.iter().enumerate().skip(t).step_by(threads);
                    mine.map(|(n, b)| (n, FlowMetrics::of(ws, b, now, weeks))).collect::<Vec<_>>()
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    out.sort_by_key(|(n, _)| *n);
    out.into_iter().map(|(_, m)| m).collect()
}

/// Velocity, flow time and efficiency of `board` in one pass over its items' histories (each
/// read and ordered once, in one buffer): velocity and flow time are the figures of
/// `flow::throughput` and `flow::cycle_times`; efficiency counts each history step until the
/// next (the last one until `now`) as its column counts. The view needs them every frame for
/// every board of the ART.
fn flow_of(board: &Board, now: i64, weeks: usize) -> (Velocity, FlowTime, Efficiency) {
    let counts: Vec<Counts> = (0..board.columns.len()).map(|c| column_counts(board, c)).collect();
    let done = board.done_column();
    let mut velocity = Velocity { weeks: empty_weeks(now, weeks) };
    let mut time = FlowTime::default();
    let mut efficiency = Efficiency { wait_columns_named: !board.wait_columns.is_empty(), ..Efficiency::default() };
    let mut steps: Vec<(i64, usize)> = Vec::new();
    for item in &board.items {
        moves_into(board, item, &mut steps);
        let started = steps.iter().find(|(_, c)| *c != 0).map(|(t, _)| *t);
        let finished = steps.iter().find(|(_, c)| *c == done).map(|(t, _)| *t);
        if let Some(t) = finished
            && let Some(slot) = velocity.weeks.iter_mut().find(|(start, _)| *start == week_start(t))
        {
            slot.1 += 1;
        }
        if let (Some(start), Some(end)) = (started, finished)
            && end >= start
        {
            time.days.push((end - start) as f64 / 86_400.0);
        }
        for (n, (at, col)) in steps.iter().enumerate() {
            let until = steps.get(n + 1).map_or(now, |(next, _)| *next).min(now);
            let seconds = (until - at).max(0);
            match counts[*col] {
                Counts::Outside => {}
                Counts::Waiting => efficiency.flow += seconds,
                Counts::Active => {
                    efficiency.flow += seconds;
                    efficiency.active += seconds;
                }
            }
        }
    }
    (velocity, time, efficiency)
}

/// The load of `board` now.
pub fn load(board: &Board) -> Load {
    let (first, done) = (0, board.done_column());
    let in_progress = (0..board.columns.len()).filter(|c| *c != first && *c != done);
    let mut load = Load { limit: Some(0), ..Load::default() };
    for col in in_progress {
        let column = &board.columns[col];
        load.wip += board.column_len(col);
        load.limit = match (load.limit, column.wip) {
            (Some(sum), Some(limit)) => Some(sum.saturating_add(limit)),
            _ => None,
        };
        if board.column_is_over(col) {
            load.over.push(column.name.clone());
        }
    }
    load
}

/// The items on `board` by kind.
pub fn distribution(board: &Board) -> Distribution {
    let mut out = Distribution::default();
    for item in &board.items {
        let kind = board.kind_of(item);
        if let Some(i) = Kind::ALL.iter().position(|k| *k == kind) {
            out.by_kind[i] += 1;
        }
    }
    out
}

impl FlowMetrics {
    /// The metrics of `board` (with its archive, for finished work) over the last `weeks` weeks.
    pub fn of(ws: &Workspace, board: &Board, now: i64, weeks: usize) -> FlowMetrics {
        let all = with_archived(ws, board);
        let (velocity, time, efficiency) = flow_of(&all, now, weeks);
        FlowMetrics {
            distribution: distribution(board),
            velocity,
            time,
            load: load(board),
            efficiency,
            predictability: achievement(board, super::objectives::current_pi(ws, board)),
        }
    }

    /// The ART's metrics: its boards' ([`art_boards`]) added up, and the train's predictability.
    pub fn art(ws: &Workspace, now: i64, weeks: usize) -> FlowMetrics {
        let mut out = FlowMetrics { velocity: Velocity { weeks: empty_weeks(now, weeks) }, ..FlowMetrics::default() };
        out.load.limit = Some(0);
        for one in each_board(ws, &art_boards(ws), now, weeks) {
            out.distribution.add(&one.distribution);
            out.velocity.add(&one.velocity);
            out.time.days.extend(one.time.days);
            out.load.add(&one.load);
            out.efficiency.active += one.efficiency.active;
            out.efficiency.flow += one.efficiency.flow;
            out.efficiency.wait_columns_named |= one.efficiency.wait_columns_named;
        }
        // The train's risks are on its ROAM boards, which are no flow of work: they count in
        // the distribution only, so the share of risks is the train's.
        for board in roam_boards(ws) {
            out.distribution.add(&distribution(board));
        }
        out.predictability = train(ws).1;
        out
    }
}

/// The ART's boards: the train's program board, then every team board, in tab order.
pub fn art_boards(ws: &Workspace) -> Vec<&Board> {
    let program = train_board(ws).and_then(|i| ws.board(i));
    let teams = ws.boards_at(Level::Team).filter_map(|i| ws.board(i));
    program.into_iter().chain(teams).collect()
}

/// The train's ROAM boards: program boards whose new items are risks.
pub fn roam_boards(ws: &Workspace) -> impl Iterator<Item = &Board> {
    ws.boards_at(Level::Program).filter_map(|i| ws.board(i)).filter(|b| b.default_kind == Some(Kind::Risk))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, Item, Move, Objective, Time};

    const HOUR: i64 = 3600;
    const DAY: i64 = 24 * HOUR;

    fn t(day: u32, hour: u32) -> String {
        format!("2026-11-{day:02}T{hour:02}:00:00Z")
    }

    fn unix(day: u32, hour: u32) -> i64 {
        Time::parse(&t(day, hour)).expect("a valid time").unix()
    }

    fn item(id: &str, kind: Kind, moves: &[(u32, u32, &str)]) -> Item {
        let mut i = Item::new(id, id, moves.last().map_or("Backlog", |m| m.2));
        i.kind = Some(kind);
        i.history = moves.iter().map(|(d, h, c)| Move { at: t(*d, *h).into(), column: (*c).into() }).collect();
        i
    }

    /// Backlog → Ready (wait, limit 3) → Doing (limit 2) → Done; Monday 2 Nov 2026 onwards.
    fn team(key: &str, wait: &[&str]) -> Board {
        let columns = vec![
            Column::new("Backlog", None),
            Column::new("Ready", Some(3)),
            Column::new("Doing", Some(2)),
            Column::new("Done", None),
        ];
        let mut b = Board::new(key, key, Level::Team, columns);
        b.wait_columns = wait.iter().map(|w| w.to_string()).collect();
        b.items = vec![
            // 1 day in Backlog, 1 in Ready, 2 in Doing: done on Friday 6 Nov.
            item("A", Kind::Story, &[(2, 0, "Backlog"), (3, 0, "Ready"), (4, 0, "Doing"), (6, 0, "Done")]),
            // Backlog 2 days, Ready 2, Doing 4: done on Tuesday 10 Nov.
            item("B", Kind::Defect, &[(2, 0, "Backlog"), (4, 0, "Ready"), (6, 0, "Doing"), (10, 0, "Done")]),
            // Doing since 10 Nov.
            item("C", Kind::Spike, &[(9, 0, "Ready"), (10, 0, "Doing")]),
            item("D", Kind::Story, &[(9, 0, "Doing")]),
            item("E", Kind::Risk, &[]),
        ];
        b.reindex();
        b
    }

    #[test]
    fn distribution_counts_kinds_and_work_types() {
        let d = distribution(&team("t.ron", &[]));
        assert_eq!(d.total(), 5);
        assert_eq!(d.of_kind(Kind::Story), 2);
        let by_type = d.by_type();
        assert_eq!(
            by_type,
            [(WorkType::Feature, 2), (WorkType::Enabler, 1), (WorkType::Defect, 1), (WorkType::Risk, 1)]
        );
        assert_eq!(d.share(2), 40.0);
        assert_eq!(Distribution::default().share(0), 0.0);
    }

    #[test]
    fn velocity_and_flow_time_of_one_board() {
        let ws = Workspace::new(vec![team("t.ron", &[])]);
        let now = unix(11, 12); // Wednesday of the second week
        let m = FlowMetrics::of(&ws, ws.board(0).unwrap(), now, 3);
        let counts: Vec<usize> = m.velocity.weeks.iter().map(|(_, n)| *n).collect();
        assert_eq!(counts, [0, 1, 1], "A finished in the week of 2 Nov, B in that of 9 Nov");
        assert_eq!(m.velocity.weeks[2].0, unix(9, 0), "weeks start on Monday");
        assert_eq!(m.velocity.per_week(), Some(2.0 / 3.0));
        // Cycle times: A 3 days (3 → 6 Nov), B 6 days (4 → 10 Nov).
        let mut days = m.time.days.clone();
        days.sort_by(f64::total_cmp);
        assert_eq!(days, [3.0, 6.0]);
        assert_eq!(m.time.median(), Some(4.5));
        assert!((m.time.p85().unwrap() - 5.55).abs() < 1e-9, "3 + 0.85 × 3");
    }

    #[test]
    fn a_large_train_is_measured_on_threads_with_the_same_figures() {
        let now = unix(11, 0);
        let boards: Vec<Board> = (0..6)
            .map(|b| {
                let mut board = team(&format!("t{b}.ron"), &["Ready"]);
                let template = board.items.clone();
                board.items = (0..4_000)
                    .map(|n| {
                        let mut item = template[n % template.len()].clone();
                        item.id = format!("S{b}-{n}");
                        item
                    })
                    .collect();
                board.reindex();
                board
            })
            .collect();
        let ws = Workspace::new(boards);
        let refs: Vec<&Board> = ws.boards().iter().collect();
        let threaded = each_board(&ws, &refs, now, 3);
        let one_by_one: Vec<FlowMetrics> = refs.iter().map(|b| FlowMetrics::of(&ws, b, now, 3)).collect();
        assert_eq!(threaded, one_by_one);
    }

    #[test]
    fn the_one_pass_gives_what_the_separate_measures_give() {
        let now = unix(11, 0);
        for waits in [&[][..], &["Ready"][..], &["Backlog", "Ready"][..]] {
            let board = team("t.ron", waits);
            let (velocity, time, _) = flow_of(&board, now, 3);
            assert_eq!(velocity.weeks, throughput(&board, now, 3));
            assert_eq!(time.days, cycle_times(&board));
        }
    }

    #[test]
    fn load_is_work_in_progress_against_its_columns_limits() {
        let mut b = team("t.ron", &[]);
        assert_eq!(load(&b), Load { wip: 2, limit: Some(5), over: vec![] });
        b.items.push(item("F", Kind::Story, &[(9, 0, "Doing")]));
        b.reindex();
        assert_eq!(load(&b), Load { wip: 3, limit: Some(5), over: vec!["Doing".into()] });
        b.columns[1].wip = None;
        assert_eq!(load(&b).limit, None, "one column without a limit: no total");
    }

    fn efficiency_of(board: &Board, now: i64) -> Efficiency {
        flow_of(board, now, 1).2
    }

    #[test]
    fn efficiency_counts_wait_columns_as_flow_but_not_active() {
        let now = unix(11, 0);
        // Without wait columns: Backlog and Done are outside; Ready and Doing active.
        let plain = efficiency_of(&team("t.ron", &[]), now);
        // A: Ready 1 + Doing 2; B: Ready 2 + Doing 4; C: Ready 1 + Doing 1; D: Doing 2.
        assert_eq!(plain.flow, 13 * DAY);
        assert_eq!(plain.active, 13 * DAY);
        assert_eq!(plain.percent(), Some(100.0));
        assert!(!plain.wait_columns_named);
        let waiting = efficiency_of(&team("t.ron", &["Ready"]), now);
        assert_eq!(waiting.flow, 13 * DAY);
        assert_eq!(waiting.active, 9 * DAY, "4 days in Ready are waiting");
        assert!((waiting.percent().unwrap() - 900.0 / 13.0).abs() < 1e-9);
        // Naming the first column makes the backlog waiting time too: A 1 day, B 2 days.
        let backlog = efficiency_of(&team("t.ron", &["Backlog", "Ready"]), now);
        assert_eq!((backlog.flow, backlog.active), (16 * DAY, 9 * DAY));
        assert_eq!(Efficiency::default().percent(), None);
    }

    #[test]
    fn the_art_adds_the_program_board_and_every_team_board() {
        let mut program = team("art.ron", &["Ready"]);
        program.level = Level::Program;
        program.iterations = vec!["I1".into()];
        let mut roam = Board::new("roam.ron", "Risks", Level::Program, vec![Column::new("Unroamed", None)]);
        roam.default_kind = Some(Kind::Risk);
        roam.items = vec![item("R-1", Kind::Risk, &[]), item("R-2", Kind::Risk, &[])];
        let mut alpha = team("alpha.ron", &[]);
        alpha.objectives = vec![Objective { text: "x".into(), planned: 10, actual: Some(8), stretch: false, pi: None }];
        let mut beta = team("beta.ron", &[]);
        beta.objectives = vec![Objective { text: "y".into(), planned: 5, actual: Some(5), stretch: false, pi: None }];
        let ws = Workspace::new(vec![roam, program, alpha, beta]);
        let keys: Vec<&str> = art_boards(&ws).iter().map(|b| b.key.as_str()).collect();
        assert_eq!(keys, ["art.ron", "alpha.ron", "beta.ron"], "the ROAM board is not the train's board");
        let now = unix(11, 0);
        let art = FlowMetrics::art(&ws, now, 2);
        // Three boards of five, and the ROAM board's two risks in the distribution only.
        assert_eq!(art.distribution.total(), 17);
        assert_eq!(art.distribution.of_kind(Kind::Risk), 3 + 2);
        assert_eq!(art.velocity.weeks.iter().map(|(_, n)| *n).collect::<Vec<_>>(), [3, 3]);
        assert_eq!(art.time.days.len(), 6);
        assert_eq!(art.time.median(), Some(4.5));
        assert_eq!(art.load, Load { wip: 6, limit: Some(15), over: vec![] });
        assert_eq!((art.efficiency.flow, art.efficiency.active), (39 * DAY, 35 * DAY));
        assert!(art.efficiency.wait_columns_named);
        assert_eq!(art.predictability, Achievement { planned: 15, actual: 13 });
        let alpha_only = FlowMetrics::of(&ws, ws.board_by_key("alpha.ron").unwrap(), now, 2);
        assert_eq!(alpha_only.predictability.percent(), Some(80.0));
    }

    #[test]
    fn archived_items_count_for_finished_work_but_not_for_load_or_distribution() {
        let mut board = team("t.ron", &[]);
        let mut archive = crate::model::archive::new_archive(&board);
        let done = board.items.remove(0);
        board.reindex();
        archive.items.push(done);
        archive.reindex();
        let ws = Workspace::new(vec![board, archive]);
        let m = FlowMetrics::of(&ws, ws.board_by_key("t.ron").unwrap(), unix(11, 0), 2);
        assert_eq!(m.time.days.len(), 2, "A is archived and still counts");
        assert_eq!(m.distribution.total(), 4);
        assert_eq!(m.load.wip, 2);
    }
}
