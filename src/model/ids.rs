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
    /// A fresh GUID: version 7, the time in milliseconds followed by random
    /// bits (RFC 9562), so GUIDs made one after another sort one after
    /// another. Each new row's GUID then goes to the end of its table's
    /// GUID index (the page the last one went to) instead of a random page
    /// of it: the index stays packed and its hot page cached, where random
    /// GUIDs split half-full pages all over it. Still a GUID as REFI-QDA
    /// defines it (hexadecimal 8-4-4-4-12).
    pub fn new() -> Self {
        Guid(uuid_v7().hyphenated().to_string())
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

/// A version 7 UUID (RFC 9562): 48 bits of Unix time in milliseconds, a
/// 12-bit counter (RFC 9562's "method 1": random at each new millisecond,
/// counted up within one, so that every UUID this process makes sorts after
/// the one before, even when the clock steps back), and 62 random bits.
fn uuid_v7() -> uuid::Uuid {
    static LAST: std::sync::Mutex<(u64, u16)> = std::sync::Mutex::new((0, 0));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    let random = *uuid::Uuid::new_v4().as_bytes();
    let (millis, counter) = {
        let mut last = LAST
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *last = if now > last.0 {
            // Half the counter's range left to count up in.
            (now, u16::from_be_bytes([random[0], random[1]]) & 0x07ff)
        } else if last.1 < 0x0fff {
            (last.0, last.1 + 1)
        } else {
            (last.0 + 1, 0)
        };
        *last
    };
    let mut b = [0u8; 16];
    b[..6].copy_from_slice(&millis.to_be_bytes()[2..]);
    b[6] = 0x70 | (counter >> 8) as u8;
    b[7] = counter as u8;
    b[8..].copy_from_slice(&random[8..]);
    b[8] = (b[8] & 0x3f) | 0x80;
    uuid::Uuid::from_bytes(b)
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

    /// New GUIDs are version 7 (time first, RFC 9562 variant) and sort in
    /// the order they were made, so a table's GUID index grows at its end.
    #[test]
    fn new_guids_are_time_ordered_version_7() {
        let made: Vec<Guid> = (0..2000).map(|_| Guid::new()).collect();
        for g in &made {
            let u = uuid::Uuid::parse_str(g.as_str()).unwrap();
            assert_eq!(u.get_version_num(), 7, "{g}");
            assert_eq!(u.get_variant(), uuid::Variant::RFC4122, "{g}");
            // The form REFI-QDA's GUID pattern takes, as Jalin stores it.
            assert_eq!(Guid::from_stored(g.to_string()).as_ref(), Some(g));
        }
        assert!(made.windows(2).all(|w| w[0] < w[1]), "not in order");
        // The first 48 bits are now, in milliseconds.
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64;
        let hex: String = made[0]
            .as_str()
            .chars()
            .filter(|c| *c != '-')
            .take(12)
            .collect();
        let millis = u64::from_str_radix(&hex, 16).unwrap();
        assert!(now.abs_diff(millis) < 60_000, "{millis} vs {now}");
    }

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
