//! The application state: the workspace and its undo history, which board and card are
//! selected, the open dialog, and the status message, held by [`App`] in five parts whose
//! fields are private to `crate::app`. Rendering reads it through getters; only `update`
//! changes it.

use crate::model::{Board, Item, Level, Workspace};

use super::geometry;
use super::input::LineInput;

/// Which column and card is selected on one board, and how far it is scrolled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cursor {
    pub column: usize,
    /// Selected row in each column.
    pub rows: Vec<usize>,
    /// First column shown (horizontal scroll).
    pub first_column: usize,
    /// First row shown in each column (vertical scroll).
    pub scroll: Vec<usize>,
}

/// The split dialog: one child title per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitDialog {
    pub id: String,
    pub lines: Vec<String>,
    pub current: LineInput,
    /// Where the line being typed sits among `lines` (it is not in them while typed): the end
    /// for a new line, earlier after Up went back to edit one.
    pub at: usize,
    /// Index of the board the children go to.
    pub target: usize,
}

/// Search across the workspace: the query and its hits (item ids).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchDialog {
    pub input: LineInput,
    pub hits: Vec<crate::model::search::Hit>,
    pub selected: usize,
    /// What the last keystroke found, refined by the next.
    pub search: crate::model::search::Search,
}

/// What has the keyboard besides the board itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Board,
    Details {
        scroll: u16,
        /// The acceptance criterion Space ticks and `d` deletes.
        criterion: usize,
    },
    Help {
        scroll: u16,
    },
    /// The last messages in full, newest first (`!`).
    Messages {
        scroll: u16,
    },
    /// The ART sync agenda across all boards (`S`).
    Sync {
        scroll: u16,
    },
    /// The system demo of one iteration (`v`; h/l choose the iteration).
    SystemDemo {
        iteration: usize,
        scroll: u16,
    },
    Search(SearchDialog),
    /// Typing a new item's title and choosing its kind.
    NewItem(super::new_item::NewItemDialog),
    /// The column of a new item is at its WIP limit: add anyway?
    ConfirmNewItem(super::questions::NewItemQuestion),
    /// The four WSJF inputs of an item.
    Wsjf(super::wsjf::WsjfDialog),
    /// Editing an item's description, several lines.
    Description(super::description::DescriptionDialog),
    EditTitle(super::edit_title::EditTitleDialog),
    Split(SplitDialog),
    ConfirmDelete(super::questions::DeleteQuestion),
    ConfirmMove(super::questions::MoveQuestion),
    /// `$EDITOR` returned text that is not a valid item: offer it again.
    EditorError(super::questions::EditorErrorQuestion),
    /// Picking a value from a list (iteration, team, kind, target board).
    Picker(super::picker::Picker),
    /// Typing the value of one field (points, owner, tags, blocked reason, a new criterion).
    Prompt(super::quick::Prompt),
    /// Typing a filter (`team:Alpha`, `tag:…`, `owner:…`, `kind:…`, `blocked`).
    Filter(super::filter_dialog::FilterDialog),
    /// The hierarchy around the selected item, across boards.
    Tree {
        rows: Vec<super::tree::TreeRow>,
        selected: usize,
    },
    /// The PI planning picture of a program board.
    ProgramBoard,
    /// Flow metrics of the current board.
    Metrics,
    /// PI objectives of the teams and program predictability.
    Objectives {
        scroll: u16,
    },
    /// The differences of a save conflict, with the choice to keep ours or take theirs.
    Conflicts(super::conflicts::ConflictsDialog),
    /// The menu of column actions (`C`) for the column at this index.
    ColumnMenu(super::columns::ColumnMenu),
    /// The menu of board actions (`R`): a new board, renaming this one.
    BoardMenu,
    /// Typing a name or WIP limit for the column or board menu.
    NamePrompt(super::columns::NamePrompt),
}

/// A save that met a different change of the same field: theirs is on disk, ours in memory
/// (and in the `copy` file) until the user chooses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictView {
    pub key: String,
    pub board: String,
    pub conflicts: Vec<crate::merge::Conflict>,
    pub copy: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub tone: Tone,
}

/// Work for the shell: things `update` decides but cannot do itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write these boards (by key) to their files.
    Save(Vec<String>),
    /// Let the user edit this RON text of item `id` in `$EDITOR`.
    OpenEditor {
        id: String,
        text: String,
    },
    /// Resolve the conflict on this board with our version.
    KeepOurs(String),
    /// Resolve the conflict on this board by dropping ours for what is on disk.
    TakeTheirs(String),
    /// Write this new board to a new file (at a free name near its key) and show it.
    CreateBoard(Box<crate::model::Board>),
    /// The board's file breaks its own rules: it is not written until fixed.
    MarkBroken(String),
    Quit,
}

/// How many status messages `!` can show again.
pub const MESSAGES_KEPT: usize = 200;

/// The whole state, in five parts (see each part's module): the session (workspace and
/// history), the selection, the view, the news from outside, and the settings.
pub struct App {
    pub(in crate::app) session: super::session::Session,
    pub(in crate::app) selection: super::selection::Selection,
    pub(in crate::app) view: super::view::View,
    pub(in crate::app) external: super::external::External,
    pub(in crate::app) prefs: super::prefs::Prefs,
}

/// A board's cursor before the user moved it: on the first column that has cards.
fn initial_cursor(board: &Board) -> Cursor {
    let column = (0..board.columns.len()).find(|&c| board.column_len(c) > 0).unwrap_or(0);
    Cursor { column, ..Cursor::default() }
}

impl App {
    /// The app on its first screen: the first program board (the train), else the first board.
    pub fn new(ws: Workspace, origin: impl Into<String>) -> App {
        let board = ws.boards_at(Level::Program).next().unwrap_or(0);
        App {
            session: super::session::Session::new(ws),
            selection: super::selection::Selection::on_board(board),
            view: super::view::View::default(),
            external: super::external::External::default(),
            prefs: super::prefs::Prefs::new(origin.into()),
        }
    }

    pub fn current_board(&self) -> Option<&Board> {
        self.session.ws.board(self.selection.board)
    }

    /// The cursor of the current board (a default one before the first move).
    pub fn cursor(&self) -> Cursor {
        let Some(board) = self.current_board() else { return Cursor::default() };
        self.selection.cursors.get(&board.key).cloned().unwrap_or_else(|| initial_cursor(board))
    }

    pub(in crate::app) fn cursor_mut(&mut self) -> Option<&mut Cursor> {
        let board = self.session.ws.board(self.selection.board)?;
        let columns = board.columns.len();
        let cursor = self.selection.cursors.entry(board.key.clone()).or_insert_with(|| initial_cursor(board));
        cursor.rows.resize(columns, 0);
        cursor.scroll.resize(columns, 0);
        Some(cursor)
    }

    /// The sizes of the current way of showing boards.
    pub fn sizes(&self) -> geometry::Sizes {
        if self.view.presenting.is_some() { geometry::PRESENTING } else { geometry::NORMAL }
    }

    /// Positions of the cards shown in column `col` of the current board (all, or the filter's).
    pub fn visible_positions(&self, col: usize) -> std::borrow::Cow<'_, [usize]> {
        let Some(board) = self.current_board() else { return std::borrow::Cow::Borrowed(&[]) };
        match &self.selection.filter {
            None => std::borrow::Cow::Borrowed(board.column_positions(col)),
            Some(filter) => std::borrow::Cow::Owned(
                board
                    .column_positions(col)
                    .iter()
                    .copied()
                    .filter(|&p| filter.matches(board, &board.items[p]))
                    .collect(),
            ),
        }
    }

    /// Row selected in column `col` of the current board, clamped to the column's length.
    pub fn selected_row(&self, col: usize) -> usize {
        let Some(board) = self.current_board() else { return 0 };
        let len =
            if self.selection.filter.is_some() { self.visible_positions(col).len() } else { board.column_len(col) };
        let row = self.cursor().rows.get(col).copied().unwrap_or(0);
        row.min(len.saturating_sub(1))
    }

    /// The selected item on the current board, if its column has any.
    pub fn selected_item(&self) -> Option<&Item> {
        let board = self.current_board()?;
        let col = self.cursor().column.min(board.columns.len().saturating_sub(1));
        let pos = *self.visible_positions(col).get(self.selected_row(col))?;
        board.items.get(pos)
    }

    pub fn selected_id(&self) -> Option<String> {
        self.selected_item().map(|i| i.id.clone())
    }

    /// Shows board `index`, keeping its own cursor. Archives are not shown as boards. Public as
    /// a starting position (tests open on a board with it); navigation is otherwise `update`'s.
    pub fn show_board(&mut self, index: usize) {
        if self.session.ws.board(index).is_some_and(|b| !b.is_archive()) {
            if index != self.selection.board {
                self.selection.marks.clear();
            }
            self.selection.board = index;
            self.keep_in_view();
        }
    }

    /// The first board of `level`, if any.
    pub fn first_board_at(&self, level: Level) -> Option<usize> {
        self.session.ws.boards_at(level).next()
    }

    /// Selects item `id`, switching to its board and column. False if there is no such item,
    /// or it is archived (archives are not shown as boards). Public as a starting position
    /// (tests open on a card with it); navigation is otherwise `update`'s.
    pub fn select_item(&mut self, id: &str) -> bool {
        let Some(board_index) = self.session.ws.board_of(id) else { return false };
        let board = &self.session.ws.boards()[board_index];
        if board.is_archive() {
            return false;
        }
        let (Some(pos), Some(item)) = (board.position(id), board.item(id)) else { return false };
        let Some(col) = board.column_index(&item.column) else { return false };
        // A card hidden by the filter is shown by dropping the filter.
        if self.selection.filter.as_ref().is_some_and(|f| !f.matches(board, item)) {
            self.selection.filter = None;
        }
        if board_index != self.selection.board {
            self.selection.marks.clear();
        }
        self.selection.board = board_index;
        let Ok(row) = self.visible_positions(col).binary_search(&pos) else { return false };
        if let Some(cursor) = self.cursor_mut() {
            cursor.column = col;
            cursor.rows[col] = row;
        }
        self.keep_in_view();
        true
    }

    /// Adjusts the scroll offsets so the selected column and card are on screen.
    pub(in crate::app) fn keep_in_view(&mut self) {
        let sizes = self.sizes();
        let area = sizes.board_area(self.view.screen);
        let Some(board) = self.session.ws.board(self.selection.board) else { return };
        let columns = board.columns.len();
        let lens: Vec<usize> = (0..columns).map(|c| self.visible_positions(c).len()).collect();
        let visible = sizes.visible_columns(area.width, columns);
        let cards = sizes.visible_cards(area.height);
        let Some(cursor) = self.cursor_mut() else { return };
        cursor.column = cursor.column.min(columns.saturating_sub(1));
        cursor.first_column = geometry::scroll_to_show(cursor.first_column, cursor.column, visible, columns);
        for (col, len) in lens.into_iter().enumerate() {
            cursor.rows[col] = cursor.rows[col].min(len.saturating_sub(1));
            cursor.scroll[col] = geometry::scroll_to_show(cursor.scroll[col], cursor.rows[col], cards, len);
        }
    }

    /// Adds a board (a new archive file) to the workspace, keeping the board shown: the
    /// boards are ordered by file, so the indexes after the new one move.
    pub(in crate::app) fn add_board(&mut self, board: Board) {
        let shown = self.current_board().map(|b| b.key.clone());
        self.session.ws.put_board(board);
        if let Some(index) = shown.and_then(|key| self.session.ws.board_index(&key)) {
            self.selection.board = index;
        }
    }

    /// Takes a board out again (an archive file made for an edit that was refused).
    pub(in crate::app) fn drop_board(&mut self, key: &str) {
        let shown = self.current_board().map(|b| b.key.clone());
        self.session.ws.remove_board(key);
        if let Some(index) = shown.and_then(|key| self.session.ws.board_index(&key)) {
            self.selection.board = index;
        }
    }

    /// Says `text` on the status line. Public for the shell's own news before the first
    /// frame (loading, a config problem, a watcher that could not start).
    pub fn info(&mut self, text: impl Into<String>) {
        self.say(Status { text: text.into(), tone: Tone::Info });
    }

    pub(in crate::app) fn success(&mut self, text: impl Into<String>) {
        self.say(Status { text: text.into(), tone: Tone::Success });
    }

    /// Says `text` on the status line as an error; public as [`App::info`] is.
    pub fn error(&mut self, text: impl Into<String>) {
        self.say(Status { text: text.into(), tone: Tone::Error });
    }

    /// Shows `status` and keeps it among the last messages (`!` shows them in full).
    fn say(&mut self, status: Status) {
        if self.view.messages.len() >= MESSAGES_KEPT {
            self.view.messages.pop_front();
        }
        self.view.messages.push_back(status.clone());
        self.view.status = Some(status);
    }
}
