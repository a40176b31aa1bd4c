//! Identifiers. Row ids are local to one project file; GUIDs are global and
//! never change once made, so exports of one project can be matched.

use std::fmt;

macro_rules! row_id {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

row_id!(
    /// Row id of a source in one project file.
    SourceId,
    /// Row id of a code in one project file.
    CodeId,
    /// Row id of a coding in one project file.
    CodingId,
    /// Row id of a coder in one project file.
    CoderId,
    /// Row id of a memo in one project file.
    MemoId,
);

/// A globally unique id in the lowercase hyphenated form
/// (`3f2c…-…`). REFI-QDA exports use these as element identities.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Guid(String);

impl Guid {
    /// A fresh random (version 4) GUID.
    pub fn new() -> Self {
        Guid(uuid::Uuid::new_v4().hyphenated().to_string())
    }

    /// A GUID as Jalin stores it: taken as it is when already in the
    /// canonical lowercase hyphenated form (no parsing, no copy, which
    /// matters when a million codings are read), otherwise parsed.
    pub fn from_stored(s: String) -> Option<Self> {
        let canonical = s.len() == 36
            && s.bytes().enumerate().all(|(i, b)| match i {
                8 | 13 | 18 | 23 => b == b'-',
                _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
            });
        if canonical {
            Some(Guid(s))
        } else {
            Guid::parse(&s)
        }
    }

    /// Parses a GUID written in any case, with or without braces.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().trim_start_matches('{').trim_end_matches('}');
        uuid::Uuid::parse_str(s)
            .ok()
            .map(|u| Guid(u.hyphenated().to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Guid {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_parse_normalises_case_and_braces() {
        let g = Guid::parse("{3F2504E0-4F89-11D3-9A0C-0305E82C3301}").unwrap();
        assert_eq!(g.as_str(), "3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        assert!(Guid::parse("not-a-guid").is_none());
        assert_ne!(Guid::new(), Guid::new());
        let g = Guid::new();
        assert_eq!(Guid::from_stored(g.to_string()), Some(g));
        assert_eq!(
            Guid::from_stored("{3F2C0000-0000-4000-8000-000000000000}".into()),
            Guid::parse("3f2c0000-0000-4000-8000-000000000000")
        );
        assert_eq!(Guid::from_stored("nonsense".into()), None);
    }
}
