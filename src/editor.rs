//! Running the user's `$VISUAL`/`$EDITOR` (default `vi`) on a temporary file holding an item's
//! RON text, and reading the result back. The terminal is handed over and taken back by the caller.
//!
//! The file lives in a fresh private folder (`tempfile`: unpredictable name, mode 0700) and is
//! created new with mode 0600, so nobody else can read it and a symlink planted in `/tmp` is
//! never followed. Characters a terminal editor would act on (controls, bidi overrides and other
//! hidden characters) are written as RON `\u{…}` escapes, which read back as the same text.

use std::fmt::Write as _;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::process::Command;

/// The editor command: `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn editor_command() -> String {
    std::env::var("VISUAL")
        .ok()
        .or_else(|| std::env::var("EDITOR").ok())
        .filter(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Opens `text` in the editor and returns the saved text, or why the editor failed.
pub fn edit_text(id: &str, text: &str) -> Result<String, String> {
    edit_text_with(&editor_command(), id, text)
}

/// Like [`edit_text`] with the editor command given (run through `sh`, so `code --wait` works).
pub fn edit_text_with(editor: &str, id: &str, text: &str) -> Result<String, String> {
    let safe_id: String = id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    let dir = tempfile::Builder::new()
        .prefix("trainboard-edit-")
        .permissions(std::fs::Permissions::from_mode(0o700))
        .tempdir()
        .map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    let path = dir.path().join(format!("{safe_id}.ron"));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    file.write_all(escape_for_editor(text).as_bytes()).map_err(|e| e.to_string())?;
    drop(file);
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("trainboard-editor")
        .arg(&path)
        .status()
        .map_err(|e| format!("cannot start {editor}: {e}"))?;
    if !status.success() {
        return Err(format!("{editor} exited with {status}; the item was not changed"));
    }
    // The folder and everything the editor left in it go when `dir` is dropped.
    std::fs::read_to_string(&path).map_err(|e| format!("cannot read the edited file: {e}"))
}

/// `text` with every control character but line breaks and tabs, and every character the
/// screen hides, written as a RON `\u{…}` escape (they only occur inside string literals in
/// the text the board writer made).
pub fn escape_for_editor(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let layout = c == '\n' || c == '\t';
        if !layout && (c.is_control() || crate::text::is_hidden_or_break(c)) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}
