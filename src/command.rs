//! Every change to a project's data, as data: the workbench, the command
//! line and the importers all write through here. Applying a
//! command runs it against the project file in one transaction (all of it
//! is saved or none) and returns the command that undoes it. An inverse
//! gives back every row the command removed, cascades included (memos,
//! exemplar marks, review-board items), and is wrapped in
//! [`Command::Checked`], so undo and redo only ever touch the rows they
//! made: a row changed or removed by another program meanwhile stops them
//! with a plain message.

use crate::model::pseudonyms::PseudonymKind;
use crate::model::roles::Role;
use crate::model::{
    CodeId, Coder, CoderId, CodingId, Color, Guid, Memo, MemoId, MemoTarget, ReviewItem,
    ReviewStatus, SourceId, SourceKind,
};
use crate::store::{
    Bundle, BundleAdded, BundleRows, CodeDeletion, MergeReport, NamedCoding, NewCode, Project,
    RemovedCoding, RemovedSource, StoreError, TextEdit,
};

/// A row an undo or redo step acts on, with the GUID it had when the step
/// was recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowGuid {
    Source(SourceId, Guid),
    /// A source's text, by its content hash: a step that holds ranges in
    /// it (a coding to put back) must not run on a text corrected since by
    /// another window or command, or the range would land on other words.
    Text(SourceId, String),
    Code(CodeId, Guid),
    Coding(CodingId, Guid),
    Memo(MemoId, Guid),
    Coder(CoderId, Guid),
}

/// A row a command refers to by id.
#[derive(Debug, Clone, Copy)]
enum RowRef {
    Source(SourceId),
    Code(CodeId),
    Coding(CodingId),
    Memo(MemoId),
    Coder(CoderId),
}

impl RowRef {
    fn of_target(t: MemoTarget) -> Option<RowRef> {
        match t {
            MemoTarget::Project => None,
            MemoTarget::Source(s) => Some(RowRef::Source(s)),
            MemoTarget::Code(c) => Some(RowRef::Code(c)),
            MemoTarget::Coding(c) => Some(RowRef::Coding(c)),
        }
    }

    /// The row's GUID now.
    fn guid(self, p: &Project) -> Result<RowGuid, StoreError> {
        Ok(match self {
            RowRef::Source(id) => RowGuid::Source(id, p.source(id)?.guid),
            RowRef::Code(id) => RowGuid::Code(id, p.code(id)?.guid),
            RowRef::Coding(id) => RowGuid::Coding(id, p.coding(id)?.guid),
            RowRef::Memo(id) => RowGuid::Memo(id, p.memo(id)?.guid),
            RowRef::Coder(id) => RowGuid::Coder(id, p.coder_by_id(id)?.guid),
        })
    }
}

impl RowGuid {
    /// Checks that the row is still there with its GUID.
    fn check(&self, p: &Project) -> Result<(), StoreError> {
        if let RowGuid::Text(id, hash) = self {
            return match p.source(*id) {
                Ok(s) if &s.content_hash == hash => Ok(()),
                Ok(s) => Err(StoreError::ChangedElsewhere(format!(
                    "the text of '{}'",
                    s.name
                ))),
                Err(StoreError::SourceGone(_)) => {
                    Err(StoreError::ChangedElsewhere("this source".into()))
                }
                Err(e) => Err(e),
            };
        }
        let (now, what) = match self {
            RowGuid::Text(..) => unreachable!("checked above"),
            RowGuid::Source(id, _) => (p.source(*id).map(|r| r.guid), "this source"),
            RowGuid::Code(id, _) => (p.code(*id).map(|r| r.guid), "this code"),
            RowGuid::Coding(id, _) => (p.coding(*id).map(|r| r.guid), "this coding"),
            RowGuid::Memo(id, _) => (p.memo(*id).map(|r| r.guid), "this memo"),
            RowGuid::Coder(id, _) => (p.coder_by_id(*id).map(|r| r.guid), "this coder"),
        };
        let expected = match self {
            RowGuid::Text(..) => unreachable!("checked above"),
            RowGuid::Source(_, g)
            | RowGuid::Code(_, g)
            | RowGuid::Coding(_, g)
            | RowGuid::Memo(_, g)
            | RowGuid::Coder(_, g) => g,
        };
        match now {
            Ok(g) if &g == expected => Ok(()),
            Ok(_)
            | Err(
                StoreError::UnknownSource(_)
                | StoreError::UnknownCode(_)
                | StoreError::UnknownCoding(_)
                | StoreError::UnknownMemo(_)
                | StoreError::SourceGone(_)
                | StoreError::CodeGone(_)
                | StoreError::CodingGone(_)
                | StoreError::MemoGone(_)
                | StoreError::CoderGone(_),
            ) => Err(StoreError::ChangedElsewhere(what.into())),
            Err(e) => Err(e),
        }
    }
}

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
    /// Put back a removed coding with its id, GUID, memos and exemplar mark.
    RestoreCoding(RemovedCoding),
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
    /// Give a memo back the title, text and modification time of an
    /// earlier state of it.
    RevertMemo(Memo),
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
    /// Put a review-board item back exactly (status, note, place, time).
    RestoreReview(ReviewItem),
    /// Several commands as one user action; undone together, in reverse.
    Batch(Vec<Command>),
    /// Run `command` only if each row in `rows` still has its GUID. Every
    /// inverse comes wrapped in this.
    Checked {
        rows: Vec<RowGuid>,
        command: Box<Command>,
    },
    /// Rename a source (names are unique, ignoring case).
    RenameSource {
        source: SourceId,
        name: String,
    },
    /// Add what an importer read: sources with their texts, turns and
    /// attributes, and the coders, codes, codings and memos that came with
    /// them (a transcript file, a `.qdpx` project, a `.qdc` codebook).
    AddBundle(Box<Bundle>),
    /// Take back what an [`Command::AddBundle`] created; `bundle` is what
    /// it added, with every GUID and time, for redoing it as the same rows.
    RemoveBundle {
        rows: Box<BundleRows>,
        bundle: Box<Bundle>,
    },
    /// Put back what a [`Command::RemoveBundle`] took away, each row with
    /// the id it had (the redo of an import).
    RestoreBundle {
        rows: Box<BundleRows>,
        bundle: Box<Bundle>,
    },
    /// Apply codings credited to coders by name (`jalin code --from`):
    /// coders not yet in the project are made with them.
    AddNamedCodings(Vec<NamedCoding>),
    /// Add a coder (a name not taken, any case), with a colour or none.
    AddCoder {
        name: String,
        color: Option<Color>,
    },
    /// Remove a coder no coding or memo is credited to (the undo of
    /// [`Command::AddCoder`]).
    RemoveCoder(CoderId),
    /// Put back a removed coder with its id and GUID.
    RestoreCoder(Coder),
    RenameCoder {
        coder: CoderId,
        name: String,
    },
    /// Set (`Some`) or clear (`None`) a coder's colour.
    SetCoderColor {
        coder: CoderId,
        color: Option<Color>,
    },
    /// Turn blind coding on or off (a project setting: each coder sees only
    /// their own codings).
    SetBlind(bool),
    /// Decide a disagreement: the `consensus` coder's codings of `code` in
    /// `source` that overlap `span` are replaced by `ranges` (none:
    /// "neither"). The consensus coder is added on the first decision.
    Decide {
        code: CodeId,
        source: SourceId,
        span: (usize, usize),
        ranges: Vec<(usize, usize)>,
    },
    /// Set the role of a speaker of a source (`None`: the role found from
    /// the label). The speaker must speak in the source.
    SetSpeakerRole {
        source: SourceId,
        speaker: String,
        role: Option<Role>,
    },
    /// Set (`Some`) or remove (`None`) a participant attribute of a
    /// speaker of a source.
    SetSpeakerAttribute {
        source: SourceId,
        speaker: String,
        key: String,
        value: Option<String>,
    },
    /// Replace characters `start..end` of a source's text with `text`
    /// (correcting a transcript); codings and turns move with their words
    /// (see [`crate::store::TextEdit`]).
    EditText {
        source: SourceId,
        start: usize,
        end: usize,
        text: String,
    },
    /// Undo an [`Command::EditText`] exactly.
    RevertText(Box<TextEdit>),
    /// Set the pseudonym and kind of a real name (adding the row), or
    /// remove the row (`None`).
    SetPseudonym {
        real: String,
        pseudonym: Option<(String, PseudonymKind)>,
    },
    /// Remove a source with its text, turns, speakers, attributes, codings,
    /// exemplar marks and memos. With `expect` (codings, memos, as the
    /// user was shown), a source coded or memoed meanwhile by another
    /// window or command is refused.
    RemoveSource {
        source: SourceId,
        expect: Option<(usize, usize)>,
    },
    /// Put back a removed source with every row it took, same ids and
    /// GUIDs.
    RestoreSource(Box<RemovedSource>),
    /// A merge's marks on rows that the [`Command::AddBundle`] before it in
    /// the same batch creates, found by GUID when it runs (their ids are
    /// not known before).
    MarkAdded(Box<AddedMarks>),
}

/// What [`Command::MarkAdded`] sets, each row named by its GUID. A row that
/// is not there when it runs is passed over.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddedMarks {
    /// Codings to mark as exemplar quotes.
    pub exemplars: Vec<Guid>,
    /// Review-board items: session, code, status, note.
    pub reviews: Vec<(String, Guid, ReviewStatus, String)>,
    /// Coders' colours.
    pub coder_colors: Vec<(Guid, Color)>,
}

impl AddedMarks {
    pub fn is_empty(&self) -> bool {
        self.exemplars.is_empty() && self.reviews.is_empty() && self.coder_colors.is_empty()
    }

    /// The commands that set the marks on the rows found now.
    fn resolve(&self, p: &Project) -> Result<Vec<Command>, StoreError> {
        use crate::store::GuidRow;
        let mut steps = Vec::new();
        for g in &self.exemplars {
            if let Some(id) = p.id_by_guid(GuidRow::Coding, g)? {
                steps.push(Command::SetExemplar {
                    coding: CodingId(id),
                    exemplar: true,
                });
            }
        }
        for (session, code, status, note) in &self.reviews {
            if let Some(id) = p.id_by_guid(GuidRow::Code, code)? {
                steps.push(Command::SetReview {
                    session: session.clone(),
                    code: CodeId(id),
                    status: *status,
                    note: note.clone(),
                });
            }
        }
        for (coder, color) in &self.coder_colors {
            if let Some(id) = p.id_by_guid(GuidRow::Coder, coder)? {
                steps.push(Command::SetCoderColor {
                    coder: CoderId(id),
                    color: Some(*color),
                });
            }
        }
        Ok(steps)
    }
}

impl Command {
    /// Runs the command against the project, in one transaction, and
    /// returns its inverse. On an error nothing was saved.
    pub fn apply(&self, p: &mut Project) -> Result<Command, StoreError> {
        p.transact(|p| self.run(p))
    }

    /// The command inside a [`Command::Checked`].
    pub fn unchecked(&self) -> &Command {
        match self {
            Command::Checked { command, .. } => command.unchecked(),
            other => other,
        }
    }

    /// [`Command::apply`] inside the open transaction.
    fn run(&self, p: &mut Project) -> Result<Command, StoreError> {
        let inverse = match self {
            Command::Checked { rows, command } => {
                for r in rows {
                    r.check(p)?;
                }
                return command.run(p);
            }
            Command::MarkAdded(marks) => return Command::Batch(marks.resolve(p)?).run(p),
            Command::Batch(steps) => {
                let mut done = steps
                    .iter()
                    .map(|s| s.run(p))
                    .collect::<Result<Vec<_>, _>>()?;
                done.reverse();
                return Ok(Command::Batch(done));
            }
            Command::AddCoding {
                source,
                code,
                start,
                end,
                coder,
            } => {
                // The hot path (every coding a user makes): the coding was
                // just read back inside this transaction, so its GUID is the
                // one the row holds; `guarded` would read the row again.
                let made = p.add_coding(*source, *code, *start, *end, *coder)?;
                return Ok(Command::Checked {
                    rows: vec![RowGuid::Coding(made.id, made.guid)],
                    command: Box::new(Command::RemoveCoding(made.id)),
                });
            }
            Command::RemoveCoding(id) => Command::RestoreCoding(p.remove_coding(*id)?),
            Command::RestoreCoding(gone) => {
                p.restore_coding(gone)?;
                Command::RemoveCoding(gone.coding.id)
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
                let coding = p.add_coding(*source, code.id, *start, *end, *coder)?;
                Command::Batch(vec![
                    guarded(p, Command::RemoveCoding(coding.id))?,
                    guarded(p, Command::DeleteCode(code.id))?,
                ])
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
            Command::MergeCodes { from, into } => Command::Unmerge {
                into: *into,
                report: p.merge_codes(*from, *into)?,
            },
            Command::Unmerge { into, report } => {
                p.unmerge_codes(report)?;
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
                Command::RevertMemo(p.update_memo(*memo, title, text)?)
            }
            Command::RevertMemo(memo) => Command::RevertMemo(p.revert_memo(memo)?),
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
                Some(old) => Command::RestoreReview(old),
                None => Command::RemoveReview {
                    session: session.trim().to_string(),
                    code: *code,
                },
            },
            Command::RemoveReview { session, code } => match p.remove_review(session, *code)? {
                Some(old) => Command::RestoreReview(old),
                None => Command::Batch(Vec::new()),
            },
            Command::RenameSource { source, name } => Command::RenameSource {
                source: *source,
                name: p.rename_source(*source, name)?,
            },
            Command::AddBundle(bundle) => add_bundle_in(p, Bundle::clone(bundle))?.1,
            Command::RemoveBundle { rows, bundle } => {
                p.remove_bundle_rows(rows)?;
                Command::RestoreBundle {
                    rows: rows.clone(),
                    bundle: bundle.clone(),
                }
            }
            Command::RestoreBundle { rows, bundle } => {
                let added = p.add_bundle_keeping(bundle, rows)?;
                Command::RemoveBundle {
                    rows: Box::new(added.created_rows(bundle)),
                    bundle: bundle.clone(),
                }
            }
            Command::AddNamedCodings(new) => {
                let made = p.add_named_codings(new)?;
                let undo = made
                    .iter()
                    .rev()
                    .map(|c| guarded(p, Command::RemoveCoding(c.id)))
                    .collect::<Result<_, _>>()?;
                Command::Batch(undo)
            }
            Command::SetSpeakerRole {
                source,
                speaker,
                role,
            } => Command::SetSpeakerRole {
                source: *source,
                speaker: speaker.clone(),
                role: p.set_speaker_role(*source, speaker, *role)?,
            },
            Command::SetSpeakerAttribute {
                source,
                speaker,
                key,
                value,
            } => Command::SetSpeakerAttribute {
                source: *source,
                speaker: speaker.clone(),
                key: key.clone(),
                value: p.set_speaker_attribute(*source, speaker, key, value.as_deref())?,
            },
            Command::EditText {
                source,
                start,
                end,
                text,
            } => Command::RevertText(Box::new(p.replace_text(*source, *start, *end, text)?)),
            Command::RemoveSource { source, expect } => {
                Command::RestoreSource(Box::new(p.remove_source(*source, *expect)?))
            }
            Command::RestoreSource(gone) => {
                p.restore_source(gone)?;
                Command::RemoveSource {
                    source: gone.source.id,
                    expect: Some((gone.codings, gone.memos)),
                }
            }
            Command::RevertText(edit) => {
                p.revert_text(edit)?;
                Command::EditText {
                    source: edit.source,
                    start: edit.start,
                    end: edit.end,
                    text: edit.new.clone(),
                }
            }

            Command::AddCoder { name, color } => {
                Command::RemoveCoder(p.add_coder(name, *color)?.id)
            }
            Command::RemoveCoder(id) => Command::RestoreCoder(p.remove_coder(*id)?),
            Command::RestoreCoder(c) => {
                p.restore_coder(c)?;
                Command::RemoveCoder(c.id)
            }
            Command::RenameCoder { coder, name } => Command::RenameCoder {
                coder: *coder,
                name: p.rename_coder(*coder, name)?,
            },
            Command::SetCoderColor { coder, color } => Command::SetCoderColor {
                coder: *coder,
                color: p.set_coder_color(*coder, *color)?,
            },
            Command::SetBlind(on) => Command::SetBlind(p.set_blind(*on)?),
            Command::SetPseudonym { real, pseudonym } => {
                let new = pseudonym.as_ref().map(|(n, k)| (n.as_str(), *k));
                let old = p.set_pseudonym(real, new)?;
                Command::SetPseudonym {
                    real: old
                        .as_ref()
                        .map_or_else(|| real.trim().to_string(), |o| o.real.clone()),
                    pseudonym: old.map(|o| (o.pseudonym, o.kind)),
                }
            }
            Command::Decide {
                code,
                source,
                span,
                ranges,
            } => return decide(p, *code, *source, *span, ranges),
            Command::RestoreReview(item) => match p.restore_review(item)? {
                Some(old) => Command::RestoreReview(old),
                None => Command::RemoveReview {
                    session: item.session.clone(),
                    code: item.code,
                },
            },
        };
        guarded(p, inverse)
    }

    /// The rows a command acts on by id, which must be the same rows when
    /// it runs as an undo or redo step.
    fn rows(&self) -> Vec<RowRef> {
        use RowRef as R;
        match self {
            Command::AddCoding { source, code, .. } => vec![R::Source(*source), R::Code(*code)],
            Command::RemoveCoding(id) => vec![R::Coding(*id)],
            Command::RestoreCoding(gone) => {
                vec![R::Source(gone.coding.source), R::Code(gone.coding.code)]
            }
            Command::AddCode { parent, .. } => parent.iter().map(|c| R::Code(*c)).collect(),
            Command::AddCodeAndApply { parent, source, .. } => {
                let mut rows = vec![R::Source(*source)];
                rows.extend(parent.map(R::Code));
                rows
            }
            Command::DeleteCode(id)
            | Command::RenameCode { code: id, .. }
            | Command::SetCodeColor { code: id, .. }
            | Command::SetCodeDescription { code: id, .. }
            | Command::SetReview { code: id, .. }
            | Command::RemoveReview { code: id, .. } => vec![R::Code(*id)],
            Command::RestoreReview(item) => vec![R::Code(item.code)],
            Command::RestoreCode(gone) => gone
                .codes
                .first()
                .and_then(|c| c.parent)
                .map(R::Code)
                .into_iter()
                .collect(),
            Command::PlaceCode { code, parent, .. } => {
                let mut rows = vec![R::Code(*code)];
                rows.extend(parent.map(R::Code));
                rows
            }
            Command::MergeCodes { from, into } => vec![R::Code(*from), R::Code(*into)],
            Command::Unmerge { into, report } => {
                let mut rows = vec![R::Code(*into)];
                rows.extend(report.children.iter().map(|c| R::Code(*c)));
                rows.extend(report.moved.iter().map(|c| R::Coding(c.id)));
                rows.extend(report.memos.iter().map(|m| R::Memo(*m)));
                rows
            }
            Command::SetAttribute { source, .. }
            | Command::SetSourceKind { source, .. }
            | Command::RenameSource { source, .. }
            | Command::SetSpeakerRole { source, .. }
            | Command::SetSpeakerAttribute { source, .. }
            | Command::EditText { source, .. }
            | Command::RemoveSource { source, .. } => vec![R::Source(*source)],
            Command::RestoreSource(gone) => gone
                .codes
                .iter()
                .map(|c| R::Code(*c))
                .chain(gone.coders.iter().map(|c| R::Coder(*c)))
                .collect(),
            Command::RevertText(edit) => {
                let mut rows = vec![R::Source(edit.source)];
                rows.extend(edit.moved.iter().map(|m| R::Coding(m.0)));
                rows
            }
            Command::AddMemo { target, .. } => RowRef::of_target(*target).into_iter().collect(),
            Command::UpdateMemo { memo: id, .. } | Command::DeleteMemo(id) => vec![R::Memo(*id)],
            Command::RevertMemo(m) => vec![R::Memo(m.id)],
            Command::RestoreMemo(m) => RowRef::of_target(m.target).into_iter().collect(),
            Command::SetExemplar { coding, .. } => vec![R::Coding(*coding)],
            // Checked row by row when it runs (GUIDs and dependents).
            Command::RemoveBundle { .. } | Command::RestoreBundle { .. } => Vec::new(),
            Command::AddNamedCodings(new) => new
                .iter()
                .flat_map(|c| [R::Source(c.source), R::Code(c.code)])
                .collect(),
            Command::RemoveCoder(id)
            | Command::RenameCoder { coder: id, .. }
            | Command::SetCoderColor { coder: id, .. } => vec![R::Coder(*id)],
            Command::AddCoder { .. }
            | Command::RestoreCoder(_)
            | Command::SetBlind(_)
            | Command::SetPseudonym { .. } => Vec::new(),
            Command::Decide { code, source, .. } => vec![R::Source(*source), R::Code(*code)],
            Command::AddBundle(_)
            | Command::MarkAdded(_)
            | Command::Batch(_)
            | Command::Checked { .. } => Vec::new(),
        }
    }

    /// The bundle an import added, as it was stamped (read from its
    /// inverse).
    pub fn added_bundle(inverse: &Command) -> Option<&Bundle> {
        match inverse.unchecked() {
            Command::RemoveBundle { bundle, .. } => Some(bundle),
            _ => None,
        }
    }

    /// The coding a command made (read from its inverse).
    pub fn created_coding(inverse: &Command) -> Option<CodingId> {
        match inverse.unchecked() {
            Command::RemoveCoding(id) => Some(*id),
            Command::Batch(steps) => steps.iter().find_map(Command::created_coding),
            _ => None,
        }
    }

    /// Every coding a command made, in the order it made them (read from
    /// its inverse, which undoes them last to first).
    pub fn created_codings(inverse: &Command) -> Vec<CodingId> {
        match inverse.unchecked() {
            Command::RemoveCoding(id) => vec![*id],
            Command::Batch(steps) => steps
                .iter()
                .rev()
                .flat_map(Command::created_codings)
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The code a command created (read from its inverse).
    pub fn created_code(inverse: &Command) -> Option<CodeId> {
        match inverse.unchecked() {
            Command::DeleteCode(id) => Some(*id),
            Command::Batch(steps) => steps.iter().find_map(Command::created_code),
            _ => None,
        }
    }

    /// The coder a command created (read from its inverse).
    pub fn created_coder(inverse: &Command) -> Option<CoderId> {
        match inverse.unchecked() {
            Command::RemoveCoder(id) => Some(*id),
            Command::Batch(steps) => steps.iter().find_map(Command::created_coder),
            _ => None,
        }
    }

    /// The memo a command wrote (read from its inverse).
    pub fn created_memo(inverse: &Command) -> Option<MemoId> {
        match inverse.unchecked() {
            Command::DeleteMemo(id) => Some(*id),
            Command::Batch(steps) => steps.iter().find_map(Command::created_memo),
            _ => None,
        }
    }

    /// Whether two consecutive changes may share one undo step: typing in a
    /// memo saves many times, but is undone as one edit.
    pub fn coalesces_with(&self, earlier: &Command) -> bool {
        matches!((self.unchecked(), earlier.unchecked()), (Command::RevertMemo(a), Command::RevertMemo(b)) if a.id == b.id)
    }
}

/// Runs [`Command::AddBundle`] and also returns what the store added,
/// index for index with the bundle (for an importer's report), in one
/// transaction.
pub fn add_bundle(p: &mut Project, bundle: Bundle) -> Result<(BundleAdded, Command), StoreError> {
    p.transact(|p| add_bundle_in(p, bundle))
}

/// [`add_bundle`] inside the open transaction.
fn add_bundle_in(
    p: &mut Project,
    mut bundle: Bundle,
) -> Result<(BundleAdded, Command), StoreError> {
    // GUIDs and times are fixed here, so a redo makes the same rows.
    bundle.stamp(&p.now()?);
    let added = p.add_bundle(&bundle)?;
    let inverse = Command::RemoveBundle {
        rows: Box::new(added.created_rows(&bundle)),
        bundle: Box::new(bundle),
    };
    Ok((added, inverse))
}

/// [`Command::Decide`]; its inverse takes the new codings away, puts the
/// replaced ones back and removes the consensus coder if it made them.
fn decide(
    p: &mut Project,
    code: CodeId,
    source: SourceId,
    span: (usize, usize),
    ranges: &[(usize, usize)],
) -> Result<Command, StoreError> {
    let (coder, created) = match p.find_coder(crate::model::CONSENSUS_CODER)? {
        Some(c) => (c.id, false),
        None => (p.add_coder(crate::model::CONSENSUS_CODER, None)?.id, true),
    };
    let old: Vec<CodingId> = p
        .codings_of_source(source)?
        .into_iter()
        .filter(|c| c.code == code && c.coder == coder && c.start < span.1 && span.0 < c.end)
        .map(|c| c.id)
        .collect();
    let mut undo = Vec::new();
    for id in old {
        let gone = p.remove_coding(id)?;
        undo.push(Command::RestoreCoding(gone));
    }
    for r in ranges {
        let made = p.add_coding(source, code, r.0, r.1, coder)?;
        undo.push(Command::RemoveCoding(made.id));
    }
    undo.reverse();
    let mut undo = undo
        .into_iter()
        .map(|c| guarded(p, c))
        .collect::<Result<Vec<_>, _>>()?;
    if created {
        undo.push(guarded(p, Command::RemoveCoder(coder))?);
    }
    Ok(Command::Batch(undo))
}

/// Wraps an inverse in [`Command::Checked`] with the GUIDs its rows have
/// now (inside the action's transaction, so they are the rows it left).
fn guarded(p: &Project, inverse: Command) -> Result<Command, StoreError> {
    let refs = inverse.rows();
    if refs.is_empty() {
        return Ok(inverse);
    }
    let mut rows = Vec::with_capacity(refs.len() + 1);
    for r in refs {
        rows.push(r.guid(p)?);
        if let RowRef::Source(id) = r {
            rows.push(RowGuid::Text(id, p.source(id)?.content_hash));
        }
    }
    Ok(Command::Checked {
        rows,
        command: Box::new(inverse),
    })
}
