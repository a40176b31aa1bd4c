//! Merging projects: what another project file (a colleague's copy of the
//! study, or a `.qdpx` from another tool) holds that the open project does
//! not, added as one undoable command.
//!
//! The other file is read, never written: a `.jalin` goes through the same
//! trust checks as any project (a consistent copy is taken with
//! [`crate::store::backup`] and opened, upgraded if older, as a temporary
//! file), then is written as REFI-QDA in memory and read back with the
//! `.qdpx` reader, so a Jalin project and an exchange file are merged by one
//! path. Matching and conflicts:
//!
//! - sources by GUID, else by identical text; a source whose text differs
//!   keeps the target's text, and the other file's codings on it are placed
//!   where their coded words are found: at the same position, else the
//!   nearest place within [`NEAR`] characters; the rest are listed as not
//!   merged. Names, attributes, speaker roles and participant attributes:
//!   the target's values win; values the target lacks are added;
//! - codes by GUID, else by path (the same name under the matched parent);
//!   a different name, place in the tree, colour or description keeps the
//!   target's;
//! - coders by GUID, else by name; codings are united (one already there
//!   with the same source, code, range and coder is not added again);
//! - memos by GUID, else by the same title and text on the same item; a
//!   memo whose GUID is in the target with another text is kept as well,
//!   as a new memo titled "… (from FILE)";
//! - pseudonyms (a `.jalin`'s table; REFI-QDA has none) by real name, in
//!   any case: a real name the target already has keeps the target's
//!   pseudonym and kind; a row the target's table would refuse (its real
//!   name is a pseudonym there, its pseudonym holds a real name) is not
//!   merged; both are reported as conflicts.
//!
//! - exemplar marks, review-board items and coder colours (a `.jalin`'s;
//!   REFI-QDA has none): added where the target has none; a different
//!   review status or colour in the target is kept and reported.
//!
//! Merging the same file again adds nothing.

use crate::t;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::command::{AddedMarks, Command};
use crate::exchange::{ExchangeError, LossReport};
use crate::model::names::name_key;
use crate::model::pseudonyms::{Pseudonym, refusal};
use crate::model::{CodeId, CoderId, CodingId, Guid, MemoTarget, SourceId};
use crate::store::{
    Bundle, BundleCoding, BundleMemo, BundleSource, BundleTarget, NewSource, Project, StoreError,
    content_hash,
};

/// How far (in characters, either way) a coding on a changed text may move
/// to where its words are found.
pub const NEAR: usize = 500;

/// Why a file cannot be merged. Displays as "cannot merge FILE: problem".
#[derive(Debug, thiserror::Error)]
#[error("cannot merge {}: {problem}", path.display())]
pub struct MergeError {
    pub path: PathBuf,
    pub problem: MergeProblem,
}

/// The problem itself.
#[derive(Debug, thiserror::Error)]
pub enum MergeProblem {
    #[error("it is the target project itself")]
    SameFile,
    #[error(transparent)]
    Input(crate::files::InputProblem),
    #[error(transparent)]
    Store(Box<StoreError>),
    /// The exchange reader's problem alone: "cannot merge FILE" names it.
    #[error("{}", .0.problem)]
    Exchange(Box<ExchangeError>),
}

/// A file read for merging, not yet merged.
#[derive(Debug, Clone)]
pub struct Other {
    pub path: PathBuf,
    pub bundle: Bundle,
    /// What the exchange reader did not bring in (a `.qdpx` from another
    /// tool); empty for a Jalin project.
    pub losses: LossReport,
    /// The pseudonym table of a Jalin project (a `.qdpx` carries none).
    pub pseudonyms: Vec<Pseudonym>,
    /// A Jalin project's exemplar marks, review boards and coder colours,
    /// by the other file's GUIDs (REFI-QDA carries none of them).
    pub marks: AddedMarks,
}

/// Counts of what a merge adds, or found already there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub sources: usize,
    pub codes: usize,
    pub codings: usize,
    pub memos: usize,
    pub coders: usize,
    /// Source attributes, speaker roles and participant attributes.
    pub attributes: usize,
    /// Rows of the pseudonym table.
    pub pseudonyms: usize,
    /// Exemplar marks, review-board items and coder colours.
    pub marks: usize,
}

/// What was matched, and how.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Matched {
    pub sources_by_guid: usize,
    pub sources_by_text: usize,
    pub codes_by_guid: usize,
    pub codes_by_path: usize,
    /// Codings already in the target.
    pub codings: usize,
    /// Memos already in the target.
    pub memos: usize,
    pub coders: usize,
    /// Pseudonym rows already in the target, the same.
    pub pseudonyms: usize,
}

/// A difference between the two files and how it was resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// What it is about: "code 'Trust'".
    pub item: String,
    /// The difference.
    pub problem: String,
    /// The rule applied.
    pub resolution: String,
}

/// What merging one file did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileMerge {
    pub path: PathBuf,
    pub added: Counts,
    pub matched: Matched,
    pub conflicts: Vec<Conflict>,
    /// Items of the other file left out, each with the reason.
    pub not_merged: Vec<String>,
    /// What the exchange reader could not bring in (a `.qdpx`).
    pub losses: Vec<String>,
}

/// What a merge did, file by file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub files: Vec<FileMerge>,
    /// Nothing was written.
    pub dry_run: bool,
}

impl MergeReport {
    /// Whether the merge added anything.
    pub fn added_anything(&self) -> bool {
        self.files.iter().any(|f| f.added != Counts::default())
    }
}

impl fmt::Display for MergeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Counts are passed as text: the report's lines are read by
        // scripts and tests as they always were (no digit grouping).
        let n = |x: usize| x.to_string();
        if self.dry_run {
            writeln!(f, "{}", crate::t!("merge-dry-run"))?;
        }
        for m in &self.files {
            let a = &m.added;
            writeln!(
                f,
                "{}",
                crate::t!("merge-from", path = m.path.display().to_string())
            )?;
            let added = |key: &str| {
                crate::i18n::tr_args(
                    key,
                    &[
                        ("sources", n(a.sources).into()),
                        ("codes", n(a.codes).into()),
                        ("codings", n(a.codings).into()),
                        ("memos", n(a.memos).into()),
                        ("coders", n(a.coders).into()),
                        ("attributes", n(a.attributes).into()),
                        ("pseudonyms", n(a.pseudonyms).into()),
                    ],
                )
            };
            writeln!(
                f,
                "  {}",
                if self.dry_run {
                    added("merge-would-add")
                } else {
                    added("merge-added")
                }
            )?;
            if a.marks > 0 {
                writeln!(f, "  {}", crate::t!("merge-marked", marks = n(a.marks)))?;
            }
            let t = &m.matched;
            writeln!(
                f,
                "  {}",
                crate::t!(
                    "merge-matched",
                    by_guid = n(t.sources_by_guid),
                    by_text = n(t.sources_by_text),
                    codes_by_guid = n(t.codes_by_guid),
                    codes_by_path = n(t.codes_by_path),
                    coders = n(t.coders)
                )
            )?;
            writeln!(
                f,
                "  {}",
                crate::t!("merge-already", codings = n(t.codings), memos = n(t.memos))
            )?;
            if m.conflicts.is_empty() {
                writeln!(f, "  {}", crate::t!("merge-no-conflicts"))?;
            } else {
                writeln!(
                    f,
                    "  {}",
                    crate::t!("merge-conflicts", count = n(m.conflicts.len()))
                )?;
                for c in &m.conflicts {
                    writeln!(f, "  - {}: {}; {}", c.item, c.problem, c.resolution)?;
                }
            }
            if !m.not_merged.is_empty() {
                writeln!(
                    f,
                    "  {}",
                    crate::t!("merge-not-merged", count = n(m.not_merged.len()))
                )?;
                for n in &m.not_merged {
                    writeln!(f, "  - {n}")?;
                }
            }
            if !m.losses.is_empty() {
                writeln!(
                    f,
                    "  {}",
                    crate::t!("merge-not-read", count = n(m.losses.len()))
                )?;
                for l in &m.losses {
                    writeln!(f, "  - {l}")?;
                }
            }
        }
        Ok(())
    }
}

/// Whether two paths name the same file (the same path after resolving
/// links, or, on Unix, the same device and inode: a hard link).
pub fn same_file(a: &Path, b: &Path) -> bool {
    if let (Ok(x), Ok(y)) = (std::fs::canonicalize(a), std::fs::canonicalize(b))
        && x == y
    {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    false
}

/// Removes a temporary project copy with its log files when dropped.
struct TempCopy(PathBuf);

impl Drop for TempCopy {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = self.0.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    }
}

/// Reads `other` for merging into the project at `target`, writing nothing
/// to either: refuses the target itself, a file that is not regular, a
/// project Jalin would refuse to open (another program's database, a newer
/// Jalin's, damaged, tampered with, encrypted or garbage) and a `.qdpx` the
/// exchange reader refuses.
pub fn read_other(target: &Path, other: &Path) -> Result<Other, MergeError> {
    read_other_with(target, other, None)
}

/// [`read_other`] with the passphrase of an encrypted `other` (its
/// temporary copy is encrypted with it too).
pub fn read_other_with(
    target: &Path,
    other: &Path,
    key: Option<&crate::store::Passphrase>,
) -> Result<Other, MergeError> {
    let fail = |problem| MergeError {
        path: other.to_path_buf(),
        problem,
    };
    if same_file(target, other) {
        return Err(fail(MergeProblem::SameFile));
    }
    let (file, _) = crate::files::open_regular(other).map_err(|e| fail(MergeProblem::Input(e)))?;
    let mut magic = [0u8; 4];
    let zip = {
        use std::io::Read;
        let mut f = file;
        f.read_exact(&mut magic).is_ok() && &magic == b"PK\x03\x04"
    };
    let is_qdpx = other
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("qdpx"));
    if zip || is_qdpx {
        let read = crate::exchange::read_qdpx(other)
            .map_err(|e| fail(MergeProblem::Exchange(Box::new(e))))?;
        return Ok(Other {
            path: other.to_path_buf(),
            bundle: read.bundle,
            losses: read.report,
            pseudonyms: Vec::new(),
            marks: AddedMarks::default(),
        });
    }
    let store = |e| fail(MergeProblem::Store(Box::new(e)));
    let tmp = std::env::temp_dir().join(format!(
        "jalin-merge-{}-{}.jalin",
        std::process::id(),
        Guid::new().as_str()
    ));
    crate::store::backup_with(other, &tmp, false, key).map_err(store)?;
    let copy = TempCopy(tmp);
    let project = Project::open_with(&copy.0, key).map_err(store)?;
    let pseudonyms = project.pseudonyms().map_err(store)?;
    let marks = marks_of(&project).map_err(store)?;
    let mut bytes = Vec::new();
    crate::exchange::write_qdpx(&project, &mut bytes).map_err(|problem| {
        fail(MergeProblem::Exchange(Box::new(ExchangeError {
            path: other.to_path_buf(),
            problem,
        })))
    })?;
    drop(project);
    drop(copy);
    let limits = crate::container::archive::Limits {
        max_entries: usize::MAX,
        ..Default::default()
    };
    let read = crate::exchange::read_qdpx_from(std::io::Cursor::new(bytes), limits).map_err(
        |problem| {
            fail(MergeProblem::Exchange(Box::new(ExchangeError {
                path: other.to_path_buf(),
                problem,
            })))
        },
    )?;
    Ok(Other {
        path: other.to_path_buf(),
        bundle: read.bundle,
        losses: LossReport::default(),
        pseudonyms,
        marks,
    })
}

/// A project's exemplar marks, review-board items and coder colours, by
/// GUID.
fn marks_of(p: &Project) -> Result<AddedMarks, StoreError> {
    let data = p.data()?;
    let coding_guid: HashMap<CodingId, &Guid> =
        data.codings.iter().map(|c| (c.id, &c.guid)).collect();
    let code_guid: HashMap<CodeId, &Guid> = data.codes.iter().map(|c| (c.id, &c.guid)).collect();
    let mut exemplars: Vec<Guid> = p
        .exemplars()?
        .iter()
        .filter_map(|id| coding_guid.get(id).map(|g| (*g).clone()))
        .collect();
    exemplars.sort();
    let mut reviews = Vec::new();
    for session in p.review_sessions()? {
        for item in p.review_items(&session)? {
            if let Some(g) = code_guid.get(&item.code) {
                reviews.push((item.session, (*g).clone(), item.status, item.note));
            }
        }
    }
    let coder_colors = data
        .coders
        .iter()
        .filter_map(|c| c.color.map(|color| (c.guid.clone(), color)))
        .collect();
    Ok(AddedMarks {
        exemplars,
        reviews,
        coder_colors,
    })
}

/// Merges every file of `others` into the open project as one transaction
/// and one command, in the order given (a later file sees what an earlier
/// one added). Returns the report and the command that undoes the whole
/// merge (`None` when nothing was added, or in a dry run, which writes
/// nothing).
pub fn merge(
    p: &mut Project,
    others: &[Other],
    dry_run: bool,
) -> Result<(MergeReport, Option<Command>), StoreError> {
    let mut report = MergeReport {
        files: Vec::new(),
        dry_run,
    };
    let outcome = p.transact(|p| {
        let mut undo = Vec::new();
        for other in others {
            // A tree too deep is the file's doing: say which file.
            let in_file = |e| match e {
                e @ StoreError::TooDeep { .. } => StoreError::InMergedFile {
                    path: other.path.clone(),
                    error: Box::new(e),
                },
                e => e,
            };
            let (command, file) = plan(p, other)?;
            if let Some(command) = command {
                undo.push(command.apply(p).map_err(in_file)?);
            }
            report.files.push(file);
        }
        if dry_run {
            // Roll back: a dry run shows exactly what would be added.
            return Err(StoreError::BadBundle(DRY_RUN.into()));
        }
        undo.reverse();
        Ok((!undo.is_empty()).then_some(Command::Batch(undo)))
    });
    match outcome {
        Ok(undo) => Ok((report, undo)),
        Err(StoreError::BadBundle(m)) if dry_run && m == DRY_RUN => Ok((report, None)),
        Err(e) => Err(e),
    }
}

const DRY_RUN: &str = "a dry run rolls back";

/// Where a source of the other file goes.
#[derive(Debug, Clone)]
enum Src {
    /// Not in the target: added whole.
    New,
    /// The target's source, with the same text.
    Same(SourceId),
    /// The target's source, with another text.
    Changed(SourceId),
}

/// Where a code of the other file goes.
#[derive(Debug, Clone, Copy)]
enum Cd {
    New,
    Found(CodeId),
}

/// Where a coding of the other file went.
#[derive(Clone, Copy)]
enum Cg {
    Dropped,
    New(usize),
    Found(CodingId),
}

/// The other file's exemplar marks, review-board items and coder colours,
/// given where its codings, codes and coders went: the commands that set
/// them on rows the target has (the target's own marks win; a different
/// status, note or colour is a conflict), and those left for the rows this
/// merge adds, found by GUID after the bundle is in.
fn plan_marks(
    p: &Project,
    other: &Other,
    cgs: &[Cg],
    cds: &[Cd],
    coders: &[Option<CoderId>],
    report: &mut FileMerge,
    file_name: &str,
) -> Result<(Vec<Command>, AddedMarks), StoreError> {
    let b = &other.bundle;
    let m = &other.marks;
    let mut now = Vec::new();
    let mut later = AddedMarks::default();
    let index = |guids: Vec<Option<&Guid>>| -> HashMap<Guid, usize> {
        guids
            .into_iter()
            .enumerate()
            .filter_map(|(i, g)| g.map(|g| (g.clone(), i)))
            .collect()
    };
    let coding_at = index(b.codings.iter().map(|c| c.guid.as_ref()).collect());
    let code_at = index(b.codes.iter().map(|c| c.guid.as_ref()).collect());
    let coder_at = index(b.coders.iter().map(|c| c.guid.as_ref()).collect());
    let exemplars = p.exemplars()?;
    for g in &m.exemplars {
        match coding_at.get(g).map(|&i| cgs[i]) {
            Some(Cg::Found(id)) if !exemplars.contains(&id) => {
                report.added.marks += 1;
                now.push(Command::SetExemplar {
                    coding: id,
                    exemplar: true,
                });
            }
            Some(Cg::New(_)) => {
                report.added.marks += 1;
                later.exemplars.push(g.clone());
            }
            _ => {}
        }
    }
    for (session, code, status, note) in &m.reviews {
        let Some(j) = code_at.get(code).copied() else {
            continue;
        };
        let name = b.codes[j].name.clone();
        match cds[j] {
            Cd::Found(id) => {
                let here = p
                    .review_items(session)?
                    .into_iter()
                    .find(|item| item.code == id);
                match here {
                    Some(h) if h.status == *status && h.note.trim() == note.trim() => {}
                    Some(h) => report.conflicts.push(Conflict {
                        item: t!("merge-item-review", session = session.as_str(), code = name),
                        problem: t!(
                            "merge-review-differs",
                            here = h.status.as_str(),
                            there = status.as_str(),
                            file = file_name
                        ),
                        resolution: t!("merge-keep-review"),
                    }),
                    None => {
                        report.added.marks += 1;
                        now.push(Command::SetReview {
                            session: session.clone(),
                            code: id,
                            status: *status,
                            note: note.clone(),
                        });
                    }
                }
            }
            Cd::New => {
                report.added.marks += 1;
                later
                    .reviews
                    .push((session.clone(), code.clone(), *status, note.clone()));
            }
        }
    }
    let target_coders = p.coders()?;
    for (g, color) in &m.coder_colors {
        let Some(k) = coder_at.get(g).copied() else {
            continue;
        };
        match coders[k] {
            Some(id) => match target_coders.iter().find(|c| c.id == id) {
                Some(t) if t.color.is_none() => {
                    report.added.marks += 1;
                    now.push(Command::SetCoderColor {
                        coder: id,
                        color: Some(*color),
                    });
                }
                Some(t) if t.color != Some(*color) => report.conflicts.push(Conflict {
                    item: t!("merge-item-coder", name = t.name.as_str()),
                    problem: t!(
                        "merge-colour-differs",
                        here = t.color.map_or_else(String::new, |c| c.to_hex()),
                        there = color.to_hex(),
                        file = file_name
                    ),
                    resolution: t!("merge-keep-colour"),
                }),
                _ => {}
            },
            None => {
                report.added.marks += 1;
                later.coder_colors.push((g.clone(), *color));
            }
        }
    }
    Ok((now, later))
}

/// Shortens a quote for the report.
fn snippet(chars: &[char]) -> String {
    let s: String = chars.iter().take(40).collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if chars.len() > 40 {
        format!("{s}…")
    } else {
        s
    }
}

/// Where the words `other[start..end]` are in `target`: the same place,
/// else the nearest place within [`NEAR`] characters.
pub fn relocate(other: &[char], target: &[char], start: usize, end: usize) -> Option<usize> {
    let words = other.get(start..end)?;
    if target.get(start..end) == Some(words) {
        return Some(start);
    }
    let len = words.len();
    let lo = start.saturating_sub(NEAR);
    let hi = (start + NEAR).min(target.len().saturating_sub(len));
    (lo..=hi)
        .filter(|&at| at + len <= target.len() && &target[at..at + len] == words)
        .min_by_key(|&at| at.abs_diff(start))
}

/// Works out what `other` adds to the project as it is now: the command
/// (a [`Command::Batch`] of one [`Command::AddBundle`] and the attribute
/// and speaker settings for sources already there), or `None` when there
/// is nothing new; and the report.
pub fn plan(p: &Project, other: &Other) -> Result<(Option<Command>, FileMerge), StoreError> {
    // An item with the GUID of another kind of item here (a code with a
    // source's GUID) is given a new GUID, then matched like any other.
    let mut bundle = other.bundle.clone();
    let regiven = p.regive_foreign_guids(&mut bundle)?;
    let b = &bundle;
    let file_name = other.path.file_name().map_or_else(
        || other.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut report = FileMerge {
        path: other.path.clone(),
        losses: other
            .losses
            .losses
            .iter()
            .map(|l| format!("{} '{}': {}", l.element, l.name, l.reason))
            .collect(),
        ..FileMerge::default()
    };
    let conflict = |report: &mut FileMerge, item: String, problem: String, resolution: &str| {
        report.conflicts.push(Conflict {
            item,
            problem,
            resolution: resolution.to_string(),
        });
    };
    for r in regiven {
        conflict(
            &mut report,
            r.item,
            t!(
                "merge-guid-other-kind",
                guid = r.guid.to_string(),
                file = file_name.as_str(),
                owner = r.owner
            ),
            &t!("merge-new-guid"),
        );
    }
    let data = p.data()?;

    // Coders: by GUID, else by name (ignoring case), as the store finds them.
    let mut coders: Vec<Option<CoderId>> = Vec::new();
    let mut new_coder_names: HashSet<String> = HashSet::new();
    for c in &b.coders {
        let by_guid = c
            .guid
            .as_ref()
            .and_then(|g| data.coders.iter().find(|t| &t.guid == g));
        let found = by_guid.or_else(|| {
            data.coders
                .iter()
                .find(|t| t.name.eq_ignore_ascii_case(c.name.trim()))
        });
        if let Some(t) = by_guid
            && !t.name.eq_ignore_ascii_case(c.name.trim())
        {
            conflict(
                &mut report,
                t!("merge-item-coder", name = t.name.as_str()),
                t!(
                    "merge-called",
                    name = c.name.trim(),
                    file = file_name.as_str()
                ),
                &t!("merge-keep-name"),
            );
        }
        match found {
            Some(t) => {
                report.matched.coders += 1;
                coders.push(Some(t.id));
            }
            None => {
                if new_coder_names.insert(c.name.trim().to_ascii_lowercase()) {
                    report.added.coders += 1;
                }
                coders.push(None);
            }
        }
    }

    // Sources: by GUID, else by identical text.
    let by_guid: HashMap<&str, &crate::model::SourceMeta> =
        data.sources.iter().map(|s| (s.guid.as_str(), s)).collect();
    let mut by_hash: HashMap<&str, &crate::model::SourceMeta> = HashMap::new();
    for s in &data.sources {
        by_hash.entry(s.content_hash.as_str()).or_insert(s);
    }
    let mut out = Bundle {
        coders: b.coders.clone(),
        codes: b.codes.clone(),
        ..Bundle::default()
    };
    let mut extras: Vec<Command> = Vec::new();
    let mut srcs: Vec<Src> = Vec::new();
    // Index in `out.sources` of each source of `b` (new or referred to).
    let mut src_index: HashMap<usize, usize> = HashMap::new();
    // Texts as characters, for placing codings on changed texts.
    let mut texts: HashMap<usize, (Vec<char>, Vec<char>)> = HashMap::new();
    let mut existing_src: HashMap<SourceId, usize> = HashMap::new();
    let mut refer = |out: &mut Bundle, id: SourceId, meta: &crate::model::SourceMeta| -> usize {
        *existing_src.entry(id).or_insert_with(|| {
            out.sources.push(BundleSource {
                source: NewSource {
                    name: meta.name.clone(),
                    kind: meta.kind,
                    text: String::new(),
                    original_name: None,
                    attributes: Vec::new(),
                    turns: Vec::new(),
                    guid: Some(meta.guid.clone()),
                },
                imported_at: None,
                existing: true,
            });
            out.sources.len() - 1
        })
    };
    // Source names taken (ignoring ASCII case, as the store compares them).
    let mut names: HashSet<String> = data
        .sources
        .iter()
        .map(|s| s.name.to_ascii_lowercase())
        .collect();
    for (i, s) in b.sources.iter().enumerate() {
        let hash = content_hash(&s.source.text);
        let guid_match = s
            .source
            .guid
            .as_ref()
            .and_then(|g| by_guid.get(g.as_str()).copied());
        let (src, meta) = match guid_match {
            Some(t) => {
                report.matched.sources_by_guid += 1;
                if t.content_hash == hash {
                    (Src::Same(t.id), Some(t))
                } else {
                    conflict(
                        &mut report,
                        t!("merge-item-source", name = t.name.as_str()),
                        t!("merge-text-differs", file = file_name.as_str()),
                        &t!("merge-keep-text"),
                    );
                    let other_chars: Vec<char> = s.source.text.chars().collect();
                    let target_chars: Vec<char> = p.source_text(t.id)?.chars().collect();
                    texts.insert(i, (other_chars, target_chars));
                    (Src::Changed(t.id), Some(t))
                }
            }
            None => match by_hash.get(hash.as_str()) {
                Some(t) => {
                    report.matched.sources_by_text += 1;
                    (Src::Same(t.id), Some(*t))
                }
                None => (Src::New, None),
            },
        };
        match (&src, meta) {
            (Src::New, _) | (_, None) => {
                // A taken name gets a number, as the store gives it.
                let name = s.source.name.trim();
                let mut unique = name.to_string();
                let mut n = 1;
                while !names.insert(unique.to_ascii_lowercase()) {
                    n += 1;
                    unique = format!("{name} ({n})");
                }
                if n > 1 {
                    conflict(
                        &mut report,
                        t!("merge-item-source", name = name),
                        t!("merge-name-taken"),
                        &t!("merge-added-as", name = unique.as_str()),
                    );
                }
                report.added.sources += 1;
                report.added.attributes += s.source.attributes.len();
                let mut new = s.clone();
                new.existing = false;
                out.sources.push(new);
                src_index.insert(i, out.sources.len() - 1);
            }
            (_, Some(t)) => {
                if guid_match.is_some() && !t.name.trim().eq_ignore_ascii_case(s.source.name.trim())
                {
                    conflict(
                        &mut report,
                        t!("merge-item-source", name = t.name.as_str()),
                        t!(
                            "merge-called",
                            name = s.source.name.trim(),
                            file = file_name.as_str()
                        ),
                        &t!("merge-keep-name"),
                    );
                }
                for a in &s.source.attributes {
                    let key = a.key.trim();
                    match t
                        .attributes
                        .iter()
                        .find(|x| x.key.eq_ignore_ascii_case(key))
                    {
                        Some(x) if x.value == a.value.trim() => {}
                        Some(x) => conflict(
                            &mut report,
                            t!("merge-item-attribute", key = key, source = t.name.as_str()),
                            t!(
                                "merge-value-differs",
                                here = x.value.as_str(),
                                there = a.value.trim(),
                                file = file_name.as_str()
                            ),
                            &t!("merge-keep-value"),
                        ),
                        None if key.is_empty() => {}
                        None => {
                            report.added.attributes += 1;
                            extras.push(Command::SetAttribute {
                                source: t.id,
                                key: key.to_string(),
                                value: Some(a.value.trim().to_string()),
                            });
                        }
                    }
                }
                let idx = refer(&mut out, t.id, t);
                src_index.insert(i, idx);
            }
        }
        srcs.push(src);
    }

    // Speakers: new sources bring theirs; for sources already there, the
    // target's role and participant attributes win.
    for sp in &b.speakers {
        let Some(&idx) = src_index.get(&sp.source) else {
            continue;
        };
        let tid = match srcs[sp.source] {
            Src::New => {
                let mut new = sp.clone();
                new.source = idx;
                out.speakers.push(new);
                continue;
            }
            Src::Same(id) | Src::Changed(id) => id,
        };
        let speaks = data
            .turns
            .get(&tid)
            .is_some_and(|ts| ts.iter().any(|t| t.speaker.as_ref() == sp.name));
        let source_name = &data
            .sources
            .iter()
            .find(|s| s.id == tid)
            .map_or("", |s| s.name.as_str())
            .to_string();
        let item = t!(
            "merge-item-speaker",
            name = sp.name.as_str(),
            source = source_name.as_str()
        );
        if !speaks {
            if sp.role.is_some() || !sp.attributes.is_empty() {
                report.not_merged.push(t!(
                    "merge-speaker-silent",
                    item = item.as_str(),
                    file = file_name.as_str()
                ));
            }
            continue;
        }
        let target = data
            .speakers
            .iter()
            .find(|t| t.source == tid && t.name == sp.name);
        if let Some(role) = sp.role {
            match target.and_then(|t| t.role) {
                Some(r) if r == role => {}
                Some(r) => conflict(
                    &mut report,
                    item.clone(),
                    t!(
                        "merge-role-differs",
                        here = r.word(),
                        there = role.word(),
                        file = file_name.as_str()
                    ),
                    &t!("merge-keep-role"),
                ),
                None => {
                    report.added.attributes += 1;
                    extras.push(Command::SetSpeakerRole {
                        source: tid,
                        speaker: sp.name.clone(),
                        role: Some(role),
                    });
                }
            }
        }
        for a in &sp.attributes {
            let key = a.key.trim();
            let now = target.and_then(|t| {
                t.attributes
                    .iter()
                    .find(|x| x.key.eq_ignore_ascii_case(key))
            });
            match now {
                Some(x) if x.value == a.value.trim() => {}
                Some(x) => conflict(
                    &mut report,
                    item.clone(),
                    t!(
                        "merge-participant-differs",
                        key = key,
                        here = x.value.as_str(),
                        there = a.value.trim(),
                        file = file_name.as_str()
                    ),
                    &t!("merge-keep-value"),
                ),
                None if key.is_empty() => {}
                None => {
                    report.added.attributes += 1;
                    extras.push(Command::SetSpeakerAttribute {
                        source: tid,
                        speaker: sp.name.clone(),
                        key: key.to_string(),
                        value: Some(a.value.trim().to_string()),
                    });
                }
            }
        }
    }

    // Codes: by GUID, else by path.
    let code_by_guid: HashMap<&str, &crate::model::Code> =
        data.codes.iter().map(|c| (c.guid.as_str(), c)).collect();
    let code_by_path: HashMap<(Option<CodeId>, String), &crate::model::Code> = data
        .codes
        .iter()
        .map(|c| ((c.parent, name_key(&c.name)), c))
        .collect();
    let mut cds: Vec<Cd> = Vec::new();
    for c in &b.codes {
        let parent = c.parent.map(|i| cds[i]);
        let guid_match = c
            .guid
            .as_ref()
            .and_then(|g| code_by_guid.get(g.as_str()).copied());
        let found = match (guid_match, parent) {
            (Some(t), _) => {
                report.matched.codes_by_guid += 1;
                if name_key(&t.name) != name_key(&c.name) {
                    conflict(
                        &mut report,
                        t!("merge-item-code", name = t.name.as_str()),
                        t!(
                            "merge-called",
                            name = c.name.trim(),
                            file = file_name.as_str()
                        ),
                        &t!("merge-keep-name"),
                    );
                }
                let moved = match parent {
                    None => t.parent.is_some(),
                    Some(Cd::New) => true,
                    Some(Cd::Found(pid)) => t.parent != Some(pid),
                };
                if moved {
                    conflict(
                        &mut report,
                        t!("merge-item-code", name = t.name.as_str()),
                        t!("merge-other-parent", file = file_name.as_str()),
                        &t!("merge-keep-place"),
                    );
                }
                Some(t)
            }
            (None, Some(Cd::New)) => None,
            (None, parent) => {
                let pid = match parent {
                    Some(Cd::Found(pid)) => Some(pid),
                    _ => None,
                };
                let t = code_by_path.get(&(pid, name_key(&c.name))).copied();
                if t.is_some() {
                    report.matched.codes_by_path += 1;
                }
                t
            }
        };
        match found {
            Some(t) => {
                if let Some(color) = c.color
                    && color != t.color
                {
                    conflict(
                        &mut report,
                        t!("merge-item-code", name = t.name.as_str()),
                        t!(
                            "merge-colour-differs",
                            here = t.color.to_hex(),
                            there = color.to_hex(),
                            file = file_name.as_str()
                        ),
                        &t!("merge-keep-colour"),
                    );
                }
                let desc = c.description.trim();
                if !desc.is_empty() && desc != t.description.trim() {
                    conflict(
                        &mut report,
                        t!("merge-item-code", name = t.name.as_str()),
                        t!("merge-other-description", file = file_name.as_str()),
                        &t!("merge-keep-description"),
                    );
                }
                cds.push(Cd::Found(t.id));
            }
            None => {
                report.added.codes += 1;
                cds.push(Cd::New);
            }
        }
    }

    // Codings: united; on a changed text, placed where their words are.
    let name_of_code = |i: usize| b.codes[i].name.clone();
    let name_of_source = |i: usize| b.sources[i].source.name.clone();
    let existing_codings: HashMap<
        (SourceId, CodeId, usize, usize, CoderId),
        &crate::model::Coding,
    > = data
        .codings
        .iter()
        .map(|c| ((c.source, c.code, c.start, c.end, c.coder), c))
        .collect();
    let coding_by_guid: HashMap<&str, &crate::model::Coding> =
        data.codings.iter().map(|c| (c.guid.as_str(), c)).collect();
    let mut cgs: Vec<Cg> = Vec::new();
    let mut seen: HashSet<(usize, usize, usize, usize, usize)> = HashSet::new();
    for c in &b.codings {
        let Some(&sidx) = src_index.get(&c.source) else {
            cgs.push(Cg::Dropped);
            continue;
        };
        let (mut start, mut end) = (c.start, c.end);
        if let Src::Changed(_) = srcs[c.source] {
            let (o, t) = &texts[&c.source];
            match relocate(o, t, c.start, c.end) {
                Some(at) => {
                    if at != c.start {
                        conflict(
                            &mut report,
                            t!(
                                "merge-item-coding",
                                code = name_of_code(c.code),
                                source = name_of_source(c.source),
                                range = format!("{}..{}", c.start, c.end)
                            ),
                            t!("merge-text-around-differs"),
                            &t!(
                                "merge-placed-at",
                                range = format!("{}..{}", at, at + (c.end - c.start))
                            ),
                        );
                    }
                    end = at + (c.end - c.start);
                    start = at;
                }
                None => {
                    let words = o.get(c.start..c.end).map_or_else(String::new, snippet);
                    report.not_merged.push(t!(
                        "merge-coding-not-found",
                        code = name_of_code(c.code),
                        source = name_of_source(c.source),
                        range = format!("{}..{}", c.start, c.end),
                        words = words
                    ));
                    cgs.push(Cg::Dropped);
                    continue;
                }
            }
        }
        let target_ids = match (&srcs[c.source], cds[c.code], coders[c.coder]) {
            (Src::Same(s) | Src::Changed(s), Cd::Found(k), Some(u)) => Some((*s, k, u)),
            _ => None,
        };
        if let Some((s, k, u)) = target_ids
            && let Some(t) = existing_codings.get(&(s, k, start, end, u))
        {
            report.matched.codings += 1;
            cgs.push(Cg::Found(t.id));
            continue;
        }
        if let Some(t) = c.guid.as_ref().and_then(|g| coding_by_guid.get(g.as_str())) {
            conflict(
                &mut report,
                t!(
                    "merge-item-coding",
                    code = name_of_code(c.code),
                    source = name_of_source(c.source),
                    range = format!("{}..{}", c.start, c.end)
                ),
                t!(
                    "merge-guid-taken",
                    range = format!("{}..{}", t.start, t.end)
                ),
                &t!("merge-keep-coding"),
            );
            cgs.push(Cg::Found(t.id));
            continue;
        }
        if !seen.insert((sidx, c.code, start, end, c.coder)) {
            cgs.push(Cg::Dropped);
            continue;
        }
        report.added.codings += 1;
        out.codings.push(BundleCoding {
            guid: c.guid.clone(),
            source: sidx,
            code: c.code,
            start,
            end,
            coder: c.coder,
            created_at: c.created_at.clone(),
            existing: false,
        });
        cgs.push(Cg::New(out.codings.len() - 1));
    }

    // Memos: by GUID, else by title and text on the same item.
    let memos = p.memos()?;
    let memo_by_guid: HashMap<&str, &crate::model::Memo> =
        memos.iter().map(|m| (m.guid.as_str(), m)).collect();
    let mut existing_coding_index: HashMap<CodingId, usize> = HashMap::new();
    for m in &b.memos {
        // The item in the bundle, and in the target when it is there.
        let (target, in_target) = match m.target {
            BundleTarget::Project => (BundleTarget::Project, Some(MemoTarget::Project)),
            BundleTarget::Source(i) => {
                let Some(&idx) = src_index.get(&i) else {
                    continue;
                };
                let t = match srcs[i] {
                    Src::Same(id) | Src::Changed(id) => Some(MemoTarget::Source(id)),
                    Src::New => None,
                };
                (BundleTarget::Source(idx), t)
            }
            BundleTarget::Code(i) => (
                BundleTarget::Code(i),
                match cds[i] {
                    Cd::Found(id) => Some(MemoTarget::Code(id)),
                    Cd::New => None,
                },
            ),
            BundleTarget::Coding(i) => match cgs[i] {
                Cg::Dropped => {
                    report
                        .not_merged
                        .push(t!("merge-memo-orphan", title = m.title.as_str()));
                    continue;
                }
                Cg::New(k) => (BundleTarget::Coding(k), None),
                Cg::Found(id) => {
                    let k = match existing_coding_index.get(&id) {
                        Some(&k) => k,
                        None => {
                            let t = p.coding(id)?;
                            let sidx = refer(
                                &mut out,
                                t.source,
                                data.sources
                                    .iter()
                                    .find(|s| s.id == t.source)
                                    .ok_or(StoreError::UnknownSource(t.source.0.to_string()))?,
                            );
                            out.codings.push(BundleCoding {
                                guid: Some(t.guid.clone()),
                                source: sidx,
                                code: 0,
                                start: t.start,
                                end: t.end,
                                coder: 0,
                                created_at: None,
                                existing: true,
                            });
                            existing_coding_index.insert(id, out.codings.len() - 1);
                            out.codings.len() - 1
                        }
                    };
                    (BundleTarget::Coding(k), Some(MemoTarget::Coding(id)))
                }
            },
        };
        let same_text = |t: &crate::model::Memo| t.title == m.title && t.text == m.text;
        let by_guid = m.guid.as_ref().and_then(|g| memo_by_guid.get(g.as_str()));
        if by_guid.is_some_and(|t| same_text(t)) {
            report.matched.memos += 1;
            continue;
        }
        let on_same = |title: &str| {
            in_target.is_some_and(|it| {
                memos
                    .iter()
                    .any(|t| t.target == it && t.title == title && t.text == m.text)
            })
        };
        if on_same(&m.title) {
            report.matched.memos += 1;
            continue;
        }
        let mut memo = BundleMemo {
            target,
            ..m.clone()
        };
        if let Some(t) = by_guid {
            let title = format!("{} (from {file_name})", m.title);
            if on_same(&title) {
                report.matched.memos += 1;
                continue;
            }
            conflict(
                &mut report,
                t!("merge-item-memo", title = t.title.as_str()),
                t!("merge-text-differs", file = file_name.as_str()),
                &t!("merge-keep-both-memos"),
            );
            memo.title = title;
            memo.guid = m
                .guid
                .as_ref()
                .map(|g| crate::exchange::derived_guid(g, &format!("merged from {file_name}")));
        }
        report.added.memos += 1;
        out.memos.push(memo);
    }
    // Pseudonyms: by real name (any case); the target's row wins.
    let mut table = p.pseudonyms()?;
    for ps in &other.pseudonyms {
        let key = name_key(ps.real.trim());
        let item = t!("merge-item-pseudonym", real = ps.real.trim());
        match table.iter().find(|t| name_key(t.real.trim()) == key) {
            Some(t) if t.pseudonym.trim() == ps.pseudonym.trim() && t.kind == ps.kind => {
                report.matched.pseudonyms += 1;
            }
            Some(t) => conflict(
                &mut report,
                t!("merge-item-pseudonym", real = t.real.as_str()),
                t!(
                    "merge-pseudonym-differs",
                    here = t.pseudonym.as_str(),
                    here_kind = t.kind.as_str(),
                    there = ps.pseudonym.trim(),
                    there_kind = ps.kind.as_str(),
                    file = file_name.as_str()
                ),
                &t!("merge-keep-pseudonym"),
            ),
            None => match refusal(&table, &ps.real, &ps.pseudonym) {
                Some(why) => conflict(
                    &mut report,
                    item,
                    t!(
                        "merge-pseudonym-refused",
                        pseudonym = ps.pseudonym.trim(),
                        file = file_name.as_str(),
                        why = why.as_str()
                    ),
                    &t!("merge-keep-table"),
                ),
                None => {
                    report.added.pseudonyms += 1;
                    table.push(ps.clone());
                    extras.push(Command::SetPseudonym {
                        real: ps.real.trim().to_string(),
                        pseudonym: Some((ps.pseudonym.trim().to_string(), ps.kind)),
                    });
                }
            },
        }
    }
    // Exemplar marks, review boards and coder colours (a `.jalin`'s):
    // the target's wins; on rows this merge adds, set by GUID after them.
    let (now, later) = plan_marks(p, other, &cgs, &cds, &coders, &mut report, &file_name)?;
    extras.extend(now);
    let adds = report.added.sources
        + report.added.codes
        + report.added.codings
        + report.added.memos
        + report.added.coders
        > 0;
    let mut steps = Vec::new();
    if adds {
        steps.push(Command::AddBundle(Box::new(out)));
    }
    steps.extend(extras);
    if !later.is_empty() {
        steps.push(Command::MarkAdded(Box::new(later)));
    }
    let command = (!steps.is_empty()).then_some(Command::Batch(steps));
    Ok((command, report))
}
