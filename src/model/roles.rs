//! Who asks and who answers: the one definition of a speaker's role, used by
//! the document view (interviewer turns drawn lighter), the respondent count
//! ("% of respondents") and the kind guess at import.

/// Labels that name the one asking the questions, after lower-casing and
/// dropping a trailing number ("Mod 2", "M1", "Interviewer 3").
const INTERVIEWER_LABELS: &[&str] = &[
    "i",
    "q",
    "int",
    "interviewer",
    "m",
    "mod",
    "moderator",
    "facilitator",
    "fasilitator",
    "pewawancara",
    "peneliti",
    "researcher",
];

/// Whether a speaker label names the interviewer, moderator or researcher
/// rather than a respondent. "Interviewer (Sari)" and "Moderator – Budi"
/// count too; "Ibu Wulan", "R1" and "Informan 2" do not.
pub fn is_interviewer(speaker: &str) -> bool {
    let s = speaker.trim().to_lowercase();
    let bare = s.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '.');
    INTERVIEWER_LABELS.contains(&bare)
        || [
            "interviewer",
            "moderator",
            "facilitator",
            "fasilitator",
            "pewawancara",
        ]
        .iter()
        .any(|p| s.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::is_interviewer;

    #[test]
    fn interviewers_and_respondents() {
        for asks in [
            "Interviewer",
            "I",
            "Q",
            "Moderator",
            "M1",
            "Mod 2",
            "Peneliti",
            "Researcher",
            "Interviewer (Sari)",
            "Fasilitator",
            "Pewawancara 1",
        ] {
            assert!(is_interviewer(asks), "{asks}");
        }
        for answers in [
            "R1",
            "Respondent",
            "Ibu Wulan",
            "Informan 2",
            "Made",
            "P3",
            "Mira",
        ] {
            assert!(!is_interviewer(answers), "{answers}");
        }
    }
}
