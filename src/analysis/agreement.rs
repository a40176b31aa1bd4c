//! Intercoder agreement: how far two or more coders applied the same codes
//! to the same text. Pure functions over the project's data (no SQL, no
//! GUI).
//!
//! Two families of measures, each with its reference (the README defines
//! them):
//! - over predefined units (characters, sentences, paragraphs or speaker
//!   turns; a unit counts as coded by a coder when any of its characters
//!   is): percent agreement, Cohen's κ (1960) for two coders, Fleiss' κ
//!   (1971) for more, and Krippendorff's α, nominal (2011), with missing
//!   data allowed;
//! - on the continuum of characters: Krippendorff's unitized α (uα) and
//!   |uα (Krippendorff 2019, §12.6; Krippendorff, Mathet, Bouvry &
//!   Widlöcher 2016).
//!
//! Positions are half-open code-point ranges `[start, end)`, as Jalin
//! stores codings. A measure the data leaves undefined (every unit got the
//! same value, so agreement cannot be told from chance) is `None`, never
//! NaN.
//!
//! The work is proportional to the codings, not to the text: coverage is
//! constant between coding boundaries, so characters are counted by runs.

use std::collections::HashMap;
use std::sync::Arc;

use unicode_segmentation::UnicodeSegmentation;

use super::{Cell, Report, Table};
use crate::model::{AsSpan, CodeId, Codebook, CoderId, Texts};
use crate::store::ProjectData;

// ---------------------------------------------------------------------------
// The statistics, on plain data.

/// Krippendorff's coincidence matrix over nominal values `0..values`
/// (Krippendorff 2011, "Computing Krippendorff's alpha-reliability"): each
/// unit coded by `m_u ≥ 2` coders adds, for every ordered pair of values
/// given by two different coders, `1 / (m_u − 1)`. Units with fewer than two
/// values are not pairable and add nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct Coincidences {
    values: usize,
    /// `o[c * values + k]`.
    o: Vec<f64>,
}

impl Coincidences {
    /// An empty matrix over `values` values.
    pub fn new(values: usize) -> Self {
        Coincidences {
            values,
            o: vec![0.0; values * values],
        }
    }

    /// Adds `weight` identical units in each of which value `c` was given
    /// `counts[c]` times (by different coders).
    pub fn add_unit(&mut self, counts: &[u64], weight: u64) {
        let m: u64 = counts.iter().sum();
        if m < 2 || weight == 0 {
            return;
        }
        let share = weight as f64 / (m - 1) as f64;
        for (c, &nc) in counts.iter().enumerate().take(self.values) {
            if nc == 0 {
                continue;
            }
            for (k, &nk) in counts.iter().enumerate().take(self.values) {
                let pairs = if c == k { nc * (nc - 1) } else { nc * nk };
                if pairs > 0 {
                    self.o[c * self.values + k] += pairs as f64 * share;
                }
            }
        }
    }

    /// The matrix of a reliability data table: one row per coder, one
    /// column per unit, `None` where the coder gave the unit no value.
    /// Values are any labels; equal labels are the same value.
    pub fn from_coders(rows: &[Vec<Option<u32>>]) -> Self {
        let units = value_counts(rows);
        let mut m = Coincidences::new(units.first().map_or(0, Vec::len));
        for counts in &units {
            m.add_unit(counts, 1);
        }
        m
    }

    /// Pairable values, `n..`.
    pub fn pairable(&self) -> f64 {
        self.o.iter().sum()
    }

    fn marginal(&self, c: usize) -> f64 {
        self.o[c * self.values..][..self.values].iter().sum()
    }

    /// Krippendorff's α for nominal values: `1 − (n − 1) Σ_{c≠k} o_ck ÷
    /// Σ_{c≠k} n_c n_k`. Undefined with fewer than two pairable values or
    /// when only one value occurs (nothing to tell agreement from chance).
    pub fn alpha_nominal(&self) -> Option<f64> {
        let n = self.pairable();
        let marginals: Vec<f64> = (0..self.values).map(|c| self.marginal(c)).collect();
        // Only one value occurs: no variation, α undefined.
        if n < 2.0 || marginals.iter().filter(|&&m| m > 0.0).count() < 2 {
            return None;
        }
        let mut observed = 0.0;
        let mut expected = 0.0;
        for c in 0..self.values {
            for k in 0..self.values {
                if c != k {
                    observed += self.o[c * self.values + k];
                    expected += marginals[c] * marginals[k];
                }
            }
        }
        (expected > 0.0).then(|| 1.0 - (n - 1.0) * observed / expected)
    }
}

/// Per unit of a reliability data table (one row per coder, one column per
/// unit, `None` for no value), how often each value was given; values are
/// any labels, in ascending order.
pub fn value_counts(rows: &[Vec<Option<u32>>]) -> Vec<Vec<u64>> {
    let mut labels: Vec<u32> = rows.iter().flatten().flatten().copied().collect();
    labels.sort_unstable();
    labels.dedup();
    let units = rows.iter().map(Vec::len).max().unwrap_or(0);
    (0..units)
        .map(|u| {
            let mut counts = vec![0u64; labels.len()];
            for row in rows {
                if let Some(Some(v)) = row.get(u)
                    && let Ok(i) = labels.binary_search(v)
                {
                    counts[i] += 1;
                }
            }
            counts
        })
        .collect()
}

/// Percent agreement: over the units with at least two values, the mean
/// share of pairs of coders that gave the unit the same value (Fleiss'
/// P̄; Gwet's percent agreement with missing values). With two coders it
/// is the units both gave the same value ÷ all units. Each item is
/// `(counts, weight)`: `weight` identical units in which value `c` was
/// given `counts[c]` times.
pub fn percent_agreement<'a>(units: impl IntoIterator<Item = (&'a [u64], u64)>) -> Option<f64> {
    let mut n = 0u64;
    let mut sum = 0f64;
    for (counts, w) in units {
        let m: u64 = counts.iter().sum();
        if m < 2 || w == 0 {
            continue;
        }
        let same: u64 = counts.iter().map(|c| c * c.saturating_sub(1)).sum();
        sum += w as f64 * same as f64 / (m * (m - 1)) as f64;
        n += w;
    }
    (n > 0).then(|| sum / n as f64)
}

/// Cohen's κ (1960) from a square contingency table, `table[a][b]` = units
/// coder A gave value `a` and coder B value `b`: `(Po − Pe) ÷ (1 − Pe)`, Pe
/// from each coder's marginals. Undefined without units or when both coders
/// gave every unit the same single value (Pe = 1).
pub fn cohen_kappa(table: &[Vec<u64>]) -> Option<f64> {
    let v = table.len();
    let n: u64 = table.iter().flatten().sum();
    if n == 0 {
        return None;
    }
    let row = |c: usize| -> u64 { table[c].iter().sum() };
    let col = |c: usize| -> u64 { table.iter().map(|r| r.get(c).copied().unwrap_or(0)).sum() };
    if (0..v).any(|c| row(c) == n && col(c) == n) {
        return None;
    }
    let nf = n as f64;
    let po = (0..v)
        .map(|c| table[c].get(c).copied().unwrap_or(0))
        .sum::<u64>() as f64
        / nf;
    let pe: f64 = (0..v)
        .map(|c| (row(c) as f64 / nf) * (col(c) as f64 / nf))
        .sum();
    Some((po - pe) / (1.0 - pe))
}

/// Fleiss' κ (1971) for `m` coders who all coded every unit: each item is
/// `(counts, weight)`, `weight` identical units in which value `c` was given
/// `counts[c]` times (the counts of a unit sum to `m`). Undefined without
/// units, with fewer than two coders, or when one value got every
/// assignment.
pub fn fleiss_kappa(units: &[(Vec<u64>, u64)]) -> Option<f64> {
    let (first, _) = units.iter().find(|(_, w)| *w > 0)?;
    let m: u64 = first.iter().sum();
    if m < 2
        || units
            .iter()
            .any(|(c, w)| *w > 0 && c.iter().sum::<u64>() != m)
    {
        return None;
    }
    let values = units.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
    let n: u64 = units.iter().map(|(_, w)| w).sum();
    let mut totals = vec![0u64; values];
    let mut agreeing = 0f64;
    for (counts, w) in units {
        for (t, c) in totals.iter_mut().zip(counts) {
            *t += c * w;
        }
        let same: u64 = counts.iter().map(|c| c * c.saturating_sub(1)).sum();
        agreeing += (*w as f64) * same as f64;
    }
    let all = n * m;
    if totals.contains(&all) {
        return None;
    }
    let p_bar = agreeing / (n as f64 * (m * (m - 1)) as f64);
    let pe: f64 = totals
        .iter()
        .map(|&t| {
            let p = t as f64 / all as f64;
            p * p
        })
        .sum();
    Some((p_bar - pe) / (1.0 - pe))
}

/// One coder's segment of a continuum: positions `[start, end)` with a
/// value (from 1; 0 stands for the gaps between segments).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Section {
    pub start: usize,
    pub end: usize,
    pub value: u32,
}

/// Why a continuum cannot be added to [`Unitized`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitizeError {
    /// Coder `coder` (by position) has overlapping segments of the values
    /// `a` and `b`: the segments do not partition the continuum.
    Overlap { coder: usize, a: u32, b: u32 },
    /// A segment with value 0, which stands for the gaps.
    ZeroValue,
}

/// Running totals of Krippendorff's unitized α over one or more continua
/// (sources), taken as one continuum (concatenated):
/// 1. each coder's segments plus the gaps between them partition the
///    continuum;
/// 2. observed coincidences: overlap lengths of every pair of sections from
///    two different coders, ÷ (m − 1) (m: coders of that continuum);
/// 3. expected coincidences from the marginal lengths `n_c`, without the
///    pairs of positions inside one segment: `S = Σ |g|²` over segments,
///    `Σ |g|` over gaps (a gap's positions are no unit, each stands alone);
/// 4. `uα = 1 − Do ÷ De`, `Do = Σ_{c≠k} o_ck ÷ N`, `De = Σ_{c≠k} n_c n_k ÷
///    (N² − S)`. With all values collapsed to "coded" this is |uα.
///
/// Reproduces Krippendorff (2019), Fig. 12.11: uα = 0.509982, |uα =
/// 0.413599 (the tests).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unitized {
    /// Length given each value, summed over coders; index 0 is the gap.
    lengths: Vec<u64>,
    /// `S`: `Σ |g|²` over segments plus `Σ |g|` over gaps.
    self_pairs: u128,
    /// `Σ_{c≠k} o_ck`: over ordered pairs of coders, the length where their
    /// values differ, ÷ (m − 1).
    mismatch: f64,
}

impl Unitized {
    /// Adds a continuum of `len` positions coded by `coders` (one list of
    /// segments each; any order). Segments are cut at `len`; overlapping
    /// segments of one coder with the same value are joined, with different
    /// values they are an error (unitized α needs values that exclude each
    /// other). Segments that only touch stay apart. Fewer than two coders
    /// add nothing.
    pub fn add(&mut self, len: usize, coders: &[Vec<Section>]) -> Result<(), UnitizeError> {
        let mut clean = Vec::with_capacity(coders.len());
        for (i, segs) in coders.iter().enumerate() {
            let mut s = segs.clone();
            if s.iter().any(|g| g.value == 0) {
                return Err(UnitizeError::ZeroValue);
            }
            normalise(&mut s, len).map_err(|(a, b)| UnitizeError::Overlap { coder: i, a, b })?;
            clean.push(s);
        }
        let refs: Vec<&[Section]> = clean.iter().map(Vec::as_slice).collect();
        self.add_clean(len, &refs, |_, _| {});
        Ok(())
    }

    /// [`Unitized::add`] for segments already normalised (sorted, inside
    /// `len`, not overlapping); `visit` also sees each run of positions
    /// where no coder's value changes, with the coders' values there.
    fn add_clean(&mut self, len: usize, coders: &[&[Section]], mut visit: impl FnMut(u64, &[u32])) {
        let m = coders.len();
        if m < 2 {
            return;
        }
        for segs in coders {
            let mut coded = 0u64;
            for g in *segs {
                let l = (g.end - g.start) as u64;
                let v = g.value as usize;
                if self.lengths.len() <= v {
                    self.lengths.resize(v + 1, 0);
                }
                self.lengths[v] += l;
                self.self_pairs += u128::from(l) * u128::from(l);
                coded += l;
            }
            let gap = len as u64 - coded;
            if self.lengths.is_empty() {
                self.lengths.push(0);
            }
            self.lengths[0] += gap;
            self.self_pairs += u128::from(gap);
        }
        let mut sorted = vec![0u32; m];
        let per_pair = 1.0 / (m - 1) as f64;
        sweep(len, coders, |run, values| {
            sorted.copy_from_slice(values);
            sorted.sort_unstable();
            let mut same = 0u64;
            let mut i = 0;
            while i < m {
                let j = i + sorted[i..].iter().take_while(|&&v| v == sorted[i]).count();
                same += ((j - i) * (j - i)) as u64;
                i = j;
            }
            let differ = (m * m) as u64 - same;
            if differ > 0 {
                self.mismatch += (run * differ) as f64 * per_pair;
            }
            visit(run, values);
        });
    }

    /// Positions summed over coders, `N`.
    pub fn positions(&self) -> u64 {
        self.lengths.iter().sum()
    }

    /// uα; `None` when undefined (nothing coded, or only one value on the
    /// whole continuum).
    pub fn alpha(&self) -> Option<f64> {
        let n = u128::from(self.positions());
        let squares: u128 = self.lengths.iter().map(|&l| u128::from(l).pow(2)).sum();
        let expected_pairs = n * n - squares;
        let all_pairs = n * n - self.self_pairs.min(n * n);
        if n == 0 || expected_pairs == 0 || all_pairs == 0 {
            return None;
        }
        let observed = self.mismatch / n as f64;
        let expected = expected_pairs as f64 / all_pairs as f64;
        Some(1.0 - observed / expected)
    }
}

/// Sorts `segs`, cuts them at `len`, drops empty ones and joins overlapping
/// ones of one value; overlapping segments of two values are `Err((a, b))`.
fn normalise(segs: &mut Vec<Section>, len: usize) -> Result<(), (u32, u32)> {
    for g in segs.iter_mut() {
        g.end = g.end.min(len);
    }
    segs.retain(|g| g.start < g.end);
    segs.sort_unstable();
    let mut out: Vec<Section> = Vec::with_capacity(segs.len());
    for g in segs.drain(..) {
        match out.last_mut() {
            Some(last) if g.start < last.end => {
                if g.value != last.value {
                    return Err((last.value, g.value));
                }
                last.end = last.end.max(g.end);
            }
            _ => out.push(g),
        }
    }
    *segs = out;
    Ok(())
}

/// Walks `[0, len)` in runs where no coder's value changes, calling
/// `visit(run length, values)` with each coder's value there (0: gap).
/// Segments are normalised (see [`normalise`]).
fn sweep(len: usize, coders: &[&[Section]], mut visit: impl FnMut(u64, &[u32])) {
    let mut cuts: Vec<usize> =
        Vec::with_capacity(2 + coders.iter().map(|s| 2 * s.len()).sum::<usize>());
    cuts.push(0);
    cuts.push(len);
    for segs in coders {
        for g in *segs {
            cuts.push(g.start);
            cuts.push(g.end);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut next = vec![0usize; coders.len()];
    let mut values = vec![0u32; coders.len()];
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        for (c, segs) in coders.iter().enumerate() {
            while next[c] < segs.len() && segs[next[c]].end <= a {
                next[c] += 1;
            }
            values[c] = match segs.get(next[c]) {
                Some(g) if g.start <= a => g.value,
                _ => 0,
            };
        }
        visit((b - a) as u64, &values);
    }
}

// ---------------------------------------------------------------------------
// Units of a source.

/// What one unit of agreement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum)]
pub enum AgreementUnit {
    /// Every character (code point) of the text.
    #[default]
    Character,
    /// Sentences (Unicode sentence boundaries, UAX #29), trimmed of white
    /// space.
    Sentence,
    /// Paragraphs: runs of lines between blank lines.
    Paragraph,
    /// Speaker turns (their words, without the label); paragraphs in
    /// sources without turns.
    Turn,
}

impl AgreementUnit {
    pub const ALL: [AgreementUnit; 4] = [
        AgreementUnit::Character,
        AgreementUnit::Sentence,
        AgreementUnit::Paragraph,
        AgreementUnit::Turn,
    ];

    /// The name on the command line and in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementUnit::Character => "character",
            AgreementUnit::Sentence => "sentence",
            AgreementUnit::Paragraph => "paragraph",
            AgreementUnit::Turn => "turn",
        }
    }

    /// The unit's name in a title or note, in the current language.
    pub fn label(self) -> String {
        match self {
            AgreementUnit::Character => crate::t!("unit-character"),
            AgreementUnit::Sentence => crate::t!("unit-sentence"),
            AgreementUnit::Paragraph => crate::t!("unit-paragraph"),
            AgreementUnit::Turn => crate::t!("unit-turn"),
        }
    }
}

/// Char ranges of the sentences of `text` (UAX #29), trimmed of white
/// space; white space alone is no sentence.
pub fn sentence_units(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for piece in text.split_sentence_bounds() {
        let n = piece.chars().count();
        trimmed_push(&mut out, piece, pos, n);
        pos += n;
    }
    out
}

/// Char ranges of the paragraphs of `text` (runs of lines between blank
/// lines), trimmed of white space.
pub fn paragraph_units(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut bytes = 0;
    for (s, e) in crate::model::text::paragraph_spans(text) {
        pos += text[bytes..s].chars().count();
        let piece = &text[s..e];
        let n = piece.chars().count();
        trimmed_push(&mut out, piece, pos, n);
        pos += n;
        bytes = e;
    }
    out
}

/// Pushes `piece` (`n` chars from char `pos`) without its white space at
/// either end, unless it is all white space.
fn trimmed_push(out: &mut Vec<(usize, usize)>, piece: &str, pos: usize, n: usize) {
    let lead = piece.chars().take_while(|c| c.is_whitespace()).count();
    if lead < n {
        let trail = piece
            .chars()
            .rev()
            .take_while(|c| c.is_whitespace())
            .count();
        out.push((pos + lead, pos + n - trail));
    }
}

// ---------------------------------------------------------------------------
// Agreement in a project.

/// What to compare.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AgreementOptions {
    /// The coders, at least two, in the order their names are shown (for
    /// Cohen's κ the first is coder A).
    pub coders: Vec<CoderId>,
    /// Codes to report, each with its sub-codes; empty: every code.
    pub codes: Vec<CodeId>,
    pub unit: AgreementUnit,
}

/// One row: a code in a source, a code over all sources (`source: None`)
/// or all codes over all sources (`code: None`).
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementRow {
    pub code: Option<CodeId>,
    /// The code's path, or `(all)`.
    pub code_label: Arc<str>,
    /// The source's name, or `(all)`.
    pub source_label: Arc<str>,
    /// Names of the coders compared in this row (those who coded the
    /// source), joined with ", ".
    pub coders: Arc<str>,
    /// Units with at least two coders (percent, α).
    pub units: u64,
    pub percent: Option<f64>,
    /// Cohen's κ (two coders) or Fleiss' κ (more).
    pub kappa: Option<f64>,
    /// Units κ is computed over (Fleiss: units every coder coded).
    pub kappa_units: u64,
    pub alpha: Option<f64>,
    /// Characters of the continuum (the sources' lengths).
    pub characters: u64,
    pub u_alpha: Option<f64>,
    pub binary_u_alpha: Option<f64>,
}

/// The agreement table of a project.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementTable {
    pub unit: AgreementUnit,
    pub coder_names: Vec<String>,
    pub rows: Vec<AgreementRow>,
    pub notes: Vec<String>,
}

/// Label of the rows over all codes or sources.
pub const ALL: &str = "(all)";

/// Counts that make every measure over units, added over sources and codes.
#[derive(Debug, Clone, PartialEq)]
struct UnitCounts {
    /// Coders chosen (`m`).
    m: usize,
    /// `hist[m_u * (m + 1) + k]`: units coded by `m_u` coders, `k` of whom
    /// applied the code.
    hist: Vec<u64>,
    /// With two coders: units by `(A coded) * 2 + (B coded)`.
    pair: [u64; 4],
}

impl UnitCounts {
    fn new(m: usize) -> Self {
        UnitCounts {
            m,
            hist: vec![0; (m + 1) * (m + 1)],
            pair: [0; 4],
        }
    }

    /// Adds `weight` units coded by the coders `present` (a bit per chosen
    /// coder), of whom those in `coded` applied the code.
    fn add(&mut self, present: u64, coded: u64, weight: u64) {
        let mu = present.count_ones() as usize;
        let k = (coded & present).count_ones() as usize;
        self.hist[mu * (self.m + 1) + k] += weight;
        if self.m == 2 && mu == 2 {
            self.pair[((coded & 1) * 2 + ((coded >> 1) & 1)) as usize] += weight;
        }
    }

    fn add_all(&mut self, other: &UnitCounts) {
        for (a, b) in self.hist.iter_mut().zip(&other.hist) {
            *a += b;
        }
        for (a, b) in self.pair.iter_mut().zip(&other.pair) {
            *a += b;
        }
    }

    fn units(&self) -> u64 {
        self.hist.iter().sum()
    }

    /// Percent agreement ([`percent_agreement`]) over these units.
    fn percent(&self) -> Option<f64> {
        let m = self.m;
        let counts: Vec<([u64; 2], u64)> = (2..=m)
            .flat_map(|mu| (0..=mu).map(move |k| (mu, k)))
            .map(|(mu, k)| ([(mu - k) as u64, k as u64], self.hist[mu * (m + 1) + k]))
            .collect();
        percent_agreement(counts.iter().map(|(c, w)| (&c[..], *w)))
    }

    fn coincidences(&self) -> Coincidences {
        let mut c = Coincidences::new(2);
        for mu in 2..=self.m {
            for k in 0..=mu {
                let w = self.hist[mu * (self.m + 1) + k];
                c.add_unit(&[(mu - k) as u64, k as u64], w);
            }
        }
        c
    }

    /// Cohen's κ (two coders) or Fleiss' κ over the units all coded, with
    /// the units it counts.
    fn kappa(&self) -> (Option<f64>, u64) {
        if self.m == 2 {
            let p = self.pair;
            let n = p.iter().sum();
            (cohen_kappa(&[vec![p[0], p[1]], vec![p[2], p[3]]]), n)
        } else {
            let m = self.m;
            let units: Vec<(Vec<u64>, u64)> = (0..=m)
                .map(|k| (vec![(m - k) as u64, k as u64], self.hist[m * (m + 1) + k]))
                .filter(|(_, w)| *w > 0)
                .collect();
            let n = units.iter().map(|(_, w)| w).sum();
            (fleiss_kappa(&units), n)
        }
    }
}

/// Everything one row needs, added over sources (and codes).
#[derive(Debug, Clone, PartialEq)]
struct Tally {
    units: UnitCounts,
    continuum: Unitized,
    characters: u64,
}

impl Tally {
    fn new(m: usize) -> Self {
        Tally {
            units: UnitCounts::new(m),
            continuum: Unitized::default(),
            characters: 0,
        }
    }

    fn add_all(&mut self, other: &Tally) {
        self.units.add_all(&other.units);
        self.continuum.lengths.resize(
            self.continuum
                .lengths
                .len()
                .max(other.continuum.lengths.len()),
            0,
        );
        for (a, b) in self
            .continuum
            .lengths
            .iter_mut()
            .zip(&other.continuum.lengths)
        {
            *a += b;
        }
        self.continuum.self_pairs += other.continuum.self_pairs;
        self.continuum.mismatch += other.continuum.mismatch;
        self.characters += other.characters;
    }
}

/// A source the coders are compared on.
struct Included {
    /// Index into the sorted sources.
    index: usize,
    len: usize,
    /// Chosen coders who coded it (bits), and their positions.
    present: u64,
    coders: Vec<usize>,
    /// Units as char ranges (empty for character units).
    units: Vec<(usize, usize)>,
    /// Its tally for a code nobody applied there.
    empty: Tally,
}

/// A coding reduced to what agreement needs: indexes and range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Span {
    code: u32,
    source: u32,
    coder: u32,
    start: usize,
    end: usize,
}

/// Agreement between `options.coders` on the codes of `data`, per code ×
/// source, per code over all sources, and over all codes. `texts` gives the
/// sources' texts for sentence, paragraph and turn units (character units
/// need none). A coder with no coding in a source did not code it: the
/// source counts for the others only, and a source coded by fewer than two
/// of the coders is left out.
pub fn agreement<C: AsSpan>(
    data: &ProjectData<C>,
    texts: &dyn Texts,
    options: &AgreementOptions,
) -> Result<AgreementTable, String> {
    let m = options.coders.len();
    if m < 2 {
        return Err("agreement needs at least two coders".into());
    }
    if m > 64 {
        return Err("agreement compares at most 64 coders at a time".into());
    }
    let coder_names = coder_names(data, &options.coders)?;
    let book = Codebook::new(data.codes.clone());
    let selected = selected_codes(&book, &options.codes);
    let code_index: HashMap<CodeId, u32> = selected
        .iter()
        .enumerate()
        .map(|(i, c)| (*c, i as u32))
        .collect();
    let mut sources: Vec<&crate::model::SourceMeta> = data.sources.iter().collect();
    sources.sort_by_cached_key(|s| (s.name.to_lowercase(), s.id));
    let source_index: HashMap<_, u32> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i as u32))
        .collect();
    let coder_index: HashMap<CoderId, u32> = options
        .coders
        .iter()
        .enumerate()
        .map(|(i, c)| (*c, i as u32))
        .collect();

    // Who coded which source (any code), and the spans of the chosen codes.
    let mut present = vec![0u64; sources.len()];
    let mut spans = Vec::new();
    for c in &data.codings {
        let c = c.span();
        let (Some(&s), Some(&k)) = (source_index.get(&c.source), coder_index.get(&c.coder)) else {
            continue;
        };
        present[s as usize] |= 1 << k;
        if let Some(&code) = code_index.get(&c.code) {
            let len = sources[s as usize].char_len;
            let end = c.end.min(len);
            if c.start < end {
                spans.push(Span {
                    code,
                    source: s,
                    coder: k,
                    start: c.start,
                    end,
                });
            }
        }
    }
    spans.sort_unstable();

    let mut notes = Vec::new();
    let (included, by_paragraph) =
        included_sources(&sources, &present, data, texts, options.unit, m);

    let names_of = |coders: &[usize]| -> Arc<str> {
        coders
            .iter()
            .map(|&k| coder_names[k].as_str())
            .collect::<Vec<_>>()
            .join(", ")
            .into()
    };
    let all_label: Arc<str> = ALL.into();
    let all_coders = names_of(&(0..m).collect::<Vec<_>>());
    // One label per set of coders, shared by its rows.
    let mut coder_labels: HashMap<u64, Arc<str>> = HashMap::new();
    let source_names: Vec<Arc<str>> = sources.iter().map(|s| s.name.as_str().into()).collect();

    let mut rows = Vec::new();
    let mut overall = Tally::new(m);
    let mut cursor = 0;
    let mut per_coder: Vec<Vec<Section>> = vec![Vec::new(); m];
    let mut marks: Vec<u64> = Vec::new();
    for (ci, &code) in selected.iter().enumerate() {
        let code_label: Arc<str> = book.path(code).into();
        let mut pooled = Tally::new(m);
        for inc in &included {
            // This code's spans in this source (spans are sorted by code,
            // source, coder, start).
            let key = (ci as u32, inc.index as u32);
            while cursor < spans.len() && (spans[cursor].code, spans[cursor].source) < key {
                cursor += 1;
            }
            let from = cursor;
            while cursor < spans.len() && (spans[cursor].code, spans[cursor].source) == key {
                cursor += 1;
            }
            let here = &spans[from..cursor];
            if !here.iter().any(|s| inc.present >> s.coder & 1 == 1) {
                pooled.add_all(&inc.empty);
                continue;
            }
            for v in per_coder.iter_mut() {
                v.clear();
            }
            for s in here {
                per_coder[s.coder as usize].push(Section {
                    start: s.start,
                    end: s.end,
                    value: 1,
                });
            }
            for &k in &inc.coders {
                // One value only: overlaps join, never fail.
                let _ = normalise(&mut per_coder[k], inc.len);
            }
            let tally = code_in_source(inc, &per_coder, options.unit, m, &mut marks);
            rows.push(row_of(
                Some(code),
                code_label.clone(),
                source_names[inc.index].clone(),
                coder_labels
                    .entry(inc.present)
                    .or_insert_with(|| names_of(&inc.coders))
                    .clone(),
                &tally,
                tally.continuum.alpha(),
            ));
            pooled.add_all(&tally);
        }
        let u = pooled.continuum.alpha();
        rows.push(row_of(
            Some(code),
            code_label,
            all_label.clone(),
            all_coders.clone(),
            &pooled,
            u,
        ));
        overall.add_all(&pooled);
    }

    // Over all codes: percent, κ and α pool code × unit; uα takes the codes
    // as the values of one continuum, |uα collapses them to "coded".
    let (u_all, b_all, conflict) = all_codes_continuum(&spans, &included, m);
    let mut last = row_of(
        None,
        all_label.clone(),
        all_label,
        all_coders,
        &overall,
        b_all,
    );
    last.u_alpha = u_all;
    last.characters = included.iter().map(|i| i.len as u64).sum();
    rows.push(last);

    notes.push(crate::t!(
        "note-agreement-unit",
        unit = options.unit.label()
    ));
    notes.push(if m == 2 {
        crate::t!("note-agreement-two")
    } else {
        crate::t!("note-agreement-many")
    });
    let left_out = sources.len() - included.len();
    if left_out > 0 {
        notes.push(crate::t!(
            "note-agreement-left-out",
            left = left_out,
            total = sources.len()
        ));
    }
    notes.push(crate::t!("note-agreement-rows"));
    notes.push(crate::t!("note-agreement-all"));
    if let Some((coder, source, a, b)) = conflict {
        notes.push(crate::t!(
            "note-agreement-conflict",
            coder = coder_names[coder].as_str(),
            a = book.path(selected[a]),
            b = book.path(selected[b]),
            source = sources[source].name.as_str()
        ));
    }
    if by_paragraph > 0 {
        notes.push(crate::t!("note-agreement-paragraphs", count = by_paragraph));
    }
    let undefined = rows
        .iter()
        .flat_map(|r| [r.percent, r.kappa, r.alpha, r.u_alpha, r.binary_u_alpha])
        .filter(Option::is_none)
        .count();
    // Empty values because nothing was compared are not empty for want of
    // variation: say which it was, and who coded nothing at all.
    if undefined > 0 && included.is_empty() {
        notes.push(crate::t!(
            "note-agreement-none",
            count = undefined,
            total = sources.len()
        ));
    } else if undefined > 0 {
        notes.push(crate::t!("note-agreement-undefined", count = undefined));
    }
    let coded_any = present.iter().fold(0u64, |a, p| a | p);
    let idle: Vec<&str> = (0..m)
        .filter(|k| coded_any >> k & 1 == 0)
        .map(|k| coder_names[k].as_str())
        .collect();
    if !idle.is_empty() {
        notes.push(crate::t!(
            "note-agreement-no-codings",
            coders = idle.join(", "),
            total = sources.len()
        ));
    }
    Ok(AgreementTable {
        unit: options.unit,
        coder_names,
        rows,
        notes,
    })
}

/// The names of the coders `ids`, each once.
fn coder_names<C>(data: &ProjectData<C>, ids: &[CoderId]) -> Result<Vec<String>, String> {
    let mut names = Vec::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        let name = data
            .coders
            .iter()
            .find(|c| c.id == *id)
            .map(|c| c.name.clone())
            .ok_or_else(|| format!("coder {} is not in this project", id.0))?;
        if ids[..i].contains(id) {
            return Err(format!("coder '{name}' is named twice"));
        }
        names.push(name);
    }
    Ok(names)
}

/// The sources coded by at least two of the `m` coders (`present`: a bit
/// per coder for each of `sources`), each with its units and its tally for
/// a code nobody applied there; and how many sources without turns count
/// by paragraphs.
fn included_sources<C>(
    sources: &[&crate::model::SourceMeta],
    present: &[u64],
    data: &ProjectData<C>,
    texts: &dyn Texts,
    unit: AgreementUnit,
    m: usize,
) -> (Vec<Included>, usize) {
    let mut by_paragraph = 0;
    let mut included = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        if present[i].count_ones() < 2 {
            continue;
        }
        let units = units_of(s, data, texts, unit, &mut by_paragraph);
        let coders: Vec<usize> = (0..m).filter(|k| present[i] >> k & 1 == 1).collect();
        let mut empty = Tally::new(m);
        let weight = match unit {
            AgreementUnit::Character => s.char_len as u64,
            _ => units.len() as u64,
        };
        empty.units.add(present[i], 0, weight);
        let none: Vec<&[Section]> = coders.iter().map(|_| &[][..]).collect();
        empty.continuum.add_clean(s.char_len, &none, |_, _| {});
        empty.characters = s.char_len as u64;
        included.push(Included {
            index: i,
            len: s.char_len,
            present: present[i],
            coders,
            units,
            empty,
        });
    }
    (included, by_paragraph)
}

/// The units of a source as char ranges (none for characters, which are
/// counted by runs); a source without turns counts by paragraphs for turn
/// units (counted in `by_paragraph`).
fn units_of<C>(
    s: &crate::model::SourceMeta,
    data: &ProjectData<C>,
    texts: &dyn Texts,
    unit: AgreementUnit,
    by_paragraph: &mut usize,
) -> Vec<(usize, usize)> {
    let paragraphs = || {
        texts
            .text_of(s.id)
            .map(|t| paragraph_units(&t.text))
            .unwrap_or_default()
    };
    match unit {
        AgreementUnit::Character => Vec::new(),
        AgreementUnit::Turn => match data.turns.get(&s.id).filter(|t| !t.is_empty()) {
            Some(turns) => turn_units(turns, s.char_len),
            None => {
                *by_paragraph += 1;
                paragraphs()
            }
        },
        AgreementUnit::Sentence => texts
            .text_of(s.id)
            .map(|t| sentence_units(&t.text))
            .unwrap_or_default(),
        AgreementUnit::Paragraph => paragraphs(),
    }
}

/// The codes to report, in codebook order: `codes` with their sub-codes,
/// or every code.
fn selected_codes(book: &Codebook, codes: &[CodeId]) -> Vec<CodeId> {
    book.preorder()
        .into_iter()
        .map(|(_, c)| c.id)
        .filter(|&id| {
            codes.is_empty() || codes.iter().any(|&c| c == id || book.is_descendant(id, c))
        })
        .collect()
}

/// Turn units: each turn's words (after its label), in text order.
fn turn_units(turns: &[crate::model::SpeakerTurn], len: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = turns
        .iter()
        .map(|t| (t.label_end.max(t.start), t.end.min(len)))
        .filter(|(s, e)| s < e)
        .collect();
    out.sort_unstable();
    // Units must not overlap for the lookups below.
    let mut until = 0;
    for u in &mut out {
        u.0 = u.0.max(until);
        until = u.1.max(until);
    }
    out.retain(|(s, e)| s < e);
    out
}

/// The tally of one code in one source, from each chosen coder's
/// normalised segments (only the present coders' are read).
fn code_in_source(
    inc: &Included,
    per_coder: &[Vec<Section>],
    unit: AgreementUnit,
    m: usize,
    marks: &mut Vec<u64>,
) -> Tally {
    let mut t = Tally::new(m);
    t.characters = inc.len as u64;
    let segs: Vec<&[Section]> = inc
        .coders
        .iter()
        .map(|&k| per_coder[k].as_slice())
        .collect();
    let by_char = unit == AgreementUnit::Character;
    let coders = &inc.coders;
    let units = &mut t.units;
    t.continuum.add_clean(inc.len, &segs, |run, values| {
        if by_char {
            let coded = values
                .iter()
                .zip(coders)
                .filter(|(v, _)| **v != 0)
                .fold(0u64, |acc, (_, &k)| acc | 1 << k);
            units.add(inc.present, coded, run);
        }
    });
    if !by_char {
        marks.clear();
        marks.resize(inc.units.len(), 0);
        for &k in coders {
            for g in &per_coder[k] {
                let lo = inc.units.partition_point(|u| u.1 <= g.start);
                let hi = inc.units.partition_point(|u| u.0 < g.end);
                for mark in marks.iter_mut().take(hi).skip(lo) {
                    *mark |= 1 << k;
                }
            }
        }
        let mut by_mask: HashMap<u64, u64> = HashMap::new();
        for &mk in marks.iter() {
            *by_mask.entry(mk).or_default() += 1;
        }
        for (mk, w) in by_mask {
            t.units.add(inc.present, mk, w);
        }
    }
    t
}

/// Two codes one coder's codings overlap in: (coder, source, code a, code
/// b), by index.
type Overlap = (usize, usize, usize, usize);

/// uα over all codes (the codes as values; `None` with the first overlap
/// of two codes found) and |uα (any code counts as coded), over the
/// sources compared. Returns also the overlap: (coder, source, code a, code
/// b).
fn all_codes_continuum(
    spans: &[Span],
    included: &[Included],
    m: usize,
) -> (Option<f64>, Option<f64>, Option<Overlap>) {
    let mut by_source: HashMap<u32, Vec<&Span>> = HashMap::new();
    for s in spans {
        by_source.entry(s.source).or_default().push(s);
    }
    let mut valued = Unitized::default();
    let mut binary = Unitized::default();
    let mut conflict = None;
    let mut per_coder: Vec<Vec<Section>> = vec![Vec::new(); m];
    let mut collapsed: Vec<Vec<Section>> = vec![Vec::new(); m];
    for inc in included {
        for k in 0..m {
            per_coder[k].clear();
            collapsed[k].clear();
        }
        for s in by_source.get(&(inc.index as u32)).into_iter().flatten() {
            let g = Section {
                start: s.start,
                end: s.end,
                value: s.code + 1,
            };
            per_coder[s.coder as usize].push(g);
            collapsed[s.coder as usize].push(Section { value: 1, ..g });
        }
        for &k in &inc.coders {
            let _ = normalise(&mut collapsed[k], inc.len);
            if conflict.is_none()
                && let Err((a, b)) = normalise(&mut per_coder[k], inc.len)
            {
                conflict = Some((k, inc.index, a as usize - 1, b as usize - 1));
            }
        }
        let segs: Vec<&[Section]> = inc
            .coders
            .iter()
            .map(|&k| collapsed[k].as_slice())
            .collect();
        binary.add_clean(inc.len, &segs, |_, _| {});
        if conflict.is_none() {
            let segs: Vec<&[Section]> = inc
                .coders
                .iter()
                .map(|&k| per_coder[k].as_slice())
                .collect();
            valued.add_clean(inc.len, &segs, |_, _| {});
        }
    }
    let u = if conflict.is_none() {
        valued.alpha()
    } else {
        None
    };
    (u, binary.alpha(), conflict)
}

fn row_of(
    code: Option<CodeId>,
    code_label: Arc<str>,
    source_label: Arc<str>,
    coders: Arc<str>,
    t: &Tally,
    binary: Option<f64>,
) -> AgreementRow {
    let c = t.units.coincidences();
    let (kappa, kappa_units) = t.units.kappa();
    AgreementRow {
        code,
        code_label,
        source_label,
        coders,
        units: t.units.units(),
        percent: t.units.percent(),
        kappa,
        kappa_units,
        alpha: c.alpha_nominal(),
        characters: t.characters,
        // One code: its continuum has one value besides the gaps, so uα
        // and |uα are the same number.
        u_alpha: binary,
        binary_u_alpha: binary,
    }
}

impl AgreementTable {
    /// `kappa` with two coders, `fleiss_kappa` with more.
    pub fn kappa_name(&self) -> &'static str {
        if self.coder_names.len() == 2 {
            "kappa"
        } else {
            "fleiss_kappa"
        }
    }

    /// The row of a code (`None`: all codes) and a source (`None`: all).
    pub fn row(&self, code: Option<&str>, source: Option<&str>) -> Option<&AgreementRow> {
        self.rows.iter().find(|r| {
            (r.code.is_none() == code.is_none())
                && code.is_none_or(|c| &*r.code_label == c)
                && match source {
                    None => &*r.source_label == ALL,
                    Some(s) => &*r.source_label == s,
                }
        })
    }

    /// Wide: one row per code × source with a column per measure (three
    /// decimals). Long (tidy): `code, source, unit, coders, measure, value,
    /// units`, values with six decimals, empty where undefined.
    pub fn to_report(&self) -> Report {
        let unit = self.unit.as_str();
        let title = crate::t!(
            "report-agreement",
            unit = self.unit.label(),
            coders = self.coder_names.join(", ")
        );
        let kappa = self.kappa_name();
        let wide_cols = [
            "code",
            "source",
            "coders",
            "units",
            "percent",
            kappa,
            "alpha",
            "characters",
            "u_alpha",
            "binary_u_alpha",
        ];
        let mut wide = Table::new(
            title.clone(),
            wide_cols.iter().map(|c| c.to_string()).collect(),
        );
        let long_cols = [
            "code", "source", "unit", "coders", "measure", "value", "units",
        ];
        let mut long = Table::new(
            title.clone(),
            long_cols.iter().map(|c| c.to_string()).collect(),
        );
        let text = |s: &Arc<str>| Cell::Text(s.clone());
        let ratio = |v: Option<f64>| v.map_or_else(|| Cell::text("—"), Cell::Ratio);
        let fine = |v: Option<f64>| v.map_or_else(|| Cell::text(""), Cell::Statistic);
        let unit_cell: Arc<str> = unit.into();
        let char_cell: Arc<str> = "character".into();
        let measures: [Arc<str>; 5] = [
            "percent".into(),
            kappa.into(),
            "alpha".into(),
            "u_alpha".into(),
            "binary_u_alpha".into(),
        ];
        for r in &self.rows {
            wide.rows.push(vec![
                text(&r.code_label),
                text(&r.source_label),
                text(&r.coders),
                Cell::Int(r.units as i64),
                ratio(r.percent),
                ratio(r.kappa),
                ratio(r.alpha),
                Cell::Int(r.characters as i64),
                ratio(r.u_alpha),
                ratio(r.binary_u_alpha),
            ]);
            let values = [
                (r.percent, r.units, &unit_cell),
                (r.kappa, r.kappa_units, &unit_cell),
                (r.alpha, r.units, &unit_cell),
                (r.u_alpha, r.characters, &char_cell),
                (r.binary_u_alpha, r.characters, &char_cell),
            ];
            for (measure, (value, n, u)) in measures.iter().zip(values) {
                long.rows.push(vec![
                    text(&r.code_label),
                    text(&r.source_label),
                    text(u),
                    text(&r.coders),
                    text(measure),
                    fine(value),
                    Cell::Int(n as i64),
                ]);
            }
        }
        Report {
            title,
            wide,
            long,
            notes: self.notes.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r6(x: Option<f64>) -> String {
        super::super::round_half_up(x.expect("defined"), 6)
    }

    /// Krippendorff (2011), 4 coders × 12 units, `.` missing.
    #[test]
    fn krippendorff_2011_nominal_alpha() {
        let rows = [
            "1 2 3 3 2 1 4 1 2 . . .",
            "1 2 3 3 2 2 4 1 2 5 . 3",
            ". 3 3 3 2 3 4 2 2 5 1 .",
            "1 2 3 3 2 4 4 1 2 5 1 .",
        ];
        let data: Vec<Vec<Option<u32>>> = rows
            .iter()
            .map(|r| r.split(' ').map(|v| v.parse().ok()).collect())
            .collect();
        let c = Coincidences::from_coders(&data);
        assert_eq!(r6(c.alpha_nominal()), "0.743421");
        let units = value_counts(&data);
        assert_eq!(
            r6(percent_agreement(units.iter().map(|c| (&c[..], 1)))),
            "0.818182"
        );
        assert_eq!(c.pairable(), 40.0);
    }

    #[test]
    fn binary_alpha_and_kappa() {
        let a = [0, 1, 0, 1, 0, 1];
        let b = [0, 1, 0, 1, 0, 0];
        let rows = vec![
            a.iter().map(|&v| Some(v)).collect(),
            b.iter().map(|&v| Some(v)).collect(),
        ];
        assert_eq!(
            r6(Coincidences::from_coders(&rows).alpha_nominal()),
            "0.685714"
        );
        let mut t = vec![vec![0u64; 2]; 2];
        for (x, y) in a.iter().zip(&b) {
            t[*x as usize][*y as usize] += 1;
        }
        assert_eq!(r6(cohen_kappa(&t)), "0.666667");
    }

    #[test]
    fn degenerate_cases_are_undefined_not_nan() {
        // Everyone says "absent" everywhere.
        let rows = vec![vec![Some(0); 5], vec![Some(0); 5]];
        assert_eq!(Coincidences::from_coders(&rows).alpha_nominal(), None);
        let units = value_counts(&rows);
        assert_eq!(
            percent_agreement(units.iter().map(|c| (&c[..], 1))),
            Some(1.0)
        );
        assert_eq!(cohen_kappa(&[vec![5, 0], vec![0, 0]]), None);
        assert_eq!(cohen_kappa(&[vec![0, 0], vec![0, 0]]), None);
        // One coder always yes, the other always no: κ is 0, not undefined.
        assert_eq!(cohen_kappa(&[vec![0, 5], vec![0, 0]]), Some(0.0));
        assert_eq!(fleiss_kappa(&[(vec![3, 0], 4)]), None);
        assert_eq!(fleiss_kappa(&[]), None);
        assert_eq!(Unitized::default().alpha(), None);
        let mut u = Unitized::default();
        u.add(10, &[vec![], vec![]]).unwrap();
        assert_eq!(u.alpha(), None);
        // Nothing pairable.
        let lone = vec![vec![Some(1), None], vec![None, Some(2)]];
        assert_eq!(Coincidences::from_coders(&lone).alpha_nominal(), None);
        let units = value_counts(&lone);
        assert_eq!(percent_agreement(units.iter().map(|c| (&c[..], 1))), None);
    }

    #[test]
    fn fleiss_matches_the_textbook_example() {
        // Fleiss (1971) style check: with two coders and no missing data,
        // Fleiss' κ equals Scott's π (0.657143 on the binary vector).
        let a = [0, 1, 0, 1, 0, 1];
        let b = [0, 1, 0, 1, 0, 0];
        let units: Vec<(Vec<u64>, u64)> = a
            .iter()
            .zip(&b)
            .map(|(x, y)| {
                let k = (x + y) as u64;
                (vec![2 - k, k], 1)
            })
            .collect();
        assert_eq!(r6(fleiss_kappa(&units)), "0.657143");
    }

    /// Krippendorff (2019), Fig. 12.11 (1-based inclusive in the book).
    pub(crate) fn figure_12_11() -> Vec<Vec<Section>> {
        let seg = |s: usize, e: usize, v: u32| Section {
            start: s - 1,
            end: e,
            value: v,
        };
        vec![
            vec![
                seg(1, 7, 1),
                seg(8, 13, 2),
                seg(31, 32, 5),
                seg(33, 37, 6),
                seg(38, 44, 6),
                seg(45, 60, 7),
            ],
            vec![seg(1, 7, 1), seg(8, 13, 3), seg(14, 21, 5), seg(33, 44, 6)],
            vec![
                seg(1, 7, 1),
                seg(8, 13, 4),
                seg(14, 21, 5),
                seg(33, 37, 6),
                seg(38, 41, 6),
                seg(42, 44, 6),
            ],
        ]
    }

    #[test]
    fn krippendorff_2019_unitized_alpha() {
        let coders = figure_12_11();
        let mut u = Unitized::default();
        u.add(60, &coders).unwrap();
        assert_eq!(r6(u.alpha()), "0.509982");
        let binary: Vec<Vec<Section>> = coders
            .iter()
            .map(|c| c.iter().map(|g| Section { value: 1, ..*g }).collect())
            .collect();
        let mut b = Unitized::default();
        b.add(60, &binary).unwrap();
        assert_eq!(r6(b.alpha()), "0.413599");
        // Leaving one-character holes between touching segments (as one
        // public implementation does) gives another value: the position
        // convention matters.
        let holed: Vec<Vec<Section>> = coders
            .iter()
            .map(|c| {
                c.iter()
                    .map(|g| Section {
                        start: g.start + 1,
                        ..*g
                    })
                    .collect()
            })
            .collect();
        let mut h = Unitized::default();
        h.add(60, &holed).unwrap();
        assert_ne!(r6(h.alpha()), "0.509982");
    }

    #[test]
    fn unitized_refuses_overlapping_values_and_joins_equal_ones() {
        let g = |s, e, v| Section {
            start: s,
            end: e,
            value: v,
        };
        let mut u = Unitized::default();
        assert_eq!(
            u.add(10, &[vec![g(0, 5, 1), g(3, 8, 2)], vec![]]),
            Err(UnitizeError::Overlap {
                coder: 0,
                a: 1,
                b: 2
            })
        );
        assert_eq!(
            u.add(10, &[vec![g(0, 5, 0)], vec![]]),
            Err(UnitizeError::ZeroValue)
        );
        // Overlapping equal values join; a segment past the end is cut.
        let mut joined = Unitized::default();
        joined
            .add(10, &[vec![g(0, 5, 1), g(3, 12, 1)], vec![g(2, 6, 1)]])
            .unwrap();
        let mut whole = Unitized::default();
        whole
            .add(10, &[vec![g(0, 10, 1)], vec![g(2, 6, 1)]])
            .unwrap();
        assert_eq!(joined, whole);
    }

    #[test]
    fn sentences_and_paragraphs_as_char_ranges() {
        let t = "Él dijo: sí. ¿Y tú?\n\n  Otra parte. 😀 Fin.\n";
        let s = sentence_units(t);
        let pieces: Vec<String> = s
            .iter()
            .map(|&(a, b)| t.chars().skip(a).take(b - a).collect())
            .collect();
        assert_eq!(pieces, ["Él dijo: sí.", "¿Y tú?", "Otra parte.", "😀 Fin."]);
        let p = paragraph_units(t);
        let pieces: Vec<String> = p
            .iter()
            .map(|&(a, b)| t.chars().skip(a).take(b - a).collect())
            .collect();
        assert_eq!(pieces, ["Él dijo: sí. ¿Y tú?", "Otra parte. 😀 Fin."]);
        assert!(sentence_units("  \n ").is_empty());
    }

    /// A project in memory: one source of `len` characters, the codes
    /// `codes`, and codings `(code index, start, end, coder index)`.
    fn project(
        len: usize,
        codes: &[&str],
        coders: &[&str],
        codings: &[(usize, usize, usize, usize)],
    ) -> ProjectData<crate::model::CodingSpan> {
        use crate::model::{
            Code, CodeId, Coder, CoderId, CodingId, CodingSpan, Guid, SourceId, SourceKind,
            SourceMeta,
        };
        ProjectData {
            sources: vec![SourceMeta {
                id: SourceId(1),
                guid: Guid::new(),
                name: "s".into(),
                kind: SourceKind::Document,
                char_len: len,
                content_hash: String::new(),
                original_name: None,
                imported_at: String::new(),
                attributes: Vec::new(),
            }],
            codes: codes
                .iter()
                .enumerate()
                .map(|(i, n)| Code {
                    id: CodeId(i as i64 + 1),
                    guid: Guid::new(),
                    name: n.to_string(),
                    parent: None,
                    color: crate::model::PALETTE[0],
                    description: String::new(),
                    sort_order: i as i64,
                })
                .collect(),
            codings: codings
                .iter()
                .enumerate()
                .map(|(i, &(code, start, end, coder))| CodingSpan {
                    id: CodingId(i as i64 + 1),
                    source: SourceId(1),
                    code: CodeId(code as i64 + 1),
                    start,
                    end,
                    coder: CoderId(coder as i64 + 1),
                })
                .collect(),
            coders: coders
                .iter()
                .enumerate()
                .map(|(i, n)| Coder {
                    id: CoderId(i as i64 + 1),
                    guid: Guid::new(),
                    name: n.to_string(),
                    color: None,
                })
                .collect(),
            turns: Default::default(),
            exemplars: Default::default(),
            speakers: Vec::new(),
        }
    }

    fn run(data: &ProjectData<crate::model::CodingSpan>, m: usize) -> AgreementTable {
        let options = AgreementOptions {
            coders: (1..=m as i64).map(CoderId).collect(),
            codes: Vec::new(),
            unit: AgreementUnit::Character,
        };
        let texts: HashMap<crate::model::SourceId, crate::model::SourceTexts> = HashMap::new();
        agreement(data, &texts, &options).unwrap()
    }

    #[test]
    fn published_vectors_through_the_project_path() {
        // NVivo: 1,000 characters, A 150, B 100, 50 by both.
        let t = run(
            &project(
                1000,
                &["t"],
                &["A", "B"],
                &[(0, 0, 150, 0), (0, 100, 200, 1)],
            ),
            2,
        );
        let r = t.row(Some("t"), Some("s")).unwrap();
        assert_eq!(r6(r.percent), "0.850000");
        assert_eq!(r6(r.kappa), "0.318182");
        assert_eq!(r6(r.alpha), "0.314629");
        assert_eq!((r.units, r.kappa_units), (1000, 1000));
        // ATLAS.ti: 1100000000 vs 0110010100.
        let t = run(
            &project(
                10,
                &["t"],
                &["A", "B"],
                &[(0, 0, 2, 0), (0, 1, 3, 1), (0, 5, 6, 1), (0, 7, 8, 1)],
            ),
            2,
        );
        let r = t.row(None, None).unwrap();
        assert_eq!(r6(r.percent), "0.600000");
        assert_eq!(r6(r.alpha), "0.095238");
        // Krippendorff (2019) Fig. 12.11, the values 1–7 as codes.
        let mut codings = Vec::new();
        for (coder, sections) in figure_12_11().iter().enumerate() {
            for g in sections {
                codings.push((g.value as usize - 1, g.start, g.end, coder));
            }
        }
        let codes = ["1", "2", "3", "4", "5", "6", "7"];
        let t = run(
            &project(60, &codes, &["Alex", "Paul", "Suzan"], &codings),
            3,
        );
        assert_eq!(t.kappa_name(), "fleiss_kappa");
        let r = t.row(None, None).unwrap();
        assert_eq!(r6(r.u_alpha), "0.509982");
        assert_eq!(r6(r.binary_u_alpha), "0.413599");
        assert_eq!(r.characters, 60);
        // Overlapping codes leave the overall uα empty, with a note.
        codings.push((0, 30, 35, 0));
        let t = run(
            &project(60, &codes, &["Alex", "Paul", "Suzan"], &codings),
            3,
        );
        assert_eq!(t.row(None, None).unwrap().u_alpha, None);
        assert!(
            t.notes
                .iter()
                .any(|n| n.contains("Alex's codings of '5' and '1' overlap in s")),
            "{:?}",
            t.notes
        );
    }
}
