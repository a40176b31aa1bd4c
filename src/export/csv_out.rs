use std::io::Write;

use crate::analysis::{Cell, Table};

/// Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and some
/// with tab or carriage return) as a formula. A quote from a transcript must
/// never do that, so such text cells get a leading apostrophe, which
/// spreadsheets show as text. Numbers are left alone.
///
/// The guard can be taken back off exactly ([`restore_formula`], which
/// `jalin code --from` applies to names, so `list codings` output
/// round-trips): a text that already starts with apostrophes before such a
/// character gets one more, as a spreadsheet would need too.
pub fn neutralise_formula(text: &str) -> std::borrow::Cow<'_, str> {
    if formula_like(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// Undoes [`neutralise_formula`]: `restore_formula(&neutralise_formula(x))
/// == x` for every text, and a text the guard never touches (one not
/// starting with `'` before a formula character) is returned as it is.
pub fn restore_formula(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => text,
    }
}

/// Starts, after any apostrophes, with a character that starts a formula.
fn formula_like(text: &str) -> bool {
    text.trim_start_matches('\'')
        .starts_with(['=', '+', '-', '@', '\t', '\r'])
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

    #[test]
    fn the_guard_comes_back_off_exactly() {
        for x in [
            "-leading dash",
            "=sum",
            "+plus",
            "@at",
            "\ttab",
            "'=quoted",
            "''-two",
            "'plain quote",
            "plain",
            "",
            "'",
            "it's",
            "'@",
        ] {
            assert_eq!(restore_formula(&neutralise_formula(x)), x, "{x:?}");
        }
        assert_eq!(neutralise_formula("'=x"), "''=x");
        assert_eq!(neutralise_formula("'plain"), "'plain");
        assert_eq!(restore_formula("'plain"), "'plain");
        assert_eq!(restore_formula("'-x"), "-x");
    }
}
