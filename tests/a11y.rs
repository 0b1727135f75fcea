//! Nothing is told by colour alone: in every theme (and without colour at all) over-WIP,
//! blocked, late dependencies, the selection, cards changed by someone else and the
//! predictability bands each carry a word or symbol in the cells' text. And the Okabe–Ito
//! theme is the palette it says, selectable in the config.

mod support;

use support::keys_in::press;

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use trainboard::app::{App, Msg, update};
use trainboard::theme::Theme;
use trainboard::theme::{THEME_NAMES, okabe_ito};

fn themes() -> Vec<(&'static str, Theme)> {
    let mut themes: Vec<(&str, Theme)> =
        THEME_NAMES.iter().map(|name| (*name, Theme::named(name).expect("every listed theme exists"))).collect();
    themes.push(("no colour", Theme::no_color()));
    themes
}

fn app(fixture: &str, theme: Theme, width: u16, height: u16) -> App {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture);
    let (ws, _, _) = trainboard::storage::load_workspace(&dir).into_workspace().expect("fixture loads");
    let mut app = App::new(ws, "~/boards");
    app.set_clock(|| "2026-11-22T10:00:00Z".to_string());
    app.set_theme(theme);
    update(&mut app, Msg::Resize(width, height));
    app
}

fn draw(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(app.screen().width, app.screen().height)).unwrap();
    terminal.draw(|frame| trainboard::ui::render(app, frame)).unwrap();
    terminal.backend().buffer().clone()
}

fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height).map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect::<String>()).collect()
}

/// The cell where `needle` starts.
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    rows(buf)
        .iter()
        .enumerate()
        .find_map(|(y, line)| line.find(needle).map(|byte| (line[..byte].chars().count() as u16, y as u16)))
}

fn screen(buf: &Buffer) -> String {
    rows(buf).join("\n")
}

#[test]
fn over_wip_and_blocked_say_so_in_every_theme() {
    for (name, theme) in themes() {
        let mut app = app("tests/fixtures/ui", theme, 120, 40);
        press(&mut app, "2");
        let buf = draw(&app);
        // Implementing holds 3 with a limit of 2.
        let (x, y) = find(&buf, "3/2 OVER").unwrap_or_else(|| panic!("{name}: no OVER\n{}", screen(&buf)));
        let header = &rows(&buf)[y as usize];
        assert!(header.contains("Implemen"), "{name}: OVER sits in the column's header: {header}");
        if theme.colored {
            assert_ne!(buf[(x, y)].bg, buf[(x, y + 1)].bg, "{name}: and it is coloured too");
        }
        // F-2 is blocked: its card says BLOCKED under its id.
        let (fx, fy) = find(&buf, "F-2 ").unwrap_or_else(|| panic!("{name}: F-2 not shown"));
        let (bx, by) = find(&buf, "■ BLOCKED").unwrap_or_else(|| panic!("{name}: no BLOCKED\n{}", screen(&buf)));
        // The card's last line: the third, or the fourth where titles have two lines.
        assert!(bx == fx && (fy + 2..=fy + 3).contains(&by), "{name}: the marker is on F-2's card\n{}", screen(&buf));
    }
}

#[test]
fn the_current_board_tab_is_in_brackets_in_every_theme() {
    for (name, theme) in themes() {
        let mut app = app("tests/fixtures/ui", theme, 120, 40);
        press(&mut app, "3");
        let top = rows(&draw(&app))[0].clone();
        let current = app.current_board().unwrap().name.clone();
        assert!(top.contains(&format!("[{current}]")), "{name}: {top}");
        assert_eq!(top.matches('[').count(), 1, "{name}: only the current tab: {top}");
    }
}

#[test]
fn the_metrics_wip_bars_say_over_too() {
    for (name, theme) in themes() {
        let mut app = app("tests/fixtures/ui", theme, 120, 40);
        press(&mut app, "2m");
        let text = screen(&draw(&app));
        // The legend beside the flow diagram gives each column's WIP against its limit.
        let line = text.lines().find(|l| l.contains("Implementing 3/")).unwrap_or_default();
        assert!(line.contains("Implementing 3/2 OVER"), "{name}: {line}\n{text}");
        let analyzing = text.lines().find(|l| l.contains("Analyzing") && l.contains("/4")).unwrap_or_default();
        assert!(!analyzing.contains("OVER"), "{name}: {analyzing}");
    }
}

#[test]
fn the_selected_card_starts_with_a_pointer_in_every_theme() {
    for (name, theme) in themes() {
        let mut app = app("tests/fixtures/ui", theme, 120, 40);
        press(&mut app, "2lll");
        let selected = app.selected_id().expect("a card is selected");
        let buf = draw(&app);
        let (x, y) = find(&buf, &format!("{selected} ")).unwrap();
        assert_eq!(buf[(x - 2, y)].symbol(), "▶", "{name}: the selected card's edge is a pointer");
        // Exactly one card carries it: the others keep their plain edge.
        let pointers = rows(&buf).iter().filter(|row| row.contains("▶ ") && row.contains('-')).count();
        assert_eq!(pointers, 1, "{name}:\n{}", screen(&buf));
        press(&mut app, "j");
        let next = app.selected_id().unwrap();
        assert_ne!(next, selected);
        let buf = draw(&app);
        let (x, y) = find(&buf, &format!("{selected} ")).unwrap();
        assert_ne!(buf[(x - 2, y)].symbol(), "▶", "{name}: the pointer moved away");
        let (x, y) = find(&buf, &format!("{next} ")).unwrap();
        assert_eq!(buf[(x - 2, y)].symbol(), "▶", "{name}: onto {next}");
    }
}

#[test]
fn cards_changed_by_someone_else_carry_a_pencil_in_every_theme() {
    for (name, theme) in themes() {
        let mut app = app("tests/fixtures/ui", theme, 120, 40);
        press(&mut app, "2");
        let buf = draw(&app);
        assert!(find(&buf, "✎").is_none(), "{name}: nothing is marked yet");
        let board = app.current_board().expect("a board").clone();
        support::others::board_changed(&mut app, board, &["F-3"]);
        let buf = draw(&app);
        assert!(find(&buf, "✎F-3").is_some(), "{name}: F-3 shows ✎\n{}", screen(&buf));
        assert_eq!(rows(&buf).iter().filter(|r| r.contains('✎')).count(), 1, "{name}: only F-3");
    }
}

#[test]
fn late_dependencies_are_marked_with_a_bang_in_every_theme() {
    for (name, theme) in themes() {
        // In the demo ART, F-4 (Beta, I2) needs F-2 (Alpha, I3): F-2 comes later.
        let mut app = app("assets/demo", theme, 140, 40);
        press(&mut app, "2b");
        let buf = draw(&app);
        let text = screen(&buf);
        assert!(text.contains("F-4 !⇠F-2"), "{name}: the consumer's end says late\n{text}");
        assert!(text.contains("F-2 ⇠EN-2 !⇢F-4"), "{name}: the provider's end too\n{text}");
        // An on-time dependency has no bang.
        assert!(text.contains("EN-2 ⇢F-2"), "{name}:\n{text}");
        assert!(!text.contains("!⇢F-2"), "{name}:\n{text}");
    }
}

/// Sets the actual business value of every objective of one team board to `actual` × planned.
fn set_achievement(app: &mut App, board_name: &str, share: f64) {
    let mut board = app.ws().boards().iter().find(|b| b.name == board_name).expect("team board").clone();
    for objective in &mut board.objectives {
        objective.actual = Some((objective.planned as f64 * share).round() as u32);
    }
    support::others::board_changed(app, board, &[]);
}

#[test]
fn predictability_says_in_below_or_above_the_band_in_every_theme() {
    for (name, theme) in themes() {
        let mut app = app("assets/demo", theme, 120, 40);
        set_achievement(&mut app, "Alpha", 0.5);
        set_achievement(&mut app, "Beta", 1.2);
        press(&mut app, "o");
        let text = screen(&draw(&app));
        let line = |who: &str| {
            text.lines()
                .find(|l| l.trim_start_matches(['│', ' ']).starts_with(who) && l.contains("BV)"))
                .unwrap_or_default()
                .to_string()
        };
        assert!(line("Alpha").contains("% below band"), "{name}: {}\n{text}", line("Alpha"));
        assert!(line("Beta").contains("% above band"), "{name}: {}\n{text}", line("Beta"));
        let train = line("Train");
        assert!(train.contains("% in band") || train.contains("% below band"), "{name}: {train}");
        // The band itself is drawn with its own glyph where the bar does not fill it.
        assert!(line("Alpha").contains('░'), "{name}: the band shows as ░ on Alpha's bar");
    }
}

#[test]
fn okabe_ito_is_the_palette_and_the_config_selects_it() {
    let theme = Theme::okabe_ito();
    let palette = [
        okabe_ito::ORANGE,
        okabe_ito::SKY_BLUE,
        okabe_ito::BLUISH_GREEN,
        okabe_ito::YELLOW,
        okabe_ito::BLUE,
        okabe_ito::VERMILLION,
        okabe_ito::REDDISH_PURPLE,
        okabe_ito::BLACK,
    ];
    assert_eq!(okabe_ito::ORANGE, Color::Rgb(0xE6, 0x9F, 0x00));
    assert_eq!(okabe_ito::VERMILLION, Color::Rgb(0xD5, 0x5E, 0x00));
    assert_eq!(okabe_ito::SKY_BLUE, Color::Rgb(0x56, 0xB4, 0xE9));
    // Every state colour and every kind colour comes from the palette.
    for style in [theme.over_limit, theme.at_limit, theme.blocked, theme.done, theme.marked, theme.accent] {
        for color in [style.fg, style.bg].into_iter().flatten() {
            assert!(palette.contains(&color), "{color:?} is not Okabe–Ito");
        }
    }
    for color in theme.kinds.into_iter().chain(theme.series) {
        assert!(palette.contains(&color), "kind or chart colour {color:?} is not Okabe–Ito");
    }
    assert_ne!(theme, Theme::dark());

    let settings = trainboard::config::parse("(theme: \"okabe-ito\")", false).expect("config parses");
    assert_eq!(settings.theme, theme);
    let settings = trainboard::config::parse("(presentation: (theme: \"okabe-ito\"))", false).expect("config parses");
    assert_eq!(settings.presentation.theme, theme);
    let Err((_, _, message)) = trainboard::config::parse("(theme: \"okabe\")", false) else {
        panic!("an unknown theme is an error")
    };
    assert!(message.contains("\"okabe-ito\""), "the error lists it: {message}");

    // Drawn: the over-limit header really uses vermillion.
    let mut app = app("tests/fixtures/ui", theme, 120, 40);
    press(&mut app, "2");
    let buf = draw(&app);
    let (x, y) = find(&buf, "3/2 OVER").unwrap();
    assert_eq!(buf[(x, y)].bg, okabe_ito::VERMILLION);
}
