//! Triangulation: is a finding supported by more than one kind of evidence
//! (interviews, focus groups, documents, observations)?

use std::collections::{HashMap, HashSet};

use super::{Cell, Table};
use crate::model::{CodeId, Codebook, SourceId, SourceKind};
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
}

/// One code's row: codings and sources per kind, in [`SourceKind::ALL`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriangulationRow {
    pub code: CodeId,
    pub path: String,
    pub codings: [usize; 4],
    pub sources: [usize; 4],
    pub status: Status,
    /// The kinds it was found in.
    pub kinds: Vec<SourceKind>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriangulationTable {
    /// Sources of each kind in the project.
    pub kind_sizes: [usize; 4],
    pub rows: Vec<TriangulationRow>,
}

fn kind_index(k: SourceKind) -> usize {
    SourceKind::ALL.iter().position(|&x| x == k).unwrap_or(0)
}

/// The code × source-kind matrix with a status per code.
pub fn triangulation(data: &ProjectData) -> TriangulationTable {
    let book = Codebook::new(data.codes.clone());
    let kind_of: HashMap<SourceId, usize> = data
        .sources
        .iter()
        .map(|s| (s.id, kind_index(s.kind)))
        .collect();
    let mut kind_sizes = [0usize; 4];
    for k in kind_of.values() {
        kind_sizes[*k] += 1;
    }
    let mut codings: HashMap<CodeId, [usize; 4]> = HashMap::new();
    let mut sources: HashMap<CodeId, [HashSet<SourceId>; 4]> = HashMap::new();
    for c in &data.codings {
        let Some(&k) = kind_of.get(&c.source) else {
            continue;
        };
        codings.entry(c.code).or_default()[k] += 1;
        sources.entry(c.code).or_default()[k].insert(c.source);
    }
    let rows = book
        .preorder()
        .into_iter()
        .map(|(_, code)| {
            let n = codings.get(&code.id).copied().unwrap_or_default();
            let s = sources
                .get(&code.id)
                .map(|s| [s[0].len(), s[1].len(), s[2].len(), s[3].len()])
                .unwrap_or_default();
            let kinds: Vec<SourceKind> = SourceKind::ALL
                .iter()
                .zip(n)
                .filter(|(_, n)| *n > 0)
                .map(|(k, _)| *k)
                .collect();
            let status = match kinds.len() {
                0 => Status::Absent,
                1 => Status::SingleKind,
                _ => Status::Corroborated,
            };
            TriangulationRow {
                code: code.id,
                path: book.path(code.id),
                codings: n,
                sources: s,
                status,
                kinds,
            }
        })
        .collect();
    TriangulationTable { kind_sizes, rows }
}

impl TriangulationTable {
    /// One row per code: per kind its codings and sources, then the status,
    /// how many kinds and which.
    pub fn to_table(&self) -> Table {
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
        let mut table = Table::new("Triangulation by source kind", columns);
        for r in &self.rows {
            let mut row = vec![Cell::text(r.path.clone())];
            for k in 0..4 {
                row.push(r.codings[k].into());
                row.push(r.sources[k].into());
            }
            row.push(r.kinds.len().into());
            row.push(r.status.as_str().into());
            row.push(Cell::text(
                r.kinds
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ));
            table.rows.push(row);
        }
        table
    }
}
