//! Crash safety: real processes are killed with SIGKILL (no destructor, no
//! rollback, no flush) while they write, and the project must then open,
//! pass SQLite's integrity and foreign-key checks, keep its schema, and hold
//! everything the process reported saved:
//!
//! - `jalin code --from` saving codings one transaction at a time: every
//!   kill lands after the first coding of its round was saved and before the
//!   last (fresh rows each round, kill times drawn inside the measured
//!   writing window); every reported coding survives. The test prints
//!   `kills during a write: N of M` on stderr, outside the test harness's
//!   capture, so CI's log shows it, and fails unless N = M.
//! - `jalin import` of a 12 MB transcript: the source is saved whole or not
//!   at all.
//! - `jalin qdpx import`: no project, or one holding the whole exchange file.
//! - `jalin codes merge`: all of the merge or none of it.
//! - The workbench's command path (AppState::run, as the window calls it),
//!   run in a child process (this test binary re-run): every coding, memo
//!   text, exemplar mark and code it reported survives.
//!
//! Jalin has no command that merges two projects, so there is nothing of
//! that kind to kill.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
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

    fn duration_below(&mut self, d: Duration) -> Duration {
        Duration::from_micros(self.below(d.as_micros() as u64))
    }
}

fn seed() -> u64 {
    common::seed_from_env("JALIN_CRASH_SEED")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Prints a line straight to the process's stderr. The test harness captures
/// `println!`/`eprintln!` of passing tests; this line is not captured, so a
/// plain `cargo test` (as CI runs it) shows it.
fn announce(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

/// What a watched process printed, and how it ended.
struct Outcome {
    lines: Vec<String>,
    /// Killed by our SIGKILL (as opposed to having finished on its own).
    killed: bool,
    /// When the line that started the clock came (if it came).
    started: Option<Instant>,
    /// When its stdout closed (it finished or was killed).
    ended: Instant,
}

/// When the clock of a kill starts.
enum Start<'a> {
    /// When the process starts.
    Now,
    /// When it prints a line that satisfies this.
    Line(&'a dyn Fn(&str) -> bool),
}

/// Runs `cmd`; once `start` happens, waits `delay` and kills the process
/// with SIGKILL, unless it finished first. Returns every line it printed.
fn watch(mut cmd: Command, start: Start<'_>, delay: Duration) -> Outcome {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the process");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut lines = Vec::new();
    let mut started = None;
    let spawned = Instant::now();
    if let Start::Line(start) = start {
        loop {
            match rx.recv_timeout(Duration::from_secs(120)) {
                Ok(line) => {
                    let hit = start(&line);
                    lines.push(line);
                    if hit {
                        started = Some(Instant::now());
                        break;
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let _ = child.kill();
                    panic!("the process did not start writing within 120 s: {lines:?}");
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
    } else {
        started = Some(spawned);
    }
    let deadline = started.unwrap_or(spawned) + delay;
    let mut closed = false;
    while !closed {
        let now = Instant::now();
        if now >= deadline {
            break;
        }
        match rx.recv_timeout(deadline - now) {
            Ok(line) => lines.push(line),
            Err(mpsc::RecvTimeoutError::Timeout) => break,
            Err(mpsc::RecvTimeoutError::Disconnected) => closed = true,
        }
    }
    // `Child::kill` sends SIGKILL on Unix.
    let _ = child.kill();
    let status = child.wait().expect("wait for the process");
    reader.join().expect("reader thread");
    lines.extend(rx.try_iter());
    Outcome {
        lines,
        killed: status.signal() == Some(9),
        started,
        ended: Instant::now(),
    }
}

fn jalin_cmd(args: &[&str], coder: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_jalin"));
    c.args(args).env("JALIN_CODER", coder);
    c
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

/// Every coding as comparable text (code by name, coder by name), sorted.
fn codings_dump(p: &Project) -> Vec<String> {
    let data = p.data().unwrap();
    let code = |id| data.codes.iter().find(|c| c.id == id).unwrap().name.clone();
    let coder = |id| {
        data.coders
            .iter()
            .find(|c| c.id == id)
            .unwrap()
            .name
            .clone()
    };
    let mut out: Vec<String> = p
        .codings()
        .unwrap()
        .iter()
        .map(|k| {
            format!(
                "{} {} {}..{} {} {}",
                code(k.code),
                k.source,
                k.start,
                k.end,
                coder(k.coder),
                k.guid
            )
        })
        .collect();
    out.sort();
    out
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
    let planned = jalin::bench::corpus::codings(seed, &[len], codes.len(), 1_500);
    let mut csv = String::from("source,code,start,end\n");
    let mut distinct = std::collections::HashSet::new();
    for c in &planned {
        csv.push_str(&format!("long,{},{},{}\n", codes[c.code], c.start, c.end));
        distinct.insert((c.code, c.start, c.end));
    }
    let csv_path = dir.path().join("codings.csv");
    std::fs::write(&csv_path, csv).unwrap();
    let args = ["code", s(&project), "--from", s(&csv_path)];
    let is_row = |l: &str| l.starts_with("row ");

    // The writing window: from the first saved row to the end of a whole
    // run. Every round codes as a new coder, so its rows are all fresh (a
    // repeated row would be skipped, not written).
    let whole = watch(
        jalin_cmd(&args, "reference"),
        Start::Line(&is_row),
        Duration::from_secs(600),
    );
    assert!(!whole.killed, "the reference run did not finish");
    let window = whole.ended - whole.started.expect("the reference run saved rows");
    let saved = whole.lines.iter().filter(|l| is_row(l)).count();
    assert_eq!(saved, distinct.len(), "the reference run saved every row");

    let started = Instant::now();
    let rounds = 40;
    let (mut during_write, mut reported_total) = (0, 0);
    let mut reported: Vec<String> = Vec::new();
    for round in 0..rounds {
        // Drawn inside the first half of the window (and the first 300 ms,
        // to keep the test short): the run is still writing when the kill
        // comes, even if this run is faster.
        let delay = rng.duration_below((window / 2).min(Duration::from_millis(300)));
        let coder = format!("round{round}");
        let out = watch(jalin_cmd(&args, &coder), Start::Line(&is_row), delay);
        let context = format!(
            "round {round} (seed {seed}, killed {delay:?} after its first coding; window {window:?})"
        );
        let p = check_sound(&project, &context);
        let this_round: Vec<String> = out
            .lines
            .iter()
            .filter_map(|l| l.strip_prefix("row ")?.split_once(": "))
            .map(|(_, guid)| guid.to_string())
            .collect();
        reported.extend(this_round.iter().cloned());
        reported_total += this_round.len();
        for guid in &reported {
            p.find_coding(guid).unwrap_or_else(|e| {
                panic!("{context}: coding {guid} was reported saved but is gone: {e}")
            });
        }
        let id = p.find_coder(&coder).unwrap().expect("the coder").id;
        let stored = p
            .codings()
            .unwrap()
            .iter()
            .filter(|c| c.coder == id)
            .count();
        // At most one coding can be saved and not yet reported: the one whose
        // line the kill cut off.
        assert!(
            stored == this_round.len() || stored == this_round.len() + 1,
            "{context}: {stored} codings stored, {} reported",
            this_round.len()
        );
        if out.killed && !this_round.is_empty() && stored < distinct.len() {
            during_write += 1;
        }
    }
    announce(&format!(
        "kills during a write: {during_write} of {rounds} (`jalin code --from`, seed {seed}; \
         {reported_total} codings reported saved, all present; {:?})",
        started.elapsed()
    ));
    assert_eq!(
        during_write, rounds,
        "some kills did not land while codings were being written (seed {seed})"
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
    let mut full = t.elapsed();
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
    let (mut whole, mut none, mut before_end) = (0, 0, 0);
    let rounds = 12;
    for round in 0..rounds {
        let before = Project::open(&project).unwrap().sources().unwrap().len();
        let after = rng.duration_below(full);
        // --force, so a round after a completed one imports it again.
        let out = watch(
            jalin_cmd(&["import", s(&project), s(&big), "--force"], "tester"),
            Start::Now,
            after,
        );
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
        // The source is there whole, or absent: never two, never a part.
        match sources.len() - before {
            0 => none += 1,
            1 => whole += 1,
            n => panic!("{context}: {n} sources added by one import"),
        }
        if out.killed {
            before_end += 1;
        } else {
            // The machine got faster (the other tests of this binary
            // finished): draw later kills from the quicker run's window.
            full = full.min(out.ended - out.started.unwrap_or(out.ended));
        }
    }
    announce(&format!(
        "import killed {rounds} times ({before_end} before it finished): \
         {whole} saved the whole source, {none} saved nothing, none a part (seed {seed})"
    ));
    assert_eq!(whole + none, rounds);
    assert!(
        before_end * 2 >= rounds,
        "only {before_end} of {rounds} kills came before the import finished (seed {seed})"
    );
}

/// A project worth exchanging: the demo study plus a long source with a few
/// thousand codings.
fn rich_project(dir: &Path, seed: u64) -> PathBuf {
    let project = dir.join("rich.jalin");
    ok(["demo", s(&project)]);
    let doc = jalin::bench::corpus::document(5, 0, 60);
    let src = dir.join("long.txt");
    std::fs::write(&src, doc.file_contents()).unwrap();
    ok(["import", s(&project), s(&src)]);
    let len = doc.text.chars().count();
    let codes = ["coordination", "bureaucracy", "budget and facilities"];
    let planned = jalin::bench::corpus::codings(seed, &[len], codes.len(), 3_000);
    let mut csv = String::from("source,code,start,end\n");
    for c in &planned {
        csv.push_str(&format!("long,{},{},{}\n", codes[c.code], c.start, c.end));
    }
    let csv_path = dir.join("codings.csv");
    std::fs::write(&csv_path, csv).unwrap();
    ok([
        "code",
        s(&project),
        "--from",
        s(&csv_path),
        "--one-transaction",
    ]);
    project
}

/// Counts of what a project holds, for "whole or nothing".
fn counts(p: &Project) -> (usize, usize, usize, usize) {
    (
        p.sources().unwrap().len(),
        p.codes().unwrap().len(),
        p.codings().unwrap().len(),
        p.memos().unwrap().len(),
    )
}

#[test]
fn killed_while_importing_a_qdpx_leaves_no_project_or_a_whole_one() {
    let seed = seed();
    eprintln!("JALIN_CRASH_SEED={seed}");
    let mut rng = Rng(seed ^ 0x0DD);
    let dir = tempfile::tempdir().unwrap();
    let rich = rich_project(dir.path(), seed);
    let qdpx = dir.path().join("rich.qdpx");
    ok(["qdpx", "export", s(&rich), s(&qdpx)]);

    // The project is built under a temporary name beside the target and
    // moved there complete, so the window is the whole run.
    let reference = dir.path().join("reference.jalin");
    let whole = watch(
        jalin_cmd(&["qdpx", "import", s(&reference), s(&qdpx)], "tester"),
        Start::Now,
        Duration::from_secs(600),
    );
    assert!(!whole.killed && whole.started.is_some());
    let mut full = whole.ended - whole.started.unwrap();
    let want = counts(&Project::open(&reference).unwrap());
    let want_codings = codings_dump(&Project::open(&reference).unwrap()).len();
    assert!(want.2 > 1000, "{want:?}");

    // The hidden temporary files of `name` left by killed runs.
    let partials = |name: &str| -> Vec<PathBuf> {
        std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                let n = p.file_name().unwrap().to_string_lossy().into_owned();
                n.starts_with(&format!(".{name}-")) && n.contains(".partial")
            })
            .collect()
    };
    let rounds = 12;
    let (mut absent, mut whole, mut before_end, mut left_partial) = (0, 0, 0, 0);
    let mut killed_name = None;
    for round in 0..rounds {
        let name = format!("imported{round}.jalin");
        let project = dir.path().join(&name);
        let after = rng.duration_below(full);
        let out = watch(
            jalin_cmd(&["qdpx", "import", s(&project), s(&qdpx)], "tester"),
            Start::Now,
            after,
        );
        if out.killed {
            before_end += 1;
        } else if let Some(started) = out.started {
            // The machine got faster: draw later kills from this run.
            full = full.min(out.ended - started);
        }
        let context =
            format!("round {round} (seed {seed}, killed {after:?} after the start, of {full:?})");
        if !partials(&name).is_empty() {
            assert!(
                out.killed,
                "{context}: a finished import left its temporary file"
            );
            left_partial += 1;
            killed_name = Some(name.clone());
        }
        if !project.exists() {
            absent += 1;
            continue;
        }
        // Never a file refused as not a project, never an empty or partial
        // project: the file at the name is the whole import.
        let p = check_sound(&project, &context);
        let got = counts(&p);
        assert_eq!(got, want, "{context}: a part of the exchange file");
        assert_eq!(codings_dump(&p).len(), want_codings, "{context}");
        whole += 1;
    }
    announce(&format!(
        "qdpx import killed {rounds} times ({before_end} before it finished): \
         {absent} left no file at the name ({left_partial} a hidden temporary file), \
         {whole} the whole project, none a part or an empty file (seed {seed})"
    ));
    assert_eq!(absent + whole, rounds);
    assert!(
        before_end * 2 >= rounds,
        "only {before_end} of {rounds} kills came before the import finished (seed {seed})"
    );
    // The next import to a name whose killed run left a temporary file
    // removes it (its process is gone) and imports whole.
    if let Some(name) = killed_name {
        let project = dir.path().join(&name);
        if project.exists() {
            std::fs::remove_file(&project).unwrap();
        }
        ok(["qdpx", "import", s(&project), s(&qdpx)]);
        assert!(partials(&name).is_empty(), "{:?}", partials(&name));
        assert_eq!(counts(&check_sound(&project, "after a killed run")), want);
    }
}

#[test]
fn killed_while_merging_codes_merges_all_or_nothing() {
    let seed = seed();
    eprintln!("JALIN_CRASH_SEED={seed}");
    let mut rng = Rng(seed ^ 0x3E26E);
    let dir = tempfile::tempdir().unwrap();
    let template = rich_project(dir.path(), seed);
    ok([
        "codes",
        "add",
        s(&template),
        "bureaucracy detail",
        "--parent",
        "bureaucracy",
    ]);
    ok(["memo", s(&template), "merge me", "--code", "bureaucracy"]);
    let before = codings_dump(&Project::open(&template).unwrap());

    let reference = dir.path().join("reference.jalin");
    std::fs::copy(&template, &reference).unwrap();
    let args = |p: &Path| {
        jalin_cmd(
            &["codes", "merge", s(p), "bureaucracy", "coordination"],
            "tester",
        )
    };
    let t = Instant::now();
    let out = watch(args(&reference), Start::Now, Duration::from_secs(600));
    let mut full = t.elapsed();
    assert!(
        !out.killed && out.lines[0].starts_with("merged"),
        "{:?}",
        out.lines
    );
    let after_merge = codings_dump(&Project::open(&reference).unwrap());
    assert_ne!(before, after_merge);

    let rounds = 12;
    let (mut merged, mut unmerged, mut before_end) = (0, 0, 0);
    for round in 0..rounds {
        let project = dir.path().join(format!("merge{round}.jalin"));
        std::fs::copy(&template, &project).unwrap();
        let after = rng.duration_below(full);
        let out = watch(args(&project), Start::Now, after);
        if out.killed {
            before_end += 1;
        } else if let Some(started) = out.started {
            // The machine got faster: draw later kills from this run.
            full = full.min(out.ended - started);
        }
        let context = format!("round {round} (seed {seed}, killed after {after:?} of {full:?})");
        let p = check_sound(&project, &context);
        let now = codings_dump(&p);
        let from_left = p.find_code("bureaucracy").is_ok();
        if now == before {
            assert!(from_left, "{context}: the codings stayed, the code went");
            unmerged += 1;
        } else {
            assert_eq!(now, after_merge, "{context}: a part of the merge");
            assert!(!from_left, "{context}: merged, but the code is still there");
            merged += 1;
        }
    }
    announce(&format!(
        "code merge killed {rounds} times ({before_end} before it finished): \
         {merged} merged whole, {unmerged} not at all, none a part (seed {seed})"
    ));
    assert!(
        before_end * 2 >= rounds,
        "only {before_end} of {rounds} kills came before the merge finished (seed {seed})"
    );
}

/// The workbench's command loop in a child process: applies commands through
/// [`jalin::app::AppState::run`] (what every window action calls) until
/// killed, printing `@@<what> <id>` after each one saved. Run by
/// `killed_during_workbench_commands_loses_nothing_reported`, never alone.
#[test]
#[ignore = "the child process of killed_during_workbench_commands_loses_nothing_reported"]
fn workbench_child() {
    use jalin::app::{AppState, Command as Cmd};
    let Ok(path) = std::env::var("JALIN_CRASH_PROJECT") else {
        panic!("run by killed_during_workbench_commands_loses_nothing_reported only");
    };
    let round: usize = std::env::var("JALIN_CRASH_ROUND").unwrap().parse().unwrap();
    let mut state = AppState::new("workbench".into());
    state.open(Path::new(&path)).unwrap();
    let source = state.sources[0].id;
    let len = state.sources[0].char_len;
    let codes: Vec<_> = state.codebook.codes().iter().map(|c| c.id).collect();
    let memo = state.memos[0].id;
    let coder = state.coder_id().unwrap();
    let say = |line: String| {
        let mut out = std::io::stdout().lock();
        writeln!(out, "\n@@{line}").unwrap();
        out.flush().unwrap();
    };
    for i in 0.. {
        // Fresh each round: offsets no earlier round used.
        let start = (round * 7919 + i * 13) % (len - 40);
        let end = start + 1 + (i % 37);
        let inverse = state.run(
            "code",
            Cmd::AddCoding {
                source,
                code: codes[i % codes.len()],
                start,
                end,
                coder,
            },
        );
        let Some(id) = inverse.as_ref().and_then(Cmd::created_coding) else {
            // Already coded (a repeat of an earlier round's range): not
            // saved, and said so.
            assert!(state.error.take().is_some());
            continue;
        };
        let coding = state.coding(id).unwrap().guid.clone();
        say(format!("coding {coding}"));
        if i % 3 == 0 {
            let text = format!("version {round}.{i}");
            state
                .run(
                    "memo",
                    Cmd::UpdateMemo {
                        memo,
                        title: "kept".into(),
                        text: text.clone(),
                    },
                )
                .expect("memo saved");
            say(format!("memo {text}"));
        }
        if i % 5 == 0 {
            state
                .run(
                    "exemplar",
                    Cmd::SetExemplar {
                        coding: id,
                        exemplar: true,
                    },
                )
                .expect("exemplar saved");
            say(format!("exemplar {coding}"));
        }
        if i % 11 == 0 {
            let name = format!("wb {round}.{i}");
            state
                .run(
                    "code",
                    Cmd::AddCode {
                        name: name.clone(),
                        parent: Some(codes[0]),
                        color: None,
                        description: String::new(),
                    },
                )
                .expect("code saved");
            say(format!("code {name}"));
        }
    }
}

#[test]
fn killed_during_workbench_commands_loses_nothing_reported() {
    let seed = seed();
    eprintln!("JALIN_CRASH_SEED={seed}");
    let mut rng = Rng(seed ^ 0xB0B);
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("workbench.jalin");
    ok(["new", s(&project)]);
    let doc = jalin::bench::corpus::document(9, 0, 40);
    let src = dir.path().join("long.txt");
    std::fs::write(&src, doc.file_contents()).unwrap();
    ok(["import", s(&project), s(&src)]);
    for c in ["coordination", "delay", "training"] {
        ok(["codes", "add", s(&project), c]);
    }
    ok(["memo", s(&project), "version start", "--title", "kept"]);

    let exe = std::env::current_exe().unwrap();
    let rounds = 10;
    let mut last_memo = "version start".to_string();
    let mut all_codings = Vec::new();
    let mut all_exemplars = Vec::new();
    let mut all_codes = Vec::new();
    let (mut during, mut commands) = (0, 0);
    for round in 0..rounds {
        let mut cmd = Command::new(&exe);
        cmd.args([
            "workbench_child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("JALIN_CRASH_PROJECT", &project)
        .env("JALIN_CRASH_ROUND", round.to_string());
        let delay = Duration::from_millis(50) + rng.duration_below(Duration::from_millis(400));
        let is_said = |l: &str| l.starts_with("@@");
        let out = watch(cmd, Start::Line(&is_said), delay);
        let context =
            format!("round {round} (seed {seed}, killed {delay:?} after its first command)");
        assert!(
            out.killed,
            "{context}: the child ended on its own: {:?}",
            out.lines
        );
        let said: Vec<&str> = out
            .lines
            .iter()
            .filter_map(|l| l.strip_prefix("@@"))
            .collect();
        commands += said.len();
        if !said.is_empty() {
            during += 1;
        }
        for line in &said {
            let (what, value) = line.split_once(' ').unwrap();
            match what {
                "coding" => all_codings.push(value.to_string()),
                "memo" => last_memo = value.to_string(),
                "exemplar" => all_exemplars.push(value.to_string()),
                "code" => all_codes.push(value.to_string()),
                other => panic!("{context}: {other}"),
            }
        }
        let p = check_sound(&project, &context);
        for guid in &all_codings {
            p.find_coding(guid)
                .unwrap_or_else(|e| panic!("{context}: coding {guid} reported saved is gone: {e}"));
        }
        let exemplars = p.exemplars().unwrap();
        for guid in &all_exemplars {
            let id = p.find_coding(guid).unwrap().id;
            assert!(exemplars.contains(&id), "{context}: exemplar {guid} lost");
        }
        for name in &all_codes {
            p.find_code(name)
                .unwrap_or_else(|e| panic!("{context}: code {name} reported saved is gone: {e}"));
        }
        // The memo holds the last text reported, or the one after it (saved,
        // then killed before it was reported): never an older one.
        let memo = p
            .memos()
            .unwrap()
            .into_iter()
            .find(|m| m.title == "kept")
            .unwrap();
        let version = |t: &str| -> (usize, usize) {
            let v = t.strip_prefix("version ").unwrap();
            match v.split_once('.') {
                Some((r, i)) => (r.parse::<usize>().unwrap() + 1, i.parse().unwrap()),
                None => (0, 0),
            }
        };
        let (have, want) = (version(&memo.text), version(&last_memo));
        assert!(
            have == want
                || (have.0 == round + 1 && have > want && have.1 <= want.1 + 3)
                || (want.0 < round + 1 && have == (round + 1, 0)),
            "{context}: memo '{}' after '{}' was reported",
            memo.text,
            last_memo
        );
        last_memo = memo.text.clone();
    }
    announce(&format!(
        "workbench killed {rounds} times while applying commands ({during} after at least one \
         was saved; {commands} commands reported saved, all present; seed {seed})"
    ));
    assert_eq!(during, rounds);
}
