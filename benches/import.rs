//! Import benchmark: generates a Jira "all fields" CSV of 10,000 rows (epics, features and
//! stories on four teams, with repeated Labels and Sprint columns, parents, ranks and dates)
//! and prints the median time of importing it into an empty workspace, and of re-importing
//! it over the result. Target: under 1 s. Run: `cargo bench --bench import`.

use std::fmt::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use trainboard::import::{Options, Source, run};

const ROWS: usize = 10_000;

fn generate(rows: usize) -> String {
    let width = rows.to_string().len().max(5);
    let mut out = String::from(
        "Summary,Issue key,Issue id,Issue Type,Status,Status Category,Project name,Assignee,Created,\
         Status Category Changed,Labels,Labels,Sprint,Sprint,Custom field (Story Points),Custom field (Rank),\
         Custom field (Team),Parent,Description\r\n",
    );
    let statuses = [("To Do", "To Do"), ("In Progress", "In Progress"), ("In Review", "In Progress"), ("Done", "Done")];
    let epics = rows / 200;
    let features = rows / 20;
    for n in 0..rows {
        let id = 10_000 + n;
        let (kind, parent) = if n < epics {
            ("Epic", String::new())
        } else if n < epics + features {
            ("Feature", (10_000 + n % epics.max(1)).to_string())
        } else {
            ("Story", (10_000 + epics + n % features.max(1)).to_string())
        };
        let (status, category) = statuses[n % statuses.len()];
        let _ = write!(
            out,
            "\"Item {n}, with a comma\",BIG-{n},{id},{kind},{status},{category},Big Train,Person {},\
             {:02}/Dec/25 {}:{:02} PM,2025-12-2{} 18:45:55.01,label{},team-{},Sprint {},Sprint {},{},0|i{:0width$}:,\
             Team {},{parent},\"Line one\nline two of {n}\"\r\n",
            n % 17,
            n % 28 + 1,
            n % 11 + 1,
            n % 60,
            n % 8 + 1,
            n % 9,
            n % 4,
            n % 6,
            n % 6 + 1,
            n % 13,
            rows - n,
            n % 4,
        );
    }
    out
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let root = std::env::temp_dir().join(format!("trainboard-import-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let file = root.join("jira.csv");
    // TRAINBOARD_IMPORT_ROWS=200000 tries a much larger export.
    let rows = std::env::var("TRAINBOARD_IMPORT_ROWS").ok().and_then(|r| r.parse().ok()).unwrap_or(ROWS);
    std::fs::write(&file, generate(rows)).unwrap();
    let options = Options::default();
    let mut fresh = Vec::new();
    let mut again = Vec::new();
    for n in 0..5 {
        let ws = root.join(format!("ws{n}"));
        let start = Instant::now();
        run(Source::Jira, &file, &ws, &options).unwrap();
        fresh.push(start.elapsed());
        let start = Instant::now();
        run(Source::Jira, &file, &ws, &options).unwrap();
        again.push(start.elapsed());
    }
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    println!(
        "import jira, {rows} rows ({} KiB): {} into an empty workspace, {} re-import (median of 5; target < 1 s)",
        size / 1024,
        ms(median(fresh)),
        ms(median(again))
    );
    let loaded = trainboard::storage::load_workspace(Path::new(&root.join("ws0")));
    assert!(loaded.problems.is_empty(), "the imported workspace passes check");
    let _ = std::fs::remove_dir_all(&root);
}
