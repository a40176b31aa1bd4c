//! The retrieval panel: every segment of the selected code(s) across
//! sources, with source, kind, attributes, speaker and surrounding words;
//! filters by kind and attribute; a click shows the segment in the document.

use egui::text::{LayoutJob, TextFormat};
use egui::{RichText, Sense, Ui};

use super::{Action, strings, theme};
use crate::analysis::speaker_of;
use crate::app::{AppState, Command};
use crate::model::{CodeId, CodingId, SourceId, SourceKind};

/// Characters of context shown on each side of a segment.
const CONTEXT: usize = 90;

/// One segment found: which coding, where. What is shown of it (quote,
/// context, source) is made only when it scrolls into view ([`Shown`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub coding: CodingId,
    pub source: SourceId,
    pub code: CodeId,
    pub start: usize,
    pub end: usize,
}

/// One segment as the panel shows it.
#[derive(Debug, Clone)]
pub struct Shown {
    pub source_name: String,
    pub kind: SourceKind,
    pub attributes: String,
    pub speaker: Option<String>,
    pub code: String,
    pub color: egui::Color32,
    pub before: String,
    pub quote: String,
    pub after: String,
}

/// Height a row is taken to have until it is drawn.
const ROW_ESTIMATE: f32 = 64.0;

/// The retrieval panel's own state.
#[derive(Debug, Default)]
pub struct RetrievalPanel {
    kind: Option<SourceKind>,
    attr_key: Option<String>,
    attr_value: Option<String>,
    rows: Vec<Row>,
    /// What is shown of the rows drawn so far (since the last rebuild).
    shown: std::collections::HashMap<CodingId, Shown>,
    /// Each row's height: measured once drawn, else [`ROW_ESTIMATE`].
    heights: Vec<f32>,
    /// Each source's place in name order at the last rebuild.
    ranks: std::collections::HashMap<SourceId, usize>,
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

    /// Finds the segments of `codes` (from the per-code index, so the cost
    /// is the number of segments, not of all codings), filtered and sorted
    /// by source name and position. Nothing is quoted here.
    fn rebuild(&mut self, state: &AppState, codes: &[CodeId]) {
        let key = (state.revision, codes.to_vec());
        if self.key.as_ref() == Some(&key) {
            return;
        }
        if self.follow(state, codes) {
            self.key = Some(key);
            // Tests (debug builds) check the followed rows against a rebuild.
            #[cfg(debug_assertions)]
            {
                let mut fresh = RetrievalPanel {
                    kind: self.kind,
                    attr_key: self.attr_key.clone(),
                    attr_value: self.attr_value.clone(),
                    ..RetrievalPanel::default()
                };
                fresh.rebuild(state, codes);
                assert_eq!(
                    self.rows, fresh.rows,
                    "retrieval rows followed a change wrongly"
                );
                assert_eq!(self.rows.len(), self.heights.len());
            }
            return;
        }
        self.key = Some(key);
        self.rows.clear();
        self.shown.clear();
        // Each source's place in name order, so rows sort by integers.
        let mut by_name: Vec<(String, &crate::model::SourceMeta)> = state
            .sources
            .iter()
            .filter(|meta| state.texts.contains_key(&meta.id))
            .map(|meta| (meta.name.to_lowercase(), meta))
            .collect();
        by_name.sort_by(|a, b| a.0.cmp(&b.0));
        let sources: std::collections::HashMap<SourceId, (usize, &crate::model::SourceMeta)> =
            by_name
                .iter()
                .enumerate()
                .map(|(rank, (_, meta))| (meta.id, (rank, *meta)))
                .collect();
        self.ranks = sources.iter().map(|(id, (rank, _))| (*id, *rank)).collect();
        let mut keyed = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let codes = codes.iter().filter(|c| seen.insert(**c));
        for c in codes.flat_map(|&code| state.codings.of_code(code)) {
            let Some(&(rank, meta)) = sources.get(&c.source) else {
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
            keyed.push((
                (rank, c.start, c.end, c.id),
                Row {
                    coding: c.id,
                    source: c.source,
                    code: c.code,
                    start: c.start,
                    end: c.end,
                },
            ));
        }
        keyed.sort_unstable_by_key(|(k, _)| *k);
        self.rows = keyed.into_iter().map(|(_, r)| r).collect();
        self.heights = vec![ROW_ESTIMATE; self.rows.len()];
    }

    /// Follows the one change made since the last rebuild when it only
    /// added, moved or removed codings (the usual coding, undo and redo):
    /// those rows are taken out and put in at their place. Returns false
    /// when a full rebuild is needed.
    fn follow(&mut self, state: &AppState, codes: &[CodeId]) -> bool {
        let Some((rev, changed)) = &state.last_changed else {
            return false;
        };
        let behind = self
            .key
            .as_ref()
            .is_some_and(|(r, c)| r + 1 == *rev && c == codes);
        if !behind || *rev != state.revision || changed.codes || changed.sources {
            return false;
        }
        let mut touched: Vec<CodingId> = changed
            .codings_removed
            .iter()
            .chain(&changed.codings_read)
            .copied()
            .collect();
        if touched.is_empty() {
            return true;
        }
        touched.sort_unstable();
        touched.dedup();
        // One pass over the rows, which for a code of a million-coding
        // project are tens of thousands: an action names one coding, so a
        // binary search of a short sorted list beats hashing every row.
        let mut kept = 0;
        for i in 0..self.rows.len() {
            if touched.binary_search(&self.rows[i].coding).is_err() {
                self.rows[kept] = self.rows[i];
                self.heights[kept] = self.heights[i];
                kept += 1;
            }
        }
        self.rows.truncate(kept);
        self.heights.truncate(kept);
        for id in &touched {
            self.shown.remove(id);
        }
        for &id in &changed.codings_read {
            let Some(c) = state.coding(id) else {
                continue;
            };
            let (Some(&rank), Some(meta)) = (self.ranks.get(&c.source), state.source(c.source))
            else {
                continue;
            };
            if !codes.contains(&c.code) || self.kind.is_some_and(|k| k != meta.kind) {
                continue;
            }
            if let Some(k) = &self.attr_key {
                let v = meta.attribute(k);
                if v.is_none() || self.attr_value.as_deref().is_some_and(|w| Some(w) != v) {
                    continue;
                }
            }
            let key = (rank, c.start, c.end, c.id);
            let ranks = &self.ranks;
            let at = self.rows.partition_point(|r| {
                (
                    ranks.get(&r.source).copied().unwrap_or(usize::MAX),
                    r.start,
                    r.end,
                    r.coding,
                ) < key
            });
            self.rows.insert(
                at,
                Row {
                    coding: c.id,
                    source: c.source,
                    code: c.code,
                    start: c.start,
                    end: c.end,
                },
            );
            self.heights.insert(at, ROW_ESTIMATE);
        }
        true
    }

    /// What is shown of a row: its source, context and quote.
    fn shown(state: &AppState, r: &Row) -> Shown {
        let meta = state.source(r.source);
        let st = state.texts.get(&r.source);
        let (before, quote, after) = match st {
            Some(st) => {
                let ix = st.index();
                let text = &st.texts.text;
                let n = ix.char_len();
                let slice = |a: usize, b: usize| ix.slice(text, a.min(n), b.min(n)).unwrap_or("");
                (
                    slice(r.start.saturating_sub(CONTEXT), r.start).replace('\n', " "),
                    quote_of(slice, r.start, r.end),
                    slice(r.end, r.end + CONTEXT).replace('\n', " "),
                )
            }
            None => Default::default(),
        };
        let code = state.codebook.get(r.code);
        let mut shown = Shown {
            source_name: meta.map_or(String::new(), |m| m.name.clone()),
            kind: meta.map_or(SourceKind::Document, |m| m.kind),
            attributes: meta.map_or(String::new(), |m| {
                m.attributes
                    .iter()
                    .map(|a| format!("{}={}", a.key, a.value))
                    .collect::<Vec<_>>()
                    .join(" · ")
            }),
            speaker: st.and_then(|st| speaker_of(&st.texts.turns, r.start, r.end)),
            code: state.codebook.path(r.code),
            color: code.map_or(egui::Color32::GRAY, |k| theme::code_color(k.color)),
            before,
            quote,
            after,
        };
        if state.show_pseudonymised {
            pseudonymise_shown(&mut shown, &state.pseudonymiser);
        }
        shown
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        codes: &[CodeId],
        actions: &mut Vec<Action>,
    ) {
        if codes.is_empty() {
            ui.weak(strings::pick_codes(&super::shortcuts::command_key(
                ui.ctx(),
            )));
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
            egui::ComboBox::from_label(strings::kind_filter())
                .selected_text(self.kind.map_or(strings::all_kinds(), strings::kind_label))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.kind, None, strings::all_kinds());
                    for k in SourceKind::ALL {
                        ui.selectable_value(&mut self.kind, Some(k), strings::kind_label(k));
                    }
                });
            let keys = super::reports::attribute_keys(state);
            egui::ComboBox::from_label(strings::attribute_filter())
                .selected_text(
                    self.attr_key
                        .clone()
                        .unwrap_or(strings::any_attribute().into()),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.attr_key, None, strings::any_attribute());
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
                egui::ComboBox::from_label(strings::value_filter())
                    .selected_text(
                        self.attr_value
                            .clone()
                            .unwrap_or(strings::any_value().into()),
                    )
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.attr_value, None, strings::any_value());
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
        // Only the rows in view are quoted, laid out and drawn; the others
        // are space of their measured (or estimated) height.
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .id_salt("retrieval-rows")
            .show_viewport(ui, |ui, viewport| {
                let spacing = ui.spacing().item_spacing.y;
                let mut y = 0.0;
                let mut first = self.rows.len();
                for (i, h) in self.heights.iter().enumerate() {
                    if y + h + spacing > viewport.min.y {
                        first = i;
                        break;
                    }
                    y += h + spacing;
                }
                ui.add_space(y);
                let mut i = first;
                while i < self.rows.len() && y < viewport.max.y {
                    let row = self.rows[i];
                    let shown = self
                        .shown
                        .entry(row.coding)
                        .or_insert_with(|| Self::shown(state, &row));
                    let before = ui.cursor().min.y;
                    ui.horizontal_top(|ui| {
                        exemplar_ui(ui, state, row.coding, actions);
                        if ui.vertical(|ui| row_ui(ui, &row, shown)).inner {
                            actions.push(Action::JumpTo {
                                source: row.source,
                                start: row.start,
                                end: row.end,
                            });
                        }
                    });
                    let h = (ui.cursor().min.y - before - spacing).max(1.0);
                    self.heights[i] = h;
                    y += h + spacing;
                    i += 1;
                }
                let rest: f32 = self.heights[i..].iter().map(|h| h + spacing).sum();
                ui.add_space(rest.max(0.0));
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
                strings::act_unexemplar()
            } else {
                strings::act_exemplar()
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
        .on_hover_text(strings::exemplar());
    r.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::CheckBox, true, on, strings::exemplar())
    });
    r
}

/// A coded segment longer than this many chars is shown cut, so a coding
/// of a whole huge source never lays out megabytes in one row.
const MAX_QUOTE_CHARS: usize = 2_000;

/// A row with every real name replaced (View ▸ Show pseudonymised). The
/// context is cut at whole words (a name cut in half would not match), and
/// a word a coding's edge cuts is shown whole in the quote, so it is
/// replaced too.
fn pseudonymise_shown(s: &mut Shown, ps: &crate::model::pseudonyms::Pseudonymiser) {
    use crate::model::pseudonyms::is_word_char;
    let mut before = s.before.trim_start_matches(is_word_char).to_string();
    let mut after = s.after.trim_end_matches(is_word_char).to_string();
    let mut quote = s.quote.clone();
    if before.ends_with(is_word_char) && quote.starts_with(is_word_char) {
        let keep = before.trim_end_matches(is_word_char).len();
        quote.insert_str(0, &before[keep..]);
        before.truncate(keep);
    }
    if quote.ends_with(is_word_char) && after.starts_with(is_word_char) {
        let cut = after.len() - after.trim_start_matches(is_word_char).len();
        quote.push_str(&after[..cut]);
        after.drain(..cut);
    }
    s.before = ps.apply(&before).into_owned();
    s.quote = ps.apply(&quote).into_owned();
    s.after = ps.apply(&after).into_owned();
    for field in [&mut s.source_name, &mut s.attributes, &mut s.code] {
        ps.apply_in_place(field);
    }
    if let Some(sp) = &mut s.speaker {
        ps.apply_in_place(sp);
    }
}

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

fn row_ui(ui: &mut Ui, row: &Row, shown: &Shown) -> bool {
    let frame = egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(6, 4))
        .corner_radius(4.0);
    let inner = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            theme::swatch(ui, shown.color);
            ui.label(RichText::new(&shown.source_name).strong());
            ui.label(RichText::new(strings::kind_name(shown.kind)).weak());
            if !shown.attributes.is_empty() {
                ui.label(RichText::new(&shown.attributes).small().weak());
            }
            if let Some(s) = &shown.speaker {
                ui.label(RichText::new(format!("— {s}")).italics());
            }
            ui.label(RichText::new(&shown.code).small());
        });
        let v = ui.visuals();
        let font = egui::TextStyle::Body.resolve(ui.style());
        let mut job = LayoutJob::default();
        job.wrap.max_width = ui.available_width();
        let weak = TextFormat::simple(font.clone(), v.weak_text_color());
        job.append(&format!("…{}", shown.before), 0.0, weak.clone());
        let mut strong = TextFormat::simple(font, v.strong_text_color());
        strong.background = theme::tint(shown.color, theme::tint_alpha(v));
        job.append(&shown.quote, 0.0, strong);
        job.append(&format!("{}…", shown.after), 0.0, weak);
        ui.label(job);
    });
    let rect = inner.response.rect;
    let id = ui.scope_id().with(("segment", row.coding));
    let r = ui.interact(rect, id, Sense::click());
    r.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Button,
            true,
            row_label(&shown.source_name, &shown.quote),
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
