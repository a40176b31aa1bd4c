//! The frame: drawing the panels, menus and dialogs in order, and running
//! what they asked for; the window itself ([`run_gui`]).

use egui::Ui;

use super::*;
use crate::app::{AppState, Dirs, Settings, StartWith};
use dialogs::Dialog;

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
            disagreements: Default::default(),
            pseudonyms: Default::default(),
            lower: LowerTab::default(),
            dialog: None,
            files: file_dialog::FileDialogs::new(),
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

    /// Once a project's first frames are drawn, it opened safely.
    /// (Closing the app cleanly before that counts too: see the `Drop`.)
    pub(super) fn note_frame_drawn(&mut self) {
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

    pub(super) fn save_settings(&mut self) {
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
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui, &mut actions));
        if self.state.is_open() {
            self.panels_ui(ui, &mut actions);
        } else {
            egui::CentralPanel::default().show(ui, |ui| welcome_ui(ui, &mut actions));
        }
        self.dialogs_ui(&ctx, &mut actions);
        if let Some(chosen) = self.files.show(&ctx) {
            self.file_chosen(chosen, &ctx);
        }
        if let Some(req) = self.reports.ask_file.take() {
            self.ask_file(req, &ctx);
        }
        if let Some(req) = self.review.ask_file.take() {
            self.ask_file(req, &ctx);
        }
        if let Some(req) = self.disagreements.ask_file.take() {
            self.ask_file(req, &ctx);
        }

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

    pub(super) fn apply_settings(&mut self, ctx: &egui::Context) {
        let now = (self.settings.theme, self.settings.clamped_text_size());
        if self.applied_settings != Some(now) {
            theme::apply_theme(ctx, now.0);
            self.document.text_size = now.1;
            self.applied_settings = Some(now);
        }
    }

    pub(super) fn panels_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        // Reports and the review board need room: they have their own,
        // taller panel height (each remembered).
        let wide = matches!(
            self.lower,
            LowerTab::Reports | LowerTab::Review | LowerTab::Disagreements | LowerTab::Pseudonyms
        );
        egui::Panel::bottom(if wide { "lower-wide" } else { "lower" })
            .resizable(true)
            .default_size(if wide { 470.0 } else { 230.0 })
            .min_size(80.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut self.lower, LowerTab::Retrieval, strings::retrieval());
                    ui.selectable_value(&mut self.lower, LowerTab::Memos, strings::memos());
                    ui.selectable_value(&mut self.lower, LowerTab::Reports, strings::reports());
                    ui.selectable_value(&mut self.lower, LowerTab::Review, strings::review());
                    ui.selectable_value(
                        &mut self.lower,
                        LowerTab::Disagreements,
                        strings::disagreements(),
                    );
                    ui.selectable_value(
                        &mut self.lower,
                        LowerTab::Pseudonyms,
                        strings::pseudonyms(),
                    );
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
                    LowerTab::Disagreements => self.disagreements.ui(ui, &self.state, actions),
                    LowerTab::Pseudonyms => self.pseudonyms.ui(ui, &self.state, actions),
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

    /// The open dialog, for tests.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    pub(super) fn dialogs_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
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

    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
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

    /// Saves what is pending (a memo being typed) before the app closes.
    pub fn on_exit(&mut self) {
        self.memos.flush(&mut self.state);
        // Vacuums the file when a source was removed (see AppState::close).
        if let Err(e) = self.state.close() {
            eprintln!("jalin: {}", strings::store_error(&e));
        }
    }
}

fn welcome_ui(ui: &mut Ui, actions: &mut Vec<Action>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.3);
        ui.heading(strings::no_project());
        ui.label(strings::no_project_hint());
        ui.add_space(12.0);
        if ui.button(strings::new_project()).clicked() {
            actions.push(Action::NewProject);
        }
        if ui.button(strings::open_project()).clicked() {
            actions.push(Action::OpenProject);
        }
        if ui.button(strings::open_demo()).clicked() {
            actions.push(Action::OpenDemo);
        }
    });
}

impl eframe::App for JalinApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        JalinApp::ui(self, ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        JalinApp::on_exit(self);
    }
}

/// The window's icon: `assets/icon-256.png` (drawn from `assets/icon.svg`),
/// embedded in the binary.
pub fn window_icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon-256.png")).ok()
}

/// Opens the workbench window and runs it until it is closed.
pub fn run_gui(startup: Startup) -> anyhow::Result<()> {
    let dirs = startup.dirs.clone();
    let mut viewport = egui::ViewportBuilder::default();
    if let Some(icon) = window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport: viewport
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
    .map_err(|e| anyhow::anyhow!(crate::t!("ui-window-failed", why = e.to_string())))
}
