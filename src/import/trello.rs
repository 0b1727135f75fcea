//! A Trello board's JSON export into drafts for one team board.
//!
//! Lists become columns in `pos` order, cards items in `pos` order; archived (`closed`) lists
//! and cards are skipped unless `--archived`. Ids are `TR-` and the card's short link (unique
//! across Trello). Labels become tags (the name, else the colour), checklists acceptance
//! criteria, the first member the owner, `due` a `due:YYYY-MM-DD` tag. `createCard` and list
//! moves in `actions` become history; Trello exports at most 1,000 actions, so it is partial.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::model::{Criterion, Item, Kind};

use super::{Category, Draft, ImportError, Options, Parsed, Target, dates, text};

fn str_of<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

fn closed(value: &Value) -> bool {
    value.get("closed").and_then(Value::as_bool).unwrap_or(false)
}

fn pos(value: &Value) -> f64 {
    match value.get("pos") {
        Some(Value::Number(n)) => n.as_f64().unwrap_or(0.0),
        Some(Value::String(s)) => s.parse().unwrap_or(0.0),
        _ => 0.0,
    }
}

fn array<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

/// Sorted by `pos`, ties kept in file order.
fn by_pos(values: &[Value]) -> Vec<&Value> {
    let mut sorted: Vec<&Value> = values.iter().collect();
    sorted.sort_by(|a, b| pos(a).total_cmp(&pos(b)));
    sorted
}

/// A rank text that sorts as the position number does.
fn rank_text(column: usize, position: usize) -> String {
    format!("{column:08}.{position:010}")
}

pub fn parse(bytes: &[u8], options: &Options) -> Result<Parsed, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let board: Value = serde_json::from_slice(bytes)
        .map_err(|e| ImportError::Format(format!("this is not a Trello board export (JSON): {e}")))?;
    if !board.is_object() || board.get("lists").is_none() || board.get("cards").is_none() {
        return Err(ImportError::Missing(
            "this JSON has no \"lists\" and \"cards\"; export the board from Trello with Menu → Print, export and share → Export as JSON".into(),
        ));
    }
    let mut parsed = Parsed {
        project: text::line(str_of(&board, "name")),
        carries: ["description", "owner", "tags", "acceptance"].into_iter().collect(),
        ..Parsed::default()
    };
    let team = parsed.project.clone();
    // Columns: list id → unique column name.
    let mut column_of: HashMap<&str, String> = HashMap::new();
    let mut order = Vec::new();
    let mut archived_lists = Vec::new();
    let mut names = HashSet::new();
    for list in by_pos(array(&board, "lists")) {
        if closed(list) && !options.archived {
            continue;
        }
        let into = if closed(list) { &mut archived_lists } else { &mut order };
        let base = match text::line(str_of(list, "name")) {
            name if name.is_empty() => "Untitled list".to_string(),
            name => name,
        };
        let mut name = base.clone();
        let mut n = 2;
        while !names.insert(name.clone()) {
            name = format!("{base} ({n})");
            n += 1;
        }
        column_of.insert(str_of(list, "id"), name.clone());
        into.push(name);
    }
    // Archived lists (with --archived) go before the last open list, which stays the done column.
    let at = order.len().saturating_sub(1);
    order.splice(at..at, archived_lists);
    if let Some(last) = order.last() {
        parsed.categories.insert(last.clone(), Category::Done);
    }
    let labels: HashMap<&str, String> = array(&board, "labels")
        .iter()
        .map(|l| {
            let name = text::line(str_of(l, "name"));
            (str_of(l, "id"), if name.is_empty() { text::line(str_of(l, "color")) } else { name })
        })
        .collect();
    let members: HashMap<&str, String> = array(&board, "members")
        .iter()
        .map(|m| {
            let name = text::line(str_of(m, "fullName"));
            (str_of(m, "id"), if name.is_empty() { text::line(str_of(m, "username")) } else { name })
        })
        .collect();
    let mut checklists: HashMap<&str, Vec<&Value>> = HashMap::new();
    for checklist in by_pos(array(&board, "checklists")) {
        checklists.entry(str_of(checklist, "idCard")).or_default().push(checklist);
    }
    let history = history_of(&board, &column_of);
    let mut archived = 0;
    let mut seen = HashSet::new();
    let column_rank: HashMap<&str, usize> = order.iter().enumerate().map(|(i, n)| (n.as_str(), i)).collect();
    for (position, card) in by_pos(array(&board, "cards")).into_iter().enumerate() {
        let card_name = text::line(str_of(card, "name"));
        let Some(column) = column_of.get(str_of(card, "idList")) else {
            archived += 1;
            continue;
        };
        if closed(card) && !options.archived {
            archived += 1;
            continue;
        }
        let link = [str_of(card, "shortLink"), str_of(card, "id")].into_iter().find(|s| !s.trim().is_empty());
        let Some(id) = link.and_then(text::id).map(|l| format!("TR-{l}")) else {
            parsed.skipped.push(format!("card \"{card_name}\": no id"));
            continue;
        };
        if !seen.insert(id.clone()) {
            parsed.skipped.push(format!("card {id}: appears twice; the first was kept"));
            continue;
        }
        if card_name.is_empty() {
            parsed.skipped.push(format!("card {id}: no name"));
            continue;
        }
        let mut item = Item::new(id, card_name, column.clone());
        item.kind = Some(Kind::Story);
        item.description = text::block(str_of(card, "desc"));
        item.owner = array(card, "idMembers").iter().filter_map(Value::as_str).find_map(|m| members.get(m).cloned());
        // The board's labels by id, else the labels the card carries itself.
        let own: HashMap<&str, &Value> = array(card, "labels").iter().map(|l| (str_of(l, "id"), l)).collect();
        let mut ids: Vec<&str> = array(card, "idLabels").iter().filter_map(Value::as_str).collect();
        let carried: Vec<&str> = array(card, "labels").iter().map(|l| str_of(l, "id")).collect();
        ids.extend(carried.into_iter().filter(|id| !ids.contains(id)).collect::<Vec<_>>());
        for label in ids {
            let tag = labels.get(label).cloned().or_else(|| {
                own.get(label).map(|l| match text::line(str_of(l, "name")) {
                    name if name.is_empty() => text::line(str_of(l, "color")),
                    name => name,
                })
            });
            if let Some(tag) = tag.filter(|t| !t.is_empty())
                && !item.tags.contains(&tag)
            {
                item.tags.push(tag);
            }
        }
        if let Some(due) = dates::to_rfc3339(str_of(card, "due")) {
            item.tags.push(format!("due:{}", &due[..10]));
        }
        for checklist in checklists.get(str_of(card, "id")).map(Vec::as_slice).unwrap_or(&[]) {
            for check in by_pos(array(checklist, "checkItems")) {
                let text = text::line(str_of(check, "name"));
                if !text.is_empty() {
                    item.acceptance.push(Criterion { text, done: str_of(check, "state") == "complete" });
                }
            }
        }
        let card_history = history.get(str_of(card, "id")).cloned().unwrap_or_default();
        let rank = Some(rank_text(column_rank.get(column.as_str()).copied().unwrap_or(0), position));
        parsed.drafts.push(Draft {
            item,
            target: Target::Team(team.clone()),
            rank,
            history: card_history,
            blocks: Vec::new(),
        });
    }
    parsed.column_order = Some(order);
    if archived > 0 {
        parsed.notes.push(format!("{archived} archived card(s) not imported (--archived imports them)"));
    }
    parsed.notes.push(
        "Trello exports hold at most 1,000 actions: card history is partial; due dates are kept as due:YYYY-MM-DD tags"
            .into(),
    );
    Ok(parsed)
}

/// Card id → its moves, oldest first: `createCard` (into its list) and list changes.
fn history_of(board: &Value, column_of: &HashMap<&str, String>) -> HashMap<String, Vec<(String, Option<String>)>> {
    let mut moves: Vec<(String, String, String)> = Vec::new();
    for action in array(board, "actions") {
        let data = action.get("data").unwrap_or(&Value::Null);
        let card = data.get("card").map(|c| str_of(c, "id")).unwrap_or("");
        let list = match str_of(action, "type") {
            "createCard" => data.get("list"),
            "updateCard" if data.get("listBefore").is_some() => data.get("listAfter"),
            _ => None,
        };
        let (Some(list), Some(at)) = (list, dates::to_rfc3339(str_of(action, "date"))) else { continue };
        if let Some(column) = column_of.get(str_of(list, "id")) {
            moves.push((card.to_string(), at, column.clone()));
        }
    }
    moves.sort_by(|a, b| a.1.cmp(&b.1));
    let mut by_card: HashMap<String, Vec<(String, Option<String>)>> = HashMap::new();
    for (card, at, column) in moves {
        by_card.entry(card).or_default().push((at, Some(column)));
    }
    by_card
}
