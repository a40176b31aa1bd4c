//! The code × source matrix, as counts or 0/1 presence: the table to load in
//! R or pandas for further analysis.

use std::collections::HashMap;

use super::{Cell, Report, Table};
use crate::model::{CodeId, Codebook, SourceId, SourceMeta};
use crate::store::ProjectData;

#[derive(Debug, Clone, PartialEq)]
pub struct CodeSourceMatrix {
    pub codes: Vec<(CodeId, String)>,
    /// Sources by name.
    pub sources: Vec<SourceMeta>,
    /// `counts[code][source]`: the code's own codings in the source.
    pub counts: Vec<Vec<usize>>,
    pub presence: bool,
}

/// Codings of each code (own codings) in each source.
pub fn code_source_matrix(data: &ProjectData, presence: bool) -> CodeSourceMatrix {
    let book = Codebook::new(data.codes.clone());
    let codes: Vec<(CodeId, String)> = book
        .preorder()
        .into_iter()
        .map(|(_, c)| (c.id, book.path(c.id)))
        .collect();
    let mut sources = data.sources.clone();
    sources.sort_by_key(|s| s.name.to_lowercase());
    let ci: HashMap<CodeId, usize> = codes
        .iter()
        .enumerate()
        .map(|(i, (c, _))| (*c, i))
        .collect();
    let si: HashMap<SourceId, usize> = sources.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let mut counts = vec![vec![0usize; sources.len()]; codes.len()];
    for c in &data.codings {
        if let (Some(&i), Some(&j)) = (ci.get(&c.code), si.get(&c.source)) {
            counts[i][j] += 1;
        }
    }
    CodeSourceMatrix {
        codes,
        sources,
        counts,
        presence,
    }
}

impl CodeSourceMatrix {
    fn value(&self, i: usize, j: usize) -> usize {
        let n = self.counts[i][j];
        if self.presence { usize::from(n > 0) } else { n }
    }

    /// Wide: codes as rows, sources as columns. Long: code, source, kind,
    /// value.
    pub fn to_report(&self) -> Report {
        let title = if self.presence {
            crate::t!("report-matrix-presence")
        } else {
            crate::t!("report-matrix-codings")
        };
        let mut columns = vec!["code".to_string()];
        columns.extend(self.sources.iter().map(|s| s.name.clone()));
        let mut wide = Table::new(title.clone(), columns);
        let value_name = if self.presence { "present" } else { "codings" };
        let mut long = Table::new(
            title.clone(),
            ["code", "source", "kind", value_name]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        );
        for (i, (_, path)) in self.codes.iter().enumerate() {
            let mut row = vec![Cell::text(path.clone())];
            for (j, s) in self.sources.iter().enumerate() {
                row.push(self.value(i, j).into());
                long.rows.push(vec![
                    Cell::text(path.clone()),
                    Cell::text(s.name.clone()),
                    s.kind.as_str().into(),
                    self.value(i, j).into(),
                ]);
            }
            wide.rows.push(row);
        }
        Report {
            title,
            wide,
            long,
            notes: vec![crate::t!("note-matrix")],
        }
    }
}
