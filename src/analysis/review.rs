//! The focus-group review board: for each theme put to the experts, its
//! count, sources, exemplar quotes, all its segments, and the status the
//! facilitator recorded.

use std::collections::{BTreeSet, HashSet};

use super::{QuoteOptions, QuoteRow, quotes};
use crate::model::Texts;
use crate::model::{CodeId, Codebook, ReviewItem, ReviewStatus, SourceId};
use crate::store::ProjectData;

/// One theme on the board.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewTheme {
    pub code: CodeId,
    pub path: String,
    pub description: String,
    pub status: ReviewStatus,
    pub note: String,
    /// Codings of the theme and its sub-codes.
    pub codings: usize,
    pub sources: usize,
    /// Exemplar quotes, then all the other segments.
    pub exemplars: Vec<QuoteRow>,
    pub segments: Vec<QuoteRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReviewBoard {
    pub session: String,
    pub themes: Vec<ReviewTheme>,
}

/// Builds the board of a session from its stored items. With no items yet,
/// every code that has codings is on the board, pending.
pub fn review_board(
    data: &ProjectData,
    texts: &dyn Texts,
    session: &str,
    items: &[ReviewItem],
) -> ReviewBoard {
    let book = Codebook::new(data.codes.clone());
    let used: HashSet<CodeId> = data.codings.iter().map(|c| c.code).collect();
    let picked: Vec<(CodeId, ReviewStatus, String)> = if items.is_empty() {
        book.preorder()
            .into_iter()
            .filter(|(_, c)| used.contains(&c.id))
            .map(|(_, c)| (c.id, ReviewStatus::Pending, String::new()))
            .collect()
    } else {
        items
            .iter()
            .map(|i| (i.code, i.status, i.note.clone()))
            .collect()
    };
    let all = quotes(data, texts, &QuoteOptions::default());
    let themes = picked
        .into_iter()
        .filter_map(|(code, status, note)| {
            let c = book.get(code)?;
            let subtree: HashSet<CodeId> = std::iter::once(code)
                .chain(book.descendants(code).iter().map(|d| d.id))
                .collect();
            let rows: Vec<QuoteRow> = all
                .iter()
                .filter(|q| subtree.contains(&q.code))
                .cloned()
                .collect();
            let sources: BTreeSet<SourceId> =
                rows.iter().map(|q| q.segment.coding.source).collect();
            let (exemplars, segments): (Vec<QuoteRow>, Vec<QuoteRow>) =
                rows.into_iter().partition(|q| q.exemplar);
            Some(ReviewTheme {
                code,
                path: book.path(code),
                description: c.description.clone(),
                status,
                note,
                codings: exemplars.len() + segments.len(),
                sources: sources.len(),
                exemplars,
                segments,
            })
        })
        .collect();
    ReviewBoard {
        session: session.to_string(),
        themes,
    }
}
