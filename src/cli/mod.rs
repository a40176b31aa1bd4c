//! The headless command line. Every command opens the project given as its
//! first positional argument, does one thing through the library, and
//! prints results to stdout (or `--out`) and problems to stderr.
//!
//! Arguments are parsed in two stages, as ripgrep does: clap reads raw
//! strings (args.rs), then each command checks and converts them, so every
//! message about a bad value names the value and what would be right. One
//! module a group of commands: code.rs (code, uncode), edit.rs (source,
//! memo, exemplar), import.rs, codes.rs, list.rs (list, show), report.rs
//! (report, chart, review), files.rs (new, demo, backup, qdpx, qdc),
//! speakers.rs (speakers), agreement.rs (agreement), erase.rs
//! (remove-source, vacuum).

use std::io::Write;
use std::path::Path;

use anyhow::{Result, anyhow, bail};

use crate::app::Command as Change;
use crate::model::Attribute;
use crate::store::Project;

mod agreement;
mod args;
mod bench;
mod code;
mod code_from;
mod coders;
mod codes;
mod edit;
mod erase;
mod files;
mod import;
mod list;
mod output;
mod parse_errors;
mod passphrase;
mod pseudonyms;
mod report;
mod speakers;
mod team;

pub use args::*;
pub use list::codes_table;

/// Runs the command line with the process's arguments; returns the exit code.
pub fn main() -> i32 {
    let cli = Cli::parse_args(std::env::args_os()).unwrap_or_else(|e| e.exit());
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    run(cli, &mut stdout.lock(), &mut stderr.lock())
}

/// Runs a parsed command line. Exit code 0 on success, 1 if anything failed.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let coder = cli
        .coder
        .clone()
        .or_else(|| team_coder(cli.project.as_deref()?))
        .unwrap_or_else(default_coder);
    let Some(command) = cli.command else {
        // The graphical workbench will open here; until then, say what there is.
        use clap::CommandFactory;
        let mut command = args::localized_command(Cli::command(), crate::i18n::current());
        let _ = writeln!(out, "{}", command.render_help());
        return 0;
    };
    // In reports and charts, an explicit --coder narrows to that coder's codings.
    let coder_filter = cli.coder.clone();
    let cli_project = cli.project.clone();
    passphrase::set_sources(passphrase::Sources {
        file: cli.passphrase_file.clone(),
        new_file: match &command {
            Command::Rekey {
                new_passphrase_file,
                ..
            } => new_passphrase_file.clone(),
            _ => None,
        },
    });
    let exports = output::exports(&command);
    // A merge writes the other projects' text into its target: plaintext
    // when the target is not encrypted.
    let merge_target = match &command {
        Command::Merge {
            project, dry_run, ..
        } if !*dry_run => Some(project.clone()),
        _ => None,
    };
    // A closed or failing stdout never stops a command that changes the
    // project half-way (see cli/output.rs); a closed stderr stops nothing.
    let changes = output::changes_project(&command);
    let mut out = output::Guarded::new(out, changes);
    let mut err = output::Guarded::new(err, true);
    let result = execute(command, &coder, coder_filter, &mut out, &mut err);
    let _ = out.flush();
    // Only when something was written: a refused export wrote nothing.
    if result.is_ok() && passphrase::opened_encrypted() {
        let plain_target = merge_target
            .as_deref()
            .filter(|t| crate::files::is_jalin_project(t) && !crate::store::looks_encrypted(t));
        let note = if let Some(target) = plain_target {
            Some(crate::t!(
                "cli-merge-plaintext-note",
                path = target.display().to_string()
            ))
        } else {
            exports.then(|| crate::t!("cli-plaintext-note"))
        };
        if let Some(note) = note {
            let _ = writeln!(err, "{}", crate::t!("cli-note", message = note));
        }
    }
    let lost = out.failure().map(|e| match e.kind() {
        std::io::ErrorKind::BrokenPipe => (e.kind(), crate::t!("cli-reader-stopped")),
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
                "{}",
                crate::t!(
                    "cli-error",
                    message = format!("{e:#}{}", project_suffix(&e, cli_project.as_deref()))
                )
            );
            1
        }
    };
    let Some((_, why)) = lost else {
        return code;
    };
    let (lines, last) = out.lost();
    if changes {
        let message = match &last {
            Some(l) if code == 0 => crate::t!(
                "cli-output-lost-finished",
                why = why.as_str(),
                lines = lines,
                last = l.as_str()
            ),
            _ => crate::t!("cli-output-lost", why = why.as_str(), lines = lines),
        };
        let _ = writeln!(err, "{}", crate::t!("cli-error", message = message));
        if code == 0 { output::OUTPUT_LOST } else { code }
    } else {
        let _ = writeln!(
            err,
            "{}",
            crate::t!(
                "cli-error",
                message = crate::t!("cli-output-failed", why = why.as_str())
            )
        );
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

/// Who codes on a team project when `--coder` is not given: the coder the
/// login is linked to, else the login's name. `None` for a file, or when
/// the project cannot be opened (the command then says why).
fn team_coder(project: &Path) -> Option<String> {
    let location = project.to_str()?;
    if !crate::store::is_server_location(location) {
        return None;
    }
    Project::open_location(location)
        .ok()?
        .login_coder_name()
        .ok()
        .flatten()
}

/// The id of the coder called `name`, made through the command layer
/// (`Command::AddCoder`) when the project has no such coder yet.
pub(super) fn coder_id(p: &mut Project, name: &str) -> Result<crate::model::CoderId> {
    if let Some(c) = p.find_coder(name)? {
        return Ok(c.id);
    }
    let inverse = change(
        p,
        Change::AddCoder {
            name: name.to_string(),
            color: None,
        },
    )?;
    Change::created_coder(&inverse).ok_or_else(|| anyhow!("coder '{name}' was not added"))
}

/// Runs one change through the command layer the workbench uses (one
/// transaction, checked); the command line keeps no undo history, so the
/// inverse is only read for what to print.
pub(super) fn change(p: &mut Project, c: Change) -> Result<Change> {
    Ok(c.apply(p)?)
}

/// Opens the project a command names: a file's path (asking for the
/// passphrase when the file is encrypted), or a team project's location on
/// a server (`postgres://USER@HOST:PORT/DB?project=NAME`). The one way the
/// command line opens a project.
pub(super) fn open(path: &Path) -> Result<Project> {
    if let Some(location) = path
        .to_str()
        .filter(|l| crate::store::is_server_location(l))
    {
        return Ok(Project::open_location(location)?);
    }
    let key = passphrase_for(path)?;
    Ok(Project::open_with(path, key.as_ref())?)
}

/// Opens a project for a dry run (see [`open`]): an older file is
/// upgraded in a temporary copy, never in place (see
/// [`Project::open_unchanged`]); keep the guard while the project is used.
pub(super) fn open_unchanged(path: &Path) -> Result<(Project, Option<crate::store::TempProject>)> {
    if path.to_str().is_some_and(crate::store::is_server_location) {
        return Ok((open(path)?, None));
    }
    let key = passphrase_for(path)?;
    Ok(Project::open_unchanged(path, key.as_ref())?)
}

/// Opens a project by its location (see [`open`]).
pub fn open_project(location: &str) -> Result<Project> {
    open(Path::new(location))
}

/// The passphrase of `path` when it looks encrypted (`None` for a plain
/// file: nothing is asked).
pub(super) fn passphrase_for(path: &Path) -> Result<Option<crate::store::Passphrase>> {
    if !crate::store::looks_encrypted(path) {
        return Ok(None);
    }
    passphrase::note_opened_encrypted();
    Ok(Some(passphrase::existing(path)?))
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

pub(super) fn parse_attr(s: &str) -> Result<Attribute> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => {
            Ok(Attribute::new(k.trim().to_lowercase(), v.trim()))
        }
        _ => bail!(crate::t!("cli-bad-attribute", value = s)),
    }
}

pub(super) fn parse_range(s: &str) -> Result<(usize, usize)> {
    let bad = || anyhow!(crate::t!("cli-bad-range", value = s));
    let (a, b) = s.split_once("..").ok_or_else(bad)?;
    Ok((
        a.trim().parse().map_err(|_| bad())?,
        b.trim().parse().map_err(|_| bad())?,
    ))
}

fn execute(
    command: Command,
    coder: &str,
    coder_filter: Option<String>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32> {
    match command {
        Command::New { project, encrypt } => files::new_cmd(&project, encrypt, out)?,
        Command::Encrypt { project } => files::encrypt_cmd(&project, out)?,
        Command::Decrypt { project } => files::decrypt_cmd(&project, out)?,
        Command::Rekey { project, .. } => files::rekey_cmd(&project, out)?,
        Command::Demo { project } => files::demo_cmd(&project, out)?,
        Command::Copy { project, dest } => files::copy_cmd(&project, &dest, out)?,
        Command::Merge {
            project,
            others,
            dry_run,
        } => files::merge_cmd(&project, &others, dry_run, out)?,
        Command::Backup {
            project,
            out: copy,
            repair,
        } => files::backup_cmd(&project, &copy, repair, out)?,
        Command::Qdpx(q) => files::qdpx_cmd(q, out)?,
        Command::Qdc(q) => files::qdc_cmd(q, out)?,
        Command::Import(a) => return import::import_cmd(a, coder, out, err),
        Command::Codes(c) => codes::codes_cmd(c, out, err)?,
        Command::Code(a) => return code::code_cmd(a, coder, out, err),
        Command::Uncode { project, codings } => code::uncode_cmd(&project, &codings, out)?,
        Command::List(l) => list::list_cmd(l, coder, out, err)?,
        Command::Show { project, source } => list::show_cmd(&project, &source, out)?,
        Command::Source(a) => edit::source_cmd(a, out)?,
        Command::Speakers(a) => speakers::speakers_cmd(a, out, err)?,
        Command::Memo(a) => edit::memo_cmd(a, coder, out)?,
        Command::Exemplar {
            project,
            coding,
            unset,
        } => edit::exemplar_cmd(&project, &coding, unset, out)?,
        Command::Report(r) => report::report_cmd(r, coder, coder_filter, out, err)?,
        Command::Chart(c) => report::chart_cmd(c, coder, coder_filter, err)?,
        Command::Coders(a) => coders::coders_cmd(a, coder, out)?,
        Command::Disagreements(a) => coders::disagreements_cmd(a, coder, out, err)?,
        Command::Pseudonyms(a) => return pseudonyms::pseudonyms_cmd(a, out, err),
        Command::RemoveSource {
            project,
            source,
            dry_run,
        } => erase::remove_source_cmd(&project, &source, dry_run, out)?,
        Command::Vacuum { project } => erase::vacuum_cmd(&project, out)?,
        Command::Blind { project, action } => coders::blind_cmd(&project, action, coder, out)?,
        Command::Team { project, action } => team::team_cmd(&project, action, out)?,
        Command::Review(a) => report::review_cmd(a, out, err)?,
        Command::Agreement(a) => agreement::agreement_cmd(a, coder, out, err)?,
        Command::Open { project } => {
            // The binary starts the window for `open` before the command line
            // runs; a headless caller only gets told.
            bail!(crate::t!(
                "cli-open-headless",
                path = project.display().to_string()
            ));
        }
        Command::Bench(b) => bench::bench_cmd(b, out)?,
    }
    Ok(0)
}
