//! Reading terminal events on a thread of their own and handing them to the event loop as
//! wakes; the thread can be paused while another program (the editor) owns the terminal.

use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

use crate::app::Msg;
use crate::runtime::Wake;

/// What the input thread is asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InputState {
    Running,
    PauseRequested,
    Paused,
    /// The thread has ended (the terminal is gone): nothing to pause or resume.
    Stopped,
}

/// Reads terminal events on its own thread and forwards them as messages. It can be paused
/// while another program (the editor) owns the terminal, so no keystroke is stolen from it.
pub struct InputThread {
    state: Arc<(Mutex<InputState>, Condvar)>,
}

/// How often the input thread looks for a pause request while no key arrives.
const PAUSE_CHECK: Duration = Duration::from_millis(200);

impl InputThread {
    pub fn spawn(tx: Sender<Wake>) -> InputThread {
        let state = Arc::new((Mutex::new(InputState::Running), Condvar::new()));
        let shared = Arc::clone(&state);
        thread::spawn(move || {
            input_loop(&shared, &tx);
            let (lock, cvar) = &*shared;
            if let Ok(mut state) = lock.lock() {
                *state = InputState::Stopped;
                cvar.notify_all();
            }
        });
        InputThread { state }
    }

    /// Waits until the thread has stopped reading the terminal.
    pub fn pause(&self) {
        let (lock, cvar) = &*self.state;
        let Ok(mut state) = lock.lock() else { return };
        if *state == InputState::Stopped {
            return;
        }
        *state = InputState::PauseRequested;
        while *state == InputState::PauseRequested {
            match cvar.wait(state) {
                Ok(next) => state = next,
                Err(_) => return,
            }
        }
    }

    pub fn resume(&self) {
        let (lock, cvar) = &*self.state;
        if let Ok(mut state) = lock.lock()
            && *state != InputState::Stopped
        {
            *state = InputState::Running;
            cvar.notify_all();
        }
    }
}

/// The terminal cannot be read any more (closed: EIO): the main loop saves and quits.
fn terminal_lost(tx: &Sender<Wake>) {
    let _ = tx.send(Wake::Terminate);
}

fn input_loop(shared: &(Mutex<InputState>, Condvar), tx: &Sender<Wake>) {
    let (lock, cvar) = shared;
    loop {
        {
            let Ok(mut state) = lock.lock() else { return };
            if *state == InputState::PauseRequested {
                *state = InputState::Paused;
                cvar.notify_all();
            }
            while *state == InputState::Paused {
                match cvar.wait(state) {
                    Ok(next) => state = next,
                    Err(_) => return,
                }
            }
        }
        match event::poll(PAUSE_CHECK) {
            Ok(true) => {}
            Ok(false) => continue,
            Err(_) => return terminal_lost(tx),
        }
        let msg = match event::read() {
            Ok(Event::Key(key)) => Wake::Input(Msg::Key(key)),
            Ok(Event::Paste(text)) => Wake::Input(Msg::Paste(text)),
            Ok(Event::Resize(width, height)) => Wake::Input(Msg::Resize(width, height)),
            Ok(Event::Mouse(mouse)) => Wake::Mouse(mouse),
            Ok(_) => continue,
            Err(_) => return terminal_lost(tx),
        };
        if tx.send(msg).is_err() {
            return;
        }
    }
}
