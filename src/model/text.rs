//! Code-point offsets and the text units (sentence, paragraph) that coding
//! by search expands a match to.

/// Maps code-point offsets of one text to byte offsets, in O(1) after an
/// O(n) build. Build it once per text, not per lookup.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of every char, plus the text length at the end.
    bytes: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharIndex { bytes }
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.bytes.len() - 1
    }

    /// Byte offset of code point `char_pos` (the text length at the end).
    /// Panics past the end; callers validate ranges first.
    pub fn byte(&self, char_pos: usize) -> usize {
        self.bytes[char_pos]
    }

    /// Code-point offset of a byte offset that lies on a char boundary.
    pub fn char_of_byte(&self, byte: usize) -> usize {
        match self.bytes.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
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

/// Byte range of the paragraph around byte `at`: paragraphs are separated by
/// blank lines (a line with only white space). White space at either end is
/// left out.
pub fn paragraph_bytes(text: &str, at: usize) -> (usize, usize) {
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
    let (s, e) = ranges
        .into_iter()
        .find(|&(s, e)| s <= at && at < e)
        .unwrap_or((at, at));
    trim_bytes(text, s, e)
}

/// Byte range of the sentence around byte `at`. A sentence ends after `.`,
/// `!`, `?` or `…` (with any closing quotes or brackets) followed by white
/// space, or at a line break. Good enough for expanding a search hit; not a
/// linguistic segmenter.
pub fn sentence_bytes(text: &str, at: usize) -> (usize, usize) {
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
            while j < chars.len() && matches!(chars[j].1, '"' | '\'' | '”' | '’' | ')' | ']') {
                j += 1;
            }
            let next_is_space = j >= chars.len() || chars[j].1.is_whitespace();
            if next_is_space {
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
}
