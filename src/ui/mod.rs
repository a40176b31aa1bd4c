//! The graphical workbench (eframe/egui): one file per panel. Panels read the
//! [`AppState`] and push [`Action`]s; after the frame the app runs them, each
//! change to project data as one undoable [`Command`].

mod actions;
mod app;
mod background;
pub mod codebook;
pub mod dialogs;
pub mod disagreements;
pub mod document;
pub mod file_dialog;
pub mod import;
pub mod memos;
mod menus;
mod project_files;
pub mod pseudonyms;
pub mod reports;
pub mod retrieval;
pub mod review;
mod shortcuts;
pub mod sources;
pub mod speakers;
mod status;
pub use crate::app::strings;
pub mod theme;

pub use actions::in_vivo_name;
pub use app::{run_gui, window_icon};
pub use project_files::ensure_demo;

use std::path::PathBuf;
use std::time::Instant;

use crate::app::{AppState, Command, Dirs, Settings, ThemeChoice};
use crate::model::{CodeId, CodingId, MemoTarget, SourceId};
use dialogs::Dialog;

/// Something a panel asks the app to do after the frame. A frame makes a
/// handful at most, so the size of the `Run` variant does not matter.
/// Typed secret text (a passphrase, a server password) on its way from a
/// field to where it is used: `Debug` does not show it, and its bytes are
/// wiped when it is dropped (every copy, being a `Secret` too).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(hidden)")
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        let mut bytes = std::mem::take(&mut self.0).into_bytes();
        bytes.fill(0);
        std::hint::black_box(&bytes);
    }
}

#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)]
pub enum Action {
    /// Run a change to project data as one undoable step.
    Run {
        label: String,
        command: Command,
    },
    OpenSource(SourceId),
    /// Show a passage in the document view and flash it.
    JumpTo {
        source: SourceId,
        start: usize,
        end: usize,
    },
    /// Apply a code to the selected text.
    ApplyCode(CodeId),
    /// Create a code with this name (under `parent`) and apply it to the
    /// selected text.
    CreateAndApply {
        name: String,
        label: String,
    },
    /// Create a code named after the selected words and apply it.
    InVivo,
    /// Correct the selected text of the source shown (opens a dialog).
    CorrectText,
    RemoveCoding(CodingId),
    /// View ▸ Show pseudonymised: the document and retrieval quotes with
    /// every real name replaced.
    ShowPseudonymised(bool),
    /// Code as this coder from now on (made in the project on their first
    /// coding, unless they are there already).
    SwitchCoder(String),
    /// Decide a disagreement: the consensus coder's codings of `code` in
    /// `source` over `span` become `ranges`.
    Decide {
        code: CodeId,
        source: SourceId,
        span: (usize, usize),
        ranges: Vec<(usize, usize)>,
    },
    /// A highlight or stripe was clicked (or empty text: `None`).
    CodingClicked(Option<CodingId>),
    NewMemo(MemoTarget),
    Dialog(Box<Dialog>),
    Undo,
    Redo,
    NewProject,
    /// File ▸ New project, encrypted with a passphrase.
    NewEncryptedProject,
    /// A passphrase typed into the passphrase dialog, for what it asked.
    Passphrase {
        ask: dialogs::PassphraseAsk,
        key: crate::store::Passphrase,
    },
    OpenProject,
    OpenPath(PathBuf),
    /// Open the team project at this location (no password in it) with
    /// this password (empty: `PGPASSWORD` or `~/.pgpass`).
    OpenTeam(String, Secret),
    /// File ▸ Open team project…
    OpenTeamDialog,
    OpenDemo,
    ImportDialog,
    ImportFolder,
    /// Import files and folders (asking for CSV columns first).
    Import(Vec<PathBuf>),
    /// Import with the CSV columns the user chose.
    ImportWith {
        paths: Vec<PathBuf>,
        csv: crate::import::CsvColumns,
        /// Keep HTML entities in CSV cells as written.
        keep_entities: bool,
    },
    ImportQdpx,
    ExportQdpx,
    /// File ▸ Export REFI-QDA project, pseudonymised…
    ExportQdpxPseudonymised,
    ExportQdcPseudonymised,
    ImportQdc,
    ExportQdc,
    SaveCopy,
    /// File ▸ Merge project…: choose files, then a preview.
    MergeDialog,
    /// Merge these files into the open project (after the preview).
    MergeWith(Vec<PathBuf>),
    ShowTab(LowerTab),
    FocusQuickCode,
    SetTheme(ThemeChoice),
    /// View ▸ Language: speak this language from the next frame on, and
    /// remember it.
    SetLanguage(crate::i18n::Lang),
    TextSize(f32),
    Quit,
}

/// The lower panel's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LowerTab {
    #[default]
    Retrieval,
    Memos,
    Reports,
    Review,
    Disagreements,
    Pseudonyms,
}

/// How the app starts.
#[derive(Debug, Clone)]
pub struct Startup {
    pub dirs: Dirs,
    /// A project named on the command line (`jalin open FILE`).
    pub open: Option<PathBuf>,
    /// Who codes.
    pub coder: String,
    /// Print the time to the first frame and quit (for measurements).
    pub first_frame_exit: Option<Instant>,
}

/// The workbench.
pub struct JalinApp {
    pub state: AppState,
    pub settings: Settings,
    dirs: Dirs,
    pub document: document::DocumentView,
    pub sources: sources::SourcesPanel,
    pub codebook: codebook::CodebookPanel,
    pub retrieval: retrieval::RetrievalPanel,
    pub memos: memos::MemosPanel,
    pub reports: reports::ReportsPanel,
    pub review: review::ReviewPanel,
    pub disagreements: disagreements::DisagreementsPanel,
    pub pseudonyms: pseudonyms::PseudonymsPanel,
    pub lower: LowerTab,
    dialog: Option<Dialog>,
    /// The file dialogs (the desktop's, else the window's own).
    pub files: file_dialog::FileDialogs,
    import: Option<import::ImportJob>,
    qdpx: Option<import::QdpxJob>,
    /// A passing hint for the status bar ("select some text first").
    hint: Option<String>,
    title: String,
    first_frame_exit: Option<Instant>,
    applied_settings: Option<(ThemeChoice, f32)>,
    /// When (egui time) the workbench last looked for changes made by
    /// other processes.
    outside_polled: Option<f64>,
    /// Frames drawn since this run opened a project, until it counts as
    /// opened safely (see [`Settings::opening`]).
    frames_since_open: Option<u32>,
}

/// Frames a newly opened project is drawn before it counts as opened safely.
const FRAMES_TO_OPEN: u32 = 2;

impl Drop for JalinApp {
    /// An app closed before a project's first frames were drawn did not die
    /// opening it, unless this is a panic unwinding: then the project stays
    /// noted, and the next start does not open it by itself.
    fn drop(&mut self) {
        if self.frames_since_open.is_some()
            && !std::thread::panicking()
            && self.settings.finish_opening()
        {
            let _ = self.settings.save(&self.dirs);
        }
    }
}

/// How often the workbench looks for changes other processes (a `jalin`
/// command, another window) made to the open project.
pub const OUTSIDE_POLL: std::time::Duration = std::time::Duration::from_millis(500);
