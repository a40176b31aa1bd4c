//! The graphical workbench (eframe/egui): one file per panel. Panels read the
//! [`AppState`] and push [`Action`]s; after the frame the app runs them, each
//! change to project data as one undoable [`Command`].

pub mod codebook;
pub mod dialogs;
pub mod document;
pub mod import;
pub mod memos;
pub mod reports;
pub mod retrieval;
pub mod review;
pub mod sources;
pub use crate::app::strings;
pub mod theme;

use std::path::{Path, PathBuf};
use std::time::Instant;

use egui::{Key, KeyboardShortcut, Modifiers, Ui};

use crate::app::{AppState, Command, Dirs, SaveStatus, Settings, StartWith, ThemeChoice};
use crate::model::{CodeId, CodingId, MemoTarget, SourceId};
use crate::store::Project;
use dialogs::Dialog;

/// Something a panel asks the app to do after the frame. A frame makes a
/// handful at most, so the size of the `Run` variant does not matter.
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
    RemoveCoding(CodingId),
    /// A highlight or stripe was clicked (or empty text: `None`).
    CodingClicked(Option<CodingId>),
    NewMemo(MemoTarget),
    Dialog(Box<Dialog>),
    Undo,
    Redo,
    NewProject,
    OpenProject,
    OpenPath(PathBuf),
    OpenDemo,
    ImportDialog,
    ImportFolder,
    /// Import files and folders (asking for CSV columns first).
    Import(Vec<PathBuf>),
    /// Import with the CSV columns the user chose.
    ImportWith {
        paths: Vec<PathBuf>,
        csv: crate::import::CsvColumns,
    },
    ImportQdpx,
    ExportQdpx,
    ImportQdc,
    ExportQdc,
    SaveCopy,
    ShowTab(LowerTab),
    FocusQuickCode,
    SetTheme(ThemeChoice),
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
    pub lower: LowerTab,
    dialog: Option<Dialog>,
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

impl JalinApp {
    /// Loads settings and opens the project to start with: the one given,
    /// else the last one used, else (first run) a fresh copy of the demo
    /// study in the data folder.
    pub fn new(startup: Startup) -> JalinApp {
        let settings = Settings::load(&startup.dirs);
        let mut app = JalinApp {
            state: AppState::new(startup.coder),
            document: document::DocumentView::with_text_size(settings.clamped_text_size()),
            settings,
            dirs: startup.dirs,
            sources: Default::default(),
            codebook: Default::default(),
            retrieval: Default::default(),
            memos: Default::default(),
            reports: Default::default(),
            review: Default::default(),
            lower: LowerTab::default(),
            dialog: None,
            import: None,
            qdpx: None,
            hint: None,
            title: String::new(),
            first_frame_exit: startup.first_frame_exit,
            applied_settings: None,
            outside_polled: None,
            frames_since_open: None,
        };
        match (startup.open, app.settings.start_with()) {
            (Some(path), _) | (None, StartWith::Last(path)) => app.open_path(&path),
            (None, StartWith::NotReopened(path)) => {
                app.hint = Some(strings::not_reopened(&path));
            }
            (None, StartWith::Demo) => app.open_demo(),
        }
        app
    }

    /// Sets up fonts and options on the egui context (once, by the runner).
    pub fn setup_context(&mut self, ctx: &egui::Context) {
        self.document.bold_font = theme::setup_fonts(ctx);
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
    }

    /// Where the data folder is.
    pub fn dirs(&self) -> &Dirs {
        &self.dirs
    }

    fn open_path(&mut self, path: &Path) {
        self.memos.flush(&mut self.state);
        // Noted on disk first: if opening or showing the project kills
        // Jalin, the next start does not open it again by itself.
        self.settings.begin_opening(path);
        self.save_settings();
        self.frames_since_open = Some(0);
        match self.state.open(path) {
            Ok(()) => self.opened(path),
            Err(e) => {
                self.state.error = Some(strings::cannot_open(&e));
                self.frames_since_open = None;
                self.settings.finish_opening();
                self.save_settings();
            }
        }
    }

    /// Once a project's first frames are drawn, it opened safely.
    /// (Closing the app cleanly before that counts too: see the `Drop`.)
    fn note_frame_drawn(&mut self) {
        let Some(n) = self.frames_since_open.as_mut() else {
            return;
        };
        *n += 1;
        if *n >= FRAMES_TO_OPEN {
            self.frames_since_open = None;
            if self.settings.finish_opening() {
                self.save_settings();
            }
        }
    }

    fn opened(&mut self, path: &Path) {
        self.settings.remember(path);
        self.save_settings();
        self.document.close();
        self.codebook.reset();
        self.memos.reset();
        self.retrieval.reset();
        self.reports.reset();
        self.review.reset();
        if let Some(first) = self.state.sources.first().map(|s| s.id) {
            self.document.open(&self.state, first);
        }
    }

    fn open_demo(&mut self) {
        match ensure_demo(&self.dirs) {
            Ok(path) => self.open_path(&path),
            Err(e) => self.state.error = Some(strings::demo_failed(&e)),
        }
    }

    fn save_settings(&mut self) {
        if let Err(e) = self.settings.save(&self.dirs) {
            self.hint = Some(strings::settings_not_saved(&e));
        }
    }

    /// Draws one frame and runs what the user asked for.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.apply_settings(&ctx);
        self.poll_import(&ctx);
        self.poll_qdpx();
        self.poll_outside(&ctx);
        let mut actions = Vec::new();
        self.dropped_files(&ctx, &mut actions);
        self.shortcuts(&ctx, &mut actions);

        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui, &mut actions));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        if self.state.is_open() {
            self.panels_ui(ui, &mut actions);
        } else {
            egui::CentralPanel::default().show(ui, |ui| welcome_ui(ui, &mut actions));
        }
        self.dialogs_ui(&ctx, &mut actions);

        let now = ctx.input(|i| i.time);
        for action in actions {
            self.handle(action, &ctx, now);
        }
        if self.memos.autosave(&mut self.state, now) {
            ctx.request_repaint_after(memos::DEBOUNCE);
        }
        self.update_title(&ctx);
        self.note_frame_drawn();
        if let Some(t0) = self.first_frame_exit.take() {
            println!(
                "first frame after {:.1} ms",
                t0.elapsed().as_secs_f64() * 1000.0
            );
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn apply_settings(&mut self, ctx: &egui::Context) {
        let now = (self.settings.theme, self.settings.clamped_text_size());
        if self.applied_settings != Some(now) {
            theme::apply_theme(ctx, now.0);
            self.document.text_size = now.1;
            self.applied_settings = Some(now);
        }
    }

    fn panels_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        // Reports and the review board need room: they have their own,
        // taller panel height (each remembered).
        let wide = matches!(self.lower, LowerTab::Reports | LowerTab::Review);
        egui::Panel::bottom(if wide { "lower-wide" } else { "lower" })
            .resizable(true)
            .default_size(if wide { 470.0 } else { 230.0 })
            .min_size(80.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut self.lower, LowerTab::Retrieval, strings::RETRIEVAL);
                    ui.selectable_value(&mut self.lower, LowerTab::Memos, strings::MEMOS);
                    ui.selectable_value(&mut self.lower, LowerTab::Reports, strings::REPORTS);
                    ui.selectable_value(&mut self.lower, LowerTab::Review, strings::REVIEW);
                });
                ui.separator();
                match self.lower {
                    LowerTab::Retrieval => {
                        self.retrieval
                            .ui(ui, &self.state, &self.codebook.selected, actions)
                    }
                    LowerTab::Memos => {
                        let targets = memos::Targets {
                            source: self.document.source(),
                            code: self.codebook.selected.first().copied(),
                            coding: self.document.selected_coding,
                        };
                        self.memos.ui(ui, &mut self.state, targets, actions)
                    }
                    LowerTab::Reports => self.reports.ui(ui, &self.state),
                    LowerTab::Review => self.review.ui(ui, &self.state, actions),
                }
            });
        egui::Panel::left("sources")
            .resizable(true)
            .default_size(250.0)
            .min_size(140.0)
            .show(ui, |ui| {
                self.sources
                    .ui(ui, &self.state, self.document.source(), actions)
            });
        egui::Panel::right("codebook")
            .resizable(true)
            .default_size(290.0)
            .min_size(160.0)
            .show(ui, |ui| {
                let has_selection = self.document.selection().is_some();
                self.codebook.ui(ui, &self.state, has_selection, actions)
            });
        egui::CentralPanel::default().show(ui, |ui| self.document.ui(ui, &self.state, actions));
    }

    fn menu_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(strings::MENU_FILE, |ui| {
                if ui.button(strings::NEW_PROJECT).clicked() {
                    actions.push(Action::NewProject);
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
                ui.separator();
                if ui
                    .add_enabled(open, egui::Button::new(strings::SAVE_COPY))
                    .on_hover_text(strings::SAVE_COPY_HINT)
                    .clicked()
                {
                    actions.push(Action::SaveCopy);
                }
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

    fn status_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            match &self.state.status {
                SaveStatus::Unchanged => {}
                SaveStatus::Saved(what) => {
                    ui.label(egui::RichText::new("✔").color(ui.visuals().selection.bg_fill));
                    ui.label(strings::saved(what));
                }
                SaveStatus::NotSaved { action, reason } => {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!("{} {reason}", strings::not_saved(action)),
                    );
                }
            }
            if self.memos.is_dirty() {
                ui.weak(strings::SAVING);
            }
            if let Some(h) = &self.hint {
                ui.separator();
                ui.label(h);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(p) = self.state.path() {
                    ui.weak(p.display().to_string());
                    ui.separator();
                }
                if self.state.is_open() {
                    ui.label(strings::status_counts(
                        self.state.codings.len(),
                        &self.state.coder_name,
                    ));
                }
            });
        });
    }

    fn shortcuts(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
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

    fn dropped_files(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
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

    fn poll_import(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.import else {
            return;
        };
        if job.take_news() {
            let _ = self.state.reload_texts();
            if let Err(e) = self.state.refresh() {
                self.state.error = Some(strings::store_error(&e));
            }
        }
        if job.is_finished() {
            let report = job.report();
            self.import = None;
            self.dialog = Some(Dialog::ImportReport(report));
        } else {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    /// Every [`OUTSIDE_POLL`], even when the window is idle, notices changes
    /// other processes made to the project and shows them. Selections that
    /// still exist are kept; a shown source or selected code that was
    /// deleted is cleared.
    fn poll_outside(&mut self, ctx: &egui::Context) {
        if !self.state.is_open() {
            return;
        }
        ctx.request_repaint_after(OUTSIDE_POLL);
        let now = ctx.input(|i| i.time);
        if self
            .outside_polled
            .is_some_and(|t| now >= t && now - t < OUTSIDE_POLL.as_secs_f64())
        {
            return;
        }
        self.outside_polled = Some(now);
        let shown = self.document.source();
        match self.state.sync_outside() {
            Ok(true) => {
                self.document.sync(&self.state);
                self.codebook
                    .selected
                    .retain(|c| self.state.codebook.get(*c).is_some());
                if shown.is_none()
                    && let Some(first) = self.state.sources.first().map(|s| s.id)
                {
                    self.document.open(&self.state, first);
                }
            }
            Ok(false) => {}
            // Shown once in the status bar, not a dialog every half second.
            Err(e) => self.hint = Some(strings::store_error(&e)),
        }
    }

    fn poll_qdpx(&mut self) {
        let Some(result) = self.qdpx.as_ref().and_then(|j| j.take_result()) else {
            return;
        };
        let Some(job) = self.qdpx.take() else {
            return;
        };
        match result {
            Ok(report) => {
                self.open_path(&job.target);
                if self.state.error.is_none() {
                    self.dialog = Some(Dialog::LossReport(report));
                }
            }
            Err(e) => self.state.error = Some(e),
        }
    }

    /// Imports a REFI-QDA project into a new project file at `target` on a
    /// worker thread; when done, opens it and shows the loss report. (What
    /// File ▸ Import REFI-QDA project runs after its two file dialogs.)
    pub fn start_qdpx_import(&mut self, file: PathBuf, target: PathBuf, ctx: &egui::Context) {
        if self.qdpx.is_some() {
            return;
        }
        self.memos.flush(&mut self.state);
        self.qdpx = Some(import::QdpxJob::start(file, target, ctx.clone()));
    }

    /// Whether an import or exchange runs in the background.
    pub fn is_busy(&self) -> bool {
        self.qdpx.is_some() || self.import.is_some()
    }

    /// The open dialog, for tests.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    fn dialogs_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if let Some(job) = &self.import {
            job.ui(ctx);
        }
        if let Some(job) = &self.qdpx {
            job.ui(ctx);
        }
        if let Some(message) = self.state.error.clone() {
            if dialogs::error_ui(ctx, &message) {
                self.state.error = None;
            }
            return;
        }
        if let Some(dialog) = &mut self.dialog {
            match dialog.ui(ctx, &self.state) {
                dialogs::Outcome::Open => {}
                dialogs::Outcome::Close => self.dialog = None,
                dialogs::Outcome::Act(more) => {
                    self.dialog = None;
                    actions.extend(more);
                }
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let name = self
            .state
            .path()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
        let title = strings::window_title(name.as_deref());
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

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
                    .run(strings::ACT_REMOVE_CODING, Command::RemoveCoding(id));
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
                    .run(strings::ACT_NEW_MEMO, cmd)
                    .as_ref()
                    .and_then(Command::created_memo)
                {
                    self.memos.select(&self.state, id);
                    self.lower = LowerTab::Memos;
                }
            }
            Action::Dialog(d) => self.dialog = Some(*d),
            Action::Undo => {
                self.memos.flush(&mut self.state);
                self.state.undo();
            }
            Action::Redo => {
                self.memos.flush(&mut self.state);
                self.state.redo();
            }
            Action::NewProject => self.new_project(),
            Action::OpenProject => {
                if let Some(path) = rfd::FileDialog::new()
                    .add_filter("Jalin project", &[crate::store::EXTENSION])
                    .pick_file()
                {
                    self.open_path(&path);
                }
            }
            Action::OpenPath(p) => self.open_path(&p),
            Action::OpenDemo => self.open_demo(),
            Action::ImportDialog => {
                if let Some(paths) = rfd::FileDialog::new()
                    .add_filter("Transcripts", IMPORT_EXTENSIONS)
                    .pick_files()
                {
                    self.import_paths(paths, ctx);
                }
            }
            Action::ImportFolder => {
                if let Some(folder) = rfd::FileDialog::new().pick_folder() {
                    self.import_paths(vec![folder], ctx);
                }
            }
            Action::Import(paths) => self.import_paths(paths, ctx),
            Action::ImportWith { paths, csv } => self.start_import(paths, csv, ctx),
            Action::ImportQdpx => self.import_qdpx_dialog(ctx),
            Action::ExportQdpx => self.export_exchange(true),
            Action::ImportQdc => self.import_qdc(),
            Action::ExportQdc => self.export_exchange(false),
            Action::SaveCopy => self.save_copy_dialog(),
            Action::ShowTab(tab) => self.lower = tab,
            Action::FocusQuickCode => self.codebook.focus_quick = true,
            Action::SetTheme(t) => {
                self.settings.theme = t;
                self.save_settings();
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

    fn selection_or_hint(&mut self) -> Option<(SourceId, usize, usize)> {
        let source = self.document.source();
        match (source, self.document.selection()) {
            (Some(src), Some((s, e))) => Some((src, s, e)),
            _ => {
                self.hint = Some(strings::SELECT_TEXT_FIRST.to_string());
                None
            }
        }
    }

    fn after_coding(&mut self, inverse: Option<Command>) {
        if let Some(coding) = inverse.as_ref().and_then(Command::created_coding) {
            self.document.clear_selection();
            self.document.selected_coding = Some(coding);
            self.hint = None;
        }
    }

    fn apply_code(&mut self, code: CodeId) {
        let Some((source, start, end)) = self.selection_or_hint() else {
            return;
        };
        let coder = match self.state.coder_id() {
            Ok(c) => c,
            Err(e) => {
                self.state.failed(strings::ACT_APPLY.to_string(), &e);
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

    fn create_and_apply(&mut self, name: String, label: String) {
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

    fn in_vivo(&mut self) {
        let Some(words) = self.document.selected_text() else {
            self.hint = Some(strings::SELECT_TEXT_FIRST.to_string());
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
            None => self.create_and_apply(name, strings::ACT_IN_VIVO.to_string()),
        }
    }

    fn new_project(&mut self) {
        let Some(mut path) = rfd::FileDialog::new()
            .add_filter("Jalin project", &[crate::store::EXTENSION])
            .set_file_name("study.jalin")
            .save_file()
        else {
            return;
        };
        if path.extension().is_none() {
            path.set_extension(crate::store::EXTENSION);
        }
        self.memos.flush(&mut self.state);
        match self.state.create(&path) {
            Ok(()) => self.opened(&path),
            Err(e) => self.state.error = Some(strings::cannot_create(&e)),
        }
    }

    /// Imports files and folders; a CSV transcript among the files first
    /// asks which columns hold what.
    fn import_paths(&mut self, paths: Vec<PathBuf>, ctx: &egui::Context) {
        let csv = paths.iter().find(|p| {
            p.is_file()
                && p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("tsv"))
        });
        let Some(csv) = csv else {
            self.start_import(paths, Default::default(), ctx);
            return;
        };
        let header = crate::files::read_limited(csv, crate::import::MAX_FILE_BYTES)
            .map_err(|e| format!("{e}: {}", csv.display()))
            .and_then(|bytes| {
                crate::import::csv_header(&bytes).map_err(|e| format!("{e}: {}", csv.display()))
            });
        match header {
            Ok(header) => {
                let columns = crate::import::guess_columns(&header);
                self.dialog = Some(Dialog::CsvColumns {
                    paths,
                    header,
                    columns,
                });
            }
            Err(e) => self.state.error = Some(e),
        }
    }

    fn start_import(
        &mut self,
        paths: Vec<PathBuf>,
        csv: crate::import::CsvColumns,
        ctx: &egui::Context,
    ) {
        if self.import.is_some() {
            return;
        }
        let options = crate::import::ImportOptions {
            csv,
            coder: Some(self.state.coder_name.clone()),
            ..Default::default()
        };
        if let Some(project) = self.state.path() {
            self.import = Some(import::ImportJob::start(
                project,
                paths,
                options,
                ctx.clone(),
            ));
        }
    }

    fn import_qdpx_dialog(&mut self, ctx: &egui::Context) {
        let Some(file) = rfd::FileDialog::new()
            .add_filter("REFI-QDA project", &["qdpx"])
            .pick_file()
        else {
            return;
        };
        let stem = file
            .file_stem()
            .map_or("imported".into(), |s| s.to_string_lossy().into_owned());
        let Some(mut target) = rfd::FileDialog::new()
            .set_title(strings::SAVE_NEW_PROJECT)
            .add_filter("Jalin project", &[crate::store::EXTENSION])
            .set_file_name(format!("{stem}.{}", crate::store::EXTENSION))
            .save_file()
        else {
            return;
        };
        if target.extension().is_none() {
            target.set_extension(crate::store::EXTENSION);
        }
        self.start_qdpx_import(file, target, ctx);
    }

    /// File ▸ Export REFI-QDA project (`project`) or codebook.
    fn export_exchange(&mut self, project: bool) {
        let (ext, name) = if project {
            ("qdpx", "REFI-QDA project")
        } else {
            ("qdc", "REFI-QDA codebook")
        };
        let stem = self
            .state
            .path()
            .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .unwrap_or("project".into());
        let Some(path) = rfd::FileDialog::new()
            .add_filter(name, &[ext])
            .set_file_name(format!("{stem}.{ext}"))
            .save_file()
        else {
            return;
        };
        self.export_exchange_to(project, &path);
    }

    /// File ▸ Save a copy…: asks where, then [`Self::save_copy_to`].
    fn save_copy_dialog(&mut self) {
        let stem = self
            .state
            .path()
            .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .unwrap_or("project".into());
        let Some(mut path) = rfd::FileDialog::new()
            .set_title(strings::SAVE_COPY)
            .add_filter("Jalin project", &[crate::store::EXTENSION])
            .set_file_name(format!("{stem} copy.{}", crate::store::EXTENSION))
            .save_file()
        else {
            return;
        };
        if path.extension().is_none() {
            path.set_extension(crate::store::EXTENSION);
        }
        self.save_copy_to(&path);
    }

    /// Writes a consistent copy of the open project to the new file `path`
    /// (SQLite's online backup, as `jalin backup` does); the project stays
    /// open.
    pub fn save_copy_to(&mut self, path: &Path) {
        let Some(p) = self.state.project() else {
            return;
        };
        match p.save_copy(path) {
            Ok(()) => self.hint = Some(strings::wrote(path)),
            Err(e) => self.state.error = Some(e.to_string()),
        }
    }

    /// Writes the project (`.qdpx`) or its codebook (`.qdc`) to `path`.
    pub fn export_exchange_to(&mut self, project: bool, path: &Path) {
        let Some(p) = self.state.project() else {
            return;
        };
        let result = if project {
            crate::exchange::export_qdpx(p, path)
        } else {
            crate::exchange::export_qdc(p, path)
        };
        match result {
            Ok(()) => self.hint = Some(strings::wrote(path)),
            Err(e) => self.state.error = Some(e.to_string()),
        }
    }

    fn import_qdc(&mut self) {
        if let Some(file) = rfd::FileDialog::new()
            .add_filter("REFI-QDA codebook", &["qdc"])
            .pick_file()
        {
            self.import_qdc_from(&file);
        }
    }

    /// Adds the codes of a `.qdc` codebook to the open project and shows
    /// what came in. (Not undoable: it is an import, like files.)
    pub fn import_qdc_from(&mut self, file: &Path) {
        let Some(p) = self.state.project_mut() else {
            return;
        };
        match crate::exchange::import_qdc(p, file) {
            Ok(report) => {
                let mut text = format!(
                    "{}: {}",
                    strings::qdc_imported(report.imported.codes),
                    file.display()
                );
                for a in &report.assumptions {
                    text.push_str(&format!("\n  - {a}"));
                }
                for l in &report.losses {
                    text.push_str(&format!("\n  - {} '{}': {}", l.element, l.name, l.reason));
                }
                self.dialog = Some(Dialog::LossReport(text));
            }
            Err(e) => self.state.error = Some(e.to_string()),
        }
        if let Err(e) = self.state.refresh() {
            self.state.error = Some(strings::store_error(&e));
        }
    }

    /// Saves what is pending (a memo being typed) before the app closes.
    pub fn on_exit(&mut self) {
        self.memos.flush(&mut self.state);
    }
}

/// Every file extension File ▸ Import files offers.
const IMPORT_EXTENSIONS: &[&str] = &[
    "txt", "md", "docx", "odt", "pdf", "html", "htm", "vtt", "srt", "csv", "tsv",
];

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

fn welcome_ui(ui: &mut Ui, actions: &mut Vec<Action>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.3);
        ui.heading(strings::NO_PROJECT);
        ui.label(strings::NO_PROJECT_HINT);
        ui.add_space(12.0);
        if ui.button(strings::NEW_PROJECT).clicked() {
            actions.push(Action::NewProject);
        }
        if ui.button(strings::OPEN_PROJECT).clicked() {
            actions.push(Action::OpenProject);
        }
        if ui.button(strings::OPEN_DEMO).clicked() {
            actions.push(Action::OpenDemo);
        }
    });
}

/// The demo study's copy in the data folder, made on first use: built in a
/// temporary file and renamed, so a failure never leaves half a demo.
pub fn ensure_demo(dirs: &Dirs) -> Result<PathBuf, String> {
    let path = dirs.demo_project();
    if path.exists() {
        return Ok(path);
    }
    std::fs::create_dir_all(&dirs.data).map_err(|e| format!("{e}: {}", dirs.data.display()))?;
    let tmp = dirs
        .data
        .join(format!("demo-{}.jalin.tmp", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    {
        let mut project = Project::create(&tmp).map_err(|e| e.to_string())?;
        if let Err(e) = crate::demo::load_demo(&mut project) {
            drop(project);
            let _ = std::fs::remove_file(&tmp);
            return Err(e.to_string());
        }
    }
    std::fs::rename(&tmp, &path).map_err(|e| format!("{e}: {}", path.display()))?;
    Ok(path)
}

impl eframe::App for JalinApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        JalinApp::ui(self, ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        JalinApp::on_exit(self);
    }
}

/// Opens the workbench window and runs it until it is closed.
pub fn run_gui(startup: Startup) -> anyhow::Result<()> {
    let dirs = startup.dirs.clone();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(strings::APP_NAME)
            .with_app_id("jalin")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        persistence_path: Some(dirs.config.join("window.ron")),
        ..Default::default()
    };
    eframe::run_native(
        strings::APP_NAME,
        options,
        Box::new(move |cc| {
            let mut app = JalinApp::new(startup);
            app.setup_context(&cc.egui_ctx);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}
