//! The retrieval panel: every segment of the selected code(s) across
//! sources, with source, kind, attributes, speaker and surrounding words;
//! filters by kind and attribute; a click shows the segment in the document.

use egui::text::{LayoutJob, TextFormat};
use egui::{RichText, Sense, Ui};

use super::{Action, strings, theme};
use crate::analysis::speaker_at;
use crate::app::{AppState, Command};
use crate::model::{CodeId, CodingId, SourceId, SourceKind};

/// Characters of context shown on each side of a segment.
const CONTEXT: usize = 90;

/// One segment as the panel shows it.
#[derive(Debug, Clone)]
pub struct Row {
    pub coding: CodingId,
    pub source: SourceId,
    pub source_name: String,
    pub kind: SourceKind,
    pub attributes: String,
    pub speaker: Option<String>,
    pub code: String,
    pub color: egui::Color32,
    pub start: usize,
    pub end: usize,
    pub before: String,
    pub quote: String,
    pub after: String,
}

/// The retrieval panel's own state.
#[derive(Debug, Default)]
pub struct RetrievalPanel {
    kind: Option<SourceKind>,
    attr_key: Option<String>,
    attr_value: Option<String>,
    rows: Vec<Row>,
    key: Option<(u64, Vec<CodeId>)>,
}

impl RetrievalPanel {
    pub fn reset(&mut self) {
        *self = RetrievalPanel::default();
    }

    /// The rows shown now (after filters), for tests.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    fn rebuild(&mut self, state: &AppState, codes: &[CodeId]) {
        let key = (state.revision, codes.to_vec());
        if self.key.as_ref() == Some(&key) {
            return;
        }
        self.key = Some(key);
        self.rows.clear();
        for c in state.codings.iter().filter(|c| codes.contains(&c.code)) {
            let (Some(meta), Some(st)) = (state.source(c.source), state.texts.get(&c.source))
            else {
                continue;
            };
            if self.kind.is_some_and(|k| k != meta.kind) {
                continue;
            }
            if let Some(k) = &self.attr_key {
                let v = meta.attribute(k);
                if v.is_none() || self.attr_value.as_deref().is_some_and(|w| Some(w) != v) {
                    continue;
                }
            }
            let ix = st.index();
            let text = &st.texts.text;
            let n = ix.char_len();
            let slice = |a: usize, b: usize| ix.slice(text, a.min(n), b.min(n)).unwrap_or("");
            let code = state.codebook.get(c.code);
            self.rows.push(Row {
                coding: c.id,
                source: c.source,
                source_name: meta.name.clone(),
                kind: meta.kind,
                attributes: meta
                    .attributes
                    .iter()
                    .map(|a| format!("{}={}", a.key, a.value))
                    .collect::<Vec<_>>()
                    .join(" · "),
                speaker: speaker_at(&st.texts.turns, c.start),
                code: state.codebook.path(c.code),
                color: code.map_or(egui::Color32::GRAY, |k| theme::code_color(k.color)),
                start: c.start,
                end: c.end,
                before: slice(c.start.saturating_sub(CONTEXT), c.start).replace('\n', " "),
                quote: quote_of(slice, c.start, c.end),
                after: slice(c.end, c.end + CONTEXT).replace('\n', " "),
            });
        }
        self.rows.sort_by(|a, b| {
            (a.source_name.to_lowercase(), a.start).cmp(&(b.source_name.to_lowercase(), b.start))
        });
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        codes: &[CodeId],
        actions: &mut Vec<Action>,
    ) {
        if codes.is_empty() {
            ui.weak(strings::PICK_CODES);
            return;
        }
        self.rebuild(state, codes);
        let names: Vec<String> = codes
            .iter()
            .filter_map(|c| state.codebook.get(*c).map(|c| c.name.clone()))
            .collect();
        let mut changed = false;
        ui.horizontal_wrapped(|ui| {
            ui.strong(strings::segments_heading(
                &names.join(", "),
                self.rows.len(),
            ));
            ui.separator();
            let before = (self.kind, self.attr_key.clone(), self.attr_value.clone());
            egui::ComboBox::from_label(strings::KIND_FILTER)
                .selected_text(self.kind.map_or(strings::ALL_KINDS, |k| k.as_str()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.kind, None, strings::ALL_KINDS);
                    for k in SourceKind::ALL {
                        ui.selectable_value(&mut self.kind, Some(k), k.as_str());
                    }
                });
            let keys = super::reports::attribute_keys(state);
            egui::ComboBox::from_label(strings::ATTRIBUTE_FILTER)
                .selected_text(
                    self.attr_key
                        .clone()
                        .unwrap_or(strings::ANY_ATTRIBUTE.into()),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.attr_key, None, strings::ANY_ATTRIBUTE);
                    for k in keys {
                        ui.selectable_value(&mut self.attr_key, Some(k.clone()), k);
                    }
                });
            if let Some(key) = self.attr_key.clone() {
                let mut values: Vec<String> = state
                    .sources
                    .iter()
                    .filter_map(|s| s.attribute(&key).map(str::to_string))
                    .collect();
                values.sort();
                values.dedup();
                egui::ComboBox::from_label(strings::VALUE_FILTER)
                    .selected_text(self.attr_value.clone().unwrap_or(strings::ANY_VALUE.into()))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.attr_value, None, strings::ANY_VALUE);
                        for v in values {
                            ui.selectable_value(&mut self.attr_value, Some(v.clone()), v);
                        }
                    });
            } else {
                self.attr_value = None;
            }
            changed = before != (self.kind, self.attr_key.clone(), self.attr_value.clone());
        });
        if changed {
            self.key = None;
            self.rebuild(state, codes);
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .id_salt("retrieval-rows")
            .show(ui, |ui| {
                for row in &self.rows {
                    ui.horizontal_top(|ui| {
                        exemplar_ui(ui, state, row.coding, actions);
                        if ui.vertical(|ui| row_ui(ui, row)).inner {
                            actions.push(Action::JumpTo {
                                source: row.source,
                                start: row.start,
                                end: row.end,
                            });
                        }
                    });
                }
            });
    }
}

/// The star that marks a coded segment as an exemplar quote (accessible as
/// an "Exemplar" checkbox); a click toggles it as an undoable command.
pub fn exemplar_ui(ui: &mut Ui, state: &AppState, coding: CodingId, actions: &mut Vec<Action>) {
    let exemplar = state.exemplars.contains(&coding);
    if exemplar_toggle(ui, exemplar).clicked() {
        actions.push(Action::Run {
            label: if exemplar {
                strings::ACT_UNEXEMPLAR
            } else {
                strings::ACT_EXEMPLAR
            }
            .into(),
            command: Command::SetExemplar {
                coding,
                exemplar: !exemplar,
            },
        });
    }
}

fn exemplar_toggle(ui: &mut Ui, on: bool) -> egui::Response {
    let star = if on { "★" } else { "☆" };
    let text = if on {
        RichText::new(star).color(ui.visuals().warn_fg_color)
    } else {
        RichText::new(star).weak()
    };
    let r = ui
        .add(egui::Button::new(text).frame(false))
        .on_hover_text(strings::EXEMPLAR);
    r.widget_info(|| egui::WidgetInfo::selected(egui::Role::CheckBox, true, on, strings::EXEMPLAR));
    r
}

/// A coded segment longer than this many chars is shown cut, so a coding
/// of a whole huge source never lays out megabytes in one row.
const MAX_QUOTE_CHARS: usize = 2_000;

/// The quote of `[start, end)`, cut after [`MAX_QUOTE_CHARS`] with " …".
fn quote_of<'t>(slice: impl Fn(usize, usize) -> &'t str, start: usize, end: usize) -> String {
    let cut = end.min(start.saturating_add(MAX_QUOTE_CHARS));
    let quote = slice(start, cut);
    if cut < end {
        format!("{quote} …")
    } else {
        quote.to_string()
    }
}

/// Accessible name of a row: source and quote.
pub fn row_label(source: &str, quote: &str) -> String {
    format!("{source}: {quote}")
}

fn row_ui(ui: &mut Ui, row: &Row) -> bool {
    let frame = egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(6, 4))
        .corner_radius(4.0);
    let inner = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            theme::swatch(ui, row.color);
            ui.label(RichText::new(&row.source_name).strong());
            ui.label(RichText::new(row.kind.as_str()).weak());
            if !row.attributes.is_empty() {
                ui.label(RichText::new(&row.attributes).small().weak());
            }
            if let Some(s) = &row.speaker {
                ui.label(RichText::new(format!("— {s}")).italics());
            }
            ui.label(RichText::new(&row.code).small());
        });
        let v = ui.visuals();
        let font = egui::TextStyle::Body.resolve(ui.style());
        let mut job = LayoutJob::default();
        job.wrap.max_width = ui.available_width();
        let weak = TextFormat::simple(font.clone(), v.weak_text_color());
        job.append(&format!("…{}", row.before), 0.0, weak.clone());
        let mut strong = TextFormat::simple(font, v.strong_text_color());
        strong.background = theme::tint(row.color, theme::tint_alpha(v));
        job.append(&row.quote, 0.0, strong);
        job.append(&format!("{}…", row.after), 0.0, weak);
        ui.label(job);
    });
    let rect = inner.response.rect;
    let id = ui.scope_id().with(("segment", row.coding));
    let r = ui.interact(rect, id, Sense::click());
    r.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Button,
            true,
            row_label(&row.source_name, &row.quote),
        )
    });
    if r.hovered() {
        ui.painter().rect_stroke(
            rect,
            4.0,
            ui.visuals().widgets.hovered.bg_stroke,
            egui::StrokeKind::Inside,
        );
    }
    r.clicked()
}
