//! Quick edits of the selected card: open the picker or the one-line prompt for a field, and
//! turn what was picked or typed into one undoable, saved edit.

use ratatui::crossterm::event::KeyEvent;

use crate::keymap::Action;
use crate::model::fields::{self, Field};
use crate::model::{Kind, Level};

use super::actions::{commit, editable_selection};
use super::input::LineInput;
use super::picker::{Choice, Outcome, PickFor, Picker};
use super::state::{App, Effect, Mode};

/// What a one-line prompt sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptFor {
    Points,
    Owner,
    Tags,
    BlockReason,
    NewCriterion,
    /// The text of the criterion at this index.
    EditCriterion(usize),
    /// A date: archive the board's items done before it (`id` is the board key).
    ArchiveBefore,
    /// Tags to add to every marked card (`id` is empty).
    TagMarked,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub id: String,
    pub purpose: PromptFor,
    pub input: LineInput,
    /// The mode to return to afterwards (the board, or the details).
    pub back: Box<Mode>,
}

impl Prompt {
    pub fn title(&self) -> String {
        let id = &self.id;
        match self.purpose {
            PromptFor::Points => format!("Points of {id} (a whole number; empty clears)"),
            PromptFor::Owner => format!("Owner of {id} (empty clears)"),
            PromptFor::Tags => format!("Tags of {id}, comma-separated"),
            PromptFor::BlockReason => format!("Why is {id} blocked?"),
            PromptFor::NewCriterion => format!("New acceptance criterion for {id}"),
            PromptFor::EditCriterion(n) => format!("Acceptance criterion {} of {id}", n + 1),
            PromptFor::ArchiveBefore => "Archive the items done before (YYYY-MM-DD)".to_string(),
            PromptFor::TagMarked => "Add tags to the marked cards, comma-separated".to_string(),
        }
    }
}

/// Opens the dialog of a quick-edit action on the selected card.
pub(in crate::app) fn open(app: &mut App, action: Action) -> Vec<Effect> {
    if action == Action::EditTags && !super::marks::marked(app).is_empty() {
        let input = LineInput::default();
        let back = Box::new(Mode::Board);
        app.view.mode = Mode::Prompt(Prompt { id: String::new(), purpose: PromptFor::TagMarked, input, back });
        return Vec::new();
    }
    let Some(id) = editable_selection(app) else { return Vec::new() };
    let Some((board, item)) = app.session.ws.find(&id) else { return Vec::new() };
    let prompt = |purpose, text: &str| {
        Mode::Prompt(Prompt { id: id.clone(), purpose, input: LineInput::new(text), back: Box::new(Mode::Board) })
    };
    app.view.mode = match action {
        Action::SetPoints => prompt(PromptFor::Points, &item.points.map(|p| p.to_string()).unwrap_or_default()),
        Action::SetOwner => prompt(PromptFor::Owner, item.owner.as_deref().unwrap_or("")),
        Action::EditTags => prompt(PromptFor::Tags, &item.tags.join(", ")),
        Action::ToggleBlocked => {
            if item.blocked.is_some() {
                let edit = fields::set_field(&app.session.ws, &id, Field::Blocked(None));
                return commit(app, edit, Some(&id));
            }
            prompt(PromptFor::BlockReason, "")
        }
        Action::PickIteration => {
            let allowed = fields::iterations_for(&app.session.ws, board);
            if allowed.is_empty() {
                app.info("no board lists iterations yet; add `iterations: [\"I1\", …]` to a board (E edits the item)");
                return Vec::new();
            }
            let mut choices = vec![Choice::new("(no iteration)", None, item.iteration.is_none())];
            choices.extend(
                allowed.iter().map(|i| Choice::new(*i, Some(i.to_string()), item.iteration.as_deref() == Some(i))),
            );
            Mode::Picker(Picker::new(&id, PickFor::Iteration, format!("Iteration of {id}"), choices))
        }
        Action::PickTeam => {
            let mut choices = vec![Choice::new("(no team)", None, item.team.is_none())];
            let teams = app.session.ws.boards().iter().filter(|b| b.level == Level::Team && !b.is_archive());
            choices
                .extend(teams.map(|b| Choice::new(&b.name, Some(b.name.clone()), item.team.as_ref() == Some(&b.name))));
            Mode::Picker(Picker::new(&id, PickFor::Team, format!("Team of {id}"), choices))
        }
        Action::PickKind => {
            let current = board.kind_of(item);
            let mut kinds: Vec<Kind> = fields::kinds_for(board.level).to_vec();
            if !kinds.contains(&current) {
                kinds.insert(0, current);
            }
            let choices =
                kinds.iter().map(|k| Choice::new(k.name(), Some(k.name().to_string()), *k == current)).collect();
            Mode::Picker(Picker::new(&id, PickFor::Kind, format!("Kind of {id}"), choices))
        }
        Action::MoveToTeam => {
            if board.level != Level::Team {
                app.info(format!(
                    "{id} is on a {} board; only stories on team boards move to another team",
                    board.level.name().to_lowercase()
                ));
                return Vec::new();
            }
            let targets = fields::other_team_boards(&app.session.ws, &board.key);
            if targets.is_empty() {
                app.info("there is no other team board to move it to");
                return Vec::new();
            }
            let choices = targets.iter().map(|b| Choice::new(&b.name, Some(b.key.clone()), false)).collect();
            Mode::Picker(Picker::new(&id, PickFor::MoveToTeam, format!("Move {id} to the board of team"), choices))
        }
        _ => return Vec::new(),
    };
    Vec::new()
}

/// The board picker: every board in tab order, as `Level · Name`, the current one marked.
pub(in crate::app) fn open_board_picker(app: &mut App) {
    let choices = app
        .session
        .ws
        .tabs()
        .filter_map(|i| app.session.ws.board(i).map(|b| (i, b)))
        .map(|(i, b)| {
            Choice::new(format!("{} · {}", b.level.name(), b.name), Some(b.key.clone()), i == app.selection.board)
        })
        .collect();
    app.view.mode = Mode::Picker(Picker::new("", PickFor::Board, "Go to board", choices));
}

/// A key in the picker; picking applies the choice.
pub(in crate::app) fn on_picker(
    app: &mut App,
    mut picker: Picker,
    key: KeyEvent,
    action: Option<Action>,
) -> (Mode, Vec<Effect>) {
    match picker.on_key(&key, action) {
        Outcome::Open => (Mode::Picker(picker), Vec::new()),
        Outcome::Cancelled => {
            app.info("cancelled");
            (Mode::Board, Vec::new())
        }
        Outcome::Picked(choice) if picker.purpose == PickFor::Board => {
            let index = choice.value.as_deref().and_then(|key| app.session.ws.board_index(key));
            if let Some(index) = index {
                app.show_board(index);
            }
            (Mode::Board, Vec::new())
        }
        Outcome::Picked(choice) if matches!(picker.purpose, PickFor::Archive | PickFor::Restore) => {
            match choice.value {
                Some(value) => super::archive::picked(app, picker.purpose, &picker.id, &value),
                None => (Mode::Board, Vec::new()),
            }
        }
        Outcome::Picked(choice) => {
            let id = picker.id.clone();
            let edit = match picker.purpose {
                PickFor::Iteration => fields::set_field(&app.session.ws, &id, Field::Iteration(choice.value)),
                PickFor::Team => fields::set_field(&app.session.ws, &id, Field::Team(choice.value)),
                PickFor::Kind => {
                    let kind = Kind::ALL.into_iter().find(|k| Some(k.name()) == choice.value.as_deref());
                    match kind {
                        Some(kind) => fields::set_field(&app.session.ws, &id, Field::Kind(kind)),
                        None => return (Mode::Board, Vec::new()),
                    }
                }
                PickFor::Board | PickFor::Archive | PickFor::Restore | PickFor::CardsTo | PickFor::NewBoardLevel => {
                    return (Mode::Board, Vec::new());
                }
                PickFor::MoveToTeam => {
                    let Some(to) = choice.value else { return (Mode::Board, Vec::new()) };
                    let now = (app.prefs.clock)();
                    crate::model::fields::move_to_board(&app.session.ws, &id, &to, &now)
                }
            };
            (Mode::Board, commit(app, edit, Some(&id)))
        }
    }
}

/// A key in a one-line prompt: Enter applies (a bad value keeps the prompt open, said), Esc
/// cancels.
pub(in crate::app) fn on_prompt(
    app: &mut App,
    mut prompt: Prompt,
    key: KeyEvent,
    action: Option<Action>,
) -> (Mode, Vec<Effect>) {
    match action {
        Some(Action::Cancel) => (*prompt.back, Vec::new()),
        Some(Action::Confirm) if prompt.purpose == PromptFor::ArchiveBefore => {
            super::archive::date_entered(app, prompt)
        }
        Some(Action::Confirm) if prompt.purpose == PromptFor::TagMarked => {
            let ids = super::marks::marked(app);
            (*prompt.back, super::marks::tag_marked(app, &ids, &prompt.input.text()))
        }
        Some(Action::Confirm) => {
            let text = prompt.input.text();
            let id = prompt.id.clone();
            let field = match prompt.purpose {
                PromptFor::Points => fields::parse_points(&text).map(Field::Points),
                PromptFor::Owner => Ok(Field::Owner(fields::clean_text(&text))),
                PromptFor::Tags => Ok(Field::Tags(fields::parse_tags(&text))),
                PromptFor::BlockReason => Ok(Field::Blocked(Some(text))),
                PromptFor::NewCriterion => Ok(Field::AddCriterion(text)),
                PromptFor::EditCriterion(n) => Ok(Field::EditCriterion(n, text)),
                PromptFor::ArchiveBefore | PromptFor::TagMarked => return (*prompt.back, Vec::new()),
            };
            let edit = field.and_then(|field| fields::set_field(&app.session.ws, &id, field));
            match edit {
                Ok(edit) => {
                    let effects = commit(app, Ok(edit), Some(&id));
                    (*prompt.back, effects)
                }
                Err(crate::model::ModelError::NothingToChange) => {
                    app.info("no change");
                    (*prompt.back, Vec::new())
                }
                Err(err) => {
                    app.error(err.to_string());
                    (Mode::Prompt(prompt), Vec::new())
                }
            }
        }
        _ => {
            prompt.input.handle(&key);
            (Mode::Prompt(prompt), Vec::new())
        }
    }
}

impl super::component::Dialog for Prompt {
    fn hints(&self, app: &App) -> Vec<(String, &'static str)> {
        super::component::save_cancel(app)
    }
    fn handle(self: Box<Self>, app: &mut App, key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>) {
        on_prompt(app, *self, key, action)
    }
}
