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
//! turn. A label used once (a focus-group participant who speaks once)
//! counts only inside a transcript in its style: after a recurring label
//! written the same way (bold or plain, words on the line or below), and
//! named like a person or role ([`looks_like_name`]), so a one-off header
//! line (`**Participantes:**`, `Abstract:`, `Level 2 (schools):`) is not a
//! speaker. A turn runs from its label to the line before the next label,
//! trailing blank lines excluded; a time-stamped turn (a chat message) ends
//! at its paragraph's end.

use std::collections::{HashMap, HashSet};
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
        r"(?i)^(interviewer|interviewee|respondent|participant|moderator|facilitator|pewawancara|narasumber|informan|entrevistador|entrevistadora|entrevistado|entrevistada|moderador|moderadora|i|r|q|a|p|[ripm]\d{1,3}|id\d{1,3})$",
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

/// Words that head lines of a transcript's header or a document's sections
/// ("Participantes:", "Abstract:"): never a speaker who speaks once.
const HEADINGS: &[&str] = &[
    "abstract",
    "resumen",
    "resumo",
    "ringkasan",
    "abstrak",
    "participants",
    "participantes",
    "peserta",
    "interviewees",
    "entrevistados",
    "speakers",
    "fecha",
    "lugar",
    "duración",
    "duracion",
    "duration",
    "tanggal",
    "tempat",
    "waktu",
    "interview",
    "entrevista",
    "wawancara",
    "transcript",
    "transcription",
    "transcripción",
    "transkrip",
    "introduction",
    "background",
    "context",
    "methods",
    "method",
    "conclusion",
    "conclusions",
    "level",
    "part",
    "topic",
    "topics",
    "theme",
    "themes",
    "questions",
    "contents",
    "description",
    "project",
    "location",
    "notas",
    "observaciones",
    "observations",
    "comentarios",
    "comments",
    "remarks",
    "catatan",
    "end",
    "fin",
];

/// Lower-case words inside names ("María de la Cruz", "Siti binti Ali").
const NAME_PARTICLES: &[&str] = &[
    "de", "del", "della", "da", "do", "dos", "das", "di", "van", "von", "der", "den", "la", "le",
    "bin", "binti", "al", "el", "y", "e", "du", "ten", "ter",
];

/// Whether a label read once can be a person's name or a role: at most
/// three words besides name particles, the first capitalised, the others capitalised or name
/// particles ("de", "van", "bin"), letters with `.`, `'` and `-` only (no
/// digits, no brackets), and not a heading word ("Abstract",
/// "Participantes"). `stems` are the recurring labels' words without their
/// numbers, so "Speaker 3" is a name next to "Speaker 1" and "Speaker 2".
pub(crate) fn looks_like_name(label: &str, stems: &HashSet<String>) -> bool {
    let label = label.trim();
    let words: Vec<&str> = label.split_whitespace().collect();
    let particles = words.iter().filter(|w| NAME_PARTICLES.contains(w)).count();
    if words.is_empty() || words.len() - particles > 3 {
        return false;
    }
    if KNOWN_LABEL.is_match(label) {
        return true;
    }
    let stem = label
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ')
        .to_lowercase();
    if stem.len() < label.len() && stems.contains(&stem) {
        return true;
    }
    let key = label.to_lowercase();
    if NOT_SPEAKERS.contains(&key.as_str()) || HEADINGS.contains(&key.as_str()) {
        return false;
    }
    // A role's label ("Mod 2", "Co-moderator", "Notulis") speaks once in
    // many focus groups.
    if crate::model::roles::names_a_role(label) {
        return true;
    }
    let word_ok = |w: &str, first: bool| {
        w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
            && (w.chars().next().is_some_and(char::is_uppercase)
                || (!first && NAME_PARTICLES.contains(&w)))
    };
    words.iter().enumerate().all(|(i, w)| word_ok(w, i == 0))
}

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    // (common in focus groups) counts too: inside the transcript (after a
    // recurring label written the same way, words on the line or below as
    // that one has them) and named like a person or role.
    let stems: HashSet<String> = candidates
        .iter()
        .filter(|c| strong(c))
        .map(|c| {
            c.key
                .trim_end_matches(|ch: char| ch.is_ascii_digit() || ch == ' ')
                .to_string()
        })
        .collect();
    // The nearest strong label of each style before and after each
    // candidate, found in two passes (looking them up per candidate was
    // quadratic: 20,000 one-off labels took 43 s).
    let nearest = |order: &mut dyn Iterator<Item = usize>| {
        let mut last: HashMap<Style, usize> = HashMap::new();
        let mut out = vec![None; candidates.len()];
        for i in order {
            let c = &candidates[i];
            out[i] = last.get(&c.style).copied();
            if strong(c) {
                last.insert(c.style, i);
            }
        }
        out
    };
    let before = nearest(&mut (0..candidates.len()));
    let after = nearest(&mut (0..candidates.len()).rev());
    let accepted: Vec<&Candidate> = candidates
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            let same_form = |p: Option<usize>| p.is_some_and(|p| candidates[p].inline == c.inline);
            strong(c)
                || ((same_form(before[*i])
                    // A moderator who opens a focus group once, before the
                    // recurring labels: the transcript follows.
                    || same_form(after[*i]))
                    && looks_like_name(&c.speaker, &stems))
        })
        .map(|(_, c)| c)
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
    fn one_off_labels_need_a_transcript_around_them_and_a_name() {
        let names = |t: &str| {
            speakers(t)
                .into_iter()
                .map(|s| s.0)
                .collect::<Vec<String>>()
        };
        // A header before the transcript is not a speaker.
        let t = "**Participantes:**\nLaura (entrevistadora), Ana\n\n**Laura:** ¿Empezamos?\n\n**Ana:** Sí.\n\n**Laura:** Bien.\n\n**Ana:** Claro.\n";
        assert_eq!(names(t), ["Laura", "Ana", "Laura", "Ana"]);
        // A one-off name inside it is.
        let t = "Moderator: Welcome.\nAna: Hi.\nModerator: And you?\nJosé de la Cruz: Hello.\nModerator: Thanks.\n";
        assert_eq!(
            names(t),
            [
                "Moderator",
                "Ana",
                "Moderator",
                "José de la Cruz",
                "Moderator"
            ]
        );
        // Section labels inside are not: digits, brackets, heading words.
        let t = "Moderator: Welcome.\nLevel 2 (schools): two visits.\nAbstract: none.\nModerator: Thanks.\n";
        assert_eq!(names(t), ["Moderator", "Moderator"]);
        // A heading word closing the transcript is not a speaker.
        let t = "**Laura:** ¿Empezamos?\n\n**Ana:** Sí.\n\n**Laura:** Bien.\n\n**Ana:** Claro.\n\n**Notas:** revisado por el equipo.\n";
        assert_eq!(names(t), ["Laura", "Ana", "Laura", "Ana"]);
        // Numbered speakers like the recurring ones are.
        let t = "Speaker 1: Yes.\nSpeaker 2: No.\nSpeaker 1: Maybe.\nSpeaker 3: Once.\nSpeaker 2: Fine.\n";
        assert_eq!(names(t).len(), 5);
        // A moderator who speaks once, first, opens the transcript.
        let t = "Budi: Welcome everyone.\n\nAna: Files move.\n\nCitra: Chat helps.\n\nAna: Rare.\n\nCitra: Yearly.\n";
        assert_eq!(names(t), ["Budi", "Ana", "Citra", "Ana", "Citra"]);
        // A role's label speaks once too ("Mod 2" has a digit, still a role).
        let t = "Budi: Welcome.\n\nMod 2: Names first.\n\nAna: Files move.\n\nNotulis: Noted.\n\nBudi: Thanks.\n\nAna: Yes.\n";
        assert_eq!(names(t), ["Budi", "Mod 2", "Ana", "Notulis", "Budi", "Ana"]);
        assert!(looks_like_name("DB", &HashSet::new()));
        assert!(looks_like_name("Siti binti Ali", &HashSet::new()));
        assert!(!looks_like_name("Level 2 (schools)", &HashSet::new()));
        assert!(!looks_like_name("Participantes", &HashSet::new()));
        assert!(!looks_like_name("my view", &HashSet::new()));
    }

    #[test]
    fn documents_without_speakers_have_no_turns() {
        let t = "To: Head of office\nFrom: Section C\nSubject: Returns\n\nNote: files were returned twice. Ratio: high.\nArticle 76D: sanctions.\n";
        assert!(detect(t).is_empty());
        assert!(detect("Just prose, no labels at all.\nAnother line.").is_empty());
    }
}
