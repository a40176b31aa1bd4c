//! The menu bar.

use egui::Ui;

use super::*;
use crate::app::ThemeChoice;
use dialogs::Dialog;

impl JalinApp {
    pub(super) fn menu_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(strings::MENU_FILE, |ui| {
                if ui.button(strings::NEW_PROJECT).clicked() {
                    actions.push(Action::NewProject);
                }
                if ui.button(strings::NEW_ENCRYPTED_PROJECT).clicked() {
                    actions.push(Action::NewEncryptedProject);
                }
                if ui.button(strings::OPEN_PROJECT).clicked() {
                    actions.push(Action::OpenProject);
                }
                ui.menu_button(strings::RECENT, |ui| {
                    if self.settings.recent.is_empty() {
                        ui.weak(strings::NO_RECENT);
                    }
                    for p in &self.settings.recent {
                        if ui.button(p.display().to_string()).clicked() {
                            actions.push(Action::OpenPath(p.clone()));
                        }
                    }
                });
                if ui.button(strings::OPEN_DEMO).clicked() {
                    actions.push(Action::OpenDemo);
                }
                ui.separator();
                let open = self.state.is_open();
                ui.add_enabled_ui(open, |ui| {
                    ui.menu_button(strings::MENU_CODER, |ui| self.coder_menu_ui(ui, actions));
                });
                ui.separator();
                if ui
                    .add_enabled(open, egui::Button::new(strings::IMPORT_FILES))
                    .clicked()
                {
                    actions.push(Action::ImportDialog);
                }
                if ui
                    .add_enabled(open, egui::Button::new(strings::IMPORT_FOLDER))
                    .clicked()
                {
                    actions.push(Action::ImportFolder);
                }
                ui.separator();
                if ui.button(strings::IMPORT_QDPX).clicked() {
                    actions.push(Action::ImportQdpx);
                }
                if ui
                    .add_enabled(open, egui::Button::new(strings::EXPORT_QDPX))
                    .clicked()
                {
                    actions.push(Action::ExportQdpx);
                }
                if ui
                    .add_enabled(open, egui::Button::new(strings::EXPORT_QDPX_PSEUDONYMISED))
                    .on_hover_text(strings::EXPORT_QDPX_PSEUDONYMISED_HINT)
                    .clicked()
                {
                    actions.push(Action::ExportQdpxPseudonymised);
                }
                if ui
                    .add_enabled(open, egui::Button::new(strings::IMPORT_QDC))
                    .clicked()
                {
                    actions.push(Action::ImportQdc);
                }
                if ui
                    .add_enabled(open, egui::Button::new(strings::EXPORT_QDC))
                    .clicked()
                {
                    actions.push(Action::ExportQdc);
                }
                if ui
                    .add_enabled(open, egui::Button::new(strings::MERGE_PROJECT))
                    .on_hover_text(strings::MERGE_PROJECT_HINT)
                    .clicked()
                {
                    actions.push(Action::MergeDialog);
                }
                ui.separator();
                if ui
                    .add_enabled(open, egui::Button::new(strings::SAVE_COPY))
                    .on_hover_text(strings::SAVE_COPY_HINT)
                    .clicked()
                {
                    actions.push(Action::SaveCopy);
                }
                self.encryption_menu_ui(ui, actions);
                ui.separator();
                if ui.button(strings::QUIT).clicked() {
                    actions.push(Action::Quit);
                }
            });
            ui.menu_button(strings::MENU_EDIT, |ui| {
                let undo = strings::undo_item(self.state.undo.undo_label());
                if ui
                    .add_enabled(
                        self.state.undo.can_undo(),
                        egui::Button::new(undo).shortcut_text("Ctrl+Z"),
                    )
                    .clicked()
                {
                    actions.push(Action::Undo);
                }
                let redo = strings::redo_item(self.state.undo.redo_label());
                if ui
                    .add_enabled(
                        self.state.undo.can_redo(),
                        egui::Button::new(redo).shortcut_text("Ctrl+Shift+Z"),
                    )
                    .clicked()
                {
                    actions.push(Action::Redo);
                }
                ui.separator();
                if ui
                    .add_enabled(
                        self.document.selection().is_some(),
                        egui::Button::new(strings::CORRECT_TEXT),
                    )
                    .on_disabled_hover_text(strings::CORRECT_TEXT_HINT)
                    .clicked()
                {
                    actions.push(Action::CorrectText);
                }
            });
            ui.menu_button(strings::MENU_CODE, |ui| {
                let sel = self.document.selection().is_some();
                if ui
                    .add_enabled(
                        sel,
                        egui::Button::new(strings::QUICK_CODE_MENU).shortcut_text("/"),
                    )
                    .clicked()
                {
                    actions.push(Action::FocusQuickCode);
                }
                if ui
                    .add_enabled(
                        sel,
                        egui::Button::new(strings::IN_VIVO).shortcut_text("Ctrl+I"),
                    )
                    .clicked()
                {
                    actions.push(Action::InVivo);
                }
                let coding = self.document.selected_coding;
                if ui
                    .add_enabled(
                        coding.is_some(),
                        egui::Button::new(strings::REMOVE_CODING).shortcut_text("Delete"),
                    )
                    .clicked()
                    && let Some(c) = coding
                {
                    actions.push(Action::RemoveCoding(c));
                }
                ui.separator();
                if ui.button(strings::NEW_CODE).clicked() {
                    actions.push(Action::Dialog(Box::new(Dialog::new_code(None))));
                }
            });
            ui.menu_button(strings::MENU_REPORTS, |ui| {
                let open = self.state.is_open();
                if ui
                    .add_enabled(
                        open,
                        egui::Button::new(strings::OPEN_REPORTS).shortcut_text("Ctrl+R"),
                    )
                    .clicked()
                {
                    actions.push(Action::ShowTab(LowerTab::Reports));
                }
                if ui
                    .add_enabled(open, egui::Button::new(strings::OPEN_REVIEW))
                    .clicked()
                {
                    actions.push(Action::ShowTab(LowerTab::Review));
                }
                if ui
                    .add_enabled(open, egui::Button::new(strings::OPEN_DISAGREEMENTS))
                    .clicked()
                {
                    actions.push(Action::ShowTab(LowerTab::Disagreements));
                }
                if ui
                    .add_enabled(open, egui::Button::new(strings::OPEN_PSEUDONYMS))
                    .clicked()
                {
                    actions.push(Action::ShowTab(LowerTab::Pseudonyms));
                }
            });
            ui.menu_button(strings::MENU_VIEW, |ui| {
                for (choice, label) in [
                    (ThemeChoice::System, strings::THEME_SYSTEM),
                    (ThemeChoice::Light, strings::THEME_LIGHT),
                    (ThemeChoice::Dark, strings::THEME_DARK),
                ] {
                    if ui.radio(self.settings.theme == choice, label).clicked() {
                        actions.push(Action::SetTheme(choice));
                    }
                }
                ui.separator();
                let size = self.settings.clamped_text_size();
                if ui
                    .add(egui::Button::new(strings::TEXT_BIGGER).shortcut_text("Ctrl++"))
                    .clicked()
                {
                    actions.push(Action::TextSize(size + 1.0));
                }
                if ui
                    .add(egui::Button::new(strings::TEXT_SMALLER).shortcut_text("Ctrl+-"))
                    .clicked()
                {
                    actions.push(Action::TextSize(size - 1.0));
                }
                ui.separator();
                let mut on = self.state.show_pseudonymised;
                if ui
                    .checkbox(&mut on, strings::SHOW_PSEUDONYMISED)
                    .on_hover_text(strings::SHOW_PSEUDONYMISED_HINT)
                    .clicked()
                {
                    actions.push(Action::ShowPseudonymised(on));
                }
            });
            ui.menu_button(strings::MENU_HELP, |ui| {
                if ui.button(strings::SHORTCUTS).clicked() {
                    actions.push(Action::Dialog(Box::new(Dialog::Shortcuts)));
                }
                if ui.button(strings::ABOUT).clicked() {
                    actions.push(Action::Dialog(Box::new(Dialog::About)));
                }
            });
        });
    }
}

impl JalinApp {
    /// Who codes: every coder (the current one checked, in their colour),
    /// a new coder, the coder editor and blind coding. In the File menu and
    /// behind the coder's name in the status bar.
    pub(super) fn coder_menu_ui(&self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let current = self.state.coder_name.trim();
        for c in &self.state.coders {
            let me = c.name.eq_ignore_ascii_case(current);
            ui.horizontal(|ui| {
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                ui.painter()
                    .rect_filled(rect, 2.0, super::theme::code_color(c.shown_color()));
                if ui.selectable_label(me, c.name.as_str()).clicked() && !me {
                    actions.push(Action::SwitchCoder(c.name.clone()));
                    ui.close();
                }
            });
        }
        if !self
            .state
            .coders
            .iter()
            .any(|c| c.name.eq_ignore_ascii_case(current))
        {
            // The session's coder before their first coding.
            let _ = ui.selectable_label(true, current);
        }
        ui.separator();
        if ui.button(strings::NEW_CODER).clicked() {
            actions.push(Action::Dialog(Box::new(Dialog::NewCoder {
                name: String::new(),
            })));
            ui.close();
        }
        if ui
            .add_enabled(
                !self.state.coders.is_empty(),
                egui::Button::new(strings::EDIT_CODERS),
            )
            .clicked()
        {
            actions.push(Action::Dialog(Box::new(Dialog::edit_coders(&self.state))));
            ui.close();
        }
        let mut blind = self.state.blind;
        if ui
            .checkbox(&mut blind, strings::BLIND_MODE)
            .on_hover_text(strings::BLIND_HINT)
            .changed()
        {
            actions.push(Action::Run {
                label: strings::ACT_SET_BLIND.into(),
                command: crate::app::Command::SetBlind(blind),
            });
        }
    }
}
