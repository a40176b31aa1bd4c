//! Plain data types of a Jalin project: no SQL, no GUI.
//!
//! Every offset in this module is a Unicode code-point index into a source's
//! text, as half-open ranges `[start, end)`. That is how the REFI-QDA exchange
//! standard counts, and it keeps positions stable whatever the UI counts in
//! (egui counts chars too; other toolkits count UTF-16 units). Convert at the
//! edges with [`text::CharIndex`].

mod codebook;
mod color;
mod ids;
pub mod kind;
pub mod names;
pub mod pseudonyms;
pub mod roles;
pub mod text;

pub use codebook::{Codebook, FindCodeError, MAX_CODE_DEPTH, PATH_SEPARATOR};
pub use color::{BadColor, Color, PALETTE};
pub use ids::{CodeId, CoderId, CodingId, Guid, MemoId, SourceId};
pub use kind::SourceKind;

/// Who codes when nobody said: `$JALIN_CODER`, else the login name, else
/// "coder". The CLI's `--coder` and the workbench's coder switch override it.
pub fn default_coder() -> String {
    ["JALIN_CODER", "USER", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "coder".to_string())
}

/// A source's descriptive data, without its (possibly long) text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceMeta {
    pub id: SourceId,
    pub guid: Guid,
    pub name: String,
    pub kind: SourceKind,
    /// Length of the text in code points.
    pub char_len: usize,
    /// SHA-256 of the stored text, hex; used to notice re-imports.
    pub content_hash: String,
    /// File name the text was imported from, if any.
    pub original_name: Option<String>,
    /// RFC 3339 UTC time of import.
    pub imported_at: String,
    /// Attributes sorted by key.
    pub attributes: Vec<Attribute>,
}

impl SourceMeta {
    /// The value of attribute `key`, if the source has it (keys match
    /// whatever their case or Unicode normalisation).
    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| names::same_name(&a.key, key))
            .map(|a| a.value.as_str())
    }
}

/// A key/value fact about a source (`city=Palu`, `role=prosecutor`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Attribute {
    pub key: String,
    pub value: String,
}

impl Attribute {
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            value: value.into(),
        }
    }
}

/// One speaker's turn in a transcript. `[start, end)` covers the label and the
/// words; `label_end` is where the label (e.g. `Interviewer: `) stops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerTurn {
    pub start: usize,
    pub end: usize,
    pub label_end: usize,
    pub speaker: std::sync::Arc<str>,
}

/// A source's text with its speaker turns: what quoting and coding by
/// search need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceTexts {
    pub text: String,
    pub turns: Vec<SpeakerTurn>,
}

/// Source texts by id, wherever they are kept: a map read for one report, or
/// the workbench's cache (so a report in the window does not read a second
/// copy of the corpus).
pub trait Texts {
    fn text_of(&self, id: SourceId) -> Option<&SourceTexts>;
}

impl Texts for std::collections::HashMap<SourceId, SourceTexts> {
    fn text_of(&self, id: SourceId) -> Option<&SourceTexts> {
        self.get(&id)
    }
}

/// A code of the codebook. Codes form a tree through `parent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    pub id: CodeId,
    pub guid: Guid,
    pub name: String,
    pub parent: Option<CodeId>,
    pub color: Color,
    pub description: String,
    /// Position among its siblings.
    pub sort_order: i64,
}

/// A code applied by a coder to a range of a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coding {
    pub id: CodingId,
    pub guid: Guid,
    pub source: SourceId,
    pub code: CodeId,
    pub start: usize,
    pub end: usize,
    pub coder: CoderId,
    pub created_at: String,
}

/// A coding without its GUID and creation time: all the counting tables
/// (frequencies, triangulation) look at. A million of these read in a
/// fraction of the time full [`Coding`]s take, with no string per coding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CodingSpan {
    pub id: CodingId,
    pub source: SourceId,
    pub code: CodeId,
    pub start: usize,
    pub end: usize,
    pub coder: CoderId,
}

/// A coding, full or lean, seen as its [`CodingSpan`], so the counting
/// tables take either.
pub trait AsSpan {
    fn span(&self) -> CodingSpan;
}

impl AsSpan for CodingSpan {
    fn span(&self) -> CodingSpan {
        *self
    }
}

impl AsSpan for Coding {
    fn span(&self) -> CodingSpan {
        CodingSpan {
            id: self.id,
            source: self.source,
            code: self.code,
            start: self.start,
            end: self.end,
            coder: self.coder,
        }
    }
}

/// A person who codes. Every coding names one, so team coding and agreement
/// statistics can be added without changing what is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coder {
    pub id: CoderId,
    pub guid: Guid,
    pub name: String,
    /// The colour the coder was given (`None`: one from the palette, by id).
    pub color: Option<Color>,
}

impl Coder {
    /// The colour the workbench shows the coder in: the one set, else a
    /// palette colour chosen by id (stable across sessions).
    pub fn shown_color(&self) -> Color {
        self.color
            .unwrap_or_else(|| Color::palette(self.id.0.unsigned_abs() as usize))
    }

    /// Whether this is the coder a disagreement review writes its
    /// decisions as ([`CONSENSUS_CODER`]).
    pub fn is_consensus(&self) -> bool {
        self.name.eq_ignore_ascii_case(CONSENSUS_CODER)
    }
}

/// The coder agreed codings are credited to: "consensus only" in reports
/// keeps only theirs.
pub const CONSENSUS_CODER: &str = "consensus";

/// Where a theme stands after a focus group reviewed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ReviewStatus {
    #[default]
    Pending,
    Confirmed,
    Disputed,
    Revised,
}

impl ReviewStatus {
    pub const ALL: [ReviewStatus; 4] = [
        ReviewStatus::Pending,
        ReviewStatus::Confirmed,
        ReviewStatus::Disputed,
        ReviewStatus::Revised,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Pending => "pending",
            ReviewStatus::Confirmed => "confirmed",
            ReviewStatus::Disputed => "disputed",
            ReviewStatus::Revised => "revised",
        }
    }
}

impl std::str::FromStr for ReviewStatus {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ReviewStatus::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                format!("'{s}' is not a review status: use pending, confirmed, disputed or revised")
            })
    }
}

/// One theme on a focus group's review board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    /// The review session, e.g. "Expert FGD 2023-08-22".
    pub session: String,
    pub code: CodeId,
    pub status: ReviewStatus,
    pub note: String,
    pub position: i64,
    pub updated_at: String,
}

/// What a memo is written about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MemoTarget {
    Project,
    Source(SourceId),
    Code(CodeId),
    Coding(CodingId),
}

/// A researcher's note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Memo {
    pub id: MemoId,
    pub guid: Guid,
    pub target: MemoTarget,
    pub title: String,
    pub text: String,
    pub coder: CoderId,
    pub created_at: String,
    pub modified_at: String,
}
