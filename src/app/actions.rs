//! What each board action does: navigation changes the cursor; changes become model edits,
//! are committed to the undo history, and ask the shell to save the boards they touched.

use crate::keymap::Action;
use crate::model::ops::{self, Rank};
use crate::model::{Edit, Level, ModelError};
use crate::storage::item_snippet::item_to_snippet;

use super::input::LineInput;
use super::state::{App, Effect, Mode, SearchDialog, SplitDialog};

/// Actions that change boards; presenting refuses them until editing is unlocked.
fn edits(action: Action) -> bool {
    use Action::*;
    matches!(
        action,
        MoveItemLeft
            | MoveItemRight
            | MoveItemDown
            | MoveItemUp
            | SortByWsjf
            | SplitItem
            | NewItem
            | NewItemAbove
            | EditWsjf
            | EditDescription
            | EditTitle
            | EditInEditor
            | DeleteItem
            | SetPoints
            | SetOwner
            | PickIteration
            | PickTeam
            | ToggleBlocked
            | PickKind
            | EditTags
            | MoveToTop
            | MoveToBottom
            | MoveToTeam
            | ArchiveItems
            | OpenArchive
            | ColumnMenu
            | BoardMenu
            | Undo
            | Redo
    )
}

pub(in crate::app) fn perform(app: &mut App, action: Action) -> Vec<Effect> {
    use Action::*;
    if app.view.presenting == Some(false) && edits(action) {
        app.info(app.read_only_message());
        return Vec::new();
    }
    match action {
        SelectPrevColumn => select_column(app, -1),
        SelectNextColumn => select_column(app, 1),
        SelectNextItem => select_row(app, |row, _| row + 1),
        SelectPrevItem => select_row(app, |row, _| row.saturating_sub(1)),
        SelectFirstItem => select_row(app, |_, _| 0),
        SelectLastItem => select_row(app, |_, len| len.saturating_sub(1)),
        MoveItemLeft => return move_item(app, -1),
        MoveItemRight => return move_item(app, 1),
        MoveItemDown => return rank_item(app, Rank::Down),
        MoveItemUp => return rank_item(app, Rank::Up),
        SortByWsjf => return sort_by_wsjf(app),
        SplitItem => open_split(app),
        NewItem => super::new_item::open(app, false),
        NewItemAbove => super::new_item::open(app, true),
        EditWsjf => super::wsjf::open(app),
        EditDescription => super::description::open(app),
        EditTitle => open_edit_title(app),
        EditInEditor => return open_editor(app),
        DeleteItem => {
            if let Some(id) = editable_selection(app) {
                app.view.mode = Mode::ConfirmDelete(super::questions::DeleteQuestion { id });
            }
        }
        SetPoints | SetOwner | PickIteration | PickTeam | ToggleBlocked | PickKind | EditTags | MoveToTeam => {
            return super::quick::open(app, action);
        }
        ToggleMark => super::marks::toggle(app),
        ArchiveItems => return super::archive::open(app),
        OpenArchive => {
            if let Some(why) = app.current_board().and_then(|b| b.read_only_reason()) {
                app.error(why);
            } else {
                super::archive::open_restore(app);
            }
        }
        MoveToTop => return rank_item(app, Rank::Top),
        MoveToBottom => return rank_item(app, Rank::Bottom),
        RetrySave => {
            app.info("saving again");
            return vec![Effect::Save(Vec::new())];
        }
        Undo => return undo_redo(app, true),
        Redo => return undo_redo(app, false),
        OpenDetails => {
            if app.selected_item().is_some() {
                app.view.mode = Mode::Details { scroll: 0, criterion: 0 };
            }
        }
        CloseDetails if app.view.mode == Mode::Board && super::marks::clear(app) => app.info("marks cleared"),
        CloseDetails => {
            app.view.mode = Mode::Board;
            app.view.status = None;
            if app.selection.filter.take().is_some() {
                app.info("filter cleared");
                app.keep_in_view();
            }
        }
        FilterCards => app.view.mode = Mode::Filter(super::filter_dialog::FilterDialog::default()),
        FilterByParent => filter_by_parent(app),
        ShowProgramBoard => match app.current_board().map(|b| b.level) {
            Some(Level::Program) => app.view.mode = Mode::ProgramBoard,
            _ => app.info(format!(
                "the program board is drawn from a program (ART) board; press {}",
                app.key(FirstProgramBoard)
            )),
        },
        ShowHierarchy => {
            if let Some(id) = app.selected_id() {
                let rows = super::tree::rows(&app.session.ws, &super::tree::root_of(&app.session.ws, &id));
                let selected = rows.iter().position(|r| r.id == id).unwrap_or(0);
                app.view.mode = Mode::Tree { rows, selected };
            }
        }
        JumpToParent => jump_to_parent(app),
        NextBoard => cycle_board(app, 1),
        PrevBoard => cycle_board(app, -1),
        PickBoard => super::quick::open_board_picker(app),
        FirstPortfolioBoard => first_board(app, Level::Portfolio),
        FirstProgramBoard => first_board(app, Level::Program),
        FirstTeamBoard => first_board(app, Level::Team),
        ColumnMenu => super::columns::open_menu(app),
        BoardMenu => super::boards::open_menu(app),
        Search => app.view.mode = Mode::Search(SearchDialog::default()),
        ShowConflicts => {
            if app.external.conflicts.is_empty() {
                app.info("no save conflicts");
            } else {
                app.view.mode = Mode::Conflicts(super::conflicts::ConflictsDialog::default());
            }
        }
        TogglePresentation => {
            app.view.presenting =
                if app.view.presenting.is_some() { None } else { Some(!app.prefs.presentation.read_only) };
            app.view.status = None;
            app.keep_in_view();
        }
        UnlockEditing => match app.view.presenting {
            Some(unlocked) => {
                app.view.presenting = Some(!unlocked);
                app.info(if unlocked { "editing locked" } else { "editing unlocked: changes are saved as usual" });
            }
            None => app.info(format!(
                "{} unlocks editing while presenting ({})",
                app.key(UnlockEditing),
                app.key(TogglePresentation)
            )),
        },
        ShowMetrics => app.view.mode = Mode::Metrics,
        ShowSync => app.view.mode = Mode::Sync { scroll: 0 },
        ShowSystemDemo => {
            app.view.mode = Mode::SystemDemo { iteration: super::demo::current_iteration(app), scroll: 0 }
        }
        ShowObjectives => {
            super::objectives::open_view(app);
            app.view.mode = Mode::Objectives { scroll: 0 };
        }
        SetPlannedValue | SetActualValue | ToggleStretch | RecordVote => {
            app.info(format!("that key works in the objectives view ({})", app.key(ShowObjectives)))
        }
        NextCriterion | PrevCriterion | ToggleCriterion | AddCriterion | EditCriterion | MoveCriterionDown
        | MoveCriterionUp | DeleteCriterion => {
            app.info(format!("that key works on the checklist in the details ({})", app.key(OpenDetails)))
        }
        Help => app.view.mode = Mode::Help { scroll: 0 },
        ShowMessages => app.view.mode = Mode::Messages { scroll: 0 },
        Quit => return vec![Effect::Quit],
        // The keys of views, dialogs, questions, menus and presenting are answered by their
        // mode (`app/keys.rs` picks the key map); on the board they do nothing.
        PresentNextBoard | PresentPrevBoard | LeavePresentation | ScrollDown | ScrollUp | ScrollPageDown
        | ScrollPageUp | ChooseRow | CloseView | KeepMine | TakeTheirs | Confirm | Cancel | NextField | PrevField
        | ChooseNext | ChoosePrev | ChoosePageDown | ChoosePageUp | SaveText | Yes | No | AddColumn | RenameColumn
        | ColumnWipLimit | MoveColumnLeft | MoveColumnRight | MarkDoneColumn | DeleteColumn | CloseColumnMenu
        | NewBoard | RenameBoard | CloseBoardMenu => {}
    }
    Vec::new()
}

fn select_column(app: &mut App, step: isize) {
    let Some(columns) = app.current_board().map(|b| b.columns.len()) else { return };
    if let Some(cursor) = app.cursor_mut() {
        let next = (cursor.column as isize + step).clamp(0, columns as isize - 1);
        cursor.column = next as usize;
    }
    app.keep_in_view();
}

fn select_row(app: &mut App, to: impl Fn(usize, usize) -> usize) {
    let col = app.cursor().column;
    let len = app.visible_positions(col).len();
    let row = app.selected_row(col);
    if let Some(cursor) = app.cursor_mut()
        && let Some(slot) = cursor.rows.get_mut(col)
    {
        *slot = to(row, len).min(len.saturating_sub(1));
    }
    app.keep_in_view();
}

/// The selected item's id, unless the board is read-only (then says so).
pub(in crate::app) fn editable_selection(app: &mut App) -> Option<String> {
    if let Some(why) = app.current_board().and_then(|b| b.read_only_reason()) {
        app.error(why);
        return None;
    }
    app.selected_id()
}

/// Commits an edit, selects `select` afterwards, and asks for the touched boards to be saved.
pub(in crate::app) fn commit(app: &mut App, edit: Result<Edit, ModelError>, select: Option<&str>) -> Vec<Effect> {
    let edit = match edit {
        Ok(edit) => edit,
        Err(ModelError::NothingToChange) => return Vec::new(),
        Err(err) => {
            app.error(err.to_string());
            return Vec::new();
        }
    };
    if let Some(why) =
        edit.boards().iter().find_map(|k| app.session.ws.board_by_key(k).and_then(|b| b.read_only_reason()))
    {
        app.error(why);
        return Vec::new();
    }
    match app.session.history.commit(&mut app.session.ws, edit) {
        Ok(applied) => {
            if let Some(id) = select {
                app.select_item(id);
            }
            app.keep_in_view();
            app.success(capitalize(&applied.label));
            saves(app, applied.boards, applied.focus.as_deref())
        }
        Err(err) => {
            app.error(err.to_string());
            Vec::new()
        }
    }
}

/// One save per touched board, the boards without our item first: an item moved between
/// boards leaves the file it left before it is written into the other, so the save never sees
/// it twice on disk (which would read as someone else's item with the same id).
fn saves(app: &App, mut boards: Vec<String>, focus: Option<&str>) -> Vec<Effect> {
    if boards.len() < 2 {
        return vec![Effect::Save(boards)];
    }
    let has_focus =
        |key: &String| focus.is_some_and(|id| app.session.ws.board_by_key(key).is_some_and(|b| b.item(id).is_some()));
    // Stable: otherwise the edit's own order.
    boards.sort_by_key(has_focus);
    boards.into_iter().map(|key| Effect::Save(vec![key])).collect()
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn move_item(app: &mut App, step: isize) -> Vec<Effect> {
    // Marked cards go along even when the cursor is on an empty column; `commit` refuses a
    // read-only board.
    let marked = super::marks::marked(app);
    if !marked.is_empty() {
        return super::marks::move_marked(app, &marked, step);
    }
    let Some(id) = editable_selection(app) else { return Vec::new() };
    let to = match ops::neighbour_column(&app.session.ws, &id, step) {
        Ok(to) => to,
        Err(_) => return Vec::new(),
    };
    let full = app.current_board().is_some_and(|b| b.column_index(&to).is_some_and(|c| b.column_is_full(c)));
    if full {
        app.view.mode = Mode::ConfirmMove(super::questions::MoveQuestion { id, to });
        return Vec::new();
    }
    move_to(app, &id, &to)
}

/// Moves `id` to column `to` now (after any WIP confirmation).
pub(in crate::app) fn move_to(app: &mut App, id: &str, to: &str) -> Vec<Effect> {
    let now = (app.prefs.clock)();
    let edit = ops::move_to_column_landing(&app.session.ws, id, to, &now, app.prefs.landing);
    commit(app, edit, Some(id))
}

fn rank_item(app: &mut App, rank: Rank) -> Vec<Effect> {
    // Marked cards go along even when the cursor is on an empty column; `commit` refuses a
    // read-only board.
    let marked = super::marks::marked(app);
    if !marked.is_empty() {
        return super::marks::rank_marked(app, &marked, &rank);
    }
    let Some(id) = editable_selection(app) else { return Vec::new() };
    let edit = ops::rank(&app.session.ws, &id, &rank);
    commit(app, edit, Some(&id))
}

fn sort_by_wsjf(app: &mut App) -> Vec<Effect> {
    let Some(board) = app.current_board() else { return Vec::new() };
    let key = board.key.clone();
    let col = app.cursor().column;
    let keep = app.selected_id();
    let edit = ops::sort_by_wsjf(&app.session.ws, &key, col);
    if edit == Err(ModelError::NothingToChange) {
        app.info("the column is already in WSJF order");
    }
    commit(app, edit, keep.as_deref())
}

fn open_split(app: &mut App) {
    let Some(id) = editable_selection(app) else { return };
    match ops::default_split_board(&app.session.ws, &id) {
        Ok(target) => {
            app.view.mode =
                Mode::Split(SplitDialog { id, lines: Vec::new(), current: LineInput::default(), at: 0, target });
        }
        Err(err) => app.error(format!("cannot split {id}: {err}")),
    }
}

fn open_edit_title(app: &mut App) {
    let Some(id) = editable_selection(app) else { return };
    let title = app.session.ws.item(&id).map(|i| i.title.clone()).unwrap_or_default();
    app.view.mode =
        Mode::EditTitle(super::edit_title::EditTitleDialog { id, input: LineInput::new(&title), original: title });
}

fn open_editor(app: &mut App) -> Vec<Effect> {
    let Some(id) = editable_selection(app) else { return Vec::new() };
    let Some((board, item)) = app.session.ws.find(&id) else { return Vec::new() };
    let text = item_to_snippet(board, item);
    vec![Effect::OpenEditor { id, text }]
}

fn undo_redo(app: &mut App, undo: bool) -> Vec<Effect> {
    let keep = app.selected_id();
    let applied = if undo {
        app.session.history.undo(&mut app.session.ws)
    } else {
        app.session.history.redo(&mut app.session.ws)
    };
    match applied {
        Some(applied) => {
            // The selection follows our item; else it stays where it was.
            let on_ours = applied.focus.as_deref().is_some_and(|id| app.select_item(id));
            if let (false, Some(id)) = (on_ours, keep) {
                app.select_item(&id);
            }
            app.keep_in_view();
            let verb = if undo { "Undid" } else { "Redid" };
            match applied.kept_theirs.first() {
                None => app.success(format!("{verb}: {}", applied.label)),
                Some(first) => {
                    let more = applied.kept_theirs.len() - 1;
                    let more = if more > 0 { format!(" (+{more} more)") } else { String::new() };
                    app.info(format!("{verb}: {}; {first}{more}", applied.label));
                }
            }
            saves(app, applied.boards, applied.focus.as_deref())
        }
        None => {
            app.info(if undo { "nothing to undo" } else { "nothing to redo" });
            Vec::new()
        }
    }
}

fn jump_to_parent(app: &mut App) {
    let Some((id, parent)) = app.selected_item().map(|i| (i.id.clone(), i.parent.clone())) else { return };
    match parent {
        Some(parent) if app.select_item(&parent) => app.info(format!("{id}'s parent is {parent}")),
        Some(parent) => app.error(format!("parent {parent} is not in this workspace")),
        None => app.info(format!("{id} has no parent")),
    }
}

/// `f`: only the children of the selected item's parent, or back to all cards.
fn filter_by_parent(app: &mut App) {
    if matches!(app.selection.filter, Some(super::filter::Filter::Parent(_))) {
        app.selection.filter = None;
        app.info("showing all cards");
    } else {
        let parent = app.selected_item().and_then(|i| i.parent.clone());
        match parent {
            Some(parent) => {
                app.info(format!(
                    "showing the children of {parent} ({} or {}: all cards)",
                    app.key(Action::FilterByParent),
                    app.key(Action::CloseDetails)
                ));
                app.selection.filter = Some(super::filter::Filter::Parent(parent));
            }
            None => app.info("this item has no parent to filter by"),
        }
    }
    app.keep_in_view();
}

/// The next or previous tab (archives are not tabs).
fn cycle_board(app: &mut App, step: isize) {
    let tabs: Vec<usize> = app.session.ws.tabs().collect();
    if tabs.is_empty() {
        return;
    }
    let here = tabs.iter().position(|&t| t == app.selection.board).unwrap_or(0) as isize;
    let next = (here + step).rem_euclid(tabs.len() as isize) as usize;
    app.show_board(tabs[next]);
}

/// Steps `step` boards through the boards of `level` only, in tab order; says so when there is
/// no other one.
/// Steps `step` boards through `boards` (by index) from the one shown; `what` names them.
pub(in crate::app) fn cycle_among(app: &mut App, step: isize, boards: &[usize], what: &str) {
    match boards.iter().position(|&b| b == app.selection.board) {
        _ if boards.len() <= 1 && boards.contains(&app.selection.board) => app.info(format!("this is the only {what}")),
        Some(here) => {
            let next = (here as isize + step).rem_euclid(boards.len() as isize) as usize;
            app.show_board(boards[next]);
        }
        None => match boards.first() {
            Some(&first) => app.show_board(first),
            None => app.info(format!("no {what} in this workspace")),
        },
    }
}

fn first_board(app: &mut App, level: Level) {
    match app.first_board_at(level) {
        Some(index) => app.show_board(index),
        None => app.info(format!("no {} board in this workspace", level.name().to_lowercase())),
    }
}
