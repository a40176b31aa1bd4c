//! Finding passages by a regular expression, and the ranges to code for each
//! hit: the match itself, or the sentence, paragraph or speaker turn around
//! it.

use regex::Regex;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use crate::model::SpeakerTurn;
use crate::model::text::{CharIndex, TextUnits};

/// How far a search hit is widened before it is coded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Unit {
    /// Just the matched characters.
    #[default]
    Match,
    Sentence,
    /// Text between blank lines.
    Paragraph,
    /// The speaker turn's words (without the label); the paragraph in a text
    /// without turns.
    Turn,
}

impl std::str::FromStr for Unit {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "match" => Ok(Unit::Match),
            "sentence" => Ok(Unit::Sentence),
            "paragraph" => Ok(Unit::Paragraph),
            "turn" => Ok(Unit::Turn),
            other => Err(format!(
                "'{other}' is not a unit: use match, sentence, paragraph or turn"
            )),
        }
    }
}

/// A search pattern as [`coding_ranges`] wants it: in Unicode NFC, like the
/// text it is matched against, so `é` typed either way finds `é` stored
/// either way.
pub fn pattern(pattern: &str, ignore_case: bool) -> Result<Regex, regex::Error> {
    let nfc: String = pattern.nfc().collect();
    regex::RegexBuilder::new(&nfc)
        .case_insensitive(ignore_case)
        .build()
}

/// A text in NFC, with the way back to the bytes of the original. Only the
/// grapheme clusters that NFC changes are recorded (none for a text already
/// in NFC, the usual case), so it costs little beside the text.
struct Nfc<'t> {
    text: std::borrow::Cow<'t, str>,
    /// Changed clusters in order: (NFC start, NFC end, original start,
    /// original end), bytes.
    changed: Vec<(usize, usize, usize, usize)>,
}

impl<'t> Nfc<'t> {
    fn new(original: &'t str) -> Self {
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        if is_nfc_quick(original.chars()) == IsNormalized::Yes {
            return Nfc {
                text: original.into(),
                changed: Vec::new(),
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut changed = Vec::new();
        let mut piece = String::new();
        for (at, cluster) in original.grapheme_indices(true) {
            piece.clear();
            piece.extend(cluster.nfc());
            if piece == cluster {
                text.push_str(cluster);
            } else {
                let from = text.len();
                text.push_str(&piece);
                changed.push((from, text.len(), at, at + cluster.len()));
            }
        }
        Nfc {
            text: text.into(),
            changed,
        }
    }

    /// The original byte offset of NFC byte `b`; inside a changed cluster,
    /// its start (`up` false) or end (`up` true).
    fn original(&self, b: usize, up: bool) -> usize {
        let i = self.changed.partition_point(|c| c.0 <= b);
        let Some(&(from, to, o_from, o_to)) = i.checked_sub(1).map(|i| &self.changed[i]) else {
            return b;
        };
        if b == from {
            o_from
        } else if b < to {
            if up { o_to } else { o_from }
        } else {
            b - to + o_to
        }
    }
}

/// Code-point ranges to code for every match of `pattern` in `text`, sorted,
/// without duplicates (two hits in one sentence give one range).
///
/// The pattern is matched against the text in NFC (build it with
/// [`pattern`]), and each match mapped back to the stored text, so text
/// stored decomposed (NFD, as some editors and macOS file names give it)
/// is found too.
///
/// Near-linear in the text and the hits: sentences and paragraphs are found
/// once per text ([`TextUnits`]) and each hit's unit by binary search, as is
/// its speaker turn (`turns` are in text order).
pub fn coding_ranges(
    text: &str,
    turns: &[SpeakerTurn],
    pattern: &Regex,
    unit: Unit,
) -> Vec<(usize, usize)> {
    let index = CharIndex::new(text);
    let mut units = TextUnits::new(text);
    let ordered = turns.windows(2).all(|w| w[0].end <= w[1].start);
    let nfc = Nfc::new(text);
    let mut ranges: Vec<(usize, usize)> = pattern
        .find_iter(&nfc.text)
        .filter(|m| !m.as_str().is_empty())
        .filter_map(|m| {
            let (start, end) = (nfc.original(m.start(), false), nfc.original(m.end(), true));
            let (s, e) = match unit {
                Unit::Match => (start, end),
                Unit::Sentence => units.sentence(start),
                Unit::Paragraph => units.paragraph(start),
                Unit::Turn => {
                    let at = index.char_of_byte(start);
                    match turn_at(turns, ordered, at) {
                        Some(t) => {
                            let body = if t.label_end < t.end {
                                t.label_end
                            } else {
                                t.start
                            };
                            let (bs, be) = (index.byte(body), index.byte(t.end));
                            let lead = text[bs..be].len() - text[bs..be].trim_start().len();
                            (bs + lead, be)
                        }
                        None => units.paragraph(start),
                    }
                }
            };
            (s < e).then(|| (index.char_of_byte(s), index.char_of_byte(e)))
        })
        .collect();
    ranges.sort_unstable();
    ranges.dedup();
    ranges
}

/// The turn holding code point `at`: by binary search when the turns are
/// in text order without overlaps (as Jalin detects them), else the first
/// that holds it (a damaged file).
fn turn_at(turns: &[SpeakerTurn], ordered: bool, at: usize) -> Option<&SpeakerTurn> {
    if !ordered {
        return turns.iter().find(|t| t.start <= at && at < t.end);
    }
    let i = turns.partition_point(|t| t.start <= at);
    turns[..i].last().filter(|t| at < t.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::speakers::detect;
    use crate::model::text::char_slice;

    #[test]
    fn units_widen_hits() {
        let text = "Interviewer: Tell me.\n\nR: The file went back. Koordinasi “lemah” 😀 again. End.\n\nInterviewer: Why?";
        let turns = detect(text);
        let re = Regex::new("(?i)koordinasi").unwrap();
        let quote = |u| {
            coding_ranges(text, &turns, &re, u)
                .into_iter()
                .map(|(s, e)| char_slice(text, s, e).unwrap().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(quote(Unit::Match), ["Koordinasi"]);
        assert_eq!(quote(Unit::Sentence), ["Koordinasi “lemah” 😀 again."]);
        assert_eq!(
            quote(Unit::Paragraph),
            ["R: The file went back. Koordinasi “lemah” 😀 again. End."]
        );
        assert_eq!(
            quote(Unit::Turn),
            ["The file went back. Koordinasi “lemah” 😀 again. End."]
        );
        let two = Regex::new("back|again").unwrap();
        assert_eq!(coding_ranges(text, &turns, &two, Unit::Turn).len(), 1);
    }

    #[test]
    fn nfc_patterns_find_nfd_text_and_back() {
        // "Café führt." with é and ü decomposed, then an emoji.
        let nfd = "Ke cafe\u{301} fu\u{308}hrt 😀. Lain cafe\u{301}.";
        let quote = |re: &Regex, u| {
            coding_ranges(nfd, &[], re, u)
                .into_iter()
                .map(|(s, e)| char_slice(nfd, s, e).unwrap().to_string())
                .collect::<Vec<_>>()
        };
        let re = pattern("café", false).unwrap();
        assert_eq!(quote(&re, Unit::Match), ["cafe\u{301}", "cafe\u{301}"]);
        let re = pattern("führt", false).unwrap();
        assert_eq!(quote(&re, Unit::Match), ["fu\u{308}hrt"]);
        assert_eq!(
            quote(&re, Unit::Sentence),
            ["Ke cafe\u{301} fu\u{308}hrt 😀."]
        );
        // An NFD pattern finds NFC text too; a match ending inside a
        // changed cluster takes the whole cluster.
        let nfc = "Ke café führt.";
        let re = pattern("cafe\u{301}", false).unwrap();
        let got = coding_ranges(nfc, &[], &re, Unit::Match);
        assert_eq!(got, [(3, 7)]);
        let re = pattern("caf", false).unwrap();
        assert_eq!(quote(&re, Unit::Match), ["caf", "caf"]);
        let re = pattern("fü", false).unwrap();
        assert_eq!(quote(&re, Unit::Match), ["fu\u{308}"]);
    }
}
