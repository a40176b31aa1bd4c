//! The open project and everything the panels show of it. After each of
//! its own changes the state follows what the command reports changed
//! ([`Changed`]): the codings added or removed, by id, and which small
//! tables to read again; the whole project is read again only when another
//! process changed it or after an import. Transient view state (selection,
//! filters, scroll) lives in the panels, not here.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::strings;
use super::{Changed, Codings, Command, UndoStack};
use crate::model::text::CharIndex;
use crate::model::{
    CodeId, Codebook, Coder, CoderId, Coding, CodingId, Memo, SourceId, SourceMeta, SourceTexts,
};
use crate::store::{Project, StoreError};

/// Whether the last change reached the project file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SaveStatus {
    /// Nothing changed since the project was opened.
    #[default]
    Unchanged,
    /// The last change (named) is in the file.
    Saved(String),
    /// The last change (named) could not be written, and why.
    NotSaved { action: String, reason: String },
}

/// A source's text with a code-point index over it, for quoting.
#[derive(Debug, Clone)]
pub struct SourceText {
    pub texts: SourceTexts,
    /// Built on first use: with a 50 MB corpus, building every source's
    /// index at once cost about 55 MB for sources nobody looked at.
    index: std::cell::OnceCell<CharIndex>,
}

impl SourceText {
    pub fn new(texts: SourceTexts) -> Self {
        SourceText {
            texts,
            index: std::cell::OnceCell::new(),
        }
    }

    /// The char ↔ byte index of the text.
    pub fn index(&self) -> &CharIndex {
        self.index.get_or_init(|| CharIndex::new(&self.texts.text))
    }
}

impl crate::model::Texts for HashMap<SourceId, SourceText> {
    fn text_of(&self, id: SourceId) -> Option<&SourceTexts> {
        self.get(&id).map(|t| &t.texts)
    }
}

/// Whether a command removes a source (in a batch or checked too).
fn removes_source(command: &Command) -> bool {
    match command.unchecked() {
        Command::RemoveSource { .. } => true,
        Command::Batch(steps) => steps.iter().any(removes_source),
        _ => false,
    }
}

/// The open project and its cached contents.
#[derive(Default)]
pub struct AppState {
    project: Option<Project>,
    coder: Option<Coder>,
    /// Who codes: stored with every coding and memo.
    pub coder_name: String,
    /// All sources by name, with attributes.
    pub sources: Vec<SourceMeta>,
    pub codebook: Codebook,
    /// All codings, by id, by source and position, and by code.
    pub codings: Codings,
    pub memos: Vec<Memo>,
    pub coders: Vec<Coder>,
    /// Blind coding (a project setting): the document, counts, retrieval
    /// and reports show only the current coder's codings.
    pub blind: bool,
    /// Codings marked as exemplar quotes.
    pub exemplars: HashSet<CodingId>,
    /// Speakers with a role or attributes set in the project.
    pub speakers: Vec<crate::model::roles::Speaker>,
    /// The pseudonym table and its matcher (the Pseudonyms panel, the
    /// "Show pseudonymised" view and pseudonymised exports).
    pub pseudonymiser: crate::model::pseudonyms::Pseudonymiser,
    /// View ▸ Show pseudonymised: the document and retrieval quotes are
    /// shown with every real name replaced (not saved; set it with
    /// [`AppState::set_show_pseudonymised`]).
    pub show_pseudonymised: bool,
    /// Codings per code (own codings, not sub-codes').
    pub code_counts: HashMap<CodeId, usize>,
    /// Codings per source.
    pub source_counts: HashMap<SourceId, usize>,
    /// Every source's text and turns.
    pub texts: HashMap<SourceId, SourceText>,
    /// The content hash of each cached text, to notice a text corrected
    /// by another process.
    text_hashes: HashMap<SourceId, String>,
    /// When each cached text was read (a count of reads), so a view can
    /// tell a corrected text from the one it shows without comparing them.
    text_reads: HashMap<SourceId, u64>,
    reads: u64,
    /// Goes up with every change to project data, so views know to refresh.
    pub revision: u64,
    /// The revision the last change of this state's own made, and what it
    /// changed, so a view one revision behind can follow it instead of
    /// rebuilding (`None` after a full read).
    pub last_changed: Option<(u64, Changed)>,
    pub undo: UndoStack,
    pub status: SaveStatus,
    /// A message to show in a dialog once, where the user acted.
    pub error: Option<String>,
    /// The project's `data_version` when it was last read: another process
    /// committing a change moves it (see [`AppState::sync_outside`]).
    seen_version: Option<i64>,
    /// Names of codes and sources that were shown here and then deleted by
    /// another process, so a message can name them (ids are never reused).
    gone_codes: HashMap<CodeId, String>,
    gone_sources: HashMap<SourceId, String>,
    /// A source was removed here since the project was opened: closing it
    /// vacuums the file (see [`AppState::close`]).
    removed_source: bool,
}

impl AppState {
    /// A state with no project open.
    pub fn new(coder_name: String) -> AppState {
        AppState {
            coder_name,
            ..AppState::default()
        }
    }

    /// Opens a project file, replacing the one open.
    pub fn open(&mut self, path: &Path) -> Result<(), StoreError> {
        self.open_with(path, None)
    }

    /// Opens a project file with the passphrase of an encrypted one, or a
    /// team project's location from the recent list (the password from
    /// PGPASSWORD or ~/.pgpass: the workbench never prompts on a terminal).
    pub fn open_with(
        &mut self,
        path: &Path,
        key: Option<&crate::store::Passphrase>,
    ) -> Result<(), StoreError> {
        let project = match path.to_str() {
            Some(l) if crate::store::is_server_location(l) => {
                Project::open_location_with(l, crate::store::Password::Given(""))?
            }
            _ => Project::open_with(path, key)?,
        };
        self.install(project)
    }

    /// Opens the team project at `location` (no password in it) with
    /// `password` (empty: `PGPASSWORD` or `~/.pgpass`), replacing the one
    /// open.
    pub fn open_server(&mut self, location: &str, password: &str) -> Result<(), StoreError> {
        let project =
            Project::open_location_with(location, crate::store::Password::Given(password))?;
        self.install(project)
    }

    /// Creates a new, empty project file and opens it.
    pub fn create(&mut self, path: &Path) -> Result<(), StoreError> {
        self.create_with(path, None)
    }

    /// Creates a new, empty project file (encrypted with `key` when given)
    /// and opens it.
    pub fn create_with(
        &mut self,
        path: &Path,
        key: Option<&crate::store::Passphrase>,
    ) -> Result<(), StoreError> {
        let project = Project::create_with(path, key)?;
        self.install(project)
    }

    /// Whether the open project is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.project.as_ref().is_some_and(Project::is_encrypted)
    }

    /// Whether `key` is the open project's passphrase.
    pub fn is_passphrase(&self, key: &crate::store::Passphrase) -> bool {
        self.project
            .as_ref()
            .and_then(Project::passphrase)
            .is_some_and(|k| k.same_as(key))
    }

    /// Encrypts (`to` a passphrase), re-keys or decrypts (`to` `None`) the
    /// open project: closes it (rewriting needs the file to itself),
    /// rewrites it (`store::change_encryption`) and opens it again, with
    /// the new passphrase or, when that failed, as it was. The undo history
    /// is cleared.
    pub fn change_encryption(
        &mut self,
        to: Option<&crate::store::Passphrase>,
    ) -> Result<(), StoreError> {
        let Some(project) = self.project.take() else {
            return Ok(());
        };
        let path = project.path().to_path_buf();
        let from = project.passphrase().cloned();
        drop(project);
        let changed = crate::store::change_encryption(&path, from.as_ref(), to);
        let key = if changed.is_ok() { to } else { from.as_ref() };
        let reopened = self.open_with(&path, key);
        changed.and(reopened)
    }

    fn install(&mut self, project: Project) -> Result<(), StoreError> {
        // The project open before is closed as on quitting (vacuumed when
        // a source was removed); a failure there does not keep the new
        // one from opening.
        let _ = self.close();
        self.project = Some(project);
        self.coder = None;
        self.undo.clear();
        self.status = SaveStatus::Unchanged;
        self.gone_codes.clear();
        self.gone_sources.clear();
        self.seen_version = self
            .project
            .as_ref()
            .map(Project::data_version)
            .transpose()?;
        self.reload_texts()?;
        self.refresh()
    }

    /// Notices changes another process (a `jalin` command, another window)
    /// made to the project since it was last read, and re-reads it: new
    /// sources' texts, codes, codings, memos. Cheap when nothing changed
    /// (one `PRAGMA data_version`). Returns whether anything was re-read.
    pub fn sync_outside(&mut self) -> Result<bool, StoreError> {
        let Some(p) = &self.project else {
            return Ok(false);
        };
        // Read before the data: a commit landing while it is read moves the
        // number again, so the next poll reads once more.
        let version = p.data_version()?;
        if self.seen_version == Some(version) {
            return Ok(false);
        }
        let codes: Vec<(CodeId, String)> = self
            .codebook
            .codes()
            .iter()
            .map(|c| (c.id, c.name.clone()))
            .collect();
        let sources: Vec<(SourceId, String)> = self
            .sources
            .iter()
            .map(|s| (s.id, s.name.clone()))
            .collect();
        self.refresh()?;
        self.sync_texts()?;
        self.seen_version = Some(version);
        for (id, name) in codes {
            if self.codebook.get(id).is_none() {
                self.gone_codes.insert(id, name);
            }
        }
        for (id, name) in sources {
            if self.source(id).is_none() {
                self.gone_sources.insert(id, name);
            }
        }
        Ok(true)
    }

    /// Reads the texts of sources not in the cache yet or whose text
    /// changed (a correction), and drops those of deleted sources.
    fn sync_texts(&mut self) -> Result<(), StoreError> {
        let ids: HashSet<SourceId> = self.sources.iter().map(|s| s.id).collect();
        self.texts.retain(|id, _| ids.contains(id));
        self.text_hashes.retain(|id, _| ids.contains(id));
        self.text_reads.retain(|id, _| ids.contains(id));
        let stale: Vec<SourceId> = self
            .sources
            .iter()
            .filter(|s| {
                !self.texts.contains_key(&s.id)
                    || self.text_hashes.get(&s.id) != Some(&s.content_hash)
            })
            .map(|s| s.id)
            .collect();
        self.read_texts(&stale)
    }

    /// Which read of a source's text the cache holds: a new number after
    /// the text was read again (corrected here or elsewhere, or another
    /// project opened).
    pub fn text_read(&self, id: SourceId) -> u64 {
        self.text_reads.get(&id).copied().unwrap_or(0)
    }

    /// Reads the texts and turns of `ids` again.
    fn read_texts(&mut self, ids: &[SourceId]) -> Result<(), StoreError> {
        let Some(p) = &self.project else {
            return Ok(());
        };
        for &id in ids {
            let texts = crate::model::SourceTexts {
                text: p.source_text(id)?,
                turns: p.turns(id)?,
            };
            self.text_hashes.insert(id, p.source(id)?.content_hash);
            self.texts.insert(id, SourceText::new(texts));
            self.reads += 1;
            self.text_reads.insert(id, self.reads);
        }
        Ok(())
    }

    /// The name of a code shown here that another process deleted.
    pub fn gone_code(&self, id: CodeId) -> Option<&str> {
        self.gone_codes.get(&id).map(String::as_str)
    }

    /// The name of a source shown here that another process deleted.
    pub fn gone_source(&self, id: SourceId) -> Option<&str> {
        self.gone_sources.get(&id).map(String::as_str)
    }

    /// The open project, if any.
    pub fn project(&self) -> Option<&Project> {
        self.project.as_ref()
    }

    /// The open project, for changes outside the undo history (importing a
    /// codebook). Call [`AppState::refresh`] afterwards.
    pub fn project_mut(&mut self) -> Option<&mut Project> {
        self.project.as_mut()
    }

    /// Where the open project lives.
    pub fn path(&self) -> Option<PathBuf> {
        self.project.as_ref().map(|p| p.path().to_path_buf())
    }

    /// Turns the pseudonymised view on or off; every view rebuilds what
    /// it shows.
    pub fn set_show_pseudonymised(&mut self, on: bool) {
        if self.show_pseudonymised != on {
            self.show_pseudonymised = on;
            self.revision += 1;
            self.last_changed = None;
        }
    }

    pub fn is_open(&self) -> bool {
        self.project.is_some()
    }

    /// Re-reads sources, codes, codings and memos: after an import, or a
    /// change another process made.
    pub fn refresh(&mut self) -> Result<(), StoreError> {
        self.revision += 1;
        self.last_changed = None;
        let Some(p) = &self.project else {
            return Ok(());
        };
        self.sources = p.sources()?;
        self.codebook = p.codebook()?;
        let codings = p.codings()?;
        self.memos = p.memos()?;
        self.coders = p.coders()?;
        self.blind = p.blind()?;
        self.exemplars = p.exemplars()?;
        self.speakers = p.speakers()?;
        self.pseudonymiser = p.pseudonymiser()?;
        self.resolve_coder();
        let visible = self.visible_coder();
        let mut codings = codings;
        if let Some(v) = visible {
            codings.retain(|c| c.coder == v);
        }
        self.code_counts.clear();
        self.source_counts.clear();
        for c in &codings {
            *self.code_counts.entry(c.code).or_default() += 1;
            *self.source_counts.entry(c.source).or_default() += 1;
        }
        self.codings = codings.into_iter().collect();
        Ok(())
    }

    /// Follows one change this state made: reads again only the codings
    /// and tables it touched, and keeps the counts up to date.
    pub fn apply_changed(&mut self, changed: &Changed) -> Result<(), StoreError> {
        if changed.everything {
            // An import undone or redone adds or takes away sources.
            self.refresh()?;
            return self.sync_texts();
        }
        self.revision += 1;
        self.last_changed = Some((self.revision, changed.clone()));
        let Some(p) = &self.project else {
            return Ok(());
        };
        if changed.sources {
            self.sources = p.sources()?;
        }
        if changed.codes {
            self.codebook = p.codebook()?;
        }
        if changed.memos {
            self.memos = p.memos()?;
        }
        if changed.coders {
            self.coders = p.coders()?;
        }
        if changed.exemplars {
            self.exemplars = p.exemplars()?;
        }
        if changed.speakers {
            self.speakers = p.speakers()?;
        }
        if changed.pseudonyms {
            self.pseudonymiser = p.pseudonymiser()?;
        }
        if !changed.texts.is_empty() {
            self.read_texts(&changed.texts)?;
        }
        let Some(p) = &self.project else {
            return Ok(());
        };
        // A batch can name one coding twice (added, then moved by a merge):
        // read and count it once.
        let mut ids = changed.codings_read.clone();
        ids.sort_unstable();
        ids.dedup();
        let mut read = Vec::with_capacity(ids.len());
        for &id in &ids {
            match p.coding(id) {
                Ok(c) => read.push(c),
                Err(StoreError::UnknownCoding(_) | StoreError::CodingGone(_)) => {}
                Err(e) => return Err(e),
            }
        }
        for &id in changed.codings_removed.iter().chain(&changed.codings_read) {
            if let Some(old) = self.codings.remove(id) {
                uncount(&mut self.code_counts, old.code);
                uncount(&mut self.source_counts, old.source);
            }
        }
        if changed.coders {
            self.resolve_coder();
        }
        let visible = self.visible_coder();
        for c in read {
            if visible.is_some_and(|v| c.coder != v) {
                continue;
            }
            *self.code_counts.entry(c.code).or_default() += 1;
            *self.source_counts.entry(c.source).or_default() += 1;
            self.codings.insert(c);
        }
        Ok(())
    }

    /// Re-reads the texts of all sources (after an import).
    pub fn reload_texts(&mut self) -> Result<(), StoreError> {
        self.texts.clear();
        self.text_hashes.clear();
        self.reads += 1;
        self.text_reads.clear();
        if let Some(p) = &self.project {
            for (id, texts) in p.source_texts()? {
                self.texts.insert(id, SourceText::new(texts));
                self.text_reads.insert(id, self.reads);
            }
            for s in p.sources()? {
                self.text_hashes.insert(s.id, s.content_hash);
            }
        }
        Ok(())
    }

    /// The coder of this session, created in the project on first use
    /// (as an undoable step of its own, "Add coder NAME").
    pub fn coder_id(&mut self) -> Result<CoderId, StoreError> {
        if let Some(c) = &self.coder {
            return Ok(c.id);
        }
        let project = self.project.as_ref().ok_or(StoreError::EmptyName)?;
        // On a team project the login decides who codes (the server lets a
        // coder's login write only that coder's codings): its linked coder,
        // else the login's name.
        if let Some(login) = project.login_coder_name()? {
            self.coder_name = login;
        }
        if let Some(c) = project.find_coder(&self.coder_name)? {
            let id = c.id;
            self.coder = Some(c);
            return Ok(id);
        }
        let name = self.coder_name.trim().to_string();
        let command = Command::AddCoder { name, color: None };
        let label = strings::act_add_coder(&self.coder_name);
        let project = self.project.as_mut().ok_or(StoreError::EmptyName)?;
        // Run here rather than through `run`, so the error reaches the
        // caller (which names the action the user took).
        let inverse = command.apply(project)?;
        let changed = Changed::of(&command, &inverse);
        self.undo.record(label.clone(), inverse);
        self.status = SaveStatus::Saved(label);
        self.after_change(&changed);
        self.coder
            .as_ref()
            .map(|c| c.id)
            .ok_or(StoreError::EmptyName)
    }

    /// The current coder, if they are in the project yet.
    pub fn coder(&self) -> Option<&Coder> {
        self.coder.as_ref()
    }

    /// Whose codings are shown: `None` for everyone's, else only the
    /// current coder's (blind coding; a coder not yet in the project has
    /// none).
    pub fn visible_coder(&self) -> Option<CoderId> {
        self.blind.then(|| {
            self.coder
                .as_ref()
                .map_or(crate::analysis::NOBODY, |c| c.id)
        })
    }

    /// Switches the session's coder to `name` (any case; made in the
    /// project on their first coding). In blind mode the view follows.
    pub fn switch_coder(&mut self, name: &str) -> Result<(), StoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::EmptyName);
        }
        self.coder_name = name.to_string();
        self.coder = None;
        self.resolve_coder();
        if self.blind {
            self.refresh()?;
        }
        Ok(())
    }

    /// Finds the session's coder among the project's coders: the same row
    /// as before (renamed perhaps), else the one with the session's name.
    fn resolve_coder(&mut self) {
        let by_id = self
            .coder
            .as_ref()
            .and_then(|old| self.coders.iter().find(|c| c.id == old.id));
        let found = by_id
            .or_else(|| {
                self.coders
                    .iter()
                    .find(|c| c.name.eq_ignore_ascii_case(self.coder_name.trim()))
            })
            .cloned();
        if let Some(c) = &found {
            self.coder_name.clone_from(&c.name);
        }
        self.coder = found;
    }

    /// The name of a coder by id.
    pub fn coder_name_of(&self, id: CoderId) -> &str {
        self.coders
            .iter()
            .find(|c| c.id == id)
            .map_or("", |c| c.name.as_str())
    }

    /// A coding by id, from the cache.
    pub fn coding(&self, id: CodingId) -> Option<&Coding> {
        self.codings.get(id)
    }

    /// The roles of a source's speakers (set in the project, else found
    /// from the labels).
    pub fn roles(&self, source: SourceId) -> crate::model::roles::SourceRoles {
        let turns = self
            .texts
            .get(&source)
            .map(|t| t.texts.turns.as_slice())
            .unwrap_or(&[]);
        crate::model::roles::SourceRoles::new(source, turns, &self.speakers)
    }

    /// A source by id, from the cache.
    pub fn source(&self, id: SourceId) -> Option<&SourceMeta> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// Closes the project: the undo history goes, and with it the last
    /// copy of anything removed. When a source was removed since it was
    /// opened, or more than a tenth of the file is free pages, the file is
    /// vacuumed (rebuilt without free space, its log emptied), so removed
    /// text is left neither in the file nor in its log. Returns what the
    /// vacuum did, if it ran.
    pub fn close(&mut self) -> Result<Option<crate::store::Vacuumed>, StoreError> {
        let removed = std::mem::take(&mut self.removed_source);
        self.undo.clear();
        let Some(mut project) = self.project.take() else {
            return Ok(None);
        };
        if removed || project.space()?.mostly_free() {
            return project.vacuum().map(Some);
        }
        Ok(None)
    }

    /// Notes a source removal (made or redone), for [`AppState::close`].
    fn note_removal(&mut self, command: &Command) {
        self.removed_source |= removes_source(command);
    }

    /// Runs a change as one undoable step named `label`. Returns its inverse
    /// (from which the new coding or code can be read), or `None` when it
    /// failed; the failure is then in [`AppState::status`] and
    /// [`AppState::error`].
    pub fn run(&mut self, label: impl Into<String>, command: Command) -> Option<Command> {
        let label = label.into();
        self.sync_before_change();
        let project = self.project.as_mut()?;
        match command.apply(project) {
            Ok(inverse) => {
                self.note_removal(&command);
                let changed = Changed::of(&command, &inverse);
                self.undo.record(label.clone(), inverse.clone());
                self.status = SaveStatus::Saved(label);
                self.after_change(&changed);
                Some(inverse)
            }
            Err(e) => {
                self.failed(label, &e);
                None
            }
        }
    }

    /// Reverses the last change.
    pub fn undo(&mut self) {
        self.sync_before_change();
        let (Some(project), Some(entry)) = (self.project.as_mut(), self.undo.pop_undo()) else {
            return;
        };
        match entry.inverse.apply(project) {
            Ok(redo) => {
                let changed = Changed::of(&entry.inverse, &redo);
                let label = entry.label.clone();
                self.undo.push_redo(label.clone(), redo);
                self.status = SaveStatus::Saved(strings::undone(&label));
                self.after_change(&changed);
            }
            Err(e) => {
                let label = strings::undone(&entry.label);
                self.undo.restore_undo(entry);
                self.failed(label, &e);
            }
        }
    }

    /// Repeats the last undone change.
    pub fn redo(&mut self) {
        self.sync_before_change();
        let (Some(project), Some(entry)) = (self.project.as_mut(), self.undo.pop_redo()) else {
            return;
        };
        match entry.inverse.apply(project) {
            Ok(undo) => {
                self.note_removal(&entry.inverse);
                let changed = Changed::of(&entry.inverse, &undo);
                let label = entry.label.clone();
                self.undo.push_undo(label.clone(), undo);
                self.status = SaveStatus::Saved(strings::redone(&label));
                self.after_change(&changed);
            }
            Err(e) => {
                let label = strings::redone(&entry.label);
                self.undo.restore_redo(entry);
                self.failed(label, &e);
            }
        }
    }

    /// Catches up with other processes' changes before one of ours, so a
    /// failure can name what they deleted. A failure to read is left to the
    /// change itself to report.
    fn sync_before_change(&mut self) {
        let _ = self.sync_outside();
    }

    fn after_change(&mut self, changed: &Changed) {
        if let Err(e) = self.apply_changed(changed) {
            self.error = Some(strings::store_error(&e));
        }
    }

    /// Records that `action` was not saved because of `e`, for the status
    /// bar and a dialog.
    pub fn failed(&mut self, action: String, e: &StoreError) {
        let reason = self.describe(e);
        self.error = Some(format!("{}\n\n{reason}", strings::not_saved(&action)));
        self.status = SaveStatus::NotSaved { action, reason };
    }

    /// A store error in words for the user. A code or source that another
    /// process deleted is named as it was shown here; an internal id never
    /// reaches the user.
    pub fn describe(&self, e: &StoreError) -> String {
        match e {
            StoreError::CodeGone(id) => match self.gone_code(*id) {
                Some(name) => strings::code_deleted_outside(name),
                None => strings::store_error(e),
            },
            StoreError::SourceGone(id) => match self.gone_source(*id) {
                Some(name) => strings::source_deleted_outside(name),
                None => strings::store_error(e),
            },
            _ => strings::store_error(e),
        }
    }
}

/// One fewer in a count; a count of none is no entry (as after a refresh).
fn uncount<K: std::hash::Hash + Eq>(counts: &mut HashMap<K, usize>, key: K) {
    if let Some(n) = counts.get_mut(&key) {
        *n -= 1;
        if *n == 0 {
            counts.remove(&key);
        }
    }
}
