//! Undo and redo: two stacks of inverse commands.

use std::time::{Duration, Instant};

use super::Command;

/// Edits of the same memo closer together than this are one undo step.
const COALESCE_WINDOW: Duration = Duration::from_secs(5);

/// One undoable step: what to run to go back, and what to call it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Shown in the Edit menu: "Undo apply code".
    pub label: String,
    /// The command that reverses the step.
    pub inverse: Command,
    at: Instant,
}

/// The undo and redo history of one open project.
#[derive(Debug, Default)]
pub struct UndoStack {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
}

impl UndoStack {
    /// Records a new change: its inverse goes on the undo stack and the redo
    /// stack is cleared. Consecutive edits of one memo share a step.
    pub fn record(&mut self, label: String, inverse: Command) {
        self.redo.clear();
        let now = Instant::now();
        if let Some(top) = self.undo.last_mut()
            && inverse.coalesces_with(&top.inverse)
            && now.duration_since(top.at) < COALESCE_WINDOW
        {
            top.at = now;
            return;
        }
        self.undo.push(Entry {
            label,
            inverse,
            at: now,
        });
    }

    /// Takes the step to undo.
    pub fn pop_undo(&mut self) -> Option<Entry> {
        self.undo.pop()
    }

    /// Takes the step to redo.
    pub fn pop_redo(&mut self) -> Option<Entry> {
        self.redo.pop()
    }

    /// After an undo ran: `inverse` redoes it.
    pub fn push_redo(&mut self, label: String, inverse: Command) {
        self.redo.push(Entry {
            label,
            inverse,
            at: Instant::now(),
        });
    }

    /// After a redo ran: `inverse` undoes it again (the redo stack is kept).
    pub fn push_undo(&mut self, label: String, inverse: Command) {
        self.undo.push(Entry {
            label,
            inverse,
            at: Instant::now(),
        });
    }

    /// Puts an entry back where it was taken from, after it failed to run.
    pub fn restore_undo(&mut self, entry: Entry) {
        self.undo.push(entry);
    }

    /// Puts a redo entry back after it failed to run.
    pub fn restore_redo(&mut self, entry: Entry) {
        self.redo.push(entry);
    }

    /// The label of the step Undo would reverse.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.label.as_str())
    }

    /// The label of the step Redo would repeat.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.label.as_str())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets everything (another project was opened).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}
