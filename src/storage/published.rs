//! What a workspace in a git repository has already published: its boards as the upstream
//! branch has them (`@{u}`), or, without an upstream, as the first parent of a merge commit or
//! the last commit has them. Used only when two items share an id, to rename the one that is
//! not out there yet. Outside git, or when git cannot tell, there is nothing published.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::model::renumber::Published;

use super::parse::parse_board;

/// The published items of the boards `keys` of the workspace at `root`, if git knows them.
pub fn published(root: &Path, keys: &[String]) -> Option<Published> {
    let prefix = git(root, &["rev-parse", "--show-prefix"])?;
    let reference = ["@{upstream}", "HEAD^1", "HEAD"]
        .into_iter()
        .find(|r| git(root, &["rev-parse", "--verify", "--quiet", &format!("{r}^{{commit}}")]).is_some())?;
    // Without an upstream, a merge commit's second parent is the other side: keep the first.
    let reference = if reference == "HEAD^1" && git(root, &["rev-parse", "--verify", "--quiet", "HEAD^2"]).is_none() {
        "HEAD"
    } else {
        reference
    };
    let mut items = Published::new();
    for key in keys {
        let Some(bytes) = git_bytes(root, &["show", &format!("{reference}:{prefix}{key}")]) else { continue };
        let Ok(board) = parse_board(&bytes, key) else { continue };
        for item in board.items {
            items.entry(item.id.clone()).or_insert_with(|| (key.clone(), item));
        }
    }
    Some(items)
}

fn git(root: &Path, args: &[&str]) -> Option<String> {
    git_bytes(root, args).map(|b| String::from_utf8_lossy(&b).trim_end_matches('\n').to_string())
}

fn git_bytes(root: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout)
}
