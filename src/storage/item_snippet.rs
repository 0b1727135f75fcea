//! One item as a RON snippet, for editing in `$EDITOR`, and back.

use crate::model::{Board, Item};

use super::canonical::write_item;
use super::parse::{ParseError, from_ron};

/// The item in the board file's own layout, under a comment that says how to use it.
pub fn item_to_snippet(board: &Board, item: &Item) -> String {
    let mut out = format!(
        "// Item {} on board \"{}\". Change any field, save and quit to apply; fields left out\n\
         // are listed commented out at the end. The id cannot change. Columns: {}.\n",
        item.id,
        board.name,
        board.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ")
    );
    let mut body = String::new();
    write_item(&mut body, board, item, 0);
    let body = body.trim_end().trim_end_matches(',');
    // Every field the item leaves out, commented out, just before the closing `)`: remove the
    // `//` and fill it in.
    let (fields, close) = body.rsplit_once('\n').unwrap_or((body, ""));
    out.push_str(fields);
    out.push('\n');
    for (name, example, what) in missing_fields(board, item) {
        out.push_str(&format!("    // {name}: {example}, // {what}\n"));
    }
    out.push_str(close);
    out.push('\n');
    out
}

/// The optional fields `item` does not have, each with an example value and what it takes.
fn missing_fields(board: &Board, item: &Item) -> Vec<(&'static str, String, String)> {
    let kinds: Vec<&str> = crate::model::Kind::ALL.iter().map(|k| k.name()).collect();
    let iterations = if board.iterations.is_empty() {
        "the iteration's name, e.g. \"I3\"".to_string()
    } else {
        format!("one of {}", board.iterations.join(", "))
    };
    let all = [
        (
            item.kind.is_none(),
            "kind",
            board.level.default_kind().name().to_string(),
            format!("one of {}", kinds.join(", ")),
        ),
        (item.parent.is_none(), "parent", "\"F-1\"".into(), "the id of the epic or feature this was split from".into()),
        (
            item.description.is_none(),
            "description",
            "\"What and why\"".into(),
            "free text; \\n starts a new line".into(),
        ),
        (
            item.acceptance.is_empty(),
            "acceptance",
            "[(text: \"Works on small phones\", done: false)]".into(),
            "acceptance criteria".into(),
        ),
        (item.points.is_none(), "points", "3".into(), "story points, a whole number".into()),
        (
            item.wsjf.is_none(),
            "wsjf",
            "(value: 5, time_criticality: 3, risk_reduction: 2, job_size: 3)".into(),
            "WSJF inputs, whole numbers".into(),
        ),
        (item.owner.is_none(), "owner", "\"Kim\"".into(), "who owns it".into()),
        (item.team.is_none(), "team", "\"Alpha\"".into(), "the team that builds it".into()),
        (item.iteration.is_none(), "iteration", "\"I3\"".into(), iterations),
        (item.tags.is_empty(), "tags", "[\"mobile\"]".into(), "free labels".into()),
        (
            item.blocked.is_none(),
            "blocked",
            "\"Waiting for the API\"".into(),
            "why it is blocked; remove to unblock".into(),
        ),
        (item.depends_on.is_empty(), "depends_on", "[\"S-12\"]".into(), "ids of items this one needs first".into()),
    ];
    all.into_iter().filter(|(missing, ..)| *missing).map(|(_, name, example, what)| (name, example, what)).collect()
}

/// Parses an edited snippet back into an item; the kind defaults by the board's level.
pub fn parse_item_snippet(text: &str, board: &Board) -> Result<Item, ParseError> {
    let mut item: Item = from_ron(text)?;
    if item.kind == Some(board.level.default_kind()) {
        item.kind = None;
    }
    Ok(item)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, Level};

    fn board() -> Board {
        let mut board = Board::new("t.ron", "Alpha", Level::Team, vec![Column::new("Backlog", None)]);
        board.iterations = vec!["I1".into(), "I2".into()];
        board
    }

    #[test]
    fn every_missing_field_is_offered_commented_out_and_the_text_reads_back() {
        let board = board();
        let item = Item::new("S-1", "A story", "Backlog");
        let text = item_to_snippet(&board, &item);
        for field in [
            "kind",
            "parent",
            "description",
            "acceptance",
            "points",
            "wsjf",
            "owner",
            "team",
            "iteration",
            "tags",
            "blocked",
            "depends_on",
        ] {
            assert!(text.contains(&format!("    // {field}: ")), "{field} offered:\n{text}");
        }
        assert!(text.contains("one of I1, I2"));
        assert_eq!(parse_item_snippet(&text, &board).unwrap(), item, "comments change nothing");
        let filled = text
            .replace("    // points: 3,", "    points: 3,")
            .replace("    // owner: \"Kim\",", "    owner: \"Kim\",");
        let edited = parse_item_snippet(&filled, &board).unwrap();
        assert_eq!((edited.points, edited.owner.as_deref()), (Some(3), Some("Kim")));
    }

    #[test]
    fn fields_the_item_has_are_not_offered_again() {
        let board = board();
        let mut item = Item::new("S-1", "A story", "Backlog");
        item.points = Some(5);
        let text = item_to_snippet(&board, &item);
        assert!(!text.contains("// points:"));
        assert!(text.contains("points: 5"));
    }
}
