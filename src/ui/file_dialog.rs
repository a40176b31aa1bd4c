//! File dialogs that always open. Jalin first asks the desktop's own
//! dialog (rfd: the XDG desktop portal on Linux, else zenity; the system
//! dialog on macOS and Windows). rfd says only "no file", whether the user
//! cancelled or no dialog could be shown, so a dialog that comes back
//! empty within [`QUICK`] counts as not shown (no person cancels that
//! fast): from then on this session uses a dialog drawn inside the window
//! (egui_file). `JALIN_FILE_DIALOG=builtin` uses the window's own dialog
//! from the start, `JALIN_FILE_DIALOG=native` never falls back.
//!
//! Either way a request ends in [`Chosen`] with what it was for
//! ([`Purpose`]); the app then does what the menu item promised.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::reports::ExportFormat;
use crate::app::strings;

/// A desktop dialog that returns empty sooner than this was not shown.
pub const QUICK: Duration = Duration::from_millis(400);

/// What kind of path is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    OpenFile,
    OpenFiles,
    Folder,
    Save,
}

/// What the chosen path is for.
#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    OpenProject,
    NewProject,
    /// A new project to encrypt (a passphrase dialog comes next).
    NewEncryptedProject,
    ImportFiles,
    ImportFolder,
    /// The `.qdpx` to read; then asks for the new project.
    ImportQdpx,
    /// The new project for this `.qdpx`.
    ImportQdpxInto(PathBuf),
    ExportQdpx,
    /// A `.qdpx` with every real name of the pseudonym table replaced.
    ExportQdpxPseudonymised,
    ExportQdc,
    ExportQdcPseudonymised,
    ImportQdc,
    SaveCopy,
    /// The report shown, in this format.
    Report(ExportFormat),
    /// The review sheet, as `.md` or `.docx`.
    ReviewSheet(String),
    /// Project files to merge into the open one (a preview comes first).
    MergeProjects,
    /// The disagreements list, in this format.
    Disagreements(crate::export::TableFormat),
}

/// A file dialog to show.
#[derive(Debug, Clone, PartialEq)]
pub struct FileRequest {
    pub pick: Pick,
    pub title: String,
    /// A name for the filter and the extensions it lets through.
    pub filter: Option<(String, Vec<String>)>,
    /// The name a save dialog suggests.
    pub file_name: Option<String>,
    pub purpose: Purpose,
}

impl FileRequest {
    pub fn new(pick: Pick, title: &str, purpose: Purpose) -> FileRequest {
        FileRequest {
            pick,
            title: title.to_string(),
            filter: None,
            file_name: None,
            purpose,
        }
    }

    pub fn filter(mut self, name: &str, extensions: &[&str]) -> FileRequest {
        self.filter = Some((
            name.to_string(),
            extensions.iter().map(|e| e.to_string()).collect(),
        ));
        self
    }

    pub fn file_name(mut self, name: impl Into<String>) -> FileRequest {
        self.file_name = Some(name.into());
        self
    }
}

/// Which dialog to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DialogMode {
    /// The desktop's, falling back to the built-in one.
    #[default]
    Auto,
    /// The desktop's only.
    Native,
    /// The built-in one only.
    Builtin,
}

impl DialogMode {
    /// From `JALIN_FILE_DIALOG` (`builtin`, `native`; anything else: auto).
    pub fn from_env() -> DialogMode {
        match std::env::var("JALIN_FILE_DIALOG")
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
            .as_str()
        {
            "builtin" | "built-in" | "egui" => DialogMode::Builtin,
            "native" | "system" => DialogMode::Native,
            _ => DialogMode::Auto,
        }
    }
}

/// Paths chosen for a purpose.
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen {
    pub purpose: Purpose,
    pub paths: Vec<PathBuf>,
}

/// What asking for a file did.
#[derive(Debug, Clone, PartialEq)]
pub enum Asked {
    Chosen(Chosen),
    /// The built-in dialog is open; its answer comes from
    /// [`FileDialogs::show`].
    Open,
    Cancelled,
    /// No dialog could be shown; the message says so.
    Failed(String),
}

/// The workbench's file dialogs.
#[derive(Default)]
pub struct FileDialogs {
    pub mode: DialogMode,
    /// The built-in dialog open now, and what it is for.
    open: Option<(egui_file::FileDialog, FileRequest)>,
    /// Set once the desktop's dialog was found not to open.
    pub fell_back: bool,
    /// Where the built-in dialog starts (the open project's folder).
    pub folder: Option<PathBuf>,
}

impl FileDialogs {
    pub fn new() -> FileDialogs {
        FileDialogs {
            mode: DialogMode::from_env(),
            ..FileDialogs::default()
        }
    }

    /// Whether the built-in dialog is open.
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Asks for a path: the desktop's dialog answers at once; the built-in
    /// one opens and answers later through [`FileDialogs::show`].
    pub fn ask(&mut self, req: FileRequest) -> Asked {
        if self.mode != DialogMode::Builtin && !self.fell_back {
            let t0 = Instant::now();
            match native(&req) {
                Some(paths) if !paths.is_empty() => {
                    return Asked::Chosen(Chosen {
                        purpose: req.purpose,
                        paths,
                    });
                }
                _ if self.mode == DialogMode::Native || t0.elapsed() >= QUICK => {
                    return Asked::Cancelled;
                }
                _ => self.fell_back = true,
            }
        }
        self.open_builtin(req)
    }

    /// Opens the built-in dialog for `req`.
    pub fn open_builtin(&mut self, req: FileRequest) -> Asked {
        let start = self
            .folder
            .iter()
            .cloned()
            .chain(std::env::current_dir())
            .chain(directories::UserDirs::new().map(|d| d.home_dir().to_path_buf()))
            .find(|d| std::fs::read_dir(d).is_ok());
        let Some(start) = start else {
            return Asked::Failed(strings::dialog_failed().to_string());
        };
        let start = std::fs::canonicalize(&start).unwrap_or(start);
        let mut d = match req.pick {
            Pick::OpenFile | Pick::OpenFiles => egui_file::FileDialog::open_file(),
            Pick::Folder => egui_file::FileDialog::select_folder(),
            Pick::Save => egui_file::FileDialog::save_file(),
        }
        .initial_path(start)
        .title(&req.title)
        .open_button_text(strings::fd_open().into())
        .save_button_text(strings::fd_save().into())
        .cancel_button_text(strings::cancel().into())
        .new_folder_button_text(strings::fd_new_folder().into())
        .new_folder_name_text(strings::fd_new_folder_name().into())
        .rename_button_text(strings::fd_rename().into())
        .refresh_button_hover_text(strings::fd_refresh().into())
        .parent_folder_button_hover_text(strings::fd_parent_folder().into())
        .file_label_text(strings::fd_file_label().into())
        .show_hidden_checkbox_text(strings::fd_show_hidden().into())
        .show_rename(false)
        .multi_select(req.pick == Pick::OpenFiles)
        .id(egui::Id::unique("jalin-file-dialog"));
        if let Some(name) = &req.file_name {
            d = d.default_filename(name.clone());
        }
        if let Some((_, exts)) = req.filter.clone()
            && req.pick != Pick::Folder
        {
            d = d.show_files_filter(Box::new(move |p: &std::path::Path| {
                p.is_dir()
                    || p.extension().is_some_and(|e| {
                        exts.iter()
                            .any(|x| e.to_string_lossy().eq_ignore_ascii_case(x))
                    })
            }));
        }
        d.open();
        self.open = Some((d, req));
        Asked::Open
    }

    /// Draws the built-in dialog if open; returns what was chosen in it.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Chosen> {
        let (d, _) = self.open.as_mut()?;
        d.show(ctx);
        match d.state() {
            egui_file::State::Open => None,
            egui_file::State::Selected => {
                let (d, req) = self.open.take()?;
                let paths: Vec<PathBuf> = if req.pick == Pick::OpenFiles {
                    let many: Vec<PathBuf> = d.selection().into_iter().map(PathBuf::from).collect();
                    if many.is_empty() {
                        d.path().map(PathBuf::from).into_iter().collect()
                    } else {
                        many
                    }
                } else {
                    d.path().map(PathBuf::from).into_iter().collect()
                };
                (!paths.is_empty()).then_some(Chosen {
                    purpose: req.purpose,
                    paths,
                })
            }
            egui_file::State::Closed | egui_file::State::Cancelled => {
                self.open = None;
                None
            }
        }
    }
}

/// The desktop's dialog; `None` when it returned nothing.
fn native(req: &FileRequest) -> Option<Vec<PathBuf>> {
    let mut d = rfd::FileDialog::new().set_title(&req.title);
    if let Some((name, exts)) = &req.filter {
        d = d.add_filter(name, exts);
    }
    if let Some(name) = &req.file_name {
        d = d.set_file_name(name);
    }
    match req.pick {
        Pick::OpenFile => d.pick_file().map(|p| vec![p]),
        Pick::OpenFiles => d.pick_files(),
        Pick::Folder => d.pick_folder().map(|p| vec![p]),
        Pick::Save => d.save_file().map(|p| vec![p]),
    }
}
