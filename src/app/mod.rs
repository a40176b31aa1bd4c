//! The workbench's state, apart from any drawing: the open project and what
//! the panels show of it ([`state::AppState`]), every change to project data
//! as a [`crate::command::Command`] that returns its inverse, the undo history
//! ([`undo::UndoStack`]) and the user's preferences ([`settings::Settings`]).
//!
//! Nothing here uses egui, so all of it can be tested against the database
//! alone.

pub mod changed;
pub mod codings;
pub mod settings;
pub mod state;
pub mod strings;
pub mod undo;

/// The command layer lives below the workbench (imports use it too).
pub use crate::command::{self, Command};
pub use changed::Changed;
pub use codings::Codings;
pub use settings::{Dirs, Settings, StartWith, ThemeChoice};
pub use state::{AppState, SaveStatus};
pub use undo::UndoStack;
