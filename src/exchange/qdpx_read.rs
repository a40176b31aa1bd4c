//! Reading a `.qdpx` archive into a [`Bundle`], leniently, with a loss
//! report.

use std::collections::{HashMap, HashSet};
use std::io::{Read, Seek};
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use roxmltree::Node;

use super::positions::{Counting, SourceText};
use super::{ExchangeError, ExchangeProblem, LossReport};
use crate::container::archive::{Archive, ArchiveProblem, Limits};
use crate::container::xml::{self, child, children, local, text_of};
use crate::import::{guess_kind, speakers};
use crate::model::{Attribute, Color, Guid, SourceKind};
use crate::store::{
    Bundle, BundleCode, BundleCoder, BundleCoding, BundleMemo, BundleSource, BundleTarget,
    NewSource, Project,
};

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
/// transaction. Refuses an existing file; on any failure no project file is
/// left behind.
pub fn import_qdpx(project: &Path, qdpx: &Path) -> Result<LossReport, ExchangeError> {
    if project.exists() {
        return Err(ExchangeError {
            path: project.to_path_buf(),
            problem: ExchangeProblem::ProjectExists,
        });
    }
    let QdpxImport { bundle, mut report } = read_qdpx(qdpx)?;
    let fail = |e: crate::store::StoreError| ExchangeError {
        path: project.to_path_buf(),
        problem: e.into(),
    };
    let mut p = Project::create(project).map_err(fail)?;
    match p.add_bundle(&bundle) {
        Ok(added) => {
            finish_counts(&bundle, &added, &mut report);
            Ok(report)
        }
        Err(e) => {
            drop(p);
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut f = project.as_os_str().to_owned();
                f.push(suffix);
                let _ = std::fs::remove_file(std::path::PathBuf::from(f));
            }
            Err(fail(e))
        }
    }
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
            format!("{dup} codings"),
            "the same code on the same passage by the same user was given twice; kept once",
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
    let mut r = Reader::new(Some(archive), root);
    r.read(root)?;
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
    guids_seen: HashSet<String>,
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
            guids_seen: HashSet::new(),
            counting_overruled: 0,
        }
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
        Ok(())
    }

    // ----- users -----

    fn unique_coder_name(&mut self, name: &str) -> String {
        let base = name.trim().to_string();
        let mut candidate = base.clone();
        let mut n = 1;
        while self.coder_names.contains(&candidate.to_lowercase()) {
            n += 1;
            candidate = format!("{base} ({n})");
        }
        self.coder_names.insert(candidate.to_lowercase());
        candidate
    }

    fn user(&mut self, u: Node<'_, '_>) {
        let Some(guid) = u.attribute("guid").and_then(Guid::parse) else {
            self.report.lose(
                "User",
                u.attribute("name").unwrap_or(""),
                "its GUID is not a GUID; whatever it made is credited to an unknown user",
            );
            return;
        };
        if self.users.contains_key(guid.as_str()) {
            return;
        }
        let given = u.attribute("name").unwrap_or("").trim();
        let given = if given.is_empty() {
            format!("user {}", &guid.as_str()[..8])
        } else {
            given.to_string()
        };
        let name = self.unique_coder_name(&given);
        if name != given {
            self.report.assumptions.push(format!(
                "two users are called '{given}'; the second is called '{name}' here"
            ));
        }
        self.users.insert(guid.to_string(), self.b.coders.len());
        self.b.coders.push(BundleCoder {
            guid: Some(guid),
            name,
        });
    }

    /// The coder for a `creatingUser` GUID, else the project's creator, else
    /// one "unknown user".
    fn coder(&mut self, guid: Option<&str>) -> usize {
        let key = guid
            .and_then(guid_key)
            .or_else(|| self.project_user.clone());
        if let Some(key) = key {
            if let Some(&i) = self.users.get(&key) {
                return i;
            }
            let name = self.unique_coder_name(&format!("user {}", &key[..8]));
            self.users.insert(key.clone(), self.b.coders.len());
            self.b.coders.push(BundleCoder {
                guid: Guid::parse(&key),
                name,
            });
            return self.b.coders.len() - 1;
        }
        if let Some(i) = self.default_coder {
            return i;
        }
        let name = self.unique_coder_name("unknown user");
        self.b.coders.push(BundleCoder { guid: None, name });
        self.default_coder = Some(self.b.coders.len() - 1);
        self.b.coders.len() - 1
    }

    /// A GUID from the file, or a new one if it is missing, malformed or
    /// already used (noted in the report).
    fn fresh_guid(&mut self, given: Option<&str>, element: &str, name: &str) -> Guid {
        match given.and_then(Guid::parse) {
            Some(g) if self.guids_seen.insert(g.to_string()) => g,
            Some(g) => {
                self.report.lose(
                    element,
                    name,
                    format!("its GUID {g} is used twice in the file; it was given a new one"),
                );
                Guid::new()
            }
            None => {
                if given.is_some() {
                    self.report.lose(
                        element,
                        name,
                        "its GUID is not a GUID; it was given a new one",
                    );
                }
                Guid::new()
            }
        }
    }

    // ----- codebook -----

    pub(crate) fn codebook(&mut self, book: Node<'_, '_>) {
        let mut raw = Vec::new();
        if let Some(codes) = child(book, "Codes") {
            for c in children(codes, "Code") {
                self.collect_code(c, None, &mut raw);
            }
        }
        if self.origin.to_lowercase().contains("atlas") {
            split_atlas_paths(&mut raw, &mut self.report);
        }
        // Parents before children, siblings in the file's order.
        let mut kids: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
        for (i, c) in raw.iter().enumerate() {
            kids.entry(c.parent).or_default().push(i);
        }
        let mut order = Vec::new();
        let mut stack: Vec<usize> = kids.get(&None).cloned().unwrap_or_default();
        stack.reverse();
        while let Some(i) = stack.pop() {
            order.push(i);
            if let Some(k) = kids.get(&Some(i)) {
                stack.extend(k.iter().rev());
            }
        }
        let mut index: HashMap<usize, usize> = HashMap::new();
        let mut sibling_names: HashSet<(Option<usize>, String)> = HashSet::new();
        for i in order {
            let c = &raw[i];
            let parent = c.parent.and_then(|p| index.get(&p).copied());
            // ` > ` separates path levels in Jalin, so it cannot be in a name.
            let given = c.name.replace(crate::model::PATH_SEPARATOR, " › ");
            let mut name = given.clone();
            let mut n = 1;
            while !sibling_names.insert((parent, crate::model::names::name_key(&name))) {
                n += 1;
                name = format!("{given} ({n})");
            }
            if name != given {
                self.report.lose(
                    "Code",
                    &c.name,
                    format!(
                        "another code at the same level has this name (ignoring case and accent encoding); it is called '{name}' here"
                    ),
                );
            } else if name != c.name {
                self.report.lose(
                    "Code",
                    &c.name,
                    format!(
                        "' > ' separates code path levels in Jalin; it is called '{name}' here"
                    ),
                );
            }
            let at = self.b.codes.len();
            index.insert(i, at);
            if let Some(g) = &c.guid {
                self.codes.insert(g.to_string(), at);
            }
            for n in &c.note_refs {
                self.note_refs.push((n.clone(), BundleTarget::Code(at)));
            }
            self.b.codes.push(BundleCode {
                guid: c.guid.clone(),
                name,
                parent,
                color: c.color,
                description: c.description.clone(),
            });
        }
    }

    fn collect_code(&mut self, node: Node<'_, '_>, parent: Option<usize>, raw: &mut Vec<RawCode>) {
        let given = node.attribute("name").unwrap_or("").trim();
        let name = if given.is_empty() {
            "(unnamed code)".to_string()
        } else {
            given.to_string()
        };
        let guid = self.fresh_guid(node.attribute("guid"), "Code", &name);
        if node.attribute("isCodable") == Some("false") {
            self.report.assumptions.push(format!(
                "code '{name}' is marked not codable there; Jalin codes are all codable"
            ));
        }
        let color = node.attribute("color").and_then(parse_color);
        let description = child(node, "Description").map(text_of).unwrap_or_default();
        let note_refs = children(node, "NoteRef")
            .filter_map(|n| n.attribute("targetGUID").and_then(guid_key))
            .collect();
        raw.push(RawCode {
            guid: Some(guid),
            name,
            parent,
            color,
            description,
            note_refs,
        });
        let me = raw.len() - 1;
        for c in children(node, "Code") {
            self.collect_code(c, Some(me), raw);
        }
    }

    // ----- sources -----

    fn source_element(&mut self, s: Node<'_, '_>) -> Result<(), ExchangeProblem> {
        let name = s.attribute("name").unwrap_or("").trim().to_string();
        match local(&s) {
            "TextSource" => {
                self.text_source(s, s, &name)?;
            }
            "PDFSource" => {
                let regions = children(s, "PDFSelection").count();
                if let Some(rep) = child(s, "Representation") {
                    self.text_source(rep, s, &name)?;
                    if regions > 0 {
                        let codings: usize = children(s, "PDFSelection")
                            .map(|p| children(p, "Coding").count())
                            .sum();
                        self.report.lose(
                            "PDFSelection",
                            format!("{regions} regions of '{name}'"),
                            format!("Jalin keeps the PDF's text, not regions of its pages; {codings} codings on regions were not imported"),
                        );
                    }
                } else {
                    self.report.lose(
                        "PDFSource",
                        &name,
                        "it has no plain-text representation, and Jalin keeps text only",
                    );
                }
            }
            other @ ("PictureSource" | "AudioSource" | "VideoSource") => {
                let (sel, codings) = selections_and_codings(s);
                let transcripts = children(s, "Transcript").count();
                let mut reason = format!(
                    "Jalin holds text sources only (no pictures, audio or video); {sel} selections with {codings} codings were not imported"
                );
                if transcripts > 0 {
                    reason.push_str(&format!(
                        "; its {transcripts} transcripts were not imported either (their selections are tied to media times)"
                    ));
                }
                self.report.lose(other, &name, reason);
            }
            other => self
                .report
                .lose(other, &name, "Jalin does not know this kind of source"),
        }
        Ok(())
    }

    /// Reads a text's content: inline or from the archive. `Err` holds why
    /// it is missing; archive attacks are fatal.
    fn read_text(
        &mut self,
        s: Node<'_, '_>,
    ) -> Result<Result<SourceText, String>, ExchangeProblem> {
        if let Some(c) = child(s, "PlainTextContent") {
            return Ok(Ok(SourceText::from_raw(&text_of(c), false)));
        }
        let Some(path) = s.attribute("plainTextPath") else {
            return Ok(Err(
                "it has neither a plain-text file nor inline text".into()
            ));
        };
        let Some(rest) = path.strip_prefix("internal://") else {
            return Ok(Err(format!(
                "its text lies outside the archive ({path}); Jalin reads only what the .qdpx holds"
            )));
        };
        let rest = rest.trim_start_matches('/');
        let Some(archive) = self.archive.as_deref_mut() else {
            return Ok(Err("there is no archive to read its text from".into()));
        };
        let entry = [format!("sources/{rest}"), rest.to_string()]
            .into_iter()
            .find_map(|candidate| archive.find(&candidate).map(str::to_string));
        let Some(entry) = entry else {
            return Ok(Err(format!(
                "its text file sources/{rest} is missing from the archive"
            )));
        };
        let bytes = match archive.read(&entry) {
            Ok(b) => b,
            Err(e @ (ArchiveProblem::Missing(_) | ArchiveProblem::Entry { .. })) => {
                return Ok(Err(e.to_string()));
            }
            Err(e) => return Err(e.into()),
        };
        Ok(SourceText::from_bytes(&bytes)
            .ok_or_else(|| format!("its text file {entry} is not UTF-8 text")))
    }

    /// A text source, or the text representation of a PDF (`meta` is the
    /// element carrying its GUID, name, variables and notes).
    fn text_source(
        &mut self,
        s: Node<'_, '_>,
        meta: Node<'_, '_>,
        name: &str,
    ) -> Result<(), ExchangeProblem> {
        let element = local(&meta).to_string();
        let name = if name.is_empty() {
            format!("Source {}", self.b.sources.len() + 1)
        } else {
            name.to_string()
        };
        let guid = self.fresh_guid(meta.attribute("guid"), &element, &name);
        let text = match self.read_text(s)? {
            Ok(t) => Some(t),
            Err(why) => {
                let (sel, codings) = selections_and_codings(s);
                let placed = if sel > 0 {
                    format!(", and its {sel} selections with {codings} codings could not be placed")
                } else {
                    String::new()
                };
                self.report.lose(
                    &element,
                    &name,
                    format!("{why}; it was imported without text{placed}"),
                );
                None
            }
        };
        let body = text.as_ref().map(|t| t.text.clone()).unwrap_or_default();
        let at = self.b.sources.len();
        self.sources.insert(guid.to_string(), at);
        let mut attributes = Vec::new();
        for v in children(meta, "VariableValue") {
            self.variable_value(v, &name, &mut attributes);
        }
        let turns = speakers::detect(&body);
        self.b.sources.push(BundleSource {
            source: NewSource {
                name: name.clone(),
                kind: SourceKind::Document,
                text: body,
                original_name: Some(name.clone()),
                attributes,
                turns,
                guid: Some(guid),
            },
            imported_at: datetime(meta, "creationDateTime"),
        });
        for n in children(meta, "NoteRef") {
            if let Some(g) = n.attribute("targetGUID").and_then(guid_key) {
                self.note_refs.push((g, BundleTarget::Source(at)));
            }
        }
        if let Some(d) = child(meta, "Description") {
            let text = text_of(d);
            if !text.trim().is_empty() {
                let coder = self.coder(meta.attribute("creatingUser"));
                self.b.memos.push(BundleMemo {
                    guid: None,
                    target: BundleTarget::Source(at),
                    title: "Description".into(),
                    text,
                    coder,
                    created_at: datetime(meta, "creationDateTime"),
                    modified_at: datetime(meta, "modifiedDateTime"),
                });
            }
        }
        let Some(text) = text else {
            return Ok(());
        };
        let selections: Vec<Node<'_, '_>> = children(s, "PlainTextSelection").collect();
        let ranges: Vec<(usize, usize)> = selections
            .iter()
            .filter_map(|n| Some((position(*n, "startPosition")?, position(*n, "endPosition")?)))
            .collect();
        let (counting, overruled) = text.choose_counting(self.counting, &ranges);
        if overruled {
            self.counting_overruled += 1;
            self.report.assumptions.push(format!(
                "positions in '{name}' read as {}",
                counting.describe()
            ));
        }
        for sel in selections {
            self.selection(sel, at, &name, &text, counting);
        }
        // Codings of the whole source.
        for c in children(s, "Coding") {
            if text.is_empty() {
                self.report.lose(
                    "Coding",
                    c.attribute("guid").unwrap_or(""),
                    format!("it codes the whole of '{name}', which has no text"),
                );
                continue;
            }
            self.coding(c, at, 0, text.len(), None, None);
        }
        Ok(())
    }

    fn selection(
        &mut self,
        sel: Node<'_, '_>,
        source: usize,
        source_name: &str,
        text: &SourceText,
        counting: Counting,
    ) {
        let label = sel
            .attribute("name")
            .filter(|n| !n.trim().is_empty())
            .map(|n| n.chars().take(60).collect::<String>())
            .unwrap_or_else(|| sel.attribute("guid").unwrap_or("").to_string());
        let (Some(start), Some(end)) =
            (position(sel, "startPosition"), position(sel, "endPosition"))
        else {
            self.report.lose(
                "PlainTextSelection",
                &label,
                format!("in '{source_name}': its positions are not whole numbers"),
            );
            return;
        };
        let mapped = text.map(counting, start).zip(text.map(counting, end));
        let Some((s, e)) = mapped.filter(|(s, e)| s < e) else {
            self.report.lose(
                "PlainTextSelection",
                &label,
                format!("in '{source_name}': positions {start}..{end} are empty or outside the text ({} characters)", text.len()),
            );
            return;
        };
        let mut made = Vec::new();
        for c in children(sel, "Coding") {
            if let Some(i) = self.coding(
                c,
                source,
                s,
                e,
                sel.attribute("creatingUser"),
                datetime(sel, "creationDateTime"),
            ) {
                made.push(i);
            }
        }
        let target = made
            .first()
            .map_or(BundleTarget::Source(source), |&i| BundleTarget::Coding(i));
        let description = child(sel, "Description").map(text_of).unwrap_or_default();
        let has_notes = child(sel, "NoteRef").is_some();
        if !description.trim().is_empty() {
            let coder = self.coder(sel.attribute("creatingUser"));
            let title = match target {
                BundleTarget::Coding(_) => "Comment on the passage".to_string(),
                _ => format!("Comment on passage {s}..{e}"),
            };
            self.b.memos.push(BundleMemo {
                guid: None,
                target,
                title,
                text: description,
                coder,
                created_at: datetime(sel, "creationDateTime"),
                modified_at: datetime(sel, "modifiedDateTime"),
            });
        } else if made.is_empty() && !has_notes && child(sel, "Coding").is_none() {
            self.report.lose(
                "PlainTextSelection",
                &label,
                format!(
                    "in '{source_name}': a selection without codes; Jalin keeps coded passages only"
                ),
            );
        }
        for n in children(sel, "NoteRef") {
            if let Some(g) = n.attribute("targetGUID").and_then(guid_key) {
                self.note_refs.push((g, target));
            }
        }
        if let Some(g) = sel.attribute("guid").and_then(guid_key) {
            self.selections.insert(g, (source, made));
        }
    }

    fn coding(
        &mut self,
        c: Node<'_, '_>,
        source: usize,
        start: usize,
        end: usize,
        fallback_user: Option<&str>,
        fallback_time: Option<String>,
    ) -> Option<usize> {
        let code_ref = child(c, "CodeRef").and_then(|r| r.attribute("targetGUID"));
        let Some(&code) = code_ref.and_then(guid_key).and_then(|g| self.codes.get(&g)) else {
            self.report.lose(
                "Coding",
                c.attribute("guid").unwrap_or(""),
                format!(
                    "it refers to a code that is not in the codebook ({})",
                    code_ref.unwrap_or("none")
                ),
            );
            return None;
        };
        let guid = self.fresh_guid(
            c.attribute("guid"),
            "Coding",
            c.attribute("guid").unwrap_or(""),
        );
        let coder = self.coder(c.attribute("creatingUser").or(fallback_user));
        let at = self.b.codings.len();
        self.b.codings.push(BundleCoding {
            guid: Some(guid),
            source,
            code,
            start,
            end,
            coder,
            created_at: datetime(c, "creationDateTime").or(fallback_time),
        });
        for n in children(c, "NoteRef") {
            if let Some(g) = n.attribute("targetGUID").and_then(guid_key) {
                self.note_refs.push((g, BundleTarget::Coding(at)));
            }
        }
        Some(at)
    }

    fn variable_value(&mut self, v: Node<'_, '_>, owner: &str, into: &mut Vec<Attribute>) {
        let var = child(v, "VariableRef").and_then(|r| r.attribute("targetGUID"));
        let Some(name) = var
            .and_then(guid_key)
            .and_then(|g| self.variables.get(&g))
            .cloned()
        else {
            self.report.lose(
                "VariableValue",
                owner,
                format!(
                    "it refers to a variable that is not declared ({})",
                    var.unwrap_or("none")
                ),
            );
            return;
        };
        let value = v
            .children()
            .filter(|n| n.is_element() && local(n) != "VariableRef")
            .map(text_of)
            .next()
            .unwrap_or_default();
        let value = value.trim();
        if value.is_empty() || name.is_empty() {
            return;
        }
        if !into
            .iter()
            .any(|a: &Attribute| a.key.eq_ignore_ascii_case(&name))
        {
            into.push(Attribute::new(name, value));
        }
    }

    // ----- cases, notes and the rest -----

    fn case(&mut self, c: Node<'_, '_>) {
        let name = c.attribute("name").unwrap_or("").trim().to_string();
        let mut values = Vec::new();
        for v in children(c, "VariableValue") {
            self.variable_value(v, &name, &mut values);
        }
        let mut targets: Vec<usize> = children(c, "SourceRef")
            .filter_map(|r| r.attribute("targetGUID").and_then(guid_key))
            .filter_map(|g| self.sources.get(&g).copied())
            .collect();
        targets.extend(
            children(c, "SelectionRef")
                .filter_map(|r| r.attribute("targetGUID").and_then(guid_key))
                .filter_map(|g| self.selections.get(&g).map(|s| s.0)),
        );
        targets.sort_unstable();
        targets.dedup();
        if targets.is_empty() {
            self.report.lose(
                "Case",
                &name,
                "it covers no text source Jalin imported; Jalin keeps case variables as attributes of sources",
            );
            return;
        }
        if child(c, "SelectionRef").is_some() {
            self.report.assumptions.push(format!(
                "case '{name}' covers passages; its variables were given to their whole sources"
            ));
        }
        if child(c, "CodeRef").is_some() {
            self.report.lose(
                "Case",
                &name,
                "its codes (case classification by code) were not imported",
            );
        }
        for t in targets {
            let attrs = &mut self.b.sources[t].source.attributes;
            for v in &values {
                if !attrs.iter().any(|a| a.key.eq_ignore_ascii_case(&v.key)) {
                    attrs.push(v.clone());
                }
            }
            let source_name = &self.b.sources[t].source.name;
            if !name.is_empty() && !name.eq_ignore_ascii_case(source_name) {
                let attrs = &mut self.b.sources[t].source.attributes;
                match attrs.iter_mut().find(|a| a.key == "case") {
                    Some(a) => {
                        if !a.value.split("; ").any(|v| v == name) {
                            a.value = format!("{}; {name}", a.value);
                        }
                    }
                    None => attrs.push(Attribute::new("case", name.clone())),
                }
            }
        }
    }

    fn note(&mut self, n: Node<'_, '_>) -> Result<(), ExchangeProblem> {
        let title = n.attribute("name").unwrap_or("").trim().to_string();
        let guid_given = n.attribute("guid").and_then(guid_key);
        let label = if title.is_empty() {
            guid_given.clone().unwrap_or_default()
        } else {
            title.clone()
        };
        let mut text = match self.read_text(n)? {
            Ok(t) => t.text,
            Err(why) => {
                if child(n, "Description").is_none() {
                    self.report.lose("Note", &label, why);
                    return Ok(());
                }
                String::new()
            }
        };
        if let Some(d) = child(n, "Description") {
            let d = text_of(d);
            if !d.trim().is_empty() {
                text = if text.is_empty() {
                    d
                } else {
                    format!("{d}\n\n{text}")
                };
            }
        }
        if child(n, "PlainTextSelection").is_some() {
            self.report.lose(
                "Note",
                &label,
                "codings inside the note were not imported (Jalin memos are not coded)",
            );
        }
        let targets: Vec<BundleTarget> = match &guid_given {
            Some(g) => self
                .note_refs
                .iter()
                .filter(|(k, _)| k == g)
                .map(|(_, t)| *t)
                .collect(),
            None => Vec::new(),
        };
        let target = targets.first().copied().unwrap_or(BundleTarget::Project);
        if targets.len() > 1 {
            self.report.lose(
                "NoteRef",
                &label,
                format!("the note is attached to {} things; a Jalin memo belongs to one, so it is kept on the first", targets.len()),
            );
        }
        let guid = self.fresh_guid(n.attribute("guid"), "Note", &label);
        let coder = self.coder(n.attribute("creatingUser"));
        self.b.memos.push(BundleMemo {
            guid: Some(guid),
            target,
            title,
            text,
            coder,
            created_at: datetime(n, "creationDateTime"),
            modified_at: datetime(n, "modifiedDateTime"),
        });
        Ok(())
    }

    fn unsupported(&mut self, root: Node<'_, '_>) {
        if let Some(sets) = child(root, "Sets") {
            for s in children(sets, "Set") {
                if self.set_as_attribute(s) {
                    continue;
                }
                let members = s
                    .children()
                    .filter(|n| n.is_element() && local(n).starts_with("Member"))
                    .count();
                self.report.lose(
                    "Set",
                    s.attribute("name").unwrap_or(""),
                    format!("Jalin has no sets; its {members} members were imported, the grouping was not"),
                );
            }
        }
        if let Some(links) = child(root, "Links") {
            for l in children(links, "Link") {
                self.report.lose(
                    "Link",
                    l.attribute("name").unwrap_or(""),
                    "Jalin has no links between items",
                );
            }
        }
        if let Some(graphs) = child(root, "Graphs") {
            for g in children(graphs, "Graph") {
                self.report.lose(
                    "Graph",
                    g.attribute("name").unwrap_or(""),
                    "Jalin has no graphs (network views)",
                );
            }
        }
    }

    /// A set of sources named `key: value` or `key::value` (how ATLAS.ti
    /// writes document variables as groups) becomes that attribute of its
    /// member sources. Returns whether it did.
    fn set_as_attribute(&mut self, set: Node<'_, '_>) -> bool {
        let name = set.attribute("name").unwrap_or("");
        let Some((key, value)) = name.split_once("::").or_else(|| name.split_once(':')) else {
            return false;
        };
        let (key, value) = (key.trim(), value.trim());
        let members: Vec<Node<'_, '_>> = set
            .children()
            .filter(|n| n.is_element() && local(n).starts_with("Member"))
            .collect();
        let targets: Option<Vec<usize>> = members
            .iter()
            .map(|m| {
                (local(m) == "MemberSource")
                    .then(|| m.attribute("targetGUID").and_then(guid_key))
                    .flatten()
                    .and_then(|g| self.sources.get(&g).copied())
            })
            .collect();
        let Some(targets) = targets.filter(|t| !t.is_empty()) else {
            return false;
        };
        if key.is_empty()
            || value.is_empty()
            || key.contains(char::is_whitespace) && key.split_whitespace().count() > 3
        {
            return false;
        }
        for t in targets {
            let attrs = &mut self.b.sources[t].source.attributes;
            if !attrs.iter().any(|a| a.key.eq_ignore_ascii_case(key)) {
                attrs.push(Attribute::new(key, value));
            }
        }
        self.report.assumptions.push(format!(
            "the set '{name}' was read as the attribute {key}={value} of its sources"
        ));
        true
    }

    /// A `kind` variable with a Jalin kind sets the kind; otherwise the kind
    /// is guessed from the speakers, as for text imports.
    fn settle_kinds(&mut self) {
        let mut given = 0;
        for s in &mut self.b.sources {
            let src = &mut s.source;
            let pos = src.attributes.iter().position(|a| {
                a.key.eq_ignore_ascii_case("kind") && a.value.parse::<SourceKind>().is_ok()
            });
            match pos {
                Some(i) => {
                    let a = src.attributes.remove(i);
                    src.kind = a.value.parse().unwrap_or(SourceKind::Document);
                    given += 1;
                }
                None => src.kind = guess_kind(src),
            }
            src.attributes.sort();
        }
        if given < self.b.sources.len() {
            self.report.assumptions.push(
                "sources without a 'kind' variable were given a kind from their speaker turns (interview, focus group or document)".into(),
            );
        }
    }
}

fn position(n: Node<'_, '_>, attr: &str) -> Option<usize> {
    n.attribute(attr)?.trim().parse().ok()
}

/// Selections of any type under a source, and the codings in them.
fn selections_and_codings(s: Node<'_, '_>) -> (usize, usize) {
    let sel = s
        .descendants()
        .filter(|n| n.is_element() && local(n).ends_with("Selection"))
        .count();
    let codings = s
        .descendants()
        .filter(|n| n.is_element() && local(n) == "Coding")
        .count();
    (sel, codings)
}

/// The most levels a `parent::child` code name is split into.
const MAX_SPLIT_DEPTH: usize = 64;

/// ATLAS.ti writes a code's place in the hierarchy into its name:
/// `Coke::diet Coke` is `diet Coke` under `Coke`.
fn split_atlas_paths(raw: &mut Vec<RawCode>, report: &mut LossReport) {
    let mut by_full: HashMap<String, usize> = raw
        .iter()
        .enumerate()
        .filter(|(_, c)| c.parent.is_none())
        .map(|(i, c)| (c.name.to_lowercase(), i))
        .collect();
    let mut split_any = false;
    for i in 0..raw.len() {
        if raw[i].parent.is_some() || !raw[i].name.contains("::") {
            continue;
        }
        let parts: Vec<String> = raw[i]
            .name
            .split("::")
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() < 2 {
            continue;
        }
        if parts.len() > MAX_SPLIT_DEPTH {
            // Each level is looked up by its full path, so a name of
            // thousands of parts would take quadratic time and memory.
            report.assumptions.push(format!(
                "a code name with {} '::' levels was kept whole (more than {MAX_SPLIT_DEPTH} levels is not a hierarchy)",
                parts.len()
            ));
            continue;
        }
        split_any = true;
        let mut parent: Option<usize> = None;
        for depth in 1..parts.len() {
            let full = parts[..depth].join("::").to_lowercase();
            let found = match by_full.get(&full) {
                Some(&p) => p,
                None => {
                    raw.push(RawCode {
                        guid: None,
                        name: parts[depth - 1].clone(),
                        parent,
                        color: None,
                        description: String::new(),
                        note_refs: Vec::new(),
                    });
                    by_full.insert(full, raw.len() - 1);
                    raw.len() - 1
                }
            };
            parent = Some(found);
        }
        raw[i].parent = parent;
        raw[i].name = parts[parts.len() - 1].clone();
    }
    if split_any {
        report.assumptions.push(
            "code names written 'parent::child' (ATLAS.ti's way of showing a hierarchy) were made a code under its parent".into(),
        );
    }
}
