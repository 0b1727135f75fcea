//! The program increment a program board plans: its name and the calendar dates of its
//! iterations, so the status line can say which PI and iteration it is today.

use std::fmt;

use serde::{Deserialize, Deserializer};

/// A calendar day, written `2026-11-23`; anything else is an error where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(jiff::civil::Date);

impl Date {
    pub fn parse(text: &str) -> Result<Date, String> {
        let valid = text.len() == 10 && text.as_bytes().get(4) == Some(&b'-');
        match text.parse::<jiff::civil::Date>() {
            Ok(date) if valid => Ok(Date(date)),
            _ => Err(format!("\"{}\" is not a date like 2026-11-23", text.escape_debug())),
        }
    }

    /// The UTC day of an RFC 3339 time (the app's clock), if it is one.
    pub fn of_time(rfc3339: &str) -> Option<Date> {
        let ts = rfc3339.parse::<jiff::Timestamp>().ok()?;
        Some(Date(jiff::tz::Offset::UTC.to_datetime(ts).date()))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// One iteration's dates, first and last day included.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "Iteration", deny_unknown_fields)]
pub struct IterationDates {
    pub name: String,
    pub start: Date,
    pub end: Date,
}

/// The PI: its name and its iterations' dates (optional, in order).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "Pi", deny_unknown_fields)]
pub struct Pi {
    pub name: String,
    #[serde(default)]
    pub iterations: Vec<IterationDates>,
}

/// Where a day falls in the PI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Now<'a> {
    In(&'a IterationDates),
    Before(&'a IterationDates),
    After,
    /// Between two iterations (a gap in the dates), before this one.
    Between(&'a IterationDates),
    Undated,
}

impl Pi {
    /// The iteration `today` falls in (the first listed, if dates overlap).
    pub fn now(&self, today: Date) -> Now<'_> {
        if self.iterations.is_empty() {
            return Now::Undated;
        }
        if let Some(it) = self.iterations.iter().find(|i| i.start <= today && today <= i.end) {
            return Now::In(it);
        }
        let next = self.iterations.iter().filter(|i| i.start > today).min_by_key(|i| i.start);
        let first = self.iterations.iter().min_by_key(|i| i.start);
        match (next, first) {
            (Some(n), Some(f)) if n == f => Now::Before(n),
            (Some(n), _) => Now::Between(n),
            (None, _) => Now::After,
        }
    }

    /// The short form, for a narrow status line: `PI 2026.4 · I3`. The names are as the file
    /// has them; whoever shows the text cleans it for the terminal.
    pub fn short(&self, today: Option<Date>) -> String {
        let name = self.name.clone();
        let Some(today) = today else { return name };
        let it = |i: &IterationDates| i.name.clone();
        match self.now(today) {
            Now::In(i) => format!("{name} · {}", it(i)),
            Now::Before(i) | Now::Between(i) => format!("{name} · before {}", it(i)),
            Now::After => format!("{name} · ended"),
            Now::Undated => name,
        }
    }

    /// For the status line: `PI 2026.4 · I3 (to 2026-11-27)`. Names as the file has them, as in
    /// [`Pi::short`].
    pub fn describe(&self, today: Option<Date>) -> String {
        let name = self.name.clone();
        let Some(today) = today else { return name };
        let it = |i: &IterationDates| i.name.clone();
        match self.now(today) {
            Now::In(i) => format!("{name} · {} (to {})", it(i), i.end),
            Now::Before(i) => format!("{name} · starts {} with {}", i.start, it(i)),
            Now::Between(i) => format!("{name} · {} starts {}", it(i), i.start),
            Now::After => format!("{name} · ended"),
            Now::Undated => name,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pi() -> Pi {
        let it = |name: &str, start: &str, end: &str| IterationDates {
            name: name.into(),
            start: Date::parse(start).unwrap(),
            end: Date::parse(end).unwrap(),
        };
        Pi {
            name: "PI 2026.4".into(),
            iterations: vec![
                it("I1", "2026-10-05", "2026-10-16"),
                it("I2", "2026-10-19", "2026-10-30"),
                it("I3", "2026-11-02", "2026-11-13"),
            ],
        }
    }

    #[test]
    fn says_the_iteration_of_the_day() {
        let day = |d: &str| Some(Date::parse(d).unwrap());
        assert_eq!(pi().describe(day("2026-11-02")), "PI 2026.4 · I3 (to 2026-11-13)");
        assert_eq!(pi().describe(day("2026-11-13")), "PI 2026.4 · I3 (to 2026-11-13)");
        assert_eq!(pi().describe(day("2026-10-01")), "PI 2026.4 · starts 2026-10-05 with I1");
        assert_eq!(pi().describe(day("2026-10-17")), "PI 2026.4 · I2 starts 2026-10-19");
        assert_eq!(pi().describe(day("2026-12-01")), "PI 2026.4 · ended");
        assert_eq!(pi().describe(None), "PI 2026.4");
        assert_eq!(pi().short(day("2026-11-05")), "PI 2026.4 · I3");
        assert_eq!(pi().short(day("2026-10-17")), "PI 2026.4 · before I2");
        assert_eq!(pi().short(day("2027-01-01")), "PI 2026.4 · ended");
        assert_eq!(Pi { name: "X".into(), iterations: vec![] }.describe(day("2026-12-01")), "X");
    }

    #[test]
    fn dates_are_calendar_days_only() {
        assert!(Date::parse("2026-02-30").is_err());
        assert!(Date::parse("2026-11-23T10:00:00Z").is_err());
        assert!(Date::parse("23.11.2026").is_err());
        assert!(Date::parse("").is_err());
        assert_eq!(Date::of_time("2026-11-23T23:30:00-02:00"), Some(Date::parse("2026-11-24").unwrap()));
        assert_eq!(Date::of_time("not a time"), None);
    }
}
