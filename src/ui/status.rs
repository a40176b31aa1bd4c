//! The status bar: whether the last change was saved, hints, counts.

use egui::Ui;

use super::*;
use crate::app::SaveStatus;

impl JalinApp {
    pub(super) fn status_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            match &self.state.status {
                SaveStatus::Unchanged => {}
                SaveStatus::Saved(what) => {
                    ui.label(egui::RichText::new("✔").color(ui.visuals().selection.bg_fill));
                    ui.label(strings::saved(what));
                }
                SaveStatus::NotSaved { action, reason } => {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!("{} {reason}", strings::not_saved(action)),
                    );
                }
            }
            if self.memos.is_dirty() {
                ui.weak(strings::saving());
            }
            if let Some(h) = &self.hint {
                ui.separator();
                ui.label(h);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(p) = self.state.path() {
                    ui.weak(p.display().to_string());
                    ui.separator();
                }
                if self.state.is_open() {
                    let color = self
                        .state
                        .coder()
                        .map(|c| super::theme::code_color(c.shown_color()));
                    let mut text =
                        egui::RichText::new(strings::coder_button(&self.state.coder_name));
                    if let Some(c) = color {
                        text = text.color(c);
                    }
                    ui.menu_button(text, |ui| self.coder_menu_ui(ui, actions))
                        .response
                        .on_hover_text(strings::switch_coder_hint());
                    if self.state.blind {
                        ui.label(egui::RichText::new(strings::blind_on()).strong())
                            .on_hover_text(strings::blind_hint());
                    }
                    ui.label(strings::codings_count(self.state.codings.len()));
                }
            });
        });
    }
}
