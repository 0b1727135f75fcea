//! The PI objectives view: each team's objectives with planned and actual business value, and
//! program predictability per team and for the train as bars on a 0–120 % scale with SAFe's
//! 80–100 % band marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::App;
use crate::model::objectives::{Achievement, TARGET_BAND, train};

use super::text::{clean, fit};
use super::theme::Theme;

/// The scale of the bars, in percent.
pub const SCALE_MAX: f64 = 120.0;

/// The style of the band cells (80–100 %), which a test checks on the cells.
pub fn band_style(theme: &Theme) -> Style {
    if theme.colored { Style::new().bg(Color::Indexed(22)) } else { Style::new().add_modifier(Modifier::UNDERLINED) }
}

/// A predictability bar `cells` wide: filled up to the value, the target band marked.
pub fn bar(achievement: Achievement, cells: usize, theme: &Theme) -> Vec<Span<'static>> {
    let value = achievement.percent();
    let filled = value.map(|v| ((v.min(SCALE_MAX) / SCALE_MAX) * cells as f64).round() as usize).unwrap_or(0);
    let in_band = |cell: usize| {
        let pct = (cell as f64 + 0.5) * SCALE_MAX / cells as f64;
        pct >= TARGET_BAND.0 && pct <= TARGET_BAND.1
    };
    let fill = match value {
        Some(v) if v >= TARGET_BAND.0 && v <= TARGET_BAND.1 => theme.done,
        Some(_) => theme.at_limit,
        None => theme.dim,
    };
    let mut spans: Vec<Span<'static>> = (0..cells)
        .map(|cell| {
            let glyph = if cell < filled {
                "█"
            } else if in_band(cell) {
                "░"
            } else {
                "·"
            };
            let style = if in_band(cell) {
                band_style(theme).patch(if cell < filled { fill } else { theme.dim })
            } else if cell < filled {
                fill
            } else {
                theme.dim
            };
            Span::styled(glyph, style)
        })
        .collect();
    let label = match value {
        Some(v) => format!(" {v:.0} % {}  ({} of {} BV)", band_word(v), achievement.actual, achievement.planned),
        None => " not evaluated yet".to_string(),
    };
    spans.push(Span::styled(label, theme.header));
    spans
}

/// Where a value lies against the target band, in words (the bar's colour says it too).
pub fn band_word(percent: f64) -> &'static str {
    if percent < TARGET_BAND.0 {
        "below band"
    } else if percent > TARGET_BAND.1 {
        "above band"
    } else {
        "in band"
    }
}

pub fn objective_lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let (teams, total) = train(&app.ws);
    let mut lines = Vec::new();
    if teams.is_empty() {
        lines.push(Line::styled("No team board has `objectives` yet (see the README for the format).", theme.dim));
        return lines;
    }
    let cells = width.saturating_sub(40).clamp(12, 60);
    for (board, achievement) in &teams {
        lines.push(Line::styled(format!("{}  ·  planned vs actual business value", clean(&board.name)), theme.header));
        for o in &board.objectives {
            let actual = o.actual.map(|a| a.to_string()).unwrap_or_else(|| "–".into());
            let stretch = if o.stretch { " (stretch)" } else { "" };
            let text = fit(&format!("{}{stretch}", o.text), width.saturating_sub(16));
            lines.push(Line::from(vec![
                Span::styled(format!("  {:>2} → {:>2}  ", o.planned, actual), theme.accent),
                Span::raw(text),
            ]));
        }
        let mut bar_line = vec![Span::styled(format!("  {:<10}", fit(&board.name, 10)), theme.dim)];
        bar_line.extend(bar(*achievement, cells, theme));
        lines.push(Line::from(bar_line));
        lines.push(Line::raw(""));
    }
    let mut train_line = vec![Span::styled(format!("  {:<10}", "Train"), theme.header)];
    train_line.extend(bar(total, cells, theme));
    lines.push(Line::styled(
        "Program predictability (all actual BV / committed planned BV; band 80–100 %)",
        theme.header,
    ));
    lines.push(Line::from(train_line));
    lines
}

pub fn render_objectives(app: &App, scroll: u16, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let title = Line::styled(" PI objectives and predictability (Esc closes, j/k scroll) ", theme.header);
    let inner = super::popup::frame(area, title, theme, buf);
    Paragraph::new(objective_lines(app, theme, inner.width as usize)).scroll((scroll, 0)).render(inner, buf);
}
