//! Scale benchmark: prints medians for loading, drawing, moving with a save, and reloading
//! after an outside change, on generated workspaces of 1,000, 10,000 and
//! 50,000; `--quick` skips it), plus save and reload of one board of 10,000 items, each size in
//! its own process so peak memory is its own; then each target of issue #14 beside its
//! measurement and the bare-parse floor. Run: `cargo bench --bench scale`; `-- --peers` adds
//! a comparison of the first frame with kanban-cli's (see `support/peers.rs`).

#[path = "../tests/support/legacy_writer.rs"]
mod legacy_writer;
#[path = "support/peers.rs"]
mod peers;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use trainboard::app::disk::Reload;
use trainboard::app::{App, Msg, update};
use trainboard::generate::{single_board, workspace_boards, write_boards};
use trainboard::history::History;
use trainboard::model::Board;
use trainboard::model::ops;
use trainboard::runtime::{Host, Runtime, Wake};
use trainboard::storage::LoadedFile;
use trainboard::storage::first_board::first_board;
use trainboard::storage::load_workspace;
use trainboard::storage::open_tolerant::{open_workspace, open_workspace_with};
use trainboard::storage::save_protocol::Reloaded;
use trainboard::storage::workspace_files::WorkspaceFiles;

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

/// The median of `samples`, and it in words with the slowest: `5.8 ms (slowest 9.7 ms)`.
fn median_and_slowest(samples: Vec<Duration>) -> (Duration, String) {
    let slowest = samples.iter().max().copied().unwrap_or_default();
    let middle = median(samples);
    (middle, format!("{} (slowest {})", ms(middle), ms(slowest)))
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn bare_parse(dir: &Path) -> Duration {
    let texts: Vec<String> = trainboard::storage::load_and_check::board_files(dir)
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
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

/// Settings as a first run has them (no config file).
fn settings() -> trainboard::config::Settings {
    trainboard::config::defaults(false, None)
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn workspace_row(items: usize) {
    let dir = std::env::temp_dir().join(format!("trainboard-bench-{items}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    write_boards(&dir, &workspace_boards(items)).unwrap();
    let bytes: u64 =
        trainboard::storage::load_and_check::board_files(&dir).iter().map(|p| p.metadata().unwrap().len()).sum();
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
    let reload = time_reloads(&mut files, &key_name, |files, path| {
        let (_, outcome) = files.reload(path, app.ws());
        if let Reloaded::Changed { board, changed, bytes } = outcome {
            // As the screen has a reload: checked against the rest of the workspace, then shown.
            let file = LoadedFile::new(path.to_path_buf(), &bytes);
            let reload = Reload::Changed { board, changed, file, unsaved: false, at: Instant::now() };
            update(&mut app, Msg::Reloaded(Box::new(reload)));
        }
        terminal.draw(|f| trainboard::ui::render(&app, f)).map(|_| ()).unwrap();
    });
    // The moves and saves as the shell does them, on the app's workspace (taken out of the
    // app, so memory is what the screen holds, not a second copy).
    let mut ws = app.into_ws();
    let mut history = History::default();
    let mut flip = false;
    let move_save = time(21, || {
        flip = !flip;
        let to = if flip { "Ready" } else { "Backlog" };
        if let Ok(edit) = ops::move_to_column(&ws, &id, to, "2026-11-22T10:00:00Z") {
            history.commit(&mut ws, edit).unwrap();
        }
        files.save(&ws, std::slice::from_ref(&key_name))
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
    if let Some(pos) = args.iter().position(|a| a == "--target") {
        match args.get(pos + 1).map(String::as_str) {
            Some("writer") => writer_targets(),
            Some("keys") => key_targets(),
            Some("workspace") => workspace_targets(),
            Some("memory") => match std::env::var_os("BENCH_DIR") {
                Some(dir) if args.iter().any(|a| a == "--measure") => memory_measure(Path::new(&dir)),
                _ => memory_target(),
            },
            _ => eprintln!("--target writer|keys|workspace|memory"),
        }
        return;
    }
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
    println!();
    println!("Targets of issue #14 (medians; floor: ron parsing the same bytes into a `ron::Value`)");
    println!();
    println!("| target | limit | measured | floor | met |");
    println!("|---|---:|---:|---:|:---:|");
    for part in ["writer", "keys", "workspace", "memory"] {
        let status = std::process::Command::new(&me).args(["--target", part]).status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("the {part} targets failed");
        }
    }
    if args.iter().any(|a| a == "--peers") {
        println!();
        println!("Against kanban-cli, installed into a temp folder for this run:");
        println!();
        peers::compare();
    }
}

/// One row of the targets table.
fn target(name: &str, limit: &str, measured: String, floor: String, met: bool) {
    println!("| {name} | {limit} | {measured} | {floor} | {} |", if met { "yes" } else { "**no**" });
}

fn parse_one(text: &str) -> Duration {
    time(5, || ron::from_str::<ron::Value>(text).is_ok())
}

/// The canonical writer on the single 10,000-card board, and the writer before it.
fn writer_targets() {
    let board = single_board(10_000);
    let text = trainboard::storage::board_to_string(&board);
    let new = time(21, || trainboard::storage::board_to_string(&board));
    let old = time(11, || legacy_writer::board_to_string(&board));
    target(
        &format!("write one board of 10,000 cards ({:.1} MB)", text.len() as f64 / 1e6),
        "≤ 25 ms",
        format!("{} (writer before: {})", ms(new), ms(old)),
        format!("parse {}", ms(parse_one(&text))),
        new <= Duration::from_millis(25),
    );
}

/// What the loop needs of a terminal it does not have here: nothing (no editor, no suspend).
struct NoHost;

impl Host for NoHost {
    fn edit(&mut self, _id: &str, text: &str) -> std::io::Result<Result<String, String>> {
        Ok(Ok(text.to_string()))
    }
    fn suspend(&mut self) {}
    fn continued(&mut self) {}
}

type Loop = Runtime<TestBackend>;

/// One key through the real event loop (`update`, the saver's replies that came back, the
/// frame, then the saves sent to the saver thread). Returns the time from the key to the frame.
fn press(rt: &mut Loop, c: char) -> Duration {
    press_key(rt, KeyCode::Char(c))
}

fn press_key(rt: &mut Loop, code: KeyCode) -> Duration {
    let t = Instant::now();
    let key = Wake::Input(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    let _ = rt.step(Some(key), &mut NoHost).expect("the loop runs");
    rt.drawn_at().saturating_duration_since(t)
}

/// Key→screen for edits on the single 10,000-card board with the saver thread writing, and a
/// burst of 20 `J` presses: how often it writes and how soon the last state is on disk.
fn key_targets() {
    let dir = std::env::temp_dir().join(format!("trainboard-bench-keys-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    write_boards(&dir, &[single_board(10_000)]).unwrap();
    let opened = open_workspace(&dir).unwrap();
    let files = WorkspaceFiles::new(&opened.root, opened.files, &opened.ws);
    let app = App::new(opened.ws, "bench");
    let terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let writes = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = std::sync::Arc::clone(&writes);
    let saver = trainboard::saver::Saver::spawn(&opened.root, move |reply| {
        if let trainboard::saver::Reply::Done(outcomes) = &reply {
            counted.fetch_add(outcomes.len(), std::sync::atomic::Ordering::SeqCst);
        }
        tx.send(Wake::Saved(Box::new(reply))).is_ok()
    });
    let mut rt = Runtime::with_saver(terminal, app, files, saver, rx);
    let _ = rt.start();
    // Keys at a typing pace (one every 30 ms, as a held key repeats), J and K in turn.
    let mut samples = Vec::new();
    for n in 0..41 {
        samples.push(press(&mut rt, if n % 2 == 0 { 'J' } else { 'K' }));
        std::thread::sleep(Duration::from_millis(30));
    }
    let worst = samples.iter().max().copied().unwrap_or_default();
    let edit = median(samples);
    rt.settle();
    // A burst: 20 presses as fast as they come.
    writes.store(0, std::sync::atomic::Ordering::SeqCst);
    let mut burst = Vec::new();
    for _ in 0..20 {
        burst.push(press(&mut rt, 'J'));
    }
    let last_key = Instant::now();
    let key_name = rt.app().current_board().unwrap().key.clone();
    let wanted = trainboard::storage::board_to_string(rt.app().ws().board_by_key(&key_name).unwrap());
    let path = dir.join(&key_name);
    let mut on_disk = None;
    while last_key.elapsed() < Duration::from_secs(5) {
        let _ = rt.step_waiting(Duration::from_millis(1), &mut NoHost);
        if std::fs::read(&path).is_ok_and(|b| b == wanted.as_bytes()) {
            on_disk = Some(last_key.elapsed());
            break;
        }
    }
    rt.settle();
    let n = writes.load(std::sync::atomic::Ordering::SeqCst);
    // The other edits: a move to the next column (L) and its undo (u), a new card's title
    // typed and saved (n … Enter), at the same pace.
    let (mut moves, mut undos, mut adds) = (Vec::new(), Vec::new(), Vec::new());
    for n in 0..20 {
        let list = if n % 2 == 0 { &mut moves } else { &mut undos };
        list.push(press(&mut rt, if n % 2 == 0 { 'L' } else { 'u' }));
        std::thread::sleep(Duration::from_millis(30));
    }
    for _ in 0..9 {
        press(&mut rt, 'n');
        press(&mut rt, 'x');
        adds.push(press_key(&mut rt, KeyCode::Enter));
        std::thread::sleep(Duration::from_millis(30));
    }
    rt.settle();
    let all: Vec<Duration> = moves.iter().chain(&undos).chain(&adds).copied().collect();
    let other_worst = all.iter().max().copied().unwrap_or_default();
    let other = median(all);
    let each = format!("L {}, u {}, n {}", ms(median(moves)), ms(median(undos)), ms(median(adds)));
    target(
        "key → screen for an edit (J/K) on one 10,000-card board, saver writing",
        "≤ 5 ms",
        format!("{} (worst {}; burst of 20: {})", ms(edit), ms(worst), ms(median(burst))),
        format!("parse {}", ms(parse_one(&wanted))),
        edit <= Duration::from_millis(5),
    );
    target(
        "key → screen for a move (L), its undo (u) and a new card (n, Enter) on that board",
        "≤ 5 ms",
        format!("{} ({each}; worst {})", ms(other), ms(other_worst)),
        "—".into(),
        other <= Duration::from_millis(5),
    );
    let on_disk_ms = on_disk.map(ms).unwrap_or_else(|| "never".into());
    target(
        "burst of 20 J: writes, last state on disk after the last key",
        "a few, ≤ 100 ms",
        format!("{n} writes, {on_disk_ms}"),
        "—".into(),
        n <= 4 && on_disk.is_some_and(|d| d <= Duration::from_millis(100)),
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// 100,000 items on 50 boards: the generated workspace's twelve boards with 96,200 items and
/// 38 team boards of 100 cards each (ids of their own).
fn fifty_boards() -> Vec<Board> {
    let mut boards = workspace_boards(96_200);
    for b in 1..=38 {
        let mut small = single_board(100);
        small.key = format!("small-{b:02}.ron");
        small.name = format!("Small team {b}");
        for item in &mut small.items {
            item.id = format!("T{b}-{}", &item.id[2..]);
        }
        small.reindex();
        boards.push(small);
    }
    boards
}

/// First frame against a bare parse, navigation and reloading one changed 100-card board, in
/// a workspace of 100,000 items on 50 boards.
fn workspace_targets() {
    let dir = std::env::temp_dir().join(format!("trainboard-bench-100k-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let boards = fifty_boards();
    let items: usize = boards.iter().map(|b| b.items.len()).sum();
    write_boards(&dir, &boards).unwrap();
    drop(boards);
    let parse = bare_parse(&dir);
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
    // As the screen opens: the board it opens on is drawn first, then the whole workspace
    // loads and is checked (each run's times, median of 5).
    let mut firsts = Vec::new();
    let mut wholes = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let early = first_board(&dir).map(|(board, file)| {
            let mut app = trainboard::early::loading_app(board, 49, &settings(), "bench");
            update(&mut app, Msg::Resize(160, 45));
            terminal.draw(|f| trainboard::ui::render(&app, f)).unwrap();
            (app.into_ws().into_boards().remove(0), file)
        });
        firsts.push(start.elapsed());
        let opened = open_workspace_with(&dir, early).unwrap();
        let files = WorkspaceFiles::new(&opened.root, opened.files, &opened.ws);
        let mut app = App::new(opened.ws, "bench");
        update(&mut app, Msg::Resize(160, 45));
        terminal.draw(|f| trainboard::ui::render(&app, f)).unwrap();
        wholes.push(start.elapsed());
        black_box((app, files));
    }
    let (first, whole) = (median(firsts), median(wholes));
    let opened = open_workspace(&dir).unwrap();
    let mut files = WorkspaceFiles::new(&opened.root, opened.files, &opened.ws);
    let mut app = App::new(opened.ws, "bench");
    update(&mut app, Msg::Resize(160, 45));
    let boards = app.ws().boards().len();
    target(
        &format!("first frame (the board it opens on; the others load), {items} items on {boards} boards"),
        "≤ 400 ms",
        ms(first),
        format!("parse {}", ms(parse)),
        first <= Duration::from_millis(400),
    );
    let shown = first_board(&dir).map(|(_, file)| std::fs::read_to_string(&file.path).unwrap()).unwrap_or_default();
    let shown_parse = parse_one(&shown);
    target(
        "first frame ÷ bare parse of the board it shows",
        "≤ 1.5×",
        format!("{:.2}×", first.as_secs_f64() / shown_parse.as_secs_f64()),
        format!("parse {}", ms(shown_parse)),
        first.as_secs_f64() <= 1.5 * shown_parse.as_secs_f64(),
    );
    target(
        &format!("all {boards} boards loaded, checked and drawn"),
        "—",
        ms(whole),
        format!("parse {}", ms(parse)),
        true,
    );
    target(
        "all boards loaded ÷ bare parse of all files",
        "≤ 1.5×",
        format!("{:.2}×", whole.as_secs_f64() / parse.as_secs_f64()),
        format!("parse {}", ms(parse)),
        whole.as_secs_f64() <= 1.5 * parse.as_secs_f64(),
    );
    update(&mut app, key('3'));
    let mut down = true;
    let nav = time(101, || {
        update(&mut app, key(if down { 'j' } else { 'k' }));
        down = !down;
        terminal.draw(|f| trainboard::ui::render(&app, f)).map(|_| ())
    });
    target(
        "navigation (j/k) key → screen, 100,000 items",
        "≤ 5 ms",
        ms(nav),
        "—".into(),
        nav <= Duration::from_millis(5),
    );
    search_and_views(&mut app, &mut terminal);
    let key_name = "small-01.ron";
    let text = std::fs::read_to_string(files.path_of(key_name)).unwrap();
    let reload = time_reloads(&mut files, key_name, |files, path| {
        let (_, outcome) = files.reload(path, app.ws());
        if let Reloaded::Changed { board, changed, bytes } = outcome {
            // As the screen has a reload: checked against the rest of the workspace, then shown.
            let file = LoadedFile::new(path.to_path_buf(), &bytes);
            let reload = Reload::Changed { board, changed, file, unsaved: false, at: Instant::now() };
            update(&mut app, Msg::Reloaded(Box::new(reload)));
        }
    });
    target(
        "reload one changed 100-card board (re-read, check, re-index), 100,000 items",
        "≤ 10 ms",
        ms(reload),
        format!("parse {}", ms(parse_one(&text))),
        reload <= Duration::from_millis(10),
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Search per keystroke (typing whole queries into `/`), and opening the hierarchy and the
/// metrics, on the 100,000-item workspace.
fn search_and_views(app: &mut App, terminal: &mut Terminal<TestBackend>) {
    let mut each_key = Vec::new();
    let mut complete = Vec::new();
    for query in ["login", "payment report", "team 7 export", "e-2"] {
        update(app, key('/'));
        for c in query.chars() {
            let start = Instant::now();
            update(app, key(c));
            terminal.draw(|f| trainboard::ui::render(app, f)).unwrap();
            each_key.push(start.elapsed());
            // As the screen's loop does while no key waits: search on, drawing each step.
            while trainboard::app::dialogs::work_pending(app) {
                update(app, Msg::Tick);
                terminal.draw(|f| trainboard::ui::render(app, f)).unwrap();
            }
            complete.push(start.elapsed());
        }
        update(app, Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
    }
    let (typed, typed_text) = median_and_slowest(each_key);
    target(
        "search, keystroke → screen with the best hits so far (all fields), 100,000 items",
        "≤ 10 ms",
        typed_text,
        "—".into(),
        typed <= Duration::from_millis(10),
    );
    let (_, all_in) = median_and_slowest(complete);
    target("search, keystroke → every hit ranked, 100,000 items", "—", all_in, "—".into(), true);
    for (name, open) in [("hierarchy view (t)", 't'), ("metrics view (m)", 'm')] {
        update(app, key('2'));
        let opened = time(5, || {
            update(app, key(open));
            terminal.draw(|f| trainboard::ui::render(app, f)).unwrap();
            update(app, Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
        });
        target(
            &format!("open the {name}, 100,000 items"),
            "≤ 50 ms",
            ms(opened),
            "—".into(),
            opened <= Duration::from_millis(50),
        );
    }
}

/// Peak memory of opening and drawing the 100,000-item workspace, in a process that does
/// nothing else, against the size of its files.
fn memory_target() {
    let dir = std::env::temp_dir().join(format!("trainboard-bench-mem-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    write_boards(&dir, &fifty_boards()).unwrap();
    // What generating and writing the files took is not the app's: measure in a fresh process.
    let me = std::env::current_exe().unwrap();
    let _ = std::process::Command::new(me).args(["--target", "memory", "--measure"]).env("BENCH_DIR", &dir).status();
    let _ = std::fs::remove_dir_all(&dir);
}

fn memory_measure(dir: &Path) {
    // As the binary's `main` does first.
    trainboard::memory::tune();
    let bytes: u64 =
        trainboard::storage::load_and_check::board_files(dir).iter().map(|p| p.metadata().unwrap().len()).sum();
    // What the screen does: the first board alone, then the whole workspace with its files.
    let opened = open_workspace_with(dir, first_board(dir)).unwrap();
    let files = WorkspaceFiles::new(&opened.root, opened.files, &opened.ws);
    let app = App::new(opened.ws, "bench");
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
    terminal.draw(|f| trainboard::ui::render(&app, f)).unwrap();
    let files_mib = bytes as f64 / 1048576.0;
    let peak = peak_rss_mib();
    target(
        &format!("peak memory, 100,000 items ({files_mib:.1} MiB of files)"),
        "≤ 2.5× files",
        format!("{peak:.1} MiB ({:.2}×)", peak / files_mib),
        "—".into(),
        peak <= 2.5 * files_mib,
    );
    black_box(files);
}
