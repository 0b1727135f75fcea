//! Azure DevOps query results exported to CSV into drafts.
//!
//! Ids are `AB#` and the work item number (`AB#123`, as Azure Boards writes links to work
//! items), so they stay unique next to other ids and map back to the number on export. A row
//! without an ID (one trainboard exported) takes its id from a `trainboard:ID` tag. The
//! parent is the `Parent` column, or in a tree query the nearest row above with a `Title N`
//! one to the left.

use std::collections::{HashMap, HashSet};

use crate::model::{Item, Kind, Level, Wsjf};

use super::jira::missing_message;
use super::table::{Fields, Row, Table};
use super::{Category, Draft, ImportError, Options, Parsed, Target, dates, text};

/// The tag that carries a trainboard id through Azure DevOps.
pub const ID_TAG: &str = "trainboard:";

const LOCALISED: [(&str, &str); 8] = [
    ("Titre", "Title"),
    ("Type d'élément de travail", "Work Item Type"),
    ("État", "State"),
    ("Etat", "State"),
    ("Titel", "Title"),
    ("Arbeitselementtyp", "Work Item Type"),
    ("Zustand", "State"),
    ("Estado", "State"),
];

/// `AB#123` for work item 123.
pub fn id_of(number: &str) -> String {
    format!("AB#{}", number.trim())
}

/// The level and kind of an Azure DevOps work item type.
pub fn work_item_type(name: &str) -> Option<(Level, Kind)> {
    Some(match name.trim().to_lowercase().as_str() {
        "epic" => (Level::Portfolio, Kind::Epic),
        "feature" => (Level::Program, Kind::Feature),
        "capability" => (Level::Program, Kind::Capability),
        "user story" | "product backlog item" | "requirement" | "task" | "issue" | "impediment" => {
            (Level::Team, Kind::Story)
        }
        "bug" => (Level::Team, Kind::Defect),
        "risk" => (Level::Team, Kind::Risk),
        "spike" => (Level::Team, Kind::Spike),
        "enabler" => (Level::Team, Kind::Enabler),
        _ => return None,
    })
}

/// A text that sorts as the number does (for `Stack Rank` / `Backlog Priority`).
fn numeric_rank(text: &str) -> Option<String> {
    let value: f64 = text.trim().parse().ok()?;
    (value.is_finite() && value >= 0.0).then(|| format!("{value:030.8}"))
}

/// `Title 1`, `Title 2`, … present in the file, in depth order.
fn title_levels(fields: &Fields) -> Vec<String> {
    (1..=16).map(|n| format!("Title {n}")).take_while(|name| fields.has(name)).collect()
}

pub fn parse(table: &Table, options: &Options) -> Result<Parsed, ImportError> {
    if let Some((from, to)) = options.types.iter().find(|(_, to)| work_item_type(to).is_none()) {
        return Err(ImportError::Usage(format!(
            "--type '{from}={to}': \"{to}\" is not a work item type trainboard knows; use Epic, Feature, User Story, Product Backlog Item, Bug, Task, Issue or Risk"
        )));
    }
    let fields = Fields::new(&table.headers, &options.map);
    let tree = title_levels(&fields);
    let mut missing: Vec<&str> = ["ID", "Work Item Type", "State"].into_iter().filter(|n| !fields.has(n)).collect();
    if tree.is_empty() && !fields.has("Title") {
        missing.push("Title");
    }
    if !missing.is_empty() {
        return Err(ImportError::Missing(missing_message(table, &missing, "Azure DevOps", &LOCALISED)));
    }
    if let Some(name) = &options.team_field
        && !fields.has(name)
    {
        return Err(ImportError::Usage(format!("--team-field \"{name}\": the export has no such column")));
    }
    let mut parsed = Parsed { known_states: true, ..Parsed::default() };
    parsed.project = fields.first_in(table, &["Team Project", "Area Path", "Iteration Path"]);
    parsed.project = text::line(parsed.project.split(['\\', '/']).next().unwrap_or(""));
    parsed.carries = super::jira::carried(
        &fields,
        &[
            ("parent", &["Parent", "Title 2"]),
            ("description", &["Description", "Repro Steps"]),
            ("points", &["Story Points", "Effort", "Size"]),
            ("owner", &["Assigned To"]),
            ("iteration", &["Iteration Path"]),
            ("tags", &["Tags"]),
            ("wsjf", &["Business Value", "Time Criticality"]),
            ("team", &[options.team_field.as_deref().unwrap_or("Area Path")]),
        ],
    );
    let mut seen = HashSet::new();
    let mut unknown: HashMap<String, usize> = HashMap::new();
    // The last id seen at each depth of a tree query.
    let mut ancestors: Vec<Option<String>> = vec![None; tree.len()];
    for row in &table.rows {
        let (depth, title) = match tree.is_empty() {
            true => (0, fields.get(row, &["Title"]).map(text::line).unwrap_or_default()),
            false => tree
                .iter()
                .enumerate()
                .find_map(|(d, name)| fields.get(row, &[name.as_str()]).map(|t| (d, text::line(t))))
                .unwrap_or_default(),
        };
        let tags: Vec<String> =
            fields.all(row, "Tags").flat_map(|t| t.split(';')).map(text::line).filter(|t| !t.is_empty()).collect();
        let own_id = tags.iter().find_map(|t| t.strip_prefix(ID_TAG)).and_then(text::id);
        let number = fields.get(row, &["ID"]).and_then(text::id);
        let Some(id) = number.as_deref().map(id_of).or(own_id) else {
            parsed.skipped.push(format!("line {}: no ID", row.line));
            continue;
        };
        if !seen.insert(id.clone()) {
            parsed.skipped.push(format!("line {}: {id} appears twice; the first row was kept", row.line));
            continue;
        }
        // The tree links even rows that are skipped below, so their children are not misplaced.
        let tree_parent = (depth > 0).then(|| ancestors.get(depth - 1).cloned().flatten()).flatten();
        if !tree.is_empty() {
            ancestors[depth] = Some(id.clone());
            ancestors[depth + 1..].iter_mut().for_each(|a| *a = None);
        }
        if title.is_empty() {
            parsed.skipped.push(format!("line {}: {id} has no Title", row.line));
            continue;
        }
        let type_name = fields.get(row, &["Work Item Type"]).map(text::line).unwrap_or_default();
        let english = options.type_named(&type_name);
        let (level, mut kind) = work_item_type(english).unwrap_or_else(|| {
            *unknown.entry(type_name.clone()).or_insert(0) += 1;
            (Level::Team, Kind::Story)
        });
        if fields.get(row, &["Value Area"]).is_some_and(|v| v.eq_ignore_ascii_case("architectural")) {
            kind = Kind::Enabler;
        }
        let state = fields.get(row, &["State"]).map(text::line).filter(|s| !s.is_empty()).unwrap_or("New".into());
        let category = fields.get(row, &["State Category"]).and_then(Category::from_label);
        parsed.categories.entry(state.clone()).or_insert_with(|| category.unwrap_or_else(|| Category::guess(&state)));
        let mut item = Item::new(id, title, state.clone());
        item.kind = Some(kind);
        item.parent = fields.get(row, &["Parent"]).and_then(text::id).map(|p| id_of(&p)).or(tree_parent);
        let mut tags: Vec<String> = tags.into_iter().filter(|t| !t.starts_with(ID_TAG)).collect();
        if kind != Kind::Enabler {
            item.kind = Some(super::marks::read_mark(&mut tags, level, kind));
        }
        item.tags = tags;
        fill(&fields, row, &mut item);
        let team = match &options.team_field {
            Some(field) => fields.get(row, &[field.as_str()]).map(text::line),
            None => fields.get(row, &["Area Path"]).filter(|p| p.contains(['\\', '/'])).map(text::last_segment),
        }
        .filter(|t| !t.is_empty());
        let target = Target::place(level, team, &mut item);
        let mut history = Vec::new();
        if let Some(created) = fields.get(row, &["Created Date"]).and_then(dates::to_rfc3339) {
            history.push((created, None));
        }
        let arrived =
            fields.get(row, &["State Change Date", "Closed Date", "Activated Date"]).and_then(dates::to_rfc3339);
        if let Some(at) = arrived {
            history.push((at, Some(state)));
        }
        let rank = fields.get(row, &["Stack Rank", "Backlog Priority"]).and_then(numeric_rank);
        parsed.drafts.push(Draft { item, target, rank, history, blocks: Vec::new() });
    }
    if !unknown.is_empty() {
        let mut names: Vec<String> = unknown.iter().map(|(n, c)| format!("\"{n}\" ({c})")).collect();
        names.sort();
        parsed.warnings.push(format!(
            "unknown work item types imported as team stories: {}; --type 'NAME=User Story' (or Epic, Feature, Bug, …) says what they are",
            names.join(", ")
        ));
    }
    Ok(parsed)
}

/// The plain fields: owner, iteration, points, WSJF inputs, description.
fn fill(fields: &Fields, row: &Row, item: &mut Item) {
    item.owner = fields.get(row, &["Assigned To"]).map(text::person).filter(|s| !s.is_empty());
    item.iteration = fields
        .get(row, &["Iteration Path"])
        .filter(|p| p.contains(['\\', '/']))
        .map(text::last_segment)
        .filter(|s| !s.is_empty());
    item.points = fields.get(row, &["Story Points", "Effort", "Size"]).and_then(text::points);
    item.description = fields.get(row, &["Description", "Repro Steps"]).and_then(text::block);
    let value = fields.get(row, &["Business Value"]).and_then(text::points);
    let time = fields.get(row, &["Time Criticality"]).and_then(text::points);
    if value.is_some() || time.is_some() {
        item.wsjf = Some(Wsjf {
            value: value.unwrap_or(0),
            time_criticality: time.unwrap_or(0),
            risk_reduction: fields
                .get(row, &["Risk Reduction", "Risk Reduction Opportunity Enablement"])
                .and_then(text::points)
                .unwrap_or(0),
            job_size: fields.get(row, &["Job Size"]).and_then(text::points).or(item.points).unwrap_or(1),
        });
    }
}
