//! How often each code was applied: codings, sources coded, respondents, and
//! their shares, overall and split by source kind, an attribute or a pair of
//! attributes. A parent code's row counts its whole subtree (its own codings
//! and all its sub-codes'), so a theme's total reads straight off the table.

use std::collections::HashMap;

use super::tally::{Tally, members};
use super::{Cell, Grouping, Report, Respondent, Table, percent};
use crate::model::{AsSpan, CodeId, Codebook};
use crate::store::{CodingCounts, ProjectData};

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
    /// The codings applied to this code itself, not to a sub-code (the
    /// same as `total` and `groups` for a code without sub-codes): what
    /// the charts show as "Parent (coded directly)".
    pub direct: (GroupCounts, Vec<GroupCounts>),
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

/// Counts codings, coded sources and coded respondents per code (with its
/// sub-codes) and per group.
pub fn frequencies<C: AsSpan>(data: &ProjectData<C>, grouping: &Grouping) -> FrequencyTable {
    frequencies_of(data, &Tally::new(data, true), grouping)
}

/// [`frequencies`] from codings counted in SQL ([`Project::coding_counts`]
/// with turns), without reading `data.codings`: the same table.
///
/// [`Project::coding_counts`]: crate::store::Project::coding_counts
pub fn frequencies_counted<C>(
    data: &ProjectData<C>,
    counted: &CodingCounts,
    grouping: &Grouping,
) -> FrequencyTable {
    frequencies_of(data, &Tally::from_counts(data, counted, true), grouping)
}

fn frequencies_of<C>(data: &ProjectData<C>, tally: &Tally, grouping: &Grouping) -> FrequencyTable {
    let book = Codebook::new(data.codes.clone());
    // A participant with attributes of their own (set in the project) is
    // grouped by those; everyone else by their source's.
    let respondent_labels: Vec<Option<String>> = tally
        .all_respondents()
        .iter()
        .enumerate()
        .map(|(r, who)| {
            let own = match who {
                // Only attribute groupings read a participant's attributes.
                _ if grouping.keys().is_empty() => &[],
                Respondent::Participant(s, name) => data
                    .speaker(*s, name)
                    .map(|sp| sp.attributes.as_slice())
                    .unwrap_or(&[]),
                Respondent::Interviewee(_) => &[],
            };
            grouping.group_with(&data.sources[tally.respondent_source(r)], own)
        })
        .collect();
    let labels = grouping.groups_with(&data.sources, respondent_labels.iter().flatten().cloned());
    let index: HashMap<&str, usize> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i))
        .collect();
    // The group of each source, by its index in `data.sources`.
    let group_of: Vec<Option<usize>> = data
        .sources
        .iter()
        .map(|s| {
            grouping
                .group_of(s)
                .and_then(|l| index.get(l.as_str()).copied())
        })
        .collect();
    // Overall (slot 0) and each group's (slot g + 1) of a source.
    let slots_of = |s: usize| std::iter::once(0).chain(group_of[s].map(|g| g + 1));

    let respondent_group: Vec<Option<usize>> = respondent_labels
        .iter()
        .map(|l| l.as_deref().and_then(|l| index.get(l).copied()))
        .collect();
    let all_respondents = tally.all_respondents();
    let mut sizes: Vec<GroupSize> = labels
        .iter()
        .map(|l| GroupSize {
            label: l.clone(),
            sources: 0,
            respondents: 0,
        })
        .collect();
    for g in group_of.iter().flatten() {
        sizes[*g].sources += 1;
    }
    for g in respondent_group.iter().flatten() {
        sizes[*g].respondents += 1;
    }

    let slots = labels.len() + 1;
    let rows = book
        .preorder()
        .into_iter()
        .map(|(depth, code)| {
            let subtree: Vec<CodeId> = std::iter::once(code.id)
                .chain(book.descendants(code.id).iter().map(|d| d.id))
                .collect();
            let count = |ids: &[CodeId]| -> Vec<GroupCounts> {
                // The codes' codings per source, and their respondents.
                let mut per_source = vec![0usize; data.sources.len()];
                let mut coded = tally.no_respondents();
                for k in ids.iter().filter_map(|&id| tally.code(id)) {
                    for (sum, &n) in per_source.iter_mut().zip(tally.per_source(k)) {
                        *sum += n as usize;
                    }
                    tally.add_respondents(k, &mut coded);
                }
                let mut codings = vec![0; slots];
                let mut srcs = vec![0; slots];
                let mut resp = vec![0; slots];
                for (s, &n) in per_source.iter().enumerate().filter(|(_, n)| **n > 0) {
                    for slot in slots_of(s) {
                        codings[slot] += n;
                        srcs[slot] += 1;
                    }
                }
                for r in members(&coded) {
                    resp[0] += 1;
                    // A respondent found only through a coding (none in
                    // consistent data) has no group.
                    if let Some(g) = respondent_group.get(r).copied().flatten() {
                        resp[g + 1] += 1;
                    }
                }
                (0..slots)
                    .map(|slot| {
                        let (n_sources, n_resp) = if slot == 0 {
                            (data.sources.len(), all_respondents.len())
                        } else {
                            (sizes[slot - 1].sources, sizes[slot - 1].respondents)
                        };
                        GroupCounts {
                            codings: codings[slot],
                            sources: srcs[slot],
                            pct_sources: percent(srcs[slot], n_sources),
                            respondents: resp[slot],
                            pct_respondents: percent(resp[slot], n_resp),
                        }
                    })
                    .collect()
            };
            let counts = count(&subtree);
            let direct = if subtree.len() > 1 {
                count(&[code.id])
            } else {
                counts.clone()
            };
            FrequencyRow {
                code: code.id,
                path: book.path(code.id),
                depth,
                sub_codes: subtree.len() - 1,
                total: counts[0],
                groups: counts[1..].to_vec(),
                direct: (direct[0], direct[1..].to_vec()),
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
            d if d.is_empty() => crate::t!("report-frequencies"),
            d => crate::t!("report-frequencies-by", by = d),
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
        // A share of nothing (documents have no respondents) is "—", not 0.
        let pct = |p: f64, whole: usize| {
            if whole == 0 {
                Cell::text("—")
            } else {
                Cell::Percent(p)
            }
        };
        let cells = |c: &GroupCounts, n_src: usize, n_resp: usize| -> Vec<Cell> {
            vec![
                c.codings.into(),
                c.sources.into(),
                pct(c.pct_sources, n_src),
                c.respondents.into(),
                pct(c.pct_respondents, n_resp),
            ]
        };
        // The long table keeps 0.0 there (its group_* column says the
        // denominator is 0), as earlier versions printed it.
        let long_pct = |p: f64, _whole: usize| Cell::Percent(p);
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
            row.extend(cells(&r.total, self.total_sources, self.total_respondents));
            for (g, size) in r.groups.iter().zip(&self.groups) {
                row.extend(cells(g, size.sources, size.respondents));
            }
            wide.rows.push(row);
            let mut long_row = |label: &str, c: &GroupCounts, n_src: usize, n_resp: usize| {
                long.rows.push(vec![
                    Cell::text(r.path.clone()),
                    Cell::text(label),
                    c.codings.into(),
                    c.sources.into(),
                    n_src.into(),
                    long_pct(c.pct_sources, n_src),
                    c.respondents.into(),
                    n_resp.into(),
                    long_pct(c.pct_respondents, n_resp),
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
                crate::t!("note-frequencies-parent"),
                crate::t!("note-frequencies-respondents"),
            ],
        }
    }
}
