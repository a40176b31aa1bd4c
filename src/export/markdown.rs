use std::io::Write;

use crate::analysis::Table;

/// Writes a GitHub-flavoured Markdown table; numbers right-aligned. Pipes in
/// cells are escaped and line breaks become spaces, so a quote cannot break
/// the table.
pub fn write_markdown(table: &Table, out: &mut dyn Write) -> std::io::Result<()> {
    let esc = escape;
    writeln!(
        out,
        "| {} |",
        table
            .columns
            .iter()
            .map(|c| esc(c))
            .collect::<Vec<_>>()
            .join(" | ")
    )?;
    let numeric: Vec<bool> = (0..table.columns.len())
        .map(|i| {
            !table.rows.is_empty()
                && table
                    .rows
                    .iter()
                    .all(|r| r.get(i).is_some_and(|c| c.is_number()))
        })
        .collect();
    let rule: Vec<&str> = numeric
        .iter()
        .map(|&n| if n { "---:" } else { "---" })
        .collect();
    writeln!(out, "| {} |", rule.join(" | "))?;
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|c| esc(&c.human())).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// Escapes text for a Markdown table cell or line: a `<` is
/// backslash-escaped, so a code named `<script>` stays text when the
/// Markdown is rendered, never raw HTML.
pub fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "\\<")
        .replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Cell;

    #[test]
    fn escapes_and_aligns() {
        let mut t = Table::new("t", vec!["code".into(), "n".into()]);
        t.rows.push(vec![Cell::text("a | b\nc"), Cell::Int(2)]);
        let mut out = Vec::new();
        write_markdown(&t, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "| code | n |\n| --- | ---: |\n| a \\| b c | 2 |\n"
        );
    }
}
