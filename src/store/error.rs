use std::path::{Path, PathBuf};

use crate::model::{CodeId, CoderId, CodingId, MemoId, SourceId};

/// What can go wrong with a project file or a change to it. Messages say
/// what happened and what to do, with the file path last.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no project file at {0}")]
    NotFound(PathBuf),
    #[error("a file already exists there; choose another name or delete it first: {0}")]
    AlreadyExists(PathBuf),
    #[error(
        "the folder {} does not exist; create it first or choose another place: {}",
        .folder.display(),
        .path.display()
    )]
    NoFolder { folder: PathBuf, path: PathBuf },
    #[error("not a Jalin project ({reason}): {path}")]
    NotAProject { path: PathBuf, reason: String },
    #[error(
        "this project was saved by a newer Jalin (file schema {found}, this Jalin reads up to {supported}); \
         update Jalin to open it. The file was not changed: {path}"
    )]
    NewerVersion {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// SQLite's own error is described once, in plain words; it is kept
    /// (not as a `source`) so that `{:#}` does not print its raw text after
    /// the message.
    #[error("cannot open the project ({}): {path}", describe_sqlite(.cause))]
    Open {
        path: PathBuf,
        cause: rusqlite::Error,
    },
    /// A schema upgrade step failed on what the file holds; the
    /// transaction it ran in was rolled back.
    #[error(
        "cannot upgrade this project from file schema {from} to {to}: {reason}. \
         The file was not changed: {path}"
    )]
    Migration {
        path: PathBuf,
        from: i64,
        to: i64,
        reason: String,
    },
    /// The file may be a project, but SQLite cannot use it where it is
    /// (read-only disk, unwritable folder, a folder where its log goes).
    #[error("cannot open the project: {reason}: {path}")]
    Unusable { path: PathBuf, reason: String },
    #[error(
        "could not flush saved changes to the disk ({cause}); the disk may be failing or full. \
         Recent changes may be lost on power loss: {path}"
    )]
    Flush {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("the project file is damaged ({detail}): {path}")]
    Corrupt { path: PathBuf, detail: String },
    /// The file holds schema objects Jalin did not make, or Jalin's own
    /// objects changed; `detail` names them and says what to do.
    #[error("{detail}: {path}")]
    Untrusted { path: PathBuf, detail: String },
    #[error(
        "the write-ahead log beside the project ({wal}) does not belong to this file ({reason}); \
         SQLite would mix it into the project or drop it silently, so Jalin did not open it and changed nothing. \
         This happens when a project file is restored or copied without its log, or next to another one's: \
         close every Jalin window on it, move the -wal file out of the folder (keep it) and open again: {path}"
    )]
    ForeignWal {
        path: PathBuf,
        wal: PathBuf,
        reason: String,
    },
    #[error(
        "code '{name}' would sit {levels} levels deep; Jalin keeps code trees to {limit} levels, \
         so that every .qdpx it writes can be read back. Put it higher up"
    )]
    TooDeep {
        name: String,
        levels: usize,
        limit: usize,
    },
    #[error(
        "cannot merge code '{from}' into '{into}': its sub-code '{deepest}' would then sit \
         {levels} levels deep, and Jalin keeps code trees to {limit} levels, so that every .qdpx \
         it writes can be read back. Move '{into}' or the sub-codes of '{from}' higher up first; \
         nothing was changed"
    )]
    MergeTooDeep {
        from: String,
        into: String,
        deepest: String,
        levels: usize,
        limit: usize,
    },
    /// The file is not a plain SQLite database and may be an encrypted
    /// project; it can only be opened with its passphrase.
    #[error(
        "this file is encrypted (or is not a Jalin project at all); it opens only with its \
         passphrase: {0}"
    )]
    NeedsPassphrase(PathBuf),
    /// The passphrase did not open the file. Never names the passphrase.
    #[error("wrong passphrase or not a Jalin project; the file was not changed: {0}")]
    WrongPassphrase(PathBuf),
    #[error("{0}")]
    BadPassphrase(String),
    #[error("cannot write a copy there ({reason}): {path}")]
    BadCopyTarget { path: PathBuf, reason: String },
    /// Described in plain words; not a `source`, so the raw SQLite text is
    /// not printed after the description (see `Open`).
    #[error("{}", describe_sqlite(.0))]
    Sqlite(rusqlite::Error),
    #[error("no source called '{0}' in this project")]
    UnknownSource(String),
    #[error("'{speaker}' does not speak in source '{source_name}' (its speakers: {known})")]
    UnknownSpeaker {
        source_name: String,
        speaker: String,
        known: String,
    },
    #[error("no code called '{0}' in this project")]
    UnknownCode(String),
    #[error(
        "'{name}' could be any of several codes ({candidates}); give the full path, parent > child"
    )]
    AmbiguousCode { name: String, candidates: String },
    #[error("no coding with id '{0}' in this project")]
    UnknownCoding(String),
    #[error("no memo with id '{0}' in this project")]
    UnknownMemo(String),
    /// A code asked for by id (the workbench, an undo step) is not in the
    /// project: it was deleted, here or by another window or command. Ids
    /// are internal, so the message does not show it; the workbench names
    /// the code from what it showed.
    #[error("the code is no longer in the project (it was deleted, perhaps in another window)")]
    CodeGone(CodeId),
    #[error("the source is no longer in the project (it was deleted, perhaps in another window)")]
    SourceGone(SourceId),
    #[error("the coding is no longer in the project (it was removed, perhaps in another window)")]
    CodingGone(CodingId),
    #[error("the memo is no longer in the project (it was deleted, perhaps in another window)")]
    MemoGone(MemoId),
    #[error(
        "a code called '{0}' already exists at that level of the codebook (names that differ only in case or in how accents are encoded are the same name)"
    )]
    DuplicateCode(String),
    #[error(transparent)]
    BadCodeName(#[from] crate::model::names::BadCodeName),
    #[error("a source called '{0}' already exists")]
    DuplicateSource(String),
    #[error(
        "'{0}' is the GUID of another source, so it cannot be a source's name (lookups by GUID would be ambiguous); choose another name"
    )]
    NameIsGuid(String),
    #[error("a name cannot be empty")]
    EmptyName,
    #[error("no coder called '{0}' in this project")]
    UnknownCoder(String),
    /// A pseudonym row the table cannot take; the message says why.
    #[error("cannot add that pseudonym: {0}; nothing was changed")]
    BadPseudonym(String),
    #[error(
        "no real name '{0}' in the pseudonym table (see `jalin pseudonyms PROJECT list`); nothing was changed"
    )]
    UnknownPseudonym(String),
    #[error(
        "'{0}' cannot be a coder's name: write it on one line, without tabs or other control characters, in at most 200 characters"
    )]
    BadCoderName(String),
    #[error(
        "a coder called '{0}' already exists (names that differ only in case are the same name)"
    )]
    DuplicateCoder(String),
    #[error("the coder is no longer in the project (it was removed, perhaps in another window)")]
    CoderGone(CoderId),
    #[error(
        "coder '{name}' cannot be removed: {codings} codings and {memos} memos are credited to them"
    )]
    CoderInUse {
        name: String,
        codings: usize,
        memos: usize,
    },
    #[error("cannot put code '{0}' under itself or one of its own sub-codes")]
    HierarchyCycle(String),
    #[error("cannot merge code '{0}' into itself")]
    MergeIntoSelf(String),
    #[error("range {start}..{end} is empty or reversed: the start must be before the end")]
    EmptyRange { start: usize, end: usize },
    #[error(
        "range {start}..{end} is outside source '{source_name}', whose text has {len} characters (0..{len})"
    )]
    RangeOutOfBounds {
        source_name: String,
        start: usize,
        end: usize,
        len: usize,
    },
    #[error("'{code}' is already applied to {start}..{end} of '{source_name}' by this coder")]
    AlreadyCoded {
        source_name: String,
        code: String,
        start: usize,
        end: usize,
    },
    #[error(
        "the project file did not take the change ({what}: {changed} rows changed where \
         {expected} should have); nothing was saved. The file may hold a trigger or another \
         object Jalin did not make"
    )]
    NotWritten {
        what: String,
        expected: usize,
        changed: usize,
    },
    #[error(
        "{0} was changed or removed outside this window (by another Jalin window or command); \
         nothing was changed"
    )]
    ChangedElsewhere(String),
    #[error("cannot add these items together: {0}")]
    BadBundle(String),
    #[error(
        "a speaker turn {start}..{end} does not fit the text of '{source_name}' ({len} characters)"
    )]
    BadTurn {
        source_name: String,
        start: usize,
        end: usize,
        len: usize,
    },
    #[error("cannot change the text of '{source_name}': {reason}; nothing was changed")]
    BadEdit { source_name: String, reason: String },
    /// Something only a project file has (its checks, a backup of the
    /// file, its write-ahead log) was asked of a team project.
    #[error("this needs a project file, and this is a team project on a server: {location}")]
    OnServer { location: String },
    /// The server refused or failed (`message` is its reason, in its words).
    #[error("{}", describe_server(.0))]
    Server(super::db::ServerError),
    /// A team project could not be reached or opened.
    #[error("{reason}: {location}")]
    ServerOpen { location: String, reason: String },
}

/// What a server's failure means for the user.
pub fn describe_server(e: &super::db::ServerError) -> String {
    if e.lost {
        "the connection to the server was lost, so this change was not saved; \
         reopen the project when the server is back"
            .into()
    } else if e.denied {
        format!(
            "the server refused this: your role in the team project may not do it ({}); nothing was changed",
            e.message
        )
    } else {
        format!(
            "the server refused this ({}); nothing was changed",
            e.message
        )
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        if let Some(server) = super::db::server_error(&e) {
            return StoreError::Server(server.clone());
        }
        StoreError::Sqlite(e)
    }
}

impl From<crate::model::FindCodeError> for StoreError {
    fn from(e: crate::model::FindCodeError) -> Self {
        match e {
            crate::model::FindCodeError::Unknown(name) => StoreError::UnknownCode(name),
            crate::model::FindCodeError::Ambiguous { name, candidates } => {
                StoreError::AmbiguousCode { name, candidates }
            }
        }
    }
}

/// Why SQLite could not open or first read `path`, in words that say what
/// is wrong: only a file SQLite finds is not a database is "not a Jalin
/// project"; a read-only file or disk, a folder that cannot be written
/// (SQLite keeps the `-wal` and `-shm` files beside the project) and a
/// folder in the place of those files each get their own message.
pub fn open_failure(path: &Path, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode as C;
    let unusable = |reason: String| StoreError::Unusable {
        path: path.to_path_buf(),
        reason,
    };
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match e.sqlite_error_code() {
        Some(C::NotADatabase) => StoreError::NotAProject {
            path: path.to_path_buf(),
            reason: "it is not an SQLite database".into(),
        },
        Some(C::DatabaseCorrupt) => StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: "SQLite cannot read its pages".into(),
        },
        Some(C::ReadOnly) => unusable(format!(
            "it is read-only (the file, or the disk or folder {} it is on, cannot be written), \
             and Jalin must write to open it. Copy it to a folder you can write to, or make it writable",
            folder.display()
        )),
        Some(C::CannotOpen | C::PermissionDenied | C::SystemIoFailure) => {
            for suffix in ["-wal", "-shm"] {
                let mut beside = path.as_os_str().to_owned();
                beside.push(suffix);
                let beside = PathBuf::from(beside);
                if beside.is_dir() {
                    let what = if suffix == "-wal" {
                        "write-ahead log"
                    } else {
                        "shared-memory index"
                    };
                    return unusable(format!(
                        "{} is a folder, but SQLite keeps the project's {what} ({suffix}) there; \
                         move that folder away",
                        beside.display(),
                    ));
                }
            }
            unusable(format!(
                "cannot write to the folder {} (SQLite keeps the project's -wal and -shm files beside it; \
                 the folder or its disk is read-only, or you may not write there). \
                 Copy the project to a folder you can write to",
                folder.display()
            ))
        }
        _ => StoreError::Open {
            path: path.to_path_buf(),
            cause: e,
        },
    }
}

/// What an SQLite failure means for the user. Busy, read-only, full-disk and
/// damaged files get a sentence saying what happened and that the change was
/// not saved (SQLite rolls the transaction back); every other failure gets
/// a plain sentence too: no raw SQLite message or error number.
pub fn describe_sqlite(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    let Some(code) = e.sqlite_error_code() else {
        return describe_other(e);
    };
    match code {
        C::DatabaseBusy | C::DatabaseLocked => "the project is in use by another program \
             (another Jalin window or command is saving to it); nothing was changed. \
             Close the other program or try again in a moment"
            .into(),
        C::ReadOnly => "the project file is read-only, so nothing was saved; \
             make it writable or save a copy elsewhere"
            .into(),
        C::DiskFull => "the disk is full, so this change was not saved; the project is as it was \
             before. Free some space and try again"
            .into(),
        C::NotADatabase | C::DatabaseCorrupt => {
            format!("the project file is damaged ({e}); nothing was changed")
        }
        C::CannotOpen | C::SystemIoFailure | C::PermissionDenied => {
            "cannot write the project file or the log files beside it (the disk may be \
             failing, read-only or unplugged); nothing was changed"
                .into()
        }
        C::ConstraintViolation => "the change clashes with what is already in the project \
             (another window or command may have changed it meanwhile); nothing was changed. \
             Reload and try again"
            .into(),
        C::TooBig => {
            "the text or value is too large for the project file; nothing was changed".into()
        }
        C::OutOfMemory => "Jalin ran out of memory; nothing was changed".into(),
        C::OperationInterrupted | C::OperationAborted => {
            "the operation was interrupted; nothing was changed".into()
        }
        C::SchemaChanged => "the project file's layout was changed by another program while \
             Jalin was using it; nothing was changed. Open the project again"
            .into(),
        C::AuthorizationForStatementDenied => "the project file refused this change \
             (it may have been altered by another program); nothing was changed"
            .into(),
        C::FileLockingProtocolFailed | C::NoLargeFileSupport => "the disk or file system \
             does not support what SQLite needs (locking, large files); nothing was changed. \
             Keep the project on a local disk"
            .into(),
        _ => "the project file could not be read or changed (an internal SQLite error); \
             nothing was changed"
            .into(),
    }
}

/// Errors rusqlite raises itself (a value of the wrong type, a missing
/// row): what they mean for the project, without internal names.
fn describe_other(e: &rusqlite::Error) -> String {
    use rusqlite::Error as E;
    match e {
        E::QueryReturnedNoRows => "something this change needs is no longer in the project \
             (another window or command may have removed it); nothing was changed"
            .into(),
        E::FromSqlConversionFailure(..)
        | E::IntegralValueOutOfRange(..)
        | E::InvalidColumnType(..)
        | E::Utf8Error(..) => "the project file holds a value Jalin cannot read; \
             it may have been damaged or changed by another program"
            .into(),
        _ => "the project file could not be read (an internal error); nothing was changed".into(),
    }
}

/// Why a schema upgrade step failed on what the file holds, in plain words
/// (no raw SQLite text).
pub(super) fn migration_reason(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => {
            "a row in it breaks a rule this Jalin keeps (a value Jalin would not have \
             written; the file may have been changed by another program). Open it with the \
             Jalin that wrote it, or restore a backup"
                .into()
        }
        _ => describe_sqlite(e)
            .trim_end_matches("; nothing was changed")
            .to_string(),
    }
}

/// Whether SQLite failed because of where the file is or who holds it
/// (read-only, cannot open, I/O, busy, full disk), not what it holds.
pub(super) fn is_about_the_file(e: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode as C;
    matches!(
        e.sqlite_error_code(),
        Some(
            C::ReadOnly
                | C::CannotOpen
                | C::PermissionDenied
                | C::SystemIoFailure
                | C::DatabaseBusy
                | C::DatabaseLocked
                | C::DiskFull
                | C::NotADatabase
                | C::DatabaseCorrupt
        )
    )
}
