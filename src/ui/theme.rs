//! Colours and text styles in one place, so views never pick colours themselves.

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
        }
    }

    /// The colour that marks a card's kind on its left edge.
    pub fn kind(&self, kind: Kind) -> Style {
        let color = match kind {
            Kind::Epic => Color::Magenta,
            Kind::Capability => Color::LightMagenta,
            Kind::Feature => Color::Blue,
            Kind::Enabler => Color::Yellow,
            Kind::Story => Color::Green,
            Kind::Spike => Color::LightCyan,
            Kind::Defect => Color::LightRed,
            Kind::Risk => Color::Red,
        };
        Style::new().fg(color)
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::dark()
    }
}
