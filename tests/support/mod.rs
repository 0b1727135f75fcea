//! Shared helpers for the integration tests.
pub mod boards;
pub mod pty;
