//! The PI report's objectives: each team's PI objectives with planned and actual business value
//! (stretch marked), program predictability per team and for the train, and the newest
//! fist-of-five confidence vote of each team and of the train.

use std::fmt::Write;

use crate::model::confidence::latest;
use crate::model::objectives::{Achievement, train, train_board};
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

fn team_objectives(board: &Board) -> String {
    let mut out = format!(
        "<h3>{}</h3>\n<table class=\"report\"><thead><tr><th style=\"width:70%\">Objective</th><th class=\"num\">Planned BV</th><th class=\"num\">Actual BV</th></tr></thead><tbody>\n",
        escape(&board.name)
    );
    for objective in &board.objectives {
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

/// Objectives per team, then predictability per team and for the train.
pub fn objectives_section(ws: &Workspace) -> String {
    let (teams, total) = train(ws);
    let mut out = String::from("<section class=\"objectives\">\n<h2>PI objectives and predictability</h2>\n");
    if teams.is_empty() {
        out.push_str("<p>No team has PI objectives yet.</p>\n</section>\n");
        return out;
    }
    for (board, _) in &teams {
        out.push_str(&team_objectives(board));
    }
    out.push_str(
        "<h3>Predictability</h3>\n<table class=\"report\"><thead><tr><th>Team</th><th>Predictability</th></tr></thead><tbody>\n",
    );
    for (board, achievement) in &teams {
        let _ = writeln!(out, "<tr><td>{}</td><td>{}</td></tr>", escape(&board.name), predictability(*achievement));
    }
    let _ = writeln!(out, "<tr><th>Train</th><th>{}</th></tr>", predictability(total));
    out.push_str("</tbody></table>\n</section>\n");
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
