//! HTML pages (`.html`, `.htm`): tags stripped, entities decoded, block
//! structure kept (paragraphs, headings and list items on their own lines,
//! table rows as lines with tab-separated cells). Scripts, styles and
//! comments are dropped. A small, careful tokenizer: no markup is executed
//! and nothing outside the file is fetched.

use super::{ImportProblem, Importer, Parsed, decode, parsed_from_text};

/// Reads `.html` and `.htm` files.
pub struct HtmlImporter;

impl Importer for HtmlImporter {
    fn extensions(&self) -> &'static [&'static str] {
        &["html", "htm", "xhtml"]
    }

    fn parse(&self, file_name: &str, bytes: &[u8]) -> Result<Parsed, ImportProblem> {
        let decoded = decode::decode(bytes)?;
        let text = html_to_text(&decoded.text);
        if text.trim().is_empty() {
            return Err(ImportProblem::NoText(
                "the page has no text outside its markup".into(),
            ));
        }
        parsed_from_text(file_name, text, Vec::new())
    }
}

const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "hr",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "form",
    "address",
    "title",
    "body",
    "html",
];
const SKIP: &[&str] = &[
    "script", "style", "head", "noscript", "template", "svg", "iframe", "object",
];

/// HTML to plain text with its block structure.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::new();
    let mut i = 0;
    let b = html.as_bytes();
    let mut pre = 0usize;
    let mut pending_space = false;
    while i < b.len() {
        if b[i] == b'<' {
            if html[i..].starts_with("<!--") {
                i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
                continue;
            }
            let Some(end) = tag_end(html, i) else {
                // A lone '<' is text.
                push_text(&mut out, "<", pre > 0, &mut pending_space);
                i += 1;
                continue;
            };
            let tag = &html[i + 1..end];
            i = end + 1;
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if name.is_empty() {
                continue; // <!DOCTYPE>, <?xml?>
            }
            if !closing && SKIP.contains(&name.as_str()) && !tag.ends_with('/') {
                let close = format!("</{name}");
                let rest = html[i..].to_ascii_lowercase();
                i = rest.find(&close).map_or(b.len(), |e| {
                    let after = i + e;
                    html[after..].find('>').map_or(b.len(), |g| after + g + 1)
                });
                continue;
            }
            match name.as_str() {
                "br" => {
                    out.push('\n');
                    pending_space = false;
                }
                "td" | "th" if !closing => {
                    if !out.ends_with('\n') && !out.is_empty() && !out.ends_with('\t') {
                        out.push('\t');
                    }
                    pending_space = false;
                }
                "pre" => {
                    pre = if closing {
                        pre.saturating_sub(1)
                    } else {
                        pre + 1
                    };
                    line_break(&mut out);
                }
                "li" if !closing => {
                    line_break(&mut out);
                    out.push_str("- ");
                    pending_space = false;
                }
                "li" => line_break(&mut out),
                "tr" => {
                    line_break(&mut out);
                    pending_space = false;
                }
                n if BLOCK.contains(&n) => {
                    paragraph_break(&mut out);
                    pending_space = false;
                }
                _ => {}
            }
        } else {
            let next = html[i..].find('<').map_or(b.len(), |e| i + e);
            let text = decode_entities(&html[i..next]);
            push_text(&mut out, &text, pre > 0, &mut pending_space);
            i = next;
        }
    }
    tidy_lines(&out)
}

/// Lines without trailing white space or leading spaces, runs of blank
/// lines made one, a final line break.
pub(crate) fn tidy_lines(raw: &str) -> String {
    let mut text = String::new();
    let mut blank = 0;
    for l in raw.lines().map(|l| l.trim_end_matches([' ', '\t'])) {
        if l.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !text.is_empty() {
            text.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        text.push_str(l.trim_start_matches(' '));
    }
    text.push('\n');
    text
}

/// Where a tag that starts at `at` ends (its `>`), minding quoted values.
fn tag_end(html: &str, at: usize) -> Option<usize> {
    let b = html.as_bytes();
    if !b
        .get(at + 1)
        .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?'))
    {
        return None;
    }
    let mut quote = None;
    for (j, &c) in b.iter().enumerate().skip(at + 1) {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => return Some(j),
            _ => {}
        }
    }
    None
}

fn push_text(out: &mut String, text: &str, pre: bool, pending_space: &mut bool) {
    if pre {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            *pending_space = true;
            continue;
        }
        if *pending_space && !out.is_empty() && !out.ends_with(['\n', '\t', ' ']) {
            out.push(' ');
        }
        *pending_space = false;
        out.push(c);
    }
}

fn line_break(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn paragraph_break(out: &mut String) {
    line_break(out);
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
}

/// Decodes `&amp;`, `&#233;`, `&#x1F600;` and the common named entities;
/// anything else is left as written. As in browsers, `&#128;`–`&#159;` are
/// the Windows-1252 characters of those bytes (`&#133;` is "…").
pub fn decode_entities(s: &str) -> String {
    decode(s, false).0
}

/// Decodes only well-formed entities (ending in `;`, a known name or a
/// number), as in text that is not HTML but was written by a tool that
/// escapes; returns the text and how many were decoded.
pub fn decode_entities_strict(s: &str) -> (String, usize) {
    decode(s, true)
}

/// The first well-formed entity in `s` (`&#8212;`), if any.
pub fn first_entity(s: &str) -> Option<&str> {
    s.match_indices('&').find_map(|(at, _)| {
        let rest = &s[at + 1..];
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))?;
        (end > 0 && rest[end..].starts_with(';') && entity(&rest[..end]).is_some())
            .then(|| &s[at..at + end + 2])
    })
}

fn decode(s: &str, strict: bool) -> (String, usize) {
    if !s.contains('&') {
        return (s.to_string(), 0);
    }
    let mut out = String::with_capacity(s.len());
    let mut count = 0;
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|e| e + 1);
        let (name, len) = match end {
            Some(e) if rest[e..].starts_with(';') => (&rest[1..e], e + 1),
            Some(e) if !strict => (&rest[1..e], e),
            None if !strict => (&rest[1..], rest.len()),
            _ => ("", 0),
        };
        match entity(name) {
            Some(c) if len > 1 => {
                out.push(c);
                count += 1;
                rest = &rest[len..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    (out, count)
}

/// What browsers make of `&#128;`–`&#159;`: the Windows-1252 character of
/// that byte. The five bytes Windows-1252 leaves undefined have none.
const WINDOWS_1252: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        if (0x80..0xa0).contains(&n) {
            // Left as written when Windows-1252 has no character there.
            return WINDOWS_1252[(n - 0x80) as usize];
        }
        return char::from_u32(n).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "sect" => '§',
        "para" => '¶',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "shy" => '\u{ad}',
        "lrm" => '\u{200e}',
        "rlm" => '\u{200f}',
        "zwj" => '\u{200d}',
        "zwnj" => '\u{200c}',
        "iexcl" => '¡',
        "iquest" => '¿',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "atilde" => 'ã',
        "auml" => 'ä',
        "aring" => 'å',
        "aelig" => 'æ',
        "ccedil" => 'ç',
        "egrave" => 'è',
        "eacute" => 'é',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "igrave" => 'ì',
        "iacute" => 'í',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ntilde" => 'ñ',
        "ograve" => 'ò',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "otilde" => 'õ',
        "ouml" => 'ö',
        "oslash" => 'ø',
        "ugrave" => 'ù',
        "uacute" => 'ú',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "yacute" => 'ý',
        "yuml" => 'ÿ',
        "szlig" => 'ß',
        "Agrave" => 'À',
        "Aacute" => 'Á',
        "Acirc" => 'Â',
        "Auml" => 'Ä',
        "Ccedil" => 'Ç',
        "Egrave" => 'È',
        "Eacute" => 'É',
        "Ecirc" => 'Ê',
        "Iacute" => 'Í',
        "Ntilde" => 'Ñ',
        "Oacute" => 'Ó',
        "Ouml" => 'Ö',
        "Uacute" => 'Ú',
        "Uuml" => 'Ü',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_decode_and_unknown_stay() {
        assert_eq!(
            decode_entities("a &amp; b &lt;3 &#233;&#x1F600; &bogus; &"),
            "a & b <3 é😀 &bogus; &"
        );
    }

    #[test]
    fn windows_1252_numbers_and_strict_decoding() {
        assert_eq!(
            decode_entities("Well&#133; it was &#147;fine&#148; &#150; &#128;5 &#129;"),
            "Well… it was “fine” – €5 &#129;"
        );
        assert_eq!(
            decode_entities_strict("A &amp B &amp; C &#8212; D &#233 &nope; &x"),
            ("A &amp B & C — D &#233 &nope; &x".to_string(), 2)
        );
        assert_eq!(first_entity("a & b &nope; c &#8212; d"), Some("&#8212;"));
        assert_eq!(first_entity("a & b"), None);
    }

    #[test]
    fn blocks_lists_tables_and_scripts() {
        let html = "<html><head><title>x</title><style>p{}</style></head><body>\
            <h1>Title</h1><p>One <b>bold</b>\n word.</p><script>alert('<p>')</script>\
            <ul><li>first</li><li>second</li></ul>\
            <table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>\
            <p>Interviewer: hi<br>R1: hello &amp; bye</p><!-- <p>hidden</p> --></body></html>";
        assert_eq!(
            html_to_text(html),
            "Title\n\nOne bold word.\n\n- first\n- second\n\na\tb\nc\td\n\nInterviewer: hi\nR1: hello & bye\n"
        );
    }
}
