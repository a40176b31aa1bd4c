//! View ▸ Show pseudonymised: the document with every real name of the
//! pseudonym table replaced, for sharing the screen in a focus group. The
//! replaced text has other offsets than the stored one, so this view is
//! read-only: coding, selecting and correcting wait until it is off.

use egui::Ui;

use super::DocumentView;
use crate::app::{AppState, strings};
use crate::model::SourceId;

/// The replaced text of the source shown, for the revision it was made
/// at.
#[derive(Debug, Default)]
pub(super) struct PseudonymisedText {
    made: Option<(u64, SourceId)>,
    text: String,
}

impl DocumentView {
    /// The replaced text of `source`, made again only when the project (or
    /// the table) changed.
    fn pseudonymised_text(&mut self, state: &AppState, source: SourceId) -> &str {
        let key = (state.revision, source);
        if self.pseudonymised.made != Some(key) {
            self.pseudonymised.text = state.pseudonymiser.apply(&self.text).into_owned();
            self.pseudonymised.made = Some(key);
        }
        &self.pseudonymised.text
    }

    /// Draws the header and the replaced text, read-only.
    pub(super) fn pseudonymised_ui(&mut self, ui: &mut Ui, state: &AppState, source: SourceId) {
        let ps = &state.pseudonymiser;
        if let Some(meta) = state.source(source) {
            ui.horizontal(|ui| {
                ui.heading(ps.apply(&meta.name));
                ui.label(egui::RichText::new(strings::kind_name(meta.kind)).weak());
            });
            if !meta.attributes.is_empty() {
                let attrs: Vec<String> = meta
                    .attributes
                    .iter()
                    .map(|a| format!("{}={}", a.key, ps.apply(&a.value)))
                    .collect();
                ui.add(
                    egui::Label::new(egui::RichText::new(attrs.join("  ·  ")).small().weak())
                        .truncate(),
                );
            }
        }
        ui.weak(strings::pseudonymised_view());
        ui.separator();
        let size = self.text_size;
        let text = self.pseudonymised_text(state, source).to_string();
        let wrap = (ui.available_width() - 24.0).clamp(120.0, (size * 46.0).max(120.0));
        egui::ScrollArea::vertical()
            .id_salt(("document-pseudonymised", source))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.set_max_width(wrap);
                ui.add(
                    egui::Label::new(egui::RichText::new(text).size(size))
                        .wrap()
                        .selectable(false),
                );
            });
    }
}
