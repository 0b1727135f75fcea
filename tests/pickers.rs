//! Every picker and the search at 80×24 and 120×40: what it lists, that typing narrows it,
//! and a snapshot of each (team, move to team, board, archive, restore, search).

mod support;

use support::keys_in::press;
use support::screen::{demo_app as app, draw, text};

fn screen_after(width: u16, height: u16, keys: &str) -> String {
    let mut app = app(width, height);
    press(&mut app, keys);
    text(&draw(&app))
}

#[test]
fn team_and_move_to_team_pickers() {
    for (w, h) in [(80, 24), (120, 40)] {
        let team = screen_after(w, h, "3lT");
        assert!(team.contains("Team of"), "{team}");
        insta::assert_snapshot!(format!("picker_team_{w}x{h}"), team);
        let to_team = screen_after(w, h, "3lM");
        assert!(to_team.contains("Move"), "{to_team}");
        insta::assert_snapshot!(format!("picker_move_to_team_{w}x{h}"), to_team);
    }
}

#[test]
fn board_picker_narrows_as_you_type() {
    for (w, h) in [(80, 24), (120, 40)] {
        let all = screen_after(w, h, "'");
        assert!(all.contains("Go to board"), "{all}");
        insta::assert_snapshot!(format!("picker_board_{w}x{h}"), all);
        let narrowed = screen_after(w, h, "'zzzz");
        assert!(narrowed.contains("no match"), "nothing is called zzzz:\n{narrowed}");
    }
}

#[test]
fn archive_and_restore_pickers() {
    for (w, h) in [(80, 24), (120, 40)] {
        // The last column of the first team board is its done column.
        let archive = screen_after(w, h, "3llllllllZ");
        assert!(archive.contains("Archive done items of"), "{archive}");
        assert!(archive.contains("done before a date"), "{archive}");
        insta::assert_snapshot!(format!("picker_archive_{w}x{h}"), archive);
        // Archive the selected done card, then look into the archive.
        let restore = screen_after(w, h, "3llllllllZ\nz");
        assert!(restore.contains("Restore from the archive of Alpha"), "{restore}");
        insta::assert_snapshot!(format!("picker_restore_{w}x{h}"), restore);
    }
}

#[test]
fn search_lists_hits_with_their_field() {
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = screen_after(w, h, "/s");
        assert!(screen.contains("match"), "{screen}");
        insta::assert_snapshot!(format!("search_{w}x{h}"), screen);
    }
}

#[test]
fn column_and_board_menu_pickers() {
    for (w, h) in [(80, 24), (120, 40)] {
        // Deleting a column that holds cards asks where they go.
        let cards_to = screen_after(w, h, "3Cd");
        assert!(cards_to.contains("Ready") && cards_to.contains("In Progress"), "{cards_to}");
        insta::assert_snapshot!(format!("picker_cards_to_{w}x{h}"), cards_to);
        let level = screen_after(w, h, "Rn");
        assert!(level.contains("Level of the new board"), "{level}");
        insta::assert_snapshot!(format!("picker_new_board_level_{w}x{h}"), level);
    }
}
