//! Reproducible workloads that measure Jalin at scale, run by `jalin bench`
//! and by `cargo bench`. Each runs through the same library calls the
//! workbench makes (importing a file, [`Command::apply`] for codes and
//! codings, the analysis functions and CSV writer), and reports each step's
//! wall time and the process's peak resident memory so far.

pub mod corpus;
#[cfg(feature = "gui")]
pub mod gui;
pub mod server;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::analysis::{self, Grouping};
use crate::app::Command;
use crate::export::{self, TableFormat};
use crate::import::{self, ImportError, ImportOptions, ImportOutcome};
use crate::model::{Attribute, CodeId, SourceId};
use crate::store::{AddedSource, Durability, NewCode, NewCoding, NewSource, Project, StoreError};

/// One measured step.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The step's description, in the language of the messages.
    pub name: String,
    /// What the step is, for the totals and ratios (the name is translated).
    pub kind: StepKind,
    pub wall: Duration,
    /// CPU time of the thread that ran the step (Linux; the scheduler's
    /// accounting): what the step cost without waiting for a core or the
    /// disk, which on a busy machine is most of the wall time.
    pub cpu: Option<Duration>,
    /// Peak resident memory of the process so far (`VmHWM`), in KiB, where
    /// the system reports it (Linux).
    pub peak_rss_kib: Option<u64>,
}

/// What a [`Step`] is: setup (not part of the workload), the raw SQLite
/// baseline, workload A's codings, or another step of the workload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    Setup,
    Baseline,
    Codings,
    Work,
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:<48} {:>9.1} ms", self.name, ms(self.wall))?;
        if let Some(cpu) = self.cpu {
            write!(f, "   {} {:>9.1} ms", crate::t!("cli-bench-cpu"), ms(cpu))?;
        }
        if let Some(kib) = self.peak_rss_kib {
            write!(
                f,
                "   {} {:>7.1} MiB",
                crate::t!("cli-bench-peak-rss"),
                kib as f64 / 1024.0
            )?;
        }
        Ok(())
    }
}

/// Milliseconds, for printing.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Peak resident set size of this process in KiB (`VmHWM` in
/// `/proc/self/status`); `None` where there is no such file.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// What can stop a workload (its messages in the language of the
/// messages).
#[derive(Debug)]
pub enum BenchError {
    Store(StoreError),
    Import(ImportError),
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    NoFiles(PathBuf),
    Duplicate(String),
    /// The agreement table could not be made.
    Agreement(String),
    /// The headless workbench did not do what the bench asked.
    Gui(String),
}

impl From<StoreError> for BenchError {
    fn from(e: StoreError) -> BenchError {
        BenchError::Store(e)
    }
}

impl From<ImportError> for BenchError {
    fn from(e: ImportError) -> BenchError {
        BenchError::Import(e)
    }
}

impl std::fmt::Display for BenchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            BenchError::Store(e) => return e.fmt(f),
            BenchError::Import(e) => return e.fmt(f),
            BenchError::Io { path, source } => crate::t!(
                "cli-bench-err-io",
                reason = source.to_string(),
                path = path.display().to_string()
            ),
            BenchError::NoFiles(dir) => {
                crate::t!("cli-bench-err-no-files", path = dir.display().to_string())
            }
            BenchError::Duplicate(name) => crate::t!("cli-bench-err-duplicate", name = name),
            BenchError::Agreement(why) => crate::t!("cli-bench-err-agreement", reason = why),
            BenchError::Gui(why) => crate::t!("cli-bench-err-gui", reason = why),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for BenchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BenchError::Store(e) => e.source(),
            BenchError::Import(e) => e.source(),
            BenchError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Workload A: import documents, create a codebook, make codings one at a
/// time (each its own transaction, as a user makes them), then the per-code
/// count table and every coded segment as CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkloadA {
    pub docs: usize,
    pub doc_kb: usize,
    pub codes: usize,
    pub codings: usize,
    pub seed: u64,
    /// Import the `.txt`/`.html` files of this folder instead of generating
    /// documents.
    pub dir: Option<PathBuf>,
    /// Jalin's default is [`Durability::Prompt`]; `Full` and `Normal` show
    /// what waiting for each flush costs, and what no flush at all would.
    pub durability: Durability,
    /// Encrypt the project (SQLCipher, [`BENCH_PASSPHRASE`]).
    pub encrypt: bool,
}

/// The passphrase of the projects `--encrypt` benchmarks make.
pub const BENCH_PASSPHRASE: &str = "correct horse battery staple";

fn bench_key(encrypt: bool) -> Result<Option<crate::store::Passphrase>, StoreError> {
    encrypt
        .then(|| crate::store::Passphrase::new(BENCH_PASSPHRASE))
        .transpose()
}

impl Default for WorkloadA {
    /// The workload peers are measured on: 200 documents of 30 KiB, 20
    /// codes, 20,000 codings.
    fn default() -> Self {
        WorkloadA {
            docs: 200,
            doc_kb: 30,
            codes: 20,
            codings: 20_000,
            seed: 42,
            dir: None,
            durability: Durability::Prompt,
            encrypt: false,
        }
    }
}

/// Times a step and reports it.
struct Clock<'a> {
    steps: Vec<Step>,
    report: &'a mut dyn FnMut(&Step),
}

impl Clock<'_> {
    fn time<T, E>(
        &mut self,
        kind: StepKind,
        name: impl Into<String>,
        f: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E> {
        let (t, cpu) = (Instant::now(), thread_cpu());
        let out = f()?;
        let step = Step {
            name: name.into(),
            kind,
            wall: t.elapsed(),
            cpu: cpu.zip(thread_cpu()).map(|(a, b)| b.saturating_sub(a)),
            peak_rss_kib: peak_rss_kib(),
        };
        (self.report)(&step);
        self.steps.push(step);
        Ok(out)
    }
}

/// Writes the generated corpus of `w` into `dir` as `.txt` files.
fn write_corpus(w: &WorkloadA, dir: &Path) -> Result<Vec<PathBuf>, BenchError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| BenchError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    (0..w.docs)
        .map(|i| {
            let d = corpus::document(w.seed, i, w.doc_kb);
            let path = dir.join(format!("{}.txt", d.name));
            std::fs::write(&path, d.file_contents()).map_err(io(&path))?;
            Ok(path)
        })
        .collect()
}

/// `.txt`, `.md`, `.html` and `.htm` files below `dir`, sorted.
fn corpus_files(dir: &Path) -> Result<Vec<PathBuf>, BenchError> {
    let (files, _) = import::expand_paths(&[dir.to_path_buf()]);
    let files: Vec<PathBuf> = files
        .into_iter()
        .filter(|f| {
            let ext = f
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            matches!(ext.as_str(), "txt" | "md" | "html" | "htm")
        })
        .collect();
    if files.is_empty() {
        return Err(BenchError::NoFiles(dir.to_path_buf()));
    }
    Ok(files)
}

/// Runs workload A into a new project at `project` (which must not exist),
/// using `scratch` for the generated files. `report` sees each step as it
/// finishes. Generating the corpus is reported but is not part of the
/// workload; the other steps are.
pub fn workload_a(
    project: &Path,
    scratch: &Path,
    w: &WorkloadA,
    report: &mut dyn FnMut(&Step),
) -> Result<Vec<Step>, BenchError> {
    let mut clock = Clock {
        steps: Vec::new(),
        report,
    };
    let files = match &w.dir {
        Some(dir) => corpus_files(dir)?,
        None => clock.time(
            StepKind::Setup,
            crate::t!(
                "cli-bench-step-generate",
                docs = w.docs.to_string(),
                kb = w.doc_kb.to_string()
            ),
            || write_corpus(w, scratch),
        )?,
    };
    let mut p = clock.time(
        StepKind::Work,
        crate::t!("cli-bench-step-create-project"),
        || {
            let mut p = Project::create_with(project, bench_key(w.encrypt)?.as_ref())?;
            p.set_durability(w.durability)?;
            Ok::<_, StoreError>(p)
        },
    )?;
    let options = ImportOptions {
        coder: Some("bench".into()),
        ..ImportOptions::default()
    };
    let sources: Vec<(SourceId, usize)> = clock.time(
        StepKind::Work,
        crate::t!("cli-bench-step-import", docs = files.len().to_string()),
        || {
            files
                .iter()
                .map(|f| match import::import_file(&mut p, f, &options)? {
                    ImportOutcome::Added { source, .. } => Ok((source.id, source.char_len)),
                    ImportOutcome::Duplicate { existing } => Err(BenchError::Duplicate(existing)),
                })
                .collect::<Result<Vec<_>, BenchError>>()
        },
    )?;
    let codes = clock.time(
        StepKind::Work,
        crate::t!("cli-bench-step-create-codes", codes = w.codes.to_string()),
        || create_codes(&mut p, w.codes),
    )?;
    let coder = p.coder("bench")?.id;
    let lens: Vec<usize> = sources.iter().map(|s| s.1).collect();
    let planned = corpus::codings(w.seed, &lens, codes.len(), w.codings);
    clock.time(
        StepKind::Codings,
        crate::t!(
            "cli-bench-step-codings",
            codings = planned.len().to_string()
        ),
        || {
            for c in &planned {
                Command::AddCoding {
                    source: sources[c.doc].0,
                    code: codes[c.code],
                    start: c.start,
                    end: c.end,
                    coder,
                }
                .apply(&mut p)?;
            }
            // The step ends when every coding is on the disk, not just
            // committed.
            p.sync()?;
            Ok::<_, StoreError>(())
        },
    )?;
    // The same number of bare SQLite commits, in this run and beside the
    // project (the same disk), for the ratio.
    let mut baseline_db = project.as_os_str().to_owned();
    baseline_db.push(".baseline.sqlite");
    let baseline_db = PathBuf::from(baseline_db);
    clock.time(
        StepKind::Baseline,
        crate::t!("cli-bench-step-baseline", n = planned.len().to_string()),
        || crate::store::raw_insert_baseline(&baseline_db, planned.len()),
    )?;
    clock.time(
        StepKind::Work,
        crate::t!("cli-bench-step-count-table"),
        || {
            let data = p.data()?;
            let table = analysis::frequencies(&data, &Grouping::None).to_report();
            let mut csv = Vec::new();
            export::write_report(&table, TableFormat::Csv, &mut csv).map_err(io_error(project))?;
            Ok::<_, BenchError>(csv.len())
        },
    )?;
    clock.time(StepKind::Work, crate::t!("cli-bench-step-segments"), || {
        let data = p.data()?;
        let segs = analysis::segments(&data, &p.source_texts()?);
        let mut csv = Vec::new();
        export::write_table(&analysis::segments_table(&segs), TableFormat::Csv, &mut csv)
            .map_err(io_error(project))?;
        Ok::<_, BenchError>(csv.len())
    })?;
    Ok(clock.steps)
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> BenchError {
    let path = path.to_path_buf();
    move |source| BenchError::Io { path, source }
}

/// Creates the synthetic codebook, one code per action as in the workbench
/// (whose `Command::AddCode` makes this same call).
fn create_codes(p: &mut Project, n: usize) -> Result<Vec<CodeId>, StoreError> {
    let mut ids: Vec<CodeId> = Vec::with_capacity(n);
    for (name, parent) in corpus::codebook(n) {
        let code = p.add_code(NewCode {
            name,
            parent: parent.map(|i| ids[i]),
            color: None,
            description: String::new(),
            guid: None,
        })?;
        ids.push(code.id);
    }
    Ok(ids)
}

/// How many times the raw SQLite baseline workload A's codings step took:
/// each coding's transaction against a bare single-row insert transaction.
pub fn codings_ratio(steps: &[Step]) -> Option<f64> {
    let codings = steps.iter().find(|s| s.kind == StepKind::Codings)?;
    let raw = steps.iter().find(|s| s.kind == StepKind::Baseline)?;
    (raw.wall > Duration::ZERO).then(|| codings.wall.as_secs_f64() / raw.wall.as_secs_f64())
}

/// [`codings_ratio`] on the thread's CPU time instead of wall time: steadier
/// on a busy machine, where the wall time of either step swings with the
/// other processes.
pub fn codings_cpu_ratio(steps: &[Step]) -> Option<f64> {
    let codings = steps.iter().find(|s| s.kind == StepKind::Codings)?;
    let raw = steps.iter().find(|s| s.kind == StepKind::Baseline)?;
    let (c, r) = (codings.cpu?, raw.cpu?);
    (r > Duration::ZERO).then(|| c.as_secs_f64() / r.as_secs_f64())
}

/// The total of the steps that belong to the workload (not the setup or
/// the baseline).
pub fn total(steps: &[Step]) -> Duration {
    steps
        .iter()
        .filter(|s| matches!(s.kind, StepKind::Work | StepKind::Codings))
        .map(|s| s.wall)
        .sum()
}

/// Workload B: a large coded corpus, and how long the frequency and
/// triangulation tables take as the number of codings grows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkloadB {
    pub sources: usize,
    pub doc_kb: usize,
    pub codes: usize,
    /// Numbers of codings to measure at, ascending; codings are added up to
    /// each in turn.
    pub sizes: Vec<usize>,
    pub seed: u64,
    /// Encrypt the project (SQLCipher, [`BENCH_PASSPHRASE`]).
    pub encrypt: bool,
}

impl Default for WorkloadB {
    /// 2,000 sources of 4 KiB, 40 codes, measured at 10k, 100k and 1M codings.
    fn default() -> Self {
        WorkloadB {
            sources: 2_000,
            doc_kb: 4,
            codes: 40,
            sizes: vec![10_000, 100_000, 1_000_000],
            seed: 42,
            encrypt: false,
        }
    }
}

/// Timings of workload B at one size.
#[derive(Debug, Clone, PartialEq)]
pub struct SizeTimings {
    pub codings: usize,
    /// Opening the project and reading what the tables need.
    pub load: Duration,
    pub frequencies: Duration,
    pub triangulation: Duration,
    pub peak_rss_kib: Option<u64>,
    /// The thread's CPU time for open + read and both tables (Linux).
    pub cpu: Option<Duration>,
}

impl SizeTimings {
    /// Open, read and compute both tables.
    pub fn total(&self) -> Duration {
        self.load + self.frequencies + self.triangulation
    }
}

/// Runs workload B into a new project at `project`. Building the corpus is
/// setup (reported through `report` but not measured against a target): the
/// sources are added directly and codings in batches of 10,000 per
/// transaction, so that a million codings take seconds rather than hours.
pub fn workload_b(
    project: &Path,
    w: &WorkloadB,
    report: &mut dyn FnMut(&Step),
    sizes_report: &mut dyn FnMut(&SizeTimings),
) -> Result<Vec<SizeTimings>, BenchError> {
    let mut clock = Clock {
        steps: Vec::new(),
        report,
    };
    let key = bench_key(w.encrypt)?;
    let mut p = Project::create_with(project, key.as_ref())?;
    let sources = clock.time(
        StepKind::Setup,
        crate::t!(
            "cli-bench-step-add-sources",
            sources = w.sources.to_string(),
            kb = w.doc_kb.to_string()
        ),
        || {
            (0..w.sources)
                .map(|i| add_synthetic_source(&mut p, w.seed, i, w.doc_kb))
                .collect::<Result<Vec<_>, StoreError>>()
        },
    )?;
    let codes = create_codes(&mut p, w.codes)?;
    let coder = p.coder("bench")?.id;
    let lens: Vec<usize> = sources.iter().map(|s| s.1).collect();
    let max = w.sizes.iter().copied().max().unwrap_or(0);
    let planned = corpus::codings(w.seed, &lens, codes.len(), max);
    let mut done = 0;
    let mut out = Vec::new();
    for &size in &w.sizes {
        let size = size.min(planned.len());
        if size > done {
            clock.time(
                StepKind::Setup,
                crate::t!(
                    "cli-bench-step-codings-range",
                    from = done.to_string(),
                    to = size.to_string()
                ),
                || {
                    for chunk in planned[done..size].chunks(10_000) {
                        let batch: Vec<NewCoding> = chunk
                            .iter()
                            .map(|c| NewCoding {
                                source: sources[c.doc].0,
                                code: codes[c.code],
                                start: c.start,
                                end: c.end,
                                coder,
                                guid: None,
                            })
                            .collect();
                        p.add_codings(&batch)?;
                    }
                    Ok::<_, StoreError>(())
                },
            )?;
            done = size;
        }
        let cpu = thread_cpu();
        let t = Instant::now();
        let reopened = Project::open_with(project, key.as_ref())?;
        let data = reopened.lean_data()?;
        let load = t.elapsed();
        let t = Instant::now();
        let freq = analysis::frequencies(&data, &Grouping::Kind);
        let frequencies = t.elapsed();
        let t = Instant::now();
        let tri = analysis::triangulation(&data, &Grouping::Kind);
        let triangulation = t.elapsed();
        // Use the results, so nothing is optimised away.
        debug_assert!(freq.rows.len() == tri.rows.len());
        let timing = SizeTimings {
            codings: data.codings.len(),
            load,
            frequencies,
            triangulation,
            peak_rss_kib: peak_rss_kib(),
            cpu: cpu.zip(thread_cpu()).map(|(a, b)| b.saturating_sub(a)),
        };
        sizes_report(&timing);
        out.push(timing);
    }
    Ok(out)
}

/// Adds the `index`-th synthetic document as a source, with its speaker
/// turns, kind and attributes, in its own transaction.
fn add_synthetic_source(
    p: &mut Project,
    seed: u64,
    index: usize,
    kb: usize,
) -> Result<(SourceId, usize), StoreError> {
    let d = corpus::document(seed, index, kb);
    let turns = import::speakers::detect(&d.text);
    let added = p.add_source(
        NewSource {
            name: d.name,
            kind: d.kind,
            text: d.text,
            original_name: None,
            attributes: vec![
                Attribute::new("city", d.city),
                Attribute::new("role", d.role),
            ],
            turns,
            guid: None,
        },
        true,
    )?;
    match added {
        AddedSource::Added(s) => Ok((s.id, s.char_len)),
        AddedSource::Duplicate { existing } => Err(StoreError::DuplicateSource(existing)),
    }
}

/// The agreement workload: two coders over a large corpus, and how long
/// the agreement table takes (issue 13's target: 100,000 codings by two
/// coders on 2,000 sources under a second).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementBench {
    pub sources: usize,
    pub doc_kb: usize,
    pub codes: usize,
    /// Codings in all, half by each coder.
    pub codings: usize,
    pub seed: u64,
}

impl Default for AgreementBench {
    /// 2,000 sources of 4 KiB, 40 codes, 100,000 codings.
    fn default() -> Self {
        AgreementBench {
            sources: 2_000,
            doc_kb: 4,
            codes: 40,
            codings: 100_000,
            seed: 42,
        }
    }
}

/// Wall and CPU time of one step.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Timed {
    pub wall: Duration,
    /// This thread's CPU time (Linux; scheduler accounting, so indicative):
    /// on a busy machine the honest figure, as waiting for a core is left
    /// out.
    pub cpu: Option<Duration>,
}

impl std::ops::Add for Timed {
    type Output = Timed;
    fn add(self, o: Timed) -> Timed {
        Timed {
            wall: self.wall + o.wall,
            cpu: self.cpu.zip(o.cpu).map(|(a, b)| a + b),
        }
    }
}

/// CPU time this thread has run, from `/proc/thread-self/schedstat`.
fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Runs `f`, with its wall and CPU time.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Timed) {
    let (t, cpu) = (Instant::now(), thread_cpu());
    let out = f();
    let cpu = cpu.zip(thread_cpu()).map(|(a, b)| b.saturating_sub(a));
    (
        out,
        Timed {
            wall: t.elapsed(),
            cpu,
        },
    )
}

/// Timings of the agreement workload.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementTimings {
    pub codings: usize,
    /// Opening the project and reading its codings (lean).
    pub load: Timed,
    /// The table by characters (every measure, every code × source).
    pub characters: Timed,
    /// Writing it as tidy CSV (into memory).
    pub csv: Timed,
    /// Reading the texts, then the table by sentences.
    pub sentences: Timed,
    /// Rows of the character table.
    pub rows: usize,
    pub peak_rss_kib: Option<u64>,
}

impl AgreementTimings {
    /// Open, read, compute by characters and write the CSV: what
    /// `jalin agreement PROJECT --coders A,B` does.
    pub fn total(&self) -> Timed {
        self.load + self.characters + self.csv
    }
}

/// Runs the agreement workload into a new project at `project`. Coder A's
/// codings are spread as in workload B; coder B recodes each with its
/// boundaries moved by up to 15 characters, leaves one in ten out and adds
/// as many of their own. Building the corpus is setup (reported through
/// `report`, not measured against the target).
pub fn agreement_bench(
    project: &Path,
    w: &AgreementBench,
    report: &mut dyn FnMut(&Step),
) -> Result<AgreementTimings, BenchError> {
    let mut clock = Clock {
        steps: Vec::new(),
        report,
    };
    let mut p = Project::create(project)?;
    let sources = clock.time(
        StepKind::Setup,
        crate::t!(
            "cli-bench-step-add-sources",
            sources = w.sources.to_string(),
            kb = w.doc_kb.to_string()
        ),
        || {
            (0..w.sources)
                .map(|i| add_synthetic_source(&mut p, w.seed, i, w.doc_kb))
                .collect::<Result<Vec<_>, StoreError>>()
        },
    )?;
    let codes = create_codes(&mut p, w.codes)?;
    let a = p.coder("A")?.id;
    let b = p.coder("B")?.id;
    let lens: Vec<usize> = sources.iter().map(|s| s.1).collect();
    let first = corpus::codings(w.seed, &lens, codes.len(), w.codings / 2);
    let mut rng = corpus::Rng::new(w.seed ^ 0xA6EE);
    let mut planned: Vec<NewCoding> = Vec::with_capacity(w.codings);
    let coding = |c: &corpus::SynthCoding, start: usize, end: usize, coder| NewCoding {
        source: sources[c.doc].0,
        code: codes[c.code],
        start,
        end,
        coder,
        guid: None,
    };
    for c in &first {
        planned.push(coding(c, c.start, c.end, a));
        if rng.below(10) == 0 {
            continue;
        }
        let len = lens[c.doc];
        let start = (c.start + rng.below(31)).saturating_sub(15);
        let end = (c.end + rng.below(31)).saturating_sub(15).min(len);
        if start < end {
            planned.push(coding(c, start, end, b));
        }
    }
    let extra = corpus::codings(w.seed ^ 0xB, &lens, codes.len(), w.codings - planned.len());
    planned.extend(extra.iter().map(|c| coding(c, c.start, c.end, b)));
    clock.time(
        StepKind::Setup,
        crate::t!(
            "cli-bench-step-setup-codings",
            codings = planned.len().to_string()
        ),
        || {
            for chunk in planned.chunks(10_000) {
                p.add_codings(chunk)?;
            }
            Ok::<_, StoreError>(())
        },
    )?;
    drop(p);

    let options = |unit| analysis::AgreementOptions {
        coders: vec![a, b],
        codes: Vec::new(),
        unit,
    };
    let (read, load) = timed(|| -> Result<_, StoreError> {
        let p = Project::open(project)?;
        let data = p.lean_data()?;
        Ok((p, data))
    });
    let (reopened, data) = read?;
    let no_texts: std::collections::HashMap<SourceId, crate::model::SourceTexts> =
        Default::default();
    let (table, characters) = timed(|| {
        analysis::agreement(
            &data,
            &no_texts,
            &options(analysis::AgreementUnit::Character),
        )
    });
    let table = table.map_err(BenchError::Agreement)?;
    let (written, csv_time) = timed(|| {
        let mut csv = Vec::new();
        export::write_report(&table.to_report(), TableFormat::Csv, &mut csv).map(|()| csv.len())
    });
    written.map_err(|source| BenchError::Io {
        path: project.to_path_buf(),
        source,
    })?;
    let (by_sentence, sentences) = timed(|| -> Result<_, BenchError> {
        let texts = reopened.source_texts()?;
        analysis::agreement(&data, &texts, &options(analysis::AgreementUnit::Sentence))
            .map_err(BenchError::Agreement)
    });
    debug_assert_eq!(by_sentence?.rows.len(), table.rows.len());
    Ok(AgreementTimings {
        codings: data.codings.len(),
        load,
        characters,
        csv: csv_time,
        sentences,
        rows: table.rows.len(),
        peak_rss_kib: peak_rss_kib(),
    })
}
