//! An ART with many teams at 80×24: the tab bar scrolls around the current board and says how
//! many boards are hidden on each side, and `'` picks any board by name.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use trainboard::app::{App, Msg, update};
use trainboard::model::{Board, Column, Item, Level, Workspace};

const TEAMS: [&str; 12] =
    ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliett", "Kilo", "Lima"];

fn app() -> App {
    let columns = || vec![Column::new("Backlog", None), Column::new("Done", None)];
    let mut boards = vec![Board::new("art.ron", "Mobile Shopping ART", Level::Program, columns())];
    for (n, team) in TEAMS.iter().enumerate() {
        let mut board = Board::new(format!("team-{}.ron", team.to_lowercase()), *team, Level::Team, columns());
        board.items.push(Item::new(format!("S-{n}"), format!("A story of {team}"), "Backlog"));
        board.reindex();
        boards.push(board);
    }
    let mut app = App::new(Workspace::new(boards), "test");
    update(&mut app, Msg::Resize(80, 24));
    app
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn tab_line(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| trainboard::ui::render(app, f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..80).map(|x| buffer[(x, 0)].symbol().to_string()).collect()
}

/// The boards the line names plus those its markers count.
fn accounted(line: &str) -> usize {
    let named = TEAMS.iter().chain(["Mobile"].iter()).filter(|t| line.contains(&t[..4])).count();
    let count = |marker: char, before: bool| -> usize {
        let Some(at) = line.find(marker) else { return 0 };
        let digits: String = if before {
            line[at + marker.len_utf8()..].chars().take_while(char::is_ascii_digit).collect()
        } else {
            line[..at].chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect()
        };
        digits.parse().unwrap_or(0)
    };
    named + count('◀', true) + count('▶', false)
}

#[test]
fn the_tab_bar_scrolls_and_never_drops_a_board_silently() {
    let mut app = app();
    update(&mut app, key(KeyCode::Char('3')));
    for step in 0..TEAMS.len() {
        let line = tab_line(&app);
        let current = &app.current_board().unwrap().name;
        assert!(line.contains(&format!("[{}", &current[..4])), "step {step}: the current tab shows: {line}");
        assert_eq!(accounted(&line), TEAMS.len() + 1, "step {step}: every board named or counted: {line}");
        update(&mut app, key(KeyCode::Tab));
    }
    assert!(tab_line(&app).contains('▶') || tab_line(&app).contains('◀'), "12 teams do not fit 80 columns");
}

#[test]
fn any_board_is_one_picker_away() {
    let mut app = app();
    update(&mut app, key(KeyCode::Char('\'')));
    for c in "kil".chars() {
        update(&mut app, key(KeyCode::Char(c)));
    }
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.current_board().unwrap().name, "Kilo");
    assert!(tab_line(&app).contains("[Kilo"));
}

#[test]
fn the_last_messages_can_be_read_in_full() {
    let mut app = app();
    let long = format!("{} the end of a long message", "word ".repeat(40));
    app.info("first message");
    app.error(long.clone());
    update(&mut app, key(KeyCode::Char('!')));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| trainboard::ui::render(&app, f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let screen: String =
        (0..24).map(|y| (0..80).map(|x| buffer[(x, y)].symbol().to_string()).collect::<String>() + "\n").collect();
    assert!(screen.contains("the end of a long"), "wrapped, never cut:\n{screen}");
    let newest = screen.find("word word").unwrap();
    assert!(newest < screen.find("first message").unwrap(), "newest first:\n{screen}");
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(*app.mode(), trainboard::app::Mode::Board);
}
