//! WCAG 2 contrast ratios of a theme's colours against the background it is made for, so a test
//! can hold every theme to a floor. Named and indexed colours are taken as xterm's defaults
//! (what most terminals ship); a terminal with its own palette may differ.

use ratatui::style::{Color, Modifier, Style};

use super::{KIND_ORDER, LIGHT_BACKGROUND, Theme};

pub type Rgb = (u8, u8, u8);

/// The terminal background and default foreground a theme is made for.
pub fn canvas(name: &str) -> (Rgb, Rgb) {
    if LIGHT_BACKGROUND.contains(&name) { ((0xff, 0xff, 0xff), (0, 0, 0)) } else { ((0, 0, 0), (0xe5, 0xe5, 0xe5)) }
}

/// xterm's RGB for a colour; `None` for `Reset` (the terminal's own).
pub fn rgb(color: Color) -> Option<Rgb> {
    const BASIC: [Rgb; 16] = [
        (0, 0, 0),
        (0xcd, 0, 0),
        (0, 0xcd, 0),
        (0xcd, 0xcd, 0),
        (0, 0, 0xee),
        (0xcd, 0, 0xcd),
        (0, 0xcd, 0xcd),
        (0xe5, 0xe5, 0xe5),
        (0x7f, 0x7f, 0x7f),
        (0xff, 0, 0),
        (0, 0xff, 0),
        (0xff, 0xff, 0),
        (0x5c, 0x5c, 0xff),
        (0xff, 0, 0xff),
        (0, 0xff, 0xff),
        (0xff, 0xff, 0xff),
    ];
    let index = match color {
        Color::Reset => return None,
        Color::Rgb(r, g, b) => return Some((r, g, b)),
        Color::Indexed(i) => i,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
    };
    Some(match index {
        0..=15 => BASIC[index as usize],
        16..=231 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            let i = index - 16;
            (level(i / 36), level((i / 6) % 6), level(i % 6))
        }
        _ => {
            let v = 8 + (index - 232) * 10;
            (v, v, v)
        }
    })
}

/// Relative luminance (WCAG 2).
pub fn luminance((r, g, b): Rgb) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// The contrast ratio of two colours, 1 to 21.
pub fn ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The colours a style draws with on the theme's canvas: (foreground, background), reverse
/// video applied.
pub fn drawn(style: Style, (bg, fg): (Rgb, Rgb)) -> (Rgb, Rgb) {
    let f = style.fg.and_then(rgb).unwrap_or(fg);
    let b = style.bg.and_then(rgb).unwrap_or(bg);
    if style.add_modifier.contains(Modifier::REVERSED) { (b, f) } else { (f, b) }
}

/// Every foreground/background pair the theme draws text with, by name, and its ratio.
pub fn pairs(theme: &Theme, name: &str) -> Vec<(String, f64)> {
    let canvas = canvas(name);
    let styles = [
        ("text", theme.text),
        ("dim", theme.dim),
        ("accent", theme.accent),
        ("border", theme.border),
        ("border_selected", theme.border_selected),
        ("header", theme.header),
        // A column's name is drawn on its border, so it takes the border's colour unless the
        // header names its own.
        ("column name", theme.border.patch(theme.header)),
        ("selected column name", theme.border_selected.patch(theme.header).patch(theme.accent)),
        ("over_limit", theme.over_limit),
        ("at_limit", theme.at_limit),
        ("selected_card", theme.selected_card),
        ("blocked", theme.blocked),
        ("done", theme.done),
        ("tab", theme.tab),
        ("tab_selected", theme.tab_selected),
        ("status", theme.status),
        ("success", theme.success),
        ("error", theme.error),
        ("key_hint", theme.key_hint),
        ("marked", theme.marked),
    ];
    let mut out: Vec<(String, f64)> = styles
        .iter()
        .map(|(what, style)| {
            let (f, b) = drawn(*style, canvas);
            (what.to_string(), ratio(f, b))
        })
        .collect();
    if theme.colored {
        for (kind, color) in KIND_ORDER.iter().zip(theme.kinds) {
            let (f, b) = drawn(Style::new().fg(color), canvas);
            out.push((format!("kind {}", kind.name()), ratio(f, b)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_match_wcag_reference_values() {
        assert!((ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((ratio((255, 255, 255), (255, 255, 255)) - 1.0).abs() < 1e-9);
        // #777777 on white is the well-known 4.48:1.
        assert!((ratio((0x77, 0x77, 0x77), (255, 255, 255)) - 4.48).abs() < 0.01);
        assert_eq!(rgb(Color::Indexed(130)), Some((0xaf, 0x5f, 0x00)));
        assert_eq!(rgb(Color::Indexed(254)), Some((0xe4, 0xe4, 0xe4)));
        assert_eq!(rgb(Color::Indexed(16)), Some((0, 0, 0)));
        assert_eq!(rgb(Color::Reset), None);
    }
}
