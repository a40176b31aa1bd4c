//! Keyboard shortcuts and files dropped on the window.
//!
//! [`Chord`] is the one table of the shortcuts made with the platform's
//! command key (Ctrl, or ⌘ on macOS): the key handler consumes them, the
//! menus show them beside their entries and the Help window lists them,
//! each written by egui the way the platform writes it.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use super::*;

/// A command reached with the command key (Ctrl, ⌘ on macOS).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Chord {
    Undo,
    Redo,
    Open,
    New,
    Reports,
    TextBigger,
    TextSmaller,
    InVivo,
    Copy,
}

const fn cmd(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

impl Chord {
    /// Every key combination that runs the command; menus show the first.
    pub(super) fn keys(self) -> &'static [KeyboardShortcut] {
        const SHIFT_CMD: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
        const UNDO: &[KeyboardShortcut] = &[cmd(Key::Z)];
        const REDO: &[KeyboardShortcut] = &[KeyboardShortcut::new(SHIFT_CMD, Key::Z), cmd(Key::Y)];
        const OPEN: &[KeyboardShortcut] = &[cmd(Key::O)];
        const NEW: &[KeyboardShortcut] = &[cmd(Key::N)];
        const REPORTS: &[KeyboardShortcut] = &[cmd(Key::R)];
        const BIGGER: &[KeyboardShortcut] = &[cmd(Key::Plus), cmd(Key::Equals)];
        const SMALLER: &[KeyboardShortcut] = &[cmd(Key::Minus)];
        const IN_VIVO: &[KeyboardShortcut] = &[cmd(Key::I)];
        const COPY: &[KeyboardShortcut] = &[cmd(Key::C)];
        match self {
            Chord::Undo => UNDO,
            Chord::Redo => REDO,
            Chord::Open => OPEN,
            Chord::New => NEW,
            Chord::Reports => REPORTS,
            Chord::TextBigger => BIGGER,
            Chord::TextSmaller => SMALLER,
            Chord::InVivo => IN_VIVO,
            Chord::Copy => COPY,
        }
    }

    /// The first key combination as the platform writes it ("Ctrl+Z", "⌘Z").
    pub(super) fn text(self, ctx: &egui::Context) -> String {
        ctx.format_shortcut(&self.keys()[0])
    }

    /// Every key combination, joined for the Help window.
    fn all_text(self, ctx: &egui::Context) -> String {
        let keys: Vec<String> = self.keys().iter().map(|k| ctx.format_shortcut(k)).collect();
        keys.join(", ")
    }

    /// Consumes a press of any of the command's keys.
    fn pressed(self, input: &mut egui::InputState) -> bool {
        self.keys().iter().any(|k| input.consume_shortcut(k))
    }
}

/// The command key's name on this platform ("Ctrl", "Cmd"), for hints
/// such as "Ctrl+click".
pub(super) fn command_key(ctx: &egui::Context) -> String {
    ctx.format_modifiers(Modifiers::COMMAND)
}

/// The Help window's list: the keys as this platform writes them, and what
/// they do.
pub(super) fn shortcut_list(ctx: &egui::Context) -> Vec<(String, String)> {
    let both = |a: Chord, b: Chord| format!("{} / {}", a.text(ctx), b.text(ctx));
    vec![
        ("1 … 9".to_owned(), strings::shortcut_number().to_owned()),
        ("/".to_owned(), strings::shortcut_quick_code().to_owned()),
        (
            Chord::InVivo.text(ctx),
            strings::shortcut_in_vivo().to_owned(),
        ),
        ("Delete".to_owned(), strings::shortcut_remove().to_owned()),
        (Chord::Undo.text(ctx), strings::undo().to_owned()),
        (Chord::Redo.all_text(ctx), strings::redo().to_owned()),
        (
            ctx.format_modifiers(Modifiers::SHIFT) + "+arrows",
            strings::shortcut_extend(&command_key(ctx)),
        ),
        (Chord::Copy.text(ctx), strings::shortcut_copy().to_owned()),
        ("Esc".to_owned(), strings::shortcut_clear().to_owned()),
        (
            both(Chord::TextBigger, Chord::TextSmaller),
            strings::shortcut_text_size().to_owned(),
        ),
        (
            both(Chord::Open, Chord::New),
            strings::shortcut_open_new().to_owned(),
        ),
    ]
}

impl JalinApp {
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let typing = ctx.text_edit_focused();
        ctx.input_mut(|i| {
            if Chord::Redo.pressed(i) {
                if !typing {
                    actions.push(Action::Redo);
                }
            } else if !typing && Chord::Undo.pressed(i) {
                actions.push(Action::Undo);
            }
            if Chord::Open.pressed(i) {
                actions.push(Action::OpenProject);
            }
            if Chord::New.pressed(i) {
                actions.push(Action::NewProject);
            }
            if Chord::Reports.pressed(i) {
                actions.push(Action::ShowTab(LowerTab::Reports));
            }
            let size = self.settings.clamped_text_size();
            if Chord::TextBigger.pressed(i) {
                actions.push(Action::TextSize(size + 1.0));
            }
            if Chord::TextSmaller.pressed(i) {
                actions.push(Action::TextSize(size - 1.0));
            }
            if typing || self.dialog.is_some() {
                return;
            }
            if Chord::InVivo.pressed(i) {
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
