//! Dates as other tools write them, to RFC 3339 UTC: Jira's `22/Dec/25 2:38 PM`,
//! `2025-12-22 18:45:55.01`, ISO 8601 with `Z`, `+01:00` or `+0100`, `12/22/2025 2:38:00 PM`,
//! `22.12.2025 14:38`, `Dec 22, 2025`, and English, French, German and Spanish month names.
//!
//! A time without a zone is taken as UTC. Day and month that could be either way round are
//! read month first when the time has AM/PM (the US habit), else day first.

use crate::clock::{days_from_civil, format_unix};

/// RFC 3339 UTC text of `text`, or `None` when it is not a date this knows.
pub fn to_rfc3339(text: &str) -> Option<String> {
    parse(text).map(format_unix)
}

/// Seconds since 1970 of `text`.
pub fn parse(text: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() || text.len() > 64 {
        return None;
    }
    if let Some(secs) = crate::clock::parse_rfc3339(text) {
        return Some(secs);
    }
    let (body, offset) = split_offset(text);
    let tokens = tokenize(body);
    let (date, rest) = read_date(&tokens)?;
    let (h, mi, s) = read_time(rest)?;
    let (y, m, d) = date;
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d) * 86_400 + i64::from(h) * 3600 + i64::from(mi) * 60 + i64::from(s) - offset)
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Num(String),
    Word(String),
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut digits = false;
    let mut skip_fraction = false;
    let push = |tokens: &mut Vec<Token>, current: &mut String, digits: bool, skip: &mut bool| {
        if current.is_empty() {
            return;
        }
        let t = std::mem::take(current);
        if digits && std::mem::take(skip) {
            return;
        }
        match t.to_lowercase() {
            w if !digits && w == "t" => {}
            w if digits => tokens.push(Token::Num(w)),
            w => tokens.push(Token::Word(w)),
        }
    };
    for c in text.chars() {
        let is_digit = c.is_ascii_digit();
        if is_digit || c.is_alphabetic() {
            if !current.is_empty() && digits != is_digit {
                push(&mut tokens, &mut current, digits, &mut skip_fraction);
            }
            digits = is_digit;
            current.push(c);
        } else {
            push(&mut tokens, &mut current, digits, &mut skip_fraction);
            // Fractions of a second (`55.01`): a `.` right after the sixth part is dropped.
            skip_fraction = c == '.' && parts(&tokens) == 6;
        }
    }
    push(&mut tokens, &mut current, digits, &mut skip_fraction);
    tokens
}

/// How many date and time parts (numbers and month names) the tokens hold.
fn parts(tokens: &[Token]) -> usize {
    tokens.iter().filter(|t| matches!(t, Token::Num(_)) || matches!(t, Token::Word(w) if month(w).is_some())).count()
}

/// Splits a trailing `Z`, `+01:00`, `+0100` or `-05` zone off; returns (rest, offset seconds).
fn split_offset(text: &str) -> (&str, i64) {
    if let Some(rest) = text.strip_suffix(['Z', 'z'])
        && rest.ends_with(|c: char| c.is_ascii_digit())
    {
        return (rest, 0);
    }
    for suffix in [" UTC", " GMT"] {
        if let Some(rest) = text.strip_suffix(suffix) {
            return (rest, 0);
        }
    }
    let Some(pos) = text.rfind(['+', '-']) else { return (text, 0) };
    let zone = &text[pos + 1..];
    let digits: String = zone.chars().filter(|c| *c != ':').collect();
    // Only after a time (hh:mm) and only hh or hhmm digits, so `2025-12-22` is not a zone.
    let before = &text[..pos];
    if !before.contains(':') || !digits.chars().all(|c| c.is_ascii_digit()) || !matches!(digits.len(), 2 | 4) {
        return (text, 0);
    }
    let hours: i64 = digits[..2].parse().unwrap_or(0);
    let minutes: i64 = if digits.len() == 4 { digits[2..].parse().unwrap_or(0) } else { 0 };
    let sign = if text[pos..].starts_with('-') { -1 } else { 1 };
    (before.trim_end(), sign * (hours * 3600 + minutes * 60))
}

fn number(token: &Token) -> Option<(u32, usize)> {
    match token {
        Token::Num(n) if n.len() <= 4 => n.parse().ok().map(|v| (v, n.len())),
        _ => None,
    }
}

fn year(value: u32, len: usize) -> i64 {
    match len {
        1 | 2 if value < 70 => 2000 + i64::from(value),
        1 | 2 => 1900 + i64::from(value),
        _ => i64::from(value),
    }
}

/// Month number of an English, French, German or Spanish month name or abbreviation.
fn month(word: &str) -> Option<u32> {
    const NAMES: [(&str, u32); 30] = [
        ("jan", 1),
        ("ene", 1),
        ("feb", 2),
        ("fév", 2),
        ("fev", 2),
        ("mär", 3),
        ("mar", 3),
        ("apr", 4),
        ("avr", 4),
        ("abr", 4),
        ("may", 5),
        ("mai", 5),
        ("juin", 6),
        ("jun", 6),
        ("juil", 7),
        ("jul", 7),
        ("aug", 8),
        ("aoû", 8),
        ("aou", 8),
        ("ago", 8),
        ("sep", 9),
        ("oct", 10),
        ("okt", 10),
        ("nov", 11),
        ("dec", 12),
        ("déc", 12),
        ("dez", 12),
        ("dic", 12),
        ("set", 9),
        ("gen", 1),
    ];
    if word.chars().count() < 3 {
        return None;
    }
    NAMES.iter().find(|(prefix, _)| word.starts_with(prefix)).map(|&(_, m)| m)
}

type Date = (i64, u32, u32);

/// Reads year, month and day from the first tokens; returns them and the tokens after.
fn read_date(tokens: &[Token]) -> Option<(Date, &[Token])> {
    let word_month = |t: &Token| match t {
        Token::Word(w) => month(w),
        _ => None,
    };
    let has_pm = tokens.iter().any(|t| matches!(t, Token::Word(w) if w == "am" || w == "pm"));
    // Leading weekday names (`Mon, 22 Dec 2025`) are skipped.
    let start = tokens.iter().position(|t| matches!(t, Token::Num(_)) || word_month(t).is_some())?;
    let t = &tokens[start..];
    if t.len() < 3 {
        return None;
    }
    let date = if let Some(m) = word_month(&t[0]) {
        let (d, _) = number(&t[1])?;
        let (y, len) = number(&t[2])?;
        (year(y, len), m, d)
    } else if let Some(m) = word_month(&t[1]) {
        let (d, _) = number(&t[0])?;
        let (y, len) = number(&t[2])?;
        (year(y, len), m, d)
    } else {
        let (a, alen) = number(&t[0])?;
        let (b, _) = number(&t[1])?;
        let (c, clen) = number(&t[2])?;
        if alen == 4 {
            (i64::from(a), b, c)
        } else if a > 12 || (b <= 12 && !has_pm) {
            (year(c, clen), b, a)
        } else {
            (year(c, clen), a, b)
        }
    };
    Some((date, &t[3..]))
}

/// Hours, minutes, seconds from what follows the date (none: midnight); AM/PM applied.
fn read_time(tokens: &[Token]) -> Option<(u32, u32, u32)> {
    let mut numbers = Vec::new();
    let mut pm = None;
    for token in tokens {
        match token {
            Token::Num(n) => numbers.push(n.parse::<u32>().ok()?),
            Token::Word(w) if w == "am" || w == "a" => pm = Some(false),
            Token::Word(w) if w == "pm" || w == "p" => pm = Some(true),
            Token::Word(w) if w == "m" || w == "h" || w == "utc" || w == "gmt" => {}
            Token::Word(_) => return None,
        }
    }
    if numbers.len() > 3 {
        return None;
    }
    let mut h = numbers.first().copied().unwrap_or(0);
    let mi = numbers.get(1).copied().unwrap_or(0);
    let s = numbers.get(2).copied().unwrap_or(0);
    match pm {
        Some(true) if (1..12).contains(&h) => h += 12,
        Some(false) if h == 12 => h = 0,
        Some(_) if h == 0 || h > 12 => return None,
        _ => {}
    }
    (h < 24 && mi < 60 && s < 61).then_some((h, mi, s))
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::to_rfc3339;

    #[test]
    fn reads_the_forms_tools_write() {
        let cases = [
            ("22/Dec/25 2:38 PM", "2025-12-22T14:38:00Z"),
            ("22/Dec/25 12:05 AM", "2025-12-22T00:05:00Z"),
            ("2025-12-22 18:45:55.01", "2025-12-22T18:45:55Z"),
            ("2025-12-22T18:45:55.000+0100", "2025-12-22T17:45:55Z"),
            ("2025-12-22T18:45:55Z", "2025-12-22T18:45:55Z"),
            ("2025-12-22T18:45:55.123Z", "2025-12-22T18:45:55Z"),
            ("2025-12-22", "2025-12-22T00:00:00Z"),
            ("12/22/2025 2:38:00 PM", "2025-12-22T14:38:00Z"),
            ("22.12.2025 14:38", "2025-12-22T14:38:00Z"),
            ("22/12/2025", "2025-12-22T00:00:00Z"),
            ("Dec 22, 2025", "2025-12-22T00:00:00Z"),
            ("22/déc./25 14:38", "2025-12-22T14:38:00Z"),
            ("22/Dez/25 2:38 PM", "2025-12-22T14:38:00Z"),
            ("2025-12-22 18:45 -05:00", "2025-12-22T23:45:00Z"),
        ];
        for (text, want) in cases {
            assert_eq!(to_rfc3339(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for bad in ["", "soon", "31/Feb/25 1:00 PM", "2025-13-01", "25:00", "1/2", "\u{1b}[31m", "99/99/99 99:99"] {
            assert_eq!(to_rfc3339(bad), None, "{bad}");
        }
    }
}
