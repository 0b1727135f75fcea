//! Scale benchmark: prints medians for loading, drawing, moving with a save, and reloading
//! after an outside change, on generated workspaces of 1,000, 10,000 and
//! 50,000; `--quick` skips it), plus save and reload of one board of 10,000 items, each size in
//! its own process so peak memory is its own. Run: `cargo bench --bench scale`.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use trainboard::app::{App, Msg, update};
use trainboard::generate::{single_board, workspace_boards, write_boards};
use trainboard::history::History;
use trainboard::model::ops;
use trainboard::storage::LoadedFile;
use trainboard::storage::files::WorkspaceFiles;
use trainboard::storage::load_workspace;
use trainboard::storage::open::{Checked, check_reloaded, open_workspace};
use trainboard::storage::protocol::Reloaded;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn bare_parse(dir: &Path) -> Duration {
    let texts: Vec<String> =
        trainboard::storage::load::board_files(dir).iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    time(7, || texts.iter().map(|t| ron::from_str::<ron::Value>(t).is_ok()).filter(|ok| *ok).count())
}

/// Median time of `reload` after an outside edit of board `key` (the edit itself not timed).
fn time_reloads(files: &mut WorkspaceFiles, key: &str, mut reload: impl FnMut(&mut WorkspaceFiles, &Path)) -> Duration {
    let path = files.path_of(key);
    let original = std::fs::read_to_string(&path).unwrap();
    let samples = (1..=21)
        .map(|n| {
            std::fs::write(&path, original.replacen("title: \"", &format!("title: \"edit {n} "), 1)).unwrap();
            let start = Instant::now();
            reload(files, &path);
            start.elapsed()
        })
        .collect();
    median(samples)
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn workspace_row(items: usize) {
    let dir = std::env::temp_dir().join(format!("trainboard-bench-{items}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    write_boards(&dir, &workspace_boards(items)).unwrap();
    let bytes: u64 = trainboard::storage::load::board_files(&dir).iter().map(|p| p.metadata().unwrap().len()).sum();
    let parse = bare_parse(&dir);
    // Opening as the screen does: load, check, and renumber any shared ids.
    let load = time(7, || open_workspace(&dir).unwrap());
    let opened = open_workspace(&dir).unwrap();
    let mut files = WorkspaceFiles::new(&opened.root, opened.files, &opened.ws);
    let mut app = App::new(opened.ws, "bench");
    update(&mut app, Msg::Resize(160, 45));
    update(&mut app, key('3'));
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
    let first_frame = time(7, || {
        let mut t = Terminal::new(TestBackend::new(160, 45)).unwrap();
        t.draw(|f| trainboard::ui::render(&app, f)).map(|_| ())
    });
    let mut down = true;
    let nav = time(101, || {
        update(&mut app, key(if down { 'j' } else { 'k' }));
        down = !down;
        terminal.draw(|f| trainboard::ui::render(&app, f)).map(|_| ())
    });
    let key_name = app.current_board().unwrap().key.clone();
    let id = app.current_board().unwrap().items[0].id.clone();
    let mut history = History::default();
    let mut flip = false;
    let move_save = time(21, || {
        flip = !flip;
        let to = if flip { "Ready" } else { "Backlog" };
        if let Ok(edit) = ops::move_to_column(&app.ws, &id, to, "2026-11-22T10:00:00Z") {
            history.commit(&mut app.ws, edit).unwrap();
        }
        files.save(&app.ws, std::slice::from_ref(&key_name))
    });
    let reload = time_reloads(&mut files, &key_name, |files, path| {
        let (_, outcome) = files.reload(path, &app.ws);
        if let Reloaded::Changed { board, changed, bytes } = outcome {
            // Checked as the screen checks a reload, against the rest of the workspace.
            let file = LoadedFile { path: path.to_path_buf(), bytes };
            if let Checked::Usable { boards, .. } = check_reloaded(&app.ws, *board, &file) {
                for board in boards {
                    trainboard::app::sync::board_reloaded(&mut app, board, changed.clone(), Instant::now());
                }
            }
        }
        terminal.draw(|f| trainboard::ui::render(&app, f)).map(|_| ()).unwrap();
    });
    println!(
        "| {items:>6} | {:>6.1} MiB | {:>9} | {:>9} | {:>5.1}× | {:>9} | {:>9} | {:>9} | {:>9} | {:>6.1} MiB |",
        bytes as f64 / 1048576.0,
        ms(parse),
        ms(load),
        load.as_secs_f64() / parse.as_secs_f64(),
        ms(first_frame),
        ms(nav),
        ms(move_save),
        ms(reload),
        peak_rss_mib()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn single_board_row(items: usize) {
    let dir = std::env::temp_dir().join(format!("trainboard-bench-one-{items}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    write_boards(&dir, &[single_board(items)]).unwrap();
    let (mut ws, files, root) = load_workspace(&dir).into_workspace().unwrap();
    let mut files = WorkspaceFiles::new(&root, files, &ws);
    let key = "big.ron".to_string();
    let mut history = History::default();
    let mut flip = false;
    let save = time(21, || {
        flip = !flip;
        let to = if flip { "Review" } else { "Backlog" };
        if let Ok(edit) = ops::move_to_column(&ws, "S-1", to, "2026-11-22T10:00:00Z") {
            history.commit(&mut ws, edit).unwrap();
        }
        files.save(&ws, std::slice::from_ref(&key))
    });
    let reload = time_reloads(&mut files, &key, |files, path| {
        if let (_, Reloaded::Changed { board, .. }) = files.reload(path, &ws) {
            ws.put_board(*board);
        }
    });
    println!("one board of {items} items: move + save {} · reload after an outside change {}", ms(save), ms(reload));
    let _ = std::fs::remove_dir_all(&dir);
}

/// This process's peak resident memory (VmHWM), in MiB.
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

/// Each size runs in a fresh process of this benchmark, so its peak memory is its own.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(pos) = args.iter().position(|a| a == "--row") {
        match args.get(pos + 1).and_then(|n| n.parse().ok()) {
            Some(0) => single_board_row(10_000),
            Some(items) => workspace_row(items),
            None => eprintln!("--row N"),
        }
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    println!(
        "| items  | files      | bare parse | load+check | ratio | 1st frame | nav frame | move+save | reload    | peak mem   |"
    );
    println!(
        "|-------:|-----------:|----------:|----------:|------:|----------:|----------:|----------:|----------:|-----------:|"
    );
    let sizes: &[usize] = if quick { &[1_000, 10_000] } else { &[1_000, 10_000, 50_000] };
    let me = std::env::current_exe().expect("the benchmark's own path");
    for items in sizes.iter().copied().chain([0]) {
        let status = std::process::Command::new(&me).args(["--row", &items.to_string()]).status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("the run for {items} items failed");
        }
    }
}
