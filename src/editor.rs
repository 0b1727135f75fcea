//! Running the user's `$VISUAL`/`$EDITOR` (default `vi`) on a temporary file holding an item's
//! RON text, and reading the result back. The terminal is handed over and taken back by the caller.

use std::io::Write;
use std::process::Command;

/// Opens `text` in the editor and returns the saved text, or why the editor failed.
pub fn edit_text(id: &str, text: &str) -> Result<String, String> {
    let safe_id: String = id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    let path = std::env::temp_dir().join(format!("trainboard-{safe_id}-{}.ron", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        file.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
        drop(file);
        let editor = std::env::var("VISUAL")
            .ok()
            .or_else(|| std::env::var("EDITOR").ok())
            .filter(|e| !e.trim().is_empty())
            .unwrap_or_else(|| "vi".to_string());
        // Through the shell, so an editor given with arguments (`code --wait`) works.
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
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read the edited file: {e}"))
    })();
    let _ = std::fs::remove_file(&path);
    result
}
