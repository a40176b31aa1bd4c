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

// The arrow as the formats write it, or with an en or em dash for the
// hyphens (a word processor's autocorrect): `-->`, `–>`, `—>`, `-–>`.
static TIMING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*((?:\d+:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?)\s*(?:--|-?[–—]-?)>\s*((?:\d+:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?)")
        .expect("cue timing pattern")
});
/// A line that means to be a cue's timing (it has an arrow) whether or not
/// it can be read.
static ARROW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:--|[–—])>").expect("arrow pattern"));
/// A word's time inside a cue (`<00:05:04.199>`), as YouTube's rolling
/// captions write the line being spoken.
static KARAOKE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<\d{1,2}:\d{2}[^<>]*>").expect("word time pattern"));
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
        let (cues, warnings) = read_cues_reporting(&text);
        build(file_name, cues, warnings)
    }
}

impl Importer for SrtImporter {
    fn extensions(&self) -> &'static [&'static str] {
        &["srt"]
    }

    fn parse(&self, file_name: &str, bytes: &[u8]) -> Result<Parsed, ImportProblem> {
        let text = decode::decode(bytes)?.text;
        let (cues, warnings) = read_cues_reporting(&text);
        build(file_name, cues, warnings)
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

/// Milliseconds of `0:0:1.5` or `00:01:02,345`.
fn millis(t: &str) -> u64 {
    let mut it = t.splitn(2, ['.', ',']);
    let main = it.next().unwrap_or("");
    let frac = it.next().unwrap_or("");
    let secs = main
        .split(':')
        .filter_map(|p| p.parse::<u64>().ok())
        .fold(0u64, |acc, p| acc.saturating_mul(60).saturating_add(p));
    // `.5` is half a second, `.05` a twentieth.
    let frac_ms = format!("{frac:0<3}")[..3].parse::<u64>().unwrap_or(0);
    secs.saturating_mul(1000).saturating_add(frac_ms)
}

/// A cue as read, before rolling captions are folded.
struct RawCue {
    start: String,
    start_ms: u64,
    end_ms: u64,
    body: Vec<String>,
}

/// The cues of a VTT or SRT text, markup stripped.
pub fn read_cues(text: &str) -> Vec<Cue> {
    read_cues_reporting(text).0
}

/// The cues of a VTT or SRT text, markup stripped, with a warning for each
/// cue left out because its timing line cannot be read.
pub fn read_cues_reporting(text: &str) -> (Vec<Cue>, Vec<String>) {
    let mut cues: Vec<RawCue> = Vec::new();
    let mut warnings = Vec::new();
    let mut current: Option<RawCue> = None;
    // A cue whose timing line cannot be read: its line number and timing,
    // and whether it has words (only then is something lost).
    let mut unreadable: Option<(usize, String, bool)> = None;
    fn flush_unreadable(u: &mut Option<(usize, String, bool)>, warnings: &mut Vec<String>) {
        if let Some((line, timing, true)) = u.take() {
            warnings.push(format!(
                "the cue at line {line} was left out: its timing \"{}\" cannot be read",
                timing.trim()
            ));
        }
    }
    for (n, line) in text.lines().enumerate() {
        if let Some(c) = TIMING.captures(line) {
            flush_unreadable(&mut unreadable, &mut warnings);
            if let Some(mut cue) = current.take() {
                // Cues written without a blank line between: the number
                // just before a timing line is the next cue's, not words.
                if cue.body.last().is_some_and(|l| {
                    !l.trim().is_empty() && l.trim().chars().all(|c| c.is_ascii_digit())
                }) {
                    cue.body.pop();
                }
                cues.push(cue);
            }
            current = Some(RawCue {
                start: hms(&c[1]),
                start_ms: millis(&c[1]),
                end_ms: millis(&c[2]),
                body: Vec::new(),
            });
            continue;
        }
        if ARROW.is_match(line) && current.as_ref().is_none_or(|c| c.body.is_empty()) {
            // Meant as a timing line (a negative time, a stray character):
            // its words are reported, not silently dropped.
            flush_unreadable(&mut unreadable, &mut warnings);
            if let Some(cue) = current.take() {
                cues.push(cue);
            }
            let shown: String = line.chars().take(60).collect();
            unreadable = Some((n + 1, shown, false));
            continue;
        }
        // Only an empty line ends a cue: a line of spaces is the cue's own
        // (YouTube opens word-timed cues with one; words follow it).
        if line.trim_end_matches('\r').is_empty() {
            flush_unreadable(&mut unreadable, &mut warnings);
            if let Some(cue) = current.take() {
                cues.push(cue);
            }
            continue;
        }
        if let Some(cue) = current.as_mut() {
            cue.body.push(line.to_string());
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        if let Some(u) = unreadable.as_mut() {
            u.2 = true;
        }
        // Outside a cue: the header, a NOTE, STYLE or REGION block, or a
        // cue id: none of it is words.
    }
    flush_unreadable(&mut unreadable, &mut warnings);
    if let Some(cue) = current.take() {
        cues.push(cue);
    }
    (fold_rolling(cues), warnings)
}

/// What is kept of the cue before, to recognise a rolling caption.
struct Previous {
    last_line: String,
    speaker: Option<String>,
    end_ms: u64,
    /// It showed more than one line, so its last line is carried over.
    rolling: bool,
}

/// Cleans each cue's lines and leaves out what a rolling caption (YouTube's,
/// a broadcaster's roll-up) repeats: a cue's first line that is the cue
/// before's last line, and a one-line cue that only shows the line the cue
/// before carried over (word-timed, or one of several lines). A repeat counts
/// only when the cues touch or overlap in time and the speaker is the same
/// (or the cue names none): "Ya." answered by "Ya." is two answers.
fn fold_rolling(cues: Vec<RawCue>) -> Vec<Cue> {
    // Cues a hundredth of a second apart still touch.
    const TOUCH_MS: u64 = 10;
    let cleaned: Vec<(&RawCue, Option<String>, Vec<String>, bool)> = cues
        .iter()
        .filter_map(|cue| {
            let mut speaker = None;
            let mut words: Vec<String> = Vec::new();
            let mut word_timed = false;
            for raw in &cue.body {
                if let Some(v) = VOICE.captures(raw) {
                    speaker = Some(v[1].trim().to_string());
                }
                let clean = decode_entities(&TAG.replace_all(raw, ""));
                let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
                if !clean.is_empty() {
                    word_timed |= KARAOKE.is_match(raw);
                    words.push(clean);
                }
            }
            (!words.is_empty()).then_some((cue, speaker, words, word_timed))
        })
        .collect();
    // Rolling captions carry a line over in most cues of several lines (or
    // are word-timed); ordinary subtitles of two lines do so only where
    // someone says the same words again ("Somebody help me!"), which are
    // kept.
    let multi = cleaned.iter().filter(|c| c.2.len() > 1).count();
    let carried = cleaned
        .windows(2)
        .filter(|w| {
            w[1].2.len() > 1
                && w[1].0.start_ms <= w[0].0.end_ms.saturating_add(TOUCH_MS)
                && w[1].0.start_ms >= w[0].0.start_ms
                && w[1].2[0] == *w[0].2.last().unwrap_or(&String::new())
        })
        .count();
    let rolling_file = cleaned.iter().any(|c| c.3) || (multi >= 2 && carried * 2 >= multi);
    let mut out = Vec::new();
    let mut previous: Option<Previous> = None;
    for (cue, speaker, mut words, word_timed) in cleaned {
        let repeats = rolling_file
            && previous.as_ref().is_some_and(|p| {
                cue.start_ms <= p.end_ms.saturating_add(TOUCH_MS)
                    && (speaker.is_none() || speaker == p.speaker)
                    && words[0] == p.last_line
            });
        let shown = words.len();
        if repeats && shown > 1 {
            words.remove(0);
        } else if repeats && previous.as_ref().is_some_and(|p| p.rolling) {
            // Only the carried-over line: nothing new.
            if let Some(p) = previous.as_mut() {
                p.end_ms = p.end_ms.max(cue.end_ms);
            }
            continue;
        }
        previous = Some(Previous {
            last_line: words.last().cloned().unwrap_or_default(),
            speaker: speaker.clone(),
            end_ms: cue.end_ms,
            rolling: shown > 1 || word_timed,
        });
        out.push(Cue {
            start: cue.start.clone(),
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
    let stems: std::collections::HashSet<String> = counts
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
fn build(file_name: &str, cues: Vec<Cue>, warnings: Vec<String>) -> Result<Parsed, ImportProblem> {
    if cues.is_empty() {
        if let Some(w) = warnings.first() {
            return Err(ImportProblem::NoText(format!(
                "it has no cues with words that can be read ({w})"
            )));
        }
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
    let mut parsed = parsed_from_text(file_name, text, turns)?;
    parsed.warnings = warnings;
    Ok(parsed)
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

    fn texts(cues: &[Cue]) -> Vec<(Option<&str>, &str)> {
        cues.iter()
            .map(|c| (c.speaker.as_deref(), c.text.as_str()))
            .collect()
    }

    #[test]
    fn an_answer_that_repeats_another_speaker_is_kept() {
        let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Budi Santoso>Apakah Anda setuju?</v>\n\n\
            00:00:02.000 --> 00:00:03.000\n<v Siti Aminah>Ya.</v>\n\n\
            00:00:03.000 --> 00:00:04.000\n<v Budi Santoso>Ya.</v>\n\n\
            00:00:04.000 --> 00:00:05.000\n<v Siti Aminah>Oke.</v>\n\n\
            00:00:05.000 --> 00:00:06.000\n<v Budi Santoso>Oke.\nLanjut ke pertanyaan dua.</v>\n";
        assert_eq!(
            texts(&read_cues(vtt)),
            vec![
                (Some("Budi Santoso"), "Apakah Anda setuju?"),
                (Some("Siti Aminah"), "Ya."),
                (Some("Budi Santoso"), "Ya."),
                (Some("Siti Aminah"), "Oke."),
                (Some("Budi Santoso"), "Oke. Lanjut ke pertanyaan dua."),
            ]
        );
    }

    #[test]
    fn the_same_answer_twice_in_one_line_cues_is_kept() {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nInterviewer: Setuju?\n\n\
            2\n00:00:02,000 --> 00:00:03,000\nR: Ya.\n\n\
            3\n00:00:03,000 --> 00:00:04,000\nR: Ya.\n\n\
            4\n00:00:05,000 --> 00:00:06,000\nInterviewer: Baik.\n";
        let cues = read_cues(srt);
        assert_eq!(
            cues.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
            ["Setuju?", "Ya.", "Ya.", "Baik."]
        );
    }

    #[test]
    fn ordinary_two_line_subtitles_keep_a_line_said_again() {
        // A film's subtitles: two lines, then the same words said again.
        let srt = "1\n00:00:01,000 --> 00:00:03,000\nHelp!\nSomebody help me!\n\n\
            2\n00:00:03,000 --> 00:00:05,000\nSomebody help me!\n\n\
            3\n00:00:05,000 --> 00:00:07,000\n- Are you coming?\n- Yes.\n\n\
            4\n00:00:07,000 --> 00:00:09,000\n- Yes.\n- Good.\n";
        let texts: Vec<String> = read_cues(srt).into_iter().map(|c| c.text).collect();
        assert_eq!(
            texts,
            [
                "Help! Somebody help me!",
                "Somebody help me!",
                "- Are you coming? - Yes.",
                "- Yes. - Good."
            ]
        );
    }

    #[test]
    fn a_line_of_spaces_and_cues_without_blank_lines_lose_no_words() {
        // Only an empty line ends a cue; a line of spaces or a tab is the
        // cue's own.
        let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nFirst line\n \nSecond line\n\n\
            00:00:05.000 --> 00:00:06.000\n\t\nTab then words\n";
        let texts: Vec<String> = read_cues(vtt).into_iter().map(|c| c.text).collect();
        assert_eq!(texts, ["First line Second line", "Tab then words"]);
        // Cue numbers right before a timing line are not words.
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nHello there\n2\n\
            00:00:02,500 --> 00:00:03,000\nWorld peace\n3\n00:00:04,000 --> 00:00:05,000\nAgain\n";
        let texts: Vec<String> = read_cues(srt).into_iter().map(|c| c.text).collect();
        assert_eq!(texts, ["Hello there", "World peace", "Again"]);
    }

    #[test]
    fn rolling_captions_drop_only_the_carried_over_line() {
        // A roll-up caption: each cue shows the line before and a new one,
        // then a short cue with the word-timed line alone.
        let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nthe river\n\n\
            00:00:02.000 --> 00:00:03.000\nthe river\nrises<00:00:02.500><c> fast</c>\n\n\
            00:00:03.000 --> 00:00:03.010\nrises fast\n\n\
            00:00:03.010 --> 00:00:04.000\nrises fast\nin spring\n\n\
            00:00:04.000 --> 00:00:05.000\nin spring\n\n\
            00:00:09.000 --> 00:00:10.000\nin spring\n";
        assert_eq!(
            texts(&read_cues(vtt)),
            vec![
                (None, "the river"),
                (None, "rises fast"),
                (None, "in spring"),
                // Seconds later: said again, not carried over.
                (None, "in spring"),
            ]
        );
    }

    #[test]
    fn en_dash_arrows_are_read_and_unreadable_timings_are_reported() {
        let srt = "1\n00:00:17,000 –> 00:00:18,000\nsembilan endash\n\n\
            2\n00:00:19,000 —> 00:00:20,000\nsepuluh emdash\n\n\
            3\n-00:00:21,000 --> 00:00:22,000\nnegatif\n\n\
            4\n00:00:23,000 --> 00:00:24,000\nlagi\n";
        let (cues, warnings) = read_cues_reporting(srt);
        assert_eq!(
            cues.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
            ["sembilan endash", "sepuluh emdash", "lagi"]
        );
        assert_eq!(
            warnings,
            [
                "the cue at line 10 was left out: its timing \"-00:00:21,000 --> 00:00:22,000\" cannot be read"
            ]
        );
        let parsed = SrtImporter.parse("neg.srt", srt.as_bytes()).unwrap();
        assert_eq!(parsed.warnings.len(), 1);
        let Err(e) = SrtImporter.parse("neg.srt", b"1\n-00:00:01,000 --> 00:00:02,000\nhalo\n")
        else {
            panic!("a file of unreadable cues imported")
        };
        assert!(e.to_string().contains("line 2"), "{e}");
    }
}
