//! Crash safety: the real `jalin` binary is killed with SIGKILL at random
//! moments while it saves codings one transaction at a time, and while it
//! imports a large file. After every kill the project must open, pass
//! SQLite's integrity and foreign-key checks, keep its schema, and hold every
//! coding whose success the command printed; an import must have saved its
//! whole source or none of it.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::ok;
use jalin::store::{LATEST_VERSION, Project};

/// xorshift64*: the test's own random moments, reproducible from the seed
/// printed on failure.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
}

fn seed() -> u64 {
    common::seed_from_env("JALIN_CRASH_SEED")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Starts `jalin ARGS`, kills it with SIGKILL after `after`, and returns
/// every stdout line it printed before dying.
fn run_and_kill(args: &[&str], after: Duration) -> Vec<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jalin"))
        .args(args)
        .env("JALIN_CODER", "tester")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start jalin");
    let stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .collect::<Vec<_>>()
    });
    std::thread::sleep(after);
    // `Child::kill` sends SIGKILL on Unix: no destructor, no rollback, no flush.
    let _ = child.kill();
    let _ = child.wait();
    reader.join().expect("reader thread")
}

/// Opens the project as Jalin does and checks it is sound.
fn check_sound(project: &Path, context: &str) -> Project {
    let p = Project::open(project)
        .unwrap_or_else(|e| panic!("{context}: the project does not open: {e}"));
    p.check_integrity()
        .unwrap_or_else(|e| panic!("{context}: {e}"));
    assert_eq!(
        p.schema_version().unwrap(),
        LATEST_VERSION,
        "{context}: schema version"
    );
    p
}

#[test]
fn killed_while_coding_loses_no_reported_coding() {
    let seed = seed();
    eprintln!("JALIN_CRASH_SEED={seed}");
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("crash.jalin");
    ok(["new", s(&project)]);
    let doc = jalin::bench::corpus::document(7, 0, 60);
    let src = dir.path().join("long.txt");
    std::fs::write(&src, doc.file_contents()).unwrap();
    ok(["import", s(&project), s(&src)]);
    let codes = ["coordination", "delay", "training", "trust", "évidence"];
    for c in codes {
        ok(["codes", "add", s(&project), c]);
    }
    let len = doc.text.chars().count();
    // More rows than any run can save before it is killed.
    let planned = jalin::bench::corpus::codings(seed, &[len], codes.len(), 20_000);
    let mut csv = String::from("source,code,start,end\n");
    for c in &planned {
        csv.push_str(&format!("long,{},{},{}\n", codes[c.code], c.start, c.end));
    }
    let csv_path = dir.path().join("codings.csv");
    std::fs::write(&csv_path, csv).unwrap();

    let started = Instant::now();
    let mut reported: Vec<String> = Vec::new();
    let rounds = 60;
    for round in 0..rounds {
        let after = Duration::from_millis(30 + rng.below(250));
        let lines = run_and_kill(&["code", s(&project), "--from", s(&csv_path)], after);
        let context = format!("round {round} (seed {seed}, killed after {after:?})");
        let p = check_sound(&project, &context);
        for l in &lines {
            if let Some(guid) = l.strip_prefix("row ").and_then(|r| r.split_once(": ")) {
                reported.push(guid.1.to_string());
            }
        }
        for guid in &reported {
            p.find_coding(guid).unwrap_or_else(|e| {
                panic!("{context}: coding {guid} was reported saved but is gone: {e}")
            });
        }
        let stored = p.codings().unwrap().len();
        assert!(stored >= reported.len(), "{context}");
    }
    eprintln!(
        "{rounds} kills in {:?}; {} codings reported and all present",
        started.elapsed(),
        reported.len()
    );
    assert!(
        !reported.is_empty(),
        "no run got far enough to save a coding"
    );
}

#[test]
fn killed_while_importing_saves_the_whole_source_or_none() {
    let seed = seed();
    eprintln!("JALIN_CRASH_SEED={seed}");
    let mut rng = Rng(seed ^ 0x5EED);
    let dir = tempfile::tempdir().unwrap();
    // A large transcript: about 12 MB with many thousands of speaker turns.
    let mut text = String::new();
    for i in 0..60 {
        text.push_str(&jalin::bench::corpus::document(3, i * 10, 200).text);
    }
    let big = dir.path().join("big.txt");
    std::fs::write(&big, &text).unwrap();

    // A clean import, for the expected text, turns and the time it takes.
    let reference = dir.path().join("reference.jalin");
    ok(["new", s(&reference)]);
    let t = Instant::now();
    ok(["import", s(&reference), s(&big)]);
    let full = t.elapsed();
    let (want_hash, want_len, want_turns) = {
        let p = Project::open(&reference).unwrap();
        let src = &p.sources().unwrap()[0];
        (
            src.content_hash.clone(),
            src.char_len,
            p.turns(src.id).unwrap().len(),
        )
    };
    assert!(want_turns > 1000, "{want_turns} turns");

    let project: PathBuf = dir.path().join("crash.jalin");
    ok(["new", s(&project)]);
    let (mut whole, mut none) = (0, 0);
    for round in 0..12 {
        let before = Project::open(&project).unwrap().sources().unwrap().len();
        let after = Duration::from_millis(rng.below(full.as_millis() as u64 * 5 / 4 + 1));
        // --force, so a round after a completed one imports it again.
        run_and_kill(&["import", s(&project), s(&big), "--force"], after);
        let context = format!("round {round} (seed {seed}, killed after {after:?} of {full:?})");
        let p = check_sound(&project, &context);
        let sources = p.sources().unwrap();
        for src in &sources {
            assert_eq!(src.content_hash, want_hash, "{context}: a partial text");
            assert_eq!(src.char_len, want_len, "{context}");
            assert_eq!(
                p.turns(src.id).unwrap().len(),
                want_turns,
                "{context}: partial turns"
            );
            assert_eq!(p.source_text(src.id).unwrap(), text, "{context}");
        }
        if sources.len() > before {
            whole += 1;
        } else {
            none += 1;
        }
    }
    eprintln!("import killed 12 times: {whole} saved whole, {none} saved nothing");
}
