//! The PI report's program board: teams as rows and the PI's iterations as columns with the
//! features planned in each cell, the unplanned features listed, and every dependency between
//! features in words (`F-4 needs F-2 (late)`).

use std::collections::HashMap;
use std::fmt::Write;

use crate::model::planning::{Dependency, Plan, plan};
use crate::model::{Board, Workspace};

use super::html::escape;

fn feature(board: &Board, id: &str) -> String {
    let title = board.item(id).map(|i| escape(&i.title)).unwrap_or_default();
    format!("<span class=\"feature\"><span class=\"id\">{}</span> {title}</span>", escape(id))
}

/// Where each planned feature is: its iteration's index.
fn planned_at(plan: &Plan) -> HashMap<&str, usize> {
    plan.cells
        .iter()
        .flat_map(|row| row.iter().enumerate())
        .flat_map(|(at, ids)| ids.iter().map(move |id| (id.as_str(), at)))
        .collect()
}

/// A dependency in words: late (the provider comes after the consumer), same iteration, in
/// time, or unplanned (either end), with where each end is planned.
fn dependency_line(plan: &Plan, planned_at: &HashMap<&str, usize>, dependency: &Dependency) -> (String, bool) {
    let at = |id: &str| planned_at.get(id).and_then(|&i| plan.iterations.get(i));
    let (consumer, provider) = (at(&dependency.consumer), at(&dependency.provider));
    let words = dependency.timing.words();
    let place = |id: &str, it: Option<&String>| format!("{id} in {}", it.map(String::as_str).unwrap_or("no iteration"));
    let line = format!(
        "{} needs {} ({words}): {}, {}",
        dependency.consumer,
        dependency.provider,
        place(&dependency.consumer, consumer),
        place(&dependency.provider, provider)
    );
    let stories = match dependency.stories {
        0 => String::new(),
        1 => " (through 1 story)".to_string(),
        n => format!(" (through {n} stories)"),
    };
    (format!("{line}{stories}"), dependency.timing.at_risk())
}

/// The program board that plans the PI, as a grid with its dependencies.
pub fn program_section(ws: &Workspace, board: &Board) -> String {
    let plan = plan(ws, board);
    let mut out = format!("<section class=\"program\">\n<h2>Program board: {}</h2>\n", escape(&board.name));
    out.push_str("<table class=\"report\"><thead><tr><th>Team</th>");
    for iteration in &plan.iterations {
        let _ = write!(out, "<th>{}</th>", escape(iteration));
    }
    out.push_str("</tr></thead><tbody>\n");
    for (team, row) in plan.teams.iter().zip(&plan.cells) {
        let _ = write!(out, "<tr><th>{}</th>", escape(team));
        for ids in row {
            out.push_str("<td>");
            for id in ids {
                out.push_str(&feature(board, id));
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("<tr><th>Load (points)</th>");
    for load in &plan.load {
        let _ = write!(out, "<td class=\"num\">{load}</td>");
    }
    out.push_str("</tr>\n</tbody></table>\n");
    out.push_str("<h3>Unplanned features</h3>\n");
    if plan.unplanned.is_empty() {
        out.push_str("<p>Every feature has a team and an iteration.</p>\n");
    } else {
        out.push_str("<ul>");
        for id in &plan.unplanned {
            let _ = write!(out, "<li>{}</li>", feature(board, id));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("<h3>Dependencies</h3>\n");
    if plan.dependencies.is_empty() {
        out.push_str("<p>No feature depends on another.</p>\n");
    } else {
        let planned_at = planned_at(&plan);
        out.push_str("<ul class=\"dependencies\">");
        for dependency in &plan.dependencies {
            let (line, warn) = dependency_line(&plan, &planned_at, dependency);
            let class = if warn { " class=\"late\"" } else { "" };
            let _ = write!(out, "<li{class}>{}</li>", escape(&line));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    out
}
