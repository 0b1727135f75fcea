//! How many columns and cards fit on screen, and where a popup sits. Shared by `update` (to
//! keep the selection in view) and the renderer (to draw exactly that), so the two never
//! disagree.

use ratatui::layout::Rect;

/// A column's own frame: border top (with the title) and bottom.
pub const COLUMN_FRAME: u16 = 2;

/// The sizes of one way of showing boards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    /// Narrowest a column gets before columns scroll sideways.
    pub min_column: u16,
    /// Narrower still, when at this width every column of the board fits.
    pub whole_board_column: u16,
    /// Lines per card, including the blank line that separates it from the next.
    pub card: u16,
    /// Lines per card when every card of the column fits at this height: titles get two lines.
    pub roomy_card: u16,
    /// Lines above the board (tab bar, or the board's name in large letters).
    pub top: u16,
    /// Lines below the board (status line).
    pub bottom: u16,
}

/// Everyday use: tab bar, status line, compact cards.
/// Where the column has room for all its cards at 5 lines, titles take two lines.
pub const NORMAL: Sizes = Sizes { min_column: 22, whole_board_column: 22, card: 4, roomy_card: 5, top: 1, bottom: 1 };
/// Presenting on a shared screen: the name in large letters, larger cards, no chrome below.
/// Columns narrow to everyday width when that shows the whole board, so a 7-column ART board
/// shows whole (Done included) at 160×45 instead of scrolling sideways in front of the room.
pub const PRESENTING: Sizes =
    Sizes { min_column: 30, whole_board_column: 22, card: 6, roomy_card: 6, top: 5, bottom: 0 };

impl Sizes {
    /// The board area of a screen of `size`.
    pub fn board_area(&self, size: Rect) -> Rect {
        let top = self.top.min(size.height);
        Rect { x: size.x, y: size.y + top, width: size.width, height: size.height.saturating_sub(top + self.bottom) }
    }

    /// How many of `columns` columns are shown side by side in `width` cells.
    pub fn visible_columns(&self, width: u16, columns: usize) -> usize {
        let columns = columns.max(1);
        if columns * self.whole_board_column.max(1) as usize <= width as usize {
            return columns;
        }
        let fit = (width / self.min_column).max(1) as usize;
        fit.min(columns)
    }

    /// How many cards one column shows in a board area `height` lines high. The last card
    /// needs no blank line under it.
    pub fn visible_cards(&self, height: u16) -> usize {
        ((height.saturating_sub(COLUMN_FRAME) + 1) / self.card).max(1) as usize
    }

    /// Lines per card in a column of `count` cards in a board area `height` lines high: the
    /// roomy size when all of them fit at it (so nothing scrolls either way), else the usual.
    pub fn card_height(&self, height: u16, count: usize) -> u16 {
        let inner = height.saturating_sub(COLUMN_FRAME) as usize + 1;
        if count * self.roomy_card as usize <= inner { self.roomy_card } else { self.card }
    }
}

/// The first of `count` entries to show so that `selected` is in a window of `window`, moving
/// `first` as little as possible.
pub fn scroll_to_show(first: usize, selected: usize, window: usize, count: usize) -> usize {
    let window = window.max(1);
    let mut first = first.min(count.saturating_sub(window));
    if selected < first {
        first = selected;
    } else if selected >= first + window {
        first = selected + 1 - window;
    }
    first
}

/// A rectangle of at most `width`×`height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolling_moves_as_little_as_possible() {
        assert_eq!(scroll_to_show(0, 3, 5, 10), 0);
        assert_eq!(scroll_to_show(0, 5, 5, 10), 1);
        assert_eq!(scroll_to_show(4, 2, 5, 10), 2);
        assert_eq!(scroll_to_show(8, 9, 5, 10), 5);
        assert_eq!(scroll_to_show(3, 0, 5, 2), 0);
    }

    #[test]
    fn cards_fit_without_the_last_blank_line_and_grow_where_all_fit() {
        // 3 cards of 3 lines and 2 blanks between them: 11 lines inside the frame.
        assert_eq!(NORMAL.visible_cards(13), 3);
        assert_eq!(NORMAL.visible_cards(12), 2);
        assert_eq!(NORMAL.card_height(16, 3), 5, "3 cards of 4 lines and 2 blanks fit in 14");
        assert_eq!(NORMAL.card_height(15, 3), 4);
        assert_eq!(NORMAL.card_height(40, 0), 5);
        assert_eq!(PRESENTING.card_height(40, 20), 6);
    }

    #[test]
    fn columns_fit_the_width() {
        assert_eq!(NORMAL.visible_columns(80, 7), 3);
        assert_eq!(NORMAL.visible_columns(160, 7), 7);
        assert_eq!(NORMAL.visible_columns(200, 5), 5);
        assert_eq!(NORMAL.visible_columns(10, 5), 1);
        assert_eq!(PRESENTING.visible_columns(100, 7), 3);
        // Presenting, a board whose columns all fit at everyday width shows whole.
        assert_eq!(PRESENTING.visible_columns(160, 7), 7);
        assert_eq!(PRESENTING.visible_columns(100, 5), 3, "not whole at 100: comfortable width, scrolling");
        assert_eq!(PRESENTING.visible_columns(120, 5), 5);
    }
}
