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
//!
//! The key derivation (PBKDF2-HMAC-SHA512, 256,000 iterations, over the
//! 16-byte salt at the start of the file: SQLCipher 4's defaults) is slow
//! on purpose, about 0.2 s. Jalin runs it once per passphrase and file
//! ([`Passphrase::raw_key`], kept with the passphrase) and gives every
//! connection the derived key in SQLCipher's raw form `x'KEY SALT'`, so a
//! process that opens the same project twice (a probe, then the
//! connection; a reopen; a copy) derives once. The file is the same as
//! with `PRAGMA key = 'passphrase'`: SQLCipher or another tool opens it
//! with the passphrase and its defaults (`tests/store.rs`).

use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, OpenFlags};

use super::{APPLICATION_ID, Project, Result, StoreError};

/// A passphrase for an encrypted project. Its `Debug` shows nothing of it;
/// its bytes, and the keys derived from it, are overwritten when it is
/// dropped. Clones share the derived keys.
#[derive(Clone)]
pub struct Passphrase(String, Arc<Derived>);

/// Keys derived from a passphrase, by salt.
#[derive(Default)]
struct Derived(Mutex<Vec<([u8; SALT_LEN], [u8; KEY_LEN])>>);

impl Drop for Derived {
    fn drop(&mut self) {
        let keys = self.0.get_mut().unwrap_or_else(|e| e.into_inner());
        for (salt, key) in keys.iter_mut() {
            salt.fill(0);
            key.fill(0);
        }
        std::hint::black_box(keys);
    }
}

/// SQLCipher 4's defaults: a 16-byte salt, a 256-bit key from
/// PBKDF2-HMAC-SHA512 with 256,000 iterations.
const SALT_LEN: usize = 16;
const KEY_LEN: usize = 32;
const KDF_ITER: u32 = 256_000;

/// PBKDF2-HMAC-SHA512 of `pass` and `salt`, `KEY_LEN` bytes: OpenSSL's
/// `PKCS5_PBKDF2_HMAC`, the very function SQLCipher derives its keys with
/// (the vendored OpenSSL both link). `None` if OpenSSL fails.
fn pbkdf2_sha512(pass: &[u8], salt: &[u8], iterations: u32) -> Option<[u8; KEY_LEN]> {
    let mut key = [0u8; KEY_LEN];
    openssl::pkcs5::pbkdf2_hmac(
        pass,
        salt,
        usize::try_from(iterations).ok()?,
        openssl::hash::MessageDigest::sha512(),
        &mut key,
    )
    .ok()?;
    Some(key)
}

impl Passphrase {
    /// Takes a passphrase as typed or read from a file. Refuses an empty
    /// one and one with a NUL character (SQLCipher would cut it there).
    pub fn new(text: impl Into<String>) -> Result<Passphrase> {
        let text = Passphrase(text.into(), Arc::default());
        if text.0.is_empty() {
            return Err(StoreError::BadPassphrase(crate::t!("err-passphrase-empty")));
        }
        if text.0.contains('\0') {
            return Err(StoreError::BadPassphrase(crate::t!("err-passphrase-nul")));
        }
        Ok(text)
    }

    /// The key derived from the passphrase and `salt` (SQLCipher's
    /// defaults), derived the first time and kept for the next.
    fn raw_key(&self, salt: &[u8; SALT_LEN]) -> Result<[u8; KEY_LEN]> {
        let mut keys = self.1.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, key)) = keys.iter().find(|(s, _)| s == salt) {
            return Ok(*key);
        }
        let key = pbkdf2_sha512(self.0.as_bytes(), salt, KDF_ITER)
            .ok_or_else(|| StoreError::BadPassphrase(crate::t!("err-passphrase-derive")))?;
        keys.push((*salt, key));
        Ok(key)
    }

    /// SQLCipher's raw key with its salt, `x'KEY SALT'` in hex, for a
    /// connection to a file with `salt`. Overwritten when dropped.
    fn keyspec(&self, salt: &[u8; SALT_LEN]) -> Result<KeySpec> {
        let mut key = self.raw_key(salt)?;
        let mut spec = String::with_capacity(3 + 2 * (KEY_LEN + SALT_LEN));
        spec.push_str("x'");
        for b in key.iter().chain(salt.iter()) {
            spec.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            spec.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
        }
        spec.push('\'');
        key.fill(0);
        Ok(KeySpec(spec))
    }

    /// How many keys have been derived from this passphrase (and its
    /// clones): one per file salt (for tests).
    #[doc(hidden)]
    pub fn derivations(&self) -> usize {
        self.1.0.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// The raw key for a new file, with a new random salt.
    pub(super) fn keyspec_for_new_file(&self) -> Result<KeySpec> {
        let mut salt = [0u8; SALT_LEN];
        openssl::rand::rand_bytes(&mut salt)
            .map_err(|_| StoreError::BadPassphrase(crate::t!("err-passphrase-salt")))?;
        self.keyspec(&salt)
    }

    /// Whether two passphrases are the same (for "type it again").
    pub fn same_as(&self, other: &Passphrase) -> bool {
        self.0 == other.0
    }
}

/// A raw key in SQLCipher's `x'…'` form; its text is overwritten when
/// dropped.
pub(super) struct KeySpec(String);

impl KeySpec {
    pub(super) fn as_str(&self) -> &str {
        &self.0
    }
}

impl Drop for KeySpec {
    fn drop(&mut self) {
        let mut bytes = std::mem::take(&mut self.0).into_bytes();
        bytes.fill(0);
        std::hint::black_box(&bytes);
    }
}

/// The salt SQLCipher keeps in the first 16 bytes of an encrypted file, or
/// `None` for a file that is empty or missing (a new one).
fn file_salt(path: &Path) -> Option<[u8; SALT_LEN]> {
    let mut salt = [0u8; SALT_LEN];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut salt))
        .ok()
        .map(|()| salt)
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

/// Gives a fresh connection to the file at `path` its key and keeps its
/// temporary tables in memory: the key derived from the passphrase and the
/// file's salt (once per process), or for a new, empty file, from a new
/// random salt. SQLite's own error is not passed on: it might quote the
/// statement.
pub(super) fn apply_key(conn: &Connection, key: &Passphrase, path: &Path) -> Result<()> {
    let spec = match file_salt(path) {
        Some(salt) => key.keyspec(&salt)?,
        None => key.keyspec_for_new_file()?,
    };
    // SQLCipher would print a line on stderr for a wrong key.
    conn.pragma_update(None, "cipher_log_level", "NONE")
        .and_then(|()| conn.pragma_update(None, "key", spec.as_str()))
        .and_then(|()| conn.pragma_update(None, "temp_store", "MEMORY"))
        .map_err(|_| StoreError::BadPassphrase(crate::t!("err-passphrase-refused")))
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
    apply_key(&conn, key, path)?;
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
        return Err(StoreError::BadPassphrase(crate::t!(
            "cli-not-encrypted",
            path = path.display().to_string()
        )));
    }
    let version = project.schema_version()?;
    project.sync()?;
    project.flusher = None;
    let in_use = || StoreError::Unusable {
        path: path.clone(),
        reason: crate::t!("err-crypt-in-use"),
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
    let _removed_on_signal = super::partial::RemovedOnSignal::new(&tmp);
    let tmp_name = tmp.to_str().ok_or_else(|| StoreError::Unusable {
        path: path.clone(),
        reason: crate::t!("err-crypt-folder-name"),
    })?;
    let written = (|| -> Result<()> {
        // The connection may not create files: the new one is made empty
        // here (SQLite takes an empty file for an empty database).
        std::fs::File::create_new(&tmp).map_err(|e| StoreError::Unusable {
            path: path.clone(),
            reason: crate::t!("err-crypt-not-made", why = e.to_string()),
        })?;
        let spec = to.map(Passphrase::keyspec_for_new_file).transpose()?;
        conn.execute(
            "ATTACH DATABASE ?1 AS jalin_new KEY ?2",
            rusqlite::params![tmp_name, spec.as_ref().map_or("", KeySpec::as_str)],
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
                detail: crate::t!("err-crypt-check", verdict = verdict.as_str()),
            });
        }
        drop(check);
        let unusable = |e: std::io::Error| StoreError::Unusable {
            path: path.clone(),
            reason: crate::t!("err-crypt-not-written", why = e.to_string()),
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

    /// PBKDF2 with HMAC-SHA512, against the `openssl kdf -kdfopt
    /// digest:SHA512 …` command's: one iteration, SQLCipher's 256,000, and a
    /// passphrase longer than SHA-512's block.
    #[test]
    fn pbkdf2_sha512_matches_openssl() {
        let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        assert_eq!(
            hex(&pbkdf2_sha512(b"password", b"salt", 1).unwrap()),
            "867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252"
        );
        assert_eq!(
            hex(&pbkdf2_sha512(b"password", b"salt", KDF_ITER).unwrap()),
            "c881e84434887fcad1cd37801abf077eb33abd4c70ed10b64b17643c7ef7405e"
        );
        // A passphrase longer than a block is hashed first (RFC 2104).
        let long = [b'x'; 200];
        assert_eq!(
            hex(&pbkdf2_sha512(&long, b"salt", 1).unwrap()),
            "dea3889ee241f385966bf946d526bba840a43061e75886ade6249701b0903039"
        );
    }

    #[test]
    fn uri_escapes_what_sqlite_would_read() {
        let uri = file_uri(Path::new("/tmp/a b?c#d%e.jalin"));
        assert_eq!(uri, "file:/tmp/a%20b%3Fc%23d%25e.jalin");
    }
}
