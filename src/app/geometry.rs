//! How many columns and cards fit on screen. Shared by `update` (to keep the selection in view)
//! and the renderer (to draw exactly that), so the two never disagree.

use ratatui::layout::Rect;

/// Narrowest a column gets before columns scroll sideways.
pub const MIN_COLUMN_WIDTH: u16 = 22;
/// Lines per card, including the blank line that separates it from the next.
pub const CARD_HEIGHT: u16 = 4;
/// Lines above and below the board: tab bar and status line.
pub const CHROME_HEIGHT: u16 = 2;
/// A column's own frame: border top (with the title) and bottom.
pub const COLUMN_FRAME: u16 = 2;

/// The board area of a screen of `size`.
pub fn board_area(size: Rect) -> Rect {
    Rect { x: size.x, y: size.y + 1, width: size.width, height: size.height.saturating_sub(CHROME_HEIGHT) }
}

/// How many of `columns` columns are shown side by side in `width` cells.
pub fn visible_columns(width: u16, columns: usize) -> usize {
    let fit = (width / MIN_COLUMN_WIDTH).max(1) as usize;
    fit.min(columns.max(1))
}

/// How many cards one column shows in a board area `height` lines high.
pub fn visible_cards(height: u16) -> usize {
    (height.saturating_sub(COLUMN_FRAME) / CARD_HEIGHT).max(1) as usize
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
    fn columns_fit_the_width() {
        assert_eq!(visible_columns(80, 7), 3);
        assert_eq!(visible_columns(160, 7), 7);
        assert_eq!(visible_columns(200, 5), 5);
        assert_eq!(visible_columns(10, 5), 1);
    }
}
