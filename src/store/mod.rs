//! The project file: one SQLite database, and the only place in Jalin that
//! speaks SQL.
//!
//! Every method that changes data runs in its own transaction, and
//! [`Project::transact`] runs several as one, so a user action is either
//! wholly saved or not at all. [`Project::open`] is the one
//! way to open an existing project file, so later features (encryption,
//! locking) have one place to hook in.

mod bundle;
mod coders;
pub use coders::checked_name as checked_coder_name;
mod codes;
mod codings;
mod copy;
mod crypt;
mod db;
mod erase;
mod error;
mod flush;
mod memos;
mod pg;
pub mod pg_schema;
mod pseudonyms;
mod review;
mod schema;
mod sources;
mod speakers;
mod text_edit;
mod trust;

use std::path::{Path, PathBuf};

use rusqlite::{OpenFlags, TransactionBehavior};

use db::Connection;
pub use db::{ServerError, server_error};
pub use pg::{
    Password, ServerLocation, SslMode, connect as connect_server,
    drop_project as drop_server_project, is_server_location, pgpass_lookup,
};

pub use bundle::{
    Bundle, BundleAdded, BundleCode, BundleCoder, BundleCoding, BundleMemo, BundleRows,
    BundleSource, BundleSpeaker, BundleTarget, GuidRegiven, GuidRow,
};
pub use copy::{CopyCounts, copy_project, copy_project_from};

pub use codes::{CodeDeletion, MergeReport, NewCode};
pub use codings::{CodingCounts, NamedCoding, NewCoding, RemovedCoding};
pub use crypt::{Passphrase, change_encryption, change_encryption_with, looks_encrypted};
pub use erase::{RemovedSource, Space, TableRows, Vacuumed};
pub use error::{StoreError, describe_sqlite, open_failure};
pub use schema::{LATEST_VERSION, create_at_version, migration_step};
pub use sources::{AddedSource, NewSource, content_hash};
pub use text_edit::{Splice, TextEdit};
pub use trust::{BackupReport, backup, backup_with};

use std::collections::{HashMap, HashSet};

use crate::model::{Code, Coder, Coding, CodingId, CodingSpan, SourceId, SourceMeta, SpeakerTurn};

/// `PRAGMA application_id` of Jalin files ("JLN1"), so a Jalin project can be
/// told from any other SQLite database.
pub const APPLICATION_ID: i32 = 0x4A4C_4E31;

/// The usual file extension of a project.
pub const EXTENSION: &str = "jalin";

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// How a saved change reaches the disk (SQLite's `synchronous` in WAL mode).
///
/// All three survive Jalin crashing or being killed at any moment: a change
/// is in the operating system's hands once its transaction commits, and the
/// file is never left damaged. They differ on power loss or an
/// operating-system crash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Durability {
    /// Every commit waits for the write-ahead log to be flushed to the disk
    /// (fsync), so a change reported saved survives power loss too. Costs
    /// 0.5–1 ms per change on an ordinary disk.
    Full,
    /// Jalin's default. A commit returns as soon as the change is in the
    /// operating system's hands, and a background thread flushes the log to
    /// the disk right after; changes committed while a flush runs share the
    /// next one. On power loss only the changes of the last flush interval
    /// (about a millisecond) can be missing. See `store/flush.rs`.
    Prompt,
    /// The log is flushed only at checkpoints. Power loss can undo the
    /// changes since the last checkpoint. Only for measurements.
    Normal,
}

impl Durability {
    fn pragma(self) -> &'static str {
        match self {
            Durability::Full => "FULL",
            Durability::Prompt | Durability::Normal => "NORMAL",
        }
    }

    /// Parses `full`, `prompt` or `normal` (any case).
    pub fn parse(s: &str) -> Option<Durability> {
        match s.trim().to_ascii_lowercase().as_str() {
            "full" => Some(Durability::Full),
            "prompt" => Some(Durability::Prompt),
            "normal" => Some(Durability::Normal),
            _ => None,
        }
    }
}

/// An open project file.
pub struct Project {
    conn: Connection,
    /// The team project's server location (without password), when the
    /// project is on a server; `path` then holds the same text.
    server: Option<String>,
    path: PathBuf,
    /// Runs while the durability is [`Durability::Prompt`].
    flusher: Option<flush::Flusher>,
    /// The passphrase of an encrypted project (in memory only: for copies
    /// of it, which are encrypted with the same passphrase).
    key: Option<Passphrase>,
}

impl Drop for Project {
    fn drop(&mut self) {
        // Flush what is committed before the connection closes; the
        // flusher's own drop waits for its last fsync.
        self.flusher.take();
        // Then the connection closes (dropping `conn`). When it is the last
        // connection to the file, SQLite checkpoints the log into the file
        // and deletes it, so the `.jalin` alone holds every change
        // (tests/store.rs `closing_leaves_the_file_complete_without_its_log`).
        // Nothing here may keep it from doing so: no persistent log, no
        // statement left open.
    }
}

/// The write transaction of one store method. Derefs to the connection;
/// [`Tx::commit`] commits and tells the flusher. Inside
/// [`Project::transact`] it is a savepoint of the one transaction the whole
/// action runs in, and committing it only releases the savepoint. Dropped
/// without a commit, it rolls back what it wrote.
pub(crate) struct Tx<'a> {
    conn: &'a Connection,
    /// A savepoint inside an open transaction, not a transaction of its own.
    nested: bool,
    done: bool,
    flusher: Option<&'a flush::Flusher>,
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

/// Runs one statement of the transaction machinery (cached: one user action
/// runs several).
fn run(conn: &Connection, sql: &str) -> rusqlite::Result<()> {
    match conn {
        Connection::Sqlite(c) => {
            c.prepare_cached(sql)?.execute([])?;
        }
        Connection::Pg(p) => p.control(sql)?,
    }
    Ok(())
}

/// Opens a transaction, or a savepoint (`jalin_write`) when one is already
/// open; returns whether it is a savepoint.
fn begin(conn: &Connection) -> Result<bool> {
    let nested = !conn.is_autocommit();
    run(
        conn,
        if nested {
            "SAVEPOINT jalin_write"
        } else {
            "BEGIN IMMEDIATE"
        },
    )?;
    Ok(nested)
}

/// Commits what [`begin`] opened (a savepoint is released), then asks for
/// the log to be flushed. A failed commit rolls back.
fn commit(conn: &Connection, nested: bool, flusher: Option<&flush::Flusher>) -> Result<()> {
    if nested {
        run(conn, "RELEASE jalin_write")?;
        return Ok(());
    }
    if let Err(e) = run(conn, "COMMIT") {
        rollback(conn, false);
        return Err(e.into());
    }
    if let Some(f) = flusher {
        f.committed();
    }
    Ok(())
}

/// Undoes what [`begin`] opened. SQLite may already have rolled back after
/// a full disk or an I/O error; that is fine.
fn rollback(conn: &Connection, nested: bool) {
    if conn.is_autocommit() {
        return;
    }
    if nested {
        let _ =
            run(conn, "ROLLBACK TO jalin_write").and_then(|()| run(conn, "RELEASE jalin_write"));
    } else {
        let _ = run(conn, "ROLLBACK");
    }
}

impl Tx<'_> {
    /// Commits (or releases the savepoint), then asks for the log to be
    /// flushed.
    pub(crate) fn commit(mut self) -> Result<()> {
        if self.done {
            // [`Project::write_one_statement`] inside a transaction.
            return Ok(());
        }
        self.done = true;
        commit(self.conn, self.nested, self.flusher)
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if !self.done {
            rollback(self.conn, self.nested);
        }
    }
}

/// Runs one write statement and checks that it changed exactly `expected`
/// rows. A write that stored nothing (a trigger that ignored it, a row that
/// is not there) or more than it should fails the action instead of being
/// reported saved. `what` names the change for the message.
pub(crate) fn write_rows(
    conn: &Connection,
    what: &str,
    expected: usize,
    sql: &str,
    params: impl db::Params,
) -> Result<()> {
    let changed = conn.prepare_cached(sql)?.execute(params)?;
    expect_changed(what, expected, changed)
}

/// Fails with [`StoreError::NotWritten`] unless `changed` rows are the
/// `expected` ones.
pub(crate) fn expect_changed(what: &str, expected: usize, changed: usize) -> Result<()> {
    if changed != expected {
        return Err(StoreError::NotWritten {
            what: what.to_string(),
            expected,
            changed,
        });
    }
    Ok(())
}

/// On a server, a write of one's own row that changed nothing was narrowed
/// by row security: the row is another member's. Says so (the file's
/// message, about a trigger in the file, means nothing there); `rule` is
/// what a coder may do, such as "remove only their own codings".
pub(crate) fn only_own(conn: &Connection, e: StoreError, rule: &str) -> StoreError {
    match e {
        StoreError::NotWritten { changed: 0, .. } if conn.pg().is_some() => {
            StoreError::Server(db::ServerError {
                message: format!("it is another member's, and a coder may {rule}"),
                lost: false,
                denied: true,
            })
        }
        e => e,
    }
}

/// Everything the analysis functions need, read in one go: sources (without
/// text), their speaker turns, codes, codings, coders and exemplar flags.
/// The codings are full [`Coding`]s ([`Project::data`]) or, for the counting
/// tables, [`CodingSpan`]s without GUID and time ([`Project::lean_data`]).
#[derive(Debug, Clone, Default)]
pub struct ProjectData<C = Coding> {
    pub sources: Vec<SourceMeta>,
    pub codes: Vec<Code>,
    pub codings: Vec<C>,
    pub coders: Vec<Coder>,
    /// Speaker turns per source (sources without turns are absent).
    pub turns: HashMap<SourceId, Vec<SpeakerTurn>>,
    /// Codings marked as exemplar quotes.
    pub exemplars: HashSet<CodingId>,
    /// Speakers with a role set by hand or attributes of their own.
    pub speakers: Vec<crate::model::roles::Speaker>,
}

impl<C> ProjectData<C> {
    /// The roles of a source's speakers: as set in the project, else found
    /// from the labels (the one definition, `model::roles`).
    pub fn roles(&self, source: SourceId) -> crate::model::roles::SourceRoles {
        crate::model::roles::SourceRoles::new(
            source,
            self.turns.get(&source).map(Vec::as_slice).unwrap_or(&[]),
            &self.speakers,
        )
    }

    /// What the project stores about a speaker of a source, if anything.
    pub fn speaker(&self, source: SourceId, label: &str) -> Option<&crate::model::roles::Speaker> {
        let key = crate::model::roles::speaker_key(label);
        self.speakers
            .iter()
            .find(|s| s.source == source && crate::model::roles::speaker_key(&s.name) == key)
    }
}

/// [`ProjectData`] with lean codings, from [`Project::lean_data`].
pub type LeanData = ProjectData<CodingSpan>;

impl Project {
    /// Creates a new, empty project file. Refuses to overwrite anything.
    /// The file is built beside `path` and moved there complete (see
    /// [`Project::create_whole`]), so a process killed meanwhile never
    /// leaves a file at `path` that is not a project.
    pub fn create(path: impl AsRef<Path>) -> Result<Project> {
        Project::create_with(path, None)
    }

    /// Opens the project at `path` for a dry run, which must leave the file
    /// byte for byte as it was: as it is when its schema is Jalin's
    /// current one; an older project is copied into a temporary file
    /// (encrypted with `key` too) and the copy upgraded, so an older Jalin
    /// can still open the file. The copy goes when the returned guard does.
    pub fn open_unchanged(
        path: impl AsRef<Path>,
        key: Option<&Passphrase>,
    ) -> Result<(Project, Option<TempProject>)> {
        let path = path.as_ref();
        let key = key.filter(|_| !crypt::has_sqlite_header(path));
        let (conn, version) = trust::open_checked(path, key)?;
        drop(conn);
        if version >= LATEST_VERSION {
            return Ok((Project::open_with(path, key)?, None));
        }
        let tmp = TempProject(std::env::temp_dir().join(format!(
            "jalin-dry-run-{}-{}.jalin",
            std::process::id(),
            crate::model::Guid::new().as_str()
        )));
        backup_with(path, &tmp.0, false, key)?;
        let project = Project::open_with(&tmp.0, key)?;
        Ok((project, Some(tmp)))
    }

    /// [`Project::create`], encrypted with `key` when one is given.
    pub fn create_with(path: impl AsRef<Path>, key: Option<&Passphrase>) -> Result<Project> {
        let path = path.as_ref();
        Project::create_whole_with(path, key, |_| Ok::<_, StoreError>(()))?;
        Project::open_with(path, key)
    }

    /// Builds a new project at `path` whole or not at all: in a hidden
    /// temporary file beside it (`.NAME-PID.partial`), filled by `fill`,
    /// closed (so the file alone holds everything, with no log), then moved
    /// to `path` without replacing anything that appeared there meanwhile.
    /// On any failure the temporary file is removed and nothing is at
    /// `path`. A process killed meanwhile leaves only the temporary file,
    /// never a file at `path`; the next build of the same name removes such
    /// leftovers of processes that are gone. Refuses an existing `path`.
    pub fn create_whole<T, E: From<StoreError>>(
        path: impl AsRef<Path>,
        fill: impl FnOnce(&mut Project) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        Project::create_whole_with(path, None, fill)
    }

    /// [`Project::create_whole`], encrypted with `key` when one is given
    /// (the temporary file too, from its first page).
    pub fn create_whole_with<T, E: From<StoreError>>(
        path: impl AsRef<Path>,
        key: Option<&Passphrase>,
        fill: impl FnOnce(&mut Project) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let path = path.as_ref();
        check_new_target(path)?;
        let tmp = partial::path_for(path);
        partial::remove_stale(path);
        remove_db_files(&tmp);
        let _removed_on_signal = partial::RemovedOnSignal::new(&tmp);
        let built = Project::create_here(&tmp, key)
            .map_err(E::from)
            .and_then(|mut p| {
                let value = fill(&mut p)?;
                p.close_complete().map_err(E::from)?;
                Ok(value)
            });
        let value = match built {
            Ok(value) => value,
            Err(e) => {
                remove_db_files(&tmp);
                return Err(e);
            }
        };
        if let Err(e) = partial::move_into_place(&tmp, path) {
            remove_db_files(&tmp);
            return Err(e.into());
        }
        Ok(value)
    }

    /// Copies the log into the file (reporting a failure, which dropping a
    /// project cannot) and closes the project: the file alone is complete.
    fn close_complete(self) -> Result<()> {
        self.sync()?;
        self.sq()?
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                r.get::<_, i64>(0)
            })
            .map_err(StoreError::from)
            .and_then(|busy| {
                if busy == 0 {
                    Ok(())
                } else {
                    Err(StoreError::NotWritten {
                        what: "write the new project into its file".into(),
                        expected: 0,
                        changed: 1,
                    })
                }
            })?;
        let path = self.path.clone();
        drop(self);
        // The log was emptied above; SQLite removes it on closing, and what
        // is left (an empty log, the index) holds nothing.
        for suffix in ["-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
        Ok(())
    }

    /// Creates the project file at `path` itself (the body of
    /// [`Project::create_whole`]).
    fn create_here(path: &Path, key: Option<&Passphrase>) -> Result<Project> {
        let path = path.to_path_buf();
        check_new_target(&path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = rusqlite::Connection::open_with_flags(&path, flags)
            .map_err(|e| open_failure(&path, e))?;
        if let Some(key) = key {
            crypt::apply_key(&conn, key, &path)?;
        }
        trust::harden(&conn)?;
        crate::files::remember_project(&path);
        let mut project = Project {
            conn: Connection::Sqlite(conn),
            server: None,
            path,
            flusher: None,
            key: key.cloned(),
        };
        let created = project
            .sq()?
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| open_failure(&project.path, e))
            .and_then(|()| project.migrate(0));
        if let Err(e) = created {
            // Leave nothing behind: a half-made project is worse than none.
            let path = project.path.clone();
            drop(project);
            remove_db_files(&path);
            return Err(e);
        }
        project.configure()?;
        Ok(project)
    }

    /// Opens an existing project file, upgrading its schema if it was written
    /// by an older Jalin. A file that is not a Jalin project, was written by
    /// a newer Jalin, has a write-ahead log that is not its own, holds
    /// schema objects (triggers, views, tables, indexes) Jalin did not make,
    /// or has a loop in its code tree is refused before anything is written
    /// to it (see `trust.rs`).
    pub fn open(path: impl AsRef<Path>) -> Result<Project> {
        Project::open_with(path, None)
    }

    /// [`Project::open`] with the passphrase of an encrypted project. The
    /// key is used only for a file without SQLite's plain header; an
    /// encrypted file opened without one is [`StoreError::NeedsPassphrase`],
    /// with a wrong one [`StoreError::WrongPassphrase`], and is left
    /// untouched.
    pub fn open_with(path: impl AsRef<Path>, key: Option<&Passphrase>) -> Result<Project> {
        let path = path.as_ref().to_path_buf();
        let key = key.filter(|_| !crypt::has_sqlite_header(&path));
        let checked = trust::open_checked(&path, key).and_then(|(conn, version)| {
            trust::check_schema(&conn, &path, version)?;
            if version >= 1 {
                trust::check_code_tree(&conn, &path)?;
            }
            Ok((conn, version))
        });
        let (conn, version) = checked.map_err(|e| trust::hint_wal(e, &path))?;
        crate::files::remember_project(&path);
        let mut project = Project {
            conn: Connection::Sqlite(conn),
            server: None,
            path,
            flusher: None,
            key: key.cloned(),
        };
        // Upgrading and switching to WAL are the first writes: a file that
        // cannot be written is refused here with the reason.
        let project_path = project.path.clone();
        let first_writes = |e: StoreError| match e {
            StoreError::Sqlite(e) => open_failure(&project_path, e),
            other => other,
        };
        if version < LATEST_VERSION {
            project.migrate(version).map_err(first_writes)?;
        }
        project.configure().map_err(first_writes)?;
        Ok(project)
    }

    /// Opens a project by its location: a team project's
    /// `postgres://USER@HOST:PORT/DB?project=NAME`, else a file's path.
    pub fn open_location(location: &str) -> Result<Project> {
        Project::open_location_with(location, Password::Find)
    }

    /// [`Project::open_location`] with the password to use for a server.
    pub fn open_location_with(location: &str, password: Password<'_>) -> Result<Project> {
        if is_server_location(location) {
            let loc = ServerLocation::parse(location).map_err(|reason| StoreError::ServerOpen {
                location: location_without_password(location),
                reason,
            })?;
            return pg::open(&loc, password);
        }
        Project::open(location)
    }

    /// Creates a new, empty project at `location` (see
    /// [`Project::open_location`]).
    pub fn create_location(location: &str) -> Result<Project> {
        if is_server_location(location) {
            let loc = ServerLocation::parse(location).map_err(|reason| StoreError::ServerOpen {
                location: location_without_password(location),
                reason,
            })?;
            return pg::create(&loc, Password::Find);
        }
        Project::create(location)
    }

    /// Writes a consistent copy of the open project to the new file `out`
    /// (SQLite's online backup; the workbench's File ▸ Save a copy…, like
    /// `jalin backup`). Refuses an `out` that exists.
    pub fn save_copy(&self, out: impl AsRef<Path>) -> Result<()> {
        if self.conn.pg().is_some() {
            // A team project: its rows into a new file, whole or not at all.
            return Project::create_whole(out, |p| p.transact(|p| copy::copy_rows(self, p)))
                .map(|_| ());
        }
        trust::copy_to(self.sq()?, out.as_ref(), None, self.key.as_ref()).map(|_| ())
    }

    /// Whether the project file is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// The passphrase the project was opened with (encrypted projects).
    pub(crate) fn passphrase(&self) -> Option<&Passphrase> {
        self.key.as_ref()
    }

    /// Whether the connection runs with `trusted_schema=OFF` and SQLite's
    /// defensive mode (always; for tests).
    pub fn is_hardened(&self) -> Result<bool> {
        use rusqlite::config::DbConfig;
        let conn = self.sq()?;
        let trusted: i64 = conn.pragma_query_value(None, "trusted_schema", |r| r.get(0))?;
        Ok(trusted == 0
            && conn.db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE)?
            && !conn.db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA)?)
    }

    /// Where this project lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version written in the file.
    pub fn schema_version(&self) -> Result<i64> {
        if self.conn.pg().is_some() {
            return pg::schema_version(&self.conn);
        }
        Ok(self
            .sq()?
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Runs SQLite's own consistency check; `Ok(())` when the file is sound.
    pub fn check_integrity(&self) -> Result<()> {
        let Some(conn) = self.conn.sqlite() else {
            // The server keeps its own pages and references.
            return Ok(());
        };
        let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        let fk_problems: i64 =
            conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        if verdict != "ok" || fk_problems > 0 {
            return Err(StoreError::Corrupt {
                path: self.path.clone(),
                detail: format!("{verdict}; {fk_problems} broken references"),
            });
        }
        Ok(())
    }

    /// Reads all sources, codes, codings and coders for analysis.
    pub fn data(&self) -> Result<ProjectData> {
        self.data_with(self.codings()?)
    }

    /// [`Project::data`] with codings as [`CodingSpan`]s (no GUID or time,
    /// ordered by source, code and position): enough for the frequency and
    /// triangulation tables, and several times faster to read at a million
    /// codings.
    pub fn lean_data(&self) -> Result<LeanData> {
        self.data_with(self.coding_spans()?)
    }

    /// [`Project::lean_data`] without the codings, for tables counted in
    /// SQL ([`Project::coding_counts`]).
    pub fn counting_data(&self) -> Result<LeanData> {
        self.data_with(Vec::new())
    }

    /// Everything but the codings, read here, around `codings`.
    fn data_with<C>(&self, codings: Vec<C>) -> Result<ProjectData<C>> {
        let turns = self.all_turns()?;
        Ok(ProjectData {
            sources: self.sources()?,
            codes: self.codes()?,
            codings,
            coders: self.coders()?,
            turns,
            exemplars: self.exemplars()?,
            speakers: self.speakers()?,
        })
    }

    /// How hard each saved change is pushed to the disk. Jalin opens every
    /// project with [`Durability::Prompt`]; see [`Durability`].
    pub fn set_durability(&mut self, d: Durability) -> Result<()> {
        if self.conn.pg().is_some() {
            // The server's own (`synchronous_commit`): every commit is
            // durable when it returns.
            return Ok(());
        }
        self.sync()?;
        self.sq()?.pragma_update(None, "synchronous", d.pragma())?;
        self.flusher = match d {
            Durability::Prompt => {
                Some(
                    flush::Flusher::start(&self.path).map_err(|cause| StoreError::Flush {
                        path: self.path.clone(),
                        cause,
                    })?,
                )
            }
            Durability::Full | Durability::Normal => None,
        };
        Ok(())
    }

    /// The durability the connection runs with.
    pub fn durability(&self) -> Result<Durability> {
        if self.conn.pg().is_some() {
            return Ok(Durability::Full);
        }
        let level: i64 = self
            .sq()?
            .pragma_query_value(None, "synchronous", |r| r.get(0))?;
        Ok(if level >= 2 {
            Durability::Full
        } else if self.flusher.is_some() {
            Durability::Prompt
        } else {
            Durability::Normal
        })
    }

    /// Waits until every change committed so far is on the disk (with
    /// [`Durability::Prompt`]; with the others there is nothing to wait
    /// for). Reports a failed flush.
    pub fn sync(&self) -> Result<()> {
        match &self.flusher {
            Some(f) => f.wait().map_err(|cause| StoreError::Flush {
                path: self.path.clone(),
                cause,
            }),
            None => Ok(()),
        }
    }

    /// How many background flushes have run (with [`Durability::Prompt`]).
    pub fn background_flushes(&self) -> u64 {
        self.flusher.as_ref().map_or(0, flush::Flusher::syncs)
    }

    fn configure(&mut self) -> Result<()> {
        let conn = self.sq()?;
        // One user action runs a dozen distinct statements (savepoint, checks,
        // the insert, GUID checks of its inverse); rusqlite's default cache of
        // 16 let them evict each other, so every coding prepared them again.
        conn.set_prepared_statement_cache_capacity(256);
        // The query planner stability guarantee: plans never depend on the
        // values bound. Without it SQLite 3.54 marks a statement whose
        // planning looked at a bound value (any `column = ?` a candidate
        // index leaves over) as "re-prepare on rebind", and the
        // `sqlite3_clear_bindings` rusqlite runs when a statement goes back to
        // its cache then expires it: the coding check was compiled again on
        // every coding, a quarter of a coding's time (perf, and
        // `codings_do_not_recompile_their_statements`). Jalin has no
        // statistics tables, so no plan gets worse.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_millis(2000))?;
        // Opening an older file in WAL mode writes its header; only do it for
        // files that are Jalin's and current, which is all that reach here.
        let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        self.set_durability(Durability::Prompt)?;
        Ok(())
    }

    fn migrate(&mut self, from: i64) -> Result<()> {
        // A step may rebuild a table others reference (step 4); with foreign
        // keys on, dropping the old table would cascade. The pragma does
        // nothing inside a transaction, so it is switched off here;
        // `configure` switches it on again. Before committing, the rebuild
        // must not have left a reference broken that was sound before.
        let Connection::Sqlite(conn) = &mut self.conn else {
            return Ok(());
        };
        conn.pragma_update(None, "foreign_keys", "OFF")?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
        let broken = |tx: &rusqlite::Transaction<'_>| -> Result<i64> {
            Ok(
                tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })?,
            )
        };
        let before = broken(&tx)?;
        schema::migrate(&tx, from).map_err(|e| match e {
            // What the file holds fails a step (a row breaking a rule of the
            // new layout): said once, in words, with both versions. Errors of
            // the disk or the file's place go on to `open_failure`.
            StoreError::Sqlite(e) if !error::is_about_the_file(&e) => StoreError::Migration {
                path: self.path.clone(),
                from,
                to: LATEST_VERSION,
                reason: error::migration_reason(&e),
            },
            other => other,
        })?;
        let after = broken(&tx)?;
        if after > before {
            return Err(StoreError::Corrupt {
                path: self.path.clone(),
                detail: format!(
                    "upgrading the file to schema {LATEST_VERSION} would break {} references; \
                     nothing was changed",
                    after - before
                ),
            });
        }
        tx.commit()?;
        Ok(())
    }

    /// A number that changes whenever another connection (another Jalin
    /// window, a `jalin` command) commits a change to the file, and not for
    /// this connection's own changes (SQLite's `PRAGMA data_version`). Cheap:
    /// the workbench polls it to notice changes made elsewhere.
    pub fn data_version(&self) -> Result<i64> {
        if let Some(pg) = self.conn.pg() {
            // Other coders' commits, as their NOTIFY said (see pg_schema).
            return Ok(pg.changes_elsewhere()?);
        }
        Ok(self
            .sq()?
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// Starts the write transaction of one store method (a savepoint when
    /// [`Project::transact`] has one open). A background flush that failed
    /// since the last change is reported here, before anything more is
    /// written.
    fn write(&self) -> Result<Tx<'_>> {
        self.check_flush()?;
        Ok(Tx {
            conn: &self.conn,
            nested: begin(&self.conn)?,
            done: false,
            flusher: self.flusher.as_ref(),
        })
    }

    /// [`Project::write`] for a store method that writes with exactly one
    /// statement: inside [`Project::transact`] no savepoint is opened,
    /// since SQLite undoes a failed statement whole and the transaction
    /// around it is rolled back on the error anyway. (A coding is the hot
    /// path; the savepoint and its release were a twentieth of its time.)
    /// On a server the savepoint is kept: a refused statement aborts the
    /// whole transaction there, and the caller then explains the refusal
    /// with a query, which needs the transaction back as it was.
    fn write_one_statement(&self) -> Result<Tx<'_>> {
        if self.conn.is_autocommit() || self.conn.pg().is_some() {
            return self.write();
        }
        Ok(Tx {
            conn: &self.conn,
            nested: true,
            // Nothing to release or roll back.
            done: true,
            flusher: None,
        })
    }

    /// Reports a background flush that failed since the last change, before
    /// a new transaction writes more.
    fn check_flush(&self) -> Result<()> {
        if self.conn.is_autocommit()
            && let Some(cause) = self.flusher.as_ref().and_then(flush::Flusher::take_error)
        {
            return Err(StoreError::Flush {
                path: self.path.clone(),
                cause,
            });
        }
        Ok(())
    }

    /// Runs `f` as one transaction: every write the store methods called in
    /// it make is committed together when it returns `Ok`, or none is when
    /// it returns an error (or panics). One user action, however many
    /// rows it touches, is saved whole or not at all. Calls may nest; an
    /// inner one is a savepoint.
    pub fn transact<T>(&mut self, f: impl FnOnce(&mut Project) -> Result<T>) -> Result<T> {
        self.check_flush()?;
        let nested = begin(&self.conn)?;
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(self)));
        match outcome {
            Ok(Ok(_)) if self.conn.is_autocommit() => {
                // SQLite ended the transaction on its own (after an I/O
                // error a step ignored): what was written is gone.
                Err(StoreError::NotWritten {
                    what: "the change".into(),
                    expected: 1,
                    changed: 0,
                })
            }
            Ok(Ok(value)) => {
                commit(&self.conn, nested, self.flusher.as_ref())?;
                Ok(value)
            }
            Ok(Err(e)) => {
                rollback(&self.conn, nested);
                Err(e)
            }
            Err(panic) => {
                rollback(&self.conn, nested);
                std::panic::resume_unwind(panic)
            }
        }
    }

    /// The SQLite connection of a project file; a team project on a
    /// server has none (for what only files have: checks, backup, WAL).
    fn sq(&self) -> Result<&rusqlite::Connection> {
        self.conn.sqlite().ok_or_else(|| StoreError::OnServer {
            location: self.path.display().to_string(),
        })
    }

    /// The server location (without password) of a team project; `None`
    /// for a project file.
    pub fn server(&self) -> Option<&str> {
        self.server.as_deref()
    }

    /// The project's name: a team project's (`?project=NAME`), else the
    /// file's name without its extension.
    pub fn name(&self) -> Option<String> {
        match &self.server {
            Some(location) => ServerLocation::parse(location).ok().map(|l| l.project),
            None => self
                .path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned()),
        }
    }

    /// Whether a [`Project::transact`] is under way.
    pub fn in_transaction(&self) -> bool {
        !self.conn.is_autocommit()
    }
}

/// A location as typed, with any password in it blanked, for messages.
pub fn location_without_password(location: &str) -> String {
    let Some((scheme, rest)) = location.split_once("://") else {
        return location.to_string();
    };
    let (authority, tail) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => format!("{}@{host}", user.split(':').next().unwrap_or("")),
        None => authority.to_string(),
    };
    let tail = tail
        .split('&')
        .map(|p| {
            if p.starts_with("password=") || p.contains("?password=") {
                p.split("password=").next().unwrap_or("").to_string() + "password=***"
            } else {
                p.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("&");
    format!("{scheme}://{authority}{tail}")
}

/// Refuses a new project's `path` that exists or whose folder does not.
fn check_new_target(path: &Path) -> Result<()> {
    if path.exists() {
        return Err(StoreError::AlreadyExists(path.to_path_buf()));
    }
    // A name SQLite would take for part of another project (its log).
    let name = path.to_string_lossy();
    if ["-wal", "-shm", "-journal"]
        .iter()
        .any(|s| name.ends_with(s))
    {
        return Err(StoreError::CompanionName(path.to_path_buf()));
    }
    for suffix in ["-wal", "-journal"] {
        let companion = trust::sibling(path, suffix);
        if std::fs::symlink_metadata(&companion).is_ok() {
            return Err(StoreError::StaleCompanion {
                path: path.to_path_buf(),
                companion,
            });
        }
    }
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(folder) = folder
        && !folder.is_dir()
    {
        return Err(StoreError::NoFolder {
            folder: folder.to_path_buf(),
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// The temporary files new projects are built in.
mod partial {
    use std::path::{Path, PathBuf};

    use super::StoreError;

    fn prefix(path: &Path) -> String {
        format!(
            ".{}-",
            path.file_name().unwrap_or_default().to_string_lossy()
        )
    }

    /// `.NAME-PID.partial` beside `path`.
    pub(super) fn path_for(path: &Path) -> PathBuf {
        path.with_file_name(format!("{}{}.partial", prefix(path), std::process::id()))
    }

    /// While alive, a SIGINT, SIGTERM or SIGHUP (Ctrl+C, `kill`, a closed
    /// terminal) first removes the temporary file at `tmp` and its journal,
    /// then ends the process as the signal would: a decrypt stopped midway
    /// leaves no plaintext copy behind. SIGKILL cannot be caught: the next
    /// opening of the project removes what it left ([`remove_stale`]).
    pub(super) struct RemovedOnSignal {
        #[cfg(unix)]
        old: Vec<(libc::c_int, libc::sigaction)>,
    }

    #[cfg(unix)]
    mod signals {
        use std::ffi::CString;
        use std::sync::atomic::{AtomicPtr, Ordering};

        /// The files the handler removes: set before the handler is
        /// installed, never freed (a few bytes a rewrite), so a handler
        /// running late never reads freed memory.
        pub(super) static FILES: AtomicPtr<Vec<CString>> = AtomicPtr::new(std::ptr::null_mut());

        pub(super) extern "C" fn remove_then_die(signal: libc::c_int) {
            let files = FILES.load(Ordering::SeqCst);
            if !files.is_null() {
                // SAFETY: `FILES` points to a leaked, never-changed Vec;
                // unlink, signal and raise are async-signal-safe.
                for f in unsafe { &*files } {
                    unsafe { libc::unlink(f.as_ptr()) };
                }
            }
            unsafe {
                libc::signal(signal, libc::SIG_DFL);
                libc::raise(signal);
            }
        }
    }

    impl RemovedOnSignal {
        pub(super) fn new(tmp: &Path) -> RemovedOnSignal {
            #[cfg(unix)]
            {
                use std::os::unix::ffi::OsStrExt;
                use std::sync::atomic::Ordering;
                let files: Vec<std::ffi::CString> = ["", "-journal", "-wal", "-shm"]
                    .iter()
                    .filter_map(|suffix| {
                        let mut name = tmp.as_os_str().as_bytes().to_vec();
                        name.extend_from_slice(suffix.as_bytes());
                        std::ffi::CString::new(name).ok()
                    })
                    .collect();
                signals::FILES.store(Box::into_raw(Box::new(files)), Ordering::SeqCst);
                let mut old = Vec::new();
                for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
                    // SAFETY: a plain handler of the signature sigaction
                    // expects; the previous action is kept to be restored.
                    unsafe {
                        let mut action: libc::sigaction = std::mem::zeroed();
                        action.sa_sigaction = signals::remove_then_die as *const () as usize;
                        libc::sigemptyset(&mut action.sa_mask);
                        let mut previous: libc::sigaction = std::mem::zeroed();
                        if libc::sigaction(signal, &action, &mut previous) == 0 {
                            old.push((signal, previous));
                        }
                    }
                }
                RemovedOnSignal { old }
            }
            #[cfg(not(unix))]
            {
                let _ = tmp;
                RemovedOnSignal {}
            }
        }
    }

    impl Drop for RemovedOnSignal {
        fn drop(&mut self) {
            #[cfg(unix)]
            {
                for (signal, previous) in &self.old {
                    // SAFETY: restores the action saved in `new`.
                    unsafe { libc::sigaction(*signal, previous, std::ptr::null_mut()) };
                }
                signals::FILES.store(std::ptr::null_mut(), std::sync::atomic::Ordering::SeqCst);
            }
        }
    }

    /// Removes the temporary files (and their `-wal`/`-shm`) of earlier
    /// builds of `path` whose process is gone (Linux: no `/proc/PID`).
    pub(super) fn remove_stale(path: &Path) {
        if !Path::new("/proc/self").exists() {
            return;
        }
        let folder = match path.parent() {
            Some(f) if !f.as_os_str().is_empty() => f,
            _ => Path::new("."),
        };
        let Ok(entries) = std::fs::read_dir(folder) else {
            return;
        };
        let prefix = prefix(path);
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            // This project's, or any project's of that folder (one renamed
            // after its rewrite was killed): `.NAME.jalin-PID.partial`.
            let rest = name.strip_prefix(&prefix).or_else(|| {
                let i = name.to_ascii_lowercase().rfind(".jalin-")?;
                name.starts_with('.').then(|| &name[i + ".jalin-".len()..])
            });
            let Some(rest) = rest else {
                continue;
            };
            let Some((pid, tail)) = rest.split_once(".partial") else {
                continue;
            };
            if !matches!(tail, "" | "-wal" | "-shm" | "-journal") {
                continue;
            }
            let Ok(pid) = pid.parse::<u32>() else {
                continue;
            };
            if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// Moves the finished `tmp` to `path`, refusing to replace a file that
    /// appeared there meanwhile: a hard link (which fails on an existing
    /// name) and the temporary name removed; where the file system has no
    /// hard links, a rename after checking. The folder is flushed so the
    /// new name survives power loss.
    pub(super) fn move_into_place(tmp: &Path, path: &Path) -> Result<(), StoreError> {
        match std::fs::hard_link(tmp, path) {
            Ok(()) => {
                let _ = std::fs::remove_file(tmp);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(StoreError::AlreadyExists(path.to_path_buf()));
            }
            Err(_) => {
                if path.exists() {
                    return Err(StoreError::AlreadyExists(path.to_path_buf()));
                }
                std::fs::rename(tmp, path).map_err(|source| StoreError::Unusable {
                    path: path.to_path_buf(),
                    reason: format!("the new project could not be moved into place ({source})"),
                })?;
            }
        }
        if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty())
            && let Ok(dir) = std::fs::File::open(folder)
        {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

/// A temporary project file, removed (with its log) when this goes.
#[derive(Debug)]
pub struct TempProject(PathBuf);

impl Drop for TempProject {
    fn drop(&mut self) {
        remove_db_files(&self.0);
    }
}

fn remove_db_files(path: &Path) {
    let _ = std::fs::remove_file(path);
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// The baseline Jalin's per-coding commits are measured against (`jalin
/// bench workload-a`): `n` single-row insert transactions of a coding-shaped
/// row (a GUID with a unique index and five integers) into a fresh SQLite
/// database at `path`, in WAL mode with `synchronous=NORMAL`, with nothing
/// else: no checks, no undo, no background flush. Commit costs on these
/// machines swing tenfold between runs, so a figure means something only as
/// a ratio to this baseline measured in the same run.
pub fn raw_insert_baseline(path: &Path, n: usize) -> Result<std::time::Duration> {
    if path.exists() {
        return Err(StoreError::AlreadyExists(path.to_path_buf()));
    }
    let conn = rusqlite::Connection::open(path).map_err(|cause| StoreError::Open {
        path: path.to_path_buf(),
        cause,
    })?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.execute_batch(
        "CREATE TABLE rows (id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE,
           a INTEGER NOT NULL, b INTEGER NOT NULL, c INTEGER NOT NULL,
           d INTEGER NOT NULL, e INTEGER NOT NULL) STRICT",
    )?;
    let started = std::time::Instant::now();
    for i in 0..n as i64 {
        conn.execute_batch("BEGIN IMMEDIATE")?;
        conn.prepare_cached(
            "INSERT INTO rows (guid, a, b, c, d, e) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(rusqlite::params![
            crate::model::Guid::new().as_str(),
            i % 200,
            i % 20,
            i * 7,
            i * 7 + 40,
            1
        ])?;
        conn.execute_batch("COMMIT")?;
    }
    let elapsed = started.elapsed();
    drop(conn);
    remove_db_files(path);
    Ok(elapsed)
}
