//! `jalin code PROJECT --from FILE.csv`: apply the codings listed in a CSV
//! file with the columns `source`, `code`, `start`, `end` and optionally
//! `coder` (other columns are ignored). Each row is its own transaction
//! unless `--one-transaction`, when the file is saved whole or not at all.
//! A row already coded identically by the same coder is skipped, so a file
//! can be applied again after fixing a bad row. Names that start like a
//! spreadsheet formula carry a leading apostrophe in `jalin list codings`
//! CSV (the formula guard); it is taken off here, so that output round-trips
//! (see `export::restore_formula`).

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use anyhow::{Result, anyhow, bail};

use crate::model::{CodeId, SourceId};
use crate::store::{NamedCoding, Project, StoreError};

/// A codings file larger than this is refused.
const MAX_BYTES: u64 = crate::import::MAX_FILE_BYTES;

/// One row of the file, resolved against the project.
struct Row {
    /// 1-based number of the data row (the header is not counted).
    number: usize,
    line: u64,
    coding: NamedCoding,
}

/// Column positions in the header.
struct Columns {
    source: usize,
    code: usize,
    start: usize,
    end: usize,
    coder: Option<usize>,
    count: usize,
}

/// Looks names up once per file rather than once per row.
#[derive(Default)]
struct Names {
    sources: HashMap<String, SourceId>,
    codes: HashMap<String, CodeId>,
}

impl Names {
    fn source(&mut self, p: &Project, name: &str) -> Result<SourceId, StoreError> {
        if let Some(id) = self.sources.get(name) {
            return Ok(*id);
        }
        let id = p.find_source(name)?.id;
        self.sources.insert(name.to_string(), id);
        Ok(id)
    }

    fn code(&mut self, p: &Project, name: &str) -> Result<CodeId, StoreError> {
        if let Some(id) = self.codes.get(name) {
            return Ok(*id);
        }
        let id = p.find_code(name)?.id;
        self.codes.insert(name.to_string(), id);
        Ok(id)
    }
}

/// Reads the file as UTF-8 text (a BOM is allowed).
fn read_text(file: &Path) -> Result<String> {
    // Only a regular file, read up to the limit: a FIFO would hang, a link
    // to /dev/zero would never end.
    let bytes = crate::files::read_limited(file, MAX_BYTES).map_err(|e| match e {
        crate::files::InputProblem::IsFolder => {
            anyhow!(crate::t!(
                "cli-codings-file-folder",
                path = file.display().to_string()
            ))
        }
        e => anyhow!(crate::t!(
            "cli-codings-file-unreadable",
            why = e.to_string(),
            path = file.display().to_string()
        )),
    })?;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => bail!(crate::t!(
            "cli-codings-file-not-utf8",
            offset = e.valid_up_to().to_string(),
            path = file.display().to_string()
        )),
    }
}

fn columns(header: &csv::StringRecord, file: &Path) -> Result<Columns> {
    let find = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    match (find("source"), find("code"), find("start"), find("end")) {
        (Some(source), Some(code), Some(start), Some(end)) => Ok(Columns {
            source,
            code,
            start,
            end,
            coder: find("coder"),
            count: header.len(),
        }),
        _ => bail!(crate::t!(
            "cli-codings-file-columns",
            header = header.iter().collect::<Vec<_>>().join(","),
            path = file.display().to_string()
        )),
    }
}

/// Turns one record into a coding, or says what is wrong with it.
fn parse_row(
    p: &Project,
    names: &mut Names,
    cols: &Columns,
    record: &csv::StringRecord,
    default_coder: &str,
) -> Result<NamedCoding> {
    if record.len() != cols.count {
        bail!(crate::t!(
            "cli-codings-row-columns",
            count = record.len(),
            header = cols.count
        ));
    }
    let field = |i: usize| record.get(i).unwrap_or("").trim();
    // Names as `jalin list codings --format csv` writes them: a name that
    // starts like a formula (`-`, `=`, `+`, `@`) carries the spreadsheet
    // guard's leading apostrophe there, taken off here.
    let name = |i: usize| crate::export::restore_formula(field(i));
    let number = |what: &str, i: usize| -> Result<usize> {
        field(i).parse().map_err(|_| {
            anyhow!(crate::t!(
                "cli-not-whole-number",
                what = what,
                value = field(i)
            ))
        })
    };
    let coder = cols
        .coder
        .map(name)
        .filter(|c| !c.is_empty())
        .unwrap_or(default_coder);
    // Refused here, with the row's number, as `--coder` is: a name with a
    // line break or an escape sequence broke `coders list` and the
    // terminal.
    crate::store::checked_coder_name(coder)?;
    let start = number("start", cols.start)?;
    let end = number("end", cols.end)?;
    let source = names.source(p, name(cols.source))?;
    let code = names.code(p, name(cols.code))?;
    Ok(NamedCoding {
        source,
        code,
        start,
        end,
        coder: coder.to_string(),
    })
}

/// Whether the coding may be made: `Ok(false)` when this coder already
/// made exactly this coding.
fn check(p: &Project, c: &NamedCoding) -> Result<bool, StoreError> {
    let known = p.find_coder(&c.coder)?.map(|k| k.id);
    match p.check_coding(c.source, c.code, c.start, c.end, known) {
        Ok(()) => Ok(true),
        Err(StoreError::AlreadyCoded { .. }) => Ok(false),
        Err(e) => Err(e),
    }
}

fn where_(row: usize, line: u64) -> String {
    crate::t!(
        "cli-codings-where",
        row = row.to_string(),
        line = line.to_string()
    )
}

/// Saves codings through the command layer, in one transaction; returns
/// them in order.
fn add(p: &mut Project, new: Vec<NamedCoding>) -> Result<Vec<crate::model::Coding>, StoreError> {
    let inverse = crate::command::Command::AddNamedCodings(new).apply(p)?;
    crate::command::Command::created_codings(&inverse)
        .into_iter()
        .map(|id| p.coding(id))
        .collect()
}

/// Runs `jalin code PROJECT --from FILE`. Returns the exit code.
pub(super) fn code_from_csv(
    project: &Path,
    file: &Path,
    default_coder: &str,
    one_transaction: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32> {
    let mut p = super::open(project)?;
    let text = read_text(file)?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| {
            anyhow!(crate::t!(
                "cli-codings-file-bad-csv",
                why = e.to_string(),
                path = file.display().to_string()
            ))
        })?
        .clone();
    let cols = columns(&header, file)?;
    let mut names = Names::default();
    let mut pending: Vec<Row> = Vec::new();
    let (mut saved, mut already) = (0usize, 0usize);
    let mut seen = std::collections::HashSet::new();
    for (i, record) in reader.records().enumerate() {
        let number = i + 1;
        let line = match &record {
            Ok(r) => r.position().map_or(0, |pos| pos.line()),
            Err(e) => e.position().map_or(0, |pos| pos.line()),
        };
        let outcome = record
            .map_err(|e| anyhow!(crate::t!("cli-codings-row-bad-csv", why = e.to_string())))
            .and_then(|r| {
                let coding = parse_row(&p, &mut names, &cols, &r, default_coder)?;
                let fresh = check(&p, &coding)?;
                Ok((coding, fresh))
            });
        let (coding, fresh) = match outcome {
            Ok(x) => x,
            Err(e) => {
                let message = format!("{}: {e:#}: {}", where_(number, line), file.display());
                writeln!(err, "{}", crate::t!("cli-error", message = message))?;
                if one_transaction {
                    writeln!(err, "{}", crate::t!("cli-codings-none-saved"))?;
                } else {
                    writeln!(
                        err,
                        "{}",
                        crate::t!(
                            "cli-codings-saved-before",
                            saved = saved,
                            row = number.to_string()
                        )
                    )?;
                }
                return Ok(1);
            }
        };
        let key = (
            coding.source,
            coding.code,
            coding.start,
            coding.end,
            coding.coder.to_lowercase(),
        );
        if !fresh || !seen.insert(key) {
            already += 1;
            continue;
        }
        let row = Row {
            number,
            line,
            coding,
        };
        if one_transaction {
            pending.push(row);
            continue;
        }
        let made = add(&mut p, vec![row.coding.clone()]).map_err(|e| {
            let at = crate::t!(
                "cli-codings-failed-at",
                at = where_(row.number, row.line),
                path = file.display().to_string(),
                saved = saved
            );
            anyhow::Error::new(e).context(at)
        })?;
        for c in made {
            // Printed (and flushed) only once the row's transaction is saved.
            writeln!(
                out,
                "{}",
                crate::t!(
                    "cli-codings-row",
                    row = row.number.to_string(),
                    guid = c.guid.to_string()
                )
            )?;
            out.flush()?;
            saved += 1;
        }
    }
    if one_transaction && !pending.is_empty() {
        let all: Vec<NamedCoding> = pending.iter().map(|r| r.coding.clone()).collect();
        let made = add(&mut p, all).map_err(|e| {
            anyhow::Error::new(e).context(crate::t!(
                "cli-codings-nothing-from",
                path = file.display().to_string()
            ))
        })?;
        for (row, c) in pending.iter().zip(made) {
            writeln!(
                out,
                "{}",
                crate::t!(
                    "cli-codings-row",
                    row = row.number.to_string(),
                    guid = c.guid.to_string()
                )
            )?;
            saved += 1;
        }
    }
    writeln!(
        out,
        "{}",
        crate::t!(
            "cli-coded-from",
            saved = saved,
            file = file.display().to_string(),
            already = already
        )
    )?;
    Ok(0)
}
