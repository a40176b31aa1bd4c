//! Splitting sources into groups (columns of a table): by source kind, by an
//! attribute, or by a pair of attributes (city × role).

use std::collections::BTreeSet;

use crate::model::{Attribute, SourceKind, SourceMeta};

/// How sources are split into columns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Grouping {
    #[default]
    None,
    Kind,
    Attribute(String),
    /// Two attributes crossed: groups are "Palu × prosecutor".
    Pair(String, String),
}

/// Label of the group for sources without the attribute.
pub const NOT_SET: &str = "(not set)";

/// Joins the two values of a pair grouping.
pub const PAIR_SEPARATOR: &str = " × ";

impl std::str::FromStr for Grouping {
    type Err = String;

    /// `kind`, `attr:NAME`, `attr:NAME,attr:NAME` or `none`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let bad = || {
            format!(
                "'{s}' is not a grouping: use kind, attr:NAME or attr:NAME,attr:NAME (e.g. attr:city,attr:role)"
            )
        };
        if s.eq_ignore_ascii_case("kind") {
            return Ok(Grouping::Kind);
        }
        if s.eq_ignore_ascii_case("none") || s.is_empty() {
            return Ok(Grouping::None);
        }
        let attr = |part: &str| {
            part.trim()
                .strip_prefix("attr:")
                .map(|n| n.trim().to_lowercase())
                .filter(|n| !n.is_empty())
        };
        let parts: Vec<&str> = s.split(',').collect();
        match parts.as_slice() {
            [one] => attr(one).map(Grouping::Attribute).ok_or_else(bad),
            [a, b] => match (attr(a), attr(b)) {
                (Some(a), Some(b)) => Ok(Grouping::Pair(a, b)),
                _ => Err(bad()),
            },
            _ => Err(bad()),
        }
    }
}

fn value(source: &SourceMeta, key: &str) -> String {
    source
        .attributes
        .iter()
        .find(|a| crate::model::names::same_name(&a.key, key))
        .map_or_else(|| NOT_SET.to_string(), |a| a.value.clone())
}

/// A source kind as a column header reads it: "Focus group".
pub fn kind_label(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Interview => "Interview",
        SourceKind::FocusGroup => "Focus group",
        SourceKind::Document => "Document",
        SourceKind::Observation => "Observation",
    }
}

/// A source kind inside a sentence or list: "focus group".
pub fn kind_words(kind: SourceKind) -> String {
    kind.as_str().replace('_', " ")
}

impl Grouping {
    /// The attribute keys this grouping reads.
    pub fn keys(&self) -> Vec<&str> {
        match self {
            Grouping::None | Grouping::Kind => Vec::new(),
            Grouping::Attribute(k) => vec![k.as_str()],
            Grouping::Pair(a, b) => vec![a.as_str(), b.as_str()],
        }
    }

    /// A short description for table titles: "by kind", "by city × role".
    pub fn describe(&self) -> String {
        match self {
            Grouping::None => String::new(),
            Grouping::Kind => crate::t!("grouping-by-kind"),
            Grouping::Attribute(k) => crate::t!("grouping-by-attr", key = k),
            Grouping::Pair(a, b) => crate::t!("grouping-by-pair", a = a, b = b),
        }
    }

    /// The group a source falls in, or `None` when not grouping.
    pub fn group_of(&self, source: &SourceMeta) -> Option<String> {
        match self {
            Grouping::None => None,
            Grouping::Kind => Some(source.kind.as_str().to_string()),
            Grouping::Attribute(key) => Some(value(source, key)),
            Grouping::Pair(a, b) => Some(format!(
                "{}{PAIR_SEPARATOR}{}",
                value(source, a),
                value(source, b)
            )),
        }
    }

    /// The group of a respondent: by the participant's own attributes
    /// (`own`, set in the project) where they have the key, else by their
    /// source's.
    pub fn group_with(&self, source: &SourceMeta, own: &[Attribute]) -> Option<String> {
        if own.is_empty() {
            return self.group_of(source);
        }
        let mut merged = source.clone();
        for a in own {
            merged
                .attributes
                .retain(|b| !crate::model::names::same_name(&a.key, &b.key));
            merged.attributes.push(a.clone());
        }
        self.group_of(&merged)
    }

    /// Group labels in column order: kinds in their fixed order; attribute
    /// values sorted, with "(not set)" last.
    pub fn groups(&self, sources: &[SourceMeta]) -> Vec<String> {
        self.groups_with(sources, std::iter::empty())
    }

    /// [`Grouping::groups`] with `extra` labels too (respondents' groups
    /// from their own attributes).
    pub fn groups_with(
        &self,
        sources: &[SourceMeta],
        extra: impl IntoIterator<Item = String>,
    ) -> Vec<String> {
        match self {
            Grouping::None => Vec::new(),
            Grouping::Kind => SourceKind::ALL
                .iter()
                .map(|k| k.as_str().to_string())
                .collect(),
            Grouping::Attribute(_) | Grouping::Pair(..) => {
                let values: BTreeSet<String> = sources
                    .iter()
                    .filter_map(|s| self.group_of(s))
                    .chain(extra)
                    .collect();
                let (mut set, mut not_set): (Vec<String>, Vec<String>) =
                    values.into_iter().partition(|v| !v.contains(NOT_SET));
                set.append(&mut not_set);
                set
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_groupings() {
        assert_eq!("kind".parse::<Grouping>().unwrap(), Grouping::Kind);
        assert_eq!(
            "attr:City".parse::<Grouping>().unwrap(),
            Grouping::Attribute("city".into())
        );
        assert_eq!(
            "attr:city, attr:role".parse::<Grouping>().unwrap(),
            Grouping::Pair("city".into(), "role".into())
        );
        assert!("city".parse::<Grouping>().is_err());
        assert!("attr:a,attr:b,attr:c".parse::<Grouping>().is_err());
    }
}
