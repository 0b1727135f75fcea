//! Drawing the whole app into ratatui's TestBackend and reading the screen back as text.

#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use trainboard::app::App;

pub fn draw(app: &App) -> Buffer {
    let area = app.screen;
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
