//! Word documents holding a table (and the review sheet), via docx-rs.

use std::io::Write;

use docx_rs::{Docx, Paragraph, Run, Table as DocxTable, TableCell, TableRow};

use crate::analysis::Report;

pub(super) fn text_paragraph(text: &str, bold: bool, size: Option<usize>) -> Paragraph {
    let mut run = Run::new().add_text(text);
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

pub fn write_docx(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let t = &report.wide;
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.iter().map(|c| c.display()).collect())
        .collect();
    let mut doc = Docx::new()
        .add_paragraph(text_paragraph(&report.title, true, Some(24)))
        .add_table(table(&t.columns, &rows));
    for n in &report.notes {
        doc = doc.add_paragraph(text_paragraph(&format!("Note: {n}"), false, Some(18)));
    }
    pack(doc, out)
}
