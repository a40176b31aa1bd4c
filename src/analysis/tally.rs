//! The one pass over the codings that the counting tables (frequencies,
//! triangulation) build on: each code's own codings counted per source and,
//! for frequencies, the respondents each code's codings speak for. Sources,
//! codes and respondents get dense indexes (`0..n`) and the counts live in
//! flat vectors and bit sets, so a million codings take milliseconds and
//! allocate nothing each.

use std::collections::HashMap;

use super::{Respondent, respondents};
use crate::model::{AsSpan, SourceKind, SpeakerTurn};
use crate::store::{CodingCounts, ProjectData};

/// Row ids mapped to `0..n`: a lookup table when the ids are compact (row
/// ids usually are), a hash map otherwise.
enum DenseIds {
    Table { min: i64, slots: Vec<u32> },
    Map(HashMap<i64, u32>),
}

const NONE: u32 = u32::MAX;

impl DenseIds {
    /// Index `i` for `ids[i]` (a repeated id keeps its last index).
    fn new(ids: impl ExactSizeIterator<Item = i64> + Clone) -> Self {
        let n = ids.len() as u64;
        let (min, max) = ids.clone().fold((i64::MAX, i64::MIN), |(lo, hi), id| {
            (lo.min(id), hi.max(id))
        });
        if n > 0 && max.abs_diff(min) <= 4 * n + 1024 {
            let mut slots = vec![NONE; max.abs_diff(min) as usize + 1];
            for (i, id) in ids.enumerate() {
                slots[id.abs_diff(min) as usize] = i as u32;
            }
            DenseIds::Table { min, slots }
        } else {
            DenseIds::Map(ids.enumerate().map(|(i, id)| (id, i as u32)).collect())
        }
    }

    fn get(&self, id: i64) -> Option<usize> {
        let i = match self {
            DenseIds::Table { min, slots } => {
                let offset = usize::try_from(id.checked_sub(*min)?).ok()?;
                *slots.get(offset)?
            }
            DenseIds::Map(map) => *map.get(&id)?,
        };
        (i != NONE).then_some(i as usize)
    }
}

/// Whom a source's codings speak for, as [`super::respondent_of`] decides,
/// with respondents as dense indexes.
enum Speakers {
    /// Nobody: documents and observations.
    Nobody,
    /// Always the same respondent: an interview, or a focus group without
    /// speaker turns.
    One(usize),
    /// The speaker of the turn a coding belongs to: per turn (by start) its
    /// start, the position it ends before, and its respondent (`None` for the
    /// moderator).
    Turns(Vec<(usize, usize, Option<usize>)>),
}

impl Speakers {
    /// The respondent of a coding of `[start, end)`, as
    /// [`super::turn_of`] finds the turn (a coding starting in the blank
    /// line before a turn and reaching into it is that turn's).
    fn at(&self, start: usize, end: usize) -> Option<usize> {
        match self {
            Speakers::Nobody => None,
            Speakers::One(r) => Some(*r),
            Speakers::Turns(turns) => {
                let i = turns.partition_point(|t| t.0 <= start);
                if let Some((_, until, r)) = i.checked_sub(1).and_then(|k| turns.get(k))
                    && start < *until
                {
                    return *r;
                }
                turns
                    .get(i)
                    .filter(|next| end > next.0)
                    .and_then(|next| next.2)
            }
        }
    }
}

/// Each code's own codings, counted per source, and the respondents they
/// speak for. Codes are indexed as in `data.codes`, sources as in
/// `data.sources`; codings of a source or code not there are left out.
pub(super) struct Tally {
    codes: DenseIds,
    source_index: DenseIds,
    /// Whom each source's codings speak for (empty without respondents).
    speakers: Vec<Speakers>,
    sources: usize,
    /// Codings of code `c` in source `s` at `c * sources + s`.
    counts: Vec<u32>,
    /// Every respondent of the data ([`respondents`]), then any respondent a
    /// coding speaks for that is not among them (none, in consistent data).
    respondents: Vec<Respondent>,
    all_respondents: usize,
    /// Index into `data.sources` of each respondent's source.
    respondent_source: Vec<usize>,
    /// Words of each code's respondent bit set.
    words: usize,
    /// Respondents of code `c`'s codings: bits of `coded[c * words..][..words]`.
    coded: Vec<u64>,
}

impl Tally {
    /// Counts `data`'s codings; with `with_respondents`, also whom they
    /// speak for (frequencies need it, triangulation does not).
    pub fn new<C: AsSpan>(data: &ProjectData<C>, with_respondents: bool) -> Tally {
        let mut t = Tally::empty(data, with_respondents);
        for c in &data.codings {
            let c = c.span();
            let (Some(s), Some(k)) = (t.source_index.get(c.source.0), t.codes.get(c.code.0)) else {
                continue;
            };
            let n = &mut t.counts[k * t.sources + s];
            *n = n.saturating_add(1);
            if let Some(r) = t
                .speakers
                .get(s)
                .and_then(|sp: &Speakers| sp.at(c.start, c.end))
            {
                t.coded[k * t.words + r / 64] |= 1 << (r % 64);
            }
        }
        t
    }

    /// The same tally from codings counted in SQL ([`Project::coding_counts`],
    /// read with turns when `with_respondents`): `data.codings` is not read.
    ///
    /// [`Project::coding_counts`]: crate::store::Project::coding_counts
    pub fn from_counts<C>(
        data: &ProjectData<C>,
        counted: &CodingCounts,
        with_respondents: bool,
    ) -> Tally {
        let mut t = Tally::empty(data, with_respondents);
        for &(source, code, n) in &counted.per_source {
            let (Some(s), Some(k)) = (t.source_index.get(source.0), t.codes.get(code.0)) else {
                continue;
            };
            let cell = &mut t.counts[k * t.sources + s];
            *cell = cell.saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
            if n > 0
                && let Some(Speakers::One(r)) = t.speakers.get(s)
            {
                t.coded[k * t.words + r / 64] |= 1 << (r % 64);
            }
        }
        for &(source, code, turn) in &counted.turns {
            let (Some(s), Some(k)) = (t.source_index.get(source.0), t.codes.get(code.0)) else {
                continue;
            };
            if let Some(Speakers::Turns(turns)) = t.speakers.get(s)
                && let Some((_, _, Some(r))) = turns.get(turn)
            {
                t.coded[k * t.words + r / 64] |= 1 << (r % 64);
            }
        }
        t
    }

    /// Nothing counted yet: indexes, respondents and zeroed counts.
    fn empty<C>(data: &ProjectData<C>, with_respondents: bool) -> Tally {
        let sources = data.sources.len();
        let source_index = DenseIds::new(data.sources.iter().map(|s| s.id.0));
        let codes = DenseIds::new(data.codes.iter().map(|c| c.id.0));
        let counts = vec![0u32; data.codes.len() * sources];

        let mut all = if with_respondents {
            respondents(data)
        } else {
            Vec::new()
        };
        let all_respondents = all.len();
        let speakers = if with_respondents {
            respondent_speakers(data, &mut all)
        } else {
            Vec::new()
        };
        let respondent_source = all
            .iter()
            .map(|r| source_index.get(r.source().0).unwrap_or(0))
            .collect();
        let words = all.len().div_ceil(64);
        let coded = vec![
            0u64;
            if with_respondents {
                data.codes.len() * words
            } else {
                0
            }
        ];

        Tally {
            codes,
            source_index,
            speakers,
            sources,
            counts,
            respondents: all,
            all_respondents,
            respondent_source,
            words,
            coded,
        }
    }

    /// Index of a code in `data.codes`.
    pub fn code(&self, id: crate::model::CodeId) -> Option<usize> {
        self.codes.get(id.0)
    }

    /// Codings of code `code` per source (indexes as in `data.sources`).
    pub fn per_source(&self, code: usize) -> &[u32] {
        &self.counts[code * self.sources..][..self.sources]
    }

    /// Every respondent of the data, in [`respondents`] order.
    pub fn all_respondents(&self) -> &[Respondent] {
        &self.respondents[..self.all_respondents]
    }

    /// Index into `data.sources` of respondent `r`'s source.
    pub fn respondent_source(&self, r: usize) -> usize {
        self.respondent_source[r]
    }

    /// An empty respondent set, to gather codes' respondents into.
    pub fn no_respondents(&self) -> Vec<u64> {
        vec![0; self.words]
    }

    /// Adds code `code`'s respondents to `set`.
    pub fn add_respondents(&self, code: usize, set: &mut [u64]) {
        if self.words == 0 {
            return;
        }
        for (to, from) in set.iter_mut().zip(&self.coded[code * self.words..]) {
            *to |= from;
        }
    }
}

/// The respondents in a set from [`Tally::no_respondents`].
pub(super) fn members(set: &[u64]) -> impl Iterator<Item = usize> + '_ {
    set.iter().enumerate().flat_map(|(w, &bits)| {
        let mut bits = bits;
        std::iter::from_fn(move || {
            (bits != 0).then(|| {
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                w * 64 + b
            })
        })
    })
}

/// Whom each source's codings speak for (by index into `data.sources`),
/// following [`super::respondent_of`]; a respondent not yet in `all` is
/// added to it.
fn respondent_speakers<C>(data: &ProjectData<C>, all: &mut Vec<Respondent>) -> Vec<Speakers> {
    let mut index: HashMap<Respondent, usize> = all
        .iter()
        .enumerate()
        .map(|(i, r)| (r.clone(), i))
        .collect();
    let mut find = |r: Respondent| {
        *index.entry(r).or_insert_with_key(|r| {
            all.push(r.clone());
            all.len() - 1
        })
    };
    data.sources
        .iter()
        .map(|s| match s.kind {
            SourceKind::Interview => Speakers::One(find(Respondent::Interviewee(s.id))),
            SourceKind::FocusGroup => match data.turns.get(&s.id).filter(|t| !t.is_empty()) {
                None => Speakers::One(find(Respondent::Interviewee(s.id))),
                Some(turns) => {
                    let roles = data.roles(s.id);
                    Speakers::Turns(
                        turns
                            .iter()
                            .map(|t: &SpeakerTurn| {
                                let r = roles.is_respondent(&t.speaker).then(|| {
                                    find(Respondent::Participant(s.id, t.speaker.to_lowercase()))
                                });
                                (t.start, t.end.max(t.start + 1), r)
                            })
                            .collect(),
                    )
                }
            },
            SourceKind::Document | SourceKind::Observation => Speakers::Nobody,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::turn_of;

    #[test]
    fn dense_ids_compact_or_sparse() {
        let compact = DenseIds::new([5i64, 3, 9].into_iter());
        assert!(matches!(compact, DenseIds::Table { .. }));
        let sparse = DenseIds::new([i64::MIN, 0, i64::MAX].into_iter());
        assert!(matches!(sparse, DenseIds::Map(_)));
        for ids in [compact, sparse] {
            assert_eq!(ids.get(4), None);
            assert_eq!(ids.get(i64::MIN + 1), None);
            assert_eq!(ids.get(i64::MAX - 1), None);
        }
        let compact = DenseIds::new([5i64, 3, 9].into_iter());
        assert_eq!(
            [3, 5, 9].map(|id| compact.get(id)),
            [Some(1), Some(0), Some(2)]
        );
        let sparse = DenseIds::new([i64::MIN, 0, i64::MAX].into_iter());
        assert_eq!(
            [i64::MIN, 0, i64::MAX].map(|id| sparse.get(id)),
            [Some(0), Some(1), Some(2)]
        );
        assert_eq!(DenseIds::new(std::iter::empty::<i64>()).get(0), None);
    }

    #[test]
    fn speakers_find_the_turn_as_turn_of_does() {
        let turn = |start, end, speaker: &str| SpeakerTurn {
            start,
            end,
            label_end: start,
            speaker: speaker.into(),
        };
        // A gap (10..12), an empty turn (20..20) and a moderator's turn.
        let turns = vec![
            turn(2, 10, "Ana"),
            turn(12, 20, "Moderator"),
            turn(20, 20, "Budi"),
            turn(25, 40, "Ana"),
        ];
        let who = ["ana", "budi"];
        let speakers = Speakers::Turns(
            turns
                .iter()
                .map(|t| {
                    let r = who.iter().position(|w| *w == t.speaker.to_lowercase());
                    (t.start, t.end.max(t.start + 1), r)
                })
                .collect(),
        );
        let roles = crate::model::roles::SourceRoles::new(crate::model::SourceId(1), &turns, &[]);
        for pos in 0..45 {
            for end in [pos + 1, pos + 3, pos + 20] {
                let expected = turn_of(&turns, pos, end)
                    .filter(|t| roles.is_respondent(&t.speaker))
                    .map(|t| {
                        who.iter()
                            .position(|w| *w == t.speaker.to_lowercase())
                            .unwrap()
                    });
                assert_eq!(speakers.at(pos, end), expected, "at {pos}..{end}");
            }
        }
    }
}
