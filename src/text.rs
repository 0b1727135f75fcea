//! Text from board files on its way to the screen: the one sanitizer (no control or escape
//! characters, no format, separator or invisible characters reach the terminal), and cutting
//! to a display width with an ellipsis; the progress bar of a roll-up.

use std::borrow::Cow;

use finl_unicode::categories::CharacterCategories;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Characters that reorder, hide or join text, or that terminals draw at a width of their own,
/// and so could disguise a card or shift the layout: every format character (general category
/// Cf: bidi controls, zero-width spaces and joiners, the soft hyphen, tags, interlinear
/// annotation marks, the byte-order mark, …) and the default-ignorable code points that are
/// not Cf (the combining grapheme joiner, Hangul fillers, variation selectors, Mongolian free
/// variation selectors, Khmer inherent vowels, the unassigned ignorable ranges).
fn is_hidden(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    c.is_format()
        || matches!(
            c,
            '\u{034F}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{2065}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFF8}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Line and paragraph separators (general categories Zl and Zp): they break lines as `\n` does.
fn is_line_break(c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' => true,
        c if c.is_ascii() => false,
        c => c.is_separator_line() || c.is_separator_paragraph(),
    }
}

/// True for a character `clean` drops or turns into a space (other than control characters).
pub fn is_hidden_or_break(c: char) -> bool {
    is_hidden(c) || is_line_break(c)
}

/// Board text made safe to print: control characters (C0, DEL, C1) become `�`, tabs and line
/// breaks (also U+2028, U+2029) a space, and hidden characters are dropped. The file keeps the
/// original.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() || is_hidden(c) || is_line_break(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|c| !is_hidden(*c))
            .map(|c| match c {
                c if is_line_break(c) => ' ',
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
        if c != '\n' && (c.is_control() || is_hidden(c) || is_line_break(c)) {
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

/// `▰▰▰▱▱ 3/5` for a parent with 3 of 5 children done, `cells` wide before the count.
pub fn progress_bar(done: usize, total: usize, cells: usize) -> String {
    let filled = (done * cells + total / 2).checked_div(total).unwrap_or(0);
    let filled = filled.min(cells);
    format!("{}{} {done}/{total}", "▰".repeat(filled), "▱".repeat(cells - filled))
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
        assert_eq!(json_for_terminal("\"a\u{2028}b\u{ad}\"\n"), "\"a\\u2028b\\u00ad\"\n");
    }

    #[test]
    fn drops_every_character_that_moves_or_hides_text() {
        let hidden = [
            '\u{00AD}',
            '\u{034F}',
            '\u{061C}',
            '\u{115F}',
            '\u{1160}',
            '\u{180E}',
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{200E}',
            '\u{200F}',
            '\u{202A}',
            '\u{202E}',
            '\u{2060}',
            '\u{2064}',
            '\u{2066}',
            '\u{2069}',
            '\u{206F}',
            '\u{3164}',
            '\u{FE0F}',
            '\u{FEFF}',
            '\u{FFA0}',
            '\u{FFF9}',
            '\u{FFFA}',
            '\u{FFFB}',
            '\u{E0000}',
            '\u{E0001}',
            '\u{E0041}',
            '\u{E007F}',
            '\u{1D173}',
            '\u{13430}',
        ];
        for c in hidden {
            assert_eq!(clean(&format!("a{c}b")), "ab", "U+{:04X}", c as u32);
        }
        assert_eq!(clean("a\u{2028}b\u{2029}c"), "a b c");
        // Every format, line and paragraph character, as a rule and not only the list above.
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            if c.is_format() || c.is_separator_line() || c.is_separator_paragraph() {
                let out = clean(&format!("a{c}b")).into_owned();
                assert!(out == "ab" || out == "a b", "U+{:04X} -> {out:?}", c as u32);
            }
        }
        // Visible text is kept as it is, combining accents and wide characters included.
        for fine in ["Smarter search", "e\u{301}té", "日本語", "👍", "Ünïcödé — «ok»"] {
            assert!(matches!(clean(fine), Cow::Borrowed(_)), "{fine}");
        }
    }
}
