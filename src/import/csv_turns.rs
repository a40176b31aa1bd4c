//! CSV transcripts with one row per turn (exports of Otter, Rev, Zoom
//! reports, spreadsheets). The user names the columns, or Jalin finds them
//! by their headers: speaker, text, and optionally time and tags. Each row
//! becomes a line `[time] Speaker: words`; the tags of a row (separated by
//! `;`, or by `,` when no row uses `;`) become codes applied to that row's
//! words.
//!
//! A cell's words are kept as written (double spaces too), only trimmed at
//! both ends. A speaker cell's own colon (`DB:`) is not part of the name;
//! a time already in brackets (`[00:04:28]`) is not bracketed again. When
//! cells hold HTML entities (`&#8212;`, `&amp;`, as archive exports write
//! them), the well-formed ones are decoded and a note says so, unless the
//! user keeps them.

use super::{ImportProblem, Importer, Parsed, ParsedCoding, decode, html, parsed_from_text};
use crate::model::SpeakerTurn;

/// Which columns hold what; `None` finds the column by its header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CsvColumns {
    pub speaker: Option<String>,
    pub text: Option<String>,
    pub time: Option<String>,
    pub tags: Option<String>,
}

/// Reads `.csv` and `.tsv` transcripts.
#[derive(Debug, Clone, Default)]
pub struct CsvImporter {
    pub columns: CsvColumns,
    /// Keep HTML entities in cells as written.
    pub keep_entities: bool,
}

const SPEAKER: &[&str] = &[
    "speaker",
    "name",
    "participant",
    "speaker name",
    "who",
    "role",
];
const TEXT: &[&str] = &[
    "text",
    "transcript",
    "utterance",
    "words",
    "content",
    "message",
    "said",
    "speech",
    "dialogue",
];
const TIME: &[&str] = &[
    "time",
    "timestamp",
    "start",
    "start time",
    "begin",
    "starttime",
    "start_time",
    "time stamp",
];
const TAGS: &[&str] = &["tags", "tag", "codes", "code", "labels", "themes"];

fn find_column(
    header: &[String],
    chosen: &Option<String>,
    guesses: &[&str],
    what: &str,
) -> Result<Option<usize>, ImportProblem> {
    let norm = |s: &str| s.trim().to_lowercase();
    match chosen {
        Some(name) => header
            .iter()
            .position(|h| norm(h) == norm(name))
            .map(Some)
            .ok_or_else(|| {
                ImportProblem::Format(format!(
                    "it has no column '{name}' for the {what} (its columns: {})",
                    header.join(", ")
                ))
            }),
        None => Ok(header
            .iter()
            .position(|h| guesses.contains(&norm(h).as_str()))),
    }
}

/// Guesses which columns hold what from a header, as an import with no
/// columns named does: the columns' names, or `None` where none fits.
pub fn guess_columns(header: &[String]) -> CsvColumns {
    let pick = |guesses: &[&str]| {
        find_column(header, &None, guesses, "")
            .ok()
            .flatten()
            .map(|i| header[i].clone())
    };
    CsvColumns {
        speaker: pick(SPEAKER),
        text: pick(TEXT),
        time: pick(TIME),
        tags: pick(TAGS),
    }
}

/// The header row of a CSV or TSV transcript (its column names).
pub fn csv_header(bytes: &[u8]) -> Result<Vec<String>, ImportProblem> {
    let text = decode::decode(bytes)?.text;
    let mut reader = reader_for(&text);
    reader
        .headers()
        .map(|h| h.iter().map(str::to_string).collect())
        .map_err(|e| ImportProblem::Format(format!("it is not readable CSV ({e})")))
}

/// A reader with the delimiter the first line uses most (tab, `;` or `,`).
fn reader_for(text: &str) -> csv::Reader<&[u8]> {
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b'\t', b';', b',']
        .into_iter()
        .max_by_key(|d| first.matches(*d as char).count())
        .unwrap_or(b',');
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes())
}

impl Importer for CsvImporter {
    fn extensions(&self) -> &'static [&'static str] {
        &["csv", "tsv"]
    }

    fn parse(&self, file_name: &str, bytes: &[u8]) -> Result<Parsed, ImportProblem> {
        let text = decode::decode(bytes)?.text;
        let mut reader = reader_for(&text);
        let bad = |e: csv::Error| ImportProblem::Format(format!("it is not readable CSV ({e})"));
        let header: Vec<String> = reader
            .headers()
            .map_err(bad)?
            .iter()
            .map(str::to_string)
            .collect();
        let c = &self.columns;
        let text_col = find_column(&header, &c.text, TEXT, "text")?.ok_or_else(|| {
            ImportProblem::Format(format!(
                "no column is called text, transcript or utterance; name the text column with --text-column (its columns: {})",
                header.join(", ")
            ))
        })?;
        let speaker_col = find_column(&header, &c.speaker, SPEAKER, "speaker")?;
        let time_col = find_column(&header, &c.time, TIME, "time")?;
        let tags_col = find_column(&header, &c.tags, TAGS, "tags")?;
        let mut rows = Vec::new();
        for rec in reader.records() {
            let rec = rec.map_err(bad)?;
            let cell =
                |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("").trim().to_string();
            let words = cell(Some(text_col));
            if words.is_empty() {
                continue;
            }
            rows.push([cell(speaker_col), words, cell(time_col), cell(tags_col)]);
        }
        if rows.is_empty() {
            return Err(ImportProblem::NoText("its text column is empty".into()));
        }
        let mut notes = Vec::new();
        let example = rows
            .iter()
            .flatten()
            .find_map(|c| html::first_entity(c).map(str::to_string));
        if let Some(example) = example {
            if self.keep_entities {
                notes.push(format!(
                    "HTML entities such as {example} kept as written, as asked"
                ));
            } else {
                let mut n = 0;
                for c in rows.iter_mut().flatten() {
                    let (decoded, count) = html::decode_entities_strict(c);
                    if count > 0 {
                        n += count;
                        *c = decoded.trim().to_string();
                    }
                }
                let shown = html::decode_entities(&example);
                notes.push(format!(
                    "decoded {n} HTML {} such as {example} (as {shown}); import with --keep-entities (workbench: Keep HTML entities) to store them as written",
                    if n == 1 { "entity" } else { "entities" }
                ));
            }
        }
        let rows: Vec<(String, String, String, String)> = rows
            .into_iter()
            .filter(|[_, words, ..]| !words.is_empty())
            .map(|[speaker, words, time, tags]| (speaker_name(&speaker), words, time, tags))
            .collect();
        if rows.is_empty() {
            return Err(ImportProblem::NoText("its text column is empty".into()));
        }
        let sep = if rows.iter().any(|r| r.3.contains(';')) {
            ';'
        } else {
            ','
        };
        let mut out = String::new();
        let mut pos = 0;
        let mut turns = Vec::new();
        let mut codings = Vec::new();
        for (speaker, words, time, tags) in rows {
            if !out.is_empty() {
                out.push('\n');
                pos += 1;
            }
            let start = pos;
            let mut label = String::new();
            if !time.is_empty() {
                let bracketed = (time.starts_with('[') && time.ends_with(']'))
                    || (time.starts_with('(') && time.ends_with(')'));
                if bracketed {
                    label.push_str(&format!("{time} "));
                } else {
                    label.push_str(&format!("[{time}] "));
                }
            }
            if !speaker.is_empty() {
                label.push_str(&format!("{speaker}: "));
            }
            out.push_str(&label);
            pos += label.chars().count();
            let label_end = pos;
            out.push_str(&words);
            pos += words.chars().count();
            if !speaker.is_empty() {
                turns.push(SpeakerTurn {
                    start,
                    end: pos,
                    label_end,
                    speaker: speaker.into(),
                });
            }
            for tag in tags.split(sep).map(str::trim).filter(|t| !t.is_empty()) {
                // As import makes them (`mod.rs`, `add_parsed`): a code per
                // level. Deeper than the codebook allows, the project could
                // no longer be exported.
                let levels = tag
                    .split(crate::model::PATH_SEPARATOR.trim())
                    .filter(|p| !p.trim().is_empty())
                    .count();
                if levels > crate::model::MAX_CODE_DEPTH {
                    let shown: String = tag.chars().take(40).collect();
                    return Err(ImportProblem::Format(format!(
                        "the tag \"{shown}…\" is a code path of {levels} levels; \
                         codes nest at most {} deep",
                        crate::model::MAX_CODE_DEPTH
                    )));
                }
                codings.push(ParsedCoding {
                    code: tag.to_string(),
                    start: label_end,
                    end: pos,
                });
            }
        }
        out.push('\n');
        let mut parsed = parsed_from_text(file_name, out, turns)?;
        parsed.codings = codings;
        parsed.notes = notes;
        Ok(parsed)
    }
}

/// A speaker cell as a name: without the colon some exports write after it
/// (`DB:` is the speaker `DB`) or the bold marks around it.
fn speaker_name(cell: &str) -> String {
    let mut name = cell.trim();
    loop {
        let before = name;
        name = name
            .trim_end_matches([':', '：'])
            .trim()
            .trim_matches('*')
            .trim();
        if name == before {
            return name.to_string();
        }
    }
}
