//! Each dialog is one component: its mode maps to the app side (key maps, hints, key
//! handling) and to its drawing alike, and the board and the views map to neither.

mod support;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::screen::demo_app;
use trainboard::app::Mode;
use trainboard::app::columns::ColumnMenu;
use trainboard::app::conflicts::ConflictsDialog;
use trainboard::app::edit_title::EditTitleDialog;
use trainboard::app::filter_dialog::FilterDialog;
use trainboard::app::input::LineInput;
use trainboard::app::questions::{DeleteQuestion, MoveQuestion};
use trainboard::app::state::SearchDialog;
use trainboard::keymap::{Action, Scope};
use trainboard::ui::draw_dialog::drawing;

fn dialogs() -> Vec<(Mode, &'static [Scope])> {
    vec![
        (Mode::Search(SearchDialog::default()), &[Scope::Dialog]),
        (Mode::Filter(FilterDialog::default()), &[Scope::Dialog]),
        (
            Mode::EditTitle(EditTitleDialog { id: "S-1".into(), original: "Old".into(), input: LineInput::new("New") }),
            &[Scope::Dialog],
        ),
        (Mode::ConfirmDelete(DeleteQuestion { id: "S-1".into() }), &[Scope::Question]),
        (Mode::ConfirmMove(MoveQuestion { id: "S-1".into(), to: "Done".into() }), &[Scope::Question]),
        (Mode::ColumnMenu(ColumnMenu { column: 0 }), &[Scope::ColumnMenu]),
        (Mode::BoardMenu, &[Scope::BoardMenu]),
        (Mode::Conflicts(ConflictsDialog::default()), &[Scope::Conflicts, Scope::View]),
    ]
}

#[test]
fn every_dialog_mode_has_its_key_maps_hints_and_drawing() {
    let app = demo_app(80, 24);
    for (mode, scopes) in dialogs() {
        let dialog = mode.as_dialog().unwrap_or_else(|| panic!("{mode:?} is a dialog"));
        assert_eq!(dialog.scopes(), scopes, "{mode:?}");
        assert!(!dialog.hints(&app).is_empty(), "{mode:?} shows its keys");
        assert!(drawing(&mode).is_some(), "{mode:?} is drawn");
        assert!(mode.clone().into_dialog().is_ok(), "{mode:?} takes keys");
    }
}

#[test]
fn the_board_and_the_views_are_no_dialogs() {
    for mode in [Mode::Board, Mode::Help { scroll: 0 }, Mode::Metrics, Mode::ProgramBoard] {
        assert!(mode.as_dialog().is_none(), "{mode:?}");
        assert!(drawing(&mode).is_none(), "{mode:?}");
        assert_eq!(mode.clone().into_dialog().err().map(|m| *m), Some(mode));
    }
}

#[test]
fn a_key_goes_to_the_dialog_and_comes_back_as_the_next_mode() {
    let mut app = demo_app(80, 24);
    let typed = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
    let filter = Mode::Filter(FilterDialog::default()).into_dialog().map_err(|_| "a dialog").unwrap();
    let (next, effects) = filter.handle(&mut app, typed, None);
    assert_eq!(next, Mode::Filter(FilterDialog { input: LineInput::new("x") }), "typing stays open");
    assert!(effects.is_empty());
    let (next, _) = Mode::BoardMenu.into_dialog().map_err(|_| "a dialog").unwrap().handle(
        &mut app,
        typed,
        Some(Action::CloseBoardMenu),
    );
    assert_eq!(next, Mode::Board, "closing the menu leaves the board");
}
