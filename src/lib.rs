//! trainboard: a terminal Kanban board for SAFe portfolio, program and team boards kept in
//! plain RON files. The model is pure; storage, terminal and command line wrap it.

pub mod app;
pub mod archiving;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod demo;
pub mod disk;
pub mod docgen;
pub mod doctor;
pub mod early;
pub mod editor;
pub mod export;
pub mod generate;
pub mod githooks;
pub mod gitsetup;
pub mod headless;
pub mod history;
pub mod import;
pub mod input_thread;
pub mod keymap;
pub mod logging;
pub mod memory;
pub mod merge;
pub mod merge_driver;
pub mod model;
pub mod plain;
pub mod runtime;
pub mod saver;
pub mod storage;
pub mod terminal;
pub mod tui;
pub mod ui;
pub mod watch;
