use std::path::{Path, PathBuf};

use crate::model::{CodeId, CoderId, CodingId, MemoId, SourceId};

/// What can go wrong with a project file or a change to it. Messages say
/// what happened and what to do, with the file path last.
#[derive(Debug)]
pub enum StoreError {
    NotFound(PathBuf),
    AlreadyExists(PathBuf),
    NoFolder {
        folder: PathBuf,
        path: PathBuf,
    },
    /// A `-wal` or `-journal` of an earlier project lies beside the name a
    /// new project is to take: SQLite would replay it into the new file.
    StaleCompanion {
        path: PathBuf,
        companion: PathBuf,
    },
    /// A new project's name ends like a project's log (`-wal`, `-shm`,
    /// `-journal`): SQLite would take the file for part of another.
    CompanionName(PathBuf),
    NotAProject {
        path: PathBuf,
        reason: String,
    },
    NewerVersion {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// SQLite's own error is described once, in plain words; it is kept
    /// (not as a `source`) so that `{:#}` does not print its raw text after
    /// the message.
    Open {
        path: PathBuf,
        cause: rusqlite::Error,
    },
    /// A schema upgrade step failed on what the file holds; the
    /// transaction it ran in was rolled back.
    Migration {
        path: PathBuf,
        from: i64,
        to: i64,
        reason: String,
    },
    /// The file may be a project, but SQLite cannot use it where it is
    /// (read-only disk, unwritable folder, a folder where its log goes).
    Unusable {
        path: PathBuf,
        reason: String,
    },
    Flush {
        path: PathBuf,
        cause: std::io::Error,
    },
    Corrupt {
        path: PathBuf,
        detail: String,
    },
    /// The file holds schema objects Jalin did not make, or Jalin's own
    /// objects changed; `detail` names them and says what to do.
    Untrusted {
        path: PathBuf,
        detail: String,
    },
    ForeignWal {
        path: PathBuf,
        wal: PathBuf,
        reason: String,
    },
    TooDeep {
        name: String,
        levels: usize,
        limit: usize,
    },
    /// Something in a file being merged the project cannot take (its codes
    /// would sit too deep): names the file, as a merge of several must.
    InMergedFile {
        path: PathBuf,
        error: Box<StoreError>,
    },
    MergeTooDeep {
        from: String,
        into: String,
        deepest: String,
        levels: usize,
        limit: usize,
    },
    /// The file is not a plain SQLite database and may be an encrypted
    /// project; it can only be opened with its passphrase.
    NeedsPassphrase(PathBuf),
    /// The passphrase did not open the file. Never names the passphrase.
    WrongPassphrase(PathBuf),
    BadPassphrase(String),
    BadCopyTarget {
        path: PathBuf,
        reason: String,
    },
    /// Described in plain words; not a `source`, so the raw SQLite text is
    /// not printed after the description (see `Open`).
    Sqlite(rusqlite::Error),
    UnknownSource(String),
    UnknownSpeaker {
        source_name: String,
        speaker: String,
        known: String,
    },
    UnknownCode(String),
    AmbiguousCode {
        name: String,
        candidates: String,
    },
    UnknownCoding(String),
    UnknownMemo(String),
    /// A code asked for by id (the workbench, an undo step) is not in the
    /// project: it was deleted, here or by another window or command. Ids
    /// are internal, so the message does not show it; the workbench names
    /// the code from what it showed.
    CodeGone(CodeId),
    SourceGone(SourceId),
    CodingGone(CodingId),
    MemoGone(MemoId),
    DuplicateCode(String),
    BadCodeName(crate::model::names::BadCodeName),
    DuplicateSource(String),
    NameIsGuid(String),
    EmptyName,
    UnknownCoder(String),
    /// A pseudonym row the table cannot take; the message says why.
    BadPseudonym(String),
    UnknownPseudonym(String),
    BadCoderName(String),
    DuplicateCoder(String),
    CoderGone(CoderId),
    CoderInUse {
        name: String,
        codings: usize,
        memos: usize,
    },
    HierarchyCycle(String),
    MergeIntoSelf(String),
    EmptyRange {
        start: usize,
        end: usize,
    },
    RangeOutOfBounds {
        source_name: String,
        start: usize,
        end: usize,
        len: usize,
    },
    AlreadyCoded {
        source_name: String,
        code: String,
        start: usize,
        end: usize,
    },
    NotWritten {
        what: String,
        expected: usize,
        changed: usize,
    },
    ChangedElsewhere(String),
    BadBundle(String),
    BadTurn {
        source_name: String,
        start: usize,
        end: usize,
        len: usize,
    },
    BadEdit {
        source_name: String,
        reason: String,
    },
    /// Something only a project file has (its checks, a backup of the
    /// file, its write-ahead log) was asked of a team project.
    OnServer {
        location: String,
    },
    /// The server refused or failed (`message` is its reason, in its words).
    Server(super::db::ServerError),
    /// A team project could not be reached or opened.
    ServerOpen {
        location: String,
        reason: String,
    },
}

/// What a server's failure means for the user.
pub fn describe_server(e: &super::db::ServerError) -> String {
    if e.lost {
        crate::t!("err-server-lost", message = e.message.as_str())
    } else if e.denied {
        crate::t!("err-server-denied", message = e.message.as_str())
    } else {
        crate::t!("err-server-refused", message = e.message.as_str())
    }
}

/// Messages in the current language (errors.ftl): what happened and what
/// to do, with the file path last; SQLite's own text is never shown.
impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            StoreError::NotFound(v) => {
                crate::t!("err-store-not-found", value = v.display().to_string())
            }
            StoreError::AlreadyExists(v) => {
                crate::t!("err-store-already-exists", value = v.display().to_string())
            }
            StoreError::NoFolder { folder, path, .. } => crate::t!(
                "err-store-no-folder",
                folder = folder.display().to_string(),
                path = path.display().to_string()
            ),
            StoreError::CompanionName(path) => {
                crate::t!("err-new-companion-name", path = path.display().to_string())
            }
            StoreError::StaleCompanion { path, companion } => crate::t!(
                "err-store-stale-companion",
                companion = companion.display().to_string(),
                path = path.display().to_string()
            ),
            StoreError::NotAProject { reason, path, .. } => crate::t!(
                "err-store-not-a-project",
                reason = reason.as_str(),
                path = path.display().to_string()
            ),
            StoreError::NewerVersion {
                found,
                supported,
                path,
                ..
            } => crate::t!(
                "err-store-newer-version",
                found = found.to_string(),
                supported = supported.to_string(),
                path = path.display().to_string()
            ),
            StoreError::Open { path, cause, .. } => crate::t!(
                "err-store-open",
                why = describe_sqlite(cause),
                path = path.display().to_string()
            ),
            StoreError::Migration {
                from,
                to,
                reason,
                path,
                ..
            } => crate::t!(
                "err-store-migration",
                from = from.to_string(),
                to = to.to_string(),
                reason = reason.as_str(),
                path = path.display().to_string()
            ),
            StoreError::Unusable { reason, path, .. } => crate::t!(
                "err-store-unusable",
                reason = reason.as_str(),
                path = path.display().to_string()
            ),
            StoreError::Flush { cause, path, .. } => crate::t!(
                "err-store-flush",
                cause = cause.to_string(),
                path = path.display().to_string()
            ),
            StoreError::Corrupt { detail, path, .. } => crate::t!(
                "err-store-corrupt",
                detail = detail.as_str(),
                path = path.display().to_string()
            ),
            StoreError::Untrusted { detail, path, .. } => crate::t!(
                "err-store-untrusted",
                detail = detail.as_str(),
                path = path.display().to_string()
            ),
            StoreError::ForeignWal {
                wal, reason, path, ..
            } => crate::t!(
                "err-store-foreign-wal",
                wal = wal.display().to_string(),
                reason = reason.as_str(),
                path = path.display().to_string()
            ),
            StoreError::TooDeep {
                name,
                levels,
                limit,
                ..
            } => crate::t!(
                "err-store-too-deep",
                name = name.as_str(),
                levels = levels.to_string(),
                limit = limit.to_string()
            ),
            StoreError::InMergedFile { path, error } => crate::t!(
                "cli-merge-cannot",
                path = path.display().to_string(),
                why = error.to_string()
            ),
            StoreError::MergeTooDeep {
                from,
                into,
                deepest,
                levels,
                limit,
                ..
            } => crate::t!(
                "err-store-merge-too-deep",
                from = from.as_str(),
                into = into.as_str(),
                deepest = deepest.as_str(),
                levels = levels.to_string(),
                limit = limit.to_string()
            ),
            StoreError::NeedsPassphrase(path) => crate::t!(
                "err-store-needs-passphrase",
                path = path.display().to_string()
            ),
            StoreError::WrongPassphrase(path) => crate::t!(
                "err-store-wrong-passphrase",
                path = path.display().to_string()
            ),
            StoreError::BadPassphrase(v) => v.clone(),
            StoreError::BadPseudonym(v) => {
                crate::t!("err-store-bad-pseudonym", value = v.as_str())
            }
            StoreError::UnknownPseudonym(v) => {
                crate::t!("err-store-unknown-pseudonym", value = v.as_str())
            }
            StoreError::OnServer { location } => {
                crate::t!("err-store-on-server", location = location.as_str())
            }
            StoreError::Server(e) => describe_server(e),
            StoreError::ServerOpen { location, reason } => crate::t!(
                "err-store-server-open",
                reason = reason.as_str(),
                location = location.as_str()
            ),
            StoreError::BadCopyTarget { reason, path, .. } => crate::t!(
                "err-store-bad-copy-target",
                reason = reason.as_str(),
                path = path.display().to_string()
            ),
            StoreError::Sqlite(e) => describe_sqlite(e),
            StoreError::UnknownSource(v) => {
                crate::t!("err-store-unknown-source", value = v.as_str())
            }
            StoreError::UnknownSpeaker {
                speaker,
                source_name,
                known,
                ..
            } => crate::t!(
                "err-store-unknown-speaker",
                speaker = speaker.as_str(),
                source_name = source_name.as_str(),
                known = known.as_str()
            ),
            StoreError::UnknownCode(v) => crate::t!("err-store-unknown-code", value = v.as_str()),
            StoreError::AmbiguousCode {
                name, candidates, ..
            } => crate::t!(
                "err-store-ambiguous-code",
                name = name.as_str(),
                candidates = candidates.as_str()
            ),
            StoreError::UnknownCoding(v) => {
                crate::t!("err-store-unknown-coding", value = v.as_str())
            }
            StoreError::UnknownMemo(v) => crate::t!("err-store-unknown-memo", value = v.as_str()),
            StoreError::CodeGone(_) => crate::t!("err-store-code-gone"),
            StoreError::SourceGone(_) => crate::t!("err-store-source-gone"),
            StoreError::CodingGone(_) => crate::t!("err-store-coding-gone"),
            StoreError::MemoGone(_) => crate::t!("err-store-memo-gone"),
            StoreError::DuplicateCode(v) => {
                crate::t!("err-store-duplicate-code", value = v.as_str())
            }
            StoreError::BadCodeName(e) => e.to_string(),
            StoreError::DuplicateSource(v) => {
                crate::t!("err-store-duplicate-source", value = v.as_str())
            }
            StoreError::NameIsGuid(v) => crate::t!("err-store-name-is-guid", value = v.as_str()),
            StoreError::EmptyName => crate::t!("err-store-empty-name"),
            StoreError::UnknownCoder(v) => crate::t!("err-store-unknown-coder", value = v.as_str()),
            StoreError::BadCoderName(v) => {
                crate::t!("err-store-bad-coder-name", value = v.as_str())
            }
            StoreError::DuplicateCoder(v) => {
                crate::t!("err-store-duplicate-coder", value = v.as_str())
            }
            StoreError::CoderGone(_) => crate::t!("err-store-coder-gone"),
            StoreError::CoderInUse {
                name,
                codings,
                memos,
                ..
            } => crate::t!(
                "err-store-coder-in-use",
                name = name.as_str(),
                codings = *codings,
                memos = *memos
            ),
            StoreError::HierarchyCycle(v) => {
                crate::t!("err-store-hierarchy-cycle", value = v.as_str())
            }
            StoreError::MergeIntoSelf(v) => {
                crate::t!("err-store-merge-into-self", value = v.as_str())
            }
            StoreError::EmptyRange { start, end, .. } => crate::t!(
                "err-store-empty-range",
                start = start.to_string(),
                end = end.to_string()
            ),
            StoreError::RangeOutOfBounds {
                start,
                end,
                source_name,
                len,
                ..
            } => crate::t!(
                "err-store-range-out-of-bounds",
                start = start.to_string(),
                end = end.to_string(),
                source_name = source_name.as_str(),
                len = len.to_string()
            ),
            StoreError::AlreadyCoded {
                code,
                start,
                end,
                source_name,
                ..
            } => crate::t!(
                "err-store-already-coded",
                code = code.as_str(),
                start = start.to_string(),
                end = end.to_string(),
                source_name = source_name.as_str()
            ),
            StoreError::NotWritten {
                what,
                changed,
                expected,
                ..
            } => crate::t!(
                "err-store-not-written",
                what = what.as_str(),
                changed = changed.to_string(),
                expected = expected.to_string()
            ),
            StoreError::ChangedElsewhere(v) => {
                crate::t!("err-store-changed-elsewhere", value = v.as_str())
            }
            StoreError::BadBundle(v) => crate::t!("err-store-bad-bundle", value = v.as_str()),
            StoreError::BadTurn {
                start,
                end,
                source_name,
                len,
                ..
            } => crate::t!(
                "err-store-bad-turn",
                start = start.to_string(),
                end = end.to_string(),
                source_name = source_name.as_str(),
                len = len.to_string()
            ),
            StoreError::BadEdit {
                source_name,
                reason,
                ..
            } => crate::t!(
                "err-store-bad-edit",
                source_name = source_name.as_str(),
                reason = reason.as_str()
            ),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for StoreError {}

impl From<crate::model::names::BadCodeName> for StoreError {
    fn from(e: crate::model::names::BadCodeName) -> Self {
        StoreError::BadCodeName(e)
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
/// Whether this process may write the file and create files in its
/// folder (without writing anything).
fn writable(path: &Path, folder: &Path) -> bool {
    let file = std::fs::OpenOptions::new().write(true).open(path).is_ok();
    #[cfg(unix)]
    let folder_ok = {
        use std::os::unix::ffi::OsStrExt;
        std::ffi::CString::new(folder.as_os_str().as_bytes())
            // SAFETY: a NUL-terminated path; access only reads it.
            .is_ok_and(|c| unsafe { libc::access(c.as_ptr(), libc::W_OK) } == 0)
    };
    #[cfg(not(unix))]
    let folder_ok = !folder.metadata().is_ok_and(|m| m.permissions().readonly());
    file && folder_ok
}

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
            reason: crate::t!("err-sqlite-not-a-database"),
        },
        Some(C::DatabaseCorrupt) => StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: crate::t!("err-sqlite-unreadable-pages"),
        },
        // A file and folder that can be written but that SQLite finds
        // read-only are held by another process alone (an encrypt, decrypt
        // or change of passphrase has the file to itself while it runs).
        Some(C::ReadOnly) if writable(path, folder) => unusable(crate::t!("err-open-held")),
        Some(C::ReadOnly) => unusable(crate::t!(
            "err-open-read-only",
            folder = folder.display().to_string()
        )),
        Some(C::CannotOpen | C::PermissionDenied | C::SystemIoFailure) => {
            for suffix in ["-wal", "-shm"] {
                let mut beside = path.as_os_str().to_owned();
                beside.push(suffix);
                let beside = PathBuf::from(beside);
                if beside.is_dir() {
                    let beside = beside.display().to_string();
                    return unusable(if suffix == "-wal" {
                        crate::t!("err-open-wal-is-folder", path = beside)
                    } else {
                        crate::t!("err-open-shm-is-folder", path = beside)
                    });
                }
            }
            unusable(crate::t!(
                "err-open-folder-read-only",
                folder = folder.display().to_string()
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
        C::DatabaseBusy | C::DatabaseLocked => crate::t!("err-sqlite-busy"),
        C::ReadOnly => crate::t!("err-sqlite-read-only"),
        C::DiskFull => crate::t!("err-sqlite-disk-full"),
        C::NotADatabase | C::DatabaseCorrupt => {
            crate::t!("err-sqlite-damaged", detail = e.to_string())
        }
        C::CannotOpen | C::SystemIoFailure | C::PermissionDenied => {
            crate::t!("err-sqlite-cannot-write")
        }
        C::ConstraintViolation => crate::t!("err-sqlite-constraint"),
        C::TooBig => {
            crate::t!("err-sqlite-too-big")
        }
        C::OutOfMemory => crate::t!("err-sqlite-no-memory"),
        C::OperationInterrupted | C::OperationAborted => {
            crate::t!("err-sqlite-interrupted")
        }
        C::SchemaChanged => crate::t!("err-sqlite-schema-changed"),
        C::AuthorizationForStatementDenied => crate::t!("err-sqlite-refused"),
        C::FileLockingProtocolFailed | C::NoLargeFileSupport => crate::t!("err-sqlite-unsupported"),
        _ => crate::t!("err-sqlite-internal"),
    }
}

/// Errors rusqlite raises itself (a value of the wrong type, a missing
/// row): what they mean for the project, without internal names.
fn describe_other(e: &rusqlite::Error) -> String {
    use rusqlite::Error as E;
    match e {
        E::QueryReturnedNoRows => crate::t!("err-sqlite-gone"),
        E::FromSqlConversionFailure(..)
        | E::IntegralValueOutOfRange(..)
        | E::InvalidColumnType(..)
        | E::Utf8Error(..) => crate::t!("err-sqlite-bad-value"),
        _ => crate::t!("err-sqlite-internal-read"),
    }
}

/// Why a schema upgrade step failed on what the file holds, in plain words
/// (no raw SQLite text).
pub(super) fn migration_reason(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => {
            crate::t!("err-sqlite-migration-rule")
        }
        _ => {
            let text = describe_sqlite(e);
            let nothing = crate::t!("err-nothing-changed-suffix");
            text.trim_end_matches(nothing.as_str()).to_string()
        }
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
