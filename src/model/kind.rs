use std::fmt;
use std::str::FromStr;

/// What kind of evidence a source is. Triangulation compares findings across
/// these kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum SourceKind {
    #[value(alias = "interviews")]
    Interview,
    #[value(
        name = "focus_group",
        aliases = ["focus-group", "focusgroup", "focus_groups", "fgd"]
    )]
    FocusGroup,
    #[value(aliases = ["documents", "doc"])]
    Document,
    #[value(aliases = ["observations", "field_note", "field-note", "field_notes", "fieldnote"])]
    Observation,
}

impl SourceKind {
    /// All kinds, in the order tables show them.
    pub const ALL: [SourceKind; 4] = [
        SourceKind::Interview,
        SourceKind::FocusGroup,
        SourceKind::Document,
        SourceKind::Observation,
    ];

    /// The stable name stored in project files and used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Interview => "interview",
            SourceKind::FocusGroup => "focus_group",
            SourceKind::Document => "document",
            SourceKind::Observation => "observation",
        }
    }

    /// Whether a source of this kind has participants who speak (interviews
    /// and focus groups), as opposed to texts.
    pub fn has_participants(self) -> bool {
        matches!(self, SourceKind::Interview | SourceKind::FocusGroup)
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for a kind name that is not one of [`SourceKind::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown source kind '{0}' (expected interview, focus_group, document or observation)")]
pub struct UnknownKind(pub String);

impl FromStr for SourceKind {
    type Err = UnknownKind;

    /// Accepts the stored names and a few spellings people type
    /// (`focus-group`, `FGD`, `doc`, `field note`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm: String = s
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c == '-' || c == ' ' { '_' } else { c })
            .collect();
        Ok(match norm.as_str() {
            "interview" | "interviews" => SourceKind::Interview,
            "focus_group" | "focus_groups" | "focusgroup" | "fgd" => SourceKind::FocusGroup,
            "document" | "documents" | "doc" => SourceKind::Document,
            "observation" | "observations" | "field_note" | "field_notes" | "fieldnote" => {
                SourceKind::Observation
            }
            _ => return Err(UnknownKind(s.to_string())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_accept_common_spellings() {
        for k in SourceKind::ALL {
            assert_eq!(k.as_str().parse::<SourceKind>().unwrap(), k);
        }
        assert_eq!(
            "Focus-Group".parse::<SourceKind>().unwrap(),
            SourceKind::FocusGroup
        );
        assert_eq!("FGD".parse::<SourceKind>().unwrap(), SourceKind::FocusGroup);
        assert!("podcast".parse::<SourceKind>().is_err());
    }
}
