//! Jira's "Export Excel CSV (all fields)" (Cloud, Server and Data Center) into drafts.
//!
//! Issue keys are kept as ids (`GP-3678`). The issue type gives the level and kind; `Parent`,
//! `Parent key`, `Parent id` (the numeric `Issue id` of another row) or `Epic Link` the parent;
//! repeated `Labels` the tags; the last `Sprint` the iteration; `Rank` the order.

use std::collections::{HashMap, HashSet};

use crate::model::{Item, Kind, Level};

use super::table::{Fields, Row, Table};
use super::{Category, Draft, ImportError, Options, Parsed, Target, dates, text};

const REQUIRED: [&str; 3] = ["Summary", "Issue Type", "Status"];

/// Headers of Jira Cloud since issues became "work items" (2025), read as the older names.
const ALIASES: [(&str, &str); 7] = [
    ("Work item key", "Issue key"),
    ("Work item id", "Issue id"),
    ("Work type", "Issue Type"),
    ("Work item type", "Issue Type"),
    ("Outward work item link (Blocks)", "Outward issue link (Blocks)"),
    ("Inward work item link (Blocks)", "Inward issue link (Blocks)"),
    ("Parent work item key", "Parent key"),
];

/// Headers of localised Jira exports, to suggest the `--map` to write.
const LOCALISED: [(&str, &str); 21] = [
    ("Résumé", "Summary"),
    ("Type de demande", "Issue Type"),
    ("Type de ticket", "Issue Type"),
    ("Etat", "Status"),
    ("État", "Status"),
    ("Statut", "Status"),
    ("Clé", "Issue key"),
    ("Clé de ticket", "Issue key"),
    ("Clé du ticket", "Issue key"),
    ("Zusammenfassung", "Summary"),
    ("Vorgangstyp", "Issue Type"),
    ("Schlüssel", "Issue key"),
    ("Resumen", "Summary"),
    ("Tipo de incidencia", "Issue Type"),
    ("Estado", "Status"),
    ("Clave", "Issue key"),
    ("Sommario", "Summary"),
    ("Tipo ticket", "Issue Type"),
    ("Stato", "Status"),
    ("Chiave", "Issue key"),
    ("Étiquettes", "Labels"),
];

/// The level and kind of a Jira issue type (by its English name).
pub fn issue_type(name: &str) -> Option<(Level, Kind)> {
    let t = name.trim().to_lowercase();
    Some(match t.as_str() {
        "epic" | "portfolio epic" => (Level::Portfolio, Kind::Epic),
        "enabler epic" => (Level::Portfolio, Kind::Enabler),
        "feature" | "initiative" => (Level::Program, Kind::Feature),
        "capability" => (Level::Program, Kind::Capability),
        "enabler feature" => (Level::Program, Kind::Enabler),
        "story" | "user story" | "task" | "sub-task" | "subtask" | "new feature" | "improvement" => {
            (Level::Team, Kind::Story)
        }
        "bug" | "defect" => (Level::Team, Kind::Defect),
        "spike" => (Level::Team, Kind::Spike),
        "enabler" | "enabler story" => (Level::Team, Kind::Enabler),
        "risk" => (Level::Team, Kind::Risk),
        _ => return None,
    })
}

/// The item fields whose columns the export has.
pub fn carried(fields: &Fields, table: &[(&'static str, &[&str])]) -> HashSet<&'static str> {
    table.iter().filter(|(_, names)| fields.which(names).is_some()).map(|(field, _)| *field).collect()
}

/// Stops with the headers seen and the `--map` to write when a required field is missing.
fn check_required(table: &Table, fields: &Fields, names: &[&str], tool: &str) -> Result<(), ImportError> {
    let missing: Vec<&str> = names.iter().copied().filter(|n| !fields.has(n)).collect();
    let no_id = !fields.has("Issue key") && !fields.has("Issue id");
    if missing.is_empty() && !no_id {
        return Ok(());
    }
    let mut missing: Vec<&str> = missing;
    if no_id {
        missing.insert(0, "Issue key");
    }
    Err(ImportError::Missing(missing_message(table, &missing, tool, &LOCALISED)))
}

/// The message for an export without the columns it needs.
pub fn missing_message(table: &Table, missing: &[&str], tool: &str, hints: &[(&str, &str)]) -> String {
    let seen: Vec<String> =
        table.headers.iter().filter(|h| !h.is_empty()).map(|h| format!("\"{}\"", text::line(h))).collect();
    let suggest: Vec<String> = missing
        .iter()
        .map(|field| {
            let header = hints
                .iter()
                .find(|(local, english)| {
                    english == field && table.headers.iter().any(|h| h.eq_ignore_ascii_case(local))
                })
                .map(|(local, _)| *local)
                .unwrap_or("HEADER");
            format!("--map '{header}={field}'")
        })
        .collect();
    format!(
        "this {tool} export has no column for {}; nothing was written.\nheaders in the file: {}\n\
         say which header holds each field by its English {tool} name, e.g.: {}",
        missing.join(", "),
        seen.join(", "),
        suggest.join(" ")
    )
}

pub fn parse(table: &Table, options: &Options) -> Result<Parsed, ImportError> {
    if let Some((from, to)) = options.types.iter().find(|(_, to)| issue_type(to).is_none()) {
        return Err(ImportError::Usage(format!(
            "--type '{from}={to}': \"{to}\" is not a Jira issue type trainboard knows; use Epic, Feature, Capability, Initiative, Story, Task, Sub-task, Bug, Spike, Enabler or Risk"
        )));
    }
    let mut map = options.map.clone();
    map.extend(ALIASES.iter().map(|(from, to)| (from.to_string(), to.to_string())));
    let fields = Fields::new(&table.headers, &map);
    check_required(table, &fields, &REQUIRED, "Jira")?;
    let team_field = options.team_field.clone().or_else(|| fields.which(&["Team", "Team Name"]).map(String::from));
    if let Some(name) = &team_field
        && !fields.has(name)
    {
        return Err(ImportError::Usage(format!("--team-field \"{name}\": the export has no such column")));
    }
    let mut project = fields.first_in(table, &["Project name", "Project key"]);
    if project.is_empty() {
        // No project columns: the key's prefix names it (`GP` of `GP-3678`).
        let key = fields.first_in(table, &["Issue key"]);
        project = key.rsplit_once('-').map(|(prefix, _)| prefix.to_string()).unwrap_or_default();
    }
    let mut parsed = Parsed { project, ..Parsed::default() };
    // Numeric issue id → key, for `Parent` / `Parent id`.
    let mut key_of_id: HashMap<String, String> = HashMap::new();
    for row in &table.rows {
        if let (Some(id), Some(key)) = (fields.get(row, &["Issue id"]), fields.get(row, &["Issue key"])) {
            key_of_id.insert(id.to_string(), key.to_string());
        }
    }
    parsed.carries = carried(
        &fields,
        &[
            ("parent", &["Parent key", "Parent", "Parent id", "Epic Link", "Parent Link"]),
            ("description", &["Description"]),
            ("points", &["Story Points", "Story point estimate"]),
            ("owner", &["Assignee"]),
            ("iteration", &["Sprint"]),
            ("tags", &["Labels"]),
            ("blocked", &["Flagged"]),
            ("depends_on", &["Inward issue link (Blocks)", "Outward issue link (Blocks)"]),
        ],
    );
    if let Some(field) = &team_field
        && fields.has(field)
    {
        parsed.carries.insert("team");
    }
    let mut seen = HashSet::new();
    let mut unknown: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        let id_fields: &[&str] = if fields.has("Issue key") { &["Issue key"] } else { &["Issue id"] };
        let Some(id) = fields.get(row, id_fields).and_then(text::id) else {
            parsed.skipped.push(format!("line {}: no Issue key", row.line));
            continue;
        };
        if !seen.insert(id.clone()) {
            parsed.skipped.push(format!("line {}: {id} appears twice; the first row was kept", row.line));
            continue;
        }
        let title = fields.get(row, &["Summary"]).map(text::line).unwrap_or_default();
        if title.is_empty() {
            parsed.skipped.push(format!("line {}: {id} has no Summary", row.line));
            continue;
        }
        let type_name = fields.get(row, &["Issue Type"]).map(text::line).unwrap_or_default();
        let english = options.type_named(&type_name);
        let (level, kind) = issue_type(english).unwrap_or_else(|| {
            *unknown.entry(type_name.clone()).or_insert(0) += 1;
            (Level::Team, Kind::Story)
        });
        let status = fields.get(row, &["Status"]).map(text::line).filter(|s| !s.is_empty()).unwrap_or("To Do".into());
        let category = fields.get(row, &["Status Category"]).and_then(Category::from_label);
        parsed.categories.entry(status.clone()).or_insert_with(|| category.unwrap_or_else(|| Category::guess(&status)));
        let draft = draft(&fields, row, id, title, status, level, kind, team_field.as_deref(), &key_of_id);
        parsed.drafts.push(draft);
    }
    if !unknown.is_empty() {
        let mut names: Vec<String> = unknown.iter().map(|(n, c)| format!("\"{n}\" ({c})")).collect();
        names.sort();
        parsed.warnings.push(format!(
            "unknown issue types imported as team stories: {}; --type 'NAME=Epic' (or Feature, Story, Bug, …) says what they are",
            names.join(", ")
        ));
    }
    Ok(parsed)
}

#[allow(clippy::too_many_arguments)]
fn draft(
    fields: &Fields,
    row: &Row,
    id: String,
    title: String,
    status: String,
    level: Level,
    kind: Kind,
    team_field: Option<&str>,
    key_of_id: &HashMap<String, String>,
) -> Draft {
    let mut item = Item::new(id, title, status.clone());
    item.kind = Some(kind);
    let parent = fields.get(row, &["Parent key", "Parent", "Parent id", "Epic Link", "Parent Link"]);
    item.parent = parent.map(|p| key_of_id.get(p).cloned().unwrap_or_else(|| text::line(p)));
    item.description = fields.get(row, &["Description"]).and_then(text::block);
    item.points = fields.get(row, &["Story Points", "Story point estimate"]).and_then(text::points);
    item.owner = fields.get(row, &["Assignee"]).map(text::person).filter(|s| !s.is_empty());
    item.iteration = fields.all(row, "Sprint").last().map(text::line);
    let mut tags: Vec<String> = Vec::new();
    for label in fields.all(row, "Labels") {
        for tag in label.split_whitespace() {
            if !tags.iter().any(|t| t == tag) {
                tags.push(tag.to_string());
            }
        }
    }
    item.kind = Some(super::marks::read_mark(&mut tags, level, kind));
    item.tags = tags;
    item.blocked = fields.get(row, &["Flagged"]).map(text::line);
    item.depends_on = fields.all(row, "Inward issue link (Blocks)").map(text::line).collect();
    // Outward links are resolved in reverse when planning: the other issue depends on this one.
    let blocks: Vec<String> = fields.all(row, "Outward issue link (Blocks)").map(text::line).collect();
    let team = team_field.and_then(|f| fields.get(row, &[f])).map(text::line).filter(|t| !t.is_empty());
    let target = Target::place(level, team, &mut item);
    let mut history = Vec::new();
    if let Some(created) = fields.get(row, &["Created"]).and_then(dates::to_rfc3339) {
        history.push((created, None));
    }
    let arrived = fields.get(row, &["Status Category Changed"]).and_then(dates::to_rfc3339);
    let resolved = fields.get(row, &["Resolved"]).and_then(dates::to_rfc3339);
    if let Some(at) = arrived.or(resolved) {
        history.push((at, Some(status)));
    }
    let rank = fields.get(row, &["Rank"]).map(str::to_string);
    Draft { item, target, rank, history, blocks }
}
