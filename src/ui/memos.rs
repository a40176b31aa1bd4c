//! The memos panel: all memos in one list, new memos on the project, the
//! open source, the selected code or coding, and an editor that saves as
//! you type (after a short pause).

use std::time::Duration;

use egui::Ui;

use super::{Action, strings};
use crate::app::{AppState, Command};
use crate::model::{CodeId, CodingId, Memo, MemoId, MemoTarget, SourceId};

/// Pause after the last keystroke before a memo is saved.
pub const DEBOUNCE: Duration = Duration::from_millis(500);

/// What new memos can be written about now.
#[derive(Debug, Clone, Copy, Default)]
pub struct Targets {
    pub source: Option<SourceId>,
    pub code: Option<CodeId>,
    pub coding: Option<CodingId>,
}

/// The memos panel's own state, including the text being edited.
#[derive(Debug, Default)]
pub struct MemosPanel {
    selected: Option<MemoId>,
    pub title: String,
    pub text: String,
    /// When the last unsaved keystroke happened.
    dirty_since: Option<f64>,
    loaded_revision: u64,
}

impl MemosPanel {
    pub fn reset(&mut self) {
        *self = MemosPanel::default();
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty_since.is_some()
    }

    /// Opens a memo in the editor.
    pub fn select(&mut self, state: &AppState, id: MemoId) {
        self.selected = Some(id);
        self.load(state);
    }

    fn load(&mut self, state: &AppState) {
        self.loaded_revision = state.revision;
        match self
            .selected
            .and_then(|id| state.memos.iter().find(|m| m.id == id))
        {
            Some(m) => {
                self.title = m.title.clone();
                self.text = m.text.clone();
            }
            None => {
                self.selected = None;
                self.title.clear();
                self.text.clear();
            }
        }
    }

    /// Saves the memo being edited if it has unsaved changes.
    pub fn flush(&mut self, state: &mut AppState) {
        if self.dirty_since.take().is_none() {
            return;
        }
        let Some(id) = self.selected else {
            return;
        };
        let unchanged = state
            .memos
            .iter()
            .any(|m| m.id == id && m.title == self.title && m.text == self.text);
        if !unchanged {
            state.run(
                strings::act_edit_memo(),
                Command::UpdateMemo {
                    memo: id,
                    title: self.title.clone(),
                    text: self.text.clone(),
                },
            );
        }
        self.loaded_revision = state.revision;
    }

    /// Saves when typing has paused; returns true while a save is pending.
    pub fn autosave(&mut self, state: &mut AppState, now: f64) -> bool {
        match self.dirty_since {
            Some(t) if now - t >= DEBOUNCE.as_secs_f64() => {
                self.flush(state);
                false
            }
            Some(_) => true,
            None => {
                if self.loaded_revision != state.revision {
                    self.load(state);
                }
                false
            }
        }
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        state: &mut AppState,
        targets: Targets,
        actions: &mut Vec<Action>,
    ) {
        ui.horizontal_wrapped(|ui| {
            if ui.button(strings::new_project_memo()).clicked() {
                actions.push(Action::NewMemo(MemoTarget::Project));
            }
            if let Some(s) = targets.source
                && ui.button(strings::new_source_memo()).clicked()
            {
                actions.push(Action::NewMemo(MemoTarget::Source(s)));
            }
            if let Some(c) = targets.code
                && ui.button(strings::new_code_memo()).clicked()
            {
                actions.push(Action::NewMemo(MemoTarget::Code(c)));
            }
            if let Some(c) = targets.coding
                && ui.button(strings::new_coding_memo()).clicked()
            {
                actions.push(Action::NewMemo(MemoTarget::Coding(c)));
            }
        });
        ui.separator();
        let width = ui.available_width();
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.set_width((width * 0.35).max(160.0));
                egui::ScrollArea::vertical()
                    .id_salt("memo-list")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        let memos = state.memos.clone();
                        for m in &memos {
                            let label = format!("{} · {}", target_name(state, m), memo_name(m));
                            if ui
                                .selectable_label(self.selected == Some(m.id), label)
                                .clicked()
                                && self.selected != Some(m.id)
                            {
                                self.flush(state);
                                self.select(state, m.id);
                            }
                        }
                    });
            });
            ui.separator();
            ui.vertical(|ui| self.editor_ui(ui, actions));
        });
    }

    fn editor_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let Some(id) = self.selected else {
            ui.weak(strings::no_memo_selected());
            return;
        };
        let now = ui.input(|i| i.time);
        ui.horizontal(|ui| {
            let r = ui.add(
                egui::TextEdit::singleline(&mut self.title)
                    .hint_text(strings::memo_title())
                    .desired_width(ui.available_width() - 120.0),
            );
            if r.changed() {
                self.dirty_since = Some(now);
            }
            if ui.button(strings::delete_memo()).clicked() {
                self.dirty_since = None;
                actions.push(Action::Run {
                    label: strings::act_delete_memo().into(),
                    command: Command::DeleteMemo(id),
                });
            }
        });
        egui::ScrollArea::vertical()
            .id_salt("memo-text")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let r = ui.add(
                    egui::TextEdit::multiline(&mut self.text)
                        .hint_text(strings::memo_text())
                        .desired_width(f32::INFINITY)
                        .desired_rows(6),
                );
                if r.changed() {
                    self.dirty_since = Some(now);
                }
            });
    }
}

fn memo_name(m: &Memo) -> String {
    if !m.title.trim().is_empty() {
        return m.title.clone();
    }
    let words: String = m.text.chars().take(48).collect();
    if words.trim().is_empty() {
        strings::untitled().to_string()
    } else {
        words.replace('\n', " ")
    }
}

fn target_name(state: &AppState, m: &Memo) -> String {
    match m.target {
        MemoTarget::Project => strings::on_project().to_string(),
        MemoTarget::Source(s) => state.source(s).map_or(String::new(), |s| s.name.clone()),
        MemoTarget::Code(c) => state.codebook.path(c),
        MemoTarget::Coding(c) => state
            .coding(c)
            .map(|c| state.codebook.path(c.code))
            .map_or(String::new(), |p| format!("{p} ({})", strings::memo())),
    }
}
