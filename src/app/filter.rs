//! Showing only some cards: by team, tag, owner, kind, or blocked ones. Typed as `team:Alpha`,
//! `tag:search`, `owner:Priya`, `kind:Defect` or `blocked`; `Esc` on the board clears it.

use std::fmt;

use crate::model::{Board, Item};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    Team(String),
    Tag(String),
    Owner(String),
    Kind(String),
    Blocked,
    /// Children of this parent.
    Parent(String),
}

impl Filter {
    /// Parses `field:value` (or `blocked`); the error says what is allowed.
    pub fn parse(text: &str) -> Result<Filter, String> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("blocked") {
            return Ok(Filter::Blocked);
        }
        let (field, value) = text.split_once(':').map(|(f, v)| (f.trim(), v.trim())).unwrap_or((text, ""));
        if value.is_empty() {
            return Err("filter by team:NAME, tag:NAME, owner:NAME, kind:KIND or blocked".into());
        }
        let value = value.to_string();
        match field.to_ascii_lowercase().as_str() {
            "team" => Ok(Filter::Team(value)),
            "tag" => Ok(Filter::Tag(value)),
            "owner" => Ok(Filter::Owner(value)),
            "kind" => Ok(Filter::Kind(value)),
            other => Err(format!("cannot filter by \"{other}\"; use team, tag, owner, kind or blocked")),
        }
    }

    pub fn matches(&self, board: &Board, item: &Item) -> bool {
        let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
        match self {
            Filter::Team(team) => item.team.as_deref().is_some_and(|t| same(t, team)),
            Filter::Tag(tag) => item.tags.iter().any(|t| same(t, tag)),
            Filter::Owner(owner) => item.owner.as_deref().is_some_and(|o| same(o, owner)),
            Filter::Kind(kind) => same(board.kind_of(item).name(), kind),
            Filter::Blocked => item.is_blocked(),
            Filter::Parent(parent) => item.parent.as_deref() == Some(parent.as_str()),
        }
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Filter::Team(v) => write!(f, "team = {v}"),
            Filter::Tag(v) => write!(f, "tag = {v}"),
            Filter::Owner(v) => write!(f, "owner = {v}"),
            Filter::Kind(v) => write!(f, "kind = {v}"),
            Filter::Blocked => f.write_str("blocked only"),
            Filter::Parent(p) => write!(f, "children of {p}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_field_and_refuses_others() {
        assert_eq!(Filter::parse("team:Alpha"), Ok(Filter::Team("Alpha".into())));
        assert_eq!(Filter::parse(" Tag : search "), Ok(Filter::Tag("search".into())));
        assert_eq!(Filter::parse("BLOCKED"), Ok(Filter::Blocked));
        assert!(Filter::parse("colour:red").unwrap_err().contains("cannot filter by \"colour\""));
        assert!(Filter::parse("team:").is_err());
    }
}
