//! Hidden and hostile characters in board text: the screen layout does not move, headless text
//! and every export format carry none of them raw, and the `$EDITOR` temp file is private,
//! never follows a planted symlink and holds no raw escapes.

#[path = "support/scratch.rs"]
mod scratch;
use scratch::Scratch;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use trainboard::app::{App, Msg, update};

/// Everything that moves or hides text, one of each kind.
const HIDDEN: &[char] = &[
    '\u{2028}',
    '\u{2029}',
    '\u{00AD}',
    '\u{034F}',
    '\u{115F}',
    '\u{1160}',
    '\u{3164}',
    '\u{FFA0}',
    '\u{E0000}',
    '\u{E0001}',
    '\u{E0041}',
    '\u{E007F}',
    '\u{FFF9}',
    '\u{FFFA}',
    '\u{FFFB}',
    '\u{202A}',
    '\u{202B}',
    '\u{202C}',
    '\u{202D}',
    '\u{202E}',
    '\u{2066}',
    '\u{2067}',
    '\u{2068}',
    '\u{2069}',
    '\u{200B}',
    '\u{200C}',
    '\u{200D}',
    '\u{200E}',
    '\u{200F}',
    '\u{2060}',
    '\u{2061}',
    '\u{2062}',
    '\u{2063}',
    '\u{2064}',
    '\u{FEFF}',
    '\u{061C}',
    '\u{180E}',
    '\u{FE0F}',
];

fn board(title: &str) -> String {
    format!(
        "Board(\n    name: \"Alpha\",\n    level: Team,\n    columns: [(name: \"Backlog\"), (name: \"Done\")],\n    items: [\n        (id: \"S-1\", title: {}, column: \"Backlog\", owner: {}),\n        (id: \"S-2\", title: \"Neighbour card\", column: \"Backlog\"),\n    ],\n)\n",
        trainboard::storage::canonical::quote(title),
        trainboard::storage::canonical::quote(title),
    )
}

fn temp(name: &str) -> Scratch {
    Scratch::new(&format!("sanitize-{name}"))
}

fn screen(dir: &Path, title: &str) -> String {
    fs::write(dir.join("team.ron"), board(title)).unwrap();
    let (ws, _, _) = trainboard::storage::load_workspace(dir).into_workspace().expect("board loads");
    let mut app = App::new(ws, "~/boards");
    update(&mut app, Msg::Resize(60, 16));
    let mut terminal = Terminal::new(TestBackend::new(60, 16)).unwrap();
    terminal.draw(|frame| trainboard::ui::render(&app, frame)).unwrap();
    let buf = terminal.backend().buffer().clone();
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>() + "\n")
        .collect()
}

#[test]
fn hidden_characters_in_a_title_leave_the_card_layout_unchanged() {
    let dir = temp("layout");
    for &c in HIDDEN {
        // A line or paragraph separator reads as a space, everything else as nothing.
        let plain = if matches!(c, '\u{2028}' | '\u{2029}') { "Smarter search" } else { "Smartersearch" };
        let expected = screen(&dir, plain);
        let title = if plain.contains(' ') { format!("Smarter{c}search") } else { format!("Smart{c}er{c}search") };
        let shown = screen(&dir, &title);
        assert_eq!(shown, expected, "U+{:04X} moved the layout", c as u32);
        assert!(!shown.contains(c), "U+{:04X} reached the screen", c as u32);
    }
    let _ = fs::remove_dir_all(&dir);
}

fn trainboard(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_trainboard"))
        .args(args)
        .arg("-w")
        .arg(dir)
        .env("HOME", dir.join("home"))
        .env("XDG_CONFIG_HOME", dir.join("home/config"))
        .env("XDG_STATE_HOME", dir.join("home/state"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Every character of `text` that a terminal would act on or hide, with its position.
fn unsafe_chars(text: &str, allow_crlf: bool) -> Vec<(usize, char)> {
    text.char_indices()
        .filter(|&(_, c)| {
            let layout = c == '\n' || (allow_crlf && c == '\r');
            (c.is_control() && !layout) || HIDDEN.contains(&c)
        })
        .collect()
}

/// A title with a colour escape, a CSI in its one-byte C1 form, a bell, a cursor move and
/// every hidden character.
fn hostile_title() -> String {
    let mut title = String::from("Evil\u{1b}[31mred\u{1b}]0;owned\u{7}\u{9b}2J\u{1b}[H");
    title.extend(HIDDEN);
    title.push_str("end");
    title
}

#[test]
fn headless_text_and_every_export_carry_no_raw_escapes_or_hidden_characters() {
    let dir = temp("export");
    fs::write(dir.join("team.ron"), board(&hostile_title())).unwrap();
    for args in [&["list"][..], &["show", "S-1"], &["list", "--json"]] {
        let out = trainboard(&dir, args);
        assert_eq!(unsafe_chars(&out, false), vec![], "{args:?}: {out:?}");
        assert!(out.contains("Evil"), "{args:?}: {out:?}");
    }
    for format in ["markdown", "csv", "html", "json"] {
        // To a pipe (our stdout is one) and to a file.
        let piped = trainboard(&dir, &["export", "--format", format]);
        let file = dir.join(format!("out.{format}"));
        trainboard(&dir, &["export", "--format", format, "--output", file.to_str().unwrap()]);
        let written = fs::read_to_string(&file).unwrap();
        for (how, out) in [("pipe", &piped), ("file", &written)] {
            // The CSV starts with a byte-order mark on purpose (spreadsheets read UTF-8 by it).
            let body = if format == "csv" { out.strip_prefix('\u{feff}').expect("a BOM") } else { out.as_str() };
            assert_eq!(unsafe_chars(body, format == "csv"), vec![], "{format} to a {how}: {out:?}");
            assert!(out.contains("Evil"), "{format} to a {how}");
        }
        if format == "json" {
            // Still the same value: the escapes decode to the original title.
            let value: serde_json::Value = serde_json::from_str(&piped).unwrap();
            assert!(piped.contains("\\u202e") || piped.contains("\\u202E"), "escaped, not dropped");
            let text = value.to_string();
            assert!(text.contains("Evil"), "{text}");
        }
        if format == "csv" {
            let mut reader = csv::Reader::from_reader(piped.as_bytes());
            let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
            assert_eq!(rows.len(), 2, "still one row per item");
        }
    }
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn the_editor_file_is_private_new_and_holds_no_raw_escapes() {
    let dir = temp("editor");
    let id = "S-1";
    // The path earlier versions used, planted as a symlink to a file of the victim's.
    let victim = dir.join("victim.txt");
    fs::write(&victim, "precious\n").unwrap();
    // It has to be that exact path in the system temp folder, so a guard removes it even on a panic.
    let guard = Planted(std::env::temp_dir().join(format!("trainboard-{id}-{}.ron", std::process::id())));
    let planted = &guard.0;
    let _ = fs::remove_file(planted);
    std::os::unix::fs::symlink(&victim, planted).unwrap();
    // An "editor" that records what it was given, then appends a line.
    let log = dir.join("log");
    let script = dir.join("editor.sh");
    fs::write(
        &script,
        format!(
            "#!/bin/sh\nstat -c %a \"$1\" > '{log}'\nstat -c %a \"$(dirname \"$1\")\" >> '{log}'\nprintf '%s\\n' \"$1\" >> '{log}'\nprintf '// edited\\n' >> \"$1\"\n",
            log = log.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    let text = format!(
        "(\n    id: \"S-1\",\n    title: \"{}\",\n    column: \"Backlog\",\n)\n",
        "a\u{202E}b\u{200B}c\u{2028}d"
    );
    let edited = trainboard::editor::edit_text_with(script.to_str().unwrap(), id, &text).expect("editor ran");
    let log = fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines[0], "600", "the file is private");
    assert_eq!(lines[1], "700", "in a private folder");
    let used = Path::new(lines[2]);
    assert_ne!(used, planted, "not the predictable path");
    assert!(!used.exists(), "removed afterwards");
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious\n", "the planted symlink was not followed");
    assert!(planted.symlink_metadata().unwrap().file_type().is_symlink());
    assert!(edited.ends_with("// edited\n"));
    assert_eq!(unsafe_chars(&edited, false), vec![], "{edited:?}");
    assert!(edited.contains("\\u{202e}"), "{edited:?}");
    // The escapes read back as the same title.
    let board = trainboard::storage::parse_board(board("x").as_bytes(), "team.ron").unwrap();
    let item = trainboard::storage::item_snippet::parse_item_snippet(&edited, &board).expect("parses");
    assert_eq!(item.title, "a\u{202E}b\u{200B}c\u{2028}d");
}

/// A file planted at a fixed path outside any scratch folder, removed when dropped.
struct Planted(PathBuf);

impl Drop for Planted {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}
