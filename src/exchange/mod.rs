//! REFI-QDA project exchange: `.qdpx` projects and `.qdc` codebooks, read
//! from and written for NVivo, ATLAS.ti, MAXQDA, QualCoder and any other tool
//! that speaks the standard (QDA-XML 1.0).
//!
//! Reading is lenient and ends with a [`LossReport`] of everything not
//! brought in and why; it never writes half a project, because everything
//! is added through one [`crate::store::Project::add_bundle`] transaction.
//! Writing is deterministic: the project's own GUIDs, sorted output and no
//! time other than the stored ones, so two exports of one project match
//! byte for byte.

pub mod conformance;
pub mod positions;
mod qdc;
mod qdpx_read;
mod qdpx_write;

use std::fmt;
use std::path::PathBuf;

use crate::container::{archive, xml};

pub use qdc::{
    export_qdc, export_qdc_with, import_qdc, import_qdc_undoable, read_qdc, write_qdc,
    write_qdc_with,
};
pub use qdpx_read::{QdpxImport, import_qdpx, read_qdpx, read_qdpx_from, read_qdpx_with_limits};
pub use qdpx_write::{QdpxOptions, export_qdpx, export_qdpx_with, write_qdpx, write_qdpx_with};

use crate::store::StoreError;

/// Namespace of `project.qde`.
pub const PROJECT_NS: &str = "urn:QDA-XML:project:1.0";
/// Namespace of a `.qdc` codebook.
pub const CODEBOOK_NS: &str = "urn:QDA-XML:codebook:1.0";

/// What an exchange import or export could not do. Displays as
/// "problem: path" (a refused target names its files itself).
#[derive(Debug, thiserror::Error)]
pub struct ExchangeError {
    pub path: PathBuf,
    pub problem: ExchangeProblem,
}

impl fmt::Display for ExchangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.problem {
            ExchangeProblem::Refused(r) => write!(f, "{r}"),
            p => {
                // A store error names its file last itself: once is enough.
                let text = p.to_string();
                let path = self.path.display().to_string();
                if text.ends_with(&path) {
                    f.write_str(&text)
                } else {
                    write!(f, "{text}: {path}")
                }
            }
        }
    }
}

/// The problem itself, without the file.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeProblem {
    #[error("cannot read the file ({0})")]
    Io(String),
    #[error("the archive is refused: {0}")]
    Archive(#[from] archive::ArchiveProblem),
    #[error("{entry} is refused: {problem}")]
    Xml {
        entry: String,
        problem: xml::XmlProblem,
    },
    #[error("the archive has no project.qde (entries: {0})")]
    NoProjectFile(String),
    #[error("{0}")]
    NotExchange(String),
    #[error("the project file exists already; import into a new project file")]
    ProjectExists,
    #[error("that is a folder; import into a new project file")]
    ProjectIsFolder,
    #[error("cannot save the project: {0}")]
    Store(#[from] StoreError),
    /// What the file holds does not fit the project (its codes would sit
    /// too deep); the project is unchanged.
    #[error("{0}; nothing was changed")]
    NotAdded(Box<StoreError>),
    #[error("cannot write the export ({0})")]
    Write(String),
    /// The export's target is a Jalin project or part of one.
    #[error(transparent)]
    Refused(crate::files::TargetProblem),
    /// The file to read is not a regular file, or too large.
    #[error(transparent)]
    Input(crate::files::InputProblem),
    #[error(
        "the code tree is {levels} levels deep; an exchange file Jalin can read back holds at most {limit} \
         (Jalin itself builds up to {max} levels). Move the deepest codes higher up, then export again"
    )]
    TooDeep {
        levels: usize,
        limit: usize,
        max: usize,
    },
    /// The file's own code tree is deeper than Jalin keeps.
    #[error(
        "its code tree is {levels} levels deep ('{deepest}'); Jalin keeps code trees to {limit} levels. \
         Move the deepest codes higher up in the other program, then export again"
    )]
    FileTooDeep {
        levels: usize,
        deepest: String,
        limit: usize,
    },
}

/// The deepest code tree an exchange file may carry and still be read back
/// by Jalin: a `.qdpx` puts codes under `Project > CodeBook > Codes`, each
/// level one element deeper, and a code's notes one below it; import reads
/// elements up to [`xml::MAX_DEPTH`] deep.
pub const MAX_EXCHANGE_CODE_LEVELS: usize = xml::MAX_DEPTH - 4;
const _: () = assert!(crate::model::MAX_CODE_DEPTH <= MAX_EXCHANGE_CODE_LEVELS);

/// Refuses to export a code tree that import would refuse (a project made
/// before Jalin capped the depth).
pub(crate) fn check_levels(book: &crate::model::Codebook) -> Result<(), ExchangeProblem> {
    let levels = book.levels();
    if levels > MAX_EXCHANGE_CODE_LEVELS {
        return Err(ExchangeProblem::TooDeep {
            levels,
            limit: MAX_EXCHANGE_CODE_LEVELS,
            max: crate::model::MAX_CODE_DEPTH,
        });
    }
    Ok(())
}

/// Refuses a file whose own code tree is deeper than
/// [`MAX_CODE_DEPTH`](crate::model::MAX_CODE_DEPTH) levels (the store
/// refuses it too, but would name the project, not the file).
pub(crate) fn check_file_levels(b: &crate::store::Bundle) -> Result<(), ExchangeProblem> {
    // Parents come before their children (the readers order them so).
    let mut depth: Vec<usize> = Vec::with_capacity(b.codes.len());
    for c in &b.codes {
        depth.push(c.parent.and_then(|p| depth.get(p)).map_or(1, |d| d + 1));
    }
    match depth.iter().enumerate().max_by_key(|(_, d)| **d) {
        Some((i, &levels)) if levels > crate::model::MAX_CODE_DEPTH => {
            Err(ExchangeProblem::FileTooDeep {
                levels,
                deepest: b.codes[i].name.clone(),
                limit: crate::model::MAX_CODE_DEPTH,
            })
        }
        _ => Ok(()),
    }
}

/// One thing from an exchange file that Jalin did not bring in, or brought
/// in differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    /// The element type as the standard names it (`PictureSource`, `Set`, …).
    pub element: String,
    /// Its name or GUID, for finding it in the other tool.
    pub name: String,
    /// Why, in a researcher's words.
    pub reason: String,
}

/// Everything an import did not bring in, what it assumed, and what it
/// brought.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LossReport {
    /// The exporting tool, from the `origin` attribute.
    pub origin: String,
    /// Where the file leaves the QDA-XML schema and what was read anyway,
    /// one line per kind of deviation; empty when it follows the standard.
    pub conformance: Vec<String>,
    /// How positions and names were read (one line per decision).
    pub assumptions: Vec<String>,
    pub losses: Vec<Loss>,
    pub imported: ImportCounts,
}

/// How much an import brought in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub coders: usize,
    pub codes: usize,
    pub sources: usize,
    pub codings: usize,
    pub memos: usize,
    pub attributes: usize,
}

impl LossReport {
    pub(crate) fn lose(
        &mut self,
        element: impl Into<String>,
        name: impl Into<String>,
        reason: impl Into<String>,
    ) {
        self.losses.push(Loss {
            element: element.into(),
            name: name.into(),
            reason: reason.into(),
        });
    }

    /// Whether everything came in as it was.
    pub fn is_lossless(&self) -> bool {
        self.losses.is_empty()
    }

    /// Whether the file follows the QDA-XML 1.0 schema (as far as Jalin
    /// checks: names, namespaces, nesting, order, required attributes and
    /// value forms).
    pub fn follows_standard(&self) -> bool {
        self.conformance.is_empty()
    }

    /// The lines after the counts: deviations from the standard, what was
    /// assumed, what was left out; each "  - …" on its own line.
    pub fn details(&self) -> String {
        let mut out = String::new();
        if !self.follows_standard() {
            out.push_str(&crate::t!("loss-not-standard"));
            out.push('\n');
            for c in &self.conformance {
                out.push_str(&format!("  - {c}\n"));
            }
        }
        if !self.assumptions.is_empty() {
            out.push_str(&crate::t!("loss-assumed"));
            out.push('\n');
            for a in &self.assumptions {
                out.push_str(&format!("  - {a}\n"));
            }
        }
        if self.losses.is_empty() {
            out.push_str(&if self.follows_standard() {
                crate::t!("loss-nothing")
            } else {
                crate::t!("loss-nothing-else")
            });
            out.push('\n');
        } else {
            out.push_str(&crate::t!("loss-items", count = self.losses.len()));
            out.push('\n');
            for l in &self.losses {
                out.push_str(&format!("  - {} '{}': {}\n", l.element, l.name, l.reason));
            }
        }
        out
    }
}

impl fmt::Display for LossReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = &self.imported;
        let origin = if self.origin.is_empty() {
            crate::t!("loss-unnamed-tool")
        } else {
            self.origin.clone()
        };
        writeln!(
            f,
            "{}",
            crate::t!(
                "loss-imported",
                origin = origin,
                sources = n.sources,
                codes = n.codes,
                codings = n.codings,
                memos = n.memos,
                coders = n.coders,
                attributes = n.attributes
            )
        )?;
        f.write_str(&self.details())
    }
}

/// A GUID derived from another and a label, the same every time: for
/// elements Jalin does not store (selections, variables, cases).
pub(crate) fn derived_guid(base: &crate::model::Guid, label: &str) -> crate::model::Guid {
    let ns = uuid::Uuid::parse_str(base.as_str()).unwrap_or(uuid::Uuid::NAMESPACE_OID);
    crate::model::Guid::parse(&uuid::Uuid::new_v5(&ns, label.as_bytes()).to_string())
        .unwrap_or_default()
}
