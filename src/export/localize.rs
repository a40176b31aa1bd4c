//! The tables people read, in the current language: column headers, kinds,
//! statuses and the demo study's role values translated, numbers with the
//! language's decimal separator ([`Cell::human`]).
//!
//! The analyses build their tables with stable English column names and
//! values, which CSV and the tidy data keep in every language (scripts read
//! them); titles and notes, which only people read, are written in the
//! current language when the report is made. Here the wide table is turned
//! into the language of the formats people read (Markdown, LaTeX, HTML,
//! DOCX, XLSX's "table" sheet). English is left exactly as it is.

use crate::analysis::{Cell, Report, Table};
use crate::i18n::{Arg, Lang, tr_in};
use crate::model::SourceKind;

/// A message of `lang` when it exists, else `None`.
fn message(lang: Lang, key: &str, args: &[(&str, Arg)]) -> Option<String> {
    let text = tr_in(lang, key, args);
    (text != key).then_some(text)
}

/// A kind as its word in a list ("focus group", "focus_group") or as a
/// header ("Focus group").
fn kind_of(s: &str) -> Option<(SourceKind, bool)> {
    SourceKind::ALL.iter().find_map(|&k| {
        if s == k.as_str() || s == crate::analysis::kind_words(k) {
            Some((k, false))
        } else if s == crate::analysis::kind_label(k) {
            Some((k, true))
        } else {
            None
        }
    })
}

fn kind_key(k: SourceKind, label: bool) -> String {
    let base = match k {
        SourceKind::Interview => "interview",
        SourceKind::FocusGroup => "focus-group",
        SourceKind::Document => "document",
        SourceKind::Observation => "observation",
    };
    if label {
        format!("kind-label-{base}")
    } else {
        format!("kind-{base}")
    }
}

/// A value as `lang` reads it: a source kind, "(not set)", one of the
/// demo study's role values ("community_leader" → "tokoh masyarakat"), or
/// a pair of them ("Palu × prosecutor"); anything else as entered.
pub fn value_in(value: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return value.to_string();
    }
    if let Some((a, b)) = value.split_once(crate::analysis::PAIR_SEPARATOR) {
        return format!(
            "{}{}{}",
            value_in(a, lang),
            crate::analysis::PAIR_SEPARATOR,
            value_in(b, lang)
        );
    }
    if let Some((k, label)) = kind_of(value) {
        return tr_in(lang, &kind_key(k, label), &[]);
    }
    if value == crate::analysis::NOT_SET {
        return tr_in(lang, "cell-not-set", &[]);
    }
    let normal: String = value
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == '_' || c == ' ' { '-' } else { c })
        .collect();
    if !normal.is_empty()
        && normal.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        && let Some(t) = message(lang, &format!("value-{normal}"), &[])
    {
        return t;
    }
    value.to_string()
}

/// A measure as its column names it: "codings", "% of 20 sources",
/// "sources (of 14)", "respondents, n of 2 (%)".
fn measure_in(m: &str, lang: Lang) -> String {
    let word = |w: &str| message(lang, &format!("col-{}", w.replace(' ', "-")), &[]);
    if let Some(t) = word(m) {
        return t;
    }
    if let Some((measure, rest)) = m.rsplit_once(", n of ")
        && let Some(n) = rest.strip_suffix(" (%)")
        && let Ok(n) = n.parse::<usize>()
    {
        return tr_in(
            lang,
            "col-combined",
            &[
                ("measure", Arg::from(measure_in(measure, lang))),
                ("n", Arg::from(n)),
            ],
        );
    }
    if let Some(rest) = m.strip_prefix("% of ")
        && let Some((n, unit)) = rest.split_once(' ')
        && let Ok(n) = n.parse::<usize>()
    {
        return tr_in(
            lang,
            "col-share",
            &[
                ("n", Arg::from(n)),
                (
                    "unit",
                    Arg::from(word(unit).unwrap_or_else(|| unit.to_string())),
                ),
            ],
        );
    }
    if let Some((measure, rest)) = m.rsplit_once(" (of ")
        && let Some(n) = rest.strip_suffix(')')
        && let Ok(n) = n.parse::<usize>()
    {
        return tr_in(
            lang,
            "col-of",
            &[
                ("measure", Arg::from(measure_in(measure, lang))),
                ("n", Arg::from(n)),
            ],
        );
    }
    m.to_string()
}

/// A column header in `lang`: "Interview: % of 14 sources" →
/// "Wawancara: % dari 14 sumber".
pub fn column_in(c: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return c.to_string();
    }
    match c.rsplit_once(": ") {
        Some((group, measure)) => {
            format!("{}: {}", value_in(group, lang), measure_in(measure, lang))
        }
        None => measure_in(c, lang),
    }
}

/// A text cell of column `column` (its English name) in `lang`.
fn text_in(column: &str, s: &str, lang: Lang) -> String {
    let measure = column.rsplit_once(": ").map_or(column, |(_, m)| m);
    let list = |s: &str| {
        s.split(", ")
            .map(|w| value_in(w, lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (measure, s) {
        (_, "" | "—") => s.to_string(),
        (_, "(all)") => tr_in(lang, "cell-all", &[]),
        ("kind" | "found in" | "attribution", _) => list(s),
        ("status", "corroborated" | "single-kind" | "absent") => {
            tr_in(lang, &format!("status-{s}"), &[])
        }
        ("exemplar", "yes") => tr_in(lang, "cell-yes", &[]),
        ("decision", "open" | "both" | "edited") => tr_in(lang, &format!("decision-{s}"), &[]),
        ("difference", "little overlap") => tr_in(lang, "difference-little-overlap", &[]),
        ("difference", _) if s.starts_with("only ") => tr_in(
            lang,
            "difference-only",
            &[("coder", Arg::from(&s["only ".len()..]))],
        ),
        _ => s.to_string(),
    }
}

/// `table` as people read it in `lang`: headers and the words of known
/// columns translated. Cells stay cells (numbers stay numbers; exporters
/// print them with [`Cell::human`]).
pub fn localize_table(table: &Table, lang: Lang) -> Table {
    if lang == Lang::En {
        return table.clone();
    }
    let rows = table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(i, cell)| match cell {
                    Cell::Text(s) => {
                        let column = table.columns.get(i).map_or("", String::as_str);
                        let t = text_in(column, s, lang);
                        if t == **s {
                            cell.clone()
                        } else {
                            Cell::text(t)
                        }
                    }
                    other => other.clone(),
                })
                .collect()
        })
        .collect();
    Table {
        title: table.title.clone(),
        columns: table.columns.iter().map(|c| column_in(c, lang)).collect(),
        rows,
    }
}

/// `report` as people read it in `lang`: its wide table translated
/// ([`localize_table`]); the long (tidy) table keeps its stable names.
pub fn localize_report(report: &Report, lang: Lang) -> Report {
    if lang == Lang::En {
        return report.clone();
    }
    Report {
        title: report.title.clone(),
        wide: localize_table(&report.wide, lang),
        long: report.long.clone(),
        notes: report.notes.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_values_read_in_indonesian() {
        let id = Lang::Id;
        assert_eq!(column_in("% of 20 sources", id), "% dari 20 sumber");
        assert_eq!(
            column_in("Focus group: sources (of 1)", id),
            "Diskusi kelompok terarah (FGD): sumber (dari 1)"
        );
        assert_eq!(
            column_in("community_leader: respondents, n of 2 (%)", id),
            "tokoh masyarakat: responden, n dari 2 (%)"
        );
        assert_eq!(
            column_in("Palu × prosecutor: codings", id),
            "Palu × jaksa: pengodean"
        );
        assert_eq!(
            column_in("(not set): codings", id),
            "(belum diisi): pengodean"
        );
        assert_eq!(column_in("Palu_Prosecutor_02", id), "Palu_Prosecutor_02");
        assert_eq!(
            text_in("found in", "interview, focus group, document", id),
            "wawancara, diskusi kelompok terarah (FGD), dokumen"
        );
        assert_eq!(text_in("status", "single-kind", id), "satu jenis");
        assert_eq!(column_in("% of 20 sources", Lang::En), "% of 20 sources");
    }

    #[test]
    fn shares_read_as_papers_in_each_language() {
        let share = Cell::Share {
            n: 7,
            of: 10,
            pct: 70.0,
            group: Some("community_leader".into()),
        };
        assert_eq!(share.human_in(Lang::En), "7 of 10 (70%)");
        assert_eq!(share.display(), "7 of 10 (70%)");
        assert_eq!(
            share.human_in(Lang::Id),
            "7 dari 10 tokoh masyarakat (70,0%)"
        );
        let plain = Cell::Share {
            n: 12,
            of: 20,
            pct: 60.0,
            group: None,
        };
        assert_eq!(plain.human_in(Lang::Id), "12 dari 20 (60,0%)");
        assert_eq!(Cell::Ratio(0.0625).human_in(Lang::Id), "0,063");
        assert_eq!(Cell::Percent(83.3).human_in(Lang::En), "83.3");
    }
}
