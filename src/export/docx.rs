//! Word documents holding a table (and the review sheet), via docx-rs.

use std::io::Write;

use docx_rs::{Docx, Paragraph, Run, Table as DocxTable, TableCell, TableRow};

use crate::analysis::{Cell, Report};

pub(super) fn text_paragraph(text: &str, bold: bool, size: Option<usize>) -> Paragraph {
    let mut run = Run::new();
    for (i, line) in super::xml_safe(text).split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(docx_rs::BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    if bold {
        run = run.bold();
    }
    if let Some(s) = size {
        run = run.size(s);
    }
    Paragraph::new().add_run(run)
}

pub(super) fn table(columns: &[String], rows: &[Vec<String>]) -> DocxTable {
    let cell =
        |t: &str, bold: bool| TableCell::new().add_paragraph(text_paragraph(t, bold, Some(18)));
    let mut trs = vec![TableRow::new(
        columns.iter().map(|c| cell(c, true)).collect(),
    )];
    trs.extend(
        rows.iter()
            .map(|r| TableRow::new(r.iter().map(|c| cell(c, false)).collect())),
    );
    DocxTable::new(trs)
}

/// Packs a document into `out`.
pub(super) fn pack(doc: Docx, out: &mut dyn Write) -> std::io::Result<()> {
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut buf)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    out.write_all(buf.get_ref())
}

/// Text for a `w:t` element: escaped, without the characters XML 1.0
/// forbids.
fn esc(s: &str) -> String {
    super::html::escape(&super::xml_safe(s))
}

/// A cell's paragraph: 9 pt, no spacing after, line breaks kept as
/// `<w:br/>`, right-aligned for numbers.
fn cell_xml(
    out: &mut dyn Write,
    text: &str,
    bold: bool,
    right: bool,
    border: Option<&str>,
) -> std::io::Result<()> {
    write!(out, "<w:tc><w:tcPr>")?;
    if let Some(b) = border {
        write!(out, "<w:tcBorders>{b}</w:tcBorders>")?;
    }
    write!(
        out,
        "</w:tcPr><w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/>"
    )?;
    if right {
        write!(out, "<w:jc w:val=\"right\"/>")?;
    }
    write!(out, "</w:pPr><w:r><w:rPr>")?;
    if bold {
        write!(out, "<w:b/>")?;
    }
    write!(out, "<w:sz w:val=\"18\"/></w:rPr>")?;
    let safe = super::xml_safe(text);
    for (i, line) in safe.split('\n').enumerate() {
        if i > 0 {
            write!(out, "<w:br/>")?;
        }
        write!(
            out,
            "<w:t xml:space=\"preserve\">{}</w:t>",
            super::html::escape(line)
        )?;
    }
    write!(out, "</w:r></w:p></w:tc>")
}

const RULE: &str = "w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"000000\"";

/// A Word document in the journal style: the caption "Table 1. Title"
/// above, the table with rules above and below it and under its header
/// (no grid), the header row repeated on every page, notes below.
///
/// Written straight into the zip entry, row by row: a table of 100,000
/// quotes needs no more memory than its compressed file.
pub fn write_docx(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    use std::io::Write as _;
    let zerr = |e: zip::result::ZipError| std::io::Error::other(e.to_string());
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    zip.start_file("[Content_Types].xml", options)
        .map_err(zerr)?;
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#)?;
    zip.start_file("_rels/.rels", options).map_err(zerr)?;
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#)?;
    zip.start_file("word/document.xml", options).map_err(zerr)?;
    {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, &mut zip);
        write_document_xml(report, &mut w)?;
        w.flush()?;
    }
    let cursor = zip.finish().map_err(zerr)?;
    out.write_all(&cursor.into_inner())
}

/// Column widths in twips over the text width of an A4 page (9,638):
/// number columns as wide as their longest header word or number, text
/// columns sharing the rest by their longest line. Word and LibreOffice lay
/// the table out from these.
fn grid(t: &crate::analysis::Table, numeric: &[bool]) -> Vec<usize> {
    const TEXT_WIDTH: f64 = 9638.0;
    // About 100 twips per character at 9 pt, plus the cell margins.
    let chars = |s: &str| s.chars().count() as f64;
    let word = |s: &str| s.split_whitespace().map(chars).fold(0.0, f64::max);
    let widths: Vec<(bool, f64)> = (0..t.columns.len())
        .map(|i| {
            let cells = t.rows.iter().filter_map(|r| r.get(i)).map(|c| c.human());
            if numeric[i] {
                let n = cells.map(|c| chars(&c)).fold(word(&t.columns[i]), f64::max);
                // Bold headers are wider than the digits below them.
                (true, n * 120.0 + 250.0)
            } else {
                let n = cells
                    .map(|c| c.lines().map(chars).fold(0.0, f64::max))
                    .fold(chars(&t.columns[i]), f64::max);
                (false, n * 100.0 + 200.0)
            }
        })
        .collect();
    let fixed: f64 = widths.iter().filter(|w| w.0).map(|w| w.1).sum();
    let text: f64 = widths.iter().filter(|w| !w.0).map(|w| w.1).sum();
    let room = (TEXT_WIDTH - fixed).max(TEXT_WIDTH * 0.15);
    let scale_numbers = if fixed > TEXT_WIDTH * 0.85 {
        TEXT_WIDTH * 0.85 / fixed
    } else {
        1.0
    };
    widths
        .iter()
        .map(|&(num, w)| {
            let w = if num {
                w * scale_numbers
            } else if text > room {
                room * w / text
            } else {
                w
            };
            w.round() as usize
        })
        .collect()
}

fn write_document_xml(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let t = &report.wide;
    write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
    )?;
    write!(
        out,
        "<w:p><w:pPr><w:keepNext/><w:spacing w:after=\"120\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{} </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        esc(&crate::t!("report-table-caption")),
        esc(&report.title)
    )?;
    let numeric: Vec<bool> = (0..t.columns.len())
        .map(|i| {
            !t.rows.is_empty()
                && t.rows.iter().all(|r| {
                    r.get(i).is_some_and(|c| {
                        c.is_number() || matches!(c, Cell::Text(s) if &**s == "—" || s.is_empty())
                    })
                })
        })
        .collect();
    write!(
        out,
        "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders><w:top {RULE}/><w:bottom {RULE}/></w:tblBorders><w:tblLayout w:type=\"autofit\"/><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
    )?;
    for w in grid(t, &numeric) {
        write!(out, "<w:gridCol w:w=\"{w}\"/>")?;
    }
    write!(out, "</w:tblGrid>")?;
    // The header row, repeated on every page, with a rule under it.
    write!(out, "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>")?;
    let under = format!("<w:bottom {RULE}/>");
    for (i, c) in t.columns.iter().enumerate() {
        cell_xml(out, c, true, numeric[i], Some(&under))?;
    }
    write!(out, "</w:tr>")?;
    for row in &t.rows {
        write!(out, "<w:tr>")?;
        for (i, c) in row.iter().enumerate() {
            cell_xml(
                out,
                &c.human(),
                false,
                numeric.get(i).copied().unwrap_or(false),
                None,
            )?;
        }
        write!(out, "</w:tr>")?;
    }
    write!(out, "</w:tbl>")?;
    for n in &report.notes {
        write!(
            out,
            "<w:p><w:pPr><w:spacing w:before=\"60\" w:after=\"0\"/></w:pPr><w:r><w:rPr><w:i/><w:sz w:val=\"18\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r><w:r><w:rPr><w:sz w:val=\"18\"/></w:rPr><w:t xml:space=\"preserve\"> {}</w:t></w:r></w:p>",
            esc(&crate::t!("report-note-label")),
            esc(n)
        )?;
    }
    write!(
        out,
        "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1134\" w:bottom=\"1440\" w:left=\"1134\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    )
}
