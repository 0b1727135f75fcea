//! `trainboard git-setup`: makes git merge board files with `trainboard merge-driver` in one
//! repository, as a list of idempotent steps (each says what it did, or that nothing was
//! needed), so running it twice changes nothing and new steps slot in easily.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The attribute line that sends board files to the driver.
pub const ATTRIBUTE_LINE: &str = "*.ron merge=trainboard";
/// The `git config` keys of the driver.
pub const DRIVER_KEY: &str = "merge.trainboard.driver";
pub const NAME_KEY: &str = "merge.trainboard.name";
/// The driver's human name, shown by git.
pub const DRIVER_NAME: &str = "trainboard: merge board files item by item";

/// The repository being set up.
pub struct Repo {
    /// Its top folder (where `.gitattributes` goes).
    pub top: PathBuf,
    /// The command git runs to merge a board file.
    pub driver: String,
}

/// One step of the set-up: returns the line that says what it did.
type Step = fn(&Repo) -> Result<String, String>;

/// The steps, in order.
const STEPS: &[Step] = &[attributes_step, driver_step, name_step, hooks_step];

/// Sets up the repository that holds `repo_dir`; returns one line per step.
pub fn setup(repo_dir: &Path) -> Result<Vec<String>, String> {
    let top = top_level(repo_dir)?;
    let repo = Repo { top, driver: driver_command() };
    STEPS.iter().map(|step| step(&repo)).collect()
}

/// The top folder of the git repository holding `dir`, or why there is none.
pub fn top_level(dir: &Path) -> Result<PathBuf, String> {
    let out = git(dir, &["rev-parse", "--show-toplevel"])?;
    if !out.status.success() {
        return Err(format!(
            "{} is not in a git repository (run `git init` first, or `trainboard init --git` for a new workspace)",
            dir.display()
        ));
    }
    let top = String::from_utf8_lossy(&out.stdout).trim_end_matches(['\n', '\r']).to_string();
    Ok(PathBuf::from(top))
}

/// Runs `git -C dir ARGS`; an error when git itself cannot be run.
pub fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output, String> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|err| format!("cannot run git ({err}); is it installed?"))
}

/// A value from the repository's own config (`git config --local`), if set.
pub fn local_config(dir: &Path, key: &str) -> Result<Option<String>, String> {
    let out = git(dir, &["config", "--local", "--get", key])?;
    // Exit 1: the key is not set.
    Ok(out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim_end_matches(['\n', '\r']).to_string()))
}

/// The merge driver for `*.ron` files at `dir`, as git's attributes say (`None` when unset).
pub fn merge_attribute(dir: &Path) -> Result<Option<String>, String> {
    let out = git(dir, &["check-attr", "merge", "--", "trainboard-board.ron"])?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let value = text.trim_end().rsplit(": ").next().unwrap_or("").to_string();
    Ok((value != "unspecified" && value != "unset" && !value.is_empty()).then_some(value))
}

/// `trainboard merge-driver %O %A %B %P`, with `trainboard` when that name on PATH is this very
/// program, else this program's absolute path (so the driver works without PATH set up).
pub fn driver_command() -> String {
    format!("{} merge-driver %O %A %B %P", program_for_git())
}

fn program_for_git() -> String {
    let Ok(exe) = std::env::current_exe() else { return "trainboard".to_string() };
    let exe = exe.canonicalize().unwrap_or(exe);
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join("trainboard"))
        .find(|candidate| candidate.is_file());
    match on_path.and_then(|p| p.canonicalize().ok()) {
        Some(found) if found == exe => "trainboard".to_string(),
        _ => shell_quote(&exe.to_string_lossy()),
    }
}

/// Quotes a path for the shell git runs the driver with, when it needs it.
fn shell_quote(text: &str) -> String {
    if text.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c)) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

fn attributes_step(repo: &Repo) -> Result<String, String> {
    let path = repo.top.join(".gitattributes");
    if merge_attribute(&repo.top)?.as_deref() == Some("trainboard") {
        return Ok(format!("{}: board files already merge with trainboard", path.display()));
    }
    // Bytes, not text: the file's other lines are kept exactly, whatever their encoding.
    let mut new = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(err) => return Err(format!("cannot read {}: {err}", path.display())),
    };
    let eol: &[u8] = if new.windows(2).any(|w| w == b"\r\n") { b"\r\n" } else { b"\n" };
    if !new.is_empty() && !new.ends_with(b"\n") {
        new.extend_from_slice(eol);
    }
    new.extend_from_slice(ATTRIBUTE_LINE.as_bytes());
    new.extend_from_slice(eol);
    std::fs::write(&path, new).map_err(|err| format!("cannot write {}: {err}", path.display()))?;
    Ok(format!("{}: added `{ATTRIBUTE_LINE}`", path.display()))
}

/// The hooks that renumber ids two clones both used, after merges and rebases.
fn hooks_step(repo: &Repo) -> Result<String, String> {
    crate::githooks::install(&repo.top, &program_for_git()).map(|lines| lines.join("\n"))
}

fn driver_step(repo: &Repo) -> Result<String, String> {
    set_config(repo, DRIVER_KEY, &repo.driver)
}

fn name_step(repo: &Repo) -> Result<String, String> {
    set_config(repo, NAME_KEY, DRIVER_NAME)
}

/// Sets `key` in the repository's config unless it already has that value.
fn set_config(repo: &Repo, key: &str, value: &str) -> Result<String, String> {
    let old = local_config(&repo.top, key)?;
    if old.as_deref() == Some(value) {
        return Ok(format!("git config {key} is already \"{value}\""));
    }
    let out = git(&repo.top, &["config", "--local", "--replace-all", key, value])?;
    if !out.status.success() {
        return Err(format!("git config {key} failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    Ok(match old {
        Some(old) => format!("git config {key} = \"{value}\" (was \"{old}\")"),
        None => format!("git config {key} = \"{value}\""),
    })
}

#[cfg(test)]
mod tests {
    use super::shell_quote;

    #[test]
    fn quotes_paths_the_shell_would_split() {
        assert_eq!(shell_quote("/usr/bin/trainboard"), "/usr/bin/trainboard");
        assert_eq!(shell_quote("/home/a b/trainboard"), "'/home/a b/trainboard'");
        assert_eq!(shell_quote("/x/it's"), "'/x/it'\\''s'");
    }
}
