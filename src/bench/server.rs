//! `jalin bench server`: a team project under load. Several coder
//! processes (this program, each as another coder) apply their codings at
//! once, one command (one transaction) each, as coders in a workbench do;
//! afterwards every coding must be there exactly once. The same run against
//! a `.jalin` file shows what the server costs.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};

use crate::app::Command;
use crate::model::{CodeId, SourceId, SourceKind};
use crate::store::{AddedSource, NewCode, NewSource, Project};

/// The name of the bench's source and code.
const NAME: &str = "bench";

/// Coders and codings of one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Load {
    pub coders: usize,
    /// Codings per coder.
    pub codings: usize,
}

/// What one run found.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadResult {
    /// Codings the coders were to apply (coders × codings).
    pub expected: usize,
    /// Codings in the project afterwards.
    pub present: usize,
    /// Codings there more than once (the same GUID, or the same coder,
    /// code and passage).
    pub duplicates: usize,
    /// From the start signal to the last coder's end.
    pub wall: Duration,
    /// Each coding's time, from the command to its commit, in ms.
    pub latencies_ms: Vec<f64>,
}

impl LoadResult {
    /// The `p`-th percentile (0..=1) of the latencies, nearest rank.
    pub fn percentile(&self, p: f64) -> f64 {
        let mut v = self.latencies_ms.clone();
        v.sort_by(f64::total_cmp);
        if v.is_empty() {
            return 0.0;
        }
        let rank = ((v.len() as f64 * p).ceil() as usize).clamp(1, v.len());
        v[rank - 1]
    }

    /// Codings saved per second of wall time, all coders together.
    pub fn per_second(&self) -> f64 {
        self.latencies_ms.len() as f64 / self.wall.as_secs_f64().max(1e-9)
    }
}

/// The coder name of the `i`-th process (from 1).
pub fn coder_name(i: usize) -> String {
    format!("bench-{i}")
}

/// The passage of a coder's `k`-th coding: each coder codes every passage
/// once, so no coding of one coder repeats another.
fn span(k: usize) -> (usize, usize) {
    (k * 4, k * 4 + 3)
}

/// Fills a new project for a run: one source long enough for every
/// passage, one code, and the coders.
pub fn prepare(p: &mut Project, load: &Load) -> Result<()> {
    let len = load.codings * 4 + 16;
    let text: String = "lorem ipsum dolor sit amet "
        .chars()
        .cycle()
        .take(len)
        .collect();
    let added = p.add_source(
        NewSource {
            name: NAME.into(),
            kind: SourceKind::Document,
            text,
            original_name: None,
            attributes: Vec::new(),
            turns: Vec::new(),
            guid: None,
        },
        true,
    )?;
    if !matches!(added, AddedSource::Added(_)) {
        bail!("the bench's source was not added");
    }
    p.add_code(NewCode {
        name: NAME.into(),
        parent: None,
        color: None,
        description: String::new(),
        guid: None,
    })?;
    for i in 1..=load.coders {
        p.add_coder(&coder_name(i), None)?;
    }
    Ok(())
}

/// One coder process (`jalin bench server-worker`): opens the project,
/// says `ready`, waits for a line on standard input, then applies its
/// codings through the command layer, one transaction each, and prints
/// each one's time in microseconds.
pub fn worker(location: &str, coder: &str, codings: usize, out: &mut dyn Write) -> Result<()> {
    let mut p = Project::open_location(location)?;
    let coder = p.named_coder(coder)?.id;
    let source = p.find_source(NAME)?.id;
    let code = p.find_code(NAME)?.id;
    writeln!(out, "ready")?;
    out.flush()?;
    let mut go = String::new();
    std::io::stdin().read_line(&mut go)?;
    let mut times = Vec::with_capacity(codings);
    for k in 0..codings {
        let (start, end) = span(k);
        let t = Instant::now();
        Command::AddCoding {
            source,
            code,
            start,
            end,
            coder,
        }
        .apply(&mut p)
        .with_context(|| format!("coding {} of {codings}", k + 1))?;
        times.push(t.elapsed().as_micros());
    }
    for t in times {
        writeln!(out, "{t}")?;
    }
    out.flush()?;
    Ok(())
}

/// Kills the coder processes still running when dropped (a failed run).
struct Coders(Vec<Child>);

impl Drop for Coders {
    fn drop(&mut self) {
        for c in &mut self.0 {
            if matches!(c.try_wait(), Ok(None)) {
                let _ = c.kill();
                let _ = c.wait();
            }
        }
    }
}

/// Runs `load.coders` coder processes of `exe` on the prepared project at
/// `location`, all starting at once, and checks the codings afterwards.
pub fn run(exe: &Path, location: &str, load: &Load) -> Result<LoadResult> {
    let mut coders = Coders(Vec::new());
    for i in 1..=load.coders {
        let child = Process::new(exe)
            .args(["bench", "server-worker", location, "--as-coder"])
            .arg(coder_name(i))
            .args(["--codings", &load.codings.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("cannot start a coder process ({})", exe.display()))?;
        coders.0.push(child);
    }
    // Each coder's output is read on its own thread, so none blocks on a
    // full pipe; the first line (`ready`) comes back on a channel.
    let mut readers = Vec::new();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<usize>();
    for (i, c) in coders.0.iter_mut().enumerate() {
        let stdout = c.stdout.take().expect("piped");
        let stderr = c.stderr.take().expect("piped");
        let ready = ready_tx.clone();
        readers.push(std::thread::spawn(move || {
            let mut times = Vec::new();
            for line in BufReader::new(stdout).lines().map_while(|l| l.ok()) {
                if line == "ready" {
                    let _ = ready.send(i);
                } else if let Ok(us) = line.trim().parse::<u64>() {
                    times.push(us as f64 / 1000.0);
                }
            }
            let mut err = String::new();
            let _ = std::io::Read::read_to_string(&mut BufReader::new(stderr), &mut err);
            (times, err)
        }));
    }
    drop(ready_tx);
    for _ in 0..load.coders {
        if ready_rx.recv_timeout(Duration::from_secs(120)).is_err() {
            break;
        }
    }
    let start = Instant::now();
    for c in &mut coders.0 {
        if let Some(mut stdin) = c.stdin.take() {
            let _ = writeln!(stdin, "go");
        }
    }
    let mut failures = Vec::new();
    let mut latencies = Vec::new();
    for (i, (c, r)) in coders.0.iter_mut().zip(readers).enumerate() {
        let status = c.wait()?;
        let (times, err) = r.join().map_err(|_| anyhow!("a reader thread panicked"))?;
        if !status.success() {
            failures.push(format!(
                "coder {} failed ({status}): {}",
                coder_name(i + 1),
                err.trim()
            ));
        }
        latencies.extend(times);
    }
    let wall = start.elapsed();
    if !failures.is_empty() {
        bail!("{}", failures.join("\n"));
    }
    let p = Project::open_location(location)?;
    let codings = p.codings()?;
    let mut guids = HashSet::new();
    let mut passages = HashSet::new();
    let duplicates = codings
        .iter()
        .filter(|c| {
            let new_guid = guids.insert(c.guid.as_str().to_string());
            let new_passage = passages.insert((c.source, c.code, c.start, c.end, c.coder));
            !(new_guid && new_passage)
        })
        .count();
    // The counts a server keeps as codings arrive (its tallies, updated by
    // every coder's commit at once) must be those of the codings present.
    let mut present: HashMap<(SourceId, CodeId), usize> = HashMap::new();
    for c in &codings {
        *present.entry((c.source, c.code)).or_default() += 1;
    }
    let counted: HashMap<(SourceId, CodeId), usize> = p
        .coding_counts(&[], false)?
        .per_source
        .into_iter()
        .map(|(s, c, n)| ((s, c), n))
        .collect();
    if counted != present {
        bail!("the project's counted codings differ from the codings present in {location}");
    }
    Ok(LoadResult {
        expected: load.coders * load.codings,
        present: codings.len(),
        duplicates,
        wall,
        latencies_ms: latencies,
    })
}

/// The table `jalin bench server` prints: a header (in the language of the
/// messages) and one line per run, each column as wide as its heading
/// needs (a wider value overflows its column, as `format!` does).
pub fn table(rows: &[(&str, &LoadResult)]) -> String {
    let headings = [
        crate::t!("cli-bench-table-store"),
        crate::t!("cli-bench-table-expected"),
        crate::t!("cli-bench-table-present"),
        crate::t!("cli-bench-table-duplicates"),
        crate::t!("cli-bench-table-wall"),
        crate::t!("cli-bench-table-per-second"),
        "P50_MS".to_string(),
        "P95_MS".to_string(),
    ];
    let lines: Vec<[String; 8]> = rows
        .iter()
        .map(|(store, r)| {
            [
                store.to_string(),
                r.expected.to_string(),
                r.present.to_string(),
                r.duplicates.to_string(),
                format!("{:.2}", r.wall.as_secs_f64()),
                format!("{:.0}", r.per_second()),
                format!("{:.2}", r.percentile(0.5)),
                format!("{:.2}", r.percentile(0.95)),
            ]
        })
        .collect();
    let mut widths = [6, 8, 7, 10, 6, 13, 6, 6];
    for (w, h) in widths.iter_mut().zip(&headings) {
        *w = (*w).max(h.chars().count());
    }
    let line = |cells: &[String; 8]| {
        let mut l = format!("{:<w$}", cells[0], w = widths[0]);
        for (c, w) in cells.iter().zip(widths).skip(1) {
            l.push_str(&format!(" {c:>w$}"));
        }
        l + "\n"
    };
    let mut out = line(&headings);
    for cells in &lines {
        out.push_str(&line(cells));
    }
    out
}

/// The report tables' times on one project: opening it and reading its
/// sources, codes and speaker turns, then the frequency and triangulation
/// tables (by source kind), each counting its codings in SQL, as `jalin
/// report` makes them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReportTimes {
    pub codings: usize,
    pub load: Duration,
    pub frequencies: Duration,
    pub triangulation: Duration,
}

impl ReportTimes {
    pub fn total(&self) -> Duration {
        self.load + self.frequencies + self.triangulation
    }
}

/// [`ReportTimes`] of the project at `location`, the run with the median
/// total of `rounds`.
pub fn report_times(location: &str, rounds: usize) -> Result<ReportTimes> {
    use crate::analysis::{self, Grouping};
    let mut runs = Vec::new();
    for _ in 0..rounds.max(1) {
        let t = Instant::now();
        let p = Project::open_location(location)?;
        // As `jalin report` does: a file's lean codings are counted in
        // memory; a team project's tables count their codings in SQL on the
        // server.
        let on_server = p.server().is_some();
        let data = if on_server {
            p.counting_data()?
        } else {
            p.lean_data()?
        };
        let load = t.elapsed();
        let t = Instant::now();
        let (freq, codings) = if on_server {
            let counted = p.coding_counts(&[], true)?;
            (
                analysis::frequencies_counted(&data, &counted, &Grouping::Kind),
                counted.per_source.iter().map(|c| c.2).sum(),
            )
        } else {
            (
                analysis::frequencies(&data, &Grouping::Kind),
                data.codings.len(),
            )
        };
        let frequencies = t.elapsed();
        let t = Instant::now();
        let tri = if on_server {
            analysis::triangulation_counted(&data, &p.coding_counts(&[], false)?, &Grouping::Kind)
        } else {
            analysis::triangulation(&data, &Grouping::Kind)
        };
        let triangulation = t.elapsed();
        if freq.rows.len() != tri.rows.len() {
            bail!("the tables disagree on the codes");
        }
        runs.push(ReportTimes {
            codings,
            load,
            frequencies,
            triangulation,
        });
    }
    runs.sort_by_key(|r| r.total());
    Ok(runs[runs.len() / 2])
}
