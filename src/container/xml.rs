//! XML in and out. Reading never fetches anything outside the document and
//! refuses entity declarations (the "billion laughs" and external-entity
//! attacks); writing escapes text and drops characters XML 1.0 forbids.

/// Why an XML document was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum XmlProblem {
    #[error(
        "it declares XML entities in a DOCTYPE, which Jalin refuses (entity expansion and external entities are unsafe)"
    )]
    EntityDeclarations,
    #[error("it is not UTF-8 or UTF-16 text")]
    Encoding,
    #[error("it is not well-formed XML ({0})")]
    Malformed(String),
    #[error(
        "it nests elements more than {0} deep, which no real document does (reading it could overflow the stack)"
    )]
    TooDeep(usize),
}

/// The deepest element nesting [`parse`] accepts. Real documents nest a few
/// dozen levels (tables in tables in a Word file stay under 50); the readers
/// walk elements recursively, so a file nested tens of thousands deep would
/// overflow the stack and abort the program.
pub const MAX_DEPTH: usize = 256;

/// Bytes of an XML document to text: UTF-8 (BOM optional) or UTF-16 with a
/// BOM.
pub fn decode(bytes: &[u8]) -> Result<String, XmlProblem> {
    let (enc, body) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((enc, n)) => (enc, &bytes[n..]),
        None => (encoding_rs::UTF_8, bytes),
    };
    enc.decode_without_bom_handling_and_without_replacement(body)
        .map(|t| t.into_owned())
        .ok_or(XmlProblem::Encoding)
}

/// Parses a document, refusing entity declarations. Element and attribute
/// names are read with their namespaces; use [`local`] to compare them.
pub fn parse(text: &str) -> Result<roxmltree::Document<'_>, XmlProblem> {
    if let Some(at) = find_ascii_ci(text, "<!DOCTYPE") {
        let doctype = &text[at..];
        let end = doctype
            .find("]>")
            .or_else(|| doctype.find('>'))
            .unwrap_or(doctype.len());
        if find_ascii_ci(&doctype[..end], "<!ENTITY").is_some() {
            return Err(XmlProblem::EntityDeclarations);
        }
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: 20_000_000,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| match e {
        roxmltree::Error::EntityReferenceLoop(_) => XmlProblem::EntityDeclarations,
        other => XmlProblem::Malformed(other.to_string()),
    })?;
    // Depth of each node by its id (nodes come parents first); one pass.
    let mut depth: Vec<u16> = Vec::new();
    for n in doc.root().descendants() {
        let parent = n.parent().map_or(0, |p| depth[p.id().get() as usize]);
        let d = parent + u16::from(n.is_element());
        if usize::from(d) > MAX_DEPTH {
            return Err(XmlProblem::TooDeep(MAX_DEPTH));
        }
        let id = n.id().get() as usize;
        if depth.len() <= id {
            depth.resize(id + 1, 0);
        }
        depth[id] = d;
    }
    Ok(doc)
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Child elements of `node` with local name `name`.
pub fn children<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    name: &'static str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// The first child element called `name`.
pub fn child<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    name: &'static str,
) -> Option<roxmltree::Node<'a, 'i>> {
    children(node, name).next()
}

/// All text inside an element (its descendants' text, in order).
pub fn text_of(node: roxmltree::Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// The local name of an element.
pub fn local<'a>(node: &roxmltree::Node<'a, '_>) -> &'a str {
    node.tag_name().name()
}

/// Whether XML 1.0 allows this character.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes text for an element's content.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|&c| allowed(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for an attribute value in double quotes.
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|&c| allowed(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            _ => out.push(c),
        }
    }
    out
}

/// A small indenting XML writer into a string.
#[derive(Debug, Default)]
pub struct XmlWriter {
    out: String,
    depth: usize,
}

impl XmlWriter {
    /// Starts a document with the XML declaration.
    pub fn new() -> Self {
        XmlWriter {
            out: "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n".to_string(),
            depth: 0,
        }
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, String)], close: &str) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            self.out.push_str(&escape_attr(v));
            self.out.push('"');
        }
        self.out.push_str(close);
    }

    /// `<name attrs>` on its own line; children follow.
    pub fn open(&mut self, name: &str, attrs: &[(&str, String)]) {
        self.tag(name, attrs, ">\n");
        self.depth += 1;
    }

    /// `</name>`.
    pub fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// `<name attrs/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, String)]) {
        self.tag(name, attrs, "/>\n");
    }

    /// `<name>text</name>`.
    pub fn text(&mut self, name: &str, text: &str) {
        self.tag(name, &[], ">");
        self.out.push_str(&escape_text(text));
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_declarations_are_refused() {
        let lol = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>"#;
        assert_eq!(parse(lol).unwrap_err(), XmlProblem::EntityDeclarations);
        let xxe = r#"<!doctype x [<!entity e SYSTEM "file:///etc/passwd">]><x>&e;</x>"#;
        assert_eq!(parse(xxe).unwrap_err(), XmlProblem::EntityDeclarations);
        assert!(parse("<a>&amp;</a>").is_ok());
    }

    #[test]
    fn nesting_is_capped() {
        let nest = |n: usize| format!("{}x{}", "<a>".repeat(n), "</a>".repeat(n));
        assert!(parse(&nest(MAX_DEPTH)).is_ok());
        assert_eq!(
            parse(&nest(MAX_DEPTH + 1)).unwrap_err(),
            XmlProblem::TooDeep(MAX_DEPTH)
        );
    }

    #[test]
    fn escaping_drops_forbidden_characters() {
        assert_eq!(escape_text("a<b&c\u{1}"), "a&lt;b&amp;c");
        assert_eq!(escape_attr("\"x\"\n"), "&quot;x&quot;&#10;");
    }
}
