//! Drawing the whole app into ratatui's TestBackend and reading the screen back as text, and
//! the apps view tests start from (the demo, the UI fixture) at a clock of their own.

#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use std::path::Path;

use trainboard::app::{App, Msg, update};
use trainboard::model::{Item, Workspace};

use super::keys_in::press;

pub fn draw(app: &App) -> Buffer {
    let area = app.screen();
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).expect("a test terminal");
    terminal.draw(|frame| trainboard::ui::render(app, frame)).expect("draws");
    terminal.backend().buffer().clone()
}

/// The screen as lines of text, trailing spaces trimmed.
pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for x in 0..buf.area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The app on the boards in `folder` (under the project folder), `width`×`height`, its clock
/// at 2026-11-22 10:00 so dates on screen stay put.
pub fn app_on(folder: &str, width: u16, height: u16) -> App {
    app_on_ws(boards_in(folder), width, height)
}

/// The boards in `folder` (under the project folder).
pub fn boards_in(folder: &str) -> Workspace {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let (ws, _, _) = trainboard::storage::load_workspace(&dir).into_workspace().expect("the boards load");
    ws
}

/// [`app_on`] for boards already in memory.
pub fn app_on_ws(ws: Workspace, width: u16, height: u16) -> App {
    let mut app = App::new(ws, "~/boards");
    app.set_clock(|| "2026-11-22T10:00:00Z".to_string());
    update(&mut app, Msg::Resize(width, height));
    app
}

/// The demo workspace, as the README's first command shows it.
pub fn demo_app(width: u16, height: u16) -> App {
    app_on("assets/demo", width, height)
}

/// The UI test fixture (a portfolio, an ART and one team).
pub fn fixture_app(width: u16, height: u16) -> App {
    app_on("tests/fixtures/ui", width, height)
}

/// The UI fixture after `keys`, where the card the keys select was changed by `change` in its
/// file before the app opened; with the card's id. (The app changes only through `update`, so
/// a test sets up a card this way rather than writing into the app.)
pub fn fixture_app_with_selected(width: u16, height: u16, keys: &str, change: impl FnOnce(&mut Item)) -> (App, String) {
    let mut first = fixture_app(width, height);
    press(&mut first, keys);
    let id = first.selected_id().expect("the keys select a card");
    let mut ws = first.into_ws();
    let mut item = ws.item(&id).expect("the selected card").clone();
    change(&mut item);
    let edit = trainboard::model::ops::replace_item(&ws, &id, item).expect("the change applies");
    trainboard::model::edit::apply_all(&mut ws, edit).expect("the change applies");
    let mut app = app_on_ws(ws, width, height);
    press(&mut app, keys);
    (app, id)
}
