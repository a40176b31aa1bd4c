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

/// Escapes text for a Markdown table cell or line, so it renders as
/// written under GitHub-flavoured Markdown and pandoc's Markdown alike:
/// every character either gives a meaning to is backslash-escaped (an
/// escaped ASCII punctuation mark is that mark in both). So `<script>`
/// stays text, never raw HTML; `*a*`, `_a_`, `~a~`, `^a^` are no
/// emphasis, strike-out or super/subscript; `[a](url)` and `![a](url)` no
/// link or remote image; `&amp;` no entity; `$x$` no math; `@key` no
/// citation; `:name:` no emoji, `http://a` and `www.a` no link; `"a"`, `'a'`, `--` and `...` keep their
/// straight quotes, hyphens and dots (pandoc's smart punctuation would
/// curl and join them); `|` cannot end a cell, and line breaks become
/// spaces.
pub fn escape(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let special = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '|' | '&' | '$' | '@' | '~' | '^' | '"'
            | '\'' | '!' | '{' | '}' => true,
            // A heading's closing hashes (`## C #`).
            '#' => {
                prev.is_none_or(char::is_whitespace)
                    && chars[i..].iter().all(|&c| c == '#' || c.is_whitespace())
            }
            // Dashes and ellipses from runs; an emoji's or a link's colon.
            '-' => prev == Some('-') || next == Some('-'),
            // … and GitHub's links from a bare "www.".
            '.' => {
                prev == Some('.')
                    || next == Some('.')
                    || i >= 3 && chars[i - 3..i].iter().all(|w| w.eq_ignore_ascii_case(&'w'))
            }
            ':' => next
                .is_some_and(|n| n.is_ascii_alphanumeric() || matches!(n, '_' | '+' | '-' | '/')),
            _ => false,
        };
        match c {
            '\n' | '\r' => out.push(' '),
            c if special => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
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
