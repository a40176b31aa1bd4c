//! A standalone HTML page holding one table: opens in any browser and pastes
//! into word processors with its structure.

use std::io::Write;

use crate::analysis::Report;

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    super::xml_safe(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

pub fn write_html(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let t = &report.wide;
    let title = escape(&report.title);
    let lang = crate::i18n::current().tag();
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>"
    )?;
    writeln!(
        out,
        "<style>body{{font-family:sans-serif}}table{{border-collapse:collapse}}th,td{{padding:4px 8px;border-bottom:1px solid #ccc;vertical-align:top}}th{{border-bottom:2px solid #333;text-align:left}}td.n{{text-align:right}}caption{{font-weight:bold;text-align:left;padding:4px 0}}p.note{{font-size:small}}</style>\n</head>\n<body>"
    )?;
    writeln!(out, "<table>\n<caption>{title}</caption>\n<thead><tr>")?;
    for c in &t.columns {
        writeln!(out, "<th scope=\"col\">{}</th>", escape(c))?;
    }
    writeln!(out, "</tr></thead>\n<tbody>")?;
    for row in &t.rows {
        write!(out, "<tr>")?;
        for c in row {
            if c.is_number() {
                write!(out, "<td class=\"n\">{}</td>", escape(&c.human()))?;
            } else {
                write!(out, "<td>{}</td>", escape(&c.human()))?;
            }
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody>\n</table>")?;
    for n in &report.notes {
        writeln!(
            out,
            "<p class=\"note\">{}</p>",
            escape(&crate::t!("report-note", note = n.as_str()))
        )?;
    }
    writeln!(out, "</body>\n</html>")?;
    Ok(())
}
