//! Contrast of every theme: the WCAG ratio of each foreground/background pair the theme draws
//! text with, against the background it is made for (xterm's palette for named colours).

use trainboard::theme::THEME_NAMES;
use trainboard::theme::Theme;
use trainboard::theme::contrast::pairs;

fn table(name: &str) -> Vec<(String, f64)> {
    pairs(&Theme::named(name).expect("a theme"), name)
}

fn ratio_of(name: &str, what: &str) -> f64 {
    table(name).into_iter().find(|(w, _)| w == what).map(|(_, r)| r).unwrap_or_else(|| panic!("{what} in {name}"))
}

#[test]
fn the_light_theme_reads_on_white_column_names_and_enablers_included() {
    for (what, ratio) in table("light") {
        let floor = if what.starts_with("border") { 3.0 } else { 4.5 };
        assert!(ratio >= floor, "light: {what} has {ratio:.2}:1, below {floor}:1");
    }
    assert!(ratio_of("light", "column name") >= 4.5);
    assert!(ratio_of("light", "kind Enabler") >= 4.5);
}

#[test]
fn every_theme_keeps_column_names_readable_and_nothing_below_three_to_one() {
    for name in THEME_NAMES {
        let table = table(name);
        assert!(table.len() >= 20, "{name}: every style is measured");
        for (what, ratio) in &table {
            assert!(*ratio >= 3.0, "{name}: {what} has {ratio:.2}:1");
            if what.contains("column name") || what == "text" || what == "header" {
                assert!(*ratio >= 4.5, "{name}: {what} has {ratio:.2}:1");
            }
        }
    }
}

#[test]
fn column_names_on_screen_use_the_measured_colour() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ui");
    let (ws, _, _) = trainboard::storage::load_workspace(&dir).into_workspace().unwrap();
    let mut app = trainboard::app::App::new(ws, "x");
    app.set_theme(Theme::light());
    trainboard::app::update(&mut app, trainboard::app::Msg::Resize(120, 30));
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    terminal.draw(|frame| trainboard::ui::render(&app, frame)).unwrap();
    let buf = terminal.backend().buffer().clone();
    let board = app.current_board().unwrap();
    // The second column is not selected: its name is drawn on its border.
    let name = &board.columns[1].name;
    let first: char = name.chars().next().unwrap();
    let hit = (0..buf.area.height).find_map(|y| {
        let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol().to_string()).collect();
        row.find(&format!(" {name}")).map(|byte| (row[..byte].chars().count() as u16 + 1, y))
    });
    let (x, y) = hit.unwrap_or_else(|| panic!("{name} on screen"));
    assert_eq!(buf[(x, y)].symbol(), first.to_string());
    let drawn = trainboard::theme::contrast::rgb(buf[(x, y)].fg).unwrap_or((0, 0, 0));
    let ratio = trainboard::theme::contrast::ratio(drawn, (255, 255, 255));
    assert!(ratio >= 4.5, "{name} drawn in {:?}: {ratio:.2}:1", buf[(x, y)].fg);
}

#[test]
fn presentation_palettes_read_at_four_and_a_half_to_one_on_the_background_of_their_theme() {
    for name in THEME_NAMES {
        let settings = trainboard::config::parse(&format!("(theme: \"{name}\")"), false).expect("parses");
        let palette = settings.presentation.theme;
        // Measured against the background the everyday theme is made for: that is the
        // terminal presenting happens on.
        let table = pairs(&palette, name);
        assert!(table.len() >= 20, "{name}: every style is measured");
        for (what, ratio) in &table {
            assert!(*ratio >= 4.5, "presenting from {name}: {what} has {ratio:.2}:1");
        }
    }
    assert_eq!(
        trainboard::config::parse("(theme: \"light\")", false).unwrap().presentation.theme,
        Theme::high_contrast_light()
    );
}
