//! Every change the workbench makes to a project, as data. Applying a
//! command runs it against the project file (each store call is its own
//! transaction) and returns the command that undoes it.

use crate::model::{
    CodeId, CoderId, Coding, CodingId, Color, Memo, MemoId, MemoTarget, ReviewStatus, SourceId,
    SourceKind,
};
use crate::store::{CodeDeletion, MergeReport, NewCode, Project, StoreError};

/// One change to project data.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Apply a code to `[start, end)` of a source.
    AddCoding {
        source: SourceId,
        code: CodeId,
        start: usize,
        end: usize,
        coder: CoderId,
    },
    /// Remove a coding (and the memos on it).
    RemoveCoding(CodingId),
    /// Put back a removed coding with its id, GUID and memos.
    RestoreCoding {
        coding: Coding,
        memos: Vec<Memo>,
    },
    /// Create a code.
    AddCode {
        name: String,
        parent: Option<CodeId>,
        color: Option<Color>,
        description: String,
    },
    /// Create a code and apply it to a range, as one action (in-vivo coding,
    /// or a new name typed in the quick-code box).
    AddCodeAndApply {
        name: String,
        parent: Option<CodeId>,
        source: SourceId,
        start: usize,
        end: usize,
        coder: CoderId,
    },
    /// Delete a code with its sub-codes, codings and memos.
    DeleteCode(CodeId),
    /// Put back what a code deletion removed.
    RestoreCode(CodeDeletion),
    RenameCode {
        code: CodeId,
        name: String,
    },
    SetCodeColor {
        code: CodeId,
        color: Color,
    },
    SetCodeDescription {
        code: CodeId,
        description: String,
    },
    /// Move a code under `parent`; `position` `None` puts it after its new
    /// siblings, `Some(n)` at sort position `n` (used to undo exactly).
    PlaceCode {
        code: CodeId,
        parent: Option<CodeId>,
        position: Option<i64>,
    },
    /// Merge code `from` into `into`.
    MergeCodes {
        from: CodeId,
        into: CodeId,
    },
    /// Undo a merge from its report.
    Unmerge {
        into: CodeId,
        report: MergeReport,
        dropped_memos: Vec<Memo>,
    },
    /// Set (`Some`) or remove (`None`) a source attribute.
    SetAttribute {
        source: SourceId,
        key: String,
        value: Option<String>,
    },
    SetSourceKind {
        source: SourceId,
        kind: SourceKind,
    },
    AddMemo {
        target: MemoTarget,
        title: String,
        text: String,
        coder: CoderId,
    },
    UpdateMemo {
        memo: MemoId,
        title: String,
        text: String,
    },
    DeleteMemo(MemoId),
    RestoreMemo(Memo),
    /// Mark a coding as an exemplar quote (`true`) or unmark it.
    SetExemplar {
        coding: CodingId,
        exemplar: bool,
    },
    /// Put a theme on a review board, or change its status and note.
    SetReview {
        session: String,
        code: CodeId,
        status: ReviewStatus,
        note: String,
    },
    /// Take a theme off a review board.
    RemoveReview {
        session: String,
        code: CodeId,
    },
    /// Several commands as one user action; undone together, in reverse.
    Batch(Vec<Command>),
    /// Rename a source (names are unique, ignoring case).
    RenameSource {
        source: SourceId,
        name: String,
    },
}

impl Command {
    /// Runs the command against the project and returns its inverse. On an
    /// error the project is as it was (a batch rolls back its done steps).
    pub fn apply(&self, p: &mut Project) -> Result<Command, StoreError> {
        Ok(match self {
            Command::AddCoding {
                source,
                code,
                start,
                end,
                coder,
            } => Command::RemoveCoding(p.add_coding(*source, *code, *start, *end, *coder)?.id),
            Command::RemoveCoding(id) => {
                let (coding, memos) = p.remove_coding(*id)?;
                Command::RestoreCoding { coding, memos }
            }
            Command::RestoreCoding { coding, memos } => {
                p.restore_coding(coding, memos)?;
                Command::RemoveCoding(coding.id)
            }
            Command::AddCode {
                name,
                parent,
                color,
                description,
            } => {
                let code = p.add_code(NewCode {
                    name: name.clone(),
                    parent: *parent,
                    color: *color,
                    description: description.clone(),
                    guid: None,
                })?;
                Command::DeleteCode(code.id)
            }
            Command::AddCodeAndApply {
                name,
                parent,
                source,
                start,
                end,
                coder,
            } => {
                let code = p.add_code(NewCode {
                    name: name.clone(),
                    parent: *parent,
                    ..NewCode::default()
                })?;
                match p.add_coding(*source, code.id, *start, *end, *coder) {
                    Ok(coding) => Command::Batch(vec![
                        Command::RemoveCoding(coding.id),
                        Command::DeleteCode(code.id),
                    ]),
                    Err(e) => {
                        // Leave no half-done action behind.
                        let _ = p.delete_code(code.id);
                        return Err(e);
                    }
                }
            }
            Command::DeleteCode(id) => Command::RestoreCode(p.delete_code(*id)?),
            Command::RestoreCode(gone) => {
                p.restore_code_deletion(gone)?;
                match gone.codes.first() {
                    Some(c) => Command::DeleteCode(c.id),
                    None => Command::Batch(Vec::new()),
                }
            }
            Command::RenameCode { code, name } => Command::RenameCode {
                code: *code,
                name: p.rename_code(*code, name)?,
            },
            Command::SetCodeColor { code, color } => Command::SetCodeColor {
                code: *code,
                color: p.set_code_color(*code, *color)?,
            },
            Command::SetCodeDescription { code, description } => Command::SetCodeDescription {
                code: *code,
                description: p.set_code_description(*code, description)?,
            },
            Command::PlaceCode {
                code,
                parent,
                position,
            } => {
                let (old_parent, old_position) = match position {
                    Some(n) => p.place_code(*code, *parent, *n)?,
                    None => {
                        let before = p.code(*code)?;
                        p.move_code(*code, *parent)?;
                        (before.parent, before.sort_order)
                    }
                };
                Command::PlaceCode {
                    code: *code,
                    parent: old_parent,
                    position: Some(old_position),
                }
            }
            Command::MergeCodes { from, into } => {
                let from_codings: Vec<CodingId> = p
                    .codings()?
                    .into_iter()
                    .filter(|c| c.code == *from)
                    .map(|c| c.id)
                    .collect();
                let memos_on_codings: Vec<Memo> = p
                    .memos()?
                    .into_iter()
                    .filter(
                        |m| matches!(m.target, MemoTarget::Coding(c) if from_codings.contains(&c)),
                    )
                    .collect();
                let report = p.merge_codes(*from, *into)?;
                let dropped_memos = memos_on_codings
                    .into_iter()
                    .filter(|m| {
                        report
                            .dropped
                            .iter()
                            .any(|d| m.target == MemoTarget::Coding(d.id))
                    })
                    .collect();
                Command::Unmerge {
                    into: *into,
                    report,
                    dropped_memos,
                }
            }
            Command::Unmerge {
                into,
                report,
                dropped_memos,
            } => {
                p.unmerge_codes(report, dropped_memos)?;
                Command::MergeCodes {
                    from: report.from.id,
                    into: *into,
                }
            }
            Command::SetAttribute { source, key, value } => Command::SetAttribute {
                source: *source,
                key: key.clone(),
                value: p.set_attribute(*source, key, value.as_deref())?,
            },
            Command::SetSourceKind { source, kind } => Command::SetSourceKind {
                source: *source,
                kind: p.set_source_kind(*source, *kind)?,
            },
            Command::AddMemo {
                target,
                title,
                text,
                coder,
            } => Command::DeleteMemo(p.add_memo(*target, title, text, *coder)?.id),
            Command::UpdateMemo { memo, title, text } => {
                let old = p.update_memo(*memo, title, text)?;
                Command::UpdateMemo {
                    memo: *memo,
                    title: old.title,
                    text: old.text,
                }
            }
            Command::DeleteMemo(id) => Command::RestoreMemo(p.delete_memo(*id)?),
            Command::RestoreMemo(memo) => {
                p.restore_memo(memo)?;
                Command::DeleteMemo(memo.id)
            }
            Command::SetExemplar { coding, exemplar } => Command::SetExemplar {
                coding: *coding,
                exemplar: p.set_exemplar(*coding, *exemplar)?,
            },
            Command::SetReview {
                session,
                code,
                status,
                note,
            } => match p.set_review(session, *code, *status, note)? {
                Some(old) => Command::SetReview {
                    session: session.clone(),
                    code: *code,
                    status: old.status,
                    note: old.note,
                },
                None => Command::RemoveReview {
                    session: session.clone(),
                    code: *code,
                },
            },
            Command::RemoveReview { session, code } => match p.remove_review(session, *code)? {
                Some(old) => Command::SetReview {
                    session: session.clone(),
                    code: *code,
                    status: old.status,
                    note: old.note,
                },
                None => Command::Batch(Vec::new()),
            },
            Command::RenameSource { source, name } => Command::RenameSource {
                source: *source,
                name: p.rename_source(*source, name)?,
            },
            Command::Batch(steps) => {
                let mut done: Vec<Command> = Vec::with_capacity(steps.len());
                for step in steps {
                    match step.apply(p) {
                        Ok(inverse) => done.push(inverse),
                        Err(e) => {
                            for inverse in done.iter().rev() {
                                let _ = inverse.apply(p);
                            }
                            return Err(e);
                        }
                    }
                }
                done.reverse();
                Command::Batch(done)
            }
        })
    }

    /// The coding a command made (read from its inverse).
    pub fn created_coding(inverse: &Command) -> Option<CodingId> {
        match inverse {
            Command::RemoveCoding(id) => Some(*id),
            Command::Batch(steps) => steps.iter().find_map(Command::created_coding),
            _ => None,
        }
    }

    /// The code a command created (read from its inverse).
    pub fn created_code(inverse: &Command) -> Option<CodeId> {
        match inverse {
            Command::DeleteCode(id) => Some(*id),
            Command::Batch(steps) => steps.iter().find_map(Command::created_code),
            _ => None,
        }
    }

    /// Whether two consecutive changes may share one undo step: typing in a
    /// memo saves many times, but is undone as one edit.
    pub fn coalesces_with(&self, earlier: &Command) -> bool {
        matches!((self, earlier), (Command::UpdateMemo { memo: a, .. }, Command::UpdateMemo { memo: b, .. }) if a == b)
    }
}
