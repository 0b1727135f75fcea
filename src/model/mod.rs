//! The pure board model: boards, items, operations, roll-up, undo. No terminal, files or clock;
//! times come in as RFC 3339 strings from the caller.

pub mod archive;
pub mod batch;
pub mod board;
pub mod board_fields;
pub mod columns;
pub mod confidence;
pub mod demo;
pub mod edit;
pub mod fields;
pub mod flow;
pub mod flow_metrics;
pub mod flow_words;
pub mod ids;
pub mod item;
pub mod name;
pub mod natural;
pub mod objectives;
pub mod ops;
pub mod pi;
pub mod planning;
pub mod renumber;
pub mod search;
pub mod sync;
pub mod time;
pub mod validate;
pub mod workspace;

pub use board::{Board, Capacity, Column, Level, Milestone, Objective};
pub use edit::{Edit, Op};
pub use item::{Criterion, Item, Kind, Move, Wsjf};
pub use name::ColumnName;
pub use time::Time;
pub use workspace::Workspace;

/// Why an operation could not be done, in words for the status line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("there is no item {0}")]
    UnknownItem(String),
    #[error("there is no board {0}")]
    UnknownBoard(String),
    #[error("board {board} has no column \"{column}\"")]
    UnknownColumn { board: String, column: String },
    #[error("the id {0} is already taken")]
    DuplicateId(String),
    #[error("the new order of board {0} does not list every item once")]
    OrderMismatch(String),
    #[error("nothing to change")]
    NothingToChange,
    #[error("{0} is not in the same column")]
    NotInSameColumn(String),
    #[error("a title cannot be empty")]
    EmptyTitle,
    #[error("the id of {0} cannot be changed")]
    IdChanged(String),
    #[error("there is no iteration \"{iteration}\" (the iterations are {known})")]
    UnknownIteration { iteration: String, known: String },
    #[error("there is no board on the level below to split onto")]
    NoLevelBelow,
    #[error("{field}: {why}")]
    InvalidValue { field: String, why: String },
    /// A value the user typed that the field cannot hold, in words.
    #[error("{0}")]
    Invalid(String),
}
