//! Board files on disk. Reading one board: `parse` (RON with line and column), `newer_version`
//! (a board from a newer trainboard), `problem_position` (where a workspace problem sits).
//! Writing one: `canonical` (the board as stable text), `atomic` (temp file, fsync, rename),
//! `create_board` (a new file at a free name). Sharing: `save_protocol` (lock, re-read, merge,
//! write), `lock`, `temp_files`, `process_identity`, `workspace_files` (what the running app
//! knows of each file), `packed_base` and `id_set` (the merge base). Whole workspaces:
//! `folder_scan` (which files are boards), `load_and_check` (read all, check the rules),
//! `open_tolerant` (open despite broken boards), `first_board` (the first screen early),
//! `published` (what git already has). `item_snippet` is one item for `$EDITOR`;
//! `fault_injection` makes saves fail in tests.

pub mod atomic;
pub mod canonical;
pub mod create_board;
pub mod fault_injection;
pub mod first_board;
pub mod folder_scan;
pub mod id_set;
pub mod item_snippet;
pub mod load_and_check;
pub mod lock;
pub mod newer_version;
pub mod open_tolerant;
pub mod packed_base;
pub mod parse;
pub mod problem_position;
pub mod process_identity;
pub mod published;
pub mod save_protocol;
pub mod temp_files;
pub mod workspace_files;

pub use atomic::{SaveError, save_board};
pub use canonical::board_to_string;
pub use load_and_check::{FileProblem, Loaded, LoadedFile, load_workspace};
pub use parse::{ParseError, parse_board};
