//! Writing a project as a `.qdpx` archive: `project.qde` valid against the
//! QDA-XML 1.0 schema and a `sources/` folder of UTF-8 texts named by GUID.

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Write};
use std::path::Path;

use super::{ExchangeError, ExchangeProblem, PROJECT_NS, derived_guid};
use crate::container::xml::XmlWriter;
use crate::export::Pseudonymise;
use crate::model::pseudonyms::Pseudonymiser;
use crate::model::{
    Code, CodeId, Codebook, Coder, CoderId, Coding, CodingId, Guid, Memo, MemoTarget, SourceId,
    SourceMeta,
};
use crate::store::{Project, StoreError};

/// The `origin` Jalin writes.
pub fn origin() -> String {
    format!("Jalin {}", env!("CARGO_PKG_VERSION"))
}

/// Choices for writing a `.qdpx`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QdpxOptions {
    /// Codings of the same range share one `PlainTextSelection` (valid, but
    /// simpler readers see only its first coding). By default each coding
    /// has a selection of its own.
    pub group_selections: bool,
    /// Replace every real name of the project's pseudonym table: in the
    /// source texts (coding positions move with them), names, attribute
    /// values, speakers, code names and descriptions, memos.
    pub pseudonymise: bool,
}

/// Writes `project` as a `.qdpx` to `path`, atomically, with the default
/// options (one selection per coding).
pub fn export_qdpx(project: &Project, path: &Path) -> Result<(), ExchangeError> {
    export_qdpx_with(project, path, QdpxOptions::default())
}

/// [`export_qdpx`] with the given options.
pub fn export_qdpx_with(
    project: &Project,
    path: &Path,
    options: QdpxOptions,
) -> Result<(), ExchangeError> {
    let fail = |problem| ExchangeError {
        path: path.to_path_buf(),
        problem,
    };
    let mut bytes = Vec::new();
    write_qdpx_with(project, &mut bytes, options).map_err(fail)?;
    crate::export::write_file_atomically(path, |w| w.write_all(&bytes)).map_err(|e| {
        fail(match e {
            crate::export::ExportError::Refused(r) => ExchangeProblem::Refused(r),
            // The cause alone: the error names the file once, last.
            crate::export::ExportError::Write { source: e, .. }
            | crate::export::ExportError::Io(e) => ExchangeProblem::Write(e.to_string()),
        })
    })
}

/// Writes `project` as a `.qdpx` archive into `out` with the default
/// options. The same project gives the same bytes.
pub fn write_qdpx(project: &Project, out: &mut dyn Write) -> Result<(), ExchangeProblem> {
    write_qdpx_with(project, out, QdpxOptions::default())
}

/// [`write_qdpx`] with the given options.
pub fn write_qdpx_with(
    project: &Project,
    out: &mut dyn Write,
    options: QdpxOptions,
) -> Result<(), ExchangeProblem> {
    super::check_levels(&project.codebook()?)?;
    let (qde, texts) = project_qde(project, options)?;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let zip_options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let werr = |e: zip::result::ZipError| ExchangeProblem::Write(e.to_string());
    zip.start_file("project.qde", zip_options).map_err(werr)?;
    zip.write_all(qde.as_bytes())
        .map_err(|e| ExchangeProblem::Write(e.to_string()))?;
    for (guid, text) in texts {
        zip.start_file(format!("sources/{guid}.txt"), zip_options)
            .map_err(werr)?;
        zip.write_all(text.as_bytes())
            .map_err(|e| ExchangeProblem::Write(e.to_string()))?;
    }
    let cursor = zip.finish().map_err(werr)?;
    out.write_all(&cursor.into_inner())
        .map_err(|e| ExchangeProblem::Write(e.to_string()))
}

/// Attributes of the `<Project>` element.
fn project_attrs(
    project: &Project,
    ps: Option<&Pseudonymiser>,
) -> Result<Vec<(&'static str, String)>, StoreError> {
    let mut name = project.name().unwrap_or_else(|| "Jalin project".into());
    if let Some(ps) = ps {
        ps.apply_in_place(&mut name);
    }
    let mut attrs = vec![
        ("xmlns", PROJECT_NS.to_string()),
        ("name", name),
        ("origin", origin()),
    ];
    if let Some(created) = project.meta("created_at")? {
        attrs.push(("creationDateTime", created));
    }
    Ok(attrs)
}

/// GUIDs as the exchange file they came from wrote them (upper case, in
/// braces), else as Jalin stores them: an export hands each item back under
/// the very GUID its tool gave it.
#[derive(Debug, Default)]
pub(crate) struct Spellings(HashMap<String, String>);

impl Spellings {
    pub(crate) fn load(project: &Project) -> Result<Self, StoreError> {
        Ok(Spellings(project.guid_spellings()?))
    }

    /// How to write `g`.
    pub(crate) fn of(&self, g: &Guid) -> String {
        self.0
            .get(g.as_str())
            .cloned()
            .unwrap_or_else(|| g.to_string())
    }

    /// `g` as a file name: as spelt, without braces.
    fn file(&self, g: &Guid) -> String {
        self.of(g)
            .trim_start_matches('{')
            .trim_end_matches('}')
            .to_string()
    }
}

/// The description of the variable holding each source's kind: how a
/// reader tells it from an attribute that happens to be called `kind`.
pub(crate) const KIND_VARIABLE: &str =
    "The kind of source in Jalin: interview, focus_group, document or observation.";

/// The name of the variable holding the source kind: `kind`, unless an
/// attribute of a source or speaker is called that.
fn kind_variable_name(sources: &[&SourceMeta], participants: &[Participant<'_>]) -> String {
    let taken = |name: &str| {
        sources
            .iter()
            .flat_map(|s| s.attributes.iter().map(|a| a.key.as_str()))
            .chain(
                participants
                    .iter()
                    .flat_map(|p| p.values.iter().map(|(k, _)| k.as_str())),
            )
            .any(|k| k.eq_ignore_ascii_case(name))
    };
    let mut name = "kind".to_string();
    let mut n = 1;
    while taken(&name) {
        n += 1;
        name = if n == 2 {
            "source kind".into()
        } else {
            format!("source kind {n}")
        };
    }
    name
}

/// The project as `project.qde` text, and the source texts by their file
/// names' GUIDs.
pub(crate) fn project_qde(
    project: &Project,
    options: QdpxOptions,
) -> Result<(String, Vec<(String, String)>), StoreError> {
    let ps = if options.pseudonymise {
        Some(project.pseudonymiser()?)
    } else {
        None
    };
    let ps = ps.as_ref();
    let mut data = project.data()?;
    let texts = project.source_texts()?;
    let mut memos = project.memos()?;
    if let Some(ps) = ps {
        data.pseudonymise(ps);
        for m in &mut memos {
            ps.apply_in_place(&mut m.title);
            ps.apply_in_place(&mut m.text);
        }
    }
    let spell = Spellings::load(project)?;
    let project_guid = project
        .meta("guid")?
        .and_then(|g| Guid::parse(&g))
        .unwrap_or_default();
    let coders: HashMap<CoderId, &Coder> = data.coders.iter().map(|c| (c.id, c)).collect();
    let user = |id: CoderId| coders.get(&id).map(|c| spell.of(&c.guid));
    let code_guid: HashMap<CodeId, &Guid> = data.codes.iter().map(|c| (c.id, &c.guid)).collect();
    let coding_by_id: HashMap<CodingId, &Coding> = data.codings.iter().map(|c| (c.id, c)).collect();

    // Memos by what they are about, in a stable order.
    memos.sort_by(|a, b| (&a.created_at, &a.guid).cmp(&(&b.created_at, &b.guid)));
    let mut memo_refs: HashMap<MemoTarget, Vec<String>> = HashMap::new();
    for m in &memos {
        let target = match m.target {
            MemoTarget::Coding(c) if !coding_by_id.contains_key(&c) => MemoTarget::Project,
            t => t,
        };
        memo_refs.entry(target).or_default().push(spell.of(&m.guid));
    }

    let mut w = XmlWriter::new();
    w.open("Project", &project_attrs(project, ps)?);

    // Users, by name.
    let mut users: Vec<&Coder> = data.coders.iter().collect();
    users.sort_by(|a, b| (a.name.to_lowercase(), &a.guid).cmp(&(b.name.to_lowercase(), &b.guid)));
    if !users.is_empty() {
        w.open("Users", &[]);
        for u in users {
            w.empty(
                "User",
                &[("guid", spell.of(&u.guid)), ("name", u.name.clone())],
            );
        }
        w.close("Users");
    }

    // The codebook, in tree order.
    let book = Codebook::new(data.codes.clone());
    if !book.is_empty() {
        w.open("CodeBook", &[]);
        w.open("Codes", &[]);
        for c in book.children(None) {
            write_code(&mut w, &book, c, &memo_refs, &spell);
        }
        w.close("Codes");
        w.close("CodeBook");
    }

    // Variables: every attribute key, plus the source kind under a name of
    // its own (an attribute called `kind` stays an attribute).
    let mut sources: Vec<&SourceMeta> = data.sources.iter().collect();
    sources.sort_by(|a, b| (a.name.to_lowercase(), &a.guid).cmp(&(b.name.to_lowercase(), &b.guid)));
    let participants = participants(&data, &sources);
    let kind_name = kind_variable_name(&sources, &participants);
    let values_of = |s: &SourceMeta| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = s
            .attributes
            .iter()
            .map(|a| (a.key.clone(), a.value.clone()))
            .collect();
        v.push((kind_name.clone(), s.kind.as_str().into()));
        v.sort();
        v
    };
    let mut variables: BTreeMap<String, Guid> = BTreeMap::new();
    for s in &sources {
        for (k, _) in values_of(s) {
            let g = derived_guid(&project_guid, &format!("variable:{k}"));
            variables.entry(k).or_insert(g);
        }
    }
    for p in &participants {
        for (k, _) in &p.values {
            let g = derived_guid(&project_guid, &format!("variable:{k}"));
            variables.entry(k.clone()).or_insert(g);
        }
    }
    if !variables.is_empty() {
        w.open("Variables", &[]);
        for (name, guid) in &variables {
            let attrs = [
                ("guid", guid.to_string()),
                ("name", name.clone()),
                ("typeOfVariable", "Text".into()),
            ];
            if *name == kind_name {
                w.open("Variable", &attrs);
                w.text("Description", KIND_VARIABLE);
                w.close("Variable");
            } else {
                w.empty("Variable", &attrs);
            }
        }
        w.close("Variables");
    }
    let write_values = |w: &mut XmlWriter, s: &SourceMeta| {
        for (k, v) in values_of(s) {
            w.open("VariableValue", &[]);
            w.empty("VariableRef", &[("targetGUID", variables[&k].to_string())]);
            w.text("TextValue", &v);
            w.close("VariableValue");
        }
    };

    // One case per source, holding its attributes.
    if !sources.is_empty() {
        w.open("Cases", &[]);
        for s in &sources {
            w.open(
                "Case",
                &[
                    ("guid", derived_guid(&s.guid, "case").to_string()),
                    ("name", s.name.clone()),
                ],
            );
            write_values(&mut w, s);
            w.empty("SourceRef", &[("targetGUID", spell.of(&s.guid))]);
            w.close("Case");
        }
        // One case per speaker: the role and the participant's own
        // attributes, for tools that classify cases (Jalin reads them back).
        for p in &participants {
            w.open(
                "Case",
                &[
                    ("guid", spell.of(&p.guid)),
                    ("name", format!("{} ({})", p.label, p.source.name)),
                ],
            );
            w.text("Description", &p.description);
            for (k, v) in &p.values {
                w.open("VariableValue", &[]);
                w.empty("VariableRef", &[("targetGUID", variables[k].to_string())]);
                w.text("TextValue", v);
                w.close("VariableValue");
            }
            w.empty("SourceRef", &[("targetGUID", spell.of(&p.source.guid))]);
            w.close("Case");
        }
        w.close("Cases");
    }

    // Sources with their selections.
    let mut by_source: HashMap<SourceId, Vec<&Coding>> = HashMap::new();
    for c in &data.codings {
        by_source.entry(c.source).or_default().push(c);
    }
    let mut out_texts = Vec::new();
    if !sources.is_empty() {
        w.open("Sources", &[]);
        for s in &sources {
            let file = spell.file(&s.guid);
            let mut attrs = vec![
                ("guid", spell.of(&s.guid)),
                ("name", s.name.clone()),
                ("plainTextPath", format!("internal://{file}.txt")),
            ];
            if !s.imported_at.is_empty() {
                attrs.push(("creationDateTime", s.imported_at.clone()));
            }
            w.open("TextSource", &attrs);
            let stored = texts.get(&s.id).map(|t| t.text.as_str()).unwrap_or("");
            // Pseudonymised, the text changes length: positions move with it.
            let (replaced, offsets) = match ps {
                Some(ps) => {
                    let (t, m) = ps.apply_mapped(stored);
                    (Some(t), Some(m))
                }
                None => (None, None),
            };
            let text = replaced.as_deref().unwrap_or(stored);
            let at = |pos: usize, end: bool| offsets.as_ref().map_or(pos, |m| m.map(pos, end));
            let index = crate::model::text::CharIndex::new(text);
            // One selection per coding (simpler readers see only a
            // selection's first coding); grouped, one per range.
            let mut groups: BTreeMap<(usize, usize, String), Vec<&Coding>> = BTreeMap::new();
            for c in by_source.get(&s.id).map(Vec::as_slice).unwrap_or(&[]) {
                let own = if options.group_selections {
                    String::new()
                } else {
                    c.guid.to_string()
                };
                groups
                    .entry((at(c.start, false), at(c.end, true), own))
                    .or_default()
                    .push(c);
            }
            for ((start, end, _), mut codings) in groups {
                codings.sort_by(|a, b| (&a.created_at, &a.guid).cmp(&(&b.created_at, &b.guid)));
                let first = codings[0];
                let quote: String = index
                    .slice(text, start, end)
                    .unwrap_or("")
                    .chars()
                    .take(80)
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                let mut attrs = vec![
                    (
                        "guid",
                        derived_guid(&min_guid(&codings), "PlainTextSelection").to_string(),
                    ),
                    ("name", quote),
                    ("startPosition", start.to_string()),
                    ("endPosition", end.to_string()),
                ];
                if let Some(u) = user(first.coder) {
                    attrs.push(("creatingUser", u));
                }
                attrs.push(("creationDateTime", first.created_at.clone()));
                w.open("PlainTextSelection", &attrs);
                for c in codings {
                    let mut attrs = vec![("guid", spell.of(&c.guid))];
                    if let Some(u) = user(c.coder) {
                        attrs.push(("creatingUser", u));
                    }
                    attrs.push(("creationDateTime", c.created_at.clone()));
                    w.open("Coding", &attrs);
                    if let Some(g) = code_guid.get(&c.code) {
                        w.empty("CodeRef", &[("targetGUID", spell.of(g))]);
                    }
                    note_refs(&mut w, &memo_refs, MemoTarget::Coding(c.id));
                    w.close("Coding");
                }
                w.close("PlainTextSelection");
            }
            note_refs(&mut w, &memo_refs, MemoTarget::Source(s.id));
            write_values(&mut w, s);
            w.close("TextSource");
            out_texts.push((file, text.to_string()));
        }
        w.close("Sources");
    }

    // Memos as notes.
    if !memos.is_empty() {
        w.open("Notes", &[]);
        for m in &memos {
            write_note(&mut w, m, user(m.coder), &spell);
        }
        w.close("Notes");
    }
    note_refs(&mut w, &memo_refs, MemoTarget::Project);
    w.close("Project");
    out_texts.sort_by(|a, b| a.0.cmp(&b.0));
    Ok((w.finish(), out_texts))
}

/// The variable naming a participant case's speaker label.
pub(crate) const SPEAKER_VARIABLE: &str = "speaker";
/// The variable holding a participant's role (moderator, interviewer,
/// respondent, other).
pub(crate) const ROLE_VARIABLE: &str = "speaker role";
/// What a participant case's description says when the role was set by
/// hand (else it was found from the label).
pub(crate) const ROLE_SET: &str = "role set by hand";

/// A speaker written as a case.
struct Participant<'a> {
    guid: Guid,
    source: &'a SourceMeta,
    label: String,
    description: String,
    /// Speaker, role, then the participant's own attributes.
    values: Vec<(String, String)>,
}

/// Every speaker of every source with turns, in source order and order of
/// first turn. A speaker stored in the project keeps its GUID; the others
/// get one derived from the source's, the same in every export.
fn participants<'a>(
    data: &crate::store::ProjectData,
    sources: &[&'a SourceMeta],
) -> Vec<Participant<'a>> {
    use crate::model::roles::speaker_key;
    let mut out = Vec::new();
    for s in sources {
        let Some(turns) = data.turns.get(&s.id) else {
            continue;
        };
        let roles = data.roles(s.id);
        let mut seen = std::collections::HashSet::new();
        for t in turns {
            let key = speaker_key(&t.speaker);
            if !seen.insert(key.clone()) {
                continue;
            }
            let stored = data.speaker(s.id, &t.speaker);
            let set = stored.and_then(|sp| sp.role).is_some();
            let role = roles.role(&t.speaker);
            let mut values = vec![
                (SPEAKER_VARIABLE.to_string(), t.speaker.to_string()),
                (ROLE_VARIABLE.to_string(), role.as_str().to_string()),
            ];
            for a in stored.map(|sp| sp.attributes.as_slice()).unwrap_or(&[]) {
                if !values.iter().any(|(k, _)| k.eq_ignore_ascii_case(&a.key)) {
                    values.push((a.key.clone(), a.value.clone()));
                }
            }
            out.push(Participant {
                guid: stored.map_or_else(
                    || derived_guid(&s.guid, &format!("speaker:{key}")),
                    |sp| sp.guid.clone(),
                ),
                source: s,
                label: t.speaker.to_string(),
                description: format!(
                    "Speaker '{}' of '{}', {}; {}.",
                    t.speaker,
                    s.name,
                    role.as_str(),
                    if set {
                        ROLE_SET
                    } else {
                        "role found from the label"
                    }
                ),
                values,
            });
        }
    }
    out
}

fn min_guid(codings: &[&Coding]) -> Guid {
    codings
        .iter()
        .map(|c| c.guid.clone())
        .min()
        .unwrap_or_default()
}

fn note_refs(w: &mut XmlWriter, refs: &HashMap<MemoTarget, Vec<String>>, target: MemoTarget) {
    for g in refs.get(&target).map(Vec::as_slice).unwrap_or(&[]) {
        w.empty("NoteRef", &[("targetGUID", g.clone())]);
    }
}

pub(crate) fn write_code(
    w: &mut XmlWriter,
    book: &Codebook,
    code: &Code,
    memo_refs: &HashMap<MemoTarget, Vec<String>>,
    spell: &Spellings,
) {
    let attrs = [
        ("guid", spell.of(&code.guid)),
        ("name", code.name.clone()),
        ("isCodable", "true".to_string()),
        ("color", code.color.to_hex()),
    ];
    let children = book.children(Some(code.id));
    let refs = memo_refs.get(&MemoTarget::Code(code.id));
    if children.is_empty() && code.description.is_empty() && refs.is_none() {
        w.empty("Code", &attrs);
        return;
    }
    w.open("Code", &attrs);
    if !code.description.is_empty() {
        w.text("Description", &code.description);
    }
    note_refs(w, memo_refs, MemoTarget::Code(code.id));
    for c in children {
        write_code(w, book, c, memo_refs, spell);
    }
    w.close("Code");
}

fn write_note(w: &mut XmlWriter, m: &Memo, user: Option<String>, spell: &Spellings) {
    let mut attrs = vec![("guid", spell.of(&m.guid)), ("name", m.title.clone())];
    if let Some(u) = &user {
        attrs.push(("creatingUser", u.clone()));
    }
    attrs.push(("creationDateTime", m.created_at.clone()));
    if let Some(u) = user {
        attrs.push(("modifyingUser", u));
    }
    attrs.push(("modifiedDateTime", m.modified_at.clone()));
    w.open("Note", &attrs);
    w.text("PlainTextContent", &m.text);
    w.close("Note");
}
