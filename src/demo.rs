//! The built-in demo study: the files of `sample_transcripts/`, embedded in
//! the binary so the app works from any folder, loaded into a project with
//! its codebook, codings and memos so there is something to analyse at once.
//!
//! Codings are given by their quoted words (`codings.csv`: source, code,
//! quote, occurrence), not by offsets, so editing a sample never breaks them.
//! A second coder double-coded three sources (`codings_R2.csv`), with the
//! disagreements a real team has: some passages coded the same, some with
//! shifted boundaries, some missed, one with a different code, so
//! agreement and the disagreement review show something at once.

use include_dir::{Dir, include_dir};

use crate::command::Command;
use crate::import::{Importer, TextImporter};
use crate::model::text::CharIndex;
use crate::model::{CoderId, Color, MemoTarget};
use crate::store::{Bundle, BundleSource, Project, StoreError};

static SAMPLES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/sample_transcripts");

/// The coder the demo's codings are credited to.
pub const DEMO_CODER: &str = "R1";

/// The second coder, who double-coded a few sources.
pub const DEMO_SECOND_CODER: &str = "R2";

/// What the demo loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoReport {
    pub sources: usize,
    pub codes: usize,
    /// Every coding, by either coder.
    pub codings: usize,
    /// Of them, the second coder's.
    pub second_codings: usize,
    pub memos: usize,
}

/// A problem in the embedded sample files (a bug in Jalin, caught by tests).
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("sample_transcripts/{file}: {problem}")]
    Sample { file: String, problem: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn sample_err(file: &str, problem: impl Into<String>) -> DemoError {
    DemoError::Sample {
        file: file.to_string(),
        problem: problem.into(),
    }
}

/// The embedded transcript files, by name: `(file name, bytes)`.
pub fn sample_files() -> Vec<(&'static str, &'static [u8])> {
    let mut files: Vec<(&str, &[u8])> = SAMPLES
        .files()
        .filter_map(|f| {
            let name = f.path().file_name()?.to_str()?;
            let ext = f.path().extension()?.to_str()?;
            matches!(ext, "txt" | "md").then_some((name, f.contents()))
        })
        .collect();
    files.sort();
    files
}

fn csv_file(name: &str) -> Result<Vec<csv::StringRecord>, DemoError> {
    let file = SAMPLES
        .get_file(name)
        .ok_or_else(|| sample_err(name, "missing from the build"))?;
    let mut reader = csv::Reader::from_reader(file.contents());
    reader
        .records()
        .collect::<Result<_, _>>()
        .map_err(|e| sample_err(name, e.to_string()))
}

/// Loads the whole demo study into `project` (normally a new, empty one).
pub fn load_demo(project: &mut Project) -> Result<DemoReport, DemoError> {
    let mut report = DemoReport::default();
    for (name, bytes) in sample_files() {
        let parsed = TextImporter
            .parse(name, bytes)
            .map_err(|e| sample_err(name, e.to_string()))?;
        let bundle = Bundle {
            sources: vec![BundleSource {
                source: parsed.source,
                imported_at: None,
                existing: false,
            }],
            ..Bundle::default()
        };
        crate::command::add_bundle(project, bundle)?;
        report.sources += 1;
    }

    for (i, row) in csv_file("codebook.csv")?.iter().enumerate() {
        let at = |what: &str| sample_err("codebook.csv", format!("row {}: {what}", i + 2));
        let name = row.get(0).unwrap_or("").trim();
        let parent = match row.get(1).map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => Some(project.find_code(p).map_err(|e| at(&e.to_string()))?.id),
            None => None,
        };
        let color = match row.get(2).map(str::trim).filter(|c| !c.is_empty()) {
            Some(c) => Some(c.parse::<Color>().map_err(|e| at(&e.to_string()))?),
            None => None,
        };
        Command::AddCode {
            name: name.to_string(),
            parent,
            color,
            description: row.get(3).unwrap_or("").to_string(),
        }
        .apply(project)
        .map_err(|e| at(&e.to_string()))?;
        report.codes += 1;
    }

    let coder = add_coder(project, DEMO_CODER)?;
    report.codings = add_codings(project, "codings.csv", coder)?;
    let second = add_coder(project, DEMO_SECOND_CODER)?;
    report.second_codings = add_codings(project, "codings_R2.csv", second)?;
    report.codings += report.second_codings;

    for (i, row) in csv_file("memos.csv")?.iter().enumerate() {
        let at = |what: String| sample_err("memos.csv", format!("row {}: {what}", i + 2));
        let target = match row.get(0).unwrap_or("").trim() {
            "project" => MemoTarget::Project,
            "source" => MemoTarget::Source(
                project
                    .find_source(row.get(1).unwrap_or(""))
                    .map_err(|e| at(e.to_string()))?
                    .id,
            ),
            "code" => MemoTarget::Code(
                project
                    .find_code(row.get(1).unwrap_or(""))
                    .map_err(|e| at(e.to_string()))?
                    .id,
            ),
            other => return Err(at(format!("unknown memo target '{other}'"))),
        };
        Command::AddMemo {
            target,
            title: String::new(),
            text: row.get(2).unwrap_or("").to_string(),
            coder,
        }
        .apply(project)?;
        report.memos += 1;
    }
    Ok(report)
}

/// Makes a coder through the command layer.
fn add_coder(project: &mut Project, name: &str) -> Result<CoderId, DemoError> {
    let inverse = Command::AddCoder {
        name: name.to_string(),
        color: None,
    }
    .apply(project)?;
    Command::created_coder(&inverse)
        .ok_or_else(|| sample_err("codings.csv", format!("coder {name} was not made")))
}

/// Applies the codings of the sample file `file`, credited to `coder`, as
/// one batch; returns how many.
fn add_codings(project: &mut Project, file: &str, coder: CoderId) -> Result<usize, DemoError> {
    let texts = project.source_texts()?;
    let mut new = Vec::new();
    for (i, row) in csv_file(file)?.iter().enumerate() {
        let at = |what: String| sample_err(file, format!("row {}: {what}", i + 2));
        let (source, code, quote) = (
            row.get(0).unwrap_or(""),
            row.get(1).unwrap_or(""),
            row.get(2).unwrap_or(""),
        );
        let occurrence: usize = row.get(3).unwrap_or("1").trim().parse().unwrap_or(1).max(1);
        let source = project.find_source(source).map_err(|e| at(e.to_string()))?;
        let code = project.find_code(code).map_err(|e| at(e.to_string()))?;
        let text = &texts[&source.id].text;
        let (start, end) = find_quote(text, quote, occurrence)
            .ok_or_else(|| at(format!("quote not found in '{}': {quote}", source.name)))?;
        new.push(Command::AddCoding {
            source: source.id,
            code: code.id,
            start,
            end,
            coder,
        });
    }
    let n = new.len();
    Command::Batch(new).apply(project)?;
    Ok(n)
}

/// Code-point range of the `occurrence`th (1-based) appearance of `quote`.
pub fn find_quote(text: &str, quote: &str, occurrence: usize) -> Option<(usize, usize)> {
    if quote.is_empty() {
        return None;
    }
    let byte = text.match_indices(quote).nth(occurrence.checked_sub(1)?)?.0;
    let index = CharIndex::new(text);
    let start = index.char_of_byte(byte);
    Some((start, index.char_of_byte(byte + quote.len())))
}
