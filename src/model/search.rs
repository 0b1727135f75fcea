//! Search across the workspace: every word of the query must match some field of an item (id,
//! title, description, tags, owner, team, acceptance criteria), ignoring case: fuzzily in the
//! short fields as editors' pickers do, as written in descriptions and criteria; items rank by how well they match, ids and titles weighing most, and
//! each hit says which field matched and shows it. Typing on refines the last results instead
//! of searching everything again, which keeps a keystroke fast on 100,000 items.

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::item::Item;
use super::workspace::Workspace;

/// The field of an item a hit was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matched {
    Id,
    Title,
    Description,
    Tag,
    Owner,
    Team,
    Criterion,
}

impl Matched {
    pub fn name(self) -> &'static str {
        match self {
            Matched::Id => "id",
            Matched::Title => "title",
            Matched::Description => "description",
            Matched::Tag => "tag",
            Matched::Owner => "owner",
            Matched::Team => "team",
            Matched::Criterion => "acceptance criterion",
        }
    }

    /// Ids and titles are what people mostly look for.
    fn weight(self) -> u32 {
        match self {
            Matched::Id | Matched::Title => 3,
            Matched::Tag | Matched::Owner | Matched::Team => 2,
            Matched::Description | Matched::Criterion => 1,
        }
    }
}

/// One item found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub id: String,
    /// The field the best-matching word was found in, and that field's text (for a
    /// description, the line it was found on).
    pub field: Matched,
    pub text: String,
    pub score: u32,
}

/// A search kept between keystrokes: the query, the items still to look at, and the ones found.
/// It runs in steps of a time budget, so a keystroke on a huge workspace answers at once and
/// the hits fill in over the next few steps (as editors' pickers do).
#[derive(Default)]
pub struct Search {
    /// One per thread a step runs on.
    matchers: Vec<Matcher>,
    query: String,
    words: Option<Words>,
    /// The workspace revision the positions below belong to.
    revision: Option<u64>,
    /// (board, item) positions still to look at, from `next` on.
    candidates: Vec<(u32, u32)>,
    next: usize,
    /// The items found so far.
    found: Vec<Scored>,
}

impl std::fmt::Debug for Search {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Search({:?}, {} matched, {} to look at)", self.query, self.found.len(), self.left())
    }
}

impl Clone for Search {
    /// A copy starts afresh (the matcher's scratch space is not worth copying).
    fn clone(&self) -> Search {
        Search::default()
    }
}

impl PartialEq for Search {
    /// A cache: two searches are the same whatever they remember.
    fn eq(&self, _: &Search) -> bool {
        true
    }
}

impl Eq for Search {}

/// Items looked at between two checks of the clock.
const BLOCK: usize = 2048;

impl Search {
    /// The best `limit` hits for `query`, searching to the end.
    pub fn run(&mut self, ws: &Workspace, query: &str, limit: usize) -> Vec<Hit> {
        self.start(ws, query);
        while self.step(ws, std::time::Duration::MAX) {}
        self.hits(ws, limit)
    }

    /// Starts searching for `query`. A longer query looks only at what its start matched
    /// (and at what it had not looked at yet), while the workspace stayed the same; not so
    /// after a negated word (`!fina` lets through more than `!fin`).
    pub fn start(&mut self, ws: &Workspace, query: &str) {
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let refine = self.revision == Some(ws.revision())
            && !self.query.is_empty()
            && !query.contains('!')
            && query.starts_with(self.query.as_str())
            && !self.query.ends_with('\\');
        let candidates: Vec<(u32, u32)> = if pattern.atoms.is_empty() {
            Vec::new()
        } else if refine {
            let found = self.found.iter().map(|s| (s.board, s.item));
            found.chain(self.candidates[self.next..].iter().copied()).collect()
        } else {
            let boards = ws.boards().iter().enumerate();
            boards.flat_map(|(b, board)| (0..board.items.len()).map(move |i| (b as u32, i as u32))).collect()
        };
        self.candidates = candidates;
        self.next = 0;
        self.found.clear();
        self.words = (!pattern.atoms.is_empty()).then(|| Words::new(&pattern.atoms));
        self.query = query.to_string();
        self.revision = Some(ws.revision());
    }

    /// Looks at more items for about `budget`; true while some are left. A workspace changed
    /// since the start is searched again from the beginning.
    pub fn step(&mut self, ws: &Workspace, budget: std::time::Duration) -> bool {
        if self.revision != Some(ws.revision()) {
            let query = std::mem::take(&mut self.query);
            self.revision = None;
            self.start(ws, &query);
        }
        let Some(words) = &self.words else { return false };
        let started = std::time::Instant::now();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
        while self.matchers.len() < threads {
            self.matchers.push(Matcher::new(Config::DEFAULT));
        }
        let exact = self.query.trim();
        while self.next < self.candidates.len() {
            let end = (self.next + BLOCK * threads).min(self.candidates.len());
            let block = &self.candidates[self.next..end];
            let chunk = block.len().div_ceil(threads).max(1);
            let found: Vec<Scored> = std::thread::scope(|scope| {
                let workers: Vec<_> = block
                    .chunks(chunk)
                    .zip(self.matchers.iter_mut())
                    .map(|(part, matcher)| scope.spawn(move || score_all(ws, words, part, exact, matcher)))
                    .collect();
                workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
            });
            self.found.extend(found);
            self.next = end;
            if started.elapsed() >= budget {
                break;
            }
        }
        self.next < self.candidates.len()
    }

    /// True when the search was made on the workspace at `revision`.
    pub fn revision_is(&self, revision: u64) -> bool {
        self.revision == Some(revision)
    }

    /// True while items are left to look at.
    pub fn pending(&self) -> bool {
        self.next < self.candidates.len()
    }

    /// How many items matched so far.
    pub fn found(&self) -> usize {
        self.found.len()
    }

    /// How many items are left to look at.
    pub fn left(&self) -> usize {
        self.candidates.len() - self.next
    }

    /// The best `limit` hits found so far: an item whose id is the query comes first, then
    /// by score, then in board and item order.
    pub fn hits(&mut self, ws: &Workspace, limit: usize) -> Vec<Hit> {
        let Some(words) = &self.words else { return Vec::new() };
        let order = |a: &Scored, b: &Scored| {
            b.exact.cmp(&a.exact).then(b.score.cmp(&a.score)).then((a.board, a.item).cmp(&(b.board, b.item)))
        };
        let mut best: Vec<&Scored> = self.found.iter().collect();
        if best.len() > limit && limit > 0 {
            best.select_nth_unstable_by(limit - 1, |a, b| order(a, b));
        }
        best.truncate(limit);
        best.sort_unstable_by(|a, b| order(a, b));
        let Some(matcher) = self.matchers.first_mut() else { return Vec::new() };
        let mut buf = Vec::new();
        best.into_iter()
            .filter_map(|s| {
                let item = ws.board(s.board as usize)?.items.get(s.item as usize)?;
                let text = field_text(words, item, s.field, matcher, &mut buf);
                Some(Hit { id: item.id.clone(), field: s.field, text, score: s.score })
            })
            .collect()
    }
}

/// An item that matched, with how well.
struct Scored {
    exact: bool,
    score: u32,
    board: u32,
    item: u32,
    field: Matched,
}

/// Scores the items at `part` (board, item); the ones that match.
fn score_all(ws: &Workspace, words: &Words, part: &[(u32, u32)], exact: &str, matcher: &mut Matcher) -> Vec<Scored> {
    let mut buf = Vec::new();
    let mut scored = Vec::new();
    for &(board, i) in part {
        let Some(item) = ws.board(board as usize).and_then(|b| b.items.get(i as usize)) else { continue };
        if let Some((score, field)) = score_item(words, item, matcher, &mut buf) {
            let exact = item.id.eq_ignore_ascii_case(exact);
            scored.push(Scored { exact, score, board, item: i, field });
        }
    }
    scored
}

/// The fields of an item, each with what it is.
fn fields(item: &Item) -> impl Iterator<Item = (Matched, &str)> {
    fn one(field: Matched, text: &Option<String>) -> Option<(Matched, &str)> {
        text.as_deref().map(|t| (field, t))
    }
    // The short fields first, the long ones (description, criteria) last.
    [(Matched::Id, item.id.as_str()), (Matched::Title, item.title.as_str())]
        .into_iter()
        .chain(item.tags.iter().map(|t| (Matched::Tag, t.as_str())))
        .chain(one(Matched::Owner, &item.owner))
        .chain(one(Matched::Team, &item.team))
        .chain(one(Matched::Description, &item.description))
        .chain(item.acceptance.iter().map(|c| (Matched::Criterion, c.text.as_str())))
}

/// The words of a query twice: fuzzy for the short fields, and as plain substrings for the long
/// ones (scattered letters across a paragraph match nearly anything, and slowly).
struct Words {
    fuzzy: Vec<Atom>,
    literal: Vec<Atom>,
}

impl Words {
    fn new(atoms: &[Atom]) -> Words {
        let literal = atoms
            .iter()
            .map(|atom| {
                let mut atom = atom.clone();
                if atom.kind == AtomKind::Fuzzy {
                    atom.kind = AtomKind::Substring;
                }
                atom
            })
            .collect();
        Words { fuzzy: atoms.to_vec(), literal }
    }

    fn for_field(&self, n: usize, field: Matched) -> &Atom {
        match field {
            Matched::Description | Matched::Criterion => &self.literal[n],
            _ => &self.fuzzy[n],
        }
    }
}

/// The item's score when every word matches some field (each word in its best field), and
/// the field of the best-scoring word.
fn score_item(words: &Words, item: &Item, matcher: &mut Matcher, buf: &mut Vec<char>) -> Option<(u32, Matched)> {
    let mut total = 0;
    let mut best: Option<(u32, Matched)> = None;
    for (n, atom) in words.fuzzy.iter().enumerate() {
        if atom.negative {
            // `!word`: no field may have it; it adds nothing to the score.
            let has = |(field, text): (Matched, &str)| {
                words.for_field(n, field).score(Utf32Str::new(text, buf), matcher).is_none()
            };
            if fields(item).any(has) {
                return None;
            }
            continue;
        }
        // A word found in a short field is not looked for in the long ones: those weigh least,
        // and reading every description for every word is what makes a search slow.
        let mut atom_best: Option<(u32, Matched)> = None;
        for (field, text) in fields(item) {
            if atom_best.is_some() && matches!(field, Matched::Description | Matched::Criterion) {
                break;
            }
            let Some(score) = words.for_field(n, field).score(Utf32Str::new(text, buf), matcher) else { continue };
            let weighted = score as u32 * field.weight();
            if atom_best.is_none_or(|(s, _)| weighted > s) {
                atom_best = Some((weighted, field));
            }
        }
        let (score, field) = atom_best?;
        total += score;
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, field));
        }
    }
    // Only negated words: every item without them matches, as found by its title.
    Some(best.map_or((total, Matched::Title), |(_, field)| (total, field)))
}

/// The text of `field` where the query matched it: the first such tag, criterion or
/// description line.
fn field_text(words: &Words, item: &Item, field: Matched, matcher: &mut Matcher, buf: &mut Vec<char>) -> String {
    let matches = |text: &str, matcher: &mut Matcher, buf: &mut Vec<char>| {
        (0..words.fuzzy.len()).any(|n| {
            let atom = words.for_field(n, field);
            !atom.negative && atom.score(Utf32Str::new(text, buf), matcher).is_some()
        })
    };
    for (f, text) in fields(item).filter(|(f, _)| *f == field) {
        if f == Matched::Description {
            if let Some(line) = text.lines().find(|line| matches(line, matcher, buf)) {
                return line.trim().to_string();
            }
            return text.lines().next().unwrap_or("").trim().to_string();
        }
        if matches(text, matcher, buf) {
            return text.to_string();
        }
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Board, Column, Criterion, Level};

    fn workspace() -> Workspace {
        let mut board = Board::new("team.ron", "Alpha", Level::Team, vec![Column::new("Doing", None)]);
        let mut login = Item::new("S-1", "Login screen", "Doing");
        login.description = Some("First line\n  The password reset link expires".into());
        login.owner = Some("Priya".into());
        let mut export = Item::new("S-2", "Export the report", "Doing");
        export.tags = vec!["finance".into()];
        export.acceptance = vec![Criterion { text: "Totals match the ledger".into(), done: false }];
        let mut exact = Item::new("PASS", "Unrelated", "Doing");
        exact.team = Some("Beta".into());
        board.items = vec![login, export, exact];
        board.reindex();
        Workspace::new(vec![board])
    }

    fn found(search: &mut Search, ws: &Workspace, query: &str) -> Vec<(String, Matched, String)> {
        search.run(ws, query, 50).into_iter().map(|h| (h.id, h.field, h.text)).collect()
    }

    #[test]
    fn finds_every_field_and_says_which() {
        let ws = workspace();
        let mut search = Search::default();
        assert_eq!(
            found(&mut search, &ws, "ledger"),
            [("S-2".into(), Matched::Criterion, "Totals match the ledger".into())]
        );
        assert_eq!(found(&mut search, &ws, "finance"), [("S-2".into(), Matched::Tag, "finance".into())]);
        assert_eq!(found(&mut search, &ws, "priya"), [("S-1".into(), Matched::Owner, "Priya".into())]);
        // The description line it was found on, without its indentation.
        assert_eq!(
            found(&mut search, &ws, "expires"),
            [("S-1".into(), Matched::Description, "The password reset link expires".into())]
        );
        assert_eq!(found(&mut search, &ws, "beta")[0].1, Matched::Team);
        // An owner named as typed beats letters scattered through the title.
        let mut scattered = workspace();
        let mut item = Item::new("S-9", "Tokenised payment gateway", "Doing");
        item.owner = Some("Kim".into());
        scattered.apply(crate::model::Op::Insert { board: "team.ron".into(), pos: 0, item }).unwrap();
        let hits = found(&mut search, &scattered, "kim");
        assert_eq!((hits[0].0.as_str(), hits[0].1), ("S-9", Matched::Owner), "{hits:?}");
        assert!(found(&mut search, &ws, "zebra").is_empty());
    }

    #[test]
    fn fuzzy_words_may_match_different_fields_and_an_exact_id_comes_first() {
        let ws = workspace();
        let mut search = Search::default();
        // "lgn scr" is fuzzy for "Login screen"; "login priya" spans title and owner.
        assert_eq!(found(&mut search, &ws, "lgn scr")[0].0, "S-1");
        assert_eq!(found(&mut search, &ws, "login priya")[0].0, "S-1");
        // "pass" fuzzily matches S-1's description, but the item whose id it is ranks first.
        let hits = found(&mut search, &ws, "pass");
        assert_eq!(hits[0].0, "PASS");
        assert!(hits.iter().any(|h| h.0 == "S-1"));
        // A negated word drops the items that have it anywhere.
        let ids: Vec<String> = found(&mut search, &ws, "!finance").into_iter().map(|h| h.0).collect();
        assert_eq!(ids, ["S-1", "PASS"]);
        // Typing on after a negated word lets more through, not fewer.
        found(&mut search, &ws, "!rep");
        let ids: Vec<String> = found(&mut search, &ws, "!repx").into_iter().map(|h| h.0).collect();
        assert_eq!(ids.len(), 3, "{ids:?}");
    }

    #[test]
    fn typing_on_refines_and_a_changed_workspace_searches_afresh() {
        let mut ws = workspace();
        let mut search = Search::default();
        assert_eq!(found(&mut search, &ws, "e").len(), 3);
        assert_eq!(found(&mut search, &ws, "ex").len(), 2);
        assert_eq!(found(&mut search, &ws, "exp")[0].0, "S-2");
        // Deleting a character searches everything again.
        assert_eq!(found(&mut search, &ws, "e").len(), 3);
        // An item added since is found even while refining.
        found(&mut search, &ws, "rep");
        let added = Item::new("S-3", "Repair the exporter", "Doing");
        ws.apply(crate::model::Op::Insert { board: "team.ron".into(), pos: 3, item: added }).unwrap();
        let ids: Vec<String> = found(&mut search, &ws, "repa").into_iter().map(|h| h.0).collect();
        assert!(ids.contains(&"S-3".to_string()), "{ids:?}");
    }
}
