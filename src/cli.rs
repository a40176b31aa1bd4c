//! The headless command line. Every command opens the project given as its
//! first positional argument, does one thing through the library, and
//! prints results to stdout (or `--out`) and problems to stderr.
//!
//! Arguments are parsed in two stages, as ripgrep does: clap reads raw
//! strings, then each command checks and converts them, so every message
//! about a bad value names the value and what would be right.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, Parser, Subcommand};

use crate::analysis::{self, Cell, CoMode, Filter, Grouping, QuoteOptions, Report, Table};
use crate::app::Command as Change;
use crate::exchange;
use crate::export::{self, TableFormat};
use crate::import::{self, ImportOptions, ImportOutcome};
use crate::model::{AsSpan, Attribute, Codebook, Color, MemoTarget, ReviewStatus, SourceKind};
use crate::search::{self, Unit};
use crate::store::{Project, ProjectData};

mod bench;
mod code_from;
mod output;

use bench::bench_cmd;
use code_from::code_from_csv;

/// Jalin: code interviews, focus groups, documents and field notes, and
/// export paper-ready tables.
#[derive(Debug, Parser)]
#[command(name = "jalin", version, about, long_about = None)]
pub struct Cli {
    /// Who is coding: stored with every coding and memo. Defaults to
    /// $JALIN_CODER, else your login name. In reports and charts it keeps
    /// only that coder's codings.
    #[arg(long, global = true, value_name = "NAME", allow_hyphen_values = true)]
    pub coder: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// The project file named on the command line (any subcommand's
    /// PROJECT), so an error SQLite reports without a file name (disk full,
    /// busy, read-only, damaged) can name it. Filled by [`Cli::parse_args`].
    #[arg(skip)]
    pub project: Option<PathBuf>,
}

impl Cli {
    /// Parses a command line (the program name first), noting the project
    /// file it names.
    pub fn parse_args<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        use clap::{CommandFactory, FromArgMatches};
        let matches = Cli::command().try_get_matches_from(args)?;
        let mut cli = Cli::from_arg_matches(&matches)?;
        cli.project = project_arg(&matches);
        Ok(cli)
    }
}

/// The `project` argument of the innermost subcommand that has one.
fn project_arg(m: &clap::ArgMatches) -> Option<PathBuf> {
    if let Ok(Some(p)) = m.try_get_one::<PathBuf>("project") {
        return Some(p.clone());
    }
    m.subcommand().and_then(|(_, sub)| project_arg(sub))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new, empty project file.
    New { project: PathBuf },
    /// Import files or folders as sources: .txt .md .docx .odt .pdf .html .vtt .srt .csv
    /// (a folder: every such file below it).
    Import {
        project: PathBuf,
        #[arg(required = true, value_name = "FILE|FOLDER")]
        files: Vec<PathBuf>,
        /// CSV: the column holding the speaker (default: a column named speaker, name, …).
        #[arg(long, value_name = "COLUMN")]
        speaker_column: Option<String>,
        /// CSV: the column holding the words (default: text, transcript, utterance, …).
        #[arg(long, value_name = "COLUMN")]
        text_column: Option<String>,
        /// CSV: the column holding the time (default: time, timestamp, start, …).
        #[arg(long, value_name = "COLUMN")]
        time_column: Option<String>,
        /// CSV: a column of tags (separated by ;) that become codes on each row's words.
        #[arg(long, value_name = "COLUMN")]
        tags_column: Option<String>,
        /// The kind of every imported source (overrides the file's front matter).
        #[arg(long, ignore_case = true)]
        kind: Option<SourceKind>,
        /// An attribute for every imported source, e.g. --attr city=Palu (repeatable).
        #[arg(long = "attr", value_name = "KEY=VALUE")]
        attrs: Vec<String>,
        /// Import even if the same text is already in the project.
        #[arg(long)]
        force: bool,
    },
    /// Work on the codebook.
    #[command(subcommand)]
    Codes(CodesCommand),
    /// Apply a code to a range (--range), to every match of a pattern
    /// (--match), or apply the codings listed in a CSV file (--from).
    Code {
        project: PathBuf,
        /// The code: its name, its path (parent > child) or GUID.
        #[arg(long, required_unless_present = "from", allow_hyphen_values = true)]
        code: Option<String>,
        /// The source (name or GUID). With --match, limits the search (repeatable).
        #[arg(long, allow_hyphen_values = true)]
        source: Vec<String>,
        /// Code-point range START..END (end exclusive), as `jalin list codings` prints.
        #[arg(long, conflicts_with = "pattern", value_name = "START..END")]
        range: Option<String>,
        /// A regular expression; every match is coded.
        #[arg(
            long = "match",
            value_name = "REGEX",
            required_unless_present_any = ["range", "from"],
            allow_hyphen_values = true
        )]
        pattern: Option<String>,
        /// How much to code around each match.
        #[arg(
            long,
            value_enum,
            ignore_case = true,
            default_value = "match",
            requires = "pattern"
        )]
        unit: Unit,
        /// Match without regard to case.
        #[arg(long, short = 'i', requires = "pattern")]
        ignore_case: bool,
        /// A CSV file of codings with the columns source, code, start, end
        /// (code points, end exclusive) and optionally coder; each row is
        /// saved in its own transaction.
        #[arg(long, value_name = "FILE.csv", conflicts_with_all = ["code", "source", "range", "pattern"])]
        from: Option<PathBuf>,
        /// With --from: save all rows in one transaction, so a bad row leaves
        /// the project unchanged.
        #[arg(long, requires = "from")]
        one_transaction: bool,
    },
    /// Remove codings by their GUID (as `jalin list codings` prints).
    Uncode {
        project: PathBuf,
        #[arg(required = true)]
        codings: Vec<String>,
    },
    /// List sources, codes, codings or memos.
    #[command(subcommand)]
    List(ListCommand),
    /// Print a source's stored text.
    Show {
        project: PathBuf,
        #[arg(allow_hyphen_values = true)]
        source: String,
    },
    /// Change a source's name, kind or attributes.
    Source {
        project: PathBuf,
        #[arg(allow_hyphen_values = true)]
        source: String,
        #[arg(long, allow_hyphen_values = true)]
        rename: Option<String>,
        #[arg(long, ignore_case = true)]
        kind: Option<SourceKind>,
        /// Set an attribute, e.g. --attr role=judge (repeatable).
        #[arg(long = "attr", value_name = "KEY=VALUE")]
        attrs: Vec<String>,
        /// Remove an attribute (repeatable).
        #[arg(long, value_name = "KEY")]
        unset: Vec<String>,
    },
    /// Write a memo on the project, a source, a code or a coding.
    Memo {
        project: PathBuf,
        #[arg(allow_hyphen_values = true)]
        text: String,
        #[arg(long, conflicts_with_all = ["code", "coding"], allow_hyphen_values = true)]
        source: Option<String>,
        #[arg(long, conflicts_with = "coding", allow_hyphen_values = true)]
        code: Option<String>,
        /// A coding's GUID.
        #[arg(long)]
        coding: Option<String>,
        #[arg(long, default_value = "", allow_hyphen_values = true)]
        title: String,
    },
    /// Tables for papers: frequencies, triangulation, co-occurrence, matrix, quotes.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Figures: frequency bars, heatmap, concept map.
    #[command(subcommand)]
    Chart(ChartCommand),
    /// The focus-group review board: set a theme's status, or export the sheet.
    Review {
        project: PathBuf,
        /// The review session, e.g. "Expert FGD".
        #[arg(long, default_value = "FGD review", allow_hyphen_values = true)]
        session: String,
        /// Put a theme on the board with a status: THEME=pending|confirmed|disputed|revised.
        #[arg(long, value_name = "THEME=STATUS", conflicts_with_all = ["format", "out"], allow_hyphen_values = true)]
        set: Option<String>,
        /// The facilitator's note, with --set.
        #[arg(long, requires = "set", default_value = "", allow_hyphen_values = true)]
        note: String,
        /// The review sheet's format.
        #[arg(long, value_enum, ignore_case = true, required_unless_present = "set")]
        format: Option<ReviewFormat>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Mark a coding (by GUID) as an exemplar quote, or unmark it.
    Exemplar {
        project: PathBuf,
        coding: String,
        #[arg(long)]
        unset: bool,
    },
    /// Write a consistent copy of a project to a new file (safe while the
    /// workbench has it open; SQLite's online backup).
    Backup {
        project: PathBuf,
        /// The new file; never replaces an existing one.
        out: PathBuf,
        /// Leave out triggers, views, tables and indexes Jalin did not make,
        /// rebuild Jalin's own indexes and break code-parent loops (for a
        /// project that Jalin refuses to open as tampered with or damaged).
        #[arg(long)]
        repair: bool,
    },
    /// Create a project holding the built-in demo study.
    Demo { project: PathBuf },
    /// Open a project in the workbench window (`jalin` alone opens the last one).
    Open { project: PathBuf },
    /// REFI-QDA project exchange (.qdpx) with NVivo, ATLAS.ti, MAXQDA, QualCoder.
    #[command(subcommand)]
    Qdpx(QdpxCommand),
    /// REFI-QDA codebook exchange (.qdc).
    #[command(subcommand)]
    Qdc(QdcCommand),
    /// Measure Jalin at scale (workload A, workload B); prints each step's time and peak memory.
    #[command(subcommand)]
    Bench(BenchCommand),
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Import documents, create codes, make codings one transaction each, then
    /// the per-code count table and all coded segments as CSV.
    WorkloadA {
        /// The project file to create (kept afterwards); default: a temporary one.
        project: Option<PathBuf>,
        #[arg(long, default_value_t = 200)]
        docs: usize,
        /// Size of each generated document in KiB.
        #[arg(long, default_value_t = 30)]
        doc_kb: usize,
        #[arg(long, default_value_t = 20)]
        codes: usize,
        #[arg(long, default_value_t = 20_000)]
        codings: usize,
        /// Import the .txt/.html files of this folder instead of generating documents.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// prompt (Jalin's setting: each commit flushed to disk by a
        /// background thread right after), full (each commit waits for its
        /// flush) or normal (flushed at checkpoints only; for comparison).
        #[arg(long, value_enum, ignore_case = true, default_value = "prompt")]
        durability: crate::store::Durability,
    },
    /// A large coded corpus: time to open it and compute the frequency and
    /// triangulation tables at each number of codings.
    WorkloadB {
        /// The project file to create (kept afterwards); default: a temporary one.
        project: Option<PathBuf>,
        #[arg(long, default_value_t = 2_000)]
        sources: usize,
        /// Size of each generated source in KiB.
        #[arg(long, default_value_t = 4)]
        doc_kb: usize,
        #[arg(long, default_value_t = 40)]
        codes: usize,
        /// Numbers of codings to measure at, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "10000,100000,1000000")]
        codings: Vec<usize>,
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
}

#[derive(Debug, Subcommand)]
pub enum QdpxCommand {
    /// Import a .qdpx into a NEW project file (PROJECT must not exist yet); prints the loss report.
    Import { project: PathBuf, file: PathBuf },
    /// Export the project as a .qdpx.
    Export { project: PathBuf, file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum QdcCommand {
    /// Add the codes of a .qdc codebook to the project (codes already there are kept).
    Import { project: PathBuf, file: PathBuf },
    /// Export the project's codebook as a .qdc.
    Export { project: PathBuf, file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum CodesCommand {
    /// Create a code.
    Add {
        project: PathBuf,
        #[arg(allow_hyphen_values = true)]
        name: String,
        /// Parent code (name, path or GUID).
        #[arg(long, allow_hyphen_values = true)]
        parent: Option<String>,
        /// #RRGGBB; by default the next palette colour.
        #[arg(long)]
        color: Option<String>,
        #[arg(long, default_value = "", allow_hyphen_values = true)]
        description: String,
    },
    /// List the codebook with counts.
    List {
        project: PathBuf,
        #[command(flatten)]
        output: Output,
    },
    /// Rename a code.
    Rename {
        project: PathBuf,
        #[arg(allow_hyphen_values = true)]
        code: String,
        #[arg(allow_hyphen_values = true)]
        new_name: String,
    },
    /// Change a code's colour.
    Recolor {
        project: PathBuf,
        #[arg(allow_hyphen_values = true)]
        code: String,
        color: String,
    },
    /// Set a code's description.
    Describe {
        project: PathBuf,
        #[arg(allow_hyphen_values = true)]
        code: String,
        #[arg(allow_hyphen_values = true)]
        description: String,
    },
    /// Move a code under another (--parent) or to the top level (--top).
    Move {
        project: PathBuf,
        #[arg(allow_hyphen_values = true)]
        code: String,
        #[arg(long, required_unless_present = "top", allow_hyphen_values = true)]
        parent: Option<String>,
        #[arg(long, conflicts_with = "parent")]
        top: bool,
    },
    /// Merge a code into another: its codings, sub-codes and memos move over.
    Merge {
        project: PathBuf,
        #[arg(allow_hyphen_values = true)]
        from: String,
        #[arg(allow_hyphen_values = true)]
        into: String,
    },
    /// Delete a code with its sub-codes and their codings.
    Delete {
        project: PathBuf,
        #[arg(allow_hyphen_values = true)]
        code: String,
        /// Only say what would be deleted.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ListCommand {
    /// Every source: name, kind, length, turns, codings, attributes, file.
    Sources {
        project: PathBuf,
        #[command(flatten)]
        output: Output,
    },
    /// The codebook: each code's path, counts, colour and description.
    Codes {
        project: PathBuf,
        #[command(flatten)]
        output: Output,
    },
    /// Every coded segment: GUID, source, code, range, coder, speaker,
    /// attributes and the quoted text.
    Codings {
        project: PathBuf,
        /// Only codings of this code.
        #[arg(long, allow_hyphen_values = true)]
        code: Option<String>,
        /// Only codings in this source.
        #[arg(long, allow_hyphen_values = true)]
        source: Option<String>,
        #[command(flatten)]
        output: Output,
    },
    /// Every memo with what it is about.
    Memos {
        project: PathBuf,
        #[command(flatten)]
        output: Output,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Per code (with its sub-codes): codings, sources, respondents and their shares; split with --by.
    Frequencies {
        #[command(flatten)]
        common: ReportArgs,
    },
    /// Code × source kind: codings and sources per kind, and whether corroborated; --by attr:NAME also splits by it.
    Triangulation {
        #[command(flatten)]
        common: ReportArgs,
    },
    /// Code × code: how often codes occur together.
    Cooccurrence {
        #[command(flatten)]
        common: ReportArgs,
        /// What counts as together: overlap (codings overlap), turn (same speaker turn) or paragraph.
        #[arg(long, value_enum, ignore_case = true, default_value = "overlap")]
        unit: CoMode,
        /// Show similarity (c-coefficient for overlap, Jaccard for turn/paragraph) instead of counts.
        #[arg(long)]
        jaccard: bool,
    },
    /// Code × source: codings per source, or 0/1 with --presence.
    Matrix {
        #[command(flatten)]
        common: ReportArgs,
        #[arg(long)]
        presence: bool,
    },
    /// Per code, its quotes with attribution; exemplars first.
    Quotes {
        #[command(flatten)]
        common: ReportArgs,
        /// Attributes that make up the attribution, in order.
        #[arg(long, default_value = "role,city", value_delimiter = ',')]
        cite: Vec<String>,
        /// Only quotes marked as exemplars.
        #[arg(long)]
        exemplars_only: bool,
    },
}

/// What every report takes: the project, how to split, filters, output.
#[derive(Debug, Args)]
pub struct ReportArgs {
    pub project: PathBuf,
    /// Split by source kind (kind), an attribute (attr:NAME) or two (attr:NAME,attr:NAME).
    #[arg(long)]
    pub by: Option<String>,
    /// Only codings by this coder (repeatable).
    #[arg(
        long = "coder-filter",
        alias = "only-coder",
        value_name = "NAME",
        allow_hyphen_values = true
    )]
    pub coders: Vec<String>,
    /// Only sources of this kind (repeatable).
    #[arg(long = "kind", value_name = "KIND", ignore_case = true)]
    pub kinds: Vec<SourceKind>,
    /// Only sources with this attribute value, e.g. --where city=Palu (repeatable).
    #[arg(long = "where", value_name = "KEY=VALUE")]
    pub wheres: Vec<String>,
    /// Only this code and its sub-codes (repeatable).
    #[arg(long = "code", value_name = "CODE", allow_hyphen_values = true)]
    pub codes: Vec<String>,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Subcommand)]
pub enum ChartCommand {
    /// Bars of code frequencies stacked by source kind.
    Frequencies {
        #[command(flatten)]
        common: ChartArgs,
    },
    /// Codes × attribute values (--by attr:NAME), shaded by the share of sources coded.
    Heatmap {
        #[command(flatten)]
        common: ChartArgs,
    },
    /// Themes, codes sized by frequency, and co-occurrence as weighted edges.
    ConceptMap {
        #[command(flatten)]
        common: ChartArgs,
    },
}

#[derive(Debug, Args)]
pub struct ChartArgs {
    pub project: PathBuf,
    /// The figure's format (dot only for the concept map).
    #[arg(long, value_enum, ignore_case = true)]
    pub format: FigureFormat,
    #[arg(long)]
    pub out: PathBuf,
    /// For the heatmap: the attribute (attr:NAME or attr:NAME,attr:NAME).
    #[arg(long)]
    pub by: Option<String>,
    /// For the concept map: what links two codes: overlap, turn (same speaker turn) or paragraph.
    #[arg(long, value_enum, ignore_case = true, default_value = "turn")]
    pub unit: CoMode,
    /// Only codings by this coder (repeatable).
    #[arg(long = "coder-filter", value_name = "NAME", allow_hyphen_values = true)]
    pub coders: Vec<String>,
    /// Only sources of this kind (repeatable).
    #[arg(long = "kind", value_name = "KIND", ignore_case = true)]
    pub kinds: Vec<SourceKind>,
    /// Only sources with this attribute value (repeatable).
    #[arg(long = "where", value_name = "KEY=VALUE")]
    pub wheres: Vec<String>,
}

/// The formats of the focus-group review sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReviewFormat {
    Docx,
    #[value(name = "md", alias = "markdown")]
    Markdown,
}

/// The formats of a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FigureFormat {
    Svg,
    Png,
    /// Graphviz, for the concept map.
    Dot,
}

/// Where and how a table is written.
#[derive(Debug, Args)]
pub struct Output {
    /// csv is the long, tidy table; csv-wide the table as printed.
    #[arg(long, value_enum, ignore_case = true, default_value = "csv")]
    pub format: TableFormat,
    /// Write to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Runs the command line with the process's arguments; returns the exit code.
pub fn main() -> i32 {
    let cli = Cli::parse_args(std::env::args_os()).unwrap_or_else(|e| e.exit());
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    run(cli, &mut stdout.lock(), &mut stderr.lock())
}

/// Runs a parsed command line. Exit code 0 on success, 1 if anything failed.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let coder = cli.coder.clone().unwrap_or_else(default_coder);
    let Some(command) = cli.command else {
        // The graphical workbench will open here; until then, say what there is.
        use clap::CommandFactory;
        let _ = writeln!(out, "{}", Cli::command().render_help());
        return 0;
    };
    // In reports and charts, an explicit --coder narrows to that coder's codings.
    let coder_filter = cli.coder.clone();
    let cli_project = cli.project.clone();
    // A closed or failing stdout never stops a command that changes the
    // project half-way (see cli/output.rs); a closed stderr stops nothing.
    let changes = output::changes_project(&command);
    let mut out = output::Guarded::new(out, changes);
    let mut err = output::Guarded::new(err, true);
    let result = execute(command, &coder, coder_filter, &mut out, &mut err);
    let _ = out.flush();
    let lost = out.failure().map(|e| match e.kind() {
        std::io::ErrorKind::BrokenPipe => (e.kind(), "the program reading it stopped early".into()),
        kind => (kind, e.to_string()),
    });
    let code = match result {
        // A reader that stopped early (`jalin report … | head`) is not an
        // error for a command that only shows something.
        _ if !changes
            && lost
                .as_ref()
                .is_some_and(|(k, _)| *k == std::io::ErrorKind::BrokenPipe) =>
        {
            return 0;
        }
        Err(_) if !changes && lost.is_some() => 1,
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(
                err,
                "error: {e:#}{}",
                project_suffix(&e, cli_project.as_deref())
            );
            1
        }
    };
    let Some((_, why)) = lost else {
        return code;
    };
    let (lines, last) = out.lost();
    if changes {
        let _ = writeln!(
            err,
            "error: standard output could not be written ({why}): {lines} lines were lost, \
             but the command did not stop for that{}",
            match &last {
                Some(l) if code == 0 => format!("; it finished, and its last line was: {l}"),
                _ => String::new(),
            }
        );
        if code == 0 { output::OUTPUT_LOST } else { code }
    } else {
        let _ = writeln!(err, "error: standard output could not be written ({why})");
        1
    }
}

/// Runs a command line given as words (for tests and scripts).
pub fn run_args<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    match Cli::parse_args(args) {
        Ok(cli) => run(cli, out, err),
        Err(e) => {
            let _ = write!(err, "{}", e.render());
            if e.use_stderr() { 2 } else { 0 }
        }
    }
}

pub use crate::model::default_coder;

/// Runs one change through the command layer the workbench uses (one
/// transaction, checked); the command line keeps no undo history, so the
/// inverse is only read for what to print.
fn change(p: &mut Project, c: Change) -> Result<Change> {
    Ok(c.apply(p)?)
}

fn open(path: &Path) -> Result<Project> {
    Ok(Project::open(path)?)
}

/// `: PATH` of the command line's project when the error came from SQLite
/// itself (whose messages name no file).
fn project_suffix(e: &anyhow::Error, project: Option<&Path>) -> String {
    let from_sqlite = e.chain().any(|c| {
        matches!(
            c.downcast_ref::<crate::store::StoreError>(),
            Some(crate::store::StoreError::Sqlite(_))
        )
    });
    match project {
        Some(path) if from_sqlite => format!(": {}", path.display()),
        _ => String::new(),
    }
}

fn parse_attr(s: &str) -> Result<Attribute> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => {
            Ok(Attribute::new(k.trim().to_lowercase(), v.trim()))
        }
        _ => bail!("'{s}' is not an attribute: write it as key=value, e.g. city=Palu"),
    }
}

fn parse_range(s: &str) -> Result<(usize, usize)> {
    let bad =
        || anyhow!("'{s}' is not a range: write START..END with whole numbers, e.g. 120..245");
    let (a, b) = s.split_once("..").ok_or_else(bad)?;
    Ok((
        a.trim().parse().map_err(|_| bad())?,
        b.trim().parse().map_err(|_| bad())?,
    ))
}

fn emit(table: &Table, output: &Output, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    write_out(output, out, err, |format, w| {
        export::write_table(table, format, w)
    })
}

fn emit_report(
    report: &Report,
    output: &Output,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    write_out(output, out, err, |format, w| {
        export::write_report(report, format, w)
    })
}

/// Writes to `--out` (atomically) or stdout; binary formats need `--out`.
fn write_out(
    output: &Output,
    out: &mut dyn Write,
    err: &mut dyn Write,
    write: impl FnOnce(TableFormat, &mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let format = output.format;
    match &output.out {
        Some(path) => {
            export::write_file_atomically(path, |w| write(format, w))?;
            writeln!(err, "wrote {}", path.display())?;
        }
        None if format.is_binary() => {
            bail!(
                "{} is a binary format: give --out FILE.{}",
                format.as_str(),
                format.extension()
            )
        }
        None => write(format, out)?,
    }
    Ok(())
}

/// Builds the filter from the command line's names, checking each.
fn build_filter(
    p: &Project,
    coders: &[String],
    kinds: &[SourceKind],
    wheres: &[String],
    codes: &[String],
) -> Result<Filter> {
    let all_coders = p.coders()?;
    let coders = coders
        .iter()
        .map(|name| {
            all_coders
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(name.trim()))
                .map(|c| c.id)
                .ok_or_else(|| anyhow!("no coder called '{name}' in this project"))
        })
        .collect::<Result<_>>()?;
    let kinds = kinds.to_vec();
    let attributes = wheres
        .iter()
        .map(|w| parse_attr(w).map(|a| (a.key, a.value)))
        .collect::<Result<_>>()?;
    let codes = codes
        .iter()
        .map(|c| p.find_code(c).map(|c| c.id))
        .collect::<Result<_, _>>()?;
    Ok(Filter {
        coders,
        kinds,
        attributes,
        codes,
    })
}

fn parse_grouping<C>(by: Option<&str>, data: &ProjectData<C>) -> Result<Grouping> {
    let grouping: Grouping = by
        .unwrap_or("none")
        .parse()
        .map_err(|e: String| anyhow!(e))?;
    for key in grouping.keys() {
        if !data.sources.iter().any(|s| s.attribute(key).is_some()) {
            bail!("no source has the attribute '{key}' (see `jalin list sources`)");
        }
    }
    Ok(grouping)
}

fn execute(
    command: Command,
    coder: &str,
    coder_filter: Option<String>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32> {
    match command {
        Command::New { project } => {
            Project::create(&project)?;
            writeln!(out, "created {}", project.display())?;
        }
        Command::Import {
            project,
            files,
            speaker_column,
            text_column,
            time_column,
            tags_column,
            kind,
            attrs,
            force,
        } => {
            let options = ImportOptions {
                kind,
                attributes: attrs.iter().map(|a| parse_attr(a)).collect::<Result<_>>()?,
                force,
                csv: import::CsvColumns {
                    speaker: speaker_column,
                    text: text_column,
                    time: time_column,
                    tags: tags_column,
                },
                coder: Some(coder.to_string()),
            };
            return import_cmd(&project, &files, &options, out, err);
        }
        Command::Codes(c) => codes_cmd(c, out, err)?,
        Command::Code {
            project,
            from: Some(file),
            one_transaction,
            ..
        } => return code_from_csv(&project, &file, coder, one_transaction, out, err),
        Command::Code {
            project,
            code,
            source,
            range,
            pattern,
            unit,
            ignore_case,
            one_transaction,
            ..
        } => {
            if one_transaction {
                bail!("--one-transaction goes with --from FILE.csv");
            }
            let mut p = open(&project)?;
            let code = p.find_code(code.as_deref().unwrap_or_default())?;
            if let Some(range) = range {
                let (start, end) = parse_range(&range)?;
                let [name] = source.as_slice() else {
                    bail!("--range needs exactly one --source");
                };
                let source = p.find_source(name)?;
                // Check before the coder is made, so a refused coding writes nothing.
                let known = p.find_coder(coder)?.map(|c| c.id);
                p.check_coding(source.id, code.id, start, end, known)?;
                let coder = p.coder(coder)?;
                let inverse = change(
                    &mut p,
                    Change::AddCoding {
                        source: source.id,
                        code: code.id,
                        start,
                        end,
                        coder: coder.id,
                    },
                )?;
                let made = Change::created_coding(&inverse).context("the coding was not saved")?;
                writeln!(out, "{}", p.coding(made)?.guid)?;
            } else if let Some(pattern) = pattern {
                let re = search::pattern(&pattern, ignore_case)
                    .with_context(|| format!("'{pattern}' is not a valid regular expression"))?;
                let scope: Vec<_> = if source.is_empty() {
                    p.sources()?
                } else {
                    source
                        .iter()
                        .map(|s| p.find_source(s))
                        .collect::<Result<_, _>>()?
                };
                let known = p.find_coder(coder)?.map(|c| c.id);
                let existing: std::collections::HashSet<_> = p
                    .codings()?
                    .into_iter()
                    .filter(|c| c.code == code.id && Some(c.coder) == known)
                    .map(|c| (c.source, c.start, c.end))
                    .collect();
                let texts = p.source_texts()?;
                let (mut hits, mut already, mut sources_hit) = (Vec::new(), 0, 0);
                for s in &scope {
                    let t = &texts[&s.id];
                    let ranges = search::coding_ranges(&t.text, &t.turns, &re, unit);
                    sources_hit += usize::from(!ranges.is_empty());
                    for (start, end) in ranges {
                        if existing.contains(&(s.id, start, end)) {
                            already += 1;
                            continue;
                        }
                        hits.push((s.id, start, end));
                    }
                }
                // The coder is made only when there is something to save.
                let made = if hits.is_empty() {
                    0
                } else {
                    let coder = p.coder(coder)?;
                    let all: Vec<Change> = hits
                        .into_iter()
                        .map(|(source, start, end)| Change::AddCoding {
                            source,
                            code: code.id,
                            start,
                            end,
                            coder: coder.id,
                        })
                        .collect();
                    // One transaction: every passage or none.
                    match change(&mut p, Change::Batch(all))?.unchecked() {
                        Change::Batch(inverses) => inverses.len(),
                        _ => 1,
                    }
                };
                writeln!(
                    out,
                    "coded {} passages in {} sources with '{}' ({} already coded)",
                    made, sources_hit, code.name, already
                )?;
            }
        }
        Command::Uncode { project, codings } => {
            let mut p = open(&project)?;
            let found = codings
                .iter()
                .map(|g| p.find_coding(g))
                .collect::<Result<Vec<_>, _>>()?;
            // One transaction: all of them or none.
            change(
                &mut p,
                Change::Batch(found.iter().map(|c| Change::RemoveCoding(c.id)).collect()),
            )?;
            for c in found {
                writeln!(out, "removed {}", c.guid)?;
            }
        }
        Command::List(l) => list_cmd(l, out, err)?,
        Command::Show { project, source } => {
            let p = open(&project)?;
            let s = p.find_source(&source)?;
            out.write_all(p.source_text(s.id)?.as_bytes())?;
        }
        Command::Source {
            project,
            source,
            rename,
            kind,
            attrs,
            unset,
        } => {
            let mut p = open(&project)?;
            let s = p.find_source(&source)?;
            let attrs = attrs
                .iter()
                .map(|a| parse_attr(a))
                .collect::<Result<Vec<_>>>()?;
            // Kind, attributes and name change together or not at all.
            let mut steps = Vec::new();
            if let Some(kind) = kind {
                steps.push(Change::SetSourceKind { source: s.id, kind });
            }
            for a in attrs {
                steps.push(Change::SetAttribute {
                    source: s.id,
                    key: a.key,
                    value: Some(a.value),
                });
            }
            for key in unset {
                steps.push(Change::SetAttribute {
                    source: s.id,
                    key,
                    value: None,
                });
            }
            if let Some(name) = rename {
                steps.push(Change::RenameSource { source: s.id, name });
            }
            change(&mut p, Change::Batch(steps))?;
            let s = p.source(s.id)?;
            writeln!(
                out,
                "{} · {} · {}",
                s.name,
                s.kind,
                attributes_text(&s.attributes)
            )?;
        }
        Command::Memo {
            project,
            text,
            source,
            code,
            coding,
            title,
        } => {
            let mut p = open(&project)?;
            let target = if let Some(s) = source {
                MemoTarget::Source(p.find_source(&s)?.id)
            } else if let Some(c) = code {
                MemoTarget::Code(p.find_code(&c)?.id)
            } else if let Some(c) = coding {
                MemoTarget::Coding(p.find_coding(&c)?.id)
            } else {
                MemoTarget::Project
            };
            let coder = p.coder(coder)?;
            let inverse = change(
                &mut p,
                Change::AddMemo {
                    target,
                    title,
                    text,
                    coder: coder.id,
                },
            )?;
            let id = Change::created_memo(&inverse).context("the memo was not saved")?;
            writeln!(out, "{}", p.memo(id)?.guid)?;
        }
        Command::Report(r) => report_cmd(r, coder_filter, out, err)?,
        Command::Chart(c) => chart_cmd(c, coder_filter, err)?,
        Command::Review {
            project,
            session,
            set,
            note,
            format,
            out: out_path,
        } => {
            let mut p = open(&project)?;
            if let Some(set) = set {
                let (theme, status) = set.rsplit_once('=').ok_or_else(|| {
                    anyhow!("'{set}' is not THEME=STATUS, e.g. coordination=confirmed")
                })?;
                let status: ReviewStatus = status.parse().map_err(|e: String| anyhow!(e))?;
                let code = p.find_code(theme)?;
                change(
                    &mut p,
                    Change::SetReview {
                        session: session.clone(),
                        code: code.id,
                        status,
                        note,
                    },
                )?;
                writeln!(
                    out,
                    "'{}' is {} in {}",
                    code.name,
                    status.as_str(),
                    session.trim()
                )?;
            } else {
                let format = format.unwrap_or(ReviewFormat::Docx);
                let data = p.data()?;
                let board = analysis::review_board(
                    &data,
                    &p.source_texts()?,
                    &session,
                    &p.review_items(&session)?,
                );
                let write = |w: &mut dyn Write| match format {
                    ReviewFormat::Markdown => export::write_review_markdown(&board, w),
                    ReviewFormat::Docx => export::write_review_docx(&board, w),
                };
                match (format, out_path) {
                    (_, Some(path)) => {
                        export::write_file_atomically(&path, write)?;
                        writeln!(err, "wrote {}", path.display())?;
                    }
                    (ReviewFormat::Markdown, None) => write(out)?,
                    (ReviewFormat::Docx, None) => {
                        bail!("docx is a binary format: give --out FILE.docx")
                    }
                }
            }
        }
        Command::Exemplar {
            project,
            coding,
            unset,
        } => {
            let mut p = open(&project)?;
            let c = p.find_coding(&coding)?;
            change(
                &mut p,
                Change::SetExemplar {
                    coding: c.id,
                    exemplar: !unset,
                },
            )?;
            writeln!(
                out,
                "{} {} an exemplar",
                c.guid,
                if unset { "is no longer" } else { "is" }
            )?;
        }
        Command::Qdpx(QdpxCommand::Import { project, file }) => {
            let report = exchange::import_qdpx(&project, &file)?;
            writeln!(out, "created {} from {}", project.display(), file.display())?;
            write!(out, "{report}")?;
        }
        Command::Qdpx(QdpxCommand::Export { project, file }) => {
            let p = open(&project)?;
            exchange::export_qdpx(&p, &file)?;
            let d = p.data()?;
            writeln!(
                out,
                "wrote {}: {} sources, {} codes, {} codings, {} memos",
                file.display(),
                d.sources.len(),
                d.codes.len(),
                d.codings.len(),
                p.memos()?.len()
            )?;
        }
        Command::Qdc(QdcCommand::Import { project, file }) => {
            let mut p = open(&project)?;
            let report = exchange::import_qdc(&mut p, &file)?;
            writeln!(
                out,
                "{} new codes from {}",
                report.imported.codes,
                file.display()
            )?;
            for a in &report.assumptions {
                writeln!(out, "  - {a}")?;
            }
            for l in &report.losses {
                writeln!(out, "  - {} '{}': {}", l.element, l.name, l.reason)?;
            }
        }
        Command::Qdc(QdcCommand::Export { project, file }) => {
            let p = open(&project)?;
            exchange::export_qdc(&p, &file)?;
            writeln!(out, "wrote {} ({} codes)", file.display(), p.codes()?.len())?;
        }
        Command::Open { project } => {
            // The binary starts the window for `open` before the command line
            // runs; a headless caller only gets told.
            bail!(
                "the workbench window is started by the jalin program, not the library: {}",
                project.display()
            );
        }
        Command::Bench(b) => bench_cmd(b, out)?,
        Command::Backup {
            project,
            out: copy,
            repair,
        } => {
            let report = crate::store::backup(&project, &copy, repair)?;
            for what in &report.dropped {
                writeln!(out, "left out {what}")?;
            }
            for index in &report.rebuilt {
                writeln!(out, "rebuilt index '{index}'")?;
            }
            for code in &report.moved_to_top {
                writeln!(out, "moved code '{code}' to the top level to break a loop")?;
            }
            writeln!(out, "wrote {}", copy.display())?;
        }
        Command::Demo { project } => {
            let mut p = Project::create(&project)?;
            match crate::demo::load_demo(&mut p) {
                Ok(r) => writeln!(
                    out,
                    "created {} with the demo study: {} sources, {} codes, {} codings, {} memos",
                    project.display(),
                    r.sources,
                    r.codes,
                    r.codings,
                    r.memos
                )?,
                Err(e) => {
                    drop(p);
                    for suffix in ["", "-wal", "-shm"] {
                        let mut f = project.as_os_str().to_owned();
                        f.push(suffix);
                        let _ = std::fs::remove_file(PathBuf::from(f));
                    }
                    return Err(e.into());
                }
            }
        }
    }
    Ok(0)
}

fn import_cmd(
    project: &Path,
    files: &[PathBuf],
    options: &ImportOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32> {
    let mut p = open(project)?;
    let (mut added, mut duplicates, mut failed) = (0, 0, 0);
    let (expanded, skipped) = import::expand_paths(files);
    let mut failed_folders = 0;
    for f in files.iter().filter(|f| f.is_dir()) {
        if !expanded.iter().any(|e| e.starts_with(f)) {
            failed_folders += 1;
            writeln!(
                err,
                "error: the folder holds no file Jalin can import: {}",
                f.display()
            )?;
        }
    }
    for f in &skipped {
        writeln!(err, "{f}")?;
    }
    let many = expanded.len() > 1 || files.iter().any(|f| f.is_dir());
    let total = expanded.len();
    let mut progress = |pr: &import::ImportProgress| {
        if many {
            let _ = writeln!(err, "[{}/{}] {}", pr.done + 1, total, pr.current.display());
        }
        true
    };
    let results = import::import_paths(&mut p, files, options, &mut progress);
    for (path, result) in results {
        match result {
            Ok(ImportOutcome::Added { source, warnings }) => {
                added += 1;
                let turns = p.turns(source.id)?.len();
                writeln!(
                    out,
                    "imported {} as '{}' ({}, {} characters, {} speaker turns)",
                    path.display(),
                    source.name,
                    source.kind,
                    source.char_len,
                    turns
                )?;
                for w in warnings {
                    writeln!(err, "warning: {w}: {}", path.display())?;
                }
            }
            Ok(ImportOutcome::Duplicate { existing }) => {
                duplicates += 1;
                writeln!(
                    err,
                    "warning: skipped, the same text is already in the project as '{existing}' (use --force to import it again): {}",
                    path.display()
                )?;
            }
            Err(e) => {
                failed += 1;
                writeln!(err, "error: {e}")?;
            }
        }
    }
    if many || !skipped.is_empty() {
        writeln!(
            err,
            "{added} imported, {duplicates} skipped as duplicates, {failed} failed, {} skipped (listed above)",
            skipped.len()
        )?;
    }
    Ok(if failed + failed_folders > 0 { 1 } else { 0 })
}

fn codes_cmd(c: CodesCommand, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    match c {
        CodesCommand::Add {
            project,
            name,
            parent,
            color,
            description,
        } => {
            let mut p = open(&project)?;
            let parent = parent.map(|s| p.find_code(&s)).transpose()?.map(|c| c.id);
            let color = color
                .map(|c| c.parse::<Color>())
                .transpose()
                .map_err(|e| anyhow!(e))?;
            let inverse = change(
                &mut p,
                Change::AddCode {
                    name,
                    parent,
                    color,
                    description,
                },
            )?;
            let made = Change::created_code(&inverse).context("the code was not saved")?;
            writeln!(out, "{}", p.code(made)?.guid)?;
        }
        CodesCommand::List { project, output } => {
            let p = open(&project)?;
            emit(&codes_table(&p.data()?), &output, out, err)?;
        }
        CodesCommand::Rename {
            project,
            code,
            new_name,
        } => {
            let mut p = open(&project)?;
            let c = p.find_code(&code)?;
            change(
                &mut p,
                Change::RenameCode {
                    code: c.id,
                    name: new_name.clone(),
                },
            )?;
            writeln!(out, "renamed '{}' to '{}'", c.name, new_name.trim())?;
        }
        CodesCommand::Recolor {
            project,
            code,
            color,
        } => {
            let mut p = open(&project)?;
            let c = p.find_code(&code)?;
            let color: Color = color
                .parse()
                .map_err(|e: crate::model::BadColor| anyhow!(e))?;
            change(&mut p, Change::SetCodeColor { code: c.id, color })?;
            writeln!(out, "'{}' is now {}", c.name, color)?;
        }
        CodesCommand::Describe {
            project,
            code,
            description,
        } => {
            let mut p = open(&project)?;
            let c = p.find_code(&code)?;
            change(
                &mut p,
                Change::SetCodeDescription {
                    code: c.id,
                    description,
                },
            )?;
        }
        CodesCommand::Move {
            project,
            code,
            parent,
            top: _,
        } => {
            let mut p = open(&project)?;
            let c = p.find_code(&code)?;
            let parent = parent.map(|s| p.find_code(&s)).transpose()?;
            change(
                &mut p,
                Change::PlaceCode {
                    code: c.id,
                    parent: parent.as_ref().map(|p| p.id),
                    position: None,
                },
            )?;
            let book = p.codebook()?;
            writeln!(out, "moved to '{}'", book.path(c.id))?;
        }
        CodesCommand::Merge {
            project,
            from,
            into,
        } => {
            let mut p = open(&project)?;
            let (f, i) = (p.find_code(&from)?, p.find_code(&into)?);
            let inverse = change(
                &mut p,
                Change::MergeCodes {
                    from: f.id,
                    into: i.id,
                },
            )?;
            let Change::Unmerge { report: r, .. } = inverse.unchecked() else {
                bail!("the merge was not saved");
            };
            writeln!(
                out,
                "merged '{}' into '{}': {} codings moved, {} duplicates dropped, {} sub-codes moved",
                f.name,
                i.name,
                r.moved.len(),
                r.dropped.len(),
                r.children.len()
            )?;
        }
        CodesCommand::Delete {
            project,
            code,
            dry_run,
        } => {
            let mut p = open(&project)?;
            let c = p.find_code(&code)?;
            let gone = if dry_run {
                p.code_deletion_preview(c.id)?
            } else {
                match change(&mut p, Change::DeleteCode(c.id))?.unchecked() {
                    Change::RestoreCode(gone) => gone.clone(),
                    _ => bail!("the code was not deleted"),
                }
            };
            writeln!(
                out,
                "{} '{}' with {} sub-codes, {} codings and {} memos",
                if dry_run { "would delete" } else { "deleted" },
                c.name,
                gone.codes.len() - 1,
                gone.codings.len(),
                gone.memos.len()
            )?;
        }
    }
    Ok(())
}

fn attributes_text(attrs: &[Attribute]) -> String {
    attrs
        .iter()
        .map(|a| format!("{}={}", a.key, a.value))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The codebook with counts, in tree order: a code's own codings and the
/// sources they are in.
pub fn codes_table(data: &crate::store::ProjectData) -> Table {
    let book = Codebook::new(data.codes.clone());
    let mut own: HashMap<_, (usize, std::collections::HashSet<_>)> = HashMap::new();
    for c in &data.codings {
        let e = own.entry(c.code).or_default();
        e.0 += 1;
        e.1.insert(c.source);
    }
    let mut t = Table::new(
        "Codebook",
        ["code", "codings", "sources", "color", "description", "guid"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
    );
    for (_, code) in book.preorder() {
        let (n, sources) = own.get(&code.id).map_or((0, 0), |(n, s)| (*n, s.len()));
        t.rows.push(vec![
            Cell::text(book.path(code.id)),
            n.into(),
            sources.into(),
            Cell::text(code.color.to_hex()),
            Cell::text(code.description.clone()),
            Cell::text(code.guid.to_string()),
        ]);
    }
    t
}

fn list_cmd(l: ListCommand, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    match l {
        ListCommand::Sources { project, output } => {
            let p = open(&project)?;
            let data = p.data()?;
            let mut counts: HashMap<_, usize> = HashMap::new();
            for c in &data.codings {
                *counts.entry(c.source).or_default() += 1;
            }
            let mut t = Table::new(
                "Sources",
                [
                    "source",
                    "kind",
                    "characters",
                    "turns",
                    "codings",
                    "attributes",
                    "file",
                    "imported",
                    "guid",
                ]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            );
            for s in &data.sources {
                t.rows.push(vec![
                    Cell::text(s.name.clone()),
                    s.kind.as_str().into(),
                    s.char_len.into(),
                    data.turns.get(&s.id).map_or(0, Vec::len).into(),
                    counts.get(&s.id).copied().unwrap_or(0).into(),
                    Cell::text(attributes_text(&s.attributes)),
                    Cell::text(s.original_name.clone().unwrap_or_default()),
                    Cell::text(s.imported_at.clone()),
                    Cell::text(s.guid.to_string()),
                ]);
            }
            emit(&t, &output, out, err)?;
        }
        ListCommand::Codes { project, output } => {
            let p = open(&project)?;
            emit(&codes_table(&p.data()?), &output, out, err)?;
        }
        ListCommand::Codings {
            project,
            code,
            source,
            output,
        } => {
            let p = open(&project)?;
            let mut data = p.data()?;
            if let Some(c) = code {
                let id = p.find_code(&c)?.id;
                data.codings.retain(|k| k.code == id);
            }
            if let Some(s) = source {
                let id = p.find_source(&s)?.id;
                data.codings.retain(|k| k.source == id);
            }
            let segs = analysis::segments(&data, &p.source_texts()?);
            emit(&analysis::segments_table(&segs), &output, out, err)?;
        }
        ListCommand::Memos { project, output } => {
            let p = open(&project)?;
            let data = p.data()?;
            let book = Codebook::new(data.codes.clone());
            let sources: HashMap<_, _> = data
                .sources
                .iter()
                .map(|s| (s.id, s.name.clone()))
                .collect();
            let coders: HashMap<_, _> =
                data.coders.iter().map(|c| (c.id, c.name.clone())).collect();
            let mut t = Table::new(
                "Memos",
                [
                    "about", "target", "title", "text", "coder", "modified", "guid",
                ]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            );
            for m in p.memos()? {
                let (about, target) = match m.target {
                    MemoTarget::Project => ("project", String::new()),
                    MemoTarget::Source(s) => {
                        ("source", sources.get(&s).cloned().unwrap_or_default())
                    }
                    MemoTarget::Code(c) => ("code", book.path(c)),
                    MemoTarget::Coding(c) => (
                        "coding",
                        p.coding(c).map(|c| c.guid.to_string()).unwrap_or_default(),
                    ),
                };
                t.rows.push(vec![
                    about.into(),
                    Cell::text(target),
                    Cell::text(m.title.clone()),
                    Cell::text(m.text.clone()),
                    Cell::text(coders.get(&m.coder).cloned().unwrap_or_default()),
                    Cell::text(m.modified_at.clone()),
                    Cell::text(m.guid.to_string()),
                ]);
            }
            emit(&t, &output, out, err)?;
        }
    }
    Ok(())
}

/// Checks the grouping `by` against the data read, then filters the data.
fn prepare<C: AsSpan + Clone>(
    data: ProjectData<C>,
    by: Option<&str>,
    filter: &Filter,
) -> Result<(ProjectData<C>, Grouping)> {
    let grouping = parse_grouping(by, &data)?;
    Ok((filter.keep(data), grouping))
}

fn report_cmd(
    r: ReportCommand,
    coder: Option<String>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let common = match &r {
        ReportCommand::Frequencies { common }
        | ReportCommand::Triangulation { common }
        | ReportCommand::Cooccurrence { common, .. }
        | ReportCommand::Matrix { common, .. }
        | ReportCommand::Quotes { common, .. } => common,
    };
    let p = open(&common.project)?;
    let coders: Vec<String> = common.coders.iter().cloned().chain(coder).collect();
    let filter = build_filter(&p, &coders, &common.kinds, &common.wheres, &common.codes)?;
    let by = common.by.as_deref();
    let report = match &r {
        // The counting tables need no GUIDs or times: their codings are read
        // lean, several times faster at a million codings.
        ReportCommand::Frequencies { .. } => {
            let (data, grouping) = prepare(p.lean_data()?, by, &filter)?;
            analysis::frequencies(&data, &grouping).to_report()
        }
        ReportCommand::Triangulation { .. } => {
            let (data, grouping) = prepare(p.lean_data()?, by, &filter)?;
            analysis::triangulation(&data, &grouping).to_report()
        }
        ReportCommand::Cooccurrence { unit, jaccard, .. } => {
            let (data, _) = prepare(p.data()?, by, &filter)?;
            let mode = *unit;
            analysis::cooccurrence(&data, &p.source_texts()?, mode).to_report(*jaccard)
        }
        ReportCommand::Matrix { presence, .. } => {
            let (data, _) = prepare(p.data()?, by, &filter)?;
            analysis::code_source_matrix(&data, *presence).to_report()
        }
        ReportCommand::Quotes {
            cite,
            exemplars_only,
            ..
        } => {
            let (data, _) = prepare(p.data()?, by, &filter)?;
            let options = QuoteOptions {
                cite: cite
                    .iter()
                    .map(|c| c.trim().to_lowercase())
                    .filter(|c| !c.is_empty())
                    .collect(),
                exemplars_only: *exemplars_only,
            };
            analysis::quotes_report(&analysis::quotes(&data, &p.source_texts()?, &options))
        }
    };
    emit_report(&report, &common.output, out, err)
}

fn chart_cmd(c: ChartCommand, coder: Option<String>, err: &mut dyn Write) -> Result<()> {
    let (kind, args) = match &c {
        ChartCommand::Frequencies { common } => ("frequencies", common),
        ChartCommand::Heatmap { common } => ("heatmap", common),
        ChartCommand::ConceptMap { common } => ("concept-map", common),
    };
    let format = args.format;
    if format == FigureFormat::Dot && kind != "concept-map" {
        bail!("dot is only for the concept map; use svg or png for the {kind} chart");
    }
    let p = open(&args.project)?;
    let coders: Vec<String> = args.coders.iter().cloned().chain(coder).collect();
    let filter = build_filter(&p, &coders, &args.kinds, &args.wheres, &[])?;
    let text = match kind {
        // Frequencies need no GUIDs or times: read codings lean.
        "frequencies" => {
            let data = filter.keep(p.lean_data()?);
            export::bar_chart_svg(&analysis::frequencies(&data, &Grouping::Kind))
        }
        "heatmap" => {
            let by = Some(args.by.as_deref().unwrap_or("attr:city"));
            let (data, grouping) = prepare(p.lean_data()?, by, &filter)?;
            if matches!(grouping, Grouping::None | Grouping::Kind) {
                bail!("the heatmap needs an attribute: --by attr:NAME");
            }
            export::heatmap_svg(&analysis::frequencies(&data, &grouping))
        }
        _ => {
            let data = filter.keep(p.data()?);
            let book = Codebook::new(data.codes.clone());
            let freq = analysis::frequencies(&data, &Grouping::None);
            let co = analysis::cooccurrence(&data, &p.source_texts()?, args.unit);
            if format == FigureFormat::Dot {
                export::concept_map_dot(&book, &freq, &co)
            } else {
                export::concept_map_svg(&book, &freq, &co)
            }
        }
    };
    let bytes = if format == FigureFormat::Png {
        export::svg_to_png(&text, 2.0).map_err(|e| anyhow!(e))?
    } else {
        text.into_bytes()
    };
    export::write_file_atomically(&args.out, |w| w.write_all(&bytes))?;
    writeln!(err, "wrote {}", args.out.display())?;
    Ok(())
}
