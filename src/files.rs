//! Files Jalin reads and writes, checked before use.
//!
//! Inputs ([`read_limited`], [`open_regular`]): only regular files, links
//! followed. A FIFO, device or socket is refused (reading one would hang or
//! never end), the size is checked on the opened handle and at most the
//! limit plus one byte is read, so a file that grows or lies about its size
//! cannot fill memory.
//!
//! Outputs ([`refuse_project_target`]): nothing is ever written over a Jalin
//! project or its companion files (`-wal`, `-shm`, `-journal`), compared by
//! file identity (device and inode, links resolved), not by name. Every
//! export goes through [`crate::export::write_file_atomically`], which
//! calls it.

use std::fs::{File, Metadata};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The files SQLite keeps beside a project while it is open.
pub const COMPANION_SUFFIXES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Why an input file is refused (messages in errors.ftl).
#[derive(Debug)]
pub enum InputProblem {
    NotFound,
    BrokenLink,
    LinkLoop,
    IsFolder,
    /// What the file is instead, in English words ([`kind_of`]).
    NotRegular(&'static str),
    TooLarge {
        size: u64,
        limit: u64,
    },
    LargerThanSaid {
        limit: u64,
    },
    Io(std::io::Error),
}

impl std::fmt::Display for InputProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            InputProblem::NotFound => crate::t!("err-input-not-found"),
            InputProblem::BrokenLink => crate::t!("err-input-broken-link"),
            InputProblem::LinkLoop => crate::t!("err-input-link-loop"),
            InputProblem::IsFolder => crate::t!("err-input-is-folder"),
            InputProblem::NotRegular(what) => {
                let what = match *what {
                    "a folder" => crate::t!("file-kind-folder"),
                    "a symbolic link" => crate::t!("file-kind-symlink"),
                    "a FIFO" => crate::t!("file-kind-fifo"),
                    "a character device" => crate::t!("file-kind-char-device"),
                    "a block device" => crate::t!("file-kind-block-device"),
                    "a socket" => crate::t!("file-kind-socket"),
                    "a special file" => crate::t!("file-kind-special"),
                    other => other.to_string(),
                };
                crate::t!("err-input-not-regular", what = what)
            }
            InputProblem::TooLarge { size, limit } => crate::t!(
                "err-input-too-large",
                size = size.to_string(),
                limit = limit.to_string()
            ),
            InputProblem::LargerThanSaid { limit } => {
                crate::t!("err-input-larger-than-said", limit = limit.to_string())
            }
            InputProblem::Io(e) => crate::t!("err-input-io", cause = e.to_string()),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for InputProblem {}

/// What a file that is not regular is, in words ("a FIFO").
pub fn kind_of(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    if t.is_symlink() {
        return "a symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// Why `path` cannot be opened: a broken link and a loop of links are
/// told apart from a missing file.
fn open_problem(path: &Path, e: std::io::Error) -> InputProblem {
    if is_loop(&e) {
        return InputProblem::LinkLoop;
    }
    if e.kind() == std::io::ErrorKind::NotFound {
        return match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => InputProblem::BrokenLink,
            _ => InputProblem::NotFound,
        };
    }
    InputProblem::Io(e)
}

fn is_loop(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// Checks what `path` is (links followed) without opening it: `Ok` for a
/// regular file, the reason otherwise. Opening never blocks, since nothing
/// is opened.
pub fn check_regular(path: &Path) -> Result<Metadata, InputProblem> {
    let meta = std::fs::metadata(path).map_err(|e| open_problem(path, e))?;
    if meta.is_dir() {
        return Err(InputProblem::IsFolder);
    }
    if !meta.is_file() {
        return Err(InputProblem::NotRegular(kind_of(&meta)));
    }
    Ok(meta)
}

/// Opens a regular file for reading, links followed. A FIFO, device or
/// socket is refused without blocking (the file is opened non-blocking and
/// checked on the opened handle, so it cannot be swapped in between).
/// Returns the file and its metadata read from the handle.
pub fn open_regular(path: &Path) -> Result<(File, Metadata), InputProblem> {
    check_regular(path)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| open_problem(path, e))?;
    let meta = file.metadata().map_err(InputProblem::Io)?;
    if meta.is_dir() {
        return Err(InputProblem::IsFolder);
    }
    if !meta.is_file() {
        return Err(InputProblem::NotRegular(kind_of(&meta)));
    }
    Ok((file, meta))
}

/// Reads a whole regular file of at most `limit` bytes (see
/// [`open_regular`]). The size is checked on the opened handle, and at most
/// `limit + 1` bytes are read, whatever the file claims.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, InputProblem> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > limit {
        return Err(InputProblem::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(InputProblem::Io)?;
    if bytes.len() as u64 > limit {
        return Err(InputProblem::LargerThanSaid { limit });
    }
    Ok(bytes)
}

/// Why an output file is refused (messages in errors.ftl).
#[derive(Debug)]
pub enum TargetProblem {
    Project(PathBuf),
    Alias {
        target: PathBuf,
        project: PathBuf,
    },
    Companion {
        target: PathBuf,
        project: PathBuf,
    },
    BrokenLink(PathBuf),
    /// Another program's SQLite database (a QualCoder project, say).
    Database(PathBuf),
    /// Bytes that look like an encrypted project's pages.
    Encrypted(PathBuf),
}

impl std::fmt::Display for TargetProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            TargetProblem::Project(p) => {
                crate::t!("err-target-project", path = p.display().to_string())
            }
            TargetProblem::Alias { target, project } => crate::t!(
                "err-target-alias",
                target = target.display().to_string(),
                project = project.display().to_string()
            ),
            TargetProblem::Companion { target, project } => crate::t!(
                "err-target-companion",
                target = target.display().to_string(),
                project = project.display().to_string()
            ),
            TargetProblem::BrokenLink(p) => {
                crate::t!("err-target-broken-link", path = p.display().to_string())
            }
            TargetProblem::Database(p) => {
                crate::t!("err-target-database", path = p.display().to_string())
            }
            TargetProblem::Encrypted(p) => {
                crate::t!("err-target-encrypted", path = p.display().to_string())
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for TargetProblem {}

/// Projects this process has opened or created, so their companion files
/// are recognised by identity even under another name (a hard link).
static OPEN_PROJECTS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Notes that this process has the project at `path` open (called by
/// [`crate::store::Project`] on open and create).
pub fn remember_project(path: &Path) {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if let Ok(mut open) = OPEN_PROJECTS.lock()
        && !open.contains(&path)
    {
        open.push(path);
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Whether two existing paths are the same file: same device and inode
/// (links followed) on unix, same canonical path elsewhere.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

/// Whether the file at `path` is a Jalin project: an SQLite database whose
/// header carries Jalin's application id (bytes 68..72). A project whose
/// header still sits in its write-ahead log (new and not yet checkpointed,
/// open in another program) is recognised by the newest copy of page 1 in
/// its `-wal`. Never blocks: only regular files are opened.
pub fn is_jalin_project(path: &Path) -> bool {
    let Ok((mut file, _)) = open_regular(path) else {
        return false;
    };
    let mut header = [0u8; 100];
    if file.read_exact(&mut header).is_err() || &header[..16] != b"SQLite format 3\0" {
        return false;
    }
    match app_id(&header) {
        id if id == crate::store::APPLICATION_ID => true,
        0 => wal_says_jalin(&with_suffix(path, "-wal")),
        _ => false,
    }
}

fn app_id(header: &[u8]) -> i32 {
    i32::from_be_bytes([header[68], header[69], header[70], header[71]])
}

/// Whether a write-ahead log holds a copy of page 1 with Jalin's
/// application id (the last such copy decides).
fn wal_says_jalin(wal: &Path) -> bool {
    let Ok((mut file, meta)) = open_regular(wal) else {
        return false;
    };
    let mut head = [0u8; 32];
    if file.read_exact(&mut head).is_err() {
        return false;
    }
    let magic = u32::from_be_bytes([head[0], head[1], head[2], head[3]]);
    if magic & !1 != 0x377f_0682 {
        return false;
    }
    let page_size = u32::from_be_bytes([head[8], head[9], head[10], head[11]]) as u64;
    let page_size = if page_size == 1 { 65_536 } else { page_size };
    if !(512..=65_536).contains(&page_size) {
        return false;
    }
    let frame = 24 + page_size;
    let frames = meta.len().saturating_sub(32) / frame;
    let mut found = None;
    for i in 0..frames {
        let at = 32 + i * frame;
        let mut frame_head = [0u8; 24];
        if file.seek(SeekFrom::Start(at)).is_err() || file.read_exact(&mut frame_head).is_err() {
            break;
        }
        if u32::from_be_bytes([frame_head[0], frame_head[1], frame_head[2], frame_head[3]]) != 1 {
            continue;
        }
        let mut page = [0u8; 100];
        if file.read_exact(&mut page).is_err() {
            break;
        }
        found = Some(app_id(&page) == crate::store::APPLICATION_ID);
    }
    found.unwrap_or(false)
}

enum DatabaseKind {
    Sqlite,
    Encrypted,
}

/// Whether an existing file is a database no export should replace: any
/// SQLite file (another program's project), or one that looks like an
/// encrypted project's pages (SQLCipher's have no header to recognise:
/// a whole number of 512-byte pages whose first page looks random and does
/// not start like an ordinary file: a zip, an image, a PDF, text).
fn database_kind(path: &Path) -> Option<DatabaseKind> {
    let (mut file, meta) = open_regular(path).ok()?;
    let mut head = [0u8; 512];
    if file.read_exact(&mut head[..16]).is_err() {
        return None;
    }
    if &head[..16] == b"SQLite format 3\0" {
        return Some(DatabaseKind::Sqlite);
    }
    if meta.len() % 512 != 0 || file.read_exact(&mut head[16..]).is_err() {
        return None;
    }
    const MAGIC: [&[u8]; 9] = [
        b"PK\x03\x04",
        b"\x89PNG",
        b"%PDF",
        b"\x1f\x8b",
        b"GIF8",
        b"\xff\xd8\xff",
        b"\xef\xbb\xbf",
        b"\xd0\xcf\x11\xe0",
        b"{\\rtf",
    ];
    if MAGIC.iter().any(|m| head.starts_with(m)) {
        return None;
    }
    // 512 random bytes take about 221 distinct values; text, even
    // Indonesian with accents, far fewer.
    let mut seen = [false; 256];
    head.iter().for_each(|&b| seen[b as usize] = true);
    let distinct = seen.iter().filter(|&&x| x).count();
    (distinct >= 160).then_some(DatabaseKind::Encrypted)
}

/// Refuses an output path that is a Jalin project or part of one: a file
/// whose header says it is a Jalin project; a `-wal`, `-shm` or `-journal`
/// beside one (also when it does not exist yet, since SQLite would take a
/// file put there for its own); the project this process has open and its
/// companions under any name (same device and inode: hard links and
/// symbolic links included). A symbolic link is judged by the file it
/// points to; a link to nothing is refused. Any other SQLite database, and
/// a file that looks like an encrypted project, are refused too (an
/// encrypted project cannot be recognised for sure without its
/// passphrase). Anything else is allowed.
///
/// Every export calls this through
/// [`crate::export::write_file_atomically`]; a writer that does not use
/// that (an SQLite backup) calls it itself.
pub fn refuse_project_target(target: &Path) -> Result<(), TargetProblem> {
    let meta = match std::fs::metadata(target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if std::fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(TargetProblem::BrokenLink(target.to_path_buf()));
            }
            None
        }
        // A loop of links or an unreadable folder: the write itself will
        // fail and say why.
        Err(_) => return Ok(()),
    };
    if let Some(meta) = &meta {
        if !meta.is_file() {
            return Ok(());
        }
        if is_jalin_project(target) {
            return Err(project_problem(target, &output_path(target)));
        }
        match database_kind(target) {
            Some(DatabaseKind::Sqlite) => {
                return Err(TargetProblem::Database(target.to_path_buf()));
            }
            Some(DatabaseKind::Encrypted) => {
                return Err(TargetProblem::Encrypted(target.to_path_buf()));
            }
            None => {}
        }
        let open = OPEN_PROJECTS.lock().map(|o| o.clone()).unwrap_or_default();
        for project in &open {
            if same_file(target, project) {
                return Err(project_problem(target, project));
            }
            for suffix in COMPANION_SUFFIXES {
                if same_file(target, &with_suffix(project, suffix)) {
                    return Err(TargetProblem::Companion {
                        target: target.to_path_buf(),
                        project: project.clone(),
                    });
                }
            }
        }
    }
    // By name: `X-wal` beside a project X, whether or not it exists yet.
    // The folder is resolved (and, for an existing file, the link), so a
    // link's name does not hide what it points to.
    let resolved = if meta.is_some() {
        std::fs::canonicalize(target).unwrap_or_else(|_| target.to_path_buf())
    } else {
        resolved_parent(target)
    };
    for candidate in [target.to_path_buf(), resolved] {
        let Some(name) = candidate.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        for suffix in COMPANION_SUFFIXES {
            let Some(stem) = name.strip_suffix(suffix) else {
                continue;
            };
            if stem.is_empty() {
                continue;
            }
            let project = candidate.with_file_name(stem);
            let open = OPEN_PROJECTS.lock().map(|o| o.clone()).unwrap_or_default();
            // An encrypted project has no header to tell: a file that looks
            // like one counts (its log holds committed work).
            if is_jalin_project(&project)
                || matches!(database_kind(&project), Some(DatabaseKind::Encrypted))
                || open.iter().any(|p| same_file(p, &project))
            {
                return Err(TargetProblem::Companion {
                    target: target.to_path_buf(),
                    project,
                });
            }
        }
    }
    Ok(())
}

/// The refusal for `target`, which is the project `project` (named so when
/// `target` is another name for it: a link).
fn project_problem(target: &Path, project: &Path) -> TargetProblem {
    let project_path = std::fs::canonicalize(project).unwrap_or_else(|_| project.to_path_buf());
    if target == project || resolved_parent(target) == project_path {
        TargetProblem::Project(target.to_path_buf())
    } else {
        TargetProblem::Alias {
            target: target.to_path_buf(),
            project: project.to_path_buf(),
        }
    }
}

/// `target` with its folder resolved (the file itself need not exist).
fn resolved_parent(target: &Path) -> PathBuf {
    let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
        return target.to_path_buf();
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    std::fs::canonicalize(parent)
        .map(|p| p.join(name))
        .unwrap_or_else(|_| target.to_path_buf())
}

/// Where an export to `target` really goes: a symbolic link is followed,
/// so the file it points to is replaced and the link stays.
pub fn output_path(target: &Path) -> PathBuf {
    match std::fs::symlink_metadata(target) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(target).unwrap_or_else(|_| target.to_path_buf())
        }
        _ => target.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_limited_reads_at_most_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        std::fs::write(&f, b"0123456789").unwrap();
        assert_eq!(read_limited(&f, 10).unwrap(), b"0123456789");
        assert!(matches!(
            read_limited(&f, 9),
            Err(InputProblem::TooLarge { size: 10, limit: 9 })
        ));
        assert!(matches!(
            read_limited(dir.path(), 9),
            Err(InputProblem::IsFolder)
        ));
        assert!(matches!(
            read_limited(&dir.path().join("missing.txt"), 9),
            Err(InputProblem::NotFound)
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_links_and_loops_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let zero = dir.path().join("zero.txt");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert!(matches!(
            read_limited(&zero, 1 << 20),
            Err(InputProblem::NotRegular("a character device"))
        ));
        let broken = dir.path().join("broken.txt");
        std::os::unix::fs::symlink(dir.path().join("nothing"), &broken).unwrap();
        assert!(matches!(
            read_limited(&broken, 10),
            Err(InputProblem::BrokenLink)
        ));
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.txt");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        assert!(matches!(read_limited(&a, 10), Err(InputProblem::LinkLoop)));
    }

    /// What the workbench's exports call: the open project, its -wal under
    /// another name, and an ordinary file.
    #[cfg(unix)]
    #[test]
    fn exports_refuse_the_open_project_by_identity() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("study.jalin");
        let project = crate::store::Project::create(&path).unwrap();
        let wal = with_suffix(&path, "-wal");
        assert!(wal.exists());
        let alias = dir.path().join("table.csv");
        std::fs::hard_link(&wal, &alias).unwrap();
        let before = (std::fs::read(&path).unwrap(), std::fs::read(&wal).unwrap());
        for target in [&path, &wal, &alias] {
            let r = crate::export::write_file_atomically(target, |w| w.write_all(b"a,b\n"));
            assert!(
                matches!(r, Err(crate::export::ExportError::Refused(_))),
                "{target:?}: {r:?}"
            );
        }
        assert_eq!(
            (std::fs::read(&path).unwrap(), std::fs::read(&wal).unwrap()),
            before
        );
        std::fs::remove_file(&alias).unwrap();
        let fine = dir.path().join("fine.csv");
        crate::export::write_file_atomically(&fine, |w| w.write_all(b"a,b\n")).unwrap();
        assert_eq!(std::fs::read(&fine).unwrap(), b"a,b\n");
        drop(project);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_larger_than_it_says_is_cut_at_the_limit() {
        // /proc files say 0 bytes and hold more.
        let p = Path::new("/proc/self/status");
        if p.is_file() {
            assert!(matches!(
                read_limited(p, 8),
                Err(InputProblem::LargerThanSaid { limit: 8 })
            ));
        }
    }
}
