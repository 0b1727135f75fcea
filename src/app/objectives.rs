//! The objectives view as a place to work: select an objective of the current PI (the ART's on
//! the program board, or a team's) and add one, edit its text, score its planned (1–10) and
//! actual business value, toggle stretch, or record the team's (or the train's) fist-of-five
//! confidence vote. Each change is one undoable edit, saved at once through the normal path.

use ratatui::crossterm::event::KeyEvent;

use crate::keymap::Action;
use crate::model::board_fields::{ObjectiveChange, change_objective, record_vote};
use crate::model::confidence::parse_votes;
use crate::model::objectives::{current_pi, is_current, train_board};
use crate::model::{Board, Level, ModelError, Workspace};

use super::actions;
use super::input::LineInput;
use super::state::{App, Effect, Mode};

/// A selectable line of the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A board's heading (the ART's, on the program board, or a team's): where its vote and
    /// new objectives go.
    Heading { key: String },
    /// An objective of the current PI; `index` is its place in the board's `objectives` (past
    /// PIs' objectives are not rows, they only make the trend).
    Objective { key: String, index: usize },
    /// The train's line, its vote kept on the program board (if there is one).
    Train { key: Option<String> },
}

impl Row {
    /// The board a change on this row goes to.
    pub fn board(&self) -> Option<&str> {
        match self {
            Row::Heading { key } | Row::Objective { key, .. } => Some(key),
            Row::Train { key } => key.as_deref(),
        }
    }
}

/// What is being typed in the view's prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    Add,
    Text,
    Planned,
    Actual,
    Vote,
}

impl Prompt {
    pub fn label(self) -> &'static str {
        match self {
            Prompt::Add => "New objective",
            Prompt::Text => "Objective",
            Prompt::Planned => "Planned business value (1–10)",
            Prompt::Actual => "Actual business value (0–10, empty: not evaluated)",
            Prompt::Vote => "Votes 1–5, e.g. 5 4 4 3",
        }
    }
}

/// The view's selection and its open prompt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObjectivesView {
    pub selected: usize,
    pub prompt: Option<(Prompt, LineInput)>,
}

/// The boards the view has a section for, in the order drawn: the program board (the ART's
/// objectives), then each team board.
pub fn sections(ws: &Workspace) -> Vec<&Board> {
    let art = train_board(ws).and_then(|i| ws.board(i));
    let teams = ws.boards().iter().filter(|b| b.level == Level::Team && !b.is_archive());
    art.into_iter().chain(teams).collect()
}

/// The places in `board.objectives` of its current PI's objectives.
pub fn current_objectives(ws: &Workspace, board: &Board) -> Vec<usize> {
    let current = current_pi(ws, board);
    board.objectives.iter().enumerate().filter(|(_, o)| is_current(o, current)).map(|(i, _)| i).collect()
}

/// Every selectable row, in the order drawn: each section's heading and current objectives,
/// then the train.
pub fn rows(ws: &Workspace) -> Vec<Row> {
    let mut rows = Vec::new();
    for board in sections(ws) {
        rows.push(Row::Heading { key: board.key.clone() });
        let objectives = current_objectives(ws, board);
        rows.extend(objectives.into_iter().map(|index| Row::Objective { key: board.key.clone(), index }));
    }
    let train = train_board(ws).and_then(|i| ws.board(i)).map(|b| b.key.clone());
    rows.push(Row::Train { key: train });
    rows
}

/// Opening the view selects the section of the board on screen (a team's, or the ART's on
/// the program board); from any other board, the top (the ART's).
pub(in crate::app) fn open_view(app: &mut App) {
    let rows = rows(&app.session.ws);
    let key = app.current_board().map(|b| b.key.clone());
    let on_screen = key.and_then(|key| rows.iter().position(|r| *r == Row::Heading { key: key.clone() }));
    app.view.objectives.selected = on_screen.unwrap_or(0);
    app.view.objectives.prompt = None;
}

/// The selected row (clamped to the rows there are now).
pub fn selected_row(app: &App) -> Option<Row> {
    let rows = rows(&app.session.ws);
    let last = rows.len().checked_sub(1)?;
    rows.get(app.view.objectives.selected.min(last)).cloned()
}

pub(in crate::app) fn on_key(app: &mut App, key: KeyEvent, action: Option<Action>) -> Vec<Effect> {
    if let Some((prompt, mut input)) = app.view.objectives.prompt.take() {
        match action {
            Some(Action::Cancel) => app.info("nothing changed"),
            Some(Action::Confirm) => return submit(app, prompt, input),
            _ => {
                input.handle(&key);
                app.view.objectives.prompt = Some((prompt, input));
            }
        }
        return Vec::new();
    }
    let count = rows(&app.session.ws).len();
    let selected = app.view.objectives.selected.min(count.saturating_sub(1));
    // This view's own keys come first (see `keys::scopes`): `B` plans a value here, on the
    // board it blocks a card.
    let last = count.saturating_sub(1);
    match action {
        Some(Action::ScrollPageDown) => app.view.objectives.selected = (selected + 10).min(last),
        Some(Action::ScrollPageUp) => app.view.objectives.selected = selected.saturating_sub(10),
        Some(Action::ScrollDown) => app.view.objectives.selected = (selected + 1).min(last),
        Some(Action::ScrollUp) => app.view.objectives.selected = selected.saturating_sub(1),
        Some(Action::SelectFirstItem) => app.view.objectives.selected = 0,
        Some(Action::SelectLastItem) => app.view.objectives.selected = last,
        Some(a @ (Action::Undo | Action::Redo)) => return actions::perform(app, a),
        Some(Action::NewItem) => open(app, Prompt::Add),
        Some(Action::EditTitle) => open(app, Prompt::Text),
        Some(Action::SetPlannedValue) => open(app, Prompt::Planned),
        Some(Action::SetActualValue) => open(app, Prompt::Actual),
        Some(Action::RecordVote) => open(app, Prompt::Vote),
        Some(Action::ToggleStretch) => return change(app, |_| Some(ObjectiveChange::ToggleStretch)),
        Some(Action::DeleteItem) => return change(app, |_| Some(ObjectiveChange::Delete)),
        _ => app.view.mode = Mode::Board,
    }
    Vec::new()
}

/// Why the view cannot change anything now, if so.
fn locked(app: &App, board: Option<&str>) -> Option<String> {
    if app.view.presenting == Some(false) {
        return Some(app.read_only_message());
    }
    board.and_then(|k| app.session.ws.board_by_key(k)).and_then(|b| b.read_only_reason())
}

fn open(app: &mut App, prompt: Prompt) {
    let Some(row) = selected_row(app) else { return };
    if let Some(why) = locked(app, row.board()) {
        return app.error(why);
    }
    let objective = match &row {
        Row::Objective { key, index } => app.session.ws.board_by_key(key).and_then(|b| b.objectives.get(*index)),
        _ => None,
    };
    let text = match prompt {
        Prompt::Vote if matches!(row, Row::Train { key: None }) => {
            return app.error("the train's vote is kept on the program board; this workspace has none");
        }
        Prompt::Add if matches!(row, Row::Train { .. }) => {
            return app.error("objectives belong to a team or the ART: select its heading first");
        }
        Prompt::Vote | Prompt::Add => String::new(),
        Prompt::Text | Prompt::Planned | Prompt::Actual => match (prompt, objective) {
            (Prompt::Text, Some(o)) => o.text.clone(),
            (Prompt::Planned, Some(o)) => o.planned.to_string(),
            (_, Some(o)) => o.actual.map(|a| a.to_string()).unwrap_or_default(),
            (_, None) => {
                return app.error(format!(
                    "select an objective first ({})",
                    app.key_pair(Action::ScrollDown, Action::ScrollUp)
                ));
            }
        },
    };
    app.view.objectives.prompt = Some((prompt, LineInput::new(&text)));
}

fn submit(app: &mut App, prompt: Prompt, input: LineInput) -> Vec<Effect> {
    let text = input.text();
    let number =
        |text: &str| text.trim().parse::<u32>().map_err(|_| format!("\"{}\" is not a whole number", text.trim()));
    let parsed: Result<Option<ObjectiveChange>, String> = match prompt {
        Prompt::Add => Ok(Some(ObjectiveChange::Add(text.clone()))),
        Prompt::Text => Ok(Some(ObjectiveChange::Text(text.clone()))),
        Prompt::Planned => number(&text).map(|v| Some(ObjectiveChange::Planned(v))),
        Prompt::Actual if text.trim().is_empty() => Ok(Some(ObjectiveChange::Actual(None))),
        Prompt::Actual => number(&text).map(|v| Some(ObjectiveChange::Actual(Some(v)))),
        Prompt::Vote => Ok(None),
    };
    let keep_open = |app: &mut App, why: String, input: LineInput| {
        app.error(why);
        app.view.objectives.prompt = Some((prompt, input));
        Vec::new()
    };
    if prompt == Prompt::Vote {
        let Some(key) = selected_row(app).and_then(|r| r.board().map(str::to_string)) else { return Vec::new() };
        return match parse_votes(&text) {
            Ok(votes) => {
                let now = (app.prefs.clock)();
                actions::commit(app, record_vote(&app.session.ws, &key, votes, &now), None)
            }
            Err(why) => keep_open(app, why, input),
        };
    }
    match parsed {
        Ok(Some(c)) => {
            let added = matches!(c, ObjectiveChange::Add(_));
            let effects = change(app, move |_| Some(c));
            if added && !effects.is_empty() {
                select_last_objective_of_selected_team(app);
            }
            if effects.is_empty() && app.view.status.as_ref().is_some_and(|s| s.tone == super::Tone::Error) {
                app.view.objectives.prompt = Some((prompt, input));
            }
            effects
        }
        Ok(None) => Vec::new(),
        Err(why) => keep_open(app, why, input),
    }
}

/// Commits a change to the selected objective (or, for `Add`, to the selected team).
fn change(app: &mut App, make: impl FnOnce(&App) -> Option<ObjectiveChange>) -> Vec<Effect> {
    let Some(row) = selected_row(app) else { return Vec::new() };
    if let Some(why) = locked(app, row.board()) {
        app.error(why);
        return Vec::new();
    }
    let Some(change) = make(app) else { return Vec::new() };
    let (key, index) = match (&row, &change) {
        (Row::Objective { key, index }, _) => (key.clone(), *index),
        (Row::Heading { key }, ObjectiveChange::Add(_)) => (key.clone(), 0),
        _ => {
            app.error(format!("select an objective first ({})", app.key_pair(Action::ScrollDown, Action::ScrollUp)));
            return Vec::new();
        }
    };
    match change_objective(&app.session.ws, &key, index, change) {
        Err(ModelError::NothingToChange) => {
            app.info("nothing changed");
            Vec::new()
        }
        edit => actions::commit(app, edit, None),
    }
}

fn select_last_objective_of_selected_team(app: &mut App) {
    let Some(key) = selected_row(app).and_then(|r| r.board().map(str::to_string)) else { return };
    let rows = rows(&app.session.ws);
    if let Some(pos) = rows.iter().rposition(|r| matches!(r, Row::Objective { key: k, .. } if *k == key)) {
        app.view.objectives.selected = pos;
    }
}
