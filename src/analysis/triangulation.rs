//! Triangulation: is a finding supported by more than one kind of evidence
//! (interviews, focus groups, documents, observations)? Optionally within
//! each group of an attribute (e.g. in each city).

use std::collections::HashMap;

use super::tally::Tally;
use super::{Cell, Grouping, Report, Table};
use crate::model::{AsSpan, CodeId, Codebook, SourceKind};
use crate::store::ProjectData;

/// Whether a code is found in several kinds of source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Found in two or more kinds of source.
    Corroborated,
    /// Found in one kind only.
    SingleKind,
    /// Not coded anywhere.
    Absent,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Corroborated => "corroborated",
            Status::SingleKind => "single-kind",
            Status::Absent => "absent",
        }
    }

    fn of(kinds: usize) -> Status {
        match kinds {
            0 => Status::Absent,
            1 => Status::SingleKind,
            _ => Status::Corroborated,
        }
    }
}

/// Counts for one code in one scope (all sources, or one group).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KindCounts {
    /// Per kind, in [`SourceKind::ALL`] order.
    pub codings: [usize; 4],
    pub sources: [usize; 4],
}

impl KindCounts {
    pub fn kinds(&self) -> Vec<SourceKind> {
        SourceKind::ALL
            .iter()
            .zip(self.codings)
            .filter(|(_, n)| *n > 0)
            .map(|(k, _)| *k)
            .collect()
    }

    pub fn status(&self) -> Status {
        Status::of(self.kinds().len())
    }
}

/// One code's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriangulationRow {
    pub code: CodeId,
    pub path: String,
    pub codings: [usize; 4],
    pub sources: [usize; 4],
    pub status: Status,
    /// The kinds it was found in.
    pub kinds: Vec<SourceKind>,
    /// Per group of the split (same order as [`TriangulationTable::groups`]).
    pub groups: Vec<KindCounts>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriangulationTable {
    /// Sources of each kind in the project.
    pub kind_sizes: [usize; 4],
    pub split: Grouping,
    pub groups: Vec<String>,
    pub rows: Vec<TriangulationRow>,
}

fn kind_index(k: SourceKind) -> usize {
    SourceKind::ALL.iter().position(|&x| x == k).unwrap_or(0)
}

/// The code × source-kind matrix with a status per code (its subtree's
/// codings), optionally also within each group of `split`.
pub fn triangulation<C: AsSpan>(data: &ProjectData<C>, split: &Grouping) -> TriangulationTable {
    let book = Codebook::new(data.codes.clone());
    let groups = match split {
        Grouping::Kind => Vec::new(),
        other => other.groups(&data.sources),
    };
    let group_index: HashMap<&str, usize> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.as_str(), i))
        .collect();
    // Kind and group of each source, by its index in `data.sources`.
    let source_info: Vec<(usize, Option<usize>)> = data
        .sources
        .iter()
        .map(|s| {
            let g = split
                .group_of(s)
                .and_then(|l| group_index.get(l.as_str()).copied());
            (kind_index(s.kind), g)
        })
        .collect();
    let mut kind_sizes = [0usize; 4];
    for (k, _) in &source_info {
        kind_sizes[*k] += 1;
    }
    let slots = groups.len() + 1;
    let tally = Tally::new(data, false);
    let rows = book
        .preorder()
        .into_iter()
        .map(|(_, code)| {
            let mut counts = vec![KindCounts::default(); slots];
            // A code's row counts its whole subtree, so a theme whose
            // sub-codes are corroborated is corroborated too.
            let mut per_source = vec![0usize; source_info.len()];
            let below = book.descendants(code.id);
            let subtree = std::iter::once(code.id).chain(below.iter().map(|d| d.id));
            for k in subtree.filter_map(|id| tally.code(id)) {
                for (s, &n) in tally.per_source(k).iter().enumerate() {
                    per_source[s] += n as usize;
                }
            }
            for (s, &n) in per_source.iter().enumerate().filter(|(_, n)| **n > 0) {
                let (kind, g) = source_info[s];
                for slot in std::iter::once(0).chain(g.map(|g| g + 1)) {
                    counts[slot].codings[kind] += n;
                    counts[slot].sources[kind] += 1;
                }
            }
            TriangulationRow {
                code: code.id,
                path: book.path(code.id),
                codings: counts[0].codings,
                sources: counts[0].sources,
                status: counts[0].status(),
                kinds: counts[0].kinds(),
                groups: counts[1..].to_vec(),
            }
        })
        .collect();
    TriangulationTable {
        kind_sizes,
        split: split.clone(),
        groups,
        rows,
    }
}

fn kinds_text(kinds: &[SourceKind]) -> String {
    kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl TriangulationTable {
    /// The wide table alone.
    pub fn to_table(&self) -> Table {
        self.to_report().wide
    }

    /// Wide: per code and kind its codings and sources, then the number of
    /// kinds, status and which kinds; with a split, each group's status and
    /// kinds follow. Long: a row per code, group ("all" overall) and kind.
    pub fn to_report(&self) -> Report {
        let title = match self.split.describe() {
            d if d.is_empty() || self.groups.is_empty() => {
                crate::t!("report-triangulation")
            }
            d => crate::t!("report-triangulation-by", by = d),
        };
        let mut columns = vec!["code".to_string()];
        for (k, size) in SourceKind::ALL.iter().zip(self.kind_sizes) {
            columns.push(format!("{k}: codings"));
            columns.push(format!("{k}: sources (of {size})"));
        }
        columns.extend([
            "kinds".to_string(),
            "status".to_string(),
            "found in".to_string(),
        ]);
        for g in &self.groups {
            columns.push(format!("{g}: status"));
            columns.push(format!("{g}: found in"));
        }
        let mut wide = Table::new(title.clone(), columns);
        let mut long = Table::new(
            title.clone(),
            ["code", "group", "kind", "codings", "sources", "status"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        );
        for r in &self.rows {
            let mut row = vec![Cell::text(r.path.clone())];
            for k in 0..4 {
                row.push(r.codings[k].into());
                row.push(r.sources[k].into());
            }
            row.push(r.kinds.len().into());
            row.push(r.status.as_str().into());
            row.push(Cell::text(kinds_text(&r.kinds)));
            for g in &r.groups {
                row.push(g.status().as_str().into());
                row.push(Cell::text(kinds_text(&g.kinds())));
            }
            wide.rows.push(row);
            let overall = KindCounts {
                codings: r.codings,
                sources: r.sources,
            };
            let scopes = std::iter::once(("all", &overall))
                .chain(self.groups.iter().map(String::as_str).zip(&r.groups));
            for (label, counts) in scopes {
                for (i, k) in SourceKind::ALL.iter().enumerate() {
                    long.rows.push(vec![
                        Cell::text(r.path.clone()),
                        Cell::text(label),
                        k.as_str().into(),
                        counts.codings[i].into(),
                        counts.sources[i].into(),
                        counts.status().as_str().into(),
                    ]);
                }
            }
        }
        Report {
            title,
            wide,
            long,
            notes: vec![
                crate::t!("note-triangulation-status"),
                crate::t!("note-triangulation-subtree"),
            ],
        }
    }
}
