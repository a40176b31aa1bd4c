//! The status bar: whether the last change was saved, hints, counts.

use egui::Ui;

use super::*;
use crate::app::SaveStatus;

impl JalinApp {
    pub(super) fn status_ui(&mut self, ui: &mut Ui) {
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
                ui.weak(strings::SAVING);
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
                    ui.label(strings::status_counts(
                        self.state.codings.len(),
                        &self.state.coder_name,
                    ));
                }
            });
        });
    }
}
