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

use egui::{Color32, Galley, Pos2, Rect, Sense, Ui, vec2};

use super::{Action, strings, theme};
use crate::app::AppState;
use crate::model::text::CharIndex;
use crate::model::{CodeId, CodingId, SourceId};

mod codings;
mod layout;
mod paint;
mod pseudonymised;
mod selection;
mod speakers;

use layout::split_paras;

/// Width of one coding stripe in the margin, and the gap after it.
const STRIPE_W: f32 = 4.0;
const STRIPE_GAP: f32 = 2.0;
/// At most this many stripe lanes; more overlapping codings share the last.
const MAX_LANES: usize = 16;
/// A line longer than this many chars is laid out in pieces of at most
/// this size (see `layout::split_paras`).
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
    /// Which read of the source's text is shown ([`AppState::text_read`]).
    text_read: u64,
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
    /// The speaker menu, open after a right-click on a speaker label.
    pub speaker_menu: Option<super::speakers::SpeakerMenu>,
    /// Keys of the speakers drawn lighter (not respondents), to redraw when
    /// a role changes.
    not_respondents: Vec<String>,
    /// The roles set for the shown source when its lines were marked (only
    /// a change to these re-marks them).
    roles_set: Vec<(String, Option<crate::model::roles::Role>)>,
    /// The text as View ▸ Show pseudonymised shows it.
    pseudonymised: pseudonymised::PseudonymisedText,
}

impl Default for DocumentView {
    fn default() -> Self {
        DocumentView {
            source: None,
            text_read: 0,
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
            speaker_menu: None,
            not_respondents: Vec::new(),
            roles_set: Vec::new(),
            pseudonymised: Default::default(),
        }
    }
}

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
        self.text_read = state.text_read(id);
        self.text = Arc::from(st.texts.text.as_str());
        self.index = st.index().clone();
        self.paras = split_paras(&self.text, &st.texts.turns, &state.roles(id));
        self.not_respondents = layout::not_respondents(&st.texts.turns, &state.roles(id));
        self.roles_set = layout::roles_set(state, id);
        self.speaker_menu = None;
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

    /// Draws the document (header, coded-here bar, text) and collects what
    /// the user asked for.
    pub fn ui(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Vec<Action>) {
        self.sync(state);
        let Some(source) = self.source else {
            ui.centered_and_justified(|ui| ui.weak(strings::no_source()));
            return;
        };
        if state.show_pseudonymised {
            // Read-only: no selection to code or correct while it shows.
            self.anchor = None;
            self.cursor = None;
            self.pseudonymised_ui(ui, state, source);
            return;
        }
        self.header_ui(ui, state, source, actions);
        self.coded_here_ui(ui, state, actions);
        ui.separator();
        self.text_ui(ui, state, actions);
    }

    fn header_ui(
        &self,
        ui: &mut Ui,
        state: &AppState,
        source: SourceId,
        actions: &mut Vec<Action>,
    ) {
        let Some(meta) = state.source(source) else {
            return;
        };
        ui.horizontal(|ui| {
            ui.heading(&meta.name);
            ui.label(egui::RichText::new(strings::kind_name(meta.kind)).weak());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .add_enabled(
                        self.selection().is_some(),
                        egui::Button::new(strings::correct_text()).small(),
                    )
                    .on_hover_text(strings::correct_text_hint())
                    .on_disabled_hover_text(strings::correct_text_hint())
                    .clicked()
                {
                    actions.push(Action::CorrectText);
                }
            });
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
            egui::WidgetInfo::labeled(egui::Role::Document, true, strings::document_text())
        });
        ui.allocate_rect(content, Sense::hover());

        self.pointer_input(ui, &response, origin, margin, state, actions);
        if let Some(menu) = &mut self.speaker_menu
            && !super::speakers::menu_ui(&response, menu, state, actions)
        {
            self.speaker_menu = None;
        }
        if response.has_focus() {
            self.keyboard_input(ui, origin, margin);
        }
        self.paint(ui, origin, margin, first, last);
        self.hover_tooltip(ui, &response, origin, margin, state);
    }
}
