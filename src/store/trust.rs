//! A project file is untrusted input: it may come from a colleague, a backup
//! or another program. Before Jalin writes anything to a file it checks
//!
//! - the file header (read as bytes, before SQLite opens the file, so a
//!   database of another program is never touched — not even its log
//!   checkpointed into it),
//! - the write-ahead log beside it: a `-wal` that does not belong to the file
//!   (a restored backup next to a newer log, another project's log) would
//!   be mixed into the file by SQLite, or silently ignored;
//! - the schema objects (tables, indexes, triggers, views) against exactly
//!   what Jalin's own migration steps make for the file's version: a trigger
//!   planted with the sqlite3 shell could wipe codings on the next change,
//!   or make an insert vanish (`RAISE(IGNORE)`);
//! - the code tree: a parent cycle in a damaged file would hide a subtree.
//!
//! Every connection runs with `trusted_schema=OFF` and SQLite's defensive
//! mode. [`backup`] writes a consistent copy (SQLite's online backup) and,
//! with `repair`, a copy without what Jalin did not make.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};

use super::crypt::{self, Passphrase};
use super::{APPLICATION_ID, LATEST_VERSION, Result, StoreError, schema};

/// Sets `trusted_schema=OFF` and SQLite's defensive mode on a connection:
/// SQL in the file (views, triggers, defaults) may not call functions with
/// side effects, and the file's schema cannot be written around SQLite.
/// Also turns on `secure_delete`: what is deleted is overwritten.
pub(super) fn harden(conn: &Connection) -> Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    // Deleted content is overwritten with zeros, not left in free pages
    // (a removed source's text must not be readable from the file).
    conn.pragma_update(None, "secure_delete", "ON")?;
    Ok(())
}

pub(super) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// The write-ahead log of `path`.
pub(super) fn wal_path(path: &Path) -> PathBuf {
    sibling(path, "-wal")
}

/// What the first 100 bytes of an SQLite file say.
#[derive(Debug, Clone, Copy)]
struct Header {
    page_size: u32,
    change_counter: u32,
    /// Pages in the database, when the header's count is valid.
    page_count: Option<u32>,
    application_id: i32,
    user_version: i64,
}

fn be32(b: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn parse_header(b: &[u8]) -> Option<Header> {
    if b.len() < 100 || &b[..16] != b"SQLite format 3\0" {
        return None;
    }
    let raw = u16::from_be_bytes([b[16], b[17]]);
    let page_size = if raw == 1 { 65536 } else { u32::from(raw) };
    let change_counter = be32(b, 24);
    let valid_for = be32(b, 92);
    Some(Header {
        page_size,
        change_counter,
        page_count: (valid_for == change_counter).then(|| be32(b, 28)),
        application_id: be32(b, 68) as i32,
        user_version: i64::from(be32(b, 60) as i32),
    })
}

/// The most of a log Jalin reads to check it. A log is normally a few MB
/// (SQLite checkpoints at 1,000 pages); a larger one is left unchecked.
const MAX_WAL_CHECK: u64 = 512 * 1024 * 1024;

/// What the committed part of a write-ahead log holds, as far as the checks
/// need it.
#[derive(Debug, Default)]
struct WalSummary {
    /// Committed frames.
    frames: usize,
    /// Change counters of the committed copies of page 1, in log order.
    page1_counters: Vec<u32>,
    /// The last committed copy of page 1 (its first 100 bytes).
    last_page1: Option<Vec<u8>>,
    /// Database sizes (pages) recorded by the commit frames.
    commit_sizes: Vec<u32>,
}

/// Why a log does not belong to its file; `None` from [`read_wal`] when
/// there is nothing SQLite would use.
fn read_wal(wal: &Path, page_size: u32) -> std::result::Result<Option<WalSummary>, String> {
    match std::fs::metadata(wal) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Ok(m) if m.is_dir() => return Err("it is a folder, not a file".into()),
        _ => {}
    }
    let mut file = match File::open(wal) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("it cannot be read: {e}")),
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len == 0 || len > MAX_WAL_CHECK {
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.by_ref()
        .take(MAX_WAL_CHECK)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("it cannot be read: {e}"))?;
    if bytes.is_empty() {
        return Ok(None); // truncated by a checkpoint while we looked
    }
    if bytes.len() < 32 {
        return Err("it is too short to be a log".into());
    }
    let magic = be32(&bytes, 0);
    let big_endian = match magic {
        0x377f_0682 => false,
        0x377f_0683 => true,
        _ => return Err("it is not an SQLite write-ahead log".into()),
    };
    let word = |b: &[u8], i: usize| {
        let w = [b[i], b[i + 1], b[i + 2], b[i + 3]];
        if big_endian {
            u32::from_be_bytes(w)
        } else {
            u32::from_le_bytes(w)
        }
    };
    let checksum = |data: &[u8], mut s: (u32, u32)| {
        for i in (0..data.len()).step_by(8) {
            s.0 = s.0.wrapping_add(word(data, i)).wrapping_add(s.1);
            s.1 = s.1.wrapping_add(word(data, i + 4)).wrapping_add(s.0);
        }
        s
    };
    let s = checksum(&bytes[..24], (0, 0));
    if s != (be32(&bytes, 24), be32(&bytes, 28)) {
        return Err("its header is damaged (checksum mismatch)".into());
    }
    let wal_page = be32(&bytes, 8);
    if wal_page != page_size {
        return Err(format!(
            "its pages are {wal_page} bytes, the file's {page_size}"
        ));
    }
    let salts = (be32(&bytes, 16), be32(&bytes, 20));
    let frame_len = 24 + page_size as usize;
    let mut summary = WalSummary::default();
    let mut pending: Vec<(u32, usize)> = Vec::new();
    let mut sum = s;
    let mut at = 32;
    while at + frame_len <= bytes.len() {
        let f = &bytes[at..at + frame_len];
        if (be32(f, 8), be32(f, 12)) != salts {
            break; // a frame of an earlier generation: SQLite stops here too
        }
        sum = checksum(&f[24..], checksum(&f[..8], sum));
        if sum != (be32(f, 16), be32(f, 20)) {
            break;
        }
        pending.push((be32(f, 0), at + 24));
        let commit = be32(f, 4);
        if commit != 0 {
            for (page, data) in pending.drain(..) {
                summary.frames += 1;
                if page == 1 {
                    summary.page1_counters.push(be32(&bytes, data + 24));
                    summary.last_page1 = Some(bytes[data..data + 100].to_vec());
                }
            }
            summary.commit_sizes.push(commit);
        }
        at += frame_len;
    }
    Ok((summary.frames > 0).then_some(summary))
}

/// Checks a project file before SQLite opens it: it is an SQLite database
/// of Jalin's, not from a newer Jalin, and its write-ahead log (if any)
/// belongs to it. Reads bytes only, so a file that is refused here is left
/// exactly as it was (no log checkpointed into it, no `-shm` made).
pub(super) fn precheck(path: &Path) -> Result<()> {
    let not_sqlite = || StoreError::NotAProject {
        path: path.to_path_buf(),
        reason: "it is not an SQLite database".into(),
    };
    let mut head = Vec::with_capacity(100);
    File::open(path)
        .and_then(|f| f.take(100).read_to_end(&mut head))
        .map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            cause: rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                Some(source.to_string()),
            ),
        })?;
    let file_header = parse_header(&head).ok_or_else(not_sqlite)?;
    let wal = wal_path(path);
    let foreign = |reason: String| StoreError::ForeignWal {
        path: path.to_path_buf(),
        wal: wal.clone(),
        reason,
    };
    if wal.is_dir() {
        return Err(StoreError::Unusable {
            path: path.to_path_buf(),
            reason: format!(
                "{} is a folder, but SQLite keeps the project's write-ahead log (-wal) there; \
                 move that folder away",
                wal.display()
            ),
        });
    }
    let summary = read_wal(&wal, file_header.page_size).map_err(foreign)?;
    let mut effective = file_header;
    if let Some(s) = &summary {
        if let (Some(first), Some(last)) = (s.page1_counters.first(), s.page1_counters.last()) {
            // Each commit that writes page 1 adds one to its change counter;
            // the file holds the copy the last checkpoint wrote, so it is
            // the one just before the log's first or one inside the log.
            let c = file_header.change_counter;
            if c.wrapping_add(1) != *first && !s.page1_counters.contains(&c) {
                return Err(foreign(format!(
                    "the log continues from version {} of the file, the file is at version {c}",
                    first.wrapping_sub(1),
                )));
            }
            if *last < c {
                return Err(foreign("the log is older than the file".into()));
            }
        } else if let Some(n) = file_header.page_count
            && let Some(bad) = s.commit_sizes.iter().find(|&&m| m != n)
        {
            // Growing or shrinking the file writes page 1; a log without
            // page 1 cannot change the size.
            return Err(foreign(format!(
                "the log is for a file of {bad} pages, the file has {n}"
            )));
        }
        if let Some(p1) = s.last_page1.as_deref().and_then(parse_header) {
            effective = p1;
        }
    }
    if effective.application_id != APPLICATION_ID {
        return Err(StoreError::NotAProject {
            path: path.to_path_buf(),
            reason: "it is an SQLite database of another program".into(),
        });
    }
    if effective.user_version > LATEST_VERSION {
        return Err(StoreError::NewerVersion {
            path: path.to_path_buf(),
            found: effective.user_version,
            supported: LATEST_VERSION,
        });
    }
    Ok(())
}

/// One row of `sqlite_schema`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SchemaObject {
    /// `table`, `index`, `view` or `trigger`.
    pub kind: String,
    pub name: String,
    pub table: String,
    /// The `CREATE` statement with its whitespace collapsed (`None` for
    /// the indexes SQLite makes itself).
    pub sql: Option<String>,
}

impl SchemaObject {
    fn describe(&self) -> String {
        let article = if self.kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {} '{}'", self.kind, self.name)
    }
}

fn normalise_sql(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn schema_objects(conn: &Connection) -> Result<Vec<SchemaObject>> {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema")?;
    let rows = stmt.query_map([], |r| {
        Ok(SchemaObject {
            kind: r.get(0)?,
            name: r.get(1)?,
            table: r.get(2)?,
            sql: r.get::<_, Option<String>>(3)?.map(|s| normalise_sql(&s)),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What Jalin's migration steps `1..=version` make, built in memory.
fn expected_objects(version: i64) -> Result<Vec<SchemaObject>> {
    let mut mem = Connection::open_in_memory()?;
    let tx = mem.transaction()?;
    schema::build_version(&tx, version)?;
    let objects = schema_objects(&tx)?;
    tx.commit()?;
    Ok(objects)
}

/// How a file's schema differs from what Jalin makes for its version.
#[derive(Debug, Default)]
pub struct SchemaDiff {
    /// Objects Jalin does not make at all (a planted trigger, view, table
    /// or index).
    pub foreign: Vec<SchemaObject>,
    /// Jalin's objects whose definition was changed.
    pub changed: Vec<SchemaObject>,
    /// Jalin's objects that are missing.
    pub missing: Vec<SchemaObject>,
}

impl SchemaDiff {
    fn is_clean(&self) -> bool {
        self.foreign.is_empty() && self.changed.is_empty() && self.missing.is_empty()
    }
}

/// SQLite's own statistics tables (`ANALYZE`, `PRAGMA optimize`) hold no
/// code and may be in any file.
fn is_sqlite_statistics(o: &SchemaObject) -> bool {
    o.kind == "table" && o.name.starts_with("sqlite_stat")
}

fn diff_schema(conn: &Connection, version: i64) -> Result<SchemaDiff> {
    let expected = expected_objects(version)?;
    let found = schema_objects(conn)?;
    let by_name: HashMap<&str, &SchemaObject> =
        expected.iter().map(|o| (o.name.as_str(), o)).collect();
    let found_names: HashSet<&str> = found.iter().map(|o| o.name.as_str()).collect();
    let mut diff = SchemaDiff::default();
    for o in &found {
        match by_name.get(o.name.as_str()) {
            Some(e) if *e == o => {}
            Some(_) => diff.changed.push(o.clone()),
            None if is_sqlite_statistics(o) => {}
            None => diff.foreign.push(o.clone()),
        }
    }
    for e in &expected {
        // Schema step 10's figures for the planner: without them lookups
        // by code scan `codings_unique` instead, slower but the same.
        if !found_names.contains(e.name.as_str()) && !is_sqlite_statistics(e) {
            diff.missing.push(e.clone());
        }
    }
    Ok(diff)
}

fn list(objects: &[SchemaObject]) -> String {
    let names: Vec<String> = objects.iter().map(SchemaObject::describe).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Refuses a file whose schema objects are not exactly what Jalin makes for
/// `version`, naming each object and the way out.
pub(super) fn check_schema(conn: &Connection, path: &Path, version: i64) -> Result<()> {
    let diff = diff_schema(conn, version)?;
    if diff.is_clean() {
        return Ok(());
    }
    let name = file_name(path);
    let mut parts = Vec::new();
    if !diff.foreign.is_empty() {
        let it = if diff.foreign.len() == 1 {
            "it"
        } else {
            "them"
        };
        parts.push(format!(
            "{name} contains {} that Jalin did not make; it may have been tampered with, \
             so Jalin did not open it and changed nothing. \
             `jalin backup {} COPY.jalin --repair` writes a copy without {it}",
            list(&diff.foreign),
            path.display()
        ));
    }
    if !diff.changed.is_empty() || !diff.missing.is_empty() {
        let mut what = Vec::new();
        if !diff.changed.is_empty() {
            what.push(format!("{} changed", list(&diff.changed)));
        }
        if !diff.missing.is_empty() {
            what.push(format!("{} missing", list(&diff.missing)));
        }
        parts.push(format!(
            "{name} has {} from what Jalin made, so Jalin did not open it and changed nothing \
             (`jalin backup PROJECT COPY --repair` rebuilds indexes; a changed or missing table cannot be repaired)",
            what.join("; ")
        ));
    }
    Err(StoreError::Untrusted {
        path: path.to_path_buf(),
        detail: parts.join(". "),
    })
}

/// Codes whose parents lead back to themselves, each cycle as a list of
/// (id, name) from a code up to itself again.
fn code_cycles(conn: &Connection) -> Result<Vec<Vec<(i64, String)>>> {
    let mut stmt = conn.prepare("SELECT id, parent_id, name FROM codes")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut parent = HashMap::new();
    let mut names = HashMap::new();
    for row in rows {
        let (id, p, name) = row?;
        parent.insert(id, p);
        names.insert(id, name);
    }
    // 0 unvisited, 1 on the current walk, 2 done.
    let mut state: HashMap<i64, u8> = HashMap::new();
    let mut cycles = Vec::new();
    let mut ids: Vec<i64> = parent.keys().copied().collect();
    ids.sort_unstable();
    for start in ids {
        let mut walk = Vec::new();
        let mut at = Some(start);
        while let Some(id) = at {
            match state.get(&id).copied().unwrap_or(0) {
                2 => break,
                1 => {
                    let from = walk.iter().position(|&w| w == id).unwrap_or(0);
                    let mut cycle: Vec<(i64, String)> = walk[from..]
                        .iter()
                        .map(|w| (*w, names[w].clone()))
                        .collect();
                    cycle.push((id, names[&id].clone()));
                    cycles.push(cycle);
                    break;
                }
                _ => {}
            }
            state.insert(id, 1);
            walk.push(id);
            at = parent
                .get(&id)
                .copied()
                .flatten()
                .filter(|p| parent.contains_key(p));
        }
        for w in walk {
            state.insert(w, 2);
        }
    }
    Ok(cycles)
}

/// Refuses a file whose code tree has a parent cycle: the codes in it would
/// hang under nothing and vanish from the codebook with their sub-codes.
pub(super) fn check_code_tree(conn: &Connection, path: &Path) -> Result<()> {
    let cycles = code_cycles(conn)?;
    if cycles.is_empty() {
        return Ok(());
    }
    let shown: Vec<String> = cycles
        .iter()
        .map(|c| {
            let names: Vec<&str> = c.iter().map(|(_, n)| n.as_str()).collect();
            format!("'{}'", names.join(" > "))
        })
        .collect();
    Err(StoreError::Corrupt {
        path: path.to_path_buf(),
        detail: format!(
            "its code tree loops: {} (each code is its own ancestor, which would hide it and \
             its sub-codes). `jalin backup PROJECT COPY --repair` writes a copy with the first \
             code of each loop moved to the top level",
            shown.join(", ")
        ),
    })
}

/// Opens a project file for reading its schema, after [`precheck`]: the
/// connection is hardened and nothing has been written. Returns the schema
/// version.
pub(super) fn open_checked(path: &Path, key: Option<&Passphrase>) -> Result<(Connection, i64)> {
    match std::fs::metadata(path) {
        Err(_) => return Err(StoreError::NotFound(path.to_path_buf())),
        Ok(m) if m.is_dir() => {
            return Err(StoreError::NotAProject {
                path: path.to_path_buf(),
                reason: "it is a folder".into(),
            });
        }
        Ok(m) if m.len() == 0 => {
            return Err(StoreError::NotAProject {
                path: path.to_path_buf(),
                reason: "the file is empty".into(),
            });
        }
        Ok(_) => {}
    }
    // A plain file is checked as bytes; a key is only used on a file
    // without SQLite's header, and tried first on a connection that cannot
    // change anything (crypt.rs).
    let key = match key.filter(|_| !crypt::has_sqlite_header(path)) {
        None => {
            precheck(path).map_err(|e| match e {
                StoreError::NotAProject { .. } if crypt::looks_encrypted(path) => {
                    StoreError::NeedsPassphrase(path.to_path_buf())
                }
                other => other,
            })?;
            None
        }
        Some(key) => {
            // Each try derives the key (slow on purpose): only when a log
            // or journal lies beside the file (see crypt.rs).
            let log = ["-wal", "-journal"]
                .iter()
                .any(|s| std::fs::metadata(sibling(path, s)).is_ok_and(|m| m.len() > 0));
            if log {
                crypt::probe(path, key)?;
            }
            Some(key)
        }
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn =
        Connection::open_with_flags(path, flags).map_err(|e| super::open_failure(path, e))?;
    if let Some(key) = key {
        crypt::apply_key(&conn, key, path)?;
    }
    harden(&conn)?;
    // The first read is where SQLite finds out what the file is and whether
    // it can use it (read-only disk, a folder at the -wal path, …): say which.
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| match e.sqlite_error_code() {
            // The file changed between the probe and here.
            Some(rusqlite::ErrorCode::NotADatabase) if key.is_some() => {
                StoreError::WrongPassphrase(path.to_path_buf())
            }
            _ => super::open_failure(path, e),
        })?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| super::open_failure(path, e))?;
    if app_id != APPLICATION_ID {
        return Err(StoreError::NotAProject {
            path: path.to_path_buf(),
            reason: "it is an SQLite database of another program".into(),
        });
    }
    if version > LATEST_VERSION {
        return Err(StoreError::NewerVersion {
            path: path.to_path_buf(),
            found: version,
            supported: LATEST_VERSION,
        });
    }
    // What a killed encrypt, decrypt or build left beside the project (a
    // decrypt's is plaintext) goes now, whatever opened it (a command, a
    // backup, a merge reading it), not at the next rewrite.
    super::partial::remove_stale(
        &std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
    );
    Ok((conn, version))
}

/// A file that reads as damaged while a log lies beside it may be sound
/// alone: the log may be another version's. Says so, instead of "damaged"
/// with no hint.
pub(super) fn hint_wal(e: StoreError, path: &Path) -> StoreError {
    let damaged = match &e {
        StoreError::Sqlite(s) | StoreError::Open { cause: s, .. } => matches!(
            s.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
        ),
        StoreError::NotAProject { reason, .. } => reason.contains("not an SQLite database"),
        StoreError::Corrupt { .. } => true,
        _ => false,
    };
    let wal = wal_path(path);
    let has_log = std::fs::metadata(&wal).is_ok_and(|m| m.is_file() && m.len() > 0);
    if !damaged || !has_log {
        return e;
    }
    // The cause once: a `Corrupt` error's own words, not its whole message
    // ("the project file is damaged (the project file is damaged (…").
    let cause = match &e {
        StoreError::Corrupt { detail, .. } => detail.clone(),
        other => other.to_string(),
    };
    StoreError::Corrupt {
        path: path.to_path_buf(),
        detail: format!(
            "{cause}; a write-ahead log lies beside it ({}). If another Jalin command was just \
             encrypting, decrypting or rekeying the project, try again; if the project file was \
             restored or copied, that log may belong to another version of it: close every Jalin \
             window on it, move the -wal file out of the folder (keep it) and open again",
            wal.display()
        ),
    }
}

/// What [`backup`] did besides copying.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BackupReport {
    /// Objects Jalin did not make, left out of the copy (`--repair`).
    pub dropped: Vec<String>,
    /// Jalin's indexes rebuilt from their definition (`--repair`).
    pub rebuilt: Vec<String>,
    /// Codes moved to the top level to break a parent cycle (`--repair`).
    pub moved_to_top: Vec<String>,
}

/// Refuses a copy target that exists, or that SQLite would take for part of
/// a project (a name ending in `-wal`, `-shm` or `-journal`), or that has a
/// stale log beside it.
fn check_target(out: &Path) -> Result<()> {
    let bad = |reason: &str| StoreError::BadCopyTarget {
        path: out.to_path_buf(),
        reason: reason.into(),
    };
    if std::fs::symlink_metadata(out).is_ok() {
        return Err(bad(
            "a file already exists there; a copy never replaces anything, choose a new name",
        ));
    }
    let name = out.to_string_lossy();
    for suffix in ["-wal", "-shm", "-journal"] {
        if name.ends_with(suffix) {
            return Err(bad(
                "SQLite would take a file of that name for part of a project; choose a name ending in .jalin",
            ));
        }
        if std::fs::symlink_metadata(sibling(out, suffix)).is_ok() {
            return Err(bad(&format!(
                "a {suffix} file of an earlier project lies beside that name; SQLite would mix it into the copy"
            )));
        }
    }
    match out.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) if !dir.is_dir() => Err(bad("its folder does not exist")),
        _ => Ok(()),
    }
}

/// Copies `from` (an open connection, possibly with other connections
/// writing to the same file) to the new file `out`, consistently: SQLite's
/// online backup in one step, under one read transaction. The copy is made
/// beside `out` under a temporary name and moved into place when complete.
pub(super) fn copy_to(
    from: &Connection,
    out: &Path,
    repair: Option<(&Path, i64)>,
    key: Option<&Passphrase>,
) -> Result<BackupReport> {
    check_target(out)?;
    let tmp = sibling(out, ".partial");
    if std::fs::symlink_metadata(&tmp).is_ok() {
        return Err(StoreError::BadCopyTarget {
            path: out.to_path_buf(),
            reason: format!("{} is in the way (left by an earlier copy?)", tmp.display()),
        });
    }
    let result = (|| -> Result<BackupReport> {
        let mut dest = Connection::open(&tmp).map_err(|cause| StoreError::Open {
            path: out.to_path_buf(),
            cause,
        })?;
        // The copy of an encrypted project is encrypted with the same
        // passphrase (its own salt): SQLCipher's backup re-encrypts each page.
        if let Some(key) = key {
            crypt::apply_key(&dest, key, &tmp)?;
        }
        harden(&dest)?;
        {
            let backup = rusqlite::backup::Backup::new(from, &mut dest)?;
            let mut tries = 0;
            loop {
                match backup.step(-1)? {
                    rusqlite::backup::StepResult::Done => break,
                    _ if tries < 200 => {
                        tries += 1;
                        std::thread::sleep(std::time::Duration::from_millis(25));
                    }
                    _ => {
                        return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                            None,
                        )));
                    }
                }
            }
        }
        let report = match repair {
            Some((project, version)) => repair_copy(&mut dest, version, project)?,
            None => BackupReport::default(),
        };
        let verdict: String = dest.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if verdict != "ok" {
            return Err(StoreError::Corrupt {
                path: repair.map_or(out, |(p, _)| p).to_path_buf(),
                detail: verdict,
            });
        }
        dest.close().map_err(|(_, e)| StoreError::from(e))?;
        Ok(report)
    })();
    match result {
        Ok(report) => {
            // A hard link refuses to replace a file that appeared meanwhile.
            let placed = std::fs::hard_link(&tmp, out).or_else(|e| {
                // Folders without hard links (FAT drives): move it instead.
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    Err(e)
                } else {
                    std::fs::rename(&tmp, out)
                }
            });
            super::remove_db_files(&tmp);
            placed.map_err(|e| StoreError::BadCopyTarget {
                path: out.to_path_buf(),
                reason: e.to_string(),
            })?;
            Ok(report)
        }
        Err(e) => {
            super::remove_db_files(&tmp);
            Err(e)
        }
    }
}

/// Drops what Jalin did not make from a fresh copy, rebuilds Jalin's
/// indexes that were changed or dropped, and breaks code-parent cycles.
/// Refuses when one of Jalin's tables was changed or is missing.
fn repair_copy(dest: &mut Connection, version: i64, project: &Path) -> Result<BackupReport> {
    let diff = diff_schema(dest, version)?;
    let expected = expected_objects(version)?;
    let tables: Vec<&SchemaObject> = diff
        .changed
        .iter()
        .chain(&diff.missing)
        .filter(|o| o.kind == "table")
        .collect();
    if !tables.is_empty() {
        let names: Vec<String> = tables.iter().map(|o| o.describe()).collect();
        return Err(StoreError::Untrusted {
            path: project.to_path_buf(),
            detail: format!(
                "cannot repair: {} of the project differ from what Jalin made; only objects Jalin \
                 did not make, Jalin's indexes and code loops can be repaired, so no copy was written",
                names.join(", ")
            ),
        });
    }
    let mut report = BackupReport::default();
    let tx = dest.transaction()?;
    // Triggers and views first: nothing else may depend on them.
    let order = |k: &str| match k {
        "trigger" => 0,
        "view" => 1,
        "index" => 2,
        _ => 3,
    };
    let mut foreign = diff.foreign.clone();
    foreign.sort_by_key(|o| order(&o.kind));
    for o in &foreign {
        if o.name.starts_with("sqlite_") {
            continue; // SQLite's own, dropped with their table
        }
        let kind = match o.kind.as_str() {
            "trigger" => "TRIGGER",
            "view" => "VIEW",
            "index" => "INDEX",
            _ => "TABLE",
        };
        let quoted = o.name.replace('"', "\"\"");
        tx.execute_batch(&format!("DROP {kind} IF EXISTS \"{quoted}\""))?;
        report.dropped.push(o.describe());
    }
    for o in diff.changed.iter().chain(&diff.missing) {
        if o.kind != "index" {
            continue;
        }
        let quoted = o.name.replace('"', "\"\"");
        if let Some(e) = expected.iter().find(|e| e.name == o.name)
            && let Some(sql) = &e.sql
        {
            tx.execute_batch(&format!("DROP INDEX IF EXISTS \"{quoted}\"; {sql};"))?;
            report.rebuilt.push(o.name.clone());
        }
    }
    for cycle in code_cycles(&tx)? {
        let (id, name) = &cycle[0];
        tx.execute("UPDATE codes SET parent_id = NULL WHERE id = ?1", [id])?;
        report.moved_to_top.push(name.clone());
    }
    tx.commit()?;
    let left = diff_schema(dest, version)?;
    if !left.is_clean() {
        return Err(StoreError::Corrupt {
            path: project.to_path_buf(),
            detail: "a repaired copy still differs from what Jalin makes; no copy was written"
                .into(),
        });
    }
    Ok(report)
}

/// Writes a consistent copy of the project at `project` to the new file
/// `out` (SQLite's online backup: complete and consistent even while the
/// workbench or another command has the project open and is saving). The
/// project is not changed: an older schema is copied as it is. With
/// `repair`, the copy leaves out tables, views, triggers and indexes Jalin
/// did not make, rebuilds Jalin's own indexes, and breaks code-parent
/// cycles; without it, such a project is refused as [`super::Project::open`]
/// refuses it. The copy of an encrypted project is encrypted with the same
/// passphrase.
pub fn backup(project: &Path, out: &Path, repair: bool) -> Result<BackupReport> {
    backup_with(project, out, repair, None)
}

/// [`backup`] of a project that may be encrypted: `key` opens it, and the
/// copy is encrypted with it too.
pub fn backup_with(
    project: &Path,
    out: &Path,
    repair: bool,
    key: Option<&Passphrase>,
) -> Result<BackupReport> {
    check_target(out)?;
    let (conn, version) = open_checked(project, key)?;
    let key = key.filter(|_| !crypt::has_sqlite_header(project));
    if !repair {
        check_schema(&conn, project, version)?;
        if version >= 1 {
            check_code_tree(&conn, project)?;
        }
    }
    copy_to(&conn, out, repair.then_some((project, version)), key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_file_beside_a_log_is_said_damaged_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.jalin");
        std::fs::write(&path, b"x").unwrap();
        std::fs::write(sibling(&path, "-wal"), b"some log").unwrap();
        let e = hint_wal(
            StoreError::Corrupt {
                path: path.clone(),
                detail: "database disk image is malformed".into(),
            },
            &path,
        )
        .to_string();
        assert_eq!(e.matches("damaged").count(), 1, "{e}");
        assert!(
            e.contains("database disk image is malformed; a write-ahead log lies beside it"),
            "{e}"
        );
        assert!(e.contains("try again"), "{e}");
    }
}
