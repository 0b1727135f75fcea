//! Natural order for names people number: `PI 2026.9` before `PI 2026.10`, `Team 2` before
//! `Team 10`.

/// A name cut into (text, number) runs, so names sort with their numbers as numbers.
pub fn natural_key(name: &str) -> Vec<(String, u64)> {
    let mut key = Vec::new();
    let mut text = String::new();
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_ascii_digit() {
            text.push(c);
            continue;
        }
        let mut digits = c.to_string();
        while let Some(d) = chars.next_if(char::is_ascii_digit) {
            digits.push(d);
        }
        key.push((std::mem::take(&mut text), digits.parse().unwrap_or(u64::MAX)));
    }
    if !text.is_empty() {
        key.push((text, 0));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::natural_key;

    #[test]
    fn numbers_in_names_sort_as_numbers() {
        let mut names = ["Team 10", "Team 2", "Team 1", "Alpha"];
        names.sort_by_key(|n| natural_key(n));
        assert_eq!(names, ["Alpha", "Team 1", "Team 2", "Team 10"]);
    }
}
