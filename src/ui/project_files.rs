//! Opening, creating, importing into and exporting the project file.

use std::path::{Path, PathBuf};

use super::*;
use crate::app::Dirs;
use crate::store::Project;
use dialogs::Dialog;

impl JalinApp {
    pub(super) fn open_path(&mut self, path: &Path) {
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

    pub(super) fn opened(&mut self, path: &Path) {
        self.settings.remember(path);
        self.save_settings();
        self.document.close();
        self.codebook.reset();
        self.memos.reset();
        self.retrieval.reset();
        self.reports.reset();
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

    pub(super) fn new_project(&mut self) {
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
    pub(super) fn import_paths(&mut self, paths: Vec<PathBuf>, ctx: &egui::Context) {
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

    pub(super) fn start_import(
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

    pub(super) fn import_qdpx_dialog(&mut self, ctx: &egui::Context) {
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
    pub(super) fn export_exchange(&mut self, project: bool) {
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
    pub(super) fn save_copy_dialog(&mut self) {
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

    pub(super) fn import_qdc(&mut self) {
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
}

/// Every file extension File ▸ Import files offers.
pub(super) const IMPORT_EXTENSIONS: &[&str] = &[
    "txt", "md", "docx", "odt", "pdf", "html", "htm", "vtt", "srt", "csv", "tsv",
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
