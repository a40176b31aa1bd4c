//! The focus-group review sheet, as Markdown and as a Word document: for
//! each theme its status, counts, description, the facilitator's note,
//! exemplar quotes and every segment with its attribution.

use std::io::Write;

use docx_rs::Docx;

use super::docx::{pack, table, text_paragraph};
use crate::analysis::{QuoteRow, ReviewBoard};

fn summary(t: &crate::analysis::ReviewTheme) -> String {
    format!(
        "{} codings in {} sources · status: {}",
        t.codings,
        t.sources,
        t.status.as_str()
    )
}

/// A quote with its attribution and, for the facilitator, where it is
/// from: "“…” — prosecutor, Palu (interview, Palu_Prosecutor_02)".
fn quote_line(q: &QuoteRow) -> String {
    let s = &q.segment;
    let place = format!("{}, {}", crate::analysis::kind_words(s.kind), s.source);
    let who = if q.attribution == place {
        place
    } else {
        format!("{} ({place})", q.attribution)
    };
    format!(
        "“{}” — {who}",
        s.quote.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

pub fn write_review_markdown(board: &ReviewBoard, out: &mut dyn Write) -> std::io::Result<()> {
    let esc = super::markdown::escape;
    writeln!(out, "# Review sheet: {}\n", esc(&board.session))?;
    writeln!(
        out,
        "| theme | codings | sources | status | note |\n| --- | ---: | ---: | --- | --- |"
    )?;
    for t in &board.themes {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            esc(&t.path),
            t.codings,
            t.sources,
            t.status.as_str(),
            esc(&t.note)
        )?;
    }
    for t in &board.themes {
        writeln!(out, "\n## {}\n\n{}\n", esc(&t.path), summary(t))?;
        if !t.description.is_empty() {
            writeln!(out, "_{}_\n", esc(&t.description))?;
        }
        if !t.note.is_empty() {
            writeln!(out, "**Note:** {}\n", esc(&t.note))?;
        }
        if !t.exemplars.is_empty() {
            writeln!(out, "### Exemplar quotes\n")?;
            for q in &t.exemplars {
                writeln!(out, "- {}", quote_line(q))?;
            }
            writeln!(out)?;
        }
        writeln!(out, "### All segments\n")?;
        for q in t.exemplars.iter().chain(&t.segments) {
            writeln!(out, "- {}", quote_line(q))?;
        }
    }
    Ok(())
}

pub fn write_review_docx(board: &ReviewBoard, out: &mut dyn Write) -> std::io::Result<()> {
    let mut doc = Docx::new().add_paragraph(text_paragraph(
        &format!("Review sheet: {}", board.session),
        true,
        Some(32),
    ));
    let rows: Vec<Vec<String>> = board
        .themes
        .iter()
        .map(|t| {
            vec![
                t.path.clone(),
                t.codings.to_string(),
                t.sources.to_string(),
                t.status.as_str().to_string(),
                t.note.clone(),
            ]
        })
        .collect();
    let columns: Vec<String> = ["theme", "codings", "sources", "status", "note"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    doc = doc.add_table(table(&columns, &rows));
    for t in &board.themes {
        doc = doc
            .add_paragraph(text_paragraph(&t.path, true, Some(28)))
            .add_paragraph(text_paragraph(&summary(t), false, Some(20)));
        if !t.description.is_empty() {
            doc = doc.add_paragraph(text_paragraph(&t.description, false, Some(20)));
        }
        if !t.note.is_empty() {
            doc = doc.add_paragraph(text_paragraph(
                &format!("Note: {}", t.note),
                false,
                Some(20),
            ));
        }
        if !t.exemplars.is_empty() {
            doc = doc.add_paragraph(text_paragraph("Exemplar quotes", true, Some(22)));
            for q in &t.exemplars {
                doc = doc.add_paragraph(text_paragraph(&quote_line(q), false, Some(20)));
            }
        }
        doc = doc.add_paragraph(text_paragraph("All segments", true, Some(22)));
        for q in t.exemplars.iter().chain(&t.segments) {
            doc = doc.add_paragraph(text_paragraph(&quote_line(q), false, Some(20)));
        }
    }
    pack(doc, out)
}
