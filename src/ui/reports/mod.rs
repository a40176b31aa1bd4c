//! The Reports panel: on the left the table or figure to make, its filters
//! and options (inputs.rs); on the right a live preview (table.rs: an
//! egui_extras table; charts.rs: egui_plot charts and the concept map as an
//! image); one Export button offering every format. The numbers come from
//! `crate::analysis` (compute.rs), the files from `crate::export`; the
//! report is computed only when an input changes.

use std::path::{Path, PathBuf};

use egui::Ui;

use super::strings;
use crate::analysis::{CoMode, Grouping, Report};
use crate::app::AppState;
use crate::export::{self, TableFormat};
use crate::model::{CodeId, CoderId, SourceKind};

mod charts;
mod compute;
mod inputs;
mod table;

use compute::{Preview, compute};

/// What the panel makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ReportKind {
    #[default]
    Frequencies,
    Triangulation,
    Cooccurrence,
    Matrix,
    Quotes,
    Agreement,
    BarChart,
    Heatmap,
    ConceptMap,
}

impl ReportKind {
    pub const TABLES: [ReportKind; 6] = [
        ReportKind::Frequencies,
        ReportKind::Triangulation,
        ReportKind::Cooccurrence,
        ReportKind::Matrix,
        ReportKind::Quotes,
        ReportKind::Agreement,
    ];
    pub const FIGURES: [ReportKind; 3] = [
        ReportKind::BarChart,
        ReportKind::Heatmap,
        ReportKind::ConceptMap,
    ];

    /// Its name in the panel.
    pub fn label(self) -> &'static str {
        match self {
            ReportKind::Frequencies => strings::report_frequencies(),
            ReportKind::Triangulation => strings::report_triangulation(),
            ReportKind::Cooccurrence => strings::report_cooccurrence(),
            ReportKind::Matrix => strings::report_matrix(),
            ReportKind::Quotes => strings::report_quotes(),
            ReportKind::Agreement => strings::report_agreement(),
            ReportKind::BarChart => strings::figure_bars(),
            ReportKind::Heatmap => strings::figure_heatmap(),
            ReportKind::ConceptMap => strings::figure_concept_map(),
        }
    }

    /// The file name an export suggests, without extension (as the CLI
    /// names the reports).
    pub fn file_stem(self) -> &'static str {
        match self {
            ReportKind::Frequencies => "frequencies",
            ReportKind::Triangulation => "triangulation",
            ReportKind::Cooccurrence => "cooccurrence",
            ReportKind::Matrix => "matrix",
            ReportKind::Quotes => "quotes",
            ReportKind::Agreement => "agreement",
            ReportKind::BarChart => "frequencies-chart",
            ReportKind::Heatmap => "heatmap",
            ReportKind::ConceptMap => "concept-map",
        }
    }

    pub fn is_figure(self) -> bool {
        Self::FIGURES.contains(&self)
    }

    fn uses_grouping(self) -> bool {
        matches!(
            self,
            ReportKind::Frequencies | ReportKind::Triangulation | ReportKind::Heatmap
        )
    }

    fn uses_unit(self) -> bool {
        matches!(self, ReportKind::Cooccurrence | ReportKind::ConceptMap)
    }
}

/// A format the Export menu offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Table(TableFormat),
    Svg,
    Png,
    Dot,
}

impl ExportFormat {
    /// Its name in the Export menu.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Table(f) => strings::table_format_label(f),
            ExportFormat::Svg => strings::figure_svg(),
            ExportFormat::Png => strings::figure_png(),
            ExportFormat::Dot => strings::figure_dot(),
        }
    }

    fn extension(self) -> &'static str {
        match self {
            ExportFormat::Table(f) => f.extension(),
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
            ExportFormat::Dot => "dot",
        }
    }

    /// The suggested file name for a report of `kind`.
    pub fn file_name(self, kind: ReportKind) -> String {
        let wide = if self == ExportFormat::Table(TableFormat::CsvWide) {
            "-wide"
        } else {
            ""
        };
        format!("{}{wide}.{}", kind.file_stem(), self.extension())
    }
}

/// Every input of a report: when none changes (and the project does not),
/// the cached preview is shown again.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportInputs {
    pub kind: ReportKind,
    pub kinds: Vec<SourceKind>,
    /// Only sources with this attribute value.
    pub attribute: Option<(String, Option<String>)>,
    pub coders: Vec<CoderId>,
    /// Only codings by the `consensus` coder.
    pub consensus_only: bool,
    pub codes: Vec<CodeId>,
    pub grouping: Grouping,
    pub unit: CoMode,
    pub jaccard: bool,
    pub presence: bool,
    /// Attribute keys cited in quotes, comma separated.
    pub cite: String,
    pub exemplars_only: bool,
    /// Frequencies: cells read "7 of 10 (70%)".
    pub combined: bool,
    /// Frequencies: codes by how often they are coded (sub-codes under
    /// their theme).
    pub by_frequency: bool,
    /// Quotes: the columns to keep, comma separated (empty: all).
    pub columns: String,
    /// Agreement: what one unit is (the coders compared are `coders`).
    pub agreement_unit: crate::analysis::AgreementUnit,
    /// Replace every real name of the pseudonym table, in the preview and
    /// in every export made from it.
    pub pseudonymise: bool,
}

/// The Reports panel's own state.
pub struct ReportsPanel {
    pub inputs: ReportInputs,
    /// Where exports go without asking (set by tests; `None` opens the save
    /// dialog).
    pub export_dir: Option<PathBuf>,
    cache: Option<(u64, ReportInputs, Preview)>,
    /// The shown table's scroll and wrapped row heights.
    table_view: table::TableView,
    /// The options of each table or figure as last shown.
    kept: std::collections::HashMap<ReportKind, ReportInputs>,
    /// Whether the grouping list offers pairs of attributes.
    show_pairs: bool,
    /// How files are written: LaTeX landscape or complete document, CSV
    /// byte order mark.
    pub export_options: export::ExportOptions,
    computations: usize,
    /// The last export's outcome, shown beside the button: `Ok(message)` or
    /// `Err(error)`.
    message: Option<Result<String, String>>,
    /// A save dialog to open (the app opens it after the frame).
    pub ask_file: Option<crate::ui::file_dialog::FileRequest>,
}

impl Default for ReportsPanel {
    fn default() -> Self {
        ReportsPanel {
            inputs: ReportInputs {
                cite: "role, city".into(),
                ..ReportInputs::default()
            },
            export_dir: None,
            cache: None,
            table_view: table::TableView::default(),
            kept: Default::default(),
            show_pairs: false,
            export_options: export::ExportOptions::default(),
            computations: 0,
            message: None,
            ask_file: None,
        }
    }
}

impl ReportsPanel {
    /// Forgets the cached report and filters (another project was opened).
    pub fn reset(&mut self) {
        let export_dir = self.export_dir.take();
        *self = ReportsPanel {
            export_dir,
            ..ReportsPanel::default()
        };
    }

    /// How many times a report was computed (the cache is tested with it).
    pub fn computations(&self) -> usize {
        self.computations
    }

    /// The table shown now, if the preview is a table.
    pub fn report(&self) -> Option<&Report> {
        match &self.cache {
            Some((_, _, Preview::Table(r))) => Some(r),
            _ => None,
        }
    }

    /// The last export's message (`Ok`) or error (`Err`).
    pub fn message(&self) -> Option<&Result<String, String>> {
        self.message.as_ref()
    }

    fn refresh(&mut self, state: &AppState) {
        let fresh = self
            .cache
            .as_ref()
            .is_some_and(|(rev, inputs, _)| *rev == state.revision && *inputs == self.inputs);
        if !fresh {
            let preview = compute(state, &self.inputs).unwrap_or_else(Preview::Message);
            self.computations += 1;
            self.table_view = table::TableView::default();
            self.cache = Some((state.revision, self.inputs.clone(), preview));
        }
    }

    /// Draws the panel.
    pub fn ui(&mut self, ui: &mut Ui, state: &AppState) {
        egui::Panel::left("reports-inputs")
            .resizable(true)
            .default_size(290.0)
            .min_size(200.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("reports-inputs-scroll")
                    .auto_shrink([false, false])
                    .show(ui, |ui| self.inputs_ui(ui, state));
            });
        self.refresh(state);
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(self.inputs.kind.label());
                ui.checkbox(&mut self.inputs.pseudonymise, strings::pseudonymise())
                    .on_hover_text(strings::pseudonymise_hint());
                self.export_ui(ui);
                outcome_ui(ui, self.message.as_ref());
            });
            ui.separator();
            self.preview_ui(ui);
        });
    }

    fn formats(&self) -> Vec<ExportFormat> {
        match self.inputs.kind {
            ReportKind::BarChart | ReportKind::Heatmap => {
                vec![ExportFormat::Svg, ExportFormat::Png]
            }
            ReportKind::ConceptMap => {
                vec![ExportFormat::Svg, ExportFormat::Png, ExportFormat::Dot]
            }
            _ => TableFormat::ALL
                .into_iter()
                .map(ExportFormat::Table)
                .collect(),
        }
    }

    fn export_ui(&mut self, ui: &mut Ui) {
        let ready = !matches!(self.cache, None | Some((_, _, Preview::Message(_))));
        let mut chosen = None;
        ui.add_enabled_ui(ready, |ui| {
            ui.menu_button(strings::export(), |ui| {
                for f in self.formats() {
                    if ui.button(f.label()).clicked() {
                        chosen = Some(f);
                    }
                }
            });
        });
        if let Some(format) = chosen {
            let name = format.file_name(self.inputs.kind);
            // In the export folder when one is set, else where the user
            // says in the save dialog.
            match &self.export_dir {
                Some(dir) => {
                    let path = dir.join(&name);
                    self.export_to(format, &path);
                }
                None => {
                    use crate::ui::file_dialog::{FileRequest, Pick, Purpose};
                    self.ask_file = Some(
                        FileRequest::new(Pick::Save, strings::export(), Purpose::Report(format))
                            .filter(format.label(), &[format.extension()])
                            .file_name(name),
                    );
                }
            }
        }
    }

    /// Writes the report shown now to `path` and notes the outcome beside
    /// the Export button.
    pub fn export_to(&mut self, format: ExportFormat, path: &Path) {
        self.message = Some(self.export(format, path));
    }

    /// Writes the report shown now in `format` to `path`.
    pub fn export(&self, format: ExportFormat, path: &Path) -> Result<String, String> {
        let Some((_, _, preview)) = &self.cache else {
            return Err(strings::nothing_to_show().into());
        };
        let bytes: Vec<u8> = match (preview, format) {
            (Preview::Table(report), ExportFormat::Table(f)) => {
                let options = &self.export_options;
                return export::write_file_atomically(path, |w| {
                    export::write_report_with(report, f, options, w)
                })
                .map(|()| strings::wrote(path))
                .map_err(|e| e.to_string());
            }
            (Preview::Bars(freq), f) => figure_bytes(&export::bar_chart_svg(freq), f)?,
            (Preview::Heatmap(freq), f) => figure_bytes(&export::heatmap_svg(freq), f)?,
            (Preview::ConceptMap { dot, .. }, ExportFormat::Dot) => dot.clone().into_bytes(),
            (Preview::ConceptMap { svg, .. }, f) => figure_bytes(svg, f)?,
            (Preview::Message(m), _) => return Err(m.clone()),
            (Preview::Table(_), _) => return Err(strings::nothing_to_show().into()),
        };
        export::write_file_atomically(path, |w| w.write_all(&bytes))
            .map(|()| strings::wrote(path))
            .map_err(|e| e.to_string())
    }

    fn preview_ui(&mut self, ui: &mut Ui) {
        let Some((_, _, preview)) = &mut self.cache else {
            return;
        };
        match preview {
            Preview::Message(m) => {
                ui.weak(m.as_str());
            }
            Preview::Table(report) => table::table_ui(ui, report, &mut self.table_view),
            Preview::Bars(freq) => charts::bars_ui(ui, freq),
            Preview::Heatmap(freq) => charts::heatmap_ui(ui, freq),
            Preview::ConceptMap { svg, texture, .. } => charts::concept_map_ui(ui, svg, texture),
        }
    }
}

fn figure_bytes(svg: &str, format: ExportFormat) -> Result<Vec<u8>, String> {
    match format {
        ExportFormat::Png => export::svg_to_png(svg, 2.0),
        _ => Ok(svg.as_bytes().to_vec()),
    }
}

/// The attribute a heatmap splits by unless told: `city`, else the first.
pub(super) fn default_attribute(keys: &[String]) -> Option<&str> {
    keys.iter()
        .find(|k| k.as_str() == "city")
        .or(keys.first())
        .map(String::as_str)
}

/// Every attribute name the sources use, sorted.
pub fn attribute_keys(state: &AppState) -> Vec<String> {
    let mut keys: Vec<String> = state
        .sources
        .iter()
        .flat_map(|s| s.attributes.iter().map(|a| a.key.clone()))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// The attributes a table can be grouped by: the sources' and the
/// participants' own (an FGD expert's role), sorted.
pub fn grouping_keys(state: &AppState) -> Vec<String> {
    let mut keys = attribute_keys(state);
    keys.extend(
        state
            .speakers
            .iter()
            .flat_map(|s| s.attributes.iter().map(|a| a.key.clone())),
    );
    keys.sort();
    keys.dedup();
    keys
}

/// An export's outcome beside its button: the message muted, an error in
/// the error colour.
pub fn outcome_ui(ui: &mut Ui, outcome: Option<&Result<String, String>>) {
    match outcome {
        Some(Ok(m)) => {
            ui.weak(m);
        }
        Some(Err(e)) => {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        None => {}
    }
}
