//! trainboard's entry point: parse the command line, run the command, report errors on stderr.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use trainboard::cli::{Cli, Command, WatchArgs};
use trainboard::demo::{Found, display_path, ensure_demo, find_workspace};
use trainboard::storage::{FileProblem, load_workspace};
use trainboard::watch::WatchOptions;

fn main() -> ExitCode {
    trainboard::memory::tune();
    let cli = Cli::parse();
    trainboard::logging::init();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            // Not eprintln!: after SIGHUP stderr may be gone, and that must not panic.
            let mut stderr = std::io::stderr();
            match err.downcast_ref::<trainboard::tui::OpenError>() {
                // Bare `file:line:column: message` lines, as editors and CI parse them.
                Some(trainboard::tui::OpenError(problems)) => {
                    for problem in problems {
                        let _ = writeln!(stderr, "{}", problem_line(problem));
                    }
                }
                None => {
                    let _ = writeln!(stderr, "trainboard: {}", trainboard::text::clean_block(&err.to_string()));
                }
            }
            ExitCode::FAILURE
        }
    }
}

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn run(cli: Cli) -> Result<ExitCode> {
    let workspace = cli.workspace.clone();
    // `trainboard PATH export …` reads PATH, as `-w PATH` does, not this folder.
    let here = || workspace.clone().or_else(|| cli.path.clone()).unwrap_or_else(|| PathBuf::from("."));
    match cli.command {
        None => open(cli.path.or(workspace), &cli.watch, cli.config.as_deref(), cli.plain),
        Some(Command::Init { path, git, teams }) => init(&path, git, &teams),
        Some(Command::GitSetup { path }) => {
            for line in trainboard::gitsetup::setup(&path.unwrap_or_else(here))? {
                println!("{line}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Doctor { path }) => {
            let input = trainboard::doctor::Input {
                path: path.as_deref().or(cli.path.as_deref()).or(workspace.as_deref()),
                config: cli.config.as_deref(),
                poll_only: cli.watch.poll,
                poll_interval: cli.watch.poll_interval,
            };
            print!("{}", trainboard::doctor::report(&input));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Completions { shell }) => {
            std::io::stdout().write_all(&trainboard::docgen::completions(shell))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man { output }) => {
            let page = trainboard::docgen::man_page()?;
            match output {
                Some(path) => trainboard::storage::atomic::write_atomic(&path, &page)?,
                None => std::io::stdout().write_all(&page)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Check { path }) => Ok(check(&path.unwrap_or_else(here))),
        Some(Command::Bench { generate, items, single }) => {
            let boards = if single {
                vec![trainboard::generate::single_board(items)]
            } else {
                trainboard::generate::workspace_boards(items)
            };
            let files = trainboard::generate::write_boards(&generate, &boards)?;
            println!("wrote {} board files with {items} items to {}", files.len(), generate.display());
            Ok(ExitCode::SUCCESS)
        }
        Some(command) => trainboard::commands::run(command, &here()),
    }
}

fn open(path: Option<PathBuf>, watch: &WatchArgs, config: Option<&Path>, plain: bool) -> Result<ExitCode> {
    let (root, origin) = match find_workspace(path.as_deref()) {
        Found::Given(path) if !path.is_dir() => {
            return Err(format!("{} is not a folder of board files", path.display()).into());
        }
        Found::Given(path) => (path.clone(), display_path(&path)),
        Found::Here => (PathBuf::from("."), "this folder".to_string()),
        Found::Demo(_) => {
            let dir = ensure_demo()?;
            let origin = format!("demo workspace {}", display_path(&dir));
            (dir, origin)
        }
    };
    let interval = (watch.poll_interval > 0.0).then(|| Duration::from_secs_f64(watch.poll_interval));
    let options = WatchOptions {
        events: !watch.poll,
        poll: if watch.poll { interval.or(Some(Duration::from_secs(2))) } else { interval },
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let settings = trainboard::config::load(config, no_color);
    if plain || trainboard::plain::terminal_is_dumb() {
        trainboard::plain::run(&root, &origin, options, settings)?;
    } else {
        trainboard::tui::run(&root, &origin, options, settings)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn init(path: &Path, git: bool, teams: &[String]) -> Result<ExitCode> {
    let files = trainboard::demo::write_starter_with_teams(path, teams)?;
    for file in &files {
        println!("wrote {}", file.display());
    }
    if git {
        if trainboard::gitsetup::top_level(path).is_err() {
            let out = trainboard::gitsetup::git(path, &["init", "--quiet"])?;
            if !out.status.success() {
                return Err(format!("git init failed: {}", String::from_utf8_lossy(&out.stderr).trim()).into());
            }
            println!("started a git repository in {}", path.display());
        }
        for line in trainboard::gitsetup::setup(path)? {
            println!("{line}");
        }
    }
    println!("open it with: trainboard {}", path.display());
    Ok(ExitCode::SUCCESS)
}

fn check(root: &Path) -> ExitCode {
    let loaded = load_workspace(root);
    for note in &loaded.notes {
        let path = note.path.strip_prefix(".").unwrap_or(&note.path);
        println!("{}", trainboard::text::clean(&format!("{}: {}", path.display(), note.message)));
    }
    for problem in &loaded.problems {
        println!("{}", problem_line(problem));
    }
    let items: usize = loaded.boards.iter().map(|b| b.items.len()).sum();
    if loaded.problems.is_empty() {
        println!("ok: {} boards, {items} items", loaded.boards.len());
        ExitCode::SUCCESS
    } else {
        let mut files: Vec<&Path> = loaded.problems.iter().map(|p| p.path.as_path()).collect();
        files.sort();
        files.dedup();
        let n = loaded.problems.len();
        println!("{n} problem{} in {} file{}", plural(n), files.len(), plural(files.len()));
        ExitCode::FAILURE
    }
}

/// One problem as `file:line:column: message`, the path as given (`team.ron`, not `./team.ron`),
/// with hidden characters from the file made visible.
fn problem_line(problem: &FileProblem) -> String {
    let path = problem.path.strip_prefix(".").unwrap_or(&problem.path);
    let problem = FileProblem { path: path.to_path_buf(), ..problem.clone() };
    trainboard::text::clean_block(&problem.to_string())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
