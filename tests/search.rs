//! Search as a person uses it: `/`, type, read which field matched, Enter jumps; on a huge
//! workspace the screen answers each key at once and the hits fill in on the next ticks.

mod support;

use support::keys_in::press;
use support::screen::{draw, text};
use trainboard::app::{App, Mode, Msg, dialogs, update};
use trainboard::generate::workspace_boards;
use trainboard::model::Workspace;
use trainboard::model::search::Search;

fn demo_app() -> App {
    let dir = tempfile::tempdir().unwrap();
    trainboard::demo::ensure_demo_in(dir.path()).unwrap();
    let opened = trainboard::storage::open_tolerant::open_workspace(dir.path()).unwrap();
    let mut app = App::new(opened.ws, "test");
    update(&mut app, Msg::Resize(120, 40));
    app
}

#[test]
fn a_hit_in_another_field_says_which_field_and_shows_it() {
    let mut app = demo_app();
    // A word of some acceptance criterion or description of the demo, not of a title.
    let (id, criterion) = app
        .ws()
        .boards()
        .iter()
        .flat_map(|b| &b.items)
        .find_map(|i| i.acceptance.first().map(|c| (i.id.clone(), c.text.clone())))
        .expect("the demo has acceptance criteria");
    let word = criterion
        .split_whitespace()
        .filter(|w| w.len() > 5 && w.chars().all(char::is_alphabetic))
        .find(|w| {
            let w = w.to_lowercase();
            app.ws().boards().iter().flat_map(|b| &b.items).all(|i| !i.title.to_lowercase().contains(&w))
        })
        .expect("a word found in no title")
        .to_string();
    press(&mut app, &format!("/{word}"));
    let screen = text(&draw(&app));
    assert!(screen.contains("acceptance criterion:") || screen.contains("description:"), "{screen}");
    let Mode::Search(search) = &app.mode() else { panic!("the search is open") };
    assert!(search.hits.iter().any(|h| h.id == id), "{:?}", search.hits);
    press(&mut app, "\n");
    assert_eq!(*app.mode(), Mode::Board);
}

#[test]
fn on_a_huge_workspace_keys_answer_at_once_and_ticks_complete_the_same_hits() {
    let ws = Workspace::new(workspace_boards(60_000));
    let mut full = Search::default();
    let expected: Vec<String> = full.run(&ws, "lo", 200).into_iter().map(|h| h.id).collect();
    let mut app = App::new(ws, "test");
    update(&mut app, Msg::Resize(120, 40));
    press(&mut app, "/l");
    // However much one step took, ticks finish it, and the result is the whole search's.
    press(&mut app, "o");
    let mut ticks = 0;
    while dialogs::work_pending(&app) {
        update(&mut app, Msg::Tick);
        ticks += 1;
        assert!(ticks < 10_000, "the search finishes");
    }
    let Mode::Search(search) = &app.mode() else { panic!("the search is open") };
    let got: Vec<String> = search.hits.iter().map(|h| h.id.clone()).collect();
    assert_eq!(got, expected);
    assert!(text(&draw(&app)).contains("matches, the best 200 listed"));
}
