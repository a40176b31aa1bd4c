//! The Reports panel: on the left the table or figure to make, its filters
//! and options; on the right a live preview (an egui_extras table, egui_plot
//! charts, the concept map as an image); one Export button offering every
//! format. The numbers come from `crate::analysis`, the files from
//! `crate::export`; the report is computed only when an input changes.

use std::path::{Path, PathBuf};

use egui::{Color32, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::strings;
use crate::analysis::{self, CoMode, Filter, FrequencyTable, Grouping, QuoteOptions, Report};
use crate::app::AppState;
use crate::export::{self, TableFormat};
use crate::model::{CodeId, CoderId, SourceKind};
use crate::store::LeanData;

/// What the panel makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportKind {
    #[default]
    Frequencies,
    Triangulation,
    Cooccurrence,
    Matrix,
    Quotes,
    BarChart,
    Heatmap,
    ConceptMap,
}

impl ReportKind {
    pub const TABLES: [ReportKind; 5] = [
        ReportKind::Frequencies,
        ReportKind::Triangulation,
        ReportKind::Cooccurrence,
        ReportKind::Matrix,
        ReportKind::Quotes,
    ];
    pub const FIGURES: [ReportKind; 3] = [
        ReportKind::BarChart,
        ReportKind::Heatmap,
        ReportKind::ConceptMap,
    ];

    /// Its name in the panel.
    pub fn label(self) -> &'static str {
        match self {
            ReportKind::Frequencies => strings::REPORT_FREQUENCIES,
            ReportKind::Triangulation => strings::REPORT_TRIANGULATION,
            ReportKind::Cooccurrence => strings::REPORT_COOCCURRENCE,
            ReportKind::Matrix => strings::REPORT_MATRIX,
            ReportKind::Quotes => strings::REPORT_QUOTES,
            ReportKind::BarChart => strings::FIGURE_BARS,
            ReportKind::Heatmap => strings::FIGURE_HEATMAP,
            ReportKind::ConceptMap => strings::FIGURE_CONCEPT_MAP,
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
            ExportFormat::Svg => strings::FIGURE_SVG,
            ExportFormat::Png => strings::FIGURE_PNG,
            ExportFormat::Dot => strings::FIGURE_DOT,
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
    pub codes: Vec<CodeId>,
    pub grouping: Grouping,
    pub unit: CoMode,
    pub jaccard: bool,
    pub presence: bool,
    /// Attribute keys cited in quotes, comma separated.
    pub cite: String,
    pub exemplars_only: bool,
}

/// A computed preview.
enum Preview {
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

/// The Reports panel's own state.
pub struct ReportsPanel {
    pub inputs: ReportInputs,
    /// Where exports go without asking (set by tests; `None` opens the save
    /// dialog).
    pub export_dir: Option<PathBuf>,
    cache: Option<(u64, ReportInputs, Preview)>,
    computations: usize,
    /// The last export's outcome, shown beside the button: `Ok(message)` or
    /// `Err(error)`.
    message: Option<Result<String, String>>,
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
            computations: 0,
            message: None,
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
                self.export_ui(ui);
                outcome_ui(ui, self.message.as_ref());
            });
            ui.separator();
            self.preview_ui(ui);
        });
    }

    fn inputs_ui(&mut self, ui: &mut Ui, state: &AppState) {
        let i = &mut self.inputs;
        ui.strong(strings::TABLES);
        for k in ReportKind::TABLES {
            ui.selectable_value(&mut i.kind, k, k.label());
        }
        ui.add_space(4.0);
        ui.strong(strings::FIGURES);
        for k in ReportKind::FIGURES {
            ui.selectable_value(&mut i.kind, k, k.label());
        }
        ui.separator();
        ui.strong(strings::OPTIONS);
        let keys = attribute_keys(state);
        if i.kind == ReportKind::Heatmap
            && !matches!(i.grouping, Grouping::Attribute(_) | Grouping::Pair(..))
            && let Some(key) = default_attribute(&keys)
        {
            // The heatmap splits by an attribute: show the one it uses.
            i.grouping = Grouping::Attribute(key.to_string());
        }
        if i.kind.uses_grouping() {
            grouping_ui(ui, &mut i.grouping, &keys, i.kind == ReportKind::Heatmap);
        }
        if i.kind.uses_unit() {
            egui::ComboBox::from_label(strings::CO_UNIT)
                .selected_text(unit_label(i.unit))
                .show_ui(ui, |ui| {
                    for u in [CoMode::Overlap, CoMode::Turn, CoMode::Paragraph] {
                        ui.selectable_value(&mut i.unit, u, unit_label(u));
                    }
                });
        }
        if i.kind == ReportKind::Cooccurrence {
            ui.checkbox(&mut i.jaccard, strings::JACCARD);
        }
        if i.kind == ReportKind::Matrix {
            ui.checkbox(&mut i.presence, strings::PRESENCE);
        }
        if i.kind == ReportKind::Quotes {
            ui.horizontal(|ui| {
                let label = ui.label(strings::CITE);
                ui.add(egui::TextEdit::singleline(&mut i.cite).desired_width(120.0))
                    .labelled_by(label.id);
            });
            ui.checkbox(&mut i.exemplars_only, strings::EXEMPLARS_ONLY);
        }
        ui.separator();
        ui.horizontal(|ui| {
            ui.strong(strings::FILTERS);
            if ui.small_button(strings::CLEAR_FILTERS).clicked() {
                i.kinds.clear();
                i.attribute = None;
                i.coders.clear();
                i.codes.clear();
            }
        });
        ui.label(strings::KINDS);
        ui.horizontal_wrapped(|ui| {
            for k in SourceKind::ALL {
                let mut on = i.kinds.contains(&k);
                if ui.checkbox(&mut on, k.as_str()).changed() {
                    toggle(&mut i.kinds, k, on);
                }
            }
        });
        attribute_filter_ui(ui, &mut i.attribute, state, &keys);
        if !state.coders.is_empty() {
            ui.label(strings::CODERS);
            ui.horizontal_wrapped(|ui| {
                for c in &state.coders {
                    let mut on = i.coders.contains(&c.id);
                    if ui.checkbox(&mut on, &c.name).changed() {
                        toggle(&mut i.coders, c.id, on);
                    }
                }
            });
        }
        let codes_label = if i.codes.is_empty() {
            strings::ALL_CODES.to_string()
        } else {
            i.codes
                .iter()
                .filter_map(|c| state.codebook.get(*c).map(|c| c.name.clone()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        ui.horizontal(|ui| {
            ui.label(strings::CODES_FILTER);
            ui.menu_button(codes_label, |ui| {
                egui::ScrollArea::vertical()
                    .max_height(320.0)
                    .show(ui, |ui| {
                        for (depth, c) in state.codebook.preorder() {
                            ui.horizontal(|ui| {
                                ui.add_space(depth as f32 * 12.0);
                                let mut on = i.codes.contains(&c.id);
                                if ui.checkbox(&mut on, &c.name).changed() {
                                    toggle(&mut i.codes, c.id, on);
                                }
                            });
                        }
                    });
            });
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
            ui.menu_button(strings::EXPORT, |ui| {
                for f in self.formats() {
                    if ui.button(f.label()).clicked() {
                        chosen = Some(f);
                    }
                }
            });
        });
        if let Some(format) = chosen {
            let name = format.file_name(self.inputs.kind);
            if let Some(path) = self.target(&name, format) {
                self.message = Some(self.export(format, &path));
            }
        }
    }

    /// Where to write: in the export folder when one is set, else where the
    /// user says in the save dialog (`None`: cancelled).
    fn target(&self, name: &str, format: ExportFormat) -> Option<PathBuf> {
        if let Some(dir) = &self.export_dir {
            return Some(dir.join(name));
        }
        rfd::FileDialog::new()
            .set_file_name(name)
            .add_filter(format.label(), &[format.extension()])
            .save_file()
    }

    /// Writes the report shown now in `format` to `path`.
    pub fn export(&self, format: ExportFormat, path: &Path) -> Result<String, String> {
        let Some((_, _, preview)) = &self.cache else {
            return Err(strings::NOTHING_TO_SHOW.into());
        };
        let bytes: Vec<u8> = match (preview, format) {
            (Preview::Table(report), ExportFormat::Table(f)) => {
                return export::write_file_atomically(path, |w| export::write_report(report, f, w))
                    .map(|()| strings::wrote(path))
                    .map_err(|e| e.to_string());
            }
            (Preview::Bars(freq), f) => figure_bytes(&export::bar_chart_svg(freq), f)?,
            (Preview::Heatmap(freq), f) => figure_bytes(&export::heatmap_svg(freq), f)?,
            (Preview::ConceptMap { dot, .. }, ExportFormat::Dot) => dot.clone().into_bytes(),
            (Preview::ConceptMap { svg, .. }, f) => figure_bytes(svg, f)?,
            (Preview::Message(m), _) => return Err(m.clone()),
            (Preview::Table(_), _) => return Err(strings::NOTHING_TO_SHOW.into()),
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
            Preview::Table(report) => table_ui(ui, report),
            Preview::Bars(freq) => bars_ui(ui, freq),
            Preview::Heatmap(freq) => heatmap_ui(ui, freq),
            Preview::ConceptMap { svg, texture, .. } => concept_map_ui(ui, svg, texture),
        }
    }
}

fn figure_bytes(svg: &str, format: ExportFormat) -> Result<Vec<u8>, String> {
    match format {
        ExportFormat::Png => export::svg_to_png(svg, 2.0),
        _ => Ok(svg.as_bytes().to_vec()),
    }
}

fn toggle<T: PartialEq>(list: &mut Vec<T>, item: T, on: bool) {
    if on {
        if !list.contains(&item) {
            list.push(item);
        }
    } else {
        list.retain(|x| *x != item);
    }
}

fn unit_label(unit: CoMode) -> &'static str {
    match unit {
        CoMode::Overlap => strings::UNIT_OVERLAP,
        CoMode::Turn => strings::UNIT_TURN,
        CoMode::Paragraph => strings::UNIT_PARAGRAPH,
    }
}

/// The attribute a heatmap splits by unless told: `city`, else the first.
fn default_attribute(keys: &[String]) -> Option<&str> {
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

fn grouping_label(g: &Grouping) -> String {
    match g {
        Grouping::None => strings::NO_SPLIT.into(),
        Grouping::Kind => strings::BY_KIND.into(),
        Grouping::Attribute(k) => strings::by_attribute(k),
        Grouping::Pair(a, b) => strings::by_pair(a, b),
    }
}

fn grouping_ui(ui: &mut Ui, grouping: &mut Grouping, keys: &[String], attributes_only: bool) {
    let mut choices = Vec::new();
    if !attributes_only {
        choices.push(Grouping::None);
        choices.push(Grouping::Kind);
    }
    for (n, a) in keys.iter().enumerate() {
        choices.push(Grouping::Attribute(a.clone()));
        for b in &keys[n + 1..] {
            choices.push(Grouping::Pair(a.clone(), b.clone()));
        }
    }
    egui::ComboBox::from_label(strings::GROUP_BY)
        .selected_text(grouping_label(grouping))
        .show_ui(ui, |ui| {
            for c in choices {
                let label = grouping_label(&c);
                ui.selectable_value(grouping, c, label);
            }
        });
}

fn attribute_filter_ui(
    ui: &mut Ui,
    attribute: &mut Option<(String, Option<String>)>,
    state: &AppState,
    keys: &[String],
) {
    let mut key = attribute.as_ref().map(|(k, _)| k.clone());
    let before = key.clone();
    egui::ComboBox::from_label(strings::ATTRIBUTE_FILTER)
        .selected_text(key.clone().unwrap_or(strings::ANY_ATTRIBUTE.into()))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut key, None, strings::ANY_ATTRIBUTE);
            for k in keys {
                ui.selectable_value(&mut key, Some(k.clone()), k);
            }
        });
    if key != before {
        *attribute = key.map(|k| (k, None));
    }
    if let Some((k, value)) = attribute {
        let mut values: Vec<String> = state
            .sources
            .iter()
            .filter_map(|s| s.attribute(k).map(str::to_string))
            .collect();
        values.sort();
        values.dedup();
        egui::ComboBox::from_label(strings::VALUE_FILTER)
            .selected_text(value.clone().unwrap_or(strings::ANY_VALUE.into()))
            .show_ui(ui, |ui| {
                ui.selectable_value(value, None, strings::ANY_VALUE);
                for v in values {
                    ui.selectable_value(value, Some(v.clone()), v);
                }
            });
    }
}

/// Runs the analysis the inputs ask for (called only when they change).
fn compute(state: &AppState, inputs: &ReportInputs) -> Result<Preview, String> {
    let project = state.project().ok_or(strings::NO_PROJECT)?;
    let filter = Filter {
        coders: inputs.coders.clone(),
        kinds: inputs.kinds.clone(),
        attributes: match &inputs.attribute {
            Some((k, Some(v))) => vec![(k.clone(), v.clone())],
            _ => Vec::new(),
        },
        codes: inputs.codes.clone(),
    };
    if let ReportKind::Frequencies
    | ReportKind::Triangulation
    | ReportKind::BarChart
    | ReportKind::Heatmap = inputs.kind
    {
        // The counting tables need no GUIDs or times: read codings lean.
        let all = project.lean_data().map_err(|e| strings::store_error(&e))?;
        return counting_preview(state, inputs, &filter.keep(all));
    }
    let all = project.data().map_err(|e| strings::store_error(&e))?;
    let data = filter.keep(all);
    if data.codings.is_empty() {
        return Err(strings::NOTHING_TO_SHOW.into());
    }
    // The workbench keeps every text already; reports read them from there.
    let texts: &dyn crate::model::Texts = &state.texts;
    Ok(match inputs.kind {
        ReportKind::Frequencies
        | ReportKind::Triangulation
        | ReportKind::BarChart
        | ReportKind::Heatmap => unreachable!("counted from lean data above"),
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
            Preview::Table(analysis::quotes_report(&analysis::quotes(
                &data, texts, &options,
            )))
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

/// The frequency and triangulation tables and the charts drawn from
/// frequencies, from lean (filtered) data.
fn counting_preview(
    state: &AppState,
    inputs: &ReportInputs,
    data: &LeanData,
) -> Result<Preview, String> {
    if data.codings.is_empty() {
        return Err(strings::NOTHING_TO_SHOW.into());
    }
    Ok(match inputs.kind {
        ReportKind::Triangulation => {
            Preview::Table(analysis::triangulation(data, &inputs.grouping).to_report())
        }
        ReportKind::BarChart => Preview::Bars(analysis::frequencies(data, &Grouping::Kind)),
        ReportKind::Heatmap => {
            let grouping = match &inputs.grouping {
                g @ (Grouping::Attribute(_) | Grouping::Pair(..)) => g.clone(),
                _ => {
                    let keys = attribute_keys(state);
                    let key = default_attribute(&keys).ok_or(strings::HEATMAP_NEEDS_ATTRIBUTE)?;
                    Grouping::Attribute(key.to_string())
                }
            };
            Preview::Heatmap(analysis::frequencies(data, &grouping))
        }
        _ => Preview::Table(analysis::frequencies(data, &inputs.grouping).to_report()),
    })
}

fn table_ui(ui: &mut Ui, report: &Report) {
    let table = &report.wide;
    ui.horizontal_wrapped(|ui| {
        ui.weak(strings::table_size(table.rows.len(), table.columns.len()));
        for n in &report.notes {
            ui.weak(RichText::new(n).small());
        }
    });
    if table.columns.is_empty() {
        return;
    }
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    egui::ScrollArea::horizontal()
        .id_salt("report-table-h")
        .show(ui, |ui| {
            let mut builder = TableBuilder::new(ui)
                .id_salt(("report-table", &report.title))
                .striped(true)
                .resizable(true)
                .auto_shrink([false, false])
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
            for (n, _) in table.columns.iter().enumerate() {
                let col = if n == 0 {
                    Column::initial(280.0).at_least(140.0).clip(true)
                } else {
                    Column::auto().at_least(48.0).at_most(420.0).clip(true)
                };
                builder = builder.column(col);
            }
            builder
                .header(row_height + 2.0, |mut header| {
                    for c in &table.columns {
                        header.col(|ui| {
                            ui.strong(c);
                        });
                    }
                })
                .body(|body| {
                    body.rows(row_height, table.rows.len(), |mut row| {
                        let cells = &table.rows[row.index()];
                        for cell in cells {
                            row.col(|ui| {
                                let text = cell.display();
                                if cell.is_number() {
                                    ui.with_layout(
                                        egui::Layout::right_to_left(egui::Align::Center),
                                        |ui| ui.label(text),
                                    );
                                } else {
                                    ui.add(egui::Label::new(text).truncate());
                                }
                            });
                        }
                    });
                });
        });
}

fn hex_color(hex: &str) -> Color32 {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0x808080);
    Color32::from_rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

/// The last part of a code path ("parent > child").
fn leaf(path: &str) -> &str {
    path.rsplit(" > ").next().unwrap_or(path)
}

/// Leaf codes with codings, as the exported charts show them.
fn charted(freq: &FrequencyTable) -> Vec<&analysis::FrequencyRow> {
    freq.rows
        .iter()
        .filter(|r| r.sub_codes == 0 && r.total.codings > 0)
        .collect()
}

fn bars_ui(ui: &mut Ui, freq: &FrequencyTable) {
    let mut rows = charted(freq);
    // Largest at the top: the plot's y grows upwards.
    rows.sort_by(|a, b| {
        a.total
            .codings
            .cmp(&b.total.codings)
            .then_with(|| b.path.cmp(&a.path))
    });
    let names: Vec<String> = rows.iter().map(|r| leaf(&r.path).to_string()).collect();
    let mut charts: Vec<egui_plot::BarChart> = Vec::new();
    for (g, group) in freq.groups.iter().enumerate() {
        let kind = SourceKind::ALL
            .into_iter()
            .find(|k| k.as_str() == group.label);
        let color = kind.map_or(Color32::GRAY, |k| hex_color(export::kind_color(k)));
        let bars = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                egui_plot::Bar::new(i as f64, r.groups.get(g).map_or(0, |c| c.codings) as f64)
                    .width(0.7)
                    .fill(color.gamma_multiply(0.85))
            })
            .collect();
        let refs: Vec<&egui_plot::BarChart> = charts.iter().collect();
        let chart = egui_plot::BarChart::new(group.label.clone(), bars)
            .horizontal()
            .color(color)
            .stack_on(&refs);
        charts.push(chart);
    }
    egui_plot::Plot::new("frequency-bars")
        .legend(egui_plot::Legend::default().position(egui_plot::Corner::RightBottom))
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .show_grid([true, false])
        .y_axis_min_width(120.0)
        .y_axis_formatter(move |mark, _| index_label(&names, mark.value))
        .x_axis_label("codings")
        .show(ui, |plot| {
            for c in charts {
                plot.bar_chart(c);
            }
        });
}

/// The label at an integer grid mark, or nothing between them.
fn index_label(labels: &[String], value: f64) -> String {
    let i = value.round();
    if (value - i).abs() > 1e-6 || i < 0.0 {
        return String::new();
    }
    labels.get(i as usize).cloned().unwrap_or_default()
}

fn heatmap_ui(ui: &mut Ui, freq: &FrequencyTable) {
    let rows = charted(freq);
    let cols = freq.groups.len();
    if rows.is_empty() || cols == 0 {
        ui.weak(strings::NOTHING_TO_SHOW);
        return;
    }
    // First code at the top: rows go in from the bottom.
    let mut values = Vec::with_capacity(rows.len() * cols);
    for r in rows.iter().rev() {
        for g in 0..cols {
            values.push(r.groups.get(g).map_or(0.0, |c| c.pct_sources));
        }
    }
    let names: Vec<String> = rows
        .iter()
        .rev()
        .map(|r| leaf(&r.path).to_string())
        .collect();
    let groups: Vec<String> = freq
        .groups
        .iter()
        .map(|g| format!("{} (n={})", g.label, g.sources))
        .collect();
    let heat = egui_plot::Heatmap::new(values, cols)
        .at(egui_plot::PlotPoint::new(-0.5, -0.5))
        .range(0.0, 100.0)
        .palette(&[
            Color32::from_rgb(247, 251, 255),
            Color32::from_rgb(107, 174, 214),
            Color32::from_rgb(8, 48, 107),
        ])
        .formatter(Box::new(|v| format!("{v:.0}%")));
    ui.weak(format!("% of sources coded, {}", freq.grouping.describe()));
    egui_plot::Plot::new("heatmap")
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .show_grid(false)
        .y_axis_min_width(120.0)
        .y_axis_formatter(move |mark, _| index_label(&names, mark.value))
        .x_axis_formatter(move |mark, _| index_label(&groups, mark.value))
        .show(ui, |plot| plot.add(heat));
}

fn concept_map_ui(ui: &mut Ui, svg: &str, texture: &mut Option<egui::TextureHandle>) {
    if texture.is_none() {
        match render_svg(svg) {
            Ok(image) => {
                *texture = Some(ui.ctx().load_texture(
                    "concept-map",
                    image,
                    egui::TextureOptions::LINEAR,
                ));
            }
            Err(e) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
                return;
            }
        }
    }
    if let Some(t) = texture {
        egui::ScrollArea::both()
            .id_salt("concept-map-scroll")
            .show(ui, |ui| {
                let size = t.size_vec2();
                let scale = (ui.available_width() / size.x).clamp(0.25, 1.0);
                ui.add(
                    egui::Image::new((t.id(), size * scale)).alt_text(strings::FIGURE_CONCEPT_MAP),
                );
            });
    }
}

/// The SVG as an image egui can show (through the same renderer as the
/// PNG export).
fn render_svg(svg: &str) -> Result<egui::ColorImage, String> {
    let png = export::svg_to_png(svg, 1.0)?;
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).map_err(|e| e.to_string())?;
    Ok(egui::ColorImage::from_rgba_premultiplied(
        [pixmap.width() as usize, pixmap.height() as usize],
        pixmap.data(),
    ))
}
