//! The application: state, messages and the `update` function that turns keys into model
//! edits and effects for the shell (save, open the editor, quit).

pub mod actions;
pub mod archive;
pub mod boards;
pub mod change_words;
pub mod columns;
pub mod component;
pub mod conflicts;
pub mod demo;
pub mod description;
pub mod detail_rows;
pub mod details;
pub mod dialogs;
pub mod disk;
pub mod edit_title;
mod external;
pub mod filter;
pub mod filter_dialog;
pub mod geometry;
pub mod input;
pub mod keys;
pub mod marks;
pub mod mouse;
pub mod new_item;
pub mod objectives;
pub mod picker;
pub mod planning;
mod prefs;
pub mod questions;
pub mod quick;
pub mod read_access;
mod selection;
mod session;
pub mod state;
pub mod sync;
pub mod text_area;
pub mod tree;
pub mod update;
mod view;
pub mod wsjf;

pub use state::{App, Cursor, Effect, Mode, Status, Tone};
pub use update::{Msg, update};
