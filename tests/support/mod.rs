//! Shared helpers for the integration tests.
pub mod boards;
pub mod cli;
pub mod html;
pub mod keys_in;
pub mod live;
pub mod others;
pub mod pty;
pub mod scratch;
pub mod screen;
