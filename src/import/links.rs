//! Links of imported items resolved against every id the workspace will hold: a parent or
//! dependency that is nowhere becomes a `parent:ID` or `depends:ID` tag (never a dangling
//! link), and parent loops are cut so the hierarchy stays a tree.

use std::collections::{HashMap, HashSet};

use crate::model::Item;

use super::Draft;
use super::plan::{DEPENDS_TAG, PARENT_TAG, Plan};

/// A draft's item with links resolved against every known id.
pub fn resolve(draft: &Draft, known: &HashSet<&str>, extra: &HashMap<&str, Vec<&str>>, plan: &mut Plan) -> Item {
    let mut item = draft.item.clone();
    if let Some(parent) = item.parent.take() {
        if parent != item.id && known.contains(parent.as_str()) {
            plan.parents_linked += 1;
            item.parent = Some(parent);
        } else if parent != item.id {
            plan.parents_missing.push((item.id.clone(), parent.clone()));
            push_tag(&mut item.tags, format!("{PARENT_TAG}{parent}"));
        }
    }
    let mut depends: Vec<String> = Vec::new();
    let named =
        item.depends_on.iter().map(String::as_str).chain(extra.get(item.id.as_str()).into_iter().flatten().copied());
    for dep in named.collect::<Vec<_>>() {
        if dep == item.id || depends.iter().any(|d| d == dep) {
            continue;
        }
        if known.contains(dep) {
            depends.push(dep.to_string());
        } else {
            plan.depends_missing.push((item.id.clone(), dep.to_string()));
            push_tag(&mut item.tags, format!("{DEPENDS_TAG}{dep}"));
        }
    }
    item.depends_on = depends;
    item
}

/// Parent links of the import that would close a loop (A under B under A) are cut and kept
/// as a `parent:ID` tag, so the hierarchy stays a tree.
pub fn cut_cycles(items: &mut [Item], existing: &HashMap<String, String>, plan: &mut Plan) {
    let index: HashMap<String, usize> = items.iter().enumerate().map(|(n, i)| (i.id.clone(), n)).collect();
    let parent_of = |id: &str, items: &[Item]| -> Option<String> {
        match index.get(id) {
            Some(&n) => items[n].parent.clone(),
            None => existing.get(id).cloned(),
        }
    };
    let mut settled: HashSet<String> = HashSet::new();
    for start in 0..items.len() {
        let mut path: Vec<String> = Vec::new();
        let mut on_path: HashSet<String> = HashSet::new();
        let mut current = Some(items[start].id.clone());
        while let Some(id) = current {
            if settled.contains(&id) {
                break;
            }
            if !on_path.insert(id.clone()) {
                // `id` is reached again: cut the link into it from the last item of the path.
                if let Some(&n) = path.last().and_then(|last| index.get(last))
                    && let Some(parent) = items[n].parent.take()
                {
                    plan.parents_linked = plan.parents_linked.saturating_sub(1);
                    plan.parents_missing.push((items[n].id.clone(), format!("{parent} (a loop)")));
                    push_tag(&mut items[n].tags, format!("{PARENT_TAG}{parent}"));
                }
                break;
            }
            path.push(id.clone());
            current = parent_of(&id, items);
        }
        settled.extend(path);
    }
}

fn push_tag(tags: &mut Vec<String>, tag: String) {
    if !tags.contains(&tag) {
        tags.push(tag);
    }
}
