//! The focus-group review sheet, as Markdown and as a Word document: for
//! each theme its status, counts, description, the facilitator's note,
//! exemplar quotes and every segment with its attribution.

use std::io::Write;

use docx_rs::Docx;

use super::docx::{pack, table, text_paragraph};
use crate::analysis::{QuoteRow, ReviewBoard};

fn summary(t: &crate::analysis::ReviewTheme) -> String {
    crate::t!(
        "review-summary",
        codings = t.codings,
        sources = t.sources,
        status = status(t)
    )
}

/// A theme's review status in the current language.
fn status(t: &crate::analysis::ReviewTheme) -> String {
    use crate::model::ReviewStatus;
    match t.status {
        ReviewStatus::Pending => crate::t!("review-status-pending"),
        ReviewStatus::Confirmed => crate::t!("review-status-confirmed"),
        ReviewStatus::Disputed => crate::t!("review-status-disputed"),
        ReviewStatus::Revised => crate::t!("review-status-revised"),
    }
}

/// The sheet's table header, in the current language.
fn columns() -> Vec<String> {
    ["theme", "codings", "sources", "status", "note"]
        .iter()
        .map(|c| super::column_in(c, crate::i18n::current()))
        .collect()
}

/// A quote with its attribution and, for the facilitator, where it is
/// from: "“…” — prosecutor, Palu (interview, Palu_Prosecutor_02)".
fn quote_line(q: &QuoteRow) -> String {
    let s = &q.segment;
    let lang = crate::i18n::current();
    let kind = crate::analysis::kind_words(s.kind);
    let place = format!("{kind}, {}", s.source);
    let who = if q.attribution == place {
        format!("{}, {}", super::value_in(&kind, lang), s.source)
    } else {
        let attribution: Vec<String> = q
            .attribution
            .split(", ")
            .map(|w| super::value_in(w, lang))
            .collect();
        format!(
            "{} ({}, {})",
            attribution.join(", "),
            super::value_in(&kind, lang),
            s.source
        )
    };
    format!(
        "“{}” — {who}",
        s.quote.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

pub fn write_review_markdown(board: &ReviewBoard, out: &mut dyn Write) -> std::io::Result<()> {
    let esc = super::markdown::escape;
    writeln!(
        out,
        "# {}\n",
        esc(&crate::t!("review-title", session = board.session.as_str()))
    )?;
    writeln!(
        out,
        "| {} |\n| --- | ---: | ---: | --- | --- |",
        columns().join(" | ")
    )?;
    for t in &board.themes {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            esc(&t.path),
            t.codings,
            t.sources,
            status(t),
            esc(&t.note)
        )?;
    }
    for t in &board.themes {
        writeln!(out, "\n## {}\n\n{}\n", esc(&t.path), summary(t))?;
        if !t.description.is_empty() {
            writeln!(out, "_{}_\n", esc(&t.description))?;
        }
        if !t.note.is_empty() {
            writeln!(
                out,
                "**{}** {}\n",
                crate::t!("review-note-label"),
                esc(&t.note)
            )?;
        }
        if !t.exemplars.is_empty() {
            writeln!(out, "### {}\n", crate::t!("review-exemplars"))?;
            for q in &t.exemplars {
                writeln!(out, "- {}", esc(&quote_line(q)))?;
            }
            writeln!(out)?;
        }
        writeln!(out, "### {}\n", crate::t!("review-all-segments"))?;
        for q in t.exemplars.iter().chain(&t.segments) {
            writeln!(out, "- {}", esc(&quote_line(q)))?;
        }
    }
    Ok(())
}

pub fn write_review_docx(board: &ReviewBoard, out: &mut dyn Write) -> std::io::Result<()> {
    let mut doc = Docx::new().add_paragraph(text_paragraph(
        &crate::t!("review-title", session = board.session.as_str()),
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
                status(t),
                t.note.clone(),
            ]
        })
        .collect();
    doc = doc.add_table(table(&columns(), &rows));
    for t in &board.themes {
        doc = doc
            .add_paragraph(text_paragraph(&t.path, true, Some(28)))
            .add_paragraph(text_paragraph(&summary(t), false, Some(20)));
        if !t.description.is_empty() {
            doc = doc.add_paragraph(text_paragraph(&t.description, false, Some(20)));
        }
        if !t.note.is_empty() {
            doc = doc.add_paragraph(text_paragraph(
                &format!("{} {}", crate::t!("review-note-label"), t.note),
                false,
                Some(20),
            ));
        }
        if !t.exemplars.is_empty() {
            doc = doc.add_paragraph(text_paragraph(
                &crate::t!("review-exemplars"),
                true,
                Some(22),
            ));
            for q in &t.exemplars {
                doc = doc.add_paragraph(text_paragraph(&quote_line(q), false, Some(20)));
            }
        }
        doc = doc.add_paragraph(text_paragraph(
            &crate::t!("review-all-segments"),
            true,
            Some(22),
        ));
        for q in t.exemplars.iter().chain(&t.segments) {
            doc = doc.add_paragraph(text_paragraph(&quote_line(q), false, Some(20)));
        }
    }
    pack(doc, out)
}
