//! Modal dialogs: codes.rs names, describes, recolours, merges and deletes
//! codes; source.rs edits a source; info.rs shows reports (import, REFI-QDA
//! losses), CSV column choice, shortcuts and About; here the dialog type,
//! its frame and the error message.

use egui::{Id, Modal, Ui};

use std::path::PathBuf;

mod coders;
mod codes;
mod info;
mod passphrase;
mod source;
mod speakers;
mod team;

pub use crate::ui::Secret;
pub use passphrase::PassphraseAsk;

use super::import::ImportReport;
use super::{Action, shortcuts, strings};
use crate::app::{AppState, Command};
use crate::import::CsvColumns;
use crate::model::{CodeId, Color, SourceId, SourceKind};

/// An open dialog and what has been typed into it.
#[derive(Debug, Clone)]
pub enum Dialog {
    NewCode {
        parent: Option<CodeId>,
        name: String,
    },
    Rename {
        code: CodeId,
        name: String,
    },
    Describe {
        code: CodeId,
        text: String,
    },
    Recolor {
        code: CodeId,
        rgb: [u8; 3],
    },
    Merge {
        from: CodeId,
        into: Option<CodeId>,
    },
    DeleteCode {
        code: CodeId,
    },
    EditSource {
        source: SourceId,
        name: String,
        kind: SourceKind,
        attrs: Vec<(String, String)>,
    },
    /// Removing a source, with what goes with it as read from the project
    /// (every coder's codings, whatever blind coding shows).
    RemoveSource {
        source: SourceId,
        name: String,
        chars: usize,
        codings: usize,
        memos: usize,
    },
    /// Kind and attributes of several sources at once (one undo step).
    EditSources {
        sources: Vec<SourceId>,
        /// `None`: each keeps its kind.
        kind: Option<SourceKind>,
        /// Attributes to set on every source.
        attrs: Vec<(String, String)>,
        /// Attribute names to remove, comma-separated.
        unset: String,
    },
    /// Correcting characters `start..end` of a source's text.
    CorrectText {
        source: SourceId,
        start: usize,
        end: usize,
        before: String,
        text: String,
    },
    Shortcuts,
    About,
    ImportReport(ImportReport),
    /// Which columns of a CSV transcript hold what, before importing
    /// `paths` (the header is of the first CSV file).
    CsvColumns {
        paths: Vec<PathBuf>,
        header: Vec<String>,
        columns: CsvColumns,
        keep_entities: bool,
    },
    /// The speakers of a source and their roles, opened from the import
    /// report (`back` returns to it).
    Speakers {
        source: SourceId,
        back: Option<Box<ImportReport>>,
    },
    /// A report to read and copy: what a REFI-QDA import brought in and
    /// what it left out.
    LossReport(String),
    /// What merging `paths` would add (a dry run), before merging.
    MergePreview {
        paths: Vec<PathBuf>,
        report: String,
    },
    /// What a merge added.
    MergeReport(String),
    /// Add a coder and code as them.
    NewCoder {
        name: String,
    },
    /// Asks for a passphrase (a password field: what is typed is shown as
    /// dots), twice for a new one.
    Passphrase {
        ask: PassphraseAsk,
        text: Secret,
        again: Secret,
        /// Why the last one was refused (a wrong passphrase).
        error: Option<String>,
    },
    /// Where a team project is on a server, and the password for this
    /// connection only.
    OpenTeam {
        host: String,
        port: String,
        database: String,
        project: String,
        user: String,
        /// Shown as dots; never printed (`Secret`'s Debug) or kept.
        password: crate::ui::Secret,
    },
    /// Rename a coder or change their colour.
    EditCoders {
        coder: Option<crate::model::CoderId>,
        /// The coder whose name and colour the fields hold.
        shown_for: Option<crate::model::CoderId>,
        name: String,
        rgb: [u8; 3],
    },
}

/// What a dialog did this frame.
pub enum Outcome {
    Open,
    Close,
    Act(Vec<Action>),
}

impl Dialog {
    pub fn new_code(parent: Option<CodeId>) -> Dialog {
        Dialog::NewCode {
            parent,
            name: String::new(),
        }
    }

    /// File ▸ Open team project…, filled from the last team project opened
    /// (or the usual defaults), with an empty password.
    pub fn open_team(last: Option<&crate::store::ServerLocation>) -> Dialog {
        let user = std::env::var("PGUSER")
            .or_else(|_| std::env::var("USER"))
            .unwrap_or_default();
        match last {
            Some(l) => Dialog::OpenTeam {
                host: l.host.clone(),
                port: l.port.to_string(),
                database: l.database.clone(),
                project: l.project.clone(),
                user: l.user.clone(),
                password: crate::ui::Secret::default(),
            },
            None => Dialog::OpenTeam {
                host: "localhost".into(),
                port: "5432".into(),
                database: String::new(),
                project: String::new(),
                user,
                password: crate::ui::Secret::default(),
            },
        }
    }

    /// The coder editor, showing the current coder first.
    pub fn edit_coders(state: &AppState) -> Dialog {
        Dialog::EditCoders {
            coder: state
                .coder()
                .map(|c| c.id)
                .or_else(|| state.coders.first().map(|c| c.id)),
            shown_for: None,
            name: String::new(),
            rgb: [0, 0, 0],
        }
    }

    /// The source editor, filled from the state.
    pub fn edit_source(state: &AppState, source: SourceId) -> Option<Dialog> {
        let meta = state.source(source)?;
        Some(Dialog::EditSource {
            source,
            name: meta.name.clone(),
            kind: meta.kind,
            attrs: meta
                .attributes
                .iter()
                .map(|a| (a.key.clone(), a.value.clone()))
                .collect(),
        })
    }

    /// The question before removing `source`, with what goes with it.
    pub fn remove_source(state: &AppState, source: SourceId) -> Option<Dialog> {
        let gone = state.project()?.source_removal_preview(source).ok()?;
        Some(Dialog::RemoveSource {
            source,
            name: gone.source.name.clone(),
            chars: gone.source.char_len,
            codings: gone.codings,
            memos: gone.memos,
        })
    }

    /// The bulk editor for `sources`, starting with nothing to change.
    pub fn edit_sources(sources: Vec<SourceId>) -> Dialog {
        Dialog::EditSources {
            sources,
            kind: None,
            attrs: vec![(String::new(), String::new())],
            unset: String::new(),
        }
    }

    /// The text correction of `start..end` of the source shown.
    pub fn correct_text(
        state: &AppState,
        source: SourceId,
        start: usize,
        end: usize,
    ) -> Option<Dialog> {
        let t = state.texts.get(&source)?;
        let before = t.index().slice(&t.texts.text, start, end)?.to_string();
        Some(Dialog::CorrectText {
            source,
            start,
            end,
            text: before.clone(),
            before,
        })
    }

    /// Draws the dialog.
    pub fn ui(&mut self, ctx: &egui::Context, state: &AppState) -> Outcome {
        let mut outcome = Outcome::Open;
        let response = Modal::new(Id::unique("jalin-dialog")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            outcome = self.body_ui(ui, state);
        });
        if response.should_close() && matches!(outcome, Outcome::Open) {
            outcome = Outcome::Close;
        }
        outcome
    }

    fn body_ui(&mut self, ui: &mut Ui, state: &AppState) -> Outcome {
        match self {
            Dialog::NewCode { .. }
            | Dialog::Rename { .. }
            | Dialog::Describe { .. }
            | Dialog::Recolor { .. }
            | Dialog::Merge { .. }
            | Dialog::DeleteCode { .. } => codes::body_ui(self, ui, state),
            Dialog::EditSource { .. }
            | Dialog::EditSources { .. }
            | Dialog::CorrectText { .. }
            | Dialog::RemoveSource { .. } => source::body_ui(self, ui, state),
            Dialog::Speakers { .. } => speakers::body_ui(self, ui, state),
            Dialog::NewCoder { .. } | Dialog::EditCoders { .. } => coders::body_ui(self, ui, state),
            Dialog::Passphrase { .. } => passphrase::body_ui(self, ui),
            Dialog::OpenTeam { .. } => team::body_ui(self, ui, state),
            _ => info::body_ui(self, ui),
        }
    }
}

/// A single-line name field with focus; true when Enter was pressed in it.
pub(super) fn name_field(ui: &mut Ui, name: &mut String, hint: &str) -> bool {
    let r = ui.add(
        egui::TextEdit::singleline(name)
            .hint_text(hint)
            .desired_width(300.0),
    );
    // Type at once: the field takes the focus when nothing else has it.
    if !r.has_focus() && !r.lost_focus() && ui.memory(|m| m.focused().is_none()) {
        r.request_focus();
    }
    r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

pub(super) fn ok_cancel(
    ui: &mut Ui,
    ok_enabled: bool,
    enter: bool,
    act: impl FnOnce() -> Vec<Action>,
) -> Outcome {
    let mut out = Outcome::Open;
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let ok = ui
            .add_enabled(ok_enabled, egui::Button::new(strings::ok()))
            .clicked();
        if ui.button(strings::cancel()).clicked() {
            out = Outcome::Close;
        }
        if ok_enabled && (ok || enter) {
            out = Outcome::Act(act());
        }
    });
    out
}

pub(super) fn close_button(ui: &mut Ui) -> Outcome {
    ui.add_space(6.0);
    if ui.button(strings::close()).clicked() {
        Outcome::Close
    } else {
        Outcome::Open
    }
}

/// The error dialog; true when dismissed.
pub fn error_ui(ctx: &egui::Context, message: &str) -> bool {
    let mut close = false;
    let r = Modal::new(Id::unique("jalin-error")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading(strings::error_title());
        ui.label(message);
        ui.add_space(6.0);
        if ui.button(strings::ok()).clicked() {
            close = true;
        }
    });
    close || r.should_close()
}
