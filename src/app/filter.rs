//! Showing only some cards: by team, tag, owner, kind, iteration, or blocked ones. Typed as
//! `team:Alpha`, `tag:search`, `owner:Priya`, `kind:Defect`, `iteration:I3` or `blocked`, and
//! combined by listing several (`team:Alpha iteration:I3 blocked`: cards matching all of them);
//! `Esc` on the board clears it. Owners match by the start of their name or of a word in it,
//! ignoring case (`owner:pri`, `owner:novak`); a value with spaces may be quoted.

use std::fmt;

use crate::model::{Board, Item, Level, Workspace};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    Team(String),
    Tag(String),
    Owner(String),
    Kind(String),
    Iteration(String),
    Blocked,
    /// Children of this parent.
    Parent(String),
    /// Every one of these (at least two).
    All(Vec<Filter>),
}

const USAGE: &str = "filter by team:NAME, tag:NAME, owner:NAME, kind:KIND, iteration:NAME or blocked (several combine)";

/// Splits the typed text into terms: whitespace separates them, double quotes keep spaces, and
/// a word without `field:` continues the value before it (`owner:Marta Novak`).
fn terms(text: &str) -> Result<Vec<String>, String> {
    let mut words: Vec<(String, bool)> = Vec::new();
    let (mut word, mut quoted, mut in_quotes) = (String::new(), false, false);
    for c in text.chars() {
        match c {
            '"' => {
                in_quotes = !in_quotes;
                quoted = true;
            }
            c if c.is_whitespace() && !in_quotes => {
                if !word.is_empty() || quoted {
                    words.push((std::mem::take(&mut word), quoted));
                }
                quoted = false;
            }
            c => word.push(c),
        }
    }
    if in_quotes {
        return Err("a quote is not closed".into());
    }
    if !word.is_empty() || quoted {
        words.push((word, quoted));
    }
    let mut terms: Vec<String> = Vec::new();
    for (word, quoted) in words {
        let starts_term = !quoted && (word.eq_ignore_ascii_case("blocked") || word.contains(':'));
        let continues = terms.last().is_some_and(|t| !t.eq_ignore_ascii_case("blocked"));
        match (starts_term, continues) {
            (false, true) => {
                if let Some(last) = terms.last_mut() {
                    if !last.ends_with(':') {
                        last.push(' ');
                    }
                    last.push_str(&word);
                }
            }
            _ => terms.push(word),
        }
    }
    Ok(terms)
}

impl Filter {
    /// Parses one or more terms (`field:value` or `blocked`); the error says what is allowed.
    pub fn parse(text: &str) -> Result<Filter, String> {
        let mut filters = terms(text)?.iter().map(|t| Filter::parse_one(t)).collect::<Result<Vec<_>, _>>()?;
        match filters.len() {
            0 => Err(USAGE.into()),
            1 => Ok(filters.remove(0)),
            _ => Ok(Filter::All(filters)),
        }
    }

    /// Parses like [`Filter::parse`] and refuses a team, owner or iteration that nothing in
    /// `ws` has, saying so (rather than showing an empty board).
    pub fn parse_in(text: &str, ws: &Workspace) -> Result<Filter, String> {
        let filter = Filter::parse(text)?;
        match filter.unknown_in(ws) {
            Some(why) => Err(why),
            None => Ok(filter),
        }
    }

    fn parse_one(text: &str) -> Result<Filter, String> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("blocked") {
            return Ok(Filter::Blocked);
        }
        let (field, value) = text.split_once(':').map(|(f, v)| (f.trim(), v.trim())).unwrap_or((text, ""));
        if value.is_empty() {
            return Err(USAGE.into());
        }
        let value = value.to_string();
        match field.to_ascii_lowercase().as_str() {
            "team" => Ok(Filter::Team(value)),
            "tag" => Ok(Filter::Tag(value)),
            "owner" => Ok(Filter::Owner(value)),
            "kind" => Ok(Filter::Kind(value)),
            "iteration" | "iter" => Ok(Filter::Iteration(value)),
            other => Err(format!("cannot filter by \"{other}\"; use team, tag, owner, kind, iteration or blocked")),
        }
    }

    pub fn matches(&self, board: &Board, item: &Item) -> bool {
        let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
        match self {
            Filter::Team(team) => item.team.as_deref().is_some_and(|t| same(t, team)),
            Filter::Tag(tag) => item.tags.iter().any(|t| same(t, tag)),
            Filter::Owner(owner) => item.owner.as_deref().is_some_and(|o| owner_matches(o, owner)),
            Filter::Kind(kind) => same(board.kind_of(item).name(), kind),
            Filter::Iteration(iteration) => item.iteration.as_deref().is_some_and(|i| same(i, iteration)),
            Filter::Blocked => item.is_blocked(),
            Filter::Parent(parent) => item.parent.as_deref() == Some(parent.as_str()),
            Filter::All(all) => all.iter().all(|f| f.matches(board, item)),
        }
    }

    /// Why this filter names something the workspace does not have, if it does.
    pub fn unknown_in(&self, ws: &Workspace) -> Option<String> {
        let items = || ws.boards().iter().flat_map(|b| b.items.iter());
        let list = |mut names: Vec<String>| {
            names.sort_by_key(|n| n.to_lowercase());
            names.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
            if names.is_empty() { "none".to_string() } else { names.join(", ") }
        };
        match self {
            Filter::All(all) => all.iter().find_map(|f| f.unknown_in(ws)),
            Filter::Team(team) => {
                let mut teams: Vec<String> = items().filter_map(|i| i.team.clone()).collect();
                teams.extend(ws.boards().iter().filter(|b| b.level == Level::Team).map(|b| b.name.clone()));
                (!teams.iter().any(|t| t.eq_ignore_ascii_case(team)))
                    .then(|| format!("no team \"{team}\" in this workspace (teams: {})", list(teams)))
            }
            Filter::Owner(owner) => {
                let owners: Vec<String> = items().filter_map(|i| i.owner.clone()).collect();
                (!owners.iter().any(|o| owner_matches(o, owner)))
                    .then(|| format!("no owner starting with \"{owner}\" (owners: {})", list(owners)))
            }
            Filter::Iteration(iteration) => {
                let mut known: Vec<String> = ws.boards().iter().flat_map(|b| b.iterations.iter().cloned()).collect();
                known.extend(items().filter_map(|i| i.iteration.clone()));
                (!known.iter().any(|i| i.eq_ignore_ascii_case(iteration)))
                    .then(|| format!("no iteration \"{iteration}\" (iterations: {})", list(known)))
            }
            _ => None,
        }
    }
}

/// An owner matches by the start of the name or of a word in it, ignoring case.
fn owner_matches(owner: &str, wanted: &str) -> bool {
    let (owner, wanted) = (owner.to_lowercase(), wanted.to_lowercase());
    owner.starts_with(&wanted) || owner.split_whitespace().any(|w| w.starts_with(&wanted))
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Filter::Team(v) => write!(f, "team = {v}"),
            Filter::Tag(v) => write!(f, "tag = {v}"),
            Filter::Owner(v) => write!(f, "owner = {v}…"),
            Filter::Kind(v) => write!(f, "kind = {v}"),
            Filter::Iteration(v) => write!(f, "iteration = {v}"),
            Filter::Blocked => f.write_str("blocked only"),
            Filter::Parent(p) => write!(f, "children of {p}"),
            Filter::All(all) => {
                let parts: Vec<String> = all.iter().map(ToString::to_string).collect();
                f.write_str(&parts.join(", "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Column;

    #[test]
    fn parses_every_field_and_refuses_others() {
        assert_eq!(Filter::parse("team:Alpha"), Ok(Filter::Team("Alpha".into())));
        assert_eq!(Filter::parse(" Tag:search "), Ok(Filter::Tag("search".into())));
        assert_eq!(Filter::parse("BLOCKED"), Ok(Filter::Blocked));
        assert_eq!(Filter::parse("iteration:I3"), Ok(Filter::Iteration("I3".into())));
        assert!(Filter::parse("colour:red").unwrap_err().contains("cannot filter by \"colour\""));
        assert!(Filter::parse("team:").is_err());
        assert!(Filter::parse("   ").is_err());
        assert!(Filter::parse("team:\"Alpha").unwrap_err().contains("quote"));
    }

    #[test]
    fn terms_combine_and_values_may_have_spaces() {
        assert_eq!(
            Filter::parse("team:Alpha iteration:I3 blocked"),
            Ok(Filter::All(vec![Filter::Team("Alpha".into()), Filter::Iteration("I3".into()), Filter::Blocked]))
        );
        assert_eq!(
            Filter::parse("owner:Marta Novak blocked"),
            Ok(Filter::All(vec![Filter::Owner("Marta Novak".into()), Filter::Blocked]))
        );
        assert_eq!(Filter::parse("team:\"Team Blue\""), Ok(Filter::Team("Team Blue".into())));
        assert!(Filter::parse("blocked Alpha").is_err(), "a value without a field is refused");
    }

    fn workspace() -> Workspace {
        let mut board = Board::new("a.ron", "Alpha", Level::Team, vec![Column::new("Todo", None)]);
        board.iterations = vec!["I1".into(), "I2".into(), "I3".into()];
        let mut one = Item::new("S-1", "One", "Todo");
        one.owner = Some("Marta Novak".into());
        one.iteration = Some("I3".into());
        one.team = Some("Alpha".into());
        one.blocked = Some("waiting".into());
        let mut two = Item::new("S-2", "Two", "Todo");
        two.owner = Some("Priya".into());
        two.iteration = Some("I3".into());
        two.team = Some("Alpha".into());
        board.items = vec![one, two, Item::new("S-3", "Three", "Todo")];
        Workspace::new(vec![board])
    }

    #[test]
    fn combined_filters_match_all_terms_and_owners_by_prefix() {
        let ws = workspace();
        let board = &ws.boards()[0];
        let shown = |text: &str| -> Vec<String> {
            let f = Filter::parse_in(text, &ws).unwrap();
            board.items.iter().filter(|i| f.matches(board, i)).map(|i| i.id.clone()).collect()
        };
        assert_eq!(shown("team:alpha iteration:i3 blocked"), ["S-1"]);
        assert_eq!(shown("iteration:I3"), ["S-1", "S-2"]);
        assert_eq!(shown("owner:PRI"), ["S-2"]);
        assert_eq!(shown("owner:novak"), ["S-1"]);
        assert_eq!(shown("owner:mar"), ["S-1"]);
    }

    #[test]
    fn unknown_team_owner_or_iteration_says_so() {
        let ws = workspace();
        let err = Filter::parse_in("team:Gamma", &ws).unwrap_err();
        assert!(err.contains("no team \"Gamma\"") && err.contains("Alpha"), "{err}");
        let err = Filter::parse_in("iteration:I9 blocked", &ws).unwrap_err();
        assert!(err.contains("no iteration \"I9\"") && err.contains("I1, I2, I3"), "{err}");
        let err = Filter::parse_in("owner:zed", &ws).unwrap_err();
        assert!(err.contains("no owner starting with \"zed\"") && err.contains("Marta Novak, Priya"), "{err}");
        // A known value that no card on this board has is fine (it is not unknown).
        assert!(Filter::parse_in("tag:none-such", &ws).is_ok());
    }
}
