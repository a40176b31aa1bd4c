//! The document view: one source's text with its codings as tinted
//! backgrounds and coloured stripes in a margin, text selection by mouse or
//! keyboard, and clicking a highlight to see and remove its codings.
//!
//! Long transcripts stay fast: the text is split at line breaks into
//! paragraphs, each laid out as its own galley only when it scrolls into
//! view, with heights estimated until then. A line longer than
//! [`CHUNK_CHARS`] is split into pieces of bounded size, so even a source
//! that is one 64 MB line lays out only what is near the view. Codings are painted as
//! rectangles over the cached galleys, so a coding change never re-lays out
//! text. All offsets here are code points into the source text, as in the
//! store; a galley's char index plus its paragraph's start is one.

use std::collections::HashMap;
use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{
    Color32, CornerRadius, FontFamily, FontId, Galley, Key, Modifiers, Pos2, Rect, Sense, Stroke,
    Ui, pos2, vec2,
};

use super::{Action, strings, theme};
use crate::app::AppState;
use crate::model::text::CharIndex;
use crate::model::{CodeId, CodingId, SourceId, SpeakerTurn};

/// Width of one coding stripe in the margin, and the gap after it.
const STRIPE_W: f32 = 4.0;
const STRIPE_GAP: f32 = 2.0;
/// At most this many stripe lanes; more overlapping codings share the last.
const MAX_LANES: usize = 16;
/// A line longer than this many chars is laid out in pieces of at most
/// this size (see [`split_paras`]).
const CHUNK_CHARS: usize = 2000;
/// Galleys further than this many paragraphs from the view are dropped.
const KEEP_AROUND: usize = 200;
/// How long a passage flashes after a jump, in seconds.
const FLASH_SECONDS: f64 = 1.2;
/// Name of the bold font family, registered when a bold font was found.
pub const BOLD_FAMILY: &str = "jalin-bold";

/// One coding as the view draws it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    pub coding: CodingId,
    pub code: CodeId,
    pub start: usize,
    pub end: usize,
    pub color: Color32,
    pub lane: usize,
}

/// A line of the source: what is laid out as one galley.
#[derive(Debug, Clone)]
struct Para {
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    /// End of a speaker label at the start of this line.
    label_end: Option<usize>,
    /// Whether the line belongs to an interviewer's or moderator's turn.
    interviewer: bool,
}

/// What a galley was laid out for; a change drops all galleys.
#[derive(Debug, Clone, Copy, PartialEq)]
struct LayoutKey {
    wrap: f32,
    size: f32,
    dark: bool,
    bold: bool,
}

/// The document view's own state.
pub struct DocumentView {
    source: Option<SourceId>,
    text: Arc<str>,
    index: CharIndex,
    paras: Vec<Para>,
    spans: Vec<Span>,
    /// `max_end[i]`: the largest end among `spans[..=i]`.
    max_end: Vec<usize>,
    lanes: usize,
    synced_revision: u64,
    galleys: HashMap<usize, Arc<Galley>>,
    heights: Vec<f32>,
    exact: Vec<bool>,
    tops: Vec<f32>,
    tops_dirty: bool,
    layout_key: Option<LayoutKey>,
    /// Selection as (anchor, cursor), code points.
    anchor: Option<usize>,
    cursor: Option<usize>,
    /// The coding chosen by clicking a highlight or stripe.
    pub selected_coding: Option<CodingId>,
    /// Codings at the last clicked point, for the "coded here" bar.
    clicked: Vec<CodingId>,
    scroll_to_char: Option<usize>,
    /// Set to scroll to an exact offset (the benchmark scrolls with this).
    pub scroll_to_y: Option<f32>,
    flash: Option<(usize, usize, f64)>,
    /// Screen position of each galley drawn in the last frame.
    drawn: Vec<(usize, Pos2)>,
    /// Whether a bold font is registered under [`BOLD_FAMILY`].
    pub bold_font: bool,
    /// Transcript text size in points.
    pub text_size: f32,
    /// Total content height in the last frame.
    pub content_height: f32,
}

impl Default for DocumentView {
    fn default() -> Self {
        DocumentView {
            source: None,
            text: Arc::from(""),
            index: CharIndex::new(""),
            paras: Vec::new(),
            spans: Vec::new(),
            max_end: Vec::new(),
            lanes: 0,
            synced_revision: 0,
            galleys: HashMap::new(),
            heights: Vec::new(),
            exact: Vec::new(),
            tops: vec![0.0],
            tops_dirty: true,
            layout_key: None,
            anchor: None,
            cursor: None,
            selected_coding: None,
            clicked: Vec::new(),
            scroll_to_char: None,
            scroll_to_y: None,
            flash: None,
            drawn: Vec::new(),
            bold_font: false,
            text_size: 15.0,
            content_height: 0.0,
        }
    }
}

use crate::model::roles::is_interviewer;

impl DocumentView {
    /// An empty view with text of `size` points.
    pub fn with_text_size(size: f32) -> DocumentView {
        DocumentView {
            text_size: size,
            ..DocumentView::default()
        }
    }

    /// The source shown, if any.
    pub fn source(&self) -> Option<SourceId> {
        self.source
    }

    /// Shows a source (its text comes from the state's cache).
    pub fn open(&mut self, state: &AppState, id: SourceId) {
        if self.source == Some(id) {
            return;
        }
        let Some(st) = state.texts.get(&id) else {
            return;
        };
        self.source = Some(id);
        self.text = Arc::from(st.texts.text.as_str());
        self.index = st.index().clone();
        self.paras = split_paras(&self.text, &st.texts.turns);
        self.galleys.clear();
        self.heights = vec![0.0; self.paras.len()];
        self.exact = vec![false; self.paras.len()];
        self.layout_key = None;
        self.tops_dirty = true;
        self.anchor = None;
        self.cursor = None;
        self.selected_coding = None;
        self.clicked.clear();
        self.flash = None;
        self.scroll_to_y = Some(0.0);
        self.synced_revision = 0;
        self.sync(state);
    }

    /// Closes the source (it was deleted or another project opened).
    pub fn close(&mut self) {
        let (bold, size) = (self.bold_font, self.text_size);
        *self = DocumentView::with_text_size(size);
        self.bold_font = bold;
    }

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
        let mut spans: Vec<Span> = state
            .codings
            .iter()
            .filter(|c| c.source == source)
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

    /// The selected range `[start, end)`, if any text is selected.
    pub fn selection(&self) -> Option<(usize, usize)> {
        let (a, c) = (self.anchor?, self.cursor?);
        let (s, e) = (a.min(c), a.max(c));
        (s < e).then_some((s, e))
    }

    /// Selects `[start, end)` (clamped to the text).
    pub fn set_selection(&mut self, start: usize, end: usize) {
        let n = self.index.char_len();
        self.anchor = Some(start.min(n));
        self.cursor = Some(end.min(n));
    }

    pub fn clear_selection(&mut self) {
        self.anchor = None;
        self.cursor = None;
    }

    /// The selected words, trimmed of surrounding white space and
    /// punctuation, for in-vivo coding.
    pub fn selected_text(&self) -> Option<&str> {
        let (s, e) = self.selection()?;
        self.index.slice(&self.text, s, e)
    }

    /// Scrolls to a passage, selects nothing and flashes it.
    pub fn jump_to(&mut self, start: usize, end: usize, now: f64) {
        self.scroll_to_char = Some(start);
        self.flash = Some((start, end, now));
        self.clear_selection();
    }

    /// Screen position just inside code point `offset`, if it was drawn in
    /// the last frame (tests drag the mouse between such points).
    pub fn screen_pos_of(&self, offset: usize) -> Option<Pos2> {
        let i = self.para_of(offset)?;
        let (_, origin) = self.drawn.iter().find(|(p, _)| *p == i)?;
        let galley = self.galleys.get(&i)?;
        let local = offset - self.paras[i].start;
        let r = galley.pos_from_cursor(CCursor::new(local));
        Some(*origin + vec2(r.min.x + 1.0, r.center().y))
    }

    /// Number of paragraphs (lines) of the shown source.
    pub fn paragraph_count(&self) -> usize {
        self.paras.len()
    }

    /// Number of galleys currently cached.
    pub fn cached_galleys(&self) -> usize {
        self.galleys.len()
    }

    /// Bytes of text laid out in the cached galleys, and the most in one:
    /// bounded by what is near the view, whatever the length of a line.
    pub fn laid_out_bytes(&self) -> (usize, usize) {
        self.galleys
            .values()
            .map(|g| g.job.text.len())
            .fold((0, 0), |(sum, max), n| (sum + n, max.max(n)))
    }

    fn para_of(&self, offset: usize) -> Option<usize> {
        if self.paras.is_empty() {
            return None;
        }
        let i = self.paras.partition_point(|p| p.start <= offset);
        Some(i.saturating_sub(1))
    }

    /// Indices of the spans that touch `[start, end)`.
    fn spans_in(&self, start: usize, end: usize) -> impl Iterator<Item = &Span> {
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
    fn codings_at(&self, at: usize) -> Vec<Span> {
        let mut v: Vec<Span> = self
            .spans_in(at, at + 1)
            .filter(|s| s.start <= at && at < s.end)
            .copied()
            .collect();
        v.sort_by_key(|s| (s.end - s.start, s.coding));
        v
    }

    fn margin(&self) -> f32 {
        8.0 + self.lanes.min(MAX_LANES) as f32 * (STRIPE_W + STRIPE_GAP)
    }

    /// Draws the document (header, coded-here bar, text) and collects what
    /// the user asked for.
    pub fn ui(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Vec<Action>) {
        self.sync(state);
        let Some(source) = self.source else {
            ui.centered_and_justified(|ui| ui.weak(strings::NO_SOURCE));
            return;
        };
        self.header_ui(ui, state, source);
        self.coded_here_ui(ui, state, actions);
        ui.separator();
        self.text_ui(ui, state, actions);
    }

    fn header_ui(&self, ui: &mut Ui, state: &AppState, source: SourceId) {
        let Some(meta) = state.source(source) else {
            return;
        };
        ui.horizontal(|ui| {
            ui.heading(&meta.name);
            ui.label(egui::RichText::new(meta.kind.as_str()).weak());
        });
        if !meta.attributes.is_empty() {
            let attrs = meta
                .attributes
                .iter()
                .map(|a| format!("{}={}", a.key, a.value))
                .collect::<Vec<_>>();
            // One line, cut at the panel's edge; all of them on hover.
            ui.add(
                egui::Label::new(egui::RichText::new(attrs.join("  ·  ")).small().weak())
                    .truncate(),
            )
            .on_hover_text(attrs.join("\n"));
        }
    }

    fn coded_here_ui(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Vec<Action>) {
        if self.clicked.is_empty() {
            return;
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(strings::CODINGS_HERE);
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
                    .on_hover_text(strings::REMOVE)
                    .clicked()
                {
                    actions.push(Action::RemoveCoding(id));
                }
                if ui
                    .small_button("✏")
                    .on_hover_text(strings::WRITE_MEMO)
                    .clicked()
                {
                    actions.push(Action::NewMemo(crate::model::MemoTarget::Coding(id)));
                }
                super::retrieval::exemplar_ui(ui, state, id, actions);
            }
        });
    }

    fn layout_key(&self, ui: &Ui, wrap: f32) -> LayoutKey {
        LayoutKey {
            wrap: wrap.round(),
            size: self.text_size,
            dark: ui.visuals().dark_mode,
            bold: self.bold_font,
        }
    }

    fn font(&self) -> FontId {
        FontId::proportional(self.text_size)
    }

    /// Lays out paragraph `i` if it is not cached; returns its galley.
    fn galley(&mut self, ui: &Ui, i: usize) -> Arc<Galley> {
        if let Some(g) = self.galleys.get(&i) {
            return g.clone();
        }
        let Some(key) = self.layout_key else {
            return ui.fonts_mut(|f| f.layout_job(LayoutJob::default()));
        };
        let p = &self.paras[i];
        let visuals = ui.visuals();
        let body = if p.interviewer {
            theme::interviewer_text(visuals)
        } else {
            theme::respondent_text(visuals)
        };
        let font = self.font();
        let mut job = LayoutJob::default();
        job.wrap.max_width = key.wrap;
        let line = &self.text[p.byte_start..p.byte_end];
        let mut rest = line;
        if let Some(le) = p.label_end {
            let label_bytes = self.index.byte(le) - p.byte_start;
            let label_font = if self.bold_font {
                FontId::new(self.text_size, FontFamily::Name(BOLD_FAMILY.into()))
            } else {
                font.clone()
            };
            job.append(
                &line[..label_bytes],
                0.0,
                TextFormat::simple(label_font, theme::label_text(visuals, p.interviewer)),
            );
            rest = &line[label_bytes..];
        }
        job.append(rest, 0.0, TextFormat::simple(font, body));
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        let h = galley.size().y;
        if !self.exact[i] || (self.heights[i] - h).abs() > 0.1 {
            self.heights[i] = h;
            self.exact[i] = true;
            self.tops_dirty = true;
        }
        self.galleys.insert(i, galley.clone());
        galley
    }

    /// Estimated heights for paragraphs not laid out yet.
    fn estimate_heights(&mut self, ui: &Ui, key: LayoutKey) {
        let row = ui.fonts_mut(|f| f.row_height(&self.font()));
        let char_w = self.text_size * 0.47;
        let per_row = (key.wrap / char_w).max(10.0);
        for (i, p) in self.paras.iter().enumerate() {
            if self.exact[i] {
                continue;
            }
            let n = (p.end - p.start) as f32;
            self.heights[i] = if n == 0.0 {
                row
            } else {
                (n / per_row).ceil().max(1.0) * row
            };
        }
        self.tops_dirty = true;
    }

    fn recompute_tops(&mut self) {
        if !self.tops_dirty {
            return;
        }
        let blank_gap = self.text_size * 0.6;
        self.tops.clear();
        self.tops.reserve(self.paras.len() + 1);
        let mut y = 0.0;
        for (i, p) in self.paras.iter().enumerate() {
            self.tops.push(y);
            y += if p.start == p.end {
                blank_gap
            } else {
                self.heights[i]
            };
        }
        self.tops.push(y);
        self.tops_dirty = false;
    }

    fn para_at_y(&self, y: f32) -> usize {
        let i = self.tops.partition_point(|&t| t <= y);
        i.saturating_sub(1).min(self.paras.len().saturating_sub(1))
    }

    fn text_ui(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Vec<Action>) {
        let margin = self.margin();
        let reading = self.text_size * 46.0;
        let wrap = (ui.available_width() - margin - 24.0).clamp(120.0, reading.max(120.0));
        let key = self.layout_key(ui, wrap);
        if self.layout_key != Some(key) {
            self.layout_key = Some(key);
            self.galleys.clear();
            self.exact.iter_mut().for_each(|e| *e = false);
            self.estimate_heights(ui, key);
        }
        self.recompute_tops();

        let mut area = egui::ScrollArea::vertical()
            .id_salt(("document", self.source))
            .auto_shrink([false, false])
            .animated(false);
        if let Some(target) = self.scroll_to_char.take() {
            if let Some(i) = self.para_of(target) {
                self.galley(ui, i);
                self.recompute_tops();
                area = area.vertical_scroll_offset((self.tops[i] - 60.0).max(0.0));
            }
        } else if let Some(y) = self.scroll_to_y.take() {
            area = area.vertical_scroll_offset(y.max(0.0));
        }
        area.show_viewport(ui, |ui, viewport| {
            self.viewport_ui(ui, viewport, margin, state, actions);
        });
    }

    fn viewport_ui(
        &mut self,
        ui: &mut Ui,
        viewport: Rect,
        margin: f32,
        state: &AppState,
        actions: &mut Vec<Action>,
    ) {
        let origin = ui.max_rect().min;
        if self.paras.is_empty() {
            return;
        }
        // Lay out what is visible, then fix positions if heights changed.
        let first = self.para_at_y(viewport.min.y);
        let mut last = self.para_at_y(viewport.max.y);
        for i in first..=last {
            self.galley(ui, i);
        }
        self.recompute_tops();
        last = last.max(self.para_at_y(viewport.max.y));
        for i in first..=last {
            self.galley(ui, i);
        }
        self.recompute_tops();
        self.galleys
            .retain(|&i, _| i + KEEP_AROUND >= first && i <= last + KEEP_AROUND);
        let total = *self.tops.last().unwrap_or(&0.0);
        self.content_height = total;
        let width = ui.available_width().max(margin + 100.0);
        let content = Rect::from_min_size(origin, vec2(width, total.max(viewport.height())));
        let id = ui.scope_id().with("document-text");
        let response = ui.interact(content, id, Sense::click_and_drag());
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Document, true, strings::DOCUMENT_TEXT)
        });
        ui.allocate_rect(content, Sense::hover());

        self.pointer_input(ui, &response, origin, margin, state, actions);
        if response.has_focus() {
            self.keyboard_input(ui, origin, margin);
        }
        self.paint(ui, origin, margin, first, last);
        self.hover_tooltip(ui, &response, origin, margin, state);
    }

    /// Code point under a screen position (`None` above or below the text).
    fn char_at(&mut self, ui: &Ui, origin: Pos2, margin: f32, pos: Pos2) -> Option<usize> {
        if self.paras.is_empty() {
            return None;
        }
        let y = pos.y - origin.y;
        let i = self.para_at_y(y.max(0.0));
        let galley = self.galley(ui, i);
        let local = pos - (origin + vec2(margin, self.tops[i]));
        let c = galley.cursor_from_pos(local);
        Some(self.paras[i].start + c.index.0.min(self.paras[i].end - self.paras[i].start))
    }

    /// The coding whose stripe is under a margin position.
    fn stripe_at(&self, origin: Pos2, pos: Pos2, at: usize) -> Option<CodingId> {
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

    fn pointer_input(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        origin: Pos2,
        margin: f32,
        state: &AppState,
        actions: &mut Vec<Action>,
    ) {
        let _ = state;
        if response.drag_started()
            && let Some(press) = ui.input(|i| i.pointer.press_origin())
        {
            self.anchor = self.char_at(ui, origin, margin, press);
            self.cursor = self.anchor;
            self.clicked.clear();
            response.request_focus();
        }
        if response.dragged()
            && let Some(pos) = response.interact_pointer_pos()
        {
            self.cursor = self.char_at(ui, origin, margin, pos);
            // Scroll while dragging past the edge.
            let clip = ui.clip_rect();
            if pos.y > clip.max.y - 16.0 {
                ui.scroll_with_delta(vec2(0.0, -8.0));
            } else if pos.y < clip.min.y + 16.0 {
                ui.scroll_with_delta(vec2(0.0, 8.0));
            }
        }
        if response.double_clicked()
            && let Some(pos) = response.interact_pointer_pos()
            && let Some(at) = self.char_at(ui, origin, margin, pos)
        {
            let (s, e) = self.word_around(at);
            self.set_selection(s, e);
            self.clicked.clear();
            return;
        }
        if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            response.request_focus();
            let Some(at) = self.char_at(ui, origin, margin, pos) else {
                return;
            };
            let stripe = (pos.x < origin.x + margin)
                .then(|| self.stripe_at(origin, pos, at))
                .flatten();
            let here = self.codings_at(at);
            self.clear_selection();
            self.anchor = Some(at);
            self.cursor = Some(at);
            self.clicked = here.iter().map(|s| s.coding).collect();
            self.selected_coding = stripe.or_else(|| here.first().map(|s| s.coding));
            if let Some(s) = stripe
                && !self.clicked.contains(&s)
            {
                self.clicked.insert(0, s);
            }
            actions.push(Action::CodingClicked(self.selected_coding));
        }
    }

    /// The word around code point `at`; reads only the word's own chars.
    fn word_around(&self, at: usize) -> (usize, usize) {
        let is_word = |c: &char| c.is_alphanumeric() || *c == '\'' || *c == '’' || *c == '-';
        let at = at.min(self.index.char_len());
        let byte = self.index.byte(at);
        let before = self.text[..byte].chars().rev().take_while(is_word).count();
        let after = self.text[byte..].chars().take_while(is_word).count();
        (at - before, at + after)
    }

    fn keyboard_input(&mut self, ui: &Ui, origin: Pos2, margin: f32) {
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                ui.scope_id().with("document-text"),
                egui::EventFilter {
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    ..Default::default()
                },
            );
        });
        let n = self.index.char_len();
        let (left, right, up, down, all, copy) = ui.input_mut(|i| {
            (
                i.consume_key(Modifiers::SHIFT, Key::ArrowLeft)
                    || i.consume_key(Modifiers::SHIFT | Modifiers::COMMAND, Key::ArrowLeft),
                i.consume_key(Modifiers::SHIFT, Key::ArrowRight)
                    || i.consume_key(Modifiers::SHIFT | Modifiers::COMMAND, Key::ArrowRight),
                i.consume_key(Modifiers::SHIFT, Key::ArrowUp),
                i.consume_key(Modifiers::SHIFT, Key::ArrowDown),
                i.consume_key(Modifiers::COMMAND, Key::A),
                i.events.iter().any(|e| matches!(e, egui::Event::Copy)),
            )
        });
        let word = ui.input(|i| i.modifiers.command);
        let Some(cur) = self.cursor else {
            if all {
                self.set_selection(0, n);
            }
            return;
        };
        if self.anchor.is_none() {
            self.anchor = Some(cur);
        }
        let mut new = cur;
        if left {
            new = if word {
                self.word_around(cur.saturating_sub(1)).0
            } else {
                cur.saturating_sub(1)
            };
        }
        if right {
            new = if word {
                self.word_around((cur + 1).min(n)).1
            } else {
                (cur + 1).min(n)
            };
        }
        if (up || down)
            && let Some(pos) = self.screen_pos_of(cur)
        {
            let row = ui.fonts_mut(|f| f.row_height(&self.font()));
            let target = pos + vec2(0.0, if up { -row } else { row });
            if let Some(c) = self.char_at(ui, origin, margin, target) {
                new = c;
            }
        }
        self.cursor = Some(new);
        if all {
            self.set_selection(0, n);
        }
        if copy && let Some(t) = self.selected_text() {
            ui.ctx().copy_text(t.to_string());
        }
    }

    fn paint(&mut self, ui: &Ui, origin: Pos2, margin: f32, first: usize, last: usize) {
        let painter = ui.painter();
        let visuals = ui.visuals().clone();
        let now = ui.input(|i| i.time);
        let selection = self.selection();
        let select_fill = theme::selection_fill(&visuals);
        let tint_alpha = theme::tint_alpha(&visuals);
        let flash = self.flash.filter(|f| now - f.2 < FLASH_SECONDS);
        if flash.is_some() {
            ui.ctx().request_repaint();
        } else {
            self.flash = None;
        }
        self.drawn.clear();
        for i in first..=last.min(self.paras.len().saturating_sub(1)) {
            let Some(galley) = self.galleys.get(&i).cloned() else {
                continue;
            };
            let p = self.paras[i].clone();
            let top = origin.y + self.tops[i];
            let gpos = pos2(origin.x + margin, top);
            let height = self.tops[i + 1] - self.tops[i];
            let spans: Vec<Span> = self.spans_in(p.start, p.end).copied().collect();
            for s in &spans {
                let (a, b) = (s.start.max(p.start) - p.start, s.end.min(p.end) - p.start);
                let fill = theme::tint(s.color, tint_alpha);
                for r in range_rects(&galley, a, b) {
                    painter.rect_filled(r.translate(gpos.to_vec2()), CornerRadius::ZERO, fill);
                }
                if self.selected_coding == Some(s.coding) {
                    for r in range_rects(&galley, a, b) {
                        painter.rect_stroke(
                            r.translate(gpos.to_vec2()),
                            CornerRadius::same(2),
                            Stroke::new(1.5, s.color),
                            egui::StrokeKind::Outside,
                        );
                    }
                }
            }
            if let Some((s, e)) = selection
                && s < p.end.max(p.start + 1)
                && e > p.start
            {
                let (a, b) = (s.max(p.start) - p.start, e.min(p.end) - p.start);
                for r in range_rects(&galley, a, b) {
                    painter.rect_filled(
                        r.translate(gpos.to_vec2()),
                        CornerRadius::ZERO,
                        select_fill,
                    );
                }
            }
            if let Some((s, e, t0)) = flash
                && s < p.end
                && e > p.start
            {
                let (a, b) = (s.max(p.start) - p.start, e.min(p.end) - p.start);
                let fade = (1.0 - ((now - t0) / FLASH_SECONDS) as f32).clamp(0.0, 1.0);
                let color = visuals.warn_fg_color.gamma_multiply(fade);
                for r in range_rects(&galley, a, b) {
                    painter.rect_stroke(
                        r.translate(gpos.to_vec2()).expand(1.0),
                        CornerRadius::same(2),
                        Stroke::new(2.0, color),
                        egui::StrokeKind::Outside,
                    );
                }
            }
            painter.galley(gpos, galley.clone(), visuals.text_color());
            // Stripes.
            for s in &spans {
                let x = origin.x + 4.0 + s.lane as f32 * (STRIPE_W + STRIPE_GAP);
                let y0 = if s.start >= p.start {
                    let r = galley.pos_from_cursor(CCursor::new(s.start - p.start));
                    top + r.min.y
                } else {
                    top
                };
                let y1 = if s.end <= p.end {
                    let r = galley.pos_from_cursor(CCursor::new(s.end - p.start));
                    top + r.max.y
                } else {
                    top + height
                };
                let rect = Rect::from_min_max(pos2(x, y0), pos2(x + STRIPE_W, y1.max(y0 + 2.0)));
                painter.rect_filled(rect, CornerRadius::same(1), s.color);
                if self.selected_coding == Some(s.coding) {
                    painter.rect_stroke(
                        rect.expand(1.0),
                        CornerRadius::same(1),
                        Stroke::new(1.0, visuals.strong_text_color()),
                        egui::StrokeKind::Outside,
                    );
                }
            }
            self.drawn.push((i, gpos));
        }
    }

    fn hover_tooltip(
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

/// Rectangles covering galley chars `[a, b)`, one per row, in galley space.
fn range_rects(galley: &Galley, a: usize, b: usize) -> Vec<Rect> {
    let mut out = Vec::new();
    if a >= b {
        return out;
    }
    let mut row_start = 0;
    for row in &galley.rows {
        let n = row.char_count_excluding_newline().0;
        let row_end = row_start + n;
        let lo = a.max(row_start);
        let hi = b.min(row_end);
        if lo < hi {
            let x0 = row.pos.x + row.x_offset(egui::epaint::text::CharIndex(lo - row_start));
            let x1 = row.pos.x + row.x_offset(egui::epaint::text::CharIndex(hi - row_start));
            let r = row.rect();
            out.push(Rect::from_min_max(pos2(x0, r.min.y), pos2(x1, r.max.y)));
        }
        row_start += row.char_count_including_newline().0;
        if row_start >= b {
            break;
        }
    }
    out
}

/// Splits a text into lines, noting speaker labels and interviewer turns.
/// A line longer than [`CHUNK_CHARS`] is cut into pieces of at most that
/// many chars (after a space where there is one in the piece's second
/// half), each its own galley: a source that is one huge line lays out
/// only the pieces in view, never the whole line. One pass over the text.
fn split_paras(text: &str, turns: &[SpeakerTurn]) -> Vec<Para> {
    let mut paras = Vec::new();
    let mut char_pos = 0;
    let mut byte_pos = 0;
    for line in text.split('\n') {
        let line_start = char_pos;
        let pieces = line_pieces(line);
        for &(from, to, chars_from, chars_to) in &pieces {
            let (start, end) = (line_start + chars_from, line_start + chars_to);
            let mut label_end = None;
            let mut interviewer = false;
            let i = turns.partition_point(|t| t.start <= start);
            if end > start
                && let Some(t) = i.checked_sub(1).map(|i| &turns[i])
                && start < t.end
            {
                interviewer = is_interviewer(&t.speaker);
                if t.start == start && t.label_end > start && t.label_end <= end {
                    label_end = Some(t.label_end);
                }
            }
            paras.push(Para {
                start,
                end,
                byte_start: byte_pos + from,
                byte_end: byte_pos + to,
                label_end,
                interviewer,
            });
        }
        let n = pieces.last().map_or(0, |p| p.3);
        char_pos = line_start + n + 1;
        byte_pos += line.len() + 1;
    }
    paras
}

/// The pieces one line is laid out in, as (byte start, byte end, char
/// start, char end) within the line: the whole line when it is at most
/// [`CHUNK_CHARS`] long, else pieces of at most that many chars.
fn line_pieces(line: &str) -> Vec<(usize, usize, usize, usize)> {
    let mut pieces = Vec::new();
    // Piece start, and the end of the last space after its middle.
    let (mut from, mut chars_from) = (0, 0);
    let mut space: Option<(usize, usize)> = None;
    let mut n = 0;
    for (b, c) in line.char_indices() {
        if n - chars_from == CHUNK_CHARS {
            let (to, chars_to) = space.unwrap_or((b, n));
            pieces.push((from, to, chars_from, chars_to));
            (from, chars_from) = (to, chars_to);
            space = None;
        }
        n += 1;
        if c.is_whitespace() && n - chars_from > CHUNK_CHARS / 2 {
            space = Some((b + c.len_utf8(), n));
        }
    }
    pieces.push((from, line.len(), chars_from, n));
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::char_slice;

    fn turn(start: usize, label_end: usize, end: usize, speaker: &str) -> SpeakerTurn {
        SpeakerTurn {
            start,
            end,
            label_end,
            speaker: speaker.into(),
        }
    }

    #[test]
    fn lines_map_to_code_points_and_labels() {
        let text = "I: Apa kabar? 😀\n\nR: Baik.\nlanjut";
        let turns = vec![turn(0, 3, 15, "I"), turn(17, 20, 32, "R")];
        let paras = split_paras(text, &turns);
        assert_eq!(paras.len(), 4);
        assert_eq!((paras[0].start, paras[0].end), (0, 15));
        assert_eq!(paras[0].label_end, Some(3));
        assert!(paras[0].interviewer);
        assert_eq!((paras[1].start, paras[1].end), (16, 16));
        assert_eq!((paras[2].start, paras[2].end), (17, 25));
        assert_eq!(paras[2].label_end, Some(20));
        assert!(!paras[2].interviewer);
        assert_eq!(paras[3].label_end, None);
        assert!(!paras[3].interviewer);
        let p = &paras[2];
        assert_eq!(&text[p.byte_start..p.byte_end], "R: Baik.");
    }

    #[test]
    fn long_lines_are_laid_out_in_bounded_pieces() {
        let long: String = (0..3000).map(|i| format!("kata{i} é ")).collect();
        let unbroken = "x".repeat(4500);
        let text = format!("R: {long}\nshort\n{unbroken}");
        let turns = vec![turn(0, 3, 3 + long.chars().count(), "R")];
        let paras = split_paras(&text, &turns);
        let mut next = 0;
        for p in &paras {
            assert!(p.end - p.start <= CHUNK_CHARS, "{}", p.end - p.start);
            // Pieces of one line follow each other; a new line skips its break.
            assert!(
                p.start == next || p.start == next + 1,
                "{} after {next}",
                p.start
            );
            let piece = &text[p.byte_start..p.byte_end];
            assert_eq!(piece.chars().count(), p.end - p.start);
            assert_eq!(char_slice(&text, p.start, p.end), Some(piece));
            next = p.end;
        }
        assert_eq!(next, text.chars().count());
        // Only the first piece of the turn carries its label.
        assert_eq!(paras[0].label_end, Some(3));
        assert!(paras[1..].iter().all(|p| p.label_end.is_none()));
        // Cut after a space where the piece has one in its second half.
        let first = &text[paras[0].byte_start..paras[0].byte_end];
        assert!(first.ends_with(' '), "{:?}", &first[first.len() - 10..]);
        assert_eq!(
            paras
                .iter()
                .filter(|p| p.byte_start >= text.len() - 4500)
                .count(),
            3
        );
    }
}
