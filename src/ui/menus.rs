//! The menu bar.

use egui::Ui;

use super::shortcuts::Chord;
use super::*;
use crate::app::ThemeChoice;
use dialogs::Dialog;

impl JalinApp {
    pub(super) fn menu_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(strings::menu_file(), |ui| {
                if ui
                    .add(
                        egui::Button::new(strings::new_project())
                            .shortcut_text(Chord::New.text(ui.ctx())),
                    )
                    .clicked()
                {
                    actions.push(Action::NewProject);
                }
                if ui.button(strings::new_encrypted_project()).clicked() {
                    actions.push(Action::NewEncryptedProject);
                }
                if ui
                    .add(
                        egui::Button::new(strings::open_project())
                            .shortcut_text(Chord::Open.text(ui.ctx())),
                    )
                    .clicked()
                {
                    actions.push(Action::OpenProject);
                }
                if ui.button(strings::open_team_project()).clicked() {
                    actions.push(Action::OpenTeamDialog);
                }
                ui.menu_button(strings::recent(), |ui| {
                    if self.settings.recent.is_empty() {
                        ui.weak(strings::no_recent());
                    }
                    for p in &self.settings.recent {
                        if ui.button(p.display().to_string()).clicked() {
                            actions.push(Action::OpenPath(p.clone()));
                        }
                    }
                });
                if ui.button(strings::open_demo()).clicked() {
                    actions.push(Action::OpenDemo);
                }
                ui.separator();
                let open = self.state.is_open();
                ui.add_enabled_ui(open, |ui| {
                    ui.menu_button(strings::menu_coder(), |ui| self.coder_menu_ui(ui, actions));
                });
                ui.separator();
                if ui
                    .add_enabled(open, egui::Button::new(strings::import_files()))
                    .clicked()
                {
                    actions.push(Action::ImportDialog);
                }
                if ui
                    .add_enabled(open, egui::Button::new(strings::import_folder()))
                    .clicked()
                {
                    actions.push(Action::ImportFolder);
                }
                ui.separator();
                if ui.button(strings::import_qdpx()).clicked() {
                    actions.push(Action::ImportQdpx);
                }
                if ui
                    .add_enabled(open, egui::Button::new(strings::export_qdpx()))
                    .clicked()
                {
                    actions.push(Action::ExportQdpx);
                }
                if ui
                    .add_enabled(
                        open,
                        egui::Button::new(strings::export_qdpx_pseudonymised()),
                    )
                    .on_hover_text(strings::export_qdpx_pseudonymised_hint())
                    .clicked()
                {
                    actions.push(Action::ExportQdpxPseudonymised);
                }
                if ui
                    .add_enabled(open, egui::Button::new(strings::import_qdc()))
                    .clicked()
                {
                    actions.push(Action::ImportQdc);
                }
                if ui
                    .add_enabled(open, egui::Button::new(strings::export_qdc()))
                    .clicked()
                {
                    actions.push(Action::ExportQdc);
                }
                if ui
                    .add_enabled(open, egui::Button::new(strings::export_qdc_pseudonymised()))
                    .on_hover_text(strings::export_qdc_pseudonymised_hint())
                    .clicked()
                {
                    actions.push(Action::ExportQdcPseudonymised);
                }
                if ui
                    .add_enabled(open, egui::Button::new(strings::merge_project()))
                    .on_hover_text(strings::merge_project_hint())
                    .clicked()
                {
                    actions.push(Action::MergeDialog);
                }
                ui.separator();
                if ui
                    .add_enabled(open, egui::Button::new(strings::save_copy()))
                    .on_hover_text(strings::save_copy_hint())
                    .clicked()
                {
                    actions.push(Action::SaveCopy);
                }
                self.encryption_menu_ui(ui, actions);
                ui.separator();
                if ui.button(strings::quit()).clicked() {
                    actions.push(Action::Quit);
                }
            });
            ui.menu_button(strings::menu_edit(), |ui| {
                let undo = strings::undo_item(self.state.undo.undo_label());
                if ui
                    .add_enabled(
                        self.state.undo.can_undo(),
                        egui::Button::new(undo).shortcut_text(Chord::Undo.text(ui.ctx())),
                    )
                    .clicked()
                {
                    actions.push(Action::Undo);
                }
                let redo = strings::redo_item(self.state.undo.redo_label());
                if ui
                    .add_enabled(
                        self.state.undo.can_redo(),
                        egui::Button::new(redo).shortcut_text(Chord::Redo.text(ui.ctx())),
                    )
                    .clicked()
                {
                    actions.push(Action::Redo);
                }
                ui.separator();
                if ui
                    .add_enabled(
                        self.document.selection().is_some(),
                        egui::Button::new(strings::correct_text()),
                    )
                    .on_disabled_hover_text(strings::correct_text_hint())
                    .clicked()
                {
                    actions.push(Action::CorrectText);
                }
            });
            ui.menu_button(strings::menu_code(), |ui| {
                let sel = self.document.selection().is_some();
                if ui
                    .add_enabled(
                        sel,
                        egui::Button::new(strings::quick_code_menu()).shortcut_text("/"),
                    )
                    .clicked()
                {
                    actions.push(Action::FocusQuickCode);
                }
                if ui
                    .add_enabled(
                        sel,
                        egui::Button::new(strings::in_vivo())
                            .shortcut_text(Chord::InVivo.text(ui.ctx())),
                    )
                    .clicked()
                {
                    actions.push(Action::InVivo);
                }
                let coding = self.document.selected_coding;
                if ui
                    .add_enabled(
                        coding.is_some(),
                        egui::Button::new(strings::remove_coding()).shortcut_text("Delete"),
                    )
                    .clicked()
                    && let Some(c) = coding
                {
                    actions.push(Action::RemoveCoding(c));
                }
                ui.separator();
                if ui.button(strings::new_code()).clicked() {
                    actions.push(Action::Dialog(Box::new(Dialog::new_code(None))));
                }
            });
            ui.menu_button(strings::menu_reports(), |ui| {
                let open = self.state.is_open();
                if ui
                    .add_enabled(
                        open,
                        egui::Button::new(strings::open_reports())
                            .shortcut_text(Chord::Reports.text(ui.ctx())),
                    )
                    .clicked()
                {
                    actions.push(Action::ShowTab(LowerTab::Reports));
                }
                if ui
                    .add_enabled(open, egui::Button::new(strings::open_review()))
                    .clicked()
                {
                    actions.push(Action::ShowTab(LowerTab::Review));
                }
                if ui
                    .add_enabled(open, egui::Button::new(strings::open_disagreements()))
                    .clicked()
                {
                    actions.push(Action::ShowTab(LowerTab::Disagreements));
                }
                if ui
                    .add_enabled(open, egui::Button::new(strings::open_pseudonyms()))
                    .clicked()
                {
                    actions.push(Action::ShowTab(LowerTab::Pseudonyms));
                }
            });
            ui.menu_button(strings::menu_view(), |ui| {
                for (choice, label) in [
                    (ThemeChoice::System, strings::theme_system()),
                    (ThemeChoice::Light, strings::theme_light()),
                    (ThemeChoice::Dark, strings::theme_dark()),
                ] {
                    if ui.radio(self.settings.theme == choice, label).clicked() {
                        actions.push(Action::SetTheme(choice));
                    }
                }
                ui.separator();
                let size = self.settings.clamped_text_size();
                if ui
                    .add(
                        egui::Button::new(strings::text_bigger())
                            .shortcut_text(Chord::TextBigger.text(ui.ctx())),
                    )
                    .clicked()
                {
                    actions.push(Action::TextSize(size + 1.0));
                }
                if ui
                    .add(
                        egui::Button::new(strings::text_smaller())
                            .shortcut_text(Chord::TextSmaller.text(ui.ctx())),
                    )
                    .clicked()
                {
                    actions.push(Action::TextSize(size - 1.0));
                }
                ui.separator();
                let mut on = self.state.show_pseudonymised;
                if ui
                    .checkbox(&mut on, strings::show_pseudonymised())
                    .on_hover_text(strings::show_pseudonymised_hint())
                    .clicked()
                {
                    actions.push(Action::ShowPseudonymised(on));
                }
                ui.menu_button(strings::menu_language(), |ui| {
                    let now = crate::i18n::current();
                    for lang in crate::i18n::Lang::ALL {
                        // Each language in its own words, so anyone finds theirs.
                        if ui.radio(now == lang, lang.own_name()).clicked() && now != lang {
                            actions.push(Action::SetLanguage(lang));
                            ui.close();
                        }
                    }
                });
            });
            ui.menu_button(strings::menu_help(), |ui| {
                if ui.button(strings::shortcuts()).clicked() {
                    actions.push(Action::Dialog(Box::new(Dialog::Shortcuts)));
                }
                if ui.button(strings::about()).clicked() {
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
        if ui.button(strings::new_coder()).clicked() {
            actions.push(Action::Dialog(Box::new(Dialog::NewCoder {
                name: String::new(),
            })));
            ui.close();
        }
        if ui
            .add_enabled(
                !self.state.coders.is_empty(),
                egui::Button::new(strings::edit_coders()),
            )
            .clicked()
        {
            actions.push(Action::Dialog(Box::new(Dialog::edit_coders(&self.state))));
            ui.close();
        }
        let mut blind = self.state.blind;
        if ui
            .checkbox(&mut blind, strings::blind_mode())
            .on_hover_text(strings::blind_hint())
            .changed()
        {
            actions.push(Action::Run {
                label: strings::act_set_blind().into(),
                command: crate::app::Command::SetBlind(blind),
            });
        }
    }
}
