//! What a command changed, so the workbench can update its copy of the
//! project ([`super::AppState`]) without re-reading every table: the codings
//! added, moved or removed (by id) and which of the small tables (codes,
//! memos, sources, coders, exemplar marks) to read again.
//!
//! A command and the inverse it returned together say everything: the
//! inverse of an addition names the new row, the inverse of a removal
//! carries the removed rows.

use super::Command;
use crate::model::CodingId;

/// What one applied command changed in the project.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changed {
    /// Codings made, put back or changed (moved to another code): read
    /// again from the project by id.
    pub codings_read: Vec<CodingId>,
    /// Codings removed.
    pub codings_removed: Vec<CodingId>,
    pub codes: bool,
    pub memos: bool,
    pub sources: bool,
    pub coders: bool,
    pub exemplars: bool,
    /// Speakers' roles and participant attributes.
    pub speakers: bool,
    /// The pseudonym table.
    pub pseudonyms: bool,
    /// Sources whose text and speaker turns changed: read again.
    pub texts: Vec<crate::model::SourceId>,
    /// Something this module cannot follow: re-read everything.
    pub everything: bool,
}

impl Changed {
    /// The codings a decision's inverse takes away (made) and puts back
    /// (replaced).
    fn decided(&mut self, inverse: &Command) {
        match inverse.unchecked() {
            Command::Batch(steps) => steps.iter().for_each(|s| self.decided(s)),
            Command::RemoveCoding(id) => self.codings_read.push(*id),
            Command::RestoreCoding(gone) => self.codings_removed.push(gone.coding.id),
            _ => {}
        }
    }

    /// What `command` changed, given the `inverse` that applying it
    /// returned.
    pub fn of(command: &Command, inverse: &Command) -> Changed {
        let mut changed = Changed::default();
        changed.add(command, inverse);
        changed
    }

    fn add(&mut self, command: &Command, inverse: &Command) {
        let ids = |cs: &[crate::model::Coding]| cs.iter().map(|c| c.id).collect::<Vec<_>>();
        match (command.unchecked(), inverse.unchecked()) {
            (Command::Batch(steps), Command::Batch(undo)) if steps.len() == undo.len() => {
                // A batch's inverse lists the steps' inverses in reverse.
                for (step, inv) in steps.iter().zip(undo.iter().rev()) {
                    self.add(step, inv);
                }
            }
            (Command::AddCoding { .. }, Command::RemoveCoding(id)) => self.codings_read.push(*id),
            (Command::RemoveCoding(_), Command::RestoreCoding(gone)) => {
                self.codings_removed.push(gone.coding.id);
                self.memos |= !gone.memos.is_empty();
                self.exemplars |= gone.exemplar;
            }
            (Command::RestoreCoding(gone), _) => {
                self.codings_read.push(gone.coding.id);
                self.memos |= !gone.memos.is_empty();
                self.exemplars |= gone.exemplar;
            }
            (Command::AddCodeAndApply { .. }, inv) => {
                self.codes = true;
                self.codings_read.extend(Command::created_coding(inv));
            }
            (Command::DeleteCode(_), Command::RestoreCode(gone)) => {
                self.codes = true;
                self.codings_removed.extend(ids(&gone.codings));
                self.memos |= !gone.memos.is_empty();
                self.exemplars |= !gone.exemplars.is_empty();
            }
            (Command::RestoreCode(gone), _) => {
                self.codes = true;
                self.codings_read.extend(ids(&gone.codings));
                self.memos |= !gone.memos.is_empty();
                self.exemplars |= !gone.exemplars.is_empty();
            }
            (
                Command::AddCode { .. }
                | Command::RenameCode { .. }
                | Command::SetCodeColor { .. }
                | Command::SetCodeDescription { .. }
                | Command::PlaceCode { .. },
                _,
            ) => self.codes = true,
            (Command::MergeCodes { .. }, Command::Unmerge { report, .. }) => {
                self.codes = true;
                self.memos = true;
                self.codings_read.extend(ids(&report.moved));
                self.codings_removed.extend(ids(&report.dropped));
                self.exemplars |= !report.dropped_exemplars.is_empty();
            }
            (Command::Unmerge { report, .. }, _) => {
                self.codes = true;
                self.memos = true;
                self.codings_read.extend(ids(&report.moved));
                self.codings_read.extend(ids(&report.dropped));
                self.exemplars |= !report.dropped_exemplars.is_empty();
            }
            (
                Command::SetAttribute { .. }
                | Command::SetSourceKind { .. }
                | Command::RenameSource { .. },
                _,
            ) => self.sources = true,
            (
                Command::AddMemo { .. }
                | Command::UpdateMemo { .. }
                | Command::RevertMemo(_)
                | Command::DeleteMemo(_)
                | Command::RestoreMemo(_),
                _,
            ) => self.memos = true,
            (Command::SetExemplar { .. }, _) => self.exemplars = true,
            (Command::SetSpeakerRole { .. } | Command::SetSpeakerAttribute { .. }, _) => {
                self.speakers = true;
            }
            (
                Command::AddCoder { .. }
                | Command::RemoveCoder(_)
                | Command::RestoreCoder(_)
                | Command::RenameCoder { .. }
                | Command::SetCoderColor { .. },
                _,
            ) => self.coders = true,
            (Command::SetPseudonym { .. }, _) => self.pseudonyms = true,
            // Which codings are shown changes with it: read everything.
            (Command::SetBlind(_), _) => self.everything = true,
            (Command::Decide { .. }, inv) => {
                self.coders = true;
                self.decided(inv);
            }
            (Command::AddNamedCodings(_), inv) => {
                self.coders = true;
                self.codings_read.extend(Command::created_codings(inv));
            }
            (Command::EditText { source, .. }, Command::RevertText(edit)) => {
                self.sources = true;
                self.texts.push(*source);
                self.codings_read.extend(edit.moved.iter().map(|m| m.0));
                self.codings_removed
                    .extend(edit.removed.iter().map(|r| r.coding.id));
                self.memos |= edit.removed.iter().any(|r| !r.memos.is_empty());
                self.exemplars |= edit.removed.iter().any(|r| r.exemplar);
            }
            (Command::RevertText(edit), _) => {
                self.sources = true;
                self.texts.push(edit.source);
                self.codings_read.extend(edit.moved.iter().map(|m| m.0));
                self.codings_read
                    .extend(edit.removed.iter().map(|r| r.coding.id));
                self.memos |= edit.removed.iter().any(|r| !r.memos.is_empty());
                self.exemplars |= edit.removed.iter().any(|r| r.exemplar);
            }
            (Command::MarkAdded(_), _) => {
                self.exemplars = true;
                self.coders = true;
            }
            // Review boards are not part of the cached state; their panel
            // reads them again when the revision moves.
            (
                Command::SetReview { .. }
                | Command::RemoveReview { .. }
                | Command::RestoreReview(_),
                _,
            ) => {}
            _ => self.everything = true,
        }
    }
}
