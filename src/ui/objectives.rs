//! The PI objectives view: the ART's objectives (on the program board), then each team's, with
//! planned and actual business value; program predictability per team and for the train as
//! bars on a 0–120 % scale with SAFe's 80–100 % band marked; each team's and the train's newest
//! confidence vote; the trend over past PIs (`objectives_trend`); and the prompt through which
//! objectives are edited and votes recorded (`crate::app::objectives`).

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::App;
use crate::app::objectives::{current_objectives, rows, sections};
use crate::keymap::Action;
use crate::model::confidence::latest;
use crate::model::objectives::{Achievement, TARGET_BAND, achievement, current_pi, train, train_board, trend};
use crate::model::{Board, Level};

use crate::text::{clean, fit};
use crate::theme::Theme;

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
        // Only stretch value scored: nothing committed to measure against, so no figure.
        None if achievement.actual > 0 => {
            format!(" no committed objective evaluated yet  ({} stretch BV achieved)", achievement.actual)
        }
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

/// The view's text, for plain mode and tests.
pub fn objective_lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    view_lines(app, theme, width).into_iter().map(|(line, _)| line).collect()
}

/// The text of the selected row's first line (for plain mode), without the selection mark.
pub fn selected_text(app: &App, theme: &Theme, width: usize) -> Option<String> {
    let rows = rows(app.ws());
    let selected = app.objectives().selected.min(rows.len().checked_sub(1)?);
    let (line, _) = view_lines(app, theme, width).into_iter().find(|(_, row)| *row == Some(selected))?;
    let text: String = line.spans.iter().skip(1).map(|s| s.content.as_ref()).collect();
    Some(text.trim().to_string())
}

/// The confidence line of a board: its newest vote's average and who must be heard.
pub fn vote_line(board: Option<&Board>, theme: &Theme) -> Line<'static> {
    let summary = board.and_then(|b| latest(&b.confidence)).and_then(|v| v.summary().map(|s| (v, s)));
    let Some((vote, s)) = summary else {
        return Line::styled("    Confidence: no vote yet (V records one)", theme.dim);
    };
    let when: String = vote.at.as_str().chars().take(16).collect::<String>().replace('T', " ");
    let mut spans = vec![
        Span::styled("    Confidence ", theme.dim),
        Span::styled(format!("{:.1}/5", s.average), theme.accent),
        Span::styled(format!(" · {} votes {when}", s.count), theme.dim),
    ];
    if s.to_be_heard > 0 {
        spans.push(Span::styled(format!(" · ! {} to be heard (1s, 2s)", s.to_be_heard), theme.at_limit));
    } else {
        spans.push(Span::styled(" · no 1s or 2s", theme.dim));
    }
    Line::from(spans)
}

/// An objective someone else changed a moment ago is drawn in the change colour.
fn lit_if_changed(app: &App, board: &Board, index: usize, line: Line<'static>, theme: &Theme) -> Line<'static> {
    if !crate::app::marks::objective_changed(app, &board.key, index) {
        return line;
    }
    Line::from(line.spans.into_iter().map(|s| s.patch_style(theme.marked)).collect::<Vec<_>>())
}

/// Each line with the index of the selectable row it shows (see `app::objectives::rows`).
fn view_lines(app: &App, theme: &Theme, width: usize) -> Vec<(Line<'static>, Option<usize>)> {
    let ws = &app.ws();
    let (_, total) = train(ws);
    let rows = rows(ws);
    let selected = app.objectives().selected.min(rows.len().saturating_sub(1));
    let mut lines: Vec<(Line<'static>, Option<usize>)> = Vec::new();
    let art_key = train_board(ws).and_then(|i| ws.board(i)).map(|b| b.key.clone());
    if !ws.boards().iter().any(|b| b.level == Level::Team && !b.is_archive()) {
        lines.push((
            Line::styled("No team board yet: objectives are kept on team boards (see the README).", theme.dim),
            None,
        ));
    }
    // Room for the longest label, ` 100 % above band  (10 of 10 BV)`.
    let cells = width.saturating_sub(47).clamp(12, 60);
    let text_width = width.saturating_sub(18);
    let mut row = 0;
    for board in sections(ws) {
        let is_art = art_key.as_deref() == Some(board.key.as_str());
        let heading = match is_art {
            true => format!("ART objectives ({})  ·  planned vs actual business value", clean(&board.name)),
            false => format!("{}  ·  planned vs actual business value", clean(&board.name)),
        };
        lines.push((Line::styled(heading, theme.header), Some(row)));
        row += 1;
        let current = current_objectives(ws, board);
        for (index, o) in current.iter().filter_map(|&i| Some((i, board.objectives.get(i)?))) {
            let actual = o.actual.map(|a| a.to_string()).unwrap_or_else(|| "–".into());
            let stretch = if o.stretch { " (stretch)" } else { "" };
            let text = fit(&format!("{}{stretch}", o.text), text_width);
            let line = Line::from(vec![
                Span::styled(format!("  {:>2} → {:>2}  ", o.planned, actual), theme.accent),
                Span::raw(text),
            ]);
            lines.push((lit_if_changed(app, board, index, line, theme), Some(row)));
            row += 1;
        }
        if current.is_empty() {
            let none = if is_art { "  no ART objectives yet (n adds one)" } else { "  no objectives yet (n adds one)" };
            lines.push((Line::styled(none, theme.dim), None));
        }
        let label = if is_art { "ART".to_string() } else { fit(&board.name, 10) };
        let mut bar_line = vec![Span::styled(format!("  {label:<10}"), theme.dim)];
        bar_line.extend(bar(achievement(board, current_pi(ws, board)), cells, theme));
        lines.push((Line::from(bar_line), None));
        // The program board's vote is the train's.
        lines.push((vote_line(Some(board), theme), None));
        lines.push((Line::raw(""), None));
    }
    let mut train_line = vec![Span::styled(format!("  {:<10}", "Train"), theme.header)];
    train_line.extend(bar(total, cells, theme));
    lines.push((
        // The train's figure is over the teams' objectives only (see `objectives::train`).
        Line::styled("Program predictability (teams' actual / committed planned BV; band 80–100 %)", theme.header),
        Some(row),
    ));
    lines.push((Line::from(train_line), None));
    lines.extend(super::objectives_trend::trend_lines(&trend(ws), theme, width).into_iter().map(|l| (l, None)));
    // The selected row is marked with a glyph, not only a colour.
    for (line, of) in &mut lines {
        let mark = if *of == Some(selected) { "▸ " } else { "  " };
        line.spans.insert(0, Span::styled(mark, theme.accent));
        if *of == Some(selected) {
            line.style = line.style.patch(theme.selected_card);
        }
    }
    lines
}

/// The view's key line, from the live key map: `j/k · n add · e text · …`.
fn objective_keys(app: &App) -> String {
    use Action::*;
    let named = [
        (NewItem, "add"),
        (EditTitle, "text"),
        (SetPlannedValue, "plan"),
        (SetActualValue, "actual"),
        (ToggleStretch, "stretch"),
        (DeleteItem, "del"),
        (RecordVote, "vote"),
        (Undo, "undo"),
    ];
    let mut parts = vec![app.key_pair(ScrollDown, ScrollUp)];
    parts.extend(named.iter().map(|(action, what)| format!("{} {what}", app.key(*action))));
    parts.join(" · ")
}

/// Draws the view; returns where the text cursor goes while a prompt is open.
pub fn render_objectives(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let title = format!(" PI objectives, predictability and confidence ({} closes) ", app.key(Action::CloseView));
    let title = Line::styled(title, theme.header);
    let inner = super::popup::frame(area, title, theme, buf);
    let lines = view_lines(app, theme, inner.width as usize);
    let footer = 2u16.min(inner.height);
    let body = Rect { height: inner.height - footer, ..inner };
    let selected = app.objectives().selected;
    let first = lines.iter().position(|(_, row)| *row == Some(selected)).unwrap_or(0);
    // Keep the selection in view with the lines under it up to the next row (a heading's
    // section, the last row's bars and trend).
    let end = lines.iter().skip(first + 1).position(|(_, row)| row.is_some()).map_or(lines.len(), |n| first + 1 + n);
    let scroll = end.saturating_sub(body.height as usize).min(first);
    let shown: Vec<Line<'static>> = lines.into_iter().map(|(line, _)| line).collect();
    Paragraph::new(shown).scroll((scroll as u16, 0)).render(body, buf);
    if footer < 2 {
        return None;
    }
    let (y1, y2) = (inner.y + inner.height - 2, inner.y + inner.height - 1);
    let width = inner.width as usize;
    match &app.objectives().prompt {
        None => {
            let keys = objective_keys(app);
            buf.set_string(inner.x, y1, "─".repeat(width), theme.dim);
            buf.set_string(inner.x, y2, fit(&keys, width), theme.dim);
            None
        }
        Some((prompt, input)) => {
            let label = format!(
                "{} · {} records · {} cancels",
                prompt.label(),
                app.key(Action::Confirm),
                app.key(Action::Cancel)
            );
            buf.set_string(inner.x, y1, fit(&label, width), theme.header);
            let text = clean(&input.text()).into_owned();
            let chars: Vec<char> = text.chars().collect();
            let room = width.saturating_sub(3);
            let start = input.cursor().saturating_sub(room);
            let shown: String = chars.iter().skip(start).take(room).collect();
            buf.set_string(inner.x, y2, format!("> {}", fit(&shown, room)), theme.text);
            let before: String = chars.iter().skip(start).take(input.cursor().saturating_sub(start)).collect();
            let x = inner.x + 2 + unicode_width::UnicodeWidthStr::width(before.as_str()) as u16;
            Some(Position::new(x.min(inner.x + inner.width.saturating_sub(1)), y2))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(spans: &[Span<'_>]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn the_bar_shows_the_model_figure_and_no_figure_without_committed_value() {
        let theme = Theme::default();
        // Stretch achieved on top of all committed value: past 100 %.
        let over = text(&bar(Achievement { planned: 10, actual: 15 }, 12, &theme));
        assert!(over.contains("150 %"), "{over}");
        assert!(over.contains("(15 of 10 BV)"), "{over}");
        let only_stretch = text(&bar(Achievement { planned: 0, actual: 5 }, 12, &theme));
        assert!(!only_stretch.contains('%'), "{only_stretch}");
        assert!(only_stretch.contains("no committed objective evaluated yet"), "{only_stretch}");
        let nothing = text(&bar(Achievement::default(), 12, &theme));
        assert!(nothing.contains("not evaluated yet") && !nothing.contains('%'), "{nothing}");
    }
}
