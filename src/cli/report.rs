//! `jalin report`, `jalin chart` and `jalin review`: tables, figures and
//! the review sheet, written to `--out` (atomically, never over a project)
//! or standard output.

use std::io::Write;

use anyhow::{Result, anyhow, bail};

use super::{
    Change, ChartCommand, FigureFormat, Output, ReportCommand, ReviewArgs, ReviewFormat, change,
    open, parse_attr,
};
use crate::analysis::{self, Filter, Grouping, NOBODY, QuoteOptions, Report, Table};
use crate::export::{self, Pseudonymise, TableFormat};
use crate::model::pseudonyms::Pseudonymiser;
use crate::model::{AsSpan, CONSENSUS_CODER, Codebook, ReviewStatus, SourceKind};
use crate::store::{Project, ProjectData};

/// The project's pseudonymiser when `wanted` (`--pseudonymise`); refuses
/// an empty table, so an output is never taken for pseudonymised when
/// nothing could be replaced.
pub(super) fn pseudonymiser(p: &Project, wanted: bool) -> Result<Option<Pseudonymiser>> {
    if !wanted {
        return Ok(None);
    }
    let ps = p.pseudonymiser()?;
    if ps.is_empty() {
        bail!(crate::t!(
            "cli-pseudonymise-empty",
            project = p.path().display().to_string()
        ));
    }
    Ok(Some(ps))
}

/// Writes a table, pseudonymised when `--pseudonymise` asks.
pub(super) fn emit(
    p: &Project,
    table: &Table,
    output: &Output,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let options = output.options();
    let mut replaced;
    let table = match pseudonymiser(p, output.pseudonymise)? {
        Some(ps) => {
            replaced = table.clone();
            replaced.pseudonymise(&ps);
            &replaced
        }
        None => table,
    };
    write_out(output, out, err, |format, w| {
        export::write_table_with(table, format, &options, w)
    })
}

/// Writes a report, pseudonymised when `--pseudonymise` asks.
pub(super) fn emit_report(
    p: &Project,
    report: &Report,
    output: &Output,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let options = output.options();
    let mut replaced;
    let report = match pseudonymiser(p, output.pseudonymise)? {
        Some(ps) => {
            replaced = report.clone();
            replaced.pseudonymise(&ps);
            &replaced
        }
        None => report,
    };
    write_out(output, out, err, |format, w| {
        export::write_report_with(report, format, &options, w)
    })
}

/// Writes to `--out` (atomically) or stdout; binary formats need `--out`.
pub(super) fn write_out(
    output: &Output,
    out: &mut dyn Write,
    err: &mut dyn Write,
    write: impl FnOnce(TableFormat, &mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let format = output.format;
    match &output.out {
        Some(path) => {
            export::write_file_atomically(path, |w| write(format, w))?;
            writeln!(
                err,
                "{}",
                crate::t!("cli-wrote", path = path.display().to_string())
            )?;
        }
        None if format.is_binary() => {
            bail!(
                "{}",
                crate::t!(
                    "cli-binary-format",
                    format = format.as_str(),
                    extension = format.extension()
                )
            )
        }
        None => write(format, out)?,
    }
    Ok(())
}

/// Builds the filter from the command line's names, checking each.
pub(super) fn build_filter(
    p: &Project,
    coders: &[String],
    kinds: &[SourceKind],
    wheres: &[String],
    codes: &[String],
) -> Result<Filter> {
    let all_coders = p.coders()?;
    let coders = coders
        .iter()
        .map(|name| {
            all_coders
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(name.trim()))
                .map(|c| c.id)
                .ok_or_else(|| anyhow!(crate::t!("cli-no-coder", name = name.as_str())))
        })
        .collect::<Result<_>>()?;
    let kinds = kinds.to_vec();
    let attributes = wheres
        .iter()
        .map(|w| parse_attr(w).map(|a| (a.key, a.value)))
        .collect::<Result<_>>()?;
    let codes = codes
        .iter()
        .map(|c| p.find_code(c).map(|c| c.id))
        .collect::<Result<_, _>>()?;
    Ok(Filter {
        coders,
        kinds,
        attributes,
        codes,
    })
}

/// Narrows the filter's coders for `--consensus-only` and for blind coding:
/// while the project is blind, a report shows only the current coder's
/// codings (`--coder`, else $JALIN_CODER, else the login name), and asking
/// for anyone else's is refused.
pub(super) fn scope_coders(
    p: &Project,
    filter: &mut Filter,
    current: &str,
    consensus_only: bool,
) -> Result<()> {
    if consensus_only {
        if !filter.coders.is_empty() {
            bail!(crate::t!(
                "cli-consensus-only-filter",
                coder = CONSENSUS_CODER
            ));
        }
        filter.coders = vec![p.find_coder(CONSENSUS_CODER)?.map_or(NOBODY, |c| c.id)];
    }
    if p.blind()? {
        let me = p.find_coder(current)?;
        let my_id = me.as_ref().map_or(NOBODY, |c| c.id);
        if filter.coders.iter().any(|c| *c != my_id) {
            bail!(crate::t!("cli-blind-own-only", coder = current.trim()));
        }
        filter.coders = vec![my_id];
    }
    Ok(())
}

fn parse_grouping<C>(by: Option<&str>, data: &ProjectData<C>) -> Result<Grouping> {
    let grouping: Grouping = by
        .unwrap_or("none")
        .parse()
        .map_err(|e: String| anyhow!(e))?;
    for key in grouping.keys() {
        if !data.sources.iter().any(|s| s.attribute(key).is_some())
            && !data.speakers.iter().any(|s| s.attribute(key).is_some())
        {
            bail!(crate::t!("cli-no-attribute", key = key.to_string()));
        }
    }
    Ok(grouping)
}

/// The frequency table by `by`, of the codings `filter` keeps, the
/// project's data passed through `hide` (pseudonyms) before counting:
/// `jalin report frequencies` and `jalin chart frequencies|heatmap` alike.
/// On a team project the server counts the codings (a few thousand rows
/// cross the network instead of a million codings); a file's codings are
/// read lean and counted here, which SQLite does faster than its own
/// `GROUP BY`. The same table either way.
fn frequency_table(
    p: &Project,
    by: Option<&str>,
    filter: &Filter,
    ps: Option<&Pseudonymiser>,
) -> Result<analysis::FrequencyTable> {
    if p.server().is_none() {
        let (data, grouping) = hidden(prepare(p.lean_data()?, by, filter)?, ps);
        return Ok(analysis::frequencies(&data, &grouping));
    }
    let (data, grouping) = hidden(prepare(p.counting_data()?, by, filter)?, ps);
    let counted = p.coding_counts(&filter.coders, true)?;
    Ok(analysis::frequencies_counted(&data, &counted, &grouping))
}

/// Names replaced after filtering (a --where matches stored values) and
/// before anything is drawn; the grouping's attribute keys with the
/// data's, so it still finds them.
fn hidden<C>(
    (mut data, mut grouping): (ProjectData<C>, Grouping),
    ps: Option<&Pseudonymiser>,
) -> (ProjectData<C>, Grouping) {
    if let Some(ps) = ps {
        data.pseudonymise(ps);
        grouping.pseudonymise(ps);
    }
    (data, grouping)
}

/// Checks the grouping `by` against the data read, then filters the data.
fn prepare<C: AsSpan + Clone>(
    data: ProjectData<C>,
    by: Option<&str>,
    filter: &Filter,
) -> Result<(ProjectData<C>, Grouping)> {
    let grouping = parse_grouping(by, &data)?;
    Ok((filter.keep(data), grouping))
}

pub(super) fn report_cmd(
    r: ReportCommand,
    current: &str,
    coder: Option<String>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let common = match &r {
        ReportCommand::Frequencies { common }
        | ReportCommand::Triangulation { common }
        | ReportCommand::Cooccurrence { common, .. }
        | ReportCommand::Matrix { common, .. }
        | ReportCommand::Quotes { common, .. } => common,
    };
    let p = open(&common.project)?;
    let coders: Vec<String> = common.coders.iter().cloned().chain(coder).collect();
    let mut filter = build_filter(&p, &coders, &common.kinds, &common.wheres, &common.codes)?;
    scope_coders(&p, &mut filter, current, common.consensus_only)?;
    let by = common.by.as_deref();
    let report = match &r {
        // The counting tables: on a team project the server counts the
        // codings (a few thousand rows cross the network instead of a
        // million codings); a file's codings are read lean and counted here,
        // which SQLite does faster than its own GROUP BY. Same tables.
        ReportCommand::Frequencies { .. } => frequency_table(&p, by, &filter, None)?.to_report(),
        ReportCommand::Triangulation { .. } if p.server().is_none() => {
            let (data, grouping) = prepare(p.lean_data()?, by, &filter)?;
            analysis::triangulation(&data, &grouping).to_report()
        }
        ReportCommand::Triangulation { .. } => {
            let (data, grouping) = prepare(p.counting_data()?, by, &filter)?;
            let counted = p.coding_counts(&filter.coders, false)?;
            analysis::triangulation_counted(&data, &counted, &grouping).to_report()
        }
        ReportCommand::Cooccurrence { unit, jaccard, .. } => {
            let (data, _) = prepare(p.data()?, by, &filter)?;
            let mode = *unit;
            analysis::cooccurrence(&data, &p.source_texts()?, mode).to_report(*jaccard)
        }
        ReportCommand::Matrix { presence, .. } => {
            let (data, _) = prepare(p.data()?, by, &filter)?;
            analysis::code_source_matrix(&data, *presence).to_report()
        }
        ReportCommand::Quotes {
            cite,
            exemplars_only,
            columns,
            ..
        } => {
            let (data, _) = prepare(p.data()?, by, &filter)?;
            let options = QuoteOptions {
                cite: cite
                    .iter()
                    .map(|c| c.trim().to_lowercase())
                    .filter(|c| !c.is_empty())
                    .collect(),
                exemplars_only: *exemplars_only,
            };
            let mut report =
                analysis::quotes_report(&analysis::quotes(&data, &p.source_texts()?, &options));
            let columns: Vec<String> = columns
                .iter()
                .filter(|c| !c.trim().is_empty())
                .cloned()
                .collect();
            if !columns.is_empty() {
                report.select_columns(&columns).map_err(|e| anyhow!(e))?;
            }
            report
        }
    };
    let mut report = report;
    if common.sort == analysis::SortOrder::Frequency {
        report.sort_by_frequency();
    }
    if common.cells == analysis::CellStyle::Combined {
        report.combine_cells();
    }
    if let Some(note) = filter.note(&p.coders()?, &Codebook::new(p.codes()?)) {
        report.notes.push(note);
    }
    emit_report(&p, &report, &common.output, out, err)
}

pub(super) fn chart_cmd(
    c: ChartCommand,
    current: &str,
    coder: Option<String>,
    err: &mut dyn Write,
) -> Result<()> {
    let (kind, args) = match &c {
        ChartCommand::Frequencies { common } => ("frequencies", common),
        ChartCommand::Heatmap { common } => ("heatmap", common),
        ChartCommand::ConceptMap { common } => ("concept-map", common),
    };
    let format = args.format;
    if format == FigureFormat::Dot && kind != "concept-map" {
        bail!(crate::t!("cli-dot-concept-map-only", kind = kind));
    }
    let p = open(&args.project)?;
    let ps = pseudonymiser(&p, args.pseudonymise)?;
    let coders: Vec<String> = args.coders.iter().cloned().chain(coder).collect();
    let mut filter = build_filter(&p, &coders, &args.kinds, &args.wheres, &[])?;
    scope_coders(&p, &mut filter, current, args.consensus_only)?;
    let text = match kind {
        "frequencies" => {
            export::bar_chart_svg(&frequency_table(&p, Some("kind"), &filter, ps.as_ref())?)
        }
        "heatmap" => {
            let by = args.by.as_deref().unwrap_or("attr:city");
            if matches!(by.parse(), Ok(Grouping::None | Grouping::Kind)) {
                bail!(crate::t!("cli-heatmap-needs-attribute"));
            }
            export::heatmap_svg(&frequency_table(&p, Some(by), &filter, ps.as_ref())?)
        }
        _ => {
            let data = filter.keep(p.data()?);
            let data = {
                let mut d = data;
                if let Some(ps) = &ps {
                    d.pseudonymise(ps);
                }
                d
            };
            let book = Codebook::new(data.codes.clone());
            let freq = analysis::frequencies(&data, &Grouping::None);
            let co = analysis::cooccurrence(&data, &p.source_texts()?, args.unit);
            if format == FigureFormat::Dot {
                export::concept_map_dot(&book, &freq, &co)
            } else {
                export::concept_map_svg(&book, &freq, &co)
            }
        }
    };
    let bytes = if format == FigureFormat::Png {
        export::svg_to_png(&text, 2.0).map_err(|e| anyhow!(e))?
    } else {
        text.into_bytes()
    };
    export::write_file_atomically(&args.out, |w| w.write_all(&bytes))?;
    writeln!(
        err,
        "{}",
        crate::t!("cli-wrote", path = args.out.display().to_string())
    )?;
    Ok(())
}

pub(super) fn review_cmd(a: ReviewArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    let ReviewArgs {
        project,
        session,
        set,
        note,
        format,
        out: out_path,
        pseudonymise,
    } = a;
    let mut p = open(&project)?;
    if let Some(set) = set {
        let (theme, status) = set
            .rsplit_once('=')
            .ok_or_else(|| anyhow!(crate::t!("cli-bad-review-set", value = set.as_str())))?;
        let status: ReviewStatus = status.parse().map_err(|e: String| anyhow!(e))?;
        let code = p.find_code(theme)?;
        change(
            &mut p,
            Change::SetReview {
                session: session.clone(),
                code: code.id,
                status,
                note,
            },
        )?;
        writeln!(
            out,
            "{}",
            crate::t!(
                "cli-review-set",
                code = code.name.as_str(),
                status = match status {
                    ReviewStatus::Pending => crate::t!("review-status-pending"),
                    ReviewStatus::Confirmed => crate::t!("review-status-confirmed"),
                    ReviewStatus::Disputed => crate::t!("review-status-disputed"),
                    ReviewStatus::Revised => crate::t!("review-status-revised"),
                },
                session = session.trim()
            )
        )?;
    } else {
        let format = format.unwrap_or(ReviewFormat::Docx);
        let ps = pseudonymiser(&p, pseudonymise)?;
        let data = p.data()?;
        let mut board = analysis::review_board(
            &data,
            &p.source_texts()?,
            &session,
            &p.review_items(&session)?,
        );
        if let Some(ps) = &ps {
            board.pseudonymise(ps);
        }
        let write = |w: &mut dyn Write| match format {
            ReviewFormat::Markdown => export::write_review_markdown(&board, w),
            ReviewFormat::Docx => export::write_review_docx(&board, w),
        };
        match (format, out_path) {
            (_, Some(path)) => {
                export::write_file_atomically(&path, write)?;
                writeln!(
                    err,
                    "{}",
                    crate::t!("cli-wrote", path = path.display().to_string())
                )?;
            }
            (ReviewFormat::Markdown, None) => write(out)?,
            (ReviewFormat::Docx, None) => {
                bail!(
                    "{}",
                    crate::t!("cli-binary-format", format = "docx", extension = "docx")
                )
            }
        }
    }
    Ok(())
}
