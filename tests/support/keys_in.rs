//! Typing into the app in process, as a person at the keyboard would: each character a key
//! press through `update` (`\n` Enter, `\x1b` Esc, `\t` Tab, `\x15` Ctrl+U).

#![allow(dead_code)]

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use trainboard::app::{App, Msg, update};

pub fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        if c == '\x15' {
            // Ctrl+U: clears the text field.
            update(app, Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
            continue;
        }
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}
