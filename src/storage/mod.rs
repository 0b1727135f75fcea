//! Board files on disk: reading with precise errors, the canonical writer, atomic saves, and
//! loading and checking whole workspaces.

pub mod load;
pub mod locate;
pub mod read;
pub mod save;
pub mod write;

pub use load::{load_workspace, FileProblem, Loaded, LoadedFile};
pub use read::{parse_board, ParseError};
pub use save::{save_board, SaveError};
pub use write::board_to_string;
