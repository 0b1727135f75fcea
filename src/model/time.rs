//! A point in time as a board file writes it (RFC 3339, `2026-11-22T15:04:05Z` or with an
//! offset), parsed by `jiff` when the file is read, so a bad time is an error at its line and
//! column and never reaches the metrics or the exports. The text is kept as written, so a file
//! is saved back byte for byte.

use std::fmt;

use serde::{Deserialize, Deserializer};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Time {
    text: String,
    seconds: i64,
}

impl Time {
    /// Parses an RFC 3339 time; the error says what is expected.
    pub fn parse(text: &str) -> Result<Time, String> {
        match text.parse::<jiff::Timestamp>() {
            Ok(stamp) => Ok(Time { text: text.to_string(), seconds: stamp.as_second() }),
            Err(_) => Err(format!("\"{}\" is not a time like 2026-11-22T15:04:05Z", text.escape_debug())),
        }
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Seconds since 1970-01-01 UTC.
    pub fn unix(&self) -> i64 {
        self.seconds
    }
}

impl From<&str> for Time {
    /// For times made by the program itself (its clock, tests): a text that is not a time
    /// counts as the start of 1970 rather than failing.
    fn from(text: &str) -> Time {
        Time::parse(text).unwrap_or(Time { text: text.to_string(), seconds: 0 })
    }
}

impl From<String> for Time {
    fn from(text: String) -> Time {
        Time::from(text.as_str())
    }
}

impl PartialEq<&str> for Time {
    /// The same text as written.
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl std::ops::Deref for Time {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl PartialOrd for Time {
    fn partial_cmp(&self, other: &Time) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Time {
    /// In time order; equal instants written differently by their text.
    fn cmp(&self, other: &Time) -> std::cmp::Ordering {
        (self.seconds, &self.text).cmp(&(other.seconds, &other.text))
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Time, D::Error> {
        let text = String::deserialize(deserializer)?;
        Time::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_offsets_and_refuses_what_is_not_a_time() {
        let a = Time::parse("2026-01-02T01:00:00+02:00").expect("time");
        let b = Time::parse("2026-01-01T23:00:00Z").expect("time");
        assert_eq!(a.unix(), b.unix());
        assert!(Time::parse("2026-01-02T01:00:0é").is_err());
        assert!(Time::parse("yesterday").is_err());
        assert!(Time::parse("2026-13-02T01:00:00Z").is_err());
        assert_eq!(a.as_str(), "2026-01-02T01:00:00+02:00");
    }
}
