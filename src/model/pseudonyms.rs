//! Pseudonyms: a project's table of real names (people and places) and the
//! names that stand for them in every output made with `--pseudonymise`.
//!
//! [`Pseudonymiser`] is the one implementation of the replacement: built
//! from the table, applied to each string an output writes (report cells,
//! chart labels, review sheets, the texts and names of a `.qdpx`). The
//! stored project is never changed.
//!
//! Matching is by whole words, in any case: a text is cut into words (runs
//! of letters, digits and combining marks; everything else, `_` and `'`
//! included, separates them), and a name matches a run of words that are
//! the name's words ignoring case, with whitespace between them where the
//! name has whitespace and the same punctuation where it has punctuation.
//! So "Sari" matches "SARI", "Sari's" and "Interview_Sari" but not
//! "Sarinah". At each word the longest name wins ("Ani Susanti" before
//! "Ani"). One pass over the words with a hash lookup per word: linear in
//! the text. Offsets are code points, as everywhere in the model;
//! [`Pseudonymiser::apply_mapped`] also returns where each old offset went,
//! for outputs that cite positions in the replaced text.

use std::borrow::Cow;
use std::collections::HashMap;

/// What a real name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum PseudonymKind {
    /// A participant or anyone else named in a text.
    Person,
    /// A village, town, street, school, office …
    Place,
}

impl PseudonymKind {
    /// The stored (and command-line) spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            PseudonymKind::Person => "person",
            PseudonymKind::Place => "place",
        }
    }

    /// The kind as people read it, in the current language.
    pub fn label(self) -> String {
        match self {
            PseudonymKind::Person => crate::t!("pseudonym-kind-person"),
            PseudonymKind::Place => crate::t!("pseudonym-kind-place"),
        }
    }

    /// Parses `person` or `place` (any case).
    pub fn parse(s: &str) -> Option<PseudonymKind> {
        match s.trim().to_lowercase().as_str() {
            "person" => Some(PseudonymKind::Person),
            "place" => Some(PseudonymKind::Place),
            _ => None,
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Pseudonym {
    /// The name as it appears in the data.
    pub real: String,
    /// What outputs show instead.
    pub pseudonym: String,
    pub kind: PseudonymKind,
}

impl Pseudonym {
    pub fn new(real: impl Into<String>, pseudonym: impl Into<String>, kind: PseudonymKind) -> Self {
        Pseudonym {
            real: real.into(),
            pseudonym: pseudonym.into(),
            kind,
        }
    }
}

/// Whether `c` is part of a word: a letter, a digit, or a combining mark
/// (so a name typed in decomposed form, e + U+0301, stays one word).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // U+02BC is a letter to Unicode but an apostrophe to writers
    // ("Oʼ Brien"): it joins words as `'` does.
    if c == '\u{2bc}' || is_invisible(c) {
        return false;
    }
    if c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c) {
        return true;
    }
    // Letters in compatibility forms: circled (Ⓑ), parenthesised, and the
    // like, which NFKC makes plain letters.
    let mut letter = false;
    unicode_normalization::char::decompose_compatible(c, |d| letter |= d.is_alphanumeric());
    letter
}

/// Whether `c` is an invisible character that can sit inside a word or
/// between two without showing: soft hyphen, zero-width space and
/// (non-)joiners, direction marks and isolates, variation selectors, tag
/// characters and the rest of Unicode's default-ignorable characters. A
/// word is read as if they were not there, so "Bu\u{ad}di" is still "Budi"
/// (and cannot slip a name past the matcher).
pub fn is_invisible(c: char) -> bool {
    // Unicode's Default_Ignorable_Code_Point: what renderers do not show.
    // Left-to-right marks fill WhatsApp exports; variation selectors,
    // bidi isolates and tag characters come with pasted text.
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}'..='\u{1160}'
            | '\u{17b4}'..='\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff0}'..='\u{fff8}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// The words of `s` (code-point ranges and byte ranges). Invisible
/// characters between two word characters stay in the word (its range
/// covers them, so a replacement takes them too); a word neither starts
/// nor ends with one.
#[derive(Debug, Clone, Copy)]
struct Word {
    byte: (usize, usize),
    chr: (usize, usize),
    /// Holds a zero-width space: the word may be two words run together
    /// invisibly ("Ni\u{200b}Luh" for "Ni Luh").
    zwsp: bool,
}

fn words(s: &str) -> Vec<Word> {
    let mut out = Vec::new();
    // The open word, its ends at its last word character so far.
    let mut open: Option<Word> = None;
    let mut last: Option<char> = None;
    for (chr, (b, c)) in s.char_indices().enumerate() {
        if is_word_char(c) {
            let end = (b + c.len_utf8(), chr + 1);
            // Letters and digits run together are words of their own:
            // "Budi2", "P01Budi" (file and source names) hold "Budi".
            if last.is_some_and(|l| {
                l.is_numeric() != c.is_numeric()
                    && (l.is_alphabetic() || l.is_numeric())
                    && (c.is_alphabetic() || c.is_numeric())
            }) && let Some(w) = open.take()
            {
                out.push(w);
            }
            last = Some(c);
            match &mut open {
                Some(w) => (w.byte.1, w.chr.1) = end,
                None => {
                    open = Some(Word {
                        byte: (b, end.0),
                        chr: (chr, end.1),
                        zwsp: false,
                    })
                }
            }
        } else if is_invisible(c) {
            if let Some(w) = &mut open {
                w.zwsp |= c == '\u{200b}';
            }
        } else if let Some(w) = open.take() {
            out.push(w);
            last = None;
        } else {
            last = None;
        }
    }
    out.extend(open);
    out
}

/// How two words of a name are joined: by any whitespace, or by exactly
/// this punctuation (`'`, `-`, `. `…).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Gap {
    Space,
    Exactly(String),
}

/// Punctuation between two words of a name, spaces collapsed and the
/// typographic forms taken as the plain ones (`’` as `'`, `–` as `-`), so
/// "O’Brien" in a transcript is the table's "O'Brien".
fn punctuation_key(between: &str) -> String {
    without_invisible(between)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{00B4}' | '`' => '\'',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
            c => c,
        })
        .collect()
}

impl Gap {
    fn of(between: &str) -> Gap {
        if !between.is_empty()
            && between
                .chars()
                .all(|c| c.is_whitespace() || is_invisible(c))
        {
            Gap::Space
        } else {
            Gap::Exactly(punctuation_key(between))
        }
    }

    fn matches(&self, between: &str) -> bool {
        match self {
            Gap::Space => {
                let mut seen = false;
                between.chars().all(|c| {
                    seen |= c.is_whitespace();
                    c.is_whitespace() || is_invisible(c)
                }) && seen
            }
            Gap::Exactly(p) => punctuation_key(between) == *p,
        }
    }
}

/// A name's words (compared forms) and the gaps between them; `None` for a
/// name with no word.
fn pattern_of(name: &str) -> Option<(Vec<String>, Vec<Gap>)> {
    let ws = words(name);
    if ws.is_empty() {
        return None;
    }
    let gaps = ws
        .windows(2)
        .map(|w| Gap::of(&name[w[0].byte.1..w[1].byte.0]))
        .collect();
    let keys = ws
        .iter()
        .map(|w| lower(&name[w.byte.0..w.byte.1]))
        .collect();
    Some((keys, gaps))
}

/// The form in which the matcher cannot tell two names apart: their words
/// ignoring case and invisible characters, one space for any whitespace,
/// typographic apostrophes and dashes as plain ones. "Ni   Luh" and
/// "ni luh", "O’Brien" and "O'Brien" have the same key.
pub fn match_key(name: &str) -> String {
    let Some((words, gaps)) = pattern_of(name.trim()) else {
        return lower(name);
    };
    let mut key = words[0].clone();
    for (gap, word) in gaps.iter().zip(&words[1..]) {
        match gap {
            Gap::Space => key.push(' '),
            Gap::Exactly(p) => key.push_str(p),
        }
        key.push_str(word);
    }
    key
}

/// A name of the table as the matcher holds it.
#[derive(Debug, Clone)]
struct Pattern {
    /// Lower-cased (NFC) words.
    words: Vec<String>,
    gaps: Vec<Gap>,
    /// Index into the table.
    entry: usize,
    chars: usize,
}

/// One place a real name occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Code-point range in the text.
    pub start: usize,
    pub end: usize,
    /// Byte range in the text.
    pub byte_start: usize,
    pub byte_end: usize,
    /// The row of the table that matched.
    pub entry: usize,
}

/// Where the offsets of a text went when names in it were replaced: the
/// replaced ranges in order, as (old start, old end, new length).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    spans: Vec<(usize, usize, usize)>,
}

impl OffsetMap {
    /// The new offset of old offset `pos`. An offset inside a replaced name
    /// moves to the replacement's start (`end = false`) or end (`end =
    /// true`), so a range that covered part of a name covers its
    /// pseudonym whole and a range never turns inside out.
    pub fn map(&self, pos: usize, end: bool) -> usize {
        let mut shift: isize = 0;
        for &(s, e, len) in &self.spans {
            if pos <= s {
                break;
            }
            if pos < e {
                let new_start = (s as isize + shift) as usize;
                return if end { new_start + len } else { new_start };
            }
            shift += len as isize - (e - s) as isize;
        }
        (pos as isize + shift).max(0) as usize
    }
}

/// Replaces the real names of a table with their pseudonyms.
#[derive(Debug, Clone, Default)]
pub struct Pseudonymiser {
    entries: Vec<Pseudonym>,
    /// Patterns by their first word, longest first.
    by_first: HashMap<String, Vec<Pattern>>,
    /// Names of several words separated by whitespace, by their words run
    /// together: the entry a word holding a zero-width space matches
    /// ("Ni\u{200b}Luh" shows as "NiLuh" but was typed as "Ni Luh").
    joined: HashMap<String, usize>,
}

/// The form words and names are compared in (see [`fold`]); plain
/// ASCII, most words of most texts, skips the normalisation.
fn lower(s: &str) -> String {
    if s.is_ascii() {
        s.trim().to_ascii_lowercase()
    } else {
        fold(&without_invisible(s))
    }
}

/// A word as the matcher compares it, beyond [`name_key`]'s case: its
/// compatibility forms made plain (NFKC: full-width `Ｂｕｄｉ`, bold
/// `𝐁𝐮𝐝𝐢`, circled `Ⓑⓤⓓⓘ`, the ligature `ﬁ`), and the case pairs a
/// lower-casing misses: `ß` and `SS`, final `ς` and `σ`, the Turkish
/// dotted `İ` and dotless `ı` and a plain `I`/`i` (a name typed on
/// another keyboard is still the name).
fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(s.len());
    for c in s.trim().nfkc().flat_map(char::to_lowercase) {
        match c {
            'ß' => out.push_str("ss"),
            'ς' => out.push('σ'),
            'ı' => out.push('i'),
            // The dot İ leaves after lower-casing ("i̇").
            '\u{307}' if out.ends_with('i') => {}
            c => out.push(c),
        }
    }
    out.nfc().collect()
}

/// `s` without its invisible characters (see [`is_invisible`]).
fn without_invisible(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_invisible) {
        Cow::Owned(s.chars().filter(|c| !is_invisible(*c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// The pseudonym as it should appear where `matched` stood: in capitals
/// when the text wrote the name in capitals ("SARI" → "RINA").
fn cased<'a>(pseudonym: &'a str, matched: &str) -> Cow<'a, str> {
    let letters = matched.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2 && !matched.chars().any(char::is_lowercase) {
        Cow::Owned(pseudonym.to_uppercase())
    } else {
        Cow::Borrowed(pseudonym)
    }
}

impl Pseudonymiser {
    /// Builds the matcher for a table. Rows whose real name has no word in
    /// it are left out (the store refuses them anyway).
    pub fn new(entries: &[Pseudonym]) -> Pseudonymiser {
        let mut by_first: HashMap<String, Vec<Pattern>> = HashMap::new();
        let mut joined = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            let real = e.real.trim();
            let Some((words, gaps)) = pattern_of(real) else {
                continue;
            };
            if words.len() > 1 && gaps.iter().all(|g| *g == Gap::Space) {
                joined.entry(words.concat()).or_insert(i);
            }
            by_first.entry(words[0].clone()).or_default().push(Pattern {
                words,
                gaps,
                entry: i,
                chars: real.chars().count(),
            });
        }
        for list in by_first.values_mut() {
            list.sort_by(|a, b| {
                (b.words.len(), b.chars, a.entry).cmp(&(a.words.len(), a.chars, b.entry))
            });
        }
        Pseudonymiser {
            entries: entries.to_vec(),
            by_first,
            joined,
        }
    }

    /// The table it was built from.
    pub fn entries(&self) -> &[Pseudonym] {
        &self.entries
    }

    /// Whether there is nothing to replace.
    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// Every occurrence of a real name in `text`, in order, none
    /// overlapping.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let mut out = Vec::new();
        if self.is_empty() {
            return out;
        }
        let ws = words(text);
        let keys: Vec<String> = ws
            .iter()
            .map(|w| lower(&text[w.byte.0..w.byte.1]))
            .collect();
        let mut i = 0;
        while i < ws.len() {
            let hit = self
                .by_first
                .get(&keys[i])
                .and_then(|cands| {
                    cands.iter().find(|p| {
                        i + p.words.len() <= ws.len()
                            && p.words.iter().enumerate().skip(1).all(|(k, w)| {
                                keys[i + k] == *w
                                    && p.gaps[k - 1]
                                        .matches(&text[ws[i + k - 1].byte.1..ws[i + k].byte.0])
                            })
                    })
                })
                .map(|p| (p.entry, p.words.len()))
                .or_else(|| {
                    ws[i]
                        .zwsp
                        .then(|| self.joined.get(&keys[i]).map(|&e| (e, 1)))
                        .flatten()
                });
            match hit {
                Some((entry, len)) => {
                    let last = ws[i + len - 1];
                    out.push(Found {
                        start: ws[i].chr.0,
                        end: last.chr.1,
                        byte_start: ws[i].byte.0,
                        byte_end: last.byte.1,
                        entry,
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    /// `text` with every real name replaced by its pseudonym.
    pub fn apply<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let found = self.find(text);
        if found.is_empty() {
            return Cow::Borrowed(text);
        }
        Cow::Owned(self.rewrite(text, &found).0)
    }

    /// [`Pseudonymiser::apply`], and where each offset of `text` went.
    pub fn apply_mapped(&self, text: &str) -> (String, OffsetMap) {
        let found = self.find(text);
        self.rewrite(text, &found)
    }

    fn rewrite(&self, text: &str, found: &[Found]) -> (String, OffsetMap) {
        let mut out = String::with_capacity(text.len());
        let mut map = OffsetMap::default();
        let mut at = 0;
        for f in found {
            out.push_str(&text[at..f.byte_start]);
            let new = cased(
                &self.entries[f.entry].pseudonym,
                &text[f.byte_start..f.byte_end],
            );
            out.push_str(&new);
            map.spans.push((f.start, f.end, new.chars().count()));
            at = f.byte_end;
        }
        out.push_str(&text[at..]);
        (out, map)
    }

    /// Applies to a `String` in place (for walking a structure's fields).
    pub fn apply_in_place(&self, s: &mut String) {
        if let Cow::Owned(new) = self.apply(s) {
            *s = new;
        }
    }
}

/// Why a row cannot join the table, or `None` when it can. `others` is the
/// table without the row being changed (an edit replaces a row).
pub fn refusal(others: &[Pseudonym], real: &str, pseudonym: &str) -> Option<String> {
    let (real, pseudonym) = (real.trim(), pseudonym.trim());
    if real.is_empty() {
        return Some("the real name is empty".into());
    }
    if pseudonym.is_empty() {
        return Some(format!("the pseudonym for '{real}' is empty"));
    }
    if words(real).is_empty() {
        return Some(format!(
            "'{real}' has no letters or digits, so it could never be matched as a name"
        ));
    }
    // Compared as the matcher compares them: two rows it cannot tell
    // apart would make outputs depend on which of them it meets first.
    let key = match_key(real);
    if let Some(o) = others.iter().find(|o| match_key(&o.real) == key) {
        let same = if lower(&o.real) == lower(real) {
            String::new()
        } else {
            " — names are matched ignoring case, spacing, apostrophe and dash forms and invisible characters, so the two are one name".into()
        };
        return Some(format!(
            "'{real}' is already in the table (as '{}' → '{}'){same}; remove it first or edit that row",
            o.real, o.pseudonym
        ));
    }
    if let Some(o) = others.iter().find(|o| match_key(&o.pseudonym) == key) {
        return Some(format!(
            "'{real}' is already the pseudonym of '{}'; an output could not tell the two apart",
            o.real
        ));
    }
    // A real name inside another row's pseudonym ("Person" and "Person
    // 1"): every output using that pseudonym would still hold the name,
    // and `check` would flag it.
    let alone = Pseudonymiser::new(&[Pseudonym::new(real, pseudonym, PseudonymKind::Person)]);
    if let Some(o) = others.iter().find(|o| !alone.find(&o.pseudonym).is_empty()) {
        return Some(format!(
            "'{real}' occurs as a word in '{}', the pseudonym of '{}': outputs would still hold it there and `pseudonyms check` would report them; choose another name or change that pseudonym first",
            o.pseudonym, o.real
        ));
    }
    // A pseudonym that, beside the words around it in a text, can spell
    // another row's real name of several words: "Wati" → "Rina" beside
    // "Rina Putri" turns "Wati Putri" into "Rina Putri", another
    // participant's full name. Checked both ways (a new pseudonym against
    // the names there, a new name against the pseudonyms there).
    let letter_words = |name: &str| -> Vec<String> {
        words(name)
            .iter()
            .map(|w| lower(&name[w.byte.0..w.byte.1]))
            .collect()
    };
    let new_pseudonym = letter_words(pseudonym);
    if let Some(o) = others
        .iter()
        .find(|o| could_spell(&new_pseudonym, &letter_words(&o.real)))
    {
        return Some(format!(
            "the pseudonym '{pseudonym}' could spell '{}', a real name in the table, with the words beside it (a '{}' replaced next to the rest of that name); choose another pseudonym",
            o.real, real
        ));
    }
    let new_real = letter_words(real);
    if let Some(o) = others
        .iter()
        .find(|o| could_spell(&letter_words(&o.pseudonym), &new_real))
    {
        return Some(format!(
            "'{}', the pseudonym of '{}', could spell '{real}' with the words beside it; choose another pseudonym for '{}' first",
            o.pseudonym, o.real, o.real
        ));
    }
    let mut table: Vec<Pseudonym> = others.to_vec();
    table.push(Pseudonym::new(real, pseudonym, PseudonymKind::Person));
    let all = Pseudonymiser::new(&table);
    if let Some(f) = all.find(pseudonym).first() {
        let hit = &table[f.entry].real;
        return Some(if f.entry == table.len() - 1 {
            format!("the pseudonym '{pseudonym}' contains the real name '{real}' itself")
        } else {
            format!(
                "the pseudonym '{pseudonym}' contains the real name '{hit}'; outputs would still name that person or place"
            )
        });
    }
    None
}

/// Whether the words `p` of a pseudonym, with words around them, can make
/// the name `r` of several words: `p` inside `r`, or an end of `p` that
/// begins or ends `r`.
fn could_spell(p: &[String], r: &[String]) -> bool {
    if r.len() < 2 || p.is_empty() {
        return false;
    }
    let inside = p.len() < r.len() && r.windows(p.len()).any(|w| w == p);
    let overlap = (1..=p.len().min(r.len() - 1))
        .any(|k| p[p.len() - k..] == r[..k] || p[..k] == r[r.len() - k..]);
    inside || overlap
}

/// A name the project's data suggests for the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub real: String,
    pub kind: PseudonymKind,
    /// A pseudonym not yet used ("Person 3", "Place 1").
    pub pseudonym: String,
    /// Where the name was seen ("speaker label", "attribute city", "12 times
    /// in the texts").
    pub reason: String,
}

/// Participant and source attribute keys whose values name a person.
const PERSON_KEYS: &[&str] = &[
    "name",
    "nama",
    "full name",
    "nama lengkap",
    "participant",
    "respondent",
    "responden",
    "informan",
    "interviewee",
    "speaker",
];

/// Keys whose values name a place.
const PLACE_KEYS: &[&str] = &[
    "city",
    "kota",
    "town",
    "village",
    "desa",
    "kelurahan",
    "kecamatan",
    "district",
    "kabupaten",
    "regency",
    "province",
    "provinsi",
    "region",
    "wilayah",
    "location",
    "lokasi",
    "place",
    "tempat",
    "site",
    "school",
    "sekolah",
    "address",
    "alamat",
];

/// Titles in front of a name in a speaker label ("Ibu Sari", "Pak Budi").
const HONORIFICS: &[&str] = &[
    "ibu", "bu", "bapak", "pak", "bpk", "mbak", "mas", "kak", "dik", "adik", "sdr", "sdri", "mr",
    "mrs", "ms", "miss", "dr", "prof", "ustadz", "ustazah", "haji", "hj", "h",
];

/// Capitalised words that are not names (English and Indonesian): pronouns,
/// titles, days and months, words a transcript capitalises anyway.
const COMMON_WORDS: &[&str] = &[
    "i",
    "i'm",
    "the",
    "a",
    "an",
    "and",
    "but",
    "or",
    "so",
    "we",
    "you",
    "he",
    "she",
    "they",
    "it",
    "mr",
    "mrs",
    "ms",
    "dr",
    "ok",
    "okay",
    "yes",
    "no",
    "god",
    "allah",
    "tuhan",
    "saya",
    "aku",
    "kami",
    "kita",
    "anda",
    "dia",
    "mereka",
    "ibu",
    "bu",
    "bapak",
    "pak",
    "mbak",
    "mas",
    "kak",
    "ya",
    "tidak",
    "iya",
    "nggak",
    "ndak",
    "oh",
    "eh",
    "jadi",
    "dan",
    "tapi",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "sabtu",
    "minggu",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "januari",
    "februari",
    "maret",
    "mei",
    "juni",
    "juli",
    "agustus",
    "oktober",
    "desember",
    "interviewer",
    "moderator",
    "respondent",
    "responden",
    "pewawancara",
    "peneliti",
    "informan",
    "indonesia",
    "indonesian",
    "english",
    "inggris",
    "covid",
    "whatsapp",
    "facebook",
    "instagram",
    "tiktok",
    "judge",
    "imam",
    "kades",
    "kepala",
    "desa",
    "pemangku",
    "commission",
    "east",
    "west",
    "north",
    "south",
    "central",
    "ngo",
    "ngos",
    "police",
    "polisi",
    "hakim",
    "jaksa",
];

/// Whether a word starts with a capital and has a small letter after it
/// ("Sari", "McLeod"; not "NGO" or "I").
fn is_capitalised(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
}

/// Whether the word starting at byte `at` begins a sentence or a line (or
/// follows a speaker label's colon, or an opening quote after one).
fn sentence_initial(text: &str, at: usize) -> bool {
    for c in text[..at].chars().rev() {
        match c {
            ' ' | '\t' | '"' | '\'' | '“' | '‘' | '(' | '[' | '*' | '-' | '–' | '—' => {
                continue;
            }
            '.' | '!' | '?' | ':' | '\n' | '\r' | '…' => return true,
            _ => return false,
        }
    }
    true
}

/// Names the data suggests: speaker labels that are names (not "Moderator"
/// or "R3"; titles such as "Ibu" are dropped), values of attributes whose
/// key names a person or place, and words capitalised in mid-sentence at
/// least `min_count` times and seldom written in small letters. Names in
/// `table` (as real names or pseudonyms) are left out. One pass over each
/// text; sorted by kind, then name.
pub fn suggest<'a>(
    table: &[Pseudonym],
    labels: impl IntoIterator<Item = &'a str>,
    attributes: impl IntoIterator<Item = (&'a str, &'a str)>,
    texts: impl IntoIterator<Item = &'a str>,
    min_count: usize,
) -> Vec<Suggestion> {
    let known: std::collections::HashSet<String> = table
        .iter()
        .flat_map(|e| [lower(e.real.trim()), lower(e.pseudonym.trim())])
        .collect();
    let mut found: Vec<(String, PseudonymKind, String)> = Vec::new();
    let mut seen: std::collections::HashSet<String> = known.clone();
    let mut push = |name: &str, kind: PseudonymKind, reason: String| {
        let name = name.trim();
        if name.is_empty() || words(name).is_empty() || !seen.insert(lower(name)) {
            return;
        }
        found.push((name.to_string(), kind, reason));
    };
    for label in labels {
        if crate::model::roles::names_a_role(label) {
            continue;
        }
        let ws = words(label);
        let start = ws
            .iter()
            .position(|w| !HONORIFICS.contains(&lower(&label[w.byte.0..w.byte.1]).as_str()));
        let Some(start) = start else { continue };
        let name = &label[ws[start].byte.0..ws[ws.len() - 1].byte.1];
        // Letters with numbers ("R2", "id1") and abbreviations ("RT") are
        // codes, not names; so are role words ("Judge").
        if name.chars().filter(|c| c.is_alphabetic()).count() < 2
            || name.chars().any(|c| c.is_ascii_digit())
            || !name.chars().any(char::is_lowercase)
            || COMMON_WORDS.contains(&lower(name).as_str())
        {
            continue;
        }
        push(
            name,
            PseudonymKind::Person,
            crate::t!("pseudonym-reason-speaker"),
        );
    }
    for (key, value) in attributes {
        let k = lower(key.trim());
        let kind = if PERSON_KEYS.contains(&k.as_str()) {
            PseudonymKind::Person
        } else if PLACE_KEYS.contains(&k.as_str()) {
            PseudonymKind::Place
        } else {
            continue;
        };
        if value.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            continue;
        }
        push(
            value,
            kind,
            crate::t!("pseudonym-reason-attribute", key = key.trim()),
        );
    }
    // Capitalised words: mid-sentence capitalised count and small-letter
    // count per word, over all texts.
    let mut counts: HashMap<String, (usize, usize, String)> = HashMap::new();
    for text in texts {
        for w in words(text) {
            let s = &text[w.byte.0..w.byte.1];
            let key = lower(s);
            if is_capitalised(s) {
                if sentence_initial(text, w.byte.0) {
                    continue;
                }
                let e = counts.entry(key).or_insert((0, 0, s.to_string()));
                e.0 += 1;
            } else if s.chars().next().is_some_and(char::is_lowercase)
                && let Some(e) = counts.get_mut(&key)
            {
                e.1 += 1;
            } else if s.chars().next().is_some_and(char::is_lowercase) {
                counts.insert(key, (0, 1, String::new()));
            }
        }
    }
    let mut words_found: Vec<(String, usize)> = counts
        .into_iter()
        .filter(|(k, (caps, small, _))| {
            *caps >= min_count.max(1)
                && *small * 4 < *caps
                && k.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && !COMMON_WORDS.contains(&k.as_str())
        })
        .map(|(_, (caps, _, spelt))| (spelt, caps))
        .collect();
    words_found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for (w, n) in words_found {
        push(
            &w,
            PseudonymKind::Person,
            crate::t!("pseudonym-reason-times", count = n),
        );
    }
    // Pseudonyms not yet taken, numbered per kind.
    let mut taken = known;
    let mut next = HashMap::from([(PseudonymKind::Person, 1), (PseudonymKind::Place, 1)]);
    let mut out: Vec<Suggestion> = found
        .into_iter()
        .map(|(real, kind, reason)| {
            let n = next.get_mut(&kind).expect("both kinds");
            let label = match kind {
                PseudonymKind::Person => "Person",
                PseudonymKind::Place => "Place",
            };
            let mut pseudonym = format!("{label} {n}");
            while taken.contains(&lower(&pseudonym)) {
                *n += 1;
                pseudonym = format!("{label} {n}");
            }
            *n += 1;
            taken.insert(lower(&pseudonym));
            Suggestion {
                real,
                kind,
                pseudonym,
                reason,
            }
        })
        .collect();
    out.sort_by_cached_key(|s| (s.kind, lower(&s.real)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Vec<Pseudonym> {
        vec![
            Pseudonym::new("Sari", "Rina", PseudonymKind::Person),
            Pseudonym::new("Ani Susanti", "Dewi", PseudonymKind::Person),
            Pseudonym::new("Ani", "Tari", PseudonymKind::Person),
            Pseudonym::new("Palu", "Kota A", PseudonymKind::Place),
            Pseudonym::new("Ömer", "Ali", PseudonymKind::Person),
        ]
    }

    #[test]
    fn whole_words_any_case_longest_first() {
        let p = Pseudonymiser::new(&table());
        assert_eq!(
            p.apply("Sari's sister ANI SUSANTI met Ani in palu; SARI, Sarinah, Interview_Sari."),
            "Rina's sister DEWI met Tari in Kota A; RINA, Sarinah, Interview_Rina."
        );
        assert_eq!(p.apply("Ani\n  Susanti"), "Dewi");
        assert_eq!(p.apply("Ani-Susanti"), "Tari-Susanti");
        let q = Pseudonymiser::new(&[Pseudonym::new("O'Brien", "Smith", PseudonymKind::Person)]);
        assert_eq!(
            q.apply("O’Brien, o'brien, O Brien"),
            "Smith, Smith, O Brien"
        );
        assert_eq!(p.apply("ömer and Ömers"), "Ali and Ömers");
        // Decomposed (NFD) text: the combining mark stays in the word,
        // and words compare in NFC, so it is the same name.
        assert_eq!(p.apply("O\u{308}mer O\u{308}mers"), "Ali O\u{308}mers");
        assert!(matches!(p.apply("nothing here"), Cow::Borrowed(_)));
    }

    /// One pass with a hash lookup per word: 2,000 names over 400,000
    /// words, and the same text 4× longer takes about 4× as long, not 16×.
    #[test]
    fn many_names_over_a_long_text_stay_linear() {
        let table: Vec<Pseudonym> = (0..2000)
            .map(|i| {
                Pseudonym::new(
                    format!("Nama{i} Desa{i}"),
                    format!("P{i}"),
                    PseudonymKind::Person,
                )
            })
            .collect();
        let p = Pseudonymiser::new(&table);
        let unit: String = (0..100_000)
            .map(|i| format!("kata{i} Nama{} Desa{} ", i % 3000, i % 3000))
            .collect();
        let time = |text: &str| {
            let t = std::time::Instant::now();
            let found = p.find(text).len();
            (t.elapsed(), found)
        };
        let (short, n1) = time(&unit);
        let long = unit.repeat(4);
        let (long_t, n4) = time(&long);
        assert_eq!((n1, n4), (67_000, 4 * 67_000));
        assert!(
            long_t < short * 12 + std::time::Duration::from_millis(200),
            "{short:?} then {long_t:?}"
        );
    }

    #[test]
    fn offsets_follow_the_replacement() {
        let p = Pseudonymiser::new(&table());
        let text = "Ask Ani Susanti in Palu now";
        let (new, map) = p.apply_mapped(text);
        assert_eq!(new, "Ask Dewi in Kota A now");
        assert_eq!(map.map(0, false), 0);
        assert_eq!(map.map(4, false), 4); // start of the name
        assert_eq!(map.map(15, true), 8); // end of the name
        assert_eq!(map.map(8, false), 4); // inside: to the start
        assert_eq!(map.map(8, true), 8); // inside, as an end: to the end
        assert_eq!(map.map(19, false), 12); // "Palu" → "Kota A"
        assert_eq!(map.map(24, false), 19); // "now"
        assert_eq!(&new[19..], "now");
    }

    #[test]
    fn refusals_name_the_problem() {
        let t = table();
        assert!(refusal(&t, " ", "X").unwrap().contains("empty"));
        assert!(refusal(&t, "Budi", " ").unwrap().contains("empty"));
        assert!(
            refusal(&t, "sari", "X")
                .unwrap()
                .contains("already in the table")
        );
        assert!(
            refusal(&t, "Rina", "X")
                .unwrap()
                .contains("pseudonym of 'Sari'")
        );
        assert!(refusal(&t, "Budi", "Sari Dewi").unwrap().contains("'Sari'"));
        assert!(refusal(&t, "Budi", "Budi Lain").unwrap().contains("itself"));
        assert!(refusal(&t, "--", "X").unwrap().contains("no letters"));
        assert_eq!(refusal(&t, "Budi", "Joko"), None);
    }

    /// PSE-18: soft hyphens, zero-width spaces, joiners and the BOM inside
    /// a name do not hide it; the replacement takes them with the name.
    #[test]
    fn invisible_characters_do_not_hide_a_name() {
        let p = Pseudonymiser::new(&[
            Pseudonym::new("Budi", "Joko", PseudonymKind::Person),
            Pseudonym::new("Ni Luh", "Wayan", PseudonymKind::Person),
        ]);
        for c in [
            '\u{ad}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}',
        ] {
            let text = format!("saw Bu{c}di and BU{c}DI\u{ad}, then Ni{c} Luh.");
            assert_eq!(
                p.apply(&text),
                "saw Joko and JOKO\u{ad}, then Wayan.",
                "U+{:04X}",
                c as u32
            );
        }
        // A zero-width space is an invisible space: "NiLuh" on screen,
        // typed as two words.
        assert_eq!(p.apply("Ni\u{200b}Luh came"), "Wayan came");
        assert_eq!(p.apply("NiLuh Bu-di"), "NiLuh Bu-di");
        let (new, map) = p.apply_mapped("a Bu\u{ad}di b");
        assert_eq!(new, "a Joko b");
        assert_eq!(map.map(7, false), 6);
    }

    /// PSE-19: rows the matcher could not tell apart, and real names
    /// inside pseudonyms, are refused with the row named.
    #[test]
    fn refusals_compare_as_the_matcher_does() {
        let t = vec![
            Pseudonym::new("Ni Luh", "Person 1", PseudonymKind::Person),
            Pseudonym::new("Mary-Jane O'Brien", "Person 2", PseudonymKind::Person),
            Pseudonym::new("Palu", "Place 1", PseudonymKind::Place),
        ];
        let why = refusal(&t, "Ni   Luh", "X").unwrap();
        assert!(why.contains("already in the table (as 'Ni Luh'"), "{why}");
        assert!(why.contains("spacing"), "{why}");
        let why = refusal(&t, "mary–jane O’brien", "X").unwrap();
        assert!(why.contains("'Mary-Jane O'Brien'"), "{why}");
        assert!(refusal(&t, "Ni\u{ad}   Luh", "X").is_some());
        let why = refusal(&t, "Person", "Budi").unwrap();
        assert!(
            why.contains("'Person 1', the pseudonym of 'Ni Luh'"),
            "{why}"
        );
        let why = refusal(&t, "place", "Kota").unwrap();
        assert!(why.contains("'Place 1'"), "{why}");
        assert!(refusal(&t, "Budi", "Palu Baru").unwrap().contains("'Palu'"));
        assert_eq!(refusal(&t, "Mary Jane", "X"), None);
        assert_eq!(refusal(&t, "Per", "X"), None);
        assert_eq!(match_key(" Ni \t LUH "), match_key("ni luh"));
        assert_ne!(match_key("Ni-Luh"), match_key("Ni Luh"));
    }

    #[test]
    fn suggestions_from_labels_attributes_and_words() {
        let text = "Moderator: Then Pak Joko said that Joko and Wati went to Donggala. \
                    Wati told Joko. The office in Donggala. Then Then.\nJoko: yes";
        let s = suggest(
            &table(),
            ["Moderator", "Ibu Wati", "R2", "Sari"],
            [("city", "Sigi"), ("age", "40"), ("nama", "Sari")],
            [text],
            2,
        );
        let got: Vec<(&str, &str, &str)> = s
            .iter()
            .map(|s| (s.real.as_str(), s.kind.as_str(), s.pseudonym.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Donggala", "person", "Person 3"),
                ("Joko", "person", "Person 2"),
                ("Wati", "person", "Person 1"),
                ("Sigi", "place", "Place 1"),
            ]
        );
    }
}
