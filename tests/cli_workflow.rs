//! Building a project from the command line: import, codebook, coding,
//! memos; and every bad input leaving the project file byte-identical.

mod common;

use std::path::{Path, PathBuf};

use common::{jalin, ok, parse_csv, snapshot};

const INTERVIEW: &str = "---\nkind: interview\ncity: Palu\nrole: prosecutor\n---\n\nInterviewer: How do files move?\n\nR: Koordinasinya masih lemah — the file goes back 😀 and forth. Then it returns.\n\nInterviewer: And training?\n\nR: Only three of us had training. Training matters.\n";

struct Fixture {
    dir: tempfile::TempDir,
    project: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("study.jalin");
        ok(["new", project.to_str().unwrap()]);
        Fixture { dir, project }
    }

    fn p(&self) -> &str {
        self.project.to_str().unwrap()
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn import_code_and_list() {
    let f = Fixture::new();
    let file = f.file("Palu_P02.txt", INTERVIEW.as_bytes());
    let out = ok(["import", f.p(), s(&file)]);
    assert!(out.contains("as 'Palu_P02' (interview, "), "{out}");
    assert!(out.contains("4 speaker turns"), "{out}");

    let sources = ok(["list", "sources", f.p()]);
    let (h, rows) = parse_csv(&sources);
    assert_eq!(rows.len(), 1);
    let attrs = h.iter().position(|c| c == "attributes").unwrap();
    assert_eq!(rows[0][attrs], "city=Palu; role=prosecutor");

    ok(["codes", "add", f.p(), "Structure"]);
    ok([
        "codes",
        "add",
        f.p(),
        "coordination",
        "--parent",
        "Structure",
        "--color",
        "#4e79a7",
        "--description",
        "Work between agencies",
    ]);
    ok([
        "codes",
        "add",
        f.p(),
        "human resources",
        "--parent",
        "Structure",
    ]);

    // "Koordinasinya" starts after the emoji-free prefix; count in chars.
    let text = ok(["show", f.p(), "Palu_P02"]);
    let start = text.chars().position(|c| c == 'K').unwrap();
    let range = format!(
        "{}..{}",
        start,
        start + "Koordinasinya masih lemah".chars().count()
    );
    let guid = ok([
        "code",
        f.p(),
        "--source",
        "palu_p02",
        "--code",
        "coordination",
        "--range",
        &range,
    ]);
    assert_eq!(guid.trim().len(), 36);

    let out = ok([
        "code",
        f.p(),
        "--code",
        "Structure > human resources",
        "--match",
        "training",
        "-i",
        "--unit",
        "sentence",
    ]);
    assert!(out.contains("coded 3 passages in 1 source "), "{out}");
    // The same search again codes nothing new.
    let out = ok([
        "code",
        f.p(),
        "--code",
        "human resources",
        "--match",
        "(?i)training",
        "--unit",
        "sentence",
    ]);
    assert!(
        out.contains("coded 0 passages") && out.contains("3 already coded"),
        "{out}"
    );
    let out = ok([
        "code",
        f.p(),
        "--code",
        "coordination",
        "--match",
        "returns",
        "--unit",
        "turn",
    ]);
    // One passage, one source: singular (I18O-4).
    assert!(out.contains("coded 1 passage in 1 source "), "{out}");

    let csv = ok(["list", "codings", f.p(), "--code", "coordination"]);
    let (h, rows) = parse_csv(&csv);
    let q = h.iter().position(|c| c == "quote").unwrap();
    let sp = h.iter().position(|c| c == "speaker").unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][q], "Koordinasinya masih lemah");
    assert_eq!(rows[0][sp], "R");
    assert_eq!(
        rows[1][q],
        "Koordinasinya masih lemah — the file goes back 😀 and forth. Then it returns."
    );

    let codes = ok(["codes", "list", f.p(), "--format", "md"]);
    assert!(
        codes.contains("| Structure > coordination | 2 | 1 | #4E79A7 | Work between agencies |"),
        "{codes}"
    );

    // Remove a coding by its GUID.
    let out = ok(["uncode", f.p(), guid.trim()]);
    assert!(out.starts_with("removed"));
    let (_, rows) = parse_csv(&ok(["list", "codings", f.p(), "--code", "coordination"]));
    assert_eq!(rows.len(), 1);

    // Memos on the project and a code.
    ok(["memo", f.p(), "Aim: compare coordination across cities"]);
    ok([
        "memo",
        f.p(),
        "Transfers drain trained staff",
        "--code",
        "human resources",
        "--title",
        "HR",
    ]);
    let (h, rows) = parse_csv(&ok(["list", "memos", f.p()]));
    assert_eq!(rows.len(), 2);
    let target = h.iter().position(|c| c == "target").unwrap();
    assert_eq!(rows[1][target], "Structure > human resources");
    assert_eq!(
        rows[1][h.iter().position(|c| c == "coder").unwrap()],
        "tester"
    );
}

#[test]
fn codebook_edits() {
    let f = Fixture::new();
    let file = f.file("a.txt", INTERVIEW.as_bytes());
    ok(["import", f.p(), s(&file)]);
    ok(["codes", "add", f.p(), "Structure"]);
    ok([
        "codes",
        "add",
        f.p(),
        "coordination",
        "--parent",
        "Structure",
    ]);
    ok(["codes", "add", f.p(), "koordinasi"]);
    ok(["code", f.p(), "--code", "coordination", "--match", "file"]);
    ok([
        "code",
        f.p(),
        "--code",
        "koordinasi",
        "--match",
        "file|training",
    ]);

    let out = ok(["codes", "rename", f.p(), "koordinasi", "cooperation"]);
    assert_eq!(out.trim(), "renamed 'koordinasi' to 'cooperation'");
    ok(["codes", "recolor", f.p(), "cooperation", "#112233"]);
    ok(["codes", "describe", f.p(), "cooperation", "Joint work"]);
    let out = ok([
        "codes",
        "move",
        f.p(),
        "cooperation",
        "--parent",
        "Structure",
    ]);
    assert_eq!(out.trim(), "moved to 'Structure > cooperation'");

    // Moving a parent under its own child is refused.
    let r = jalin([
        "codes",
        "move",
        f.p(),
        "Structure",
        "--parent",
        "coordination",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("under itself or one of its own sub-codes"),
        "{}",
        r.stderr
    );

    // Merge: the two "file" hits ("files", "file") coded by both codes
    // collapse; the two "training" hits move.
    let out = ok(["codes", "merge", f.p(), "cooperation", "coordination"]);
    assert_eq!(
        out.trim(),
        "merged 'cooperation' into 'coordination': 2 codings moved, 2 duplicates dropped, 0 sub-codes moved"
    );
    let (_, rows) = parse_csv(&ok(["list", "codings", f.p()]));
    assert_eq!(rows.len(), 4);

    let out = ok(["codes", "delete", f.p(), "Structure", "--dry-run"]);
    assert_eq!(
        out.trim(),
        "would delete 'Structure' with 1 sub-code, 4 codings and 0 memos"
    );
    let out = ok(["codes", "delete", f.p(), "Structure"]);
    assert_eq!(
        out.trim(),
        "deleted 'Structure' with 1 sub-code, 4 codings and 0 memos"
    );
    let (_, rows) = parse_csv(&ok(["list", "codings", f.p()]));
    assert!(rows.is_empty());
    let (_, rows) = parse_csv(&ok(["codes", "list", f.p()]));
    assert!(rows.is_empty());
}

#[test]
fn source_edits() {
    let f = Fixture::new();
    let file = f.file("notes.txt", b"We observed the waiting room.\n");
    let out = ok(["import", f.p(), s(&file), "--attr", "city=Surabaya"]);
    assert!(out.contains("(document,"), "{out}");
    let out = ok([
        "source",
        f.p(),
        "notes",
        "--kind",
        "observation",
        "--attr",
        "observer=A",
        "--unset",
        "city",
        "--rename",
        "Surabaya visit",
    ]);
    assert_eq!(out.trim(), "Surabaya visit · observation · observer=A");
}

/// `jalin source … --find/--at --replace`: the text is corrected and
/// every coding quotes the same words as before (the one inside the typo
/// covers the corrected word).
#[test]
fn correcting_a_typo_moves_codings_with_their_words() {
    let f = Fixture::new();
    let file = f.file(
        "Palu_P07.txt",
        "Interviewer: How do files move?\n\nR: The file goes back and forth. Then it recieves a stamp — twice.\n".as_bytes(),
    );
    ok(["import", f.p(), s(&file)]);
    ok(["codes", "add", f.p(), "movement"]);
    ok(["codes", "add", f.p(), "stamps"]);
    let text = ok(["show", f.p(), "Palu_P07"]);
    let range = |phrase: &str| {
        let b = text.find(phrase).unwrap();
        let s = text[..b].chars().count();
        format!("{s}..{}", s + phrase.chars().count())
    };
    ok([
        "code",
        f.p(),
        "--code",
        "movement",
        "--source",
        "Palu_P07",
        "--range",
        &range("goes back and forth"),
    ]);
    ok([
        "code",
        f.p(),
        "--code",
        "stamps",
        "--source",
        "Palu_P07",
        "--range",
        &range("a stamp — twice"),
    ]);
    ok([
        "code",
        f.p(),
        "--code",
        "stamps",
        "--source",
        "Palu_P07",
        "--range",
        &range("ciev"),
    ]);
    let quotes = |f: &Fixture| {
        let (h, rows) = parse_csv(&ok(["list", "codings", f.p()]));
        let q = h.iter().position(|c| c == "quote").unwrap();
        let mut v: Vec<String> = rows.iter().map(|r| r[q].clone()).collect();
        v.sort();
        v
    };
    let out = ok([
        "source",
        f.p(),
        "Palu_P07",
        "--find",
        "recieves",
        "--replace",
        "receives",
    ]);
    assert!(
        out.starts_with(
            "replaced 74..82 \"recieves\" with \"receives\": 1 coding moved, 0 removed, 2 unchanged"
        ),
        "{out}"
    );
    assert_eq!(
        quotes(&f),
        ["a stamp — twice", "goes back and forth", "receives"]
    );
    // A longer correction before them shifts them all.
    ok([
        "source",
        f.p(),
        "Palu_P07",
        "--at",
        &range("The file"),
        "--replace",
        "Every case file",
    ]);
    assert_eq!(
        quotes(&f),
        ["a stamp — twice", "goes back and forth", "receives"]
    );
    let shown = ok(["show", f.p(), "Palu_P07"]);
    assert!(
        shown.contains("R: Every case file goes back and forth. Then it receives a stamp — twice."),
        "{shown}"
    );
    // Deleting the corrected word deletes the coding inside it.
    let out = ok([
        "source",
        f.p(),
        "Palu_P07",
        "--find",
        "receives ",
        "--replace",
        "",
    ]);
    assert!(out.contains("1 removed"), "{out}");
    assert_eq!(quotes(&f), ["a stamp — twice", "goes back and forth"]);

    for (args, message) in [
        (
            vec!["--find", "e", "--replace", "x"],
            "times in source 'Palu_P07' (at ",
        ),
        (
            vec!["--find", "absent words", "--replace", "x"],
            "does not occur in source 'Palu_P07'",
        ),
        (
            vec!["--at", "0..5", "--replace", "x"],
            "speaker label of 'Interviewer'",
        ),
        (
            vec!["--at", "5..9999", "--replace", "x"],
            "outside source 'Palu_P07'",
        ),
        (
            vec!["--at", "9..5", "--replace", "x"],
            "start must be before the end",
        ),
        (vec!["--at", "five", "--replace", "x"], "not a range"),
        (vec!["--replace", "x"], "--replace needs --find OLD or --at"),
        (
            vec!["--find", "twice", "--replace", "twice"],
            "nothing to change",
        ),
    ] {
        let mut all = vec!["source", f.p(), "Palu_P07"];
        all.extend(args);
        refused(&f, &all, message);
    }
}

/// Kind and attributes of several sources in one command, in one
/// transaction: an unknown source among them changes none.
#[test]
fn kind_and_attributes_of_several_sources_at_once() {
    let f = Fixture::new();
    for n in ["a", "b", "c"] {
        let file = f.file(
            &format!("{n}.txt"),
            format!("Field notes {n}.\n").as_bytes(),
        );
        ok(["import", f.p(), s(&file)]);
    }
    let out = ok([
        "source",
        f.p(),
        "a",
        "c",
        "--kind",
        "observation",
        "--attr",
        "site=market",
        "--unset",
        "none",
    ]);
    assert_eq!(
        out,
        "a · observation · site=market\nc · observation · site=market\n"
    );
    let listed = ok(["list", "sources", f.p()]);
    assert!(listed.contains("b,document"), "{listed}");
    refused(
        &f,
        &["source", f.p(), "a", "zz", "--kind", "interview"],
        "no source called 'zz'",
    );
    refused(
        &f,
        &["source", f.p(), "a", "b", "--rename", "x"],
        "give one source, not 2",
    );
    refused(
        &f,
        &["source", f.p(), "a", "A", "--kind", "interview"],
        "source 'a' is named twice",
    );
    refused(
        &f,
        &["source", f.p(), "a", "b", "--find", "x", "--replace", "y"],
        "give one source, not 2",
    );
    refused(
        &f,
        &["source", f.p(), "a", "b", "--attr", "novalue"],
        "is not an attribute",
    );
}

#[test]
fn duplicates_are_skipped_unless_forced() {
    let f = Fixture::new();
    let a = f.file("a.txt", INTERVIEW.as_bytes());
    let b = f.file("b.txt", INTERVIEW.replace('\n', "\r\n").as_bytes());
    ok(["import", f.p(), s(&a)]);
    // Same text once line ends are normalised: a duplicate.
    let r = jalin(["import", f.p(), s(&b)]);
    assert_eq!(r.code, 0);
    assert!(
        r.stderr.contains("already in the project as 'a'"),
        "{}",
        r.stderr
    );
    let out = ok(["import", f.p(), s(&b), "--force"]);
    assert!(out.contains("as 'b'"), "{out}");
    let out = ok(["import", f.p(), s(&a), "--force"]);
    assert!(out.contains("as 'a (2)'"), "{out}");
}

#[test]
fn import_goes_on_past_a_bad_file() {
    let f = Fixture::new();
    let good1 = f.file("one.txt", b"Interviewer: a\nR: b\n");
    let bad = f.file(
        "broken.txt",
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00\x3e\x00\x01\x00\x00\x00",
    );
    let good2 = f.file("two.md", b"I: c\nR1: d\n");
    let r = jalin(["import", f.p(), s(&good1), s(&bad), s(&good2)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("one.txt") && r.stdout.contains("two.md"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains(&format!(
            "error: the file is binary data, not text: {}",
            bad.display()
        )),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("2 imported, 0 skipped as duplicates, 1 failed"),
        "{}",
        r.stderr
    );
    let (_, rows) = parse_csv(&ok(["list", "sources", f.p()]));
    assert_eq!(rows.len(), 2);
}

/// Runs a failing command and checks its message and that the project file
/// did not change at all.
fn refused(f: &Fixture, args: &[&str], message: &str) {
    let before = snapshot(&f.project);
    let r = jalin(args);
    assert_ne!(r.code, 0, "{args:?} should fail");
    assert!(
        r.stderr.contains(message),
        "{args:?}: expected '{message}' in: {}",
        r.stderr
    );
    assert!(
        r.stdout.is_empty() || !r.stdout.contains("imported"),
        "{}",
        r.stdout
    );
    assert_eq!(
        snapshot(&f.project),
        before,
        "{args:?} changed the project file"
    );
}

#[test]
fn bad_imports_name_the_file_and_change_nothing() {
    let f = Fixture::new();
    let ok_file = f.file("ok.txt", INTERVIEW.as_bytes());
    ok(["import", f.p(), s(&ok_file)]);
    ok(["codes", "add", f.p(), "coordination"]);

    let missing = f.dir.path().join("missing.txt");
    refused(
        &f,
        &["import", f.p(), s(&missing)],
        &format!("no such file: {}", missing.display()),
    );
    let folder = f.dir.path().join("folder.txt");
    std::fs::create_dir(&folder).unwrap();
    refused(
        &f,
        &["import", f.p(), s(&folder)],
        &format!(
            "the folder holds no file Jalin can import: {}",
            folder.display()
        ),
    );
    let empty = f.file("empty.txt", b"");
    refused(
        &f,
        &["import", f.p(), s(&empty)],
        &format!("the file is empty: {}", empty.display()),
    );
    let blank = f.file("blank.txt", b"  \r\n\n");
    refused(&f, &["import", f.p(), s(&blank)], "only white space");
    let binary = f.file(
        "image.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00",
    );
    refused(
        &f,
        &["import", f.p(), s(&binary)],
        &format!("binary data, not text: {}", binary.display()),
    );
    let utf16: Vec<u8> = "Interviewer: hello there"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let utf16 = f.file("utf16.txt", &utf16);
    refused(
        &f,
        &["import", f.p(), s(&utf16)],
        "UTF-16 text without a byte-order mark",
    );
    let undecodable = f.file("bad.txt", b"\xEF\xBB\xBFvalid start \xC3\x28 broken");
    refused(
        &f,
        &["import", f.p(), s(&undecodable)],
        &format!(
            "not valid UTF-8 text (it has bytes that do not decode); save it again as UTF-8: {}",
            undecodable.display()
        ),
    );
    let front = f.file(
        "front.txt",
        b"---\nkind: interview\nthis is not a pair\n---\nI: hi\n",
    );
    refused(
        &f,
        &["import", f.p(), s(&front)],
        "front matter line 3 is not 'key: value'",
    );
    let kind = f.file("kind.txt", b"---\nkind: podcast\n---\nI: hi\n");
    refused(
        &f,
        &["import", f.p(), s(&kind)],
        "unknown source kind 'podcast'",
    );
    let docx = f.file("paper.docx", b"PK\x03\x04");
    refused(
        &f,
        &["import", f.p(), s(&docx)],
        &format!(
            "it is not a zip archive (invalid Zip archive: Could not find EOCD): {}",
            docx.display()
        ),
    );
    let rtf = f.file("paper.rtf", b"{\\rtf1}");
    refused(&f, &["import", f.p(), s(&rtf)], "it holds no text");
    let pages = f.file("paper.pages", b"PK\x03\x04");
    refused(
        &f,
        &["import", f.p(), s(&pages)],
        "cannot import .pages files",
    );
    refused(
        &f,
        &["import", f.p(), s(&ok_file), "--kind", "video"],
        "invalid value 'video' for '--kind <KIND>'",
    );
    refused(
        &f,
        &["import", f.p(), s(&ok_file), "--attr", "novalue"],
        "write it as key=value",
    );
    // The same content again is a warning, not a change.
    let before = snapshot(&f.project);
    let r = jalin(["import", f.p(), s(&ok_file)]);
    assert_eq!(r.code, 0);
    assert_eq!(snapshot(&f.project), before);
}

#[test]
fn bad_edits_name_the_problem_and_change_nothing() {
    let f = Fixture::new();
    let file = f.file("ok.txt", INTERVIEW.as_bytes());
    ok(["import", f.p(), s(&file)]);
    ok(["codes", "add", f.p(), "coordination"]);
    let len = ok(["show", f.p(), "ok"]).chars().count();

    refused(
        &f,
        &[
            "code",
            f.p(),
            "--source",
            "ok",
            "--code",
            "coordination",
            "--range",
            "10..5",
        ],
        "the start must be before the end",
    );
    refused(
        &f,
        &[
            "code",
            f.p(),
            "--source",
            "ok",
            "--code",
            "coordination",
            "--range",
            "7..7",
        ],
        "is empty or reversed",
    );
    let past = format!("0..{}", len + 1);
    refused(
        &f,
        &[
            "code",
            f.p(),
            "--source",
            "ok",
            "--code",
            "coordination",
            "--range",
            &past,
        ],
        &format!("is outside source 'ok', whose text has {len} characters"),
    );
    refused(
        &f,
        &[
            "code",
            f.p(),
            "--source",
            "ok",
            "--code",
            "coordination",
            "--range",
            "a..b",
        ],
        "is not a range",
    );
    refused(
        &f,
        &[
            "code",
            f.p(),
            "--source",
            "nope",
            "--code",
            "coordination",
            "--range",
            "1..2",
        ],
        "no source called 'nope'",
    );
    refused(
        &f,
        &[
            "code",
            f.p(),
            "--source",
            "ok",
            "--code",
            "nope",
            "--range",
            "1..2",
        ],
        "no code called 'nope'",
    );
    refused(
        &f,
        &[
            "code",
            f.p(),
            "--code",
            "coordination",
            "--match",
            "(unclosed",
        ],
        "is not a valid regular expression",
    );
    refused(
        &f,
        &[
            "code",
            f.p(),
            "--code",
            "coordination",
            "--match",
            "x",
            "--unit",
            "page",
        ],
        "invalid value 'page' for '--unit <UNIT>'",
    );
    refused(
        &f,
        &["codes", "add", f.p(), "Coordination"],
        "already exists at that level",
    );
    refused(
        &f,
        &["codes", "add", f.p(), "x", "--color", "blue"],
        "'blue' is not a colour",
    );
    refused(&f, &["codes", "add", f.p(), "  "], "a name cannot be empty");
    refused(
        &f,
        &["codes", "add", f.p(), "x", "--parent", "nope"],
        "no code called 'nope'",
    );
    refused(
        &f,
        &["codes", "merge", f.p(), "coordination", "coordination"],
        "cannot merge code 'coordination' into itself",
    );
    refused(
        &f,
        &["uncode", f.p(), "not-a-guid"],
        "no coding with id 'not-a-guid'",
    );
    refused(
        &f,
        &["list", "sources", f.p(), "--format", "pdf"],
        "invalid value 'pdf' for '--format <FORMAT>'",
    );
    ok([
        "code",
        f.p(),
        "--source",
        "ok",
        "--code",
        "coordination",
        "--range",
        "1..4",
    ]);
    refused(
        &f,
        &[
            "code",
            f.p(),
            "--source",
            "ok",
            "--code",
            "coordination",
            "--range",
            "1..4",
        ],
        "is already applied to 1..4 of 'ok'",
    );
}

#[test]
fn bad_project_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.jalin");
    let r = jalin(["list", "sources", s(&missing)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains(&format!("no project file at {}", missing.display())),
        "{}",
        r.stderr
    );
    assert!(!missing.exists(), "opening must not create a file");

    let text = dir.path().join("notes.jalin");
    std::fs::write(&text, "These are my notes, not a database.\n".repeat(40)).unwrap();
    let before = std::fs::read(&text).unwrap();
    let r = jalin(["list", "sources", s(&text)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("not a Jalin project (it is not an SQLite database)"),
        "{}",
        r.stderr
    );
    assert!(common::same_bytes(&std::fs::read(&text).unwrap(), &before));

    let empty = dir.path().join("empty.jalin");
    std::fs::write(&empty, b"").unwrap();
    let r = jalin(["list", "sources", s(&empty)]);
    assert!(
        r.stderr.contains("not a Jalin project (the file is empty)"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(&empty).unwrap(), b"");

    let other = dir.path().join("other.jalin");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let before = std::fs::read(&other).unwrap();
    let r = jalin(["list", "sources", s(&other)]);
    assert!(
        r.stderr.contains("an SQLite database of another program"),
        "{}",
        r.stderr
    );
    assert!(common::same_bytes(&std::fs::read(&other).unwrap(), &before));

    let newer = dir.path().join("newer.jalin");
    ok(["new", s(&newer)]);
    {
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = snapshot(&newer);
    let r = jalin(["import", s(&newer), "whatever.txt"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("saved by a newer Jalin (file schema 99"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("The file was not changed"),
        "{}",
        r.stderr
    );
    assert_eq!(snapshot(&newer), before);

    let r = jalin(["new", s(&newer)]);
    assert!(
        r.stderr.contains("a file already exists there"),
        "{}",
        r.stderr
    );
}

/// Starts `jalin args` with its standard output and error as pipes.
fn spawn(args: &[&str]) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_jalin"))
        .args(args)
        .env("JALIN_CODER", "tester")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run jalin")
}

/// Reads `lines` lines of the child's output, as `head -n` does, then closes
/// the pipe; returns the exit code and stderr.
fn read_then_close(mut child: std::process::Child, lines: usize) -> (i32, String) {
    use std::io::BufRead;
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    for _ in 0..lines {
        stdout.read_line(&mut line).unwrap();
    }
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_reader_that_stops_early_never_stops_a_write_and_ends_a_listing_quietly() {
    let f = Fixture::new();
    let text = format!("Interviewer: Tell me.\n\nR: {}\n", "kata ".repeat(800));
    let src = f.file("long.txt", text.as_bytes());
    ok(["import", f.p(), s(&src)]);
    ok(["codes", "add", f.p(), "c"]);
    // More output than a pipe holds (64 KiB), so the writer meets the
    // closed pipe long before the end.
    let rows = 3000;
    let mut csv = String::from("source,code,start,end\n");
    for i in 0..rows {
        csv.push_str(&format!("long,c,{i},{}\n", i + 1));
    }
    let file = f.file("many.csv", csv.as_bytes());
    // `jalin code P --from many.csv | head -2`
    let (code, stderr) = read_then_close(spawn(&["code", f.p(), "--from", s(&file)]), 2);
    let saved = jalin::store::Project::open(&f.project)
        .unwrap()
        .codings()
        .unwrap()
        .len();
    assert_eq!(saved, rows, "every row is saved: {stderr}");
    assert_eq!(code, 3, "the lost output is reported: {stderr}");
    assert!(
        stderr.contains("standard output could not be written")
            && stderr.contains(&format!(
                "its last line was: coded {rows} passages from {}",
                file.display()
            )),
        "{stderr}"
    );
    // Run again: every row is already coded, nothing new, all said.
    let again = ok(["code", f.p(), "--from", s(&file)]);
    assert!(
        again.contains(&format!(
            "coded 0 passages from {} ({rows} rows already coded",
            file.display()
        )),
        "{again}"
    );
    // `jalin list codings P | head -1` and `jalin report … | head`: a reader
    // that stops early is no error for a command that only shows something.
    let (code, stderr) = read_then_close(spawn(&["list", "codings", f.p()]), 1);
    assert_eq!((code, stderr.as_str()), (0, ""));
    for args in [
        vec!["report", "frequencies", f.p()],
        vec!["report", "quotes", f.p(), "--format", "md"],
        vec!["list", "codings", f.p(), "--format", "md"],
    ] {
        // Closed before the command has written anything.
        let (code, stderr) = read_then_close(spawn(&args), 0);
        assert_eq!((code, stderr.as_str()), (0, ""), "{args:?}");
    }
    assert_eq!(
        jalin::store::Project::open(&f.project)
            .unwrap()
            .codings()
            .unwrap()
            .len(),
        rows
    );
}

// ----- Names (issue 10 §9) -----

/// The codings as (source, code, start, end, coder), sorted.
fn coding_rows(f: &Fixture) -> Vec<Vec<String>> {
    let (h, rows) = parse_csv(&ok(["list", "codings", f.p()]));
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let cols = ["source", "code", "start", "end", "coder"].map(col);
    let mut out: Vec<Vec<String>> = rows
        .iter()
        .map(|r| cols.iter().map(|&i| r[i].clone()).collect())
        .collect();
    out.sort();
    out
}

#[test]
fn names_starting_like_options_or_formulas_round_trip() {
    let f = Fixture::new();
    let file = f.file("palu.txt", INTERVIEW.as_bytes());
    ok(["import", f.p(), s(&file)]);
    // Option values and names that start with '-' are taken as given.
    ok(["source", f.p(), "palu", "--rename", "-Palu, first"]);
    for name in ["-minus", "=sum(A1)", "+plus", "@at", "'=quoted"] {
        ok(["codes", "add", f.p(), name]);
    }
    ok(["codes", "add", f.p(), "--parent", "-minus", "-child"]);
    for (code, word) in [
        ("-minus", "file"),
        ("=sum(A1)", "training"),
        ("+plus", "Koordinasinya"),
        ("@at", "forth"),
        ("'=quoted", "three"),
        ("-minus > -child", "returns"),
    ] {
        let out = ok([
            "code",
            f.p(),
            "--code",
            code,
            "--source",
            "-Palu, first",
            "--match",
            word,
        ]);
        assert!(out.starts_with("coded "), "{out}");
    }
    ok([
        "--coder",
        "-T2",
        "code",
        f.p(),
        "--code",
        "-child",
        "--match",
        "-?lemah",
    ]);
    let before = coding_rows(&f);
    assert_eq!(before.len(), 9, "{before:?}");
    let csv = ok(["list", "codings", f.p(), "--format", "csv"]);
    // The spreadsheet guard is there…
    assert!(
        csv.contains(",'-minus,") && csv.contains("'-Palu, first"),
        "{csv}"
    );
    assert!(csv.contains("''=quoted"), "{csv}");
    // …and `code --from` takes it back off: every coding is found again.
    let file = f.file("codings.csv", csv.as_bytes());
    let again = ok(["code", f.p(), "--from", s(&file)]);
    assert!(
        again.contains("coded 0 passages") && again.contains("(9 rows already coded"),
        "{again}"
    );
    let guids: Vec<String> = parse_csv(&csv).1.iter().map(|r| r[0].clone()).collect();
    let mut args = vec!["uncode".to_string(), f.p().to_string()];
    args.extend(guids);
    ok(&args);
    assert!(coding_rows(&f).is_empty());
    ok(["code", f.p(), "--from", s(&file)]);
    assert_eq!(coding_rows(&f), before);
}

#[test]
fn sibling_codes_differing_only_by_case_or_normalisation_are_refused() {
    let f = Fixture::new();
    let nfc = "Kepercayaan pada é-court";
    let nfd = "kepercayaan pada e\u{301}-court";
    ok(["codes", "add", f.p(), nfc]);
    for args in [
        vec!["codes", "add", f.p(), nfd],
        vec!["codes", "add", f.p(), "KEPERCAYAAN PADA É-COURT"],
    ] {
        refused(&f, &args, "already exists at that level");
    }
    // Found by either form.
    ok(["codes", "add", f.p(), "child", "--parent", nfd]);
    ok(["codes", "add", f.p(), "other"]);
    refused(
        &f,
        &["codes", "rename", f.p(), "other", nfd],
        "already exists at that level",
    );
    ok(["codes", "add", f.p(), "Child", "--parent", "other"]);
    refused(
        &f,
        &["codes", "move", f.p(), "other > Child", "--parent", nfc],
        "already exists at that level",
    );
    let (_, rows) = parse_csv(&ok(["codes", "list", f.p()]));
    assert_eq!(rows.len(), 4);
}

#[test]
fn code_names_holding_the_path_separator_are_refused() {
    let f = Fixture::new();
    refused(
        &f,
        &["codes", "add", f.p(), "Age > 60"],
        "cannot contain ' > '",
    );
    ok(["codes", "add", f.p(), "Age>60"]);
    ok(["codes", "add", f.p(), "older", "--parent", "Age>60"]);
    refused(
        &f,
        &["codes", "rename", f.p(), "older", "a > b"],
        "cannot contain ' > '",
    );
    // A name with '>' but no ' > ' is still reachable inside a path.
    let out = ok(["codes", "rename", f.p(), "Age>60 > older", "oldest"]);
    assert_eq!(out.trim(), "renamed 'older' to 'oldest'");
}

#[test]
fn match_finds_nfc_text_in_an_nfd_source() {
    let f = Fixture::new();
    let text = "Interviewer: Dan kafe\u{301}?\n\nR: Kafe\u{301} itu tutup. Lalu pindah.\n";
    let file = f.file("nfd.txt", text.as_bytes());
    ok(["import", f.p(), s(&file)]);
    ok(["codes", "add", f.p(), "place"]);
    let out = ok(["code", f.p(), "--code", "place", "--match", "kafé", "-i"]);
    assert!(out.starts_with("coded 2 passages"), "{out}");
    let (h, rows) = parse_csv(&ok(["list", "codings", f.p()]));
    let quote = h.iter().position(|c| c == "quote").unwrap();
    let mut quotes: Vec<&str> = rows.iter().map(|r| r[quote].as_str()).collect();
    quotes.sort();
    // The stored (decomposed) text, accent included.
    assert_eq!(quotes, ["Kafe\u{301}", "kafe\u{301}"]);
    let out = ok([
        "code",
        f.p(),
        "--code",
        "place",
        "--match",
        "kafé itu",
        "-i",
        "--unit",
        "sentence",
    ]);
    assert!(out.starts_with("coded 1 passage "), "{out}");
}

#[test]
fn attribute_keys_match_in_any_case() {
    let f = Fixture::new();
    let file = f.file("a.txt", INTERVIEW.as_bytes());
    ok(["import", f.p(), s(&file)]);
    // Keys as a .qdpx from another program may spell them.
    {
        let c = rusqlite::Connection::open(&f.project).unwrap();
        c.execute(
            "UPDATE source_attributes SET key = 'City' WHERE key = 'city'",
            [],
        )
        .unwrap();
    }
    ok(["codes", "add", f.p(), "coordination"]);
    ok(["code", f.p(), "--code", "coordination", "--match", "file"]);
    let out = ok(["report", "frequencies", f.p(), "--by", "attr:city"]);
    assert!(out.contains("Palu"), "{out}");
    let out = ok(["report", "frequencies", f.p(), "--where", "CITY=Palu"]);
    assert!(out.contains("coordination"), "{out}");
    // Setting a key in another case changes the one there, not a second.
    let out = ok(["source", f.p(), "a", "--attr", "city=Poso"]);
    assert!(out.contains("City=Poso") && !out.contains("Palu"), "{out}");
}

#[test]
fn a_source_named_like_another_sources_guid_captures_nothing() {
    let f = Fixture::new();
    let a = f.file("a.txt", INTERVIEW.as_bytes());
    let b = f.file("b.txt", b"Field notes about the office.\n");
    ok(["import", f.p(), s(&a), s(&b)]);
    let (h, rows) = parse_csv(&ok(["list", "sources", f.p()]));
    let guid = h.iter().position(|c| c == "guid").unwrap();
    let a_guid = rows.iter().find(|r| r[0] == "a").unwrap()[guid].clone();
    refused(
        &f,
        &["source", f.p(), "b", "--rename", &a_guid],
        "is the GUID of another source",
    );
    // Even when a file already holds such a name, the GUID finds its source.
    {
        let c = rusqlite::Connection::open(&f.project).unwrap();
        c.execute("UPDATE sources SET name = ?1 WHERE name = 'b'", [&a_guid])
            .unwrap();
    }
    let shown = ok(["show", f.p(), &a_guid]);
    assert!(shown.contains("Koordinasinya"), "{shown}");
}

/// Speaker roles and participants (`jalin speakers`), checked in what the
/// reports print.
mod speakers {
    use super::{Fixture, s};
    use crate::common::{jalin, ok, parse_csv, snapshot};

    /// A focus group whose moderator is labelled by name (Budi), with a
    /// co-moderator and a note-taker.
    pub const FGD: &str = "---\nkind: focus_group\ncity: Ambon\n---\n\nBudi: Welcome everyone. Let us start with how files move.\n\nMod 2: Please say your name first.\n\nAna: Files go back and forth between offices.\n\nNotulis: Noted the time.\n\nCitra: The group chat helps us coordinate.\n\nAna: Training is rare.\n\nBudi: Thank you. One more question about training?\n\nCitra: Training happens once a year.\n";

    fn setup() -> Fixture {
        let f = Fixture::new();
        let file = f.file("FGD_Ambon.txt", FGD.as_bytes());
        ok(["import", f.p(), s(&file)]);
        ok(["codes", "add", f.p(), "training"]);
        ok([
            "code",
            f.p(),
            "--code",
            "training",
            "--match",
            "training",
            "-i",
            "--unit",
            "sentence",
        ]);
        f
    }

    /// speaker → (role, set, turns, words, attributes)
    fn listing(
        f: &Fixture,
        extra: &[&str],
    ) -> Vec<(String, String, String, String, String, String)> {
        let mut args = vec!["speakers", f.p(), "FGD_Ambon"];
        args.extend(extra);
        let (h, rows) = parse_csv(&ok(args));
        assert_eq!(
            h,
            [
                "speaker",
                "role",
                "role set",
                "turns",
                "words",
                "attributes"
            ]
        );
        rows.into_iter()
            .map(|r| {
                (
                    r[0].clone(),
                    r[1].clone(),
                    r[2].clone(),
                    r[3].clone(),
                    r[4].clone(),
                    r[5].clone(),
                )
            })
            .collect()
    }

    /// (respondents coded, all respondents) of `code` in group `group` of
    /// the long frequency table.
    fn respondents(f: &Fixture, code: &str, group: &str, by: &[&str]) -> (String, String) {
        let mut args = vec!["report", "frequencies", f.p()];
        args.extend(by);
        let (h, rows) = parse_csv(&ok(args));
        let col = |n: &str| h.iter().position(|c| c == n).unwrap();
        let row = rows
            .iter()
            .find(|r| r[col("code")] == code && r[col("group")] == group)
            .unwrap_or_else(|| panic!("no row {code}/{group} in {rows:?}"));
        (
            row[col("respondents")].clone(),
            row[col("group_respondents")].clone(),
        )
    }

    fn row<'a>(
        rows: &'a [(String, String, String, String, String, String)],
        who: &str,
    ) -> &'a (String, String, String, String, String, String) {
        rows.iter().find(|r| r.0 == who).unwrap()
    }

    #[test]
    fn speakers_lists_roles_turns_and_words_and_the_author_sets_them() {
        let f = setup();
        let rows = listing(&f, &[]);
        let names: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(names, ["Budi", "Mod 2", "Ana", "Notulis", "Citra"]);
        // Found from the labels: the co-moderator and the note-taker are
        // not respondents; Budi, a moderator labelled by name, cannot be
        // told from a participant yet.
        assert_eq!(row(&rows, "Mod 2").1, "moderator");
        assert_eq!(row(&rows, "Notulis").1, "other");
        assert_eq!(row(&rows, "Budi").1, "respondent");
        assert_eq!(row(&rows, "Budi").2, "auto");
        // Budi: 2 turns, 9 + 7 words; Ana: 7 + 3.
        assert_eq!(
            (row(&rows, "Budi").3.as_str(), row(&rows, "Budi").4.as_str()),
            ("2", "16")
        );
        assert_eq!(
            (row(&rows, "Ana").3.as_str(), row(&rows, "Ana").4.as_str()),
            ("2", "10")
        );
        // Budi's question mentions training: 3 of 3 respondents.
        assert_eq!(
            respondents(&f, "training", "all", &[]),
            ("3".into(), "3".into())
        );

        let rows = listing(&f, &["--role", "budi=moderator"]);
        assert_eq!(row(&rows, "Budi").1, "moderator");
        assert_eq!(row(&rows, "Budi").2, "set");
        // Now Ana and Citra are the respondents, both coded: 2 of 2.
        assert_eq!(
            respondents(&f, "training", "all", &[]),
            ("2".into(), "2".into())
        );

        // Back to the role found from the label.
        let rows = listing(&f, &["--role", "Budi=auto"]);
        assert_eq!(
            (row(&rows, "Budi").1.as_str(), row(&rows, "Budi").2.as_str()),
            ("respondent", "auto")
        );
        ok(["speakers", f.p(), "FGD_Ambon", "--role", "Budi=moderator"]);

        // A respondent made "other" leaves the count too: 1 of 1.
        ok(["speakers", f.p(), "FGD_Ambon", "--role", "Citra=other"]);
        assert_eq!(
            respondents(&f, "training", "all", &[]),
            ("1".into(), "1".into())
        );
        ok(["speakers", f.p(), "FGD_Ambon", "--role", "Citra=respondent"]);
        assert_eq!(
            respondents(&f, "training", "all", &[]),
            ("2".into(), "2".into())
        );
    }

    #[test]
    fn participants_attributes_split_respondent_tables_and_attribute_quotes() {
        let f = setup();
        ok(["speakers", f.p(), "FGD_Ambon", "--role", "Budi=moderator"]);
        let rows = listing(
            &f,
            &[
                "--attr",
                "Ana:role=expert",
                "--attr",
                "Ana:Region=Maluku",
                "--attr",
                "Citra:role=official",
            ],
        );
        assert_eq!(row(&rows, "Ana").5, "region=Maluku; role=expert");
        assert_eq!(row(&rows, "Citra").5, "role=official");
        // Respondents grouped by their own role; the source has none.
        let by = ["--by", "attr:role"];
        assert_eq!(
            respondents(&f, "training", "expert", &by),
            ("1".into(), "1".into())
        );
        assert_eq!(
            respondents(&f, "training", "official", &by),
            ("1".into(), "1".into())
        );
        // Focus-group quotes cite the participant's role and the source's city.
        let (h, quotes) = parse_csv(&ok(["report", "quotes", f.p(), "--cite", "role,city"]));
        let col = |n: &str| h.iter().position(|c| c == n).unwrap();
        let ana = quotes
            .iter()
            .find(|q| q[col("quote")].ends_with("Training is rare."))
            .unwrap();
        assert!(ana[col("attribution")].contains("expert, Ambon"), "{ana:?}");
        let citra = quotes
            .iter()
            .find(|q| q[col("quote")].ends_with("Training happens once a year."))
            .unwrap();
        assert!(
            citra[col("attribution")].contains("official, Ambon"),
            "{citra:?}"
        );
        // Removed again.
        let rows = listing(&f, &["--unset", "Ana:region"]);
        assert_eq!(row(&rows, "Ana").5, "role=expert");
    }

    #[test]
    fn bad_speaker_arguments_change_nothing_and_say_why() {
        let f = setup();
        let before = snapshot(&f.project);
        for (args, says) in [
            (
                vec!["--role", "Dewi=moderator"],
                "'Dewi' does not speak in source 'FGD_Ambon'",
            ),
            (vec!["--role", "Budi=chair"], "'chair'"),
            (vec!["--role", "Budi"], "NAME=ROLE"),
            (vec!["--attr", "Ana=expert"], "NAME:KEY=VALUE"),
            (vec!["--unset", "Ana"], "NAME:KEY"),
            // One bad value stops the good one before it.
            (
                vec!["--role", "Budi=moderator", "--role", "Dewi=other"],
                "Dewi",
            ),
        ] {
            let mut all = vec!["speakers", f.p(), "FGD_Ambon"];
            all.extend(args.iter().copied());
            let r = jalin(&all);
            assert_eq!(r.code, 1, "{args:?}: {}", r.stdout);
            assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
            assert_eq!(snapshot(&f.project), before, "{args:?} changed the project");
        }
        let r = jalin(["speakers", f.p(), "FGD_Ambon", "--role", "Dewi=other"]);
        assert!(
            r.stderr.contains("Budi, Mod 2, Ana, Notulis, Citra"),
            "{}",
            r.stderr
        );
        let r = jalin(["speakers", f.p(), "Nowhere"]);
        assert_eq!(r.code, 1);
        assert!(
            r.stderr.contains("no source called 'Nowhere'"),
            "{}",
            r.stderr
        );
        assert_eq!(snapshot(&f.project), before);
        // Nothing was set.
        assert_eq!(row(&listing(&f, &[]), "Budi").2, "auto");
    }

    /// A coding that starts in the blank line between two turns belongs to
    /// the turn its first word is in.
    #[test]
    fn a_coding_starting_in_the_blank_line_belongs_to_the_next_turn() {
        let f = setup();
        let text = ok(["show", f.p(), "FGD_Ambon"]);
        // The blank line before "Ana: Files go back…" (ASCII: bytes are chars).
        let ana = text.find("Ana: Files").unwrap();
        assert_eq!(&text[ana - 2..ana], "\n\n");
        let start = ana - 1;
        let end = ana + "Ana: Files go back".len();
        ok(["codes", "add", f.p(), "movement"]);
        ok([
            "code",
            f.p(),
            "--code",
            "movement",
            "--source",
            "FGD_Ambon",
            "--range",
            &format!("{start}..{end}"),
        ]);
        let (h, rows) = parse_csv(&ok(["list", "codings", f.p(), "--code", "movement"]));
        let speaker = h.iter().position(|c| c == "speaker").unwrap();
        assert_eq!(rows[0][speaker], "Ana");
        // Ana counts as the respondent coded: 1 of 3.
        assert_eq!(
            respondents(&f, "movement", "all", &[]),
            ("1".into(), "3".into())
        );
        // A coding wholly inside the blank line speaks for nobody.
        ok(["codes", "add", f.p(), "blank"]);
        ok([
            "code",
            f.p(),
            "--code",
            "blank",
            "--source",
            "FGD_Ambon",
            "--range",
            &format!("{start}..{ana}"),
        ]);
        assert_eq!(
            respondents(&f, "blank", "all", &[]),
            ("0".into(), "3".into())
        );
    }
}

// ---- Merging projects (R13b) ----

/// The demo at `a.jalin` and a copy at `b.jalin` in which coder Bea coded
/// one passage and renamed a code.
fn two_coders_copies() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.jalin");
    let b = dir.path().join("b.jalin");
    ok(["demo", s(&a)]);
    ok(["backup", s(&a), s(&b)]);
    ok([
        "code",
        s(&b),
        "--coder",
        "Bea",
        "--code",
        "coordination",
        "--source",
        "Palu_Prosecutor_02",
        "--range",
        "10..60",
    ]);
    ok(["codes", "rename", s(&b), "coordination", "coordination (B)"]);
    (dir, a, b)
}

#[test]
fn merge_prints_the_report_dry_run_writes_nothing_and_a_second_merge_adds_nothing() {
    let (_dir, a, b) = two_coders_copies();
    let before = snapshot(&a);
    let dry = ok(["merge", s(&a), s(&b), "--dry-run"]);
    assert_eq!(snapshot(&a), before);
    let out = ok(["merge", s(&a), s(&b)]);
    let expected = format!(
        "From {b}:
  added 0 sources, 0 codes, 1 codings, 0 memos, 1 coders, 0 attribute values, 0 pseudonyms
  matched 20 sources by GUID, 0 by identical text; 20 codes by GUID, 0 by path; 2 coders
  already in the target: 265 codings, 8 memos
  conflicts (1):
  - code 'coordination': is called 'coordination (B)' in b.jalin; the target's name is kept
wrote {a}
",
        b = s(&b),
        a = s(&a)
    );
    assert_eq!(out, expected);
    assert_eq!(
        dry,
        format!(
            "Dry run: nothing was written.\n{}",
            expected.replace("added 0", "would add 0")
        )
        .replace(&format!("wrote {}\n", s(&a)), "")
    );
    let codings = ok(["list", "codings", s(&a)]);
    let (h, rows) = parse_csv(&codings);
    let coder = h.iter().position(|c| c == "coder").unwrap();
    let bea: Vec<_> = rows.iter().filter(|r| r[coder] == "Bea").collect();
    assert_eq!(bea.len(), 1, "{codings}");
    assert_eq!(rows.len(), 266); // the demo's 265 (R1 and R2) and Bea's one
    // The target's name was kept.
    assert!(ok(["codes", "list", s(&a)]).contains("coordination"));
    // Idempotent: nothing added, the file untouched by the merge.
    let after = snapshot(&a);
    let again = ok(["merge", s(&a), s(&b)]);
    assert!(
        again.contains("  added 0 sources, 0 codes, 0 codings, 0 memos, 0 coders"),
        "{again}"
    );
    assert!(
        again.contains("already in the target: 266 codings"),
        "{again}"
    );
    assert!(again.ends_with(&format!("nothing new to merge; {} is unchanged\n", s(&a))));
    assert_eq!(snapshot(&a), after);
}

#[test]
fn a_qdpx_merges_like_the_project_it_came_from() {
    let (dir, a, b) = two_coders_copies();
    let x = dir.path().join("b.qdpx");
    ok(["qdpx", "export", s(&b), s(&x)]);
    let out = ok(["merge", s(&a), s(&x)]);
    assert!(
        out.contains("added 0 sources, 0 codes, 1 codings, 0 memos, 1 coders"),
        "{out}"
    );
    assert!(
        out.contains("is called 'coordination (B)' in b.qdpx"),
        "{out}"
    );
    // The project it came from adds nothing more.
    let again = ok(["merge", s(&a), s(&b)]);
    assert!(
        again.contains("added 0 sources, 0 codes, 0 codings, 0 memos, 0 coders"),
        "{again}"
    );
    // A qdpx of a project with new sources and codes: all come in, coded.
    let c = dir.path().join("c.jalin");
    ok(["new", s(&c)]);
    let out = ok(["merge", s(&c), s(&x)]);
    assert!(
        out.contains("added 20 sources, 20 codes, 266 codings, 8 memos, 3 coders"),
        "{out}"
    );
}

/// A project with one interview, one code and a coding each by coders A
/// and B (B's on other words), for the team-coding tests.
fn two_coders() -> Fixture {
    let f = Fixture::new();
    let file = f.file("Palu_P02.txt", INTERVIEW.as_bytes());
    ok(["import", f.p(), s(&file)]);
    ok(["codes", "add", f.p(), "training"]);
    for (coder, word) in [
        ("A", "Training matters"),
        ("B", "had training"),
        ("A", "Only three"),
    ] {
        ok([
            "code",
            f.p(),
            "--code",
            "training",
            "--match",
            word,
            "--coder",
            coder,
        ]);
    }
    f
}

#[test]
fn coders_are_listed_added_renamed_and_coloured() {
    let f = two_coders();
    let list = ok(["coders", f.p(), "list"]);
    // Colours not set come from the palette by id; the caller is marked.
    assert_eq!(
        list,
        "coder\tcolour\tcodings\tmemos\nA\t#F28E2B (default)\t2\t0\nB\t#E15759 (default)\t1\t0\n"
    );
    assert_eq!(
        ok(["coders", f.p(), "add", "Citra", "--color", "#00aa00"]),
        "added coder 'Citra'\n"
    );
    assert_eq!(
        ok(["coders", f.p(), "rename", "b", "Budi"]),
        "renamed coder 'B' to 'Budi'\n"
    );
    assert_eq!(
        ok(["coders", f.p(), "color", "A", "#123456"]),
        "coder 'A' is now #123456\n"
    );
    let list = ok(["coders", f.p(), "list", "--coder", "Budi"]);
    assert_eq!(
        list,
        "coder\tcolour\tcodings\tmemos\nA\t#123456\t2\t0\nBudi (you)\t#E15759 (default)\t1\t0\nCitra\t#00AA00\t0\t0\n"
    );
    // The renamed coder keeps their codings.
    let codings = ok(["list", "codings", f.p(), "--format", "csv"]);
    assert_eq!(
        codings.matches(",Budi,").count() + codings.matches(",Budi\n").count(),
        1,
        "{codings}"
    );
}

#[test]
fn merging_several_files_is_one_transaction_and_one_refused_file_merges_none() {
    let (dir, a, b) = two_coders_copies();
    let c = dir.path().join("c.jalin");
    ok(["backup", s(&b), s(&c)]);
    ok([
        "code",
        s(&c),
        "--coder",
        "Cy",
        "--code",
        "bureaucracy",
        "--source",
        "Palu_Prosecutor_02",
        "--range",
        "100..140",
    ]);
    let garbage = dir.path().join("notes.jalin");
    std::fs::write(&garbage, b"not a project at all").unwrap();
    let before = snapshot(&a);
    let r = jalin(["merge", s(&a), s(&b), s(&garbage), s(&c)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(&format!(
            "cannot merge {}: not a Jalin project (it is not an SQLite database)",
            s(&garbage)
        )),
        "{}",
        r.stderr
    );
    assert_eq!(snapshot(&a), before);
    let out = ok(["merge", s(&a), s(&b), s(&c)]);
    // The second file sees what the first added: only Cy's coding is new.
    let adds: Vec<&str> = out.lines().filter(|l| l.contains("added")).collect();
    assert_eq!(
        adds,
        [
            "  added 0 sources, 0 codes, 1 codings, 0 memos, 1 coders, 0 attribute values, 0 pseudonyms",
            "  added 0 sources, 0 codes, 1 codings, 0 memos, 1 coders, 0 attribute values, 0 pseudonyms"
        ],
        "{out}"
    );
}

#[test]
fn merge_refuses_the_target_itself_and_bad_files_leaving_the_target_unchanged() {
    let (dir, a, b) = two_coders_copies();
    let before = snapshot(&a);
    let link = dir.path().join("link.jalin");
    std::os::unix::fs::symlink(&a, &link).unwrap();
    let hard = dir.path().join("hard.jalin");
    std::fs::hard_link(&a, &hard).unwrap();
    let newer = dir.path().join("newer.jalin");
    ok(["backup", s(&b), s(&newer)]);
    {
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.pragma_update(None, "user_version", 999).unwrap();
    }
    let garbage = dir.path().join("garbage.jalin");
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(&garbage, &bytes).unwrap();
    let garbage_problem = format!(
        "{} is encrypted (or is not a Jalin project at all) and there is no terminal",
        s(&garbage)
    );
    let bad_qdpx = dir.path().join("bad.qdpx");
    std::fs::write(&bad_qdpx, b"PK\x03\x04 but no archive").unwrap();
    let fifo = dir.path().join("pipe.jalin");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let cases: Vec<(PathBuf, &str)> = vec![
        (a.clone(), "it is the target project itself"),
        (link, "it is the target project itself"),
        (hard, "it is the target project itself"),
        (
            newer.clone(),
            "this project was saved by a newer Jalin (file schema 999",
        ),
        // 4 KiB of random bytes cannot be told from an encrypted project.
        (garbage, garbage_problem.as_str()),
        (bad_qdpx, "the archive is refused"),
        (dir.path().join("missing.jalin"), "no such file"),
        (dir.path().to_path_buf(), "it is a folder, not a file"),
    ];
    let newer_before = snapshot(&newer);
    for (other, problem) in cases {
        let r = jalin(["merge", s(&a), s(&other), "--dry-run"]);
        assert_eq!(r.code, 1, "{}", s(&other));
        let r = jalin(["merge", s(&a), s(&other)]);
        assert_eq!(r.code, 1, "{}", s(&other));
        let want = format!("cannot merge {}: {problem}", s(&other));
        assert!(r.stderr.contains(&want), "{want}\n{}", r.stderr);
        assert_eq!(snapshot(&a), before, "{}", s(&other));
    }
    assert_eq!(snapshot(&newer), newer_before);
    if made.is_ok_and(|s| s.success()) {
        let r = jalin(["merge", s(&a), s(&fifo)]);
        assert_eq!(r.code, 1);
        assert!(
            r.stderr.contains("it is a FIFO, not a regular file"),
            "{}",
            r.stderr
        );
        assert_eq!(snapshot(&a), before);
    }
}

#[test]
fn an_older_project_is_merged_without_changing_it() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.jalin");
    ok(["new", s(&a)]);
    let old = dir.path().join("old.jalin");
    jalin::store::create_at_version(&old, 3).unwrap();
    let before = snapshot(&old);
    let out = ok(["merge", s(&a), s(&old)]);
    assert!(out.contains("added 0 sources"), "{out}");
    assert_eq!(snapshot(&old), before);
}

#[test]
fn bad_coder_changes_are_refused_and_change_nothing() {
    let f = two_coders();
    refused(
        &f,
        &["coders", f.p(), "add", "a"],
        "a coder called 'a' already exists",
    );
    refused(
        &f,
        &["coders", f.p(), "add", "  "],
        "a name cannot be empty",
    );
    refused(
        &f,
        &["coders", f.p(), "rename", "Z", "Y"],
        "no coder called 'Z' in this project",
    );
    refused(
        &f,
        &["coders", f.p(), "rename", "A", "b"],
        "a coder called 'b' already exists",
    );
    refused(
        &f,
        &["coders", f.p(), "color", "A", "red"],
        "'red' is not a colour: write it as #RRGGBB",
    );
    refused(
        &f,
        &["coders", f.p(), "color", "Nobody", "#112233"],
        "no coder called 'Nobody'",
    );
    refused(
        &f,
        &["coders", f.p(), "add", "C", "--color", "#12345"],
        "'#12345' is not a colour",
    );
    refused(
        &f,
        &["coders", f.p(), "add", "Line\nbreak"],
        "cannot be a coder's name: write it on one line",
    );
    refused(
        &f,
        &["coders", f.p(), "rename", "A", "Tab\there"],
        "cannot be a coder's name",
    );
    let long = "x".repeat(201);
    refused(
        &f,
        &["coders", f.p(), "add", &long],
        "in at most 200 characters",
    );
    // A bad name from --coder is refused before anything is written.
    refused(
        &f,
        &[
            "--coder",
            "Ana\u{7}",
            "code",
            f.p(),
            "--code",
            "training",
            "--match",
            "Only three",
        ],
        "cannot be a coder's name",
    );
}

#[test]
fn blind_coding_keeps_reports_to_the_current_coder() {
    let f = two_coders();
    let freq = |coder: &str, extra: &[&str]| {
        let mut args = vec![
            "report",
            "frequencies",
            f.p(),
            "--format",
            "csv",
            "--coder",
            coder,
        ];
        args.extend_from_slice(extra);
        let r = jalin(&args);
        (r.code, r.stdout, r.stderr)
    };
    let codings_of = |csv: &str| {
        let (h, rows) = parse_csv(csv);
        let i = h.iter().position(|c| c == "codings").unwrap();
        rows[0][i].clone()
    };
    assert_eq!(
        ok(["blind", f.p(), "status"]),
        "blind coding is off: everyone's codings are shown\n"
    );
    // Off: plain reports count every coder.
    let all = ok(["report", "frequencies", f.p(), "--format", "csv"]);
    assert_eq!(codings_of(&all), "3");
    assert_eq!(
        ok(["blind", f.p(), "on", "--coder", "A"]),
        "blind coding is on: reports show each coder only their own codings (you are coder 'A')\n"
    );
    let (code, a, _) = freq("A", &[]);
    assert_eq!((code, codings_of(&a).as_str()), (0, "2"));
    let (code, b, _) = freq("B", &[]);
    assert_eq!((code, codings_of(&b).as_str()), (0, "1"));
    let b_md = ok([
        "report",
        "frequencies",
        f.p(),
        "--format",
        "md",
        "--coder",
        "B",
    ]);
    assert!(b_md.contains("Filtered: coder B."), "{b_md}");
    // Lists too: B sees their one coding, not A's two.
    let listed = |coder: &str| {
        let (h, rows) = parse_csv(&ok([
            "list",
            "codings",
            f.p(),
            "--format",
            "csv",
            "--coder",
            coder,
        ]));
        let i = h.iter().position(|c| c == "coder").unwrap();
        rows.iter().map(|r| r[i].clone()).collect::<Vec<_>>()
    };
    assert_eq!(listed("B"), ["B"]);
    assert_eq!(listed("A"), ["A", "A"]);
    // $JALIN_CODER (tester) has coded nothing: an empty count, not theirs.
    let mine = ok(["report", "frequencies", f.p(), "--format", "csv"]);
    assert_eq!(codings_of(&mine), "0");
    // Asking for someone else's codings is refused.
    let (code, _, err) = freq("A", &["--coder-filter", "B"]);
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "blind coding is on in this project, so reports show only your own codings (coder 'A')"
        ),
        "{err}"
    );
    // Agreement compares coders: it waits until blind coding is off.
    refused(
        &f,
        &["agreement", f.p(), "--coders", "A,B"],
        "blind coding is on in this project, so coders cannot see each other's codings",
    );
    ok(["blind", f.p(), "off"]);
    assert!(ok(["agreement", f.p(), "--coders", "A,B", "--format", "csv"]).contains("percent"));
    assert_eq!(
        codings_of(&ok(["report", "frequencies", f.p(), "--format", "csv"])),
        "3"
    );
    refused(&f, &["blind", f.p(), "maybe"], "invalid value 'maybe'");
}

#[test]
fn consensus_only_reports_count_the_consensus_coder() {
    let f = two_coders();
    let codings = |extra: &[&str]| {
        let mut args = vec!["report", "frequencies", f.p(), "--format", "csv"];
        args.extend_from_slice(extra);
        let out = ok(&args);
        let (h, rows) = parse_csv(&out);
        let i = h.iter().position(|c| c == "codings").unwrap();
        (rows[0][i].clone(), ())
    };
    // No consensus coder yet: nothing counted, and the note says so.
    assert_eq!(codings(&["--consensus-only"]).0, "0");
    let md = ok([
        "report",
        "frequencies",
        f.p(),
        "--format",
        "md",
        "--consensus-only",
    ]);
    assert!(md.contains("Filtered: coder (none yet)."), "{md}");
    ok([
        "code",
        f.p(),
        "--code",
        "training",
        "--match",
        "Only three",
        "--coder",
        "consensus",
    ]);
    assert_eq!(codings(&["--consensus-only"]).0, "1");
    assert_eq!(codings(&[]).0, "4");
    let r = jalin([
        "report",
        "frequencies",
        f.p(),
        "--consensus-only",
        "--coder-filter",
        "A",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(
            "--consensus-only keeps the 'consensus' coder's codings; leave out --coder-filter"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn disagreements_list_each_difference_with_the_decision() {
    let f = two_coders();
    // A: "Training matters" and "Only three"; B: "had training".
    let md = ok(["disagreements", f.p(), "--coders", "A,B", "--format", "md"]);
    assert!(md.contains("**Disagreements: A and B**"), "{md}");
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| training")).collect();
    assert_eq!(rows.len(), 3, "{md}");
    assert!(rows.iter().all(|r| r.ends_with("| open |")), "{md}");
    assert_eq!(rows.iter().filter(|r| r.contains("| only A |")).count(), 2);
    assert_eq!(rows.iter().filter(|r| r.contains("| only B |")).count(), 1);
    assert!(md.contains("on the 1 sources both coded"), "{md}");
    assert!(md.contains("Reviewed: 0 of 3"), "{md}");
    // The consensus coder takes B's passage: that item is decided "B".
    ok([
        "code",
        f.p(),
        "--code",
        "training",
        "--match",
        "had training",
        "--coder",
        "consensus",
    ]);
    let md = ok(["disagreements", f.p(), "--coders", "A,B", "--format", "md"]);
    assert!(md.contains("| only B |") && md.contains("| B |"), "{md}");
    assert!(md.contains("Reviewed: 1 of 3"), "{md}");
    // Bad requests, each refused with a plain message.
    for (args, message) in [
        (vec!["--coders", "A"], "--coders takes two coders, A,B"),
        (
            vec!["--coders", "A,a"],
            "--coders names the same coder twice ('A')",
        ),
        (
            vec!["--coders", "A,Z"],
            "no coder called 'Z' in this project",
        ),
        (
            vec!["--coders", "A,B", "--min-overlap", "0"],
            "--min-overlap is a percentage above 0 and at most 100, not 0",
        ),
        (vec!["--coders", "A,B", "--min-overlap", "150"], "not 150"),
    ] {
        let mut all = vec!["disagreements", f.p()];
        all.extend(args);
        refused(&f, &all, message);
    }
    ok(["blind", f.p(), "on"]);
    refused(
        &f,
        &["disagreements", f.p(), "--coders", "A,B"],
        "blind coding is on in this project, so coders cannot see each other's codings",
    );
}

/// PSE-14: `jalin merge` brings the other copy's pseudonyms: the report
/// counts the added rows and lists a real name the target has with another
/// pseudonym as a conflict; the target keeps its own; a second merge adds
/// nothing and leaves the file byte-identical.
/// A colleague's copy brings its analytic decisions along: exemplar marks
/// (on a coding both have and on the colleague's new coding), review-board
/// items (on a code both have), coder colours (a coder both have, without
/// one in the target, and the colleague's new coder); the target's own
/// review status wins and is reported; a second merge adds nothing.
#[test]
fn merge_brings_exemplars_review_items_and_coder_colours() {
    let (_dir, a, b) = two_coders_copies();
    let codings = ok(["list", "codings", s(&b), "--format", "csv"]);
    let guid_of = |coder: &str| -> String {
        codings
            .lines()
            .find(|l| l.split(',').nth(6) == Some(coder))
            .unwrap()
            .split(',')
            .next()
            .unwrap()
            .to_string()
    };
    let (shared, beas) = (guid_of("R1"), guid_of("Bea"));
    ok(["exemplar", s(&b), &shared]);
    ok(["exemplar", s(&b), &beas]);
    let review = |p: &Path, theme: &str, note: &str| {
        ok([
            "review",
            s(p),
            "--session",
            "Expert FGD",
            "--set",
            theme,
            "--note",
            note,
        ]);
    };
    review(&b, "coordination (B)=confirmed", "agreed by all");
    review(&a, "bureaucracy=disputed", "to discuss");
    review(&b, "bureaucracy=revised", "renamed");
    ok(["coders", s(&b), "color", "Bea", "#00AA00"]);
    ok(["coders", s(&b), "color", "R2", "#123456"]);
    let out = ok(["merge", s(&a), s(&b)]);
    assert!(out.contains("and marked 5 "), "{out}");
    assert!(
        out.contains("- review item 'bureaucracy' in session 'Expert FGD': is disputed here and revised in b.jalin"),
        "{out}"
    );
    let exemplars = ok([
        "report",
        "quotes",
        s(&a),
        "--exemplars-only",
        "--format",
        "csv",
    ]);
    assert_eq!(exemplars.lines().count(), 3, "{exemplars}");
    let board = ok(["review", s(&a), "--session", "Expert FGD", "--format", "md"]);
    assert!(board.contains("agreed by all"), "{board}");
    assert!(
        board.contains("to discuss") && !board.contains("renamed"),
        "{board}"
    );
    let coders = ok(["coders", s(&a), "list"]);
    assert!(coders.contains("Bea\t#00AA00"), "{coders}");
    assert!(coders.contains("R2\t#123456"), "{coders}");
    let after = snapshot(&a);
    let again = ok(["merge", s(&a), s(&b)]);
    assert!(!again.contains("marked"), "{again}");
    assert_eq!(snapshot(&a), after);
}

#[test]
fn merge_brings_pseudonyms_and_keeps_the_targets_on_a_conflict() {
    let (_dir, a, b) = two_coders_copies();
    ok([
        "pseudonyms",
        s(&a),
        "add",
        "Palu",
        "Kota A",
        "--kind",
        "place",
    ]);
    ok([
        "pseudonyms",
        s(&b),
        "add",
        "Palu",
        "Kota Z",
        "--kind",
        "place",
    ]);
    ok([
        "pseudonyms",
        s(&b),
        "add",
        "Sigi",
        "Kota B",
        "--kind",
        "place",
    ]);
    let out = ok(["merge", s(&a), s(&b)]);
    assert!(
        out.contains(
            ", 1 pseudonyms
"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "- pseudonym of 'Palu': is 'Kota A' (place) here and 'Kota Z' (place) in b.jalin; the target's pseudonym is kept"
        ),
        "{out}"
    );
    let list = ok(["pseudonyms", s(&a), "list"]);
    assert!(list.contains("Kota A") && list.contains("Kota B"), "{list}");
    assert!(!list.contains("Kota Z"), "{list}");
    let after = snapshot(&a);
    let again = ok(["merge", s(&a), s(&b)]);
    assert!(again.contains(", 0 pseudonyms\n"), "{again}");
    assert_eq!(snapshot(&a), after);
    // The conflict lines in Bahasa Indonesia.
    let id = ok(["--lang", "id", "merge", s(&a), s(&b), "--dry-run"]);
    assert!(
        id.contains(
            "- pseudonim untuk 'Palu': bernilai 'Kota A' (place) di sini dan 'Kota Z' (place) di \
             b.jalin; pseudonim target dipertahankan"
        ),
        "{id}"
    );
    assert_eq!(snapshot(&a), after);
}

/// A command that changes the project, its output going to a full disk:
/// it finishes (exit 3) and names the one lost line in the singular, with
/// the line itself (stdout's buffer took it in parts, then lost it).
#[cfg(target_os = "linux")]
#[test]
fn output_to_a_full_disk_names_the_lost_line() {
    let f = Fixture::new();
    let src = f.file(
        "palu.txt",
        b"Interviewer: How do files move?\n\nR: The files go back and forth.\n",
    );
    ok(["import", f.p(), s(&src)]);
    ok(["codes", "add", f.p(), "coordination"]);
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let r = std::process::Command::new(env!("CARGO_BIN_EXE_jalin"))
        .args(["code", f.p(), "--code", "coordination", "--match", "files"])
        .env("JALIN_CODER", "tester")
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("1 line was lost") && stderr.contains("its last line was: coded "),
        "{stderr}"
    );
}
