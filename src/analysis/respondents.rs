//! Who counts as a respondent, so tables can say "7 of 10 community leaders
//! (70%)" as papers do. Each interview is one respondent; in a focus group
//! each participant who speaks (not the moderator) is one. Documents and
//! observations have no respondents.

use std::collections::BTreeSet;

use super::speaker_at;
use crate::model::roles::is_interviewer;
use crate::model::{Coding, SourceId, SourceKind, SourceMeta, SpeakerTurn};
use crate::store::ProjectData;

/// One respondent.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Respondent {
    /// The person interviewed in an interview source.
    Interviewee(SourceId),
    /// A focus-group participant, by speaker label (lower case).
    Participant(SourceId, String),
}

impl Respondent {
    pub fn source(&self) -> SourceId {
        match self {
            Respondent::Interviewee(s) | Respondent::Participant(s, _) => *s,
        }
    }
}

fn participants(source: &SourceMeta, turns: Option<&Vec<SpeakerTurn>>) -> Vec<Respondent> {
    let speakers: BTreeSet<String> = turns
        .into_iter()
        .flatten()
        .filter(|t| !is_interviewer(&t.speaker))
        .map(|t| t.speaker.to_lowercase())
        .collect();
    if speakers.is_empty() {
        // A focus group without speaker turns still stands for its group.
        return vec![Respondent::Interviewee(source.id)];
    }
    speakers
        .into_iter()
        .map(|s| Respondent::Participant(source.id, s))
        .collect()
}

/// Every respondent in the data.
pub fn respondents<C>(data: &ProjectData<C>) -> Vec<Respondent> {
    let mut out = Vec::new();
    for s in &data.sources {
        match s.kind {
            SourceKind::Interview => out.push(Respondent::Interviewee(s.id)),
            SourceKind::FocusGroup => out.extend(participants(s, data.turns.get(&s.id))),
            SourceKind::Document | SourceKind::Observation => {}
        }
    }
    out
}

/// The respondent a coding speaks for: the interviewee of an interview; the
/// participant whose turn the coding starts in, in a focus group (none for
/// the moderator's words).
pub fn respondent_of(
    coding: &Coding,
    source: &SourceMeta,
    turns: Option<&Vec<SpeakerTurn>>,
) -> Option<Respondent> {
    match source.kind {
        SourceKind::Interview => Some(Respondent::Interviewee(source.id)),
        SourceKind::FocusGroup => match turns.filter(|t| !t.is_empty()) {
            None => Some(Respondent::Interviewee(source.id)),
            Some(turns) => speaker_at(turns, coding.start)
                .filter(|s| !is_interviewer(s))
                .map(|s| Respondent::Participant(source.id, s.to_lowercase())),
        },
        SourceKind::Document | SourceKind::Observation => None,
    }
}
