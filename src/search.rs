//! Finding passages by a regular expression, and the ranges to code for each
//! hit: the match itself, or the sentence, paragraph or speaker turn around
//! it.

use regex::Regex;

use crate::model::SpeakerTurn;
use crate::model::text::{CharIndex, paragraph_bytes, sentence_bytes};

/// How far a search hit is widened before it is coded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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

/// Code-point ranges to code for every match of `pattern` in `text`, sorted,
/// without duplicates (two hits in one sentence give one range).
pub fn coding_ranges(
    text: &str,
    turns: &[SpeakerTurn],
    pattern: &Regex,
    unit: Unit,
) -> Vec<(usize, usize)> {
    let index = CharIndex::new(text);
    let mut ranges: Vec<(usize, usize)> = pattern
        .find_iter(text)
        .filter(|m| !m.as_str().is_empty())
        .filter_map(|m| {
            let (s, e) = match unit {
                Unit::Match => (m.start(), m.end()),
                Unit::Sentence => sentence_bytes(text, m.start()),
                Unit::Paragraph => paragraph_bytes(text, m.start()),
                Unit::Turn => {
                    let at = index.char_of_byte(m.start());
                    match turns.iter().find(|t| t.start <= at && at < t.end) {
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
                        None => paragraph_bytes(text, m.start()),
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
}
