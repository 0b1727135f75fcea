//! Boards readable in the room: presentation mode on light terminals, whole 7-column boards,
//! two-line titles, a selection and live changes that show from the back of the room, marks on
//! the tabs of boards changed elsewhere, and status messages that say what happened.

mod support;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyModifiers;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::style::Modifier;
use support::keys_in::press;
use support::screen::{app_on, draw, fixture_app, text};
use trainboard::app::{App, Msg, update};
use trainboard::theme::Theme;
use trainboard::theme::contrast::{canvas, drawn, ratio};

/// The 7-column program board (and its one team) the room looks at.
fn art7(width: u16, height: u16) -> App {
    app_on("tests/fixtures/art7", width, height)
}

/// Where `needle` starts on screen (column, row), if it is there.
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    text(buf)
        .lines()
        .enumerate()
        .find_map(|(y, line)| line.find(needle).map(|byte| (line[..byte].chars().count() as u16, y as u16)))
}

fn at(buf: &Buffer, needle: &str) -> (u16, u16) {
    find(buf, needle).unwrap_or_else(|| panic!("{needle:?} not on screen:\n{}", text(buf)))
}

/// The board `key` as it is now, changed by `change`, arriving from disk.
fn reload(app: &mut App, key: &str, change: impl FnOnce(&mut trainboard::model::Board)) {
    let before = app.ws().board_by_key(key).expect("the board").clone();
    let mut after = before.clone();
    change(&mut after);
    after.reindex();
    let changed = trainboard::storage::save_protocol::changed_items(Some(&before), &after);
    let changed: Vec<&str> = changed.iter().map(String::as_str).collect();
    support::others::board_changed(app, after, &changed);
}

fn status(app: &App) -> String {
    app.status().as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

// 1. Light terminals.

#[test]
fn presenting_on_a_light_terminal_uses_a_light_palette_by_default() {
    let settings = trainboard::config::parse("(theme: \"light\")", false).expect("parses");
    assert_eq!(settings.presentation.theme, Theme::high_contrast_light());
    let settings = trainboard::config::parse("(theme: \"dark\")", false).expect("parses");
    assert_eq!(settings.presentation.theme, Theme::high_contrast());
    let chosen = trainboard::config::parse("(theme: \"light\", presentation: (theme: \"okabe-ito\"))", false);
    assert_eq!(chosen.expect("parses").presentation.theme, Theme::okabe_ito(), "a chosen palette stays");

    // Every character drawn while presenting reads on white.
    let settings = trainboard::config::parse("(theme: \"light\")", false).expect("parses");
    let mut app = fixture_app(160, 45);
    trainboard::early::configure(&mut app, &settings);
    press(&mut app, "2Pl");
    let buf = draw(&app);
    let white = canvas("light");
    let mut measured = 0;
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            if cell.symbol().trim().is_empty() {
                continue;
            }
            let (fg, bg) = drawn(cell.style(), white);
            let contrast = ratio(fg, bg);
            measured += 1;
            assert!(contrast >= 4.5, "{:?} at {x},{y} drawn {fg:?} on {bg:?}: {contrast:.2}:1", cell.symbol());
        }
    }
    assert!(measured > 500, "the board was drawn");
}

// 2. The whole board.

#[test]
fn a_seven_column_art_board_shows_whole_while_presenting_at_160x45() {
    let mut app = art7(160, 45);
    press(&mut app, "P");
    let screen = text(&draw(&app));
    for column in ["Funnel", "Analyzing", "Backlog", "Implementing", "Validating", "Deploying", "Done"] {
        assert!(screen.contains(column), "{column} on screen:\n{screen}");
    }
    for id in ["F-1", "F-4", "F-7"] {
        assert!(screen.contains(id), "{id} on screen:\n{screen}");
    }
    insta::assert_snapshot!("art7_presenting_160x45", screen);
    // At 80×24 the board scrolls sideways and says so.
    let mut small = art7(80, 24);
    press(&mut small, "P");
    insta::assert_snapshot!("art7_presenting_80x24", text(&draw(&small)));
}

// 3. Two-line titles in everyday use.

#[test]
fn titles_wrap_to_two_lines_in_normal_mode_where_there_is_room() {
    let mut app = fixture_app(120, 40);
    press(&mut app, "2");
    let screen = text(&draw(&app));
    // F-1's title is longer than its column is wide: its second line is on screen.
    assert!(screen.contains("Smarter search with"), "{screen}");
    assert!(screen.contains("tolerance"), "the rest of the title on a second line:\n{screen}");
    insta::assert_snapshot!("art_normal_120x40", screen);
    // Where the cards would not fit with two-line titles, titles stay on one line.
    let mut crowded = fixture_app(120, 12);
    press(&mut crowded, "2");
    let screen = text(&draw(&crowded));
    assert!(!screen.contains("tolerance"), "{screen}");
}

// 4. The selection.

#[test]
fn the_selected_card_is_marked_in_a_strong_colour_and_bold() {
    for presenting in [false, true] {
        let mut app = fixture_app(120, 40);
        press(&mut app, "2lll");
        if presenting {
            press(&mut app, "P");
        }
        let theme = if presenting { app.presentation().theme } else { app.theme() };
        let buf = draw(&app);
        let (x, y) = at(&buf, "▶ F-1");
        let mark = &buf[(x, y)];
        assert_eq!(mark.fg, theme.border_selected.fg.expect("a colour"), "▶ in the selection colour");
        assert!(mark.modifier.contains(Modifier::BOLD));
        // The whole left edge of the card is the thick selection bar, and its title is bold.
        for row in 1..3 {
            let edge = &buf[(x, y + row)];
            assert_eq!(edge.symbol(), "┃", "presenting {presenting}:\n{}", text(&buf));
            assert_eq!(edge.fg, theme.border_selected.fg.expect("a colour"));
        }
        let (tx, ty) = at(&buf, "Smarter");
        assert!(buf[(tx, ty)].modifier.contains(Modifier::BOLD), "the title is bold");
    }
}

// 5. Live changes, whole cards.

#[test]
fn a_card_changed_by_someone_else_is_highlighted_over_its_whole_area() {
    let mut app = fixture_app(120, 40);
    press(&mut app, "2");
    reload(&mut app, "art.ron", |b| {
        if let Some(item) = b.items.iter_mut().find(|i| i.id == "F-3") {
            item.title = "Better product recommendations, now with history".into();
        }
    });
    let buf = draw(&app);
    let (x, y) = at(&buf, "✎F-3");
    let highlight = app.theme().marked.bg.expect("a background");
    // From the card's left edge to its right edge, all three lines.
    let left = x - 2;
    let right = (left..buf.area.width).find(|&cx| buf[(cx, y)].symbol() == "│").expect("the column border");
    for row in 0..3 {
        for cx in left..right {
            assert_eq!(buf[(cx, y + row)].bg, highlight, "cell {cx},{} of the changed card:\n{}", y + row, text(&buf));
        }
    }
    // Its neighbour is not.
    let (nx, ny) = at(&buf, "F-4");
    assert_ne!(buf[(nx, ny)].bg, highlight);
}

// 6. Changes elsewhere.

#[test]
fn a_board_changed_while_not_shown_is_marked_on_its_tab_until_visited() {
    let mut app = fixture_app(120, 40);
    press(&mut app, "2");
    assert!(!text(&draw(&app)).contains('●'));
    reload(&mut app, "team.ron", |b| b.items[0].title = "Redesign the results list".into());
    let buf = draw(&app);
    let (x, y) = at(&buf, "●Alpha");
    assert_eq!(y, 0, "on the tab bar");
    assert_eq!(buf[(x, y)].bg, app.theme().marked.bg.expect("a background"), "in the change colour");
    // A change on the board shown marks no tab.
    reload(&mut app, "art.ron", |b| b.items[0].title = "Smarter search".into());
    assert!(!text(&draw(&app)).contains("●Mobile"));
    // Presenting, there is no tab bar: the line under the title names the board.
    press(&mut app, "P");
    assert!(text(&draw(&app)).contains("●Alpha changed"), "{}", text(&draw(&app)));
    press(&mut app, "P3");
    assert!(!text(&draw(&app)).contains('●'), "visited: the mark goes");
    press(&mut app, "2");
    assert!(!text(&draw(&app)).contains('●'), "and stays gone");
}

#[test]
fn the_program_board_and_objectives_highlight_what_changed() {
    let mut app = fixture_app(120, 40);
    press(&mut app, "2");
    reload(&mut app, "art.ron", |b| {
        if let Some(item) = b.items.iter_mut().find(|i| i.id == "EN-1") {
            item.title = "Audit trail for every payment event".into();
        }
    });
    press(&mut app, "b");
    let buf = draw(&app);
    let highlight = app.theme().marked.bg.expect("a background");
    let (x, y) = at(&buf, "EN-1");
    assert_eq!(buf[(x, y)].bg, highlight, "the changed feature in the program board:\n{}", text(&buf));
    let (fx, fy) = at(&buf, "F-1");
    assert_ne!(buf[(fx, fy)].bg, highlight, "an unchanged one is not");

    let mut app = art7(120, 40);
    reload(&mut app, "team.ron", |b| b.objectives[0].actual = Some(6));
    assert!(status(&app).contains("objective changed"), "{}", status(&app));
    press(&mut app, "o");
    let buf = draw(&app);
    let (x, y) = at(&buf, "Refunds self-service");
    assert_eq!(buf[(x, y)].bg, highlight, "the changed objective:\n{}", text(&buf));
    let (ux, uy) = at(&buf, "Instant payouts pilot");
    assert_ne!(buf[(ux, uy)].bg, highlight, "the other objective is not");
}

// 7. Filters, scroll markers, status messages.

#[test]
fn the_filter_shows_while_presenting() {
    let mut app = fixture_app(160, 45);
    press(&mut app, "2P");
    press(&mut app, "Fteam:Alpha\n");
    assert!(app.filter().is_some(), "F typed the filter");
    let screen = text(&draw(&app));
    assert!(screen.contains("filter: team = Alpha"), "{screen}");
}

#[test]
fn more_below_shows_only_when_a_card_does_not_fit() {
    // The ART's Implementing column has three cards: 3 × 4 lines, the last without its blank.
    let mut app = fixture_app(120, 15);
    press(&mut app, "2lll");
    let screen = text(&draw(&app));
    assert!(screen.contains("EN-1"), "the third card is drawn:\n{screen}");
    assert!(!screen.contains("more"), "everything fits:\n{screen}");
    // One line less and the third card is cut: now it says so.
    let mut app = fixture_app(120, 14);
    press(&mut app, "2lll");
    let screen = text(&draw(&app));
    assert!(screen.contains("↓1 more"), "{screen}");
}

#[test]
fn a_board_switch_clears_a_message_about_another_board() {
    let mut app = fixture_app(120, 40);
    press(&mut app, "2");
    reload(&mut app, "team.ron", |b| b.items[0].title = "Redesign the results list".into());
    assert!(status(&app).contains("Alpha changed on disk"));
    // A click on the portfolio tab (no key press to clear it).
    let (buf, hits) = {
        let area = app.screen();
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(area.width, area.height)).unwrap();
        let mut hits = trainboard::app::mouse::Hits::default();
        terminal.draw(|frame| hits = trainboard::ui::render_with_hits(&app, frame)).unwrap();
        (terminal.backend().buffer().clone(), hits)
    };
    let (x, y) = at(&buf, "Portfolio");
    let click =
        MouseEvent { kind: MouseEventKind::Down(MouseButton::Left), column: x, row: y, modifiers: KeyModifiers::NONE };
    update(&mut app, Msg::Mouse(click, hits));
    assert_eq!(app.current_board().map(|b| b.name.as_str()), Some("Portfolio"));
    assert!(!status(&app).contains("changed on disk"), "stale: {}", status(&app));
    assert!(!text(&draw(&app)).contains("changed on disk"));
}

#[test]
fn changed_on_disk_messages_say_what_happened() {
    let mut app = art7(120, 40);
    reload(&mut app, "art.ron", |b| {
        let mut new = b.items[0].clone();
        new.id = "F-11".into();
        new.title = "Payouts in 12 currencies".into();
        b.items.push(new);
    });
    assert_eq!(status(&app), "Payments ART changed on disk: F-11 added");
    reload(&mut app, "art.ron", |b| b.items.retain(|i| i.id != "F-2"));
    assert_eq!(status(&app), "Payments ART changed on disk: F-2 removed");
    reload(&mut app, "art.ron", |b| {
        if let Some(item) = b.items.iter_mut().find(|i| i.id == "F-3") {
            item.column = "Implementing".into();
        }
    });
    assert_eq!(status(&app), "Payments ART changed on disk: F-3 moved to Implementing");
    reload(&mut app, "art.ron", |b| b.items[0].title = "Instant payouts".into());
    assert_eq!(status(&app), "Payments ART changed on disk: F-1 edited");
    reload(&mut app, "art.ron", |b| b.items.swap(0, 1));
    assert!(status(&app).ends_with(": reordered"), "{}", status(&app));
    reload(&mut app, "art.ron", |b| {
        b.items[0].title = "Payouts".into();
        b.items.retain(|i| i.id != "F-5");
    });
    let text = status(&app);
    assert!(text.contains("F-5 removed") && text.contains("edited"), "{text}");
}
