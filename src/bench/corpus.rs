//! A deterministic synthetic corpus for benchmarks and stress tests: documents
//! of a given size with speaker turns and non-ASCII text, a codebook, and
//! codings spread over the documents. The same seed always gives the same
//! corpus, byte for byte, on every machine.
//!
//! The random numbers come from SplitMix64 (a dozen lines, below) rather than
//! a crate: benchmarks need reproducibility, not statistical quality, and a
//! fixed algorithm cannot change under us with a dependency update.

use std::collections::HashSet;

use crate::model::SourceKind;

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast, good enough for test
/// data, and fully determined by its seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Words the text is made of: Indonesian and English with accents, curly
/// quotes, a dash, CJK and an emoji, so code-point and byte offsets differ.
const WORDS: &[&str] = &[
    "koordinasi",
    "penyidik",
    "jaksa",
    "pengadilan",
    "perlindungan",
    "anak",
    "korban",
    "laporan",
    "masyarakat",
    "desa",
    "dinas",
    "sosial",
    "restitusi",
    "bukti",
    "saksi",
    "kasus",
    "yang",
    "dan",
    "di",
    "tidak",
    "sudah",
    "karena",
    "the",
    "case",
    "was",
    "referred",
    "to",
    "court",
    "after",
    "months",
    "we",
    "waited",
    "café",
    "naïve",
    "rôle",
    "“trust”",
    "—",
    "Ñusa",
    "Dénpasar",
    "保護",
    "🙂",
    "sekali…",
];

const CITIES: &[&str] = &["Palu", "Surabaya", "Dénpasar", "Jakarta", "Sigi", "Jember"];
const ROLES: &[&str] = &["prosecutor", "police", "judge", "NGO", "community leader"];
const RESPONDENTS: &[&str] = &["Ibu Siti", "Pak Made", "Bu Ñoman", "Pak Dédi", "Ibu Ayu"];

/// One generated document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthDoc {
    /// File-name stem, unique within the corpus (`doc_0001`).
    pub name: String,
    pub kind: SourceKind,
    pub city: String,
    pub role: String,
    /// The text, without front matter.
    pub text: String,
}

impl SynthDoc {
    /// The document as a `.txt` file: front matter (kind, city, role) and the
    /// text.
    pub fn file_contents(&self) -> String {
        format!(
            "---\nkind: {}\ncity: {}\nrole: {}\n---\n{}",
            self.kind.as_str(),
            self.city,
            self.role,
            self.text
        )
    }
}

/// The `index`-th document of a corpus: about `kb` KiB of UTF-8. Documents
/// are generated one at a time, so a large corpus never sits in memory.
pub fn document(seed: u64, index: usize, kb: usize) -> SynthDoc {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0xA076_1D64_78BD_642F));
    // Mostly interviews, some focus groups, documents and observations, so
    // every kind column of a triangulation table has something in it.
    let kind = match index % 10 {
        0..=5 => SourceKind::Interview,
        6 | 7 => SourceKind::FocusGroup,
        8 => SourceKind::Document,
        _ => SourceKind::Observation,
    };
    let speakers: Vec<&str> = match kind {
        SourceKind::Interview => vec!["Interviewer", *rng.pick(RESPONDENTS)],
        SourceKind::FocusGroup => std::iter::once("Moderator")
            .chain(RESPONDENTS.iter().copied())
            .collect(),
        _ => Vec::new(),
    };
    let target = kb.max(1) * 1024;
    let mut text = String::with_capacity(target + 256);
    let mut turn = 0;
    while text.len() < target {
        if !speakers.is_empty() {
            // Interviewer and respondents take turns; in a focus group the
            // moderator speaks every other turn.
            let who = if turn % 2 == 0 || speakers.len() == 2 {
                speakers[turn % speakers.len().min(2)]
            } else {
                speakers[1 + rng.below(speakers.len() - 1)]
            };
            text.push_str(who);
            text.push_str(": ");
        }
        let words = rng.between(8, 60);
        for w in 0..words {
            if w > 0 {
                text.push(' ');
            }
            let word = WORDS[rng.below(WORDS.len())];
            text.push_str(word);
            if rng.below(12) == 0 {
                text.push_str(if rng.below(2) == 0 { "." } else { "," });
            }
        }
        text.push_str(".\n");
        if speakers.is_empty() || rng.below(4) == 0 {
            text.push('\n');
        }
        turn += 1;
    }
    SynthDoc {
        name: format!("doc_{index:04}"),
        kind,
        city: rng.pick(CITIES).to_string(),
        role: rng.pick(ROLES).to_string(),
        text,
    }
}

/// A codebook of `n` codes: every fifth code is a theme, the four after it
/// its sub-codes. Returns (name, index of the parent).
pub fn codebook(n: usize) -> Vec<(String, Option<usize>)> {
    (0..n)
        .map(|i| {
            let theme = i - i % 5;
            if i == theme {
                (format!("Theme {} — tema", i / 5 + 1), None)
            } else {
                (format!("code {i:03} ‘kode’"), Some(theme))
            }
        })
        .collect()
}

/// A coding of the synthetic corpus: document and code by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SynthCoding {
    pub doc: usize,
    pub code: usize,
    pub start: usize,
    pub end: usize,
}

/// `m` distinct codings spread over documents of the given lengths (in code
/// points), each 20–400 characters long, with `codes` codes.
pub fn codings(seed: u64, doc_lens: &[usize], codes: usize, m: usize) -> Vec<SynthCoding> {
    let mut rng = Rng::new(seed ^ 0xC0D1_4650_0000_0001);
    let mut seen = HashSet::with_capacity(m);
    let mut out = Vec::with_capacity(m);
    let usable: Vec<usize> = (0..doc_lens.len()).filter(|&d| doc_lens[d] >= 2).collect();
    if usable.is_empty() || codes == 0 {
        return out;
    }
    // Room for m distinct codings exists unless documents are tiny; give up
    // after a generous number of tries rather than loop forever.
    let mut tries = 0usize;
    while out.len() < m && tries < m.saturating_mul(20) + 1000 {
        tries += 1;
        let doc = *rng.pick(&usable);
        let len = doc_lens[doc];
        let span = rng.between(20, 400).min(len - 1).max(1);
        let start = rng.below(len - span);
        let c = SynthCoding {
            doc,
            code: rng.below(codes),
            start,
            end: start + span,
        };
        if seen.insert(c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_corpus() {
        assert_eq!(document(7, 3, 4), document(7, 3, 4));
        assert_ne!(document(7, 3, 4).text, document(8, 3, 4).text);
        let lens = [500, 900, 30];
        assert_eq!(codings(1, &lens, 5, 200), codings(1, &lens, 5, 200));
    }

    #[test]
    fn documents_have_the_asked_size_turns_and_non_ascii() {
        let d = document(1, 0, 30);
        assert!(d.text.len() >= 30 * 1024 && d.text.len() < 31 * 1024);
        assert!(d.text.chars().count() < d.text.len());
        assert!(d.text.starts_with("Interviewer: "));
    }

    #[test]
    fn codings_are_distinct_and_inside_their_document() {
        let lens = [1000, 50, 2];
        let cs = codings(3, &lens, 4, 500);
        assert_eq!(cs.len(), 500);
        let set: HashSet<_> = cs.iter().collect();
        assert_eq!(set.len(), 500);
        assert!(cs.iter().all(|c| c.start < c.end && c.end <= lens[c.doc]));
    }
}
