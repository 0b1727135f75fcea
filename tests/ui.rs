//! The whole app drawn into ratatui's TestBackend: text snapshots of each view at 80×24 and
//! 120×40, and cell checks for what text cannot show (selection, over-limit colour).

mod support;

use support::keys_in::press;
use support::screen::{draw, fixture_app as app, text};

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use trainboard::app::{App, Msg, update};
use trainboard::theme::Theme;

fn find(buf: &Buffer, needle: &str) -> (u16, u16) {
    let text = text(buf);
    for (y, line) in text.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            return (line[..byte].chars().count() as u16, y as u16);
        }
    }
    panic!("{needle:?} not on screen:\n{text}");
}

#[test]
fn program_board_at_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app(w, h);
        press(&mut app, "2lll");
        insta::assert_snapshot!(format!("program_board_{w}x{h}"), text(&draw(&app)));
    }
}

#[test]
fn team_board_scrolls_sideways_to_keep_the_selection_in_view() {
    let mut app = app(80, 24);
    press(&mut app, "3llll");
    let screen = text(&draw(&app));
    assert!(screen.contains("Accepted"), "{screen}");
    assert!(screen.contains("◀"), "a marker says columns are hidden on the left:\n{screen}");
    insta::assert_snapshot!("team_board_scrolled_80x24", screen);
}

#[test]
fn detail_view_shows_every_field_parent_and_children() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app(w, h);
        press(&mut app, "2lll\n");
        let screen = text(&draw(&app));
        for expected in ["F-1", "Parent", "E-1 Mobile shopping growth", "S-101", "WSJF", "Progress"] {
            assert!(screen.contains(expected), "{expected} missing:\n{screen}");
        }
        insta::assert_snapshot!(format!("detail_{w}x{h}"), screen);
    }
}

#[test]
fn help_lists_every_binding_from_the_key_map() {
    let mut app = app(120, 40);
    press(&mut app, "?");
    let screen = text(&draw(&app));
    insta::assert_snapshot!("help_120x40", screen);
    // Every action's line is in the help, wrapped under its text where it is long, never cut.
    let lines = trainboard::ui::help::help_lines(&app, &app.theme(), 88);
    let lines: Vec<String> = lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect();
    assert!(lines.iter().all(|l| trainboard::text::width(l) <= 88), "no line is wider than the popup");
    let words = lines.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    for info in trainboard::keymap::ACTIONS {
        assert!(words.contains(info.doc), "help lacks {:?}", info.doc);
    }
    // Scrolling reaches the last section.
    let mut seen = screen;
    for _ in 0..200 {
        press(&mut app, "j");
        seen.push_str(&text(&draw(&app)));
    }
    assert!(seen.contains("Text fields (fixed keys)"), "{seen}");
    let mut small = self::app(80, 24);
    press(&mut small, "?");
    insta::assert_snapshot!("help_80x24", text(&draw(&small)));
}

#[test]
fn split_dialog() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app(w, h);
        press(&mut app, "2llls");
        press(&mut app, "Typo tolerance\nSynonym list\nRank");
        let screen = text(&draw(&app));
        assert!(screen.contains("Children go to board"), "{screen}");
        insta::assert_snapshot!(format!("split_dialog_{w}x{h}"), screen);
    }
}

#[test]
fn selected_card_is_highlighted_and_over_limit_column_is_red() {
    let mut app = app(120, 40);
    press(&mut app, "2lll");
    let buf = draw(&app);
    let theme = Theme::default();
    // The header of Implementing (3 items, limit 2) shows the count on red.
    let (x, y) = find(&buf, "3/2 OVER");
    assert_eq!(buf[(x, y)].bg, Color::Red);
    assert_eq!(buf[(x, y)].fg, Color::White);
    // The selected card (the first of Implementing) has the selection background.
    let (x, y) = find(&buf, "F-1");
    assert_eq!(buf[(x, y)].bg, theme.selected_card.bg.unwrap());
    // Other cards do not.
    let (x, y) = find(&buf, "F-2");
    assert_ne!(buf[(x, y)].bg, theme.selected_card.bg.unwrap());
    // A column within its limit has no red.
    let (x, y) = find(&buf, "Analyzing");
    assert_ne!(buf[(x, y)].bg, Color::Red);
}

#[test]
fn drawing_never_panics_at_tiny_or_huge_sizes() {
    for (w, h) in [(1, 1), (2, 3), (20, 5), (40, 10), (300, 80)] {
        let mut app = app(w, h);
        for keys in ["", "2lll", "\n", "\x1b?", "\x1bs", "\x1b/F", "\x1b"] {
            press(&mut app, keys);
            draw(&app);
        }
    }
}

#[test]
fn readme_key_table_matches_the_key_map() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let table = trainboard::keymap::KeyMap::default().markdown_table();
    assert!(readme.contains(&table), "README key table is out of date; it should contain:\n{table}");
}

#[test]
fn metrics_view_of_the_demo_team_board() {
    for (w, h) in [(80, 24), (120, 40)] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
        let (ws, _, _) = trainboard::storage::load_workspace(&dir).into_workspace().unwrap();
        let mut app = App::new(ws, "demo");
        app.set_clock(|| "2026-11-22T10:00:00Z".to_string());
        update(&mut app, Msg::Resize(w, h));
        press(&mut app, "3m");
        let screen = text(&draw(&app));
        for expected in ["Cumulative flow", "Velocity", "In Progress 3/3", "Flow time", "median"] {
            assert!(screen.contains(expected), "{expected}:\n{screen}");
        }
        insta::assert_snapshot!(format!("metrics_{w}x{h}"), screen);
    }
}

#[test]
fn objectives_view_shows_predictability_bars_with_the_target_band() {
    for (w, h) in [(80, 24), (120, 40)] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
        let (ws, _, _) = trainboard::storage::load_workspace(&dir).into_workspace().unwrap();
        let mut app = App::new(ws, "demo");
        app.set_clock(|| "2026-11-22T10:00:00Z".to_string());
        update(&mut app, Msg::Resize(w, h));
        // From Alpha's board (3) the view opens on Alpha's section.
        press(&mut app, "3o");
        let buf = draw(&app);
        let screen = text(&buf);
        assert!(
            screen.contains("94 % in band  (17 of 18 BV)"),
            "Alpha: (9+8)/(10+8), stretch, unevaluated and earlier PIs left out\n{screen}"
        );
        insta::assert_snapshot!(format!("objectives_{w}x{h}"), screen);
        // The 80–100 % band is marked on the cells of the train's bar (G: the train's line, in
        // view); cells outside it are not.
        press(&mut app, "G");
        let buf = draw(&app);
        let (x, y) = find(&buf, "Train");
        let row: Vec<_> = (x..buf.area.width).map(|cx| buf[(cx, y)].clone()).collect();
        let band = trainboard::ui::objectives::band_style(&Theme::default()).bg.unwrap();
        let marked = row.iter().filter(|c| c.bg == band).count();
        let bar_cells = row.iter().filter(|c| matches!(c.symbol(), "█" | "░" | "·")).count();
        assert!(marked > 0 && marked < bar_cells, "{marked} of {bar_cells} cells in the band");
        let expected = (bar_cells as f64 * 20.0 / 120.0).round() as usize;
        assert!(marked.abs_diff(expected) <= 1, "the band spans 80–100 % of a 0–120 % scale: {marked} vs {expected}");
    }
}

#[test]
fn objectives_view_records_a_vote_and_shows_average_and_who_to_hear() {
    for (w, h) in [(80, 24), (120, 40)] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
        let (ws, _, _) = trainboard::storage::load_workspace(&dir).into_workspace().unwrap();
        let mut app = App::new(ws, "demo");
        app.set_clock(|| "2026-11-21T16:30:00Z".to_string());
        update(&mut app, Msg::Resize(w, h));
        // On Alpha's board (3) the view opens on Alpha's heading: V opens the vote prompt there.
        press(&mut app, "3oV5 4,4 3 2 1");
        let prompt = text(&draw(&app));
        assert!(prompt.contains("Votes 1–5") && prompt.contains("> 5 4,4 3 2 1"), "{prompt}");
        let effects = update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
        assert_eq!(effects, [trainboard::app::Effect::Save(vec!["team-alpha.ron".into()])]);
        let alpha = app.ws().board_by_key("team-alpha.ron").unwrap();
        let votes: Vec<u8> = alpha.confidence[0].votes.iter().map(|f| f.get()).collect();
        assert_eq!((alpha.confidence[0].at.as_str(), votes), ("2026-11-21T16:30:00Z", vec![5, 4, 4, 3, 2, 1]));
        let screen = text(&draw(&app));
        assert!(screen.contains("Confidence 3.2/5 · 6 votes 2026-11-21 16:30 · ! 2 to be heard (1s, 2s)"), "{screen}");
        assert!(screen.contains("Confidence vote recorded on Alpha"), "the status line says what happened\n{screen}");
        insta::assert_snapshot!(format!("objectives_vote_{w}x{h}"), screen);
        // A bad vote keeps the prompt open with the reason.
        press(&mut app, "V6 4\n");
        assert!(text(&draw(&app)).contains("\"6\" is not a vote of 1 to 5"));
        press(&mut app, "\x1b");
        // u undoes the vote without leaving the view.
        press(&mut app, "u");
        assert!(app.ws().board_by_key("team-alpha.ron").unwrap().confidence.is_empty());
        assert!(matches!(app.mode(), trainboard::app::Mode::Objectives { .. }));
    }
}

#[test]
fn objectives_are_added_scored_and_toggled_in_the_view() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let (ws, _, _) = trainboard::storage::load_workspace(&dir).into_workspace().unwrap();
    let mut app = App::new(ws, "demo");
    app.set_clock(|| "2026-11-22T10:00:00Z".to_string());
    update(&mut app, Msg::Resize(120, 40));
    let alpha = |app: &App| app.ws().board_by_key("team-alpha.ron").unwrap().objectives.clone();
    let before = alpha(&app);
    press(&mut app, "3onWishlists for signed-in users\n");
    let after = alpha(&app);
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(
        after.last().map(|o| (o.text.as_str(), o.planned, o.stretch)),
        Some(("Wishlists for signed-in users", 1, false))
    );
    // The new objective is selected: score it, make it stretch, fix its text.
    press(&mut app, "B\x15");
    press(&mut app, "7\nA6\nXe\x15Wishlists\n");
    let o = alpha(&app).last().cloned().unwrap();
    assert_eq!((o.text.as_str(), o.planned, o.actual, o.stretch), ("Wishlists", 7, Some(6), true));
    let screen = text(&draw(&app));
    assert!(screen.contains("▸    7 →  6  Wishlists (stretch)"), "{screen}");
    // Out of range is refused with the reason; the prompt stays for a fix.
    press(&mut app, "B");
    press(&mut app, "\x15");
    press(&mut app, "12\n");
    assert!(text(&draw(&app)).contains("business value is 1 to 10, not 12"));
    press(&mut app, "\x1b");
    // Each change was one step: five undos bring the objectives back.
    press(&mut app, "uuuuu");
    assert_eq!(alpha(&app), before);
}

#[test]
fn filters_show_only_matching_cards_and_esc_clears() {
    let mut app = app(120, 40);
    press(&mut app, "2F");
    press(&mut app, "team:alpha\n");
    let screen = text(&draw(&app));
    assert!(screen.contains("F-1") && screen.contains("F-2") && screen.contains("EN-1"), "{screen}");
    assert!(!screen.contains("F-3") && !screen.contains("F-4"), "cards of no team are hidden:\n{screen}");
    assert!(screen.contains("filter: team = alpha"), "the filter shows in the status line:\n{screen}");
    insta::assert_snapshot!("filter_team_alpha_120x40", screen);
    // Blocked only: just F-2 on this board; moving through the column stays on shown cards.
    press(&mut app, "\x1bFblocked\n");
    press(&mut app, "lll");
    assert_eq!(app.selected_id().as_deref(), Some("F-2"));
    press(&mut app, "j");
    assert_eq!(app.selected_id().as_deref(), Some("F-2"));
    // A bad filter says what is allowed and keeps the dialog open.
    press(&mut app, "Fcolour:red\n");
    assert!(app.status().as_ref().unwrap().text.contains("use team, tag, owner, kind, iteration or blocked"));
    press(&mut app, "\x1b\x1b");
    assert!(app.filter().is_none(), "Esc on the board clears the filter");
    assert!(text(&draw(&app)).contains("F-3"));
}

#[test]
fn hierarchy_view_shows_the_tree_across_boards_and_enter_jumps() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app(w, h);
        press(&mut app, "2lll");
        assert_eq!(app.selected_id().as_deref(), Some("F-1"));
        press(&mut app, "t");
        let screen = text(&draw(&app));
        for expected in ["E-1", "F-1", "F-2", "S-101", "SP-1", "Alpha · Accepted"] {
            assert!(screen.contains(expected), "{expected}:\n{screen}");
        }
        insta::assert_snapshot!(format!("hierarchy_{w}x{h}"), screen);
        // Down to the first story of F-1 and jump to it on its team board.
        press(&mut app, "j\n");
        assert_eq!(app.selected_id().as_deref(), Some("S-101"));
        assert_eq!(app.current_board().unwrap().name, "Alpha");
    }
}

#[test]
fn f_shows_only_the_siblings_and_back() {
    let mut app = app(120, 40);
    press(&mut app, "3llll");
    assert_eq!(app.selected_id().as_deref(), Some("S-101"));
    press(&mut app, "f");
    let screen = text(&draw(&app));
    assert!(screen.contains("children of F-1"), "{screen}");
    assert!(!screen.contains("S-104"), "S-104 (of F-2) is hidden:\n{screen}");
    press(&mut app, "f");
    assert!(app.filter().is_none());
    assert!(text(&draw(&app)).contains("S-104"));
}

#[test]
fn program_board_places_features_and_flags_a_late_dependency_red() {
    for (w, h) in [(80, 24), (140, 40)] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
        let (ws, _, _) = trainboard::storage::load_workspace(&dir).into_workspace().unwrap();
        let mut app = App::new(ws, "demo");
        app.set_clock(|| "2026-11-22T10:00:00Z".to_string());
        update(&mut app, Msg::Resize(w, h));
        press(&mut app, "2b");
        let buf = draw(&app);
        let screen = text(&buf);
        for expected in ["I1", "I4", "Alpha", "Beta", "Unplanned", "EN "] {
            assert!(screen.contains(expected), "{expected}:\n{screen}");
        }
        insta::assert_snapshot!(format!("program_board_view_{w}x{h}"), screen);
        // F-4 (I3) needs F-2, planned in I4: the marker is red on the consumer's side.
        let (x, y) = find(&buf, "⇠F-2");
        assert_eq!(buf[(x, y)].bg, Color::Red, "late dependency flagged red");
        // F-2 needs EN-2 in the same iteration: not flagged.
        let (x, y) = find(&buf, "⇠EN-2");
        assert_ne!(buf[(x, y)].bg, Color::Red);
    }
}

#[test]
fn presentation_mode_is_large_read_only_and_steps_through_boards() {
    for (w, h) in [(100, 30), (160, 45)] {
        let mut app = app(w, h);
        press(&mut app, "2P");
        let screen = text(&draw(&app));
        assert!(!screen.contains("PORTFOLIO") && !screen.contains("? help"), "no tab bar or key hints:\n{screen}");
        assert!(screen.contains("read-only while presenting"), "{screen}");
        insta::assert_snapshot!(format!("presenting_{w}x{h}"), screen);
        // Titles get two lines on the larger cards.
        press(&mut app, "lll");
        let screen = text(&draw(&app));
        assert!(screen.contains("Smarter search with typo") && screen.contains("tolerance and synonyms"), "{screen}");
        // Read-only: a move is refused and nothing is saved.
        let effects = update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('L'), KeyModifiers::SHIFT)));
        assert!(effects.is_empty());
        assert!(app.status().as_ref().unwrap().text.contains("U unlocks"));
        // Unlocked, a move saves as usual.
        press(&mut app, "U");
        let effects = update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('L'), KeyModifiers::SHIFT)));
        assert_eq!(effects.len(), 1);
        // Space and Backspace step through the boards.
        press(&mut app, " ");
        assert_eq!(app.current_board().unwrap().name, "Alpha");
        update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)));
        assert_eq!(app.current_board().unwrap().name, "Mobile Shopping ART");
        press(&mut app, "P");
        assert!(text(&draw(&app)).contains("PORTFOLIO"), "P goes back");
    }
}

fn draw_hits(app: &App) -> (Buffer, trainboard::app::mouse::Hits) {
    let area = app.screen();
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
    let mut hits = trainboard::app::mouse::Hits::default();
    terminal.draw(|frame| hits = trainboard::ui::render_with_hits(app, frame)).unwrap();
    (terminal.backend().buffer().clone(), hits)
}

fn mouse(app: &mut App, kind: ratatui::crossterm::event::MouseEventKind, (column, row): (u16, u16)) {
    let (_, hits) = draw_hits(app);
    let event = ratatui::crossterm::event::MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE };
    update(app, Msg::Mouse(event, hits));
}

#[test]
fn the_mouse_selects_cards_columns_and_tabs_scrolls_and_closes_dialogs() {
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};
    let click = MouseEventKind::Down(MouseButton::Left);
    let mut app = app(120, 40);
    press(&mut app, "2");
    // Click the card F-2 in Implementing.
    let (buf, _) = draw_hits(&app);
    let at = find(&buf, "F-2");
    mouse(&mut app, click, at);
    assert_eq!(app.selected_id().as_deref(), Some("F-2"));
    // The wheel moves through the column under the pointer.
    mouse(&mut app, MouseEventKind::ScrollDown, at);
    assert_eq!(app.selected_id().as_deref(), Some("EN-1"));
    mouse(&mut app, MouseEventKind::ScrollUp, at);
    assert_eq!(app.selected_id().as_deref(), Some("F-2"));
    // A tab.
    let (buf, _) = draw_hits(&app);
    let (x, y) = find(&buf, "Alpha");
    mouse(&mut app, click, (x + 1, y));
    assert_eq!(app.current_board().unwrap().name, "Alpha");
    // A dialog stays open on a click inside and closes on a click outside.
    press(&mut app, "?");
    mouse(&mut app, click, (60, 20));
    assert!(matches!(app.mode(), trainboard::app::Mode::Help { .. }));
    mouse(&mut app, click, (1, 1));
    assert_eq!(*app.mode(), trainboard::app::Mode::Board);
}

/// The fixture after `keys`, the card they select given a long title, an indented multi-line
/// description and a checklist.
fn with_long_details(width: u16, height: u16, keys: &str) -> App {
    let (app, _) = support::screen::fixture_app_with_selected(width, height, keys, |item| {
        item.title = "Make the search results list readable on small phones, with price, rating and delivery date \
                      always visible"
            .into();
        item.description = Some(
            "Shoppers on small screens give up when the list is cramped.\nSteps:\n  1. measure the drop-off on \
             phones below 375 points wide, per category and per market\n  2. try two layouts\n\tkeep the one that sells"
                .into(),
        );
        item.acceptance = vec![
            trainboard::model::Criterion { text: "Price and rating on every row".into(), done: true },
            trainboard::model::Criterion {
                text: "Delivery date shown when known, never a blank line".into(),
                done: false,
            },
        ];
    });
    app
}

#[test]
fn details_wrap_the_title_and_description_and_show_the_checklist() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = with_long_details(w, h, "3ll");
        press(&mut app, "\n\t");
        let screen = text(&draw(&app));
        for expected in ["always visible", "    1. measure", "[x] Price and rating", "▶ [ ] Delivery date", "Needs"] {
            assert!(screen.contains(expected) || h < 30, "{expected} missing:\n{screen}");
        }
        insta::assert_snapshot!(format!("detail_checklist_{w}x{h}"), screen);
    }
}

#[test]
fn details_scroll_with_j_and_k() {
    let mut app = with_long_details(80, 24, "3l");
    press(&mut app, "\n");
    let top = text(&draw(&app));
    press(&mut app, "jj");
    let scrolled = text(&draw(&app));
    assert!(top.contains("Make the search") && !scrolled.contains("Make the search"), "{scrolled}");
    press(&mut app, "kk");
    assert_eq!(text(&draw(&app)), top);
}

#[test]
fn the_picker_lists_narrows_and_marks_the_current_value() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app(w, h);
        press(&mut app, "3lY");
        let screen = text(&draw(&app));
        assert!(screen.contains("Kind of") && screen.contains("Story  (now)") && screen.contains("Defect"), "{screen}");
        insta::assert_snapshot!(format!("picker_kind_{w}x{h}"), screen);
        press(&mut app, "\x1bI");
        press(&mut app, "i3");
        let screen = text(&draw(&app));
        assert!(screen.contains("▶ I3") && !screen.contains("I4"), "typing narrows:\n{screen}");
        insta::assert_snapshot!(format!("picker_iteration_{w}x{h}"), screen);
    }
}

#[test]
fn pickers_prompts_and_details_draw_at_any_size() {
    for keys in ["3lY", "3lI", "3lM", "3l=", "3l\n", "3l\na"] {
        for (w, h) in [(2, 3), (5, 4), (12, 5), (20, 6), (30, 8), (200, 60)] {
            let mut app = app(80, 24);
            press(&mut app, keys);
            update(&mut app, Msg::Resize(w, h));
            draw(&app);
        }
    }
}

#[test]
fn hierarchy_roll_up_bar_is_green_only_when_every_child_is_done() {
    let dir = tempfile::tempdir().unwrap();
    let columns = r#"columns: [(name: "Funnel"), (name: "Implementing"), (name: "Done")]"#;
    std::fs::write(
        dir.path().join("portfolio.ron"),
        format!(
            r#"Board(name: "Portfolio", level: Portfolio, {columns}, items: [(id: "E-1", title: "Grow", column: "Implementing")])"#
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("art.ron"),
        format!(
            r#"Board(name: "ART", level: Program, {columns}, items: [
                (id: "F-1", title: "Complete one", column: "Done", parent: "E-1"),
                (id: "F-2", title: "Partial one", column: "Implementing", parent: "E-1"),
            ])"#
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("team.ron"),
        r#"Board(name: "Alpha", level: Team, columns: [(name: "Backlog"), (name: "Accepted")], items: [
            (id: "S-1", title: "a", column: "Accepted", parent: "F-1"),
            (id: "S-2", title: "b", column: "Accepted", parent: "F-1"),
            (id: "S-3", title: "c", column: "Accepted", parent: "F-2"),
            (id: "S-4", title: "d", column: "Backlog", parent: "F-2"),
        ])"#,
    )
    .unwrap();
    let (ws, _, _) = trainboard::storage::load_workspace(dir.path()).into_workspace().expect("loads");
    let mut app = App::new(ws, "~/boards");
    update(&mut app, Msg::Resize(120, 30));
    press(&mut app, "1");
    assert_eq!(app.selected_id().as_deref(), Some("E-1"));
    press(&mut app, "t");
    let buf = draw(&app);
    let screen = text(&buf);
    let fg = |style: ratatui::style::Style| style.fg.unwrap_or(Color::Reset);
    let (done, plain) = (fg(app.theme().done), fg(app.theme().text));
    assert_ne!(done, plain, "the test needs the two styles to differ");
    let style_at = |needle: &str| {
        let (x, y) = find(&buf, needle);
        (buf[(x, y)].fg, buf[(x + 1, y)].fg)
    };
    // F-1: both stories accepted, 2/2 — green.
    assert_eq!(style_at("▰▰▰▰▰▰▰▰ 2/2"), (done, done), "{screen}");
    // F-2: one of two — partial, not green.
    let (first, _) = style_at("▰▰▰▰▱▱▱▱ 1/2");
    assert_ne!(first, done, "a partial roll-up is not coloured as done:\n{screen}");
    assert_eq!(first, plain);
    // E-1: one of its two features done — partial too.
    let (x, y) = find(&buf, "E-1");
    let row: String = (0..buf.area.width).map(|c| buf[(c, y)].symbol().to_string()).collect();
    let bar = row.find('▰').map(|b| row[..b].chars().count() as u16).expect("E-1 has a bar");
    assert!(x < bar);
    assert_ne!(buf[(bar, y)].fg, done, "{screen}");
}

/// Cells `x..x + 4`, rows `0..4` of `buf`, as text.
fn glyph(buf: &Buffer, x: u16) -> String {
    (0..4).flat_map(|y| (x..x + 4).map(move |x| (x, y))).map(|p| buf[p].symbol().to_string()).collect()
}

#[test]
fn the_presentation_title_draws_an_en_dash_as_a_dash() {
    let dir = tempfile::tempdir().unwrap();
    // 20 characters at 4 cells each fill an 80-cell screen exactly: no centring offset.
    std::fs::write(
        dir.path().join("art.ron"),
        r#"Board(name: "PI 2026.4 – Planning", level: Program, columns: [(name: "Funnel"), (name: "Done")])"#,
    )
    .unwrap();
    let (ws, _, _) = trainboard::storage::load_workspace(dir.path()).into_workspace().expect("loads");
    let mut app = App::new(ws, "~/boards");
    update(&mut app, Msg::Resize(80, 24));
    press(&mut app, "P");
    assert!(app.presenting().is_some());
    let buf = draw(&app);
    // What tui-big-text draws for a plain "-", as the reference.
    let mut reference = Buffer::empty(ratatui::layout::Rect::new(0, 0, 4, 4));
    ratatui::widgets::Widget::render(
        tui_big_text::BigText::builder().pixel_size(tui_big_text::PixelSize::Quadrant).lines(vec!["-".into()]).build(),
        reference.area,
        &mut reference,
    );
    let dash = glyph(&reference, 0);
    assert!(dash.chars().any(|c| c != ' '), "the reference dash is visible: {dash:?}");
    // "PI 2026.4 " is ten characters: the dash is the eleventh.
    assert_eq!(glyph(&buf, 40), dash, "the en dash is drawn as a dash:\n{}", text(&buf));
    // And the letters around it are drawn too (not blanks): "P" and "g".
    assert!(glyph(&buf, 0).chars().any(|c| c != ' '));
    assert!(glyph(&buf, 76).chars().any(|c| c != ' '));
}

#[test]
fn tab_in_the_program_board_view_steps_through_program_boards_only() {
    let dir = tempfile::tempdir().unwrap();
    let columns = r#"columns: [(name: "Funnel"), (name: "Done")], iterations: ["I1", "I2"]"#;
    for (file, name, level) in [
        ("a-portfolio.ron", "Portfolio", "Portfolio"),
        ("b-art.ron", "Web ART", "Program"),
        ("c-team.ron", "Alpha", "Team"),
        ("d-art.ron", "Data ART", "Program"),
        ("e-team.ron", "Beta", "Team"),
    ] {
        let board = format!(r#"Board(name: "{name}", level: {level}, {columns})"#);
        std::fs::write(dir.path().join(file), board).unwrap();
    }
    let (ws, _, _) = trainboard::storage::load_workspace(dir.path()).into_workspace().expect("loads");
    let mut app = App::new(ws, "~/boards");
    update(&mut app, Msg::Resize(100, 30));
    let name = |app: &App| app.current_board().unwrap().name.clone();
    // On the board, Tab goes through every tab: after the last program board, a team board.
    press(&mut app, "2");
    assert_eq!(name(&app), "Web ART");
    press(&mut app, "\t");
    assert_eq!(name(&app), "Data ART");
    press(&mut app, "\t");
    assert_eq!(name(&app), "Alpha");
    // In the program board view, Tab and Shift+Tab only visit the program boards, and wrap.
    press(&mut app, "2b");
    assert_eq!(*app.mode(), trainboard::app::Mode::ProgramBoard);
    assert_eq!(name(&app), "Web ART");
    press(&mut app, "\t");
    assert_eq!((name(&app), app.mode()), ("Data ART".to_string(), &trainboard::app::Mode::ProgramBoard));
    assert!(text(&draw(&app)).contains("Data ART"));
    press(&mut app, "\t");
    assert_eq!(name(&app), "Web ART", "wraps round to the first program board, not into the team boards");
    update(&mut app, Msg::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)));
    assert_eq!(name(&app), "Data ART");
    assert_eq!(*app.mode(), trainboard::app::Mode::ProgramBoard, "still in the view");
    // `3` leaves the view for the team board; Esc closes it as before.
    press(&mut app, "3");
    assert_eq!((name(&app), app.mode()), ("Alpha".to_string(), &trainboard::app::Mode::Board));
}

#[test]
fn tab_in_the_program_board_view_with_one_program_board_stays_put() {
    let mut app = app(100, 30);
    press(&mut app, "2b");
    assert_eq!(*app.mode(), trainboard::app::Mode::ProgramBoard);
    let before = app.board_index();
    press(&mut app, "\t");
    assert_eq!(app.board_index(), before, "the only program board: Tab does not go to a team board");
    assert_eq!(*app.mode(), trainboard::app::Mode::ProgramBoard);
    assert!(app.status().as_ref().unwrap().text.contains("only program board"));
}

#[test]
fn status_hints_and_dialogs_follow_rebound_keys() {
    use trainboard::keymap::{Action, Key};
    let mut app = app(120, 40);
    assert!(app.keymap_mut().rebind(Action::Quit, &[Key::char('x')]).is_empty());
    let ctrl_g = Key::new(KeyCode::Char('g'), KeyModifiers::CONTROL);
    assert!(app.keymap_mut().rebind(Action::Cancel, &[ctrl_g]).is_empty());
    let status = |app: &App| text(&draw(app)).lines().last().unwrap_or_default().to_string();
    assert!(status(&app).contains("x quit") && !status(&app).contains("q quit"), "{}", status(&app));
    press(&mut app, "2n");
    assert!(matches!(app.mode(), trainboard::app::Mode::NewItem(_)));
    assert!(status(&app).contains("Ctrl+g cancel"), "{}", status(&app));
    // Esc is no longer the dialog's cancel; Ctrl+g is.
    update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
    assert!(matches!(app.mode(), trainboard::app::Mode::NewItem(_)), "Esc does not cancel now");
    update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL)));
    assert_eq!(*app.mode(), trainboard::app::Mode::Board, "Ctrl+g cancels");
}

#[test]
fn tab_in_the_program_board_view_passes_over_the_roam_board() {
    let mut app = support::screen::demo_app(120, 40);
    press(&mut app, "2b");
    let art = app.current_board().unwrap().name.clone();
    press(&mut app, "\t");
    assert_eq!(app.current_board().unwrap().name, art, "the ROAM board plans no iterations");
    assert!(app.status().as_ref().unwrap().text.contains("only program board that plans iterations"));
}
