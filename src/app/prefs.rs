//! The settings part of [`super::App`]: what the config file and the command line chose (key
//! map, theme, presenting defaults, where moved cards land), where the files are, and the clock.
//! Set up before the first frame; `update` only reads them.

use crate::keymap::KeyMap;

/// How this run of the app is set up.
pub struct Prefs {
    pub(in crate::app) keymap: KeyMap,
    pub(in crate::app) theme: crate::theme::Theme,
    /// Where the files are, for the status line.
    pub(in crate::app) origin: String,
    /// The clock used for history entries (RFC 3339); replaced in tests.
    pub(in crate::app) clock: fn() -> String,
    /// How presenting starts and looks (from the config).
    pub(in crate::app) presentation: crate::theme::PresentationDefaults,
    /// Where a card moved to another column lands (`moved_cards` in the config).
    pub(in crate::app) landing: crate::model::ops::Landing,
}

impl Prefs {
    pub fn new(origin: String) -> Prefs {
        Prefs {
            keymap: KeyMap::default(),
            theme: crate::theme::Theme::default(),
            origin,
            clock: crate::clock::now_rfc3339,
            presentation: Default::default(),
            landing: Default::default(),
        }
    }
}
