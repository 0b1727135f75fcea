//! The program board as the planning surface: choose a feature, move it across iterations
//! (H/L) and teams (J/K) as undoable edits, and read its dependencies in words under the grid.

mod support;

use support::keys_in::press;
use support::screen::{demo_app, draw, text};

fn demo() -> App {
    demo_app(140, 40)
}
use trainboard::app::{App, Effect, Mode, Msg, update};

fn feature(app: &App, id: &str) -> (Option<String>, Option<String>) {
    let item = app.ws().item(id).expect("the feature exists");
    (item.team.clone(), item.iteration.clone())
}

#[test]
fn moving_a_feature_across_iterations_and_teams_then_undoing() {
    let mut app = demo();
    press(&mut app, "2");
    assert!(app.select_item("F-4"));
    press(&mut app, "b");
    assert_eq!(*app.mode(), Mode::ProgramBoard);
    let before = feature(&app, "F-4");
    assert_eq!(before, (Some("Beta".into()), Some("I3".into())));
    let screen = text(&draw(&app));
    assert!(
        screen.contains("▶ F-4") && screen.contains("needs F-2 One-click checkout (Alpha, I4, 1 story): planned later"),
        "{screen}"
    );

    // L: one iteration later, saved as an edit; the dependency is no longer late.
    let effects = update(&mut app, Msg::Key(key('L')));
    assert!(effects.iter().any(|e| matches!(e, Effect::Save(_))), "the move is saved");
    assert_eq!(feature(&app, "F-4"), (Some("Beta".into()), Some("I4".into())));
    let screen = text(&draw(&app));
    assert!(
        screen.contains("needs F-2 One-click checkout (Alpha, I4, 1 story): same iteration")
            && !screen.contains("planned later"),
        "{screen}"
    );
    // K: the team above.
    press(&mut app, "K");
    assert_eq!(feature(&app, "F-4"), (Some("Alpha".into()), Some("I4".into())));
    assert_eq!(*app.mode(), Mode::ProgramBoard, "the view stays open while planning");
    // u twice: back where it was.
    press(&mut app, "uu");
    assert_eq!(feature(&app, "F-4"), before);
}

#[test]
fn walking_the_features_and_planning_an_unplanned_one() {
    let mut app = demo();
    press(&mut app, "2b");
    // It opens on the board's selected card (F-7, unplanned); k walks back to the first
    // feature, j through every one, the unplanned ones last.
    assert_eq!(trainboard::app::planning::selected(&app).as_deref(), Some("F-7"));
    press(&mut app, &"k".repeat(30));
    let mut seen = Vec::new();
    for _ in 0..30 {
        seen.push(trainboard::app::planning::selected(&app).unwrap());
        press(&mut app, "j");
    }
    assert_eq!(seen.first().map(String::as_str), Some("F-8"), "{seen:?}");
    assert!(seen.contains(&"F-7".to_string()) && seen.last().map(String::as_str) == Some("EN-4"), "{seen:?}");
    assert!(app.ws().item("F-7").unwrap().iteration.is_none(), "F-7 starts unplanned");
    assert!(app.select_item("F-7"));
    // L plans it in the first iteration.
    press(&mut app, "L");
    assert_eq!(app.ws().item("F-7").unwrap().iteration.as_deref(), Some("I1"));
    // Any other key closes the view.
    press(&mut app, "x");
    assert_eq!(*app.mode(), Mode::Board);
}

fn key(c: char) -> ratatui::crossterm::event::KeyEvent {
    ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Char(c),
        ratatui::crossterm::event::KeyModifiers::NONE,
    )
}

#[test]
fn twelve_teams_scroll_to_the_chosen_feature_and_say_how_many_are_out_of_view() {
    use trainboard::model::{Board, Column, Item, Level, Workspace};
    let mut art = Board::new("art.ron", "ART", Level::Program, vec![Column::new("Backlog", None)]);
    art.iterations = vec!["I1".into(), "I2".into(), "I3".into()];
    let mut boards = Vec::new();
    for t in 1..=12 {
        boards.push(Board::new(
            format!("team-{t:02}.ron"),
            format!("Team {t:02}"),
            Level::Team,
            vec![Column::new("Doing", None)],
        ));
        for n in 0..3 {
            let mut f = Item::new(format!("F-{t}{n}"), format!("Feature {n} of team {t}"), "Backlog");
            f.team = Some(format!("Team {t:02}"));
            f.iteration = Some(format!("I{}", n + 1));
            art.items.push(f);
        }
    }
    // One cell with more features than fit.
    for n in 0..30 {
        let mut f = Item::new(format!("F-X{n}"), "crowded", "Backlog");
        f.team = Some("Team 01".into());
        f.iteration = Some("I1".into());
        art.items.push(f);
    }
    art.reindex();
    boards.push(art);
    let mut app = App::new(Workspace::new(boards), "test");
    update(&mut app, Msg::Resize(80, 24));
    assert!(app.select_item("F-122"));
    press(&mut app, "2b");
    let screen = text(&draw(&app));
    assert!(screen.contains("Team 12") && screen.contains("▶F-122"), "the chosen feature's team shows:\n{screen}");
    assert!(screen.contains("teams above"), "{screen}");
    assert!(app.select_item("F-10"));
    let screen = text(&draw(&app));
    assert!(screen.contains("Team 01") && screen.contains("more below"), "{screen}");
    assert!(screen.contains("+") && screen.contains("more"), "the crowded cell says how many it leaves out:\n{screen}");
}

#[test]
fn p_in_the_program_board_presents_it_and_back_without_closing_it() {
    let mut app = demo();
    press(&mut app, "2b");
    press(&mut app, "P");
    assert_eq!(*app.mode(), Mode::ProgramBoard, "the program board stays open");
    assert!(app.presenting().is_some(), "P presents");
    assert!(text(&draw(&app)).contains("PROGRAM BOARD · PI 2026.4"), "drawn at presentation size");
    press(&mut app, "P");
    assert_eq!((app.mode(), app.presenting()), (&Mode::ProgramBoard, None), "P goes back, still planning");
}
