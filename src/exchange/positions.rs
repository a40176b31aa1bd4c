//! Positions as other tools count them, mapped onto Jalin's text.
//!
//! Jalin stores a source's text without a byte-order mark and with `\n` line
//! ends, and counts Unicode code points. An exchange file's positions refer
//! to the text file as the exporting tool saw it: the REFI-QDA standard says
//! code points, NVivo counts UTF-16 code units (an emoji is two) with CR LF
//! as two and the BOM not counted. [`SourceText`] keeps a map from each way
//! of counting to Jalin's positions.

/// How an exporting tool counted positions in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Counting {
    /// Unicode code points of the file's text, CR LF as two (the standard).
    CodePoints,
    /// UTF-16 code units of the file's text, CR LF as two (NVivo).
    Utf16,
    /// Code points of the text with line ends made `\n` (CR LF as one).
    Normalised,
}

impl Counting {
    /// Every way of counting, the standard's first.
    pub const ALL: [Counting; 3] = [Counting::CodePoints, Counting::Utf16, Counting::Normalised];

    /// Words for the loss report.
    pub fn describe(self) -> &'static str {
        match self {
            Counting::CodePoints => {
                "Unicode code points, CR LF counted as two (the REFI-QDA standard)"
            }
            Counting::Utf16 => {
                "UTF-16 code units, CR LF counted as two, emoji as two (as NVivo counts)"
            }
            Counting::Normalised => "Unicode code points with CR LF counted as one",
        }
    }

    /// How a tool is known to count, from a project's `origin` attribute.
    pub fn for_origin(origin: &str) -> Counting {
        if origin.to_lowercase().contains("nvivo") {
            Counting::Utf16
        } else {
            Counting::CodePoints
        }
    }
}

/// A source text file as Jalin stores it, with maps from other counts.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The text without BOM, line ends made `\n`.
    pub text: String,
    pub had_bom: bool,
    pub had_cr: bool,
    /// Whether the text has characters outside the Basic Multilingual Plane
    /// (where UTF-16 and code points differ).
    pub has_astral: bool,
    from_code_points: Vec<u32>,
    from_utf16: Vec<u32>,
    chars: Vec<char>,
}

impl SourceText {
    /// Decodes a text file (UTF-8 with or without BOM, or UTF-16 with BOM).
    /// `None` when the bytes are not such text.
    pub fn from_bytes(bytes: &[u8]) -> Option<SourceText> {
        let (enc, body, had_bom) = match encoding_rs::Encoding::for_bom(bytes) {
            Some((enc, n)) => (enc, &bytes[n..], true),
            None => (encoding_rs::UTF_8, bytes, false),
        };
        let raw = enc.decode_without_bom_handling_and_without_replacement(body)?;
        Some(Self::from_raw(&raw, had_bom))
    }

    /// Builds the maps for a text as the tool had it (BOM already removed).
    pub fn from_raw(raw: &str, had_bom: bool) -> SourceText {
        let mut text = String::with_capacity(raw.len());
        let mut from_code_points = Vec::with_capacity(raw.len() + 1);
        let mut from_utf16 = Vec::with_capacity(raw.len() + 1);
        let mut pos: u32 = 0;
        let (mut had_cr, mut has_astral) = (false, false);
        let mut after_cr = false;
        for c in raw.chars() {
            from_code_points.push(pos);
            for _ in 0..c.len_utf16() {
                from_utf16.push(pos);
            }
            has_astral |= c.len_utf16() == 2;
            match c {
                '\r' => {
                    had_cr = true;
                    text.push('\n');
                    pos += 1;
                    after_cr = true;
                    continue;
                }
                '\n' if after_cr => {}
                _ => {
                    text.push(c);
                    pos += 1;
                }
            }
            after_cr = false;
        }
        from_code_points.push(pos);
        from_utf16.push(pos);
        let chars = text.chars().collect();
        SourceText {
            text,
            had_bom,
            had_cr,
            has_astral,
            from_code_points,
            from_utf16,
            chars,
        }
    }

    /// Length of [`SourceText::text`] in code points.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Whether the ways of counting can disagree on this text.
    pub fn counting_matters(&self) -> bool {
        self.had_cr || self.has_astral
    }

    /// Maps a position counted as `counting` to Jalin's; `None` past the end.
    pub fn map(&self, counting: Counting, pos: usize) -> Option<usize> {
        match counting {
            Counting::CodePoints => self.from_code_points.get(pos).map(|&p| p as usize),
            Counting::Utf16 => self.from_utf16.get(pos).map(|&p| p as usize),
            Counting::Normalised => (pos <= self.chars.len()).then_some(pos),
        }
    }

    /// How many of these ranges start and end on word boundaries when read
    /// as `counting`: a selection made by a person rarely splits a word, so
    /// the right way of counting scores highest.
    pub fn boundary_score(&self, counting: Counting, ranges: &[(usize, usize)]) -> usize {
        let alnum = |i: usize| self.chars.get(i).is_some_and(|c| c.is_alphanumeric());
        let on_boundary = |p: usize| p == 0 || p >= self.chars.len() || !(alnum(p - 1) && alnum(p));
        ranges
            .iter()
            .filter_map(|&(s, e)| Some((self.map(counting, s)?, self.map(counting, e)?)))
            .map(|(s, e)| usize::from(on_boundary(s)) + usize::from(on_boundary(e)))
            .sum()
    }

    /// The way of counting to use: the one the origin implies, unless
    /// another fits the selections clearly better. Returns it and whether
    /// the origin's was overruled.
    pub fn choose_counting(&self, origin: Counting, ranges: &[(usize, usize)]) -> (Counting, bool) {
        if !self.counting_matters() || ranges.len() < 3 {
            return (origin, false);
        }
        let base = self.boundary_score(origin, ranges);
        let best = Counting::ALL
            .into_iter()
            .map(|c| (self.boundary_score(c, ranges), c))
            .max_by_key(|&(score, c)| (score, c == origin))
            .unwrap_or((base, origin));
        let margin = (ranges.len() / 10).max(2);
        if best.1 != origin && best.0 >= base + margin {
            (best.1, true)
        } else {
            (origin, false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_crlf_map_onto_normalised_text() {
        let t = SourceText::from_bytes("\u{feff}a😀b\r\ncd".as_bytes()).unwrap();
        assert_eq!(t.text, "a😀b\ncd");
        assert!(t.had_bom && t.had_cr && t.has_astral);
        // "cd" is UTF-16 units 6..8, code points 5..7, Jalin 4..6.
        assert_eq!(t.map(Counting::Utf16, 6), Some(4));
        assert_eq!(t.map(Counting::Utf16, 8), Some(6));
        assert_eq!(t.map(Counting::CodePoints, 5), Some(4));
        assert_eq!(t.map(Counting::Normalised, 4), Some(4));
        assert_eq!(t.map(Counting::Utf16, 9), None);
    }

    #[test]
    fn word_boundaries_pick_the_counting() {
        let raw = "😀 one two three four five six seven eight nine ten";
        let t = SourceText::from_raw(raw, false);
        // Selections of each word, counted in UTF-16 units.
        let mut ranges = Vec::new();
        let mut u = 0;
        for w in raw.split(' ') {
            let len = w.encode_utf16().count();
            ranges.push((u, u + len));
            u += len + 1;
        }
        assert_eq!(
            t.choose_counting(Counting::CodePoints, &ranges),
            (Counting::Utf16, true)
        );
        assert_eq!(
            t.choose_counting(Counting::Utf16, &ranges),
            (Counting::Utf16, false)
        );
    }
}
