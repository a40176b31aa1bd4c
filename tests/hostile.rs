//! Hostile and broken input not covered elsewhere (see tests/README.md for
//! the whole catalogue): each case gives a clear message naming the file and
//! the problem, exits non-zero, and leaves the project byte-identical.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{Workspace, jalin, ok, snapshot};

const TEXT: &str = "Interviewer: How do files move?\n\nR: Koordinasinya masih lemah — the file goes back 😀 and forth.\n";

/// A project with a source `palu` and a code `coordination`.
fn fixture() -> Workspace {
    Workspace::with("palu.txt", TEXT, &["coordination"])
}

/// Importing `file` must fail with `message` and the file's name.
fn import_refused(f: &Workspace, file: &Path, message: &str) {
    let name = file.display().to_string();
    refused(f, &["import", f.p(), s(file)], &[message, &name]);
}

/// Runs `args`; it must fail with every one of `messages` in stderr and
/// leave the project byte-identical.
fn refused(f: &Workspace, args: &[&str], messages: &[&str]) {
    let before = snapshot(&f.project);
    let r = jalin(args);
    assert_eq!(r.code, 1, "{args:?} should fail: {}", r.stdout);
    for m in messages {
        assert!(
            r.stderr.contains(m),
            "{args:?}: expected '{m}' in: {}",
            r.stderr
        );
    }
    assert_eq!(snapshot(&f.project), before, "{args:?} changed the project");
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, bytes) in entries {
        z.start_file(*name, o).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap().into_inner()
}

const DOCX_BODY: &str = r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Interviewer: hello there, this is a long enough paragraph.</w:t></w:r></w:p></w:body></w:document>"#;

#[test]
fn a_200_mb_file_is_refused_with_its_size() {
    let f = fixture();
    // Sparse: 200 MB long, no disk used.
    let big = f.dir.path().join("huge.txt");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    import_refused(
        &f,
        &big,
        "the file is too large (209715200 bytes; the limit is 67108864 bytes)",
    );
}

#[test]
fn a_truncated_docx_is_refused() {
    let f = fixture();
    let whole = zip(&[("word/document.xml", DOCX_BODY.as_bytes())]);
    let cut = f.file("cut.docx", &whole[..whole.len() / 2]);
    import_refused(&f, &cut, "not a zip archive");
}

#[test]
fn a_docx_zip_bomb_is_refused() {
    let f = fixture();
    // 300 MiB of one byte packs into well under a megabyte.
    let body = vec![b' '; 300 * 1024 * 1024];
    let bomb = f.file("bomb.docx", zip(&[("word/document.xml", &body)]));
    drop(body);
    assert!(std::fs::metadata(&bomb).unwrap().len() < 2 * 1024 * 1024);
    import_refused(&f, &bomb, "zip bomb");
}

#[test]
fn odt_path_traversal_and_entities_are_refused() {
    let f = fixture();
    let evil = f.file(
        "evil.odt",
        zip(&[("content.xml", b"<x/>"), ("../../../tmp/evil", b"x")]),
    );
    import_refused(&f, &evil, "leaves the archive");
    let xxe =
        r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>"#;
    let xxe = f.file("xxe.odt", zip(&[("content.xml", xxe.as_bytes())]));
    import_refused(&f, &xxe, "entities");
}

#[test]
fn html_vtt_srt_and_csv_without_words_are_refused() {
    let f = fixture();
    // A transcript CSV whose row lacks the text column is a mismatched row.
    let cases: &[(&str, &[u8], &str)] = &[
        (
            "empty.html",
            b"<html><script>alert(1)</script></html>",
            "the page has no text outside its markup",
        ),
        (
            "cues.vtt",
            b"WEBVTT\n\nNOTE nothing here\n",
            "it has no cues with words",
        ),
        (
            "binary.srt",
            b"\x00\x01\x02\x03\xff\xfe\x00",
            "the file is binary data, not text",
        ),
        (
            "rows.csv",
            b"speaker,text\nAna\n",
            "its text column is empty",
        ),
    ];
    for (name, bytes, message) in cases {
        let p = f.file(name, bytes);
        import_refused(&f, &p, message);
    }
}

/// A project whose pages after the header are overwritten with noise.
#[test]
fn a_corrupt_project_is_refused_untouched() {
    let f = fixture();
    // Fold the WAL into the file first, so the damage is in the file itself.
    {
        let c = rusqlite::Connection::open(&f.project).unwrap();
        c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    }
    let mut bytes = std::fs::read(&f.project).unwrap();
    let mut x: u32 = 2463534242;
    for b in bytes.iter_mut().skip(100) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *b = x as u8;
    }
    std::fs::write(&f.project, &bytes).unwrap();
    let name = f.project.display().to_string();
    for args in [
        &["list", "codings", f.p()][..],
        &[
            "code",
            f.p(),
            "--code",
            "coordination",
            "--source",
            "palu",
            "--range",
            "0..5",
        ][..],
        &["report", "frequencies", f.p()][..],
    ] {
        let before = snapshot(&f.project);
        let r = jalin(args);
        assert_eq!(r.code, 1, "{args:?}");
        assert!(
            (r.stderr.contains("damaged") || r.stderr.contains("not a Jalin project"))
                && r.stderr.contains(&name),
            "{args:?}: {}",
            r.stderr
        );
        assert_eq!(snapshot(&f.project), before, "{args:?}");
    }
}

#[test]
fn a_project_in_use_by_another_program_is_refused_within_seconds() {
    let f = fixture();
    // Another program holds the write lock, as a second Jalin saving would.
    let other = rusqlite::Connection::open(&f.project).unwrap();
    other
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO meta (key, value) VALUES ('lock', 'held');")
        .unwrap();
    let before = snapshot(&f.project);
    let t = Instant::now();
    let r = jalin([
        "code",
        f.p(),
        "--code",
        "coordination",
        "--source",
        "palu",
        "--range",
        "0..5",
    ]);
    let waited = t.elapsed();
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("the project is in use by another program")
            && r.stderr.contains(&f.project.display().to_string()),
        "{}",
        r.stderr
    );
    assert!(waited < Duration::from_secs(10), "waited {waited:?}");
    assert_eq!(snapshot(&f.project), before);
    let csv = f.file("c.csv", b"source,code,start,end\npalu,coordination,0,5\n");
    let r = jalin(["code", f.p(), "--from", s(&csv)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("in use by another program")
            && r.stderr.contains("c.csv")
            && r.stderr.contains(&f.project.display().to_string()),
        "{}",
        r.stderr
    );
    other.execute_batch("ROLLBACK").unwrap();
    ok(["code", f.p(), "--from", s(&csv)]);
}

/// Makes a file immutable (`chattr +i`), which stops even root from writing
/// it, and undoes that when dropped.
struct Immutable(PathBuf);

impl Immutable {
    fn set(path: &Path) -> Option<Immutable> {
        let done = std::process::Command::new("chattr")
            .arg("+i")
            .arg(path)
            .status()
            .is_ok_and(|s| s.success());
        done.then(|| Immutable(path.to_path_buf()))
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&self.0)
            .status();
    }
}

#[test]
fn a_read_only_project_is_refused() {
    let f = fixture();
    {
        let c = rusqlite::Connection::open(&f.project).unwrap();
        c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    }
    let mut perms = std::fs::metadata(&f.project).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&f.project, perms).unwrap();
    // chmod 444 does not stop root (as CI runs); an immutable file does.
    let is_root = std::fs::OpenOptions::new()
        .write(true)
        .open(&f.project)
        .is_ok();
    let _guard = if is_root {
        match Immutable::set(&f.project) {
            Some(g) => Some(g),
            None => {
                common::privileged_skip(
                    "running as root and `chattr +i` is unavailable, so no file is read-only",
                );
                return;
            }
        }
    } else {
        None
    };
    refused(
        &f,
        &[
            "code",
            f.p(),
            "--code",
            "coordination",
            "--source",
            "palu",
            "--range",
            "0..5",
        ],
        &["read-only", &f.project.display().to_string()],
    );
    refused(&f, &["codes", "add", f.p(), "delay"], &["read-only"]);
    // Reading still works.
    ok(["list", "codes", f.p()]);
}

/// A tiny tmpfs, mounted for the test and unmounted when dropped.
struct Tmpfs(PathBuf);

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_keeps_the_project_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("small");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
        .arg(&mnt)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        common::privileged_skip("cannot mount a small tmpfs here (needs root and CAP_SYS_ADMIN)");
        return;
    }
    let _guard = Tmpfs(mnt.clone());
    let project = mnt.join("study.jalin");
    ok(["new", s(&project)]);
    ok(["codes", "add", s(&project), "coordination"]);
    // Leave a little room, then import more than fits.
    let filler = mnt.join("filler");
    std::fs::write(&filler, vec![0u8; 700 * 1024]).unwrap();
    let big: String = jalin::bench::corpus::document(1, 0, 600).text;
    let src = dir.path().join("big.txt");
    std::fs::write(&src, &big).unwrap();
    let before = snapshot(&project);
    let r = jalin(["import", s(&project), s(&src)]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stderr.contains("the disk is full") && r.stderr.contains("big.txt"),
        "{}",
        r.stderr
    );
    // The file is byte-identical; the WAL beside it may have grown, but holds
    // no commit.
    let after = snapshot(&project);
    assert_eq!(
        (after.0, after.1),
        (before.0, before.1),
        "the project file changed"
    );
    let p = jalin::store::Project::open(&project).unwrap();
    p.check_integrity().unwrap();
    assert!(p.sources().unwrap().is_empty());
    assert_eq!(p.codes().unwrap().len(), 1);
}

fn qdpx(dir: &Path, name: &str, qde: &str, sources: &[(&str, &str)]) -> PathBuf {
    let mut entries: Vec<(&str, &[u8])> = vec![("project.qde", qde.as_bytes())];
    for (n, t) in sources {
        entries.push((n, t.as_bytes()));
    }
    let path = dir.join(name);
    std::fs::write(&path, zip(&entries)).unwrap();
    path
}

const G1: &str = "11111111-1111-1111-1111-111111111111";
const G2: &str = "22222222-2222-2222-2222-222222222222";
const G3: &str = "33333333-3333-3333-3333-333333333333";

#[test]
fn qdpx_codings_outside_the_text_and_duplicate_guids_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let qde = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="x" origin="Test">
<CodeBook><Codes><Code guid="{G2}" name="a" isCodable="true"/><Code guid="{G2}" name="b" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="{G1}" name="s" plainTextPath="internal://{G1}.txt">
<PlainTextSelection guid="{G3}" startPosition="2" endPosition="5000"><Coding guid="44444444-4444-4444-4444-444444444444"><CodeRef targetGUID="{G2}"/></Coding></PlainTextSelection>
</TextSource></Sources></Project>"#
    );
    let q = qdpx(
        dir.path(),
        "odd.qdpx",
        &qde,
        &[(&format!("sources/{G1}.txt"), "short text here")],
    );
    let target = dir.path().join("odd.jalin");
    let out = ok(["qdpx", "import", s(&target), s(&q)]);
    assert!(out.contains("outside the text"), "{out}");
    assert!(out.contains("used twice in the file"), "{out}");
    let p = jalin::store::Project::open(&target).unwrap();
    assert!(p.codings().unwrap().is_empty());
    assert_eq!(p.codes().unwrap().len(), 2);
}

#[test]
fn qdpx_missing_sources_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let qde = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources><TextSource guid="{G1}" name="gone" plainTextPath="internal://{G1}.txt"/></Sources></Project>"#
    );
    let q = qdpx(dir.path(), "gone.qdpx", &qde, &[]);
    let target = dir.path().join("gone.jalin");
    let out = ok(["qdpx", "import", s(&target), s(&q)]);
    assert!(
        out.contains("missing from the archive") && out.contains("gone"),
        "{out}"
    );
}

// ---- Untrusted project files and the write-ahead log (issue 10 §3, §7) ----

fn side(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    p.into()
}

/// Every file of a database: the file, its log and shared memory (absent
/// as `None`), to compare "left exactly as it was".
fn files_of(path: &Path) -> Vec<Option<Vec<u8>>> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|s| std::fs::read(side(path, s)).ok())
        .collect()
}

const CODE_ARGS: [&str; 6] = [
    "--code",
    "coordination",
    "--source",
    "palu",
    "--range",
    "0..5",
];

#[test]
fn a_planted_trigger_is_refused_by_name_and_a_repaired_copy_works() {
    let f = fixture();
    ok([&["code", f.p()][..], &CODE_ARGS[..]].concat());
    // What the sqlite3 shell would do.
    let c = rusqlite::Connection::open(&f.project).unwrap();
    c.execute_batch(
        "CREATE TRIGGER wipe AFTER INSERT ON codings BEGIN \
         DELETE FROM codings; DELETE FROM memos; DELETE FROM source_texts; END;",
    )
    .unwrap();
    drop(c);
    let before = files_of(&f.project);
    for args in [
        [&["code", f.p()][..], &CODE_ARGS[..]].concat(),
        vec!["list", "codings", f.p()],
        vec!["report", "frequencies", f.p()],
    ] {
        let r = jalin(&args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stdout);
        assert!(
            r.stderr
                .contains("study.jalin contains a trigger 'wipe' that Jalin did not make")
                && r.stderr.contains("jalin backup")
                && r.stderr.contains(f.p()),
            "{args:?}: {}",
            r.stderr
        );
        assert_eq!(files_of(&f.project), before, "{args:?} touched the file");
    }
    let clean = f.dir.path().join("clean.jalin");
    let out = ok(["backup", f.p(), clean.to_str().unwrap(), "--repair"]);
    assert!(out.contains("left out a trigger 'wipe'"), "{out}");
    let c = s(&clean);
    ok([
        "code",
        c,
        "--code",
        "coordination",
        "--source",
        "palu",
        "--range",
        "6..9",
    ]);
    let listed = ok(["list", "codings", c]);
    assert_eq!(listed.matches("coordination").count(), 2, "{listed}");
    assert_eq!(files_of(&f.project), before);
}

#[test]
fn a_raise_ignore_trigger_cannot_fake_a_saved_coding() {
    let f = fixture();
    let c = rusqlite::Connection::open(&f.project).unwrap();
    c.execute_batch(
        "CREATE TRIGGER swallow BEFORE INSERT ON codings BEGIN SELECT RAISE(IGNORE); END;",
    )
    .unwrap();
    drop(c);
    let before = files_of(&f.project);
    let r = jalin([&["code", f.p()][..], &CODE_ARGS[..]].concat());
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stderr.contains("a trigger 'swallow'"), "{}", r.stderr);
    assert!(r.stdout.is_empty(), "printed as if saved: {}", r.stdout);
    assert_eq!(files_of(&f.project), before);
}

#[test]
fn read_only_commands_leave_another_programs_database_as_it_was() {
    let f = fixture();
    let dir = f.dir.path();
    // One database in WAL mode with work still in its log (copied while
    // the other program has it open), one in rollback mode.
    let live = dir.join("live.db");
    let copy_live = dir.join("other.db");
    let c = rusqlite::Connection::open(&live).unwrap();
    c.execute_batch("PRAGMA journal_mode=WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1), (2);")
        .unwrap();
    std::fs::copy(&live, &copy_live).unwrap();
    std::fs::copy(side(&live, "-wal"), side(&copy_live, "-wal")).unwrap();
    drop(c);
    let plain = dir.join("plain.db");
    let c = rusqlite::Connection::open(&plain).unwrap();
    c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(c);
    for db in [&copy_live, &plain] {
        let before = files_of(db);
        let out = dir.join("out.csv");
        for args in [
            vec!["list", "codes", s(db)],
            vec!["list", "codings", s(db)],
            vec!["report", "frequencies", s(db)],
            vec!["qdpx", "export", s(db), s(&dir.join("x.qdpx"))],
            vec!["report", "frequencies", s(db), "--out", s(&out)],
            vec!["backup", s(db), s(&dir.join("b.jalin"))],
        ] {
            let r = jalin(&args);
            assert_eq!(r.code, 1, "{args:?}");
            assert!(
                r.stderr.contains("an SQLite database of another program"),
                "{args:?}: {}",
                r.stderr
            );
            assert_eq!(files_of(db), before, "{args:?} wrote to {}", db.display());
        }
    }
}

#[test]
fn after_the_command_line_exits_the_file_alone_holds_every_coding() {
    let f = fixture();
    for range in ["0..5", "6..9", "10..20"] {
        ok([
            "code",
            f.p(),
            "--code",
            "coordination",
            "--source",
            "palu",
            "--range",
            range,
        ]);
    }
    assert!(
        !side(&f.project, "-wal").exists(),
        "the log was left behind"
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let alone = elsewhere.path().join("alone.jalin");
    std::fs::copy(&f.project, &alone).unwrap();
    assert_eq!(
        ok(["list", "codings", s(&alone)]),
        ok(["list", "codings", f.p()])
    );
    assert_eq!(
        ok(["list", "codings", s(&alone)])
            .matches("coordination")
            .count(),
        3
    );
}

// ---- io: never write over a project; only regular files; bounded reads ----

/// Hashes of the project file and of its `-wal` (missing: `None`): what
/// "left exactly as it was" compares when the target was a companion too.
/// (The `-shm` is left out: every reader writes its read marks there.)
fn project_and_wal(project: &Path) -> Vec<Option<u64>> {
    use std::hash::{Hash, Hasher};
    ["", "-wal"]
        .iter()
        .map(|suffix| {
            let mut p = project.as_os_str().to_owned();
            p.push(suffix);
            std::fs::read(PathBuf::from(p)).ok().map(|b| {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                b.hash(&mut h);
                h.finish()
            })
        })
        .collect()
}

fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Every command that writes a file, writing to `target`.
fn output_commands(project: &str, target: &str) -> Vec<Vec<String>> {
    let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        v(&["report", "frequencies", project, "--out", target]),
        v(&[
            "report", "quotes", project, "--format", "xlsx", "--out", target,
        ]),
        v(&["list", "sources", project, "--out", target]),
        v(&[
            "chart",
            "frequencies",
            project,
            "--format",
            "svg",
            "--out",
            target,
        ]),
        v(&["review", project, "--format", "md", "--out", target]),
        v(&["qdpx", "export", project, target]),
        v(&["qdc", "export", project, target]),
    ]
}

/// Each output command given `target` is refused with `message`, and the
/// project (with its -wal) and `also` stay byte-identical.
fn outputs_refused(f: &Workspace, target: &Path, message: &str, also: &[&Path]) {
    for args in output_commands(f.p(), s(target)) {
        let before = project_and_wal(&f.project);
        let others: Vec<_> = also.iter().map(|p| project_and_wal(p)).collect();
        let r = jalin(&args);
        assert_eq!(r.code, 1, "{args:?} should be refused: {}", r.stderr);
        assert!(
            r.stderr.contains("refusing to write") && r.stderr.contains(message),
            "{args:?}: {}",
            r.stderr
        );
        assert!(!r.stderr.contains("wrote"), "{args:?}: {}", r.stderr);
        assert_eq!(project_and_wal(&f.project), before, "{args:?}");
        let after: Vec<_> = also.iter().map(|p| project_and_wal(p)).collect();
        assert_eq!(after, others, "{args:?}");
    }
}

#[cfg(unix)]
#[test]
fn no_output_is_written_over_a_project_or_its_companions() {
    let f = fixture();
    let dir = f.dir.path();
    let codings = || {
        jalin::store::Project::open(&f.project)
            .unwrap()
            .codings()
            .unwrap()
            .len()
    };
    ok([
        "code",
        f.p(),
        "--code",
        "coordination",
        "--source",
        "palu",
        "--range",
        "0..5",
    ]);
    assert_eq!(codings(), 1);
    let project = f.project.clone();
    let wal = with_suffix(&project, "-wal");
    // The project itself, under its own name, a symbolic link and a hard link.
    outputs_refused(&f, &project, "the Jalin project", &[]);
    let link = dir.join("table.csv");
    std::os::unix::fs::symlink(&project, &link).unwrap();
    outputs_refused(&f, &link, "the Jalin project", &[]);
    let hard = dir.join("hard.csv");
    std::fs::hard_link(&project, &hard).unwrap();
    outputs_refused(&f, &hard, "the Jalin project", &[]);
    // Its -wal and -shm, which do not exist while no one has it open: SQLite
    // would take a file put there for its own.
    assert!(!wal.exists());
    outputs_refused(&f, &wal, "part of the Jalin project", &[]);
    outputs_refused(
        &f,
        &with_suffix(&project, "-shm"),
        "part of the Jalin project",
        &[],
    );
    outputs_refused(
        &f,
        &with_suffix(&project, "-journal"),
        "part of the Jalin project",
        &[],
    );
    assert!(!wal.exists());
    // A link to the -wal (missing now, there while the command has the
    // project open): refused either way.
    let to_wal = dir.join("to-wal.csv");
    std::os::unix::fs::symlink(&wal, &to_wal).unwrap();
    outputs_refused(&f, &to_wal, "refusing to write", &[]);
    // Another Jalin project, not open anywhere.
    let other = dir.join("other.jalin");
    ok(["new", s(&other)]);
    outputs_refused(&f, &other, "the Jalin project", &[other.as_path()]);
    // While the project is open (the workbench): its -wal, -shm and a hard
    // link to the -wal under a name that says nothing.
    let open = jalin::store::Project::open(&project).unwrap();
    assert!(wal.exists(), "an open project has a -wal");
    outputs_refused(&f, &wal, "part of the Jalin project", &[]);
    outputs_refused(
        &f,
        &with_suffix(&project, "-shm"),
        "part of the Jalin project",
        &[],
    );
    let wal_link = dir.join("results.csv");
    std::fs::hard_link(&wal, &wal_link).unwrap();
    outputs_refused(&f, &wal_link, "part of the Jalin project", &[]);
    std::fs::remove_file(&wal_link).unwrap();
    // A new project open in another program, whose header is still only in
    // its -wal (never checkpointed): recognised by the -wal's page 1.
    let fresh = dir.join("fresh.jalin");
    let fresh_project = jalin::store::Project::create(&fresh).unwrap();
    outputs_refused(&f, &fresh, "the Jalin project", &[fresh.as_path()]);
    drop(fresh_project);
    drop(open);
    // An encrypted project (no header to recognise it by, whatever its
    // name) and another program's SQLite database (a QualCoder project).
    let pass = dir.join("pass.txt");
    std::fs::write(&pass, "sea breeze 7").unwrap();
    let locked = dir.join("locked.jalin");
    let r = jalin([
        "new",
        s(&locked),
        "--encrypt",
        "--passphrase-file",
        s(&pass),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let renamed = dir.join("old-table.csv");
    std::fs::copy(&locked, &renamed).unwrap();
    outputs_refused(&f, &locked, "encrypted Jalin project", &[locked.as_path()]);
    // Its log and journal (missing now), by name, as a plain project's.
    for suffix in ["-wal", "-journal", "-shm"] {
        outputs_refused(
            &f,
            &with_suffix(&locked, suffix),
            "part of the Jalin project",
            &[locked.as_path()],
        );
    }
    outputs_refused(
        &f,
        &renamed,
        "encrypted Jalin project",
        &[renamed.as_path()],
    );
    let qualcoder = dir.join("study.qda");
    rusqlite::Connection::open(&qualcoder)
        .unwrap()
        .execute_batch("CREATE TABLE code_name (cid INTEGER PRIMARY KEY, name TEXT);")
        .unwrap();
    outputs_refused(&f, &qualcoder, "it is a database", &[qualcoder.as_path()]);
    // Earlier outputs of a round size (a chart, a workbook, a table) are
    // still written over.
    for (name, bytes) in [
        ("chart.png", b"\x89PNG\r\n\x1a\n".to_vec()),
        ("table.xlsx", b"PK\x03\x04".to_vec()),
        ("table2.csv", b"source,code,n\n".to_vec()),
    ] {
        let earlier = dir.join(name);
        let mut content = bytes;
        let mut x: u32 = 7;
        while content.len() < 4096 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            content.push(if name.ends_with(".csv") {
                b'a' + (x >> 16) as u8 % 26
            } else {
                (x >> 16) as u8
            });
        }
        std::fs::write(&earlier, &content).unwrap();
        let format = if name.ends_with(".xlsx") {
            "xlsx"
        } else {
            "csv"
        };
        let r = if name.ends_with(".png") {
            jalin([
                "chart",
                "frequencies",
                f.p(),
                "--format",
                "png",
                "--out",
                s(&earlier),
            ])
        } else {
            jalin([
                "report",
                "frequencies",
                f.p(),
                "--format",
                format,
                "--out",
                s(&earlier),
            ])
        };
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        assert_ne!(std::fs::read(&earlier).unwrap(), content, "{name}");
    }
    // Everything coded is still there, and an ordinary file is written.
    assert_eq!(codings(), 1);
    let fine = dir.join("fine.csv");
    ok(["report", "frequencies", f.p(), "--out", s(&fine)]);
    assert!(
        std::fs::read_to_string(&fine)
            .unwrap()
            .contains("coordination")
    );
}

#[cfg(unix)]
#[test]
fn an_out_link_replaces_the_file_it_points_to() {
    let f = fixture();
    let dir = f.dir.path();
    let real = dir.join("real.csv");
    std::fs::write(&real, "old contents\n").unwrap();
    let link = dir.join("link.csv");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    ok(["list", "sources", f.p(), "--out", s(&link)]);
    // The link stays a link; the file it points to holds the table.
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let text = std::fs::read_to_string(&real).unwrap();
    assert!(
        text.contains("palu") && !text.contains("old contents"),
        "{text}"
    );
    // A link to nothing is refused, and nothing is made.
    let dangling = dir.join("dangling.csv");
    let nowhere = dir.join("nowhere.csv");
    std::os::unix::fs::symlink(&nowhere, &dangling).unwrap();
    let r = jalin(["list", "sources", f.p(), "--out", s(&dangling)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("refusing to write through the link")
            && r.stderr.contains("dangling.csv"),
        "{}",
        r.stderr
    );
    assert!(!nowhere.exists());
}

/// Runs `jalin args`, killing it if it has not finished after 20 s; returns
/// what it printed and how long it took.
fn jalin_timed(args: &[&str]) -> (common::Run, Duration) {
    use std::io::Read;
    let t = Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jalin"))
        .args(args)
        .env("JALIN_CODER", "tester")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if t.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{args:?} hung: killed after 20 s");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let took = t.elapsed();
    let (mut stdout, mut stderr) = (String::new(), String::new());
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (
        common::Run {
            code: status.code().unwrap_or(-1),
            stdout,
            stderr,
        },
        took,
    )
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

/// Runs `args` (which read `file`): refused at once, naming the file and
/// `what` it is, the project unchanged.
#[cfg(unix)]
fn refused_at_once(f: &Workspace, args: &[&str], file: &Path, what: &str) {
    let before = snapshot(&f.project);
    let (r, took) = jalin_timed(args);
    assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
    assert!(
        r.stderr.contains(what)
            && r.stderr.contains("not a regular file")
            && r.stderr.contains(&file.display().to_string()),
        "{args:?}: {}",
        r.stderr
    );
    // A hang would be killed at 20 s; a refusal takes a process start.
    assert!(took < Duration::from_secs(3), "{args:?} took {took:?}");
    assert_eq!(snapshot(&f.project), before, "{args:?}");
}

#[cfg(unix)]
#[test]
fn a_fifo_or_device_is_refused_at_once_by_every_import() {
    let f = fixture();
    let dir = f.dir.path();
    let new = dir.join("new.jalin");
    for ext in ["txt", "csv", "qdpx", "qdc"] {
        let fifo = dir.join(format!("pipe.{ext}"));
        mkfifo(&fifo);
        // A link to /dev/zero passes no size check: it says 0 bytes and never ends.
        let zero = dir.join(format!("zero.{ext}"));
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        for (file, what) in [(&fifo, "a FIFO"), (&zero, "a character device")] {
            let cmd: Vec<&str> = match ext {
                "txt" => vec!["import", f.p(), s(file)],
                "csv" => vec!["code", f.p(), "--from", s(file)],
                "qdpx" => vec!["qdpx", "import", s(&new), s(file)],
                _ => vec!["qdc", "import", f.p(), s(file)],
            };
            refused_at_once(&f, &cmd, file, what);
            assert!(!new.exists());
        }
        // A transcript CSV given to `import` is read the same way.
        if ext == "csv" {
            refused_at_once(&f, &["import", f.p(), s(&fifo)], &fifo, "a FIFO");
        }
    }
}

#[cfg(unix)]
#[test]
fn folder_import_follows_links_to_files_and_lists_everything_skipped() {
    let f = fixture();
    let dir = f.dir.path();
    let folder = dir.join("in");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("a.txt"),
        "Interviewer: One?\n\nR: First answer here.\n",
    )
    .unwrap();
    let outside = dir.join("outside.txt");
    std::fs::write(
        &outside,
        "Interviewer: Two?\n\nR: Second answer, kept elsewhere.\n",
    )
    .unwrap();
    use std::os::unix::fs::symlink;
    symlink(&outside, folder.join("linked.txt")).unwrap();
    mkfifo(&folder.join("pipe.txt"));
    symlink("/dev/null", folder.join("null.txt")).unwrap();
    symlink(dir.join("gone.txt"), folder.join("broken.txt")).unwrap();
    symlink(folder.join("loop2.txt"), folder.join("loop1.txt")).unwrap();
    symlink(folder.join("loop1.txt"), folder.join("loop2.txt")).unwrap();
    symlink(dir, folder.join("up")).unwrap();
    std::fs::write(folder.join("notes.xyz"), "x").unwrap();
    let (r, took) = jalin_timed(&["import", f.p(), s(&folder)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(took < Duration::from_secs(10), "{took:?}");
    let p = |n: &str| folder.join(n).display().to_string();
    for line in [
        format!("skipped (a FIFO, not a regular file): {}", p("pipe.txt")),
        format!(
            "skipped (a character device, not a regular file): {}",
            p("null.txt")
        ),
        format!(
            "skipped (a link to a file that does not exist): {}",
            p("broken.txt")
        ),
        format!("skipped (a loop of links): {}", p("loop1.txt")),
        format!("skipped (a loop of links): {}", p("loop2.txt")),
        format!(
            "skipped (a link to a folder; give the folder itself to import it): {}",
            p("up")
        ),
        format!("skipped (not a format Jalin reads): {}", p("notes.xyz")),
    ] {
        assert!(
            r.stderr.contains(&line),
            "missing '{line}' in:\n{}",
            r.stderr
        );
    }
    assert!(
        r.stderr
            .contains("2 imported, 0 skipped as duplicates, 0 failed, 7 skipped (listed above)"),
        "{}",
        r.stderr
    );
    let names: Vec<String> = jalin::store::Project::open(&f.project)
        .unwrap()
        .sources()
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(names, ["a", "linked", "palu"]);
}

// ----- Near-linear text operations (issue 10 §5) -----

/// A transcript of about `bytes` bytes: turns of several sentences, a blank
/// line between turns, "koordinasi" in every sentence.
fn long_transcript(bytes: usize) -> String {
    let mut t = String::with_capacity(bytes + 200);
    let mut i = 0;
    while t.len() < bytes {
        let who = if i % 2 == 0 { "Interviewer" } else { "R" };
        t.push_str(&format!(
            "{who}: Koordinasi {i} masih lemah. Berkas kembali “lagi”! Kenapa koordinasi begitu? Kami tunggu… koordinasi lagi.\n\n"
        ));
        i += 1;
    }
    t
}

/// Seconds for the fastest of five runs of `f`.
fn fastest(mut f: impl FnMut()) -> f64 {
    (0..5)
        .map(|_| {
            let t0 = Instant::now();
            f();
            t0.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn widening_many_hits_is_near_linear() {
    use jalin::search::{Unit, coding_ranges, pattern};
    // Quadratic in the hits, a 3.2 MB transcript took over 600 s by sentence
    // and 87 s by paragraph. Measured at n and 16n: near-linear work grows
    // about 16×, quadratic work 256×. The bound is 64×, the fastest of five
    // runs each, so other tests running beside this one (a 4× slowdown of
    // the large runs alone) do not fail it.
    let re = pattern("koordinasi", true).unwrap();
    let small = long_transcript(100_000);
    let large = long_transcript(1_600_000);
    let (ts, tl) = (
        jalin::import::speakers::detect(&small),
        jalin::import::speakers::detect(&large),
    );
    for unit in [Unit::Sentence, Unit::Paragraph, Unit::Turn] {
        let hits = coding_ranges(&large, &tl, &re, unit).len();
        assert!(hits > 10_000, "{unit:?}: {hits} ranges");
        let a = fastest(|| {
            coding_ranges(&small, &ts, &re, unit);
        });
        let b = fastest(|| {
            coding_ranges(&large, &tl, &re, unit);
        });
        eprintln!("{unit:?}: {a:.3} s at 0.1 MB, {b:.3} s at 1.6 MB");
        assert!(
            b < 64.0 * a.max(0.002),
            "{unit:?}: 16× the text took {:.1}× the time ({a:.3} s, {b:.3} s)",
            b / a
        );
    }
}

#[test]
fn code_match_by_sentence_on_a_3_mb_transcript_finishes() {
    let f = Workspace::new();
    let text = long_transcript(3_200_000);
    let per_turn = 3; // sentences with "koordinasi" in each turn
    let turns = text.matches("\n\n").count();
    let file = f.file("long.txt", &text);
    ok(["import", f.p(), s(&file)]);
    ok(["codes", "add", f.p(), "coordination"]);
    let t0 = Instant::now();
    let out = ok([
        "code",
        f.p(),
        "--code",
        "coordination",
        "--match",
        "koordinasi",
        "-i",
        "--unit",
        "sentence",
    ]);
    let took = t0.elapsed();
    assert!(
        // Counts from 10,000 up are grouped, as Fluent writes numbers.
        out.starts_with(&format!(
            "coded {} passages in 1 source ",
            jalin::i18n::number((turns * per_turn) as f64, 0, jalin::i18n::Lang::En)
        )),
        "{out}"
    );
    // A generous bound: quadratic, this ran for more than ten minutes.
    assert!(took < Duration::from_secs(120), "took {took:?}");
    let out = ok([
        "code",
        f.p(),
        "--code",
        "coordination",
        "--match",
        "koordinasi",
        "-i",
        "--unit",
        "paragraph",
    ]);
    assert!(
        out.starts_with(&format!(
            "coded {} passages in 1 source ",
            jalin::i18n::number(turns as f64, 0, jalin::i18n::Lang::En)
        )),
        "{out}"
    );
}

// ----- Clear errors (issue 10 §9) -----

/// Checkpoints the project so the file alone holds everything and no `-wal`
/// or `-shm` is left beside it.
fn checkpoint(project: &Path) {
    let c = rusqlite::Connection::open(project).unwrap();
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;")
        .unwrap();
    drop(c);
    // Back to WAL, as Jalin leaves it, without opening through Jalin.
    let c = rusqlite::Connection::open(project).unwrap();
    c.pragma_update(None, "journal_mode", "WAL").unwrap();
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    drop(c);
    for suffix in ["-wal", "-shm"] {
        let mut p = project.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// No raw SQLite wording, error number or "not a Jalin project" in `stderr`.
fn plain(stderr: &str) {
    for raw in [
        "Error code",
        "not a Jalin project",
        "unable to open database file",
        "SQLITE_",
    ] {
        assert!(!stderr.contains(raw), "raw or wrong message: {stderr}");
    }
}

#[test]
fn a_folder_at_the_log_path_is_named_not_called_not_a_project() {
    let f = fixture();
    checkpoint(&f.project);
    let mut wal = f.project.as_os_str().to_owned();
    wal.push("-wal");
    let wal = PathBuf::from(wal);
    std::fs::create_dir(&wal).unwrap();
    let before = std::fs::read(&f.project).unwrap();
    let r = jalin(["list", "sources", f.p()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(&format!("{} is a folder", wal.display()))
            && r.stderr.contains("move that folder away")
            && r.stderr.contains(f.p()),
        "{}",
        r.stderr
    );
    plain(&r.stderr);
    assert!(common::same_bytes(
        &std::fs::read(&f.project).unwrap(),
        &before
    ));
}

#[test]
fn an_unwritable_folder_says_so() {
    let f = fixture();
    checkpoint(&f.project);
    let folder = f.project.parent().unwrap().to_path_buf();
    let before = std::fs::read(&f.project).unwrap();
    // chmod does not stop root (as CI runs); an immutable folder does.
    let original = std::fs::metadata(&folder).unwrap().permissions();
    let mut perms = original.clone();
    perms.set_readonly(true);
    std::fs::set_permissions(&folder, perms).unwrap();
    let probe = folder.join("probe");
    let writable = std::fs::write(&probe, b"x").is_ok();
    let _ = std::fs::remove_file(&probe);
    let _guard = if writable {
        match Immutable::set(&folder) {
            Some(g) => Some(g),
            None => {
                std::fs::set_permissions(&folder, original).unwrap();
                eprintln!("skipped: running as root and `chattr +i` is unavailable");
                return;
            }
        }
    } else {
        None
    };
    let r = jalin(["list", "sources", f.p()]);
    let r2 = jalin(["codes", "add", f.p(), "delay"]);
    drop(_guard);
    std::fs::set_permissions(&folder, original).unwrap();
    for r in [r, r2] {
        assert_eq!(r.code, 1);
        assert!(
            r.stderr
                .contains(&format!("cannot write to the folder {}", folder.display()))
                || r.stderr.contains("read-only"),
            "{}",
            r.stderr
        );
        assert!(r.stderr.contains(f.p()), "{}", r.stderr);
        plain(&r.stderr);
    }
    assert!(common::same_bytes(
        &std::fs::read(&f.project).unwrap(),
        &before
    ));
}

#[test]
fn a_read_only_disk_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("disk");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=4m", "tmpfs"])
        .arg(&mnt)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN)");
        return;
    }
    let _guard = Tmpfs(mnt.clone());
    let project = mnt.join("study.jalin");
    ok(["new", s(&project)]);
    ok(["codes", "add", s(&project), "coordination"]);
    checkpoint(&project);
    let remounted = std::process::Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&mnt)
        .status()
        .is_ok_and(|s| s.success());
    assert!(remounted, "remounting the tmpfs read-only failed");
    for args in [
        vec!["list", "codes", s(&project)],
        vec!["codes", "add", s(&project), "delay"],
    ] {
        let r = jalin(&args);
        assert_eq!(r.code, 1, "{args:?}");
        assert!(
            r.stderr.contains("read-only") || r.stderr.contains("cannot write to the folder"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(r.stderr.contains(s(&project)), "{}", r.stderr);
        plain(&r.stderr);
    }
}

#[test]
fn new_in_a_missing_folder_names_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("no such folder");
    let project = folder.join("study.jalin");
    let r = jalin(["new", s(&project)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains(&format!("the folder {} does not exist", folder.display())),
        "{}",
        r.stderr
    );
    assert!(!folder.exists());
}

#[test]
fn qdpx_code_names_with_the_path_separator_or_twin_siblings_are_renamed_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let qde = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="x" origin="Test">
<CodeBook><Codes>
<Code guid="{G2}" name="Age &gt; 60" isCodable="true"/>
<Code guid="{G3}" name="Café" isCodable="true"/>
<Code guid="55555555-5555-5555-5555-555555555555" name="cafe&#x301;" isCodable="true"/>
</Codes></CodeBook>
<Sources><TextSource guid="{G1}" name="s" plainTextPath="internal://{G1}.txt"/></Sources></Project>"#
    );
    let q = qdpx(
        dir.path(),
        "names.qdpx",
        &qde,
        &[(&format!("sources/{G1}.txt"), "some text here")],
    );
    let target = dir.path().join("names.jalin");
    let out = ok(["qdpx", "import", s(&target), s(&q)]);
    assert!(out.contains("' > ' separates code path levels"), "{out}");
    assert!(out.contains("ignoring case and accent encoding"), "{out}");
    let p = jalin::store::Project::open(&target).unwrap();
    let mut names: Vec<String> = p.codes().unwrap().into_iter().map(|c| c.name).collect();
    names.sort();
    assert_eq!(names, ["Age › 60", "Café", "cafe\u{301} (2)"]);
}

// ---- Encrypted projects on the command line ----

const ENC_SECRET: &str = "Pak Darto repaired fishing boats near the harbour in Donggala";

/// Runs the real binary with extra environment variables (stdin is not a
/// terminal, so nothing can be asked).
fn jalin_env(args: &[&str], env: &[(&str, &str)]) -> common::Run {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_jalin"));
    cmd.args(args)
        .env("JALIN_CODER", "tester")
        .env_remove("JALIN_PASSPHRASE")
        .env_remove("JALIN_NEW_PASSPHRASE")
        .stdin(std::process::Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    common::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn bytes_hold(path: &Path, needle: &str) -> bool {
    std::fs::read(path)
        .unwrap_or_default()
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// ENC-7: `new --encrypt`, every command asking for the passphrase
/// (refused without one, or with a wrong one, leaving the file as it was),
/// the plaintext note on exports, `rekey`, `decrypt` and `encrypt`.
#[test]
fn encrypted_projects_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("e.jalin");
    let ps = s(&p);
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, "sea breeze 7\n").unwrap();
    let wrong = dir.path().join("wrong.txt");
    std::fs::write(&wrong, "sea breeze 8\n").unwrap();
    let newpass = dir.path().join("new.txt");
    std::fs::write(&newpass, "mountain rain 3").unwrap();
    let text = dir.path().join("donggala.txt");
    std::fs::write(&text, format!("I: Tell me.\nR: {ENC_SECRET}.\n")).unwrap();
    let with = |file: &Path| ["--passphrase-file".to_string(), s(file).to_string()];
    let run = |args: &[&str], file: &Path| {
        let mut a: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        a.extend(with(file));
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        jalin_env(&a, &[])
    };
    let r = run(&["new", ps, "--encrypt"], &pass);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("(encrypted)"), "{}", r.stdout);
    let r = run(&["import", ps, s(&text)], &pass);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!bytes_hold(&p, ENC_SECRET));
    assert!(!bytes_hold(&p, "donggala"));

    // No passphrase and no terminal: says how to give one.
    let before = snapshot(&p);
    let r = jalin_env(&["list", "sources", ps], &[]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("encrypted")
            && r.stderr.contains("--passphrase-file")
            && r.stderr.contains("JALIN_PASSPHRASE")
            && r.stderr.contains("e.jalin"),
        "{}",
        r.stderr
    );
    // A wrong one: a clear message; the file is as it was.
    for r in [
        run(&["list", "sources", ps], &wrong),
        jalin_env(&["show", ps, "donggala"], &[("JALIN_PASSPHRASE", "nope")]),
        run(&["codes", "add", ps, "trade"], &wrong),
    ] {
        assert_eq!(r.code, 1);
        assert!(
            r.stderr
                .contains("wrong passphrase or not a Jalin project; the file was not changed")
                && !r.stderr.contains("sea breeze"),
            "{}",
            r.stderr
        );
    }
    assert_eq!(snapshot(&p), before);
    // `jalin copy` of an encrypted project asks for its passphrase and
    // writes an encrypted copy (the same passphrase), never a plaintext one.
    let copy = dir.path().join("copied.jalin");
    let r = jalin_env(&["copy", ps, s(&copy)], &[]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stderr.contains("--passphrase-file"), "{}", r.stderr);
    assert!(!copy.exists());
    let r = run(&["copy", ps, s(&copy)], &pass);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!bytes_hold(&copy, ENC_SECRET));
    let r = run(&["list", "sources", s(&copy)], &pass);
    assert!(r.code == 0 && r.stdout.contains("donggala"), "{}", r.stderr);
    // The right one, from the environment or the file.
    let r = jalin_env(
        &["show", ps, "donggala"],
        &[("JALIN_PASSPHRASE", "sea breeze 7")],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(ENC_SECRET));
    assert!(
        r.stderr
            .contains("is encrypted, but what this command wrote is not"),
        "{}",
        r.stderr
    );
    let r = run(&["report", "frequencies", ps], &pass);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("is encrypted, but what this command wrote is not"),
        "{}",
        r.stderr
    );
    let r = run(&["list", "sources", ps], &pass);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("donggala") && !r.stderr.contains("note:"));
    // A backup is encrypted with the same passphrase.
    let copy = dir.path().join("copy.jalin");
    let r = run(&["backup", ps, s(&copy)], &pass);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!bytes_hold(&copy, ENC_SECRET));
    assert_eq!(jalin_env(&["list", "sources", s(&copy)], &[]).code, 1);
    assert_eq!(run(&["list", "sources", s(&copy)], &pass).code, 0);

    // rekey: the old passphrase is refused afterwards, the new one works.
    let r = jalin_env(
        &[
            "rekey",
            ps,
            "--passphrase-file",
            s(&pass),
            "--new-passphrase-file",
            s(&newpass),
        ],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(&["list", "sources", ps], &pass);
    assert!(r.stderr.contains("wrong passphrase"), "{}", r.stderr);
    assert_eq!(run(&["list", "sources", ps], &newpass).code, 0);
    // decrypt, then encrypt again from the environment.
    let r = run(&["decrypt", ps], &newpass);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        bytes_hold(&p, ENC_SECRET),
        "decrypted, the text is plain again"
    );
    assert_eq!(jalin_env(&["list", "sources", ps], &[]).code, 0);
    let r = jalin_env(&["decrypt", ps], &[]);
    assert!(r.stderr.contains("not encrypted"), "{}", r.stderr);
    let r = jalin_env(&["encrypt", ps], &[("JALIN_PASSPHRASE", "tide pool 5")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("still plaintext"), "{}", r.stdout);
    assert!(!bytes_hold(&p, ENC_SECRET));
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".e.jalin"))
        .collect();
    assert!(names.is_empty(), "left beside it: {names:?}");
    let r = jalin_env(&["encrypt", ps], &[("JALIN_PASSPHRASE", "tide pool 5")]);
    assert!(r.stderr.contains("already encrypted"), "{}", r.stderr);
    assert_eq!(
        jalin_env(
            &["list", "sources", ps],
            &[("JALIN_PASSPHRASE", "tide pool 5")]
        )
        .code,
        0
    );
}

/// ENC-13: an encrypted project is vacuumed after a removal (SQLCipher
/// answers `page_size` as text), and a passphrase file saved with a
/// byte-order mark (PowerShell, Notepad) gives the passphrase without it.
#[test]
fn an_encrypted_project_is_vacuumed_and_a_marked_passphrase_file_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("e.jalin");
    let ps = s(&p);
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, "sea breeze 7\n").unwrap();
    let marked = dir.path().join("bom.txt");
    std::fs::write(&marked, "\u{feff}sea breeze 7\r\n").unwrap();
    let text = dir.path().join("donggala.txt");
    std::fs::write(&text, format!("I: Tell me.\nR: {ENC_SECRET}.\n")).unwrap();
    let other = dir.path().join("palu.txt");
    std::fs::write(&other, "I: And then?\nR: We met the coordinator.\n").unwrap();
    let with = |file: &Path, args: &[&str]| {
        let mut a: Vec<&str> = args.to_vec();
        a.extend(["--passphrase-file", s(file)]);
        jalin_env(&a, &[])
    };
    let r = with(&pass, &["new", ps, "--encrypt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = with(&marked, &["import", ps, s(&text), s(&other)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = with(&pass, &["remove-source", ps, "donggala"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = with(&marked, &["vacuum", ps]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("vacuumed "), "{}", r.stdout);
    let r = with(&pass, &["list", "sources", ps]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("palu") && !r.stdout.contains("donggala"),
        "{}",
        r.stdout
    );
    assert!(!bytes_hold(&p, ENC_SECRET));
}

/// ENC-16: merging an encrypted project into a plain one says its text is
/// now stored in plaintext (into an encrypted one it does not); an export
/// refused for a wrong passphrase does not claim to have written anything.
#[test]
fn merging_an_encrypted_project_into_a_plain_one_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, "sea breeze 7").unwrap();
    let wrong = dir.path().join("wrong.txt");
    std::fs::write(&wrong, "sea breeze 8").unwrap();
    let secret = dir.path().join("e.jalin");
    let text = dir.path().join("donggala.txt");
    std::fs::write(&text, format!("I: Tell me.\nR: {ENC_SECRET}.\n")).unwrap();
    let with = |file: &Path, args: &[&str]| {
        let mut a: Vec<&str> = args.to_vec();
        a.extend(["--passphrase-file", s(file)]);
        jalin_env(&a, &[])
    };
    assert_eq!(with(&pass, &["new", s(&secret), "--encrypt"]).code, 0);
    assert_eq!(with(&pass, &["import", s(&secret), s(&text)]).code, 0);
    let plain = dir.path().join("plain.jalin");
    ok(["new", s(&plain)]);
    let r = with(&pass, &["merge", s(&plain), s(&secret)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("an encrypted project was merged into")
            && r.stderr.contains("plain.jalin"),
        "{}",
        r.stderr
    );
    assert!(bytes_hold(&plain, ENC_SECRET) || bytes_hold(&with_suffix(&plain, "-wal"), ENC_SECRET));
    let locked = dir.path().join("locked.jalin");
    assert_eq!(with(&pass, &["new", s(&locked), "--encrypt"]).code, 0);
    let r = with(&pass, &["merge", s(&locked), s(&secret)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("plaintext"), "{}", r.stderr);
    let out = dir.path().join("t.csv");
    let r = with(
        &wrong,
        &["report", "frequencies", s(&secret), "--out", s(&out)],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        !r.stderr.contains("what this command wrote"),
        "{}",
        r.stderr
    );
    let r = with(
        &pass,
        &["report", "frequencies", s(&secret), "--out", s(&out)],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("what this command wrote is not"),
        "{}",
        r.stderr
    );
}

/// A project another process holds alone, as `encrypt` does while it
/// rewrites it (exclusive locking, out of WAL mode), is reported as held,
/// not as read-only with the advice to copy it elsewhere.
#[test]
fn a_project_held_alone_by_another_process_is_not_called_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("held.jalin");
    ok(["new", s(&p)]);
    let file = dir.path().join("long.txt");
    let mut text = String::new();
    while text.len() < 6_000_000 {
        text.push_str(&format!("R: line {} about the harbour.\n", text.len()));
    }
    std::fs::write(&file, text).unwrap();
    ok(["import", s(&p), s(&file)]);
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, "sea breeze 7").unwrap();
    // Another command, again and again while the encrypt runs (which
    // refuses to start while that one has the project open: tried again).
    let mut refusals = Vec::new();
    let mut encrypted = false;
    for _ in 0..20 {
        let mut encrypt = std::process::Command::new(env!("CARGO_BIN_EXE_jalin"))
            .args(["encrypt", s(&p), "--passphrase-file", s(&pass)])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        while encrypt.try_wait().unwrap().is_none() {
            std::thread::sleep(std::time::Duration::from_millis(50));
            let r = jalin(["list", "sources", s(&p), "--passphrase-file", s(&pass)]);
            if r.code != 0 {
                refusals.push(r.stderr);
            }
        }
        if encrypt.wait().unwrap().success() {
            encrypted = true;
            break;
        }
    }
    assert!(encrypted);
    for e in &refusals {
        assert!(!e.contains("read-only"), "{e}");
    }
    eprintln!("{} refusals while the encrypt ran", refusals.len());
}

/// A `-wal` or `-journal` left beside a name (an earlier project's, a killed
/// run's) is refused by every command that makes a new project there:
/// SQLite would replay it into the new file, which then held another
/// project's rows or could not be opened. Nothing is made.
#[test]
fn a_new_project_refuses_a_stale_log_beside_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.jalin");
    ok(["demo", s(&a)]);
    let qdpx = dir.path().join("a.qdpx");
    ok(["qdpx", "export", s(&a), s(&qdpx)]);
    let b = dir.path().join("b.jalin");
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, "sea breeze 7").unwrap();
    let commands: [Vec<&str>; 5] = [
        vec!["new", s(&b)],
        vec!["new", s(&b), "--encrypt", "--passphrase-file", s(&pass)],
        vec!["demo", s(&b)],
        vec!["copy", s(&a), s(&b)],
        vec!["qdpx", "import", s(&b), s(&qdpx)],
    ];
    // A name that is another project's log, journal or index.
    for suffix in ["-wal", "-journal", "-shm"] {
        let companion = dir.path().join(format!("a.jalin{suffix}"));
        let there = companion.exists();
        for args in [
            vec!["new", s(&companion)],
            vec!["demo", s(&companion)],
            vec!["copy", s(&a), s(&companion)],
            vec!["qdpx", "import", s(&companion), s(&qdpx)],
        ] {
            let r = jalin(&args);
            assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
            // (Or, when `a.jalin` is open and its log there — `copy` opens
            // it — that a file exists there.)
            assert!(
                r.stderr.contains("SQLite would take a file of that name")
                    || r.stderr.contains("a file already exists there"),
                "{}",
                r.stderr
            );
        }
        if !there {
            assert!(jalin::store::Project::open(&a).is_ok());
        }
    }
    for suffix in ["-wal", "-journal"] {
        let stale = dir.path().join(format!("b.jalin{suffix}"));
        std::fs::write(&stale, b"left by an earlier project").unwrap();
        for args in &commands {
            let r = jalin(args);
            assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
            assert!(
                r.stderr
                    .contains(&format!("b.jalin{suffix} lies beside that name")),
                "{args:?}: {}",
                r.stderr
            );
            assert!(!b.exists(), "{args:?}");
            assert_eq!(
                std::fs::read(&stale).unwrap(),
                b"left by an earlier project"
            );
        }
        std::fs::remove_file(&stale).unwrap();
    }
    ok(["demo", s(&b)]);
}

/// ENC-8: `jalin encrypt` killed (SIGKILL) at moments spread over its run:
/// afterwards the project opens either as it was (plain) or encrypted with
/// the passphrase, holds all its sources, and no plaintext copy is left
/// beside it.
#[test]
fn an_encrypt_killed_midway_leaves_the_project_readable() {
    use jalin::store::{Passphrase, Project};
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.jalin");
    let ps = s(&p);
    ok(["new", ps]);
    // About 12 MB of text, so the rewrite takes a while.
    for i in 0..4 {
        let file = dir.path().join(format!("part{i}.txt"));
        let mut text = format!("R: {ENC_SECRET}.\n");
        while text.len() < 3_000_000 {
            text.push_str(&format!(
                "R: line {} of part {i}, about the harbour.\n",
                text.len()
            ));
        }
        std::fs::write(&file, text).unwrap();
        ok(["import", ps, s(&file)]);
    }
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, "sea breeze 7").unwrap();
    let key = Passphrase::new("sea breeze 7").unwrap();
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_jalin"))
            .args(["encrypt", ps, "--passphrase-file", s(&pass)])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    // A whole run, for how long one takes; then decrypted again.
    let t = Instant::now();
    assert!(spawn().wait().unwrap().success());
    let whole = t.elapsed();
    jalin::store::change_encryption(&p, Some(&key), None).unwrap();
    let (mut plain, mut encrypted, mut mid_rewrite) = (0, 0, 0);
    for round in 0..8u32 {
        // From the start to past a whole run's length.
        let delay = whole * round / 6;
        let mut child = spawn();
        std::thread::sleep(delay);
        let partial = dir
            .path()
            .join(format!(".big.jalin-{}.partial", child.id()))
            .exists();
        let _ = child.kill();
        if partial && child.try_wait().unwrap().is_none() {
            mid_rewrite += 1;
        }
        let _ = child.wait();
        let project = if jalin::store::looks_encrypted(&p) {
            encrypted += 1;
            Project::open_with(&p, Some(&key))
        } else {
            plain += 1;
            Project::open(&p)
        }
        .unwrap_or_else(|e| panic!("round {round} (killed after {delay:?}): {e}"));
        assert_eq!(project.sources().unwrap().len(), 4, "round {round}");
        project.check_integrity().unwrap();
        let encrypted_now = project.is_encrypted();
        drop(project);
        for entry in std::fs::read_dir(dir.path()).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            // A plain project's own files hold its text, of course.
            if name.ends_with(".txt") || (!encrypted_now && name.starts_with("big.jalin")) {
                continue;
            }
            assert!(
                !bytes_hold(&entry.path(), ENC_SECRET),
                "round {round}: {name} holds plaintext"
            );
        }
        if encrypted_now {
            jalin::store::change_encryption(&p, Some(&key), None).unwrap();
        }
    }
    eprintln!(
        "killed encrypts: {plain} left plain ({mid_rewrite} while the new file was being \
         written), {encrypted} finished (a whole run {whole:?})"
    );
}

/// ENC-14: a `decrypt` stopped by Ctrl+C, `kill` or a closed terminal
/// (SIGINT, SIGTERM, SIGHUP) at moments spread over its run removes its
/// half-written plaintext copy before it dies; one killed outright
/// (SIGKILL, which cannot be caught) leaves it, and the next command that
/// opens the project removes it.
#[cfg(unix)]
#[test]
fn a_decrypt_stopped_midway_leaves_no_plaintext_copy() {
    use jalin::store::{Passphrase, Project};
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.jalin");
    let ps = s(&p);
    ok(["new", ps]);
    let file = dir.path().join("part.txt");
    let mut text = format!("R: {ENC_SECRET}.\n");
    while text.len() < 8_000_000 {
        text.push_str(&format!("R: line {} about the harbour.\n", text.len()));
    }
    std::fs::write(&file, text).unwrap();
    ok(["import", ps, s(&file)]);
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, "sea breeze 7").unwrap();
    let key = Passphrase::new("sea breeze 7").unwrap();
    jalin::store::change_encryption(&p, None, Some(&key)).unwrap();
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_jalin"))
            .args(["decrypt", ps, "--passphrase-file", s(&pass)])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let leftovers = || -> Vec<String> {
        std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".partial"))
            .collect()
    };
    let signal = |pid: u32, name: &str| {
        std::process::Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .unwrap();
    };
    // How long a whole decrypt takes; then encrypted again.
    let t = Instant::now();
    assert!(spawn().wait().unwrap().success());
    let whole = t.elapsed();
    jalin::store::change_encryption(&p, None, Some(&key)).unwrap();
    let mut caught_midway = 0;
    for round in 0..9u32 {
        let name = ["INT", "TERM", "HUP"][round as usize % 3];
        let mut child = spawn();
        // Waits for the half-written copy, then a little more.
        let partial = dir
            .path()
            .join(format!(".big.jalin-{}.partial", child.id()));
        let start = Instant::now();
        while !partial.exists()
            && start.elapsed() < whole * 2
            && child.try_wait().unwrap().is_none()
        {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        std::thread::sleep(whole * round / 30);
        let midway = partial.exists() && child.try_wait().unwrap().is_none();
        signal(child.id(), name);
        let status = child.wait().unwrap();
        if midway && !status.success() {
            caught_midway += 1;
            assert!(
                leftovers().is_empty(),
                "SIG{name}, round {round}: {:?}",
                leftovers()
            );
        }
        // Whatever happened, the project opens, encrypted or not.
        let project = if jalin::store::looks_encrypted(&p) {
            Project::open_with(&p, Some(&key)).unwrap()
        } else {
            let project = Project::open(&p).unwrap();
            drop(project);
            jalin::store::change_encryption(&p, None, Some(&key)).unwrap();
            Project::open_with(&p, Some(&key)).unwrap()
        };
        assert_eq!(project.sources().unwrap().len(), 1, "round {round}");
    }
    assert!(
        caught_midway >= 3,
        "only {caught_midway} signals came midway"
    );
    // SIGKILL leaves the copy; the next opening removes it.
    let mut child = spawn();
    let partial = dir
        .path()
        .join(format!(".big.jalin-{}.partial", child.id()));
    let start = Instant::now();
    while !(partial.exists() && std::fs::metadata(&partial).map_or(0, |m| m.len()) > 1_000_000)
        && start.elapsed() < whole * 3
    {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let _ = child.kill();
    let _ = child.wait();
    if partial.exists() {
        // Even renamed meanwhile, and opened by a backup (not a command
        // that changes it), the project has its leftovers removed.
        let renamed = dir.path().join("study.jalin");
        std::fs::rename(&p, &renamed).unwrap();
        let copy = dir.path().join("copy.jalin");
        let r = jalin_env(
            &[
                "backup",
                s(&renamed),
                s(&copy),
                "--passphrase-file",
                s(&pass),
            ],
            &[],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(leftovers().is_empty(), "{:?}", leftovers());
    } else {
        eprintln!("the killed decrypt had finished or not begun its copy: nothing to sweep");
    }
}

// ---------------------------------------------------------------------------
// Deletion that erases (issue 15): a removed source's text is not left in
// the project file, its log or its index, and bad names change nothing.

/// A sentence found nowhere else, in the source that gets removed.
const SECRET: &str = "The amber lighthouse keeper counted forty-one gulls at dawn";
/// A memo on that source.
const SECRET_MEMO: &str = "heron violet quartz memo";
/// A sentence of the source that stays.
const KEPT: &str = "The copper bridge opened at noon for the market carts";

/// Whether `needle` occurs in the bytes of the project file, its log or its
/// log index (each that exists).
fn raw_contains(project: &Path, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let mut p = project.as_os_str().to_owned();
        p.push(suffix);
        let Ok(bytes) = std::fs::read(PathBuf::from(&p)) else {
            continue;
        };
        if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
            found.push(format!("study.jalin{suffix}"));
        }
    }
    found
}

/// A project with the source `keeper` (holding [`SECRET`], coded twice,
/// with a memo) and the source `bridge`. The secret text is long enough to
/// spill over several overflow pages.
fn erase_fixture() -> Workspace {
    let w = Workspace::new();
    let mut text = String::from("I: Tell me about the harbour.\nR: ");
    for i in 0..400 {
        text += &format!("{SECRET}, line {i}. ");
    }
    text += "\n";
    let keeper = w.file("keeper.txt", &text);
    let bridge = w.file("bridge.txt", format!("I: And the town?\nR: {KEPT}.\n"));
    ok(["import", w.p(), s(&keeper), s(&bridge)]);
    ok(["codes", "add", w.p(), "harbour"]);
    ok([
        "code",
        w.p(),
        "--code",
        "harbour",
        "--source",
        "keeper",
        "--range",
        "0..20",
    ]);
    ok([
        "code",
        w.p(),
        "--code",
        "harbour",
        "--source",
        "keeper",
        "--range",
        "40..90",
    ]);
    ok([
        "code",
        w.p(),
        "--code",
        "harbour",
        "--source",
        "bridge",
        "--range",
        "0..10",
    ]);
    ok(["memo", w.p(), SECRET_MEMO, "--source", "keeper"]);
    w
}

#[test]
fn remove_source_leaves_no_trace_of_its_text_in_the_file_or_its_log() {
    let w = erase_fixture();
    // Control: the grep finds the text while the source is there.
    assert_eq!(raw_contains(&w.project, SECRET), ["study.jalin"]);
    assert_eq!(raw_contains(&w.project, SECRET_MEMO), ["study.jalin"]);
    let dry = ok(["remove-source", w.p(), "keeper", "--dry-run"]);
    assert_eq!(
        dry.trim(),
        format!(
            "would remove source 'keeper' with its text ({} characters), 2 codings and 1 memo",
            std::fs::read_to_string(w.dir.path().join("keeper.txt"))
                .unwrap()
                .chars()
                .count()
        )
    );
    assert_eq!(raw_contains(&w.project, SECRET), ["study.jalin"]);
    let out = ok(["remove-source", w.p(), "keeper"]);
    assert!(
        out.starts_with("removed source 'keeper' with its text (")
            && out.contains("2 codings and 1 memo"),
        "{out}"
    );
    // What a user has once the command has exited: the last connection
    // closing copied the log into the file and deleted it.
    let wal = w.dir.path().join("study.jalin-wal");
    assert!(!wal.exists(), "the log is left beside the project");
    assert_eq!(raw_contains(&w.project, SECRET), Vec::<String>::new());
    assert_eq!(raw_contains(&w.project, SECRET_MEMO), Vec::<String>::new());
    assert_eq!(raw_contains(&w.project, "keeper.txt"), Vec::<String>::new());
    // The other source is untouched.
    assert_eq!(raw_contains(&w.project, KEPT), ["study.jalin"]);
    let list = ok(["list", "sources", w.p()]);
    assert!(
        list.contains("bridge") && !list.contains("keeper"),
        "{list}"
    );
    let codings = ok(["list", "codings", w.p(), "--format", "csv"]);
    assert_eq!(
        codings.lines().count(),
        2,
        "header and bridge's coding: {codings}"
    );
}

#[test]
fn remove_source_while_another_program_reads_the_project_erases_when_it_closes() {
    let w = erase_fixture();
    // Another program holds a read transaction open (a report being
    // read): the log cannot be copied into the file yet.
    let reader = rusqlite::Connection::open(&w.project).unwrap();
    reader.execute_batch("BEGIN").unwrap();
    let n: i64 = reader
        .query_row("SELECT count(*) FROM sources", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);
    let out = ok(["remove-source", w.p(), "keeper"]);
    assert!(out.contains("removed source 'keeper'"), "{out}");
    assert!(
        out.contains("another Jalin window or command is reading the project"),
        "{out}"
    );
    // The log holds only the overwritten pages, never the text.
    let mut wal = w.project.as_os_str().to_owned();
    wal.push("-wal");
    let wal = std::fs::read(PathBuf::from(wal)).unwrap();
    assert!(!wal.windows(SECRET.len()).any(|x| x == SECRET.as_bytes()));
    reader.execute_batch("COMMIT").unwrap();
    drop(reader);
    // The reader was the last connection: closing copied the log over.
    assert_eq!(raw_contains(&w.project, SECRET), Vec::<String>::new());
    // An idle window (no read under way) does not stop the erasure.
    let w = erase_fixture();
    let idle = jalin::store::Project::open(&w.project).unwrap();
    let out = ok(["remove-source", w.p(), "keeper"]);
    assert!(!out.contains("note:"), "{out}");
    assert_eq!(raw_contains(&w.project, SECRET), Vec::<String>::new());
    drop(idle);
}

#[test]
fn vacuum_clears_text_an_older_jalin_left_in_free_pages() {
    let w = erase_fixture();
    // An older Jalin deleted without secure_delete: the text stays in the
    // file's free space.
    let c = rusqlite::Connection::open(&w.project).unwrap();
    c.execute_batch(
        "PRAGMA secure_delete = OFF; PRAGMA foreign_keys = ON;
         DELETE FROM sources WHERE name = 'keeper';",
    )
    .unwrap();
    drop(c);
    assert_eq!(raw_contains(&w.project, SECRET), ["study.jalin"], "control");
    let out = ok(["vacuum", w.p()]);
    assert!(
        out.starts_with("vacuumed ") && out.contains("free pages given back"),
        "{out}"
    );
    assert_eq!(raw_contains(&w.project, SECRET), Vec::<String>::new());
    assert_eq!(raw_contains(&w.project, KEPT), ["study.jalin"]);
    assert!(!w.dir.path().join("study.jalin-wal").exists());
    ok(["list", "sources", w.p()]);
}

#[test]
fn remove_source_refuses_unknown_and_ambiguous_names_unchanged() {
    let w = erase_fixture();
    refused(
        &w,
        &["remove-source", w.p(), "nobody"],
        &[
            "no source called 'nobody'",
            "nothing was removed",
            "study.jalin",
        ],
    );
    refused(
        &w,
        &[
            "remove-source",
            w.p(),
            "0f8fad5b-d9cb-469f-a165-70867728950e",
        ],
        &["no source called '0f8fad5b-d9cb-469f-a165-70867728950e'"],
    );
    // Two sources whose names differ only in the case of an accented
    // letter (SQLite's index folds ASCII only, so both exist).
    let a = w.file("Émile.txt", "I: One.\nR: First Émile.\n");
    let b = w.file("émile.txt", "I: Two.\nR: Second émile.\n");
    ok(["import", w.p(), s(&a), s(&b)]);
    refused(
        &w,
        &["remove-source", w.p(), "ÉMILE"],
        &[
            "could be any of 2 sources",
            "'Émile' (GUID ",
            "'émile' (GUID ",
            "the exact name or the GUID",
        ],
    );
    // The exact name picks one.
    let out = ok(["remove-source", w.p(), "émile"]);
    assert!(out.contains("removed source 'émile'"), "{out}");
    let list = ok(["list", "sources", w.p()]);
    assert!(list.contains("Émile") && !list.contains("émile"), "{list}");
    // A source named like another's GUID: the GUID names both.
    let csv = ok(["list", "sources", w.p(), "--format", "csv"]);
    let guid = csv
        .lines()
        .find(|l| l.starts_with("bridge,"))
        .and_then(|l| l.rsplit(',').next())
        .unwrap()
        .to_string();
    let named = w.file(&format!("{guid}.txt"), "I: Three.\nR: Named like a GUID.\n");
    ok(["import", w.p(), s(&named)]);
    refused(
        &w,
        &["remove-source", w.p(), &guid],
        &[
            "could be any of 2 sources",
            "'bridge' (GUID ",
            &format!("'{guid}' (GUID "),
        ],
    );
    let out = ok(["remove-source", w.p(), "bridge"]);
    assert!(out.contains("removed source 'bridge'"), "{out}");
}

// ---------------------------------------------------------------------------
// No network (issue 15): Jalin opens no network connection (except to a
// PostgreSQL server the user names).

/// HTTP (and WebSocket) client crates, and the HTTP stacks they sit on.
const HTTP_CLIENTS: &[&str] = &[
    "reqwest",
    "hyper",
    "hyper-util",
    "hyper-tls",
    "hyper-rustls",
    "h2",
    "h3",
    "ureq",
    "curl",
    "curl-sys",
    "isahc",
    "surf",
    "http-client",
    "attohttpc",
    "ehttp",
    "minreq",
    "http-req",
    "awc",
    "reqwless",
    "tungstenite",
    "tokio-tungstenite",
    "async-tungstenite",
    "ws",
];

#[test]
fn no_http_client_is_among_the_dependencies() {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock"))
        .expect("Cargo.lock beside Cargo.toml");
    let names: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .map(|l| l.trim_end_matches('"'))
        .collect();
    // The lock was read: every crate of every platform and target is in it.
    assert!(names.contains(&"rusqlite") && names.contains(&"egui") && names.len() > 100);
    let found: Vec<&&str> = names.iter().filter(|n| HTTP_CLIENTS.contains(n)).collect();
    assert!(
        found.is_empty(),
        "Cargo.lock holds HTTP clients {found:?}: Jalin opens no network connection \
         (README, Protecting participants); `cargo tree -i NAME` shows who brings one in"
    );
}

/// Runs `jalin args` in a network namespace without interfaces, under
/// strace watching for sockets; returns the lines of the trace that open or
/// use an internet socket. `None` when this machine cannot (said why).
fn offline(dir: &Path, args: &[&str]) -> Option<Vec<String>> {
    let trace = dir.join("net.trace");
    let out = std::process::Command::new("unshare")
        .args(["-n", "--", "strace", "-f", "-qq", "-e"])
        .arg("trace=socket,connect,sendto,sendmsg,bind")
        .arg("-o")
        .arg(&trace)
        .arg(env!("CARGO_BIN_EXE_jalin"))
        .args(args)
        .env("JALIN_CODER", "tester")
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) => {
            common::privileged_skip(&format!("cannot run unshare ({e})"));
            return None;
        }
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() && !trace.exists() {
        common::privileged_skip(&format!(
            "cannot run a program in a network namespace under strace (`unshare -n strace`; \
             needs root, and strace installed): {stderr}"
        ));
        return None;
    }
    assert!(
        out.status.success(),
        "jalin {args:?} offline failed: {stderr}"
    );
    let text = std::fs::read_to_string(&trace).unwrap();
    std::fs::remove_file(&trace).unwrap();
    Some(
        text.lines()
            .filter(|l| l.contains("AF_INET") || l.contains("sin_port") || l.contains("sin6_"))
            .map(str::to_string)
            .collect(),
    )
}

#[test]
fn the_command_line_works_offline_and_opens_no_internet_socket() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("study.jalin");
    let p = s(&p);
    let file = dir.path().join("extra.txt");
    std::fs::write(&file, "I: Where do you work?\nR: At the district office.\n").unwrap();
    let qdpx = dir.path().join("study.qdpx");
    let csv = dir.path().join("freq.csv");
    let steps: Vec<Vec<&str>> = vec![
        vec!["demo", p],
        vec!["import", p, s(&file)],
        vec!["codes", "add", p, "workplace"],
        vec!["code", p, "--code", "workplace", "--match", "office"],
        vec!["report", "frequencies", p, "--out", s(&csv)],
        vec!["qdpx", "export", p, s(&qdpx)],
        vec!["remove-source", p, "extra"],
        vec!["vacuum", p],
    ];
    for args in &steps {
        let Some(sockets) = offline(dir.path(), args) else {
            return;
        };
        assert!(
            sockets.is_empty(),
            "jalin {args:?} used internet sockets:\n{}",
            sockets.join("\n")
        );
    }
    assert!(qdpx.exists() && csv.exists());
    // The control: the trace does see a program that opens one.
    let probe = std::process::Command::new("unshare")
        .args([
            "-n",
            "--",
            "strace",
            "-f",
            "-qq",
            "-e",
            "trace=socket,connect",
            "-o",
        ])
        .arg(dir.path().join("probe.trace"))
        .args(["python3", "-c", "import socket; socket.socket().close()"])
        .status();
    if probe.is_ok_and(|s| s.success()) {
        let t = std::fs::read_to_string(dir.path().join("probe.trace")).unwrap();
        assert!(t.contains("AF_INET"), "strace saw no socket: {t}");
    }
}

fn pdf_stream(data: &[u8], filter: Option<&str>) -> Vec<u8> {
    let filter = filter.map(|f| format!("/Filter /{f} ")).unwrap_or_default();
    let mut s = format!("<< /Length {} {filter}>>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

/// A PDF whose pages have these contents, each with the font `F1`
/// (Helvetica) and `font` as `F2`.
fn pdf_pages(contents: &[Vec<u8>], font: &str) -> Vec<u8> {
    let n = contents.len();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 5 + 2 * i)).collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
        font.as_bytes().to_vec(),
    ];
    for (i, c) in contents.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
                 /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                6 + 2 * i
            )
            .into_bytes(),
        );
        objects.push(c.clone());
    }
    common::pdf(&objects)
}

const HELVETICA: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

fn page_text(words: &str) -> Vec<u8> {
    pdf_stream(
        format!("BT /F1 12 Tf 72 720 Td ({words}) Tj ET").as_bytes(),
        None,
    )
}

/// Fictional, made by the test: the PDF reader's panics never reach the
/// user, and each refusal says what is wrong.
#[test]
fn pdf_reader_failures_are_explained_without_a_panic() {
    let f = fixture();
    let deep = format!(
        "BT /F1 12 Tf 72 720 Td {}(x){} TJ ET",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "type0.pdf",
            pdf_pages(
                &[pdf_stream(b"BT /F2 12 Tf 72 720 Td (Ani) Tj ET", None)],
                "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [] >>",
            ),
            "the PDF uses a font or font encoding Jalin's PDF reader cannot decode",
        ),
        (
            "widths.pdf",
            pdf_pages(
                &[pdf_stream(b"BT /F2 12 Tf 72 720 Td (Ani) Tj ET", None)],
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 4294967295 /LastChar 0 /Widths [] >>",
            ),
            "the PDF uses a font or font encoding Jalin's PDF reader cannot decode",
        ),
        (
            "deep.pdf",
            pdf_pages(&[pdf_stream(deep.as_bytes(), None)], HELVETICA),
            "the PDF's page content is damaged or nested too deeply",
        ),
        (
            "operands.pdf",
            pdf_pages(
                &[pdf_stream(b"BT /F1 12 Tf 1e308 Td (x) Tj ET", None)],
                HELVETICA,
            ),
            "the PDF's page content is damaged or nested too deeply",
        ),
        (
            "loop.pdf",
            common::pdf(&[
                b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
                b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>".to_vec(),
            ]),
            "Jalin's PDF reader finds no pages in it",
        ),
    ];
    for (name, bytes, message) in cases {
        let p = f.file(name, &bytes);
        import_refused(&f, &p, message);
        let r = jalin(["import", f.p(), s(&p)]);
        assert!(!r.stderr.contains("panicked"), "{name}: {}", r.stderr);
        assert!(!r.stderr.contains("a scan"), "{name}: {}", r.stderr);
    }
}

/// A page the PDF reader fails on is left out with a warning naming it;
/// the other pages are imported.
#[test]
fn a_pdf_page_the_reader_fails_on_is_skipped_with_a_warning() {
    let f = fixture();
    let bad = pdf_stream(b"BT /F9 12 Tf 72 720 Td (hilang) Tj ET", None);
    let bytes = pdf_pages(
        &[
            page_text("Pewawancara: Apa kabar?"),
            bad.clone(),
            page_text("R: Baik sekali."),
            bad,
        ],
        HELVETICA,
    );
    let p = f.file("half.pdf", &bytes);
    let r = jalin(["import", f.p(), s(&p)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning: pages 2 and 4 of 4 left out")
            || r.stdout.contains("warning: pages 2 and 4 of 4 left out"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    let shown = ok(["show", f.p(), "half"]);
    assert!(
        shown.contains("Apa kabar?") && shown.contains("Baik sekali."),
        "{shown}"
    );
}

/// IMP-7: a PDF drawing (Form XObject) that draws itself, or two that
/// draw each other: the extractor recursed until its stack overflowed and
/// the process aborted. Refused, naming the file; a drawing that draws
/// another (no loop) still imports.
#[test]
fn a_pdf_drawing_that_draws_itself_is_refused() {
    let f = fixture();
    let stream = |dict: &str, data: &str| {
        format!(
            "<< /Length {} {dict}>>\nstream\n{data}\nendstream",
            data.len()
        )
        .into_bytes()
    };
    let page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /X0 6 0 R >> >> >>".to_vec();
    let head = |page: &[u8]| -> Vec<Vec<u8>> {
        vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            page.to_vec(),
            stream("", "BT /F1 12 Tf 72 720 Td (Hello there) Tj ET /X0 Do"),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        ]
    };
    let form = |draws: &str| {
        stream(
            &format!(
                "/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /Font << /F1 5 0 R >> /XObject << {draws} >> >> "
            ),
            "BT /F1 10 Tf 72 600 Td (inside) Tj ET /X0 Do",
        )
    };
    let mut itself = head(&page);
    itself.push(form("/X0 6 0 R"));
    let mut each_other = head(&page);
    each_other.push(form("/X0 7 0 R"));
    each_other.push(form("/X0 6 0 R"));
    for (name, objects) in [("itself.pdf", itself), ("each-other.pdf", each_other)] {
        let file = f.file(name, common::pdf(&objects));
        import_refused(&f, &file, "a drawing in the PDF draws itself");
    }
    let mut nested = head(&page);
    nested.push(form("/X0 7 0 R"));
    nested.push(stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /Font << /F1 5 0 R >> >> ",
        "BT /F1 10 Tf 72 500 Td (deepest) Tj ET",
    ));
    let file = f.file("nested.pdf", common::pdf(&nested));
    ok(["import", f.p(), s(&file)]);
    let text = ok(["show", f.p(), "nested"]);
    assert!(
        text.contains("Hello there") && text.contains("deepest"),
        "{text}"
    );
}

/// A 40 KB PDF whose page unpacks to 100 MiB: refused within seconds,
/// before any of it is read as text.
#[test]
fn a_pdf_compression_bomb_is_refused_quickly() {
    use flate2::{Compression, write::ZlibEncoder};
    let f = fixture();
    let mut z = ZlibEncoder::new(Vec::new(), Compression::best());
    z.write_all(b"BT /F1 12 Tf 72 720 Td (").unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..100 {
        z.write_all(&chunk).unwrap();
    }
    z.write_all(b") Tj ET").unwrap();
    let packed = z.finish().unwrap();
    let bytes = pdf_pages(&[pdf_stream(&packed, Some("FlateDecode"))], HELVETICA);
    assert!(bytes.len() < 200_000, "{}", bytes.len());
    let p = f.file("bomb.pdf", &bytes);
    let start = Instant::now();
    import_refused(
        &f,
        &p,
        "the PDF unpacks to more than 64 MiB (a compression bomb?)",
    );
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
}

/// A CSV tag path deeper than the codebook allows (300 levels against 200)
/// is refused before anything is added: the project stays exportable.
#[test]
fn a_csv_tag_path_deeper_than_codes_nest_is_refused() {
    let f = fixture();
    let deep = vec!["lvl"; 300].join(" > ");
    let p = f.file(
        "deep.csv",
        format!("speaker,text,tags\nI,halo,{deep}\nR,ya,x\n"),
    );
    import_refused(
        &f,
        &p,
        "is a code path of 300 levels; codes nest at most 200 deep",
    );
    // The deepest path allowed imports.
    let ok_path = vec!["lvl"; 200].join(" > ");
    let p = f.file("ok.csv", format!("speaker,text,tags\nI,halo,{ok_path}\n"));
    ok(["import", f.p(), s(&p)]);
}

// Pseudonyms (PSE-15 …): names that slip past `--pseudonymise` or
// `pseudonyms check`, and table rows the matcher cannot tell apart.

/// A project whose one source is `text`, coded whole with `theme`, and
/// whose pseudonym table holds `rows` (real, pseudonym).
fn pse_project(text: &str, rows: &[(&str, &str)]) -> Workspace {
    let f = Workspace::with("palu.txt", text, &["theme"]);
    let end = text.chars().count().to_string();
    ok([
        "code",
        f.p(),
        "--code",
        "theme",
        "--source",
        "palu",
        "--range",
        &format!("0..{end}"),
    ]);
    for (real, pseudonym) in rows {
        ok(["pseudonyms", f.p(), "add", real, pseudonym]);
    }
    f
}

/// `jalin pseudonyms PROJECT check FILE`.
fn pse_check(f: &Workspace, file: &Path) -> common::Run {
    jalin(["pseudonyms", f.p(), "check", s(file)])
}

/// PSE-18: a soft hyphen, zero-width space, joiner or BOM inside a name
/// hides it neither from `--pseudonymise` nor from `check`.
#[test]
fn pse_invisible_characters_inside_a_name_do_not_hide_it() {
    let text = "Bu\u{ad}di met Ni\u{200b}Luh and BU\u{2060}DI in town.\n";
    let f = pse_project(text, &[("Budi", "Joko"), ("Ni Luh", "Wayan")]);
    let out = f.dir.path().join("quotes.csv");
    ok([
        "report",
        "quotes",
        f.p(),
        "--pseudonymise",
        "--out",
        s(&out),
    ]);
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(
        written.contains("Joko met Wayan and JOKO in town"),
        "{written}"
    );
    for c in [
        '\u{ad}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}',
    ] {
        let file = f.file("hidden.txt", format!("said B{c}u{c}di today\n"));
        let r = pse_check(&f, &file);
        assert_eq!(r.code, 1, "U+{:04X}: {}", c as u32, r.stderr);
        assert!(r.stdout.contains("real name 'Budi'"), "{}", r.stdout);
    }
}

/// PSE-19: rows the matcher cannot tell apart (spacing, case, apostrophe
/// and dash forms) and real names that are words of a pseudonym are
/// refused by `add`, naming the row, and the project is unchanged.
#[test]
fn pse_rows_the_matcher_cannot_tell_apart_are_refused() {
    let f = pse_project(
        "Ni Luh went to Palu.\n",
        &[
            ("Ni Luh", "Person 1"),
            ("Mary-Jane O'Brien", "Person 2"),
            ("Palu", "Place 1"),
        ],
    );
    let add = |real: &str, pseudonym: &str| {
        vec![
            "pseudonyms".to_string(),
            f.p().to_string(),
            "add".into(),
            real.into(),
            pseudonym.into(),
        ]
    };
    let refused_add = |real: &str, pseudonym: &str, messages: &[&str]| {
        let args = add(real, pseudonym);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&f, &args, messages);
    };
    refused_add("Ni   Luh", "Ketut", &["'Ni Luh'", "spacing"]);
    refused_add("mary–jane O’Brien", "Ketut", &["'Mary-Jane O'Brien'"]);
    refused_add(
        "Person",
        "Ketut",
        &["occurs as a word in 'Person ", "the pseudonym of"],
    );
    refused_add("place", "Kota", &["'Place 1'", "'Palu'"]);
    refused_add("Budi", "Palu Baru", &["'Palu'"]);
    ok(add("Ketut", "Person 3"));
}

/// PSE-15: `check` reads a line break, tab or space element between runs
/// as white space (Jalin's own DOCX of a quote over a line break, a DOCX
/// and an ODT by hand) and reads tracked deletions.
#[test]
fn pse_check_reads_breaks_between_runs_and_tracked_deletions() {
    let f = pse_project(
        "Wayan\nSudarsana went home with Budi.\n",
        &[("Wayan Sudarsana", "Person 1"), ("Budi", "Person 2")],
    );
    let docx = f.dir.path().join("quotes.docx");
    ok([
        "report",
        "quotes",
        f.p(),
        "--format",
        "docx",
        "--out",
        s(&docx),
    ]);
    let r = pse_check(&f, &docx);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.contains("real name 'Wayan Sudarsana'"),
        "{}",
        r.stdout
    );

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    for (name, part, xml) in [
        (
            "tab.docx",
            "word/document.xml",
            format!(r#"<w:document {W}><w:body><w:p><w:r><w:t>Wayan</w:t><w:tab/><w:t>Sudarsana</w:t></w:r></w:p></w:body></w:document>"#),
        ),
        (
            "deleted.docx",
            "word/document.xml",
            format!(r#"<w:document {W}><w:body><w:p><w:r><w:t>ask </w:t></w:r><w:del><w:r><w:delText>Budi</w:delText></w:r></w:del><w:ins><w:r><w:t>Joko</w:t></w:r></w:ins></w:p></w:body></w:document>"#),
        ),
        (
            "break.odt",
            "content.xml",
            r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>Wayan<text:line-break/>Sudarsana</text:p></office:text></office:body></office:document-content>"#.to_string(),
        ),
    ] {
        let file = f.file(name, zip(&[(part, xml.as_bytes())]));
        let r = pse_check(&f, &file);
        assert_eq!(r.code, 1, "{name}: {} {}", r.stdout, r.stderr);
        assert!(r.stdout.contains("(real name '"), "{name}: {}", r.stdout);
    }
}

/// PSE-16: Jalin's LaTeX writes `Ś` as `\'{S}`; `check` decodes it.
#[test]
fn pse_check_reads_latex_accent_commands() {
    let f = pse_project(
        "Śaraswati and Ñoman met Søren at the façade.\n",
        &[
            ("Śaraswati", "Person 1"),
            ("Ñoman", "Person 2"),
            ("Søren", "Person 3"),
        ],
    );
    let tex = f.dir.path().join("quotes.tex");
    ok([
        "report",
        "quotes",
        f.p(),
        "--format",
        "latex",
        "--out",
        s(&tex),
    ]);
    let written = std::fs::read_to_string(&tex).unwrap();
    assert!(written.contains(r"\'{S}araswati"), "{written}");
    let r = pse_check(&f, &tex);
    assert_eq!(r.code, 1, "{}", r.stderr);
    for real in ["Śaraswati", "Ñoman", "Søren"] {
        assert!(
            r.stdout.contains(&format!("real name '{real}'")),
            "{}",
            r.stdout
        );
    }
    assert!(r.stdout.contains("LaTeX"), "{}", r.stdout);
}

/// PSE-17: a text file in Windows-1252 or UTF-16 is decoded, not passed
/// as clean, and the encoding assumed is said.
#[test]
fn pse_check_decodes_text_that_is_not_utf8() {
    let f = pse_project("Ñoman went home.\n", &[("Ñoman", "Person 1")]);
    let cp1252 = f.file("cp1252.csv", b"id,text\n1,\xd1oman went home\n");
    let r = pse_check(&f, &cp1252);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("real name 'Ñoman'"), "{}", r.stdout);
    assert!(r.stderr.contains("read as windows-1252"), "{}", r.stderr);
    let utf16: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(
            "id,text\n1,Ñoman\n"
                .encode_utf16()
                .flat_map(u16::to_be_bytes),
        )
        .collect();
    let file = f.file("utf16.csv", utf16);
    let r = pse_check(&f, &file);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("read as UTF-16BE"), "{}", r.stderr);
    let clean = f.file("clean.csv", b"id,text\n1,Person 1 went \xe0 home\n");
    let r = pse_check(&f, &clean);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stderr.contains("read as windows-1252"), "{}", r.stderr);
}

/// PSE-20: attribute keys are pseudonymised wherever values are: a
/// heatmap grouped by `attr:Budi_note` (its label, and still grouped) and
/// the `.qdpx`'s variable names.
#[test]
fn pse_attribute_keys_are_pseudonymised() {
    let f = pse_project("We talked about the harvest.\n", &[("Budi", "Joko")]);
    ok(["source", f.p(), "palu", "--attr", "Budi_note=yes"]);
    let svg = f.dir.path().join("heat.svg");
    ok([
        "chart",
        "heatmap",
        f.p(),
        "--by",
        "attr:Budi_note",
        "--format",
        "svg",
        "--pseudonymise",
        "--out",
        s(&svg),
    ]);
    let written = std::fs::read_to_string(&svg).unwrap();
    assert!(!written.contains("Budi"), "{written}");
    assert!(written.contains("Joko_note"), "{written}");
    // Still grouped by the key: the source's value is a column.
    assert!(written.contains(">yes (n=1)<"), "{written}");
    let qdpx = f.dir.path().join("study.qdpx");
    ok(["qdpx", "export", f.p(), s(&qdpx), "--pseudonymise"]);
    let r = pse_check(&f, &qdpx);
    assert_eq!(r.code, 0, "{}", r.stdout);
    let r = pse_check(&f, &svg);
    assert_eq!(r.code, 0, "{}", r.stdout);
}

/// `qdc export --pseudonymise`: a code named after a person ("Budi's
/// network", with a description naming him) is written with the
/// pseudonym, `check` finds the file clean, and the plain export names
/// him; without pseudonyms it is refused and nothing is written.
#[test]
fn a_codebook_is_exported_pseudonymised() {
    let f = pse_project("Budi met the coordinator.\n", &[]);
    let qdc = f.dir.path().join("book.qdc");
    let r = jalin(["qdc", "export", f.p(), s(&qdc), "--pseudonymise"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!qdc.exists());
    ok(["pseudonyms", f.p(), "add", "Budi", "Joko"]);
    ok(["codes", "add", f.p(), "Budi's network"]);
    ok([
        "codes",
        "describe",
        f.p(),
        "Budi's network",
        "Who BUDI asks for help",
    ]);
    ok(["qdc", "export", f.p(), s(&qdc), "--pseudonymise"]);
    let xml = std::fs::read_to_string(&qdc).unwrap();
    assert!(
        xml.contains("Joko's network") && xml.contains("Who JOKO asks"),
        "{xml}"
    );
    assert!(!xml.to_lowercase().contains("budi"), "{xml}");
    assert_eq!(pse_check(&f, &qdc).code, 0);
    let plain = f.dir.path().join("plain.qdc");
    ok(["qdc", "export", f.p(), s(&plain)]);
    assert_eq!(pse_check(&f, &plain).code, 1);
}

/// PSE-22: names written the ways today's outputs and other keyboards
/// write them. `--pseudonymise` replaces, and `check` finds, a name typed
/// without the Turkish dot, with `SS` for `ß`, in full-width or bold
/// letters, with a ligature, with an `ʼ` apostrophe or a direction mark
/// inside; `check` reads names Jalin's own LaTeX breaks (`Ra\-hma\-wati`),
/// Markdown escapes (`O\'Brien`) and DOT splits (`Siti\nAminah`); a
/// pseudonym that is a word of another row's full name is refused.
#[test]
fn pse_names_in_other_forms_are_found() {
    let text = "Ilkay met GROSS, \u{ff22}\u{ff55}\u{ff44}\u{ff49} and \u{1d401}\u{1d42e}\u{1d41d}\u{1d422}. \
                Ra\u{fb01} came with O\u{2bc}Brien and Bu\u{200e}di.\n";
    let f = pse_project(
        text,
        &[
            ("\u{130}lkay", "Deniz"),
            ("Gro\u{df}", "Klein"),
            ("Budi", "Joko"),
            ("Rafi", "Adi"),
            ("O'Brien", "Smith"),
        ],
    );
    let out = f.dir.path().join("q.csv");
    ok([
        "report",
        "quotes",
        f.p(),
        "--columns",
        "quote",
        "--format",
        "csv",
        "--out",
        s(&out),
        "--pseudonymise",
    ]);
    let q = std::fs::read_to_string(&out).unwrap();
    for pseudonym in ["Deniz", "KLEIN", "Adi", "Smith"] {
        assert!(q.contains(pseudonym), "{pseudonym}: {q}");
    }
    assert_eq!(q.matches("Joko").count(), 3, "{q}");
    assert_eq!(pse_check(&f, &out).code, 0, "{q}");
    let plain = f.dir.path().join("plain.csv");
    ok([
        "report",
        "quotes",
        f.p(),
        "--columns",
        "quote",
        "--format",
        "csv",
        "--out",
        s(&plain),
    ]);
    let r = pse_check(&f, &plain);
    assert_eq!(r.code, 1);
    assert!(r.stdout.matches("\n").count() >= 7, "{}", r.stdout);

    // Outputs of Jalin's own writers.
    let g = pse_project(
        "Kusumawardhani met Wijayakusumaningrat and O'Brien.\n",
        &[
            ("Kusumawardhani", "Dewi"),
            ("Wijayakusumaningrat", "Anton"),
            ("O'Brien", "Smith"),
        ],
    );
    let tex = g.dir.path().join("q.tex");
    ok([
        "report",
        "quotes",
        g.p(),
        "--format",
        "latex",
        "--out",
        s(&tex),
    ]);
    assert!(std::fs::read_to_string(&tex).unwrap().contains("\\-"));
    assert_eq!(pse_check(&g, &tex).code, 1);
    let md = g.dir.path().join("q.md");
    ok(["report", "quotes", g.p(), "--format", "md", "--out", s(&md)]);
    let r = pse_check(&g, &md);
    assert!(r.code == 1 && r.stdout.contains("O'Brien"), "{}", r.stdout);
    let dot = g.dir.path().join("x.dot");
    std::fs::write(
        &dot,
        "graph { c1 [label=\"Kusuma\\nwardhani\"]; c2 [label=\"O\\'Brien\"]; }\n",
    )
    .unwrap();
    ok(["pseudonyms", g.p(), "add", "Siti Aminah", "Rina Sari"]);
    std::fs::write(&dot, "graph { c1 [label=\"Siti\\nAminah\\n(3)\"]; }\n").unwrap();
    assert_eq!(pse_check(&g, &dot).code, 1);

    // Letters and digits run together (file and source names): "Budi2"
    // and "P01Budi" hold "Budi".
    let h = pse_project("Budi2 met P01Budi.\n", &[("Budi", "Joko")]);
    ok([
        "source",
        h.p(),
        "palu",
        "--rename",
        "Interview Budi2 Jakarta",
    ]);
    let listed = ok(["list", "sources", h.p(), "--pseudonymise"]);
    assert!(listed.contains("Interview Joko2 Jakarta"), "{listed}");
    let out = h.dir.path().join("b.csv");
    ok([
        "report",
        "quotes",
        h.p(),
        "--columns",
        "quote",
        "--format",
        "csv",
        "--out",
        s(&out),
        "--pseudonymise",
    ]);
    let q = std::fs::read_to_string(&out).unwrap();
    assert!(q.contains("Joko2 met P01Joko"), "{q}");

    // "Wati" → "Rina" beside "Rina Putri": "Wati Putri" would print as
    // "Rina Putri", another participant's full name.
    ok(["pseudonyms", g.p(), "add", "Rina Putri", "Dewi Lestari"]);
    let r = jalin(["pseudonyms", g.p(), "add", "Wati", "Rina"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("could spell 'Rina Putri'"),
        "{}",
        r.stderr
    );
}

/// A dry run on a project of an older Jalin (`merge --dry-run`,
/// `remove-source --dry-run`, `codes delete --dry-run`) reports as on a
/// current one and leaves the file byte for byte as it was: it upgraded it
/// in place while saying nothing was written, and the colleague's older
/// Jalin could no longer open it.
#[test]
fn a_dry_run_never_upgrades_an_older_project() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/migration/v1.jalin");
    let other = dir.path().join("other.jalin");
    ok(["demo", s(&other)]);
    let old = dir.path().join("old.jalin");
    for args in [
        vec!["merge", "--dry-run", s(&old), s(&other)],
        vec![
            "remove-source",
            "--dry-run",
            s(&old),
            "FGD_Coordinators_Ambon",
        ],
        vec!["codes", "delete", "--dry-run", s(&old), "process"],
    ] {
        std::fs::copy(&fixture, &old).unwrap();
        let before = std::fs::read(&old).unwrap();
        let out = ok(args.clone());
        assert!(
            out.contains("would") || out.contains("Dry run"),
            "{args:?}: {out}"
        );
        assert!(
            std::fs::read(&old).unwrap() == before,
            "{args:?} changed the file"
        );
        for suffix in ["-wal", "-shm", "-journal"] {
            assert!(
                !with_suffix(&old, suffix).exists(),
                "{args:?} left {suffix}"
            );
        }
    }
}

/// PSE-23: an HTML file saved by another program (Word's "Save as HTML")
/// writes names with named references: `Chlo&eacute;`, `Bu&shy;di`,
/// `O&rsquo;Brien`; `check` decodes them and finds all three.
#[test]
fn pse_check_decodes_html_named_references() {
    let f = pse_project(
        "Chloé met Budi and O'Brien.\n",
        &[("Chloé", "Ana"), ("Budi", "Joko"), ("O'Brien", "Smith")],
    );
    let html = f.dir.path().join("saved.html");
    std::fs::write(
        &html,
        "<html><body><p>Chlo&eacute; met Bu&shy;di and O&rsquo;Brien.</p></body></html>\n",
    )
    .unwrap();
    let r = pse_check(&f, &html);
    assert_eq!(r.code, 1, "{}", r.stdout);
    for name in ["Chloé", "Budi", "O'Brien"] {
        assert!(r.stdout.contains(name), "{name}: {}", r.stdout);
    }
}
