//! The settings applied to a new app, and the first frame of a large workspace: the board the
//! screen opens on is drawn as soon as it is read, saying that the other boards are still
//! loading; keys wait until the whole workspace is loaded and checked, and the screen then
//! carries on from it (with whatever the whole check found about this board said as usual).

use std::io::{self, Stdout};

use ratatui::Terminal;
use ratatui::prelude::CrosstermBackend;

use crate::app::{App, Msg, update};
use crate::config::Settings;
use crate::model::{Board, Workspace};

/// The screen's app for `board` alone, as it looks while `others` more boards load.
pub fn loading_app(board: Board, others: usize, settings: &Settings, origin: &str) -> App {
    let mut app = App::new(Workspace::new(vec![board]), origin);
    configure_screen(&mut app, settings);
    app.info(format!("loading {others} more boards… (keys wait until they are in)"));
    app
}

/// What the settings decide in both the screen and plain mode: keys, colours, presentation
/// defaults, where moved cards land.
pub fn configure(app: &mut App, settings: &Settings) {
    app.configure(settings.keymap.clone(), settings.theme, settings.presentation, settings.landing);
}

/// [`configure`] for the screen, which may also start presenting.
pub fn configure_screen(app: &mut App, settings: &Settings) {
    configure(app, settings);
    if settings.presentation.start {
        app.start_presenting(settings.presentation.read_only);
    }
}

/// Draws `app` once on `terminal` (already entered; the screen's loop draws on with it) and
/// hands its board back.
pub fn draw_once(terminal: &mut Terminal<CrosstermBackend<Stdout>>, mut app: App) -> io::Result<Option<Board>> {
    let size = terminal.size()?;
    update(&mut app, Msg::Resize(size.width, size.height));
    terminal.draw(|frame| crate::ui::render(&app, frame))?;
    Ok(app.into_ws().into_boards().into_iter().next())
}
