//! Subtitles and captions: WebVTT (`.vtt`: Microsoft Teams, Zoom, YouTube,
//! streaming services) and SubRip (`.srt`).
//!
//! Each cue's words are kept with inline markup stripped and entities
//! decoded; NOTE, STYLE and REGION blocks and cue settings are dropped.
//! Speakers come from Teams' `<v Name>` voice tags, from `Name: words` (Zoom)
//! when the name recurs, or from `[Name] words` (subtitles for the deaf).
//! Consecutive cues of one speaker become one turn. The cue time is kept in
//! the text at the start of each turn, `[00:01:02] Name: words`, since the
//! project file has no column for times; speaker turns cover the line.
//! Captions without speakers become one time-stamped line per cue, and
//! YouTube's rolling captions (each cue repeating the previous line) are
//! not doubled.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{ImportProblem, Importer, Parsed, decode, html::decode_entities, parsed_from_text};
use crate::model::SpeakerTurn;

/// Reads `.vtt` files.
pub struct VttImporter;
/// Reads `.srt` files.
pub struct SrtImporter;

static TIMING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*((?:\d+:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?)\s*-->\s*((?:\d+:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?)")
        .expect("cue timing pattern")
});
static VOICE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<v(?:\.[^\s>]+)*\s+([^>]+)>").expect("voice pattern"));
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"</?[A-Za-z][^<>]*>|<\d{1,2}:\d{2}[^<>]*>|\{\\[^}]*\}").expect("tag pattern")
});
static NAME_COLON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([\p{L}][\p{L}\p{M}\p{N} .'’\-]{0,40}?):\s+(.*)$").expect("name pattern")
});
static BRACKET_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[([^\]]{1,40})\]\s*(.*)$").expect("bracket pattern"));

const SOUNDS: &[&str] = &[
    "music",
    "musique",
    "música",
    "laughter",
    "laughs",
    "laughing",
    "applause",
    "inaudible",
    "crosstalk",
    "silence",
    "noise",
    "sighs",
    "risas",
    "rires",
    "aplausos",
    "foreign",
    "unintelligible",
];

/// One cue: its start time as `hh:mm:ss`, speaker (if any) and words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub start: String,
    pub speaker: Option<String>,
    pub text: String,
}

impl Importer for VttImporter {
    fn extensions(&self) -> &'static [&'static str] {
        &["vtt"]
    }

    fn parse(&self, file_name: &str, bytes: &[u8]) -> Result<Parsed, ImportProblem> {
        let text = decode::decode(bytes)?.text;
        if !text.trim_start().starts_with("WEBVTT") {
            return Err(ImportProblem::Format(
                "it is not a WebVTT file (it does not start with WEBVTT)".into(),
            ));
        }
        build(file_name, read_cues(&text))
    }
}

impl Importer for SrtImporter {
    fn extensions(&self) -> &'static [&'static str] {
        &["srt"]
    }

    fn parse(&self, file_name: &str, bytes: &[u8]) -> Result<Parsed, ImportProblem> {
        let text = decode::decode(bytes)?.text;
        build(file_name, read_cues(&text))
    }
}

/// `0:0:1.5` or `00:01:02,345` as `00:00:01` / `00:01:02`.
fn hms(t: &str) -> String {
    let main = t.split(['.', ',']).next().unwrap_or("");
    let parts: Vec<u64> = main.split(':').filter_map(|p| p.parse().ok()).collect();
    // Saturating: a damaged file can hold a time of twenty digits.
    let secs = parts
        .iter()
        .fold(0u64, |acc, p| acc.saturating_mul(60).saturating_add(*p));
    format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

/// The cues of a VTT or SRT text, markup stripped.
pub fn read_cues(text: &str) -> Vec<Cue> {
    let mut cues = Vec::new();
    let mut current: Option<(String, Vec<String>)> = None;
    for line in text.lines() {
        if let Some(c) = TIMING.captures(line) {
            if let Some((start, body)) = current.take() {
                cues.push((start, body));
            }
            current = Some((hms(&c[1]), Vec::new()));
            continue;
        }
        if line.trim().is_empty() {
            if let Some((start, body)) = current.take() {
                cues.push((start, body));
            }
            continue;
        }
        if let Some((_, body)) = current.as_mut() {
            body.push(line.to_string());
            continue;
        }
        // Outside a cue: the header, a NOTE, STYLE or REGION block, or a
        // cue id: none of it is words.
    }
    if let Some((start, body)) = current.take() {
        cues.push((start, body));
    }
    let mut out = Vec::new();
    let mut previous_last: Option<String> = None;
    for (start, body) in cues {
        let mut speaker = None;
        let mut words: Vec<String> = Vec::new();
        for raw in &body {
            if let Some(v) = VOICE.captures(raw) {
                speaker = Some(v[1].trim().to_string());
            }
            let clean = decode_entities(&TAG.replace_all(raw, ""));
            let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
            if !clean.is_empty() {
                words.push(clean);
            }
        }
        // YouTube's rolling captions repeat the previous cue's last line.
        if let Some(prev) = &previous_last
            && words.len() > 1
            && words.first() == Some(prev)
        {
            words.remove(0);
        }
        if words.is_empty() || (words.len() == 1 && Some(&words[0]) == previous_last.as_ref()) {
            continue;
        }
        previous_last = words.last().cloned();
        out.push(Cue {
            start,
            speaker,
            text: words.join(" "),
        });
    }
    find_inline_speakers(&mut out);
    out
}

/// `Name: words` and `[Name] words` at the start of a cue name a speaker
/// when that name starts two or more cues (or any cue, for `[Name]` that is
/// not a sound like `[Music]`). In captions written that way (Zoom: a
/// recurring name, and half the cues or more start with `Name:`), a name
/// that starts one cue only is a speaker too if it looks like a name.
fn find_inline_speakers(cues: &mut [Cue]) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut unlabelled = 0;
    let mut named = 0;
    for c in cues.iter().filter(|c| c.speaker.is_none()) {
        unlabelled += 1;
        if let Some(m) = NAME_COLON.captures(&c.text) {
            named += 1;
            *counts.entry(m[1].trim().to_string()).or_default() += 1;
        }
    }
    let stems: Vec<String> = counts
        .iter()
        .filter(|(_, n)| **n >= 2)
        .map(|(name, _)| {
            name.to_lowercase()
                .trim_end_matches(|ch: char| ch.is_ascii_digit() || ch == ' ')
                .to_string()
        })
        .collect();
    let zoom_style = !stems.is_empty() && named * 2 >= unlabelled;
    for c in cues.iter_mut().filter(|c| c.speaker.is_none()) {
        if let Some(m) = NAME_COLON.captures(&c.text) {
            let name = m[1].trim().to_string();
            let once_ok = zoom_style && super::speakers::looks_like_name(&name, &stems);
            if (counts[&name] >= 2 || once_ok) && name.split_whitespace().count() <= 4 {
                c.text = m[2].to_string();
                c.speaker = Some(name);
                continue;
            }
        }
        if let Some(m) = BRACKET_NAME.captures(&c.text) {
            let name = m[1].trim();
            let is_sound = SOUNDS.iter().any(|s| name.to_lowercase().contains(s));
            let person_like = name.chars().next().is_some_and(char::is_uppercase)
                && name.split_whitespace().count() <= 3
                && !name.chars().all(|ch| !ch.is_lowercase());
            if person_like && !is_sound && !m[2].trim().is_empty() {
                c.speaker = Some(name.to_string());
                c.text = m[2].trim().to_string();
            }
        }
    }
}

/// The source text: one line per turn (consecutive cues of one speaker
/// joined) or per cue without a speaker, each `[hh:mm:ss] ` first.
fn build(file_name: &str, cues: Vec<Cue>) -> Result<Parsed, ImportProblem> {
    if cues.is_empty() {
        return Err(ImportProblem::NoText("it has no cues with words".into()));
    }
    let mut text = String::new();
    let mut pos = 0usize;
    let mut turns: Vec<SpeakerTurn> = Vec::new();
    let mut last_speaker: Option<String> = None;
    for cue in cues {
        let continues = cue.speaker.is_some() && cue.speaker == last_speaker;
        if continues {
            text.push(' ');
            text.push_str(&cue.text);
            pos += 1 + cue.text.chars().count();
            if let Some(t) = turns.last_mut() {
                t.end = pos;
            }
            continue;
        }
        if !text.is_empty() {
            text.push('\n');
            pos += 1;
        }
        let label = match &cue.speaker {
            Some(s) => format!("[{}] {s}: ", cue.start),
            None => format!("[{}] ", cue.start),
        };
        let start = pos;
        text.push_str(&label);
        pos += label.chars().count();
        let label_end = pos;
        text.push_str(&cue.text);
        pos += cue.text.chars().count();
        if let Some(s) = &cue.speaker {
            turns.push(SpeakerTurn {
                start,
                end: pos,
                label_end,
                speaker: s.as_str().into(),
            });
        }
        last_speaker = cue.speaker;
    }
    text.push('\n');
    parsed_from_text(file_name, text, turns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_times_and_voice_tags() {
        let cues = read_cues(
            "WEBVTT\n\n0:0:0.0 --> 0:0:0.570\n<v Yuri>There &amp; you go.</v>\n\n1:2:3.5 --> 1:2:4\n<v.loud Ana B>Hi <i>there</i></v>\n",
        );
        assert_eq!(cues[0].start, "00:00:00");
        assert_eq!(cues[0].speaker.as_deref(), Some("Yuri"));
        assert_eq!(cues[0].text, "There & you go.");
        assert_eq!(cues[1].start, "01:02:03");
        assert_eq!(cues[1].speaker.as_deref(), Some("Ana B"));
        assert_eq!(cues[1].text, "Hi there");
    }
}
