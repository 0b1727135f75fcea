//! Text from board files on its way to the screen: the one sanitizer (no control or escape
//! characters, no bidirectional overrides or zero-width characters reach the terminal), and
//! cutting to a display width with an ellipsis.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Characters that reorder or hide text and could disguise a card.
fn is_invisible_trick(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}')
}

/// Board text made safe to print: control characters (C0, DEL, C1) become `�`, tabs and line
/// breaks a space, and invisible reordering characters are dropped. The file keeps the original.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() || is_invisible_trick(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|c| !is_invisible_trick(*c))
            .map(|c| match c {
                '\t' | '\n' | '\r' => ' ',
                c if c.is_control() => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// Multi-line text (error messages for stderr) made safe: each line cleaned, breaks kept.
pub fn clean_block(text: &str) -> String {
    text.split('\n').map(|line| clean(line).into_owned()).collect::<Vec<_>>().join("\n")
}

/// JSON made safe for a terminal without changing its meaning: characters `clean` would hide
/// (which JSON allows raw inside strings) are written as `\uXXXX` escapes; line breaks between
/// values stay.
pub fn json_for_terminal(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c != '\n' && (c.is_control() || is_invisible_trick(c)) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` cleaned and cut to at most `width` display cells, ending in `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    let text = clean(text);
    if text.width() <= width {
        return text.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Display width of cleaned text.
pub fn width(text: &str) -> usize {
    clean(text).width()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_with_an_ellipsis_by_display_width() {
        assert_eq!(fit("Smarter search", 20), "Smarter search");
        assert_eq!(fit("Smarter search", 8), "Smarter…");
        assert_eq!(fit("日本語のタイトル", 7), "日本語…");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn removes_escape_sequences_and_disguises() {
        assert_eq!(clean("a\u{1b}[31mred\u{7}"), "a\u{FFFD}[31mred\u{FFFD}");
        assert_eq!(clean("x\u{9b}y"), "x\u{FFFD}y");
        assert_eq!(clean("abc\u{202E}fed\u{200B}"), "abcfed");
        assert_eq!(clean("line\nbreak"), "line break");
        assert_eq!(json_for_terminal("{\"t\": \"a\u{9b}b\u{202e}\"}\n"), "{\"t\": \"a\\u009bb\\u202e\"}\n");
    }
}
