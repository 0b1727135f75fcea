//! Marking several cards (Space) so that one move, rank, tag or archive acts on all of them as
//! one undoable edit; without marks those act on the selected card.

use crate::keymap::Action;
use crate::model::batch;
use crate::model::fields::{self, Field};
use crate::model::ops::{self, Rank};
use crate::model::{Edit, ModelError};

use super::actions::commit;
use super::state::{App, Effect};

/// Marks the selected card, or unmarks it when it was marked.
pub(in crate::app) fn toggle(app: &mut App) {
    let Some(id) = app.selected_id() else {
        app.info("no card to mark here");
        return;
    };
    match app.selection.marks.iter().position(|m| *m == id) {
        Some(at) => {
            app.selection.marks.remove(at);
        }
        None => app.selection.marks.push(id.clone()),
    }
    prune(app);
    match app.selection.marks.len() {
        0 => app.info("no card marked"),
        n => app.info(format!(
            "{n} marked ({} marks or unmarks, {} clears)",
            app.key(Action::ToggleMark),
            app.key(Action::CloseDetails)
        )),
    }
}

/// Clears the marks; true when there were any.
pub(in crate::app) fn clear(app: &mut App) -> bool {
    let had = !app.selection.marks.is_empty();
    app.selection.marks.clear();
    had
}

/// Drops marks of cards that are no longer on the shown board (moved or deleted meanwhile).
fn prune(app: &mut App) {
    let Some(board) = app.session.ws.board(app.selection.board) else {
        app.selection.marks.clear();
        return;
    };
    let keep: Vec<String> = app.selection.marks.iter().filter(|id| board.item(id).is_some()).cloned().collect();
    app.selection.marks = keep;
}

/// The marked cards still on the board, in rank order (position in the board's items).
pub(in crate::app) fn marked(app: &mut App) -> Vec<String> {
    prune(app);
    let Some(board) = app.session.ws.board(app.selection.board) else { return Vec::new() };
    let mut ids = app.selection.marks.clone();
    ids.sort_by_key(|id| board.position(id).unwrap_or(usize::MAX));
    ids
}

/// True when the card `id` is marked.
pub fn is_marked(app: &App, id: &str) -> bool {
    app.selection.marks.iter().any(|m| m == id)
}

/// Commits an edit made for the marked cards; the marks are cleared once it is made.
pub(in crate::app) fn commit_marked(
    app: &mut App,
    edit: Result<Edit, ModelError>,
    select: Option<&str>,
) -> Vec<Effect> {
    if edit.is_ok() {
        app.selection.marks.clear();
    }
    commit(app, edit, select)
}

fn plural(n: usize) -> String {
    format!("{n} item{}", if n == 1 { "" } else { "s" })
}

/// Moves every marked card one column left (`-1`) or right; cards at the edge stay.
pub(in crate::app) fn move_marked(app: &mut App, ids: &[String], step: isize) -> Vec<Effect> {
    let now = (app.prefs.clock)();
    let landing = app.prefs.landing;
    let way = if step < 0 { "left" } else { "right" };
    let edit = batch::for_each(&app.session.ws, ids, format!("{} moved {way}", plural(ids.len())), |ws, id| {
        let to = ops::neighbour_column(ws, id, step)?;
        ops::move_to_column_landing(ws, id, &to, &now, landing)
    });
    if edit == Err(ModelError::NothingToChange) {
        app.info(format!("the marked cards are already in the {} column", if step < 0 { "first" } else { "last" }));
    }
    commit_marked(app, edit, None)
}

/// Ranks every marked card within its column, keeping their order among themselves.
pub(in crate::app) fn rank_marked(app: &mut App, ids: &[String], rank: &Rank) -> Vec<Effect> {
    let mut order = ids.to_vec();
    // Moving up or to the top goes from the last to the first for the top (each lands above
    // the ones before), from the first for up; down and bottom the other way round.
    if matches!(rank, Rank::Top | Rank::Down) {
        order.reverse();
    }
    let how = match rank {
        Rank::Top => "to the top",
        Rank::Bottom => "to the bottom",
        Rank::Up => "up",
        Rank::Down => "down",
        Rank::Before(_) => "",
    };
    let label = format!("{} ranked {how}", plural(ids.len()));
    let edit = batch::for_each(&app.session.ws, &order, label, |ws, id| ops::rank(ws, id, rank));
    commit_marked(app, edit, None)
}

/// Adds the tags typed (comma-separated) to every marked card.
pub(in crate::app) fn tag_marked(app: &mut App, ids: &[String], text: &str) -> Vec<Effect> {
    let added = fields::parse_tags(text);
    if added.is_empty() {
        app.info("no tag typed; nothing changed");
        return Vec::new();
    }
    let label = format!("{} tagged {}", plural(ids.len()), added.join(", "));
    let edit = batch::for_each(&app.session.ws, ids, label, |ws, id| {
        let mut tags = ws.item(id).map(|i| i.tags.clone()).unwrap_or_default();
        tags.extend(added.iter().filter(|t| !tags.contains(t)).cloned().collect::<Vec<_>>());
        fields::set_field(ws, id, Field::Tags(tags))
    });
    commit_marked(app, edit, None)
}

/// What someone else changed that the user has not looked at yet, for the views to light up:
/// boards changed while another was shown (until shown), and objectives changed a moment ago.
/// Cards changed a moment ago are in `App::marked`.
#[derive(Debug, Default)]
pub struct Unseen {
    /// Boards by key, changed on disk while not shown.
    pub boards: std::collections::BTreeSet<String>,
    /// Objectives by (board key, index), changed on disk, lit until the instant.
    pub objectives: std::collections::HashMap<(String, usize), std::time::Instant>,
    /// The board the status line's message is about, with that message.
    pub status_about: Option<(String, String)>,
}

/// True when the board `key` changed on disk since it was last shown.
pub fn board_unseen(app: &App, key: &str) -> bool {
    app.external.unseen.boards.contains(key)
}

/// True when the card or feature `id` was changed by someone else a moment ago.
pub fn item_changed(app: &App, id: &str) -> bool {
    app.external.marked.contains_key(id)
}

/// True when objective `index` of board `key` was changed by someone else a moment ago.
pub fn objective_changed(app: &App, key: &str, index: usize) -> bool {
    app.external.unseen.objectives.contains_key(&(key.to_string(), index))
}

/// After each message: the board shown is seen, and when the board changed (from
/// `shown_before`), a status message about another board goes.
pub(in crate::app) fn seen(app: &mut App, shown_before: Option<&str>) {
    let Some(now) = app.current_board().map(|b| b.key.clone()) else { return };
    app.external.unseen.boards.remove(&now);
    if shown_before == Some(now.as_str()) {
        return;
    }
    if let Some((about, text)) = app.external.unseen.status_about.take() {
        let same_message = app.view.status.as_ref().is_some_and(|s| s.text == text);
        if about != now && same_message {
            app.view.status = None;
        } else if about == now {
            app.external.unseen.status_about = Some((about, text));
        }
    }
}
