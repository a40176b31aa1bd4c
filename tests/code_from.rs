//! `jalin code PROJECT --from FILE.csv`: codings applied from a file, each
//! row in its own transaction or, with `--one-transaction`, all or nothing.

mod common;

use std::path::Path;

use common::{Workspace, jalin, ok, parse_csv, snapshot};

const TEXT: &str = "Interviewer: How do files move between offices?\n\nR: Koordinasinya masih lemah — the file goes back 😀 and forth.\n";

/// A project with one source `palu` and the codes `coordination` and
/// `delay`.
fn fixture() -> Workspace {
    Workspace::with("palu.txt", TEXT, &["coordination", "delay"])
}

fn codings(f: &Workspace) -> Vec<Vec<String>> {
    parse_csv(&ok(["list", "codings", f.p()])).1
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn applies_each_row_and_prints_its_guid() {
    let f = fixture();
    let csv = f.file(
        "codings.csv",
        "source,code,start,end,coder\npalu,coordination,0,11,Ana\nPALU,delay,51,60,\npalu,coordination,70,80,Budi\n",
    );
    let out = ok(["code", f.p(), "--from", s(&csv)]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(lines[0].starts_with("row 1: ") && lines[2].starts_with("row 3: "));
    assert!(lines[3].contains("coded 3 passages") && lines[3].contains("0 rows already coded"));
    let (h, rows) = parse_csv(&ok(["list", "codings", f.p()]));
    assert_eq!(rows.len(), 3);
    let coder = h.iter().position(|c| c == "coder").unwrap();
    let mut coders: Vec<&str> = rows.iter().map(|r| r[coder].as_str()).collect();
    coders.sort();
    // An empty coder cell means the --coder/$JALIN_CODER coder.
    assert_eq!(coders, ["Ana", "Budi", "tester"]);
    // Every printed GUID is a coding.
    for l in &lines[..3] {
        let guid = l.split(": ").nth(1).unwrap();
        ok(["exemplar", f.p(), guid]);
    }

    // Applying the file again skips every row and changes nothing.
    let before = snapshot(&f.project);
    let out = ok(["code", f.p(), "--from", s(&csv)]);
    assert!(
        out.contains("coded 0 passages") && out.contains("3 rows already coded"),
        "{out}"
    );
    assert_eq!(snapshot(&f.project), before);
}

#[test]
fn a_bad_row_stops_and_keeps_the_rows_before_it() {
    let f = fixture();
    let csv = f.file(
        "codings.csv",
        "source,code,start,end\npalu,coordination,0,11\npalu,delay,5,9\npalu,delay,0,99999\npalu,delay,1,2\n",
    );
    let r = jalin(["code", f.p(), "--from", s(&csv)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("error: row 3 (line 4): range 0..99999 is outside source 'palu'")
            && r.stderr.contains(&csv.display().to_string()),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("the 2 codings of the rows before row 3 were saved"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
    assert_eq!(codings(&f).len(), 2);

    // Fixed, the file applies the rest; the saved rows are skipped.
    std::fs::write(
        &csv,
        "source,code,start,end\npalu,coordination,0,11\npalu,delay,5,9\npalu,delay,0,20\npalu,delay,1,2\n",
    )
    .unwrap();
    let out = ok(["code", f.p(), "--from", s(&csv)]);
    assert!(
        out.contains("coded 2 passages") && out.contains("2 rows already coded"),
        "{out}"
    );
    assert_eq!(codings(&f).len(), 4);
}

/// A coder cell `jalin --coder` would refuse (a line break and an escape
/// sequence; 100,000 characters) is refused with its row, shown escaped,
/// and no coder is made.
#[test]
fn a_coder_name_the_coder_option_refuses_is_refused_in_a_row() {
    let f = fixture();
    let long = "c".repeat(100_000);
    for (i, coder) in ["\"a\nb\u{1b}[31m\"", long.as_str()].iter().enumerate() {
        let csv = f.file(
            &format!("codings{i}.csv"),
            format!("source,code,start,end,coder\npalu,coordination,0,11,{coder}\n"),
        );
        let before = snapshot(&f.project);
        let r = jalin(["code", f.p(), "--from", s(&csv)]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(
            r.stderr.contains("error: row 1 (line 2): '")
                && r.stderr.contains("cannot be a coder's name"),
            "{}",
            r.stderr
        );
        assert!(
            !r.stderr.contains('\u{1b}'),
            "a raw escape reached the terminal"
        );
        assert_eq!(snapshot(&f.project), before);
    }
    assert!(!ok(["coders", f.p(), "list"]).contains("a\nb"));
}

#[test]
fn one_transaction_saves_all_or_nothing() {
    let f = fixture();
    let bad = f.file(
        "bad.csv",
        "source,code,start,end,coder\npalu,coordination,0,11,Newcomer\npalu,nosuchcode,5,9,\n",
    );
    let before = snapshot(&f.project);
    let r = jalin(["code", f.p(), "--from", s(&bad), "--one-transaction"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("row 2 (line 3): no code called 'nosuchcode'")
            && r.stderr.contains(&bad.display().to_string())
            && r.stderr.contains("nothing was saved"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert_eq!(snapshot(&f.project), before, "the project changed");

    let good = f.file(
        "good.csv",
        "source,code,start,end,coder\npalu,coordination,0,11,Newcomer\npalu,delay,5,9,\npalu,delay,5,9,\n",
    );
    let out = ok(["code", f.p(), "--from", s(&good), "--one-transaction"]);
    assert!(
        out.contains("coded 2 passages") && out.contains("1 row already coded"),
        "{out}"
    );
    assert_eq!(codings(&f).len(), 2);
}

/// Each bad file is refused naming the file and the problem, exits 1, and
/// leaves the project byte-identical (the bad row is the first).
#[test]
fn bad_files_are_refused_untouched() {
    let f = fixture();
    let cases: &[(&str, &[u8], &str)] = &[
        (
            "mismatched.csv",
            b"source,code,start,end\npalu,coordination,0\n",
            "row 1 (line 2): it has 3 columns, the header has 4",
        ),
        (
            "columns.csv",
            b"file,label,from,to\npalu,coordination,0,4\n",
            "needs the columns source, code, start and end",
        ),
        (
            "number.csv",
            b"source,code,start,end\npalu,coordination,zero,4\n",
            "row 1 (line 2): start 'zero' is not a whole number",
        ),
        (
            "negative.csv",
            b"source,code,start,end\npalu,coordination,-3,4\n",
            "start '-3' is not a whole number",
        ),
        (
            "outside.csv",
            b"source,code,start,end\npalu,coordination,100,100000\n",
            "range 100..100000 is outside source 'palu'",
        ),
        (
            "reversed.csv",
            b"source,code,start,end\npalu,coordination,9,4\n",
            "range 9..4 is empty or reversed",
        ),
        (
            "source.csv",
            b"source,code,start,end\nnowhere,coordination,0,4\n",
            "no source called 'nowhere'",
        ),
        (
            "latin1.csv",
            b"source,code,start,end\npalu,caf\xe9,0,4\n",
            "the codings file is not UTF-8 text",
        ),
        (
            "empty.csv",
            b"",
            "needs the columns source, code, start and end",
        ),
        (
            "quote.csv",
            b"source,code,start,end\n\"palu,coordination,0,4\n",
            "row 1",
        ),
    ];
    for (name, bytes, message) in cases {
        let path = f.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        for extra in [&[][..], &["--one-transaction"][..]] {
            let before = snapshot(&f.project);
            let mut args = vec!["code", f.p(), "--from", s(&path)];
            args.extend_from_slice(extra);
            let r = jalin(&args);
            assert_eq!(r.code, 1, "{name} {extra:?}: {}", r.stderr);
            assert!(
                r.stderr.contains(message) && r.stderr.contains(&path.display().to_string()),
                "{name} {extra:?}: expected '{message}' and the file name in: {}",
                r.stderr
            );
            assert_eq!(snapshot(&f.project), before, "{name} changed the project");
        }
    }
    let missing = f.dir.path().join("missing.csv");
    let r = jalin(["code", f.p(), "--from", s(&missing)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("cannot read the codings file") && r.stderr.contains("missing.csv"));
}

#[test]
fn from_conflicts_with_a_single_coding() {
    let f = fixture();
    let csv = f.file("c.csv", "source,code,start,end\n");
    let r = jalin(["code", f.p(), "--from", s(&csv), "--code", "delay"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let before = snapshot(&f.project);
    let r = jalin([
        "code",
        f.p(),
        "--one-transaction",
        "--code",
        "delay",
        "--range",
        "0..3",
        "--source",
        "palu",
    ]);
    assert_ne!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("--one-transaction goes with --from"),
        "{}",
        r.stderr
    );
    assert_eq!(snapshot(&f.project), before);
}
