//! The objectives view with the ART's objectives first and the predictability trend over the
//! demo's three PIs: snapshots at 80×24 and 160×45, and presenting (`P`) at 160×45, with the
//! figures checked against the demo's files.

mod support;

use support::keys_in::press;
use support::screen::{demo_app, draw, text};

use trainboard::app::objectives::{Row, rows};
use trainboard::model::objectives::trend;

/// The screen line holding `needle`, from the selection mark on.
fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen.lines().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle:?} not on screen:\n{screen}"))
}

#[test]
fn the_art_objectives_come_first_and_the_trend_runs_oldest_to_newest() {
    let mut app = demo_app(160, 45);
    press(&mut app, "o");
    let screen = text(&draw(&app));
    let art = screen.find("ART objectives (Mobile Shopping ART)").expect("the ART section");
    let alpha = screen.find("Alpha  ·  planned").expect("Alpha's section");
    assert!(art < alpha, "the ART's objectives are above the teams'\n{screen}");
    // The view opens on the program board's section (the demo opens on the program board).
    assert!(line_with(&screen, "ART objectives").contains('▸'), "{screen}");
    // Past PIs' objectives are not rows of the current PI.
    assert!(!screen.contains("Guest checkout without an account"), "{screen}");
    assert!(screen.contains("Payments auditable and strongly authenticated"), "{screen}");
    // ART 7 of 9 committed; the train counts the teams only: (17 + 14) of (18 + 16).
    assert!(line_with(&screen, "  ART  ").contains("78 % below band  (7 of 9 BV)"), "{screen}");
    assert!(line_with(&screen, "Train ").contains("91 % in band  (31 of 34 BV)"), "{screen}");
    // The train's vote is shown in the ART section, the program board's.
    let vote = screen[art..alpha].lines().any(|l| l.contains("Confidence"));
    assert!(vote, "{screen}");

    let header = line_with(&screen, "Predictability by PI");
    assert!(header.contains("target band 80–100 %"), "{header}");
    let pis = line_with(&screen, "PI 2026.2");
    let (a, b, c) = (pis.find("PI 2026.2").unwrap(), pis.find("PI 2026.3").unwrap(), pis.find("PI 2026.4").unwrap());
    assert!(a < b && b < c, "oldest first: {pis}");
    let figures = |who: &str| {
        let start = screen.find("Predictability by PI").unwrap();
        screen[start..].lines().find(|l| l.trim_start_matches(['│', ' ', '▸']).starts_with(who)).unwrap().to_string()
    };
    // Alpha: 13/18, 15/18, 17/18. Beta: 20/16, 11/17, 14/16. Train: 33/34, 26/35, 31/34.
    for (who, expected) in [
        ("Alpha", ["72 % below band", "83 % in band", "94 % in band"]),
        ("Beta", ["125 % above band", "65 % below band", "88 % in band"]),
        ("Train", ["97 % in band", "74 % below band", "91 % in band"]),
        ("ART", ["82 % in band", "71 % below band", "78 % below band"]),
    ] {
        let row = figures(who);
        let at: Vec<usize> = expected.iter().map(|e| row.find(e).unwrap_or_else(|| panic!("{e} in {row}"))).collect();
        assert!(at[0] < at[1] && at[1] < at[2], "{row}");
    }
    // The model says the same, PI by PI.
    let trend = trend(app.ws());
    assert_eq!(trend.pis, [Some("PI 2026.2"), Some("PI 2026.3"), Some("PI 2026.4")]);
    let train: Vec<(u32, u32)> = trend.train.iter().map(|a| (a.actual, a.planned)).collect();
    assert_eq!(train, [(33, 34), (26, 35), (31, 34)]);
    insta::assert_snapshot!("objectives_trend_160x45", screen);
}

#[test]
fn at_80x24_the_last_row_scrolls_the_trend_into_view() {
    let mut app = demo_app(80, 24);
    press(&mut app, "o");
    let top = text(&draw(&app));
    assert!(top.contains("ART objectives (Mobile Shopping ART)"), "{top}");
    insta::assert_snapshot!("objectives_trend_80x24_top", top);
    press(&mut app, "G");
    assert_eq!(rows(app.ws()).get(app.objectives().selected), Some(&Row::Train { key: Some("art.ron".into()) }));
    let bottom = text(&draw(&app));
    assert!(bottom.contains("Predictability by PI"), "{bottom}");
    assert!(bottom.contains("│▸ Program predictability (teams' actual"), "the train's line is selected\n{bottom}");
    // 80 columns hold the three PIs.
    assert!(line_with(&bottom, "PI 2026.2").contains("PI 2026.4"), "{bottom}");
    insta::assert_snapshot!("objectives_trend_80x24_bottom", bottom);
}

#[test]
fn presenting_shows_the_same_view_and_the_art_objectives_can_be_scored_once_unlocked() {
    let mut app = demo_app(160, 45);
    press(&mut app, "Po");
    let screen = text(&draw(&app));
    assert!(screen.contains("ART objectives (Mobile Shopping ART)") && screen.contains("Predictability by PI"));
    insta::assert_snapshot!("objectives_trend_presenting_160x45", screen);
    // Presenting is read-only at first: scoring the ART's first objective is refused.
    assert!(app.presentation().read_only, "the default presentation is read-only");
    press(&mut app, "jA");
    assert!(app.objectives().prompt.is_none());
    assert!(app.status().as_ref().is_some_and(|s| s.text.contains("read-only while presenting")));
    // Unlocked (U on the board), the view opens on the ART again and j selects that objective.
    press(&mut app, "\x1bUojA8\n");
    let art = app.ws().board_by_key("art.ron").unwrap();
    assert_eq!(art.objectives[0].actual, Some(8));
    assert_eq!(art.objectives.len(), 7, "nothing added or lost");
    let screen = text(&draw(&app));
    assert!(line_with(&screen, "  ART  ").contains("79 % below band  (15 of 19 BV)"), "{screen}");
}

#[test]
fn art_objectives_are_added_edited_and_toggled_like_a_teams_and_past_ones_stay_put() {
    let mut app = demo_app(120, 40);
    let art = |app: &trainboard::app::App| app.ws().board_by_key("art.ron").unwrap().objectives.clone();
    let before = art(&app);
    // The demo opens on the program board: the view opens on the ART's heading.
    press(&mut app, "onSame-day delivery in two cities\n");
    let after = art(&app);
    assert_eq!(after.len(), before.len() + 1);
    let added = after.last().unwrap();
    assert_eq!((added.text.as_str(), added.planned, added.pi.as_deref()), ("Same-day delivery in two cities", 1, None));
    // The new objective is selected (it is the ART's fourth row of this PI): plan, stretch, rename.
    assert_eq!(
        rows(app.ws()).get(app.objectives().selected),
        Some(&Row::Objective { key: "art.ron".into(), index: 7 })
    );
    press(&mut app, "B\x156\nXe\x15Same-day delivery\n");
    let o = art(&app).last().cloned().unwrap();
    assert_eq!((o.text.as_str(), o.planned, o.stretch), ("Same-day delivery", 6, true));
    assert_eq!(art(&app)[..before.len()], before[..], "the earlier PIs' objectives are untouched");
    let screen = text(&draw(&app));
    assert!(screen.contains("▸    6 →  –  Same-day delivery (stretch)"), "{screen}");
    // Four steps, four undos.
    press(&mut app, "uuuu");
    assert_eq!(art(&app), before);
}
