//! The user's settings: `config.ron` in the config folder (or `--config FILE`). Key overrides
//! are layered over the default key map (only the actions named change) and a theme is picked;
//! `NO_COLOR` turns colours off. A broken config is reported as `file:line:column: message`
//! and trainboard starts with the defaults.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::keymap::{Action, Clash, Key, KeyMap};
use crate::storage::parse::from_ron;
use crate::storage::problem_position::line_column;
use crate::theme::{PresentationDefaults, Theme};

#[derive(Debug, Default, Deserialize)]
#[serde(rename = "Config", deny_unknown_fields)]
struct ConfigFile {
    /// Action name → the keys that trigger it (replacing its default keys).
    #[serde(default)]
    keys: BTreeMap<String, Vec<String>>,
    /// `dark`, `light`, `high-contrast`, `high-contrast-light` or `okabe-ito`.
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    presentation: PresentationFile,
    /// Where a card moved to another column lands: `top` (the default) or `bottom`.
    #[serde(default)]
    moved_cards: Option<String>,
}

/// How presentation mode starts.
#[derive(Debug, Deserialize)]
#[serde(rename = "Presentation", deny_unknown_fields)]
struct PresentationFile {
    /// Start presenting read-only (the default) or with editing unlocked.
    #[serde(default = "yes")]
    read_only: bool,
    /// The palette while presenting (default `high-contrast`, or `high-contrast-light` when
    /// `theme` is a light one).
    #[serde(default)]
    theme: Option<String>,
    /// Open in presentation mode.
    #[serde(default)]
    start: bool,
}

fn yes() -> bool {
    true
}

impl Default for PresentationFile {
    fn default() -> PresentationFile {
        PresentationFile { read_only: true, theme: None, start: false }
    }
}

/// What the settings come to, and the problem to show if the file was not usable.
pub struct Settings {
    pub keymap: KeyMap,
    pub theme: Theme,
    pub presentation: PresentationDefaults,
    /// Where a card moved to another column lands in it.
    pub landing: crate::model::ops::Landing,
    pub problem: Option<String>,
}

/// The config file's usual place: `<config folder>/trainboard/config.ron`.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "trainboard").map(|d| d.config_dir().join("config.ron"))
}

/// Reads the settings from `explicit` or the usual place (a missing usual file is fine).
pub fn load(explicit: Option<&Path>, no_color: bool) -> Settings {
    let path = explicit.map(Path::to_path_buf).or_else(default_path);
    let text = match &path {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => Some(text),
            Err(_) if explicit.is_none() => None,
            Err(err) => return defaults(no_color, Some(format!("{}: cannot read the config: {err}", path.display()))),
        },
        None => None,
    };
    match (text, path) {
        (Some(text), Some(path)) => match parse(&text, no_color) {
            Ok(mut settings) => {
                settings.problem = settings.problem.map(|p| format!("{}:{p}", path.display()));
                settings
            }
            Err((line, column, message)) => defaults(
                no_color,
                Some(format!("{}:{line}:{column}: {message}; using the default settings", path.display())),
            ),
        },
        _ => defaults(no_color, None),
    }
}

/// The settings without a config file (`problem`: what to say about the file that was not used).
pub fn defaults(no_color: bool, problem: Option<String>) -> Settings {
    let theme = if no_color { Theme::no_color() } else { Theme::dark() };
    let presentation =
        PresentationDefaults { theme: if no_color { theme } else { Theme::high_contrast() }, ..Default::default() };
    Settings { keymap: KeyMap::default(), theme, presentation, landing: Default::default(), problem }
}

/// Parses config text; errors carry the line and column in the text.
pub fn parse(text: &str, no_color: bool) -> Result<Settings, (usize, usize, String)> {
    let file: ConfigFile = from_ron(text).map_err(|e| (e.line, e.column, e.message))?;
    let at = |needle: &str| {
        let quoted = format!("\"{needle}\"");
        line_column(text, text.find(&quoted).unwrap_or(0))
    };
    let mut keymap = KeyMap::default();
    // Keys the file gives, by key map: the same key for two actions of one map is an error;
    // a default key taken from an action that then has none is said (the file is still used).
    let mut given: std::collections::HashMap<(crate::keymap::Scope, Key), Action> = Default::default();
    let mut warnings: Vec<String> = Vec::new();
    for (name, keys) in &file.keys {
        let action = Action::from_name(name).ok_or_else(|| {
            let (l, c) = at(name);
            (l, c, format!("there is no action \"{name}\"; the help (?) lists them, e.g. \"move_item_right\""))
        })?;
        let parsed: Vec<Key> = keys
            .iter()
            .map(|k| {
                Key::parse(k).ok_or_else(|| {
                    let (l, c) = at(k);
                    (
                        l,
                        c,
                        format!("\"{k}\" is not a key; write keys like \"L\", \"Shift+Right\", \"Ctrl+r\", \"Enter\""),
                    )
                })
            })
            .collect::<Result<_, _>>()?;
        for (key, text) in parsed.iter().zip(keys) {
            if let Some(first) = given.insert((action.scope(), *key), action).filter(|a| *a != action) {
                let (l, c) = at(text);
                let clash = Clash::Twice { key: *key, first, second: action };
                return Err((l, c, format!("{clash}; give each action its own key")));
            }
        }
        for clash in keymap.rebind(action, &parsed) {
            let (l, c) = at(name);
            warnings.push(format!("{l}:{c}: {clash}"));
        }
    }
    let pick = |name: Option<&str>, default: Theme| match name {
        _ if no_color => Ok(Theme::no_color()),
        None => Ok(default),
        Some(name) => Theme::named(name).ok_or_else(|| {
            let (l, c) = at(name);
            let names: Vec<String> = crate::theme::THEME_NAMES.iter().map(|n| format!("\"{n}\"")).collect();
            (l, c, format!("there is no theme \"{name}\"; use one of {}", names.join(", ")))
        }),
    };
    let theme = pick(file.theme.as_deref(), Theme::dark())?;
    let presentation = PresentationDefaults {
        read_only: file.presentation.read_only,
        theme: pick(file.presentation.theme.as_deref(), crate::theme::presentation_default(file.theme.as_deref()))?,
        start: file.presentation.start,
    };
    let landing = match file.moved_cards.as_deref() {
        None => Default::default(),
        Some(name) => crate::model::ops::Landing::from_name(name).ok_or_else(|| {
            let (l, c) = at(name);
            (l, c, format!("moved_cards is \"top\" or \"bottom\", not \"{name}\""))
        })?,
    };
    let problem = (!warnings.is_empty()).then(|| warnings.join("; "));
    Ok(Settings { keymap, theme, presentation, landing, problem })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_only_the_named_actions() {
        let settings =
            parse("(keys: {\"quit\": [\"x\"], \"move_item_right\": [\"Ctrl+l\"]}, theme: \"light\")", false).unwrap();
        assert_eq!(settings.keymap.keys_label(Action::Quit), "x");
        assert_eq!(settings.keymap.keys_label(Action::MoveItemRight), "Ctrl+l");
        assert_eq!(settings.keymap.keys_label(Action::SelectNextColumn), "l →", "others keep their keys");
        assert_eq!(settings.theme, Theme::light());
        assert_eq!(
            settings.presentation,
            PresentationDefaults { theme: Theme::high_contrast_light(), ..Default::default() },
            "a light theme presents in the light high-contrast palette"
        );
        let settings = parse("(presentation: (read_only: false, theme: \"light\", start: true))", false).unwrap();
        assert_eq!(
            settings.presentation,
            PresentationDefaults { read_only: false, theme: Theme::light(), start: true }
        );
    }

    #[test]
    fn key_clashes_in_the_config_are_reported() {
        let err = parse("(keys: {\n  \"quit\": [\"x\"],\n  \"search\": [\"x\"],\n})", false).err().unwrap();
        assert_eq!((err.0, err.1), (2, 12), "the key's place: {err:?}");
        assert!(err.2.contains("\"x\" is given to both quit and search"), "{}", err.2);
        // A default key taken away: the config is used, and what was lost is said.
        let settings = parse("(keys: {\n  \"search\": [\"?\"],\n})", false).unwrap();
        assert_eq!(settings.keymap.keys_label(Action::Search), "?");
        let problem = settings.problem.expect("said");
        assert!(problem.starts_with("2:3: ") && problem.contains("help has no key left"), "{problem}");
        // The same key in two key maps is no clash: `x` ticks a criterion in the details.
        assert!(parse("(keys: {\"quit\": [\"x\"]})", false).unwrap().problem.is_none());
    }

    #[test]
    fn bad_config_names_line_and_column() {
        let err = parse("(\n  keys: {\"fly\": [\"f\"]},\n)", false).err().unwrap();
        assert_eq!((err.0, err.1), (2, 10));
        assert!(err.2.contains("no action \"fly\""));
        let err = parse("(\n  theme: \"neon\",\n)", false).err().unwrap();
        assert_eq!((err.0, err.1), (2, 10));
        let err = parse("(\n  colour: 3,\n)", false).err().unwrap();
        assert_eq!(err.0, 2);
        assert_eq!(parse("(theme: \"light\")", true).unwrap().theme, Theme::no_color());
        let err = parse("(\n  moved_cards: \"middle\",\n)", false).err().unwrap();
        assert_eq!((err.0, err.2.contains("\"top\" or \"bottom\"")), (2, true));
        let bottom = parse("(moved_cards: \"bottom\")", false).unwrap().landing;
        assert_eq!(bottom, crate::model::ops::Landing::Bottom);
    }
}
