//! What the command line accepts: clap's derive types for every subcommand
//! and its arguments. The commands themselves live in the sibling modules.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::analysis::CoMode;
use crate::export::TableFormat;
use crate::model::SourceKind;
use crate::search::Unit;

/// export paper-ready tables.
#[derive(Debug, Parser)]
#[command(name = "jalin", version, about, long_about = None)]
pub struct Cli {
    /// Who is coding: stored with every coding and memo. Defaults to
    /// $JALIN_CODER, else your login name. In reports and charts it keeps
    /// only that coder's codings.
    #[arg(long, global = true, value_name = "NAME", allow_hyphen_values = true)]
    pub coder: Option<String>,

    /// Read the passphrase of an encrypted project from FILE (its text, one
    /// final line break ignored) instead of $JALIN_PASSPHRASE or a prompt.
    /// For `new --encrypt` and `encrypt`, the new passphrase.
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    /// The language of messages, help, tables and the workbench: en or id
    /// (Bahasa Indonesia). Defaults to $JALIN_LANG, else the language chosen
    /// in the workbench's View ▸ Language, else the system locale.
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<crate::i18n::Lang>,

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
    pub fn parse_args<I, T>(args: I) -> Result<Cli, super::parse_errors::ParseError>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        use clap::{CommandFactory, FromArgMatches};
        let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
        // Help is written before anything runs, so the language is read
        // from the command line (`--lang`) and the environment first.
        let lang = lang_in_args(&args)
            .or_else(crate::i18n::from_env)
            .unwrap_or(crate::i18n::Lang::En);
        let command = localized_command(Cli::command(), lang);
        let matches = command
            .try_get_matches_from(args)
            .map_err(|e| super::parse_errors::ParseError::new(e, lang))?;
        let mut cli = Cli::from_arg_matches(&matches)?;
        cli.project = project_arg(&matches);
        Ok(cli)
    }
}

/// The language a command line asks for with `--lang X` or `--lang=X`
/// (the last one wins, as clap reads it), before clap parses it.
pub fn lang_in_args(args: &[std::ffi::OsString]) -> Option<crate::i18n::Lang> {
    let mut lang = None;
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(w) = words.next() {
        if w == "--" {
            break;
        }
        if w == "--lang" {
            lang = words
                .next()
                .and_then(|v| crate::i18n::Lang::parse(&v))
                .or(lang);
        } else if let Some(v) = w.strip_prefix("--lang=") {
            lang = crate::i18n::Lang::parse(v).or(lang);
        }
    }
    lang
}

/// The message key of a command's about text: `cli-about` for `jalin`,
/// `cli-about-report-frequencies` for `jalin report frequencies`.
fn about_key(path: &[&str]) -> String {
    std::iter::once("cli-about")
        .chain(path.iter().copied())
        .collect::<Vec<_>>()
        .join("-")
}

/// The message key of an argument's help: `cli-arg-report-frequencies--by`
/// (`cli-arg--lang` for the top level's).
fn arg_key(path: &[&str], id: &str) -> String {
    format!(
        "{}--{}",
        about_key(path).replacen("cli-about", "cli-arg", 1),
        id.replace('_', "-")
    )
}

/// The command line's help in `lang`: about texts and argument help from
/// cli.ftl where it has them (`cli-about-…`, `cli-arg-…`), clap's own
/// headings, `--help` and `--version` too. English is clap's derive text
/// as it is.
pub fn localized_command(command: clap::Command, lang: crate::i18n::Lang) -> clap::Command {
    if lang == crate::i18n::Lang::En {
        return command;
    }
    // clap keeps headings as `&'static str`: the three are made once per
    // run (help is shown once and the process ends).
    let leak = |key: &str| -> &'static str {
        Box::leak(crate::i18n::tr_in(lang, key, &[]).into_boxed_str())
    };
    let headings = Headings {
        arguments: leak("cli-heading-arguments"),
        options: leak("cli-heading-options"),
        commands: leak("cli-heading-commands"),
    };
    localize_command(command, lang, &headings, &mut Vec::new())
}

struct Headings {
    arguments: &'static str,
    options: &'static str,
    commands: &'static str,
}

fn localize_command(
    mut cmd: clap::Command,
    lang: crate::i18n::Lang,
    headings: &Headings,
    path: &mut Vec<String>,
) -> clap::Command {
    use crate::i18n::{Lang, tr_in};
    // A translation is used only while cli.ftl's English still reads as
    // clap's text: a help changed in the code and not yet in cli.ftl stays
    // English rather than saying something else.
    let msg = |key: &str, english: Option<String>| {
        let en = tr_in(Lang::En, key, &[]);
        (en != key && Some(en) == english).then(|| tr_in(lang, key, &[]))
    };
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    if let Some(about) = msg(&about_key(&p), cmd.get_about().map(|a| a.to_string())) {
        cmd = cmd.about(about).long_about(None);
    }
    let ids: Vec<(String, bool, Option<String>)> = cmd
        .get_arguments()
        .filter(|a| !a.is_global_set() || path.is_empty())
        .map(|a| {
            (
                a.get_id().to_string(),
                a.is_positional(),
                a.get_help().map(|h| h.to_string()),
            )
        })
        .collect();
    for (id, positional, english) in ids {
        // The most specific key first: `cli-arg-report-frequencies--by`,
        // then `cli-arg-report--by`, then `cli-arg--by` (a text shared by
        // every command with that argument).
        let help = (0..=p.len())
            .rev()
            .find_map(|k| msg(&arg_key(&p[..k], &id), english.clone()));
        cmd = cmd.mut_arg(id.as_str(), |a| {
            let a = a.help_heading(Some(if positional {
                headings.arguments
            } else {
                headings.options
            }));
            // clap writes "[default: …]" and "[possible values: …]" in
            // English: they are hidden and written here instead.
            let mut notes = String::new();
            let takes_values = a.get_action().takes_values();
            if takes_values {
                let defaults: Vec<String> = a
                    .get_default_values()
                    .iter()
                    .map(|v| v.to_string_lossy().into_owned())
                    .collect();
                if !defaults.is_empty() && !a.is_hide_default_value_set() {
                    notes.push_str(&format!(
                        " [{}]",
                        tr_in(
                            lang,
                            "cli-help-default",
                            &[("value", defaults.join(", ").into())]
                        )
                    ));
                }
                let values: Vec<String> = a
                    .get_possible_values()
                    .iter()
                    .filter(|v| !v.is_hide_set())
                    .map(|v| v.get_name().to_string())
                    .collect();
                if !values.is_empty() && !a.is_hide_possible_values_set() {
                    notes.push_str(&format!(
                        " [{}]",
                        tr_in(
                            lang,
                            "cli-parse-possible-values",
                            &[("values", values.join(", ").into())]
                        )
                    ));
                }
            }
            let text = match (help, notes.is_empty()) {
                (h, true) => h,
                (Some(h), false) => Some(format!("{h}{notes}")),
                (None, false) => english
                    .clone()
                    .map(|e| format!("{e}{notes}"))
                    .or_else(|| Some(notes.trim_start().to_string())),
            };
            let a = if takes_values {
                a.hide_default_value(true).hide_possible_values(true)
            } else {
                a
            };
            match text {
                Some(h) => a.help(h).long_help(None),
                None => a,
            }
        });
    }
    cmd = cmd
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help(tr_in(lang, "cli-help-flag", &[]))
                .help_heading(Some(headings.options)),
        )
        .subcommand_help_heading(headings.commands)
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}{} {{usage}}\n\n{{all-args}}{{after-help}}",
            tr_in(lang, "cli-heading-usage", &[])
        ));
    if path.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(tr_in(lang, "cli-version-flag", &[]))
                .help_heading(Some(headings.options)),
        );
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        path.push(name.clone());
        cmd = cmd.mut_subcommand(name.as_str(), |s| localize_command(s, lang, headings, path));
        path.pop();
    }
    cmd
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
    /// Create a new, empty project: a file, or a team project on a PostgreSQL
    /// server (postgres://USER@HOST:PORT/DB?project=NAME).
    New {
        project: PathBuf,
        /// Encrypt it with a passphrase (asked twice at the terminal, or
        /// --passphrase-file, or $JALIN_PASSPHRASE).
        #[arg(long)]
        encrypt: bool,
    },
    /// Encrypt a project with a passphrase (SQLCipher, AES-256): the file is
    /// rewritten beside itself and replaces the plaintext one. Copies made
    /// before stay plaintext.
    Encrypt { project: PathBuf },
    /// Decrypt an encrypted project: it is rewritten as a plaintext file.
    Decrypt { project: PathBuf },
    /// Change the passphrase of an encrypted project (the old one as for
    /// any command; the new one typed twice, or --new-passphrase-file, or
    /// $JALIN_NEW_PASSPHRASE).
    Rekey {
        project: PathBuf,
        /// Read the new passphrase from FILE.
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Copy a whole project to a new place: a .jalin file to a server
    /// (postgres://USER@HOST:PORT/DB?project=NAME) or back, with every
    /// GUID, id and time as it is. DEST must not exist yet.
    Copy {
        /// The project to copy (a file or a server location).
        project: PathBuf,
        /// Where the copy goes (a new file or a new team project).
        dest: PathBuf,
    },
    /// Import files or folders as sources: .txt .md .docx .odt .pdf .html .vtt .srt .csv
    /// (a folder: every such file below it).
    Import(ImportArgs),
    /// Work on the codebook.
    #[command(subcommand)]
    Codes(CodesCommand),
    /// Apply a code to a range (--range), to every match of a pattern
    /// (--match), or apply the codings listed in a CSV file (--from).
    Code(CodeArgs),
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
    /// Change a source's name, kind or attributes (kind and attributes of
    /// several sources at once), or correct its text (--find/--at with
    /// --replace); codings move with their words.
    Source(SourceArgs),
    /// List a source's speakers with their role, turns and words; set
    /// roles (--role) and participants' own attributes (--attr).
    Speakers(SpeakersArgs),
    /// Write a memo on the project, a source, a code or a coding.
    Memo(MemoArgs),
    /// Tables for papers: frequencies, triangulation, co-occurrence, matrix, quotes.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Figures: frequency bars, heatmap, concept map.
    #[command(subcommand)]
    Chart(ChartCommand),
    /// The focus-group review board: set a theme's status, or export the sheet.
    Review(ReviewArgs),
    /// Intercoder agreement per code × source: percent, Cohen's κ (Fleiss'
    /// with more coders), Krippendorff's α, uα and |uα.
    Agreement(AgreementArgs),
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
    /// Merge other projects (.jalin, or .qdpx from another tool) into TARGET:
    /// sources by GUID or identical text, codes by GUID or path, codings
    /// united; one transaction for all files; prints the merge report.
    Merge {
        /// The project to merge into (TARGET).
        #[arg(value_name = "TARGET")]
        project: PathBuf,
        /// The projects to merge in; each is only read.
        #[arg(required = true)]
        others: Vec<PathBuf>,
        /// Show the report without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
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
    /// The project's coders: list them, add one, rename one or set their colour.
    Coders(CodersArgs),
    /// Where two coders differ, per code (coded by one only, or by both with
    /// little overlap), with what the review decided (the consensus coder's codings).
    Disagreements(DisagreementArgs),
    /// Pseudonyms: real names of people and places, and what reports,
    /// charts, review sheets and .qdpx exports made with --pseudonymise
    /// show instead; `check` proves an output free of real names.
    Pseudonyms(PseudonymsArgs),
    /// Members of a team project on a server: add a login as lead, coder or
    /// reader (made without a password when new), or take one out. Run as a
    /// role that may create roles (the one that created the project).
    Team {
        /// The team project (postgres://USER@HOST:PORT/DB?project=NAME).
        project: String,
        #[command(subcommand)]
        action: TeamAction,
    },
    /// Remove a source for good: its text, speaker turns, attributes,
    /// codings and memos (no undo from the command line). The freed space
    /// is overwritten, so the text is not left in the file.
    RemoveSource {
        project: PathBuf,
        /// The source's name or GUID (a name matching several sources is
        /// refused: give the GUID).
        #[arg(allow_hyphen_values = true)]
        source: String,
        /// Say what would be removed, removing nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Rebuild the project file without its free space and empty its log,
    /// so nothing deleted is left in either.
    Vacuum { project: PathBuf },
    /// Blind coding: while on, each coder's reports show only their own codings.
    Blind {
        project: PathBuf,
        #[arg(value_enum, ignore_case = true)]
        action: BlindAction,
    },
}

/// `jalin pseudonyms PROJECT …`.
#[derive(Debug, Args)]
pub struct PseudonymsArgs {
    pub project: PathBuf,
    #[command(subcommand)]
    pub action: PseudonymsAction,
}

#[derive(Debug, Subcommand)]
pub enum PseudonymsAction {
    /// The table: real name, pseudonym, kind (tab-separated).
    List,
    /// Names the project suggests (speaker labels, participant and source
    /// attributes such as name or city, words capitalised mid-sentence),
    /// each with a free pseudonym; --accept adds them all.
    Suggest {
        /// Add every suggestion to the table (one change).
        #[arg(long)]
        accept: bool,
        /// How often a capitalised word must occur mid-sentence.
        #[arg(long, default_value_t = 2)]
        min_count: usize,
    },
    /// Add a real name with its pseudonym (a name already in the table is
    /// refused: remove it first).
    Add {
        #[arg(allow_hyphen_values = true)]
        real: String,
        #[arg(allow_hyphen_values = true)]
        pseudonym: String,
        #[arg(long, value_enum, ignore_case = true, default_value = "person")]
        kind: crate::model::pseudonyms::PseudonymKind,
    },
    /// Remove a real name from the table.
    Remove {
        #[arg(allow_hyphen_values = true)]
        real: String,
    },
    /// List every occurrence of a real name in exported files (CSV,
    /// Markdown, LaTeX, HTML, SVG, DOT, text; DOCX, XLSX and .qdpx read
    /// inside the zip); exit status 1 when any is found.
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

/// `jalin disagreements PROJECT --coders A,B …`.
#[derive(Debug, Args)]
pub struct DisagreementArgs {
    pub project: PathBuf,
    /// The two coders to compare, A,B.
    #[arg(
        long,
        value_delimiter = ',',
        required = true,
        allow_hyphen_values = true
    )]
    pub coders: Vec<String>,
    /// Two codings of a code match when they overlap at least this
    /// percentage of their union (1–100).
    #[arg(long, default_value_t = 80.0)]
    pub min_overlap: f64,
    /// Only this code and its sub-codes (repeatable).
    #[arg(long = "code", value_name = "CODE", allow_hyphen_values = true)]
    pub codes: Vec<String>,
    #[command(flatten)]
    pub output: Output,
}

/// `jalin coders PROJECT …`.
#[derive(Debug, Args)]
pub struct CodersArgs {
    pub project: PathBuf,
    #[command(subcommand)]
    pub action: CodersAction,
}

#[derive(Debug, Subcommand)]
pub enum CodersAction {
    /// Each coder with colour and how many codings and memos are theirs.
    List,
    /// Add a coder.
    Add {
        #[arg(allow_hyphen_values = true)]
        name: String,
        /// #RRGGBB; by default one from the palette.
        #[arg(long)]
        color: Option<String>,
    },
    /// Rename a coder (their codings and memos follow).
    Rename {
        #[arg(allow_hyphen_values = true)]
        old: String,
        #[arg(allow_hyphen_values = true)]
        new: String,
    },
    /// Set a coder's colour (#RRGGBB).
    Color {
        #[arg(allow_hyphen_values = true)]
        name: String,
        color: String,
    },
}

/// What `jalin blind` does.
/// What `jalin team` does.
#[derive(Debug, Subcommand)]
pub enum TeamAction {
    /// Make LOGIN a member: lead (codebook, sources, coders, settings),
    /// coder (their own codings and memos) or reader (reports only).
    Add {
        login: String,
        #[arg(long, value_enum, ignore_case = true)]
        role: crate::store::pg_schema::TeamRole,
        /// The coder the login codes as (default: the login's name); made
        /// when the project has none of that name.
        #[arg(long)]
        coder: Option<String>,
    },
    /// Take LOGIN out of the project (their codings stay).
    Remove { login: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BlindAction {
    On,
    Off,
    Status,
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// A team server under load: CODERS coder processes each apply CODINGS
    /// codings at once (one transaction each), on a server and on a
    /// temporary .jalin file; checks that every coding is there once and
    /// prints each store's p50/p95 time per coding.
    Server {
        /// The server: postgres://USER@HOST:PORT/DB. A project is made there
        /// and removed afterwards; with ?project=NAME that new project is kept.
        #[arg(long)]
        url: String,
        #[arg(long, default_value_t = 8)]
        coders: usize,
        /// Codings per coder.
        #[arg(long, default_value_t = 1000)]
        codings: usize,
    },
    /// One coder process of `jalin bench server` (started by it).
    #[command(hide = true)]
    ServerWorker {
        location: String,
        #[arg(long)]
        as_coder: String,
        #[arg(long)]
        codings: usize,
    },
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
        /// Encrypt the project (SQLCipher; a fixed passphrase), to compare
        /// with the same run unencrypted.
        #[arg(long)]
        encrypt: bool,
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
        /// Also on a team server (postgres://USER@HOST:PORT/DB): the largest
        /// project is copied there (and removed afterwards) and its tables
        /// timed beside the file's.
        #[arg(long, value_name = "URL")]
        url: Option<String>,
        /// Encrypt the project (SQLCipher; a fixed passphrase), to compare
        /// with the same run unencrypted.
        #[arg(long)]
        encrypt: bool,
    },
    /// Intercoder agreement at scale: two coders' codings on a large corpus;
    /// time to open it and make the agreement table.
    Agreement {
        /// The project file to create (kept afterwards); default: a temporary one.
        project: Option<PathBuf>,
        #[arg(long, default_value_t = 2_000)]
        sources: usize,
        /// Size of each generated source in KiB.
        #[arg(long, default_value_t = 4)]
        doc_kb: usize,
        #[arg(long, default_value_t = 40)]
        codes: usize,
        /// Codings in all, about half by each coder.
        #[arg(long, default_value_t = 100_000)]
        codings: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// The workbench driven headless on workload B's corpus: p50 and p95
    /// milliseconds per action, from input to the frame that shows it.
    #[cfg(feature = "gui")]
    Gui(super::bench::GuiArgs),
}

#[derive(Debug, Subcommand)]
pub enum QdpxCommand {
    /// Import a .qdpx into a NEW project file (PROJECT must not exist yet); prints the loss report.
    Import { project: PathBuf, file: PathBuf },
    /// Export the project as a .qdpx.
    Export {
        project: PathBuf,
        file: PathBuf,
        /// Codings of the same passage share one selection (valid REFI-QDA,
        /// but simpler readers then see only the first coding). By default
        /// each coding has a selection of its own.
        #[arg(long)]
        group_selections: bool,
        /// Replace every real name of the pseudonym table (texts, names,
        /// attribute values, speakers, memos); positions move with the texts.
        #[arg(long)]
        pseudonymise: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum QdcCommand {
    /// Add the codes of a .qdc codebook to the project (codes already there are kept).
    Import { project: PathBuf, file: PathBuf },
    /// Export the project's codebook as a .qdc.
    Export {
        project: PathBuf,
        file: PathBuf,
        /// Replace every real name of the pseudonym table in the codes'
        /// names and descriptions.
        #[arg(long)]
        pseudonymise: bool,
    },
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
        /// The columns, in order, from code, exemplar, attribution, quote, source, kind, speaker, start, end, coder (default: all).
        #[arg(long, value_delimiter = ',')]
        columns: Vec<String>,
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
    /// Only codings by the `consensus` coder (the agreed coding).
    #[arg(long)]
    pub consensus_only: bool,
    /// Only sources of this kind (repeatable).
    #[arg(long = "kind", value_name = "KIND", ignore_case = true)]
    pub kinds: Vec<SourceKind>,
    /// Only sources with this attribute value, e.g. --where city=Palu (repeatable).
    #[arg(long = "where", value_name = "KEY=VALUE")]
    pub wheres: Vec<String>,
    /// Only this code and its sub-codes (repeatable).
    #[arg(long = "code", value_name = "CODE", allow_hyphen_values = true)]
    pub codes: Vec<String>,
    /// separate: a count column and a % column; combined: "7 of 10 (70%)" in one cell.
    #[arg(long, value_enum, ignore_case = true, default_value = "separate")]
    pub cells: crate::analysis::CellStyle,
    /// codebook order, or frequency (most codings first, sub-codes under their parent).
    #[arg(long, value_enum, ignore_case = true, default_value = "codebook")]
    pub sort: crate::analysis::SortOrder,
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
    /// Only codings by the `consensus` coder (the agreed coding).
    #[arg(long)]
    pub consensus_only: bool,
    /// Only sources of this kind (repeatable).
    #[arg(long = "kind", value_name = "KIND", ignore_case = true)]
    pub kinds: Vec<SourceKind>,
    /// Only sources with this attribute value (repeatable).
    #[arg(long = "where", value_name = "KEY=VALUE")]
    pub wheres: Vec<String>,
    /// Replace every real name of the pseudonym table in the labels.
    #[arg(long)]
    pub pseudonymise: bool,
}

#[derive(Debug, Args)]
pub struct AgreementArgs {
    pub project: PathBuf,
    /// The coders to compare, comma-separated (at least two; for Cohen's κ
    /// the first is coder A).
    #[arg(
        long,
        value_delimiter = ',',
        required = true,
        value_name = "A,B[,C…]",
        allow_hyphen_values = true
    )]
    pub coders: Vec<String>,
    /// Only this code and its sub-codes (repeatable).
    #[arg(long = "code", value_name = "CODE", allow_hyphen_values = true)]
    pub codes: Vec<String>,
    /// Only sources of this kind (repeatable).
    #[arg(long = "kind", value_name = "KIND", ignore_case = true)]
    pub kinds: Vec<SourceKind>,
    /// What one unit is: character, sentence, paragraph or turn (a unit
    /// counts as coded when any of its characters is).
    #[arg(long, value_enum, ignore_case = true, default_value = "character")]
    pub unit: crate::analysis::AgreementUnit,
    #[command(flatten)]
    pub output: Output,
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
    /// LaTeX: put the table on landscape pages (needs the pdflscape package).
    #[arg(long)]
    pub landscape: bool,
    /// LaTeX: write a complete document (preamble included) that compiles on its own.
    #[arg(long)]
    pub standalone: bool,
    /// CSV: start with a UTF-8 byte order mark, so Excel on Windows reads accents right.
    #[arg(long)]
    pub bom: bool,
    /// Replace every real name of the project's pseudonym table (`jalin
    /// pseudonyms`) in the output, whole words in any case; the project
    /// is not changed.
    #[arg(long)]
    pub pseudonymise: bool,
}

impl Output {
    pub fn options(&self) -> crate::export::ExportOptions {
        crate::export::ExportOptions {
            landscape: self.landscape,
            standalone: self.standalone,
            bom: self.bom,
        }
    }
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    pub project: PathBuf,
    #[arg(required = true, value_name = "FILE|FOLDER")]
    pub files: Vec<PathBuf>,
    /// CSV: the column holding the speaker (default: a column named speaker, name, …).
    #[arg(long, value_name = "COLUMN")]
    pub speaker_column: Option<String>,
    /// CSV: the column holding the words (default: text, transcript, utterance, …).
    #[arg(long, value_name = "COLUMN")]
    pub text_column: Option<String>,
    /// CSV: the column holding the time (default: time, timestamp, start, …).
    #[arg(long, value_name = "COLUMN")]
    pub time_column: Option<String>,
    /// CSV: a column of tags (separated by ;) that become codes on each row's words.
    #[arg(long, value_name = "COLUMN")]
    pub tags_column: Option<String>,
    /// The kind of every imported source (overrides the file's front matter).
    #[arg(long, ignore_case = true)]
    pub kind: Option<SourceKind>,
    /// An attribute for every imported source, e.g. --attr city=Palu (repeatable).
    #[arg(long = "attr", value_name = "KEY=VALUE")]
    pub attrs: Vec<String>,
    /// Import even if the same text is already in the project.
    #[arg(long)]
    pub force: bool,
    /// CSV: keep HTML entities in cells (&amp;, &#8212;) as written instead of decoding them.
    #[arg(long)]
    pub keep_entities: bool,
}

#[derive(Debug, Args)]
pub struct CodeArgs {
    pub project: PathBuf,
    /// The code: its name, its path (parent > child) or GUID.
    #[arg(long, required_unless_present = "from", allow_hyphen_values = true)]
    pub code: Option<String>,
    /// The source (name or GUID). With --match, limits the search (repeatable).
    #[arg(long, allow_hyphen_values = true)]
    pub source: Vec<String>,
    /// Code-point range START..END (end exclusive), as `jalin list codings` prints.
    #[arg(long, conflicts_with = "pattern", value_name = "START..END")]
    pub range: Option<String>,
    /// A regular expression; every match is coded.
    #[arg(
        long = "match",
        value_name = "REGEX",
        required_unless_present_any = ["range", "from"],
        allow_hyphen_values = true
    )]
    pub pattern: Option<String>,
    /// How much to code around each match.
    #[arg(
        long,
        value_enum,
        ignore_case = true,
        default_value = "match",
        requires = "pattern"
    )]
    pub unit: Unit,
    /// Match without regard to case.
    #[arg(long, short = 'i', requires = "pattern")]
    pub ignore_case: bool,
    /// A CSV file of codings with the columns source, code, start, end
    /// (code points, end exclusive) and optionally coder; each row is
    /// saved in its own transaction.
    #[arg(long, value_name = "FILE.csv", conflicts_with_all = ["code", "source", "range", "pattern"])]
    pub from: Option<PathBuf>,
    /// With --from: save all rows in one transaction, so a bad row leaves
    /// the project unchanged.
    #[arg(long, requires = "from")]
    pub one_transaction: bool,
}

#[derive(Debug, Args)]
pub struct SourceArgs {
    pub project: PathBuf,
    /// One source, or several for --kind, --attr and --unset (all changed
    /// in one transaction). A name starting with `-` goes after `--`.
    #[arg(required = true, num_args = 1..)]
    pub sources: Vec<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub rename: Option<String>,
    #[arg(long, ignore_case = true)]
    pub kind: Option<SourceKind>,
    /// Set an attribute, e.g. --attr role=judge (repeatable).
    #[arg(long = "attr", value_name = "KEY=VALUE")]
    pub attrs: Vec<String>,
    /// Remove an attribute (repeatable).
    #[arg(long, value_name = "KEY")]
    pub unset: Vec<String>,
    /// Correct the text: replace the one place where OLD occurs (it must
    /// occur exactly once; else use --at) with --replace.
    #[arg(
        long,
        value_name = "OLD",
        allow_hyphen_values = true,
        requires = "replace",
        conflicts_with = "at"
    )]
    pub find: Option<String>,
    /// Correct the text: replace code points START..END (end exclusive, as
    /// `jalin list codings` prints ranges) with --replace.
    #[arg(long, value_name = "START..END", requires = "replace")]
    pub at: Option<String>,
    /// The corrected text for --find or --at (may be empty: deletes).
    #[arg(long, value_name = "NEW", allow_hyphen_values = true)]
    pub replace: Option<String>,
}

#[derive(Debug, Args)]
pub struct MemoArgs {
    pub project: PathBuf,
    #[arg(allow_hyphen_values = true)]
    pub text: String,
    #[arg(long, conflicts_with_all = ["code", "coding"], allow_hyphen_values = true)]
    pub source: Option<String>,
    #[arg(long, conflicts_with = "coding", allow_hyphen_values = true)]
    pub code: Option<String>,
    /// A coding's GUID.
    #[arg(long)]
    pub coding: Option<String>,
    #[arg(long, default_value = "", allow_hyphen_values = true)]
    pub title: String,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    pub project: PathBuf,
    /// The review session, e.g. "Expert FGD".
    #[arg(long, default_value = "FGD review", allow_hyphen_values = true)]
    pub session: String,
    /// Put a theme on the board with a status: THEME=pending|confirmed|disputed|revised.
    #[arg(long, value_name = "THEME=STATUS", conflicts_with_all = ["format", "out"], allow_hyphen_values = true)]
    pub set: Option<String>,
    /// The facilitator's note, with --set.
    #[arg(long, requires = "set", default_value = "", allow_hyphen_values = true)]
    pub note: String,
    /// The review sheet's format.
    #[arg(long, value_enum, ignore_case = true, required_unless_present = "set")]
    pub format: Option<ReviewFormat>,
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replace every real name of the pseudonym table in the sheet.
    #[arg(long, conflicts_with = "set")]
    pub pseudonymise: bool,
}

#[derive(Debug, Args)]
pub struct SpeakersArgs {
    pub project: PathBuf,
    #[arg(allow_hyphen_values = true)]
    pub source: String,
    /// Set a speaker's role: NAME=moderator|interviewer|respondent|other,
    /// or NAME=auto for the role found from the label (repeatable).
    /// Only respondents count in "% of respondents".
    #[arg(long = "role", value_name = "NAME=ROLE", allow_hyphen_values = true)]
    pub roles: Vec<String>,
    /// Set a participant's own attribute: NAME:KEY=VALUE, e.g.
    /// --attr "Pak Hasan:role=prosecutor" (repeatable). Quotes cite it and
    /// respondent tables group by it before the source's attributes.
    #[arg(
        long = "attr",
        value_name = "NAME:KEY=VALUE",
        allow_hyphen_values = true
    )]
    pub attrs: Vec<String>,
    /// Remove a participant's attribute: NAME:KEY (repeatable).
    #[arg(long = "unset", value_name = "NAME:KEY", allow_hyphen_values = true)]
    pub unset: Vec<String>,
    #[command(flatten)]
    pub output: Output,
}

#[cfg(test)]
mod help_tests {
    use clap::CommandFactory;

    use super::*;

    fn walk(cmd: &clap::Command, path: &mut Vec<String>, out: &mut Vec<(String, String)>) {
        let p: Vec<&str> = path.iter().map(String::as_str).collect();
        if let Some(about) = cmd.get_about() {
            out.push((about_key(&p), about.to_string()));
        }
        for a in cmd.get_arguments() {
            if a.is_global_set() && !path.is_empty() {
                continue;
            }
            if let Some(h) = a.get_help() {
                out.push((arg_key(&p, a.get_id().as_str()), h.to_string()));
            }
        }
        for s in cmd.get_subcommands() {
            path.push(s.get_name().to_string());
            walk(s, path, out);
            path.pop();
        }
    }

    /// Every about and argument help of the command line, by key.
    fn texts() -> Vec<(String, String)> {
        let mut out = Vec::new();
        walk(&Cli::command(), &mut Vec::new(), &mut out);
        out
    }

    /// Prints cli.ftl entries for the English help (to start a
    /// translation): `cargo test --lib dump_help -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn dump_help() {
        for (k, v) in texts() {
            println!("{k} = {}", v.replace('\n', " "));
        }
    }

    /// Each help text cli.ftl has is clap's own English text for the
    /// command or argument its key names (or, for a shorter key, for one
    /// of the commands under it), so the Indonesian translates what the
    /// English help says; a doc comment changed without cli.ftl fails here.
    #[test]
    fn help_in_cli_ftl_is_clap_text() {
        use crate::i18n::{Lang, sources};
        let texts = texts();
        let (_, cli) = sources(Lang::En)
            .iter()
            .find(|(name, _)| *name == "cli.ftl")
            .unwrap();
        let mut checked = 0;
        for line in cli.lines() {
            let Some((key, value)) = line.split_once(" = ") else {
                continue;
            };
            if !(key.starts_with("cli-about") || key.starts_with("cli-arg")) {
                continue;
            }
            let matches = |(k, v): &&(String, String)| {
                v.replace('\n', " ") == value
                    && (k == key
                        || key.split_once("--").is_some_and(|(prefix, id)| {
                            k.ends_with(&format!("--{id}"))
                                && k.starts_with(prefix)
                                && key.starts_with("cli-arg")
                        }))
            };
            assert!(
                texts.iter().any(|t| matches(&t)),
                "cli.ftl's {key} is no longer clap's text of that command or argument"
            );
            checked += 1;
        }
        assert!(checked > 100, "only {checked} help texts in cli.ftl");
    }

    /// Every about text and argument help clap has is in cli.ftl (and so,
    /// by the i18n tests, in Indonesian): under its own key, or for an
    /// argument under a shorter key of a command above it with the same
    /// English text, as `localize_command` looks them up. A command or
    /// option added without its translation fails here, naming it.
    #[test]
    fn every_help_text_has_a_translation() {
        use crate::i18n::{Lang, tr_in};
        let english = |key: &str| tr_in(Lang::En, key, &[]);
        let mut missing = Vec::new();
        for (key, text) in texts() {
            let text = text.replace('\n', " ");
            let found = if key.starts_with("cli-about") {
                english(&key) == text
            } else {
                let (prefix, id) = key.split_once("--").unwrap();
                let mut prefix = prefix.to_string();
                loop {
                    if english(&format!("{prefix}--{id}")) == text {
                        break true;
                    }
                    match prefix.rsplit_once('-') {
                        Some((shorter, _)) if prefix != "cli-arg" => prefix = shorter.to_string(),
                        _ => break false,
                    }
                }
            };
            if !found {
                missing.push(format!("{key} = {text}"));
            }
        }
        assert!(
            missing.is_empty(),
            "help texts without a cli.ftl entry (add them in both languages):\n{}",
            missing.join("\n")
        );
    }

    /// The Indonesian command line passes clap's own checks, for every
    /// subcommand (a check fails only when that subcommand is parsed).
    #[test]
    fn the_indonesian_command_line_is_valid_for_clap() {
        localized_command(Cli::command(), crate::i18n::Lang::Id).debug_assert();
    }

    #[test]
    fn lang_is_read_before_parsing() {
        let args = |a: &[&str]| a.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        use crate::i18n::Lang;
        assert_eq!(
            lang_in_args(&args(&["jalin", "--lang", "id", "--help"])),
            Some(Lang::Id)
        );
        assert_eq!(
            lang_in_args(&args(&["jalin", "report", "--lang=ID"])),
            Some(Lang::Id)
        );
        assert_eq!(lang_in_args(&args(&["jalin", "--lang", "xx"])), None);
        assert_eq!(
            lang_in_args(&args(&["jalin", "show", "--", "--lang", "id"])),
            None
        );
    }
}
