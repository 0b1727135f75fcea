//! The PI report's objectives: each team's PI objectives with planned and actual business value
//! (stretch marked), program predictability per team and for the train, and the newest
//! fist-of-five confidence vote of each team and of the train.

use std::fmt::Write;

use crate::model::confidence::latest;
use crate::model::objectives::{Achievement, art, current_pi, is_current, train, train_board, trend};
use crate::model::{Board, Level, Workspace};
use crate::ui::objectives::band_word;

use super::html::escape;

/// Predictability in words: `94 % in band (17 of 18 BV)`.
pub fn predictability(achievement: Achievement) -> String {
    match achievement.percent() {
        Some(v) => format!("{v:.0} % {} ({} of {} BV)", band_word(v), achievement.actual, achievement.planned),
        None if achievement.actual > 0 => {
            format!("no committed objective evaluated yet ({} stretch BV achieved)", achievement.actual)
        }
        None => "not evaluated yet".to_string(),
    }
}

/// The board's objectives of the current PI, headed `heading`.
fn board_objectives(ws: &Workspace, heading: &str, board: &Board) -> String {
    let current = current_pi(ws, board);
    let mut out = format!(
        "<h3>{}</h3>\n<table class=\"report\"><thead><tr><th style=\"width:70%\">Objective</th><th class=\"num\">Planned BV</th><th class=\"num\">Actual BV</th></tr></thead><tbody>\n",
        escape(heading)
    );
    for objective in board.objectives.iter().filter(|o| is_current(o, current)) {
        let stretch = if objective.stretch { " <span class=\"stretch\">(stretch)</span>" } else { "" };
        let actual = objective.actual.map(|a| a.to_string()).unwrap_or_else(|| "–".into());
        let _ = writeln!(
            out,
            "<tr><td>{}{stretch}</td><td class=\"num\">{}</td><td class=\"num\">{actual}</td></tr>",
            escape(&objective.text),
            objective.planned
        );
    }
    out.push_str("</tbody></table>\n");
    out
}

/// The ART objectives (the train's program board), objectives per team, then predictability
/// per team and for the train, and its trend over the PIs the files keep.
pub fn objectives_section(ws: &Workspace) -> String {
    let (teams, total) = train(ws);
    let art = art(ws).filter(|(b, _)| b.objectives.iter().any(|o| is_current(o, current_pi(ws, b))));
    let mut out = String::from("<section class=\"objectives\">\n<h2>PI objectives and predictability</h2>\n");
    if teams.is_empty() && art.is_none() {
        out.push_str("<p>No team has PI objectives yet.</p>\n</section>\n");
        return out;
    }
    if let Some((board, _)) = art {
        out.push_str(&board_objectives(ws, &format!("ART objectives ({})", board.name), board));
    }
    for (board, _) in &teams {
        out.push_str(&board_objectives(ws, &board.name, board));
    }
    out.push_str(
        "<h3>Predictability</h3>\n<table class=\"report\"><thead><tr><th>Team</th><th>Predictability</th></tr></thead><tbody>\n",
    );
    for (board, achievement) in &teams {
        let _ = writeln!(out, "<tr><td>{}</td><td>{}</td></tr>", escape(&board.name), predictability(*achievement));
    }
    let _ = writeln!(out, "<tr><th>Train</th><th>{}</th></tr>", predictability(total));
    if let Some((board, achievement)) = art {
        let name = escape(&board.name);
        let _ = writeln!(out, "<tr><td>ART objectives ({name})</td><td>{}</td></tr>", predictability(achievement));
    }
    out.push_str("</tbody></table>\n");
    out.push_str(&trend_table(ws));
    out.push_str("</section>\n");
    out
}

/// Predictability PI by PI (oldest first), per team and for the train, when the files keep
/// more than one PI's objectives.
fn trend_table(ws: &Workspace) -> String {
    let trend = trend(ws);
    if trend.pis.len() < 2 {
        return String::new();
    }
    let mut out = String::from("<h3>Predictability by PI</h3>\n<table class=\"report\"><thead><tr><th>Who</th>");
    for pi in &trend.pis {
        let _ = write!(out, "<th class=\"num\">{}</th>", escape(pi.unwrap_or("this PI")));
    }
    out.push_str("</tr></thead><tbody>\n");
    let cell = |a: &Achievement| match a.percent() {
        Some(v) => format!("{v:.0} % {}", band_word(v)),
        None => "–".into(),
    };
    let mut row = |who: &str, values: &[Achievement], strong: bool| {
        let tag = if strong { "th" } else { "td" };
        let _ = write!(out, "<tr><{tag}>{}</{tag}>", escape(who));
        for a in values {
            let _ = write!(out, "<{tag} class=\"num\">{}</{tag}>", cell(a));
        }
        out.push_str("</tr>\n");
    };
    for (board, values) in &trend.teams {
        row(&board.name, values, false);
    }
    row("Train", &trend.train, true);
    out.push_str("</tbody></table>\n<p>SAFe's target band is 80–100 %.</p>\n");
    out
}

fn vote_row(who: &str, board: &Board) -> String {
    let summary = latest(&board.confidence).and_then(|vote| Some((vote, vote.summary()?)));
    match summary {
        Some((vote, s)) => {
            let heard = if s.to_be_heard > 0 { " class=\"heard\"" } else { "" };
            format!(
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{:.1}</td><td class=\"num\"><span{heard}>{}</span></td></tr>\n",
                escape(who),
                escape(vote.at.as_str()),
                s.count,
                s.average,
                s.to_be_heard
            )
        }
        None => format!("<tr><td>{}</td><td colspan=\"4\">no vote yet</td></tr>\n", escape(who)),
    }
}

/// The newest confidence vote of each team board and of the train (its program board).
pub fn confidence_section(ws: &Workspace) -> String {
    let mut out = String::from(
        "<section class=\"confidence\">\n<h2>Confidence vote</h2>\n<table class=\"report\"><thead><tr><th>Who</th><th>Voted at</th><th class=\"num\">Votes</th><th class=\"num\">Average</th><th class=\"num\">1s and 2s</th></tr></thead><tbody>\n",
    );
    for board in ws.boards_at(Level::Team).filter_map(|b| ws.board(b)) {
        out.push_str(&vote_row(&board.name, board));
    }
    if let Some(board) = train_board(ws).and_then(|b| ws.board(b)) {
        out.push_str(&vote_row(&format!("Train ({})", board.name), board));
    }
    out.push_str("</tbody></table>\n<p>Votes of 1 or 2 must be heard before the plan is committed.</p>\n</section>\n");
    out
}
