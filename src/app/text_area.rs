//! A multi-line text field for the description editor: typing, Enter for a new line, arrows
//! across lines, Backspace/Delete joining lines, paste of several lines, and the layout of
//! long lines wrapped to the dialog's width with the cursor's place on screen.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthChar;

/// How many spaces Tab (and a pasted tab) inserts.
const TAB: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextArea {
    lines: Vec<Vec<char>>,
    row: usize,
    /// The cursor as a character index in its line.
    col: usize,
}

impl Default for TextArea {
    fn default() -> TextArea {
        TextArea { lines: vec![Vec::new()], row: 0, col: 0 }
    }
}

impl TextArea {
    /// The text, the cursor at its end.
    pub fn new(text: &str) -> TextArea {
        let mut area = TextArea::default();
        area.insert_str(text);
        area
    }

    pub fn text(&self) -> String {
        self.lines.iter().map(|l| l.iter().collect::<String>()).collect::<Vec<_>>().join("\n")
    }

    /// The cursor as (line, character in the line).
    pub fn cursor(&self) -> (usize, usize) {
        (self.row, self.col)
    }

    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// Inserts typed or pasted text at the cursor: `\n`, `\r\n` and `\r` break lines, tabs
    /// become spaces, other control characters are dropped.
    pub fn insert_str(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        for c in text.chars() {
            match c {
                '\n' => self.new_line(),
                '\t' => (0..TAB).for_each(|_| self.insert_char(' ')),
                c if c.is_control() => {}
                c => self.insert_char(c),
            }
        }
    }

    fn insert_char(&mut self, c: char) {
        self.lines[self.row].insert(self.col, c);
        self.col += 1;
    }

    fn new_line(&mut self) {
        let rest = self.lines[self.row].split_off(self.col);
        self.row += 1;
        self.lines.insert(self.row, rest);
        self.col = 0;
    }

    /// Applies an editing or cursor key; false when the key is not one.
    pub fn handle(&mut self, key: &KeyEvent) -> bool {
        if key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
            return false;
        }
        let len = |area: &TextArea, row: usize| area.lines[row].len();
        match key.code {
            KeyCode::Char(c) => self.insert_str(&c.to_string()),
            KeyCode::Enter => self.new_line(),
            KeyCode::Tab => self.insert_str("\t"),
            KeyCode::Backspace if self.col > 0 => {
                self.col -= 1;
                self.lines[self.row].remove(self.col);
            }
            KeyCode::Backspace if self.row > 0 => {
                let line = self.lines.remove(self.row);
                self.row -= 1;
                self.col = len(self, self.row);
                self.lines[self.row].extend(line);
            }
            KeyCode::Delete if self.col < len(self, self.row) => {
                self.lines[self.row].remove(self.col);
            }
            KeyCode::Delete if self.row + 1 < self.lines.len() => {
                let next = self.lines.remove(self.row + 1);
                self.lines[self.row].extend(next);
            }
            KeyCode::Left if self.col > 0 => self.col -= 1,
            KeyCode::Left if self.row > 0 => {
                self.row -= 1;
                self.col = len(self, self.row);
            }
            KeyCode::Right if self.col < len(self, self.row) => self.col += 1,
            KeyCode::Right if self.row + 1 < self.lines.len() => {
                self.row += 1;
                self.col = 0;
            }
            KeyCode::Up if self.row > 0 => {
                self.row -= 1;
                self.col = self.col.min(len(self, self.row));
            }
            KeyCode::Down if self.row + 1 < self.lines.len() => {
                self.row += 1;
                self.col = self.col.min(len(self, self.row));
            }
            KeyCode::Home => self.col = 0,
            KeyCode::End => self.col = len(self, self.row),
            KeyCode::Backspace | KeyCode::Delete | KeyCode::Left | KeyCode::Right | KeyCode::Up | KeyCode::Down => {}
            _ => return false,
        }
        true
    }

    /// The lines wrapped to `width` display columns (at the last space that fits, else
    /// mid-word), and the cursor's (screen row, column) among them.
    pub fn layout(&self, width: usize) -> (Vec<String>, (usize, usize)) {
        let width = width.max(2);
        let mut rows = Vec::new();
        let mut cursor = (0, 0);
        for (n, line) in self.lines.iter().enumerate() {
            let starts = row_starts(line, width);
            for (r, &start) in starts.iter().enumerate() {
                let end = starts.get(r + 1).copied().unwrap_or(line.len());
                if n == self.row && self.col >= start && (self.col < end || r + 1 == starts.len()) {
                    let x = columns(&line[start..self.col]);
                    cursor = (rows.len(), x);
                    if x >= width {
                        // At the end of a full row the cursor goes to the start of the next.
                        rows.push(line[start..end].iter().collect());
                        cursor = (rows.len(), 0);
                        rows.push(String::new());
                        continue;
                    }
                }
                rows.push(line[start..end].iter().collect());
            }
        }
        (rows, cursor)
    }
}

fn columns(chars: &[char]) -> usize {
    chars.iter().map(|c| c.width().unwrap_or(0)).sum()
}

/// Where each screen row of `line` starts when wrapped to `width` columns.
fn row_starts(line: &[char], width: usize) -> Vec<usize> {
    let mut starts = vec![0];
    let (mut start, mut used, mut last_space) = (0, 0, None);
    for (i, c) in line.iter().enumerate() {
        let w = c.width().unwrap_or(0);
        if used + w > width && i > start {
            let at = match last_space {
                Some(space) if space + 1 > start && space + 1 < i => space + 1,
                _ => i,
            };
            starts.push(at);
            start = at;
            used = columns(&line[at..i]);
            last_space = None;
        }
        if *c == ' ' {
            last_space = Some(i);
        }
        used += w;
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(area: &mut TextArea, code: KeyCode) {
        area.handle(&KeyEvent::new(code, KeyModifiers::NONE));
    }

    #[test]
    fn enter_breaks_lines_and_backspace_joins_them() {
        let mut area = TextArea::new("ab");
        press(&mut area, KeyCode::Left);
        press(&mut area, KeyCode::Enter);
        assert_eq!(area.text(), "a\nb");
        assert_eq!(area.cursor(), (1, 0));
        press(&mut area, KeyCode::Backspace);
        assert_eq!(area.text(), "ab");
        assert_eq!(area.cursor(), (0, 1));
    }

    #[test]
    fn arrows_cross_lines_keeping_the_column_where_it_fits() {
        let mut area = TextArea::new("first line\nab\n  indented");
        assert_eq!(area.cursor(), (2, 10));
        press(&mut area, KeyCode::Up);
        assert_eq!(area.cursor(), (1, 2), "clamped to the shorter line");
        press(&mut area, KeyCode::Up);
        press(&mut area, KeyCode::End);
        press(&mut area, KeyCode::Right);
        assert_eq!(area.cursor(), (1, 0), "Right at a line's end goes to the next");
        press(&mut area, KeyCode::Left);
        assert_eq!(area.cursor(), (0, 10));
        press(&mut area, KeyCode::Delete);
        assert_eq!(area.text(), "first lineab\n  indented");
    }

    #[test]
    fn paste_of_several_lines_keeps_indentation_and_turns_tabs_to_spaces() {
        let mut area = TextArea::default();
        area.insert_str("Steps:\r\n\t1. open\r  2. save");
        assert_eq!(area.text(), "Steps:\n    1. open\n  2. save");
    }

    #[test]
    fn long_lines_wrap_at_spaces_and_the_cursor_follows() {
        let mut area = TextArea::new("one two three\nx");
        let (rows, cursor) = area.layout(8);
        assert_eq!(rows, ["one two ", "three", "x"]);
        assert_eq!(cursor, (2, 1));
        press(&mut area, KeyCode::Up);
        press(&mut area, KeyCode::Home);
        for _ in 0..9 {
            press(&mut area, KeyCode::Right);
        }
        assert_eq!(area.layout(8).1, (1, 1), "the 10th character is the 2nd of row 2");
        let area = TextArea::new("abcdefgh\nxy");
        let (rows, cursor) = area.layout(3);
        assert_eq!(rows, ["abc", "def", "gh", "xy"]);
        assert_eq!(cursor, (3, 2));
        let area = TextArea::new("abcdef");
        assert_eq!(area.layout(3), (vec!["abc".to_string(), "def".to_string(), String::new()], (2, 0)));
    }
}
