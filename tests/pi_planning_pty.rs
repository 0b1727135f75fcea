//! A mini PI planning on a copy of the demo, run as the Release Train Engineer runs it on the
//! room's screen, in a pseudo-terminal: a feature moved on the program board to another
//! iteration and team, a risk ROAMed, an objective scored by the business owners, the team's
//! confidence vote recorded; then quit, and every change is in the board files.

mod support;
use support::scratch::Scratch;

use std::fs;
use std::path::Path;

use support::pty::{PtyApp, keys};
use trainboard::model::Board;

fn board(dir: &Path, file: &str) -> Board {
    trainboard::storage::parse_board(&fs::read(dir.join(file)).unwrap(), file).expect("the board stays valid")
}

#[test]
fn a_mini_pi_planning_moves_roams_scores_votes_and_everything_is_in_the_files() {
    let scratch = Scratch::demo_copy("pi-planning");
    let (dir, home) = (scratch.join("ws"), scratch.join("home"));
    let objectives_before = board(&dir, "team-alpha.ron").objectives;
    let votes_before = board(&dir, "team-alpha.ron").confidence.len();
    let mut app = PtyApp::start(&[dir.to_str().unwrap()], &dir, &home, &[], 140, 40);
    app.wait_for("Mobile Shopping ART");

    // The program board: F-4 (Beta, I3) goes one iteration later and to the team above.
    app.send("/F-4");
    app.wait_for("Strong customer");
    app.send(keys::ENTER);
    app.send("b");
    app.wait_for("▶ F-4");
    app.send("L");
    app.wait_for("F-4 planned for I4");
    app.send("K");
    app.wait_for("Alpha");
    app.send(keys::ESC);

    // The ROAM board: R-7 leaves Unroamed for Owned.
    app.send("/R-7");
    app.wait_for("Fraud scoring");
    app.send(keys::ENTER);
    app.wait_for("ART Risks (ROAM)");
    app.send("LL");
    app.wait_for("R-7 moved to Owned");

    // Alpha's objectives: the business owners score one, the team votes.
    app.send("3o");
    app.wait_for("Predictability");
    app.send("V");
    app.send("5 4 4 3");
    app.send(keys::ENTER);
    app.wait_for("vote");
    app.send("jA");
    app.send("\x157"); // Ctrl+u clears the value the prompt starts with
    app.send(keys::ENTER);
    app.send(keys::ESC);
    app.send("q");
    assert!(app.wait_exit(), "quits");
    assert!(app.terminal_restored());

    let art = board(&dir, "art.ron");
    let f4 = art.item("F-4").unwrap();
    assert_eq!((f4.iteration.as_deref(), f4.team.as_deref()), (Some("I4"), Some("Alpha")), "the plan moved");
    assert_eq!(board(&dir, "roam.ron").item("R-7").unwrap().column, "Owned", "the risk is owned");
    let alpha = board(&dir, "team-alpha.ron");
    assert_eq!(alpha.confidence.len(), votes_before + 1, "one vote recorded");
    let vote = alpha.confidence.last().unwrap();
    assert_eq!(vote.votes.iter().map(|f| f.get()).collect::<Vec<_>>(), [5, 4, 4, 3]);
    let changed: Vec<_> = alpha.objectives.iter().zip(&objectives_before).filter(|(now, then)| now != then).collect();
    assert_eq!(changed.len(), 1, "one objective scored: {changed:?}");
    assert_eq!(changed[0].0.actual, Some(7));
    assert_eq!(changed[0].0.text, changed[0].1.text, "the same objective, scored");
}
