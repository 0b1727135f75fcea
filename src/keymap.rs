//! The one place that names every action and binds keys to them. The help overlay and the
//! README key table are generated from [`ACTIONS`] and [`KeyMap::default`], so they never drift.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Everything a key can ask for on the board screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    SelectPrevColumn,
    SelectNextColumn,
    SelectNextItem,
    SelectPrevItem,
    SelectFirstItem,
    SelectLastItem,
    MoveItemLeft,
    MoveItemRight,
    MoveItemDown,
    MoveItemUp,
    SortByWsjf,
    SplitItem,
    NewItem,
    NewItemAbove,
    EditTitle,
    EditInEditor,
    DeleteItem,
    SetPoints,
    SetOwner,
    PickIteration,
    PickTeam,
    ToggleBlocked,
    PickKind,
    EditTags,
    EditWsjf,
    EditDescription,
    MoveToTop,
    MoveToBottom,
    MoveToTeam,
    ToggleMark,
    ArchiveItems,
    OpenArchive,
    Undo,
    Redo,
    RetrySave,
    OpenDetails,
    CloseDetails,
    JumpToParent,
    NextBoard,
    PrevBoard,
    PickBoard,
    FirstPortfolioBoard,
    FirstProgramBoard,
    FirstTeamBoard,
    ColumnMenu,
    BoardMenu,
    Search,
    ShowHierarchy,
    ShowProgramBoard,
    FilterByParent,
    FilterCards,
    ShowConflicts,
    TogglePresentation,
    UnlockEditing,
    ShowMetrics,
    ShowSync,
    ShowSystemDemo,
    ShowObjectives,
    SetPlannedValue,
    SetActualValue,
    ToggleStretch,
    RecordVote,
    NextCriterion,
    PrevCriterion,
    ToggleCriterion,
    AddCriterion,
    EditCriterion,
    MoveCriterionDown,
    MoveCriterionUp,
    DeleteCriterion,
    Help,
    ShowMessages,
    Quit,
}

/// An action's stable name (for config files) and the line the help shows for it.
pub struct ActionInfo {
    pub action: Action,
    pub name: &'static str,
    pub doc: &'static str,
}

const fn info(action: Action, name: &'static str, doc: &'static str) -> ActionInfo {
    ActionInfo { action, name, doc }
}

/// The registry, in the order help lists it.
pub const ACTIONS: &[ActionInfo] = &[
    info(Action::SelectPrevColumn, "select_prev_column", "select the previous column"),
    info(Action::SelectNextColumn, "select_next_column", "select the next column"),
    info(Action::SelectNextItem, "select_next_item", "select the next item"),
    info(Action::SelectPrevItem, "select_prev_item", "select the previous item"),
    info(Action::SelectFirstItem, "select_first_item", "select the first item of the column"),
    info(Action::SelectLastItem, "select_last_item", "select the last item of the column"),
    info(Action::MoveItemLeft, "move_item_left", "move the item to the previous column"),
    info(Action::MoveItemRight, "move_item_right", "move the item to the next column"),
    info(Action::MoveItemDown, "move_item_down", "move the item down in priority"),
    info(Action::MoveItemUp, "move_item_up", "move the item up in priority"),
    info(Action::SortByWsjf, "sort_by_wsjf", "re-rank the column by WSJF, highest first"),
    info(Action::SplitItem, "split_item", "split the item into children on the level below"),
    info(Action::NewItem, "new_item", "new item just below the selected one (choose its kind)"),
    info(Action::NewItemAbove, "new_item_above", "new item just above the selected one"),
    info(Action::EditTitle, "edit_title", "edit the title in place"),
    info(Action::EditInEditor, "edit_in_editor", "edit the whole item in $EDITOR"),
    info(Action::DeleteItem, "delete_item", "delete the item (asks y/n)"),
    info(Action::SetPoints, "set_points", "set the item's story points (empty clears)"),
    info(Action::SetOwner, "set_owner", "set the item's owner (empty clears)"),
    info(
        Action::PickIteration,
        "pick_iteration",
        "plan the item for an iteration (pick from the board's; type to narrow)",
    ),
    info(Action::PickTeam, "pick_team", "set the item's team (pick from the team boards)"),
    info(Action::ToggleBlocked, "toggle_blocked", "block the item with a reason, or unblock it"),
    info(Action::PickKind, "pick_kind", "change the item's kind (pick from the kinds of the board's level)"),
    info(Action::EditTags, "edit_tags", "edit the item's tags, comma-separated"),
    info(Action::EditWsjf, "edit_wsjf", "set the four WSJF inputs, the score shown as you type"),
    info(Action::EditDescription, "edit_description", "edit the description (several lines) in place"),
    info(Action::MoveToTop, "move_to_top", "move the item to the top of its column"),
    info(Action::MoveToBottom, "move_to_bottom", "move the item to the bottom of its column"),
    info(Action::MoveToTeam, "move_to_team", "move the story to another team's board (keeps id, links, history)"),
    info(
        Action::ToggleMark,
        "toggle_mark",
        "mark or unmark the card (moves, ranks, tags, archiving act on all marked)",
    ),
    info(
        Action::ArchiveItems,
        "archive_items",
        "archive done items (marked, selected, or all before an iteration or date)",
    ),
    info(Action::OpenArchive, "open_archive", "the board's archive: pick an archived item to restore (type to narrow)"),
    info(Action::Undo, "undo", "undo the last change"),
    info(Action::Redo, "redo", "redo the change undone last"),
    info(Action::RetrySave, "retry_save", "save again the boards whose save failed"),
    info(Action::OpenDetails, "open_details", "open the item's details"),
    info(Action::CloseDetails, "close_details", "close the details, help or a dialog"),
    info(Action::JumpToParent, "jump_to_parent", "jump to the item's parent, on its board"),
    info(Action::NextBoard, "next_board", "next board"),
    info(Action::PrevBoard, "prev_board", "previous board"),
    info(Action::PickBoard, "pick_board", "go to a board by name (type to narrow), for workspaces with many boards"),
    info(Action::FirstPortfolioBoard, "first_portfolio_board", "first portfolio board"),
    info(Action::FirstProgramBoard, "first_program_board", "first program board"),
    info(Action::FirstTeamBoard, "first_team_board", "first team board"),
    info(Action::ColumnMenu, "column_menu", "column menu: add, rename, move or delete columns, WIP limit, done column"),
    info(Action::BoardMenu, "board_menu", "board menu: create a team, program or portfolio board; rename this one"),
    info(Action::Search, "search", "search every field of every board (fuzzy; says which field matched)"),
    info(
        Action::ShowHierarchy,
        "show_hierarchy",
        "the hierarchy of the item across boards (epic → features → stories)",
    ),
    info(
        Action::FilterByParent,
        "filter_by_parent",
        "show only the siblings of the item (children of its parent), and back",
    ),
    info(Action::FilterCards, "filter_cards", "show only cards of a team, tag, owner or kind, or blocked ones"),
    info(Action::ShowConflicts, "show_conflicts", "show save conflicts: keep mine or take theirs"),
    info(
        Action::TogglePresentation,
        "toggle_presentation",
        "presentation mode for a shared screen (read-only), and back",
    ),
    info(Action::UnlockEditing, "unlock_editing", "while presenting: allow editing (live planning), or lock again"),
    info(
        Action::ShowMetrics,
        "show_metrics",
        "flow metrics: SAFe's six, for the board and the ART, and cumulative flow",
    ),
    info(Action::ShowSync, "show_sync", "ART sync agenda: blocked items, columns over WIP, late dependencies, risks"),
    info(
        Action::ShowSystemDemo,
        "show_system_demo",
        "system demo: what each team finished in an iteration (h/l), velocity",
    ),
    info(Action::ShowObjectives, "show_objectives", "PI objectives and program predictability"),
    info(Action::SetPlannedValue, "set_planned_value", "objectives view: set the planned business value (1–10)"),
    info(Action::SetActualValue, "set_actual_value", "objectives view: score the actual business value"),
    info(Action::ToggleStretch, "toggle_stretch", "objectives view: make the objective stretch, or committed"),
    info(Action::RecordVote, "record_vote", "objectives view: record a fist-of-five confidence vote"),
    info(Action::NextCriterion, "next_criterion", "details: select the next acceptance criterion"),
    info(Action::PrevCriterion, "prev_criterion", "details: select the previous acceptance criterion"),
    info(Action::ToggleCriterion, "toggle_criterion", "details: tick or untick the selected criterion"),
    info(Action::AddCriterion, "add_criterion", "details: add an acceptance criterion"),
    info(Action::EditCriterion, "edit_criterion", "details: edit the selected criterion's text"),
    info(Action::MoveCriterionDown, "move_criterion_down", "details: move the selected criterion down"),
    info(Action::MoveCriterionUp, "move_criterion_up", "details: move the selected criterion up"),
    info(Action::DeleteCriterion, "delete_criterion", "details: delete the selected criterion (u undoes it)"),
    info(Action::Help, "help", "show or hide the help"),
    info(Action::ShowMessages, "show_messages", "the last messages in full, newest first"),
    info(Action::Quit, "quit", "quit"),
];

impl Action {
    pub fn info(self) -> &'static ActionInfo {
        ACTIONS.iter().find(|i| i.action == self).unwrap_or(&ACTIONS[0])
    }

    pub fn from_name(name: &str) -> Option<Action> {
        ACTIONS.iter().find(|i| i.name == name).map(|i| i.action)
    }
}

/// A key with its modifiers, normalized so `H` and `Shift+h` are one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub const fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        Key { code, mods }
    }

    pub const fn plain(code: KeyCode) -> Key {
        Key::new(code, KeyModifiers::NONE)
    }

    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// The key of a terminal event: Shift is folded into the character (`H`), and
    /// `Shift+Tab` arrives as `BackTab`.
    pub fn from_event(event: &KeyEvent) -> Key {
        let mut mods = event.modifiers & (KeyModifiers::SHIFT | KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match event.code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c)
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    /// Parses `h`, `H`, `Shift+Left`, `Ctrl+r`, `Tab`, `Enter`, `Esc`, `?`.
    pub fn parse(text: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        while let Some((head, tail)) = rest.split_once('+').filter(|(_, t)| !t.is_empty()) {
            match head.to_ascii_lowercase().as_str() {
                "shift" => mods |= KeyModifiers::SHIFT,
                "ctrl" | "control" => mods |= KeyModifiers::CONTROL,
                "alt" => mods |= KeyModifiers::ALT,
                _ => return None,
            }
            rest = tail;
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "left" | "←" => KeyCode::Left,
            "right" | "→" => KeyCode::Right,
            "up" | "↑" => KeyCode::Up,
            "down" | "↓" => KeyCode::Down,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "delete" | "del" => KeyCode::Delete,
            _ => {
                let mut chars = rest.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(c)
            }
        };
        let key = Key { code, mods };
        Some(match (key.code, key.mods.contains(KeyModifiers::SHIFT)) {
            (KeyCode::Char(c), true) => Key::new(KeyCode::Char(c.to_ascii_uppercase()), mods - KeyModifiers::SHIFT),
            (KeyCode::Tab, true) => Key::plain(KeyCode::BackTab),
            _ => key,
        })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl+")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt+")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift+")?;
        }
        match self.code {
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift+Tab"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PageUp"),
            KeyCode::PageDown => f.write_str("PageDown"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Keys bound to actions; several keys may share one action.
#[derive(Debug, Clone)]
pub struct KeyMap {
    bindings: Vec<(Key, Action)>,
}

impl Default for KeyMap {
    fn default() -> KeyMap {
        use Action::*;
        use KeyCode::*;
        let shift = KeyModifiers::SHIFT;
        let ctrl = KeyModifiers::CONTROL;
        let bindings = vec![
            (Key::char('h'), SelectPrevColumn),
            (Key::plain(Left), SelectPrevColumn),
            (Key::char('l'), SelectNextColumn),
            (Key::plain(Right), SelectNextColumn),
            (Key::char('j'), SelectNextItem),
            (Key::plain(Down), SelectNextItem),
            (Key::char('k'), SelectPrevItem),
            (Key::plain(Up), SelectPrevItem),
            (Key::char('g'), SelectFirstItem),
            (Key::plain(Home), SelectFirstItem),
            (Key::char('G'), SelectLastItem),
            (Key::plain(End), SelectLastItem),
            (Key::char('H'), MoveItemLeft),
            (Key::new(Left, shift), MoveItemLeft),
            (Key::char('L'), MoveItemRight),
            (Key::new(Right, shift), MoveItemRight),
            (Key::char('J'), MoveItemDown),
            (Key::new(Down, shift), MoveItemDown),
            (Key::char('K'), MoveItemUp),
            (Key::new(Up, shift), MoveItemUp),
            (Key::char('w'), SortByWsjf),
            (Key::char('s'), SplitItem),
            (Key::char('n'), NewItem),
            (Key::char('N'), NewItemAbove),
            (Key::char('e'), EditTitle),
            (Key::char('E'), EditInEditor),
            (Key::char('d'), DeleteItem),
            (Key::char('='), SetPoints),
            (Key::char('O'), SetOwner),
            (Key::char('I'), PickIteration),
            (Key::char('T'), PickTeam),
            (Key::char('B'), ToggleBlocked),
            (Key::char('Y'), PickKind),
            (Key::char('#'), EditTags),
            (Key::char('W'), EditWsjf),
            (Key::char('D'), EditDescription),
            (Key::char('{'), MoveToTop),
            (Key::char('}'), MoveToBottom),
            (Key::char('M'), MoveToTeam),
            (Key::char(' '), ToggleMark),
            (Key::char('Z'), ArchiveItems),
            (Key::char('z'), OpenArchive),
            (Key::char('u'), Undo),
            (Key::new(Char('r'), ctrl), Redo),
            (Key::new(Char('s'), ctrl), RetrySave),
            (Key::plain(Enter), OpenDetails),
            (Key::plain(Esc), CloseDetails),
            (Key::char('p'), JumpToParent),
            (Key::plain(Tab), NextBoard),
            (Key::plain(BackTab), PrevBoard),
            (Key::char('\''), PickBoard),
            (Key::char('1'), FirstPortfolioBoard),
            (Key::char('2'), FirstProgramBoard),
            (Key::char('3'), FirstTeamBoard),
            (Key::char('C'), ColumnMenu),
            (Key::char('R'), BoardMenu),
            (Key::char('/'), Search),
            (Key::char('t'), ShowHierarchy),
            (Key::char('b'), ShowProgramBoard),
            (Key::char('f'), FilterByParent),
            (Key::char('F'), FilterCards),
            (Key::char('c'), ShowConflicts),
            (Key::char('P'), TogglePresentation),
            (Key::char('U'), UnlockEditing),
            (Key::char('m'), ShowMetrics),
            (Key::char('S'), ShowSync),
            (Key::char('v'), ShowSystemDemo),
            (Key::char('o'), ShowObjectives),
            (Key::char('B'), SetPlannedValue),
            (Key::char('A'), SetActualValue),
            (Key::char('X'), ToggleStretch),
            (Key::char('V'), RecordVote),
            // The details view's own keys; there they come before the board's (see
            // `action_among`), elsewhere the board's meaning wins.
            (Key::plain(Tab), NextCriterion),
            (Key::plain(BackTab), PrevCriterion),
            (Key::char('x'), ToggleCriterion),
            (Key::char('a'), AddCriterion),
            (Key::char('e'), EditCriterion),
            (Key::char('J'), MoveCriterionDown),
            (Key::char('K'), MoveCriterionUp),
            (Key::char('d'), DeleteCriterion),
            (Key::char('?'), Help),
            (Key::char('!'), ShowMessages),
            (Key::char('q'), Quit),
            (Key::new(Char('c'), ctrl), Quit),
        ];
        KeyMap { bindings }
    }
}

impl KeyMap {
    pub fn action_for(&self, event: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        self.bindings.iter().find(|(k, _)| *k == key).map(|(_, a)| *a)
    }

    /// The action `event` is bound to, preferring one of `first` (a view's own actions, whose
    /// keys may also mean something on the board, like `B`).
    pub fn action_among(&self, event: &KeyEvent, first: &[Action]) -> Option<Action> {
        let key = Key::from_event(event);
        let mine = self.bindings.iter().find(|(k, a)| *k == key && first.contains(a)).map(|(_, a)| *a);
        mine.or_else(|| self.action_for(event))
    }

    /// The keys bound to `action`, in binding order.
    pub fn keys_for(&self, action: Action) -> Vec<Key> {
        self.bindings.iter().filter(|(_, a)| *a == action).map(|(k, _)| *k).collect()
    }

    /// The keys of `action` joined for display, e.g. `h ←`.
    pub fn keys_label(&self, action: Action) -> String {
        self.keys_for(action).iter().map(Key::to_string).collect::<Vec<_>>().join(" ")
    }

    /// Binds `keys` to `action` in place of its current keys (a user override).
    pub fn rebind(&mut self, action: Action, keys: &[Key]) {
        self.bindings.retain(|(k, a)| *a != action && !keys.contains(k));
        self.bindings.extend(keys.iter().map(|k| (*k, action)));
    }

    /// Help rows: keys and what they do, one per action, in registry order.
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        ACTIONS
            .iter()
            .map(|info| (self.keys_label(info.action), info.doc))
            .filter(|(keys, _)| !keys.is_empty())
            .collect()
    }

    /// The key table for the README, in Markdown.
    pub fn markdown_table(&self) -> String {
        let mut out = String::from("| keys | action |\n|---|---|\n");
        for (keys, doc) in self.help_rows() {
            let keys: Vec<String> = keys.split(' ').map(|k| format!("`{k}`")).collect();
            out.push_str(&format!("| {} | {doc} |\n", keys.join(" ")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn every_action_has_a_key_and_a_unique_name() {
        let map = KeyMap::default();
        for info in ACTIONS {
            assert!(!map.keys_for(info.action).is_empty(), "{} has no key", info.name);
            assert_eq!(Action::from_name(info.name), Some(info.action));
        }
    }
}
