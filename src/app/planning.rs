//! The program board as the planning surface (`b` on a program board): j/k walk the features
//! in reading order (team rows, iterations, then the unplanned ones), h/l jump to the
//! neighbouring iteration's cell, H/L move the selected feature to the previous or next
//! iteration and J/K to the next or previous team, each an undoable edit saved at once (not
//! while presenting read-only). Tab
//! steps through the program boards; `1`/`3` leave for that level; anything else closes.

use crate::keymap::Action;
use crate::model::Level;
use crate::model::fields::{self, Field};
use crate::model::planning::{Plan, plan};

use super::actions::{self, commit};
use super::state::{App, Effect, Mode};

/// The features of the plan in reading order, each with its (team, iteration) cell when planned.
fn walk(plan: &Plan) -> Vec<(String, Option<(usize, usize)>)> {
    let mut order = Vec::new();
    for (t, row) in plan.cells.iter().enumerate() {
        for (i, cell) in row.iter().enumerate() {
            order.extend(cell.iter().map(|id| (id.clone(), Some((t, i)))));
        }
    }
    order.extend(plan.unplanned.iter().map(|id| (id.clone(), None)));
    order
}

/// The feature the view has selected: the board's selected card when it is on the plan, else
/// the first feature.
pub fn selected(app: &App) -> Option<String> {
    let board = app.current_board()?;
    selected_in(app, &plan(&app.session.ws, board))
}

/// [`selected`] on the current board's plan, already made.
pub fn selected_in(app: &App, plan: &Plan) -> Option<String> {
    chosen_of(app, &walk(plan))
}

fn chosen_of(app: &App, order: &[(String, Option<(usize, usize)>)]) -> Option<String> {
    let chosen = app.selected_id().filter(|id| order.iter().any(|(f, _)| f == id));
    chosen.or_else(|| order.first().map(|(id, _)| id.clone()))
}

pub(in crate::app) fn on_key(app: &mut App, action: Option<Action>) -> Vec<Effect> {
    let Some(board) = app.current_board() else {
        app.view.mode = Mode::Board;
        return Vec::new();
    };
    let plan = plan(&app.session.ws, board);
    let order = walk(&plan);
    let current = chosen_of(app, &order);
    let at = current.as_ref().and_then(|id| order.iter().position(|(f, _)| f == id));
    let cell = at.and_then(|n| order[n].1);
    let select = |app: &mut App, n: usize| {
        if let Some((id, _)) = order.get(n) {
            app.select_item(id);
        }
    };
    let moves = matches!(
        action,
        Some(Action::MoveItemLeft | Action::MoveItemRight | Action::MoveItemDown | Action::MoveItemUp)
    );
    if moves && app.view.presenting == Some(false) {
        app.info(app.read_only_message());
        return Vec::new();
    }
    match action {
        Some(Action::SelectNextItem) => select(app, at.map_or(0, |n| (n + 1).min(order.len().saturating_sub(1)))),
        Some(Action::SelectPrevItem) => select(app, at.map_or(0, |n| n.saturating_sub(1))),
        Some(step @ (Action::SelectNextColumn | Action::SelectPrevColumn)) => {
            let Some((t, i)) = cell else { return Vec::new() };
            let forward = step == Action::SelectNextColumn;
            let cells: Vec<usize> = match forward {
                true => (i + 1..plan.iterations.len()).collect(),
                false => (0..i).rev().collect(),
            };
            if let Some(n) = cells.into_iter().find_map(|c| order.iter().position(|(_, at)| *at == Some((t, c)))) {
                select(app, n);
            }
        }
        Some(step @ (Action::MoveItemLeft | Action::MoveItemRight)) => {
            let Some(id) = current else { return Vec::new() };
            let last = plan.iterations.len().saturating_sub(1);
            let to = match (cell, step == Action::MoveItemRight) {
                (Some((_, i)), true) => (i + 1).min(last),
                (Some((_, i)), false) => i.saturating_sub(1),
                (None, _) => 0,
            };
            let Some(name) = plan.iterations.get(to).cloned() else { return Vec::new() };
            let edit = fields::set_field(&app.session.ws, &id, Field::Iteration(Some(name)));
            return commit(app, edit, Some(&id));
        }
        Some(step @ (Action::MoveItemDown | Action::MoveItemUp)) => {
            let Some(id) = current else { return Vec::new() };
            let last = plan.teams.len().saturating_sub(1);
            let team_now = app.session.ws.item(&id).and_then(|f| f.team.clone());
            let t = team_now.and_then(|team| plan.teams.iter().position(|x| *x == team));
            let to = match (t, step == Action::MoveItemDown) {
                (Some(t), true) => (t + 1).min(last),
                (Some(t), false) => t.saturating_sub(1),
                (None, _) => 0,
            };
            let Some(team) = plan.teams.get(to).cloned() else { return Vec::new() };
            let edit = fields::set_field(&app.session.ws, &id, Field::Team(Some(team)));
            return commit(app, edit, Some(&id));
        }
        // P presents the program board where it is (and back), rather than closing it.
        Some(a @ (Action::UnlockEditing | Action::TogglePresentation)) => return actions::perform(app, a),
        Some(Action::Undo | Action::Redo) => return actions::perform(app, action.unwrap_or(Action::Undo)),
        Some(step @ (Action::NextBoard | Action::PrevBoard)) => {
            // The program boards that plan iterations (a ROAM board plans none), or all of them
            // when none does.
            let ws = &app.session.ws;
            let program: Vec<usize> = ws.boards_at(Level::Program).collect();
            let planning: Vec<usize> =
                program.iter().copied().filter(|&b| ws.board(b).is_some_and(|b| !b.iterations.is_empty())).collect();
            let (boards, what) = match planning.is_empty() {
                true => (program, "program board"),
                false => (planning, "program board that plans iterations"),
            };
            let forward = if step == Action::NextBoard { 1 } else { -1 };
            actions::cycle_among(app, forward, &boards, what);
        }
        Some(Action::FirstProgramBoard) => {
            actions::perform(app, Action::FirstProgramBoard);
        }
        Some(a @ (Action::FirstPortfolioBoard | Action::FirstTeamBoard)) => {
            app.view.mode = Mode::Board;
            actions::perform(app, a);
        }
        _ => app.view.mode = Mode::Board,
    }
    Vec::new()
}
