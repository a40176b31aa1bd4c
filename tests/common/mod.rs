//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Output of one run of the real `jalin` binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the built `jalin` binary with `args`, as a user would.
pub fn jalin<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = Command::new(env!("CARGO_BIN_EXE_jalin"))
        .args(args)
        .env("JALIN_CODER", "tester")
        // English unless a test asks for another language: not the
        // language of the machine the tests run on.
        .env_remove("JALIN_LANG")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("run jalin");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `jalin` and fails the test with its stderr unless it succeeded.
pub fn ok<I, S>(args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let r = jalin(args);
    assert_eq!(r.code, 0, "jalin failed: {}", r.stderr);
    r.stdout
}

/// A project file's size, a hash of its bytes, and whether a non-empty WAL
/// sits beside it: what "left exactly as it was" compares (a hash, so a
/// failing test prints a line, not megabytes).
pub fn snapshot(path: &Path) -> (usize, u64, bool) {
    use std::hash::{Hash, Hasher};
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal_has_data = std::fs::metadata(PathBuf::from(wal))
        .map(|m| m.len() > 0)
        .unwrap_or(false);
    let bytes = std::fs::read(path).expect("read project");
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    (bytes.len(), h.finish(), wal_has_data)
}

/// Whether two files have the same bytes, without printing them.
pub fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a == b
}

/// `../shared` beside the checkout, or `$JALIN_SHARED_DIR` (for a checkout
/// kept elsewhere, such as a git worktree).
fn shared_dir() -> PathBuf {
    match std::env::var_os("JALIN_SHARED_DIR") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    }
}

/// `../shared/corpus`, if present. When absent, prints why the test is
/// skipped; fails instead when `JALIN_REQUIRE_SHARED=1` (as CI sets).
pub fn shared_corpus() -> Option<PathBuf> {
    let dir = shared_dir().join("corpus");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("JALIN_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!("JALIN_REQUIRE_SHARED=1 but {} is missing", dir.display());
    }
    eprintln!(
        "skipped: {} is not here (it sits beside the project in the developers' checkout)",
        dir.display()
    );
    None
}

/// Parses CSV text into (header, rows).
pub fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = r
        .records()
        .map(|rec| rec.expect("record").iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// The row whose first column is `key`, as a map from column to value.
pub fn row_of(
    header: &[String],
    rows: &[Vec<String>],
    key: &str,
) -> std::collections::HashMap<String, String> {
    let row = rows
        .iter()
        .find(|r| r[0] == key)
        .unwrap_or_else(|| panic!("no row '{key}'"));
    header.iter().cloned().zip(row.iter().cloned()).collect()
}

/// Runs `xmllint --noout --schema XSD FILE`; `None` (with a printed reason)
/// when xmllint is not installed, a panic then when JALIN_REQUIRE_SHARED=1.
pub fn xmllint_validate(xsd: &Path, file: &Path) -> Option<Result<(), String>> {
    let out = match Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(xsd)
        .arg(file)
        .output()
    {
        Ok(o) => o,
        Err(e) => {
            if std::env::var("JALIN_REQUIRE_SHARED").as_deref() == Ok("1") {
                panic!(
                    "JALIN_REQUIRE_SHARED=1 but xmllint cannot run ({e}); install libxml2-utils"
                );
            }
            eprintln!("skipped: xmllint is not installed (apt-get install libxml2-utils)");
            return None;
        }
    };
    Some(if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    })
}

/// `../shared/refi-qda/Project-mrt2019.xsd`, if present (skips like
/// [`shared_corpus`]).
pub fn refi_schema() -> Option<PathBuf> {
    let p = shared_dir().join("refi-qda/Project-mrt2019.xsd");
    if p.is_file() {
        return Some(p);
    }
    if std::env::var("JALIN_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!("JALIN_REQUIRE_SHARED=1 but {} is missing", p.display());
    }
    eprintln!("skipped: {} is not here", p.display());
    None
}

/// A temporary folder holding a new, empty project `study.jalin`.
pub struct Workspace {
    pub dir: tempfile::TempDir,
    pub project: PathBuf,
}

impl Workspace {
    pub fn new() -> Workspace {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let project = dir.path().join("study.jalin");
        ok([OsStr::new("new"), project.as_os_str()]);
        Workspace { dir, project }
    }

    /// The project's path as a command-line argument.
    pub fn p(&self) -> &str {
        self.project.to_str().expect("a UTF-8 path")
    }

    /// Writes a file into the folder and returns its path.
    pub fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).expect("write a file");
        path
    }
}

/// A seed from the environment variable `var`, else from the clock; tests
/// print it so a failure can be replayed.
pub fn seed_from_env(var: &str) -> u64 {
    std::env::var(var)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
                | 1
        })
}

impl Workspace {
    /// A project holding the source `file_name` (imported from `text`) and
    /// the codes `codes`.
    pub fn with(file_name: &str, text: &str, codes: &[&str]) -> Workspace {
        let w = Workspace::new();
        let src = w.file(file_name, text);
        ok([OsStr::new("import"), w.project.as_os_str(), src.as_os_str()]);
        for c in codes {
            ok(["codes", "add", w.p(), c]);
        }
        w
    }
}

/// A test that needs root (chattr, mount) and cannot get it here: prints
/// why it is skipped, or fails when `JALIN_REQUIRE_PRIVILEGED=1` (as CI,
/// which runs as root, sets), so a refused privilege never counts as a pass
/// there.
pub fn privileged_skip(why: &str) {
    if std::env::var("JALIN_REQUIRE_PRIVILEGED").as_deref() == Ok("1") {
        panic!("JALIN_REQUIRE_PRIVILEGED=1 but {why}");
    }
    eprintln!("skipped: {why}");
}

/// The PostgreSQL server the team-project tests use (`JALIN_TEST_PG_URL`,
/// a database URL such as postgres://postgres@127.0.0.1:55432/postgres).
/// Unset: prints why the test is skipped and returns `None`, or fails
/// when `JALIN_REQUIRE_PG=1` (as CI sets).
pub fn pg_url() -> Option<String> {
    match std::env::var("JALIN_TEST_PG_URL") {
        Ok(u) if !u.trim().is_empty() => Some(u.trim().to_string()),
        _ => {
            if std::env::var("JALIN_REQUIRE_PG").as_deref() == Ok("1") {
                panic!("JALIN_REQUIRE_PG=1 but JALIN_TEST_PG_URL is not set");
            }
            eprintln!("skipped: JALIN_TEST_PG_URL is not set (no PostgreSQL server to test on)");
            None
        }
    }
}

/// Removes a team project made at a location from [`pg_project`] (its
/// schema and its three group roles) when dropped, passed or failed, so a
/// long-lived server keeps no roles of finished tests.
pub struct DropPgProject(pub String);

impl Drop for DropPgProject {
    fn drop(&mut self) {
        if let Ok(loc) = jalin::store::ServerLocation::parse(&self.0) {
            let _ = jalin::store::drop_server_project(&loc, jalin::store::Password::Given(""));
        }
    }
}

/// A new team project's location on the test server: `url` with
/// `project=` a name no other test or run uses.
pub fn pg_project(url: &str, tag: &str) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let name = format!(
        "t_{tag}_{}_{}_{nanos}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    );
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}project={name}")
}

/// A PDF of the given objects (numbered from 1, the first the catalog).
#[allow(dead_code)]
pub fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
