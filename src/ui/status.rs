//! The status line: the latest message (or where the files are and which board is shown) on
//! the left, the most useful keys for the current mode on the right.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::{App, Mode, Tone};
use crate::keymap::Action;

use crate::text::{fit, width};
use crate::theme::Theme;

/// Key hints for the mode, most useful first; they are dropped from the end when space is short.
fn hints(app: &App) -> Vec<(String, &'static str)> {
    let keys = |action| app.keymap.keys_for(action).first().map(|k| k.to_string()).unwrap_or_default();
    let pair = |a, b| format!("{}/{}", keys(a), keys(b));
    let fixed = |k: &str, what| (k.to_string(), what);
    match &app.mode {
        Mode::Details { .. } => vec![
            (keys(Action::ToggleCriterion), "tick"),
            (keys(Action::NextCriterion), "criterion"),
            (keys(Action::AddCriterion), "add"),
            (keys(Action::EditCriterion), "edit"),
            (pair(Action::MoveCriterionDown, Action::MoveCriterionUp), "reorder"),
            (keys(Action::DeleteCriterion), "delete"),
            fixed("j/k", "scroll"),
            fixed("Esc", "close"),
        ],
        Mode::Picker(_) => {
            vec![fixed("type", "narrow"), fixed("↑↓", "choose"), fixed("Enter", "pick"), fixed("Esc", "cancel")]
        }
        Mode::Prompt(_) | Mode::NamePrompt(_) => vec![fixed("Enter", "save"), fixed("Esc", "cancel")],
        Mode::ColumnMenu { .. } => vec![fixed("a r h l d w x", "act"), fixed("Esc", "close")],
        Mode::BoardMenu => vec![fixed("n r", "act"), fixed("Esc", "close")],
        Mode::Board => vec![
            (pair(Action::MoveItemLeft, Action::MoveItemRight), "move"),
            (pair(Action::MoveItemDown, Action::MoveItemUp), "rank"),
            (keys(Action::Help), "help"),
            (keys(Action::Quit), "quit"),
            (keys(Action::NewItem), "new"),
            (keys(Action::SplitItem), "split"),
            (keys(Action::OpenDetails), "details"),
            (keys(Action::Undo), "undo"),
            (keys(Action::Search), "search"),
        ],
        Mode::SystemDemo { .. } => {
            vec![fixed("h/l", "iteration"), fixed("j/k", "scroll"), fixed("Esc", "close")]
        }
        Mode::Help { .. } | Mode::Messages { .. } | Mode::Sync { .. } => {
            vec![fixed("Esc", "close"), fixed("j/k", "scroll")]
        }
        Mode::Objectives { .. } => vec![
            fixed("j/k", "select"),
            (keys(Action::RecordVote), "vote"),
            (keys(Action::SetActualValue), "score"),
            (keys(Action::Undo), "undo"),
            fixed("Esc", "close"),
        ],
        Mode::Tree { .. } => vec![fixed("Enter", "jump"), fixed("j/k", "move"), fixed("Esc", "close")],
        Mode::Metrics => vec![fixed("Tab", "next board"), fixed("Esc", "close")],
        Mode::ProgramBoard => vec![fixed("Tab", "next program board"), fixed("Esc", "close")],
        Mode::Search(_) => vec![fixed("Enter", "jump"), fixed("↑↓", "choose"), fixed("Esc", "cancel")],
        Mode::NewItem(_) => vec![fixed("Enter", "add"), fixed("Tab", "kind"), fixed("Esc", "cancel")],
        Mode::Wsjf(_) => vec![fixed("Enter", "save"), fixed("Tab", "field"), fixed("Esc", "cancel")],
        Mode::Description(_) => vec![fixed("Ctrl+s", "save"), fixed("Enter", "new line"), fixed("Esc", "cancel")],
        Mode::EditTitle { .. } | Mode::Filter(_) => {
            vec![fixed("Enter", "save"), fixed("Esc", "cancel")]
        }
        Mode::Split(_) => vec![
            fixed("Enter", "next line"),
            fixed("↑↓", "edit a line"),
            fixed("Enter on empty", "create"),
            fixed("Tab", "board"),
            fixed("Esc", "cancel"),
        ],
        Mode::Conflicts { .. } => vec![fixed("m", "keep mine"), fixed("t", "take theirs"), fixed("Esc", "later")],
        Mode::ConfirmDelete { .. } | Mode::ConfirmMove { .. } | Mode::ConfirmNewItem(_) | Mode::EditorError { .. } => {
            vec![fixed("y", "yes"), fixed("n", "no")]
        }
    }
}

/// The PI and today's iteration (long and short form): the current board's PI, else the
/// train's (the program board's).
pub fn pi_text(app: &App) -> Option<(String, String)> {
    let train = crate::model::objectives::train_board(&app.ws).and_then(|i| app.ws.board(i));
    let pi = app.current_board().and_then(|b| b.pi.as_ref()).or_else(|| train.and_then(|b| b.pi.as_ref()))?;
    let today = crate::model::pi::Date::of_time(&(app.clock)());
    let clean = |text: String| crate::text::clean(&text).into_owned();
    Some((clean(pi.describe(today)), clean(pi.short(today))))
}

/// `2 marked` while cards are marked.
fn marks_text(app: &App) -> Option<String> {
    (!app.marks.is_empty()).then(|| format!("{} marked", app.marks.len()))
}

pub fn render_status(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let mut right: Vec<Span> = Vec::new();
    let mut right_width = 0;
    let budget = (area.width as usize) / 2;
    for (key, what) in hints(app) {
        let piece = width(&key) + what.len() + 3;
        if right_width + piece > budget {
            break;
        }
        right_width += piece;
        right.push(Span::styled(key, theme.key_hint));
        right.push(Span::styled(format!(" {what}  "), theme.status));
    }
    let left_room = (area.width as usize).saturating_sub(right_width + 1);
    let left = match &app.status {
        Some(status) => {
            let style = match status.tone {
                Tone::Info => theme.status,
                Tone::Success => theme.success,
                Tone::Error => theme.error,
            };
            let filter = app.filter.as_ref().map(|f| format!(" [filter: {f}]")).unwrap_or_default();
            let marks = marks_text(app).map(|m| format!(" [{m}]")).unwrap_or_default();
            Span::styled(fit(&format!("{filter}{marks} {}", status.text), left_room), style)
        }
        None => {
            let board = app.current_board().map(|b| b.name.as_str()).unwrap_or("");
            let items = app.current_board().map(|b| b.items.len()).unwrap_or(0);
            let filter = app.filter.as_ref().map(|f| format!(" · filter: {f} (Esc clears)")).unwrap_or_default();
            let marks = marks_text(app).map(|m| format!(" · {m} (Esc clears)")).unwrap_or_default();
            let line = |pi: &str| format!(" {} · {board}{pi} · {items} items{marks}{filter}", app.origin);
            let text = match pi_text(app) {
                None => line(""),
                Some((long, short)) => {
                    let full = line(&format!(" · {long}"));
                    if width(&full) <= left_room { full } else { line(&format!(" · {short}")) }
                }
            };
            Span::styled(fit(&text, left_room), theme.status)
        }
    };
    buf.set_line(area.x, area.y, &Line::from(left), left_room as u16);
    let x = area.right().saturating_sub(right_width as u16);
    buf.set_line(x, area.y, &Line::from(right), right_width as u16);
}
