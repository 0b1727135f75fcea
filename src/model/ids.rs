//! Item ids: the kind's prefix and the next free number for a new item (`S-105` after `S-104`),
//! and a fresh id like another for an id two copies both handed out.

use std::collections::HashSet;

use super::item::Kind;
use super::workspace::Workspace;

/// A fresh id like `like`: the same prefix (the text before the last `-`) and 1 + the highest
/// number with that prefix in `taken`. `S-2` with `S-9` taken gives `S-10`.
pub fn fresh_id(taken: &HashSet<String>, like: &str) -> String {
    let prefix = parse(like).map_or(like, |(p, _)| p);
    let numbers = || taken.iter().filter_map(|t| parse(t)).filter(|(p, _)| *p == prefix).map(|(_, n)| n);
    match numbers().max().unwrap_or(0).checked_add(1) {
        Some(next) => format!("{prefix}-{next}"),
        // The highest number is u64::MAX: take the lowest free one instead.
        None => {
            let used: HashSet<u64> = numbers().collect();
            let free = (1..=u64::MAX).find(|n| !used.contains(n)).unwrap_or(0);
            format!("{prefix}-{free}")
        }
    }
}

/// Splits `S-104` into `("S", 104)`; ids of another shape give `None`.
pub fn parse(id: &str) -> Option<(&str, u64)> {
    let (prefix, number) = id.rsplit_once('-')?;
    if prefix.is_empty() || number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((prefix, number.parse().ok()?))
}

/// The highest number used with `prefix` anywhere in the workspace.
pub fn highest(ws: &Workspace, prefix: &str) -> u64 {
    ws.boards()
        .iter()
        .flat_map(|b| &b.items)
        .filter_map(|item| parse(&item.id))
        .filter(|(p, _)| *p == prefix)
        .map(|(_, n)| n)
        .max()
        .unwrap_or(0)
}

/// The `offset`-th next free id for a new item of `kind` (offset 0 is the very next). Past the
/// largest number an id can hold, the lowest free numbers are used instead of wrapping.
pub fn next_id(ws: &Workspace, kind: Kind, offset: usize) -> String {
    let prefix = kind.id_prefix();
    match highest(ws, prefix).checked_add(1).and_then(|n| n.checked_add(offset as u64)) {
        Some(number) => format!("{prefix}-{number}"),
        None => {
            let used: HashSet<u64> = ws
                .boards()
                .iter()
                .flat_map(|b| &b.items)
                .filter_map(|item| parse(&item.id))
                .filter(|(p, _)| *p == prefix)
                .map(|(_, n)| n)
                .collect();
            let free = (1..=u64::MAX).filter(|n| !used.contains(n)).nth(offset).unwrap_or(0);
            format!("{prefix}-{free}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_prefix_and_number() {
        assert_eq!(parse("S-104"), Some(("S", 104)));
        assert_eq!(parse("EN-3"), Some(("EN", 3)));
        assert_eq!(parse("X-Y-7"), Some(("X-Y", 7)));
        assert_eq!(parse("S104"), None);
        assert_eq!(parse("S-"), None);
        assert_eq!(parse("-4"), None);
        assert_eq!(parse("S-1a"), None);
    }

    fn set(ids: &[&str]) -> HashSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn next_number_of_the_same_prefix() {
        assert_eq!(fresh_id(&set(&["S-9", "F-20", "S-2"]), "S-2"), "S-10");
        assert_eq!(fresh_id(&set(&["EN-3", "X-Y-7"]), "X-Y-1"), "X-Y-8");
        assert_eq!(fresh_id(&set(&[]), "S-5"), "S-1");
        assert_eq!(fresh_id(&set(&["odd"]), "odd"), "odd-1");
        assert_eq!(fresh_id(&set(&["S-18446744073709551615", "S-1"]), "S-1"), "S-2");
    }
}
