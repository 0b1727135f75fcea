//! A point in time as a board file writes it (RFC 3339, `2026-11-22T15:04:05Z` or with an
//! offset), parsed by `jiff` when the file is read, so a bad time is an error at its line and
//! column and never reaches the metrics or the exports. The text is kept as written, so a file
//! is saved back byte for byte.

use std::fmt;

use serde::{Deserialize, Deserializer};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Time {
    text: Text,
    seconds: i64,
}

/// The text as written, inside the value when it is as short as times usually are (a
/// history holds hundreds of thousands of them, and each would otherwise be an allocation).
#[derive(Clone, PartialEq, Eq, Hash)]
enum Text {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

/// Room for `2026-11-22T15:04:05.123+02:00`.
const INLINE: usize = 30;

impl Text {
    fn new(text: &str) -> Text {
        if text.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..text.len()].copy_from_slice(text.as_bytes());
            Text::Inline { len: text.len() as u8, bytes }
        } else {
            Text::Heap(text.into())
        }
    }

    fn as_str(&self) -> &str {
        match self {
            // The bytes were copied from a whole `&str`, so they are UTF-8.
            Text::Inline { len, bytes } => std::str::from_utf8(&bytes[..*len as usize]).unwrap_or_default(),
            Text::Heap(text) => text,
        }
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Time {
    /// Parses an RFC 3339 time; the error says what is expected.
    pub fn parse(text: &str) -> Result<Time, String> {
        match text.parse::<jiff::Timestamp>() {
            Ok(stamp) => Ok(Time { text: Text::new(text), seconds: stamp.as_second() }),
            Err(_) => Err(format!("\"{}\" is not a time like 2026-11-22T15:04:05Z", text.escape_debug())),
        }
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        self.text.as_str()
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
        Time::parse(text).unwrap_or(Time { text: Text::new(text), seconds: 0 })
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
        self.as_str() == *other
    }
}

impl std::ops::Deref for Time {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
        (self.seconds, self.as_str()).cmp(&(other.seconds, other.as_str()))
    }
}

impl serde::Serialize for Time {
    /// The text as written.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Time, D::Error> {
        deserializer.deserialize_str(TimeVisitor)
    }
}

/// Reads the text where the parser has it, without an allocation of its own.
struct TimeVisitor;

impl serde::de::Visitor<'_> for TimeVisitor {
    type Value = Time;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a time like 2026-11-22T15:04:05Z")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Time, E> {
        Time::parse(text).map_err(E::custom)
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

    #[test]
    fn keeps_long_and_short_texts_as_written() {
        for text in ["2026-11-22T15:04:05Z", "2026-11-22T15:04:05.123+02:00", "2026-11-22T15:04:05.123456789+02:00"] {
            let time = Time::parse(text).expect("time");
            assert_eq!(time.as_str(), text);
            assert_eq!(time.to_string(), text);
            assert_eq!(&*time, text);
        }
        let short = Time::parse("2026-11-22T15:04:05Z").expect("time");
        let long = Time::parse("2026-11-22T15:04:05.000000000Z").expect("time");
        assert_eq!(short.unix(), long.unix());
        assert_ne!(short, long, "equal instants written differently stay apart");
        assert_eq!(short.cmp(&long), short.as_str().cmp(long.as_str()));
    }
}
