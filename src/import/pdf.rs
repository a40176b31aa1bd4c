//! PDF files with a text layer. A scanned PDF (pictures of pages, no text)
//! is refused with "no text layer" rather than imported empty.

use super::{ImportProblem, Importer, Parsed, parsed_from_text};

/// Reads `.pdf` files.
pub struct PdfImporter;

impl Importer for PdfImporter {
    fn extensions(&self) -> &'static [&'static str] {
        &["pdf"]
    }

    fn parse(&self, file_name: &str, bytes: &[u8]) -> Result<Parsed, ImportProblem> {
        let text = pdf_text(bytes)?;
        parsed_from_text(file_name, text, Vec::new())
    }
}

fn pdf_text(bytes: &[u8]) -> Result<String, ImportProblem> {
    if !bytes.starts_with(b"%PDF") {
        return Err(ImportProblem::Format("it is not a PDF file".into()));
    }
    // The extractor can panic on malformed files; a bad file must be an
    // error, not a crash.
    let extracted = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes));
    let raw = match extracted {
        Ok(Ok(t)) => t,
        Ok(Err(e)) => {
            let msg = e.to_string();
            if msg.to_lowercase().contains("encrypt") {
                return Err(ImportProblem::Format(
                    "the PDF is encrypted; save an unprotected copy first".into(),
                ));
            }
            return Err(ImportProblem::Format(format!(
                "the PDF cannot be read ({msg})"
            )));
        }
        Err(_) => {
            return Err(ImportProblem::Format(
                "the PDF cannot be read (its structure is damaged)".into(),
            ));
        }
    };
    let text = tidy(&raw);
    if text.trim().is_empty() {
        return Err(ImportProblem::NoText(
            "the PDF has no text layer (a scan?); run OCR on it first and import the result".into(),
        ));
    }
    Ok(text)
}

/// Pages become paragraphs; runs of blank lines become one, trailing spaces
/// go.
fn tidy(raw: &str) -> String {
    super::html::tidy_lines(&raw.replace('\u{c}', "\n\n"))
}
