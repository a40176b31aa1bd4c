//! Keyboard shortcuts and files dropped on the window.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use super::*;

impl JalinApp {
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let typing = ctx.text_edit_focused();
        let cmd = Modifiers::COMMAND;
        ctx.input_mut(|i| {
            if i.consume_shortcut(&KeyboardShortcut::new(cmd | Modifiers::SHIFT, Key::Z))
                || i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::Y))
            {
                if !typing {
                    actions.push(Action::Redo);
                }
            } else if !typing && i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::Z)) {
                actions.push(Action::Undo);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::O)) {
                actions.push(Action::OpenProject);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::N)) {
                actions.push(Action::NewProject);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::R)) {
                actions.push(Action::ShowTab(LowerTab::Reports));
            }
            let size = self.settings.clamped_text_size();
            if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::Plus))
                || i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::Equals))
            {
                actions.push(Action::TextSize(size + 1.0));
            }
            if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::Minus)) {
                actions.push(Action::TextSize(size - 1.0));
            }
            if typing || self.dialog.is_some() {
                return;
            }
            if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::I)) {
                actions.push(Action::InVivo);
            }
            let numbered = codebook::numbered(&self.state.codebook);
            const DIGITS: [Key; 9] = [
                Key::Num1,
                Key::Num2,
                Key::Num3,
                Key::Num4,
                Key::Num5,
                Key::Num6,
                Key::Num7,
                Key::Num8,
                Key::Num9,
            ];
            for (n, key) in DIGITS.iter().enumerate() {
                if i.consume_key(Modifiers::NONE, *key)
                    && let Some(code) = numbered.get(n)
                {
                    actions.push(Action::ApplyCode(*code));
                }
            }
            if i.consume_key(Modifiers::NONE, Key::Slash) {
                actions.push(Action::FocusQuickCode);
            }
            if (i.consume_key(Modifiers::NONE, Key::Delete)
                || i.consume_key(Modifiers::NONE, Key::Backspace))
                && let Some(c) = self.document.selected_coding
            {
                actions.push(Action::RemoveCoding(c));
            }
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                self.document.clear_selection();
                self.document.selected_coding = None;
            }
        });
    }

    pub(super) fn dropped_files(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let paths: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !paths.is_empty() && self.state.is_open() {
            actions.push(Action::Import(paths));
        }
    }
}
