//! Plain-text and Markdown transcripts.
//!
//! The stored text is the file's text verbatim — speaker labels and Markdown
//! marks stay — except that a byte-order mark is dropped, line ends become
//! `\n`, and a front-matter block at the top is taken off (it becomes the
//! source's kind, name and attributes).

use super::{ImportProblem, Importer, Parsed, decode, frontmatter, speakers};
use crate::model::SourceKind;
use crate::store::NewSource;

/// Reads `.txt` and `.md` files.
pub struct TextImporter;

impl Importer for TextImporter {
    fn extensions(&self) -> &'static [&'static str] {
        &["txt", "md", "markdown", "text"]
    }

    fn parse(&self, file_name: &str, bytes: &[u8]) -> Result<Parsed, ImportProblem> {
        let decoded = decode::decode(bytes)?;
        let mut warnings = Vec::new();
        if decoded.encoding != "UTF-8" && !decoded.encoding.starts_with("UTF-16") {
            warnings.push(format!(
                "read as {} (not UTF-8); check accented letters",
                decoded.encoding
            ));
        }
        let (front, body_start) = frontmatter::split(&decoded.text)?;
        let text = decoded.text[body_start..].to_string();
        if text.trim().is_empty() {
            return Err(decode::DecodeProblem::Blank.into());
        }
        let kind_given = front.kind.is_some();
        let kind = match &front.kind {
            Some(k) => k.parse::<SourceKind>()?,
            None => SourceKind::Interview,
        };
        let turns = speakers::detect(&text);
        if turns.is_empty() && kind.has_participants() && kind_given {
            warnings.push("no speaker labels found; the text has no speaker turns".into());
        }
        let stem = std::path::Path::new(file_name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| file_name.to_string());
        Ok(Parsed {
            source: NewSource {
                name: front.name.unwrap_or(stem),
                kind,
                text,
                original_name: Some(file_name.to_string()),
                attributes: front.attributes,
                turns,
                guid: None,
            },
            kind_given,
            warnings,
            notes: Vec::new(),
            codings: Vec::new(),
        })
    }
}
