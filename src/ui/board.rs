//! The board view: the visible columns side by side, each with its header (`name count/limit`,
//! marked when over the limit) and only the cards that fit, with scroll markers. It tells
//! where the selected card is, for the terminal cursor that magnifiers and readers follow.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::app::App;
use crate::model::Board;

use super::card::Card;
use crate::text::fit;
use crate::theme::Theme;

/// Draws the board; returns where the selected card starts (its `▶`), if it is on screen.
pub fn render_board(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let Some(board) = app.current_board() else {
        Paragraph::new("No boards.").render(area, buf);
        return None;
    };
    let mut area = area;
    if let Some(problem) = app.broken().get(&board.key) {
        let first = problem.lines().next().unwrap_or_default();
        let banner = if board.locked.as_deref() == Some(crate::model::board::BROKEN_REASON) {
            format!(" ⚠ {first} — read-only until the file is fixed")
        } else {
            format!(" ⚠ {first} — last good copy shown until the file is fixed")
        };
        buf.set_line(area.x, area.y, &Line::styled(fit(&banner, area.width as usize), theme.error), area.width);
        area.y += 1;
        area.height = area.height.saturating_sub(1);
        if board.columns.is_empty() {
            // Nothing of the board could be read: show every problem where the columns would be.
            let text: Vec<Line> = problem.lines().map(|l| Line::raw(format!(" {}", crate::text::clean(l)))).collect();
            Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: false }).render(area, buf);
            return None;
        }
    }
    let cursor = app.cursor();
    let columns = board.columns.len();
    let visible = app.sizes().visible_columns(area.width, columns);
    let first = cursor.first_column.min(columns.saturating_sub(visible));
    let width = area.width / visible as u16;
    let mut selected_at = None;
    for slot in 0..visible {
        let col = first + slot;
        if col >= columns {
            break;
        }
        let x = area.x + slot as u16 * width;
        let w = if slot + 1 == visible { area.width - slot as u16 * width } else { width };
        let column_area = Rect { x, y: area.y, width: w, height: area.height };
        let more_left = slot == 0 && first > 0;
        let more_right = slot + 1 == visible && col + 1 < columns;
        let selected = col == cursor.column;
        let view = ColumnView { app, board, col, selected, more_left, more_right, theme };
        if selected {
            selected_at = view.selected_card_at(column_area);
        }
        view.render(column_area, buf);
    }
    selected_at
}

struct ColumnView<'a> {
    app: &'a App,
    board: &'a Board,
    col: usize,
    selected: bool,
    more_left: bool,
    more_right: bool,
    theme: &'a Theme,
}

impl ColumnView<'_> {
    /// The top-left cell of the selected card in this column's `area`, if it is drawn.
    fn selected_card_at(&self, area: Rect) -> Option<Position> {
        let inner = Rect { x: area.x + 1, y: area.y + 1, width: area.width.saturating_sub(2), ..area };
        let bottom = area.bottom().saturating_sub(1);
        let positions = self.app.visible_positions(self.col);
        if positions.is_empty() || inner.width == 0 {
            return None;
        }
        let cursor = self.app.cursor();
        let scroll = cursor.scroll.get(self.col).copied().unwrap_or(0).min(positions.len().saturating_sub(1));
        let row = self.app.selected_row(self.col);
        let sizes = self.app.sizes();
        let shown = row.checked_sub(scroll)?;
        if shown >= sizes.visible_cards(area.height) {
            return None;
        }
        let y = inner.y + shown as u16 * sizes.card_height(area.height, positions.len());
        (y < bottom).then_some(Position { x: inner.x, y })
    }

    fn header(&self, room: usize) -> Line<'static> {
        let t = self.theme;
        let column = &self.board.columns[self.col];
        let count = self.board.column_len(self.col);
        let (count_text, count_style) = match column.wip {
            Some(limit) if count > limit as usize => (format!(" {count}/{limit} OVER "), t.over_limit),
            Some(limit) if count == limit as usize => (format!(" {count}/{limit} "), t.at_limit),
            Some(limit) => (format!(" {count}/{limit} "), t.dim),
            None => (format!(" {count} "), t.dim),
        };
        let arrow_left = if self.more_left { "◀ " } else { "" };
        let arrow_right = if self.more_right { " ▶" } else { "" };
        let done = if self.col == self.board.done_column() { " ✓" } else { "" };
        let fixed = count_text.chars().count() + arrow_left.chars().count() + arrow_right.chars().count() + 2;
        let name = fit(&format!("{}{done}", column.name), room.saturating_sub(fixed));
        let name_style = if self.selected { t.header.patch(t.accent) } else { t.header };
        Line::from(vec![
            Span::styled(arrow_left.to_string(), t.accent),
            Span::styled(format!(" {name}"), name_style),
            Span::styled(count_text, count_style),
            Span::styled(arrow_right.to_string(), t.accent),
        ])
    }
}

impl Widget for ColumnView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let border_style = if self.selected { t.border_selected } else { t.border };
        let positions = self.app.visible_positions(self.col);
        let sizes = self.app.sizes();
        let cards = sizes.visible_cards(area.height);
        let cursor = self.app.cursor();
        let scroll = cursor.scroll.get(self.col).copied().unwrap_or(0).min(positions.len().saturating_sub(1));
        let hidden_above = scroll;
        let hidden_below = positions.len().saturating_sub(scroll + cards);
        let mut block = Block::default()
            .borders(Borders::ALL)
            .border_set(if self.selected { border::THICK } else { border::ROUNDED })
            .border_style(border_style)
            .title(self.header(area.width.saturating_sub(3) as usize));
        if hidden_above > 0 {
            block = block.title_top(Line::styled(format!(" ↑{hidden_above} "), t.dim).right_aligned());
        }
        if hidden_below > 0 {
            block = block.title_bottom(Line::styled(format!(" ↓{hidden_below} more "), t.dim).right_aligned());
        }
        let inner = block.inner(area);
        block.render(area, buf);
        if positions.is_empty() {
            let hint = Line::styled(fit("(empty)", inner.width as usize), t.dim);
            buf.set_line(inner.x + 1, inner.y, &hint, inner.width.saturating_sub(1));
            return;
        }
        let selected_row = self.app.selected_row(self.col);
        let card_height = sizes.card_height(area.height, positions.len());
        for (i, &pos) in positions.iter().enumerate().skip(scroll).take(cards) {
            let y = inner.y + ((i - scroll) as u16) * card_height;
            if y >= inner.bottom() {
                break;
            }
            // The card's own lines, without the blank one that separates it from the next.
            let height = (inner.bottom() - y).min(card_height - 1);
            let card_area = Rect { x: inner.x, y, width: inner.width, height };
            let card = Card {
                ws: self.app.ws(),
                board: self.board,
                item: &self.board.items[pos],
                selected: self.selected && i == selected_row,
                marked: self.app.marked().contains_key(&self.board.items[pos].id),
                picked: crate::app::marks::is_marked(self.app, &self.board.items[pos].id),
                theme: t,
            };
            card.render(card_area, buf);
        }
    }
}
