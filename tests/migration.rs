//! Project files written by every earlier schema version of Jalin (by the
//! old Jalin binaries themselves, see tests/fixtures/migration/README.md)
//! open with this Jalin, migrate to the latest schema, pass the integrity
//! check, and report the same tables the old version printed for them. A
//! migration that fails leaves the file byte-identical.

mod common;

use std::path::{Path, PathBuf};

use common::{jalin, ok, parse_csv};
use jalin::store::{LATEST_VERSION, Project};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/migration")
}

/// The schema versions with a fixture: v1, v2, v3, ...
fn versions() -> Vec<i64> {
    let found: Vec<i64> = (1..=LATEST_VERSION)
        .filter(|v| fixtures().join(format!("v{v}.jalin")).is_file())
        .collect();
    assert!(
        found.len() >= 3 && found[..3] == [1, 2, 3],
        "fixtures v1..v3 are committed: {found:?}"
    );
    found
}

/// A copy of fixture `vN` in a temporary folder.
fn copy_of(v: i64) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join(format!("v{v}.jalin"));
    std::fs::copy(fixtures().join(format!("v{v}.jalin")), &to).unwrap();
    (dir, to)
}

fn raw_version(path: &Path) -> i64 {
    let c = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap();
    c.pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

/// Compares a table this Jalin prints with the one the old Jalin printed:
/// the same rows, and the same value in every column both have (a later
/// Jalin may add columns; none may change or vanish). Rows for which
/// `compare` says no are only checked to be there (same first column).
fn same_table(what: &str, old: &str, new: &str, compare: &dyn Fn(&[String], &[String]) -> bool) {
    let (oh, orows) = parse_csv(old);
    let (nh, nrows) = parse_csv(new);
    for c in &oh {
        assert!(
            nh.contains(c),
            "{what}: column '{c}' is gone (old {oh:?}, new {nh:?})"
        );
    }
    assert_eq!(
        orows.len(),
        nrows.len(),
        "{what}: rows\nold:\n{old}\nnew:\n{new}"
    );
    for (i, (o, n)) in orows.iter().zip(&nrows).enumerate() {
        assert_eq!(o[0], n[0], "{what}: row {i}");
        if !compare(&nh, n) {
            continue;
        }
        for (j, c) in oh.iter().enumerate() {
            let k = nh.iter().position(|x| x == c).unwrap();
            assert_eq!(
                o[j], n[k],
                "{what}: row {i}, column '{c}'\nold:\n{old}\nnew:\n{new}"
            );
        }
    }
}

#[test]
fn every_old_version_opens_migrates_and_reports_the_same_tables() {
    for v in versions() {
        let (_dir, path) = copy_of(v);
        assert_eq!(
            raw_version(&path),
            v,
            "fixture v{v} is at schema version {v}"
        );
        {
            let p = Project::open(&path).unwrap_or_else(|e| panic!("v{v} does not open: {e}"));
            assert_eq!(p.schema_version().unwrap(), LATEST_VERSION, "v{v}");
            p.check_integrity().unwrap();
            // What every fixture holds.
            assert_eq!(p.sources().unwrap().len(), 3, "v{v}");
            let codes = p.codes().unwrap();
            assert!(
                codes.iter().filter(|c| c.parent.is_some()).count() >= 3,
                "v{v}: nested codes"
            );
            let data = p.data().unwrap();
            assert_eq!(data.coders.len(), 2, "v{v}: two coders");
            for k in &data.coders {
                assert!(
                    data.codings.iter().any(|c| c.coder == k.id),
                    "v{v}: {} coded",
                    k.name
                );
            }
            assert_eq!(p.memos().unwrap().len(), 5, "v{v}");
            let turns: usize = p
                .sources()
                .unwrap()
                .iter()
                .map(|s| p.turns(s.id).unwrap().len())
                .sum();
            assert!(turns >= 10, "v{v}: {turns} speaker turns");
            if v >= 2 {
                assert_eq!(p.exemplars().unwrap().len(), 2, "v{v}");
                assert_eq!(p.review_sessions().unwrap().len(), 2, "v{v}");
            }
        }
        assert_eq!(
            raw_version(&path),
            LATEST_VERSION,
            "v{v}: migrated in the file"
        );
        let expected = fixtures().join(format!("v{v}.expected"));
        let mut compared = 0;
        let p = path.to_str().unwrap();
        for (file, args) in [
            ("sources.csv", vec!["list", "sources", p]),
            ("codes.csv", vec!["list", "codes", p]),
            ("codings.csv", vec!["list", "codings", p]),
            ("memos.csv", vec!["list", "memos", p]),
            ("frequencies.csv", vec!["report", "frequencies", p]),
            (
                "frequencies_by_city.csv",
                vec!["report", "frequencies", p, "--by", "attr:city"],
            ),
            ("triangulation.csv", vec!["report", "triangulation", p]),
            ("cooccurrence.csv", vec!["report", "cooccurrence", p]),
        ] {
            let Ok(old) = std::fs::read_to_string(expected.join(file)) else {
                assert!(v == 1 && file == "cooccurrence.csv", "v{v}: {file} missing");
                continue;
            };
            let mut args = args;
            let report = args[0] == "report";
            // Jalin 1 printed its reports wide (one row per code): compare
            // with today's wide form.
            args.extend([
                "--format",
                if v == 1 && report { "csv-wide" } else { "csv" },
            ]);
            let new = ok(&args);
            // Since schema 2, frequencies count a code's sub-codes' codings
            // too (the column `sub-codes` says how many it has); Jalin 1
            // counted the code's own. A code without sub-codes must agree;
            // the own counts of every code are compared in codes.csv.
            let leaf = |h: &[String], row: &[String]| {
                h.iter()
                    .position(|c| c == "sub-codes")
                    .is_none_or(|k| row[k] == "0")
            };
            let all = |_: &[String], _: &[String]| true;
            let compare: &dyn Fn(&[String], &[String]) -> bool =
                if v == 1 && file.starts_with("frequencies") {
                    &leaf
                } else {
                    &all
                };
            same_table(&format!("v{v} {file}"), &old, &new, compare);
            compared += 1;
        }
        if v >= 2 {
            let old = std::fs::read_to_string(expected.join("review_expert_fgd.md")).unwrap();
            let new = ok(["review", p, "--session", "Expert FGD", "--format", "md"]);
            assert_eq!(old.trim(), new.trim(), "v{v}: review sheet");
        }
        assert!(compared >= 7, "v{v}: {compared} tables compared");
    }
}

/// A migration that fails part-way (here step 3, whose `DROP COLUMN` a view
/// on the old column blocks, after it has copied the texts) leaves the file
/// byte-identical, with the error naming it.
#[test]
fn a_failed_migration_leaves_the_file_byte_identical() {
    for v in [1, 2] {
        let (_dir, path) = copy_of(v);
        {
            let c = rusqlite::Connection::open(&path).unwrap();
            c.execute_batch("CREATE VIEW texts AS SELECT name, text FROM sources;")
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = match Project::open(&path) {
            Ok(_) => panic!("v{v}: a file whose migration cannot run opened"),
            Err(e) => e.to_string(),
        };
        // Today the message is SQLite's ("error in view texts after drop
        // column: no such column: text"); a check of foreign schema objects
        // on open may refuse the file sooner, which is as good.
        assert!(!err.is_empty());
        let after = std::fs::read(&path).unwrap();
        assert!(
            common::same_bytes(&before, &after),
            "v{v}: the file changed"
        );
        assert_eq!(raw_version(&path), v);
        // The command line says so and changes nothing either.
        let r = jalin(["list", "sources", path.to_str().unwrap()]);
        assert_eq!(r.code, 1, "{}", r.stdout);
        assert!(
            r.stderr.contains(&path.display().to_string()),
            "{}",
            r.stderr
        );
        assert!(common::same_bytes(&before, &std::fs::read(&path).unwrap()));
    }
}

/// A migration that cannot write (the file read-only: chmod 444, or as root
/// `chattr +i`) fails, naming the file, and leaves it byte-identical.
#[test]
fn a_migration_that_cannot_write_leaves_the_file_byte_identical() {
    let (_dir, path) = copy_of(1);
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let is_root = std::fs::OpenOptions::new().write(true).open(&path).is_ok();
    let immutable = is_root
        && std::process::Command::new("chattr")
            .arg("+i")
            .arg(&path)
            .status()
            .is_ok_and(|s| s.success());
    if is_root && !immutable {
        common::privileged_skip("running as root and `chattr +i` is unavailable");
        return;
    }
    let before = std::fs::read(&path).unwrap();
    let r = jalin(["list", "sources", path.to_str().unwrap()]);
    let opened = Project::open(&path).is_ok();
    if immutable {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&path)
            .status();
    }
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stderr.contains(&path.display().to_string()),
        "{}",
        r.stderr
    );
    assert!(
        !opened,
        "a read-only old file opened (and so was not migrated)"
    );
    assert!(common::same_bytes(&before, &std::fs::read(&path).unwrap()));
    assert_eq!(raw_version(&path), 1);
}
