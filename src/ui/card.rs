//! One card: id, kind and score on the first line, the title on the second (and third, when
//! the card has four lines), roll-up, team, iteration and the blocked marker on the last (a
//! risk's last line names its linked item and its owner first).
//! Text is cut beyond that. Not by colour alone: the selected card starts with `▶` over a
//! thick bar in the selection colour, a card changed by someone else shows `✎` before its id
//! (and is lit over its whole area), a card marked with Space shows `✓` before its id, a
//! blocked one says BLOCKED.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::model::{Board, Item, Kind, Workspace};

use crate::text::{clean, fit, progress_bar, width};
use crate::theme::Theme;

/// Marks the selected card in its left edge.
pub const SELECTED_MARK: &str = "▶";
/// Marks a card someone else just changed, before its id.
pub const CHANGED_MARK: &str = "✎";
/// Marks a card marked with Space (the cards the next move, rank, tag or archive acts on).
pub const PICKED_MARK: &str = "✓";

pub struct Card<'a> {
    pub ws: &'a Workspace,
    pub board: &'a Board,
    pub item: &'a Item,
    pub selected: bool,
    /// Changed by someone else a moment ago.
    pub marked: bool,
    /// Marked with Space.
    pub picked: bool,
    pub theme: &'a Theme,
}

/// A roll-up's style: done (green) only when every child is done, plain text while any is open.
pub fn rollup_style(done: usize, total: usize, theme: &Theme) -> Style {
    if total > 0 && done >= total { theme.done } else { theme.text }
}

/// Splits `text` into a first line of at most `width` cells, broken at a space where possible,
/// and the rest.
pub fn wrap_once(text: &str, width: usize) -> (String, String) {
    if crate::text::width(text) <= width {
        return (text.to_string(), String::new());
    }
    let mut used = 0;
    let mut cut = 0;
    let mut last_space = None;
    for (i, c) in text.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        cut = i + c.len_utf8();
        if c == ' ' {
            last_space = Some(i);
        }
    }
    let split = last_space.filter(|&s| s > 0).unwrap_or(cut);
    (text[..split].trim_end().to_string(), text[split..].trim_start().to_string())
}

impl Card<'_> {
    fn first_line(&self, inner: usize) -> Line<'static> {
        let kind = self.board.kind_of(self.item);
        let t = self.theme;
        let id_style = match (self.marked || self.picked, self.selected) {
            (true, _) => t.marked,
            (false, true) => t.accent.add_modifier(Modifier::BOLD),
            (false, false) => t.accent,
        };
        let right = self.item.score_label().unwrap_or_default();
        let left_budget = inner.saturating_sub(width(&right) + 1);
        let picked = if self.picked { PICKED_MARK } else { "" };
        let changed = if self.marked { CHANGED_MARK } else { "" };
        let id = format!("{picked}{changed}{}", self.item.id);
        let id = fit(&id, left_budget);
        let kind_text = fit(&format!(" {}", kind.name()), left_budget.saturating_sub(width(&id)));
        let used = width(&id) + width(&kind_text);
        let gap = inner.saturating_sub(used + width(&right));
        Line::from(vec![
            Span::styled(id, id_style),
            Span::styled(kind_text, t.kind(kind)),
            Span::raw(" ".repeat(gap)),
            Span::styled(right, t.dim),
        ])
    }

    fn third_line(&self, inner: usize) -> Line<'static> {
        let t = self.theme;
        let mut spans: Vec<Span<'static>> = Vec::new();
        let mut used = 0;
        let mut push = |text: String, style: Style, spans: &mut Vec<Span<'static>>| {
            let room = inner.saturating_sub(used);
            if room <= 1 {
                return;
            }
            let text = fit(&text, room);
            used += width(&text);
            spans.push(Span::styled(text, style));
        };
        if self.item.is_blocked() {
            push("■ BLOCKED ".into(), t.blocked, &mut spans);
        }
        // A risk says what it threatens and who owns it: the room ROAMs it by those.
        if self.board.kind_of(self.item) == Kind::Risk {
            if let Some(parent) = &self.item.parent {
                push(format!("↑{parent} "), t.dim, &mut spans);
            }
            if let Some(owner) = &self.item.owner {
                push(format!("{} ", clean(owner)), t.text, &mut spans);
            }
        }
        if let Some((done, total)) = self.ws.rollup(&self.item.id) {
            let style = rollup_style(done, total, t);
            push(format!("{} ", progress_bar(done, total, 5)), style, &mut spans);
        }
        // The team is worth showing except on its own team board.
        let team = self.item.team.as_deref().filter(|t| *t != self.board.name);
        let place: Vec<&str> = [team, self.item.iteration.as_deref()].into_iter().flatten().collect();
        if !place.is_empty() {
            push(format!("{} ", place.join("·")), t.dim, &mut spans);
        }
        if !self.item.depends_on.is_empty() {
            // As on the program board: ⇠ what it needs, red with `!` when one comes too late.
            use crate::model::planning::timing_between;
            let worst = self
                .item
                .depends_on
                .iter()
                .filter_map(|p| timing_between(self.ws, &self.item.id, p))
                .max_by_key(|t| t.severity());
            let mark = if worst.is_some_and(|w| w.at_risk()) { "!" } else { "" };
            let style = worst.map_or(t.dim, |w| super::program::dependency_style(w, t));
            push(format!("{mark}⇠{}", self.item.depends_on.len()), style, &mut spans);
        }
        Line::from(spans)
    }
}

impl Widget for Card<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < 3 || area.height == 0 {
            return;
        }
        let kind = self.board.kind_of(self.item);
        // `area` is the card's own lines: 3, or 4 where there is room (title on two).
        let content_rows = area.height.min(4);
        let base = if self.selected { self.theme.selected_card } else { Style::new() };
        let card_area = Rect { height: content_rows, ..area };
        buf.set_style(card_area, base);
        // The selection shows from across the room: `▶` over a thick bar down the whole card,
        // bold, in the selection colour.
        let (bar, bar_style) = if self.selected {
            ("┃", self.theme.border_selected.add_modifier(Modifier::BOLD))
        } else if self.marked {
            ("▌", self.theme.marked)
        } else {
            ("▎", self.theme.kind(kind))
        };
        for row in 0..content_rows {
            let glyph = if row == 0 && self.selected { SELECTED_MARK } else { bar };
            buf.set_string(area.x, area.y + row, glyph, base.patch(bar_style));
        }
        let inner = (area.width - 2) as usize;
        let title_style = if self.selected { self.theme.header.add_modifier(Modifier::BOLD) } else { self.theme.text };
        let mut lines = vec![self.first_line(inner)];
        if content_rows >= 4 {
            let (first, rest) = wrap_once(&clean(&self.item.title), inner);
            lines.push(Line::styled(first, title_style));
            lines.push(Line::styled(fit(&rest, inner), title_style));
        } else {
            lines.push(Line::styled(fit(&self.item.title, inner), title_style));
        }
        lines.push(self.third_line(inner));
        for (row, line) in lines.iter().enumerate().take(content_rows as usize) {
            buf.set_line(area.x + 2, area.y + row as u16, line, inner as u16);
        }
        // A change by someone else lights the whole card, to be seen from the back of the room.
        if self.marked {
            buf.set_style(card_area, self.theme.marked);
        }
    }
}
