//! Turning files into sources. Each format has an [`Importer`]; the
//! functions here pick one by extension, read the file, and add the result to
//! a project in one transaction. Nothing is written until a file has been
//! read and understood, so a bad file leaves the project as it was.
//! Warnings are collected, never printed: the CLI and GUI decide how to show
//! them.

pub mod decode;
pub mod frontmatter;
pub mod speakers;
mod text;

use std::path::{Path, PathBuf};

use crate::model::{Attribute, SourceKind, SourceMeta};
use crate::store::{AddedSource, NewSource, Project, StoreError};

pub use text::TextImporter;

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// One file format.
pub trait Importer {
    /// Lower-case extensions without the dot.
    fn extensions(&self) -> &'static [&'static str];
    /// Reads a file's bytes into a source. `file_name` is for messages and
    /// the default source name.
    fn parse(&self, file_name: &str, bytes: &[u8]) -> Result<Parsed, ImportProblem>;
}

/// What an importer made of a file, before the user's options apply.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub source: NewSource,
    /// Whether the file itself said what kind it is (front matter).
    pub kind_given: bool,
    pub warnings: Vec<String>,
}

/// Choices the user makes for an import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Overrides the kind given in the file or guessed.
    pub kind: Option<SourceKind>,
    /// Added to (and overriding) attributes from the file.
    pub attributes: Vec<Attribute>,
    /// Import even when the same text is already in the project.
    pub force: bool,
}

/// What went wrong with one file.
#[derive(Debug, thiserror::Error)]
pub enum ImportProblem {
    #[error("no such file")]
    NotFound,
    #[error("it is a folder, not a file")]
    IsFolder,
    #[error("cannot read the file ({0})")]
    Unreadable(String),
    #[error("the file is too large ({size} bytes; the limit is {limit} bytes)")]
    TooLarge { size: u64, limit: u64 },
    #[error("Jalin cannot import .{0} files yet (it reads .txt and .md)")]
    Unsupported(String),
    #[error(transparent)]
    Decode(#[from] decode::DecodeProblem),
    #[error(transparent)]
    FrontMatter(#[from] frontmatter::BadFrontMatter),
    #[error(transparent)]
    Kind(#[from] crate::model::kind::UnknownKind),
    #[error("cannot save it in the project: {0}")]
    Store(#[from] StoreError),
}

/// A problem with a named file. Displays as "problem: path".
#[derive(Debug, thiserror::Error)]
#[error("{problem}: {}", path.display())]
pub struct ImportError {
    pub path: PathBuf,
    pub problem: ImportProblem,
}

/// What importing one file did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    Added {
        source: SourceMeta,
        warnings: Vec<String>,
    },
    /// Same text as a source already in the project; nothing added.
    Duplicate { existing: String },
}

/// The importers Jalin has, in order of preference.
pub fn importers() -> Vec<Box<dyn Importer>> {
    vec![Box::new(TextImporter)]
}

/// Reads and parses one file without touching any project.
pub fn read_file(path: &Path, options: &ImportOptions) -> Result<Parsed, ImportError> {
    let fail = |problem| ImportError {
        path: path.to_path_buf(),
        problem,
    };
    let meta = std::fs::metadata(path).map_err(|e| {
        fail(if e.kind() == std::io::ErrorKind::NotFound {
            ImportProblem::NotFound
        } else {
            ImportProblem::Unreadable(e.to_string())
        })
    })?;
    if meta.is_dir() {
        return Err(fail(ImportProblem::IsFolder));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(ImportProblem::TooLarge {
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        }));
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let importer = importers()
        .into_iter()
        .find(|i| i.extensions().contains(&ext.as_str()))
        .ok_or_else(|| fail(ImportProblem::Unsupported(ext.clone())))?;
    let bytes = std::fs::read(path).map_err(|e| fail(ImportProblem::Unreadable(e.to_string())))?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut parsed = importer.parse(&file_name, &bytes).map_err(fail)?;
    apply_options(&mut parsed, options);
    Ok(parsed)
}

fn apply_options(parsed: &mut Parsed, options: &ImportOptions) {
    if let Some(kind) = options.kind {
        parsed.source.kind = kind;
    } else if !parsed.kind_given {
        parsed.source.kind = guess_kind(&parsed.source);
    }
    for a in &options.attributes {
        parsed.source.attributes.retain(|b| b.key != a.key);
        parsed.source.attributes.push(a.clone());
    }
    parsed.source.attributes.sort();
}

/// A transcript with three or more respondents (speakers other than the
/// interviewer or moderator) is a focus group, with fewer an interview; a
/// text without speaker turns is a document.
pub fn guess_kind(source: &NewSource) -> SourceKind {
    let mut respondents: Vec<String> = source
        .turns
        .iter()
        .filter(|t| !speakers::is_interviewer(&t.speaker))
        .map(|t| t.speaker.to_lowercase())
        .collect();
    respondents.sort();
    respondents.dedup();
    match (source.turns.is_empty(), respondents.len()) {
        (true, _) => SourceKind::Document,
        (false, 0..=2) => SourceKind::Interview,
        _ => SourceKind::FocusGroup,
    }
}

/// Reads one file and adds it to the project in one transaction.
pub fn import_file(
    project: &mut Project,
    path: &Path,
    options: &ImportOptions,
) -> Result<ImportOutcome, ImportError> {
    let parsed = read_file(path, options)?;
    let added = project
        .add_source(parsed.source, options.force)
        .map_err(|e| ImportError {
            path: path.to_path_buf(),
            problem: ImportProblem::Store(e),
        })?;
    Ok(match added {
        AddedSource::Added(source) => ImportOutcome::Added {
            source,
            warnings: parsed.warnings,
        },
        AddedSource::Duplicate { existing } => ImportOutcome::Duplicate { existing },
    })
}

/// Imports several files, each in its own transaction, going on past a bad
/// one. Returns one result per path, in order.
pub fn import_files(
    project: &mut Project,
    paths: &[PathBuf],
    options: &ImportOptions,
) -> Vec<(PathBuf, Result<ImportOutcome, ImportError>)> {
    paths
        .iter()
        .map(|p| (p.clone(), import_file(project, p, options)))
        .collect()
}
