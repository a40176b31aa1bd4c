//! Finds speaker turns in a transcript's text.
//!
//! Styles recognised at the start of a line:
//! `Name: words`, `**Name:** words` / `**Name**: words`, `NAME:` alone on a
//! line (the words follow on the next lines), `[id1] words`, `R1:` / `I:`,
//! `(0:02) Name: words` / `[00:01:02] Name: words`.
//!
//! A line's label counts only if that label is used at least twice in the
//! text, is a well-known one (Interviewer, Respondent, I, R, R1, …) or has a
//! time stamp before it, so a stray `Note:` in a document does not start a
//! turn. A turn runs from its label to the line before the next label,
//! trailing blank lines excluded; a time-stamped turn (a chat message) ends
//! at its paragraph's end.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::SpeakerTurn;
use crate::model::text::CharIndex;

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        ^[\ \t]*
        (?P<time>[\(\[]?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[.,]\d+)?[\)\]]?[\ \t]+)?
        (?:
            \*\*(?P<bold>[^*\n]{1,40}?)[\ \t]*(?::\*\*|\*\*[\ \t]*:)
          | \[(?P<bracket>[^\]\n]{1,30})\]
          | (?P<plain>[\p{L}\p{N}][\p{L}\p{M}\p{N}\ .'’()\-]{0,39}?)[\ \t]*:
        )
        (?P<gap>[\ \t]+|$)
        ",
    )
    .expect("speaker label pattern")
});

static TIME_LIKE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\d:.,\s]+$").expect("time pattern"));

static KNOWN_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(interviewer|interviewee|respondent|participant|moderator|facilitator|pewawancara|narasumber|informan|i|r|q|a|p|[ripm]\d{1,3}|id\d{1,3})$",
    )
    .expect("known label pattern")
});

/// Words that start lines in documents and memos without being speakers.
const NOT_SPEAKERS: &[&str] = &[
    "note",
    "notes",
    "nb",
    "subject",
    "to",
    "from",
    "cc",
    "bcc",
    "date",
    "re",
    "ref",
    "time",
    "place",
    "location",
    "title",
    "source",
    "article",
    "section",
    "chapter",
    "page",
    "http",
    "https",
    "example",
    "translation",
    "summary",
    "keywords",
    "attendees",
    "present",
    "agenda",
    "tags",
    "see",
    "warning",
    "important",
    "answer",
    "question",
    "total",
    "step",
];

/// One candidate label found at a line start.
struct Candidate {
    line_start: usize,
    label_end: usize,
    speaker: String,
    key: String,
    /// A time stamp stood before the label: `[19.42] Name:`.
    timestamped: bool,
    /// Words follow the label on its line.
    inline: bool,
    style: Style,
}

/// The way a label is written; a text keeps to one or two styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Bold,
    Bracket,
}

fn candidate(line: &str, line_start: usize) -> Option<Candidate> {
    let caps = LABEL.captures(line)?;
    let (name, style) = if let Some(m) = caps.name("bold") {
        (m.as_str(), Style::Bold)
    } else if let Some(m) = caps.name("bracket") {
        if TIME_LIKE.is_match(m.as_str()) || caps.name("gap")?.as_str().is_empty() {
            return None;
        }
        (m.as_str(), Style::Bracket)
    } else {
        (caps.name("plain")?.as_str(), Style::Plain)
    };
    let plain = style == Style::Plain;
    let speaker = name.trim().trim_matches('*').trim().to_string();
    if speaker.is_empty() {
        return None;
    }
    let key = speaker.to_lowercase();
    if plain && (speaker.split_whitespace().count() > 4 || NOT_SPEAKERS.contains(&key.as_str())) {
        return None;
    }
    let label_end = caps.get(0)?.end();
    Some(Candidate {
        line_start,
        label_end: line_start + label_end,
        speaker,
        key,
        timestamped: caps.name("time").is_some(),
        inline: !line[label_end..].trim().is_empty(),
        style,
    })
}

/// Speaker turns of `text`, in order, as code-point ranges.
pub fn detect(text: &str) -> Vec<SpeakerTurn> {
    let mut candidates = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        if let Some(c) = candidate(content, offset) {
            candidates.push(c);
        }
        offset += line.len();
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for c in &candidates {
        *counts.entry(c.key.as_str()).or_default() += 1;
    }
    let strong = |c: &Candidate| {
        counts[c.key.as_str()] >= 2 || c.timestamped || KNOWN_LABEL.is_match(&c.key)
    };
    // Once a text shows itself a transcript, a speaker who talks only once
    // (common in focus groups) counts too, if labelled in the same style and
    // named like a person (capital first letter, at most three words).
    let styles: Vec<Style> = candidates
        .iter()
        .filter(|c| strong(c))
        .map(|c| c.style)
        .collect();
    let accepted: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| {
            strong(c)
                || (styles.contains(&c.style)
                    && c.speaker
                        .chars()
                        .next()
                        .is_some_and(|ch| ch.is_uppercase() || ch.is_numeric())
                    && c.speaker.split_whitespace().count() <= 3)
        })
        .collect();
    if accepted.len() < 2 {
        return Vec::new();
    }
    let index = CharIndex::new(text);
    let mut turns = Vec::with_capacity(accepted.len());
    for (i, c) in accepted.iter().enumerate() {
        let mut next = accepted.get(i + 1).map_or(text.len(), |n| n.line_start);
        if c.timestamped && c.inline {
            // A time-stamped message (a chat log, a timed transcript) is one
            // paragraph; what follows a blank line is not the speaker's.
            if let Some(gap) = text[c.line_start..next].find("\n\n") {
                next = c.line_start + gap;
            }
        }
        let end = c.line_start + text[c.line_start..next].trim_end().len();
        let end = end.max(c.label_end.min(next));
        turns.push(SpeakerTurn {
            start: index.char_of_byte(c.line_start),
            end: index.char_of_byte(end),
            label_end: index.char_of_byte(c.label_end.min(end)),
            speaker: c.speaker.as_str().into(),
        });
    }
    turns
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::char_slice;

    fn speakers(text: &str) -> Vec<(String, String)> {
        detect(text)
            .into_iter()
            .map(|t| {
                (
                    t.speaker.to_string(),
                    char_slice(text, t.start, t.end).unwrap().to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn name_colon() {
        let t = "Interviewer: How do cases start?\n\nBudi Santoso: With a report.\nIt goes on here.\n\nInterviewer: Then?\n";
        assert_eq!(
            speakers(t),
            vec![
                (
                    "Interviewer".into(),
                    "Interviewer: How do cases start?".into()
                ),
                (
                    "Budi Santoso".into(),
                    "Budi Santoso: With a report.\nIt goes on here.".into()
                ),
                ("Interviewer".into(), "Interviewer: Then?".into()),
            ]
        );
    }

    #[test]
    fn bold_markdown() {
        let t = "# Interview\n\n**Interviewer:** Hello?\n\n**Chloé**: Yes — “bonjour”.\n\n**Interviewer:** Bye.";
        let s = speakers(t);
        assert_eq!(s.len(), 3);
        assert_eq!(s[1], ("Chloé".into(), "**Chloé**: Yes — “bonjour”.".into()));
        let turns = detect(t);
        assert_eq!(
            char_slice(t, turns[0].label_end, turns[0].end),
            Some("Hello?")
        );
    }

    #[test]
    fn name_alone_on_its_line() {
        let t = "INTERVIEWER:\nWhat happens next?\n\nRESPONDENT:\nWe send the file.\n";
        let s = speakers(t);
        assert_eq!(
            s[0],
            (
                "INTERVIEWER".into(),
                "INTERVIEWER:\nWhat happens next?".into()
            )
        );
        assert_eq!(
            s[1],
            ("RESPONDENT".into(), "RESPONDENT:\nWe send the file.".into())
        );
    }

    #[test]
    fn bracket_ids_short_labels_and_timestamps() {
        let t = "[id1] hello, I like it.\n\n[id2] I am struggling.\n\n[id1] yes.";
        assert_eq!(
            speakers(t).iter().map(|s| s.0.as_str()).collect::<Vec<_>>(),
            ["id1", "id2", "id1"]
        );
        let t = "I: Why?\nR1: Because.\nI: OK.";
        assert_eq!(
            speakers(t).iter().map(|s| s.0.as_str()).collect::<Vec<_>>(),
            ["I", "R1", "I"]
        );
        let t =
            "(0:02) Interviewer: Start.\n\n(1:45) Ibu Wulan: Fine.\n\n(12:05) Interviewer: End.";
        let s = speakers(t);
        assert_eq!(s[1].0, "Ibu Wulan");
        assert!(s[1].1.starts_with("(1:45) Ibu Wulan"));
        let t =
            "[00:00:01] Moderator: Welcome.\n[00:00:09] Ratna: Thanks.\n[00:00:15] Ratna: More.";
        assert_eq!(
            speakers(t).iter().map(|s| s.0.as_str()).collect::<Vec<_>>(),
            ["Moderator", "Ratna", "Ratna"]
        );
    }

    #[test]
    fn chat_excerpt_in_field_notes() {
        let t = "We met at the hall.\n\n[19.42] Pak RT: Check the phones.\n\n[19.44] Ibu Nur: Done 🙏\n\n[19.51] Pak RT: Thanks\n\nAfter the chat, the meeting went on.";
        let s = speakers(t);
        assert_eq!(
            s,
            vec![
                ("Pak RT".into(), "[19.42] Pak RT: Check the phones.".into()),
                ("Ibu Nur".into(), "[19.44] Ibu Nur: Done 🙏".into()),
                ("Pak RT".into(), "[19.51] Pak RT: Thanks".into()),
            ]
        );
    }

    #[test]
    fn documents_without_speakers_have_no_turns() {
        let t = "To: Head of office\nFrom: Section C\nSubject: Returns\n\nNote: files were returned twice. Ratio: high.\nArticle 76D: sanctions.\n";
        assert!(detect(t).is_empty());
        assert!(detect("Just prose, no labels at all.\nAnother line.").is_empty());
    }
}
