//! Running an import: load the workspace (an empty or missing folder is an empty workspace),
//! plan, and unless it is a dry run write every changed board through the save protocol while
//! holding the workspace lock. New boards are written atomically and never over a file that
//! appeared meanwhile; nothing is written when the plan fails.

use std::path::Path;

use crate::storage::load_and_check::{board_files, board_key, load_workspace};
use crate::storage::lock::BoardLock;
use crate::storage::save_protocol::save_merged;

use super::plan::{Existing, Plan, plan};
use super::{ImportError, Options, Parsed, summary};

/// Loads the boards under `root` with the bytes they were read from.
fn load(root: &Path) -> Result<Vec<Existing>, ImportError> {
    if !root.exists() || board_files(root).is_empty() {
        return Ok(Vec::new());
    }
    let loaded = load_workspace(root);
    if !loaded.problems.is_empty() {
        let lines: Vec<String> = loaded.problems.iter().take(20).map(ToString::to_string).collect();
        return Err(ImportError::Workspace(format!(
            "the workspace has problems; fix them first (trainboard check) — nothing was imported:\n{}",
            lines.join("\n")
        )));
    }
    let mut existing = Vec::with_capacity(loaded.boards.len());
    for board in loaded.boards {
        let Some(file) = loaded.files.iter().find(|f| board_key(&loaded.root, &f.path) == board.key) else { continue };
        existing.push(Existing { path: file.path.clone(), bytes: file.bytes.unpack(), board });
    }
    Ok(existing)
}

/// Plans `parsed` against the workspace at `root` and writes it (unless a dry run).
pub fn import(root: &Path, parsed: Parsed, options: &Options) -> Result<String, ImportError> {
    if options.dry_run {
        let plan = plan(root, load(root)?, parsed)?;
        return Ok(summary::text(&plan, true, &[]));
    }
    if root.exists() && !root.is_dir() {
        return Err(ImportError::Usage(format!("{} is not a folder", root.display())));
    }
    std::fs::create_dir_all(root).map_err(|source| ImportError::Read { path: root.to_path_buf(), source })?;
    let _lock = BoardLock::acquire(&crate::headless::workspace_lock_target(root), std::time::Duration::from_secs(30))?;
    let plan = plan(root, load(root)?, parsed)?;
    let messages = write(&plan)?;
    Ok(summary::text(&plan, false, &messages))
}

/// Writes the planned boards; returns notes on merges with changes made meanwhile.
fn write(plan: &Plan) -> Result<Vec<String>, ImportError> {
    for w in plan.writes.iter().filter(|w| w.base.is_none()) {
        if w.path.exists() {
            return Err(ImportError::Workspace(format!(
                "{} appeared while importing; nothing was written, run the import again",
                w.path.display()
            )));
        }
    }
    let mut messages = Vec::new();
    // New boards first: the items on existing boards may name them as parents.
    let mut order: Vec<&super::plan::Write> = plan.writes.iter().filter(|w| w.base.is_none()).collect();
    order.extend(plan.writes.iter().filter(|w| w.base.is_some()));
    for w in order {
        let saved = save_merged(&w.path, w.base.as_deref(), &w.board)?;
        if !saved.conflicts.is_empty() {
            let at = saved.conflict_file.map(|p| p.display().to_string()).unwrap_or_default();
            messages.push(format!(
                "{} field(s) of {} were changed by someone else meanwhile; theirs kept, the import's copy is {at}",
                saved.conflicts.len(),
                w.board.key
            ));
        }
        for (old, new) in saved.renamed {
            messages.push(format!("{old} was taken meanwhile on {}; it is now {new}", w.board.key));
        }
    }
    Ok(messages)
}
