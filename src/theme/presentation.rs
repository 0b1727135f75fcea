//! How presentation mode starts, as the config sets it: read-only or not, its palette, and
//! whether trainboard opens presenting.

use super::Theme;

/// Presentation defaults from the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PresentationDefaults {
    pub read_only: bool,
    pub theme: Theme,
    pub start: bool,
}

impl Default for PresentationDefaults {
    fn default() -> PresentationDefaults {
        PresentationDefaults { read_only: true, theme: Theme::high_contrast(), start: false }
    }
}
