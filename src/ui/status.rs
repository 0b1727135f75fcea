//! The status line: the latest message (or where the files are and which board is shown) on
//! the left, the most useful keys for the current mode on the right.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::component::listed;
use crate::app::{App, Mode, Tone};
use crate::keymap::Action;

use crate::text::{fit, width};
use crate::theme::Theme;

/// Key hints for the mode, from the live key map (a rebound key shows its new key), most
/// useful first; they are dropped from the end when space is short.
fn hints(app: &App) -> Vec<(String, &'static str)> {
    use Action::*;
    let keys = |action| app.key(action);
    let pair = |a, b| app.key_pair(a, b);
    let list = |items: &[(Action, &'static str)]| listed(app, items);
    let scroll = (pair(ScrollDown, ScrollUp), "scroll");
    let close = (keys(CloseView), "close");
    match &app.mode() {
        Mode::Details { .. } => {
            let mut hints = list(&[(ToggleCriterion, "tick"), (NextCriterion, "criterion"), (AddCriterion, "add")]);
            hints.extend(list(&[(EditCriterion, "edit")]));
            hints.push((pair(MoveCriterionDown, MoveCriterionUp), "reorder"));
            hints.extend(list(&[(DeleteCriterion, "delete")]));
            hints.extend([scroll, close]);
            hints
        }
        Mode::Board if app.presenting().is_some() => vec![
            (pair(PresentNextBoard, PresentPrevBoard), "boards"),
            (keys(LeavePresentation), "leave"),
            (keys(UnlockEditing), "unlock"),
            (keys(Help), "help"),
        ],
        Mode::Board => vec![
            (pair(MoveItemLeft, MoveItemRight), "move"),
            (pair(MoveItemDown, MoveItemUp), "rank"),
            (keys(Help), "help"),
            (keys(Quit), "quit"),
            (keys(NewItem), "new"),
            (keys(SplitItem), "split"),
            (keys(OpenDetails), "details"),
            (keys(Undo), "undo"),
            (keys(Search), "search"),
        ],
        Mode::SystemDemo { .. } => vec![(pair(SelectPrevColumn, SelectNextColumn), "iteration"), scroll, close],
        Mode::Help { .. } | Mode::Messages { .. } | Mode::Sync { .. } => vec![close, scroll],
        Mode::Objectives { .. } if app.objectives().prompt.is_some() => crate::app::component::save_cancel(app),
        Mode::Objectives { .. } => {
            let mut hints = vec![(pair(ScrollDown, ScrollUp), "select")];
            hints.extend(list(&[(RecordVote, "vote"), (SetActualValue, "score"), (Undo, "undo")]));
            hints.push(close);
            hints
        }
        Mode::Tree { .. } => vec![(keys(ChooseRow), "jump"), (pair(ScrollDown, ScrollUp), "move"), close],
        Mode::Metrics => vec![(keys(NextBoard), "next board"), close],
        Mode::ProgramBoard => vec![
            (pair(SelectNextItem, SelectPrevItem), "choose"),
            (pair(MoveItemLeft, MoveItemRight), "iteration"),
            (pair(MoveItemDown, MoveItemUp), "team"),
            (keys(NextBoard), "next program board"),
            close,
        ],
        mode => mode.as_dialog().map(|dialog| dialog.hints(app)).unwrap_or_default(),
    }
}

/// The PI and today's iteration (long and short form): the current board's PI, else the
/// train's (the program board's).
pub fn pi_text(app: &App) -> Option<(String, String)> {
    let train = crate::model::objectives::train_board(app.ws()).and_then(|i| app.ws().board(i));
    let pi = app.current_board().and_then(|b| b.pi.as_ref()).or_else(|| train.and_then(|b| b.pi.as_ref()))?;
    let today = crate::model::pi::Date::of_time(&(app.clock())());
    let clean = |text: String| crate::text::clean(&text).into_owned();
    Some((clean(pi.describe(today)), clean(pi.short(today))))
}

/// `2 marked` while cards are marked.
fn marks_text(app: &App) -> Option<String> {
    (!app.marks().is_empty()).then(|| format!("{} marked", app.marks().len()))
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
    let left = match &app.status() {
        Some(status) => {
            let style = match status.tone {
                Tone::Info => theme.status,
                Tone::Success => theme.success,
                Tone::Error => theme.error,
            };
            let filter = app.filter().map(|f| format!(" [filter: {f}]")).unwrap_or_default();
            let marks = marks_text(app).map(|m| format!(" [{m}]")).unwrap_or_default();
            Span::styled(fit(&format!("{filter}{marks} {}", status.text), left_room), style)
        }
        None => {
            let board = app.current_board().map(|b| b.name.as_str()).unwrap_or("");
            let items = app.current_board().map(|b| b.items.len()).unwrap_or(0);
            let filter = app
                .filter()
                .map(|f| format!(" · filter: {f} ({} clears)", app.key(Action::CloseDetails)))
                .unwrap_or_default();
            let marks = marks_text(app)
                .map(|m| format!(" · {m} ({} clears)", app.key(Action::CloseDetails)))
                .unwrap_or_default();
            let line = |pi: &str| format!(" {} · {board}{pi} · {items} items{marks}{filter}", app.origin());
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
