//! Turning files into sources. Each format has an [`Importer`]; the
//! functions here pick one by extension, read the file, and add the result to
//! a project in one transaction. Nothing is written until a file has been
//! read and understood, so a bad file leaves the project as it was.
//! Warnings are collected, never printed: the CLI and GUI decide how to show
//! them.

mod csv_turns;
pub mod decode;
pub mod frontmatter;
pub mod html;
mod office;
mod pdf;
pub mod rtf;
pub mod speakers;
pub mod subtitles;
mod text;

use std::path::{Path, PathBuf};

use crate::model::{Attribute, SourceKind, SourceMeta, SpeakerTurn};
use crate::store::{
    Bundle, BundleCode, BundleCoder, BundleCoding, BundleSource, NewSource, Project, StoreError,
};

pub use csv_turns::{CsvColumns, CsvImporter, csv_header, guess_columns};
pub use html::HtmlImporter;
pub use office::{DocImporter, DocxImporter, OdtImporter};
pub use rtf::RtfImporter;
pub use subtitles::{SrtImporter, VttImporter};
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
    /// What the import did that the user should know of without anything
    /// being wrong ("decoded 12 HTML entities").
    pub notes: Vec<String>,
    /// Codes the file itself applies (a CSV tags column), by code name or
    /// path (`parent > child`); added with the source in one transaction.
    pub codings: Vec<ParsedCoding>,
}

/// A code applied by the imported file to `[start, end)` of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedCoding {
    pub code: String,
    pub start: usize,
    pub end: usize,
}

/// A [`Parsed`] for a text an importer made: named after the file, speaker
/// turns as given or (when none are given) found in the text, kind left to
/// be guessed from them.
pub(crate) fn parsed_from_text(
    file_name: &str,
    text: String,
    turns: Vec<SpeakerTurn>,
) -> Result<Parsed, ImportProblem> {
    if text.trim().is_empty() {
        return Err(ImportProblem::NoText("it holds no text".into()));
    }
    let turns = if turns.is_empty() {
        speakers::detect(&text)
    } else {
        turns
    };
    let stem = Path::new(file_name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| file_name.to_string());
    Ok(Parsed {
        source: NewSource {
            name: stem,
            kind: SourceKind::Interview,
            text,
            original_name: Some(file_name.to_string()),
            attributes: Vec::new(),
            turns,
            guid: None,
        },
        kind_given: false,
        warnings: Vec::new(),
        notes: Vec::new(),
        codings: Vec::new(),
    })
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
    /// Columns of CSV transcripts.
    pub csv: CsvColumns,
    /// Who is credited with codings a file brings (CSV tags); `None` uses
    /// `$JALIN_CODER` or the login name.
    pub coder: Option<String>,
    /// Store HTML entities in CSV cells (`&amp;`, `&#8212;`) as written
    /// instead of decoding them.
    pub keep_entities: bool,
}

/// What went wrong with one file.
#[derive(Debug, thiserror::Error)]
pub enum ImportProblem {
    // Messages in errors.ftl, in the current language.
    #[error("{}", crate::t!("err-input-not-found"))]
    NotFound,
    #[error("{}", crate::t!("err-input-is-folder"))]
    IsFolder,
    #[error("{}", crate::t!("err-input-io", cause = .0.as_str()))]
    Unreadable(String),
    #[error("{}", crate::t!("err-input-too-large", size = size.to_string(), limit = limit.to_string()))]
    TooLarge { size: u64, limit: u64 },
    #[error("{}", crate::t!("err-import-unsupported", extension = .0.as_str()))]
    Unsupported(String),
    #[error("{}", crate::t!("err-import-old-word"))]
    OldWord,
    #[error("{}", crate::t!("err-import-exchange-file"))]
    ExchangeFile,
    #[error("{0}")]
    Format(String),
    #[error("{0}")]
    NoText(String),
    #[error("{}", crate::t!("err-import-archive", problem = .0.to_string()))]
    Archive(#[from] crate::container::archive::ArchiveProblem),
    #[error("{}", crate::t!("err-import-xml", entry = entry.as_str(), problem = problem.to_string()))]
    Xml {
        entry: String,
        problem: crate::container::xml::XmlProblem,
    },
    #[error(transparent)]
    Decode(#[from] decode::DecodeProblem),
    #[error(transparent)]
    FrontMatter(#[from] frontmatter::BadFrontMatter),
    #[error(transparent)]
    Kind(#[from] crate::model::kind::UnknownKind),
    #[error("{}", crate::t!("err-import-store", problem = .0.to_string()))]
    Store(#[from] StoreError),
    /// Not a regular file (a FIFO, device, socket, broken link or loop of
    /// links), or larger than it said.
    #[error(transparent)]
    Input(crate::files::InputProblem),
}

impl From<crate::files::InputProblem> for ImportProblem {
    fn from(p: crate::files::InputProblem) -> ImportProblem {
        use crate::files::InputProblem as I;
        match p {
            I::NotFound => ImportProblem::NotFound,
            I::IsFolder => ImportProblem::IsFolder,
            I::TooLarge { size, limit } => ImportProblem::TooLarge { size, limit },
            I::Io(e) => ImportProblem::Unreadable(e.to_string()),
            other => ImportProblem::Input(other),
        }
    }
}

/// A problem with a named file. Displays as "problem: path".
#[derive(Debug, thiserror::Error)]
#[error("{problem}: {}", path.display())]
pub struct ImportError {
    pub path: PathBuf,
    pub problem: ImportProblem,
}

/// What importing one file did.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportOutcome {
    Added {
        source: SourceMeta,
        warnings: Vec<String>,
        /// What the import did that is worth knowing, nothing wrong
        /// ("12 passages coded from its tags").
        notes: Vec<String>,
        /// The command that takes the import back (the workbench's Undo).
        undo: Box<crate::command::Command>,
    },
    /// Same text as a source already in the project; nothing added.
    Duplicate { existing: String },
}

/// The importers Jalin has, in order of preference.
pub fn importers() -> Vec<Box<dyn Importer>> {
    vec![
        Box::new(TextImporter),
        Box::new(DocxImporter),
        Box::new(RtfImporter),
        Box::new(DocImporter),
        Box::new(OdtImporter),
        Box::new(pdf::PdfImporter),
        Box::new(HtmlImporter),
        Box::new(VttImporter),
        Box::new(SrtImporter),
        Box::new(CsvImporter::default()),
    ]
}

/// Whether Jalin has an importer for this file's extension.
pub fn is_supported(path: &Path) -> bool {
    let ext = extension(path);
    importers()
        .iter()
        .any(|i| i.extensions().contains(&ext.as_str()))
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// Reads and parses one file without touching any project.
pub fn read_file(path: &Path, options: &ImportOptions) -> Result<Parsed, ImportError> {
    let fail = |problem| ImportError {
        path: path.to_path_buf(),
        problem,
    };
    // Only regular files (links followed): a FIFO or device would hang or
    // never end. Checked before the extension, so such a file is named for
    // what it is.
    let meta = crate::files::check_regular(path).map_err(|e| fail(e.into()))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(ImportProblem::TooLarge {
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        }));
    }
    let ext = extension(path);
    if matches!(ext.as_str(), "qdpx" | "qdc") {
        return Err(fail(ImportProblem::ExchangeFile));
    }
    let importer: Box<dyn Importer> = if matches!(ext.as_str(), "csv" | "tsv") {
        Box::new(CsvImporter {
            columns: options.csv.clone(),
            keep_entities: options.keep_entities,
        })
    } else {
        importers()
            .into_iter()
            .find(|i| i.extensions().contains(&ext.as_str()))
            .ok_or_else(|| fail(ImportProblem::Unsupported(ext.clone())))?
    };
    let bytes = crate::files::read_limited(path, MAX_FILE_BYTES).map_err(|e| fail(e.into()))?;
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

/// The speakers of a source's turns in order of their first turn (one
/// entry per speaker, by [`crate::model::roles::speaker_key`]), each with
/// the role found from the labels.
pub fn speakers_found(turns: &[SpeakerTurn]) -> Vec<(String, crate::model::roles::Role)> {
    let roles = crate::model::roles::default_roles(turns);
    let mut out: Vec<(String, crate::model::roles::Role)> = Vec::new();
    let mut listed = std::collections::HashSet::new();
    for t in turns {
        let key = crate::model::roles::speaker_key(&t.speaker);
        if let Some(r) = roles.get(&key)
            && listed.insert(key)
        {
            out.push((t.speaker.to_string(), *r));
        }
    }
    out
}

/// The speakers found, for the import report: "DB (interviewer), Ana
/// (respondent)", or "none found".
pub fn describe_speakers(turns: &[SpeakerTurn]) -> String {
    let found = speakers_found(turns);
    if found.is_empty() {
        return crate::t!("cli-no-speakers");
    }
    // A comment dump of thousands of speakers names the first few.
    const SHOWN: usize = 20;
    let mut line = found
        .iter()
        .take(SHOWN)
        .map(|(s, r)| format!("{s} ({})", r.word()))
        .collect::<Vec<_>>()
        .join(", ");
    if found.len() > SHOWN {
        line.push_str(&crate::t!("cli-more-speakers", count = found.len() - SHOWN));
    }
    line
}

/// A transcript with three or more respondents (speakers other than the
/// interviewer or moderator) is a focus group, with fewer an interview; a
/// text without speaker turns is a document.
pub fn guess_kind(source: &NewSource) -> SourceKind {
    let roles = crate::model::roles::default_roles(&source.turns);
    let mut respondents: Vec<String> = roles
        .into_iter()
        .filter(|(_, r)| r.is_respondent())
        .map(|(k, _)| k)
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
    let fail = |e| ImportError {
        path: path.to_path_buf(),
        problem: ImportProblem::Store(e),
    };
    project
        .transact(|p| add_parsed(p, parsed, options))
        .map_err(fail)
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

/// Adds a source with the codes its file applies, through the command
/// layer ([`crate::command::Command::AddBundle`]). Codes are found by name
/// or path (`parent > child`) or created.
fn add_parsed(
    project: &mut Project,
    parsed: Parsed,
    options: &ImportOptions,
) -> Result<ImportOutcome, StoreError> {
    if !options.force {
        let hash = crate::store::content_hash(&parsed.source.text);
        if let Some(s) = project
            .sources()?
            .into_iter()
            .find(|s| s.content_hash == hash)
        {
            return Ok(ImportOutcome::Duplicate { existing: s.name });
        }
    }
    let coded = !parsed.codings.is_empty();
    let mut bundle = Bundle {
        // A coder is made only for the codings that need one.
        coders: if coded {
            vec![BundleCoder {
                guid: None,
                name: options
                    .coder
                    .clone()
                    .unwrap_or_else(crate::model::default_coder),
            }]
        } else {
            Vec::new()
        },
        sources: vec![BundleSource {
            source: parsed.source,
            imported_at: None,
            existing: false,
        }],
        ..Bundle::default()
    };
    let mut paths: Vec<String> = Vec::new();
    for c in &parsed.codings {
        let mut parent: Option<usize> = None;
        let parts: Vec<&str> = c
            .code
            .split(crate::model::PATH_SEPARATOR.trim())
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        for depth in 1..=parts.len() {
            let path = parts[..depth]
                .join(crate::model::PATH_SEPARATOR)
                .to_lowercase();
            let at = match paths.iter().position(|p| *p == path) {
                Some(i) => i,
                None => {
                    paths.push(path);
                    bundle.codes.push(BundleCode {
                        guid: None,
                        name: parts[depth - 1].to_string(),
                        parent,
                        color: None,
                        description: String::new(),
                    });
                    bundle.codes.len() - 1
                }
            };
            parent = Some(at);
        }
        if let Some(code) = parent {
            bundle.codings.push(BundleCoding {
                guid: None,
                source: 0,
                code,
                start: c.start,
                end: c.end,
                coder: 0,
                created_at: None,
                existing: false,
            });
        }
    }
    let (added, undo) = crate::command::add_bundle(project, bundle)?;
    let source = project.source(added.sources[0])?;
    let warnings = parsed.warnings;
    let mut notes = parsed.notes;
    if coded {
        let n = added.codings.iter().flatten().count();
        let new_codes = added.codes_created.iter().filter(|c| **c).count();
        notes.push(format!(
            "{n} {} coded from its tags ({new_codes} new {})",
            if n == 1 { "passage" } else { "passages" },
            if new_codes == 1 { "code" } else { "codes" }
        ));
    }
    Ok(ImportOutcome::Added {
        source,
        warnings,
        notes,
        undo: Box::new(undo),
    })
}

/// How far a many-file import has got, for a progress bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProgress {
    /// Files done so far.
    pub done: usize,
    pub total: usize,
    /// The file about to be imported.
    pub current: PathBuf,
}

/// A file or folder an import passes over, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: SkipReason,
}

/// Why a folder import passes over an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// An extension Jalin has no importer for.
    Unsupported,
    /// A FIFO, device or socket (what it is, in words).
    NotRegular(&'static str),
    /// A symbolic link to nothing.
    BrokenLink,
    /// Symbolic links that lead back to themselves.
    LinkLoop,
    /// A symbolic link to a folder (not followed: it could lead anywhere,
    /// or back up the tree).
    LinkToFolder,
    /// A folder that cannot be listed, or an entry that cannot be looked at.
    Unreadable(String),
    /// Folders nested deeper than the walk goes.
    TooDeep,
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::Unsupported => write!(f, "not a format Jalin reads"),
            SkipReason::NotRegular(kind) => write!(f, "{kind}, not a regular file"),
            SkipReason::BrokenLink => write!(f, "a link to a file that does not exist"),
            SkipReason::LinkLoop => write!(f, "a loop of links"),
            SkipReason::LinkToFolder => {
                write!(f, "a link to a folder; give the folder itself to import it")
            }
            SkipReason::Unreadable(e) => write!(f, "cannot read it: {e}"),
            SkipReason::TooDeep => write!(f, "folders nested more than {MAX_DEPTH} deep"),
        }
    }
}

impl std::fmt::Display for Skipped {
    /// "skipped (reason): path".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "skipped ({}): {}", self.reason, self.path.display())
    }
}

/// How deep below a given folder the walk goes.
const MAX_DEPTH: usize = 32;

/// Every file an import of `paths` would read: files as given, and below
/// each folder every file Jalin can import (hidden files and folders
/// skipped), sorted. Links to regular files are followed. Also returns
/// every other entry below the folders with the reason it is passed over:
/// formats Jalin cannot read, FIFOs, devices and sockets, broken links and
/// loops of links, links to folders, folders that cannot be read.
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            let mut passed = Vec::new();
            walk(p, &mut found, &mut passed, 0);
            found.sort();
            for f in found {
                if is_supported(&f) {
                    files.push(f);
                } else {
                    passed.push(Skipped {
                        path: f,
                        reason: SkipReason::Unsupported,
                    });
                }
            }
            passed.sort_by(|a, b| a.path.cmp(&b.path));
            skipped.extend(passed);
        } else {
            files.push(p.clone());
        }
    }
    (files, skipped)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, skipped: &mut Vec<Skipped>, depth: usize) {
    let skip = |skipped: &mut Vec<Skipped>, path: PathBuf, reason| {
        skipped.push(Skipped { path, reason });
    };
    if depth > MAX_DEPTH {
        skip(skipped, dir.to_path_buf(), SkipReason::TooDeep);
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            skip(
                skipped,
                dir.to_path_buf(),
                SkipReason::Unreadable(e.to_string()),
            );
            return;
        }
    };
    for e in entries {
        let e = match e {
            Ok(e) => e,
            Err(err) => {
                skip(
                    skipped,
                    dir.to_path_buf(),
                    SkipReason::Unreadable(err.to_string()),
                );
                continue;
            }
        };
        let path = e.path();
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let t = match e.file_type() {
            Ok(t) => t,
            Err(err) => {
                skip(skipped, path, SkipReason::Unreadable(err.to_string()));
                continue;
            }
        };
        if t.is_dir() {
            walk(&path, out, skipped, depth + 1);
        } else if t.is_file() {
            out.push(path);
        } else if t.is_symlink() {
            // Followed to a regular file; anything else is listed.
            match crate::files::check_regular(&path) {
                Ok(_) => out.push(path),
                Err(crate::files::InputProblem::IsFolder) => {
                    skip(skipped, path, SkipReason::LinkToFolder)
                }
                Err(problem) => skip(skipped, path, skip_reason(problem)),
            }
        } else {
            let kind = std::fs::symlink_metadata(&path)
                .map(|m| crate::files::kind_of(&m))
                .unwrap_or("a special file");
            skip(skipped, path, SkipReason::NotRegular(kind));
        }
    }
}

fn skip_reason(problem: crate::files::InputProblem) -> SkipReason {
    use crate::files::InputProblem as I;
    match problem {
        I::BrokenLink | I::NotFound => SkipReason::BrokenLink,
        I::LinkLoop => SkipReason::LinkLoop,
        I::NotRegular(kind) => SkipReason::NotRegular(kind),
        I::IsFolder => SkipReason::LinkToFolder,
        other => SkipReason::Unreadable(other.to_string()),
    }
}

/// Imports files and folders (every supported file below a folder), each
/// file in its own transaction, going on past bad files. `progress` is
/// called before each file; returning `false` cancels the rest (files
/// already imported stay). Returns one result per file read, in order.
pub fn import_paths(
    project: &mut Project,
    paths: &[PathBuf],
    options: &ImportOptions,
    progress: &mut dyn FnMut(&ImportProgress) -> bool,
) -> Vec<(PathBuf, Result<ImportOutcome, ImportError>)> {
    let (files, _) = expand_paths(paths);
    let total = files.len();
    let mut results = Vec::with_capacity(total);
    for (done, f) in files.into_iter().enumerate() {
        let go_on = progress(&ImportProgress {
            done,
            total,
            current: f.clone(),
        });
        if !go_on {
            break;
        }
        let r = import_file(project, &f, options);
        results.push((f, r));
    }
    results
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_of_many_speakers_names_the_first_twenty() {
        let turns: Vec<SpeakerTurn> = (0..25)
            .flat_map(|round| {
                (0..25).map(move |i| SpeakerTurn {
                    start: round * 25 + i,
                    end: round * 25 + i + 1,
                    label_end: round * 25 + i,
                    speaker: format!("Speaker {i}").into(),
                })
            })
            .collect();
        assert_eq!(speakers_found(&turns).len(), 25);
        let line = describe_speakers(&turns);
        assert!(line.starts_with("Speaker 0 ("), "{line}");
        assert!(
            line.contains("Speaker 19 (") && !line.contains("Speaker 20 ("),
            "{line}"
        );
        assert!(line.ends_with(", and 5 more"), "{line}");
    }
}
