//! The codings of the shown source: spans in lanes, the stripes' hit
//! testing, the "coded here" bar and the tooltip over a highlight.

use egui::{Color32, Pos2, Ui};

use super::*;
use crate::app::AppState;
use crate::model::CodingId;

impl DocumentView {
    /// Re-reads the codings of the shown source after a change.
    pub fn sync(&mut self, state: &AppState) {
        if self.synced_revision == state.revision {
            return;
        }
        self.synced_revision = state.revision;
        let Some(source) = self.source else {
            return;
        };
        if !state.texts.contains_key(&source) {
            self.close();
            return;
        }
        if state.text_read(source) != self.text_read {
            // The text was corrected: lay it out again, staying where the
            // cursor was.
            let at = self.cursor.or(self.anchor);
            self.source = None;
            self.open(state, source);
            self.scroll_to_y = None;
            self.scroll_to_char = at;
            return;
        }
        self.sync_roles(state, source);
        let mut spans: Vec<Span> = state
            .codings
            .of_source(source)
            .map(|c| Span {
                coding: c.id,
                code: c.code,
                start: c.start,
                end: c.end,
                color: state
                    .codebook
                    .get(c.code)
                    .map_or(Color32::GRAY, |k| theme::code_color(k.color)),
                lane: 0,
            })
            .collect();
        spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end), s.coding));
        // Greedy lanes: each coding takes the lowest lane free at its start,
        // so overlapping codings never share a stripe.
        let mut lane_end: Vec<usize> = Vec::new();
        for s in &mut spans {
            let lane = lane_end
                .iter()
                .position(|&e| e <= s.start)
                .unwrap_or(lane_end.len())
                .min(MAX_LANES - 1);
            if lane == lane_end.len() {
                lane_end.push(s.end);
            } else {
                lane_end[lane] = lane_end[lane].max(s.end);
            }
            s.lane = lane;
        }
        self.lanes = lane_end.len();
        let mut m = 0;
        self.max_end = spans
            .iter()
            .map(|s| {
                m = m.max(s.end);
                m
            })
            .collect();
        self.spans = spans;
        if let Some(sel) = self.selected_coding
            && !self.spans.iter().any(|s| s.coding == sel)
        {
            self.selected_coding = None;
        }
        self.clicked
            .retain(|c| self.spans.iter().any(|s| s.coding == *c));
    }

    /// Indices of the spans that touch `[start, end)`.
    pub(super) fn spans_in(&self, start: usize, end: usize) -> impl Iterator<Item = &Span> {
        let upper = self.spans.partition_point(|s| s.start < end.max(start + 1));
        let mut lower = upper;
        while lower > 0 && self.max_end[lower - 1] > start {
            lower -= 1;
        }
        self.spans[lower..upper]
            .iter()
            .filter(move |s| s.end > start && s.start < end.max(start + 1))
    }

    /// The codings covering code point `at`, shortest first.
    pub(super) fn codings_at(&self, at: usize) -> Vec<Span> {
        let mut v: Vec<Span> = self
            .spans_in(at, at + 1)
            .filter(|s| s.start <= at && at < s.end)
            .copied()
            .collect();
        v.sort_by_key(|s| (s.end - s.start, s.coding));
        v
    }

    pub(super) fn margin(&self) -> f32 {
        8.0 + self.lanes.min(MAX_LANES) as f32 * (STRIPE_W + STRIPE_GAP)
    }

    /// The coding whose stripe is under a margin position.
    pub(super) fn stripe_at(&self, origin: Pos2, pos: Pos2, at: usize) -> Option<CodingId> {
        let lane = ((pos.x - origin.x - 4.0) / (STRIPE_W + STRIPE_GAP)).floor();
        if lane < 0.0 {
            return None;
        }
        let lane = lane as usize;
        let i = self.para_of(at)?;
        let p = &self.paras[i];
        self.spans_in(p.start, p.end)
            .find(|s| s.lane == lane)
            .map(|s| s.coding)
    }

    pub(super) fn coded_here_ui(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        actions: &mut Vec<Action>,
    ) {
        // Always one line high, shown or empty, so the text below never
        // moves under the pointer (a drag clears it; a click fills it).
        let height = ui.spacing().interact_size.y + 2.0;
        let layout = egui::Layout::left_to_right(egui::Align::Center);
        let size = egui::vec2(ui.available_width(), height);
        ui.allocate_ui_with_layout(size, layout, |ui| {
            ui.set_min_size(size);
            if self.clicked.is_empty() {
                ui.weak(strings::codings_here_hint());
                return;
            }
            egui::ScrollArea::horizontal()
                .id_salt("coded-here")
                .max_height(height)
                .show(ui, |ui| {
                    ui.horizontal(|ui| self.coded_here_row(ui, state, actions))
                });
        });
    }

    fn coded_here_row(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Vec<Action>) {
        ui.label(strings::codings_here());
        for id in self.clicked.clone() {
            let Some(coding) = state.coding(id) else {
                continue;
            };
            let code = state.codebook.get(coding.code);
            let name = code.map_or("?", |c| c.name.as_str());
            let color = code.map_or(Color32::GRAY, |c| theme::code_color(c.color));
            theme::swatch(ui, color);
            let text = format!("{name} ({})", state.coder_name_of(coding.coder));
            if ui
                .selectable_label(self.selected_coding == Some(id), text)
                .clicked()
            {
                self.selected_coding = Some(id);
            }
            if ui
                .small_button("×")
                .on_hover_text(strings::remove())
                .clicked()
            {
                actions.push(Action::RemoveCoding(id));
            }
            if ui
                .small_button("✏")
                .on_hover_text(strings::write_memo())
                .clicked()
            {
                actions.push(Action::NewMemo(crate::model::MemoTarget::Coding(id)));
            }
            crate::ui::retrieval::exemplar_ui(ui, state, id, actions);
        }
    }

    pub(super) fn hover_tooltip(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        origin: Pos2,
        margin: f32,
        state: &AppState,
    ) {
        if response.dragged() {
            return;
        }
        let Some(pos) = response.hover_pos() else {
            return;
        };
        let Some(at) = self.char_at(ui, origin, margin, pos) else {
            return;
        };
        let here: Vec<Span> = if pos.x < origin.x + margin {
            self.stripe_at(origin, pos, at)
                .and_then(|c| self.spans.iter().find(|s| s.coding == c).copied())
                .into_iter()
                .collect()
        } else {
            self.codings_at(at)
        };
        if here.is_empty() {
            return;
        }
        response.clone().on_hover_ui_at_pointer(|ui| {
            for s in &here {
                let coder = state
                    .coding(s.coding)
                    .map_or("", |c| state.coder_name_of(c.coder));
                ui.horizontal(|ui| {
                    theme::swatch(ui, s.color);
                    ui.label(format!("{} · {coder}", state.codebook.path(s.code)));
                });
            }
        });
    }
}
