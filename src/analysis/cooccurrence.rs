//! Which codes occur together. Three ways to count, chosen by the user:
//!
//! - `overlap`: pairs of codings (one of each code) in the same source whose
//!   ranges share at least one character. The diagonal is a code's number of
//!   codings; the similarity is ATLAS.ti's c-coefficient
//!   `n12 / (n1 + n2 − n12)`, capped at 1.
//! - `turn`: speaker turns in which both codes are applied (a coding belongs
//!   to every turn it touches; in a source without turns, paragraphs count).
//! - `paragraph`: paragraphs (text between blank lines) in which both occur.
//!
//! For `turn` and `paragraph` the diagonal is the number of units a code
//! occurs in and the similarity is the Jaccard index `|A ∩ B| / |A ∪ B|`.

use std::collections::{BTreeSet, HashMap};

use super::{Cell, Report, Table};
use crate::model::Texts;
use crate::model::text::CharIndex;
use crate::model::{CodeId, Codebook, SourceId};
use crate::store::ProjectData;

/// How co-occurrence is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum CoMode {
    #[default]
    Overlap,
    Turn,
    Paragraph,
}

impl std::str::FromStr for CoMode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "overlap" => Ok(CoMode::Overlap),
            "turn" => Ok(CoMode::Turn),
            "paragraph" => Ok(CoMode::Paragraph),
            other => Err(format!(
                "'{other}' is not a co-occurrence unit: use overlap, turn or paragraph"
            )),
        }
    }
}

impl CoMode {
    pub fn as_str(self) -> &'static str {
        match self {
            CoMode::Overlap => "overlap",
            CoMode::Turn => "turn",
            CoMode::Paragraph => "paragraph",
        }
    }
}

/// The code × code matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct CooccurrenceTable {
    pub mode: CoMode,
    /// Codes with at least one coding, in codebook order.
    pub codes: Vec<(CodeId, String)>,
    /// `counts[i][j]`: co-occurrences of codes i and j; the diagonal is the
    /// code's own count (codings or units).
    pub counts: Vec<Vec<usize>>,
    /// Similarity in 0..=1 (c-coefficient or Jaccard, see the module docs).
    pub similarity: Vec<Vec<f64>>,
}

/// Paragraph char ranges of a text: runs of lines between blank lines.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let index = CharIndex::new(text);
    let mut out = Vec::new();
    let (mut start, mut pos) = (0usize, 0usize);
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            if pos > start {
                out.push((index.char_of_byte(start), index.char_of_byte(pos)));
            }
            start = pos + line.len();
        }
        pos += line.len();
    }
    if pos > start {
        out.push((index.char_of_byte(start), index.char_of_byte(pos)));
    }
    out
}

/// Counts co-occurrence of every pair of codes. `texts` is needed for
/// paragraph units (and for turn units in sources without turns).
pub fn cooccurrence(data: &ProjectData, texts: &dyn Texts, mode: CoMode) -> CooccurrenceTable {
    let book = Codebook::new(data.codes.clone());
    let used: BTreeSet<CodeId> = data.codings.iter().map(|c| c.code).collect();
    let codes: Vec<(CodeId, String)> = book
        .preorder()
        .into_iter()
        .filter(|(_, c)| used.contains(&c.id))
        .map(|(_, c)| (c.id, book.path(c.id)))
        .collect();
    let pos: HashMap<CodeId, usize> = codes
        .iter()
        .enumerate()
        .map(|(i, (c, _))| (*c, i))
        .collect();
    let n = codes.len();
    let mut counts = vec![vec![0usize; n]; n];
    let mut similarity = vec![vec![0f64; n]; n];

    match mode {
        CoMode::Overlap => {
            let mut by_source: HashMap<SourceId, Vec<(usize, usize, usize)>> = HashMap::new();
            for c in &data.codings {
                if let Some(&i) = pos.get(&c.code) {
                    by_source
                        .entry(c.source)
                        .or_default()
                        .push((c.start, c.end, i));
                    counts[i][i] += 1;
                }
            }
            for list in by_source.values_mut() {
                list.sort_unstable();
                for (a, &(_, e1, i)) in list.iter().enumerate() {
                    for &(s2, _, j) in &list[a + 1..] {
                        if s2 >= e1 {
                            break;
                        }
                        if i != j {
                            counts[i][j] += 1;
                            counts[j][i] += 1;
                        }
                    }
                }
            }
            for i in 0..n {
                for j in 0..n {
                    let (n1, n2, n12) = (counts[i][i], counts[j][j], counts[i][j]);
                    let denom = (n1 + n2).saturating_sub(n12);
                    // n12 ≥ n1 + n2 happens (two coders coding the same
                    // passages, each pair counted): the coefficient is
                    // capped at 1 there, not 0.
                    similarity[i][j] = if i == j {
                        1.0
                    } else if n12 == 0 {
                        0.0
                    } else if denom == 0 {
                        1.0
                    } else {
                        (n12 as f64 / denom as f64).min(1.0)
                    };
                }
            }
        }
        CoMode::Turn | CoMode::Paragraph => {
            // Units per source: turns (or paragraphs), as char ranges.
            // With each list, whether its units are in order without
            // overlaps (a damaged file's overlapping turns are scanned whole).
            let mut units: HashMap<SourceId, (Vec<(usize, usize)>, bool)> = HashMap::new();
            let mut sets: Vec<BTreeSet<(SourceId, usize)>> = vec![BTreeSet::new(); n];
            for c in &data.codings {
                let Some(&i) = pos.get(&c.code) else { continue };
                let (list, ordered) = units.entry(c.source).or_insert_with(|| {
                    let turns = data.turns.get(&c.source).filter(|t| !t.is_empty());
                    let list: Vec<(usize, usize)> = match (mode, turns) {
                        (CoMode::Turn, Some(t)) => t.iter().map(|t| (t.start, t.end)).collect(),
                        _ => texts
                            .text_of(c.source)
                            .map(|t| paragraphs(&t.text))
                            .unwrap_or_default(),
                    };
                    let ordered = list.windows(2).all(|w| w[0].1 <= w[1].0);
                    (list, ordered)
                });
                let ordered = *ordered;
                // Units are in text order and do not overlap: the first one
                // that ends after the coding starts is found by binary
                // search, so many codings cost O(log units) each.
                let first = if ordered {
                    list.partition_point(|&(_, e)| e <= c.start)
                } else {
                    0
                };
                for (u, &(s, e)) in list.iter().enumerate().skip(first) {
                    if ordered && s >= c.end {
                        break;
                    }
                    if s < c.end && c.start < e {
                        sets[i].insert((c.source, u));
                    }
                }
            }
            for i in 0..n {
                for j in 0..n {
                    let both = sets[i].intersection(&sets[j]).count();
                    let either = sets[i].union(&sets[j]).count();
                    counts[i][j] = both;
                    similarity[i][j] = if either == 0 {
                        0.0
                    } else {
                        both as f64 / either as f64
                    };
                }
            }
        }
    }
    CooccurrenceTable {
        mode,
        codes,
        counts,
        similarity,
    }
}

impl CooccurrenceTable {
    /// Wide: the code × code matrix of counts, or of similarities with
    /// `jaccard`. Long: one row per pair (i ≤ j) with count and similarity.
    pub fn to_report(&self, jaccard: bool) -> Report {
        let mode = match self.mode {
            CoMode::Overlap => crate::t!("co-mode-overlap"),
            CoMode::Turn => crate::t!("co-mode-turn"),
            CoMode::Paragraph => crate::t!("co-mode-paragraph"),
        };
        let title = if jaccard {
            crate::t!("report-cooccurrence-similarity", mode = mode)
        } else {
            crate::t!("report-cooccurrence", mode = mode)
        };
        let mut columns = vec!["code".to_string()];
        columns.extend(self.codes.iter().map(|(_, p)| p.clone()));
        let mut wide = Table::new(title.clone(), columns);
        for (i, (_, path)) in self.codes.iter().enumerate() {
            let mut row = vec![Cell::text(path.clone())];
            for j in 0..self.codes.len() {
                row.push(if jaccard {
                    Cell::Ratio(self.similarity[i][j])
                } else {
                    self.counts[i][j].into()
                });
            }
            wide.rows.push(row);
        }
        let mut long = Table::new(
            title.clone(),
            ["code_a", "code_b", "count", "similarity"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        );
        for i in 0..self.codes.len() {
            for j in i..self.codes.len() {
                long.rows.push(vec![
                    Cell::text(self.codes[i].1.clone()),
                    Cell::text(self.codes[j].1.clone()),
                    self.counts[i][j].into(),
                    Cell::Ratio(self.similarity[i][j]),
                ]);
            }
        }
        let note = match self.mode {
            CoMode::Overlap => crate::t!("note-cooccurrence-overlap"),
            CoMode::Turn => crate::t!("note-cooccurrence-turn"),
            CoMode::Paragraph => crate::t!("note-cooccurrence-paragraph"),
        };
        Report {
            title,
            wide,
            long,
            notes: vec![note],
        }
    }
}
