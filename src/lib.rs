//! trainboard: a terminal Kanban board for SAFe portfolio, program and team boards kept in
//! plain RON files. The model is pure; storage, terminal and command line wrap it.

pub mod app;
pub mod clock;
pub mod editor;
pub mod keymap;
pub mod model;
pub mod storage;
pub mod tui;
pub mod ui;
pub mod watch;
