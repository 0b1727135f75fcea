//! Text for the presentation title's large letters: every character the big-letter font lacks
//! becomes a drawable ASCII equivalent, so a dash or an accented letter never turns blank.

/// `text` in printable ASCII only: dashes and minus signs become `-`, curly quotes straight
/// ones, an ellipsis `...`, the usual Latin letters their ASCII base (`é` → `e`, `ß` → `ss`),
/// any other space a space, and everything else `?`.
pub fn drawable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            ' '..='~' => out.push(c),
            _ => out.push_str(replacement(c)),
        }
    }
    out
}

fn replacement(c: char) -> &'static str {
    if let Some(base) = latin_base(c) {
        return base;
    }
    match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{2043}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => "-",
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' | '\u{02BC}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => "\"",
        '\u{2039}' => "<",
        '\u{203A}' => ">",
        '\u{2026}' => "...",
        '\u{00B7}' | '\u{2022}' | '\u{2219}' => ".",
        '\u{00D7}' => "x",
        '\u{00F7}' => "/",
        '\u{2044}' | '\u{2215}' => "/",
        '\u{00A9}' => "(c)",
        '\u{00AE}' => "(R)",
        '\u{2122}' => "TM",
        '\u{20AC}' => "EUR",
        '\u{00A3}' => "GBP",
        c if c.is_whitespace() => " ",
        _ => "?",
    }
}

/// The ASCII base of a Latin letter with a diacritic (Latin-1 and Latin Extended-A), or of a
/// ligature, when there is a simple one.
fn latin_base(c: char) -> Option<&'static str> {
    let base = match c {
        'À'..='Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'à'..='å' | 'ā' | 'ă' | 'ą' => "a",
        'Æ' => "AE",
        'æ' => "ae",
        'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' => "C",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'Ð' | 'Ď' | 'Đ' => "D",
        'ð' | 'ď' | 'đ' => "d",
        'È'..='Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => "E",
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => "G",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'Ĥ' | 'Ħ' => "H",
        'ĥ' | 'ħ' => "h",
        'Ì'..='Ï' | 'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' => "I",
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'Ĳ' => "IJ",
        'ĳ' => "ij",
        'Ĵ' => "J",
        'ĵ' => "j",
        'Ķ' => "K",
        'ķ' | 'ĸ' => "k",
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' => "L",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'Ñ' | 'Ń' | 'Ņ' | 'Ň' | 'Ŋ' => "N",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' | 'ŋ' => "n",
        'Ò'..='Ö' | 'Ø' | 'Ō' | 'Ŏ' | 'Ő' => "O",
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'Œ' => "OE",
        'œ' => "oe",
        'Ŕ' | 'Ŗ' | 'Ř' => "R",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'Ś' | 'Ŝ' | 'Ş' | 'Š' => "S",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' => "s",
        'ß' => "ss",
        'Ţ' | 'Ť' | 'Ŧ' => "T",
        'ţ' | 'ť' | 'ŧ' => "t",
        'Þ' => "TH",
        'þ' => "th",
        'Ù'..='Ü' | 'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' => "U",
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'Ŵ' => "W",
        'ŵ' => "w",
        'Ý' | 'Ŷ' | 'Ÿ' => "Y",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'Ź' | 'Ż' | 'Ž' => "Z",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    };
    Some(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_quotes_and_ellipsis_become_ascii() {
        assert_eq!(drawable("PI 2026.4 – Planning"), "PI 2026.4 - Planning");
        assert_eq!(drawable("A—B−C"), "A-B-C");
        assert_eq!(drawable("“Go” ‘now’"), "\"Go\" 'now'");
        assert_eq!(drawable("Wait…"), "Wait...");
    }

    #[test]
    fn latin_letters_keep_their_base_and_the_rest_is_a_question_mark() {
        assert_eq!(drawable("Équipe Ångström Łódź Straße"), "Equipe Angstrom Lodz Strasse");
        assert_eq!(drawable("Zürich Æsir"), "Zurich AEsir");
        assert_eq!(drawable("火 🚀 x"), "? ? x");
        assert_eq!(drawable("a\u{00A0}b"), "a b");
    }

    #[test]
    fn the_result_is_always_printable_ascii() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).filter(|c| !c.is_control()).collect();
        assert!(drawable(&all).chars().all(|c| (' '..='~').contains(&c)));
        assert_eq!(drawable("Plain ASCII stays as is: 1-2_3!"), "Plain ASCII stays as is: 1-2_3!");
    }
}
