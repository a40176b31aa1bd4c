//! Computing a report's preview from the project and the panel's inputs.

use super::{ReportInputs, ReportKind, attribute_keys, default_attribute, strings};
use crate::analysis::{self, Filter, FrequencyTable, Grouping, QuoteOptions, Report};
use crate::app::AppState;
use crate::export::{self, Pseudonymise};
use crate::model::{CodeId, SourceId};
use crate::store::{CodingCounts, LeanData};
use std::collections::HashSet;

/// A computed preview.
pub(super) enum Preview {
    Table(Report),
    Bars(FrequencyTable),
    Heatmap(FrequencyTable),
    ConceptMap {
        svg: String,
        dot: String,
        texture: Option<egui::TextureHandle>,
    },
    /// Why there is nothing to show.
    Message(String),
}

/// Runs the analysis the inputs ask for (called only when they change).
pub(super) fn compute(state: &AppState, inputs: &ReportInputs) -> Result<Preview, String> {
    if inputs.pseudonymise && state.pseudonymiser.is_empty() {
        return Err(strings::no_pseudonyms().into());
    }
    let mut preview = compute_plain(state, inputs)?;
    // Tables are pseudonymised whole, after they are built (quotes
    // included); charts were drawn from data whose names were replaced.
    if inputs.pseudonymise
        && let Preview::Table(report) = &mut preview
    {
        report.pseudonymise(&state.pseudonymiser);
    }
    Ok(preview)
}

/// Project data narrowed by `filter`, with its names pseudonymised when
/// the inputs ask (after filtering: a filter matches stored values).
fn kept<C: crate::model::AsSpan + Clone>(
    state: &AppState,
    inputs: &ReportInputs,
    filter: &Filter,
    all: crate::store::ProjectData<C>,
) -> crate::store::ProjectData<C> {
    let mut data = filter.keep(all);
    if inputs.pseudonymise {
        data.pseudonymise(&state.pseudonymiser);
    }
    data
}

fn compute_plain(state: &AppState, inputs: &ReportInputs) -> Result<Preview, String> {
    if inputs.kind == ReportKind::Agreement {
        return agreement_preview(state, inputs).map(Preview::Table);
    }
    let filter = Filter {
        coders: report_coders(state, inputs),
        kinds: inputs.kinds.clone(),
        attributes: match &inputs.attribute {
            Some((k, Some(v))) => vec![(k.clone(), v.clone())],
            _ => Vec::new(),
        },
        codes: inputs.codes.clone(),
    };
    let mut preview = compute_filtered(state, inputs, &filter)?;
    // Every table says which filters made it, in the preview and in each
    // export, as the command line's do.
    if let Preview::Table(report) = &mut preview
        && let Some(note) = filter.note(&state.coders, &state.codebook)
    {
        report.notes.push(note);
    }
    Ok(preview)
}

/// Whose codings a report counts: blind coding keeps only the current
/// coder's; "consensus only" the `consensus` coder's; else those ticked
/// (none ticked: everyone's).
fn report_coders(state: &AppState, inputs: &ReportInputs) -> Vec<crate::model::CoderId> {
    if let Some(me) = state.visible_coder() {
        return vec![me];
    }
    if inputs.consensus_only {
        let consensus = state.coders.iter().find(|c| c.is_consensus());
        return vec![consensus.map_or(crate::analysis::NOBODY, |c| c.id)];
    }
    inputs.coders.clone()
}

fn compute_filtered(
    state: &AppState,
    inputs: &ReportInputs,
    filter: &Filter,
) -> Result<Preview, String> {
    let project = state.project().ok_or(strings::no_project())?;
    if let ReportKind::Frequencies
    | ReportKind::Triangulation
    | ReportKind::BarChart
    | ReportKind::Heatmap = inputs.kind
    {
        // The counting tables: a team project's server counts the codings
        // in SQL, as `jalin report` does; a file's lean codings are counted
        // here (faster than SQLite's GROUP BY; the same tables).
        if project.server().is_none() {
            let all = project.lean_data().map_err(|e| strings::store_error(&e))?;
            return counting_preview(state, inputs, &kept(state, inputs, filter, all), None);
        }
        let all = project
            .counting_data()
            .map_err(|e| strings::store_error(&e))?;
        let turns = inputs.kind != ReportKind::Triangulation;
        let counted = project
            .coding_counts(&filter.coders, turns)
            .map_err(|e| strings::store_error(&e))?;
        return counting_preview(
            state,
            inputs,
            &kept(state, inputs, filter, all),
            Some(&counted),
        );
    }
    let all = project.data().map_err(|e| strings::store_error(&e))?;
    let data = kept(state, inputs, filter, all);
    if data.codings.is_empty() {
        return Err(strings::nothing_to_show().into());
    }
    // The workbench keeps every text already; reports read them from there.
    let texts: &dyn crate::model::Texts = &state.texts;
    Ok(match inputs.kind {
        ReportKind::Frequencies
        | ReportKind::Triangulation
        | ReportKind::BarChart
        | ReportKind::Heatmap => unreachable!("counted from lean data above"),
        ReportKind::Agreement => unreachable!("computed by agreement_preview"),
        ReportKind::Cooccurrence => Preview::Table(
            analysis::cooccurrence(&data, texts, inputs.unit).to_report(inputs.jaccard),
        ),
        ReportKind::Matrix => {
            Preview::Table(analysis::code_source_matrix(&data, inputs.presence).to_report())
        }
        ReportKind::Quotes => {
            let options = QuoteOptions {
                cite: inputs
                    .cite
                    .split(',')
                    .map(|c| c.trim().to_lowercase())
                    .filter(|c| !c.is_empty())
                    .collect(),
                exemplars_only: inputs.exemplars_only,
            };
            let mut report = analysis::quotes_report(&analysis::quotes(&data, texts, &options));
            let columns: Vec<String> = inputs
                .columns
                .split(',')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect();
            if !columns.is_empty() {
                report.select_columns(&columns)?;
            }
            Preview::Table(report)
        }
        ReportKind::ConceptMap => {
            let book = crate::model::Codebook::new(data.codes.clone());
            let freq = analysis::frequencies(&data, &Grouping::None);
            let co = analysis::cooccurrence(&data, texts, inputs.unit);
            Preview::ConceptMap {
                svg: export::concept_map_svg(&book, &freq, &co),
                dot: export::concept_map_dot(&book, &freq, &co),
                texture: None,
            }
        }
    })
}

/// The agreement table between the coders ticked (at least two, in the
/// project's order), on the sources the kind and attribute filters keep,
/// for the codes chosen (with their sub-codes).
fn agreement_preview(state: &AppState, inputs: &ReportInputs) -> Result<Report, String> {
    let project = state.project().ok_or(strings::no_project())?;
    if state.blind {
        return Err(strings::blind_agreement().into());
    }
    let coders: Vec<_> = state
        .coders
        .iter()
        .map(|c| c.id)
        .filter(|id| inputs.coders.contains(id))
        .collect();
    if coders.len() < 2 {
        return Err(strings::agreement_needs_coders().into());
    }
    // Sources are narrowed; codings are not (who coded a source is judged
    // from all of a coder's codings there).
    let sources = Filter {
        kinds: inputs.kinds.clone(),
        attributes: match &inputs.attribute {
            Some((k, Some(v))) => vec![(k.clone(), v.clone())],
            _ => Vec::new(),
        },
        ..Filter::default()
    };
    let data = sources.keep(project.lean_data().map_err(|e| strings::store_error(&e))?);
    let options = analysis::AgreementOptions {
        coders,
        codes: inputs.codes.clone(),
        unit: inputs.agreement_unit,
    };
    let mut report = analysis::agreement(&data, &state.texts, &options)?.to_report();
    let shown = Filter {
        codes: inputs.codes.clone(),
        ..sources
    };
    if let Some(note) = shown.note(&state.coders, &state.codebook) {
        report.notes.push(note);
    }
    Ok(report)
}

/// The frequency and triangulation tables and the charts drawn from
/// frequencies, from lean (filtered) data: its codings counted here, or
/// (`counted`, a team project) the server's counts.
fn counting_preview(
    state: &AppState,
    inputs: &ReportInputs,
    data: &LeanData,
    counted: Option<&CodingCounts>,
) -> Result<Preview, String> {
    let empty = match counted {
        None => data.codings.is_empty(),
        Some(counted) => {
            let sources: HashSet<SourceId> = data.sources.iter().map(|s| s.id).collect();
            let codes: HashSet<CodeId> = data.codes.iter().map(|c| c.id).collect();
            !counted
                .per_source
                .iter()
                .any(|(s, c, n)| *n > 0 && sources.contains(s) && codes.contains(c))
        }
    };
    if empty {
        return Err(strings::nothing_to_show().into());
    }
    // The data's attribute keys were pseudonymised with its names; a
    // grouping must name them the same way to find them.
    let hide = |grouping: &Grouping| {
        let mut g = grouping.clone();
        if inputs.pseudonymise {
            g.pseudonymise(&state.pseudonymiser);
        }
        g
    };
    let frequencies = |grouping: &Grouping| match counted {
        None => analysis::frequencies(data, &hide(grouping)),
        Some(counted) => analysis::frequencies_counted(data, counted, &hide(grouping)),
    };
    Ok(match inputs.kind {
        ReportKind::Triangulation => Preview::Table(
            match counted {
                None => analysis::triangulation(data, &hide(&inputs.grouping)),
                Some(counted) => {
                    analysis::triangulation_counted(data, counted, &hide(&inputs.grouping))
                }
            }
            .to_report(),
        ),
        ReportKind::BarChart => Preview::Bars(frequencies(&Grouping::Kind)),
        ReportKind::Heatmap => {
            let grouping = match &inputs.grouping {
                g @ (Grouping::Attribute(_) | Grouping::Pair(..)) => g.clone(),
                _ => {
                    let keys = attribute_keys(state);
                    let key = default_attribute(&keys).ok_or(strings::heatmap_needs_attribute())?;
                    Grouping::Attribute(key.to_string())
                }
            };
            Preview::Heatmap(frequencies(&grouping))
        }
        _ => {
            let mut report = frequencies(&inputs.grouping).to_report();
            if inputs.by_frequency {
                report.sort_by_frequency();
            }
            if inputs.combined {
                report.combine_cells();
            }
            Preview::Table(report)
        }
    })
}
