//! The action registry: every action once, with its config name, the help line, the key map
//! it belongs to (the board, a view, a dialog…) and its default keys. The `Action` enum, the
//! help, the README key table, the config's names and the default key map all come from this
//! one list, so none can drift from another.

use ratatui::crossterm::event::KeyCode::{self, *};
use ratatui::crossterm::event::KeyModifiers;

use super::key::Key;

/// The key maps: which keys mean what depends on what has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// The board (and, below their own keys, the views over it).
    Board,
    /// Presenting on a shared screen.
    Presenting,
    /// The details of a card (Enter).
    Details,
    /// The objectives view (o).
    Objectives,
    /// Views that scroll and close: help, messages, details, sync, demo, hierarchy, metrics.
    View,
    /// The save-conflict view.
    Conflicts,
    /// Dialogs: text fields, pickers, search, the split and WSJF dialogs.
    Dialog,
    /// A yes/no question.
    Question,
    /// The column menu (C).
    ColumnMenu,
    /// The board menu (R).
    BoardMenu,
}

impl Scope {
    pub const ALL: [Scope; 10] = [
        Scope::Board,
        Scope::Presenting,
        Scope::Details,
        Scope::Objectives,
        Scope::View,
        Scope::Conflicts,
        Scope::Dialog,
        Scope::Question,
        Scope::ColumnMenu,
        Scope::BoardMenu,
    ];

    /// The heading of the scope's keys in the help.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Board => "Board",
            Scope::Presenting => "While presenting (P)",
            Scope::Details => "Details (Enter on a card)",
            Scope::Objectives => "Objectives view (o)",
            Scope::View => "Views (help, messages, details, sync, demo, hierarchy, metrics, program board)",
            Scope::Conflicts => "Save conflicts",
            Scope::Dialog => "Dialogs",
            Scope::Question => "Questions (y/n)",
            Scope::ColumnMenu => "Column menu (C)",
            Scope::BoardMenu => "Board menu (R)",
        }
    }
}

/// An action's stable name (for config files), the line the help shows, its key map and its
/// default keys.
#[derive(Debug)]
pub struct ActionInfo {
    pub action: Action,
    pub name: &'static str,
    pub scope: Scope,
    pub keys: &'static [Key],
    pub doc: &'static str,
}

const fn ch(c: char) -> Key {
    Key::char(c)
}

const fn pl(code: KeyCode) -> Key {
    Key::plain(code)
}

const fn sh(code: KeyCode) -> Key {
    Key::new(code, KeyModifiers::SHIFT)
}

const fn ctrl(c: char) -> Key {
    Key::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

const fn alt(code: KeyCode) -> Key {
    Key::new(code, KeyModifiers::ALT)
}

/// Declares the actions once: the enum and the registry come from the same lines.
macro_rules! registry {
    ($($variant:ident, $name:literal, $scope:ident, [$($key:expr),*], $doc:literal;)*) => {
        /// Everything a key can ask for.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $($variant,)*
        }

        /// The registry, in the order help lists it.
        pub const ACTIONS: &[ActionInfo] = &[
            $(ActionInfo { action: Action::$variant, name: $name, scope: Scope::$scope, keys: &[$($key),*], doc: $doc },)*
        ];
    };
}

registry! {
    SelectPrevColumn, "select_prev_column", Board, [ch('h'), pl(Left)], "select the previous column";
    SelectNextColumn, "select_next_column", Board, [ch('l'), pl(Right)], "select the next column";
    SelectNextItem, "select_next_item", Board, [ch('j'), pl(Down)], "select the next item";
    SelectPrevItem, "select_prev_item", Board, [ch('k'), pl(Up)], "select the previous item";
    SelectFirstItem, "select_first_item", Board, [ch('g'), pl(Home)], "select the first item of the column";
    SelectLastItem, "select_last_item", Board, [ch('G'), pl(End)], "select the last item of the column";
    MoveItemLeft, "move_item_left", Board, [ch('H'), sh(Left)], "move the item to the previous column";
    MoveItemRight, "move_item_right", Board, [ch('L'), sh(Right)], "move the item to the next column";
    MoveItemDown, "move_item_down", Board, [ch('J'), sh(Down)], "move the item down in priority";
    MoveItemUp, "move_item_up", Board, [ch('K'), sh(Up)], "move the item up in priority";
    SortByWsjf, "sort_by_wsjf", Board, [ch('w')], "re-rank the column by WSJF, highest first";
    SplitItem, "split_item", Board, [ch('s')], "split the item into children on the level below";
    NewItem, "new_item", Board, [ch('n')], "new item just below the selected one (choose its kind)";
    NewItemAbove, "new_item_above", Board, [ch('N')], "new item just above the selected one";
    EditTitle, "edit_title", Board, [ch('e')], "edit the title in place";
    EditInEditor, "edit_in_editor", Board, [ch('E')], "edit the whole item in $EDITOR";
    DeleteItem, "delete_item", Board, [ch('d')], "delete the item (asks y/n)";
    SetPoints, "set_points", Board, [ch('=')], "set the item's story points (empty clears)";
    SetOwner, "set_owner", Board, [ch('O')], "set the item's owner (empty clears)";
    PickIteration, "pick_iteration", Board, [ch('I')], "plan the item for an iteration (pick from the board's; type to narrow)";
    PickTeam, "pick_team", Board, [ch('T')], "set the item's team (pick from the team boards)";
    ToggleBlocked, "toggle_blocked", Board, [ch('B')], "block the item with a reason, or unblock it";
    PickKind, "pick_kind", Board, [ch('Y')], "change the item's kind (pick from the kinds of the board's level)";
    EditTags, "edit_tags", Board, [ch('#')], "edit the item's tags, comma-separated";
    EditWsjf, "edit_wsjf", Board, [ch('W')], "set the four WSJF inputs, the score shown as you type";
    EditDescription, "edit_description", Board, [ch('D')], "edit the description (several lines) in place";
    MoveToTop, "move_to_top", Board, [ch('{')], "move the item to the top of its column";
    MoveToBottom, "move_to_bottom", Board, [ch('}')], "move the item to the bottom of its column";
    MoveToTeam, "move_to_team", Board, [ch('M')], "move the story to another team's board (keeps id, links, history)";
    ToggleMark, "toggle_mark", Board, [ch(' ')], "mark or unmark the card (moves, ranks, tags, archiving act on all marked)";
    ArchiveItems, "archive_items", Board, [ch('Z')], "archive done items (marked, selected, or all before an iteration or date)";
    OpenArchive, "open_archive", Board, [ch('z')], "the board's archive: pick an archived item to restore (type to narrow)";
    Undo, "undo", Board, [ch('u')], "undo the last change";
    Redo, "redo", Board, [ctrl('r')], "redo the change undone last";
    RetrySave, "retry_save", Board, [ctrl('s')], "save again the boards whose save failed";
    OpenDetails, "open_details", Board, [pl(Enter)], "open the item's details";
    CloseDetails, "close_details", Board, [pl(Esc)], "close the details, help or a dialog";
    JumpToParent, "jump_to_parent", Board, [ch('p')], "jump to the item's parent, on its board";
    NextBoard, "next_board", Board, [pl(Tab)], "next board";
    PrevBoard, "prev_board", Board, [pl(BackTab)], "previous board";
    PickBoard, "pick_board", Board, [ch('\'')], "go to a board by name (type to narrow), for workspaces with many boards";
    FirstPortfolioBoard, "first_portfolio_board", Board, [ch('1')], "first portfolio board";
    FirstProgramBoard, "first_program_board", Board, [ch('2')], "first program board";
    FirstTeamBoard, "first_team_board", Board, [ch('3')], "first team board";
    ColumnMenu, "column_menu", Board, [ch('C')], "column menu: add, rename, move or delete columns, WIP limit, done column";
    BoardMenu, "board_menu", Board, [ch('R')], "board menu: create a team, program or portfolio board; rename this one";
    Search, "search", Board, [ch('/')], "search every field of every board (fuzzy; says which field matched)";
    ShowHierarchy, "show_hierarchy", Board, [ch('t')], "the hierarchy of the item across boards (epic → features → stories)";
    ShowProgramBoard, "show_program_board", Board, [ch('b')], "the program board: teams by iterations, capacity, milestones, dependencies";
    FilterByParent, "filter_by_parent", Board, [ch('f')], "show only the siblings of the item (children of its parent), and back";
    FilterCards, "filter_cards", Board, [ch('F')], "show only cards of a team, tag, owner or kind, or blocked ones";
    ShowConflicts, "show_conflicts", Board, [ch('c')], "show save conflicts: keep mine or take theirs";
    TogglePresentation, "toggle_presentation", Board, [ch('P')], "presentation mode for a shared screen (read-only), and back";
    UnlockEditing, "unlock_editing", Board, [ch('U')], "while presenting: allow editing (live planning), or lock again";
    ShowMetrics, "show_metrics", Board, [ch('m')], "flow metrics: SAFe's six, for the board and the ART, and cumulative flow";
    ShowSync, "show_sync", Board, [ch('S')], "ART sync agenda: blocked items, columns over WIP, late dependencies, risks";
    ShowSystemDemo, "show_system_demo", Board, [ch('v')], "system demo: what each team finished in an iteration (h/l), velocity";
    ShowObjectives, "show_objectives", Board, [ch('o')], "PI objectives and program predictability";
    SetPlannedValue, "set_planned_value", Objectives, [ch('B')], "set the planned business value (1–10)";
    SetActualValue, "set_actual_value", Objectives, [ch('A')], "score the actual business value";
    ToggleStretch, "toggle_stretch", Objectives, [ch('X')], "make the objective stretch, or committed";
    RecordVote, "record_vote", Objectives, [ch('V')], "record a fist-of-five confidence vote";
    NextCriterion, "next_criterion", Details, [pl(Tab)], "select the next acceptance criterion";
    PrevCriterion, "prev_criterion", Details, [pl(BackTab)], "select the previous acceptance criterion";
    ToggleCriterion, "toggle_criterion", Details, [ch('x')], "tick or untick the selected criterion";
    AddCriterion, "add_criterion", Details, [ch('a')], "add an acceptance criterion";
    EditCriterion, "edit_criterion", Details, [ch('e')], "edit the selected criterion's text";
    MoveCriterionDown, "move_criterion_down", Details, [ch('J')], "move the selected criterion down";
    MoveCriterionUp, "move_criterion_up", Details, [ch('K')], "move the selected criterion up";
    DeleteCriterion, "delete_criterion", Details, [ch('d')], "delete the selected criterion (u undoes it)";
    Help, "help", Board, [ch('?')], "show or hide the help";
    ShowMessages, "show_messages", Board, [ch('!')], "the last messages in full, newest first";
    Quit, "quit", Board, [ch('q'), ctrl('c')], "quit";
    PresentNextBoard, "present_next_board", Presenting, [ch(' ')], "the next board";
    PresentPrevBoard, "present_prev_board", Presenting, [pl(Backspace)], "the previous board";
    LeavePresentation, "leave_presentation", Presenting, [pl(Esc)], "leave the presentation (q does not quit on the shared screen)";
    ScrollDown, "scroll_down", View, [ch('j'), pl(Down)], "scroll down, or choose the next row";
    ScrollUp, "scroll_up", View, [ch('k'), pl(Up)], "scroll up, or choose the previous row";
    ScrollPageDown, "scroll_page_down", View, [pl(PageDown), ctrl('d')], "a page down";
    ScrollPageUp, "scroll_page_up", View, [pl(PageUp), ctrl('u')], "a page up";
    ChooseRow, "choose_row", View, [pl(Enter)], "jump to the chosen item on its board";
    CloseView, "close_view", View, [pl(Esc), ch('q')], "close the view";
    KeepMine, "keep_mine", Conflicts, [ch('m')], "keep my version of the board";
    TakeTheirs, "take_theirs", Conflicts, [ch('t')], "take their version from disk";
    Confirm, "confirm", Dialog, [pl(Enter)], "confirm: save, add, pick, jump (split: the next title; on an empty line, create)";
    Cancel, "cancel", Dialog, [pl(Esc)], "cancel, nothing changes";
    NextField, "next_field", Dialog, [pl(Tab)], "the next field or choice (new item's kind, WSJF input, split's board)";
    PrevField, "prev_field", Dialog, [pl(BackTab)], "the previous field or choice";
    ChooseNext, "choose_next", Dialog, [pl(Down)], "the next hit, value or line";
    ChoosePrev, "choose_prev", Dialog, [pl(Up)], "the previous hit, value or line";
    ChoosePageDown, "choose_page_down", Dialog, [pl(PageDown)], "ten down";
    ChoosePageUp, "choose_page_up", Dialog, [pl(PageUp)], "ten up";
    SaveText, "save_text", Dialog, [ctrl('s'), alt(Enter)], "save (Enter starts a new line)";
    Yes, "yes", Question, [ch('y'), ch('Y'), pl(Enter)], "yes";
    No, "no", Question, [ch('n'), ch('N'), pl(Esc)], "no";
    AddColumn, "add_column", ColumnMenu, [ch('a')], "add a column to the right of this one";
    RenameColumn, "rename_column", ColumnMenu, [ch('r')], "rename it (its cards follow; history keeps the old name)";
    ColumnWipLimit, "column_wip_limit", ColumnMenu, [ch('w')], "set or clear its WIP limit";
    MoveColumnLeft, "move_column_left", ColumnMenu, [ch('h'), pl(Left)], "move it left";
    MoveColumnRight, "move_column_right", ColumnMenu, [ch('l'), pl(Right)], "move it right";
    MarkDoneColumn, "mark_done_column", ColumnMenu, [ch('x')], "make it the done column";
    DeleteColumn, "delete_column", ColumnMenu, [ch('d')], "delete it (cards in it move to a column you pick)";
    CloseColumnMenu, "close_column_menu", ColumnMenu, [pl(Esc), ch('C'), ch('q')], "close";
    NewBoard, "new_board", BoardMenu, [ch('n')], "new board: pick its level, type its name (a new file)";
    RenameBoard, "rename_board", BoardMenu, [ch('r')], "rename this board (its file keeps its name)";
    CloseBoardMenu, "close_board_menu", BoardMenu, [pl(Esc), ch('R'), ch('q')], "close";
}

impl Action {
    pub fn info(self) -> &'static ActionInfo {
        // The registry is declared with the enum, in the same order.
        &ACTIONS[self as usize]
    }

    pub fn from_name(name: &str) -> Option<Action> {
        ACTIONS.iter().find(|i| i.name == name).map(|i| i.action)
    }

    pub fn scope(self) -> Scope {
        self.info().scope
    }
}
