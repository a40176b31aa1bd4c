//! Reading a `.qdpx` archive into a [`Bundle`], leniently, with a loss
//! report. The reader walks the project XML once; each element family has
//! its own file: people.rs (users, coders, GUIDs), codes.rs (the codebook,
//! ATLAS.ti's `::` paths), sources.rs (texts, selections, codings),
//! cases.rs (variables, cases, sets, kinds), notes.rs (notes and what the
//! reader passes over).

use std::collections::{HashMap, HashSet};
use std::io::{Read, Seek};
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use roxmltree::Node;

use super::positions::{Counting, SourceText};
use super::qdpx_write::KIND_VARIABLE;
use super::{ExchangeError, ExchangeProblem, LossReport};
use crate::container::archive::{Archive, Limits};
use crate::container::xml::{self, child, children, local, text_of};
use crate::import::{guess_kind, speakers};
use crate::model::{Attribute, Color, Guid, SourceKind};
use crate::store::{
    Bundle, BundleCode, BundleCoder, BundleCoding, BundleMemo, BundleSource, BundleTarget,
    NewSource, Project,
};

mod cases;
mod codes;
mod notes;
mod people;
mod sources;

/// A `.qdpx` read and understood, not yet added to any project.
#[derive(Debug, Clone)]
pub struct QdpxImport {
    pub bundle: Bundle,
    pub report: LossReport,
}

static DATETIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
        .expect("datetime pattern")
});

/// A time the exchange file gave, if it is an `xsd:dateTime`.
pub(crate) fn datetime(node: Node<'_, '_>, attr: &str) -> Option<String> {
    node.attribute(attr)
        .map(str::trim)
        .filter(|s| DATETIME.is_match(s))
        .map(str::to_string)
}

fn guid_key(s: &str) -> Option<String> {
    Guid::parse(s).map(|g| g.to_string())
}

/// `#RGB` or `#RRGGBB`.
pub(crate) fn parse_color(s: &str) -> Option<Color> {
    let hex = s.trim().trim_start_matches('#');
    if hex.len() == 3 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        let long: String = hex.chars().flat_map(|c| [c, c]).collect();
        return long.parse().ok();
    }
    hex.parse().ok()
}

/// Reads a `.qdpx` with the default archive limits.
pub fn read_qdpx(path: &Path) -> Result<QdpxImport, ExchangeError> {
    read_qdpx_with_limits(path, Limits::default())
}

/// Reads a `.qdpx` with the given archive limits. Writes nothing.
pub fn read_qdpx_with_limits(path: &Path, limits: Limits) -> Result<QdpxImport, ExchangeError> {
    let fail = |problem| ExchangeError {
        path: path.to_path_buf(),
        problem,
    };
    // Only a regular file: a FIFO would block the read forever.
    let (file, _) =
        crate::files::open_regular(path).map_err(|e| fail(ExchangeProblem::Input(e)))?;
    read_qdpx_from(std::io::BufReader::new(file), limits).map_err(fail)
}

/// Reads a `.qdpx` from any reader (a file, or bytes already in memory) with
/// the given archive limits. Writes nothing.
pub fn read_qdpx_from<R: Read + Seek>(
    reader: R,
    limits: Limits,
) -> Result<QdpxImport, ExchangeProblem> {
    let mut archive = Archive::new(reader, limits)?;
    read_archive(&mut archive)
}

/// Imports a `.qdpx` into a new project file at `project`, in one
/// transaction, built under a temporary name and moved to `project` when
/// complete ([`Project::create_whole`]). Refuses an existing file; on any
/// failure, or when the process is killed, no file is left at `project`.
pub fn import_qdpx(project: &Path, qdpx: &Path) -> Result<LossReport, ExchangeError> {
    if project.exists() {
        return Err(ExchangeError {
            path: project.to_path_buf(),
            problem: if project.is_dir() {
                ExchangeProblem::ProjectIsFolder
            } else {
                ExchangeProblem::ProjectExists
            },
        });
    }
    let QdpxImport { bundle, mut report } = read_qdpx(qdpx)?;
    let fail = |e: crate::store::StoreError| ExchangeError {
        path: project.to_path_buf(),
        problem: e.into(),
    };
    // Built beside the target and moved there complete: a killed import
    // leaves no file at the project's name. Through the command layer like
    // every change; a new project has no history to keep the inverse in.
    let (added, inverse) =
        Project::create_whole(project, |p| crate::command::add_bundle(p, bundle)).map_err(fail)?;
    if let Some(bundle) = crate::command::Command::added_bundle(&inverse) {
        finish_counts(bundle, &added, &mut report);
    }
    Ok(report)
}

/// Fills the report's counts from what the store actually added.
pub(crate) fn finish_counts(
    bundle: &Bundle,
    added: &crate::store::BundleAdded,
    report: &mut LossReport,
) {
    let n = &mut report.imported;
    n.coders = bundle.coders.len();
    n.codes = added.codes_created.iter().filter(|c| **c).count();
    n.sources = added.sources.len();
    n.codings = added.codings.iter().flatten().count();
    n.memos = added.memos.iter().flatten().count();
    n.attributes = bundle
        .sources
        .iter()
        .map(|s| s.source.attributes.len())
        .sum();
    let dup = added.codings.iter().filter(|c| c.is_none()).count();
    if dup > 0 {
        report.lose(
            "Coding",
            crate::t!("n-codings", count = dup),
            crate::t!("loss-why-duplicate-coding"),
        );
    }
}

fn read_archive<R: Read + Seek>(archive: &mut Archive<R>) -> Result<QdpxImport, ExchangeProblem> {
    let qde = archive
        .find("project.qde")
        .map(str::to_string)
        .or_else(|| {
            let names = archive.names();
            let mut qdes = names
                .into_iter()
                .filter(|n| !n.contains('/') && n.to_lowercase().ends_with(".qde"));
            match (qdes.next(), qdes.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            }
        })
        .ok_or_else(|| ExchangeProblem::NoProjectFile(archive.names().join(", ")))?;
    let bytes = archive.read(&qde)?;
    let xml_err = |problem| ExchangeProblem::Xml {
        entry: qde.clone(),
        problem,
    };
    let text = xml::decode(&bytes).map_err(xml_err)?;
    let doc = xml::parse(&text).map_err(xml_err)?;
    let root = doc.root_element();
    if local(&root) != "Project" {
        return Err(ExchangeProblem::NotExchange(format!(
            "{qde} is not a REFI-QDA project (its root element is <{}>, not <Project>)",
            local(&root)
        )));
    }
    let conformance = super::conformance::check_project(root);
    let mut r = Reader::new(Some(archive), root);
    r.report.conformance = conformance;
    r.read(root)?;
    super::check_file_levels(&r.b)?;
    Ok(QdpxImport {
        bundle: r.b,
        report: r.report,
    })
}

/// A code as read, before `::` names are made a hierarchy.
struct RawCode {
    guid: Option<Guid>,
    name: String,
    parent: Option<usize>,
    color: Option<Color>,
    description: String,
    note_refs: Vec<String>,
}

pub(crate) struct Reader<'a, R: Read + Seek> {
    archive: Option<&'a mut Archive<R>>,
    origin: String,
    counting: Counting,
    pub(crate) b: Bundle,
    pub(crate) report: LossReport,
    users: HashMap<String, usize>,
    coder_names: HashSet<String>,
    project_user: Option<String>,
    default_coder: Option<usize>,
    codes: HashMap<String, usize>,
    sources: HashMap<String, usize>,
    /// Selection GUID → (source, codings made from it).
    selections: HashMap<String, (usize, Vec<usize>)>,
    /// Note GUID → where it was referenced from.
    note_refs: Vec<(String, BundleTarget)>,
    variables: HashMap<String, String>,
    /// The variable Jalin writes each source's kind in (found by its
    /// description), apart from any attribute called `kind`.
    kind_variable: Option<String>,
    /// Kinds given by that variable, by source index.
    given_kinds: HashMap<usize, SourceKind>,
    guids_seen: HashSet<String>,
    /// A malformed GUID as the file wrote it → the new GUID its code or
    /// source was given, so that references spelt the same still find it.
    malformed: HashMap<String, Guid>,
    counting_overruled: usize,
}

impl<'a, R: Read + Seek> Reader<'a, R> {
    pub(crate) fn new(archive: Option<&'a mut Archive<R>>, root: Node<'_, '_>) -> Self {
        let origin = root.attribute("origin").unwrap_or("").trim().to_string();
        Reader {
            archive,
            counting: Counting::for_origin(&origin),
            origin,
            b: Bundle::default(),
            report: LossReport::default(),
            users: HashMap::new(),
            coder_names: HashSet::new(),
            project_user: root.attribute("creatingUserGUID").and_then(guid_key),
            default_coder: None,
            codes: HashMap::new(),
            sources: HashMap::new(),
            selections: HashMap::new(),
            note_refs: Vec::new(),
            variables: HashMap::new(),
            kind_variable: None,
            given_kinds: HashMap::new(),
            guids_seen: HashSet::new(),
            malformed: HashMap::new(),
            counting_overruled: 0,
        }
    }

    /// The key a reference (`CodeRef`, `SourceRef`) looks its target up
    /// by: its GUID, or the new GUID given for the same malformed one.
    pub(super) fn ref_key(&self, given: &str) -> Option<String> {
        guid_key(given).or_else(|| self.malformed.get(given.trim()).map(Guid::to_string))
    }

    fn read(&mut self, root: Node<'_, '_>) -> Result<(), ExchangeProblem> {
        self.report.origin = self.origin.clone();
        self.report.assumptions.push(format!(
            "text positions counted in {}, as {} does; a byte-order mark is not counted; line ends become a single line break",
            self.counting.describe(),
            if self.origin.is_empty() { "the standard says" } else { &self.origin }
        ));
        if let Some(users) = child(root, "Users") {
            for u in children(users, "User") {
                self.user(u);
            }
        }
        if let Some(book) = child(root, "CodeBook") {
            self.codebook(book);
        }
        if let Some(vars) = child(root, "Variables") {
            for v in children(vars, "Variable") {
                if let (Some(g), Some(name)) =
                    (v.attribute("guid").and_then(guid_key), v.attribute("name"))
                {
                    if child(v, "Description").is_some_and(|d| text_of(d).trim() == KIND_VARIABLE) {
                        self.kind_variable = Some(g.clone());
                    }
                    self.variables.insert(g, name.trim().to_string());
                }
            }
        }
        if let Some(sources) = child(root, "Sources") {
            for s in sources.children().filter(|n| n.is_element()) {
                self.source_element(s)?;
            }
        }
        if self.counting_overruled > 0 {
            self.report.assumptions.push(format!(
                "in {} sources the positions fitted word boundaries only when counted otherwise; those sources were read the way that fits (named above)",
                self.counting_overruled
            ));
        }
        if let Some(cases) = child(root, "Cases") {
            for c in children(cases, "Case") {
                self.case(c);
            }
        }
        for n in children(root, "NoteRef") {
            if let Some(g) = n.attribute("targetGUID").and_then(guid_key) {
                self.note_refs.push((g, BundleTarget::Project));
            }
        }
        if let Some(d) = child(root, "Description") {
            let text = text_of(d);
            if !text.trim().is_empty() {
                let coder = self.coder(None);
                self.b.memos.push(BundleMemo {
                    guid: None,
                    target: BundleTarget::Project,
                    title: "Project description".into(),
                    text,
                    coder,
                    created_at: None,
                    modified_at: None,
                });
                self.report
                    .assumptions
                    .push("the project's description became a project memo".into());
            }
        }
        if let Some(notes) = child(root, "Notes") {
            for n in children(notes, "Note") {
                self.note(n)?;
            }
        }
        self.unsupported(root);
        self.settle_kinds();
        self.users_take_their_own_guids();
        Ok(())
    }

    /// A user whose GUID the file also gives a code, source, coding or note
    /// gets a new one (said so), as any GUID used twice does: Jalin's own
    /// export would otherwise write it twice. Users are read first, so this
    /// runs last; codings still find their user by the file's GUID.
    fn users_take_their_own_guids(&mut self) {
        for coder in &mut self.b.coders {
            let Some(g) = coder.guid.clone() else {
                continue;
            };
            if self.guids_seen.contains(g.as_str()) {
                self.report.lose(
                    "User",
                    &coder.name,
                    crate::t!("loss-why-guid-twice", guid = g.to_string()),
                );
                coder.guid = Some(Guid::new());
            }
        }
    }

    // ----- users -----
}
