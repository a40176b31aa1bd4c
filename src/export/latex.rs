//! LaTeX tables in the booktabs style (`\toprule`, `\midrule`,
//! `\bottomrule`), ready for `\input` in a paper. Needs `\usepackage{booktabs}`;
//! non-ASCII text is left as UTF-8 (XeLaTeX, LuaLaTeX or inputenc).

use std::io::Write;

use crate::analysis::Report;

/// Escapes LaTeX's special characters.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn write_latex(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let t = &report.wide;
    let align: String = (0..t.columns.len())
        .map(|i| {
            let numeric = !t.rows.is_empty()
                && t.rows
                    .iter()
                    .all(|r| r.get(i).is_some_and(|c| c.is_number()));
            if numeric { 'r' } else { 'l' }
        })
        .collect();
    writeln!(
        out,
        "% {} (written by Jalin; needs \\usepackage{{booktabs}})",
        escape(&report.title)
    )?;
    writeln!(out, "\\begin{{table}}[htbp]")?;
    writeln!(out, "\\centering")?;
    writeln!(out, "\\caption{{{}}}", escape(&report.title))?;
    writeln!(out, "\\begin{{tabular}}{{{align}}}")?;
    writeln!(out, "\\toprule")?;
    let header: Vec<String> = t.columns.iter().map(|c| escape(c)).collect();
    writeln!(out, "{} \\\\", header.join(" & "))?;
    writeln!(out, "\\midrule")?;
    for row in &t.rows {
        let cells: Vec<String> = row.iter().map(|c| escape(&c.display())).collect();
        writeln!(out, "{} \\\\", cells.join(" & "))?;
    }
    writeln!(out, "\\bottomrule")?;
    writeln!(out, "\\end{{tabular}}")?;
    for n in &report.notes {
        writeln!(
            out,
            "\\par\\smallskip{{\\footnotesize Note: {}}}",
            escape(n)
        )?;
    }
    writeln!(out, "\\end{{table}}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_specials() {
        assert_eq!(
            super::escape("50% of #1 & $x_y {a} ~ ^ \\"),
            "50\\% of \\#1 \\& \\$x\\_y \\{a\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}"
        );
    }
}
