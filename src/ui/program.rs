//! The program board view: teams × iterations with the features in their cells, dependency
//! markers on both ends (red when the provider comes later than the consumer), each
//! iteration's load and enabler share, its milestones, each team's load against its capacity
//! (over capacity in red and with the word OVER), and the unplanned features apart. While
//! presenting, `program_present` draws it at presentation size instead.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::keymap::Action;
use crate::model::Board;
use crate::model::planning::{Plan, TeamLoad, Timing, plan};

use crate::text::{clean, fit};
use crate::theme::Theme;

/// A feature in a cell: `F-12 ⇠F-3 !⇢F-9`; a late dependency is red and starts with `!`, which
/// comes first so it survives when the cell cuts the text.
fn feature_spans(board: &Board, plan: &Plan, id: &str, room: usize, theme: &Theme) -> Vec<Span<'static>> {
    let kind = board.item(id).map(|i| board.kind_of(i));
    let style = kind.map(|k| theme.kind(k)).unwrap_or(theme.text);
    let mut spans = vec![Span::styled(id.to_string(), style.patch(theme.header))];
    let mut used = id.chars().count();
    for dep in &plan.dependencies {
        let (marker, other) = if dep.consumer == id {
            ("⇠", &dep.provider)
        } else if dep.provider == id {
            ("⇢", &dep.consumer)
        } else {
            continue;
        };
        let late = if dep.timing.at_risk() { "!" } else { "" };
        let text = format!(" {late}{marker}{other}");
        used += text.chars().count();
        spans.push(Span::styled(text, dependency_style(dep.timing, theme)));
    }
    if let Some(item) = board.item(id) {
        let title = fit(&item.title, room.saturating_sub(used + 1));
        if !title.is_empty() {
            spans.push(Span::styled(format!(" {title}"), theme.dim));
        }
    }
    spans
}

/// A feature someone else changed a moment ago is drawn in the change colour.
fn lit_if_changed(app: &App, id: &str, spans: Vec<Span<'static>>, theme: &Theme) -> Vec<Span<'static>> {
    if !crate::app::marks::item_changed(app, id) {
        return spans;
    }
    spans.into_iter().map(|s| s.patch_style(theme.marked)).collect()
}

/// A team's load in an iteration as the longest of its forms that fits `room`: `18/20 pts`,
/// over capacity `30/24 pts OVER` (the word stays when the rest is cut: `30/24 OVER`, `OVER`),
/// and without a capacity just the points (`13 pts`).
pub(super) fn load_text(load: TeamLoad, room: usize) -> String {
    let forms = match load.capacity {
        Some(capacity) if load.over() => vec![
            format!("{}/{capacity} pts OVER", load.load),
            format!("{}/{capacity} OVER", load.load),
            "OVER".to_string(),
        ],
        Some(capacity) => vec![format!("{}/{capacity} pts", load.load), format!("{}/{capacity}", load.load)],
        None => vec![format!("{} pts", load.load), load.load.to_string()],
    };
    let last = forms.last().cloned().unwrap_or_default();
    forms.into_iter().find(|f| f.chars().count() <= room).unwrap_or_else(|| fit(&last, room))
}

/// The style of a team's load: red (the theme's over-limit) when over capacity.
pub(super) fn load_style(load: TeamLoad, theme: &Theme) -> ratatui::style::Style {
    if load.over() { theme.over_limit } else { theme.text }
}

/// An iteration's milestones in `room`: `◆ PI start · ◆ Demo 1`, or when they do not all fit
/// the first, cut, and how many more (`◆ PI st… +1`).
pub(super) fn milestones_text(names: &[String], room: usize) -> String {
    let all: Vec<String> = names.iter().map(|n| format!("◆ {}", clean(n))).collect();
    let joined = all.join(" · ");
    if names.len() <= 1 || crate::text::width(&joined) <= room {
        return fit(&joined, room);
    }
    let more = format!(" +{}", names.len() - 1);
    format!("{}{more}", fit(&all[0], room.saturating_sub(more.chars().count())))
}

/// The team of the chosen feature (by index), if it is in a cell.
pub(super) fn team_of_chosen(plan: &Plan, chosen: Option<&String>) -> Option<usize> {
    let id = chosen?;
    (0..plan.teams.len()).find(|&t| plan.cells[t].iter().any(|c| c.contains(id)))
}

/// The first team row to draw so that the chosen feature's team (if any) shows in `room`
/// lines, each team taking `height(team)` lines.
pub(super) fn first_team_shown(chosen_team: Option<usize>, height: impl Fn(usize) -> u16, room: u16) -> usize {
    let mut first = 0;
    if let Some(team) = chosen_team {
        while first < team && (first..=team).map(&height).sum::<u16>() > room {
            first += 1;
        }
    }
    first
}

pub fn render_program_board(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(board) = app.current_board() else { return };
    let plan = plan(app.ws(), board);
    if app.presenting().is_some() {
        return super::program_present::render(app, board, &plan, theme, buf);
    }
    let title = Line::styled(
        format!(
            " Program board · {} — {} choose · {} iteration · {} team · {} undo · {} closes ",
            fit(&board.name, 40),
            app.key_pair(Action::SelectNextItem, Action::SelectPrevItem),
            app.key_pair(Action::MoveItemLeft, Action::MoveItemRight),
            app.key_pair(Action::MoveItemDown, Action::MoveItemUp),
            app.key(Action::Undo),
            app.key(Action::CloseView)
        ),
        theme.header,
    );
    let chosen = crate::app::planning::selected_in(app, &plan);
    let inner = super::popup::frame(area, title, theme, buf);
    if plan.iterations.is_empty() {
        buf.set_string(
            inner.x,
            inner.y,
            "This board has no `iterations`; add e.g. iterations: [\"I1\", \"I2\"].",
            theme.dim,
        );
        return;
    }
    let team_width = 10u16.min(inner.width / 4);
    let cell_width = (inner.width.saturating_sub(team_width)) / plan.iterations.len() as u16;
    // Header: iteration, load, enabler share.
    for (i, name) in plan.iterations.iter().enumerate() {
        let x = inner.x + team_width + i as u16 * cell_width;
        let (en, all) = plan.enablers[i];
        let room = cell_width.saturating_sub(1) as usize;
        buf.set_string(x, inner.y, fit(&format!("{name} · {} pt", plan.load[i]), room), theme.header);
        let share = match (en * 100).checked_div(all) {
            Some(percent) => format!("EN {percent}% of {all}"),
            None => "no features".to_string(),
        };
        buf.set_string(x, inner.y + 1, fit(&share, room), theme.dim);
    }
    let label_room = team_width.saturating_sub(1) as usize;
    buf.set_string(inner.x, inner.y + 1, fit("enablers", label_room), theme.dim);
    // The milestones row, when the board has any placed.
    let mut top = inner.y + 2;
    if plan.milestones.iter().any(|m| !m.is_empty()) && top < inner.bottom() {
        buf.set_string(inner.x, top, fit("events", label_room), theme.dim);
        for (i, names) in plan.milestones.iter().enumerate() {
            let x = inner.x + team_width + i as u16 * cell_width;
            buf.set_string(x, top, milestones_text(names, cell_width.saturating_sub(1) as usize), theme.accent);
        }
        top += 1;
    }
    // Teams scroll so the chosen feature's team shows; markers say how many are out of view.
    // The last two lines stay for the unplanned features and the chosen one in words. A team
    // takes its load line, its features' lines and a rule under them.
    let grid_bottom = inner.bottom().saturating_sub(2).max(top);
    let room = grid_bottom.saturating_sub(top);
    let feature_rows = |t: usize| {
        plan.cells[t].iter().map(Vec::len).max().unwrap_or(0).clamp(1, room.saturating_sub(2).max(1) as usize) as u16
    };
    let height = |t: usize| feature_rows(t) + 2;
    let chosen_team = team_of_chosen(&plan, chosen.as_ref());
    let first = first_team_shown(chosen_team, height, room);
    let mut y = top;
    let mut shown_to = first;
    for (t, team) in plan.teams.iter().enumerate().skip(first) {
        let rows = feature_rows(t);
        if y + 1 + rows > grid_bottom {
            break;
        }
        shown_to = t + 1;
        buf.set_string(inner.x, y, fit(team, label_room), theme.accent);
        for (i, load) in plan.team_load[t].iter().enumerate() {
            let x = inner.x + team_width + i as u16 * cell_width;
            let room = cell_width.saturating_sub(1) as usize;
            buf.set_string(x, y, load_text(*load, room), load_style(*load, theme));
        }
        y += 1;
        for (i, features) in plan.cells[t].iter().enumerate() {
            let x = inner.x + team_width + i as u16 * cell_width;
            let room = cell_width.saturating_sub(1);
            // A cell with more features than its rows says how many are left out.
            let fits = (rows as usize).min(features.len());
            let cut = features.len() > fits;
            for (n, id) in features.iter().enumerate().take(if cut { fits - 1 } else { fits }) {
                let mut spans = lit_if_changed(app, id, feature_spans(board, &plan, id, room as usize, theme), theme);
                if chosen.as_ref() == Some(id) {
                    spans.insert(0, Span::styled("▶", theme.accent.patch(theme.selected_card)));
                    spans = spans.into_iter().map(|s| s.patch_style(theme.selected_card)).collect();
                }
                buf.set_line(x, y + n as u16, &Line::from(spans), room);
            }
            if cut {
                let more = format!("+{} more", features.len() + 1 - fits);
                buf.set_string(x, y + fits as u16 - 1, fit(&more, room as usize), theme.dim);
            }
        }
        y += rows;
        if y < grid_bottom {
            buf.set_string(inner.x, y, "─".repeat(inner.width as usize), theme.border);
            y += 1;
        }
    }
    let (above, below) = (first, plan.teams.len() - shown_to);
    if above + below > 0 && y < inner.bottom() {
        let marks: Vec<String> = [(above, "↑", "above"), (below, "↓", "more below")]
            .iter()
            .filter(|(n, ..)| *n > 0)
            .map(|(n, arrow, where_)| format!("{arrow} {n} team{} {where_}", if *n == 1 { "" } else { "s" }))
            .collect();
        buf.set_string(inner.x, y, fit(&marks.join(" · "), inner.width as usize), theme.dim);
        y += 1;
    }
    if !plan.unplanned.is_empty() && y < inner.bottom() {
        let unplanned: Vec<String> = plan
            .unplanned
            .iter()
            .map(|id| if chosen.as_ref() == Some(id) { format!("▶{id}") } else { id.clone() })
            .collect();
        let text = format!("Unplanned: {}", unplanned.join(", "));
        buf.set_string(inner.x, y, fit(&text, inner.width as usize), theme.dim);
        y += 1;
    }
    // The chosen feature in words: below the grid, or on its last line when the grid is full.
    if let (Some(id), true) = (&chosen, inner.height > 0) {
        let line = selected_line(app, board, &plan, id, theme);
        buf.set_line(inner.x, y.min(inner.bottom() - 1), &line, inner.width);
    }
}

/// The selected feature in words, under the grid: where it is planned, and each dependency
/// named in full with where its other end is planned (red when the provider comes later or is
/// not planned).
fn selected_line(app: &App, board: &Board, plan: &Plan, id: &str, theme: &Theme) -> Line<'static> {
    let place = |id: &str| {
        let item = board.item(id);
        let team = item.and_then(|i| i.team.clone()).unwrap_or_else(|| "no team".into());
        let iteration = crate::model::planning::iteration_of(app.ws(), board, id)
            .and_then(|i| plan.iterations.get(i).cloned())
            .unwrap_or_else(|| "unplanned".into());
        format!("{team}, {iteration}")
    };
    let title = |id: &str| board.item(id).map(|i| clean(&i.title).into_owned()).unwrap_or_default();
    let mut spans = vec![Span::styled(format!("▶ {id} {} ({})", title(id), place(id)), theme.header)];
    for dep in plan.dependencies.iter().filter(|d| d.consumer == id || d.provider == id) {
        let (words, other) = if dep.consumer == id { ("needs", &dep.provider) } else { ("needed by", &dep.consumer) };
        let warning = match dep.timing {
            Timing::Late => ": planned later",
            Timing::ProviderUnplanned => ": not planned",
            Timing::SameIteration => ": same iteration",
            Timing::InTime | Timing::ConsumerUnplanned => "",
        };
        let stories = match dep.stories {
            0 => String::new(),
            1 => ", 1 story".to_string(),
            n => format!(", {n} stories"),
        };
        let text = format!(" · {words} {other} {} ({}{stories}){warning}", title(other), place(other));
        spans.push(Span::styled(text, dependency_style(dep.timing, theme)));
    }
    Line::from(spans)
}

/// Red when the provider is late or not planned, amber (the at-limit colour) in the same
/// iteration, dim otherwise; the words say it too.
pub(super) fn dependency_style(timing: Timing, theme: &Theme) -> ratatui::style::Style {
    match timing {
        Timing::Late | Timing::ProviderUnplanned => theme.over_limit,
        Timing::SameIteration => theme.at_limit,
        Timing::InTime | Timing::ConsumerUnplanned => theme.dim,
    }
}
