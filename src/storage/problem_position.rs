//! Finds where in a board file's text a validation problem sits, so whole-workspace errors
//! (duplicate id, unknown column, dangling parent) point at a line and column too.
//!
//! A light text search, not a second parser: it looks for the item's `id: "…"` and then for the
//! field after it. When it cannot find the spot it falls back to the start of the file.

use crate::model::validate::Place;

use super::canonical::quote;

/// 1-based line and column of `place` in `text` (the file's text without a byte-order mark).
pub fn locate(text: &str, place: &Place) -> (usize, usize) {
    let offset = match place {
        Place::Board => find_key(text, "columns", 0),
        Place::Field(name) => find_key(text, name, 0),
        Place::Column(name) => {
            nth_key_value(text, "name", &quote(name), 1).or_else(|| nth_key_value(text, "name", &quote(name), 0))
        }
        Place::Item { id, field, occurrence } => {
            let at = nth_key_value(text, "id", &quote(id), *occurrence);
            match (at, *field) {
                (Some(at), "id") => Some(at),
                (Some(at), field) => find_key(text, field, at).or(Some(at)),
                (None, _) => None,
            }
        }
        Place::Entry { field, entry } => find_key(text, field, 0).map(|at| nth_entry(text, at, *entry).unwrap_or(at)),
    };
    line_column(text, offset.unwrap_or(0))
}

/// Byte offset of the value after `key:` at or after `from`.
fn find_key(text: &str, key: &str, from: usize) -> Option<usize> {
    let mut search = from;
    while let Some(found) = text.get(search..)?.find(key) {
        let start = search + found;
        let end = start + key.len();
        let before_ok = text[..start].chars().next_back().is_none_or(|c| !is_ident(c));
        let rest = &text[end..];
        let after = rest.trim_start();
        if before_ok && after.starts_with(':') {
            let colon = end + (rest.len() - after.len());
            let value = &text[colon + 1..];
            return Some(colon + 1 + (value.len() - value.trim_start().len()));
        }
        search = end;
    }
    None
}

/// Byte offset of the `n`-th (0-based) `key: value` pair.
fn nth_key_value(text: &str, key: &str, value: &str, n: usize) -> Option<usize> {
    let mut from = 0;
    let mut seen = 0;
    while let Some(at) = find_key(text, key, from) {
        if text[at..].starts_with(value) {
            if seen == n {
                return Some(at);
            }
            seen += 1;
        }
        from = at;
    }
    None
}

/// Byte offset of the `n`-th (0-based) `(` of the list starting at `from`, outside strings.
fn nth_entry(text: &str, from: usize, n: usize) -> Option<usize> {
    let mut seen = 0;
    let mut in_string = false;
    let mut escaped = false;
    for (at, c) in text.get(from..)?.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '(' if !in_string => {
                if seen == n {
                    return Some(from + at);
                }
                seen += 1;
            }
            ']' if !in_string => return None,
            _ => {}
        }
    }
    None
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Board(\n  name: \"T\",\n  columns: [(name: \"A\"), (name: \"A\")],\n  items: [\n    (id: \"S-1\", title: \"x\", column: \"B\"),\n    (id: \"S-1\",\n     title: \"y\", parent: \"E-9\", column: \"A\"),\n  ],\n)\n";

    #[test]
    fn finds_item_fields_and_duplicates() {
        let place = |field, occurrence| Place::Item { id: "S-1".into(), field, occurrence };
        assert_eq!(locate(TEXT, &place("id", 0)), (5, 10));
        assert_eq!(locate(TEXT, &place("column", 0)), (5, 37));
        assert_eq!(locate(TEXT, &place("id", 1)), (6, 10));
        assert_eq!(locate(TEXT, &place("parent", 1)), (7, 26));
        assert_eq!(locate(TEXT, &Place::Column("A".into())), (3, 33));
    }

    #[test]
    fn finds_the_entry_of_a_board_list() {
        let text = "Board(\n  capacity: [\n    (team: \"A(\", iteration: \"I1\", points: 1),\n    (team: \"B\", iteration: \"I9\", points: 2),\n  ],\n)\n";
        assert_eq!(locate(text, &Place::Entry { field: "capacity", entry: 1 }), (4, 5));
        assert_eq!(locate(text, &Place::Entry { field: "capacity", entry: 5 }), (2, 13), "past the end: the list");
    }

    #[test]
    fn falls_back_to_the_start() {
        let place = Place::Item { id: "nope".into(), field: "id", occurrence: 0 };
        assert_eq!(locate(TEXT, &place), (1, 1));
    }
}
