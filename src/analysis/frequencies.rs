//! How often each code was applied: codings, sources coded, and the share of
//! sources, overall and split by source kind or by an attribute.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{Cell, Table, percent};
use crate::model::{CodeId, Codebook, SourceId, SourceKind, SourceMeta};
use crate::store::ProjectData;

/// How sources are split into columns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Grouping {
    #[default]
    None,
    Kind,
    Attribute(String),
}

impl std::str::FromStr for Grouping {
    type Err = String;

    /// `kind`, `attr:NAME` or `none`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("kind") {
            Ok(Grouping::Kind)
        } else if s.eq_ignore_ascii_case("none") || s.is_empty() {
            Ok(Grouping::None)
        } else if let Some(name) = s
            .strip_prefix("attr:")
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            Ok(Grouping::Attribute(name.to_lowercase()))
        } else {
            Err(format!(
                "'{s}' is not a grouping: use kind or attr:NAME (e.g. attr:city)"
            ))
        }
    }
}

/// Label of the group for sources without the attribute.
pub const NOT_SET: &str = "(not set)";

impl Grouping {
    /// The group a source falls in, or `None` when not grouping.
    pub fn group_of(&self, source: &SourceMeta) -> Option<String> {
        match self {
            Grouping::None => None,
            Grouping::Kind => Some(source.kind.as_str().to_string()),
            Grouping::Attribute(key) => Some(
                source
                    .attributes
                    .iter()
                    .find(|a| a.key.eq_ignore_ascii_case(key))
                    .map_or_else(|| NOT_SET.to_string(), |a| a.value.clone()),
            ),
        }
    }

    /// Group labels in column order: kinds in their fixed order, attribute
    /// values sorted with "(not set)" last.
    pub fn groups(&self, sources: &[SourceMeta]) -> Vec<String> {
        match self {
            Grouping::None => Vec::new(),
            Grouping::Kind => SourceKind::ALL
                .iter()
                .map(|k| k.as_str().to_string())
                .collect(),
            Grouping::Attribute(_) => {
                let mut values: BTreeSet<String> =
                    sources.iter().filter_map(|s| self.group_of(s)).collect();
                let not_set = values.remove(NOT_SET);
                let mut out: Vec<String> = values.into_iter().collect();
                if not_set {
                    out.push(NOT_SET.to_string());
                }
                out
            }
        }
    }
}

/// Counts in one group.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct GroupCounts {
    pub codings: usize,
    pub sources: usize,
    /// Sources coded, as a percentage of the group's sources.
    pub pct_sources: f64,
}

/// One code's counts.
#[derive(Debug, Clone, PartialEq)]
pub struct FrequencyRow {
    pub code: CodeId,
    /// `parent > child`.
    pub path: String,
    pub depth: usize,
    pub codings: usize,
    pub sources: usize,
    pub pct_sources: f64,
    /// One entry per [`FrequencyTable::groups`] column.
    pub groups: Vec<GroupCounts>,
}

/// Frequencies of every code, in codebook order.
#[derive(Debug, Clone, PartialEq)]
pub struct FrequencyTable {
    pub grouping: Grouping,
    /// Group labels and how many sources each has.
    pub groups: Vec<(String, usize)>,
    pub total_sources: usize,
    pub rows: Vec<FrequencyRow>,
}

/// Counts codings and coded sources per code. A code's own codings only;
/// parents do not yet include their children.
pub fn frequencies(data: &ProjectData, grouping: &Grouping) -> FrequencyTable {
    let book = Codebook::new(data.codes.clone());
    let labels = grouping.groups(&data.sources);
    let group_index: HashMap<&str, usize> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i))
        .collect();
    let source_group: HashMap<SourceId, Option<usize>> = data
        .sources
        .iter()
        .map(|s| {
            let g = grouping
                .group_of(s)
                .and_then(|l| group_index.get(l.as_str()).copied());
            (s.id, g)
        })
        .collect();
    let mut group_sizes = vec![0usize; labels.len()];
    for g in source_group.values().flatten() {
        group_sizes[*g] += 1;
    }
    let mut codings: HashMap<CodeId, usize> = HashMap::new();
    let mut coded: BTreeMap<CodeId, BTreeSet<SourceId>> = BTreeMap::new();
    let mut group_codings: HashMap<(CodeId, usize), usize> = HashMap::new();
    for c in &data.codings {
        *codings.entry(c.code).or_default() += 1;
        coded.entry(c.code).or_default().insert(c.source);
        if let Some(Some(g)) = source_group.get(&c.source) {
            *group_codings.entry((c.code, *g)).or_default() += 1;
        }
    }
    let total_sources = data.sources.len();
    let rows = book
        .preorder()
        .into_iter()
        .map(|(depth, code)| {
            let sources = coded.get(&code.id);
            let n_sources = sources.map_or(0, |s| s.len());
            let groups = (0..labels.len())
                .map(|g| {
                    let in_group = sources.map_or(0, |s| {
                        s.iter()
                            .filter(|id| source_group.get(id) == Some(&Some(g)))
                            .count()
                    });
                    GroupCounts {
                        codings: group_codings.get(&(code.id, g)).copied().unwrap_or(0),
                        sources: in_group,
                        pct_sources: percent(in_group, group_sizes[g]),
                    }
                })
                .collect();
            FrequencyRow {
                code: code.id,
                path: book.path(code.id),
                depth,
                codings: codings.get(&code.id).copied().unwrap_or(0),
                sources: n_sources,
                pct_sources: percent(n_sources, total_sources),
                groups,
            }
        })
        .collect();
    FrequencyTable {
        grouping: grouping.clone(),
        groups: labels.into_iter().zip(group_sizes).collect(),
        total_sources,
        rows,
    }
}

impl FrequencyTable {
    /// Wide table: one row per code; for each group, its codings, sources and
    /// % of the group's sources. Column headers name the group's size, e.g.
    /// `interview: % of 14 sources`.
    pub fn to_table(&self) -> Table {
        let mut columns = vec![
            "code".to_string(),
            "codings".to_string(),
            "sources".to_string(),
            format!("% of {} sources", self.total_sources),
        ];
        for (label, size) in &self.groups {
            columns.push(format!("{label}: codings"));
            columns.push(format!("{label}: sources"));
            columns.push(format!("{label}: % of {size} sources"));
        }
        let mut table = Table::new("Code frequencies", columns);
        for r in &self.rows {
            let mut row = vec![
                Cell::text(r.path.clone()),
                r.codings.into(),
                r.sources.into(),
                Cell::Percent(r.pct_sources),
            ];
            for g in &r.groups {
                row.push(g.codings.into());
                row.push(g.sources.into());
                row.push(Cell::Percent(g.pct_sources));
            }
            table.rows.push(row);
        }
        table
    }
}
