//! Where two coders differ, per code: passages one coded and the other did
//! not, and passages both coded with little overlap. Two codings of the
//! same code in the same source match when their overlap is at least a
//! chosen share of their union (MAXQDA's segment comparison; default 80%).
//! Pairs are formed greedily, best overlap first, so each coding is in at
//! most one pair. A review decides each item by writing codings as the
//! `consensus` coder; what it decided is read back from those codings.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use super::{Cell, Report, Table};
use crate::model::{AsSpan, CodeId, Codebook, CoderId, SourceId, Texts};

/// The share of the union two codings must overlap to count as the same
/// segment, unless the user chose another.
pub const DEFAULT_MIN_OVERLAP: f64 = 0.8;

/// How two coders differ on one passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Difference {
    /// Only coder A coded it.
    OnlyA,
    /// Only coder B coded it.
    OnlyB,
    /// Both coded it, overlapping less than the threshold.
    LowOverlap,
}

/// One passage to review.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    pub code: CodeId,
    pub source: SourceId,
    /// Coder A's range, if A coded it.
    pub a: Option<(usize, usize)>,
    /// Coder B's range, if B coded it.
    pub b: Option<(usize, usize)>,
    /// Overlap ÷ union of the two ranges (0 when one coder only).
    pub overlap: f64,
    pub difference: Difference,
}

impl Disagreement {
    /// From the first start to the last end of the two ranges.
    pub fn span(&self) -> (usize, usize) {
        let r: Vec<(usize, usize)> = self.a.iter().chain(self.b.iter()).copied().collect();
        (
            r.iter().map(|x| x.0).min().unwrap_or(0),
            r.iter().map(|x| x.1).max().unwrap_or(0),
        )
    }
}

/// What the review decided for an item, read from the consensus codings
/// of its code that overlap its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// No consensus coding there yet.
    Open,
    A,
    B,
    Both,
    /// Consensus codings there, but not exactly A's, B's or both.
    Edited,
}

impl Decision {
    pub fn label(self) -> &'static str {
        match self {
            Decision::Open => "open",
            Decision::A => "A",
            Decision::B => "B",
            Decision::Both => "both",
            Decision::Edited => "edited",
        }
    }
}

/// Two coders compared, on the sources both of them coded (a source only
/// one coder has looked at is not a disagreement).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comparison {
    /// Sources both coders coded.
    pub sources: usize,
    /// Pairs of codings that matched (overlap at least the threshold).
    pub agreed: usize,
    /// The passages where they differ, by code, source and position.
    pub items: Vec<Disagreement>,
}

/// overlap ÷ union of two half-open ranges.
pub fn overlap_ratio(x: (usize, usize), y: (usize, usize)) -> f64 {
    let inter = x.1.min(y.1).saturating_sub(x.0.max(y.0));
    let union = x.1.max(y.1) - x.0.min(y.0);
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Compares coder `a`'s and coder `b`'s codings. `min_overlap` is a share
/// (0.8 for 80%); it is clamped to (0, 1].
pub fn compare<C: AsSpan>(codings: &[C], a: CoderId, b: CoderId, min_overlap: f64) -> Comparison {
    let min_overlap = if min_overlap.is_finite() {
        min_overlap.clamp(f64::MIN_POSITIVE, 1.0)
    } else {
        DEFAULT_MIN_OVERLAP
    };
    type Ranges = (Vec<(usize, usize)>, Vec<(usize, usize)>);
    let mut by: BTreeMap<(CodeId, SourceId), Ranges> = BTreeMap::new();
    let (mut of_a, mut of_b) = (HashSet::new(), HashSet::new());
    for c in codings {
        let c = c.span();
        if c.coder == a {
            of_a.insert(c.source);
        } else if c.coder == b {
            of_b.insert(c.source);
        }
    }
    let both: HashSet<SourceId> = of_a.intersection(&of_b).copied().collect();
    for c in codings {
        let c = c.span();
        if !both.contains(&c.source) {
            continue;
        }
        if c.coder == a {
            by.entry((c.code, c.source))
                .or_default()
                .0
                .push((c.start, c.end));
        } else if c.coder == b {
            by.entry((c.code, c.source))
                .or_default()
                .1
                .push((c.start, c.end));
        }
    }
    let mut out = Comparison {
        sources: both.len(),
        ..Comparison::default()
    };
    for ((code, source), (mut ra, mut rb)) in by {
        ra.sort_unstable();
        ra.dedup();
        rb.sort_unstable();
        rb.dedup();
        // Every overlapping pair, best first (ties by position).
        let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
        for (i, x) in ra.iter().enumerate() {
            for (j, y) in rb.iter().enumerate() {
                let r = overlap_ratio(*x, *y);
                if r > 0.0 {
                    pairs.push((r, i, j));
                }
            }
        }
        pairs.sort_by(|p, q| q.0.total_cmp(&p.0).then((p.1, p.2).cmp(&(q.1, q.2))));
        let (mut used_a, mut used_b) = (vec![false; ra.len()], vec![false; rb.len()]);
        let mut items = Vec::new();
        for (r, i, j) in pairs {
            if used_a[i] || used_b[j] {
                continue;
            }
            used_a[i] = true;
            used_b[j] = true;
            if r >= min_overlap {
                out.agreed += 1;
            } else {
                items.push(Disagreement {
                    code,
                    source,
                    a: Some(ra[i]),
                    b: Some(rb[j]),
                    overlap: r,
                    difference: Difference::LowOverlap,
                });
            }
        }
        for (i, x) in ra.iter().enumerate().filter(|(i, _)| !used_a[*i]) {
            let _ = i;
            items.push(Disagreement {
                code,
                source,
                a: Some(*x),
                b: None,
                overlap: 0.0,
                difference: Difference::OnlyA,
            });
        }
        for (j, y) in rb.iter().enumerate().filter(|(j, _)| !used_b[*j]) {
            let _ = j;
            items.push(Disagreement {
                code,
                source,
                a: None,
                b: Some(*y),
                overlap: 0.0,
                difference: Difference::OnlyB,
            });
        }
        items.sort_by_key(|d| (d.span(), d.difference));
        out.items.extend(items);
    }
    out
}

/// The decision for `item`, from `consensus`: the ranges the consensus
/// coder gave the item's code in the item's source.
pub fn decision(item: &Disagreement, consensus: &[(usize, usize)]) -> Decision {
    let (s, e) = item.span();
    let mut there: Vec<(usize, usize)> = consensus
        .iter()
        .copied()
        .filter(|r| r.0 < e && s < r.1)
        .collect();
    there.sort_unstable();
    there.dedup();
    let mut both: Vec<(usize, usize)> = item.a.iter().chain(item.b.iter()).copied().collect();
    both.sort_unstable();
    both.dedup();
    match there.as_slice() {
        [] => Decision::Open,
        [r] if Some(*r) == item.a => Decision::A,
        [r] if Some(*r) == item.b => Decision::B,
        _ if there == both && both.len() == 2 => Decision::Both,
        _ => Decision::Edited,
    }
}

/// The consensus coder's ranges per (code, source).
pub fn consensus_ranges<C: AsSpan>(
    codings: &[C],
    consensus: Option<CoderId>,
) -> HashMap<(CodeId, SourceId), Vec<(usize, usize)>> {
    let mut out: HashMap<(CodeId, SourceId), Vec<(usize, usize)>> = HashMap::new();
    let Some(k) = consensus else {
        return out;
    };
    for c in codings {
        let c = c.span();
        if c.coder == k {
            out.entry((c.code, c.source))
                .or_default()
                .push((c.start, c.end));
        }
    }
    out
}

/// Words around a range: up to `context` characters either side, cut at
/// the text's ends, with "…" where cut.
pub fn in_context(text: &str, range: (usize, usize), context: usize) -> (String, String, String) {
    let chars: Vec<char> = text.chars().collect();
    let (s, e) = (range.0.min(chars.len()), range.1.min(chars.len()));
    let from = s.saturating_sub(context);
    let to = (e + context).min(chars.len());
    let mut before: String = chars[from..s].iter().collect();
    if from > 0 {
        before.insert(0, '…');
    }
    let mut after: String = chars[e..to].iter().collect();
    if to < chars.len() {
        after.push('…');
    }
    (before, chars[s..e].iter().collect(), after)
}

/// The names a disagreement report prints.
pub struct Names<'a> {
    pub book: &'a Codebook,
    pub sources: &'a HashMap<SourceId, String>,
    pub coder_a: &'a str,
    pub coder_b: &'a str,
}

/// The list and the decisions as a table (Markdown, DOCX and every other
/// format): one row per item, by code path, source and position.
pub fn disagreements_report(
    cmp: &Comparison,
    consensus: &HashMap<(CodeId, SourceId), Vec<(usize, usize)>>,
    texts: &dyn Texts,
    names: &Names<'_>,
    min_overlap: f64,
) -> Report {
    let title = crate::t!("report-disagreements", a = names.coder_a, b = names.coder_b);
    let columns = [
        "code",
        "source",
        "difference",
        "overlap",
        "a_range",
        "a_quote",
        "b_range",
        "b_quote",
        "decision",
    ];
    let mut t = Table::new(
        title.clone(),
        columns.iter().map(|c| c.to_string()).collect(),
    );
    let mut items: Vec<&Disagreement> = cmp.items.iter().collect();
    items.sort_by_cached_key(|d| {
        (
            names.book.path(d.code),
            names.sources.get(&d.source).cloned(),
            d.span(),
        )
    });
    let mut decided = 0;
    for d in items {
        let text = texts.text_of(d.source).map_or("", |t| t.text.as_str());
        let quote = |r: Option<(usize, usize)>| match r {
            Some(r) => {
                let (_, q, _) = in_context(text, r, 0);
                (format!("{}..{}", r.0, r.1), q)
            }
            None => (String::new(), String::new()),
        };
        let (ar, aq) = quote(d.a);
        let (br, bq) = quote(d.b);
        let dec = decision(
            d,
            consensus
                .get(&(d.code, d.source))
                .map_or(&[], Vec::as_slice),
        );
        if dec != Decision::Open {
            decided += 1;
        }
        t.rows.push(vec![
            Cell::text(names.book.path(d.code)),
            Cell::text(names.sources.get(&d.source).cloned().unwrap_or_default()),
            Cell::text(match d.difference {
                Difference::OnlyA => format!("only {}", names.coder_a),
                Difference::OnlyB => format!("only {}", names.coder_b),
                Difference::LowOverlap => "little overlap".to_string(),
            }),
            Cell::Percent(d.overlap * 100.0),
            Cell::text(ar),
            Cell::Text(Arc::from(aq)),
            Cell::text(br),
            Cell::Text(Arc::from(bq)),
            Cell::text(dec.label()),
        ]);
    }
    let total = cmp.items.len();
    Report {
        title,
        wide: t.clone(),
        long: t,
        notes: vec![
            crate::t!(
                "note-disagreements-who",
                a = names.coder_a,
                b = names.coder_b,
                sources = cmp.sources,
                overlap = super::round_half_up(min_overlap * 100.0, 0),
                matched = cmp.agreed
            ),
            crate::t!(
                "note-disagreements-reviewed",
                decided = decided,
                total = total
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CodingId, CodingSpan};

    fn span(coder: i64, code: i64, start: usize, end: usize) -> CodingSpan {
        CodingSpan {
            id: CodingId(0),
            source: SourceId(1),
            code: CodeId(code),
            start,
            end,
            coder: CoderId(coder),
        }
    }

    #[test]
    fn matched_shifted_missed_and_other_code() {
        let codings = vec![
            span(1, 1, 0, 100),   // A, matched by B exactly
            span(2, 1, 0, 100),   // B
            span(1, 1, 200, 300), // A, B shifted: overlap 50 of 150
            span(2, 1, 250, 350), // B
            span(1, 1, 400, 500), // A only
            span(2, 2, 400, 500), // B only, another code
            span(1, 1, 600, 700), // A, B 85 of 100: matches at 80%
            span(2, 1, 600, 685),
            span(3, 1, 0, 50), // another coder: ignored
            CodingSpan {
                source: SourceId(2), // coded by A only: not compared
                ..span(1, 1, 0, 10)
            },
        ];
        let cmp = compare(&codings, CoderId(1), CoderId(2), 0.8);
        assert_eq!((cmp.sources, cmp.agreed), (1, 2));
        let got: Vec<_> = cmp
            .items
            .iter()
            .map(|d| {
                (
                    d.code.0,
                    d.a,
                    d.b,
                    d.difference,
                    (d.overlap * 1000.0).round(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    1,
                    Some((200, 300)),
                    Some((250, 350)),
                    Difference::LowOverlap,
                    333.0
                ),
                (1, Some((400, 500)), None, Difference::OnlyA, 0.0),
                (2, None, Some((400, 500)), Difference::OnlyB, 0.0),
            ]
        );
        // At 90% the 85-of-100 pair is a disagreement too.
        let strict = compare(&codings, CoderId(1), CoderId(2), 0.9);
        assert_eq!((strict.agreed, strict.items.len()), (1, 4));
    }

    #[test]
    fn decisions_are_read_from_the_consensus_codings() {
        let d = Disagreement {
            code: CodeId(1),
            source: SourceId(1),
            a: Some((200, 300)),
            b: Some((250, 350)),
            overlap: 1.0 / 3.0,
            difference: Difference::LowOverlap,
        };
        assert_eq!(decision(&d, &[]), Decision::Open);
        assert_eq!(decision(&d, &[(0, 10), (200, 300)]), Decision::A);
        assert_eq!(decision(&d, &[(250, 350)]), Decision::B);
        assert_eq!(decision(&d, &[(250, 350), (200, 300)]), Decision::Both);
        assert_eq!(decision(&d, &[(210, 340)]), Decision::Edited);
        assert_eq!(
            in_context("abcdefgh", (3, 5), 2),
            ("…bc".into(), "de".into(), "fg…".into())
        );
        assert_eq!(overlap_ratio((0, 10), (10, 20)), 0.0);
    }
}
