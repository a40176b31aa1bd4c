/// One value of a table. Numbers stay numbers so spreadsheets and R read
/// them as such.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Shared, so a report's wide and long tables (often the same rows) and
    /// the workbench's preview hold one copy of each quote, not three.
    Text(std::sync::Arc<str>),
    Int(i64),
    /// A percentage, printed with one decimal.
    Percent(f64),
    /// A ratio such as a similarity, printed with three decimals.
    Ratio(f64),
    /// A statistic printed with six decimals (agreement coefficients in
    /// tidy tables, for checking against other software).
    Statistic(f64),
    /// A count with its share, as papers quote it: `n` of `of`, `pct`
    /// percent (one decimal kept; English prints it whole, "7 of 10
    /// (70%)", Indonesian "7 dari 10 (70,0%)"). `group` names who the `of`
    /// are when the column counts the respondents of one attribute value
    /// ("7 dari 10 tokoh masyarakat (70,0%)").
    Share {
        n: i64,
        of: usize,
        pct: f64,
        group: Option<std::sync::Arc<str>>,
    },
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into().into())
    }

    /// The cell as printed, without any format-specific escaping.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.to_string(),
            Cell::Int(n) => n.to_string(),
            Cell::Percent(p) => round_half_up(*p, 1),
            Cell::Ratio(r) => round_half_up(*r, 3),
            Cell::Statistic(x) => round_half_up(*x, 6),
            Cell::Share { n, of, pct, .. } => {
                format!("{n} of {of} ({}%)", round_half_up(*pct, 0))
            }
        }
    }

    /// The cell as people read it in the current language: decimal comma
    /// in Indonesian, shares as "7 dari 10 (70,0%)". English reads as
    /// [`Cell::display`]. CSV keeps [`Cell::display`].
    pub fn human(&self) -> String {
        self.human_in(crate::i18n::current())
    }

    /// [`Cell::human`] in `lang`.
    pub fn human_in(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::{Arg, Lang, tr_in};
        if lang == Lang::En {
            return self.display();
        }
        let comma = |s: String| s.replace('.', &lang.decimal_separator().to_string());
        match self {
            Cell::Text(s) => s.to_string(),
            Cell::Int(n) => n.to_string(),
            Cell::Percent(_) | Cell::Ratio(_) | Cell::Statistic(_) => comma(self.display()),
            Cell::Share { n, of, pct, group } => {
                let mut args = vec![
                    ("n", Arg::from(*n)),
                    ("of", Arg::from(*of)),
                    ("pct", Arg::from(comma(round_half_up(*pct, 1)))),
                ];
                match group {
                    Some(g) => {
                        args.push(("group", Arg::from(crate::export::value_in(g, lang))));
                        tr_in(lang, "cell-share-group", &args)
                    }
                    None => tr_in(lang, "cell-share", &args),
                }
            }
        }
    }

    pub fn is_number(&self) -> bool {
        !matches!(self, Cell::Text(_) | Cell::Share { .. })
    }
}

/// `x` with `decimals` decimals, halves rounded up (away from zero): the
/// one rounding rule of every figure Jalin prints, so 1/16 = 0.0625 prints
/// 0.063 and 12.25 % prints 12.3. The value is first taken to nine
/// decimals, so a binary fraction just below the half (1.005 is
/// 1.00499999…) rounds as written.
pub fn round_half_up(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let m = 10f64.powi(decimals as i32);
    let scaled = ((x.abs() * m) * 1e6).round() / 1e6;
    let r = (scaled + 0.5).floor() / m;
    let r = if x < 0.0 && r != 0.0 { -r } else { r };
    format!("{r:.decimals$}")
}

impl From<usize> for Cell {
    fn from(n: usize) -> Cell {
        Cell::Int(n as i64)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.into())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s.into())
    }
}

/// A rectangular table with named columns: what every exporter writes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(title: impl Into<String>, columns: Vec<String>) -> Self {
        Table {
            title: title.into(),
            columns,
            rows: Vec::new(),
        }
    }

    /// Index of a column by name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }
}

/// A finished analysis: the table to read (wide), the same numbers one
/// observation per row (long, for R and pandas), and notes on how it was
/// counted.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub title: String,
    pub wide: Table,
    pub long: Table,
    pub notes: Vec<String>,
}

/// How counts and their shares are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum CellStyle {
    /// A column for the count and one for its percentage.
    #[default]
    Separate,
    /// One cell as papers quote it: "7 of 10 (70%)".
    Combined,
}

/// The order of a table's codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SortOrder {
    /// As in the codebook.
    #[default]
    Codebook,
    /// Most codings first, among siblings (sub-codes stay under their theme).
    Frequency,
}

impl Report {
    /// Keeps only the named columns, in the order given, in the wide and
    /// the long table (names compared without case). An unknown name is an
    /// error naming the columns there are.
    pub fn select_columns(&mut self, names: &[String]) -> Result<(), String> {
        let pick = |t: &Table| -> Result<Vec<usize>, String> {
            names
                .iter()
                .map(|n| {
                    t.columns
                        .iter()
                        .position(|c| c.eq_ignore_ascii_case(n.trim()))
                        .ok_or_else(|| {
                            format!(
                                "'{}' is not a column of this table: use {}",
                                n.trim(),
                                t.columns.join(", ")
                            )
                        })
                })
                .collect()
        };
        for t in [&mut self.wide, &mut self.long] {
            let idx = pick(t)?;
            t.columns = idx.iter().map(|&i| t.columns[i].clone()).collect();
            for row in &mut t.rows {
                *row = idx
                    .iter()
                    .map(|&i| row.get(i).cloned().unwrap_or(Cell::text("")))
                    .collect();
            }
        }
        Ok(())
    }

    /// Joins each count column with the "% of N …" column after it into
    /// one text cell, "7 of 10 (70%)" (percentages whole, half-up); a
    /// share of nothing prints "—". Tables without such pairs are left as
    /// they are. Only the wide table changes.
    pub fn combine_cells(&mut self) {
        let t = &mut self.wide;
        let mut i = 0;
        let mut changed = false;
        while i + 1 < t.columns.len() {
            let (count, share) = (&t.columns[i], &t.columns[i + 1]);
            let pair = share.rsplit_once("% of ").and_then(|(prefix, rest)| {
                let (n, unit) = rest.split_once(' ')?;
                let n: usize = n.parse().ok()?;
                (count == &format!("{prefix}{unit}")).then_some(n)
            });
            let Some(n) = pair else {
                i += 1;
                continue;
            };
            // Respondents of one attribute value ("community_leader:
            // respondents") are named in Indonesian cells: "7 dari 10 tokoh
            // masyarakat". Kinds, pairs and "(not set)" are not.
            let group: Option<std::sync::Arc<str>> = count
                .strip_suffix(": respondents")
                .filter(|g| {
                    !g.contains(super::grouping::PAIR_SEPARATOR)
                        && *g != super::NOT_SET
                        && !crate::model::SourceKind::ALL
                            .iter()
                            .any(|k| k.as_str() == *g)
                })
                .map(Into::into);
            for row in &mut t.rows {
                if row.len() <= i + 1 {
                    continue;
                }
                row[i] = match (&row[i], &row[i + 1]) {
                    // The share from the counts themselves: the percent
                    // column is already rounded to one decimal, and
                    // rounding that again to a whole number can go the
                    // other way (5 of 13 is 38.46%: 38.5%, then 39%).
                    (Cell::Int(c), Cell::Percent(p)) => Cell::Share {
                        n: *c,
                        of: n,
                        pct: if n > 0 {
                            *c as f64 * 100.0 / n as f64
                        } else {
                            *p
                        },
                        group: group.clone(),
                    },
                    (c, Cell::Percent(p)) => Cell::text(format!(
                        "{} of {n} ({}%)",
                        c.display(),
                        round_half_up(*p, 0)
                    )),
                    _ => Cell::text("—"),
                };
                row.remove(i + 1);
            }
            t.columns[i] = format!("{count}, n of {n} (%)");
            t.columns.remove(i + 1);
            changed = true;
            i += 1;
        }
        if changed {
            self.notes.push(crate::t!("note-combined"));
        }
    }

    /// Sorts the wide table's rows by their `codings` column, most first,
    /// among siblings: a theme with its sub-codes under it, the themes by
    /// their totals. Rows are told apart by their `code` path ("A > b").
    pub fn sort_by_frequency(&mut self) {
        let t = &mut self.wide;
        let (Some(code), Some(codings)) = (t.column("code"), t.column("codings")) else {
            return;
        };
        let count = |r: &Vec<Cell>| match r.get(codings) {
            Some(Cell::Int(n)) => *n,
            _ => 0,
        };
        let by_path: std::collections::HashMap<String, i64> = t
            .rows
            .iter()
            .map(|r| (r[code].display(), count(r)))
            .collect();
        let key = |r: &Vec<Cell>| -> Vec<(i64, String)> {
            let path = r[code].display();
            let parts: Vec<&str> = path.split(" > ").collect();
            (1..=parts.len())
                .map(|k| {
                    let prefix = parts[..k].join(" > ");
                    (-by_path.get(&prefix).copied().unwrap_or(0), prefix)
                })
                .collect()
        };
        t.rows.sort_by_cached_key(key);
        self.notes.push(crate::t!("note-sorted"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_figure_rounds_half_up() {
        assert_eq!(Cell::Ratio(1.0 / 16.0).display(), "0.063");
        assert_eq!(Cell::Percent(12.25).display(), "12.3");
        assert_eq!(Cell::Percent(0.05).display(), "0.1");
        assert_eq!(round_half_up(1.005, 2), "1.01");
        assert_eq!(round_half_up(2.5, 0), "3");
        assert_eq!(round_half_up(-0.0625, 3), "-0.063");
        assert_eq!(round_half_up(0.4, 0), "0");
        assert_eq!(super::super::percent(1, 16), 6.3);
        assert_eq!(super::super::percent(1, 8), 12.5);
    }

    #[test]
    fn a_combined_share_is_rounded_once_from_the_counts() {
        // 5 of 13 is 38.46%: the percent column says 38.5; the combined
        // cell must say 38%, not 38.5 rounded again (39%).
        let mut wide = Table::new("t", vec!["sources".into(), "% of 13 sources".into()]);
        wide.rows.push(vec![
            Cell::Int(5),
            Cell::Percent(super::super::percent(5, 13)),
        ]);
        let mut report = Report {
            title: "t".into(),
            long: wide.clone(),
            wide,
            notes: Vec::new(),
        };
        report.combine_cells();
        assert_eq!(report.wide.rows[0][0].display(), "5 of 13 (38%)");
        assert_eq!(
            report.wide.rows[0][0].human_in(crate::i18n::Lang::Id),
            "5 dari 13 (38,5%)"
        );
    }
}
