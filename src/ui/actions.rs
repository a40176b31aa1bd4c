//! Running the [`Action`]s panels ask for: coding, memos, undo and redo.

use super::*;
use crate::app::Command;
use crate::model::{CodeId, SourceId};
use file_dialog::{FileRequest, Pick, Purpose};

impl JalinApp {
    /// Runs one action.
    pub fn handle(&mut self, action: Action, ctx: &egui::Context, now: f64) {
        match action {
            Action::Run { label, command } => {
                if let Some(inverse) = self.state.run(label, command)
                    && let Some(code) = Command::created_code(&inverse)
                {
                    self.codebook.selected = vec![code];
                }
                self.hint = None;
            }
            Action::OpenSource(id) => {
                self.document.open(&self.state, id);
            }
            Action::JumpTo { source, start, end } => {
                self.document.open(&self.state, source);
                self.document.jump_to(start, end, now);
            }
            Action::ApplyCode(code) => self.apply_code(code),
            Action::CreateAndApply { name, label } => self.create_and_apply(name, label),
            Action::InVivo => self.in_vivo(),
            Action::RemoveCoding(id) => {
                self.state
                    .run(strings::act_remove_coding(), Command::RemoveCoding(id));
            }
            Action::CodingClicked(coding) => {
                if let Some(c) = coding.and_then(|c| self.state.coding(c)) {
                    self.codebook.reveal(c.code);
                }
            }
            Action::NewMemo(target) => {
                self.memos.flush(&mut self.state);
                let Ok(coder) = self.state.coder_id() else {
                    return;
                };
                let cmd = Command::AddMemo {
                    target,
                    title: String::new(),
                    text: String::new(),
                    coder,
                };
                if let Some(id) = self
                    .state
                    .run(strings::act_new_memo(), cmd)
                    .as_ref()
                    .and_then(Command::created_memo)
                {
                    self.memos.select(&self.state, id);
                    self.lower = LowerTab::Memos;
                }
            }
            Action::Dialog(d) => self.dialog = Some(*d),
            Action::CorrectText => {
                let source = self.document.source();
                match (source, self.document.selection()) {
                    (Some(src), Some((s, e))) => {
                        self.dialog = Dialog::correct_text(&self.state, src, s, e);
                    }
                    _ => self.hint = Some(strings::correct_text_hint().to_string()),
                }
            }
            Action::Decide {
                code,
                source,
                span,
                ranges,
            } => {
                self.state.run(
                    strings::act_decide(),
                    Command::Decide {
                        code,
                        source,
                        span,
                        ranges,
                    },
                );
            }
            Action::SwitchCoder(name) => {
                self.memos.flush(&mut self.state);
                if let Err(e) = self.state.switch_coder(&name) {
                    self.state.error = Some(self.state.describe(&e));
                }
            }
            Action::Undo => {
                self.memos.flush(&mut self.state);
                self.state.undo();
            }
            Action::Redo => {
                self.memos.flush(&mut self.state);
                self.state.redo();
            }
            Action::NewProject => self.new_project(ctx),
            Action::NewEncryptedProject => self.new_encrypted_project(ctx),
            Action::Passphrase { ask, key } => self.passphrase_given(ask, key),
            Action::OpenProject => self.ask_file(
                FileRequest::new(
                    Pick::OpenFile,
                    strings::open_project(),
                    Purpose::OpenProject,
                )
                .filter(strings::filter_jalin_project(), &[crate::store::EXTENSION]),
                ctx,
            ),
            Action::OpenPath(p) => self.open_path(&p),
            Action::OpenTeam(location, password) => self.open_team(&location, &password.0),
            Action::OpenTeamDialog => {
                let last = self
                    .settings
                    .recent
                    .iter()
                    .filter_map(|p| p.to_str())
                    .filter(|p| crate::store::is_server_location(p))
                    .find_map(|p| crate::store::ServerLocation::parse(p).ok());
                self.dialog = Some(Dialog::open_team(last.as_ref()));
            }
            Action::OpenDemo => self.open_demo(),
            Action::ImportDialog => self.ask_file(
                FileRequest::new(
                    Pick::OpenFiles,
                    strings::import_files(),
                    Purpose::ImportFiles,
                )
                .filter(
                    strings::filter_transcripts(),
                    super::project_files::IMPORT_EXTENSIONS,
                ),
                ctx,
            ),
            Action::ImportFolder => self.ask_file(
                FileRequest::new(
                    Pick::Folder,
                    strings::import_folder(),
                    Purpose::ImportFolder,
                ),
                ctx,
            ),
            Action::Import(paths) => self.import_paths(paths, ctx),
            Action::ImportWith {
                paths,
                csv,
                keep_entities,
            } => self.start_import(paths, csv, keep_entities, ctx),
            Action::ImportQdpx => self.ask_file(
                FileRequest::new(Pick::OpenFile, strings::import_qdpx(), Purpose::ImportQdpx)
                    .filter(strings::filter_qdpx(), &["qdpx"]),
                ctx,
            ),
            Action::ExportQdpx => self.export_exchange(true, ctx),
            Action::ExportQdpxPseudonymised => self.export_qdpx_pseudonymised(ctx),
            Action::ImportQdc => self.ask_file(
                FileRequest::new(Pick::OpenFile, strings::import_qdc(), Purpose::ImportQdc)
                    .filter(strings::filter_qdc(), &["qdc"]),
                ctx,
            ),
            Action::ExportQdc => self.export_exchange(false, ctx),
            Action::ExportQdcPseudonymised => self.export_qdc_pseudonymised(ctx),
            Action::SaveCopy => self.save_copy_dialog(ctx),
            Action::MergeDialog => self.ask_file(
                FileRequest::new(
                    Pick::OpenFiles,
                    strings::merge_project(),
                    Purpose::MergeProjects,
                )
                .filter(strings::filter_jalin_or_qdpx(), &["jalin", "qdpx"]),
                ctx,
            ),
            Action::MergeWith(paths) => self.merge_from(&paths),
            Action::ShowTab(tab) => self.lower = tab,
            Action::ShowPseudonymised(on) => self.state.set_show_pseudonymised(on),
            Action::FocusQuickCode => self.codebook.focus_quick = true,
            Action::SetTheme(t) => {
                self.settings.theme = t;
                self.save_settings();
            }
            Action::SetLanguage(lang) => {
                crate::i18n::set(lang);
                self.settings.set_language(lang);
                self.save_settings();
                ctx.request_repaint();
            }
            Action::TextSize(s) => {
                self.settings.text_size = s.clamp(10.0, 28.0);
                self.save_settings();
            }
            Action::Quit => {
                self.memos.flush(&mut self.state);
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    pub(super) fn selection_or_hint(&mut self) -> Option<(SourceId, usize, usize)> {
        let source = self.document.source();
        match (source, self.document.selection()) {
            (Some(src), Some((s, e))) => Some((src, s, e)),
            _ => {
                self.hint = Some(strings::select_text_first().to_string());
                None
            }
        }
    }

    pub(super) fn after_coding(&mut self, inverse: Option<Command>) {
        if let Some(coding) = inverse.as_ref().and_then(Command::created_coding) {
            self.document.clear_selection();
            self.document.selected_coding = Some(coding);
            self.hint = None;
        }
    }

    pub(super) fn apply_code(&mut self, code: CodeId) {
        let Some((source, start, end)) = self.selection_or_hint() else {
            return;
        };
        let coder = match self.state.coder_id() {
            Ok(c) => c,
            Err(e) => {
                self.state.failed(strings::act_apply().to_string(), &e);
                return;
            }
        };
        let name = self
            .state
            .codebook
            .get(code)
            .map(|c| c.name.as_str())
            .or_else(|| self.state.gone_code(code))
            .unwrap_or_default()
            .to_string();
        let inverse = self.state.run(
            strings::apply_named(&name),
            Command::AddCoding {
                source,
                code,
                start,
                end,
                coder,
            },
        );
        self.after_coding(inverse);
    }

    pub(super) fn create_and_apply(&mut self, name: String, label: String) {
        let Some((source, start, end)) = self.selection_or_hint() else {
            return;
        };
        let coder = match self.state.coder_id() {
            Ok(c) => c,
            Err(e) => {
                self.state.failed(label, &e);
                return;
            }
        };
        let inverse = self.state.run(
            format!("{label} ‘{name}’"),
            Command::AddCodeAndApply {
                name,
                parent: None,
                source,
                start,
                end,
                coder,
            },
        );
        if let Some(code) = inverse.as_ref().and_then(Command::created_code) {
            self.codebook.selected = vec![code];
        }
        self.after_coding(inverse);
    }

    pub(super) fn in_vivo(&mut self) {
        let Some(words) = self.document.selected_text() else {
            self.hint = Some(strings::select_text_first().to_string());
            return;
        };
        let name = in_vivo_name(words);
        if name.is_empty() {
            return;
        }
        let existing = self
            .state
            .codebook
            .children(None)
            .into_iter()
            .find(|c| c.name.eq_ignore_ascii_case(&name))
            .map(|c| c.id);
        match existing {
            Some(code) => self.apply_code(code),
            None => self.create_and_apply(name, strings::act_in_vivo().to_string()),
        }
    }
}

/// A code name from selected words: white space collapsed, quotes and
/// punctuation trimmed from the ends, at most 60 characters.
pub fn in_vivo_name(words: &str) -> String {
    let collapsed = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = collapsed.trim_matches(|c: char| {
        c.is_whitespace() || c.is_ascii_punctuation() || "“”‘’«»…—–".contains(c)
    });
    trimmed
        .chars()
        .take(60)
        .collect::<String>()
        .trim()
        .to_string()
}
