//! Encrypted projects: SQLCipher with its defaults (AES-256 pages with an
//! HMAC each, the key derived from the passphrase with PBKDF2-HMAC-SHA512
//! and a random salt kept in the file).
//!
//! An encrypted file has no SQLite header: its first 16 bytes are the salt
//! and the rest looks random. Jalin takes a file for a possible encrypted
//! project when it is a regular file, not empty, a whole number of 512-byte
//! pages long, does not start with SQLite's header and is not text
//! ([`looks_encrypted`]); it is one when the passphrase opens it and its
//! `application_id` is Jalin's ([`probe`]). A wrong passphrase changes
//! nothing: with no log or journal beside the file, SQLite only reads page
//! 1 and fails; when one lies beside it (a crash, another process), the
//! passphrase is first tried on a read-only, `immutable` connection that
//! ignores the log and takes no locks, since a connection that read the log
//! and then closed could checkpoint it into the file.
//!
//! The key is given first thing on every connection (`PRAGMA key`), with
//! `temp_store=MEMORY` so no temporary table goes to a file; SQLCipher
//! encrypts the write-ahead log's pages with the file's key. The
//! passphrase lives only in memory ([`Passphrase`], wiped on drop): it is
//! never written to settings, recent files, logs or messages.

use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{APPLICATION_ID, Project, Result, StoreError};

/// A passphrase for an encrypted project. Its `Debug` shows nothing of it;
/// its bytes are overwritten when it is dropped.
#[derive(Clone)]
pub struct Passphrase(String);

impl Passphrase {
    /// Takes a passphrase as typed or read from a file. Refuses an empty
    /// one and one with a NUL character (SQLCipher would cut it there).
    pub fn new(text: impl Into<String>) -> Result<Passphrase> {
        let text = Passphrase(text.into());
        if text.0.is_empty() {
            return Err(StoreError::BadPassphrase(
                "the passphrase is empty; an encrypted project needs one".into(),
            ));
        }
        if text.0.contains('\0') {
            return Err(StoreError::BadPassphrase(
                "the passphrase contains a NUL character, which cannot be used".into(),
            ));
        }
        Ok(text)
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// Whether two passphrases are the same (for "type it again").
    pub fn same_as(&self, other: &Passphrase) -> bool {
        self.0 == other.0
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(hidden)")
    }
}

impl Drop for Passphrase {
    fn drop(&mut self) {
        let mut bytes = std::mem::take(&mut self.0).into_bytes();
        bytes.fill(0);
        std::hint::black_box(&bytes);
    }
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Whether the file starts with SQLite's header (a plain project or
/// another program's database).
pub(super) fn has_sqlite_header(path: &Path) -> bool {
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == SQLITE_HEADER)
}

/// Whether `path` may be an encrypted project: a regular file, not empty,
/// a whole number of 512-byte pages, without SQLite's plain header, its
/// first page not text. Says nothing about the passphrase.
pub fn looks_encrypted(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() || meta.len() == 0 || meta.len() % 512 != 0 {
        return false;
    }
    let mut head = [0u8; 512];
    if std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_err()
    {
        return false;
    }
    // Encrypted pages look random; a text file of a round size does not.
    let binary = head
        .iter()
        .filter(|&&b| !(b.is_ascii_graphic() || b.is_ascii_whitespace()))
        .count();
    &head[..16] != SQLITE_HEADER && binary > head.len() / 10
}

/// Gives a fresh connection its key and keeps its temporary tables in
/// memory. SQLite's own error is not passed on: it might quote the
/// statement.
pub(super) fn apply_key(conn: &Connection, key: &Passphrase) -> Result<()> {
    // SQLCipher would print a line on stderr for a wrong key.
    conn.pragma_update(None, "cipher_log_level", "NONE")
        .and_then(|()| conn.pragma_update(None, "key", key.expose()))
        .and_then(|()| conn.pragma_update(None, "temp_store", "MEMORY"))
        .map_err(|_| StoreError::BadPassphrase("the encryption library refused the key".into()))
}

/// A `file:` URI for `path` (SQLite's URI rules: percent-encoded).
fn file_uri(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = abs.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file:");
    if !text.starts_with('/') {
        uri.push_str("///"); // C:/… on Windows
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/._~-:".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

/// Tries `key` on `path` without changing anything: a read-only connection
/// with `immutable=1` (no locks, no log, no `-shm`). A wrong passphrase, or
/// a file that is no encrypted Jalin project, is [`StoreError::WrongPassphrase`].
pub(super) fn probe(path: &Path, key: &Passphrase) -> Result<()> {
    let wrong = || StoreError::WrongPassphrase(path.to_path_buf());
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let uri = format!("{}?immutable=1", file_uri(path));
    let conn =
        Connection::open_with_flags(&uri, flags).map_err(|e| super::open_failure(path, e))?;
    apply_key(&conn, key)?;
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => {
                wrong()
            }
            _ => super::open_failure(path, e),
        })?;
    if app_id != APPLICATION_ID {
        return Err(wrong());
    }
    Ok(())
}

/// Encrypts, decrypts or changes the passphrase of the project at `path`:
/// `from` opens it (`None`: it is plain), `to` is the new passphrase
/// (`None`: decrypt). The project is written whole into a temporary file
/// beside it (`.NAME-PID.partial`, already encrypted with `to`), checked,
/// and renamed over the original in one step: a failure or a killed
/// process leaves the original as it was, readable as before, and after
/// encrypting no plaintext copy is left beside it. Refused while another
/// window or command has the project open.
pub fn change_encryption(
    path: &Path,
    from: Option<&Passphrase>,
    to: Option<&Passphrase>,
) -> Result<()> {
    change_encryption_with(path, from, to, |_| Ok(()))
}

/// [`change_encryption`] with a step run on the finished temporary file
/// just before it replaces the original (tests inject failures there).
#[doc(hidden)]
pub fn change_encryption_with(
    path: &Path,
    from: Option<&Passphrase>,
    to: Option<&Passphrase>,
    before_move: impl FnOnce(&Path) -> Result<()>,
) -> Result<()> {
    // A symbolic link stays; the file it points to is replaced.
    let path = std::fs::canonicalize(path).map_err(|_| StoreError::NotFound(path.to_path_buf()))?;
    let mut project = Project::open_with(&path, from)?;
    if !project.is_encrypted() && to.is_none() {
        return Err(StoreError::BadPassphrase(format!(
            "the project is not encrypted; nothing was changed: {}",
            path.display()
        )));
    }
    let version = project.schema_version()?;
    project.sync()?;
    project.flusher = None;
    let in_use = || StoreError::Unusable {
        path: path.clone(),
        reason: "another Jalin window or command has the project open; close it and try again \
                 (nothing was changed)"
            .into(),
    };
    let conn = project.sq()?;
    // Alone on the file from here until the new one is in place: leaving
    // WAL mode needs every other connection gone, and the exclusive lock
    // keeps new ones out.
    conn.busy_timeout(std::time::Duration::from_millis(200))?;
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    let mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))
        .map_err(|_| in_use())?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(in_use());
    }
    conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;")
        .map_err(|_| in_use())?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(super::trust::sibling(&path, suffix));
    }
    let tmp = super::partial::path_for(&path);
    super::partial::remove_stale(&path);
    super::remove_db_files(&tmp);
    let tmp_name = tmp.to_str().ok_or_else(|| StoreError::Unusable {
        path: path.clone(),
        reason: "its folder's name is not valid Unicode".into(),
    })?;
    let written = (|| -> Result<()> {
        // The connection may not create files: the new one is made empty
        // here (SQLite takes an empty file for an empty database).
        std::fs::File::create_new(&tmp).map_err(|e| StoreError::Unusable {
            path: path.clone(),
            reason: format!("the rewritten project could not be made beside it ({e})"),
        })?;
        conn.execute(
            "ATTACH DATABASE ?1 AS jalin_new KEY ?2",
            rusqlite::params![tmp_name, to.map_or("", Passphrase::expose)],
        )?;
        let exported = conn
            .query_row("SELECT sqlcipher_export('jalin_new')", [], |_| Ok(()))
            .and_then(|()| {
                let new = "jalin_new";
                conn.pragma_update(Some(new), "user_version", version)?;
                conn.pragma_update(Some(new), "application_id", APPLICATION_ID)
            });
        let detached = conn.execute_batch("DETACH DATABASE jalin_new");
        exported?;
        detached?;
        // The new file opens with the new passphrase and holds exactly
        // Jalin's schema and sound pages.
        let (check, v) = super::trust::open_checked(&tmp, to)?;
        super::trust::check_schema(&check, &tmp, v)?;
        let verdict: String = check.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if verdict != "ok" {
            return Err(StoreError::Corrupt {
                path: path.clone(),
                detail: format!(
                    "the rewritten copy did not check out ({verdict}); nothing was changed"
                ),
            });
        }
        drop(check);
        let unusable = |e: std::io::Error| StoreError::Unusable {
            path: path.clone(),
            reason: format!(
                "the rewritten project could not be written ({e}); nothing was changed"
            ),
        };
        if let Ok(meta) = std::fs::metadata(&path) {
            std::fs::set_permissions(&tmp, meta.permissions()).map_err(unusable)?;
        }
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(unusable)?;
        before_move(&tmp)?;
        std::fs::rename(&tmp, &path).map_err(unusable)?;
        if let Some(folder) = path.parent()
            && let Ok(dir) = std::fs::File::open(folder)
        {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if written.is_err() {
        super::remove_db_files(&tmp);
    }
    drop(project);
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passphrase_debug_hides_it() {
        let p = Passphrase::new("lilac tortoise 42").unwrap();
        assert_eq!(format!("{p:?}"), "Passphrase(hidden)");
        assert!(Passphrase::new("").is_err());
        assert!(Passphrase::new("a\0b").is_err());
    }

    #[test]
    fn uri_escapes_what_sqlite_would_read() {
        let uri = file_uri(Path::new("/tmp/a b?c#d%e.jalin"));
        assert_eq!(uri, "file:/tmp/a%20b%3Fc%23d%25e.jalin");
    }
}
