//! The quotes table: for each code, its coded segments with the attribution
//! a paper needs ("a prosecutor in Palu"), exemplars first.

use std::collections::HashMap;

use super::{Cell, Report, Segment, Table, segments};
use crate::model::Texts;
use crate::model::{CodeId, Codebook};
use crate::store::ProjectData;

/// Which attributes make up an attribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteOptions {
    /// Attribute keys, in order, e.g. `role`, `city`.
    pub cite: Vec<String>,
    /// Only exemplar quotes.
    pub exemplars_only: bool,
}

impl Default for QuoteOptions {
    fn default() -> Self {
        QuoteOptions {
            cite: vec!["role".into(), "city".into()],
            exemplars_only: false,
        }
    }
}

/// One quote with its attribution.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteRow {
    pub code: CodeId,
    pub exemplar: bool,
    pub attribution: String,
    pub segment: Segment,
}

/// "prosecutor, Palu": the cited attribute values as entered (a
/// focus-group quote's speaker first), without the internal source name,
/// which has a column of its own; a source with none of the cited
/// attributes is named by kind and source ("document, Annual_Report").
fn attribution(s: &Segment, cite: &[String]) -> String {
    let values: Vec<String> = cite
        .iter()
        .filter_map(|k| {
            s.attributes
                .iter()
                .find(|a| crate::model::names::same_name(&a.key, k))
        })
        .map(|a| a.value.clone())
        .collect();
    let who = match &s.speaker {
        Some(sp) if s.kind == crate::model::SourceKind::FocusGroup => format!("{sp}, "),
        _ => String::new(),
    };
    if values.is_empty() {
        // Nothing cited to say who it is: the kind and the source's name.
        format!("{who}{}, {}", super::kind_words(s.kind), s.source)
    } else {
        format!("{who}{}", values.join(", "))
    }
}

/// A segment whose speaker has attributes of their own (an FGD expert's
/// role and region) is cited with those, and with its source's for the
/// keys the participant lacks: focus-group quotes read like interview ones.
fn with_participant_attributes(data: &ProjectData, mut s: Segment) -> Segment {
    let Some(sp) = s
        .speaker
        .as_deref()
        .and_then(|name| data.speaker(s.coding.source, name))
        .filter(|sp| !sp.attributes.is_empty())
    else {
        return s;
    };
    let mut merged = sp.attributes.clone();
    for a in s.attributes.iter() {
        if !merged
            .iter()
            .any(|b| crate::model::names::same_name(&a.key, &b.key))
        {
            merged.push(a.clone());
        }
    }
    merged.sort();
    s.attributes = merged.into();
    s
}

/// Quotes of every code, in codebook order; within a code exemplars first,
/// then by source and position.
pub fn quotes(data: &ProjectData, texts: &dyn Texts, options: &QuoteOptions) -> Vec<QuoteRow> {
    let book = Codebook::new(data.codes.clone());
    let order: HashMap<CodeId, usize> = book
        .preorder()
        .iter()
        .enumerate()
        .map(|(i, (_, c))| (c.id, i))
        .collect();
    let mut rows: Vec<QuoteRow> = segments(data, texts)
        .into_iter()
        .map(|s| with_participant_attributes(data, s))
        .map(|s| QuoteRow {
            code: s.coding.code,
            exemplar: data.exemplars.contains(&s.coding.id),
            attribution: attribution(&s, &options.cite),
            segment: s,
        })
        .filter(|q| q.exemplar || !options.exemplars_only)
        .collect();
    rows.sort_by(|a, b| {
        let key = |q: &QuoteRow| {
            (
                order.get(&q.code).copied().unwrap_or(usize::MAX),
                !q.exemplar,
                q.segment.source.to_lowercase(),
                q.segment.coding.start,
            )
        };
        key(a).cmp(&key(b))
    });
    rows
}

/// The quotes as a report (wide and long are the same table here).
pub fn quotes_report(rows: &[QuoteRow]) -> Report {
    let title = crate::t!("report-quotes");
    let columns = [
        "code",
        "exemplar",
        "attribution",
        "quote",
        "source",
        "kind",
        "speaker",
        "start",
        "end",
        "coder",
    ];
    let mut t = Table::new(
        title.clone(),
        columns.iter().map(|c| c.to_string()).collect(),
    );
    for q in rows {
        let s = &q.segment;
        t.rows.push(vec![
            Cell::Text(s.code_path.clone()),
            Cell::text(if q.exemplar { "yes" } else { "" }),
            Cell::text(q.attribution.clone()),
            Cell::Text(s.quote.clone()),
            Cell::Text(s.source.clone()),
            s.kind.as_str().into(),
            Cell::text(s.speaker.clone().unwrap_or_default()),
            s.coding.start.into(),
            s.coding.end.into(),
            Cell::Text(s.coder.clone()),
        ]);
    }
    Report {
        title,
        wide: t.clone(),
        long: t,
        notes: vec![crate::t!("note-quotes")],
    }
}
