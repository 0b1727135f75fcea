//! Board files on disk: reading with precise errors, the canonical writer, atomic saves, and
//! loading and checking whole workspaces.

pub mod create;
pub mod faults;
pub mod files;
pub mod first;
pub mod id_set;
pub mod load;
pub mod locate;
pub mod lock;
pub mod newer;
pub mod open;
pub mod packed;
pub mod process;
pub mod protocol;
pub mod published;
pub mod read;
pub mod save;
pub mod scan;
pub mod snippet;
pub mod temp;
pub mod write;

pub use load::{FileProblem, Loaded, LoadedFile, load_workspace};
pub use read::{ParseError, parse_board};
pub use save::{SaveError, save_board};
pub use write::board_to_string;
