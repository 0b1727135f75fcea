//! Colours and text styles in one place, so views never pick colours themselves. Colour is
//! never the only sign of anything: the views pair every coloured state with a word or symbol
//! (OVER, BLOCKED, LATE, ▶ for the selection, ✎ for changes by others, "in band"). Below
//! `app`, `config` and `ui`, which all use it: `config` picks a theme by name, `App` holds it,
//! `ui` draws with it.

pub mod contrast;
pub mod presentation;

pub use presentation::PresentationDefaults;

use ratatui::style::{Color, Modifier, Style};

use crate::model::Kind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub accent: Style,
    pub border: Style,
    pub border_selected: Style,
    pub header: Style,
    pub over_limit: Style,
    pub at_limit: Style,
    pub selected_card: Style,
    pub blocked: Style,
    pub done: Style,
    pub tab: Style,
    pub tab_selected: Style,
    pub status: Style,
    pub success: Style,
    pub error: Style,
    pub key_hint: Style,
    pub dialog: Style,
    /// Cards someone else just changed.
    pub marked: Style,
    /// The colour of each kind, in [`KIND_ORDER`].
    pub kinds: [Color; 8],
    /// The colours of the charts' series (columns), in turn; the done column uses `done`.
    pub series: [Color; 8],
    /// False under `NO_COLOR`: kinds and charts draw without colour.
    pub colored: bool,
}

/// The kinds in the order of [`Theme::kinds`].
pub const KIND_ORDER: [Kind; 8] =
    [Kind::Epic, Kind::Capability, Kind::Feature, Kind::Enabler, Kind::Story, Kind::Spike, Kind::Defect, Kind::Risk];

/// The theme names the config accepts.
pub const THEME_NAMES: &[&str] = &["dark", "light", "high-contrast", "high-contrast-light", "okabe-ito"];

/// The themes made for light terminal backgrounds (the rest are for dark ones).
pub const LIGHT_BACKGROUND: &[&str] = &["light", "high-contrast-light"];

/// The palette presenting uses when the config names none: the high-contrast one for the
/// background the everyday theme `name` is made for, so a light terminal stays readable.
pub fn presentation_default(name: Option<&str>) -> Theme {
    if name.is_some_and(|n| LIGHT_BACKGROUND.contains(&n)) {
        Theme::high_contrast_light()
    } else {
        Theme::high_contrast()
    }
}

/// The Okabe–Ito palette, told apart with every common kind of colour blindness.
pub mod okabe_ito {
    use ratatui::style::Color;

    pub const ORANGE: Color = Color::Rgb(0xE6, 0x9F, 0x00);
    pub const SKY_BLUE: Color = Color::Rgb(0x56, 0xB4, 0xE9);
    pub const BLUISH_GREEN: Color = Color::Rgb(0x00, 0x9E, 0x73);
    pub const YELLOW: Color = Color::Rgb(0xF0, 0xE4, 0x42);
    pub const BLUE: Color = Color::Rgb(0x00, 0x72, 0xB2);
    pub const VERMILLION: Color = Color::Rgb(0xD5, 0x5E, 0x00);
    pub const REDDISH_PURPLE: Color = Color::Rgb(0xCC, 0x79, 0xA7);
    pub const BLACK: Color = Color::Rgb(0, 0, 0);
}

impl Theme {
    pub fn dark() -> Theme {
        let plain = Style::new();
        Theme {
            text: plain,
            dim: Style::new().fg(Color::Gray).add_modifier(Modifier::DIM),
            accent: Style::new().fg(Color::Cyan),
            border: Style::new().fg(Color::DarkGray),
            border_selected: Style::new().fg(Color::Cyan),
            header: Style::new().add_modifier(Modifier::BOLD),
            over_limit: Style::new().fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD),
            at_limit: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            selected_card: Style::new().bg(Color::Indexed(237)),
            blocked: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            done: Style::new().fg(Color::Green),
            tab: Style::new().fg(Color::Gray),
            tab_selected: Style::new().fg(Color::Black).bg(Color::Cyan).add_modifier(Modifier::BOLD),
            status: Style::new().fg(Color::Gray),
            success: Style::new().fg(Color::Green),
            error: Style::new().fg(Color::White).bg(Color::Red),
            key_hint: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            dialog: Style::new(),
            marked: Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::BOLD),
            kinds: [
                Color::Magenta,
                Color::LightMagenta,
                // Plain blue is 2.2:1 on black; the light blue reads.
                Color::LightBlue,
                Color::Yellow,
                Color::Green,
                Color::LightCyan,
                Color::LightRed,
                Color::Red,
            ],
            series: [
                Color::Blue,
                Color::Cyan,
                Color::Magenta,
                Color::Yellow,
                Color::LightBlue,
                Color::LightMagenta,
                Color::LightCyan,
                Color::Green,
            ],
            colored: true,
        }
    }

    /// The colour that marks a card's kind on its left edge.
    pub fn kind(&self, kind: Kind) -> Style {
        if !self.colored {
            return Style::new();
        }
        let slot = KIND_ORDER.iter().position(|k| *k == kind).unwrap_or(0);
        Style::new().fg(self.kinds[slot])
    }
}

impl Theme {
    /// For light terminal backgrounds. Every text colour has at least 4.5:1 contrast on white
    /// and the borders 3:1 (WCAG AA; `theme::contrast` computes it, a test holds it).
    pub fn light() -> Theme {
        let grey = Color::Indexed(242); // #6c6c6c, 5.3:1
        let green = Color::Indexed(28); // #008700, 4.7:1
        Theme {
            dim: Style::new().fg(grey),
            border: Style::new().fg(Color::Indexed(245)), // #8a8a8a, 3.4:1
            border_selected: Style::new().fg(Color::Blue),
            // Column names are drawn on their border: they name their own colour.
            header: Style::new().fg(Color::Black).add_modifier(Modifier::BOLD),
            accent: Style::new().fg(Color::Blue),
            selected_card: Style::new().bg(Color::Indexed(254)),
            done: Style::new().fg(green),
            tab: Style::new().fg(grey),
            tab_selected: Style::new().fg(Color::White).bg(Color::Blue).add_modifier(Modifier::BOLD),
            status: Style::new().fg(grey),
            success: Style::new().fg(green),
            key_hint: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            at_limit: Style::new().fg(Color::Indexed(130)).add_modifier(Modifier::BOLD),
            kinds: [
                Color::Magenta,
                Color::Indexed(127), // #af00af
                Color::Blue,
                Color::Indexed(130), // Enabler: #af5f00, 4.7:1 (yellow was 1.7:1)
                green,
                Color::Indexed(24),  // #005f87
                Color::Indexed(124), // #af0000
                Color::Red,
            ],
            ..Theme::dark()
        }
    }

    /// White on black with bold and reverse, and only colours of at least 4.5:1 on black:
    /// readable on a projector.
    pub fn high_contrast() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reverse = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        Theme {
            blocked: bold.fg(Color::LightRed),
            kinds: [
                Color::Indexed(213), // #ff87ff
                Color::LightMagenta,
                Color::Indexed(75), // #5fafff
                Color::Yellow,
                Color::Green,
                Color::LightCyan,
                Color::LightRed,
                Color::Indexed(203), // #ff5f5f
            ],
            text: Style::new().fg(Color::White),
            dim: Style::new().fg(Color::White),
            accent: bold.fg(Color::White),
            border: Style::new().fg(Color::White),
            border_selected: bold.fg(Color::Yellow),
            selected_card: reverse,
            tab: Style::new().fg(Color::White),
            tab_selected: reverse,
            status: Style::new().fg(Color::White),
            key_hint: bold.fg(Color::Yellow),
            ..Theme::dark()
        }
    }

    /// [`Theme::high_contrast`] for light backgrounds: black on white with bold and reverse,
    /// every colour at least 4.5:1 on white, for presenting from a light terminal.
    pub fn high_contrast_light() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reverse = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        let black = Style::new().fg(Color::Black);
        Theme {
            text: black,
            dim: black,
            accent: bold.fg(Color::Black),
            border: black,
            border_selected: bold.fg(Color::Blue),
            header: bold.fg(Color::Black),
            selected_card: reverse,
            tab: black,
            tab_selected: reverse,
            status: black,
            key_hint: bold.fg(Color::Blue),
            ..Theme::light()
        }
    }

    /// No colours at all (`NO_COLOR`): emphasis by bold, underline and reverse video.
    pub fn no_color() -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        let reverse = plain.add_modifier(Modifier::REVERSED);
        Theme {
            text: plain,
            dim: plain,
            accent: bold,
            border: plain,
            border_selected: bold,
            header: bold,
            over_limit: reverse.add_modifier(Modifier::BOLD),
            at_limit: bold,
            selected_card: reverse,
            blocked: bold.add_modifier(Modifier::UNDERLINED),
            done: plain,
            tab: plain,
            tab_selected: reverse,
            status: plain,
            success: plain,
            error: reverse,
            key_hint: bold,
            dialog: plain,
            marked: reverse.add_modifier(Modifier::BOLD),
            kinds: [Color::Reset; 8],
            series: [Color::Reset; 8],
            colored: false,
        }
    }

    /// The Okabe–Ito palette on a dark background, safe with colour blindness.
    pub fn okabe_ito() -> Theme {
        use okabe_ito::*;
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            accent: Style::new().fg(SKY_BLUE),
            border_selected: Style::new().fg(SKY_BLUE),
            over_limit: bold.fg(BLACK).bg(VERMILLION),
            at_limit: bold.fg(ORANGE),
            blocked: bold.fg(VERMILLION),
            done: Style::new().fg(BLUISH_GREEN),
            tab_selected: bold.fg(BLACK).bg(SKY_BLUE),
            success: Style::new().fg(BLUISH_GREEN),
            error: Style::new().fg(BLACK).bg(VERMILLION),
            key_hint: bold.fg(SKY_BLUE),
            marked: bold.fg(BLACK).bg(YELLOW),
            kinds: [REDDISH_PURPLE, REDDISH_PURPLE, SKY_BLUE, YELLOW, BLUISH_GREEN, ORANGE, VERMILLION, VERMILLION],
            series: [BLUE, SKY_BLUE, ORANGE, YELLOW, REDDISH_PURPLE, VERMILLION, BLUE, SKY_BLUE],
            ..Theme::dark()
        }
    }

    /// A theme by its name in the config file.
    pub fn named(name: &str) -> Option<Theme> {
        match name {
            "dark" => Some(Theme::dark()),
            "light" => Some(Theme::light()),
            "high-contrast" => Some(Theme::high_contrast()),
            "high-contrast-light" => Some(Theme::high_contrast_light()),
            "okabe-ito" => Some(Theme::okabe_ito()),
            _ => None,
        }
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::dark()
    }
}
