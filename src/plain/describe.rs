//! Plain mode's words: the board as linear text (board, columns with count and limit, one
//! line per card) and, after each key, one or a few lines that say what changed. Pure: reads
//! the app and a snapshot taken before the key.

use crate::app::columns::ColumnMenu;
use crate::app::edit_title::EditTitleDialog;
use crate::app::filter_dialog::FilterDialog;
use crate::app::questions::{DeleteQuestion, EditorErrorQuestion, MoveQuestion};
use crate::app::{App, Mode};
use crate::model::{Board, Item, Level};
use crate::text::clean;

/// What the screen showed before a key: enough to tell what the key changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    board_key: Option<String>,
    selected: Option<String>,
    /// The selected item's column and place in it.
    place: Option<(String, usize)>,
    mode: Mode,
    status: Option<String>,
    items: usize,
    filter: bool,
    presenting: Option<bool>,
    title: Option<String>,
    objectives: crate::app::objectives::ObjectivesView,
}

impl Snapshot {
    pub fn of(app: &App) -> Snapshot {
        let selected = app.selected_item();
        Snapshot {
            board_key: app.current_board().map(|b| b.key.clone()),
            selected: selected.map(|i| i.id.clone()),
            place: selected.and_then(|i| place_of(app, &i.id)),
            mode: app.mode().clone(),
            status: app.status().map(|s| s.text.clone()),
            items: app.ws().boards().iter().map(|b| b.items.len()).sum(),
            filter: app.filter().is_some(),
            presenting: app.presenting(),
            title: selected.map(|i| i.title.clone()),
            objectives: app.objectives().clone(),
        }
    }
}

/// The column and 1-based rank of item `id` on the current board.
fn place_of(app: &App, id: &str) -> Option<(String, usize)> {
    let board = app.current_board()?;
    let item = board.item(id)?;
    let col = board.column_index(&item.column)?;
    let pos = board.position(id)?;
    let rank = app.visible_positions(col).iter().position(|&p| p == pos)? + 1;
    Some((item.column.clone(), rank))
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Portfolio => "portfolio board",
        Level::Program => "program board",
        Level::Team => "team board",
    }
}

/// `S-103 Story: Title [blocked: reason] [5 pt]`.
pub fn card_line(board: &Board, item: &Item) -> String {
    let mut line = format!("{} {}: {}", clean(&item.id), board.kind_of(item).name(), clean(&item.title));
    if let Some(reason) = &item.blocked {
        line.push_str(&format!(" [blocked: {}]", clean(reason)));
    }
    if let Some(score) = item.score_label() {
        line.push_str(&format!(" [{score}]"));
    }
    line
}

/// `3 of 3 WIP`, `4 of 3 WIP, OVER the limit`, or `5 items`.
pub fn count_text(board: &Board, col: usize) -> String {
    let count = board.column_len(col);
    match board.columns.get(col).and_then(|c| c.wip) {
        Some(limit) if count > limit as usize => format!("{count} of {limit} WIP, OVER the limit"),
        Some(limit) => format!("{count} of {limit} WIP"),
        None if count == 1 => "1 item".to_string(),
        None => format!("{count} items"),
    }
}

/// The current board as lines: its name, then each column with its cards.
pub fn board_text(app: &App) -> Vec<String> {
    let Some(board) = app.current_board() else { return vec!["No boards.".to_string()] };
    // Archives are not tabs: counted are the boards Tab goes through.
    let index = app.ws().tabs().position(|i| i == app.board_index()).map_or(app.board_index(), |p| p) + 1;
    let total = app.ws().tabs().count();
    let mut lines = vec![format!("Board {} ({}, {index} of {total})", clean(&board.name), level_name(board.level))];
    if let Some(problem) = app.broken().get(&board.key) {
        lines.push(format!("Warning: {}; showing the last good copy", clean(problem)));
    }
    if app.filter().is_some() {
        lines.push("Filtered: only matching cards are listed (Esc clears)".to_string());
    }
    let selected = app.selected_id();
    for (col, column) in board.columns.iter().enumerate() {
        let done = if col == board.done_column() { ", done column" } else { "" };
        lines.push(format!("Column {}: {}{done}", clean(&column.name), count_text(board, col)));
        for &pos in app.visible_positions(col).iter() {
            let item = &board.items[pos];
            let changed = if app.marked().contains_key(&item.id) { " (changed by someone else)" } else { "" };
            let mark = if selected.as_deref() == Some(item.id.as_str()) { " (selected)" } else { "" };
            lines.push(format!("  {}{changed}{mark}", card_line(board, item)));
        }
    }
    lines.push("Keys: h l columns, j k cards, H L move, J K rank, ? help, q quit".to_string());
    lines
}

/// What the selection is now: `S-104 Story: title, in Ready, 2 of 4`.
pub fn selection_text(app: &App) -> String {
    let Some(board) = app.current_board() else { return "No boards.".to_string() };
    let col = app.cursor().column.min(board.columns.len().saturating_sub(1));
    let column = board.columns.get(col).map(|c| clean(&c.name).into_owned()).unwrap_or_default();
    match app.selected_item() {
        Some(item) => {
            let of = app.visible_positions(col).len();
            let rank = place_of(app, &item.id).map(|(_, r)| r).unwrap_or(1);
            format!("{}, in {column}, {rank} of {of}", card_line(board, item))
        }
        None => format!("Column {column}: empty"),
    }
}

/// The lines that tell what a key changed, from the snapshot taken before it.
pub fn changes(before: &Snapshot, app: &App) -> Vec<String> {
    let now = Snapshot::of(app);
    let mut lines = Vec::new();
    if now.mode != before.mode && typed(before, app).is_none() {
        lines.extend(mode_text(app, &before.mode));
    }
    if matches!((&before.mode, &app.mode()), (Mode::Objectives { .. }, Mode::Objectives { .. })) {
        lines.extend(objectives_changes(&before.objectives, app));
    }
    let in_board = *app.mode() == Mode::Board;
    if now.board_key != before.board_key || now.filter != before.filter || now.presenting != before.presenting {
        if in_board {
            lines.extend(board_text(app));
        }
    } else if in_board || matches!(app.mode(), Mode::Details { .. }) {
        let (said, told_the_edit) = item_changes(before, &now, app);
        lines.extend(said);
        // The status line would only repeat the edit's name ("Move S-103 to Ready"); it is
        // still said when it tells more (errors, "undone: …", merges with others' changes).
        let id = now.selected.as_deref().unwrap_or("\u{0}");
        let repeats =
            |s: &crate::app::Status| s.tone != crate::app::Tone::Error && s.text.contains(id) && !s.text.contains(':');
        if told_the_edit && app.status().is_some_and(repeats) {
            return lines;
        }
    }
    if lines.is_empty() && in_board && before.mode != Mode::Board {
        lines.push("closed".to_string());
    }
    if now.status != before.status
        && let Some(status) = &app.status()
    {
        let text = clean(&status.text).into_owned();
        let said = |line: &String| line.to_lowercase().contains(&text.to_lowercase());
        if !lines.iter().any(said) {
            lines.push(text);
        }
    }
    lines
}

/// In the objectives view: the line now selected, or the prompt just opened.
fn objectives_changes(before: &crate::app::objectives::ObjectivesView, app: &App) -> Vec<String> {
    let now = &app.objectives();
    match (&before.prompt, &now.prompt) {
        (None, Some((prompt, input))) => {
            let text = if input.is_empty() { String::new() } else { format!(" (now {})", clean(&input.text())) };
            vec![format!("{}{text}: type, Enter records, Esc cancels", prompt.label())]
        }
        (None, None) if before.selected != now.selected => crate::ui::objectives::selected_text(app, &app.theme(), 200)
            .map(|t| clean(&t).into_owned())
            .into_iter()
            .collect(),
        _ => Vec::new(),
    }
}

/// What happened to the selected item; true when that was an edit (moved, ranked, added…).
fn item_changes(before: &Snapshot, now: &Snapshot, app: &App) -> (Vec<String>, bool) {
    let Some(board) = app.current_board() else { return (Vec::new(), false) };
    let same = now.selected.is_some() && now.selected == before.selected;
    if now.items > before.items
        && let Some(item) = app.selected_item()
        && now.selected != before.selected
    {
        let col = board.column_index(&item.column).unwrap_or(0);
        let line = format!("added {} in {}, {}", card_line(board, item), clean(&item.column), count_text(board, col));
        return (vec![line], true);
    }
    if now.items < before.items
        && let Some(gone) = &before.selected
    {
        return (vec![format!("deleted {}; now {}", clean(gone), selection_text(app))], true);
    }
    let edit = |line: String| (vec![line], true);
    let view = |line: String| (vec![line], false);
    match (&before.place, &now.place) {
        (Some((from, _)), Some((to, _))) if same && from != to => {
            let col = board.column_index(to).unwrap_or(0);
            let id = now.selected.as_deref().unwrap_or_default();
            edit(format!("moved {} to {}, {}", clean(id), clean(to), count_text(board, col)))
        }
        (Some((_, old)), Some((column, rank))) if same && old != rank => {
            let of = board.column_index(column).map(|c| app.visible_positions(c).len()).unwrap_or(0);
            let id = now.selected.as_deref().unwrap_or_default();
            edit(format!("{} is now {rank} of {of} in {}", clean(id), clean(column)))
        }
        _ if same && now.title != before.title => edit(format!("renamed: {}", selection_text(app))),
        _ if now.selected != before.selected || now.place != before.place => view(selection_text(app)),
        // Moving through an empty column, or to another empty one.
        _ if now.selected.is_none() => view(selection_text(app)),
        _ => (Vec::new(), false),
    }
}

/// What typing did to a text field, to echo it as a terminal would.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed {
    /// These characters were added at the end.
    Append(String),
    /// This many characters were taken off the end.
    Erase(usize),
    /// The field changed otherwise: here it is whole.
    Replace(String),
}

/// How the open text field changed since `before`, if the same field is still open.
pub fn typed(before: &Snapshot, app: &App) -> Option<Typed> {
    if std::mem::discriminant(&before.mode) != std::mem::discriminant(app.mode()) {
        return None;
    }
    let old = match &before.mode {
        Mode::Objectives { .. } => before.objectives.prompt.as_ref().map(|(_, input)| input.text()),
        mode => field_text(mode),
    }?;
    let new = field_text_of(app, app.mode())?;
    if old == new {
        return None;
    }
    Some(if let Some(added) = new.strip_prefix(old.as_str()) {
        Typed::Append(clean(added).into_owned())
    } else if old.starts_with(new.as_str()) {
        Typed::Erase(old[new.len()..].chars().count())
    } else {
        Typed::Replace(clean(&new).into_owned())
    })
}

fn field_text_of(app: &App, mode: &Mode) -> Option<String> {
    match mode {
        Mode::Objectives { .. } => app.objectives().prompt.as_ref().map(|(_, input)| input.text()),
        _ => field_text(mode),
    }
}

fn field_text(mode: &Mode) -> Option<String> {
    match mode {
        Mode::NewItem(dialog) => Some(dialog.input.text()),
        Mode::Filter(FilterDialog { input }) | Mode::EditTitle(EditTitleDialog { input, .. }) => Some(input.text()),
        Mode::Wsjf(dialog) => Some(format!("{} · {}", dialog.texts().join(" | "), dialog.preview())),
        Mode::Description(dialog) => Some(dialog.text.text()),
        Mode::Search(search) => Some(search.input.text()),
        Mode::Prompt(prompt) => Some(prompt.input.text()),
        Mode::NamePrompt(prompt) => Some(prompt.input.text()),
        Mode::Picker(picker) => Some(picker.input.text()),
        Mode::Split(split) => {
            // The line being typed in its place among the others.
            let mut lines = split.lines.clone();
            lines.insert(split.at.min(lines.len()), split.current.text());
            Some(lines.join(" | "))
        }
        _ => None,
    }
}

/// What a newly opened view or dialog shows, as text; or what closing one returned to.
fn mode_text(app: &App, before: &Mode) -> Vec<String> {
    let item = app.selected_item();
    let id = item.map(|i| clean(&i.id).into_owned()).unwrap_or_default();
    match &app.mode() {
        Mode::Board => {
            if matches!(
                before,
                Mode::Help { .. }
                    | Mode::Messages { .. }
                    | Mode::Sync { .. }
                    | Mode::SystemDemo { .. }
                    | Mode::Details { .. }
                    | Mode::Objectives { .. }
                    | Mode::Tree { .. }
            )
            {
                vec![format!("back on the board: {}", selection_text(app))]
            } else {
                Vec::new()
            }
        }
        Mode::SystemDemo { iteration, .. } => {
            let iterations = crate::model::demo::iterations(app.ws());
            let name = iterations.get(*iteration).cloned().unwrap_or_default();
            let mut lines = vec![format!("System demo of {}: h and l choose the iteration", clean(&name))];
            let demo = crate::model::demo::system_demo(app.ws(), &name).lines();
            lines.extend(demo.into_iter().filter(|(_, l)| !l.is_empty()).map(|(_, l)| clean(&l).into_owned()));
            lines.push("Esc closes it.".to_string());
            lines
        }
        Mode::Sync { .. } => {
            let mut lines = vec!["ART sync agenda, all boards:".to_string()];
            let agenda = crate::model::sync::agenda(app.ws()).lines();
            lines.extend(agenda.into_iter().filter(|(_, l)| !l.is_empty()).map(|(_, l)| clean(&l).into_owned()));
            lines.push("Any key closes it.".to_string());
            lines
        }
        Mode::Messages { .. } => {
            let mut lines = vec!["The last messages, newest first:".to_string()];
            lines.extend(app.messages().iter().rev().map(|m| format!("  {}", clean(&m.text))));
            lines.push("Any key closes them.".to_string());
            lines
        }
        Mode::Help { .. } => {
            let mut lines = vec!["Keys:".to_string()];
            for scope in crate::keymap::Scope::ALL {
                let rows = app.keymap().help_rows_of(scope);
                if !rows.is_empty() {
                    lines.push(format!("{}:", scope.title()));
                    lines.extend(rows.into_iter().map(|(keys, doc)| format!("  {keys}: {doc}")));
                }
            }
            lines.push("Any key closes the help.".to_string());
            lines
        }
        Mode::Details { .. } => match item {
            Some(item) => {
                let mut lines = vec![format!("Details of {id}:")];
                let detail = crate::app::detail_rows::detail_lines(app.ws(), item, &app.theme());
                lines.extend(detail.iter().map(|l| format!("  {}", line_text(l).trim_end())));
                lines.push("Enter or Esc closes the details.".to_string());
                lines
            }
            None => Vec::new(),
        },
        Mode::Objectives { .. } => {
            let mut lines = vec!["PI objectives:".to_string()];
            let objective = crate::ui::objectives::objective_lines(app, &app.theme(), 60);
            lines.extend(objective.iter().map(|l| line_text(l).trim_end().to_string()).filter(|l| !l.is_empty()));
            lines.push(
                "j k select a line; n adds an objective, e edits its text, B sets planned and A actual business \
                 value, X toggles stretch, d deletes, V records a confidence vote, u undoes; any other key closes."
                    .to_string(),
            );
            lines
        }
        Mode::Tree { rows, .. } => {
            let mut lines = vec![format!("Hierarchy of {id}:")];
            for row in rows {
                let text = app
                    .ws()
                    .board_of(&row.id)
                    .and_then(|b| {
                        let board = &app.ws().boards()[b];
                        let archived = if board.is_archive() { ", archived" } else { "" };
                        board.item(&row.id).map(|i| {
                            format!("{}, on {}{archived}", card_line(board, i), clean(&board.name))
                        })
                    })
                    .unwrap_or_else(|| row.id.clone());
                lines.push(format!("{}{text}", "  ".repeat(row.depth + 1)));
            }
            lines.push("j k move, Enter jumps to the item, any other key closes.".to_string());
            lines
        }
        Mode::NewItem(dialog) => vec![format!(
            "{}: type its title, Tab changes the kind, Enter adds, Esc cancels",
            clean(&dialog.title())
        )],
        Mode::ConfirmNewItem(dialog) => {
            vec![format!("{} y or n", clean(&crate::app::new_item::question(app, dialog)))]
        }
        Mode::Wsjf(dialog) => vec![format!(
            "WSJF of {}: {} one after the other, Tab moves between them, Enter saves all four, Esc cancels; {}",
            clean(&dialog.id),
            crate::app::wsjf::LABELS.join(", "),
            dialog.preview()
        )],
        Mode::Description(dialog) => vec![format!(
            "Description of {}: type, Enter starts a new line, Ctrl+S or Alt+Enter saves, Esc cancels",
            clean(&dialog.id)
        )],
        Mode::EditTitle(EditTitleDialog { id, input, .. }) => {
            vec![format!("Title of {}: {} (type, Enter saves, Esc cancels)", clean(id), clean(&input.text()))]
        }
        Mode::Filter(_) => vec![
            "Filter: type team:NAME, tag:NAME, owner:NAME, kind:KIND, iteration:NAME or blocked, several to combine; Enter applies, Esc cancels"
                .to_string(),
        ],
        Mode::Picker(picker) => {
            let mut lines =
                vec![format!("{}: type to narrow, arrows choose, Enter picks, Esc cancels", clean(&picker.title))];
            lines.extend(picker.shown().into_iter().map(|i| format!("  {}", clean(&picker.choices[i].label))));
            lines
        }
        Mode::Prompt(prompt) => {
            vec![format!(
                "{}: {} (type, Enter saves, Esc cancels)",
                clean(&prompt.title()),
                clean(&prompt.input.text())
            )]
        }
        Mode::NamePrompt(prompt) => {
            vec![format!(
                "{}: {} (type, Enter saves, Esc cancels)",
                clean(&prompt.title()),
                clean(&prompt.input.text())
            )]
        }
        Mode::ColumnMenu(ColumnMenu { column }) => {
            let mut lines = vec![format!("{}:", clean(&crate::ui::menu::column_menu_title(app, *column)))];
            let rows = app.keymap().help_rows_of(crate::keymap::Scope::ColumnMenu);
            lines.extend(rows.into_iter().map(|(k, d)| format!("  {k}: {d}")));
            lines
        }
        Mode::BoardMenu => {
            let mut lines = vec![format!("{}:", clean(&crate::ui::menu::board_menu_title(app)))];
            let rows = app.keymap().help_rows_of(crate::keymap::Scope::BoardMenu);
            lines.extend(rows.into_iter().map(|(k, d)| format!("  {k}: {d}")));
            lines
        }
        Mode::Search(_) => vec!["Search ids, titles, descriptions, tags, owners and criteria: type, Enter jumps to the first hit, Esc cancels".to_string()],
        Mode::Split(split) => vec![format!(
            "Split {}: type one child title per line with Enter; Enter on an empty line creates them, Esc cancels",
            clean(&split.id)
        )],
        Mode::ConfirmDelete(DeleteQuestion { id }) => vec![format!("Delete {}? y deletes, n keeps it", clean(id))],
        Mode::ConfirmMove(MoveQuestion { id, to }) => {
            vec![format!("{} is at its WIP limit. Move {} there anyway? y or n", clean(to), clean(id))]
        }
        Mode::EditorError(EditorErrorQuestion { id, error, .. }) => {
            vec![format!("The edit of {} is not valid: {}. Edit it again? y or n", clean(id), clean(error))]
        }
        Mode::Conflicts(_) => {
            let mut lines = vec!["Save conflict:".to_string()];
            if let Some(view) = app.conflicts().first() {
                for c in &view.conflicts {
                    let what = c.id.as_deref().map(|id| format!("{id} ")).unwrap_or_default();
                    lines.push(format!(
                        "  {}{}: mine {}, theirs {}",
                        clean(&what),
                        clean(&c.field),
                        clean(&c.ours),
                        clean(&c.theirs)
                    ));
                }
            }
            lines.push("m keeps mine, t takes theirs, Esc decides later".to_string());
            lines
        }
        Mode::ProgramBoard => vec![
            "The program board picture is drawn only on the full screen; trainboard export --format markdown \
             lists it as text. Any key returns."
                .to_string(),
        ],
        Mode::Metrics => vec![
            "Flow metrics are drawn only on the full screen; trainboard export lists the items. Any key returns."
                .to_string(),
        ],
    }
}

/// A styled line's text.
fn line_text(line: &ratatui::text::Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Msg, update};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn demo_app(name: &str) -> App {
        let dir = std::env::temp_dir().join(format!("trainboard-describe-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        crate::demo::ensure_demo_in(&dir).unwrap();
        let (ws, _, _) = crate::storage::load_workspace(&dir).into_workspace().unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        App::new(ws, "demo")
    }

    fn press(app: &mut App, code: KeyCode) {
        update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    #[test]
    fn counts_say_the_limit_and_when_it_is_over() {
        let mut app = demo_app("counts");
        press(&mut app, KeyCode::Char('3'));
        let board = app.current_board().unwrap();
        let col = board.column_index("In Progress").unwrap();
        assert_eq!(count_text(board, col), "3 of 3 WIP");
        let col = board.column_index("Backlog").unwrap();
        assert_eq!(count_text(board, col), "3 items");
        let text = board_text(&app).join("\n");
        assert!(text.starts_with("Board Alpha (team board"), "{text}");
        assert!(!text.contains(['│', '─', '┃']), "no box drawing: {text}");
    }

    #[test]
    fn typing_is_told_as_appended_erased_or_replaced() {
        let mut app = demo_app("typing");
        press(&mut app, KeyCode::Char('n'));
        let before = Snapshot::of(&app);
        press(&mut app, KeyCode::Char('a'));
        press(&mut app, KeyCode::Char('b'));
        assert_eq!(typed(&before, &app), Some(Typed::Append("ab".to_string())));
        let before = Snapshot::of(&app);
        press(&mut app, KeyCode::Backspace);
        assert_eq!(typed(&before, &app), Some(Typed::Erase(1)));
        let before = Snapshot::of(&app);
        press(&mut app, KeyCode::Esc);
        assert_eq!(typed(&before, &app), None, "the field closed");
        assert!(changes(&before, &app).contains(&"closed".to_string()), "{:?}", changes(&before, &app));
    }

    #[test]
    fn the_objectives_view_says_the_selected_line_and_the_prompt() {
        let mut app = demo_app("objectives");
        // From Alpha's board (3) the view opens on Alpha's heading.
        press(&mut app, KeyCode::Char('3'));
        press(&mut app, KeyCode::Char('o'));
        let before = Snapshot::of(&app);
        press(&mut app, KeyCode::Char('j'));
        let said = changes(&before, &app);
        assert!(said.iter().any(|l| l.contains("Customers find products despite typos")), "{said:?}");
        let before = Snapshot::of(&app);
        press(&mut app, KeyCode::Char('V'));
        let said = changes(&before, &app);
        assert!(said.iter().any(|l| l.starts_with("Votes 1–5") && l.contains("Enter records")), "{said:?}");
        let before = Snapshot::of(&app);
        press(&mut app, KeyCode::Char('5'));
        assert_eq!(typed(&before, &app), Some(Typed::Append("5".to_string())));
    }

    #[test]
    fn hidden_characters_in_titles_are_not_printed() {
        let app = demo_app("hostile");
        let mut board = app.current_board().unwrap().clone();
        board.items[0].title = "evil\u{1b}[2Jtitle".to_string();
        let id = board.items[0].id.clone();
        let mut ws = app.into_ws();
        ws.put_board(board);
        let app = App::new(ws, "demo");
        let text = board_text(&app).join("\n");
        assert!(!text.contains('\u{1b}'), "{text:?}");
        assert!(text.contains(&id));
    }
}
