//! Who asks and who answers: the one definition of a speaker's role, used by
//! the document view (interviewer turns drawn lighter), the respondent count
//! ("% of respondents"), quotes and the kind guess at import.
//!
//! A speaker's role is the one set for that source and speaker in the
//! project (`jalin speakers --role`, or right-click a speaker label in the
//! workbench), else the one found from the labels of the source
//! ([`default_roles`]). Labels alone cannot tell a moderator called "Budi"
//! from a participant called "Budi": that is what setting the role is for.

use std::collections::HashMap;

use super::{Attribute, Guid, SourceId, SpeakerTurn};

/// What a speaker is in a transcript. Only respondents count in the "% of
/// respondents" tables; the others are left out of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum Role {
    /// Leads a focus group (also a co-moderator or assistant moderator).
    Moderator,
    /// Asks the questions in an interview (also the researcher).
    Interviewer,
    /// Answers: an interviewee or a focus-group participant.
    Respondent,
    /// Neither asks nor answers: a note-taker, observer or interpreter.
    Other,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Moderator,
        Role::Interviewer,
        Role::Respondent,
        Role::Other,
    ];

    /// The stored and typed name: `moderator`, `interviewer`, `respondent`,
    /// `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Moderator => "moderator",
            Role::Interviewer => "interviewer",
            Role::Respondent => "respondent",
            Role::Other => "other",
        }
    }

    /// The name for people: "Moderator", …
    pub fn label(self) -> &'static str {
        match self {
            Role::Moderator => "Moderator",
            Role::Interviewer => "Interviewer",
            Role::Respondent => "Respondent",
            Role::Other => "Other (note-taker, observer)",
        }
    }

    /// Parses a stored or typed name (any case).
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// Whether the speaker counts as a respondent.
    pub fn is_respondent(self) -> bool {
        self == Role::Respondent
    }

    /// Whether the speaker asks the questions (drawn lighter).
    pub fn asks(self) -> bool {
        matches!(self, Role::Moderator | Role::Interviewer)
    }
}

impl Role {
    /// The role as a word in a sentence, in the current language
    /// ("respondent", "responden").
    pub fn word(self) -> String {
        match self {
            Role::Moderator => crate::t!("role-word-moderator"),
            Role::Interviewer => crate::t!("role-word-interviewer"),
            Role::Respondent => crate::t!("role-word-respondent"),
            Role::Other => crate::t!("role-word-other"),
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The key a speaker label is known by: trimmed and lower-cased, so
/// "Ana" and "ANA" are one speaker.
pub fn speaker_key(label: &str) -> String {
    label.trim().to_lowercase()
}

/// What the project stores about one speaker of one source: a role set by
/// hand and the participant's own attributes (an expert's role and region).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub source: SourceId,
    pub guid: Guid,
    /// The label as it appears in the turns.
    pub name: String,
    /// `None`: the role found from the label ([`default_roles`]).
    pub role: Option<Role>,
    /// Sorted by key.
    pub attributes: Vec<Attribute>,
}

impl Speaker {
    /// The value of the participant's attribute `key`, if set.
    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| super::names::same_name(&a.key, key))
            .map(|a| a.value.as_str())
    }
}

/// Words that name a respondent when they start a label ("Respondent
/// (former researcher)" is a respondent).
const RESPONDENT_WORDS: &[&str] = &[
    "respondent",
    "responden",
    "participant",
    "partisipan",
    "peserta",
    "informan",
    "informant",
    "narasumber",
    "interviewee",
    "r",
    "a",
    "n",
];

/// Words anywhere in a label that name a moderator ("Co-moderator",
/// "Assistant moderator", "Budi (moderator)").
const MODERATOR_WORDS: &[&str] = &[
    "moderator",
    "comoderator",
    "fasilitator",
    "facilitator",
    "cofacilitator",
];

/// Words anywhere in a label that name the one asking in an interview.
const INTERVIEWER_WORDS: &[&str] = &[
    "interviewer",
    "pewawancara",
    "peneliti",
    "researcher",
    "enumerator",
];

/// Words anywhere in a label that name someone who neither asks nor answers.
const OTHER_WORDS: &[&str] = &[
    "notulis",
    "notulen",
    "notetaker",
    "pencatat",
    "observer",
    "pengamat",
    "transcriber",
    "translator",
    "interpreter",
    "penerjemah",
];

/// Whole labels (with an optional number: "M1", "Mod 2") that name a
/// moderator or interviewer.
const SHORT_MODERATOR: &[&str] = &["m", "mod", "fac", "fas"];
const SHORT_INTERVIEWER: &[&str] = &["q", "int"];
/// Whole labels whose meaning depends on the transcript: "I" is the
/// Interviewer in English transcripts and the Informan in Indonesian ones
/// ("P: … I: …", P for Pewawancara); "P" is the Pewawancara or Peneliti, or a
/// Participant next to an interviewer.
const AMBIGUOUS: &[&str] = &["i", "p"];

/// The label without a trailing number: "Mod 2" → "mod", "M1" → "m".
fn bare(label: &str) -> String {
    speaker_key(label)
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '.' || c == '#')
        .to_string()
}

/// The role a label names by itself, or `None` for the ambiguous letters
/// "I" and "P", which [`default_roles`] settles from the other labels.
fn label_role(label: &str) -> Option<Role> {
    let b = bare(label);
    if AMBIGUOUS.contains(&b.as_str()) {
        // "P3", "I2": numbered participants or informants.
        return if speaker_key(label) == b {
            None
        } else {
            Some(Role::Respondent)
        };
    }
    if SHORT_MODERATOR.contains(&b.as_str()) {
        return Some(Role::Moderator);
    }
    if SHORT_INTERVIEWER.contains(&b.as_str()) {
        return Some(Role::Interviewer);
    }
    let key = speaker_key(label);
    let words: Vec<&str> = key
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches(|c: char| c.is_ascii_digit()))
        .collect();
    if words.first().is_some_and(|w| RESPONDENT_WORDS.contains(w)) {
        return Some(Role::Respondent);
    }
    // "Co-moderator", "note-taker", "note taker": also the words joined.
    let joined: Vec<String> = words.windows(2).map(|w| w.concat()).collect();
    let has = |list: &[&str]| {
        words.iter().any(|w| list.contains(w)) || joined.iter().any(|w| list.contains(&w.as_str()))
    };
    if has(MODERATOR_WORDS) {
        Some(Role::Moderator)
    } else if has(INTERVIEWER_WORDS) {
        Some(Role::Interviewer)
    } else if has(OTHER_WORDS) {
        Some(Role::Other)
    } else {
        Some(Role::Respondent)
    }
}

/// Whether a label names a role by its words ("Mod 2", "M1", "Co-moderator",
/// "Notulis", "P3"), not just by falling back to "respondent": such a label
/// is a speaker even when it speaks once.
pub fn names_a_role(label: &str) -> bool {
    let b = bare(label);
    if SHORT_MODERATOR.contains(&b.as_str()) || SHORT_INTERVIEWER.contains(&b.as_str()) {
        return true;
    }
    if AMBIGUOUS.contains(&b.as_str()) {
        return speaker_key(label) != b;
    }
    let key = speaker_key(label);
    let words: Vec<&str> = key
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches(|c: char| c.is_ascii_digit()))
        .collect();
    let joined: Vec<String> = words.windows(2).map(|w| w.concat()).collect();
    let has = |list: &[&str]| {
        words.iter().any(|w| list.contains(w)) || joined.iter().any(|w| list.contains(&w.as_str()))
    };
    words.first().is_some_and(|w| RESPONDENT_WORDS.contains(w))
        || has(MODERATOR_WORDS)
        || has(INTERVIEWER_WORDS)
        || has(OTHER_WORDS)
}

/// The role of every speaker of one source found from the labels alone, by
/// [`speaker_key`]. Labels decide by themselves ("Moderator", "Mod 2", "M1",
/// "Co-moderator", "Notulis", "Peneliti", …), except the letters "I" and
/// "P": with no other asker in the source, the one of them who speaks first
/// asks (Interviewer) and the other answers; next to another asker
/// ("Interviewer:", "Moderator:") they are respondents.
pub fn default_roles(turns: &[SpeakerTurn]) -> HashMap<String, Role> {
    let mut roles: HashMap<String, Role> = HashMap::new();
    // In order of first turn; the set finds a key at once (20,000
    // speakers were quadratic).
    let mut ambiguous: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for t in turns {
        let key = speaker_key(&t.speaker);
        if !seen.insert(key.clone()) {
            continue;
        }
        match label_role(&t.speaker) {
            Some(r) => {
                roles.insert(key, r);
            }
            None => ambiguous.push(key),
        }
    }
    let other_asker = roles.values().any(|r| r.asks());
    for (i, key) in ambiguous.into_iter().enumerate() {
        // `ambiguous` is in order of first turn: the first asks.
        let role = if !other_asker && i == 0 {
            Role::Interviewer
        } else {
            Role::Respondent
        };
        roles.insert(key, role);
    }
    roles
}

/// The roles of one source's speakers: the ones set in the project, else
/// the ones found from the labels.
#[derive(Debug, Clone, Default)]
pub struct SourceRoles {
    roles: HashMap<String, Role>,
}

impl SourceRoles {
    /// Roles for a source's `turns`, with `stored` (any source's; only this
    /// `source`'s are used) taking precedence.
    pub fn new(source: SourceId, turns: &[SpeakerTurn], stored: &[Speaker]) -> SourceRoles {
        let mut roles = default_roles(turns);
        for s in stored.iter().filter(|s| s.source == source) {
            if let Some(r) = s.role {
                roles.insert(speaker_key(&s.name), r);
            }
        }
        SourceRoles { roles }
    }

    /// The role of a speaker label (a label not among the turns: from the
    /// label alone).
    pub fn role(&self, label: &str) -> Role {
        self.roles
            .get(&speaker_key(label))
            .copied()
            .unwrap_or_else(|| label_role(label).unwrap_or(Role::Interviewer))
    }

    /// Whether the speaker counts as a respondent.
    pub fn is_respondent(&self, label: &str) -> bool {
        self.role(label).is_respondent()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turns(labels: &[&str]) -> Vec<SpeakerTurn> {
        labels
            .iter()
            .enumerate()
            .map(|(i, l)| SpeakerTurn {
                start: i * 10,
                end: i * 10 + 9,
                label_end: i * 10 + 2,
                speaker: (*l).into(),
            })
            .collect()
    }

    fn roles_of(labels: &[&str]) -> Vec<Role> {
        let r = SourceRoles::new(SourceId(1), &turns(labels), &[]);
        labels.iter().map(|l| r.role(l)).collect()
    }

    #[test]
    fn labels_that_ask_or_take_notes_are_not_respondents() {
        use Role::*;
        for (label, role) in [
            ("Interviewer", Interviewer),
            ("Q", Interviewer),
            ("Moderator", Moderator),
            ("M1", Moderator),
            ("Mod 2", Moderator),
            ("Co-moderator", Moderator),
            ("Asisten Moderator", Moderator),
            ("Budi (moderator)", Moderator),
            ("Peneliti", Interviewer),
            ("Tim Peneliti 2", Interviewer),
            ("Researcher", Interviewer),
            ("Interviewer (Sari)", Interviewer),
            ("Fasilitator", Moderator),
            ("Pewawancara 1", Interviewer),
            ("Notulis", Other),
            ("Note-taker", Other),
            ("Note taker", Other),
            ("Observer", Other),
            ("R1", Respondent),
            ("Respondent", Respondent),
            ("Respondent (former researcher)", Respondent),
            ("Ibu Wulan", Respondent),
            ("Informan 2", Respondent),
            ("Made", Respondent),
            ("P3", Respondent),
            ("I2", Respondent),
            ("Mira", Respondent),
            ("Interviewee", Respondent),
        ] {
            assert_eq!(roles_of(&[label])[0], role, "{label}");
        }
    }

    #[test]
    fn the_letters_i_and_p_are_settled_by_the_transcript() {
        use Role::*;
        // English: Interviewer / Participant.
        assert_eq!(
            roles_of(&["I", "P", "I"]),
            [Interviewer, Respondent, Interviewer]
        );
        // Indonesian: Pewawancara / Informan.
        assert_eq!(
            roles_of(&["P", "I", "P"]),
            [Interviewer, Respondent, Interviewer]
        );
        // I with R, P with R: the letter asks.
        assert_eq!(roles_of(&["I", "R"]), [Interviewer, Respondent]);
        assert_eq!(roles_of(&["P", "R"]), [Interviewer, Respondent]);
        // Next to another asker, a P is a participant.
        assert_eq!(roles_of(&["Interviewer", "P"]), [Interviewer, Respondent]);
        assert_eq!(roles_of(&["Peneliti", "I"]), [Interviewer, Respondent]);
    }

    #[test]
    fn a_stored_role_wins_over_the_label() {
        let t = turns(&["Budi", "Ana", "Notulis"]);
        let stored = vec![
            Speaker {
                source: SourceId(1),
                guid: Guid::new(),
                name: "BUDI".into(),
                role: Some(Role::Moderator),
                attributes: Vec::new(),
            },
            Speaker {
                source: SourceId(2),
                guid: Guid::new(),
                name: "Ana".into(),
                role: Some(Role::Other),
                attributes: Vec::new(),
            },
        ];
        let r = SourceRoles::new(SourceId(1), &t, &stored);
        assert_eq!(r.role("Budi"), Role::Moderator);
        // Another source's setting does not apply here.
        assert_eq!(r.role("Ana"), Role::Respondent);
        assert_eq!(r.role("Notulis"), Role::Other);
        assert!(!r.is_respondent("budi"));
    }

    #[test]
    fn role_names_parse() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
            assert_eq!(Role::parse(&r.as_str().to_uppercase()), Some(r));
        }
        assert_eq!(Role::parse("chair"), None);
    }
}
