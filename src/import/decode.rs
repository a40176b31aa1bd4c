//! Bytes to text. Transcripts arrive as UTF-8 (with or without a BOM),
//! UTF-16 with a BOM (Windows "Unicode" text), or a legacy 8-bit code page
//! (often Windows-1252). The text keeps every character; only a BOM is
//! dropped and line ends become `\n`.

use encoding_rs::{Encoding, UTF_8};

/// Text decoded from a file, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding's WHATWG name, e.g. `UTF-8`, `UTF-16LE`, `windows-1252`.
    pub encoding: &'static str,
    pub had_bom: bool,
    /// Whether `\r\n` or `\r` line ends were turned into `\n`.
    pub normalised_line_ends: bool,
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeProblem {
    #[error("the file is empty")]
    Empty,
    #[error("the file holds no text, only white space")]
    Blank,
    #[error("the file is binary data, not text")]
    Binary,
    #[error("the file looks like UTF-16 text without a byte-order mark; save it again as UTF-8")]
    Utf16WithoutBom,
    #[error(
        "the file is not valid {0} text (it has bytes that do not decode); save it again as UTF-8"
    )]
    Undecodable(&'static str),
}

/// Decodes a whole file. Never replaces bad bytes with U+FFFD silently: a
/// transcript with holes is refused instead.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeProblem> {
    if bytes.is_empty() {
        return Err(DecodeProblem::Empty);
    }
    let (encoding, had_bom, body) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (enc, true, &bytes[bom_len..]),
        None => {
            if bytes.contains(&0) {
                return Err(if looks_like_utf16(bytes) {
                    DecodeProblem::Utf16WithoutBom
                } else {
                    DecodeProblem::Binary
                });
            }
            let enc = if std::str::from_utf8(bytes).is_ok() {
                UTF_8
            } else {
                let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                det.feed(bytes, true);
                det.guess(None, chardetng::Utf8Detection::Allow)
            };
            (enc, false, bytes)
        }
    };
    let raw = encoding
        .decode_without_bom_handling_and_without_replacement(body)
        .ok_or(DecodeProblem::Undecodable(encoding.name()))?;
    if looks_binary(&raw) {
        return Err(DecodeProblem::Binary);
    }
    let normalised_line_ends = raw.contains('\r');
    let text = if normalised_line_ends {
        raw.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        raw.into_owned()
    };
    if text.trim().is_empty() {
        return Err(DecodeProblem::Blank);
    }
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        had_bom,
        normalised_line_ends,
    })
}

/// UTF-16 text without a BOM has a zero byte in every other position for
/// Latin script.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    if pairs < 8 {
        return false;
    }
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    even.max(odd) * 10 >= pairs * 4 && even.min(odd) * 10 <= pairs
}

/// Text with more than a trace of control characters (other than tab, line
/// ends, form feed, vertical tab) is some binary format that happened to
/// decode.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(65536) {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\u{85}') {
            control += 1;
        }
    }
    control > 0 && control * 200 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("Koordinasi “lemah” 😀".as_bytes()).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.had_bom),
            ("Koordinasi “lemah” 😀", "UTF-8", false)
        );
        let d = decode(b"\xEF\xBB\xBFhello").unwrap();
        assert_eq!((d.text.as_str(), d.had_bom), ("hello", true));
    }

    #[test]
    fn utf16_both_orders_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "Hakim: “ya” é".encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, "Hakim: “ya” é");
        assert_eq!(decode(&le).unwrap().encoding, "UTF-16LE");
        assert_eq!(decode(&be).unwrap().text, "Hakim: “ya” é");
    }

    #[test]
    fn windows_1252_is_detected() {
        // "Café “Jalin” – José" in Windows-1252.
        let bytes = b"Caf\xe9 \x93Jalin\x94 \x96 Jos\xe9 said the meeting was on Monday.\r\n";
        let d = decode(bytes).unwrap();
        assert_eq!(
            d.text,
            "Café “Jalin” – José said the meeting was on Monday.\n"
        );
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.normalised_line_ends);
    }

    #[test]
    fn line_ends_become_lf() {
        assert_eq!(decode(b"a\r\nb\rc\n").unwrap().text, "a\nb\nc\n");
    }

    #[test]
    fn bad_inputs_are_named() {
        assert_eq!(decode(b""), Err(DecodeProblem::Empty));
        assert_eq!(decode(b" \n\t\r\n"), Err(DecodeProblem::Blank));
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(DecodeProblem::Binary)
        );
        let no_bom: Vec<u8> = "Interviewer: hello"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode(&no_bom), Err(DecodeProblem::Utf16WithoutBom));
        // A lone surrogate after a UTF-16LE BOM cannot be decoded.
        assert_eq!(
            decode(&[0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8, 0x41, 0x00]),
            Err(DecodeProblem::Undecodable("UTF-16LE"))
        );
        // A UTF-8 BOM followed by invalid UTF-8.
        assert_eq!(
            decode(b"\xEF\xBB\xBFok \xC3\x28 no"),
            Err(DecodeProblem::Undecodable("UTF-8"))
        );
    }
}
