use std::io::Write;

use crate::analysis::{Cell, Table};

/// Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and some
/// with tab or carriage return) as a formula. A quote from a transcript must
/// never do that, so such text cells get a leading apostrophe, which
/// spreadsheets show as text. Numbers are left alone.
pub fn neutralise_formula(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

/// Writes a header row and one record per row (RFC 4180, UTF-8, `\n`).
pub fn write_csv(table: &Table, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(
        table
            .columns
            .iter()
            .map(|c| neutralise_formula(c).into_owned()),
    )?;
    for row in &table.rows {
        w.write_record(row.iter().map(|cell| match cell {
            Cell::Text(s) => neutralise_formula(s).into_owned(),
            other => other.display(),
        }))?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_numbers_are_not() {
        let mut t = Table::new("t", vec!["a".into(), "b".into()]);
        t.rows
            .push(vec![Cell::text("=HYPERLINK(\"x\")"), Cell::Int(-3)]);
        t.rows
            .push(vec![Cell::text("plain, with comma"), Cell::Percent(41.66)]);
        let mut out = Vec::new();
        write_csv(&t, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,b\n\"'=HYPERLINK(\"\"x\"\")\",-3\n\"plain, with comma\",41.7\n"
        );
    }
}
