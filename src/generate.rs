//! Realistic synthetic workspaces for benchmarks and scale tests: one portfolio, one program
//! and ten team boards linked by parents, with WSJF inputs, acceptance criteria and history;
//! or one board of N items. Deterministic for a given size.

use std::io;
use std::path::{Path, PathBuf};

use crate::clock::format_unix;
use crate::model::{Board, Column, Criterion, Item, Level, Move, Wsjf};
use crate::storage::board_to_string;

const TEAM_COLUMNS: [&str; 5] = ["Backlog", "Ready", "In Progress", "Review", "Accepted"];
const ART_COLUMNS: [&str; 7] = ["Funnel", "Analyzing", "Backlog", "Implementing", "Validating", "Releasing", "Done"];
const PORTFOLIO_COLUMNS: [&str; 6] = ["Funnel", "Reviewing", "Analyzing", "Portfolio Backlog", "Implementing", "Done"];
const WORDS: [&str; 16] = [
    "search",
    "checkout",
    "payment",
    "audit",
    "catalogue",
    "profile",
    "offers",
    "cart",
    "login",
    "consent",
    "export",
    "alerts",
    "reports",
    "loyalty",
    "shipping",
    "returns",
];
const FIB: [u32; 7] = [1, 2, 3, 5, 8, 13, 20];

/// A small deterministic pseudo-random sequence (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }
}

fn columns(names: &[&str], wip: &[(usize, u32)]) -> Vec<Column> {
    names.iter().enumerate().map(|(i, n)| Column::new(*n, wip.iter().find(|(c, _)| *c == i).map(|(_, w)| *w))).collect()
}

fn item(rng: &mut Rng, id: String, level: Level, names: &[&str], parent: Option<String>) -> Item {
    let col = (rng.next() % names.len() as u64) as usize;
    let title = format!(
        "{} the {} {} for {}",
        rng.pick(&["Improve", "Build", "Redesign", "Automate", "Secure"]),
        rng.pick(&WORDS),
        rng.pick(&["flow", "service", "screen", "report", "rules"]),
        rng.pick(&WORDS)
    );
    let mut item = Item::new(id, title, names[col]);
    item.parent = parent;
    let start = 1_790_000_000 + (rng.next() % 5_000_000) as i64;
    item.history = (0..=col)
        .map(|c| Move {
            at: format_unix(start + c as i64 * 86_400 * (1 + (rng.next() % 4) as i64)).into(),
            column: names[c].into(),
        })
        .collect();
    item.tags = vec![rng.pick(&WORDS).to_string()];
    if level == Level::Team {
        item.points = Some(rng.pick(&FIB[..5]));
        item.acceptance = (0..2)
            .map(|n| Criterion {
                text: format!("Criterion {n}: the {} works offline", rng.pick(&WORDS)),
                done: col == 4,
            })
            .collect();
        item.owner = Some(rng.pick(&["Priya", "Tom", "Ana", "Kai", "Mia", "Noah"]).into());
    } else {
        let mut score = || rng.pick(&FIB);
        item.wsjf =
            Some(Wsjf { value: score(), time_criticality: score(), risk_reduction: score(), job_size: score() });
    }
    if rng.next().is_multiple_of(17) {
        item.blocked = Some("Waiting for another team".into());
    }
    item
}

/// The boards of a workspace of about `items` items in all.
pub fn workspace_boards(items: usize) -> Vec<Board> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let epics = (items / 100).max(1);
    let features = (items / 10).max(1);
    let stories = items.saturating_sub(epics + features);
    let mut portfolio =
        Board::new("portfolio.ron", "Portfolio", Level::Portfolio, columns(&PORTFOLIO_COLUMNS, &[(2, 5), (4, 5)]));
    portfolio.items =
        (1..=epics).map(|n| item(&mut rng, format!("E-{n}"), Level::Portfolio, &PORTFOLIO_COLUMNS, None)).collect();
    let mut art = Board::new("art.ron", "Generated ART", Level::Program, columns(&ART_COLUMNS, &[(1, 20), (3, 40)]));
    art.iterations = ["I1", "I2", "I3", "I4", "IP"].map(String::from).to_vec();
    art.items = (1..=features)
        .map(|n| {
            let mut f =
                item(&mut rng, format!("F-{n}"), Level::Program, &ART_COLUMNS, Some(format!("E-{}", 1 + n % epics)));
            f.team = Some(format!("Team {}", 1 + n % 10));
            f
        })
        .collect();
    let mut teams: Vec<Board> = (1..=10)
        .map(|t| {
            Board::new(format!("team-{t:02}.ron"), format!("Team {t}"), Level::Team, columns(&TEAM_COLUMNS, &[(2, 8)]))
        })
        .collect();
    for n in 1..=stories {
        let team = n % 10;
        let mut s =
            item(&mut rng, format!("S-{n}"), Level::Team, &TEAM_COLUMNS, Some(format!("F-{}", 1 + n % features)));
        s.team = Some(format!("Team {}", team + 1));
        teams[team].items.push(s);
    }
    let mut boards = vec![portfolio, art];
    boards.extend(teams);
    for board in &mut boards {
        board.reindex();
    }
    boards
}

/// One team board of `items` items.
pub fn single_board(items: usize) -> Board {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut board = Board::new("big.ron", "Big team", Level::Team, columns(&TEAM_COLUMNS, &[(2, 50)]));
    board.items = (1..=items).map(|n| item(&mut rng, format!("S-{n}"), Level::Team, &TEAM_COLUMNS, None)).collect();
    board.reindex();
    board
}

/// Writes `boards` into `dir`; returns the files written.
pub fn write_boards(dir: &Path, boards: &[Board]) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    boards
        .iter()
        .map(|b| {
            let path = dir.join(&b.key);
            std::fs::write(&path, board_to_string(b))?;
            Ok(path)
        })
        .collect()
}
