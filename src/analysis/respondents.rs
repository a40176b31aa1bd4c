//! Who counts as a respondent, so tables can say "7 of 10 community leaders
//! (70%)" as papers do. Each interview is one respondent; in a focus group
//! each speaker whose role is respondent is one (roles as set in the
//! project, else found from the labels: `model::roles`). Documents and
//! observations have no respondents.

use std::collections::BTreeSet;

use super::turn_of;
use crate::model::roles::SourceRoles;
use crate::model::{Attribute, Coding, SourceId, SourceKind, SourceMeta, SpeakerTurn};
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

fn participants(
    source: &SourceMeta,
    turns: Option<&Vec<SpeakerTurn>>,
    roles: &SourceRoles,
) -> Vec<Respondent> {
    let speakers: BTreeSet<String> = turns
        .into_iter()
        .flatten()
        .filter(|t| roles.is_respondent(&t.speaker))
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
            SourceKind::FocusGroup => {
                out.extend(participants(s, data.turns.get(&s.id), &data.roles(s.id)))
            }
            SourceKind::Document | SourceKind::Observation => {}
        }
    }
    out
}

/// The respondent a coding speaks for: the interviewee of an interview; the
/// respondent whose turn the coding belongs to (its first word's,
/// [`turn_of`]), in a focus group (none for the moderator's words).
pub fn respondent_of(
    coding: &Coding,
    source: &SourceMeta,
    turns: Option<&Vec<SpeakerTurn>>,
    roles: &SourceRoles,
) -> Option<Respondent> {
    match source.kind {
        SourceKind::Interview => Some(Respondent::Interviewee(source.id)),
        SourceKind::FocusGroup => match turns.filter(|t| !t.is_empty()) {
            None => Some(Respondent::Interviewee(source.id)),
            Some(turns) => turn_of(turns, coding.start, coding.end)
                .filter(|t| roles.is_respondent(&t.speaker))
                .map(|t| Respondent::Participant(source.id, t.speaker.to_lowercase())),
        },
        SourceKind::Document | SourceKind::Observation => None,
    }
}

/// The attributes that describe a respondent: a participant's own (set in
/// the project), then their source's for keys the participant lacks.
pub fn respondent_attributes<C>(data: &ProjectData<C>, r: &Respondent) -> Vec<Attribute> {
    let source = data.sources.iter().find(|s| s.id == r.source());
    let mut out: Vec<Attribute> = match r {
        Respondent::Participant(s, name) => data
            .speaker(*s, name)
            .map(|sp| sp.attributes.clone())
            .unwrap_or_default(),
        Respondent::Interviewee(_) => Vec::new(),
    };
    for a in source.map(|s| s.attributes.as_slice()).unwrap_or(&[]) {
        if !out
            .iter()
            .any(|b| crate::model::names::same_name(&a.key, &b.key))
        {
            out.push(a.clone());
        }
    }
    out.sort();
    out
}
