//! Comparing and checking names typed by people: code names, attribute keys.
//!
//! Two names are the same name when they differ only by case or by Unicode
//! normalisation (`é` typed as one code point, NFC, or as `e` plus a
//! combining accent, NFD, as macOS file names and some editors give it).
//! Jalin refuses a second code of the same name at one level of the
//! codebook, and finds codes and attribute keys by such names.

use unicode_normalization::UnicodeNormalization;

use super::PATH_SEPARATOR;

/// The form two names are compared in: trimmed, NFC, lower case.
pub fn name_key(name: &str) -> String {
    name.trim().nfc().flat_map(char::to_lowercase).collect()
}

/// Whether two names are the same name (see the module docs).
pub fn same_name(a: &str, b: &str) -> bool {
    // Cheap first: most comparisons are of plain, differing ASCII names.
    if a.is_ascii() && b.is_ascii() {
        return a.trim().eq_ignore_ascii_case(b.trim());
    }
    name_key(a) == name_key(b)
}

/// Why a code name is refused (beyond being empty).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadCodeName {
    /// ` > ` separates the levels of a code path, so a name holding it would
    /// print as a path (`a > b` could be code `b` under `a`).
    #[error(
        "a code name cannot contain ' > ' (it separates the levels of a code path, as in 'parent > child'); use another character, e.g. '›' or '→'"
    )]
    PathSeparator,
    /// A line break, tab, escape or other control character: a name is
    /// shown on one line, and an escape sequence would act on a terminal.
    #[error("a code name is written on one line, without tabs or other control characters")]
    ControlCharacter,
}

/// Checks a name a person types for a new or renamed code: [`check_code_name`],
/// and no control characters. (Names read from another tool's file keep
/// theirs; every output writes them safely.)
pub fn check_typed_code_name(name: &str) -> Result<(), BadCodeName> {
    check_code_name(name)?;
    if name.chars().any(char::is_control) {
        return Err(BadCodeName::ControlCharacter);
    }
    Ok(())
}

/// Checks a code name a person gave: refuses ` > ` (see [`BadCodeName`]).
pub fn check_code_name(name: &str) -> Result<(), BadCodeName> {
    if name.contains(PATH_SEPARATOR) {
        return Err(BadCodeName::PathSeparator);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_equal_across_case_and_normalisation() {
        let nfc = "Kepercayaan é";
        let nfd = "kepercayaan e\u{301}";
        assert_ne!(nfc, nfd);
        assert!(same_name(nfc, nfd));
        assert!(same_name("ÉMIGRÉ", "émigré"));
        assert!(same_name(" Trust ", "trust"));
        assert!(!same_name("trust", "trusts"));
        assert_eq!(name_key("Ä"), name_key("a\u{308}"));
        assert!(check_code_name("a > b").is_err());
        assert!(check_code_name("a>b").is_ok());
        assert!(check_code_name("-=+@ odd but fine").is_ok());
    }
}
