//! The fist-of-five confidence vote at the end of PI planning: each person shows 1–5 fingers
//! for "we can meet these objectives". A board (a team's, or the program board for the train)
//! keeps every vote with its time; the newest is the one shown. 1s and 2s must be heard.

use serde::{Deserialize, Deserializer};

use super::time::Time;

/// One round of voting: when, and each person's fingers (1–5).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "Vote", deny_unknown_fields)]
pub struct Vote {
    pub at: Time,
    pub votes: Vec<Fist>,
}

/// One person's vote, 1 to 5 fingers; anything else is an error where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fist(u8);

impl Fist {
    pub fn new(fingers: u32) -> Option<Fist> {
        (1..=5).contains(&fingers).then_some(Fist(fingers as u8))
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl<'de> Deserialize<'de> for Fist {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Fist, D::Error> {
        let n = u32::deserialize(deserializer)?;
        Fist::new(n).ok_or_else(|| serde::de::Error::custom(format!("a confidence vote is 1 to 5 fingers, not {n}")))
    }
}

/// What the room reads off a vote.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub count: usize,
    pub average: f64,
    /// Votes of 1 or 2: these people must be heard before the plan is committed.
    pub to_be_heard: usize,
}

impl Vote {
    pub fn summary(&self) -> Option<Summary> {
        if self.votes.is_empty() {
            return None;
        }
        let sum: u32 = self.votes.iter().map(|f| u32::from(f.0)).sum();
        Some(Summary {
            count: self.votes.len(),
            average: f64::from(sum) / self.votes.len() as f64,
            to_be_heard: self.votes.iter().filter(|f| f.0 <= 2).count(),
        })
    }
}

/// Reads votes typed as digits 1–5 separated by spaces or commas (`5 4,3 3`); the error says
/// which entry is wrong.
pub fn parse_votes(text: &str) -> Result<Vec<Fist>, String> {
    let votes: Vec<Fist> = text
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<u32>().ok().and_then(Fist::new).ok_or_else(|| format!("\"{s}\" is not a vote of 1 to 5")))
        .collect::<Result<_, _>>()?;
    if votes.is_empty() {
        return Err("type the votes as digits 1 to 5, e.g. 5 4 4 3".into());
    }
    Ok(votes)
}

/// The newest vote of a list (by time, the last written on a tie).
pub fn latest(votes: &[Vote]) -> Option<&Vote> {
    votes.iter().rev().max_by_key(|v| v.at.unix())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_digits_with_spaces_and_commas_and_refuses_the_rest() {
        let votes = parse_votes(" 5, 4 3,,2  1 ").unwrap();
        assert_eq!(votes.iter().map(|f| f.get()).collect::<Vec<_>>(), [5, 4, 3, 2, 1]);
        assert!(parse_votes("5 6").unwrap_err().contains("\"6\""));
        assert!(parse_votes("0").is_err());
        assert!(parse_votes("four").unwrap_err().contains("\"four\""));
        assert!(parse_votes("  ,").is_err());
        assert!(parse_votes("99999999999999999999").is_err());
    }

    #[test]
    fn summary_gives_average_and_who_must_be_heard() {
        let vote = Vote { at: "2026-11-20T16:00:00Z".into(), votes: parse_votes("5 4 4 2 1 3").unwrap() };
        let s = vote.summary().unwrap();
        assert_eq!((s.count, s.to_be_heard), (6, 2));
        assert!((s.average - 19.0 / 6.0).abs() < 1e-9);
        assert_eq!(Vote { at: vote.at.clone(), votes: vec![] }.summary(), None);
    }

    #[test]
    fn latest_is_by_time_not_by_place() {
        let older = Vote { at: "2026-11-20T16:00:00Z".into(), votes: parse_votes("3").unwrap() };
        let newer = Vote { at: "2026-11-21T09:00:00+02:00".into(), votes: parse_votes("5").unwrap() };
        assert_eq!(latest(&[newer.clone(), older.clone()]), Some(&newer));
        assert_eq!(latest(&[]), None);
    }
}
