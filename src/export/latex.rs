//! LaTeX tables in the booktabs style (`\toprule`, `\midrule`,
//! `\bottomrule`) as `longtable`s, ready for `\input` in a paper: they
//! break across pages with the header repeated, wrap their text columns to
//! the text width, and print right under pdflatex, xelatex and lualatex
//! with the default font encoding. Needs `\usepackage{booktabs,longtable,array}`
//! (and `pdflscape` for `--landscape`); `--standalone` writes the preamble.
//!
//! Every character is written as plain ASCII: specials as text-mode
//! commands (`\textgreater{}`, not `>` which prints "¿" in OT1), accented
//! letters as accent commands; what pdflatex cannot print (emoji, most
//! non-Latin scripts) is left out and listed in a note.

use std::collections::BTreeSet;
use std::io::Write;

use unicode_normalization::UnicodeNormalization;

use super::ExportOptions;
use crate::analysis::{Cell, Report};

/// Escapes text for LaTeX, collecting the characters it had to leave out.
#[derive(Default)]
pub struct Escaper {
    pub dropped: BTreeSet<char>,
}

fn accent(mark: char) -> Option<&'static str> {
    Some(match mark {
        '\u{300}' => "\\`",
        '\u{301}' => "\\'",
        '\u{302}' => "\\^",
        '\u{303}' => "\\~",
        '\u{304}' => "\\=",
        '\u{306}' => "\\u",
        '\u{307}' => "\\.",
        '\u{308}' => "\\\"",
        '\u{30A}' => "\\r",
        '\u{30B}' => "\\H",
        '\u{30C}' => "\\v",
        '\u{323}' => "\\d",
        '\u{327}' => "\\c",
        '\u{331}' => "\\b",
        _ => return None,
    })
}

fn named(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "\\ss{}",
        'æ' => "\\ae{}",
        'Æ' => "\\AE{}",
        'ø' => "\\o{}",
        'Ø' => "\\O{}",
        'œ' => "\\oe{}",
        'Œ' => "\\OE{}",
        'ł' => "\\l{}",
        'Ł' => "\\L{}",
        'ı' => "\\i{}",
        'ȷ' => "\\j{}",
        '–' | '‒' => "\\textendash{}",
        '—' | '―' => "\\textemdash{}",
        '‘' | '‚' | '‹' => "\\textquoteleft{}",
        '’' | '›' | 'ʼ' => "\\textquoteright{}",
        '“' | '„' | '«' => "\\textquotedblleft{}",
        '”' | '»' => "\\textquotedblright{}",
        '…' => "\\dots{}",
        '•' | '·' => "\\textbullet{}",
        '°' => "\\textdegree{}",
        '©' => "\\textcopyright{}",
        '®' => "\\textregistered{}",
        '™' => "\\texttrademark{}",
        '§' => "\\S{}",
        '¶' => "\\P{}",
        '†' => "\\dag{}",
        '‡' => "\\ddag{}",
        '£' => "\\pounds{}",
        '€' => "EUR",
        '¢' => "c",
        '×' => "\\texttimes{}",
        '÷' => "\\textdiv{}",
        '±' => "\\textpm{}",
        '¿' => "\\textquestiondown{}",
        '¡' => "\\textexclamdown{}",
        '\u{a0}' | '\u{202f}' => "~",
        '\u{2009}' | '\u{2002}' | '\u{2003}' | '\u{2007}' | '\u{2008}' | '\u{200a}' => " ",
        '\u{2010}' | '\u{2011}' => "-",
        '\u{2212}' => "\\textminus{}",
        _ => return None,
    })
}

impl Escaper {
    /// `s` as LaTeX text: ASCII only, line breaks as `\newline` when
    /// `breaks` (inside a wrapped column), else spaces.
    pub fn text(&mut self, s: &str, breaks: bool) -> String {
        let mut out = String::with_capacity(s.len() + 8);
        let mut prev = '\0';
        // Whether the last straight double quote opened: a single quote
        // right after a closing one closes too ('"nested"').
        let mut opened = false;
        for c in s.nfc() {
            let seen = if c == '\'' && prev == '"' && !opened {
                'x'
            } else {
                prev
            };
            if c == '"' {
                opened = opens_quote(prev);
            }
            self.push(&mut out, c, seen, breaks);
            prev = c;
        }
        out
    }

    fn push(&mut self, out: &mut String, c: char, prev: char, breaks: bool) {
        match c {
            BREAK if breaks => out.push_str("\\-"),
            '\\' => out.push_str("\\textbackslash{}"),
            // Long names such as Annual_Report_2023 may break after `_`.
            '_' if breaks => out.push_str("\\_\\allowbreak{}"),
            '/' if breaks => out.push_str("/\\allowbreak{}"),
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '<' => out.push_str("\\textless{}"),
            '>' => out.push_str("\\textgreater{}"),
            '|' => out.push_str("\\textbar{}"),
            // Active in some babel languages, and a right quote in OT1:
            // written as the quote it stands for, opening after a space,
            // a bracket or a dash (or first), closing elsewhere.
            '"' if opens_quote(prev) => out.push_str("\\textquotedblleft{}"),
            // A straight single quote opens in the same places (an
            // apostrophe inside a word closes, as it should).
            '\'' if prev != '\'' && opens_quote(prev) => out.push('`'),
            '"' => out.push_str("\\textquotedblright{}"),
            '`' => out.push_str("\\textasciigrave{}"),
            // "--" would become a dash, "!`" and "?`" inverted marks.
            '-' if prev == '-' => out.push_str("{}-"),
            '\'' if prev == '\'' => out.push_str("{}'"),
            '\n' if breaks && prev != '\r' => out.push_str("\\newline{}"),
            '\r' if breaks => out.push_str("\\newline{}"),
            '\n' if prev == '\r' => {}
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_ascii_control() => {
                self.dropped.insert(c);
            }
            c if c.is_ascii() => out.push(c),
            c => {
                if let Some(n) = named(c) {
                    out.push_str(n);
                    return;
                }
                // A letter with accents: the base letter under accent commands.
                let parts: Vec<char> = std::iter::once(c).nfd().collect();
                let base = parts[0];
                if base.is_ascii_alphabetic() && parts.len() > 1 {
                    let marks: Option<Vec<&str>> = parts[1..].iter().map(|&m| accent(m)).collect();
                    if let Some(marks) = marks {
                        let mut inner = match base {
                            'i' => "\\i{}".to_string(),
                            'j' => "\\j{}".to_string(),
                            b => b.to_string(),
                        };
                        for m in marks {
                            inner = format!("{m}{{{inner}}}");
                        }
                        out.push_str(&inner);
                        return;
                    }
                }
                // Zero-width characters are no loss; anything else is noted.
                if !matches!(
                    c,
                    '\u{200b}'..='\u{200f}' | '\u{feff}' | '\u{fe0f}' | '\u{fe0e}'
                ) {
                    self.dropped.insert(c);
                }
            }
        }
    }

    /// The note on what was left out, if anything was.
    pub fn note(&self) -> Option<String> {
        let printable: Vec<char> = self
            .dropped
            .iter()
            .copied()
            .filter(|c| !c.is_control())
            .collect();
        let controls = self.dropped.len() - printable.len();
        if self.dropped.is_empty() {
            return None;
        }
        let mut parts = Vec::new();
        if !printable.is_empty() {
            let shown: Vec<String> = printable
                .iter()
                .take(8)
                .map(|c| format!("U+{:04X}", *c as u32))
                .collect();
            let more = if printable.len() > 8 { ", ..." } else { "" };
            parts.push(crate::t!(
                "report-latex-dropped",
                count = printable.len(),
                chars = format!("{}{more}", shown.join(", "))
            ));
        }
        if controls > 0 {
            parts.push(crate::t!("report-latex-controls", count = controls));
        }
        Some(format!("{}.", parts.join("; ")))
    }
}

/// The character a command of [`named`] or [`accent`] stands for, found by
/// asking the writer's own tables (so the two cannot drift apart): Latin
/// letters and combining marks, general punctuation, the typographic
/// symbols (typographic punctuation first: `\\textquoteright` is `’`).
/// Built once: a long `.tex` has a command in every other word.
fn unnamed(command: &str) -> Option<char> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<&'static str, char>> =
        std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = std::collections::HashMap::new();
        for c in [0x2000..=0x2212, 0xA0..=0x36F]
            .into_iter()
            .flatten()
            .filter_map(char::from_u32)
        {
            if let Some(n) = named(c).or_else(|| accent(c)) {
                t.entry(n.trim_end_matches("{}")).or_insert(c);
            }
        }
        t
    });
    table.get(command).copied()
}

/// What [`Escaper::text`] wrote, read back as text, for `pseudonyms check`:
/// accent commands (`\'{S}araswati`, `\c{c}`, `\'{\i{}}`, nested ones)
/// become the letter with its combining marks, named letters and symbols
/// (`\o{}`, `\ss{}`, `\textquoteright{}`) their character, escaped
/// specials (`\_`, `\&`) themselves, `~` a no-break space, `{}` and
/// `\allowbreak{}` nothing, `\newline{}` a space (so line numbers stay
/// those of the file). Other commands are left as they are.
pub fn unescape(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < chars.len() {
        at = unescape_one(&chars, at, &mut out);
    }
    out
}

/// Reads one character or command at `at` into `out`; returns where the
/// next one starts.
fn unescape_one(chars: &[char], at: usize, out: &mut String) -> usize {
    match chars[at] {
        '~' => {
            out.push('\u{a0}');
            at + 1
        }
        '{' if chars.get(at + 1) == Some(&'}') => at + 2,
        // The writer's opening single quote.
        '`' => {
            out.push('\'');
            at + 1
        }
        '\\' => unescape_command(chars, at, out).unwrap_or_else(|| {
            out.push('\\');
            at + 1
        }),
        c => {
            out.push(c);
            at + 1
        }
    }
}

/// A command at `at` (a backslash): `None` when it is not one the writer
/// makes.
fn unescape_command(chars: &[char], at: usize, out: &mut String) -> Option<usize> {
    let next = *chars.get(at + 1)?;
    let (name, mut end) = if next.is_ascii_alphabetic() {
        let len = chars[at + 1..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        (
            chars[at..at + 1 + len].iter().collect::<String>(),
            at + 1 + len,
        )
    } else {
        (format!("\\{next}"), at + 2)
    };
    if "&%$#_{}".contains(next) {
        out.push(next);
        return Some(end);
    }
    // A break point the writer puts inside long words ("Ra\-hma\-wati"):
    // not a character of the word.
    if next == '-' {
        return Some(end);
    }
    let empty_group = |end: usize| {
        if chars.get(end) == Some(&'{') && chars.get(end + 1) == Some(&'}') {
            end + 2
        } else {
            end
        }
    };
    match name.as_str() {
        "\\allowbreak" => return Some(empty_group(end)),
        "\\hspace" if chars[end..].starts_with(&['{', '0', 'p', 't', '}']) => {
            return Some(end + 5);
        }
        "\\newline" => {
            out.push(' ');
            return Some(empty_group(end));
        }
        _ => {}
    }
    // ASCII the writer spells as commands (see `Escaper::push`).
    let ascii = match name.as_str() {
        "\\textbackslash" => Some('\\'),
        "\\textasciitilde" => Some('~'),
        "\\textasciicircum" => Some('^'),
        "\\textless" => Some('<'),
        "\\textgreater" => Some('>'),
        "\\textbar" => Some('|'),
        "\\textasciigrave" => Some('`'),
        _ => None,
    };
    if let Some(c) = ascii {
        out.push(c);
        return Some(empty_group(end));
    }
    let c = unnamed(&name)?;
    if !unicode_normalization::char::is_combining_mark(c) {
        out.push(c);
        return Some(empty_group(end));
    }
    // An accent: its argument is `{…}` (as the writer makes it) or one
    // letter (`\'e`, as people type it).
    while chars.get(end) == Some(&' ') && next.is_ascii_alphabetic() {
        end += 1;
    }
    let mut inner = String::new();
    if chars.get(end) == Some(&'{') {
        let mut depth = 0usize;
        let mut close = None;
        // An argument is a letter or two under commands: looking no
        // further keeps a stray `{` from making the reading quadratic.
        for (i, &ch) in chars.iter().enumerate().skip(end).take(64) {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let close = close?;
        let mut i = end + 1;
        while i < close {
            i = unescape_one(&chars[..close], i, &mut inner);
        }
        end = close + 1;
    } else {
        let ch = *chars.get(end).filter(|c| c.is_alphabetic())?;
        inner.push(ch);
        end += 1;
    }
    // The writer puts dotless i and j under accents.
    let inner = inner.replace('ı', "i").replace('ȷ', "j");
    out.push_str(&inner);
    out.push(c);
    Some(end)
}

#[cfg(test)]
/// Escapes LaTeX's special characters (see [`Escaper`]); characters
/// pdflatex cannot print are left out.
pub fn escape(s: &str) -> String {
    Escaper::default().text(s, false)
}

/// Rough width of text in em of the table's font (Computer Modern).
fn em(s: &str) -> f64 {
    s.chars()
        .map(|c| match c {
            'm' | 'w' | 'M' | 'W' => 0.85,
            'A'..='Z' | '%' | '&' | '@' => 0.75,
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 0.3,
            'f' | 't' | 'r' | ' ' | '(' | ')' | '-' => 0.4,
            '—' => 1.0,
            c if c.is_ascii() => 0.52,
            _ => 0.6,
        })
        .sum()
}

/// The widest piece of `s` that cannot break: words, split after `_`,
/// `/` and `-` as the cells allow.
fn longest_word(s: &str) -> f64 {
    s.split(|c: char| c.is_whitespace() || matches!(c, '_' | '/' | '-'))
        .map(em)
        .fold(0.0, f64::max)
        .min(LONG_WORD)
        + 0.3
}

/// A word wider than this (em) does not widen its column: it may break
/// anywhere ([`breakable`]), so one long code name cannot take the page
/// from the other columns.
const LONG_WORD: f64 = 7.0;

/// `s` with break points (U+E000, written `\-`: a hyphen where a line
/// breaks) every few letters of each word wider than `limit` em, so no
/// word overruns a cell of that width or pushes its first line below the
/// row's others.
fn breakable(s: &str, limit: f64) -> std::borrow::Cow<'_, str> {
    let limit = limit.clamp(1.5, LONG_WORD);
    let long = |w: &str| em(w) > limit;
    let words = || s.split(|c: char| c.is_whitespace() || matches!(c, '_' | '/' | '-'));
    if !words().any(long) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for piece in s.split_inclusive(|c: char| c.is_whitespace() || matches!(c, '_' | '/' | '-')) {
        let word =
            piece.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '_' | '/' | '-'));
        if !long(word) {
            out.push_str(piece);
            continue;
        }
        let chars: Vec<char> = word.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            // Two letters at least on each side of a break.
            if i >= 2 && i + 2 <= chars.len() && i % 3 == 2 {
                out.push(BREAK);
            }
            out.push(*c);
        }
        out.push_str(&piece[word.len()..]);
    }
    std::borrow::Cow::Owned(out)
}

/// Where [`breakable`] lets a long word break.
const BREAK: char = '\u{E000}';

/// Numbers (and "—" for no denominator) are right-aligned.
fn numeric_cell(c: &Cell) -> bool {
    match c {
        Cell::Text(s) => s.trim().is_empty() || &**s == "—" || s.parse::<f64>().is_ok(),
        _ => true,
    }
}

/// Space a column separation takes (2 × 4pt at 9pt) in em.
const SEP: f64 = 0.9;
/// A header word longer than this hyphenates rather than widening a
/// number column.
const HEADER_WORD: f64 = 6.5;
/// The narrowest a text column gets.
const MIN_TEXT: f64 = 5.0;

struct Column {
    numeric: bool,
    /// Narrowest width without overfull lines (em).
    min: f64,
    /// Width of its longest cell on one line (em).
    natural: f64,
}

fn columns(report: &Report) -> Vec<Column> {
    let t = &report.wide;
    (0..t.columns.len())
        .map(|i| {
            let cells = || t.rows.iter().filter_map(move |r| r.get(i));
            let numeric = !t.rows.is_empty() && cells().all(numeric_cell);
            let head = &t.columns[i];
            if numeric {
                let widest = cells().map(|c| em(&c.human()) + 0.3).fold(0.0, f64::max);
                // Tenths of an em, as printed in the column specification
                // (longest_word pads by 0.3 em already).
                let w = (widest.max(longest_word(head).min(HEADER_WORD)) * 10.0).ceil() / 10.0;
                Column {
                    numeric,
                    min: w,
                    natural: w,
                }
            } else {
                let word = cells()
                    .map(|c| longest_word(&c.human()))
                    .fold(longest_word(head), f64::max);
                let natural = cells()
                    .map(|c| c.human().lines().map(em).fold(0.0, f64::max))
                    .fold(em(head), f64::max)
                    + 0.3;
                let min = word.max(MIN_TEXT).min(natural.max(2.0));
                Column {
                    numeric,
                    min,
                    natural: natural.max(min),
                }
            }
        })
        .collect()
}

/// Splits the columns after the first into groups that fit `avail` em
/// beside the first column.
fn split(cols: &[Column], avail: f64) -> Vec<Vec<usize>> {
    if cols.is_empty() {
        return vec![vec![]];
    }
    // The first column (code paths: words that hyphenate) counts at its
    // narrowest for deciding on parts; other text (names, kinds) may not
    // hyphenate and keeps its longest word.
    let need = |i: usize| {
        let c = &cols[i];
        if !c.numeric && i == 0 {
            c.min.min(MIN_TEXT)
        } else {
            c.min
        }
    };
    let total: f64 = (0..cols.len()).map(|i| need(i) + SEP).sum();
    if total <= avail || cols.len() <= 2 {
        return vec![(0..cols.len()).collect()];
    }
    let first = need(0) + SEP;
    let mut parts = Vec::new();
    let mut cur = vec![0];
    let mut used = first;
    for i in 1..cols.len() {
        if used + need(i) + SEP > avail && cur.len() > 1 {
            parts.push(std::mem::replace(&mut cur, vec![0]));
            used = first;
        }
        cur.push(i);
        used += need(i) + SEP;
    }
    parts.push(cur);
    parts
}

/// The column specification for `part`: numbers at fixed widths, text
/// columns sharing the rest of `\linewidth`; and each column's width in em
/// at `avail` (what a cell's line count is estimated with).
fn spec(cols: &[Column], part: &[usize], avail: f64) -> (String, Vec<f64>) {
    let fixed: f64 = part
        .iter()
        .filter(|&&i| cols[i].numeric)
        .map(|&i| cols[i].min)
        .sum();
    let text: Vec<usize> = part.iter().copied().filter(|&i| !cols[i].numeric).collect();
    let seps = part.len().saturating_sub(1);
    let room = (avail - fixed - seps as f64 * SEP).max(0.0);
    let natural: f64 = text.iter().map(|&i| cols[i].natural).sum();
    let mins: f64 = text.iter().map(|&i| cols[i].min).sum();
    // Water-filling: each text column its minimum, the rest shared by how
    // much more each would take; a table narrower than the page keeps its
    // natural widths.
    let widths: Vec<f64> = text
        .iter()
        .map(|&i| {
            let c = &cols[i];
            if natural <= room {
                c.natural
            } else if room >= mins && natural > mins {
                c.min + (room - mins) * (c.natural - c.min) / (natural - mins)
            } else if mins > 0.0 {
                // Less room than the longest words need: shares by
                // minimum, the words hyphenate.
                room * c.min / mins
            } else {
                c.min
            }
        })
        .collect();
    let used: f64 = widths.iter().sum();
    let scale_to_line = natural > room;
    let mut out = String::from("@{}");
    let mut ems = Vec::with_capacity(part.len());
    for &i in part {
        let c = &cols[i];
        if c.numeric {
            out.push_str(&format!(
                ">{{\\raggedleft\\arraybackslash}}p{{{:.1}em}}",
                c.min
            ));
            ems.push(c.min);
        } else {
            let w = widths[text.iter().position(|&t| t == i).unwrap_or(0)];
            if scale_to_line && used > 0.0 {
                // A share of what the line leaves after the number columns.
                let per_mille = ((w / used) * 1000.0).floor() as u32;
                out.push_str(&format!(
                    ">{{\\raggedright\\arraybackslash}}p{{\\dimexpr(\\linewidth-{fixed:.1}em-{}\\tabcolsep)*{per_mille}/1000\\relax}}",
                    2 * seps
                ));
                ems.push(room * f64::from(per_mille) / 1000.0);
            } else {
                out.push_str(&format!(">{{\\raggedright\\arraybackslash}}p{{{w:.1}em}}"));
                ems.push(w);
            }
        }
    }
    out.push_str("@{}");
    (out, ems)
}

/// Whether a straight quote after `prev` opens a quotation: at the start,
/// after a space, an opening bracket or quote, a dash or a slash.
fn opens_quote(prev: char) -> bool {
    prev == '\0'
        || prev.is_whitespace()
        || matches!(
            prev,
            '(' | '['
                | '{'
                | '<'
                | '-'
                | '/'
                | '\''
                | '"'
                | '\u{2013}'
                | '\u{2014}'
                | '\u{201c}'
                | '\u{2018}'
                | '\u{ab}'
                | '\u{2039}'
        )
}

/// Lines a cell of `width` em takes at most in a row: more than this and
/// the row is continued in the next (a longtable row never breaks across
/// pages, so a taller one would run off the page and be cut). About half a
/// page of `\small` text in a default `article`, which leaves room for the
/// caption, header and footer, and for a document whose lines are
/// narrower or whose pages are shorter.
fn row_lines(landscape: bool) -> f64 {
    if landscape { 12.0 } else { 22.0 }
}

/// Estimated lines `s` takes wrapped at `width` em (ragged right wastes
/// part of each line; the estimate errs long).
fn lines(s: &str, width: f64) -> f64 {
    let width = width.max(1.0);
    s.split('\n')
        .map(|l| (em(l) * 1.15 / width).ceil().max(1.0))
        .sum()
}

/// Where to cut a word too long for a piece (a URL, a word of thousands
/// of letters): the furthest character from `start` that keeps the piece
/// within `max` lines, at least one character on.
fn inside_word(s: &str, start: usize, width: f64, max: f64) -> usize {
    let ends: Vec<usize> = s[start..]
        .char_indices()
        .map(|(i, c)| start + i + c.len_utf8())
        .collect();
    let fitting = ends.partition_point(|&e| lines(&s[start..e], width) <= max);
    ends[fitting.saturating_sub(1).min(ends.len() - 1)]
}

/// Splits `s` into pieces of at most `max` lines at `width` em, at
/// paragraph ends where possible, else at sentence ends, else between
/// words: concatenated they give `s` back (whitespace at the cuts aside),
/// so every word is printed.
fn chunks(s: &str, width: f64, max: f64) -> Vec<String> {
    if lines(s, width) <= max {
        return vec![s.to_string()];
    }
    // Places a piece may end (byte offsets just after the whitespace) and
    // how good each is: 3 a paragraph, 2 a sentence, 1 a word.
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut cuts: Vec<(usize, u8)> = Vec::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !c.is_whitespace() {
            continue;
        }
        let next_is_space = chars.get(k + 1).is_some_and(|&(_, n)| n.is_whitespace());
        if next_is_space {
            continue;
        }
        let end = i + c.len_utf8();
        let before = s[..i].trim_end_matches([' ', '\t']);
        let quality = if c == '\n' || c == '\r' {
            3
        } else if before.ends_with(['.', '?', '!', ':', ';'])
            || before.ends_with(['"', '\'', '\u{201d}', '\u{2019}', ')'])
                && before
                    .trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')'])
                    .ends_with(['.', '?', '!'])
        {
            2
        } else {
            1
        };
        cuts.push((end, quality));
    }
    let mut out = Vec::new();
    let mut start = 0;
    while start < s.len() {
        let rest = &s[start..];
        if lines(rest, width) <= max {
            out.push(rest.to_string());
            break;
        }
        // The best cut that keeps the piece within `max` lines and at
        // least half full; failing that the furthest that fits; failing
        // that (a word longer than the cell) the first.
        let fits: Vec<(usize, u8, f64)> = cuts
            .iter()
            .filter(|&&(c, _)| c > start)
            .map(|&(c, q)| (c, q, lines(s[start..c].trim_end(), width)))
            .take_while(|&(_, _, l)| l <= max)
            .collect();
        let cut = fits
            .iter()
            .filter(|&&(_, _, l)| l >= max / 2.0)
            .max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)))
            .or(fits.last())
            .map(|&(c, _, _)| c)
            .unwrap_or_else(|| inside_word(s, start, width, max));
        let piece = s[start..cut].trim_end();
        if !piece.is_empty() {
            out.push(piece.to_string());
        }
        start = cut;
        // A piece never starts with the blank lines between paragraphs.
        while let Some(c) = s[start..].chars().next().filter(|c| c.is_whitespace()) {
            start += c.len_utf8();
        }
    }
    out
}

/// The width a table may take, in em of `\small` in a default `article`
/// (345 pt text width, 550 pt text height when landscape).
fn available(landscape: bool) -> f64 {
    if landscape { 60.0 } else { 37.5 }
}

/// A text cell as LaTeX: may break before its first word, so that word
/// can hyphenate too.
fn text_cell(esc: &mut Escaper, s: &str, width: f64) -> String {
    format!(
        "\\hspace{{0pt}}{}",
        esc.text(&breakable(s, width * 0.85), true)
    )
}

/// The rows of the table `row` prints as, in the columns of `part`: one,
/// or, when a text cell is taller than `max` lines, that cell cut into
/// pieces ([`chunks`]) over several rows, the row's other cells in the
/// first and its label marked "(continued)" in the rest, so a row never
/// outgrows a page (and every word is printed).
fn row_pieces(
    row: &[Cell],
    part: &[usize],
    widths: &[f64],
    max: f64,
    esc: &mut Escaper,
) -> Vec<Vec<String>> {
    let pieces: Vec<Option<Vec<String>>> = part
        .iter()
        .zip(widths)
        .map(|(&i, &w)| match row.get(i) {
            Some(c @ Cell::Text(s)) if !numeric_cell(c) => Some(chunks(s, w, max)),
            _ => None,
        })
        .collect();
    let n = pieces
        .iter()
        .flatten()
        .map(Vec::len)
        .max()
        .unwrap_or(1)
        .max(1);
    let continued = |label: &str| crate::t!("report-continued", caption = label);
    (0..n)
        .map(|k| {
            part.iter()
                .zip(&pieces)
                .enumerate()
                .map(|(j, (&i, cut))| match (cut, k) {
                    (Some(cut), 0) => {
                        text_cell(esc, cut.first().map_or("", String::as_str), widths[j])
                    }
                    (Some(cut), _) if cut.len() > 1 && j == 0 => {
                        // The label itself goes on: marked where its
                        // piece begins.
                        cut.get(k).map_or(String::new(), |p| {
                            text_cell(esc, &format!("{} {p}", continued("").trim()), widths[j])
                        })
                    }
                    (Some(cut), _) if cut.len() > 1 => cut
                        .get(k)
                        .map_or(String::new(), |p| text_cell(esc, p, widths[j])),
                    (Some(cut), _) if j == 0 => text_cell(esc, &continued(&cut[0]), widths[j]),
                    (None, 0) => esc.text(&row.get(i).map(Cell::human).unwrap_or_default(), false),
                    _ => String::new(),
                })
                .collect()
        })
        .collect()
}

/// The preamble a standalone document needs.
pub const PACKAGES: &str = "\\usepackage{booktabs,longtable,array}\n\\usepackage{pdflscape}";

pub fn write_latex(
    report: &Report,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let t = &report.wide;
    let mut esc = Escaper::default();
    let title = esc.text(&report.title, false);
    let header: Vec<String> = t
        .columns
        .iter()
        .map(|c| format!("\\hspace{{0pt}}{}", esc.text(c, true)))
        .collect();
    let mut notes: Vec<String> = report.notes.iter().map(|n| esc.text(n, false)).collect();
    let cols = columns(report);
    let avail = available(options.landscape);
    let parts = split(&cols, avail);
    let max_lines = row_lines(options.landscape);
    if parts.len() > 1 {
        let n = parts.len();
        // Escaped like every note: "--landscape" is two hyphens, not
        // LaTeX's en dash.
        let note = if options.landscape {
            crate::t!("report-latex-parts", parts = n)
        } else {
            crate::t!("report-latex-parts-landscape", parts = n)
        };
        notes.push(esc.text(&note, false));
    }

    let packages = if options.landscape {
        "booktabs, longtable, array and pdflscape"
    } else {
        "booktabs, longtable and array"
    };
    if options.standalone {
        writeln!(out, "% {title} (written by Jalin)")?;
        writeln!(out, "\\documentclass{{article}}")?;
        writeln!(out, "{PACKAGES}")?;
        writeln!(out, "\\begin{{document}}")?;
    } else {
        writeln!(
            out,
            "% {title} (written by Jalin; needs the packages {packages})"
        )?;
    }
    if options.landscape {
        writeln!(out, "\\begin{{landscape}}")?;
    }
    writeln!(out, "\\begingroup\\small\\setlength{{\\tabcolsep}}{{4pt}}")?;
    for (k, part) in parts.iter().enumerate() {
        let n = part.len();
        let caption = if parts.len() > 1 {
            esc.text(
                &crate::t!(
                    "report-part",
                    title = "JALINCAPTION",
                    part = k + 1,
                    parts = parts.len()
                ),
                false,
            )
            .replace("JALINCAPTION", &title)
        } else {
            title.clone()
        };
        if k > 0 {
            writeln!(out, "\\addtocounter{{table}}{{-1}}")?;
        }
        let (spec, widths) = spec(&cols, part, avail);
        writeln!(out, "\\begin{{longtable}}{{{spec}}}")?;
        let head: Vec<&str> = part.iter().map(|&i| header[i].as_str()).collect();
        let head = head.join(" & ");
        if k == 0 {
            writeln!(out, "\\caption{{{caption}}}\\\\")?;
        } else {
            writeln!(out, "\\caption[]{{{caption}}}\\\\")?;
        }
        writeln!(out, "\\toprule\n{head} \\\\\n\\midrule\n\\endfirsthead")?;
        let continued = esc
            .text(
                &crate::t!("report-continued", caption = "JALINCAPTION"),
                false,
            )
            .replace("JALINCAPTION", &caption);
        writeln!(out, "\\caption[]{{{continued}}}\\\\")?;
        writeln!(out, "\\toprule\n{head} \\\\\n\\midrule\n\\endhead")?;
        writeln!(
            out,
            "\\midrule\n\\multicolumn{{{n}}}{{@{{}}r@{{}}}}{{\\footnotesize\\itshape {}}} \\\\\n\\endfoot",
            esc.text(&crate::t!("report-continued-below"), false)
        )?;
        writeln!(out, "\\bottomrule\n\\endlastfoot")?;
        for row in &t.rows {
            for cells in row_pieces(row, part, &widths, max_lines, &mut esc) {
                writeln!(out, "{} \\\\", cells.join(" & "))?;
            }
        }
        writeln!(out, "\\end{{longtable}}")?;
    }
    if let Some(n) = esc.note() {
        notes.push(n);
    }
    for n in &notes {
        writeln!(
            out,
            "\\par\\noindent{{\\footnotesize\\textit{{{}}} {n}}}",
            crate::t!("report-note-label")
        )?;
    }
    writeln!(out, "\\par\\endgroup")?;
    if options.landscape {
        writeln!(out, "\\end{{landscape}}")?;
    }
    if options.standalone {
        writeln!(out, "\\end{{document}}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_specials() {
        assert_eq!(
            escape("50% of #1 & $x_y {a} ~ ^ \\"),
            "50\\% of \\#1 \\& \\$x\\_y \\{a\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}"
        );
        assert_eq!(
            escape("a > b < c | d -- e"),
            "a \\textgreater{} b \\textless{} c \\textbar{} d -{}- e"
        );
    }

    /// PSE-16: what the writer makes reads back as the text it was made
    /// from (in NFC), for `pseudonyms check`.
    #[test]
    fn unescape_reads_back_what_the_writer_wrote() {
        use unicode_normalization::UnicodeNormalization;
        for (s, breaks) in [
            (
                "Śaraswati Ñoman Façade Šimon Søren Straße Łódź Ǒ ï í ȷ Æsir",
                false,
            ),
            (
                "O’Brien — “Mary-Jane” … 50% & #1_x {y} a\\b ~ ^ <|> --- '' 'single' it's",
                false,
            ),
            ("Interview_Sari/2\nline two", true),
        ] {
            let mut e = Escaper::default();
            let written = e.text(s, breaks);
            let back: String = unescape(&written).nfc().collect();
            let want: String = s.replace('\n', " ").nfc().collect();
            assert_eq!(back, want, "{written}");
        }
        assert_eq!(
            unescape("\\'e \\v s \\unknown{x}"),
            "e\u{301} s\u{30c} \\unknown{x}"
        );
    }

    #[test]
    fn accents_become_commands_and_emoji_are_noted() {
        let mut e = Escaper::default();
        assert_eq!(
            e.text("Café ñ Łódź", false),
            "Caf\\'{e} \\~{n} \\L{}\\'{o}d\\'{z}"
        );
        assert!(e.dropped.is_empty());
        assert_eq!(e.text("ok 😀!", false), "ok !");
        assert!(e.note().unwrap().contains("U+1F600"), "{:?}", e.note());
        assert!(e.text("é", false).is_ascii());
    }
}
