//! Word (`.docx`) and OpenDocument (`.odt`) files: paragraphs in order,
//! headings, list items, tables as one line per row with cells separated by
//! tabs, and footnotes and endnotes appended at the end, each marked `[n]`
//! where it was cited.

use std::collections::HashMap;
use std::io::Cursor;

use roxmltree::Node;

use super::{ImportProblem, Importer, Parsed, parsed_from_text};
use crate::container::archive::{Archive, Limits};
use crate::container::xml::{self, local};

/// Reads `.docx` files.
pub struct DocxImporter;
/// Reads `.doc` files that are really RTF, `.docx` or HTML under the old
/// name (as Word and transcription services often save them); a true Word
/// 97–2003 file is refused with a hint to save it as `.docx`.
pub struct DocImporter;

/// The first bytes of an OLE compound file (Word 97–2003, Excel, …).
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

impl Importer for DocImporter {
    fn extensions(&self) -> &'static [&'static str] {
        &["doc"]
    }

    fn parse(&self, file_name: &str, bytes: &[u8]) -> Result<Parsed, ImportProblem> {
        if super::rtf::is_rtf(bytes) {
            return super::rtf::RtfImporter.parse(file_name, bytes);
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return DocxImporter.parse(file_name, bytes);
        }
        if bytes.starts_with(OLE_MAGIC) {
            return Err(ImportProblem::OldWord);
        }
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_lowercase();
        if head.contains("<html") {
            return super::HtmlImporter.parse(file_name, bytes);
        }
        Err(ImportProblem::Format(
            "it is not a Word document (neither Word 97–2003, nor .docx, RTF or HTML under the name .doc)".into(),
        ))
    }
}
/// Reads `.odt` files.
pub struct OdtImporter;

/// A block of text and whether it hugs the next block of its kind (list
/// items and table rows are separated by one line break, others by a blank
/// line).
#[derive(Debug, Default)]
pub(super) struct Blocks {
    blocks: Vec<(String, u8)>,
    notes: Vec<String>,
}

pub(super) const PARA: u8 = 0;
const LIST: u8 = 1;
pub(super) const ROW: u8 = 2;

impl Blocks {
    pub(super) fn push(&mut self, text: String, kind: u8) {
        let text = text.trim_end().to_string();
        if !text.trim().is_empty() {
            self.blocks.push((text, kind));
        }
    }

    pub(super) fn note(&mut self, text: String) -> usize {
        self.notes.push(text.trim().to_string());
        self.notes.len()
    }

    pub(super) fn finish(self) -> String {
        let mut out = String::new();
        let mut prev: Option<u8> = None;
        for (text, kind) in self.blocks {
            if let Some(p) = prev {
                out.push_str(if p == kind && kind != PARA {
                    "\n"
                } else {
                    "\n\n"
                });
            }
            out.push_str(&text);
            prev = Some(kind);
        }
        if !self.notes.is_empty() {
            out.push_str("\n\nNotes\n");
            for (i, n) in self.notes.iter().enumerate() {
                out.push_str(&format!("\n[{}] {n}", i + 1));
            }
        }
        out.push('\n');
        out
    }
}

fn open_zip(bytes: &[u8]) -> Result<Archive<Cursor<&[u8]>>, ImportProblem> {
    Ok(Archive::new(Cursor::new(bytes), Limits::default())?)
}

fn read_xml(
    zip: &mut Archive<Cursor<&[u8]>>,
    entry: &str,
) -> Result<Option<String>, ImportProblem> {
    if zip.find(entry).is_none() {
        return Ok(None);
    }
    let bytes = zip.read(entry)?;
    let text = xml::decode(&bytes).map_err(|problem| ImportProblem::Xml {
        entry: entry.to_string(),
        problem,
    })?;
    Ok(Some(text))
}

fn parse<'a>(entry: &str, text: &'a str) -> Result<roxmltree::Document<'a>, ImportProblem> {
    xml::parse(text).map_err(|problem| ImportProblem::Xml {
        entry: entry.to_string(),
        problem,
    })
}

impl Importer for DocxImporter {
    fn extensions(&self) -> &'static [&'static str] {
        &["docx"]
    }

    fn parse(&self, file_name: &str, bytes: &[u8]) -> Result<Parsed, ImportProblem> {
        let mut zip = open_zip(bytes)?;
        let doc_text = read_xml(&mut zip, "word/document.xml")?.ok_or_else(|| {
            ImportProblem::Format("it is not a Word document (no word/document.xml)".into())
        })?;
        let mut notes: HashMap<(&'static str, String), String> = HashMap::new();
        for (entry, tag) in [
            ("word/footnotes.xml", "footnote"),
            ("word/endnotes.xml", "endnote"),
        ] {
            if let Some(t) = read_xml(&mut zip, entry)? {
                let d = parse(entry, &t)?;
                for n in d
                    .descendants()
                    .filter(|n| n.is_element() && local(n) == tag)
                {
                    if w_attr(n, "type").is_some_and(|t| t != "normal") {
                        continue;
                    }
                    if let Some(id) = w_attr(n, "id") {
                        let text = n
                            .children()
                            .filter(|c| c.is_element() && local(c) == "p")
                            .map(|p| docx_runs(p, &mut |_, _| String::new()))
                            .collect::<Vec<_>>()
                            .join(" ");
                        notes.insert((tag, id.to_string()), text);
                    }
                }
            }
        }
        let doc = parse("word/document.xml", &doc_text)?;
        let body = doc
            .descendants()
            .find(|n| n.is_element() && local(n) == "body")
            .ok_or_else(|| ImportProblem::Format("the Word document has no body".into()))?;
        let mut blocks = Blocks::default();
        docx_blocks(body, &notes, &mut blocks);
        parsed_from_text(file_name, blocks.finish(), Vec::new())
    }
}

/// A `w:` attribute by local name.
fn w_attr<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attributes().find(|a| a.name() == name).map(|a| a.value())
}

fn docx_blocks(
    parent: Node<'_, '_>,
    notes: &HashMap<(&'static str, String), String>,
    out: &mut Blocks,
) {
    for n in parent.children().filter(|n| n.is_element()) {
        match local(&n) {
            "p" => {
                let is_list = n
                    .children()
                    .find(|c| c.is_element() && local(c) == "pPr")
                    .is_some_and(|ppr| {
                        ppr.children()
                            .any(|c| c.is_element() && local(&c) == "numPr")
                    });
                let text = docx_runs(n, &mut |kind, id| {
                    let text = notes
                        .get(&(kind, id.to_string()))
                        .cloned()
                        .unwrap_or_default();
                    format!("[{}]", out.note(text))
                });
                if is_list {
                    out.push(format!("- {}", text.trim_start()), LIST);
                } else {
                    out.push(text, PARA);
                }
            }
            "tbl" => {
                for row in n
                    .descendants()
                    .filter(|r| r.is_element() && local(r) == "tr")
                {
                    let cells: Vec<String> = row
                        .children()
                        .filter(|c| c.is_element() && local(c) == "tc")
                        .map(|cell| {
                            cell.descendants()
                                .filter(|p| p.is_element() && local(p) == "p")
                                .map(|p| {
                                    docx_runs(p, &mut |kind, id| {
                                        let text = notes
                                            .get(&(kind, id.to_string()))
                                            .cloned()
                                            .unwrap_or_default();
                                        format!("[{}]", out.note(text))
                                    })
                                })
                                .filter(|t| !t.trim().is_empty())
                                .collect::<Vec<_>>()
                                .join(" ")
                                .replace(['\t', '\n'], " ")
                        })
                        .collect();
                    out.push(cells.join("\t"), ROW);
                }
            }
            "sdt" | "sdtContent" | "customXml" | "ins" | "smartTag" => docx_blocks(n, notes, out),
            _ => {}
        }
    }
}

/// The text of one paragraph: runs in order, tabs and breaks kept, deleted
/// text and field codes left out, note references marked by `cite`.
fn docx_runs(p: Node<'_, '_>, cite: &mut dyn FnMut(&'static str, &str) -> String) -> String {
    let mut s = String::new();
    for n in p.descendants().filter(|n| n.is_element()) {
        match local(&n) {
            "t" if !n.ancestors().any(|a| a.is_element() && local(&a) == "del") => {
                s.push_str(n.text().unwrap_or(""));
            }
            "tab" if n.parent().is_some_and(|p| local(&p) == "r") => s.push('\t'),
            "br" | "cr" => s.push('\n'),
            "noBreakHyphen" => s.push('-'),
            "footnoteReference" => {
                if let Some(id) = w_attr(n, "id") {
                    s.push_str(&cite("footnote", id));
                }
            }
            "endnoteReference" => {
                if let Some(id) = w_attr(n, "id") {
                    s.push_str(&cite("endnote", id));
                }
            }
            _ => {}
        }
    }
    s
}

impl Importer for OdtImporter {
    fn extensions(&self) -> &'static [&'static str] {
        &["odt"]
    }

    fn parse(&self, file_name: &str, bytes: &[u8]) -> Result<Parsed, ImportProblem> {
        let mut zip = open_zip(bytes)?;
        let content = read_xml(&mut zip, "content.xml")?.ok_or_else(|| {
            ImportProblem::Format("it is not an OpenDocument text (no content.xml)".into())
        })?;
        let doc = parse("content.xml", &content)?;
        let body = doc
            .descendants()
            .find(|n| {
                n.is_element()
                    && local(n) == "text"
                    && n.parent().is_some_and(|p| local(&p) == "body")
            })
            .ok_or_else(|| ImportProblem::Format("the document has no text body".into()))?;
        let mut blocks = Blocks::default();
        odt_blocks(body, &mut blocks, false);
        parsed_from_text(file_name, blocks.finish(), Vec::new())
    }
}

fn odt_blocks(parent: Node<'_, '_>, out: &mut Blocks, in_list: bool) {
    for n in parent.children().filter(|n| n.is_element()) {
        match local(&n) {
            "p" | "h" => {
                let text = odt_inline(n, out);
                if in_list {
                    out.push(format!("- {}", text.trim_start()), LIST);
                } else {
                    out.push(text, PARA);
                }
            }
            "list" | "list-item" | "list-header" => odt_blocks(n, out, true),
            "section" | "div" => odt_blocks(n, out, in_list),
            "table" => {
                for row in n
                    .descendants()
                    .filter(|r| r.is_element() && local(r) == "table-row")
                {
                    let cells: Vec<String> = row
                        .children()
                        .filter(|c| c.is_element() && local(c) == "table-cell")
                        .map(|cell| {
                            cell.descendants()
                                .filter(|p| p.is_element() && matches!(local(p), "p" | "h"))
                                .map(|p| odt_inline(p, out))
                                .filter(|t| !t.trim().is_empty())
                                .collect::<Vec<_>>()
                                .join(" ")
                                .replace(['\t', '\n'], " ")
                        })
                        .collect();
                    out.push(cells.join("\t"), ROW);
                }
            }
            _ => {}
        }
    }
}

/// Text of a paragraph: spans, links, `text:s` spaces, tabs and line
/// breaks; a note becomes `[n]` with its body appended at the end.
fn odt_inline(n: Node<'_, '_>, out: &mut Blocks) -> String {
    let mut s = String::new();
    for c in n.children() {
        if c.is_text() {
            s.push_str(c.text().unwrap_or(""));
            continue;
        }
        if !c.is_element() {
            continue;
        }
        match local(&c) {
            "s" => {
                let count = c
                    .attributes()
                    .find(|a| a.name() == "c")
                    .and_then(|a| a.value().parse::<usize>().ok())
                    .unwrap_or(1)
                    .min(1000);
                s.push_str(&" ".repeat(count));
            }
            "tab" => s.push('\t'),
            "line-break" => s.push('\n'),
            "note" => {
                let body = c
                    .children()
                    .find(|b| b.is_element() && local(b) == "note-body")
                    .map(|b| {
                        b.descendants()
                            .filter(|p| p.is_element() && local(p) == "p")
                            .map(|p| odt_inline(p, out))
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .unwrap_or_default();
                s.push_str(&format!("[{}]", out.note(body)));
            }
            "note-citation" | "note-body" | "annotation" | "bookmark" | "bookmark-start"
            | "bookmark-end" | "soft-page-break" => {}
            _ => s.push_str(&odt_inline(c, out)),
        }
    }
    s
}
