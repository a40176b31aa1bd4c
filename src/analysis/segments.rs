//! Coded segments with everything needed to read and cite them: the quote,
//! source, kind, attributes, speaker and coder.

use std::collections::HashMap;

use super::{Cell, Table};
use crate::model::text::CharIndex;
use crate::model::{Attribute, Codebook, Coding, SourceId, SourceKind, SourceTexts, SpeakerTurn};
use crate::store::ProjectData;

/// One coding, ready to show or cite.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub coding: Coding,
    pub source: String,
    pub kind: SourceKind,
    pub attributes: Vec<Attribute>,
    pub code_path: String,
    pub coder: String,
    /// Speaker of the turn the coding starts in, if the source has turns.
    pub speaker: Option<String>,
    pub quote: String,
}

/// All codings as segments, in source-name then position order. Codings
/// whose source text is missing from `texts` get an empty quote.
pub fn segments(data: &ProjectData, texts: &HashMap<SourceId, SourceTexts>) -> Vec<Segment> {
    let book = Codebook::new(data.codes.clone());
    let coders: HashMap<_, _> = data
        .coders
        .iter()
        .map(|c| (c.id, c.name.as_str()))
        .collect();
    let sources: HashMap<_, _> = data.sources.iter().map(|s| (s.id, s)).collect();
    let indexes: HashMap<SourceId, CharIndex> = texts
        .iter()
        .map(|(id, t)| (*id, CharIndex::new(&t.text)))
        .collect();
    let mut out: Vec<Segment> = data
        .codings
        .iter()
        .filter_map(|c| {
            let source = sources.get(&c.source)?;
            let st = texts.get(&c.source);
            let quote = st
                .zip(indexes.get(&c.source))
                .and_then(|(t, ix)| ix.slice(&t.text, c.start, c.end))
                .unwrap_or_default()
                .to_string();
            let speaker = st.and_then(|t| speaker_at(&t.turns, c.start));
            Some(Segment {
                coding: c.clone(),
                source: source.name.clone(),
                kind: source.kind,
                attributes: source.attributes.clone(),
                code_path: book.path(c.code),
                coder: coders.get(&c.coder).copied().unwrap_or("").to_string(),
                speaker,
                quote,
            })
        })
        .collect();
    // Lower-cased names computed once, not twice per comparison.
    out.sort_by_cached_key(|s| {
        (
            s.source.to_lowercase(),
            s.coding.start,
            s.coding.end,
            s.code_path.clone(),
        )
    });
    out
}

/// The speaker whose turn contains char `pos`.
pub fn speaker_at(turns: &[SpeakerTurn], pos: usize) -> Option<String> {
    let i = turns.partition_point(|t| t.start <= pos);
    let t = turns.get(i.checked_sub(1)?)?;
    (pos < t.end.max(t.start + 1)).then(|| t.speaker.clone())
}

/// Segments as a table: id, source, kind, code, start, end, coder, speaker,
/// attributes, quote.
pub fn segments_table(segments: &[Segment]) -> Table {
    let columns = [
        "guid",
        "source",
        "kind",
        "code",
        "start",
        "end",
        "coder",
        "speaker",
        "attributes",
        "quote",
    ];
    let mut table = Table::new(
        "Coded segments",
        columns.iter().map(|c| c.to_string()).collect(),
    );
    for s in segments {
        table.rows.push(vec![
            Cell::text(s.coding.guid.to_string()),
            Cell::text(s.source.clone()),
            s.kind.as_str().into(),
            Cell::text(s.code_path.clone()),
            s.coding.start.into(),
            s.coding.end.into(),
            Cell::text(s.coder.clone()),
            Cell::text(s.speaker.clone().unwrap_or_default()),
            Cell::text(
                s.attributes
                    .iter()
                    .map(|a| format!("{}={}", a.key, a.value))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            Cell::text(s.quote.clone()),
        ]);
    }
    table
}
