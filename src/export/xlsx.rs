//! Excel workbooks: sheet "table" (the wide table), "data" (the long, tidy
//! table) and "notes". Text is always written as a string cell, never as a
//! formula, so a quote that starts with `=` cannot run in a spreadsheet.

use std::io::Write;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::analysis::{Cell, Report, Table};

fn to_io(e: XlsxError) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

fn write_sheet(ws: &mut Worksheet, table: &Table, bold: &Format) -> Result<(), XlsxError> {
    for (c, name) in table.columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, name, bold)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => ws.write_string(r, c, &**s)?,
                Cell::Int(n) => ws.write_number(r, c, *n as f64)?,
                Cell::Percent(p) => ws.write_number(r, c, *p)?,
                Cell::Ratio(x) => ws.write_number(r, c, *x)?,
            };
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofit();
    Ok(())
}

pub fn write_xlsx(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    write_sheet(
        wb.add_worksheet().set_name("table").map_err(to_io)?,
        &report.wide,
        &bold,
    )
    .map_err(to_io)?;
    write_sheet(
        wb.add_worksheet().set_name("data").map_err(to_io)?,
        &report.long,
        &bold,
    )
    .map_err(to_io)?;
    let notes = wb.add_worksheet().set_name("notes").map_err(to_io)?;
    notes
        .write_string_with_format(0, 0, &report.title, &bold)
        .map_err(to_io)?;
    for (i, n) in report.notes.iter().enumerate() {
        notes.write_string(i as u32 + 1, 0, n).map_err(to_io)?;
    }
    let bytes = wb.save_to_buffer().map_err(to_io)?;
    out.write_all(&bytes)
}
