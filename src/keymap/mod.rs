//! The one place that names every action and binds keys to them: the registry
//! ([`registry::ACTIONS`]: name, help line, key map, default keys) and the live key map, one
//! per scope (the board, presenting, details, objectives, views, conflicts, dialogs, questions,
//! the menus). The help overlay, the status line's hints and the README key table are made
//! from the live map, so they show the keys the user really has.

mod key;
mod registry;

pub use key::Key;
pub use registry::{ACTIONS, Action, ActionInfo, Scope};

use ratatui::crossterm::event::KeyEvent;

/// Keys bound to actions, each in the key map of its action's scope; several keys may share
/// one action, and one key may mean different things in different scopes.
#[derive(Debug, Clone)]
pub struct KeyMap {
    bindings: Vec<(Key, Action)>,
}

impl Default for KeyMap {
    fn default() -> KeyMap {
        let bindings = ACTIONS.iter().flat_map(|info| info.keys.iter().map(|k| (*k, info.action))).collect();
        KeyMap { bindings }
    }
}

/// Two actions of one key map given the same key by the config, or a default key taken from
/// an action that then has none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clash {
    /// `key` was given to both actions; the later one (`second`) got it.
    Twice { key: Key, first: Action, second: Action },
    /// `key` was `lost`'s only key; it now does `taker`, and `lost` has no key left.
    Unreachable { key: Key, lost: Action, taker: Action },
}

impl std::fmt::Display for Clash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Clash::Twice { key, first, second } => write!(
                f,
                "\"{key}\" is given to both {} and {} ({}); it does {}",
                first.info().name,
                second.info().name,
                second.scope().title(),
                second.info().name
            ),
            Clash::Unreachable { key, lost, taker } => write!(
                f,
                "\"{key}\" now does {} and {} has no key left; give it one",
                taker.info().name,
                lost.info().name
            ),
        }
    }
}

impl KeyMap {
    /// The board's action for `event`.
    pub fn action_for(&self, event: &KeyEvent) -> Option<Action> {
        self.action_in(&[Scope::Board], event)
    }

    /// The action `event` means in the first of `scopes` that binds it: a view's own keys
    /// come before the board's (`B` plans an objective's value in the objectives view).
    pub fn action_in(&self, scopes: &[Scope], event: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        scopes
            .iter()
            .find_map(|scope| self.bindings.iter().find(|(k, a)| *k == key && a.scope() == *scope).map(|(_, a)| *a))
    }

    /// The keys bound to `action`, in binding order.
    pub fn keys_for(&self, action: Action) -> Vec<Key> {
        self.bindings.iter().filter(|(_, a)| *a == action).map(|(k, _)| *k).collect()
    }

    /// The first key of `action`, for a hint (`?`), or nothing when it has none.
    pub fn key_of(&self, action: Action) -> String {
        self.keys_for(action).first().map(ToString::to_string).unwrap_or_default()
    }

    /// The keys of `action` joined for display, e.g. `h ←`.
    pub fn keys_label(&self, action: Action) -> String {
        self.keys_for(action).iter().map(Key::to_string).collect::<Vec<_>>().join(" ")
    }

    /// Binds `keys` to `action` in place of its current keys (a user override). A key another
    /// action of the same key map had now does `action`; the clashes say what was lost.
    pub fn rebind(&mut self, action: Action, keys: &[Key]) -> Vec<Clash> {
        let scope = action.scope();
        let taken: Vec<(Key, Action)> = self
            .bindings
            .iter()
            .filter(|(k, a)| *a != action && a.scope() == scope && keys.contains(k))
            .copied()
            .collect();
        self.bindings.retain(|(k, a)| *a != action && !(a.scope() == scope && keys.contains(k)));
        self.bindings.extend(keys.iter().map(|k| (*k, action)));
        taken
            .into_iter()
            .filter(|(_, lost)| self.keys_for(*lost).is_empty())
            .map(|(key, lost)| Clash::Unreachable { key, lost, taker: action })
            .collect()
    }

    /// Help rows of one key map: keys and what they do, one per action, in registry order.
    pub fn help_rows_of(&self, scope: Scope) -> Vec<(String, &'static str)> {
        ACTIONS
            .iter()
            .filter(|info| info.scope == scope)
            .map(|info| (self.keys_label(info.action), info.doc))
            .filter(|(keys, _)| !keys.is_empty())
            .collect()
    }

    /// The key table for the README, in Markdown: one section a key map.
    pub fn markdown_table(&self) -> String {
        let mut out = String::new();
        for scope in Scope::ALL {
            let rows = self.help_rows_of(scope);
            if rows.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!("| {} | action | config name |\n|---|---|---|\n", scope.title()));
            for info in ACTIONS.iter().filter(|info| info.scope == scope) {
                let keys = self.keys_for(info.action);
                if keys.is_empty() {
                    continue;
                }
                let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
                out.push_str(&format!("| {} | {} | `{}` |\n", keys.join(" "), info.doc, info.name));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn shifted_letters_and_arrows_are_told_apart() {
        let map = KeyMap::default();
        let ev = |code, mods| KeyEvent::new(code, mods);
        assert_eq!(map.action_for(&ev(KeyCode::Char('H'), KeyModifiers::SHIFT)), Some(Action::MoveItemLeft));
        assert_eq!(map.action_for(&ev(KeyCode::Char('h'), KeyModifiers::NONE)), Some(Action::SelectPrevColumn));
        assert_eq!(map.action_for(&ev(KeyCode::Left, KeyModifiers::SHIFT)), Some(Action::MoveItemLeft));
        assert_eq!(map.action_for(&ev(KeyCode::BackTab, KeyModifiers::SHIFT)), Some(Action::PrevBoard));
        assert_eq!(map.action_for(&ev(KeyCode::Char('r'), KeyModifiers::CONTROL)), Some(Action::Redo));
    }

    #[test]
    fn keys_parse_and_print_back() {
        for text in ["h", "H", "Ctrl+r", "Shift+←", "Tab", "Shift+Tab", "Enter", "Esc", "?", "/"] {
            let key = Key::parse(text).expect(text);
            assert_eq!(key.to_string(), text);
        }
        assert_eq!(Key::parse("shift+h"), Key::parse("H"));
        assert_eq!(Key::parse("Hyper+x"), None);
    }

    /// Every variant of `Action` (the enum and the registry are declared by one macro, so
    /// this walks the enum's discriminants) has its registry entry, a unique name, at least
    /// one default key, and no default key another action of its key map also has.
    #[test]
    fn every_action_is_registered_with_a_key_and_no_default_clashes() {
        let map = KeyMap::default();
        let mut names = std::collections::HashSet::new();
        for (index, info) in ACTIONS.iter().enumerate() {
            let action = info.action;
            assert_eq!(action as usize, index, "{} is in enum order", info.name);
            assert_eq!(action.info().name, info.name);
            assert!(names.insert(info.name), "{} is named twice", info.name);
            assert_eq!(Action::from_name(info.name), Some(action));
            assert!(!map.keys_for(action).is_empty(), "{} has no key", info.name);
            assert!(!info.doc.is_empty() && info.doc.len() <= 88, "{}: one help line", info.name);
            for key in info.keys {
                let same: Vec<&str> = ACTIONS
                    .iter()
                    .filter(|o| o.scope == info.scope && o.action != action && o.keys.contains(key))
                    .map(|o| o.name)
                    .collect();
                assert!(same.is_empty(), "{key} is the key of {} and {same:?} in {:?}", info.name, info.scope);
            }
        }
        assert!(Scope::ALL.iter().all(|s| ACTIONS.iter().any(|i| i.scope == *s)), "every key map has actions");
    }

    #[test]
    fn a_scope_looks_at_its_own_keys_first() {
        let map = KeyMap::default();
        let b = KeyEvent::new(KeyCode::Char('B'), KeyModifiers::SHIFT);
        assert_eq!(map.action_for(&b), Some(Action::ToggleBlocked));
        assert_eq!(map.action_in(&[Scope::Objectives, Scope::Board], &b), Some(Action::SetPlannedValue));
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(map.action_in(&[Scope::Dialog], &esc), Some(Action::Cancel));
        assert_eq!(map.action_in(&[Scope::Question], &esc), Some(Action::No));
    }

    #[test]
    fn rebinding_a_key_another_action_needs_says_so() {
        let mut map = KeyMap::default();
        assert!(map.rebind(Action::Quit, &[Key::char('x')]).is_empty(), "x is free on the board");
        let clashes = map.rebind(Action::Search, &[Key::char('?')]);
        assert_eq!(clashes, [Clash::Unreachable { key: Key::char('?'), lost: Action::Help, taker: Action::Search }]);
        assert!(clashes[0].to_string().contains("help has no key left"));
        // Another scope's `x` is untouched: the criterion tick keeps it in the details.
        assert_eq!(map.keys_label(Action::ToggleCriterion), "x");
    }
}
