//! Opening, creating, importing into and exporting the project file.

use std::path::{Path, PathBuf};

use super::*;
use crate::app::Dirs;
use crate::store::Project;
use dialogs::{Dialog, PassphraseAsk};
use file_dialog::{Asked, Chosen, FileRequest, Pick, Purpose};

impl JalinApp {
    pub(super) fn open_path(&mut self, path: &Path) {
        // An encrypted project asks for its passphrase first.
        if crate::store::looks_encrypted(path) {
            self.dialog = Some(Dialog::passphrase(PassphraseAsk::Open(path.to_path_buf())));
            return;
        }
        self.open_path_with(path, None);
    }

    fn open_path_with(&mut self, path: &Path, key: Option<&crate::store::Passphrase>) {
        self.memos.flush(&mut self.state);
        // Noted on disk first: if opening or showing the project kills
        // Jalin, the next start does not open it again by itself.
        self.settings.begin_opening(path);
        self.save_settings();
        self.frames_since_open = Some(0);
        match self.state.open_with(path, key) {
            Ok(()) => self.opened(path),
            Err(crate::store::StoreError::WrongPassphrase(_)) => {
                // Asked again, saying why; the file is as it was.
                self.frames_since_open = None;
                self.settings.finish_opening();
                self.save_settings();
                let mut again = Dialog::passphrase(PassphraseAsk::Open(path.to_path_buf()));
                if let Dialog::Passphrase { error, .. } = &mut again {
                    *error = Some(strings::wrong_passphrase().into());
                }
                self.dialog = Some(again);
            }
            Err(e) => {
                self.state.error = Some(strings::cannot_open(&e));
                self.frames_since_open = None;
                self.settings.finish_opening();
                self.save_settings();
            }
        }
    }

    /// Opens the team project at `location` (which holds no password) with
    /// `password` for this connection only; the recent list keeps the
    /// location.
    pub(super) fn open_team(&mut self, location: &str, password: &str) {
        self.memos.flush(&mut self.state);
        match self.state.open_server(location, password) {
            Ok(()) => self.opened(Path::new(location)),
            Err(e) => self.state.error = Some(strings::cannot_open(&e)),
        }
    }

    pub(super) fn opened(&mut self, path: &Path) {
        self.settings.remember(path);
        self.save_settings();
        self.document.close();
        self.codebook.reset();
        self.memos.reset();
        self.retrieval.reset();
        self.reports.reset();
        self.pseudonyms = Default::default();
        self.review.reset();
        self.disagreements.reset();
        if let Some(first) = self.state.sources.first().map(|s| s.id) {
            self.document.open(&self.state, first);
        }
    }

    pub(super) fn open_demo(&mut self) {
        match ensure_demo(&self.dirs) {
            Ok(path) => self.open_path(&path),
            Err(e) => self.state.error = Some(strings::demo_failed(&e)),
        }
    }

    /// Asks for a path with the desktop's dialog or the window's own, and
    /// does what it is for once chosen.
    pub fn ask_file(&mut self, mut req: FileRequest, ctx: &egui::Context) {
        // From an encrypted project, an export is plaintext: its dialog says so.
        if self.state.is_encrypted() && is_export(&req.purpose) {
            req.title = format!("{} — {}", req.title, strings::plaintext_export_title());
        }
        self.files.folder = self
            .state
            .path()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .filter(|d| !d.as_os_str().is_empty());
        match self.files.ask(req) {
            Asked::Chosen(chosen) => self.file_chosen(chosen, ctx),
            Asked::Open => {
                if self.files.fell_back {
                    self.hint = Some(strings::builtin_file_dialog().to_string());
                }
            }
            Asked::Cancelled => {}
            Asked::Failed(message) => self.state.error = Some(message),
        }
    }

    /// Does what a file dialog was opened for.
    pub fn file_chosen(&mut self, chosen: Chosen, ctx: &egui::Context) {
        let export = self.state.is_encrypted() && is_export(&chosen.purpose);
        self.file_chosen_for(chosen, ctx);
        if export && self.state.error.is_none() {
            let wrote = self.hint.take().map_or(String::new(), |h| format!("{h}. "));
            self.hint = Some(format!("{wrote}{}", strings::plaintext_export()));
        }
    }

    fn file_chosen_for(&mut self, chosen: Chosen, ctx: &egui::Context) {
        let Chosen { purpose, paths } = chosen;
        let Some(first) = paths.first().cloned() else {
            return;
        };
        match purpose {
            Purpose::OpenProject => self.open_path(&first),
            Purpose::NewProject => self.new_project_at(first, None),
            Purpose::NewEncryptedProject => {
                let mut path = first;
                if path.extension().is_none() {
                    path.set_extension(crate::store::EXTENSION);
                }
                self.dialog = Some(Dialog::passphrase(PassphraseAsk::NewProject(path)));
            }
            Purpose::ImportFiles | Purpose::ImportFolder => self.import_paths(paths, ctx),
            Purpose::ImportQdpx => {
                let stem = first
                    .file_stem()
                    .map_or("imported".into(), |s| s.to_string_lossy().into_owned());
                self.ask_file(
                    FileRequest::new(
                        Pick::Save,
                        strings::save_new_project(),
                        Purpose::ImportQdpxInto(first),
                    )
                    .filter(strings::filter_jalin_project(), &[crate::store::EXTENSION])
                    .file_name(format!("{stem}.{}", crate::store::EXTENSION)),
                    ctx,
                );
            }
            Purpose::ImportQdpxInto(file) => {
                let mut target = first;
                if target.extension().is_none() {
                    target.set_extension(crate::store::EXTENSION);
                }
                self.start_qdpx_import(file, target, ctx);
            }
            Purpose::ExportQdpx => self.export_exchange_to(true, &first),
            Purpose::ExportQdpxPseudonymised => self.export_qdpx_pseudonymised_to(&first),
            Purpose::ExportQdc => self.export_exchange_to(false, &first),
            Purpose::ExportQdcPseudonymised => self.export_qdc_pseudonymised_to(&first),
            Purpose::ImportQdc => self.import_qdc_from(&first),
            Purpose::MergeProjects => self.merge_preview(&paths),
            Purpose::Disagreements(format) => {
                self.disagreements.export_to(&self.state, format, &first)
            }
            Purpose::SaveCopy => {
                let mut path = first;
                if path.extension().is_none() {
                    path.set_extension(crate::store::EXTENSION);
                }
                self.save_copy_to(&path);
            }
            Purpose::Report(format) => self.reports.export_to(format, &first),
            Purpose::ReviewSheet(ext) => self.review.export_sheet_to(&ext, &first),
        }
    }

    pub(super) fn new_project(&mut self, ctx: &egui::Context) {
        self.ask_file(
            FileRequest::new(Pick::Save, strings::new_project(), Purpose::NewProject)
                .filter(strings::filter_jalin_project(), &[crate::store::EXTENSION])
                .file_name("study.jalin"),
            ctx,
        );
    }

    /// File ▸ New project, encrypted with a passphrase…: asks where, then
    /// for the passphrase (twice).
    pub(super) fn new_encrypted_project(&mut self, ctx: &egui::Context) {
        self.ask_file(
            FileRequest::new(
                Pick::Save,
                strings::new_encrypted_project(),
                Purpose::NewEncryptedProject,
            )
            .filter(strings::filter_jalin_project(), &[crate::store::EXTENSION])
            .file_name("study.jalin"),
            ctx,
        );
    }

    /// A passphrase typed into the passphrase dialog.
    pub(super) fn passphrase_given(&mut self, ask: PassphraseAsk, key: crate::store::Passphrase) {
        match ask {
            PassphraseAsk::Open(path) => self.open_path_with(&path, Some(&key)),
            PassphraseAsk::NewProject(path) => self.new_project_at(path, Some(&key)),
            PassphraseAsk::Encrypt | PassphraseAsk::Rekey => self.change_encryption(Some(&key)),
            PassphraseAsk::Decrypt => {
                if self.state.is_passphrase(&key) {
                    self.change_encryption(None);
                } else {
                    let mut again = Dialog::passphrase(PassphraseAsk::Decrypt);
                    if let Dialog::Passphrase { error, .. } = &mut again {
                        *error = Some(strings::wrong_passphrase().into());
                    }
                    self.dialog = Some(again);
                }
            }
        }
    }

    /// Encrypts, re-keys or decrypts the open project, then shows it again.
    fn change_encryption(&mut self, to: Option<&crate::store::Passphrase>) {
        self.memos.flush(&mut self.state);
        let was = self.state.is_encrypted();
        match self.state.change_encryption(to) {
            Ok(()) => {
                self.hint = Some(
                    match (was, to.is_some()) {
                        (false, _) => strings::encrypted_done(),
                        (true, true) => strings::rekeyed_done(),
                        (true, false) => strings::decrypted_done(),
                    }
                    .to_string(),
                );
            }
            Err(e) => self.state.error = Some(strings::store_error(&e)),
        }
        if let Some(path) = self.state.path() {
            self.opened(&path);
        }
    }

    /// File menu entries: encrypt a plain project; change the passphrase of
    /// or decrypt an encrypted one.
    pub(super) fn encryption_menu_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let open = self.state.is_open();
        let ask = |a: PassphraseAsk| Action::Dialog(Box::new(Dialog::passphrase(a)));
        if self.state.is_encrypted() {
            if ui.button(strings::change_passphrase()).clicked() {
                actions.push(ask(PassphraseAsk::Rekey));
            }
            if ui.button(strings::decrypt_project()).clicked() {
                actions.push(ask(PassphraseAsk::Decrypt));
            }
        } else if ui
            .add_enabled(open, egui::Button::new(strings::encrypt_project()))
            .on_hover_text(strings::encrypt_hint())
            .clicked()
        {
            actions.push(ask(PassphraseAsk::Encrypt));
        }
    }

    fn new_project_at(&mut self, mut path: PathBuf, key: Option<&crate::store::Passphrase>) {
        if path.extension().is_none() {
            path.set_extension(crate::store::EXTENSION);
        }
        self.memos.flush(&mut self.state);
        match self.state.create_with(&path, key) {
            Ok(()) => self.opened(&path),
            Err(e) => self.state.error = Some(strings::cannot_create(&e)),
        }
    }

    /// Imports files and folders; a CSV transcript among the files first
    /// asks which columns hold what.
    pub(super) fn import_paths(&mut self, paths: Vec<PathBuf>, ctx: &egui::Context) {
        let csv = paths.iter().find(|p| {
            p.is_file()
                && p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("tsv"))
        });
        let Some(csv) = csv else {
            self.start_import(paths, Default::default(), false, ctx);
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
                    keep_entities: false,
                });
            }
            Err(e) => self.state.error = Some(e),
        }
    }

    pub(super) fn start_import(
        &mut self,
        paths: Vec<PathBuf>,
        csv: crate::import::CsvColumns,
        keep_entities: bool,
        ctx: &egui::Context,
    ) {
        if self.import.is_some() {
            return;
        }
        let options = crate::import::ImportOptions {
            csv,
            keep_entities,
            coder: Some(self.state.coder_name.clone()),
            ..Default::default()
        };
        if let Some(project) = self.state.path() {
            let key = self.state.project().and_then(Project::passphrase).cloned();
            self.import = Some(import::ImportJob::start(
                project,
                key,
                paths,
                options,
                ctx.clone(),
            ));
        }
    }

    /// File ▸ Export REFI-QDA project (`project`) or codebook.
    /// The open project's file name without its extension, to suggest
    /// names for what is written from it.
    fn project_stem(&self) -> String {
        self.state
            .path()
            .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .unwrap_or("project".into())
    }

    pub(super) fn export_exchange(&mut self, project: bool, ctx: &egui::Context) {
        let (ext, name, purpose) = if project {
            ("qdpx", strings::filter_qdpx(), Purpose::ExportQdpx)
        } else {
            ("qdc", strings::filter_qdc(), Purpose::ExportQdc)
        };
        let stem = self.project_stem();
        self.ask_file(
            FileRequest::new(Pick::Save, name, purpose)
                .filter(name, &[ext])
                .file_name(format!("{stem}.{ext}")),
            ctx,
        );
    }

    /// File ▸ Export REFI-QDA project, pseudonymised…: refused while the
    /// pseudonym table is empty (the file would hold every real name),
    /// else asks where.
    pub(super) fn export_qdpx_pseudonymised(&mut self, ctx: &egui::Context) {
        if !self.has_pseudonyms() {
            return;
        }
        let stem = self.project_stem();
        self.ask_file(
            FileRequest::new(
                Pick::Save,
                strings::export_qdpx_pseudonymised(),
                Purpose::ExportQdpxPseudonymised,
            )
            .filter("REFI-QDA project", &["qdpx"])
            .file_name(format!("{stem} pseudonymised.qdpx")),
            ctx,
        );
    }

    /// File ▸ Export codebook, pseudonymised…: refused while the pseudonym
    /// table is empty, else asks where.
    pub(super) fn export_qdc_pseudonymised(&mut self, ctx: &egui::Context) {
        if !self.has_pseudonyms() {
            return;
        }
        let stem = self.project_stem();
        self.ask_file(
            FileRequest::new(
                Pick::Save,
                strings::export_qdc_pseudonymised(),
                Purpose::ExportQdcPseudonymised,
            )
            .filter(strings::filter_qdc(), &["qdc"])
            .file_name(format!("{stem} pseudonymised.qdc")),
            ctx,
        );
    }

    /// Whether the open project has pseudonyms; if not, says so (nothing
    /// could be replaced).
    fn has_pseudonyms(&mut self) -> bool {
        match self.state.project().map(Project::pseudonymiser) {
            Some(Ok(ps)) if ps.is_empty() => {
                self.state.error = Some(strings::no_pseudonyms_qdpx().to_string());
                false
            }
            Some(Err(e)) => {
                self.state.error = Some(strings::store_error(&e));
                false
            }
            _ => true,
        }
    }

    /// Writes the codebook pseudonymised as a `.qdc` to `path`.
    pub fn export_qdc_pseudonymised_to(&mut self, path: &Path) {
        if !self.has_pseudonyms() {
            return;
        }
        let Some(p) = self.state.project() else {
            return;
        };
        let result = p
            .pseudonymiser()
            .map_err(|e| strings::store_error(&e))
            .and_then(|ps| {
                crate::exchange::export_qdc_with(p, Some(&ps), path).map_err(|e| e.to_string())
            });
        match result {
            Ok(()) => self.hint = Some(strings::wrote(path)),
            Err(e) => self.state.error = Some(e),
        }
    }

    /// Writes the project pseudonymised as a `.qdpx` to `path` (refused,
    /// nothing written, while the pseudonym table is empty).
    pub fn export_qdpx_pseudonymised_to(&mut self, path: &Path) {
        if !self.has_pseudonyms() {
            return;
        }
        let Some(p) = self.state.project() else {
            return;
        };
        let options = crate::exchange::QdpxOptions {
            pseudonymise: true,
            ..Default::default()
        };
        match crate::exchange::export_qdpx_with(p, path, options) {
            Ok(()) => self.hint = Some(strings::wrote(path)),
            Err(e) => self.state.error = Some(e.to_string()),
        }
    }

    /// File ▸ Save a copy…: asks where, then [`Self::save_copy_to`].
    pub(super) fn save_copy_dialog(&mut self, ctx: &egui::Context) {
        let stem = self.project_stem();
        self.ask_file(
            FileRequest::new(Pick::Save, strings::save_copy(), Purpose::SaveCopy)
                .filter(strings::filter_jalin_project(), &[crate::store::EXTENSION])
                .file_name(format!("{stem} copy.{}", crate::store::EXTENSION)),
            ctx,
        );
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

    /// Adds the codes of a `.qdc` codebook to the open project and shows
    /// what came in. (Not undoable: it is an import, like files.)
    pub fn import_qdc_from(&mut self, file: &Path) {
        let Some(p) = self.state.project_mut() else {
            return;
        };
        match crate::exchange::import_qdc_undoable(p, file) {
            Ok((report, undo)) => {
                let name = file.file_name().unwrap_or_default().to_string_lossy();
                self.state
                    .undo
                    .record(strings::import_codebook_action(&name), undo);
                let mut text = format!(
                    "{}: {}",
                    strings::qdc_imported(report.imported.codes),
                    file.display()
                );
                text.push('\n');
                text.push_str(&report.details());
                self.dialog = Some(Dialog::LossReport(text));
            }
            Err(e) => self.state.error = Some(e.to_string()),
        }
        if let Err(e) = self.state.refresh() {
            self.state.error = Some(strings::store_error(&e));
        }
    }
}

/// Whether a file dialog is for writing what the project holds to a file
/// outside it (plaintext even when the project is encrypted).
fn is_export(purpose: &Purpose) -> bool {
    matches!(
        purpose,
        Purpose::ExportQdpx
            | Purpose::ExportQdpxPseudonymised
            | Purpose::ExportQdc
            | Purpose::ExportQdcPseudonymised
            | Purpose::Report(_)
            | Purpose::ReviewSheet(_)
            | Purpose::Disagreements(_)
    )
}

/// Every file extension File ▸ Import files offers.
pub(super) const IMPORT_EXTENSIONS: &[&str] = &[
    "txt", "md", "docx", "rtf", "doc", "odt", "pdf", "html", "htm", "vtt", "srt", "csv", "tsv",
];

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

impl super::JalinApp {
    /// File ▸ Merge project…: asks for the files, then shows the preview.
    /// Reads `files` and shows what merging them would add (a dry run:
    /// nothing is written), with a button to merge.
    pub fn merge_preview(&mut self, files: &[PathBuf]) {
        match self.run_merge(files, true) {
            Ok(report) => {
                self.dialog = Some(Dialog::MergePreview {
                    paths: files.to_vec(),
                    report,
                });
            }
            Err(e) => self.state.error = Some(e),
        }
    }

    /// Merges `files` into the open project as one undoable action and
    /// shows the report.
    pub fn merge_from(&mut self, files: &[PathBuf]) {
        self.memos.flush(&mut self.state);
        match self.run_merge(files, false) {
            Ok(report) => self.dialog = Some(Dialog::MergeReport(report)),
            Err(e) => self.state.error = Some(e),
        }
        if let Err(e) = self.state.refresh() {
            self.state.error = Some(strings::store_error(&e));
        }
    }

    fn run_merge(&mut self, files: &[PathBuf], dry_run: bool) -> Result<String, String> {
        let Some(p) = self.state.project_mut() else {
            return Err(strings::merge_nothing().into());
        };
        let target = p.path().to_path_buf();
        let others = files
            .iter()
            .map(|f| crate::merge::read_other(&target, f))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())?;
        let (report, undo) =
            crate::merge::merge(p, &others, dry_run).map_err(|e| strings::store_error(&e))?;
        if let Some(undo) = undo {
            self.state.undo.record(strings::merge_action(files), undo);
        }
        let mut text = report.to_string();
        if !report.added_anything() {
            text = format!("{}\n\n{text}", strings::merge_nothing());
        }
        Ok(text)
    }
}
