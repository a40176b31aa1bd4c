//! The passphrase dialog: opening an encrypted project, a new encrypted
//! project, encrypting, changing the passphrase, decrypting. The fields
//! are password fields; what is typed lives only in this dialog (wiped
//! when it closes) and in the [`Passphrase`] handed on, never in settings,
//! recent files, logs or messages.

use std::path::PathBuf;

use egui::Ui;

use super::{Action, Dialog, Outcome, ok_cancel, strings};
use crate::store::Passphrase;
use crate::ui::Secret;

/// What the passphrase is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PassphraseAsk {
    /// Open this encrypted project.
    Open(PathBuf),
    /// Create this new project, encrypted.
    NewProject(PathBuf),
    /// Encrypt the open project.
    Encrypt,
    /// Change the open project's passphrase (the new one).
    Rekey,
    /// Decrypt the open project (its passphrase, as a confirmation).
    Decrypt,
}

impl PassphraseAsk {
    /// Whether a new passphrase is made (typed twice).
    fn is_new(&self) -> bool {
        matches!(
            self,
            PassphraseAsk::NewProject(_) | PassphraseAsk::Encrypt | PassphraseAsk::Rekey
        )
    }

    fn title(&self) -> String {
        match self {
            PassphraseAsk::Open(p) => strings::passphrase_to_open(p),
            PassphraseAsk::NewProject(p) => strings::passphrase_for_new(p),
            PassphraseAsk::Encrypt => strings::encrypt_title().into(),
            PassphraseAsk::Rekey => strings::rekey_title().into(),
            PassphraseAsk::Decrypt => strings::decrypt_title().into(),
        }
    }

    fn explanation(&self) -> &'static str {
        match self {
            PassphraseAsk::Open(_) => strings::open_encrypted_hint(),
            PassphraseAsk::NewProject(_) | PassphraseAsk::Encrypt => strings::encrypt_hint(),
            PassphraseAsk::Rekey => strings::rekey_hint(),
            PassphraseAsk::Decrypt => strings::decrypt_hint(),
        }
    }
}

impl Dialog {
    /// The passphrase dialog for `ask`, empty.
    pub fn passphrase(ask: PassphraseAsk) -> Dialog {
        Dialog::Passphrase {
            ask,
            text: Secret::default(),
            again: Secret::default(),
            error: None,
        }
    }
}

/// A labelled password field; true when Enter was pressed in it.
fn field(ui: &mut Ui, label: &str, text: &mut Secret, focus: bool) -> bool {
    let mut enter = false;
    ui.horizontal(|ui| {
        let l = ui.label(label);
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut text.0)
                    .password(true)
                    .desired_width(260.0),
            )
            .labelled_by(l.id);
        if focus && !r.has_focus() && !r.lost_focus() && ui.memory(|m| m.focused().is_none()) {
            r.request_focus();
        }
        enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    });
    enter
}

pub(super) fn body_ui(d: &mut Dialog, ui: &mut Ui) -> Outcome {
    let Dialog::Passphrase {
        ask,
        text,
        again,
        error,
    } = d
    else {
        return Outcome::Close;
    };
    ui.heading(ask.title());
    ui.label(ask.explanation());
    ui.add_space(4.0);
    let mut enter = field(ui, strings::passphrase(), text, true);
    let twice = ask.is_new();
    if twice {
        enter = field(ui, strings::passphrase_again(), again, false) || enter;
    }
    let differ = twice && !again.0.is_empty() && text.0 != again.0;
    if differ {
        ui.colored_label(ui.visuals().warn_fg_color, strings::passphrases_differ());
    }
    if let Some(e) = error {
        ui.colored_label(ui.visuals().error_fg_color, e.as_str());
    }
    let ready = !text.0.is_empty() && (!twice || text.0 == again.0);
    ok_cancel(ui, ready, enter, || {
        match Passphrase::new(std::mem::take(&mut text.0)) {
            Ok(key) => vec![Action::Passphrase {
                ask: ask.clone(),
                key,
            }],
            Err(_) => Vec::new(),
        }
    })
}
