//! Read access to the parts of [`App`] for the rest of the crate: the renderer, the shell and
//! the tests see every field through these `&self` getters, while only `crate::app` (that is,
//! `update` and what it calls) can change them. The few settings the shell sets up before the
//! first frame have their own setters here too.

use ratatui::layout::Rect;

use crate::history::History;
use crate::keymap::{Action, KeyMap};
use crate::model::Workspace;
use crate::model::ops::Landing;
use crate::theme::{PresentationDefaults, Theme};

use super::filter::Filter;
use super::marks::Unseen;
use super::objectives::ObjectivesView;
use super::state::{App, ConflictView, Mode, Status};

/// The session, the selection, the view and the news from outside, read-only.
impl App {
    /// The boards in memory.
    pub fn ws(&self) -> &Workspace {
        &self.session.ws
    }

    /// The undo history of the session.
    pub fn history(&self) -> &History {
        &self.session.history
    }

    /// The workspace, for a caller done with the app.
    pub fn into_ws(self) -> Workspace {
        self.session.ws
    }

    /// Index of the board shown (see [`App::current_board`] for the board itself).
    pub fn board_index(&self) -> usize {
        self.selection.board
    }

    /// Cards marked with Space on the current board, in the order they were marked.
    pub fn marks(&self) -> &[String] {
        &self.selection.marks
    }

    /// The filter hiding the cards that do not match it.
    pub fn filter(&self) -> Option<&Filter> {
        self.selection.filter.as_ref()
    }

    /// What has the keyboard.
    pub fn mode(&self) -> &Mode {
        &self.view.mode
    }

    /// The status line's message.
    pub fn status(&self) -> Option<&Status> {
        self.view.status.as_ref()
    }

    /// The last messages shown, oldest first.
    pub fn messages(&self) -> &std::collections::VecDeque<Status> {
        &self.view.messages
    }

    /// The terminal size last told by `Msg::Resize`.
    pub fn screen(&self) -> Rect {
        self.view.screen
    }

    /// Presenting on a shared screen; `Some(true)` once editing was unlocked.
    pub fn presenting(&self) -> Option<bool> {
        self.view.presenting
    }

    /// The objectives view's selection and prompt.
    pub fn objectives(&self) -> &ObjectivesView {
        &self.view.objectives
    }

    /// Cards changed by someone else, marked until the given instant.
    pub fn marked(&self) -> &std::collections::HashMap<String, std::time::Instant> {
        &self.external.marked
    }

    /// Boards whose file no longer parses, with the problem.
    pub fn broken(&self) -> &std::collections::HashMap<String, String> {
        &self.external.broken
    }

    /// Unresolved save conflicts, oldest first.
    pub fn conflicts(&self) -> &[ConflictView] {
        &self.external.conflicts
    }

    /// Boards and objectives changed by others and not seen yet.
    pub fn unseen(&self) -> &Unseen {
        &self.external.unseen
    }
}

/// The settings: read by everyone, set up by the shell before the first frame.
impl App {
    pub fn keymap(&self) -> &KeyMap {
        &self.prefs.keymap
    }

    /// The first key of `action` in the live key map, for a title, footer or message.
    pub fn key(&self, action: Action) -> String {
        self.prefs.keymap.key_of(action)
    }

    /// What the room is told when a change is tried while presenting locked.
    pub fn read_only_message(&self) -> String {
        format!("read-only while presenting; {} unlocks editing", self.key(Action::UnlockEditing))
    }

    /// Two actions' keys for a title, footer or message, e.g. `j/k`.
    pub fn key_pair(&self, first: Action, second: Action) -> String {
        format!("{}/{}", self.key(first), self.key(second))
    }

    pub fn theme(&self) -> Theme {
        self.prefs.theme
    }

    /// Where the files are, for the status line.
    pub fn origin(&self) -> &str {
        &self.prefs.origin
    }

    /// The clock used for history entries (RFC 3339).
    pub fn clock(&self) -> fn() -> String {
        self.prefs.clock
    }

    pub fn presentation(&self) -> PresentationDefaults {
        self.prefs.presentation
    }

    /// Where a card moved to another column lands.
    pub fn landing(&self) -> Landing {
        self.prefs.landing
    }

    /// Applies the settings of the config file (keys, colours, presenting defaults, where
    /// moved cards land); presenting starts if `presentation.start` says so.
    pub fn configure(&mut self, keymap: KeyMap, theme: Theme, presentation: PresentationDefaults, landing: Landing) {
        self.prefs.keymap = keymap;
        self.prefs.theme = theme;
        self.prefs.presentation = presentation;
        self.prefs.landing = landing;
    }

    /// Starts presenting, locked (`read_only`) or not, as the config asks at start.
    pub fn start_presenting(&mut self, read_only: bool) {
        self.view.presenting = Some(!read_only);
    }

    /// The key map, to rebind keys after the config was applied (the tests of rebinding).
    pub fn keymap_mut(&mut self) -> &mut KeyMap {
        &mut self.prefs.keymap
    }

    /// Replaces the colours alone (the tests of themes and contrast).
    pub fn set_theme(&mut self, theme: Theme) {
        self.prefs.theme = theme;
    }

    /// Replaces the clock of history entries (tests pin it to a fixed time).
    pub fn set_clock(&mut self, clock: fn() -> String) {
        self.prefs.clock = clock;
    }
}
