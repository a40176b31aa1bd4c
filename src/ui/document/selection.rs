//! Selecting text by mouse and keyboard, and clicking highlights.

use egui::text::CCursor;
use egui::{Key, Modifiers, Pos2, Ui, vec2};

use super::*;
use crate::app::AppState;

impl DocumentView {
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

    /// Code point under a screen position (`None` above or below the text).
    pub(super) fn char_at(
        &mut self,
        ui: &Ui,
        origin: Pos2,
        margin: f32,
        pos: Pos2,
    ) -> Option<usize> {
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

    pub(super) fn pointer_input(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        origin: Pos2,
        margin: f32,
        state: &AppState,
        actions: &mut Vec<Action>,
    ) {
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
        if response.secondary_clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            // Right-click on a speaker label: that speaker's menu.
            self.speaker_menu = self.source.and_then(|source| {
                let at = self.char_at(ui, origin, margin, pos)?;
                let turns = &state.texts.get(&source)?.texts.turns;
                let speaker = super::super::speakers::label_at(turns, at)?;
                Some(super::super::speakers::SpeakerMenu::new(source, speaker))
            });
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
    pub(super) fn word_around(&self, at: usize) -> (usize, usize) {
        let is_word = |c: &char| c.is_alphanumeric() || *c == '\'' || *c == '’' || *c == '-';
        let at = at.min(self.index.char_len());
        let byte = self.index.byte(at);
        let before = self.text[..byte].chars().rev().take_while(is_word).count();
        let after = self.text[byte..].chars().take_while(is_word).count();
        (at - before, at + after)
    }

    pub(super) fn keyboard_input(&mut self, ui: &Ui, origin: Pos2, margin: f32) {
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
}
