//! Code-point offsets and the text units (sentence, paragraph) that coding
//! by search expands a match to.

/// Maps code-point offsets of one text to byte offsets, in O(1) after an
/// O(n) build. Build it once per text, not per lookup.
///
/// Compact, because the workbench and the exports keep one per source: about
/// 1.25 bytes per char (a byte offset every [`BLOCK`] chars, and each char's
/// offset inside its block in one byte), nothing at all for ASCII text. A
/// plain table of `usize` offsets took 8 bytes per char, 400 MB for a 50 MB
/// corpus.
#[derive(Debug, Clone, Default)]
pub struct CharIndex {
    /// Byte offset of chars 0, BLOCK, 2·BLOCK, … (empty for ASCII text).
    blocks: Vec<usize>,
    /// Byte offset of each char from the start of its block: at most
    /// (BLOCK - 1) × 4 = 124, so a byte holds it (empty for ASCII text).
    within: Vec<u8>,
    chars: usize,
    bytes: usize,
}

/// Chars per block of [`CharIndex`].
const BLOCK: usize = 32;

impl CharIndex {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharIndex {
                blocks: Vec::new(),
                within: Vec::new(),
                chars: text.len(),
                bytes: text.len(),
            };
        }
        let mut blocks = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut within = Vec::with_capacity(text.len());
        let mut block_start = 0;
        for (i, (b, _)) in text.char_indices().enumerate() {
            if i % BLOCK == 0 {
                blocks.push(b);
                block_start = b;
            }
            within.push((b - block_start) as u8);
        }
        CharIndex {
            chars: within.len(),
            blocks,
            within,
            bytes: text.len(),
        }
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.chars
    }

    fn is_ascii(&self) -> bool {
        self.within.is_empty()
    }

    /// Byte offset of code point `char_pos` (the text length at the end).
    /// Panics past the end; callers validate ranges first.
    pub fn byte(&self, char_pos: usize) -> usize {
        assert!(
            char_pos <= self.chars,
            "char {char_pos} is past the end ({})",
            self.chars
        );
        if char_pos == self.chars {
            self.bytes
        } else if self.is_ascii() {
            char_pos
        } else {
            self.blocks[char_pos / BLOCK] + usize::from(self.within[char_pos])
        }
    }

    /// Code-point offset of a byte offset; a byte inside a char gives that
    /// char, a byte at or past the end gives the length.
    pub fn char_of_byte(&self, byte: usize) -> usize {
        if byte >= self.bytes {
            return self.chars;
        }
        if self.is_ascii() {
            return byte;
        }
        let block = self.blocks.partition_point(|&b| b <= byte) - 1;
        let first = block * BLOCK;
        let last = (first + BLOCK).min(self.chars);
        let rel = byte - self.blocks[block];
        let inside = self.within[first..last].partition_point(|&w| usize::from(w) <= rel);
        first + inside - 1
    }

    /// The chars `[start, end)` of `text`, or `None` if the range does not fit.
    pub fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> Option<&'t str> {
        if start > end || end > self.char_len() {
            return None;
        }
        Some(&text[self.byte(start)..self.byte(end)])
    }
}

/// Number of code points in `text`.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// The chars `[start, end)` of `text`, or `None` when the range is out of
/// bounds. For many lookups on one text use [`CharIndex`].
pub fn char_slice(text: &str, start: usize, end: usize) -> Option<&str> {
    CharIndex::new(text).slice(text, start, end)
}

/// Byte ranges of the paragraphs of `text`, in order: runs of lines between
/// blank lines (a line with only white space), untrimmed. One pass.
pub fn paragraph_spans(text: &str) -> Vec<(usize, usize)> {
    let mut start = 0;
    let mut pos = 0;
    let mut ranges = Vec::new();
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            if pos > start {
                ranges.push((start, pos));
            }
            start = pos + line.len();
        }
        pos += line.len();
    }
    if pos > start {
        ranges.push((start, pos));
    }
    ranges
}

/// Byte range of the paragraph around byte `at`: paragraphs are separated by
/// blank lines (a line with only white space). White space at either end is
/// left out. For many lookups in one text use [`TextUnits`].
pub fn paragraph_bytes(text: &str, at: usize) -> (usize, usize) {
    TextUnits::new(text).paragraph(at)
}

/// One sentence of [`sentence_spans`]: the bytes `[start, end)` hold the
/// sentence; `[start, next)` is everything up to the next sentence (the
/// terminator's trailing line break included), so the zones of all
/// sentences tile the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceSpan {
    pub start: usize,
    pub end: usize,
    pub next: usize,
}

/// The sentences of `text` in order, in one pass. A sentence ends after
/// `.`, `!`, `?` or `…` (with any closing quotes or brackets) followed by
/// white space, or at a line break. Good enough for expanding a search hit;
/// not a linguistic segmenter.
pub fn sentence_spans(text: &str) -> Vec<SentenceSpan> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((b, c)) = chars.next() {
        let end_here = if c == '\n' {
            Some((b, b + 1))
        } else if matches!(c, '.' | '!' | '?' | '…') {
            while chars
                .peek()
                .is_some_and(|&(_, c)| matches!(c, '"' | '\'' | '”' | '’' | ')' | ']'))
            {
                chars.next();
            }
            match chars.peek() {
                None => Some((text.len(), text.len())),
                Some(&(b2, c2)) if c2.is_whitespace() => Some((b2, b2)),
                Some(_) => None,
            }
        } else {
            None
        };
        if let Some((end, next)) = end_here {
            out.push(SentenceSpan { start, end, next });
            start = next;
        }
    }
    if start < text.len() || out.is_empty() {
        out.push(SentenceSpan {
            start,
            end: text.len(),
            next: text.len(),
        });
    }
    out
}

/// Byte range of the sentence around byte `at` (see [`sentence_spans`]).
/// For many lookups in one text use [`TextUnits`].
pub fn sentence_bytes(text: &str, at: usize) -> (usize, usize) {
    TextUnits::new(text).sentence(at)
}

/// The sentences and paragraphs of one text, found once, so each lookup is
/// a binary search: widening every hit of a search stays O(n + hits · log n)
/// however many hits there are.
#[derive(Debug, Clone)]
pub struct TextUnits<'t> {
    text: &'t str,
    sentences: Option<Vec<SentenceSpan>>,
    paragraphs: Option<Vec<(usize, usize)>>,
}

impl<'t> TextUnits<'t> {
    /// Nothing is computed until the first lookup of each kind.
    pub fn new(text: &'t str) -> Self {
        TextUnits {
            text,
            sentences: None,
            paragraphs: None,
        }
    }

    /// Byte range of the sentence around byte `at` (a char of the text),
    /// trimmed of white space.
    pub fn sentence(&mut self, at: usize) -> (usize, usize) {
        let text = self.text;
        let spans = self.sentences.get_or_insert_with(|| sentence_spans(text));
        let i = spans.partition_point(|s| s.end.max(s.next) <= at);
        match spans.get(i) {
            Some(s) if s.start <= at => trim_bytes(text, s.start, s.end),
            _ => {
                // Past the last sentence's end: the text's tail from `at`.
                let from = spans.last().map_or(0, |s| s.next).min(at);
                trim_bytes(text, from, text.len())
            }
        }
    }

    /// Byte range of the paragraph around byte `at`, trimmed of white space;
    /// an empty range at `at` between paragraphs.
    pub fn paragraph(&mut self, at: usize) -> (usize, usize) {
        let text = self.text;
        let spans = self.paragraphs.get_or_insert_with(|| paragraph_spans(text));
        let i = spans.partition_point(|&(_, e)| e <= at);
        let (s, e) = match spans.get(i) {
            Some(&(s, e)) if s <= at => (s, e),
            _ => (at, at),
        };
        trim_bytes(text, s, e)
    }
}

fn trim_bytes(text: &str, s: usize, e: usize) -> (usize, usize) {
    let piece = &text[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail >= piece.len() {
        return (s, s);
    }
    (s + lead, e - trail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_counts_code_points_not_bytes_or_utf16() {
        let t = "a😀é“b”";
        let ix = CharIndex::new(t);
        assert_eq!(ix.char_len(), 6);
        assert_eq!(ix.slice(t, 1, 3), Some("😀é"));
        assert_eq!(ix.slice(t, 3, 6), Some("“b”"));
        assert_eq!(ix.slice(t, 4, 7), None);
        assert_eq!(ix.char_of_byte(ix.byte(4)), 4);
    }

    #[test]
    fn char_index_agrees_with_a_plain_table() {
        let mut t = String::new();
        for i in 0..500 {
            t.push_str(["a", "é", "😀", "“", "bc", "ß\n"][i % 6]);
            if i % 7 == 0 {
                t.push_str("plain ascii run ");
            }
        }
        for text in [t.as_str(), "", "ascii only", "é"] {
            let table: Vec<usize> = text
                .char_indices()
                .map(|(b, _)| b)
                .chain([text.len()])
                .collect();
            let ix = CharIndex::new(text);
            assert_eq!(ix.char_len(), table.len() - 1);
            for (c, &b) in table.iter().enumerate() {
                assert_eq!(ix.byte(c), b, "char {c}");
            }
            for b in 0..=text.len() + 2 {
                let want = match table.binary_search(&b) {
                    Ok(i) => i,
                    Err(i) => (i - 1).min(table.len() - 1),
                };
                assert_eq!(ix.char_of_byte(b), want, "byte {b}");
            }
        }
    }

    #[test]
    fn sentence_and_paragraph_units() {
        let t = "R: First one. Second “quoted.” Third!\nNext line\n\nNew para here.";
        let at = t.find("Second").unwrap();
        let (s, e) = sentence_bytes(t, at);
        assert_eq!(&t[s..e], "Second “quoted.”");
        let (s, e) = sentence_bytes(t, t.find("line").unwrap());
        assert_eq!(&t[s..e], "Next line");
        let (s, e) = paragraph_bytes(t, at);
        assert_eq!(&t[s..e], "R: First one. Second “quoted.” Third!\nNext line");
        let (s, e) = paragraph_bytes(t, t.find("para").unwrap());
        assert_eq!(&t[s..e], "New para here.");
    }

    /// The scan per lookup this module used before [`TextUnits`] (quadratic
    /// over many hits), kept as the reference the one-pass spans must agree
    /// with.
    fn sentence_reference(text: &str, at: usize) -> (usize, usize) {
        let mut start = 0;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (b, c) = chars[i];
            let mut end_here = None;
            if c == '\n' {
                end_here = Some((b, b + 1));
            } else if matches!(c, '.' | '!' | '?' | '…') {
                let mut j = i + 1;
                while j < chars.len() && matches!(chars[j].1, '"' | '\'' | '”' | '’' | ')' | ']')
                {
                    j += 1;
                }
                if j >= chars.len() || chars[j].1.is_whitespace() {
                    let e = chars.get(j).map_or(text.len(), |&(b2, _)| b2);
                    end_here = Some((e, e));
                    i = j.saturating_sub(1);
                }
            }
            if let Some((sentence_end, next_start)) = end_here {
                if at < sentence_end.max(next_start) && at >= start {
                    return trim_bytes(text, start, sentence_end);
                }
                start = next_start;
            }
            i += 1;
        }
        trim_bytes(text, start.min(at), text.len())
    }

    fn paragraph_reference(text: &str, at: usize) -> (usize, usize) {
        let (s, e) = paragraph_spans(text)
            .into_iter()
            .find(|&(s, e)| s <= at && at < e)
            .unwrap_or((at, at));
        trim_bytes(text, s, e)
    }

    proptest::proptest! {
        #[test]
        fn units_agree_with_the_reference_scan(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "word ", ". ", ".", "!", "? ", "…", "\n", "\n\n", " \n", "”", "’ ",
                    ")", "\"", "é", "😀", "\t", "  ",
                ]),
                0..60,
            )
        ) {
            let text: String = pieces.concat();
            let mut units = TextUnits::new(&text);
            // Every char a match can start at (a match never starts at the end).
            for (at, _) in text.char_indices() {
                proptest::prop_assert_eq!(units.sentence(at), sentence_reference(&text, at), "sentence at {} of {:?}", at, text);
                proptest::prop_assert_eq!(units.paragraph(at), paragraph_reference(&text, at), "paragraph at {} of {:?}", at, text);
            }
        }
    }
}
