//! The peer comparison of the scale benchmark (`cargo bench --bench scale -- --peers`): the
//! first frame of trainboard and of kanban-cli (a terminal Kanban board in Python and Rich),
//! each on 10,000 cards, timed in a pseudo-terminal from start until the cards are on screen.
//! kanban-cli is installed into a temp folder with pip for the run and removed afterwards.

use std::io::Read;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const CARDS: usize = 10_000;
const RUNS: usize = 5;

/// Runs the comparison and prints its table.
pub fn compare() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let ours_dir = dir.path().join("trainboard");
    trainboard::generate::write_boards(&ours_dir, &[trainboard::generate::single_board(CARDS)]).unwrap();
    let ours = first_frames(
        env!("CARGO_BIN_EXE_trainboard"),
        &[ours_dir.to_str().unwrap()],
        &[("HOME", dir.path().to_str().unwrap())],
        &|screen| screen.contains(&format!("{CARDS} items")),
    );
    println!("| tool | first frame, {CARDS} cards (median of {RUNS}) | peak memory | trainboard is faster by |");
    println!("|---|---:|---:|---:|");
    print_row("trainboard", &ours, None);
    match install_kanban_cli(dir.path()) {
        Ok(site) => {
            let data = dir.path().join("kanban-data");
            write_kanban_cli_tasks(&data);
            let theirs = first_frames(
                "python3",
                &["-m", "kanban.main"],
                &[("PYTHONPATH", site.to_str().unwrap()), ("XDG_DATA_HOME", data.to_str().unwrap())],
                &|screen| screen.contains(&format!("Card {} title", CARDS - 1)),
            );
            print_row("kanban-cli 0.1 (Python, Rich)", &theirs, Some(&ours));
            let met = ratio(&ours, &theirs).is_some_and(|r| r >= 8.0);
            println!();
            println!(
                "target: first frame at least 8× faster than kanban-cli: {}",
                if met { "met" } else { "**not met**" }
            );
        }
        Err(why) => println!("| kanban-cli | not measured: {why} | | |"),
    }
}

/// The median first frame and the peak memory of a program, started `RUNS` times.
struct Measured {
    first_frame: Option<Duration>,
    peak_mib: Option<f64>,
}

fn print_row(name: &str, measured: &Measured, against: Option<&Measured>) {
    let frame = measured.first_frame.map_or("timed out".to_string(), |d| format!("{:.0} ms", d.as_secs_f64() * 1e3));
    let peak = measured.peak_mib.map_or("—".to_string(), |m| format!("{m:.0} MiB"));
    let factor = against.and_then(|ours| ratio(ours, measured)).map_or("—".to_string(), |r| format!("{r:.0}×"));
    println!("| {name} | {frame} | {peak} | {factor} |");
}

fn ratio(ours: &Measured, theirs: &Measured) -> Option<f64> {
    Some(theirs.first_frame?.as_secs_f64() / ours.first_frame?.as_secs_f64())
}

fn first_frames(program: &str, args: &[&str], env: &[(&str, &str)], ready: &dyn Fn(&str) -> bool) -> Measured {
    let mut frames = Vec::new();
    let mut peaks = Vec::new();
    for _ in 0..RUNS {
        if let Some((frame, peak)) = first_frame(program, args, env, ready) {
            frames.push(frame);
            peaks.extend(peak);
        }
    }
    frames.sort();
    peaks.sort_by(f64::total_cmp);
    Measured { first_frame: frames.get(frames.len() / 2).copied(), peak_mib: peaks.get(peaks.len() / 2).copied() }
}

/// Starts the program in a 160×45 pseudo-terminal; the time until `ready` holds for its
/// screen, and its peak memory then.
fn first_frame(
    program: &str,
    args: &[&str],
    env: &[(&str, &str)],
    ready: &dyn Fn(&str) -> bool,
) -> Option<(Duration, Option<f64>)> {
    let pair = native_pty_system().openpty(PtySize { rows: 45, cols: 160, pixel_width: 0, pixel_height: 0 }).ok()?;
    let mut cmd = CommandBuilder::new(program);
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    for (key, value) in env {
        cmd.env(key, value);
    }
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).ok()?;
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().ok()?;
    let parser = Arc::new(Mutex::new(vt100::Parser::new(45, 160, 0)));
    let sink = Arc::clone(&parser);
    std::thread::spawn(move || {
        let mut chunk = [0u8; 65536];
        while let Ok(n) = reader.read(&mut chunk) {
            if n == 0 {
                break;
            }
            if let Ok(mut parser) = sink.lock() {
                parser.process(&chunk[..n]);
            }
        }
    });
    let mut result = None;
    while start.elapsed() < Duration::from_secs(120) {
        let screen = parser.lock().map(|p| p.screen().contents()).unwrap_or_default();
        if ready(&screen) {
            let elapsed = start.elapsed();
            let peak = child.process_id().and_then(peak_mib);
            result = Some((elapsed, peak));
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let _ = child.kill();
    let _ = child.wait();
    result
}

fn peak_mib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kib: f64 = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?.split_whitespace().next()?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Installs kanban-cli with pip into `dir/site`; the folder to put on `PYTHONPATH`.
fn install_kanban_cli(dir: &Path) -> Result<std::path::PathBuf, String> {
    let site = dir.join("site");
    let out = Command::new("python3")
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target"])
        .arg(&site)
        .arg("kanban-cli==0.1.6")
        .output()
        .map_err(|e| format!("python3 is not available ({e})"))?;
    if !out.status.success() {
        return Err(format!("pip could not install it: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    Ok(site)
}

/// kanban-cli's own store (`$XDG_DATA_HOME/kanban-cli/db/tasks.csv`) with `CARDS` tasks over
/// its three columns.
fn write_kanban_cli_tasks(data: &Path) {
    let db = data.join("kanban-cli/db");
    std::fs::create_dir_all(&db).unwrap();
    let statuses = ["⏳TODO", "🔥NOW", "✨DONE"];
    let mut text = String::from("id,title,description,category,status\n");
    for n in 1..=CARDS {
        text.push_str(&format!("{n},Card {n} title,A card of the benchmark,work,{}\n", statuses[n % 3]));
    }
    std::fs::write(db.join("tasks.csv"), text).unwrap();
}
