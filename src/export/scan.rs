//! `jalin pseudonyms PROJECT check FILE…`: finds every real name of the
//! pseudonym table left in an exported file, so an author can show an
//! output clean before sending it.
//!
//! Text formats (CSV, Markdown, LaTeX, HTML, SVG, DOT, plain text) are read
//! as they are, with XML and HTML character references decoded in a second
//! look (`S&#97;ri` is still "Sari") and LaTeX accent commands in a third
//! (`\'{S}araswati`); text that is not UTF-8 is decoded as the importer
//! decodes it (UTF-16 by its BOM, a code page by guessing). Zip containers
//! (DOCX, XLSX, ODT, `.qdpx`) are opened with the same safe reader the
//! importers use; each XML part is parsed and its attribute values and
//! texts are searched, the text of a paragraph (`w:p`, `a:p`, `text:p`) or
//! a spreadsheet string (`si`) joined whole, so a name Word split over two
//! runs is still found; breaks and tabs between runs read as spaces, and
//! tracked deletions are read as the paragraph stood before them.
//! Images (PNG) cannot be read back and are reported as unchecked.

use std::borrow::Cow;
use std::io::Cursor;
use std::path::Path;

use crate::container::archive::{Archive, Limits};
use crate::model::pseudonyms::Pseudonymiser;

/// The largest file `check` reads (a report or `.qdpx` of a million
/// codings stays well below it).
const MAX_FILE: u64 = 2 * 1024 * 1024 * 1024;

/// One real name found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// Where in the file: `line 3, column 14`, or the part of a zip and
    /// what in it (`word/document.xml, paragraph 12`).
    pub place: String,
    /// The text as it stands in the file.
    pub found: String,
    /// The row of the table it matches (real name).
    pub real: String,
    /// Up to 40 characters either side, on one line.
    pub context: String,
}

fn context(text: &str, byte_start: usize, byte_end: usize) -> String {
    let before: String = text[..byte_start]
        .chars()
        .rev()
        .take(40)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[byte_end..].chars().take(40).collect();
    let one_line = |s: &str| {
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
    };
    format!(
        "…{}[{}]{}…",
        one_line(&before),
        one_line(&text[byte_start..byte_end]),
        one_line(&after)
    )
}

/// Occurrences in one piece of text; `place` says where the piece is,
/// `lines` whether to add line and column.
fn scan_piece(ps: &Pseudonymiser, text: &str, place: &str, lines: bool) -> Vec<Occurrence> {
    ps.find(text)
        .into_iter()
        .map(|f| {
            let at = if lines {
                let before = &text[..f.byte_start];
                let line = before.matches('\n').count() + 1;
                let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                if place.is_empty() {
                    crate::t!(
                        "scan-at-line",
                        line = line.to_string(),
                        column = col.to_string()
                    )
                } else {
                    crate::t!(
                        "scan-in-at-line",
                        place = place,
                        line = line.to_string(),
                        column = col.to_string()
                    )
                }
            } else {
                place.to_string()
            };
            Occurrence {
                place: at,
                found: text[f.byte_start..f.byte_end].to_string(),
                real: ps.entries()[f.entry].real.clone(),
                context: context(text, f.byte_start, f.byte_end),
            }
        })
        .collect()
}

/// `text` with XML/HTML character references and named entities decoded:
/// XML's five, and HTML's for Latin and Greek letters and punctuation
/// (`Chlo&eacute;`, `Bu&shy;di`, `O&rsquo;Brien` from Word's "Save as
/// HTML"); others left as they are.
fn decode_references(text: &str) -> Option<String> {
    if !text.contains('&') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail[..tail.len().min(12)].find(';');
        let decoded = end.and_then(|e| {
            let name = &tail[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                _ => super::entities::NAMED
                    .binary_search_by(|(n, _)| n.cmp(&name))
                    .ok()
                    .map(|i| super::entities::NAMED[i].1),
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Some(out)
}

/// A text file: as it is, then with references decoded, then with LaTeX
/// accent commands decoded (Jalin's LaTeX writes `Ś` as `\'{S}`); the
/// reading that finds the most names is reported.
fn scan_text(ps: &Pseudonymiser, text: &str, place: &str) -> Vec<Occurrence> {
    let mut hits = scan_piece(ps, text, place, true);
    let decoded = decode_references(text);
    if let Some(decoded) = &decoded {
        let more = scan_piece(ps, decoded, place, true);
        if more.len() > hits.len() {
            hits = relabel(more, |p| crate::t!("scan-after-decoding", place = p));
        }
    }
    let text = decoded.as_deref().unwrap_or(text);
    if text.contains('\\') {
        let more = scan_piece(ps, &super::latex::unescape(text), place, true);
        if more.len() > hits.len() {
            hits = relabel(more, |p| crate::t!("scan-after-latex", place = p));
        }
        // Markdown's backslash escapes (`O\'Brien`) and DOT's line breaks
        // in labels (`Siti\nAminah`, drawn on two lines).
        let more = scan_piece(ps, &unescape_backslashes(text), place, true);
        if more.len() > hits.len() {
            hits = relabel(more, |p| crate::t!("scan-after-decoding", place = p));
        }
    }
    hits
}

/// `text` with a backslash before punctuation dropped (Markdown) and
/// `\n`, `\l`, `\r` read as a space (Graphviz labels).
fn unescape_backslashes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek().copied()) {
            ('\\', Some('n' | 'l' | 'r')) => {
                chars.next();
                out.push(' ');
            }
            ('\\', Some(p)) if p.is_ascii_punctuation() => {
                chars.next();
                out.push(p);
            }
            (c, _) => out.push(c),
        }
    }
    out
}

/// Hits whose place says how the text was read.
fn relabel(hits: Vec<Occurrence>, how: impl Fn(&str) -> String) -> Vec<Occurrence> {
    hits.into_iter()
        .map(|mut h| {
            h.place = how(&h.place);
            h
        })
        .collect()
}

/// Elements whose text is one run of prose: Word and OpenDocument
/// paragraphs, DrawingML paragraphs, spreadsheet strings.
const BLOCKS: &[&str] = &["p", "si", "is", "h"];

/// What an element between runs stands for in a paragraph's text: Word's
/// line breaks, carriage returns, tabs and non-breaking hyphens,
/// OpenDocument's tabs, line breaks and spaces (`text:s`), DrawingML's
/// breaks. Without it "Wayan<w:br/>Sudarsana" would read "WayanSudarsana".
fn stands_for(tag: &str) -> Option<char> {
    match tag {
        "br" | "cr" | "tab" | "line-break" | "s" => Some(' '),
        "noBreakHyphen" => Some('-'),
        _ => None,
    }
}

/// A paragraph's text read two ways: as it stands (tracked insertions
/// in, deletions out), and as it stood (deletions in, insertions out),
/// with where the deleted text lies in the second. Runs are joined with
/// nothing between them, so a name Word split over two runs is whole.
#[derive(Default)]
struct Block {
    current: String,
    original: String,
    /// Byte ranges of `original` that are tracked deletions.
    deleted: Vec<(usize, usize)>,
}

impl Block {
    fn read(node: roxmltree::Node<'_, '_>) -> Block {
        let mut b = Block::default();
        for d in node.descendants() {
            let tag = d.tag_name().name();
            if d.is_element() {
                if let Some(c) = stands_for(tag) {
                    b.current.push(c);
                    b.original.push(c);
                }
                continue;
            }
            let Some(text) = d.text().filter(|_| d.is_text()) else {
                continue;
            };
            let parent = d.parent().map_or("", |p| p.tag_name().name());
            let inserted = d.ancestors().any(|a| a.tag_name().name() == "ins");
            match parent {
                // Deleted text and deleted field codes: only as it stood.
                "delText" | "delInstrText" => {
                    let start = b.original.len();
                    b.original.push_str(text);
                    b.deleted.push((start, b.original.len()));
                }
                // A field code (`AUTHOR Budi`) is words of its own.
                "instrText" => {
                    for s in [&mut b.current, &mut b.original] {
                        s.push(' ');
                        s.push_str(text);
                        s.push(' ');
                    }
                }
                _ => {
                    b.current.push_str(text);
                    if !inserted {
                        b.original.push_str(text);
                    }
                }
            }
        }
        b
    }

    /// Whether bytes `start..end` of `original` touch deleted text.
    fn deleted_in(&self, start: usize, end: usize) -> bool {
        self.deleted.iter().any(|&(s, e)| s < end && start < e)
    }
}

fn scan_xml(ps: &Pseudonymiser, text: &str, part: &str) -> Vec<Occurrence> {
    let Ok(doc) = crate::container::xml::parse(text) else {
        return scan_text(ps, text, part);
    };
    let mut hits = Vec::new();
    let mut blocks = 0usize;
    let mut stack = vec![doc.root()];
    while let Some(node) = stack.pop() {
        if node.is_element() {
            for a in node.attributes() {
                let place = crate::t!(
                    "scan-attribute",
                    part = part,
                    name = a.name(),
                    tag = node.tag_name().name()
                );
                hits.extend(scan_piece(ps, a.value(), &place, false));
            }
            if BLOCKS.contains(&node.tag_name().name()) {
                blocks += 1;
                let place = crate::t!(
                    "scan-block",
                    part = part,
                    tag = node.tag_name().name(),
                    number = blocks.to_string()
                );
                let block = Block::read(node);
                hits.extend(scan_piece(ps, &block.current, &place, false));
                if !block.deleted.is_empty() {
                    let deleted = crate::t!("scan-deleted", place = place.as_str());
                    hits.extend(
                        scan_piece(ps, &block.original, &deleted, false)
                            .into_iter()
                            .zip(ps.find(&block.original))
                            .filter(|(_, f)| block.deleted_in(f.byte_start, f.byte_end))
                            .map(|(h, _)| h),
                    );
                }
                // Attributes below a block are still searched.
                for d in node.descendants().skip(1).filter(|d| d.is_element()) {
                    for a in d.attributes() {
                        let place = crate::t!(
                            "scan-attribute",
                            part = part,
                            name = a.name(),
                            tag = d.tag_name().name()
                        );
                        hits.extend(scan_piece(ps, a.value(), &place, false));
                    }
                }
                continue;
            }
        } else if node.is_text() {
            let place = crate::t!(
                "scan-text-of",
                part = part,
                tag = node.parent().map_or("", |p| p.tag_name().name())
            );
            hits.extend(scan_piece(ps, node.text().unwrap_or(""), &place, false));
        }
        let children: Vec<_> = node.children().collect();
        stack.extend(children.into_iter().rev());
    }
    hits
}

fn looks_like_xml(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
}

/// Every real name in the bytes of a file. `Err` says why the file could
/// not be searched (an image, a damaged archive).
pub fn scan_bytes(ps: &Pseudonymiser, bytes: &[u8]) -> Result<Vec<Occurrence>, String> {
    scan_bytes_read_as(ps, bytes).map(|(hits, _)| hits)
}

/// [`scan_bytes`], and the encoding a text file that is not UTF-8 was
/// read in (`windows-1252`, `UTF-16LE`), for the author to know what was
/// assumed.
pub fn scan_bytes_read_as(
    ps: &Pseudonymiser,
    bytes: &[u8],
) -> Result<(Vec<Occurrence>, Option<&'static str>), String> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let mut zip = Archive::new(Cursor::new(bytes), Limits::default())
            .map_err(|e| crate::t!("scan-bad-zip", why = e.to_string()))?;
        let mut hits = Vec::new();
        for name in zip.names() {
            let data = zip.read(&name).map_err(|e| {
                crate::t!("scan-bad-part", name = name.as_str(), why = e.to_string())
            })?;
            // Images and other binary parts hold no text to search.
            match std::str::from_utf8(&data) {
                Ok(text) if looks_like_xml(text) => hits.extend(scan_xml(ps, text, &name)),
                Ok(text) => hits.extend(scan_text(ps, text, &name)),
                Err(_) => {}
            }
        }
        return Ok((hits, None));
    }
    if bytes.starts_with(b"\x89PNG") {
        return Err(crate::t!("scan-png"));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(crate::t!("scan-pdf"));
    }
    let (text, read_as) = text_of(bytes)?;
    let text = text.trim_start_matches('\u{feff}');
    Ok((scan_text(ps, text, ""), read_as))
}

/// A text file's text: UTF-8 as it is; anything else decoded as the
/// importer decodes transcripts (UTF-16 by its byte-order mark, a legacy
/// code page such as Windows-1252 by guessing), so "\xd1oman" is read as
/// "Ñoman" and not passed over as an undecodable byte.
fn text_of(bytes: &[u8]) -> Result<(Cow<'_, str>, Option<&'static str>), String> {
    use crate::import::decode::{DecodeProblem, decode};
    if let Ok(t) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(t), None));
    }
    match decode(bytes) {
        Ok(d) => Ok((Cow::Owned(d.text), Some(d.encoding))),
        Err(DecodeProblem::Empty | DecodeProblem::Blank) => Ok((Cow::Borrowed(""), None)),
        // Bytes no encoding reads whole: what decodes is still searched.
        Err(DecodeProblem::Undecodable(_)) if !bytes.contains(&0) => {
            Ok((String::from_utf8_lossy(bytes), None))
        }
        Err(_) => Err(crate::t!("scan-binary")),
    }
}

/// [`scan_bytes`] on a file, read safely (regular files only, size capped).
pub fn scan_file(ps: &Pseudonymiser, path: &Path) -> Result<Vec<Occurrence>, String> {
    scan_file_read_as(ps, path).map(|(hits, _)| hits)
}

/// [`scan_bytes_read_as`] on a file.
pub fn scan_file_read_as(
    ps: &Pseudonymiser,
    path: &Path,
) -> Result<(Vec<Occurrence>, Option<&'static str>), String> {
    let bytes = crate::files::read_limited(path, MAX_FILE).map_err(|e| e.to_string())?;
    scan_bytes_read_as(ps, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pseudonyms::{Pseudonym, PseudonymKind};

    fn ps() -> Pseudonymiser {
        Pseudonymiser::new(&[Pseudonym::new("Sari", "Rina", PseudonymKind::Person)])
    }

    #[test]
    fn text_with_lines_and_references() {
        let hits = scan_bytes(&ps(), "a,b\nsaid S&#97;ri,ok\nSARI\n".as_bytes()).unwrap();
        let places: Vec<&str> = hits.iter().map(|h| h.place.as_str()).collect();
        assert_eq!(
            places,
            vec![
                "line 2, column 6 (after decoding &-references)",
                "line 3, column 1 (after decoding &-references)"
            ]
        );
        assert!(scan_bytes(&ps(), b"Rina only").unwrap().is_empty());
        assert!(
            scan_bytes(&ps(), b"\x89PNG\r\n")
                .unwrap_err()
                .contains("PNG")
        );
    }

    fn wayan() -> Pseudonymiser {
        Pseudonymiser::new(&[
            Pseudonym::new("Wayan Sudarsana", "Person 1", PseudonymKind::Person),
            Pseudonym::new("Budi", "Person 2", PseudonymKind::Person),
            Pseudonym::new("Mary-Jane", "Person 3", PseudonymKind::Person),
        ])
    }

    /// PSE-15: breaks, tabs and spaces between runs are white space, a
    /// non-breaking hyphen a hyphen, tracked deletions and field codes read.
    #[test]
    fn xml_breaks_tabs_deletions_and_fields() {
        let found = |body: &str| {
            let xml = format!(
                r#"<w:document xmlns:w="w" xmlns:text="t"><w:body>{body}</w:body></w:document>"#
            );
            scan_xml(&wayan(), &xml, "word/document.xml")
                .into_iter()
                .map(|h| h.real)
                .collect::<Vec<_>>()
        };
        for sep in [
            "<w:br/>",
            "<w:tab/>",
            "<w:cr/>",
            "<text:tab/>",
            "<text:line-break/>",
            "<text:s/>",
        ] {
            let body = format!("<w:p><w:r><w:t>Wayan</w:t>{sep}<w:t>Sudarsana</w:t></w:r></w:p>");
            assert_eq!(found(&body), ["Wayan Sudarsana"], "{sep}");
        }
        assert_eq!(
            found("<w:p><w:r><w:t>Mary</w:t><w:noBreakHyphen/><w:t>Jane</w:t></w:r></w:p>"),
            ["Mary-Jane"]
        );
        // Runs without such elements still join with nothing.
        assert_eq!(
            found("<w:p><w:r><w:t>Bu</w:t></w:r><w:r><w:t>di</w:t></w:r></w:p>"),
            ["Budi"]
        );
        // A tracked change: "Budi" deleted, "Joko" put in its place.
        let hits = scan_xml(
            &wayan(),
            r#"<w:p xmlns:w="w"><w:r><w:t>ask </w:t></w:r><w:del><w:r><w:delText>Budi</w:delText></w:r></w:del><w:ins><w:r><w:t>Joko</w:t></w:r></w:ins></w:p>"#,
            "word/document.xml",
        );
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert!(hits[0].place.contains("tracked deletion"), "{hits:?}");
        assert_eq!(
            found(
                r#"<w:p><w:r><w:instrText>AUTHOR</w:instrText></w:r><w:r><w:instrText>Budi</w:instrText></w:r></w:p>"#
            ),
            ["Budi"]
        );
    }

    /// PSE-16, PSE-17: LaTeX accent commands decoded; text that is not
    /// UTF-8 decoded in the encoding it is guessed to be, and said.
    #[test]
    fn latex_accents_and_legacy_encodings() {
        let ps = Pseudonymiser::new(&[
            Pseudonym::new("Śaraswati", "Person 1", PseudonymKind::Person),
            Pseudonym::new("Ñoman", "Person 2", PseudonymKind::Person),
        ]);
        let hits = scan_bytes(&ps, br"said \'{S}araswati \& \~{N}oman").unwrap();
        assert_eq!(hits.len(), 2, "{hits:?}");
        assert!(hits[0].place.contains("LaTeX"), "{hits:?}");
        let (hits, read_as) = scan_bytes_read_as(&ps, b"id,text\n1,\xd1oman went home\n").unwrap();
        assert_eq!((hits.len(), read_as), (1, Some("windows-1252")));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("1,Ñoman\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let (hits, read_as) = scan_bytes_read_as(&ps, &utf16).unwrap();
        assert_eq!((hits.len(), read_as), (1, Some("UTF-16LE")));
    }

    #[test]
    fn xml_split_runs_and_attributes() {
        let xml = r#"<w:document xmlns:w="x"><w:p><w:r><w:t>Sa</w:t></w:r><w:r><w:t>ri said</w:t></w:r></w:p><c name="sari"/></w:document>"#;
        let hits = scan_xml(&ps(), xml, "word/document.xml");
        assert_eq!(hits.len(), 2, "{hits:?}");
        assert_eq!(hits[0].place, "word/document.xml, <p> number 1");
        assert_eq!(hits[1].place, "word/document.xml, attribute name of <c>");
    }
}
