//! An optional block at the top of a text file that sets the source's kind,
//! name and attributes:
//!
//! ```text
//! ---
//! kind: interview
//! city: Palu
//! role: prosecutor
//! ---
//! ```
//!
//! The block (and blank lines after it) is not part of the stored text.

use crate::model::Attribute;

/// What a front-matter block said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub kind: Option<String>,
    pub name: Option<String>,
    pub attributes: Vec<Attribute>,
}

/// A front-matter block that was started and closed but has a line that is
/// not `key: value`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("front matter line {line} is not 'key: value': '{text}'")]
pub struct BadFrontMatter {
    pub line: usize,
    pub text: String,
}

/// Splits off a front-matter block. Returns the block (empty when there is
/// none) and the byte offset where the body starts. A `---` line with no
/// closing `---` is ordinary text.
pub fn split(text: &str) -> Result<(FrontMatter, usize), BadFrontMatter> {
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "---" => {}
        _ => return Ok((FrontMatter::default(), 0)),
    }
    let mut offset = 4;
    let mut body: Vec<(usize, &str)> = Vec::new();
    let mut closed = None;
    for (i, line) in lines.enumerate().take(200) {
        let end = offset + line.len();
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            closed = Some(end);
            break;
        }
        body.push((i + 2, trimmed));
        offset = end;
    }
    let Some(mut body_start) = closed else {
        return Ok((FrontMatter::default(), 0));
    };
    let mut fm = FrontMatter::default();
    for (line_no, line) in body {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(BadFrontMatter {
                line: line_no,
                text: line.to_string(),
            });
        };
        let key = key.trim().to_lowercase();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' ' | '.'))
        {
            return Err(BadFrontMatter {
                line: line_no,
                text: line.to_string(),
            });
        }
        let value = unquote(value.trim()).to_string();
        match key.as_str() {
            "kind" => fm.kind = Some(value),
            "name" => fm.name = Some(value),
            _ => fm.attributes.push(Attribute::new(key, value)),
        }
    }
    while text[body_start..].starts_with('\n') {
        body_start += 1;
    }
    Ok((fm, body_start))
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_keys_and_body_offset() {
        let t = "---\nkind: interview\nCity: Palu\nrole: \"prosecutor\"\n# comment\nname: P-02\n---\n\nInterviewer: hi\n";
        let (fm, at) = split(t).unwrap();
        assert_eq!(fm.kind.as_deref(), Some("interview"));
        assert_eq!(fm.name.as_deref(), Some("P-02"));
        assert_eq!(
            fm.attributes,
            vec![
                Attribute::new("city", "Palu"),
                Attribute::new("role", "prosecutor")
            ]
        );
        assert_eq!(&t[at..], "Interviewer: hi\n");
    }

    #[test]
    fn unclosed_or_absent_block_is_text() {
        assert_eq!(split("---\nno end here").unwrap().1, 0);
        assert_eq!(split("Interviewer: hi").unwrap().1, 0);
    }

    #[test]
    fn bad_line_is_an_error_with_its_number() {
        let e = split("---\nkind: interview\njust words\n---\nx").unwrap_err();
        assert_eq!(e.line, 3);
    }
}
