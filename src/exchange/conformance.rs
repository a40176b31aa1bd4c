//! Whether a `project.qde` or `.qdc` follows the QDA-XML 1.0 schema
//! (`Project.xsd`, `Codebook.xsd` of 18 March 2019): element names and
//! their namespace, which element may hold which and in what order, how
//! often, required attributes and the form of GUIDs, numbers, booleans,
//! colours, times and the schema's closed lists.
//!
//! The reader is lenient (it finds elements by local name wherever the
//! standard puts them), so a file that breaks the schema is mostly read
//! anyway; this check says where it breaks it and what the reader made of
//! each place, for the report. It is a structural check written from the
//! schema, not a general XSD validator: the tests confirm its verdict with
//! `xmllint --schema` on the files they build.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use roxmltree::Node;

/// The form an attribute's value must have.
#[derive(Debug, Clone, Copy)]
enum Value {
    Text,
    Guid,
    Integer,
    Boolean,
    DateTime,
    Rgb,
    OneOf(&'static [&'static str]),
}

/// An attribute: name, form, required.
type Attr = (&'static str, Value, bool);

/// One place in an element's sequence: the names allowed there (more than
/// one: a choice), the type of what is there, at least once, more than once.
type Slot = (&'static [&'static str], &'static str, bool, bool);

/// A complex type: its children in sequence and its attributes. `None`
/// children: text only (`xsd:string` and the like).
struct Type {
    slots: Option<&'static [Slot]>,
    attrs: &'static [Attr],
}

const GUID: Attr = ("guid", Value::Guid, true);
const NAME: Attr = ("name", Value::Text, false);
const TARGET: Attr = ("targetGUID", Value::Guid, true);

macro_rules! stamped {
    ($($a:expr),* $(,)?) => {
        &[
            $($a,)*
            ("creatingUser", Value::Guid, false),
            ("creationDateTime", Value::DateTime, false),
            ("modifyingUser", Value::Guid, false),
            ("modifiedDateTime", Value::DateTime, false),
        ]
    };
}

const TEXT: Type = Type {
    slots: None,
    attrs: &[],
};
const REF: Type = Type {
    slots: Some(&[]),
    attrs: &[TARGET],
};
const SELECTION_BODY: &[Slot] = &[
    (&["Description"], "Text", false, false),
    (&["Coding"], "Coding", false, true),
    (&["NoteRef"], "Ref", false, true),
];
const DIRECTIONS: &[&str] = &["Associative", "OneWay", "Bidirectional"];

/// The type called `name` in this module's tables.
fn type_of(name: &str) -> Option<&'static Type> {
    static PROJECT: Type = Type {
        slots: Some(&[
            (&["Users"], "Users", false, false),
            (&["CodeBook"], "CodeBook", false, false),
            (&["Variables"], "Variables", false, false),
            (&["Cases"], "Cases", false, false),
            (&["Sources"], "Sources", false, false),
            (&["Notes"], "Notes", false, false),
            (&["Links"], "Links", false, false),
            (&["Sets"], "Sets", false, false),
            (&["Graphs"], "Graphs", false, false),
            (&["Description"], "Text", false, false),
            (&["NoteRef"], "Ref", false, true),
        ]),
        attrs: &[
            ("name", Value::Text, true),
            ("origin", Value::Text, false),
            ("creatingUserGUID", Value::Guid, false),
            ("creationDateTime", Value::DateTime, false),
            ("modifyingUserGUID", Value::Guid, false),
            ("modifiedDateTime", Value::DateTime, false),
            ("basePath", Value::Text, false),
        ],
    };
    static USERS: Type = Type {
        slots: Some(&[(&["User"], "User", true, true)]),
        attrs: &[],
    };
    static USER: Type = Type {
        slots: Some(&[]),
        attrs: &[GUID, NAME, ("id", Value::Text, false)],
    };
    static CODEBOOK: Type = Type {
        slots: Some(&[(&["Codes"], "Codes", true, false)]),
        attrs: &[],
    };
    static QDC_CODEBOOK: Type = Type {
        slots: Some(&[
            (&["Codes"], "Codes", true, false),
            (&["Sets"], "Sets", false, false),
        ]),
        attrs: &[("origin", Value::Text, false)],
    };
    static CODES: Type = Type {
        slots: Some(&[(&["Code"], "Code", true, true)]),
        attrs: &[],
    };
    static CODE: Type = Type {
        slots: Some(&[
            (&["Description"], "Text", false, false),
            (&["NoteRef"], "Ref", false, true),
            (&["Code"], "Code", false, true),
        ]),
        attrs: &[
            GUID,
            ("name", Value::Text, true),
            ("isCodable", Value::Boolean, true),
            ("color", Value::Rgb, false),
        ],
    };
    static CASES: Type = Type {
        slots: Some(&[(&["Case"], "Case", true, true)]),
        attrs: &[],
    };
    static CASE: Type = Type {
        slots: Some(&[
            (&["Description"], "Text", false, false),
            (&["CodeRef"], "Ref", false, true),
            (&["VariableValue"], "VariableValue", false, true),
            (&["SourceRef"], "Ref", false, true),
            (&["SelectionRef"], "Ref", false, true),
        ]),
        attrs: &[GUID, NAME],
    };
    static VARIABLES: Type = Type {
        slots: Some(&[(&["Variable"], "Variable", true, true)]),
        attrs: &[],
    };
    static VARIABLE: Type = Type {
        slots: Some(&[(&["Description"], "Text", false, false)]),
        attrs: &[
            GUID,
            ("name", Value::Text, true),
            (
                "typeOfVariable",
                Value::OneOf(&["Text", "Boolean", "Integer", "Float", "Date", "DateTime"]),
                true,
            ),
        ],
    };
    static VARIABLE_VALUE: Type = Type {
        slots: Some(&[
            (&["VariableRef"], "Ref", true, false),
            (
                &[
                    "TextValue",
                    "BooleanValue",
                    "IntegerValue",
                    "FloatValue",
                    "DateValue",
                    "DateTimeValue",
                ],
                "Text",
                false,
                false,
            ),
        ]),
        attrs: &[],
    };
    static SETS: Type = Type {
        slots: Some(&[(&["Set"], "Set", true, true)]),
        attrs: &[],
    };
    static SET: Type = Type {
        slots: Some(&[
            (&["Description"], "Text", false, false),
            (&["MemberCode"], "Ref", false, true),
            (&["MemberSource"], "Ref", false, true),
            (&["MemberNote"], "Ref", false, true),
        ]),
        attrs: &[GUID, ("name", Value::Text, true)],
    };
    static SOURCES: Type = Type {
        slots: Some(&[(
            &[
                "TextSource",
                "PictureSource",
                "PDFSource",
                "AudioSource",
                "VideoSource",
            ],
            "*Source",
            true,
            true,
        )]),
        attrs: &[],
    };
    static TEXT_SOURCE: Type = Type {
        slots: Some(&[
            (&["Description"], "Text", false, false),
            (&["PlainTextContent"], "Text", false, false),
            (&["PlainTextSelection"], "PlainTextSelection", false, true),
            (&["Coding"], "Coding", false, true),
            (&["NoteRef"], "Ref", false, true),
            (&["VariableValue"], "VariableValue", false, true),
        ]),
        attrs: stamped![
            GUID,
            NAME,
            ("richTextPath", Value::Text, false),
            ("plainTextPath", Value::Text, false),
        ],
    };
    static PLAIN_TEXT_SELECTION: Type = Type {
        slots: Some(SELECTION_BODY),
        attrs: stamped![
            GUID,
            NAME,
            ("startPosition", Value::Integer, true),
            ("endPosition", Value::Integer, true),
        ],
    };
    static PICTURE_SOURCE: Type = Type {
        slots: Some(&[
            (&["Description"], "Text", false, false),
            (&["TextDescription"], "TextSource", false, false),
            (&["PictureSelection"], "PictureSelection", false, true),
            (&["Coding"], "Coding", false, true),
            (&["NoteRef"], "Ref", false, true),
            (&["VariableValue"], "VariableValue", false, true),
        ]),
        attrs: stamped![
            GUID,
            NAME,
            ("path", Value::Text, false),
            ("currentPath", Value::Text, false),
        ],
    };
    static PICTURE_SELECTION: Type = Type {
        slots: Some(SELECTION_BODY),
        attrs: stamped![
            GUID,
            NAME,
            ("firstX", Value::Integer, true),
            ("firstY", Value::Integer, true),
            ("secondX", Value::Integer, true),
            ("secondY", Value::Integer, true),
        ],
    };
    static PDF_SOURCE: Type = Type {
        slots: Some(&[
            (&["Description"], "Text", false, false),
            (&["PDFSelection"], "PDFSelection", false, true),
            (&["Representation"], "TextSource", false, false),
            (&["Coding"], "Coding", false, true),
            (&["NoteRef"], "Ref", false, true),
            (&["VariableValue"], "VariableValue", false, true),
        ]),
        attrs: stamped![
            GUID,
            NAME,
            ("path", Value::Text, false),
            ("currentPath", Value::Text, false),
        ],
    };
    static PDF_SELECTION: Type = Type {
        slots: Some(&[
            (&["Description"], "Text", false, false),
            (&["Representation"], "TextSource", false, false),
            (&["Coding"], "Coding", false, true),
            (&["NoteRef"], "Ref", false, true),
        ]),
        attrs: stamped![
            GUID,
            NAME,
            ("page", Value::Integer, true),
            ("firstX", Value::Integer, true),
            ("firstY", Value::Integer, true),
            ("secondX", Value::Integer, true),
            ("secondY", Value::Integer, true),
        ],
    };
    static AUDIO_SOURCE: Type = Type {
        slots: Some(&[
            (&["Description"], "Text", false, false),
            (&["Transcript"], "Transcript", false, true),
            (&["AudioSelection"], "MediaSelection", false, true),
            (&["Coding"], "Coding", false, true),
            (&["NoteRef"], "Ref", false, true),
            (&["VariableValue"], "VariableValue", false, true),
        ]),
        attrs: stamped![
            GUID,
            NAME,
            ("path", Value::Text, false),
            ("currentPath", Value::Text, false),
        ],
    };
    static VIDEO_SOURCE: Type = Type {
        slots: Some(&[
            (&["Description"], "Text", false, false),
            (&["Transcript"], "Transcript", false, true),
            (&["VideoSelection"], "MediaSelection", false, true),
            (&["Coding"], "Coding", false, true),
            (&["NoteRef"], "Ref", false, true),
            (&["VariableValue"], "VariableValue", false, true),
        ]),
        attrs: stamped![
            GUID,
            NAME,
            ("path", Value::Text, false),
            ("currentPath", Value::Text, false),
        ],
    };
    static MEDIA_SELECTION: Type = Type {
        slots: Some(SELECTION_BODY),
        attrs: stamped![
            GUID,
            NAME,
            ("begin", Value::Integer, true),
            ("end", Value::Integer, true),
        ],
    };
    static TRANSCRIPT: Type = Type {
        slots: Some(&[
            (&["Description"], "Text", false, false),
            (&["PlainTextContent"], "Text", false, false),
            (&["SyncPoint"], "SyncPoint", false, true),
            (&["TranscriptSelection"], "TranscriptSelection", false, true),
            (&["NoteRef"], "Ref", false, true),
        ]),
        attrs: stamped![
            GUID,
            NAME,
            ("richTextPath", Value::Text, false),
            ("plainTextPath", Value::Text, false),
        ],
    };
    static TRANSCRIPT_SELECTION: Type = Type {
        slots: Some(SELECTION_BODY),
        attrs: stamped![
            GUID,
            NAME,
            ("fromSyncPoint", Value::Guid, false),
            ("toSyncPoint", Value::Guid, false),
        ],
    };
    static SYNC_POINT: Type = Type {
        slots: Some(&[]),
        attrs: &[
            GUID,
            ("timeStamp", Value::Integer, false),
            ("position", Value::Integer, false),
        ],
    };
    static CODING: Type = Type {
        slots: Some(&[
            (&["CodeRef"], "Ref", true, false),
            (&["NoteRef"], "Ref", false, true),
        ]),
        attrs: &[
            GUID,
            ("creatingUser", Value::Guid, false),
            ("creationDateTime", Value::DateTime, false),
        ],
    };
    static GRAPHS: Type = Type {
        slots: Some(&[(&["Graph"], "Graph", true, true)]),
        attrs: &[],
    };
    static GRAPH: Type = Type {
        slots: Some(&[
            (&["Vertex"], "Vertex", false, true),
            (&["Edge"], "Edge", false, true),
        ]),
        attrs: &[GUID, NAME],
    };
    static VERTEX: Type = Type {
        slots: Some(&[]),
        attrs: &[
            GUID,
            ("representedGUID", Value::Guid, false),
            NAME,
            ("firstX", Value::Integer, true),
            ("firstY", Value::Integer, true),
            ("secondX", Value::Integer, false),
            ("secondY", Value::Integer, false),
            (
                "shape",
                Value::OneOf(&[
                    "Person",
                    "Oval",
                    "Rectangle",
                    "RoundedRectangle",
                    "Star",
                    "LeftTriangle",
                    "RightTriangle",
                    "UpTriangle",
                    "DownTriangle",
                    "Note",
                ]),
                false,
            ),
            ("color", Value::Rgb, false),
        ],
    };
    static EDGE: Type = Type {
        slots: Some(&[]),
        attrs: &[
            GUID,
            ("representedGUID", Value::Guid, false),
            NAME,
            ("sourceVertex", Value::Guid, true),
            ("targetVertex", Value::Guid, true),
            ("color", Value::Rgb, false),
            ("direction", Value::OneOf(DIRECTIONS), false),
            (
                "lineStyle",
                Value::OneOf(&["dotted", "dashed", "solid"]),
                false,
            ),
        ],
    };
    static NOTES: Type = Type {
        slots: Some(&[(&["Note"], "TextSource", true, true)]),
        attrs: &[],
    };
    static LINKS: Type = Type {
        slots: Some(&[(&["Link"], "Link", true, true)]),
        attrs: &[],
    };
    static LINK: Type = Type {
        slots: Some(&[(&["NoteRef"], "Ref", false, true)]),
        attrs: &[
            GUID,
            NAME,
            ("direction", Value::OneOf(DIRECTIONS), false),
            ("color", Value::Rgb, false),
            ("originGUID", Value::Guid, false),
            ("targetGUID", Value::Guid, false),
        ],
    };
    Some(match name {
        "Project" => &PROJECT,
        "Users" => &USERS,
        "User" => &USER,
        "CodeBook" => &CODEBOOK,
        "QdcCodeBook" => &QDC_CODEBOOK,
        "Codes" => &CODES,
        "Code" => &CODE,
        "Cases" => &CASES,
        "Case" => &CASE,
        "Variables" => &VARIABLES,
        "Variable" => &VARIABLE,
        "VariableValue" => &VARIABLE_VALUE,
        "Sets" => &SETS,
        "Set" => &SET,
        "Sources" => &SOURCES,
        "TextSource" => &TEXT_SOURCE,
        "PlainTextSelection" => &PLAIN_TEXT_SELECTION,
        "PictureSource" => &PICTURE_SOURCE,
        "PictureSelection" => &PICTURE_SELECTION,
        "PDFSource" => &PDF_SOURCE,
        "PDFSelection" => &PDF_SELECTION,
        "AudioSource" => &AUDIO_SOURCE,
        "VideoSource" => &VIDEO_SOURCE,
        "MediaSelection" => &MEDIA_SELECTION,
        "Transcript" => &TRANSCRIPT,
        "TranscriptSelection" => &TRANSCRIPT_SELECTION,
        "SyncPoint" => &SYNC_POINT,
        "Coding" => &CODING,
        "Graphs" => &GRAPHS,
        "Graph" => &GRAPH,
        "Vertex" => &VERTEX,
        "Edge" => &EDGE,
        "Notes" => &NOTES,
        "Links" => &LINKS,
        "Link" => &LINK,
        "Ref" => &REF,
        "Text" => &TEXT,
        _ => return None,
    })
}

static GUID_FORM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$")
        .expect("GUID pattern")
});
static DATETIME_FORM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
        .expect("dateTime pattern")
});
static RGB_FORM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$").expect("colour pattern"));
static INTEGER_FORM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[+-]?\d+$").expect("integer pattern"));

fn fits(value: Value, raw: &str) -> bool {
    // The schema's GUID, colour and list types are tokens, and every one
    // of these types collapses white space around the value.
    let v = raw.trim_matches([' ', '\t', '\n', '\r']);
    match value {
        Value::Text => true,
        Value::Guid => GUID_FORM.is_match(v),
        Value::Integer => INTEGER_FORM.is_match(v),
        Value::Boolean => matches!(v, "true" | "false" | "1" | "0"),
        Value::DateTime => DATETIME_FORM.is_match(v),
        Value::Rgb => RGB_FORM.is_match(v),
        Value::OneOf(list) => list.contains(&v),
    }
}

/// The most places a report lists one by one; the rest are counted.
const LISTED: usize = 12;

/// Where a file leaves the schema, grouped: "what, where: how it was read
/// (N times)".
#[derive(Debug, Default)]
struct Found {
    /// (problem, what Jalin did) → (first place, count).
    by_kind: BTreeMap<(String, &'static str), (String, usize)>,
    order: Vec<(String, &'static str)>,
}

impl Found {
    /// Counts a deviation at `path` (element names from the root); the
    /// place is spelt out only for the first of its kind.
    fn add(&mut self, path: &[&str], problem: String, read: &'static str) {
        let key = (problem, read);
        match self.by_kind.get_mut(&key) {
            Some(e) => e.1 += 1,
            None => {
                self.order.push(key.clone());
                self.by_kind.insert(key, (place(path), 1));
            }
        }
    }

    fn lines(self) -> Vec<String> {
        let total = self.order.len();
        let mut out: Vec<String> = self
            .order
            .iter()
            .take(LISTED)
            .map(|key| {
                let (at, n) = &self.by_kind[key];
                let times = if *n > 1 {
                    crate::t!("loss-conf-times", count = *n)
                } else {
                    String::new()
                };
                format!("{at}: {}; {}{times}", key.0, crate::i18n::tr(key.1))
            })
            .collect();
        if total > LISTED {
            out.push(crate::t!("loss-conf-more", count = total - LISTED));
        }
        out
    }
}

/// The namespace of `xsi:schemaLocation`, which every element may carry.
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

// What was done with each kind of deviation: keys of reports.ftl, put into
// words when the lines are made.
const READ: &str = "loss-conf-read-anyway";
const NOT_READ: &str = "loss-conf-not-read";
const AS_FAR: &str = "loss-conf-read-as-far";
const IGNORED: &str = "loss-conf-ignored";
const FIRST: &str = "loss-conf-first-read";
const WITHOUT: &str = "loss-conf-read-without";

/// Where `root` (a `project.qde`'s `<Project>`) leaves the QDA-XML 1.0
/// project schema, one line per kind of deviation; empty when it follows
/// it.
pub fn check_project(root: Node<'_, '_>) -> Vec<String> {
    check(root, super::PROJECT_NS, "Project")
}

/// Where `root` (a `.qdc`'s `<CodeBook>`) leaves the QDA-XML 1.0 codebook
/// schema.
pub fn check_codebook(root: Node<'_, '_>) -> Vec<String> {
    check(root, super::CODEBOOK_NS, "QdcCodeBook")
}

fn check(root: Node<'_, '_>, ns: &str, root_type: &str) -> Vec<String> {
    let mut found = Found::default();
    element(root, root_type, ns, None, &mut Vec::new(), &mut found);
    found.lines()
}

fn namespace_of(n: Node<'_, '_>) -> String {
    match n.tag_name().namespace() {
        Some(ns) => crate::t!("loss-conf-namespace", ns = ns),
        None => crate::t!("loss-conf-no-namespace"),
    }
}

/// Checks `node` as a `type_name` and what it holds. `parent_ns` is the
/// namespace its parent is in, when that is not the standard's: a subtree in
/// a foreign namespace is reported once, at its top.
fn element<'a>(
    node: Node<'a, '_>,
    type_name: &str,
    ns: &str,
    parent_ns: Option<Option<&str>>,
    path: &mut Vec<&'a str>,
    found: &mut Found,
) {
    let name = node.tag_name().name();
    path.push(name);
    check_element(node, type_name, ns, parent_ns, path, found);
    path.pop();
}

/// [`element`] with `node`'s name on `path` (where a deviation is).
fn check_element<'a>(
    node: Node<'a, '_>,
    type_name: &str,
    ns: &str,
    parent_ns: Option<Option<&str>>,
    path: &mut Vec<&'a str>,
    found: &mut Found,
) {
    let name = node.tag_name().name();
    let own_ns = node.tag_name().namespace();
    if own_ns != Some(ns) && parent_ns != Some(own_ns) {
        found.add(
            path,
            crate::t!(
                "loss-conf-foreign-namespace",
                name = name,
                place = namespace_of(node),
                ns = ns
            ),
            READ,
        );
    }
    let my_ns = (own_ns != Some(ns)).then_some(own_ns);
    let Some(ty) = type_of(type_name) else {
        return;
    };
    attributes(node, ty, path, found);
    let Some(slots) = ty.slots else {
        if node.children().any(|c| c.is_element()) {
            found.add(
                path,
                crate::t!("loss-conf-elements-in-text", name = name),
                IGNORED,
            );
        }
        return;
    };
    let mut counts = vec![0usize; slots.len()];
    let mut at_slot = 0;
    for c in node.children() {
        if c.is_text() {
            if c.text().is_some_and(|t| !t.trim().is_empty()) {
                found.add(
                    path,
                    crate::t!("loss-conf-text-inside", name = name),
                    IGNORED,
                );
            }
            continue;
        }
        if !c.is_element() {
            continue;
        }
        let cname = c.tag_name().name();
        let slot = slots.iter().position(|s| s.0.contains(&cname));
        let Some(slot) = slot else {
            found.add(
                path,
                crate::t!("loss-conf-not-allowed", child = cname, name = name),
                NOT_READ,
            );
            continue;
        };
        if slot < at_slot {
            found.add(path, crate::t!("loss-conf-order", child = cname), READ);
        } else {
            at_slot = slot;
        }
        counts[slot] += 1;
        let (_, ctype, _, many) = slots[slot];
        if !many && counts[slot] == 2 {
            found.add(
                path,
                crate::t!("loss-conf-twice", child = cname, name = name),
                FIRST,
            );
        }
        let ctype = if ctype == "*Source" { cname } else { ctype };
        element(c, ctype, ns, my_ns, path, found);
    }
    for (slot, n) in slots.iter().zip(&counts) {
        if slot.2 && *n == 0 {
            found.add(
                path,
                crate::t!("loss-conf-missing-element", name = name, child = slot.0[0]),
                WITHOUT,
            );
        }
    }
}

fn attributes(node: Node<'_, '_>, ty: &Type, path: &[&str], found: &mut Found) {
    let name = node.tag_name().name();
    for a in node.attributes() {
        let known = ty.attrs.iter().find(|k| k.0 == a.name());
        match (a.namespace(), known) {
            // Schema processors allow `xsi:schemaLocation` and the like
            // on any element.
            (Some(XSI), _) => {}
            (None, Some(&(_, value, _))) => {
                if !fits(value, a.value()) {
                    found.add(
                        path,
                        crate::t!(
                            "loss-conf-bad-value",
                            name = name,
                            attr = a.name(),
                            value = clip(a.value()),
                            expected = describe(value)
                        ),
                        AS_FAR,
                    );
                }
            }
            (Some(ns), _) => found.add(
                path,
                crate::t!(
                    "loss-conf-foreign-attribute",
                    name = name,
                    attr = a.name(),
                    ns = ns
                ),
                IGNORED,
            ),
            (None, None) => found.add(
                path,
                crate::t!("loss-conf-unknown-attribute", name = name, attr = a.name()),
                IGNORED,
            ),
        }
    }
    for (attr, _, required) in ty.attrs {
        if *required && node.attribute(*attr).is_none() {
            found.add(
                path,
                crate::t!("loss-conf-missing-attribute", name = name, attr = *attr),
                WITHOUT,
            );
        }
    }
}

fn describe(value: Value) -> String {
    match value {
        Value::Text => crate::t!("loss-conf-value-text"),
        Value::Guid => crate::t!("loss-conf-value-guid"),
        Value::Integer => crate::t!("loss-conf-value-integer"),
        Value::Boolean => crate::t!("loss-conf-value-boolean"),
        Value::DateTime => crate::t!("loss-conf-value-datetime"),
        Value::Rgb => crate::t!("loss-conf-value-rgb"),
        Value::OneOf(list) => crate::t!("loss-conf-value-one-of", values = list.join(", ")),
    }
}

fn clip(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

/// Where an element is: `<Project>/<CodeBook>`, at most its last four
/// elements, so that a code deep in a tree reads `…/<Code>/<Code>/<Code>/<Code>`.
fn place(path: &[&str]) -> String {
    let shown = &path[path.len().saturating_sub(4)..];
    let at: Vec<String> = shown.iter().map(|n| format!("<{n}>")).collect();
    if shown.len() < path.len() {
        format!("…/{}", at.join("/"))
    } else {
        at.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(xml: &str) -> Vec<String> {
        let doc = roxmltree::Document::parse(xml).unwrap();
        check_project(doc.root_element())
    }

    const NS: &str = "urn:QDA-XML:project:1.0";

    #[test]
    fn a_minimal_project_follows_the_schema() {
        let ok = format!(
            r##"<Project xmlns="{NS}" name="p"><CodeBook><Codes><Code guid="3F2504E0-4F89-11D3-9A0C-0305E82C3301" name="a" isCodable="true" color="#AABBCC"/></Codes></CodeBook></Project>"##
        );
        assert_eq!(lines(&ok), Vec::<String>::new());
    }

    #[test]
    fn foreign_namespace_order_and_attributes_are_found() {
        let bad = format!(
            r#"<Project xmlns="{NS}" xmlns:o="urn:other" name="p"><Sources/><o:CodeBook><o:Codes><o:Code guid="x" name="a" isCodable="yes"/></o:Codes></o:CodeBook></Project>"#
        );
        let l = lines(&bad);
        assert_eq!(
            l,
            [
                "<Project>/<Sources>: <Sources> has no <TextSource>, which the standard requires; read without it",
                "<Project>: <CodeBook> comes after elements the standard puts after it; read anyway",
                "<Project>/<CodeBook>: <CodeBook> (and what it holds) is in namespace 'urn:other', not the standard's 'urn:QDA-XML:project:1.0'; read anyway",
                "<Project>/<CodeBook>/<Codes>/<Code>: <Code> has guid=\"x\", which is not a GUID; read as far as it could be",
                "<Project>/<CodeBook>/<Codes>/<Code>: <Code> has isCodable=\"yes\", which is not true or false; read as far as it could be",
            ]
        );
    }
}
