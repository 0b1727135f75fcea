//! The one pick-from-a-list dialog (iteration, team, kind, target board, what to archive or restore): a list of choices,
//! typing narrows it (every word must appear, ignoring case), ↑/↓ select, Enter picks.

use ratatui::crossterm::event::KeyEvent;

use crate::keymap::Action;

use super::input::LineInput;
use super::state::{App, Effect, Mode};

/// What the picked value is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickFor {
    Iteration,
    Team,
    Kind,
    /// Moving a story to another team board (values are board keys).
    MoveToTeam,
    /// Going to a board (values are board keys; no item).
    Board,
    /// What to archive of the board (`id` is the board key; values name the selection).
    Archive,
    /// An archived item to restore (`id` is the board key; values are item ids).
    Restore,
    /// Where the cards of a column being deleted go (`id` is the column's name; values are
    /// column names).
    CardsTo,
    /// The level of a new board (values are level names).
    NewBoardLevel,
}

/// One entry of the list: what is shown, and the value picked (`None` clears the field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    pub value: Option<String>,
    /// The item's current value.
    pub current: bool,
}

impl Choice {
    pub fn new(label: impl Into<String>, value: Option<String>, current: bool) -> Choice {
        Choice { label: label.into(), value, current }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    /// The item the pick applies to.
    pub id: String,
    pub purpose: PickFor,
    pub title: String,
    pub choices: Vec<Choice>,
    pub input: LineInput,
    /// Index into [`Picker::shown`].
    pub selected: usize,
}

/// What a key did to the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Open,
    Cancelled,
    Picked(Choice),
}

impl Picker {
    /// A picker with the current choice selected.
    pub fn new(id: impl Into<String>, purpose: PickFor, title: impl Into<String>, choices: Vec<Choice>) -> Picker {
        let selected = choices.iter().position(|c| c.current).unwrap_or(0);
        Picker { id: id.into(), purpose, title: title.into(), choices, input: LineInput::default(), selected }
    }

    /// Indices of the choices that match what was typed, in list order.
    pub fn shown(&self) -> Vec<usize> {
        let query = self.input.text().to_lowercase();
        let words: Vec<&str> = query.split_whitespace().collect();
        (0..self.choices.len())
            .filter(|&i| {
                let label = self.choices[i].label.to_lowercase();
                words.iter().all(|w| label.contains(w))
            })
            .collect()
    }

    /// The choice Enter would pick.
    pub fn selected_choice(&self) -> Option<&Choice> {
        self.shown().get(self.selected).map(|&i| &self.choices[i])
    }

    /// Typed or pasted text: narrows the list and selects its first entry.
    pub fn insert_str(&mut self, text: &str) {
        self.input.insert_str(text);
        self.selected = 0;
    }

    /// A key, with what the dialog key map makes of it (`action`; `None` for typing).
    pub fn on_key(&mut self, key: &KeyEvent, action: Option<Action>) -> Outcome {
        let count = self.shown().len();
        match action {
            Some(Action::Cancel) => return Outcome::Cancelled,
            Some(Action::Confirm) => {
                return match self.selected_choice() {
                    Some(choice) => Outcome::Picked(choice.clone()),
                    None => Outcome::Open,
                };
            }
            Some(Action::ChooseNext | Action::NextField) => {
                self.selected = (self.selected + 1).min(count.saturating_sub(1))
            }
            Some(Action::ChoosePrev | Action::PrevField) => self.selected = self.selected.saturating_sub(1),
            Some(Action::ChoosePageDown) => self.selected = (self.selected + 10).min(count.saturating_sub(1)),
            Some(Action::ChoosePageUp) => self.selected = self.selected.saturating_sub(10),
            _ => {
                let before = self.input.text();
                if self.input.handle(key) && self.input.text() != before {
                    self.selected = 0;
                }
            }
        }
        Outcome::Open
    }
}

impl super::component::Dialog for Picker {
    fn hints(&self, app: &App) -> Vec<(String, &'static str)> {
        vec![
            ("type".to_string(), "narrow"),
            (app.key_pair(Action::ChooseNext, Action::ChoosePrev), "choose"),
            (app.key(Action::Confirm), "pick"),
            (app.key(Action::Cancel), "cancel"),
        ]
    }
    fn handle(self: Box<Self>, app: &mut App, key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>) {
        if super::columns::owns(&self) {
            super::columns::on_picker(app, *self, key, action)
        } else {
            super::quick::on_picker(app, *self, key, action)
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::*;

    /// A key as a dialog gets it: with what the default key map makes of it.
    fn press(p: &mut Picker, code: KeyCode) -> Outcome {
        let key = KeyEvent::new(code, KeyModifiers::NONE);
        let action = crate::keymap::KeyMap::default().action_in(&[crate::keymap::Scope::Dialog], &key);
        p.on_key(&key, action)
    }

    fn picker() -> Picker {
        let choices = ["(none)", "I1", "I2", "I3", "IP"]
            .iter()
            .enumerate()
            .map(|(n, l)| Choice::new(*l, (n > 0).then(|| l.to_string()), *l == "I2"))
            .collect();
        Picker::new("S-1", PickFor::Iteration, "Iteration", choices)
    }

    #[test]
    fn opens_on_the_current_value_and_typing_narrows() {
        let mut p = picker();
        assert_eq!(p.selected_choice().unwrap().label, "I2");
        press(&mut p, KeyCode::Char('p'));
        assert_eq!(p.shown(), vec![4]);
        assert_eq!(press(&mut p, KeyCode::Enter), Outcome::Picked(p.choices[4].clone()));
        press(&mut p, KeyCode::Char('x'));
        assert!(p.shown().is_empty());
        assert_eq!(press(&mut p, KeyCode::Enter), Outcome::Open, "nothing to pick");
        press(&mut p, KeyCode::Backspace);
        press(&mut p, KeyCode::Backspace);
        assert_eq!(p.shown().len(), 5);
    }

    #[test]
    fn arrows_stay_in_the_list_and_esc_cancels() {
        let mut p = picker();
        for _ in 0..10 {
            press(&mut p, KeyCode::Down);
        }
        assert_eq!(p.selected_choice().unwrap().label, "IP");
        for _ in 0..10 {
            press(&mut p, KeyCode::Up);
        }
        assert_eq!(p.selected_choice().unwrap().value, None);
        assert_eq!(press(&mut p, KeyCode::Esc), Outcome::Cancelled);
    }
}
