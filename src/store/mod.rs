//! The project file: one SQLite database, and the only place in Jalin that
//! speaks SQL.
//!
//! Every method that changes data runs in its own transaction, so a user
//! action is either wholly saved or not at all. [`Project::open`] is the one
//! way to open an existing project file, so later features (encryption,
//! locking) have one place to hook in.

mod bundle;
mod codes;
mod codings;
mod error;
mod flush;
mod memos;
mod review;
mod schema;
mod sources;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use bundle::{
    Bundle, BundleAdded, BundleCode, BundleCoder, BundleCoding, BundleMemo, BundleSource,
    BundleTarget,
};
pub use codes::{CodeDeletion, MergeReport, NewCode};
pub use codings::{NamedCoding, NewCoding};
pub use error::{StoreError, describe_sqlite, open_failure};
pub use schema::LATEST_VERSION;
pub use sources::{AddedSource, NewSource, content_hash};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    path: PathBuf,
    /// Runs while the durability is [`Durability::Prompt`].
    flusher: Option<flush::Flusher>,
}

impl Drop for Project {
    fn drop(&mut self) {
        // Flush what is committed before the connection closes; the
        // flusher's own drop waits for its last fsync.
        self.flusher.take();
    }
}

/// The write transaction of one user action. Derefs to rusqlite's
/// transaction; [`Tx::commit`] also tells the flusher.
pub(crate) struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
    flusher: Option<&'a flush::Flusher>,
}

impl<'a> std::ops::Deref for Tx<'a> {
    type Target = rusqlite::Transaction<'a>;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl std::ops::DerefMut for Tx<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

impl Tx<'_> {
    /// Commits, then asks for the log to be flushed.
    pub(crate) fn commit(self) -> Result<()> {
        self.tx.commit()?;
        if let Some(f) = self.flusher {
            f.committed();
        }
        Ok(())
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
}

/// [`ProjectData`] with lean codings, from [`Project::lean_data`].
pub type LeanData = ProjectData<CodingSpan>;

impl Project {
    /// Creates a new, empty project file. Refuses to overwrite anything.
    pub fn create(path: impl AsRef<Path>) -> Result<Project> {
        let path = path.as_ref().to_path_buf();
        if path.exists() {
            return Err(StoreError::AlreadyExists(path));
        }
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
        if let Some(folder) = folder
            && !folder.is_dir()
        {
            return Err(StoreError::NoFolder {
                folder: folder.to_path_buf(),
                path,
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags).map_err(|e| open_failure(&path, e))?;
        let mut project = Project {
            conn,
            path,
            flusher: None,
        };
        let created = project
            .conn
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
    /// by an older Jalin. A file that is not a Jalin project, or was written by
    /// a newer Jalin, is refused before anything is written to it.
    pub fn open(path: impl AsRef<Path>) -> Result<Project> {
        let path = path.as_ref().to_path_buf();
        match std::fs::metadata(&path) {
            Err(_) => return Err(StoreError::NotFound(path)),
            Ok(m) if m.is_dir() => {
                return Err(StoreError::NotAProject {
                    path,
                    reason: "it is a folder".into(),
                });
            }
            Ok(m) if m.len() == 0 => {
                return Err(StoreError::NotAProject {
                    path,
                    reason: "the file is empty".into(),
                });
            }
            Ok(_) => {}
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags).map_err(|e| open_failure(&path, e))?;
        // The first read is where SQLite finds out what the file is and
        // whether it can use it; say which.
        let app_id: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(|e| open_failure(&path, e))?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| open_failure(&path, e))?;
        if app_id != APPLICATION_ID {
            return Err(StoreError::NotAProject {
                path,
                reason: "it is an SQLite database of another program".into(),
            });
        }
        if version > LATEST_VERSION {
            return Err(StoreError::NewerVersion {
                path,
                found: version,
                supported: LATEST_VERSION,
            });
        }
        let mut project = Project {
            conn,
            path,
            flusher: None,
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

    /// Where this project lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version written in the file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Runs SQLite's own consistency check; `Ok(())` when the file is sound.
    pub fn check_integrity(&self) -> Result<()> {
        let verdict: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        let fk_problems: i64 =
            self.conn
                .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
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
        })
    }

    /// How hard each saved change is pushed to the disk. Jalin opens every
    /// project with [`Durability::Prompt`]; see [`Durability`].
    pub fn set_durability(&mut self, d: Durability) -> Result<()> {
        self.sync()?;
        self.conn.pragma_update(None, "synchronous", d.pragma())?;
        self.flusher =
            match d {
                Durability::Prompt => Some(flush::Flusher::start(&self.path).map_err(
                    |source| StoreError::Flush {
                        path: self.path.clone(),
                        source,
                    },
                )?),
                Durability::Full | Durability::Normal => None,
            };
        Ok(())
    }

    /// The durability the connection runs with.
    pub fn durability(&self) -> Result<Durability> {
        let level: i64 = self
            .conn
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
            Some(f) => f.wait().map_err(|source| StoreError::Flush {
                path: self.path.clone(),
                source,
            }),
            None => Ok(()),
        }
    }

    /// How many background flushes have run (with [`Durability::Prompt`]).
    pub fn background_flushes(&self) -> u64 {
        self.flusher.as_ref().map_or(0, flush::Flusher::syncs)
    }

    fn configure(&mut self) -> Result<()> {
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn
            .busy_timeout(std::time::Duration::from_millis(2000))?;
        // Opening an older file in WAL mode writes its header; only do it for
        // files that are Jalin's and current, which is all that reach here.
        let mode: String = self
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            self.conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        self.set_durability(Durability::Prompt)?;
        Ok(())
    }

    fn migrate(&mut self, from: i64) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Exclusive)?;
        schema::migrate(&tx, from)?;
        tx.commit()?;
        Ok(())
    }

    /// Starts the write transaction of one user action. A background flush
    /// that failed since the last change is reported here, before anything
    /// more is written.
    fn write(&mut self) -> Result<Tx<'_>> {
        if let Some(source) = self.flusher.as_ref().and_then(flush::Flusher::take_error) {
            return Err(StoreError::Flush {
                path: self.path.clone(),
                source,
            });
        }
        Ok(Tx {
            tx: self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?,
            flusher: self.flusher.as_ref(),
        })
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
