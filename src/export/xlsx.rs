//! Excel workbooks: sheet "table" (the wide table), "data" (the long, tidy
//! table) and "notes". Text is always written as a string cell, never as a
//! formula, so a quote that starts with `=` cannot run in a spreadsheet.

use std::io::Write;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::analysis::{Cell, Report, Table};

fn to_io(e: XlsxError) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

/// Excel's limit on the characters in one cell.
pub const CELL_LIMIT: usize = 32_767;

/// `s` as a cell's text: without the characters XML forbids, and cut to
/// Excel's limit with a visible marker (counted in the note). Returns
/// whether it was cut.
fn cell_text(s: &str) -> (std::borrow::Cow<'_, str>, bool) {
    let safe = super::xml_safe(s);
    let n = safe.chars().count();
    if n <= CELL_LIMIT {
        return (safe, false);
    }
    let marker = format!(" [… cut: {n} characters in all, Excel keeps at most {CELL_LIMIT}]");
    let keep = CELL_LIMIT - marker.chars().count();
    let mut cut: String = safe.chars().take(keep).collect();
    cut.push_str(&marker);
    (cut.into(), true)
}

struct Formats {
    bold: Format,
    percent: Format,
    ratio: Format,
    statistic: Format,
}

/// Writes `table`; returns how many cells were cut to Excel's limit.
fn write_sheet(ws: &mut Worksheet, table: &Table, f: &Formats) -> Result<usize, XlsxError> {
    let mut cut = 0;
    for (c, name) in table.columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, cell_text(name).0, &f.bold)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => {
                    let (text, was_cut) = cell_text(s);
                    cut += usize::from(was_cut);
                    ws.write_string(r, c, text)?
                }
                Cell::Int(n) => ws.write_number(r, c, *n as f64)?,
                // A percentage is stored as the fraction it is (0.7 shown
                // as 70.0%), so spreadsheets compute with it.
                Cell::Percent(p) => ws.write_number_with_format(r, c, *p / 100.0, &f.percent)?,
                Cell::Ratio(x) => ws.write_number_with_format(r, c, *x, &f.ratio)?,
                Cell::Statistic(x) => ws.write_number_with_format(r, c, *x, &f.statistic)?,
                Cell::Share { .. } => ws.write_string(r, c, cell.human())?,
            };
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofit();
    Ok(cut)
}

pub fn write_xlsx(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut wb = Workbook::new();
    let f = Formats {
        bold: Format::new().set_bold(),
        percent: Format::new().set_num_format("0.0%"),
        ratio: Format::new().set_num_format("0.000"),
        statistic: Format::new().set_num_format("0.000000"),
    };
    let mut cut = write_sheet(
        wb.add_worksheet().set_name("table").map_err(to_io)?,
        &report.wide,
        &f,
    )
    .map_err(to_io)?;
    cut += write_sheet(
        wb.add_worksheet().set_name("data").map_err(to_io)?,
        &report.long,
        &f,
    )
    .map_err(to_io)?;
    let mut notes_text: Vec<String> = report.notes.clone();
    if cut > 0 {
        notes_text.push(crate::t!(
            "report-xlsx-cut",
            count = cut,
            limit = CELL_LIMIT.to_string()
        ));
    }
    let notes = wb.add_worksheet().set_name("notes").map_err(to_io)?;
    notes
        .write_string_with_format(0, 0, cell_text(&report.title).0, &f.bold)
        .map_err(to_io)?;
    for (i, n) in notes_text.iter().enumerate() {
        notes
            .write_string(i as u32 + 1, 0, cell_text(n).0)
            .map_err(to_io)?;
    }
    let bytes = wb.save_to_buffer().map_err(to_io)?;
    out.write_all(&bytes)
}
