//! The ART sync view (`S`) on the demo: the agenda of blocked work, full columns, late or
//! unplanned dependencies and unROAMed risks, at 80×24, 120×40 and a projector's 160×45.

mod support;

use support::keys_in::press;
use support::screen::{demo_app as demo, draw, text};
use trainboard::app::Mode;

#[test]
fn the_agenda_lists_what_the_files_hold() {
    let app = demo(120, 40);
    let agenda = trainboard::model::sync::agenda(app.ws());
    // Everything blocked and not done on any board is on it, and nothing else.
    let blocked: Vec<String> = app
        .ws()
        .tabs()
        .filter_map(|b| app.ws().board(b))
        .flat_map(|b| {
            let done = b.columns[b.done_column()].name.clone();
            b.items.iter().filter(move |i| i.blocked.is_some() && i.column != done).map(|i| i.id.clone())
        })
        .collect();
    let listed: Vec<String> = agenda.blocked.iter().map(|(_, i)| i.id.clone()).collect();
    assert_eq!(listed, blocked);
    assert!(!blocked.is_empty(), "the demo has blocked work");
    let risks = agenda.roam.iter().sum::<usize>();
    assert!(risks > 0 && agenda.unroamed.len() == agenda.roam[4], "{:?}", agenda.roam);
}

#[test]
fn the_sync_view_at_each_size() {
    for (w, h) in [(80, 24), (120, 40), (160, 45)] {
        let mut app = demo(w, h);
        press(&mut app, "S");
        assert!(matches!(app.mode(), Mode::Sync { .. }));
        let screen = text(&draw(&app));
        assert!(screen.contains("ART sync") && screen.contains("Blocked ("), "{screen}");
        insta::assert_snapshot!(format!("sync_{w}x{h}"), screen);
        // j scrolls, Esc closes.
        press(&mut app, "j");
        assert!(matches!(app.mode(), Mode::Sync { scroll: 1 }));
        press(&mut app, "\x1b");
        assert_eq!(*app.mode(), Mode::Board);
    }
}

#[test]
fn the_system_demo_steps_through_iterations() {
    for (w, h) in [(80, 24), (120, 40), (160, 45)] {
        let mut app = demo(w, h);
        press(&mut app, "v");
        let Mode::SystemDemo { iteration: first, .. } = app.mode().clone() else { panic!("the demo view opens") };
        let screen = text(&draw(&app));
        assert!(screen.contains("System demo of") && screen.contains("Velocity"), "{screen}");
        insta::assert_snapshot!(format!("system_demo_{w}x{h}"), screen);
        press(&mut app, "h");
        let Mode::SystemDemo { iteration, .. } = app.mode().clone() else { panic!("h stays in the view") };
        assert_eq!(iteration, first.saturating_sub(1));
        press(&mut app, "\x1b");
        assert_eq!(*app.mode(), Mode::Board);
    }
}
