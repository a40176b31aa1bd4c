//! `jalin pseudonyms PROJECT check FILE…`: finds every real name of the
//! pseudonym table left in an exported file, so an author can show an
//! output clean before sending it.
//!
//! Text formats (CSV, Markdown, LaTeX, HTML, SVG, DOT, plain text) are read
//! as they are, with XML and HTML character references decoded in a second
//! look (`S&#97;ri` is still "Sari"). Zip containers (DOCX, XLSX, ODT,
//! `.qdpx`) are opened with the same safe reader the importers use; each
//! XML part is parsed and its attribute values and texts are searched, the
//! text of a paragraph (`w:p`, `a:p`, `text:p`) or a spreadsheet string
//! (`si`) joined whole, so a name Word split over two runs is still found.
//! Images (PNG) cannot be read back and are reported as unchecked.

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

/// `text` with XML/HTML character references and the five named entities
/// decoded (others left as they are).
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
                _ => None,
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

/// A text file: as it is, then with references decoded (hits only found
/// that way are added).
fn scan_text(ps: &Pseudonymiser, text: &str, place: &str) -> Vec<Occurrence> {
    let hits = scan_piece(ps, text, place, true);
    if let Some(decoded) = decode_references(text) {
        let more = scan_piece(ps, &decoded, place, true);
        if more.len() > hits.len() {
            return more
                .into_iter()
                .map(|mut h| {
                    h.place = crate::t!("scan-after-decoding", place = h.place.as_str());
                    h
                })
                .collect();
        }
    }
    hits
}

/// Elements whose text is one run of prose: Word and OpenDocument
/// paragraphs, DrawingML paragraphs, spreadsheet strings.
const BLOCKS: &[&str] = &["p", "si", "is", "h"];

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
                let joined: String = node
                    .descendants()
                    .filter(|d| d.is_text())
                    .filter_map(|d| d.text())
                    .collect();
                let place = crate::t!(
                    "scan-block",
                    part = part,
                    tag = node.tag_name().name(),
                    number = blocks.to_string()
                );
                hits.extend(scan_piece(ps, &joined, &place, false));
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
        return Ok(hits);
    }
    if bytes.starts_with(b"\x89PNG") {
        return Err(crate::t!("scan-png"));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(crate::t!("scan-pdf"));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(_) if bytes.contains(&0) => {
            return Err(crate::t!("scan-binary"));
        }
        Err(_) => String::from_utf8_lossy(bytes),
    };
    let text = text.trim_start_matches('\u{feff}');
    Ok(scan_text(ps, text, ""))
}

/// [`scan_bytes`] on a file, read safely (regular files only, size capped).
pub fn scan_file(ps: &Pseudonymiser, path: &Path) -> Result<Vec<Occurrence>, String> {
    let bytes = crate::files::read_limited(path, MAX_FILE).map_err(|e| e.to_string())?;
    scan_bytes(ps, &bytes)
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

    #[test]
    fn xml_split_runs_and_attributes() {
        let xml = r#"<w:document xmlns:w="x"><w:p><w:r><w:t>Sa</w:t></w:r><w:r><w:t>ri said</w:t></w:r></w:p><c name="sari"/></w:document>"#;
        let hits = scan_xml(&ps(), xml, "word/document.xml");
        assert_eq!(hits.len(), 2, "{hits:?}");
        assert_eq!(hits[0].place, "word/document.xml, <p> number 1");
        assert_eq!(hits[1].place, "word/document.xml, attribute name of <c>");
    }
}
