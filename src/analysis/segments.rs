//! Coded segments with everything needed to read and cite them: the quote,
//! source, kind, attributes, speaker and coder.

use std::collections::HashMap;
use std::sync::Arc;

use super::{Cell, Table};
use crate::model::Texts;
use crate::model::text::CharIndex;
use crate::model::{Attribute, CodeId, Codebook, Coding, SourceId, SourceKind, SpeakerTurn};
use crate::store::ProjectData;

/// One coding, ready to show or cite. The names and attributes many
/// segments have in common are shared, not copied per segment: a quotes
/// table of 20,000 codings held three copies of each.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub coding: Coding,
    pub source: Arc<str>,
    pub kind: SourceKind,
    pub attributes: Arc<[Attribute]>,
    pub code_path: Arc<str>,
    pub coder: Arc<str>,
    /// Speaker of the turn the coding starts in, if the source has turns.
    pub speaker: Option<String>,
    pub quote: Arc<str>,
}

/// All codings as segments, in source-name then position order. Codings
/// whose source text is missing from `texts` get an empty quote.
pub fn segments(data: &ProjectData, texts: &dyn Texts) -> Vec<Segment> {
    let book = Codebook::new(data.codes.clone());
    let coders: HashMap<_, Arc<str>> = data
        .coders
        .iter()
        .map(|c| (c.id, Arc::from(c.name.as_str())))
        .collect();
    let sources: HashMap<_, _> = data
        .sources
        .iter()
        .map(|s| {
            let name: Arc<str> = Arc::from(s.name.as_str());
            let attributes: Arc<[Attribute]> = Arc::from(s.attributes.as_slice());
            (s.id, (name, s.kind, attributes))
        })
        .collect();
    let mut paths: HashMap<CodeId, Arc<str>> = HashMap::new();
    let no_coder: Arc<str> = Arc::from("");
    // One source's char index at a time (codings grouped by source): an
    // index of every source at once cost as much memory as the corpus.
    let mut order: Vec<&Coding> = data.codings.iter().collect();
    order.sort_by_key(|c| c.source);
    let mut index: Option<(SourceId, CharIndex)> = None;
    let mut out: Vec<Segment> = Vec::with_capacity(order.len());
    for c in order {
        let Some((source, kind, attributes)) = sources.get(&c.source) else {
            continue;
        };
        let st = texts.text_of(c.source);
        let quote = match st {
            Some(t) => {
                if index.as_ref().is_none_or(|(id, _)| *id != c.source) {
                    index = Some((c.source, CharIndex::new(&t.text)));
                }
                index
                    .as_ref()
                    .and_then(|(_, ix)| ix.slice(&t.text, c.start, c.end))
                    .unwrap_or_default()
                    .into()
            }
            None => Arc::from(""),
        };
        let speaker = st.and_then(|t| speaker_of(&t.turns, c.start, c.end));
        out.push(Segment {
            coding: c.clone(),
            source: Arc::clone(source),
            kind: *kind,
            attributes: Arc::clone(attributes),
            code_path: Arc::clone(
                paths
                    .entry(c.code)
                    .or_insert_with(|| Arc::from(book.path(c.code))),
            ),
            coder: Arc::clone(coders.get(&c.coder).unwrap_or(&no_coder)),
            speaker,
            quote,
        });
    }
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
    (pos < t.end.max(t.start + 1)).then(|| t.speaker.to_string())
}

/// The turn a coding of `[start, end)` belongs to: the one its first word
/// is in. That is the turn containing `start`; a coding that starts between
/// two turns (in the blank line after one, which no turn covers) belongs to
/// the next turn if it reaches into it. `turns` are in text order.
pub fn turn_of(turns: &[SpeakerTurn], start: usize, end: usize) -> Option<&SpeakerTurn> {
    let i = turns.partition_point(|t| t.start <= start);
    if let Some(t) = i.checked_sub(1).and_then(|k| turns.get(k))
        && start < t.end.max(t.start + 1)
    {
        return Some(t);
    }
    turns.get(i).filter(|next| end > next.start)
}

/// The speaker of the turn a coding of `[start, end)` belongs to
/// ([`turn_of`]).
pub fn speaker_of(turns: &[SpeakerTurn], start: usize, end: usize) -> Option<String> {
    turn_of(turns, start, end).map(|t| t.speaker.to_string())
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
        crate::t!("report-segments"),
        columns.iter().map(|c| c.to_string()).collect(),
    );
    for s in segments {
        table.rows.push(vec![
            Cell::text(s.coding.guid.to_string()),
            Cell::Text(s.source.clone()),
            s.kind.as_str().into(),
            Cell::Text(s.code_path.clone()),
            s.coding.start.into(),
            s.coding.end.into(),
            Cell::Text(s.coder.clone()),
            Cell::text(s.speaker.clone().unwrap_or_default()),
            Cell::text(
                s.attributes
                    .iter()
                    .map(|a| format!("{}={}", a.key, a.value))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            Cell::Text(s.quote.clone()),
        ]);
    }
    table
}
