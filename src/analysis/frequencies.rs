//! How often each code was applied: codings, sources coded, respondents, and
//! their shares, overall and split by source kind, an attribute or a pair of
//! attributes. A parent code's row counts its whole subtree (its own codings
//! and all its sub-codes'), so a theme's total reads straight off the table.

use std::collections::{BTreeSet, HashMap};

use super::{Cell, Grouping, Report, Respondent, Table, percent, respondent_of, respondents};
use crate::model::{CodeId, Codebook, SourceId};
use crate::store::ProjectData;

/// Counts in one group (or overall).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct GroupCounts {
    pub codings: usize,
    pub sources: usize,
    /// Sources coded, as a percentage of the group's sources.
    pub pct_sources: f64,
    pub respondents: usize,
    /// Respondents coded, as a percentage of the group's respondents.
    pub pct_respondents: f64,
}

/// One code's counts.
#[derive(Debug, Clone, PartialEq)]
pub struct FrequencyRow {
    pub code: CodeId,
    /// `parent > child`.
    pub path: String,
    pub depth: usize,
    /// Number of codes below this one whose codings the row includes.
    pub sub_codes: usize,
    pub total: GroupCounts,
    /// One entry per [`FrequencyTable::groups`] column.
    pub groups: Vec<GroupCounts>,
}

/// Size of a group: its sources and respondents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSize {
    pub label: String,
    pub sources: usize,
    pub respondents: usize,
}

/// Frequencies of every code, in codebook order.
#[derive(Debug, Clone, PartialEq)]
pub struct FrequencyTable {
    pub grouping: Grouping,
    pub groups: Vec<GroupSize>,
    pub total_sources: usize,
    pub total_respondents: usize,
    pub rows: Vec<FrequencyRow>,
}

#[derive(Default)]
struct Tally {
    codings: usize,
    sources: BTreeSet<SourceId>,
    respondents: BTreeSet<Respondent>,
}

/// Counts codings, coded sources and coded respondents per code (with its
/// sub-codes) and per group.
pub fn frequencies(data: &ProjectData, grouping: &Grouping) -> FrequencyTable {
    let book = Codebook::new(data.codes.clone());
    let labels = grouping.groups(&data.sources);
    let index: HashMap<&str, usize> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i))
        .collect();
    let sources: HashMap<SourceId, _> = data.sources.iter().map(|s| (s.id, s)).collect();
    let group_of: HashMap<SourceId, Option<usize>> = data
        .sources
        .iter()
        .map(|s| {
            (
                s.id,
                grouping
                    .group_of(s)
                    .and_then(|l| index.get(l.as_str()).copied()),
            )
        })
        .collect();

    let all_respondents = respondents(data);
    let mut sizes: Vec<GroupSize> = labels
        .iter()
        .map(|l| GroupSize {
            label: l.clone(),
            sources: 0,
            respondents: 0,
        })
        .collect();
    for g in group_of.values().flatten() {
        sizes[*g].sources += 1;
    }
    for r in &all_respondents {
        if let Some(Some(g)) = group_of.get(&r.source()) {
            sizes[*g].respondents += 1;
        }
    }

    // Tally each code's own codings, overall (slot 0) and per group (1..).
    let slots = labels.len() + 1;
    let mut own: HashMap<CodeId, Vec<Tally>> = HashMap::new();
    for c in &data.codings {
        let Some(source) = sources.get(&c.source) else {
            continue;
        };
        let respondent = respondent_of(c, source, data.turns.get(&c.source));
        let tallies = own
            .entry(c.code)
            .or_insert_with(|| (0..slots).map(|_| Tally::default()).collect());
        let group = group_of.get(&c.source).copied().flatten();
        for slot in std::iter::once(0).chain(group.map(|g| g + 1)) {
            let t = &mut tallies[slot];
            t.codings += 1;
            t.sources.insert(c.source);
            if let Some(r) = &respondent {
                // Most codings repeat a respondent already counted: look
                // before cloning.
                if !t.respondents.contains(r) {
                    t.respondents.insert(r.clone());
                }
            }
        }
    }

    let rows = book
        .preorder()
        .into_iter()
        .map(|(depth, code)| {
            let subtree: Vec<CodeId> = std::iter::once(code.id)
                .chain(book.descendants(code.id).iter().map(|d| d.id))
                .collect();
            let counts: Vec<GroupCounts> = (0..slots)
                .map(|slot| {
                    let mut codings = 0;
                    let mut srcs = BTreeSet::new();
                    let mut resp = BTreeSet::new();
                    for id in &subtree {
                        if let Some(t) = own.get(id).map(|t| &t[slot]) {
                            codings += t.codings;
                            srcs.extend(t.sources.iter().copied());
                            resp.extend(t.respondents.iter().cloned());
                        }
                    }
                    let (n_sources, n_resp) = if slot == 0 {
                        (data.sources.len(), all_respondents.len())
                    } else {
                        (sizes[slot - 1].sources, sizes[slot - 1].respondents)
                    };
                    GroupCounts {
                        codings,
                        sources: srcs.len(),
                        pct_sources: percent(srcs.len(), n_sources),
                        respondents: resp.len(),
                        pct_respondents: percent(resp.len(), n_resp),
                    }
                })
                .collect();
            FrequencyRow {
                code: code.id,
                path: book.path(code.id),
                depth,
                sub_codes: subtree.len() - 1,
                total: counts[0],
                groups: counts[1..].to_vec(),
            }
        })
        .collect();
    FrequencyTable {
        grouping: grouping.clone(),
        groups: sizes,
        total_sources: data.sources.len(),
        total_respondents: all_respondents.len(),
        rows,
    }
}

impl FrequencyTable {
    /// The wide table alone.
    pub fn to_table(&self) -> Table {
        self.to_report().wide
    }

    /// Wide: a row per code; overall and per group its codings, sources, %
    /// of sources, respondents and % of respondents, headers naming each
    /// denominator. Long: a row per code and group ("all" for overall).
    pub fn to_report(&self) -> Report {
        let title = match self.grouping.describe() {
            d if d.is_empty() => "Code frequencies".to_string(),
            d => format!("Code frequencies {d}"),
        };
        let measures = |label: &str, n_src: usize, n_resp: usize| {
            let prefix = if label.is_empty() {
                String::new()
            } else {
                format!("{label}: ")
            };
            vec![
                format!("{prefix}codings"),
                format!("{prefix}sources"),
                format!("{prefix}% of {n_src} sources"),
                format!("{prefix}respondents"),
                format!("{prefix}% of {n_resp} respondents"),
            ]
        };
        let mut columns = vec!["code".to_string(), "sub-codes".to_string()];
        columns.extend(measures("", self.total_sources, self.total_respondents));
        for g in &self.groups {
            columns.extend(measures(&g.label, g.sources, g.respondents));
        }
        let cells = |c: &GroupCounts| -> Vec<Cell> {
            vec![
                c.codings.into(),
                c.sources.into(),
                Cell::Percent(c.pct_sources),
                c.respondents.into(),
                Cell::Percent(c.pct_respondents),
            ]
        };
        let mut wide = Table::new(title.clone(), columns);
        let mut long = Table::new(
            title.clone(),
            [
                "code",
                "group",
                "codings",
                "sources",
                "group_sources",
                "pct_sources",
                "respondents",
                "group_respondents",
                "pct_respondents",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        );
        for r in &self.rows {
            let mut row = vec![Cell::text(r.path.clone()), r.sub_codes.into()];
            row.extend(cells(&r.total));
            for g in &r.groups {
                row.extend(cells(g));
            }
            wide.rows.push(row);
            let mut long_row = |label: &str, c: &GroupCounts, n_src: usize, n_resp: usize| {
                long.rows.push(vec![
                    Cell::text(r.path.clone()),
                    Cell::text(label),
                    c.codings.into(),
                    c.sources.into(),
                    n_src.into(),
                    Cell::Percent(c.pct_sources),
                    c.respondents.into(),
                    n_resp.into(),
                    Cell::Percent(c.pct_respondents),
                ]);
            };
            long_row("all", &r.total, self.total_sources, self.total_respondents);
            for (g, size) in r.groups.iter().zip(&self.groups) {
                long_row(&size.label, g, size.sources, size.respondents);
            }
        }
        Report {
            title,
            wide,
            long,
            notes: vec![
                "A parent code counts its own codings and all of its sub-codes' (see 'sub-codes').".into(),
                "Respondents: each interview is one respondent; each focus-group participant who speaks (not the moderator) is one; documents and observations have none.".into(),
            ],
        }
    }
}
