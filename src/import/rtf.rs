//! Rich Text Format (`.rtf`), as transcription services and word processors
//! write it: the text of the body in paragraphs (as from a `.docx`), with
//! `\uN` Unicode and `\'hh` code-page characters (the document's
//! `\ansicpgN`, or the `\fcharsetN` of the font in use), table rows as
//! one line with cells separated by tabs, and footnotes appended at the
//! end, each marked `[n]` where it was cited.
//! Font and colour tables, style sheets, document information, pictures,
//! objects, headers and footers, field instructions and every `{\*\…}`
//! destination are skipped.
//!
//! Hostile input: group nesting is capped at [`MAX_DEPTH`] (the parser
//! keeps an explicit stack, so deep nesting cannot overflow the call
//! stack), `\binN` skips at most the bytes that are there, and the work is
//! one pass over the bytes.
//!
//! No crate: `rtf-parser` (the one maintained RTF crate) takes the file as
//! a Rust string (RTF is 8-bit text in a code page, so it must be decoded
//! first, and `\'hh` bytes of a multi-byte code page come out wrong) and
//! pulls in wasm-bindgen; a reader for plain text is small.

use encoding_rs::Encoding;

use super::office::{Blocks, PARA, ROW};
use super::{ImportProblem, Importer, Parsed, parsed_from_text};

/// Reads `.rtf` files.
pub struct RtfImporter;

/// The deepest group nesting accepted. Word nests a few levels (tables,
/// fields, shapes: under 20); 256 matches the XML readers.
pub const MAX_DEPTH: usize = 256;

impl Importer for RtfImporter {
    fn extensions(&self) -> &'static [&'static str] {
        &["rtf"]
    }

    fn parse(&self, file_name: &str, bytes: &[u8]) -> Result<Parsed, ImportProblem> {
        let text = rtf_text(bytes)?;
        parsed_from_text(file_name, text, Vec::new())
    }
}

/// Whether `bytes` look like RTF (a `.doc` is often RTF under that name).
pub fn is_rtf(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(0);
    b[start..].starts_with(b"{\\rtf")
}

/// What a group does with the text inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dest {
    /// Body text.
    Text,
    /// Skipped (font table, pictures, `{\*\…}`, field instructions).
    Skip,
    /// A footnote or endnote: collected, cited as `[n]`.
    Note,
}

#[derive(Debug, Clone, Copy)]
struct Group {
    dest: Dest,
    /// Characters after `\uN` that stand in for it (`\ucN`).
    uc: usize,
    /// The font in use (`\fN`): its `\fcharsetN` decides how `\'hh`
    /// bytes read, when it names one.
    font: Option<i32>,
}

/// Destinations whose text is not part of the document's body.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "objdata",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "fldinst",
    "filetbl",
    "listtable",
    "listoverridetable",
    "revtbl",
    "rsidtbl",
    "xmlnstbl",
    "themedata",
    "colorschememapping",
    "datastore",
    "latentstyles",
    "generator",
    "nonshppict",
    "shpinst",
    "bkmkstart",
    "bkmkend",
    "pgdsctbl",
    "template",
    "atnid",
    "atnauthor",
    "annotation",
    "txe",
    "xe",
    "tc",
];

/// The text of an RTF document: paragraphs separated by blank lines.
pub fn rtf_text(bytes: &[u8]) -> Result<String, ImportProblem> {
    if !is_rtf(bytes) {
        return Err(ImportProblem::Format(
            "it is not an RTF document (it does not begin with {\\rtf)".into(),
        ));
    }
    let mut p = Parser::new(bytes);
    p.run()?;
    Ok(p.finish())
}

struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
    stack: Vec<Group>,
    encoding: &'static Encoding,
    /// Fonts with a character set of their own (`\fcharset204`: Cyrillic).
    fonts: std::collections::HashMap<i32, &'static Encoding>,
    /// Inside the font table: its depth, and the font being declared.
    font_table: Option<usize>,
    declaring: Option<i32>,
    default_font: Option<i32>,
    /// Code-page bytes not yet decoded (a multi-byte character may come as
    /// two `\'hh`).
    pending: Vec<u8>,
    /// Characters still to skip after a `\uN`.
    skip: usize,
    /// A high surrogate waiting for its low half.
    high: Option<u16>,
    para: String,
    blocks: Blocks,
    /// The footnote being read, and the body paragraph it interrupts.
    note: String,
    notes: usize,
    /// Whether the `\*` of the current group was just seen.
    starred: bool,
    /// Whether the current group has had its first control word.
    group_start: bool,
}

impl<'a> Parser<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Parser {
            bytes,
            at: 0,
            stack: Vec::new(),
            encoding: encoding_rs::WINDOWS_1252,
            fonts: std::collections::HashMap::new(),
            font_table: None,
            declaring: None,
            default_font: None,
            pending: Vec::new(),
            skip: 0,
            high: None,
            para: String::new(),
            blocks: Blocks::default(),
            note: String::new(),
            notes: 0,
            starred: false,
            group_start: false,
        }
    }

    fn dest(&self) -> Dest {
        self.stack.last().map_or(Dest::Skip, |g| g.dest)
    }

    fn run(&mut self) -> Result<(), ImportProblem> {
        while self.at < self.bytes.len() {
            let b = self.bytes[self.at];
            self.at += 1;
            match b {
                b'{' => {
                    self.flush();
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(ImportProblem::Format(format!(
                            "it nests groups more than {MAX_DEPTH} deep, which no real document does"
                        )));
                    }
                    let top = self.stack.last().copied().unwrap_or(Group {
                        dest: Dest::Text,
                        uc: 1,
                        font: None,
                    });
                    self.stack.push(top);
                    self.skip = 0;
                    self.group_start = true;
                    self.starred = false;
                }
                b'}' => {
                    self.flush();
                    let closed = self.stack.pop();
                    if self.font_table.is_some_and(|d| self.stack.len() < d) {
                        self.font_table = None;
                    }
                    self.skip = 0;
                    self.group_start = false;
                    if closed.is_some_and(|g| g.dest == Dest::Note) && self.dest() != Dest::Note {
                        self.end_note();
                    }
                    if self.stack.is_empty() {
                        // The document's closing brace: what follows is
                        // not RTF (some writers pad with NULs).
                        break;
                    }
                }
                b'\\' => self.control()?,
                b'\r' | b'\n' => {}
                b'\t' => self.put_char('\t'),
                0..=0x1F => {}
                _ => self.put_byte(b),
            }
        }
        self.flush();
        Ok(())
    }

    fn control(&mut self) -> Result<(), ImportProblem> {
        let Some(&c) = self.bytes.get(self.at) else {
            return Ok(());
        };
        if !c.is_ascii_alphabetic() {
            self.at += 1;
            return self.symbol(c);
        }
        let start = self.at;
        while self.at < self.bytes.len()
            && self.bytes[self.at].is_ascii_alphabetic()
            && self.at - start < 32
        {
            self.at += 1;
        }
        let word = String::from_utf8_lossy(&self.bytes[start..self.at]).into_owned();
        let mut param: Option<i32> = None;
        let num_start = self.at;
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        let digits = self.at;
        while self.at < self.bytes.len()
            && self.bytes[self.at].is_ascii_digit()
            && self.at - digits < 10
        {
            self.at += 1;
        }
        if self.at > digits {
            param = std::str::from_utf8(&self.bytes[num_start..self.at])
                .ok()
                .and_then(|s| s.parse::<i64>().ok())
                .map(|n| n.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32);
        } else {
            self.at = num_start;
        }
        if self.bytes.get(self.at) == Some(&b' ') {
            self.at += 1;
        }
        self.word(&word, param);
        Ok(())
    }

    fn symbol(&mut self, c: u8) -> Result<(), ImportProblem> {
        match c {
            b'\'' => {
                let hex = self.bytes.get(self.at..self.at + 2);
                let value = hex
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(v) = value {
                    self.at += 2;
                    self.put_byte(v);
                }
            }
            b'*' => {
                self.starred = true;
                if self.group_start {
                    self.set_dest(Dest::Skip);
                }
            }
            b'\\' | b'{' | b'}' => self.put_char(char::from(c)),
            b'~' => self.put_char('\u{A0}'),
            b'_' => self.put_char('\u{2011}'),
            b'\r' | b'\n' => self.paragraph(PARA),
            // Optional hyphen, index sub-entry, formula: nothing to show.
            _ => {
                self.count_skipped();
            }
        }
        Ok(())
    }

    fn set_dest(&mut self, dest: Dest) {
        if let Some(g) = self.stack.last_mut()
            && g.dest != Dest::Skip
        {
            g.dest = dest;
        }
    }

    fn word(&mut self, word: &str, param: Option<i32>) {
        let first = std::mem::replace(&mut self.group_start, false);
        if first && SKIPPED.contains(&word) {
            self.flush();
            self.set_dest(Dest::Skip);
            if word == "fonttbl" {
                self.font_table = Some(self.stack.len());
            }
            return;
        }
        if self.font_table.is_some() {
            match (word, param) {
                ("f", Some(n)) => {
                    self.declaring = Some(n);
                    return;
                }
                ("fcharset", Some(c)) => {
                    if let (Some(f), Some(enc)) = (self.declaring, charset(c)) {
                        self.fonts.insert(f, enc);
                    }
                    return;
                }
                // `\bin` (an embedded font) is skipped as anywhere.
                _ => {}
            }
        }
        if first && matches!(word, "footnote") {
            self.flush();
            if self.dest() == Dest::Text {
                self.set_dest(Dest::Note);
                self.note.clear();
            }
            return;
        }
        match word {
            "bin" => {
                // Raw bytes: skipped whole, never read as RTF.
                self.flush();
                let n = usize::try_from(param.unwrap_or(0)).unwrap_or(0);
                self.at = self.at.saturating_add(n).min(self.bytes.len());
            }
            "ansicpg" => {
                if let Some(enc) = param.and_then(code_page) {
                    self.flush();
                    self.encoding = enc;
                }
            }
            "mac" => self.encoding = encoding_rs::MACINTOSH,
            "deff" => self.default_font = param,
            "f" => {
                self.flush();
                if let Some(g) = self.stack.last_mut() {
                    g.font = param;
                }
            }
            "uc" => {
                if let Some(g) = self.stack.last_mut() {
                    g.uc = usize::try_from(param.unwrap_or(1)).unwrap_or(1).min(16);
                }
            }
            "u" => {
                if let Some(n) = param {
                    self.unicode(n);
                }
            }
            "par" | "sect" | "page" => self.paragraph(PARA),
            "row" => self.paragraph(ROW),
            "line" => self.put_char('\n'),
            "tab" | "cell" => self.put_char('\t'),
            "emdash" => self.put_char('\u{2014}'),
            "endash" => self.put_char('\u{2013}'),
            "bullet" => self.put_char('\u{2022}'),
            "lquote" => self.put_char('\u{2018}'),
            "rquote" => self.put_char('\u{2019}'),
            "ldblquote" => self.put_char('\u{201C}'),
            "rdblquote" => self.put_char('\u{201D}'),
            "emspace" | "enspace" | "qmspace" => self.put_char(' '),
            _ if self.starred && first => {
                // An unknown `{\*\word …}` destination: skipped, as the
                // specification asks.
                self.set_dest(Dest::Skip);
            }
            _ => {}
        }
    }

    fn unicode(&mut self, n: i32) {
        let unit = if n < 0 { n + 65536 } else { n };
        let unit = u16::try_from(unit).unwrap_or(0xFFFD);
        let c = match (self.high.take(), unit) {
            (Some(h), 0xDC00..=0xDFFF) => char::decode_utf16([h, unit]).next().and_then(Result::ok),
            (_, 0xD800..=0xDBFF) => {
                self.high = Some(unit);
                None
            }
            (_, 0xDC00..=0xDFFF) => Some('\u{FFFD}'),
            (_, u) => char::from_u32(u32::from(u)),
        };
        if let Some(c) = c {
            self.put_char(c);
        }
        self.skip = self.stack.last().map_or(1, |g| g.uc);
    }

    /// A character that stands in for the last `\uN`, if one is due.
    fn count_skipped(&mut self) -> bool {
        if self.skip > 0 {
            self.skip -= 1;
            true
        } else {
            false
        }
    }

    fn put_byte(&mut self, b: u8) {
        self.group_start = false;
        if self.count_skipped() || self.dest() == Dest::Skip {
            return;
        }
        self.pending.push(b);
    }

    fn put_char(&mut self, c: char) {
        self.group_start = false;
        if self.count_skipped() || self.dest() == Dest::Skip {
            return;
        }
        self.flush();
        self.out().push(c);
    }

    fn out(&mut self) -> &mut String {
        if self.dest() == Dest::Note {
            &mut self.note
        } else {
            &mut self.para
        }
    }

    /// Decodes code-page bytes waiting to be written.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let bytes = std::mem::take(&mut self.pending);
        let font = self.stack.last().and_then(|g| g.font).or(self.default_font);
        let encoding = font
            .and_then(|f| self.fonts.get(&f).copied())
            .unwrap_or(self.encoding);
        let (text, _, _) = encoding.decode(&bytes);
        let text = text.into_owned();
        self.out().push_str(&text);
    }

    fn paragraph(&mut self, kind: u8) {
        self.skip = 0;
        match self.dest() {
            Dest::Skip => {}
            Dest::Note => {
                self.flush();
                self.note.push('\n');
            }
            Dest::Text => {
                self.flush();
                let text = std::mem::take(&mut self.para);
                let text = text.trim_end_matches('\t').to_string();
                self.blocks.push(text, kind);
            }
        }
    }

    fn end_note(&mut self) {
        let text = std::mem::take(&mut self.note);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return;
        }
        self.notes = self.blocks.note(text);
        let mark = format!("[{}]", self.notes);
        self.para.push_str(&mark);
    }

    fn finish(mut self) -> String {
        self.flush();
        if self.dest() == Dest::Note || !self.note.is_empty() {
            self.end_note();
        }
        let rest = std::mem::take(&mut self.para);
        self.blocks.push(rest, PARA);
        self.blocks.finish()
    }
}

/// The encoding of a font's `\fcharsetN`; `None` for ANSI, default and
/// symbol fonts (read in the document's code page).
fn charset(n: i32) -> Option<&'static Encoding> {
    code_page(match n {
        77 => 10000,
        128 => 932,
        129 => 949,
        134 => 936,
        136 => 950,
        161 => 1253,
        162 => 1254,
        163 => 1258,
        177 => 1255,
        178 => 1256,
        186 => 1257,
        204 => 1251,
        222 => 874,
        238 => 1250,
        _ => return None,
    })
}

/// The encoding of a Windows code page `\ansicpgN` names.
fn code_page(n: i32) -> Option<&'static Encoding> {
    Some(match n {
        874 => encoding_rs::WINDOWS_874,
        932 => encoding_rs::SHIFT_JIS,
        936 => encoding_rs::GBK,
        949 => encoding_rs::EUC_KR,
        950 => encoding_rs::BIG5,
        1250 => encoding_rs::WINDOWS_1250,
        1251 => encoding_rs::WINDOWS_1251,
        1252 => encoding_rs::WINDOWS_1252,
        1253 => encoding_rs::WINDOWS_1253,
        1254 => encoding_rs::WINDOWS_1254,
        1255 => encoding_rs::WINDOWS_1255,
        1256 => encoding_rs::WINDOWS_1256,
        1257 => encoding_rs::WINDOWS_1257,
        1258 => encoding_rs::WINDOWS_1258,
        10000 => encoding_rs::MACINTOSH,
        20866 => encoding_rs::KOI8_R,
        65001 => encoding_rs::UTF_8,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(rtf: &str) -> String {
        rtf_text(rtf.as_bytes()).unwrap()
    }

    #[test]
    fn paragraphs_escapes_and_skipped_groups() {
        let rtf = r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Times;}}{\colortbl;\red0\green0\blue0;}{\*\generator Writer;}{\info{\title Secret}}
\pard Interviewer: Caf\'e9 \u8212? then{\b  bold}\par
{\*\unknown skip me}Respondent: line\line two\par}";
        assert_eq!(
            text(rtf),
            "Interviewer: Café — then bold\n\nRespondent: line\ntwo\n"
        );
    }

    #[test]
    fn unicode_fallbacks_and_surrogates() {
        assert_eq!(
            text(r"{\rtf1\uc2 a\u-10179\'3f\'3f\u-8704\'3f\'3fb\par}"),
            "a😀b\n"
        );
        assert_eq!(text(r"{\rtf1 \u20320?\u22909?\par}"), "你好\n");
    }

    #[test]
    fn code_pages_and_binary() {
        let mut rtf = b"{\\rtf1\\ansi\\ansicpg1251 \\'cf\\'f0\\'e8{\\pict\\bin4 ".to_vec();
        rtf.extend_from_slice(b"}}{\\");
        rtf.extend_from_slice(b"}\\par}");
        assert_eq!(rtf_text(&rtf).unwrap(), "При\n");
    }

    #[test]
    fn a_font_with_its_own_character_set() {
        // Word with a Cyrillic font in a Western document.
        let rtf = r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss\fcharset0 Arial;}{\f1\fnil\fcharset204 Arial CYR;}}\f0 Caf\'e9 {\f1 \'cf\'f0\'e8}\'e9\par}";
        assert_eq!(text(rtf), "Café Приé\n");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!(
            "{{\\rtf1 {}x{}}}",
            "{".repeat(MAX_DEPTH + 5),
            "}".repeat(MAX_DEPTH + 5)
        );
        assert!(
            matches!(rtf_text(deep.as_bytes()), Err(ImportProblem::Format(m)) if m.contains("deep"))
        );
        assert!(rtf_text(b"plain text").is_err());
    }
}
