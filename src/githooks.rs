//! The git hooks `trainboard git-setup` installs: after a merge (`post-merge`, so also a
//! `git pull`) and after a rebase (`post-rewrite`), every folder whose board files changed is
//! renumbered, so ids two clones both handed out are unique again before anyone opens the
//! boards. A hook that exists already keeps its own lines; ours is a marked block added once.

use std::path::{Path, PathBuf};

/// The lines that open and close our block in a hook.
const BEGIN: &str = "# >>> trainboard: renumber shared ids >>>";
const END: &str = "# <<< trainboard <<<";

/// The hooks, by name.
pub const HOOKS: [&str; 2] = ["post-merge", "post-rewrite"];

/// Our block for a hook that runs `program`: the changed board folders between ORIG_HEAD and
/// HEAD, each renumbered, saying only what it renamed.
pub fn block(program: &str) -> String {
    format!(
        "{BEGIN}\n\
         git diff --name-only ORIG_HEAD HEAD -- '*.ron' 2>/dev/null \\\n  \
         | while IFS= read -r f; do dirname -- \"$f\"; done | sort -u \\\n  \
         | while IFS= read -r d; do {program} renumber -w \"$d\" 2>/dev/null | grep -v 'nothing to renumber'; done\n\
         true\n\
         {END}\n"
    )
}

/// Installs our block in each hook of the repository at `top` (in git's hooks folder, which
/// honours `core.hooksPath`); returns a line per hook.
pub fn install(top: &Path, program: &str) -> Result<Vec<String>, String> {
    let dir = hooks_dir(top)?;
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    HOOKS.iter().map(|name| install_one(&dir.join(name), program)).collect()
}

fn install_one(path: &Path, program: &str) -> Result<String, String> {
    use std::os::unix::fs::PermissionsExt;
    let ours = block(program);
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let new = match (text.find(BEGIN), text.find(END)) {
        (Some(start), Some(end)) if end > start => {
            let end = end + END.len() + usize::from(text[end + END.len()..].starts_with('\n'));
            if text[start..end] == ours {
                return Ok(format!("{}: already renumbers after merges and rebases", path.display()));
            }
            format!("{}{ours}{}", &text[..start], &text[end..])
        }
        _ if text.is_empty() => format!("#!/bin/sh\n{ours}"),
        _ => format!("{}{}{ours}", text, if text.ends_with('\n') { "" } else { "\n" }),
    };
    std::fs::write(path, new).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let mut perms = std::fs::metadata(path).map_err(|e| e.to_string())?.permissions();
    perms.set_mode(perms.mode() | 0o755);
    std::fs::set_permissions(path, perms).map_err(|e| e.to_string())?;
    Ok(format!("{}: renumbers shared ids after merges and rebases", path.display()))
}

/// Whether both hooks hold our block (for `doctor`).
pub fn installed(top: &Path) -> bool {
    hooks_dir(top)
        .is_ok_and(|dir| HOOKS.iter().all(|h| std::fs::read_to_string(dir.join(h)).is_ok_and(|t| t.contains(BEGIN))))
}

fn hooks_dir(top: &Path) -> Result<PathBuf, String> {
    let out = crate::gitsetup::git(top, &["rev-parse", "--git-path", "hooks"])?;
    if !out.status.success() {
        return Err("git does not say where its hooks are".into());
    }
    let path = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    Ok(if path.is_absolute() { path } else { top.join(path) })
}
