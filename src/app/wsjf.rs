//! The WSJF dialog (`W`): the four inputs in one dialog, the score shown as they are typed
//! (computed by the model's [`crate::model::Wsjf::score`]), saved together as one edit.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::keymap::Action;
use crate::model::fields::{self, Field};
use crate::model::{ModelError, Wsjf};

use super::actions::{commit, editable_selection};
use super::input::LineInput;
use super::state::{App, Effect, Mode};

/// The inputs in dialog order.
pub const LABELS: [&str; 4] = ["User/business value", "Time criticality", "Risk reduction", "Job size"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WsjfDialog {
    pub id: String,
    pub inputs: [LineInput; 4],
    /// The input being typed into.
    pub at: usize,
    pub back: Box<Mode>,
}

impl WsjfDialog {
    /// The inputs as typed.
    pub fn texts(&self) -> [String; 4] {
        std::array::from_fn(|n| self.inputs[n].text())
    }

    /// What the inputs make: WSJF inputs, none (all empty), or why they are not valid yet.
    pub fn parsed(&self) -> Result<Option<Wsjf>, ModelError> {
        let texts = self.texts();
        fields::parse_wsjf(std::array::from_fn(|n| texts[n].as_str()))
    }

    /// The score line the dialog shows while typing.
    pub fn preview(&self) -> String {
        match self.parsed() {
            Ok(Some(wsjf)) => format!(
                "WSJF {:.1} = ({} + {} + {}) / {}",
                wsjf.score(),
                wsjf.value,
                wsjf.time_criticality,
                wsjf.risk_reduction,
                wsjf.job_size
            ),
            Ok(None) => "WSJF: none (all empty clears it)".to_string(),
            Err(err) => format!("WSJF: — ({err})"),
        }
    }
}

pub(in crate::app) fn open(app: &mut App) {
    let Some(id) = editable_selection(app) else { return };
    let Some(item) = app.session.ws.item(&id) else { return };
    let values = item.wsjf.map(|w| [w.value, w.time_criticality, w.risk_reduction, w.job_size]);
    let inputs = std::array::from_fn(|n| LineInput::new(&values.map(|v| v[n].to_string()).unwrap_or_default()));
    let back = Box::new(super::description::back_mode(&app.view.mode));
    app.view.mode = Mode::Wsjf(WsjfDialog { id, inputs, at: 0, back });
}

pub(in crate::app) fn on_key(
    app: &mut App,
    mut dialog: WsjfDialog,
    key: KeyEvent,
    action: Option<Action>,
) -> (Mode, Vec<Effect>) {
    match action {
        Some(Action::Cancel) => {
            app.info("WSJF not changed");
            return (*dialog.back, Vec::new());
        }
        Some(Action::NextField | Action::ChooseNext) => dialog.at = (dialog.at + 1) % LABELS.len(),
        Some(Action::PrevField | Action::ChoosePrev) => dialog.at = (dialog.at + LABELS.len() - 1) % LABELS.len(),
        Some(Action::Confirm) => return save(app, dialog),
        _ => {}
    }
    match key.code {
        _ if action.is_some() => {}
        KeyCode::Char(c) if !c.is_ascii_digit() && !key.modifiers.contains(KeyModifiers::CONTROL) => {
            app.info("WSJF inputs are whole numbers: type digits")
        }
        _ => {
            dialog.inputs[dialog.at].handle(&key);
        }
    }
    (Mode::Wsjf(dialog), Vec::new())
}

/// Pasted text: its digits go into the input being typed.
pub fn paste(dialog: &mut WsjfDialog, text: &str) {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    dialog.inputs[dialog.at].insert_str(&digits);
}

fn save(app: &mut App, dialog: WsjfDialog) -> (Mode, Vec<Effect>) {
    let id = dialog.id.clone();
    let edit = dialog.parsed().and_then(|wsjf| fields::set_field(&app.session.ws, &id, Field::Wsjf(wsjf)));
    match edit {
        Ok(edit) => {
            let effects = commit(app, Ok(edit), Some(&id));
            (*dialog.back, effects)
        }
        Err(ModelError::NothingToChange) => {
            app.info("no change");
            (*dialog.back, Vec::new())
        }
        Err(err) => {
            app.error(err.to_string());
            (Mode::Wsjf(dialog), Vec::new())
        }
    }
}

impl super::component::Dialog for WsjfDialog {
    fn hints(&self, app: &App) -> Vec<(String, &'static str)> {
        super::component::listed(
            app,
            &[(Action::Confirm, "save"), (Action::NextField, "field"), (Action::Cancel, "cancel")],
        )
    }
    fn handle(self: Box<Self>, app: &mut App, key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>) {
        on_key(app, *self, key, action)
    }
}
