//! Parsing one board file: bytes in, a [`Board`] or a [`ParseError`] with line, column and a
//! message in plain words out. Accepts what people write by hand: no struct names, `wip: 4` or
//! `wip: Some(4)`, fields left out, a byte-order mark, CRLF line endings.

use ron::Options;
use ron::extensions::Extensions;

use crate::model::Board;

/// Where and why a file could not be read. Lines and columns count from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Parses a board file's bytes. `key` becomes the board's key.
pub fn parse_board(bytes: &[u8], key: &str) -> Result<Board, ParseError> {
    let text = decode(bytes)?;
    if text.trim().is_empty() {
        return Err(ParseError {
            line: 1,
            column: 1,
            message: "the file is empty; a board file starts with `Board(` and names the board, its level and columns"
                .into(),
        });
    }
    let mut board: Board = match from_ron(text) {
        Ok(board) => board,
        // A newer trainboard may have added fields: read what we know; the board is then
        // read-only here (its version says so), so nothing of theirs is lost by a save.
        Err(err) => match written_version(text) {
            Some(version) if version > crate::model::board::FORMAT_VERSION => {
                super::newer_version::without_unknown_fields(text).ok_or(err)?
            }
            _ => return Err(err),
        },
    };
    board.key = key.to_string();
    // An explicitly written default kind means the same as none; keep one representation.
    let default_kind = board.level.default_kind();
    for item in &mut board.items {
        if item.kind == Some(default_kind) {
            item.kind = None;
        }
    }
    board.reindex();
    Ok(board)
}

/// The `version: N` a board file states, if it states one.
fn written_version(text: &str) -> Option<u32> {
    let at = text.find("version")?;
    let rest = text[at + "version".len()..].trim_start().strip_prefix(':')?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Deserializes RON the lenient way people write it (`wip: 4` as well as `wip: Some(4)`),
/// with errors in plain words.
pub fn from_ron<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    from_ron_raw(text).map_err(|err| ParseError {
        line: err.span.start.line.max(1),
        column: err.span.start.col.max(1),
        message: humanize(&err.code),
    })
}

/// Deserializes RON the lenient way, keeping ron's own error (code and position).
pub fn from_ron_raw<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ron::error::SpannedError> {
    Options::default().with_default_extension(Extensions::IMPLICIT_SOME).from_str(text)
}

/// UTF-8 text without a byte-order mark; invalid bytes are reported where they are.
fn decode(bytes: &[u8]) -> Result<&str, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|err| {
        let valid = &bytes[..err.valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let (line, column) = line_col_at_end(valid);
        ParseError { line, column, message: "the file is not valid UTF-8 text here; save it as UTF-8".into() }
    })
}

fn line_col_at_end(text: &str) -> (usize, usize) {
    let line = text.matches('\n').count() + 1;
    let last = text.rsplit('\n').next().unwrap_or("");
    (line, last.chars().count() + 1)
}

fn struct_label(outer: &Option<String>) -> String {
    match outer.as_deref() {
        Some("Board") => "the board".into(),
        Some("Item") => "an item".into(),
        Some("Column") => "a column".into(),
        Some("Wsjf") => "`wsjf`".into(),
        Some("Criterion") => "an acceptance criterion".into(),
        Some("Move") => "a history entry".into(),
        Some(other) => format!("`{other}`"),
        None => "this entry".into(),
    }
}

/// Turns ron's error into a sentence a product manager can act on.
pub fn humanize(err: &ron::Error) -> String {
    use ron::Error as E;
    match err {
        E::Eof => "the file ends too early; a closing `)` or `]` is probably missing".into(),
        E::NoSuchStructField { expected, found, outer } => format!(
            "{} has no field `{found}`{}; the fields it may have are: {}",
            struct_label(outer),
            suggestion(found, expected),
            expected.join(", ")
        ),
        E::MissingStructField { field, outer } => {
            format!("{} is missing the field `{field}`, which is required", struct_label(outer))
        }
        E::DuplicateStructField { field, outer } => {
            format!("{} has the field `{field}` twice", struct_label(outer))
        }
        E::NoSuchEnumVariant { expected, found, .. } => {
            format!("`{found}` is not allowed here{}; use one of: {}", suggestion(found, expected), expected.join(", "))
        }
        E::ExpectedDifferentStructName { expected, found } => {
            format!("expected `{expected}(` here but found `{found}(`")
        }
        E::ExpectedString | E::ExpectedStringEnd => {
            "expected text in double quotes here, like \"Smarter search\"".into()
        }
        E::ExpectedInteger | E::IntegerOutOfBounds | E::InvalidIntegerDigit { .. } => {
            "expected a whole number here, like 5".into()
        }
        E::ExpectedBoolean => "expected `true` or `false` here".into(),
        E::ExpectedArray => "expected a list in square brackets here, like [\"a\", \"b\"]".into(),
        E::ExpectedArrayEnd => "expected `]` to close the list here (is a comma missing?)".into(),
        E::ExpectedComma => "expected a comma here".into(),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => "expected `(` to open an entry here".into(),
        E::ExpectedStructLikeEnd => "expected `)` to close this entry here (is a comma missing?)".into(),
        E::ExpectedMapColon => "expected `:` after the field name".into(),
        E::ExpectedIdentifier => "expected a field name here".into(),
        E::TrailingCharacters => "there is more text after the board's closing `)`".into(),
        E::UnclosedBlockComment => "a `/*` comment is never closed".into(),
        E::ExceededRecursionLimit => "the file is nested too deeply to be a board".into(),
        E::InvalidValueForType { expected, found } => format!("expected {expected} here, found {found}"),
        E::InvalidEscape(what) => format!("a backslash escape in this text is not valid ({what})"),
        E::UnexpectedChar(c) => format!("unexpected character {c:?} here"),
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => text,
            }
        }
    }
}

/// ` (did you mean `x`?)` when a known name is one or two edits away.
fn suggestion(found: &str, expected: &[&str]) -> String {
    expected
        .iter()
        .filter(|name| strsim::levenshtein(found, name) <= 2)
        .min_by_key(|name| strsim::levenshtein(found, name))
        .map(|name| format!(" (did you mean `{name}`?)"))
        .unwrap_or_default()
}
