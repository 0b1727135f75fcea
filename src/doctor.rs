//! `trainboard doctor`: what trainboard sees on this machine, section by section: version,
//! config, folders, workspace, watcher (with a live probe), git merge driver, terminal.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::Watcher;

use crate::demo::{Found, find_workspace};
use crate::gitsetup;

/// How long the watcher probe waits for its event.
const PROBE_WAIT: Duration = Duration::from_secs(2);

/// What `doctor` is asked about: the command line's choices.
pub struct Input<'a> {
    pub path: Option<&'a Path>,
    pub config: Option<&'a Path>,
    /// `--poll`: events off.
    pub poll_only: bool,
    pub poll_interval: f64,
}

/// One heading and its lines.
pub struct Section {
    pub title: &'static str,
    pub lines: Vec<String>,
}

/// The whole report as text.
pub fn report(input: &Input) -> String {
    let mut out = String::new();
    for section in sections(input) {
        out.push_str(section.title);
        out.push('\n');
        for line in section.lines {
            out.push_str("  ");
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

pub fn sections(input: &Input) -> Vec<Section> {
    let (root, why) = match find_workspace(input.path) {
        Found::Given(path) if !path.is_dir() => {
            (None, format!("{} (given on the command line), but it is not a folder", path.display()))
        }
        Found::Given(path) => (Some(path.clone()), format!("{} (given on the command line)", path.display())),
        Found::Here => (Some(PathBuf::from(".")), "this folder (it holds board files)".to_string()),
        Found::Demo(Some(dir)) => {
            let state = if dir.is_dir() { "" } else { ", written on first open" };
            (Some(dir.clone()), format!("the demo in {} (no boards in this folder{state})", dir.display()))
        }
        Found::Demo(None) => (None, "none: no boards here and no home folder for the demo".to_string()),
    };
    let root = root.filter(|r| r.is_dir());
    vec![
        Section { title: "trainboard", lines: vec![format!("version {}", env!("CARGO_PKG_VERSION"))] },
        Section { title: "Config", lines: config_lines(input.config) },
        Section { title: "Folders", lines: folder_lines() },
        Section { title: "Workspace", lines: workspace_lines(&why, root.as_deref()) },
        Section { title: "Watcher", lines: watcher_lines(input, root.as_deref()) },
        Section { title: "Git", lines: git_lines(root.as_deref().unwrap_or(Path::new("."))) },
        Section { title: "Terminal", lines: terminal_lines() },
    ]
}

fn config_lines(explicit: Option<&Path>) -> Vec<String> {
    let path = explicit.map(Path::to_path_buf).or_else(crate::config::default_path);
    let mut lines = vec![match (&path, explicit) {
        (None, _) => "no config folder on this system; using the default settings".to_string(),
        (Some(p), Some(_)) => format!("file {} (from --config)", p.display()),
        (Some(p), None) if p.is_file() => format!("file {}", p.display()),
        (Some(p), None) => format!("none at {}; using the default settings", p.display()),
    }];
    let settings = crate::config::load(explicit, false);
    match settings.problem {
        Some(problem) => lines.push(format!("problem: {}", crate::text::clean(&problem))),
        None if path.as_deref().is_some_and(Path::is_file) => lines.push("no problems".to_string()),
        None => {}
    }
    lines
}

fn folder_lines() -> Vec<String> {
    let Some(dirs) = directories::ProjectDirs::from("", "", "trainboard") else {
        return vec!["no home folder: the demo and the log are off".to_string()];
    };
    let state = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
    vec![
        format!("data (the demo): {}", dirs.data_dir().join("demo").display()),
        format!("state (the log): {}", state.join("trainboard.log").display()),
        format!("config: {}", dirs.config_dir().display()),
    ]
}

fn workspace_lines(why: &str, root: Option<&Path>) -> Vec<String> {
    let mut lines = vec![format!("found: {why}")];
    let Some(root) = root else { return lines };
    let loaded = crate::storage::load_workspace(root);
    let items: usize = loaded.boards.iter().map(|b| b.items.len()).sum();
    lines.push(format!("{} boards, {items} items", loaded.boards.len()));
    for problem in loaded.problems.iter().take(5) {
        lines.push(format!("problem: {}", crate::text::clean(&problem.to_string())));
    }
    if loaded.problems.len() > 5 {
        lines.push(format!("… and {} more (trainboard check lists them all)", loaded.problems.len() - 5));
    }
    lines
}

fn watcher_lines(input: &Input, root: Option<&Path>) -> Vec<String> {
    let poll = if input.poll_interval > 0.0 {
        format!("a poll every {} s", input.poll_interval)
    } else {
        "no poll".to_string()
    };
    if input.poll_only {
        return vec![format!("mode: polling only (--poll), {poll}")];
    }
    let mut lines = vec![format!("mode: file system events, backed by {poll}")];
    match root {
        Some(root) => lines.push(probe_events(root)),
        None => {
            let temp = std::env::temp_dir();
            lines.push(format!("{} (probed in {}: no workspace yet)", probe_events(&temp), temp.display()));
        }
    }
    lines
}

/// Writes a hidden probe file in `root` and tells whether its event arrives in time.
fn probe_events(root: &Path) -> String {
    let (tx, rx) = mpsc::channel();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(w) => w,
        Err(err) => return format!("events: cannot start a watcher ({err}); only polling will notice changes"),
    };
    if let Err(err) = watcher.watch(root, notify::RecursiveMode::NonRecursive) {
        return format!("events: cannot watch {} ({err}); only polling will notice changes", root.display());
    }
    let probe = root.join(format!(".trainboard-doctor-probe-{}", std::process::id()));
    if let Err(err) = std::fs::write(&probe, b"probe") {
        return format!("events: cannot write a probe file in {} ({err})", root.display());
    }
    let start = Instant::now();
    let name = probe.file_name().map(|n| n.to_os_string());
    let mut seen = false;
    while let Some(left) = PROBE_WAIT.checked_sub(start.elapsed()) {
        match rx.recv_timeout(left) {
            Ok(Ok(event)) if event.paths.iter().any(|p| p.file_name().map(|n| n.to_os_string()) == name) => {
                seen = true;
                break;
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    let _ = std::fs::remove_file(&probe);
    if seen {
        format!("events arrive: a probe file was seen after {} ms", start.elapsed().as_millis())
    } else {
        "events do NOT arrive (a network share?): changes by others show only with the poll; try --poll".to_string()
    }
}

fn git_lines(dir: &Path) -> Vec<String> {
    let setup_hint = [
        "set it up with `trainboard git-setup`, or:".to_string(),
        format!("  git config {} \"trainboard merge-driver %O %A %B %P\"", gitsetup::DRIVER_KEY),
        format!("  echo '{}' >> .gitattributes", gitsetup::ATTRIBUTE_LINE),
    ];
    let top = match gitsetup::top_level(dir) {
        Ok(top) => top,
        Err(err) if err.contains("cannot run git") => return vec![err],
        Err(_) => return vec!["not in a git repository".to_string()],
    };
    let mut lines = vec![format!("repository: {}", top.display())];
    let attribute = gitsetup::merge_attribute(dir).unwrap_or(None);
    let driver = gitsetup::git(dir, &["config", "--get", gitsetup::DRIVER_KEY])
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    match (attribute.as_deref(), &driver) {
        (Some("trainboard"), Some(driver)) => {
            lines.push(format!("merge driver: configured (\"{driver}\")"));
            if let Some(problem) = driver_program_problem(driver) {
                lines.push(format!("warning: {problem}"));
            }
        }
        (Some("trainboard"), None) => {
            lines.push(format!(
                "warning: .gitattributes sends *.ron to the trainboard driver, but git config has no {}: \
                 git silently falls back to textual merges",
                gitsetup::DRIVER_KEY
            ));
            lines.extend(setup_hint);
        }
        (other, Some(_)) => {
            let what = other.map(|o| format!("merge={o}")).unwrap_or_else(|| "no merge attribute".to_string());
            lines.push(format!("merge driver: in git config, but *.ron files have {what} in .gitattributes"));
            lines.extend(setup_hint);
        }
        (_, None) => {
            lines.push("merge driver: not set up (board files merge as plain text)".to_string());
            lines.extend(setup_hint);
        }
    }
    lines.push(if crate::githooks::installed(&top) {
        "id hooks: post-merge and post-rewrite renumber ids two clones both used".to_string()
    } else {
        "id hooks: not installed (ids two clones both used are renumbered when trainboard next opens the \
         boards; `trainboard git-setup` does it right after each pull)"
            .to_string()
    });
    lines.push(
        "note: web merges on forges (GitHub, GitLab pull/merge requests) do not run custom merge drivers; \
         merge board changes locally"
            .to_string(),
    );
    lines
}

/// Why the driver's program would not run, if it would not.
fn driver_program_problem(driver: &str) -> Option<String> {
    let program = driver.split(" merge-driver").next()?.trim().trim_matches('\'');
    if program.contains('/') {
        return (!Path::new(program).is_file()).then(|| format!("the driver's program {program} does not exist"));
    }
    let on_path = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()));
    (!on_path).then(|| format!("the driver's program `{program}` is not on PATH"))
}

fn terminal_lines() -> Vec<String> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let term = var("TERM");
    let colorterm = var("COLORTERM");
    let no_color = var("NO_COLOR").is_some();
    let tty = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let size = match ratatui::crossterm::terminal::size() {
        Ok((w, h)) if tty => format!("size: {w}×{h}"),
        _ => "size: unknown (standard output is not a terminal)".to_string(),
    };
    let colours = if no_color {
        "none (NO_COLOR is set)"
    } else if colorterm.as_deref().is_some_and(|c| c == "truecolor" || c == "24bit") {
        "24-bit"
    } else if term.as_deref().is_some_and(|t| t.contains("256")) {
        "256"
    } else if term.as_deref().is_none_or(|t| t == "dumb") {
        "none"
    } else {
        "16"
    };
    let show = |v: &Option<String>| match v {
        Some(v) => crate::text::clean(v).into_owned(),
        None => "(unset)".to_string(),
    };
    let mut lines = vec![
        size,
        format!("colours: {colours}"),
        format!(
            "TERM={} COLORTERM={} NO_COLOR={}",
            show(&term),
            show(&colorterm),
            if no_color { "set" } else { "(unset)" }
        ),
    ];
    if term.as_deref() == Some("dumb") {
        lines.push("TERM is dumb: trainboard opens in plain mode (as with --plain)".to_string());
    }
    lines
}
