//! The summary printed after an import: items per board and level (created, updated,
//! unchanged), parents linked and missing, rows skipped and why, warnings and notes.

use super::plan::Plan;

/// At most this many skipped rows or missing links are listed one by one.
const LISTED: usize = 20;

pub fn text(plan: &Plan, dry_run: bool, messages: &[String]) -> String {
    let mut out = String::new();
    if dry_run {
        out.push_str("dry run: nothing was written; the import would do this:\n");
    }
    let (mut created, mut updated, mut unchanged) = (0, 0, 0);
    for c in &plan.counts {
        let level = c.level.map(|l| l.name()).unwrap_or("");
        let kinds: Vec<String> = c.kinds.iter().map(|(k, n)| format!("{n} {}", k.name())).collect();
        out.push_str(&format!(
            "{} ({level}, {}{}): {} created, {} updated, {} unchanged [{}]\n",
            c.name,
            c.key,
            if c.new_board { ", new board" } else { "" },
            c.created,
            c.updated,
            c.unchanged,
            kinds.join(", ")
        ));
        created += c.created;
        updated += c.updated;
        unchanged += c.unchanged;
    }
    let levels: Vec<String> = crate::model::Level::ALL
        .iter()
        .filter_map(|level| {
            let n: usize = plan
                .counts
                .iter()
                .filter(|c| c.level == Some(*level))
                .map(|c| c.created + c.updated + c.unchanged)
                .sum();
            (n > 0).then(|| format!("{} {n}", level.name()))
        })
        .collect();
    if !levels.is_empty() {
        out.push_str(&format!("by level: {}\n", levels.join(", ")));
    }
    out.push_str(&format!(
        "items: {created} created, {updated} updated, {unchanged} unchanged, {} row(s) skipped\n",
        plan.skipped.len()
    ));
    out.push_str(&format!("parents linked: {}\n", plan.parents_linked));
    if !plan.parents_missing.is_empty() {
        out.push_str(&format!("parents missing: {} (kept as a parent:ID tag)\n", plan.parents_missing.len()));
        for (id, parent) in plan.parents_missing.iter().take(LISTED) {
            out.push_str(&format!("  {id}: parent {parent} is not in the export or the workspace\n"));
        }
    }
    if !plan.depends_missing.is_empty() {
        out.push_str(&format!("dependencies missing: {} (kept as a depends:ID tag)\n", plan.depends_missing.len()));
    }
    if !plan.skipped.is_empty() {
        out.push_str("skipped:\n");
        for why in plan.skipped.iter().take(LISTED) {
            out.push_str(&format!("  {why}\n"));
        }
        if plan.skipped.len() > LISTED {
            out.push_str(&format!("  … and {} more\n", plan.skipped.len() - LISTED));
        }
    }
    for line in plan.warnings.iter().chain(&plan.notes).chain(messages) {
        out.push_str(&format!("note: {line}\n"));
    }
    if plan.writes.is_empty() && !dry_run {
        out.push_str("nothing changed: the workspace already holds this export\n");
    }
    out
}
